"""Text analysis shared by passages and queries: normalise, tokenise, drop stopwords, stem.

One analyzer serves both sides so a query word and a passage word meet as the same
token. Stemming is Snowball's English stemmer from PyStemmer (the official Snowball C
code, as bm25s uses: about 15x faster than a Python stemmer and a few milliseconds to
import, where nltk costs most of a second). nltk is imported only to split sentences
(Punkt), which only index builds do.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

#: Bump when tokenising or stemming changes: an index built by another version is stale.
#: 3: PyStemmer's Snowball English (nltk's older variant differed on ~0.2% of words).
#: 4: irregular forms stemmed as their base form (irregular.txt).
ANALYZER_VERSION = 4

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2212": "-",
    }
)

# An acronym with dots ("U.S.", "U.N."), or a word: letters/digits with inner apostrophes.
_TOKEN = re.compile(r"(?P<acro>(?:[^\W\d_]\.){2,})|(?P<word>[^\W_]+(?:'[^\W_]+)*)")
_POSSESSIVE = re.compile(r"'s$")
# The same words as _TOKEN's "word" group once "_" is a space (\w is [^\W_] plus "_"): 2-3x
# faster, for texts that cannot hold an acronym (see _may_hold_acronym).
_WORD = re.compile(r"\w+(?:'\w+)*")


def _may_hold_acronym(text: str) -> bool:
    """False only when _TOKEN's "acro" group cannot match anywhere in ``text``: it needs
    a letter, a dot, a letter and a dot in a row (checked at each dot; isalnum() is a
    superset of the class, so a doubt means True)."""
    i = text.find(".", 1)
    n = len(text)
    while i != -1:
        if i + 2 < n and text[i + 2] == "." and text[i - 1].isalnum() and text[i + 1].isalnum():
            return True
        i = text.find(".", i + 1)
    return False


def fold(text: str) -> str:
    """Normalise for matching: NFKC, straight quotes, plain spaces and hyphens."""
    if text.isascii():  # NFKC leaves ASCII alone, and "`" is the table's one ASCII key
        return text.replace("`", "'")
    return unicodedata.normalize("NFKC", text.translate(_QUOTES))


#: The shipped tables. A plain path beside this module, not importlib.resources, which
#: imports zipfile and tempfile (milliseconds of every one-shot ask); qabot is not run zipped.
DATA = Path(__file__).parent / "data"


def _data_lines(name: str) -> list[str]:
    raw = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list shipped in ``qabot/data/stopwords.txt``."""
    return frozenset(fold(w).lower() for w in _data_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def acronyms() -> dict[str, str]:
    """Acronyms whose lower-case form is a common word, mapped to a distinct token."""
    table: dict[str, str] = {}
    for line in _data_lines("acronyms.txt"):
        acro, token = line.split()
        table[acro.upper()] = token.lower()
    return table


@lru_cache(maxsize=1)
def irregular() -> dict[str, str]:
    """Irregular forms mapped to their base form ("gave" -> "give", "crises" -> "crisis"),
    from ``qabot/data/irregular.txt``: the stemmer leaves them apart from the base."""
    table: dict[str, str] = {}
    for line in _data_lines("irregular.txt"):
        base, *forms = line.lower().split()
        table.update((form, base) for form in forms)
    return table


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Identifies the analysis: an index made with another fingerprint must be rebuilt."""
    # crc32, not sha256: this runs on every start and hashlib costs milliseconds to import;
    # it only has to notice that the data files changed, not resist anyone
    h = zlib.crc32(f"qabot-analyzer-{ANALYZER_VERSION}-pystemmer-english".encode())
    for name in ("stopwords.txt", "acronyms.txt", "irregular.txt"):
        h = zlib.crc32((DATA / name).read_bytes(), h)
    return f"{ANALYZER_VERSION}-{h:08x}"


@lru_cache(maxsize=1)
def _snowball() -> Callable[[str], str]:
    import Stemmer  # PyStemmer: Snowball's own C implementation

    stem: Callable[[str], str] = Stemmer.Stemmer("english").stemWord
    return stem


@lru_cache(maxsize=200_000)
def snowball_stem(word: str) -> str:
    """Snowball stem of one lower-case word (cached: corpora repeat words a lot)."""
    if word.isdigit():
        return word
    return _snowball()(word)


_MISS: tuple[str, str] = ("", "")


def _fold_accents(word: str) -> str:
    """Latin letters without their accents ("Hanói" -> "Hanoi"), as search engines fold."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def surface_text(text: str) -> str:
    """The string whose offsets :meth:`Analyzer.surface` reports: ``text`` with quotes,
    spaces and hyphens made plain, one character for one (no NFKC, which can expand a
    ligature into two letters and shift every offset after it)."""
    if text.isascii():  # the table's one ASCII key (the rest are quotes, spaces, dashes)
        return text.replace("`", "'")
    return text.translate(_QUOTES)


#: Texts whose token sets an analyzer keeps (:meth:`Analyzer.term_set`; sentences and words).
TERM_SETS = 8192


class Analyzer:
    """Turns text into index tokens (memoising each distinct word's outcome)."""

    _shared: Analyzer | None = None

    def __init__(self) -> None:
        self._stop = stopwords()
        self._acronyms = acronyms()
        self._irregular = irregular()
        # raw word -> (word, token), or None for a dropped word; only for words whose
        # outcome does not depend on the rest of the text (not acronym candidates).
        self._memo: dict[str, tuple[str, str] | None] = {}
        self._sets: dict[str, frozenset[str]] = {}  # text -> its distinct tokens (term_set)

    @classmethod
    def shared(cls) -> Analyzer:
        """One analyzer per process (its memo is worth keeping across callers)."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def _word(self, raw: str, all_caps: bool) -> tuple[str, str] | None:
        """The (word, token) of one raw word, or None when it is dropped (memoised)."""
        # (NFKC and the accent folding leave ASCII alone)
        word = raw if raw.isascii() else _fold_accents(unicodedata.normalize("NFKC", raw))
        upper = word.upper()
        acronym = len(word) > 1 and word.isupper() and upper in self._acronyms
        if acronym and (not all_caps or self._acronyms[upper] == "usa"):
            return word.lower(), self._acronyms[upper]
        low = word.lower()
        if low in self._stop:
            kept = None
        else:
            if low.endswith("'s"):  # _POSSESSIVE (a word holds no newline for "$" to skip)
                low = low[:-2]
            if low in self._stop or (len(low) == 1 and not low.isdigit()):
                kept = None
            else:
                base = self._irregular.get(low, low)  # "gave" is stemmed as "give"
                kept = (low, snowball_stem(base.replace("'", "")))
        if not acronym:
            self._memo[raw] = kept
        return kept

    def pairs(self, text: str) -> list[tuple[str, str]]:
        """(word, token) for each kept word of ``text``: :meth:`surface` without offsets,
        the form index builds use (a few times faster: no match objects)."""
        folded = surface_text(text)
        all_caps: bool | None = None  # known once a word is not memoised (seldom)
        memo = self._memo
        get = memo.get
        out: list[tuple[str, str]] = []
        if not _may_hold_acronym(folded):
            # the common case: words only, each looked up in the memo
            for raw in _WORD.findall(folded.replace("_", " ")):
                kept = get(raw, _MISS)
                if kept is _MISS:
                    if all_caps is None:
                        all_caps = not any(c.islower() for c in folded)
                    kept = self._word(raw, all_caps)
                if kept is not None:
                    out.append(kept)
            return out
        for acro, raw in _TOKEN.findall(folded):
            if acro:
                letters = acro.replace(".", "")
                out.append((acro.lower(), self._acronyms.get(letters.upper(), letters.lower())))
                continue
            kept = get(raw, _MISS)
            if kept is _MISS:
                if all_caps is None:
                    all_caps = not any(c.islower() for c in folded)
                kept = self._word(raw, all_caps)
            if kept is not None:
                out.append(kept)
        return out

    def surface(self, text: str) -> Iterator[tuple[str, str, int, int]]:
        """Yield (word, token, start, end) for each kept word.

        ``word`` is the lower-case surface form (NFKC-normalised), ``token`` what the
        index stores; offsets index ``text`` (and :func:`surface_text` of it, which has
        the same length).
        """
        folded = surface_text(text)
        all_caps = not any(c.islower() for c in folded)
        for m in _TOKEN.finditer(folded):
            raw = m.group()
            if m.group("acro"):
                letters = raw.replace(".", "")
                token = self._acronyms.get(letters.upper(), letters.lower())
                yield raw.lower(), token, m.start(), m.end()
                continue
            kept = self._memo.get(raw, _MISS)
            if kept is _MISS:
                kept = self._word(raw, all_caps)
            if kept is not None:
                yield kept[0], kept[1], m.start(), m.end()

    def analyze(self, text: str) -> list[str]:
        """The token list BM25 sees for ``text`` (from :meth:`pairs`, which tests hold
        equal to :meth:`surface`, the faster of the two)."""
        return [token for _, token in self.pairs(text)]

    def term_set(self, text: str) -> frozenset[str]:
        """The distinct tokens of ``text``, memoised (at most :data:`TERM_SETS` texts):
        answer choice reads the sentences of the same top passages question after
        question, and a text's tokens depend on it alone."""
        hit = self._sets.get(text)
        if hit is None:
            if len(self._sets) >= TERM_SETS:
                self._sets.clear()
            hit = self._sets[text] = frozenset(self.analyze(text))
        return hit


# ---------------------------------------------------------------- sentences

#: Abbreviations Punkt must not split after (lower case, no final dot).
ABBREVIATIONS = frozenset(
    [
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "d.c",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "sen",
        "rep",
        "gov",
        "pres",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "fig",
        "vol",
    ]
)


#: Punkt verdicts remembered (see :func:`_punkt`): contexts are a word, its stop and the
#: next word (~16 characters), so this many take ~10 MB (measured with tracemalloc).
VERDICTS_CACHED = 1 << 16
#: A candidate's context longer than this is judged afresh (a URL, a run of spaces): it
#: would rarely recur and could make the cache's memory unbounded.
VERDICT_CONTEXT_MAX = 64


def _punkt_plain() -> Any:
    """Punkt with the parameters above, as nltk ships it (no cache)."""
    PunktParameters, PunktSentenceTokenizer = _punkt_classes()
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


#: A context Punkt surely breaks, decided without it: two or more ASCII letters, a stop,
#: question or exclamation mark, then spaces (tab, newline) and a letter or digit
#: ("growth. The"). Punkt cuts it into the word with its stop (or the word and its mark)
#: and the next word; a mark is a break; a stopped word is one unless it is a known
#: abbreviation (checked by the caller), and the second pass only revisits abbreviations,
#: initials (one letter), numbers and known collocations (none here). Most candidates in
#: prose are of this kind, and each new one cost Punkt's whole tokenise-and-annotate (3/4
#: of them were new on the synthetic benchmark corpus, whose word pairs rarely recur).
_SURE_BREAK = re.compile(r"[A-Za-z]{2,}([.?!])[ \t\n]+[A-Za-z0-9]")


@lru_cache(maxsize=1)
def _punkt() -> object:
    """Punkt whose verdict per candidate sentence end is remembered. Punkt decides each
    candidate (a ``.``, ``?`` or ``!``) by ``text_contains_sentbreak`` over a short
    context (the word holding the stop, what follows it, the next word), a pure function
    of that string under fixed parameters; that call was ~70% of sentence splitting, and a
    corpus repeats its contexts ("said. The") often. Same spans, bit for bit
    (tests/test_analysis.py compares against :func:`_punkt_plain`)."""
    tokenizer = _punkt_plain()
    _untimed(tokenizer)
    judge: Callable[[str], bool] = tokenizer.text_contains_sentbreak
    remembered = lru_cache(maxsize=VERDICTS_CACHED)(judge)

    params = tokenizer._params
    abbrevs = params.abbrev_types
    sure = _SURE_BREAK.match if not params.collocations else (lambda _: None)

    def verdict(context: str) -> bool:
        m = sure(context)
        if m is not None and (m.group(1) != "." or context[: m.start(1)].lower() not in abbrevs):
            return True
        return remembered(context) if len(context) <= VERDICT_CONTEXT_MAX else judge(context)

    tokenizer.text_contains_sentbreak = verdict  # the instance's, which span_tokenize calls
    tokenizer.verdicts = remembered  # (cache_info for tests)
    return tokenizer


def _bare(pattern: Any) -> Any:
    """The compiled pattern inside nltk's ``redos.TimedPattern`` (nltk >= 3.9.3 wraps
    every regex it uses so that each match call runs under a wall-clock timeout), or
    ``pattern`` itself when it is not wrapped (an older nltk)."""
    inner = getattr(pattern, "_rx", None)
    return pattern if inner is None or not hasattr(inner, "match") else inner


def _untimed(tokenizer: Any) -> None:
    """Give ``tokenizer`` the very patterns nltk compiled (the same engine, so the same
    matches) without the per-call timeout wrapper: Punkt's own fixed patterns cannot
    backtrack badly (the timeout guards caller-supplied ones), and the wrapper's
    bookkeeping on each of the ~10 match calls per candidate sentence end was ~40% of
    sentence splitting. Only this instance changes (its language variables and its tokens
    get subclasses): nltk's classes stay as they are."""
    lang = tokenizer._lang_vars
    realign = _bare(lang.re_boundary_realignment)
    lang.__class__ = type(
        "UntimedPunktLanguageVars", (type(lang),), {"__slots__": (), "re_boundary_realignment": realign}
    )
    lang._re_period_context = _bare(lang.period_context_re())
    lang._re_word_tokenizer = _bare(lang._word_tokenizer_re())
    base = tokenizer._Token
    prop = getattr(base, "is_non_punct", None)
    read = getattr(prop, "fget", None)
    # the module-level pattern that property reads (nltk's module is out of sys.modules)
    non_punct = _bare(getattr(read, "__globals__", {}).get("_re_non_punct"))
    attrs: dict[str, Any] = {
        name: _bare(getattr(base, name))
        for name in ("_RE_ELLIPSIS", "_RE_NUMERIC", "_RE_INITIAL", "_RE_ALPHA")
        if hasattr(base, name)
    }
    if non_punct is not None:
        attrs["is_non_punct"] = property(lambda tok: non_punct.search(tok.type))
    tokenizer._Token = type("UntimedPunktToken", (base,), {"__slots__": (), **attrs})


def _punkt_classes() -> tuple[Any, Any]:
    """nltk's Punkt classes, loaded without running ``nltk/__init__`` where nltk is not
    imported yet: that imports most of nltk (0.25 s), and Punkt needs a dozen small
    modules (0.05 s). Stand-in package modules for ``nltk`` and ``nltk.tokenize`` (their
    folders, none of their code) let ``nltk.tokenize.punkt`` import what it imports; then
    every ``nltk`` module goes from ``sys.modules`` again, so a later ``import nltk``
    loads the real package whole. Any failure there: the ordinary import."""
    import sys

    if "nltk" not in sys.modules:
        import importlib.util
        import types

        try:
            spec = importlib.util.find_spec("nltk")
            folders = list(spec.submodule_search_locations or []) if spec else []
        except (ImportError, ValueError):
            folders = []
        if folders:
            import os

            for name, sub in (("nltk", ""), ("nltk.tokenize", "tokenize")):
                stand_in = types.ModuleType(name)
                stand_in.__path__ = [os.path.join(f, sub) if sub else f for f in folders]
                stand_in.__package__ = name
                sys.modules[name] = stand_in
            try:
                from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

                return PunktParameters, PunktSentenceTokenizer
            except Exception:  # another nltk's layout: the ordinary import below
                pass
            finally:
                for name in [k for k in sys.modules if k == "nltk" or k.startswith("nltk.")]:
                    del sys.modules[name]
    # `import nltk` imports scipy.stats when scipy is installed (0.5 s, for nltk.metrics,
    # which Punkt never uses); every such nltk import is guarded by `except ImportError`,
    # so hiding scipy while nltk loads skips it. Only when scipy is not loaded already.
    hide = "scipy" not in sys.modules
    if hide:
        sys.modules["scipy"] = None  # type: ignore[assignment]
    try:
        from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    finally:
        if hide and sys.modules.get("scipy", 0) is None:
            del sys.modules["scipy"]
    return PunktParameters, PunktSentenceTokenizer


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``: Punkt's ``span_tokenize`` with
    the parameters above (the whole text as one sentence when Punkt finds none)."""
    if not text.strip():
        return []
    tokenizer: Any = _punkt()
    spans: list[tuple[int, int]] = list(tokenizer.span_tokenize(text))
    return spans or [(0, len(text))]


# ---------------------------------------------------------------- terminal safety

_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI sequences (colours, cursor moves)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC (titles, hyperlinks)
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b.?"  # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # C0/C1, bidi
)


#: Where any match of _CONTROL starts: a text holding none of these has nothing to strip.
_CONTROL_START = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def strip_control(text: str) -> str:
    """Remove escape sequences and control characters (newline and tab survive)."""
    if _CONTROL_START.search(text) is None:
        return text
    return _CONTROL.sub("", text)

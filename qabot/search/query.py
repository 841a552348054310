"""From a question to the weighted terms searched: a frozen :class:`Query` and its stages.

Each stage takes a Query and returns a new one (nothing is changed in place):

- :func:`parse`: cut an over-long question, find its type, the entities it names and
  its words, each marked known or not to the corpus;
- :func:`repair`: a word the corpus lacks is taken in another spelling the corpus
  holds (plural or singular, hyphen or none: "PPP" for "PPPs", "email" for "e-mail"),
  repaired to the nearest corpus word (typo), or taken in its longer corpus forms
  (prefix); else it is left unknown: an unknown capitalised name (which abstention
  refuses) or an absent word (which counts against coverage; an acronym is one);
- :func:`variants`: an acronym the corpus lacks is searched as its spelling out in the
  passages about the question's other words, a capitalised name also as its initials
  (:mod:`qabot.search.variants`);
- :func:`weigh`: the question's own terms and their weights (words naming the kind of
  answer wanted weigh little);
- :func:`expand`: the other names of the entities named, and synonyms;
- :func:`carry`: a follow-up borrows the previous question's words and the names the
  previous answer brought in.

The numbers come from :class:`~qabot.search.params.Params`; the corpus is seen through
the :class:`~qabot.search.searcher.Searcher` protocol only. Every stage is linear in
the question's length (spans and mentions are matched by bisection, not pairwise).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..analysis import Analyzer, surface_text
from ..cues import question_type
from ..lexicon import Lexicon, Mention
from . import conversation, when
from . import variants as variants_mod
from .params import Params
from .searcher import Searcher, rows

if TYPE_CHECKING:
    import numpy as np

#: Words that name the kind of answer wanted ("what role does X play", "where was it
#: held") rather than its topic: the question-type cue rewards the answer kind, so
#: these weigh ``Params.frame_weight``.
FRAME_WORDS = {
    "role": "role play part",
    "when": "date time day",
    "where": "place location held hold",
    "why": "reason cause",
    "who": "person people name",
    "number": "number",
}

#: (term, start, end): a term and the span of the question's words it stands for.
Span = tuple[str, int, int]


@dataclass(frozen=True)
class Word:
    """One word of the question, and what :func:`repair` made of it.

    ``how``: "known" (the corpus holds its term), "variant" (another spelling the
    corpus holds: plural or singular, with or without a hyphen), "joined" (the second
    half of a hyphenated pair the first one's "variant" covers), "spelled" (an acronym
    searched as the words :func:`variants` found it spelled out with), "typo" (repaired to a corpus word),
    "prefix" (searched as the longer corpus terms it begins), "absent" (a content word
    the corpus lacks), "name" (a capitalised name the corpus lacks), "inside" (a word
    the corpus lacks inside an entity's name: the entity decides), or "" (not repaired
    yet).
    """

    surface: str  # lower-case surface form
    token: str  # its analysed term
    start: int
    end: int
    known: bool
    in_entity: bool
    how: str = ""
    terms: tuple[str, ...] = ()  # the corpus terms it is searched as


@dataclass(frozen=True)
class Query:
    """What will be searched for a question, and why (built stage by stage)."""

    question: str  # as searched: control characters stripped by the caller, cut when too long
    qtype: str | None = None
    truncated: bool = False  # the question was longer than Params.max_question_chars
    mentions: tuple[Mention, ...] = ()  # entity names found in the question
    words: tuple[Word, ...] = ()
    # repair
    corrections: Mapping[str, str] = dataclasses.field(default_factory=dict)  # misspelt -> corpus word
    variants: Mapping[str, str] = dataclasses.field(default_factory=dict)  # acronym <-> its spelling out
    unknown: tuple[str, ...] = ()  # words the corpus lacks, in order
    unknown_names: tuple[str, ...] = ()  # capitalised names the corpus lacks
    absent: tuple[str, ...] = ()  # "?word": absent words that count against coverage
    # weigh
    own: Mapping[str, float] = dataclasses.field(default_factory=dict)  # the question's own terms
    spans: tuple[Span, ...] = ()  # own terms (and "?word"s) with the words they cover
    # expand and carry
    added: Mapping[str, float] = dataclasses.field(default_factory=dict)  # other terms searched
    expanded: frozenset[str] = frozenset()  # alias and synonym terms
    # own term -> {other term: credit}: a passage holding an alias or synonym of a
    # question word covers that word partly
    alts: Mapping[str, Mapping[str, float]] = dataclasses.field(default_factory=dict)
    entities: tuple[str, ...] = ()  # display names of the entities named
    entity_terms: tuple[frozenset[str], ...] = ()  # each named entity's terms
    missing: tuple[str, ...] = ()  # entities named that the corpus never mentions
    borrowed: tuple[str, ...] = ()  # the previous question's words, carried on
    carried: tuple[str, ...] = ()  # names borrowed from the previous answer
    carried_terms: frozenset[str] = frozenset()  # ... as terms
    # time (qabot.search.when): the window and preference the question is asked with
    timing: when.Timing | None = None
    # the spans of the time words the time stage took out of the search ("first", "in 2017")
    time_spans: tuple[tuple[int, int], ...] = ()

    @cached_property
    def weights(self) -> dict[str, float]:
        """Everything searched before feedback: the added terms, then the own ones."""
        return {**self.added, **self.own}

    def topic_terms(self) -> set[str]:
        """The words an answer is judged on: own, borrowed, aliases/synonyms (no feedback)."""
        return set(self.own) | set(self.borrowed) | self.carried_terms | self.expanded


class Knowledge:
    """What the query stages consult besides the question: the corpus vocabulary (through
    the searcher), the analyzer and the lexicon, with what they remember across questions."""

    def __init__(self, searcher: Searcher, analyzer: Analyzer, lexicon: Lexicon) -> None:
        self.searcher = searcher
        self.analyzer = analyzer
        self.lexicon = lexicon
        self._letters: tuple[list[str], np.ndarray, np.ndarray] | None = None
        self._entity_known: dict[int, bool] = {}
        self._phrase_terms: dict[tuple[str, ...], list[list[str]]] = {}
        self._frame = {q: frozenset(analyzer.analyze(words)) for q, words in FRAME_WORDS.items()}
        self.titles = when.Titles(searcher, analyzer)  # briefing titles, for dating events

    def known(self, term: str) -> bool:
        return self.searcher.has_term(term)

    def frame_terms(self, qtype: str | None) -> frozenset[str]:
        return self._frame.get(qtype or "", frozenset())

    def all_frame_terms(self) -> frozenset[str]:
        """The terms naming a kind of answer, of every question type ("people", "place")."""
        return frozenset().union(*self._frame.values())

    def entity_in_corpus(self, group: int) -> bool:
        """Whether one of the entity's names occurs in the corpus (all its words)."""
        hit = self._entity_known.get(group)
        if hit is None:
            ent = self.lexicon.entities[group]
            names = (*ent.names, *ent.hints)
            hit = any((toks := self.analyzer.analyze(n)) and all(self.known(t) for t in toks) for n in names)
            self._entity_known[group] = hit
        return hit

    def entity_name_terms(self, group: int) -> list[list[str]]:
        """Each name of an entity as its terms the corpus holds."""
        return self._known_terms(self.lexicon.entities[group].names)

    def entity_hint_terms(self, group: int) -> list[list[str]]:
        """Each capital or seat of an entity as its terms the corpus holds."""
        return self._known_terms(self.lexicon.entities[group].hints)

    def synonym_terms(self, group: int) -> list[list[str]]:
        """Each phrase of a synonym group as its terms the corpus holds."""
        return self._known_terms(self.lexicon.synonyms[group])

    def variant(self, raw: str) -> str | None:
        """The corpus term of another spelling of ``raw`` (a word the corpus lacks as
        written): its plural or singular ("PPP" / "PPPs", "policy" / "policies", "MPs" /
        "MP"), or the word split at a hyphen ("email" -> "e-mail"; not for a capitalised
        word, whose halves would hide an unknown name). None when there is none."""
        forms: list[str] = []
        if raw.endswith("'s"):
            forms.append(raw[:-2])
        elif raw.endswith(("s", "S")) and (len(raw) > 3 or raw[-2:-1].isupper()):
            forms.append(raw[:-1])
            if raw.endswith("ies"):
                forms.append(raw[:-3] + "y")
            elif raw.endswith(("ses", "xes", "zes", "ches", "shes")):
                forms.append(raw[:-2])
        elif len(raw) >= 3:  # not "go" -> "goes"
            forms.append(raw + ("es" if raw.endswith(("s", "x", "z", "ch", "sh")) else "s"))
            if raw.endswith("y") and raw[-2:-1] not in "aeiou":
                forms.append(raw[:-1] + "ies")
        for form in forms:
            toks = self.analyzer.analyze(form)
            if len(toks) == 1 and self.known(toks[0]):
                return toks[0]
        if raw[:1].islower() and raw.isalpha() and len(raw) >= 5:
            for cut in range(1, len(raw) - 2):
                toks = self.analyzer.analyze(f"{raw[:cut]}-{raw[cut:]}")
                if len(toks) == 1 and self.known(toks[0]):  # "e-mail": the "e" is dropped
                    return toks[0]
        return None

    def joined(self, first: str, second: str) -> str | None:
        """The corpus term of two hyphenated words written as one ("Nur-Sultan" ->
        "Nursultan", "co-operation" -> "cooperation"), or None."""
        toks = self.analyzer.analyze(first + second)
        return toks[0] if len(toks) == 1 and self.known(toks[0]) else None

    def _known_terms(self, phrases: Sequence[str]) -> list[list[str]]:
        """Each phrase as its terms the corpus holds, worked out once per list of phrases."""
        key = tuple(phrases)
        hit = self._phrase_terms.get(key)
        if hit is None:
            hit = [[t for t in self.analyzer.analyze(ph) if self.known(t)] for ph in phrases]
            self._phrase_terms[key] = hit
        return hit

    def nearest_word(self, word: str, p: Params) -> str | None:
        """The corpus word nearest to ``word`` (absent from the corpus), or None.

        Up to ``typo_edits`` edits (1 below ``typo_long`` letters), for words of
        ``typo_min_len`` letters and more. Candidates are first cut to words of a close
        length whose letter counts differ by at most twice the distance (a lower bound
        of it), so only a handful get the exact comparison; ties go to the word in more
        passages. The cut runs in numpy when numpy is loaded, else (a one-shot ask over a
        small index) in Python: the same candidates either way.
        """
        if p.typo_edits <= 0 or len(word) < p.typo_min_len or not word.isascii() or not word.isalpha():
            return None
        table = self.searcher.words()
        limit = min(p.typo_edits, 1 if len(word) < p.typo_long else 2)
        if self._letters is None and "numpy" not in sys.modules:
            return self._nearest(word, table, _close_words(table, word, limit), limit)
        import numpy as np

        if self._letters is None:
            words = [w for w in table if w.isascii() and w.isalpha()]
            counts = np.zeros((len(words), 26), dtype=np.int16)
            for r, w in enumerate(words):
                for c in w:
                    counts[r, ord(c) - 97] += 1
            self._letters = (words, counts, np.asarray([len(w) for w in words], dtype=np.int16))
        words, counts, lengths = self._letters
        mine = np.zeros(26, dtype=np.int16)
        for c in word:
            mine[ord(c) - 97] += 1
        close = np.flatnonzero(
            (np.abs(lengths - len(word)) <= limit) & (np.abs(counts - mine).sum(axis=1) <= 2 * limit)
        )
        return self._nearest(word, table, [words[r] for r in close.tolist()], limit)

    def _nearest(self, word: str, table: Mapping[str, str], close: list[str], limit: int) -> str | None:
        """Of the candidates ``close`` (in table order), the nearest within ``limit`` edits."""
        best: tuple[int, int, str] | None = None
        for cand in close:
            d = _osa(word, cand, limit)
            if d <= limit:
                key = (d, -self.searcher.doc_freq(table[cand]), cand)
                if best is None or key < best:
                    best = key
        return best[2] if best else None


def _close_words(table: Iterable[str], word: str, limit: int) -> list[str]:
    """The words of ``table`` (ASCII letters only) within ``limit`` of ``word``'s length
    whose letter counts differ from its by at most ``2 * limit``, in table order."""
    mine = Counter(word)
    out = []
    for w in table:
        if abs(len(w) - len(word)) <= limit and w.isascii() and w.isalpha():
            theirs = Counter(w)
            if sum(abs(theirs[c] - mine[c]) for c in theirs.keys() | mine.keys()) <= 2 * limit:
                out.append(w)
    return out


#: An acronym as a question writes it: two or more capitals (digits allowed after the
#: first letter), maybe a plural or possessive ending ("MPs", "AMLO's").
ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9](?:s|'s|’s)?")
_ACRONYM_MAX = 8  # letters: longer capital runs are shouting, not acronyms


def acronym_core(raw: str) -> str | None:
    """``raw``'s acronym without a plural or possessive ending, if it is one."""
    if not ACRONYM.fullmatch(raw):
        return None
    core = re.sub(r"(?:'s|’s|s)$", "", raw)
    letters = sum(c.isupper() for c in core)
    digits = sum(c.isdigit() for c in core)
    return core if letters and letters + digits >= 2 and len(core) <= _ACRONYM_MAX else None


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def bound(question: str, limit: int) -> tuple[str, bool]:
    """``question`` cut to at most ``limit`` characters (at a word when it can be), and
    whether it was cut."""
    if len(question) <= limit:
        return question, False
    cut = question[:limit]
    if not question[limit].isspace():
        head = cut.rsplit(None, 1)[0] if len(cut.split(None, 1)) > 1 else cut
        cut = head
    return cut.rstrip(), True


class _Intervals:
    """Sorted, non-overlapping spans, probed for overlap by bisection."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def overlapping(self, a: int, b: int) -> tuple[int, int]:
        """The range [lo, hi) of spans with start < b and a < end."""
        lo = bisect.bisect_right(self.ends, a)
        hi = bisect.bisect_left(self.starts, b)
        return lo, max(lo, hi)


#: Abbreviated month and day names ("Sept 1760", "Tues"): capitalised, but a time, never
#: a name the briefings would have to mention.
_CALENDAR_SHORT = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun".split()
)


# ---------------------------------------------------------------- the stages


def parse(question: str, kb: Knowledge, p: Params) -> Query:
    """The question's type, entity mentions and words (known to the corpus or not)."""
    text, truncated = bound(question, p.max_question_chars)
    mentions = tuple(kb.lexicon.entity_mentions(text))
    named = _Intervals([(m.start, m.end) for m in mentions])
    words = []
    for word, token, a, b in kb.analyzer.surface(text):
        lo, hi = named.overlapping(a, b)
        words.append(Word(word, token, a, b, kb.known(token), in_entity=lo < hi))
    return Query(text, question_type(text), truncated, mentions, tuple(words))


def repair(q: Query, kb: Knowledge, p: Params) -> Query:
    """Words the corpus lacks: repaired (typo), taken in longer forms (prefix), or unknown."""
    text = surface_text(q.question)  # the string whose offsets the words carry
    mixed_case = any(c.islower() for c in text) and any(c.isupper() for c in text)
    first_word = re.match(r"\s*\S+", text)
    sentence_start = first_word.end() if first_word else 0
    table: Mapping[str, str] | None = None
    words: list[Word] = []
    corrections: dict[str, str] = {}
    unknown: list[str] = []
    names: list[str] = []
    for n, w in enumerate(q.words):
        if w.known:
            words.append(dataclasses.replace(w, how="known", terms=(w.token,)))
            continue
        raw = text[w.start : w.end]
        if words and words[-1].how == "variant" and text[words[-1].end : w.start] == "-" and not w.in_entity:
            prev = words[-1]
            if kb.joined(text[prev.start : prev.end], raw) == prev.terms[0]:
                words.append(dataclasses.replace(w, how="joined"))
                continue
        nxt = q.words[n + 1] if n + 1 < len(q.words) else None
        other = None
        if not w.in_entity:
            other = kb.variant(raw)
            if other is None and nxt is not None and text[w.end : nxt.start] == "-":
                other = kb.joined(raw, text[nxt.start : nxt.end])
        if other is not None:
            words.append(dataclasses.replace(w, how="variant", terms=(other,)))
            continue
        fixed = None if w.in_entity else kb.nearest_word(w.surface, p)
        if fixed is not None:
            table = table if table is not None else kb.searcher.words()
            corrections[w.surface] = fixed
            words.append(dataclasses.replace(w, how="typo", terms=(table[fixed],)))
            continue
        longer = (
            kb.searcher.terms_with_prefix(w.token, p.prefix_terms)
            if p.prefix_weight > 0 and len(w.token) >= p.prefix_min_len
            else []
        )
        if longer:  # the question's own word in another form: it counts as its own
            words.append(dataclasses.replace(w, how="prefix", terms=tuple(longer)))
            continue
        core = acronym_core(raw) if not w.in_entity else None
        unknown.append(w.surface)
        if w.in_entity:
            how = "inside"
        elif core is not None:  # an acronym: :func:`variants` may find it spelled out
            how = "absent"
        elif (
            mixed_case
            and w.start >= sentence_start
            and text[w.start : w.start + 1].isupper()
            and w.surface.rstrip(".") not in _CALENDAR_SHORT
        ):
            how = "name"
            names.append(text[w.start : w.end])
        else:  # an absent word still counts against coverage (unless a synonym stands in)
            how = "absent"
        words.append(dataclasses.replace(w, how=how))
    return dataclasses.replace(
        q,
        words=tuple(words),
        corrections=corrections,
        unknown=tuple(unknown),
        unknown_names=tuple(names),
        absent=tuple(f"?{w.surface}" for w in words if w.how == "absent"),
    )


def variants(q: Query, kb: Knowledge, p: Params) -> Query:
    """Name variants the archive shows (:mod:`qabot.search.variants`): an acronym the
    corpus lacks is searched as its spelling out in the passages about the question's
    other words; a capitalised name also as its initials, when those passages use them."""
    if p.variant_weight <= 0:
        return q
    text = surface_text(q.question)
    others = [t for w in q.words if w.how in ("known", "typo", "prefix", "variant") for t in w.terms]
    read: list[str] | None = None

    def texts() -> list[str]:
        nonlocal read
        if read is None:
            read = [
                kb.searcher.passage(i).search_text for i in variants_mod.best_passages(kb.searcher, others)
            ]
        return read

    words = list(q.words)
    found: dict[str, str] = dict(q.variants)
    for r, w in enumerate(words):
        surface = text[w.start : w.end]
        if w.how not in ("name", "absent") or not variants_mod.is_acronym(surface) or not others:
            continue
        long = variants_mod.spelled_out(surface, texts())
        toks = [t for t in kb.analyzer.analyze(long) if kb.known(t)] if long else []
        if long and toks:
            words[r] = dataclasses.replace(w, how="spelled", terms=tuple(dict.fromkeys(toks)))
            found[surface] = long
    added = dict(q.added)
    alts: dict[str, dict[str, float]] = {o: dict(c) for o, c in q.alts.items()}
    expanded = set(q.expanded)
    if p.alias_weight > 0 and any(c.islower() for c in text):
        starts = [w.start for w in words]  # words are in question order: a run's by bisect
        subject: list[int] | None = None
        for run, a, b in variants_mod.capitalised_runs(text):
            acronym = variants_mod.initials_of(run)
            term = kb.analyzer.analyze(acronym)
            lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
            inside = [w.token for w in words[lo:hi] if w.how == "known"]
            if len(acronym) < 3 or len(term) != 1 or not kb.known(term[0]) or term[0] in inside:
                continue
            if subject is None:  # the question's subject: the same passages for every run
                subject = variants_mod.best_passages(kb.searcher, others)
            ids = subject
            if not ids or not any(any(row) for row in rows(kb.searcher.holds(term, ids))):
                continue
            (t,) = term
            added[t] = max(added.get(t, 0.0), p.alias_weight * p.variant_weight)
            expanded.add(t)
            for o in inside:
                alts.setdefault(o, {})[t] = p.alias_credit
            found[" ".join(run)] = acronym
    if not found:
        return q
    return dataclasses.replace(
        q,
        words=tuple(words),
        variants=found,
        added=added,
        alts=alts,
        expanded=frozenset(expanded),
        unknown=tuple(x.surface for x in words if x.how in ("name", "absent", "inside")),
        unknown_names=tuple(n for n in q.unknown_names if n not in found),
        absent=tuple(f"?{x.surface}" for x in words if x.how == "absent"),
    )


def weigh(q: Query, kb: Knowledge, p: Params) -> Query:
    """The question's own terms: 1 per occurrence, a prefix's longer forms at
    ``prefix_weight``, words naming the kind of answer at ``frame_weight``."""
    own: dict[str, float] = {}
    spans: list[Span] = []
    for w in q.words:
        if w.how in ("known", "typo", "variant"):
            (t,) = w.terms
            own[t] = own.get(t, 0.0) + 1.0
            if w.how != "typo":  # a repaired word's span is not matched to names
                spans.append((t, w.start, w.end))
        elif w.how == "prefix":
            for t in w.terms:
                own[t] = max(own.get(t, 0.0), p.prefix_weight)
                spans.append((t, w.start, w.end))
        elif w.how == "spelled":  # an acronym searched as its spelling out
            for t in w.terms:
                own[t] = max(own.get(t, 0.0), p.variant_weight)
                spans.append((t, w.start, w.end))
        elif w.how == "absent":
            spans.append((f"?{w.surface}", w.start, w.end))
    frame = kb.frame_terms(q.qtype)
    for t in own:
        if t in frame:
            own[t] = p.frame_weight  # "role" in "what role does X play": the cue's job
    return dataclasses.replace(q, own=own, spans=tuple(spans))


def time(q: Query, kb: Knowledge, p: Params, given: when.Given) -> Query:
    """The question's time words and the window it is asked in (:mod:`.when`): the
    time words are not searched, an event's words weigh ``event_weight``."""
    timing, own, drop = when.stage(
        q.question, dict(q.own), q.spans, kb.searcher, kb.analyzer, p, given, kb.titles
    )
    if timing is None:
        return q

    def dropped(a: int, b: int) -> bool:
        return any(x <= a and b <= y for x, y in drop)

    gone = {w.surface for w in q.words if dropped(w.start, w.end) and w.how in ("absent", "name")}
    # what left the search: the time words, and an event's words at event_weight 0
    left = [(w.start, w.end) for w in q.words if w.token in q.own and w.token not in own]
    spans = tuple(s for s in q.spans if s[0] in own or (s[0].startswith("?") and s[0][1:] not in gone))
    return dataclasses.replace(
        q,
        own=own,
        spans=spans,
        timing=timing,
        time_spans=tuple(sorted({*drop, *left})),
        unknown=tuple(w for w in q.unknown if w not in gone),
        unknown_names=tuple(n for n in q.unknown_names if n.lower() not in gone),
        absent=tuple(a for a in q.absent if a[1:] not in gone),
    )


def expand(q: Query, kb: Knowledge, p: Params) -> Query:
    """Named entities add their other names, and the question's words their synonyms."""
    added: dict[str, float] = dict(q.added)
    alts: dict[str, dict[str, float]] = {o: dict(c) for o, c in q.alts.items()}
    expanded = set(q.expanded)
    own = q.own

    def add(term: str, weight: float) -> None:
        if term not in own:
            added[term] = max(added.get(term, 0.0), weight)
        expanded.add(term)

    at = _Intervals([(a, b) for _, a, b in q.spans])
    entities: dict[str, None] = dict.fromkeys(q.entities)
    entity_terms: list[frozenset[str]] = list(q.entity_terms)
    missing: list[str] = list(q.missing)
    for m in q.mentions:
        lo, hi = at.overlapping(m.start, m.end)
        inside = [t for t, _, _ in q.spans[lo:hi]]
        for g in m.groups:
            ent = kb.lexicon.entities[g]
            hinted = kb.lexicon.via_hint(g, m)  # "Nairobi" for Kenya
            if hinted and p.capital_factor <= 0:
                continue
            if not kb.entity_in_corpus(g):
                if not kb.lexicon.via_weak(g, m):  # "Georgia" may be another one
                    missing.append(ent.name)
                continue
            entities.setdefault(ent.name)
            names = set(inside)
            scale = p.alias_weight * (p.capital_factor if hinted else 1.0)
            for name, toks in zip(ent.names, kb.entity_name_terms(g), strict=True):
                if scale > 0:
                    w = scale * (p.demonym_factor if name in ent.minor else 1.0)
                    for t in toks if w > 0 else ():
                        add(t, w / len(toks))
                        for o in inside:
                            alts.setdefault(o, {})[t] = p.alias_credit
                if len(toks) == 1:  # a one-word name identifies the entity by itself
                    names.update(toks)
            entity_terms.append(frozenset(names))
    if p.form_credit > 0 or p.form_weight > 0:
        for t, forms in _forms(q, kb, p).items():
            for u in forms:
                if p.form_weight > 0:
                    add(u, p.form_weight)
                alt = alts.setdefault(t, {})
                alt[u] = max(alt.get(u, 0.0), p.form_credit)
    if p.synonym_weight > 0:
        for m in kb.lexicon.synonym_mentions(q.question):
            lo, hi = at.overlapping(m.start, m.end)
            inside = [t for t, _, _ in q.spans[lo:hi]]
            for g in m.groups:
                for toks in kb.synonym_terms(g):
                    for t in toks:
                        add(t, p.synonym_weight / len(toks))
                        for o in inside:
                            alt = alts.setdefault(o, {})
                            alt[t] = max(alt.get(t, 0.0), p.synonym_credit)
    return dataclasses.replace(
        q,
        added=added,
        alts=alts,
        expanded=frozenset(expanded),
        entities=tuple(entities),
        entity_terms=tuple(entity_terms),
        missing=tuple(missing),
    )


def _forms(q: Query, kb: Knowledge, p: Params) -> dict[str, list[str]]:
    """Each own term's other forms in the archive: its terms that extend the term by at
    most ``form_longer`` letters, or that the term extends by at most ``form_slack``
    (never shorter than ``form_min_len``), not terms of the question themselves. The
    stemmer keeps "earlier" from "earli", "successor" from "success", "percent" from
    "percentag": the archive's own vocabulary shows such a word's family without a
    hand list."""
    out: dict[str, list[str]] = {}
    mine = set(q.weights)
    for w in q.words:
        t = w.token
        if w.how != "known" or w.in_entity or t not in q.own or t in out or len(t) < p.form_min_len:
            continue
        if not t.isalpha() or q.own[t] < 1.0:  # not a number, an answer-kind or time word
            continue
        stem = t[: max(p.form_min_len, len(t) - p.form_slack)]
        found = [
            u
            for u in kb.searcher.terms_with_prefix(stem, p.form_terms)
            if u not in mine and (u.startswith(t) or t.startswith(u)) and len(u) - len(t) <= p.form_longer
        ]
        if found:
            out[t] = found
    return out


def carry(q: Query, history: Sequence[conversation.Context], kb: Knowledge, p: Params) -> Query:
    """A follow-up borrows the previous question's words and the previous answer's names."""
    # a capitalised name the lexicon does not know ("Stephen Biegun") is an entity of its own too
    named = len(q.entities) + len(q.missing) + len(conversation.names_in(q.question))
    res = conversation.resolve(q.question, history, named, len(q.own), p)
    if not res.follow_up:
        return q
    own = q.own
    added = dict(q.added)
    borrowed: list[str] = []
    carried_terms: set[str] = set()
    if p.carry_weight > 0:
        for t in res.borrowed_terms:
            if t not in own:
                added[t] = max(added.get(t, 0.0), p.carry_weight)
                borrowed.append(t)
    if p.answer_carry_weight > 0:
        for name in res.borrowed_names:
            for t in kb.analyzer.analyze(name):
                if kb.known(t) and t not in own:
                    added[t] = max(added.get(t, 0.0), p.answer_carry_weight)
                    carried_terms.add(t)
    return dataclasses.replace(
        q,
        added=added,
        borrowed=tuple(borrowed),
        carried=tuple(res.borrowed_names),
        carried_terms=frozenset(carried_terms),
    )


def query_text(own: Mapping[str, float], weights: Mapping[str, float]) -> str:
    """The query as ``--json`` shows it: the question's own terms, then each added term
    (aliases, synonyms, carried words, feedback) with its weight, ``term^0.35``."""
    extra = [f"{t}^{w:.2f}" for t, w in weights.items() if t not in own]
    return " ".join([*own, *extra])

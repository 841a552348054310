"""The analyzer: one token stream for passages and queries."""

from __future__ import annotations

import re

import pytest

from qabot.analysis import Analyzer, fingerprint, sentence_spans, stopwords, strip_control
from tests.conftest import CORPUS

A = Analyzer()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("U.S. President", ["usa", "presid"]),
        ("the US wants", ["usa", "want"]),
        ("tell us", []),
        ("the U.N. General Assembly", ["unitednations", "general", "assembl"]),
        ("Kim Jong-un", ["kim", "jong", "un"]),
        ("Kim Jong Un", ["kim", "jong", "un"]),
        ("Tongchang-ri", ["tongchang", "ri"]),
        ("North Korea’s top priority", ["north", "korea", "top", "prioriti"]),
        ("North Korea's top priority", ["north", "korea", "top", "prioriti"]),
        ("the leaders' summit", ["leader", "summit"]),
        ("27-28 February 2019", ["27", "28", "februari", "2019"]),
        ("WHY DID HANOI END EARLY", ["hanoi", "end", "earli"]),
        ("why did hanoi end early", ["hanoi", "end", "earli"]),
        ("sanctions\u00a0relief", ["sanction", "relief"]),
        ("Hanói café", ["hanoi", "cafe"]),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert A.analyze(text) == tokens


def test_irregular_forms_meet_their_base() -> None:
    """The stemmer leaves "gave"/"given" apart from "give"; the irregular table joins them
    (and keeps the written word as written: phrases and highlighting use it)."""
    assert A.analyze("gave given gives giving") == ["give"] * 4
    assert A.analyze("bought buys") == ["buy", "buy"]
    assert A.analyze("crises crisis") == ["crisi", "crisi"]
    assert [w for w, _ in A.pairs("Who gave it")] == ["gave"]
    # ambiguous forms are left out of the table: "left" is a side, "found" a verb of its own
    assert A.analyze("left found") == ["left", "found"]


def test_irregular_table_well_formed() -> None:
    """Each form maps to one base, no form is a stopword, and no entry is a no-op."""
    from qabot.analysis import _data_lines, irregular, snowball_stem

    seen: set[str] = set()
    for line in _data_lines("irregular.txt"):
        base, *forms = line.split()
        assert forms, line
        for form in forms:
            assert form not in seen and form not in stopwords(), form
            assert snowball_stem(form) != snowball_stem(base), form
            seen.add(form)
    assert irregular()["taken"] == "take"


def test_stopwords_from_data_file() -> None:
    assert {"the", "why", "what"} <= stopwords()
    assert "korea" not in stopwords()


def test_surface_offsets_point_into_text() -> None:
    text = "Pyongyang’s offer at Yongbyon"
    for word, _, a, b in A.surface(text):
        assert text[a:b].lower().replace("’", "'").startswith(word.split("'")[0])


def test_surface_offsets_survive_ligatures() -> None:
    text = "the ﬁrst Gorbunkel"  # NFKC turns the ligature into two letters
    words = [(w, text[a:b]) for w, _, a, b in A.surface(text)]
    assert words == [("first", "ﬁrst"), ("gorbunkel", "Gorbunkel")]


def test_sentences_respect_abbreviations() -> None:
    text = "U.S. President Donald Trump met Kim on Feb. 28 in Hanoi. Talks ended early."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "U.S. President Donald Trump met Kim on Feb. 28 in Hanoi.",
        "Talks ended early.",
    ]


def test_fingerprint_stable() -> None:
    assert fingerprint() == fingerprint() and re.fullmatch(r"\d+-[0-9a-f]{8}", fingerprint())


def test_strip_control() -> None:
    assert strip_control("a\x1b[31mred\x1b[0m\x07b\x1b]0;title\x07c\n") == "aredbc\n"


def test_pairs_equal_surface_on_awkward_text() -> None:
    """The build's fast tokeniser gives exactly the query side's words and tokens."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = [
        "U.S.",
        "e.g.",
        "a.b",
        "A._B.",
        "x_y",
        "it's",
        "'s",
        "²",
        "½.a.",
        "Ǆ",
        "Hanói",
        "U.N",
        ". ",
        "_",
    ]
    text = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(pieces)), max_size=30).map("".join)

    @settings(max_examples=400, deadline=None)
    @given(text)
    def check(s: str) -> None:
        a, b = Analyzer(), Analyzer()
        assert a.pairs(s) == [(w, t) for w, t, _, _ in b.surface(s)]

    check()
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    assert A.pairs(corpus) == [(w, t) for w, t, _, _ in Analyzer().surface(corpus)]


def test_sentence_spans_equal_punkt() -> None:
    """sentence_spans (whose Punkt remembers its verdicts) gives exactly uncached nltk
    Punkt's spans: on the shipped briefings, on texts made of the awkward parts
    (abbreviations, initials, numbers, quotes, odd spaces), recurring in new company so
    that remembered verdicts are used, and on contexts too long to remember."""
    import random

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from qabot.analysis import VERDICT_CONTEXT_MAX, _punkt, _punkt_plain

    punkt = _punkt_plain()
    cache = _punkt().verdicts  # type: ignore[attr-defined]
    cache.cache_clear()

    def reference(text: str) -> list[tuple[int, int]]:
        if not text.strip():
            return []
        return list(punkt.span_tokenize(text)) or [(0, len(text))]

    for path in sorted(CORPUS.glob("*.txt")):
        for block in path.read_text(encoding="utf-8").split("\n\n"):
            assert sentence_spans(block) == reference(block)
    parts = [*'aB .?!"\')(]}[{:;,-—…\n\t\x1c\x85\u2028\u00a0«»“”', "Mr.", "U.S.", "e.g.", "No.", "1.", "A.",
             "...", "Dr", " the ", " The ", "?!", '."', ".)", "  ", "Gen.", "Jan. 5", " 3.5 "]  # fmt: skip
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 30)))
        assert sentence_spans(text) == reference(text), text
    long = "x" * VERDICT_CONTEXT_MAX
    for _ in range(2000):
        pool = [*parts, long, f" {long}.", f"{long}. "]
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert sentence_spans(text) == reference(text), text
    info = cache.cache_info()
    assert info.hits > 1000 and info.misses > 1000  # remembered verdicts were used, and checked
    assert info.currsize <= info.maxsize

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=60))
    def check(text: str) -> None:
        assert sentence_spans(text) == reference(text)

    check()


def test_punkt_loads_without_nltk_init_and_leaves_nltk_importable() -> None:
    """In a fresh process Punkt comes without running nltk/__init__ (most of nltk), no
    stand-in module stays behind, and a later ``import nltk`` is the whole package, whose
    Punkt splits as ours does."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from qabot import analysis\n"
        "text = 'Dr. Ames met the U.S. envoy at 3 p.m. on Friday. Talks ended. \"Why?\" he asked.'\n"
        "ours = analysis.sentence_spans(text)\n"
        "assert not [k for k in sys.modules if k.split('.')[0] == 'nltk'], 'nltk modules left'\n"
        "import nltk\n"
        "assert hasattr(nltk, 'word_tokenize') and hasattr(nltk, '__version__')\n"
        "from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer\n"
        "p = PunktParameters(); p.abbrev_types = set(analysis.ABBREVIATIONS)\n"
        "assert ours == list(PunktSentenceTokenizer(p).span_tokenize(text)), ours\n"
        "assert type(analysis._punkt()).__name__ == 'PunktSentenceTokenizer'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_sure_breaks_are_punkt_breaks() -> None:
    """Every context the shortcut decides without Punkt (_SURE_BREAK, not an abbreviation)
    is one plain Punkt breaks too, abbreviations in every case and random words included;
    and the cached tokenizer's verdict equals Punkt's on all of them."""
    import random

    from qabot.analysis import _SURE_BREAK, ABBREVIATIONS, _punkt, _punkt_plain

    plain = _punkt_plain()
    judge = _punkt().text_contains_sentbreak  # type: ignore[attr-defined]
    rng = random.Random(11)
    words = [f(w) for w in ABBREVIATIONS for f in (str, str.upper, str.title)]
    words += ["".join(rng.choice("abcxyzABCXYZ") for _ in range(rng.randint(1, 5))) for _ in range(3000)]
    nexts = ["The", "the", "5", "X", "a", "1990s", "Mr", "I", "s", "Z.", "A)", "(The", ".", "…"]
    claimed = 0
    for w in words:
        for mark in ".?!":
            space = rng.choice([" ", "  ", "\n", "\t", " \n ", "\u00a0", "\x1c"])
            context = w + mark + space + rng.choice(nexts)
            m = _SURE_BREAK.match(context)
            if m and (m.group(1) != "." or context[: m.start(1)].lower() not in ABBREVIATIONS):
                claimed += 1
                assert plain.text_contains_sentbreak(context), context
            assert judge(context) == plain.text_contains_sentbreak(context), context
    assert claimed > 1000

"""The build's fast cue count equals the cue patterns run in full, on real lines and on
made-up texts built to sit on every edge the fast count relies on."""

from __future__ import annotations

import random
import re

from benchmarks.gen import Generator
from qabot import cues
from tests.test_lazyre import _lines


def _full(text: str) -> list[int]:
    """The counts by definition: each type's pattern, as a query would compile it."""
    lower = text.lower()
    out = []
    for t in cues.CUE_TYPES:
        source, flags = cues.CUE_SOURCES[t]
        where = lower if flags & re.I else text
        out.append(sum(1 for _ in zip(range(cues.CUE_CAP), re.finditer(source, where), strict=False)))
    return out


def _pieces() -> list[str]:
    """Every word the cue patterns name, in three cases, with what can stand next to one."""
    words: set[str] = set()
    for source, _ in cues.CUE_SOURCES.values():
        words.update(re.findall(r"[a-z]{2,}(?: [a-z]+)*", source))  # words, and phrases ("in order to")
    for w in cues._NEEDS.values():
        words.update(w.split())
    words.update(["the", "sept", "janu", "Paris", "New", "York", "Kim", "Jong", "Un", "A", "Ab"])
    cased = {v for w in words for v in (w, w.capitalize(), w.upper())}
    marks = [
        " ",
        " ",
        " ",
        "  ",
        ", ",
        ". ",
        "-",
        "_",
        "’",
        "'",
        "—",
        "\n",
        "(",
        ")",
        "é",
        "ſ",
        "\u212a",
        "İ",
        "ı",
    ]
    numbers = ["3", "12", "2019", "1999", "20", "٣", "１２", "x9", "9x", "½", "²"]
    return sorted(cased) + marks + numbers


def _made_up(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    pieces = _pieces()
    joins = [" ", " ", " ", "", "  ", "’", "-", "é"]
    texts = []
    for _ in range(n):
        k = rnd.randint(1, 14)
        texts.append("".join(rnd.choice(pieces) + rnd.choice(joins) for _ in range(k)).strip())
    return texts


def test_the_fast_count_is_the_one_in_use() -> None:
    """Changing a cue pattern turns the fast count off (the counts stay right): this test
    then asks for _NEEDS and the patterns in cues._fast to be brought up to date."""
    assert cues._fast() is not None, "update cues._fast for the changed CUE_SOURCES, then _FAST_FOR"


def test_fast_cue_counts_equal_the_full_patterns() -> None:
    gen = Generator(11)
    briefings = [gen.briefing(k)[1] for k in range(40)]
    texts = _lines() + [p for b in briefings for p in b.split("\n\n")] + _made_up(30000, 5)
    assert len(texts) > 30000
    found = [0] * len(cues.CUE_TYPES)
    for text in texts:
        want = _full(text)
        assert cues.cue_counts(text) == want, (text, want)
        for k, n in enumerate(want):
            found[k] += n > 0
    assert min(found) > 200, found  # every type's cues were met, often


def test_no_character_outside_words_lowers_into_an_ascii_word_character() -> None:
    """The fast count finds case-blind words in ``text.lower()`` as runs of ASCII word
    characters; this holds as long as lower-casing never turns a character that is not a
    word character into one (checked on every code point)."""
    word = re.compile(r"\w")
    ascii_word = re.compile(r"[A-Za-z0-9_]")
    odd = [
        hex(c)
        for c in range(0x110000)
        if not 0xD800 <= c < 0xE000 and not word.match(chr(c)) and ascii_word.search(chr(c).lower())
    ]
    assert odd == []

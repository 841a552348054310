"""The required-factor prefilter of qabot.lazyre: it may only skip texts a pattern cannot match."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from qabot import cues, lazyre
from qabot.corpus import chrome, dates, header, paragraphs, reading

ROOT = Path(__file__).resolve().parents[1]


def test_case_twins_are_every_non_ascii_char_ignorecase_takes_for_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.I)
    twins = {chr(c) for c in range(128, 0x110000) if letter.fullmatch(chr(c))}
    assert twins == {chr(k) for k in lazyre._CASE_TWINS}


@pytest.mark.parametrize(
    ("pattern", "flags", "blind", "exact"),
    [
        (r"\b(?:unsubscribe|privacy\s+policy)\b", re.I, ("privacy", "unsubscribe"), ()),
        (r"^Dear\s+(?:Sir|Madam)", 0, (), ("Dear",)),  # the longest of a sequence's parts
        (r"(?i:foo)bar|Baz\w+", 0, ("foo",), ("Baz",)),
        (r"read\s+more|(?i:continue)", 0, ("continue",), ("read",)),
        (r"x\bnews\b(?:letter)+", 0, (), ("letter",)),  # assertions do not break a run
        (r"(?:rss|rss feed|feeds)", re.I, ("feeds", "rss"), ()),  # "rss feed" holds "rss"
    ],
)
def test_required_reads_the_literals_a_match_must_hold(
    pattern: str, flags: int, blind: tuple[str, ...], exact: tuple[str, ...]
) -> None:
    assert lazyre.required(pattern, flags) == (blind, exact)


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\d{3}", 0),
        (r"[A-Z][a-z]+ [A-Z][a-z]+", 0),
        (r"(?:word)?\s+x", 0),
        (r"in|at", 0),  # too short to be worth looking for
        (r"ab(?=cdef)", 0),
        (r"(\w+) \1", 0),
        (r"ca\u00e9ss", re.I),  # under IGNORECASE a letter outside ASCII ends the run ("ca", "ss")
        (r"long|\d+", 0),
    ],
)
def test_required_finds_nothing_where_a_match_needs_no_literal(pattern: str, flags: int) -> None:
    assert lazyre.required(pattern, flags) is None


def _lines() -> list[str]:
    lines: set[str] = set()
    for base in (ROOT / "corpus", ROOT / "tests" / "parsebench"):
        for f in sorted(base.rglob("*")):
            if f.is_file() and f.suffix in (".md", ".txt", ".html", ".eml"):
                text = f.read_text(encoding="utf-8", errors="replace")
                lines.update(x.strip() for x in text.splitlines() if x.strip())
    out = sorted(lines)
    rnd = random.Random(7)
    sample = rnd.sample(out, min(3000, len(out)))
    twins = str.maketrans({"s": "\u017f", "k": "\u212a", "i": "\u0131", "I": "\u0130"})
    out += [x.upper() for x in sample] + [x.translate(twins) for x in sample]
    return out


def _filtered_patterns() -> list[tuple[str, lazyre.LazyPattern]]:
    found = []
    for mod in (chrome, dates, header, paragraphs, reading):
        for name in sorted(vars(mod)):
            value = getattr(mod, name)
            if isinstance(value, lazyre.LazyPattern) and lazyre.required(value._pattern, value._flags):
                found.append((f"{mod.__name__}.{name}", value))
    return found


def test_filtered_patterns_find_exactly_what_the_plain_ones_find() -> None:
    lines = _lines()
    patterns = _filtered_patterns()
    assert len(patterns) >= 10 and len(lines) > 1000
    for name, lazy in patterns:
        plain = re.compile(lazy._pattern, lazy._flags)
        factors = lazyre.required(lazy._pattern, lazy._flags)
        assert factors is not None
        search = lazyre._filtered("search", plain.search, *factors)
        findall = lazyre._filtered("findall", plain.findall, *factors)
        skipped = 0
        for line in lines:
            assert findall(line) == plain.findall(line), (name, line)
            assert (search(line) is None) == (plain.search(line) is None), (name, line)
            skipped += not lazyre._holds(line, *factors)
        assert skipped > 0, name  # the filter does skip texts


def test_prefiltered_lazy_pattern_keeps_every_method() -> None:
    p = lazyre.lazy(r"\bnewsletter\b", re.I, prefilter=True)
    assert p.search("Our NEWSLETTER is out") is not None
    assert p.search("nothing here") is None
    assert p.findall("nothing") == [] and p.findall("newsletter, Newsletter") == ["newsletter", "Newsletter"]
    assert p.sub("X", "no match") == "no match" and p.sub("X", "a newsletter") == "a X"
    assert p.subn("X", "none") == ("none", 0) and p.split("none") == ["none"]
    assert list(p.finditer("none")) == [] and p.match("newsletter") is not None
    assert p.fullmatch("newsletters") is None and p.search("x newsletter", 2) is not None


def test_cue_counts_equal_the_patterns_run_in_full() -> None:
    texts = [x for x in _lines() if len(x) > 20][:6000]
    for text in texts:
        lower = text.lower()
        want = [
            sum(
                1
                for _ in zip(
                    range(cues.CUE_CAP),
                    re.finditer(cues.CUE_SOURCES[t][0], lower if cues.CUE_SOURCES[t][1] & re.I else text),
                    strict=False,
                )
            )
            for t in cues.CUE_TYPES
        ]
        assert cues.cue_counts(text) == want, text

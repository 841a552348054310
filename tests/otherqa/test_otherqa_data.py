"""The other-briefings question set stays judgeable: it loads, and its phrases point at one place.

An expect phrase is only a fair judge if it occurs in exactly one block of the golden readings
(tests/parsebench/golden): a phrase found nowhere can never score, one found twice rewards the
wrong passage. Each answerable question's phrase must also sit on the page its id names, and a
page's items must all be in one half, so the dev/test split by page holds.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from qabot.analysis import fold
from qabot.evaluate import Item, load

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "parsebench" / "golden"
HALVES = ("dev", "test")
_PREFIX = re.compile(r"^(## |- |\[caption\] )")
_ID = re.compile(r"^(?P<page>[a-z0-9-]+)-(?P<tag>[quc])\d+$")


def _norm(text: str) -> str:
    """Case, quotes, spaces and dashes folded, as the evaluator folds phrases and passages."""
    text = fold(text).lower().replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip()


def _blocks() -> list[tuple[str, str]]:
    """(page stem, normalised block text) for every block of every golden body."""
    out: list[tuple[str, str]] = []
    for path in sorted(GOLDEN.glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("+++", 2)[2]
        for line in body.splitlines():
            if line.strip():
                out.append((path.stem, _norm(_PREFIX.sub("", line.strip()))))
    return out


BLOCKS = _blocks()


def _items(half: str) -> list[Item]:
    return load(HERE / f"{half}.toml")


def _phrases() -> Iterator[tuple[str, Item, str]]:
    for half in HALVES:
        for item in _items(half):
            for phrase in item.expect:
                yield half, item, phrase


def test_golden_pages_have_unique_stems() -> None:
    stems = [p.stem for p in GOLDEN.glob("*/*.md")]
    assert len(stems) == 77
    assert len(set(stems)) == len(stems)


@pytest.mark.parametrize("half", HALVES)
def test_set_loads_with_all_three_tables(half: str) -> None:
    items = _items(half)
    assert any(i.answerable and not i.conversation for i in items)
    assert any(not i.answerable for i in items)
    assert any(i.conversation for i in items)
    # every answerable question carries a phrase, so answer accuracy can be judged on it
    assert all(i.expect for i in items if i.answerable)


def test_every_expect_phrase_is_in_exactly_one_golden_block() -> None:
    problems = []
    for half, item, phrase in _phrases():
        pages = [page for page, block in BLOCKS if _norm(phrase) in block]
        words = len(phrase.split())
        page = _ID.match(item.id)
        assert page is not None, item.id
        own = item.conversation or pages == [page["page"]]
        if len(pages) != 1 or not own or not 5 <= words <= 12:
            problems.append(f"{half} {item.id}: {phrase!r} ({words} words) in {pages}")
    assert not problems, "\n".join(problems)


def test_split_is_by_page() -> None:
    pages: dict[str, set[str]] = {}
    for half in HALVES:
        for item in _items(half):
            match = _ID.match(item.id)
            assert match is not None, f"{half}: id {item.id!r} does not name its page"
            pages.setdefault(match["page"], set()).add(half)
    assert all(len(h) == 1 for h in pages.values()), {p: h for p, h in pages.items() if len(h) > 1}
    stems = {p.stem for p in GOLDEN.glob("*/*.md")}
    assert set(pages) == stems  # every page asked about, and only real pages


def test_questions_are_not_duplicated() -> None:
    seen: dict[str, str] = {}
    for half in HALVES:
        raw = tomllib.loads((HERE / f"{half}.toml").read_text(encoding="utf-8"))
        for table in ("question", "unanswerable"):
            for entry in raw.get(table, []):
                key = _norm(entry["q"])
                assert key not in seen, f"{entry['id']} repeats {seen[key]}"
                seen[key] = entry["id"]

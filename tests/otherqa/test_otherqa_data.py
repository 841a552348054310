"""The other-briefings question set stays judgeable: it loads, and its phrases point at one place.

An expect phrase is only a fair judge if it occurs in exactly one block of the golden readings
(tests/parsebench/golden): a phrase found nowhere can never score, one found twice rewards the
wrong passage. Each answerable question's phrase must also sit on the page its id names, and a
page's items must all be in one half, so the dev/test split by page holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qabot.evaluate import Item, load
from tests.expect_phrases import ID, golden_blocks, phrase_problems, repeated_questions

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "parsebench" / "golden"
HALVES = ("dev", "test")
BLOCKS = golden_blocks(GOLDEN)


def _items(half: str) -> list[Item]:
    return load(HERE / f"{half}.toml")


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
    items = [(f"{half} ", item) for half in HALVES for item in _items(half)]
    problems = phrase_problems(items, BLOCKS, conversation_elsewhere=True)
    assert not problems, "\n".join(problems)


def test_split_is_by_page() -> None:
    pages: dict[str, set[str]] = {}
    for half in HALVES:
        for item in _items(half):
            match = ID.match(item.id)
            assert match is not None, f"{half}: id {item.id!r} does not name its page"
            pages.setdefault(match["page"], set()).add(half)
    assert all(len(h) == 1 for h in pages.values()), {p: h for p, h in pages.items() if len(h) > 1}
    stems = {p.stem for p in GOLDEN.glob("*/*.md")}
    assert set(pages) == stems  # every page asked about, and only real pages


def test_questions_are_not_duplicated() -> None:
    repeats = repeated_questions(HERE / f"{half}.toml" for half in HALVES)
    assert not repeats, "\n".join(repeats)

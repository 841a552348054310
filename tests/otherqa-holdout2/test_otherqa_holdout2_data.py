"""The second held-out question set (tests/parsebench-holdout4 and -holdout5) stays judgeable.

The same checks as tests/otherqa-holdout/test_otherqa_holdout_data.py (tests/expect_phrases.py),
once per set: an expect phrase is a fair judge only if it occurs in exactly one block of that
set's golden readings, on the page the item's id names, as a 5-12 word window. These tests check
the question sets, never qabot's answers to them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qabot.evaluate import Item, load
from tests.expect_phrases import ID, golden_blocks, phrase_problems, suite_problems

HERE = Path(__file__).resolve().parent
#: set name -> (question file, the parse benchmark whose pages and goldens it is written over)
SETS = {
    "otherqa-holdout2-h4": (HERE / "h4.toml", HERE.parent / "parsebench-holdout4"),
    "otherqa-holdout2-h5": (HERE / "h5.toml", HERE.parent / "parsebench-holdout5"),
}
ITEMS: dict[str, list[Item]] = {name: load(questions) for name, (questions, _) in SETS.items()}


def _plain(items: list[Item]) -> list[Item]:
    return [i for i in items if i.answerable and not i.conversation]


def test_sets_have_all_three_tables_and_their_sizes() -> None:
    everything = [i for items in ITEMS.values() for i in items]
    assert len(_plain(everything)) >= 100
    assert len([i for i in everything if not i.answerable]) >= 30
    assert len([i for i in everything if i.conversation]) >= 8
    for items in ITEMS.values():
        assert _plain(items) and all(i.expect for i in items if i.answerable)
        assert any(not i.answerable for i in items) and any(i.conversation for i in items)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_expect_phrase_is_in_exactly_one_golden_block_of_its_page(name: str) -> None:
    blocks = golden_blocks(SETS[name][1] / "golden")
    problems = phrase_problems((("", item) for item in ITEMS[name]), blocks)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_page_is_asked_about_one_to_three_times(name: str) -> None:
    pages = {p.stem for p in (SETS[name][1] / "golden").glob("*/*.md")}
    asked: dict[str, int] = {}
    for item in _plain(ITEMS[name]):
        match = ID.match(item.id)
        assert match is not None, item.id
        asked[match["page"]] = asked.get(match["page"], 0) + 1
    assert set(asked) == pages
    assert all(1 <= n <= 3 for n in asked.values()), asked
    named = [ID.match(i.id) for i in ITEMS[name]]
    assert all(m is not None and m["page"] in pages for m in named)


def test_suite_and_sets_agree_and_no_question_repeats() -> None:
    over_pages = {name: (q, bench / "pages") for name, (q, bench) in SETS.items()}
    problems = suite_problems(HERE / "suite.toml", over_pages, ITEMS)
    assert not problems, "\n".join(problems)

"""The third held-out question set (the shipped corpus and tests/parsebench-holdout7) stays judgeable.

The same checks as tests/otherqa-holdout2/test_otherqa_holdout2_data.py (tests/expect_phrases.py),
once per set: an expect phrase is a fair judge only if it occurs in exactly one block of that
set's golden readings, on the page the item's id names, as a 5-12 word window. The shipped
briefings' golden readings are tests/golden/shipped/*.json; their raw files repeat some
sentences as pull quotes, so a shipped phrase must also occur exactly once in its raw file.
These tests check the question sets, never qabot's answers to them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from qabot.evaluate import Item, load
from tests.expect_phrases import ID, golden_blocks, norm, phrase_problems, suite_problems

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
CORPUS = TESTS.parent / "corpus"
#: the shipped briefings' short page names in ids -> their file stems in corpus/
SHIPPED_PAGES = {
    "meet-again": "2019-02-26-what-to-expect-as-trump-and-kim-meet-again",
    "abrupt-finale": "2019-02-28-why-an-abrupt-finale-to-the-trump-kim-summit-wont-kill-negotiations",
}
H7 = TESTS / "parsebench-holdout7"
#: set name -> (question file, corpus folder)
SETS = {
    "otherqa-holdout3-shipped": (HERE / "shipped.toml", CORPUS),
    "otherqa-holdout3-h7": (HERE / "h7.toml", H7 / "pages"),
}
ITEMS: dict[str, list[Item]] = {name: load(questions) for name, (questions, _) in SETS.items()}
#: (at least answerable, at least unanswerable, at least conversations, at least asks per page)
SIZES = {"otherqa-holdout3-shipped": (55, 18, 6, 25), "otherqa-holdout3-h7": (105, 32, 8, 3)}


def _plain(items: list[Item]) -> list[Item]:
    return [i for i in items if i.answerable and not i.conversation]


def _shipped_blocks() -> list[tuple[str, str]]:
    """(short page name, normalised block text) for every block of the shipped goldens."""
    out: list[tuple[str, str]] = []
    for page, stem in SHIPPED_PAGES.items():
        golden = json.loads((TESTS / "golden" / "shipped" / f"{stem}.json").read_text(encoding="utf-8"))
        out += [(page, norm(block[1])) for block in golden["blocks"]]
    return out


def _blocks(name: str) -> list[tuple[str, str]]:
    return _shipped_blocks() if name.endswith("-shipped") else golden_blocks(H7 / "golden")


def _page(item: Item) -> str:
    match = ID.match(item.id)
    assert match is not None, item.id
    return match["page"]


def test_sets_have_all_three_tables_and_their_sizes() -> None:
    for name, items in ITEMS.items():
        answerable, unanswerable, conversations, _ = SIZES[name]
        assert len(_plain(items)) >= answerable, name
        assert len([i for i in items if not i.answerable]) >= unanswerable, name
        assert len([i for i in items if i.conversation]) >= conversations, name
        assert all(i.expect for i in items if i.answerable)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_expect_phrase_is_in_exactly_one_golden_block_of_its_page(name: str) -> None:
    problems = phrase_problems((("", item) for item in ITEMS[name]), _blocks(name))
    assert not problems, "\n".join(problems)


def test_shipped_phrases_occur_once_in_the_raw_file_of_their_page() -> None:
    raw = {
        page: norm((CORPUS / f"{stem}.txt").read_text(encoding="utf-8"))
        for page, stem in SHIPPED_PAGES.items()
    }
    problems = []
    for item in ITEMS["otherqa-holdout3-shipped"]:
        for phrase in item.expect:
            counts = {page: text.count(norm(phrase)) for page, text in raw.items()}
            if counts[_page(item)] != 1 or sum(counts.values()) != 1:
                problems.append(f"{item.id}: {phrase!r} {counts}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_page_is_asked_about_enough(name: str) -> None:
    if name.endswith("-shipped"):
        pages = set(SHIPPED_PAGES)
    else:
        pages = {p.stem for p in (H7 / "golden").glob("*/*.md")}
        assert pages == {p.stem for p in (H7 / "pages").glob("*/*")}
    asked: dict[str, int] = {}
    for item in _plain(ITEMS[name]):
        asked[_page(item)] = asked.get(_page(item), 0) + 1
    assert set(asked) == pages
    assert min(asked.values()) >= SIZES[name][3], asked
    assert all(_page(i) in pages for i in ITEMS[name])


@pytest.mark.parametrize("name", sorted(SETS))
def test_unanswerable_items_are_mostly_near_misses(name: str) -> None:
    raw = tomllib.loads(SETS[name][0].read_text(encoding="utf-8"))
    notes = [entry.get("note", "") for entry in raw["unanswerable"]]
    near = [n for n in notes if n.startswith("near-miss: ")]
    far = [n for n in notes if n.startswith("far: ")]
    assert len(near) + len(far) == len(notes), "every unanswerable note starts 'near-miss: ' or 'far: '"
    assert far and 0.65 <= len(near) / len(notes) <= 0.85, (len(near), len(far))


def test_suite_and_sets_agree_and_no_question_repeats() -> None:
    problems = suite_problems(HERE / "suite.toml", SETS, ITEMS)
    assert not problems, "\n".join(problems)

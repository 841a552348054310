"""The held-out question set over tests/parsebench-holdout2 stays judgeable.

The same checks as tests/otherqa/test_otherqa_data.py (tests/expect_phrases.py): an expect
phrase is a fair judge only if it occurs in exactly one block of the golden readings, on the
page the item's id names, as a 5-12 word window. These tests check the question set, never
qabot's answers to it.
"""

from __future__ import annotations

from pathlib import Path

from qabot.evaluate import Item, load
from qabot.questionset import load_sets
from tests.expect_phrases import ID, golden_blocks, phrase_problems, repeated_questions

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "parsebench-holdout2" / "golden"
BLOCKS = golden_blocks(GOLDEN)
ITEMS: list[Item] = load(HERE / "test.toml")


def test_set_has_all_three_tables_and_its_sizes() -> None:
    plain = [i for i in ITEMS if i.answerable and not i.conversation]
    assert len(plain) >= 70
    assert len([i for i in ITEMS if not i.answerable]) >= 20
    assert len([i for i in ITEMS if i.conversation]) >= 6
    assert all(i.expect for i in ITEMS if i.answerable)


def test_every_expect_phrase_is_in_exactly_one_golden_block_of_its_page() -> None:
    problems = phrase_problems((("", item) for item in ITEMS), BLOCKS)
    assert not problems, "\n".join(problems)


def test_every_page_is_asked_about() -> None:
    asked = {m["page"] for m in (ID.match(i.id) for i in ITEMS) if m}
    assert asked == {p.stem for p in GOLDEN.glob("*/*.md")}


def test_questions_are_not_duplicated() -> None:
    repeats = repeated_questions([HERE / "test.toml"])
    assert not repeats, "\n".join(repeats)


def test_suite_names_the_set_and_its_corpus() -> None:
    (qset,) = load_sets([HERE / "suite.toml"])
    assert qset.name == "otherqa-holdout"
    assert (
        qset.corpus is not None
        and qset.corpus.resolve() == (HERE.parent / "parsebench-holdout2" / "pages").resolve()
    )
    assert len(qset.items) == len(ITEMS)

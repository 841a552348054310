"""The second other-briefings dev set stays judgeable: it loads, its corpus is the six development
parse sets' pages, and each expect phrase points at one block of their golden readings.

A phrase found nowhere can never score and one found twice rewards the wrong passage, so every
phrase must sit in exactly one golden block, on the page its item's id names.
"""

from __future__ import annotations

from pathlib import Path

from qabot.corpus.files import discover
from qabot.evaluate import Item, load
from tests.expect_phrases import ID, golden_blocks, phrase_problems, repeated_questions

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
SETS = ("holdout", "holdout3", "round6", "round7", "holdout8", "holdout9")
GOLDENS = [TESTS / f"parsebench-{s}" / "golden" for s in SETS]
BLOCKS = [block for golden in GOLDENS for block in golden_blocks(golden)]


def _items() -> list[Item]:
    return load(HERE / "dev.toml")


def test_corpus_links_every_development_set_and_nothing_else() -> None:
    links = sorted(p.name for p in (HERE / "corpus").iterdir())
    assert links == sorted(SETS)
    for name in SETS:
        assert (HERE / "corpus" / name).resolve() == (TESTS / f"parsebench-{name}" / "pages").resolve()


def test_corpus_reads_every_linked_page() -> None:
    pages = [p for s in SETS for p in (TESTS / f"parsebench-{s}" / "pages").rglob("*") if p.is_file()]
    assert len(discover(HERE / "corpus")) == len(pages)


def test_golden_stems_are_unique_across_the_six_sets() -> None:
    stems = [p.stem for golden in GOLDENS for p in golden.glob("*/*.md")]
    assert len(stems) > 150
    assert len(set(stems)) == len(stems)


def test_set_has_the_promised_counts() -> None:
    items = _items()
    assert sum(i.answerable and not i.conversation for i in items) >= 60
    assert sum(not i.answerable for i in items) >= 40
    assert any(i.conversation for i in items)
    assert all(i.expect for i in items if i.answerable)


def test_every_expect_phrase_is_in_exactly_one_golden_block() -> None:
    problems = phrase_problems([("", i) for i in _items()], BLOCKS, conversation_elsewhere=True)
    assert not problems, "\n".join(problems)


def test_ids_name_real_pages() -> None:
    stems = {p.stem for golden in GOLDENS for p in golden.glob("*/*.md")}
    for item in _items():
        match = ID.match(item.id)
        assert match is not None, item.id
        assert match["page"] in stems, item.id


def test_questions_are_not_duplicated() -> None:
    repeats = repeated_questions([HERE / "dev.toml"])
    assert not repeats, "\n".join(repeats)

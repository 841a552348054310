"""The held-out question set over tests/parsebench-holdout2 stays judgeable.

Mirrors tests/otherqa/test_otherqa_data.py: an expect phrase is a fair judge only if it occurs
in exactly one block of the golden readings, on the page the item's id names, as a 5-12 word
window. These tests check the question set, never qabot's answers to it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from qabot.analysis import fold
from qabot.evaluate import Item, load
from qabot.questionset import load_sets

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parent / "parsebench-holdout2" / "golden"
_PREFIX = re.compile(r"^(## |- |\[caption\] )")
_ID = re.compile(r"^(?P<page>[a-z0-9-]+)-(?P<tag>[quc])\d+$")


def _norm(text: str) -> str:
    """Case, quotes, spaces and dashes folded, as the evaluator folds phrases and passages."""
    text = fold(text).lower().replace("\u2014", "-")
    return re.sub(r"\s+", " ", text).strip()


def _blocks() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for path in sorted(GOLDEN.glob("*/*.md")):
        body = path.read_text(encoding="utf-8").split("+++", 2)[2]
        for line in body.splitlines():
            if line.strip():
                out.append((path.stem, _norm(_PREFIX.sub("", line.strip()))))
    return out


BLOCKS = _blocks()
ITEMS: list[Item] = load(HERE / "test.toml")


def test_set_has_all_three_tables_and_its_sizes() -> None:
    plain = [i for i in ITEMS if i.answerable and not i.conversation]
    assert len(plain) >= 70
    assert len([i for i in ITEMS if not i.answerable]) >= 20
    assert len([i for i in ITEMS if i.conversation]) >= 6
    assert all(i.expect for i in ITEMS if i.answerable)


def test_every_expect_phrase_is_in_exactly_one_golden_block_of_its_page() -> None:
    problems = []
    for item in ITEMS:
        for phrase in item.expect:
            pages = [page for page, block in BLOCKS if _norm(phrase) in block]
            match = _ID.match(item.id)
            assert match is not None, item.id
            words = len(phrase.split())
            if pages != [match["page"]] or not 5 <= words <= 12:
                problems.append(f"{item.id}: {phrase!r} ({words} words) in {pages}")
    assert not problems, "\n".join(problems)


def test_every_page_is_asked_about() -> None:
    asked = {m["page"] for m in (_ID.match(i.id) for i in ITEMS) if m}
    assert asked == {p.stem for p in GOLDEN.glob("*/*.md")}


def test_questions_are_not_duplicated() -> None:
    raw = tomllib.loads((HERE / "test.toml").read_text(encoding="utf-8"))
    seen: dict[str, str] = {}
    for table in ("question", "unanswerable"):
        for entry in raw.get(table, []):
            key = _norm(entry["q"])
            assert key not in seen, f"{entry['id']} repeats {seen[key]}"
            seen[key] = entry["id"]


def test_suite_names_the_set_and_its_corpus() -> None:
    (qset,) = load_sets([HERE / "suite.toml"])
    assert qset.name == "otherqa-holdout"
    assert (
        qset.corpus is not None
        and qset.corpus.resolve() == (HERE.parent / "parsebench-holdout2" / "pages").resolve()
    )
    assert len(qset.items) == len(ITEMS)

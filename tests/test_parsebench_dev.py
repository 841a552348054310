"""The development parse set (tests/parsebench-holdout): every page checked against its golden.

The set was first kept from the parser's authors as a held-out measure (23 of 40 pages
with no defect then); it has since been trained on, so it is a development set now and a
fresh held-out set stands in its place. Its pages are pinned here like the tuned bench's:
a page that breaks fails this test, and so does a fix (update the pin and the README).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qabot.corpus.bench import PageResult, figures, markdown, run
from tests.test_parsebench import _kinds

DEV = Path(__file__).parent / "parsebench-holdout"

#: page -> the defects it still has (title, date, leaks, cut, lost)
KNOWN: dict[str, set[str]] = {}


@pytest.fixture(scope="module")
def results() -> list[PageResult]:
    return run(DEV)


def test_every_dev_page_is_read_and_the_defects_are_the_pinned_ones(results: list[PageResult]) -> None:
    pages = {p.relative_to(DEV / "pages").as_posix() for p in (DEV / "pages").rglob("*") if p.is_file()}
    assert pages == {r.page for r in results}
    got = {r.page: _kinds(r) for r in results if _kinds(r)}
    assert got == KNOWN, {r.page: r.defects for r in results if r.page in got}
    assert figures(results)["no_defect"] == len(results) - len(KNOWN)


def test_readme_figures_of_the_dev_set_are_the_bench_commands_output(results: list[PageResult]) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- bench-dev -->\n", 1)[1].split("<!-- /bench-dev -->", 1)[0]
    assert table == markdown(results), "run: python -m qabot.corpus.bench tests/parsebench-holdout --markdown"

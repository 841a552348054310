"""The parse benchmark (tests/parsebench): every page checked against its golden.

Pages that do not yet parse with no defect are pinned below with what fails, so a
regression (a page that breaks, or breaks in a new way) fails this test, and so does
a fix (update the pin: the figures in the README move with it). No page is skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qabot.corpus.bench import PageResult, figures, run

BENCH = Path(__file__).parent / "parsebench"

#: page -> the defects it still has (title, date, leaks, cut, lost), with why
KNOWN: dict[str, set[str]] = {}


def _kinds(r: PageResult) -> set[str]:
    if r.error:
        return {"error"}
    out = set()
    if not r.title_ok:
        out.add("title")
    if r.has_date and not r.date_ok:
        out.add("date")
    for name, found in (("leaks", r.leaks), ("cut", r.cut), ("lost", r.lost)):
        if found:
            out.add(name)
    return out


@pytest.fixture(scope="module")
def results() -> list[PageResult]:
    return run(BENCH)


def test_every_page_has_its_golden_and_is_read(results: list[PageResult]) -> None:
    pages = {p.relative_to(BENCH / "pages").as_posix() for p in (BENCH / "pages").rglob("*") if p.is_file()}
    assert pages == {r.page for r in results}
    assert len(results) >= 60


def test_defects_are_exactly_the_pinned_ones(results: list[PageResult]) -> None:
    got = {r.page: _kinds(r) for r in results if _kinds(r)}
    detail = {r.page: r.defects for r in results if r.page in got and got[r.page] != KNOWN.get(r.page)}
    assert got == KNOWN, detail


def test_figures_add_up(results: list[PageResult]) -> None:
    f = figures(results)
    assert f["no_defect"] == f["pages"] - len(KNOWN)
    assert f["cut_paragraphs"] == sum(len(r.cut) for r in results)


def test_readme_figures_are_the_bench_commands_output(results: list[PageResult]) -> None:
    from qabot.corpus.bench import markdown

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- bench -->\n", 1)[1].split("<!-- /bench -->", 1)[0]
    assert table == markdown(results), "run: python -m qabot.corpus.bench tests/parsebench --markdown"

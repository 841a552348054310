"""The third held-out parse benchmark (tests/parsebench-holdout3) stays a fair judge.

These tests check the FIXTURES, not the parser: every page has a well-formed golden, and
every golden can be read from its raw page (title, authors, the start of each block), while
no ``drop`` string sits in the expected text. How well qabot parses the pages is reported,
never gated: ``test_bench_reports_figures`` runs the bench and prints its figures (see them
with ``-s``), failing only if a page is missing from the results. The lead decides the gate.
Nothing here may be used to tune the parser (tests/parsebench-holdout3/README.md).
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

BENCH = Path(__file__).parent / "parsebench-holdout3"
KEYS = {"file", "shapes", "title", "date", "authors", "site", "drop", "note"}
PREFIX = re.compile(r"^(## |- |\[caption\] )")
GOLDENS = sorted((BENCH / "golden").glob("*/*.md"))


def _golden(path: Path) -> tuple[dict[str, object], list[str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("+++\n"), path
    _, front, body = text.split("+++", 2)
    blocks = [b.strip() for b in body.split("\n\n") if b.strip()]
    return tomllib.loads(front), blocks


def _norm(text: str) -> str:
    """Spaces (incl. NBSP), soft hyphens, quotes and dashes folded, lower case."""
    text = text.replace("\u00ad", "").replace("\u00a0", " ")
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(a, b)
    text = text.replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


def _raw_text(page: Path) -> str:
    """A rough reading of the raw page, enough to find strings in it (not a parser)."""
    data = page.read_bytes()
    if page.suffix == ".pdf":
        pypdf = pytest.importorskip("pypdf")
        reader = pypdf.PdfReader(str(page))
        text = "\n".join(p.extract_text() or "" for p in reader.pages)
        return re.sub(r"-\n", "", text)
    if page.suffix == ".eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        parts = [str(msg["Subject"]), str(msg["From"])]
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                parts.append(part.get_content())
        return "\n".join(parts)
    text = data.decode("utf-8")
    if "\u00e2\u20ac" in text:  # whole-page mojibake: read back as it was written
        text = text.encode("cp1252").decode("utf-8")
    if page.suffix == ".html":
        text = re.sub(r"<[^>]+>", " ", text)
    text = html.unescape(re.sub(r"</?strong>", "", text))
    text = text.replace("\u00ac ", "")
    return re.sub(r"(\w)-\n(\w)", r"\1\2", text)


def test_every_page_has_one_golden_and_the_set_is_broad() -> None:
    files = (BENCH / "pages").rglob("*.*")
    pages = {p.relative_to(BENCH / "pages").with_suffix("").as_posix() for p in files}
    goldens = {g.relative_to(BENCH / "golden").with_suffix("").as_posix() for g in GOLDENS}
    assert pages == goldens
    assert len(pages) >= 24
    assert len({p.split("/")[0] for p in pages}) >= 14
    suffixes = {p.suffix for p in (BENCH / "pages").rglob("*.*")}
    assert suffixes == {".txt", ".html", ".eml", ".md"}


def test_sites_are_new_to_this_set() -> None:
    mine = {p.name for p in (BENCH / "pages").iterdir()}
    for other in ("parsebench", "parsebench-holdout", "parsebench-holdout2"):
        theirs = {p.name for p in (BENCH.parent / other / "pages").iterdir()}
        assert not mine & theirs, (other, mine & theirs)


@pytest.mark.parametrize("path", GOLDENS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_golden_is_well_formed_and_readable_from_its_page(path: Path) -> None:
    meta, blocks = _golden(path)
    assert set(meta) == KEYS, path
    rel = path.relative_to(BENCH / "golden").with_suffix("").as_posix()
    assert str(meta["file"]).rsplit(".", 1)[0] == rel
    page = BENCH / "pages" / str(meta["file"])
    assert page.is_file()
    assert isinstance(meta["shapes"], list) and set(meta["shapes"]) <= set(range(1, 9)) and meta["shapes"]
    assert re.fullmatch(r"(\d{4}-\d{2}(-\d{2})?)?", str(meta["date"]))
    authors, drops = meta["authors"], meta["drop"]
    assert isinstance(authors, list) and isinstance(drops, list) and drops
    assert str(meta["title"]).strip() and str(meta["note"]).strip()
    paragraphs = [b for b in blocks if not b.startswith(("## ", "- ", "[caption] "))]
    assert len(paragraphs) >= 4, "each page has at least four body paragraphs"
    assert all("\n" not in b for b in blocks), "one block, one line"

    raw = _norm(_raw_text(page))
    body = [_norm(PREFIX.sub("", b)) for b in blocks]
    assert _norm(str(meta["title"])) in raw
    for author in authors:
        assert _norm(str(author)) in raw, author
    for drop in drops:
        d = _norm(str(drop))
        assert d in raw, f"drop {drop!r} is not on the page"
        assert not any(d in b for b in body), f"drop {drop!r} is in the expected text"
    # table cells, speaker labels and transcript timestamps lose their marks
    words = re.sub(r"\b\d\d \d\d \d\d ", "", " ".join(re.findall(r"\w+", raw)))
    for b in body:
        start = " ".join(re.findall(r"\w+", b)[:4])
        assert start in words, f"block starting {start!r} is not on the page"


def test_bench_reports_figures() -> None:
    """Report only: prints the bench figures; parse defects never fail this test."""
    bench = pytest.importorskip("qabot.corpus.bench")
    results = bench.run(BENCH)
    pages = {p.relative_to(BENCH / "pages").as_posix() for p in (BENCH / "pages").rglob("*.*")}
    assert {r.page for r in results} == pages
    print()
    for key, value in bench.figures(results).items():
        print(f"holdout3 {key}: {value}")

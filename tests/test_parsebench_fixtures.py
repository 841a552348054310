"""Fixtures of the later parse benchmarks (tests/parsebench-holdout2, -holdout3, -holdout4,
-holdout5, -holdout7, -holdout8, -holdout9, -holdout10, -holdout11 and -holdout12, each written as a
held-out set, and the development sets -round6, -round7 and -round15); each held-out set, once scored, was
made a development set (their figures are pinned in tests/test_parsebench_dev.py).

These tests check the FIXTURES, not the parser: every page has a well-formed golden, and
every golden can be read from its raw page (title, authors, the start of each block), while
no ``drop`` string sits in the expected text; each set's sites are new to the sets before it.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Bench:
    """One set, what it was written to cover, and the sets it had to be new to."""

    name: str
    pages: int
    sites: int
    suffixes: frozenset[str]
    before: tuple[str, ...]

    @property
    def root(self) -> Path:
        return HERE / self.name


BENCHES = (
    Bench("parsebench-holdout2", 30, 18, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout")),
    Bench("parsebench-holdout3", 24, 14, frozenset({".txt", ".html", ".eml", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2")),
    Bench("parsebench-holdout4", 30, 22, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3")),
    Bench("parsebench-holdout5", 25, 18, frozenset({".txt", ".html", ".eml", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-round6")),
    Bench("parsebench-round7", 21, 17, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6")),
    Bench("parsebench-holdout7", 31, 26, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6",
           "parsebench-round7")),
    Bench("parsebench-holdout8", 30, 22, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6", "parsebench-round7",
           "parsebench-holdout7")),
    Bench("parsebench-holdout9", 30, 22, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6", "parsebench-round7",
           "parsebench-holdout7", "parsebench-holdout8")),
    Bench("parsebench-holdout10", 30, 22, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6", "parsebench-round7",
           "parsebench-holdout7", "parsebench-holdout8", "parsebench-holdout9")),
    Bench("parsebench-holdout11", 30, 30, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6", "parsebench-round7",
           "parsebench-holdout7", "parsebench-holdout8", "parsebench-holdout9",
           "parsebench-holdout10")),
    Bench("parsebench-holdout12", 30, 30, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6", "parsebench-round7",
           "parsebench-holdout7", "parsebench-holdout8", "parsebench-holdout9",
           "parsebench-holdout10", "parsebench-holdout11")),
    Bench("parsebench-round15", 30, 30, frozenset({".txt", ".html", ".eml", ".pdf", ".md"}),
          ("parsebench", "parsebench-holdout", "parsebench-holdout2", "parsebench-holdout3",
           "parsebench-holdout4", "parsebench-holdout5", "parsebench-round6", "parsebench-round7",
           "parsebench-holdout7", "parsebench-holdout8", "parsebench-holdout9",
           "parsebench-holdout10", "parsebench-holdout11", "parsebench-holdout12")),
)  # fmt: skip
GOLDENS = [(b, g) for b in BENCHES for g in sorted((b.root / "golden").glob("*/*.md"))]


KEYS = {"file", "shapes", "title", "date", "authors", "site", "drop", "note"}
PREFIX = re.compile(r"^(## |- |\[caption\] )")


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
        title = str((reader.metadata or {}).get("/Title", ""))  # a title may be in metadata only
        return title + "\n" + re.sub(r"-\n", "", text)
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


@pytest.mark.parametrize("b", BENCHES, ids=lambda b: b.name)
def test_every_page_has_one_golden_and_the_set_is_broad(b: Bench) -> None:
    files = (b.root / "pages").rglob("*.*")
    pages = {p.relative_to(b.root / "pages").with_suffix("").as_posix() for p in files}
    goldens = {
        g.relative_to(b.root / "golden").with_suffix("").as_posix() for owner, g in GOLDENS if owner is b
    }
    assert pages == goldens
    assert len(pages) >= b.pages
    assert len({p.split("/")[0] for p in pages}) >= b.sites
    assert {p.suffix for p in (b.root / "pages").rglob("*.*")} == b.suffixes


@pytest.mark.parametrize("b", BENCHES, ids=lambda b: b.name)
def test_sites_are_new_to_this_set(b: Bench) -> None:
    mine = {p.name for p in (b.root / "pages").iterdir()}
    for other in b.before:
        theirs = {p.name for p in (HERE / other / "pages").iterdir()}
        assert not mine & theirs, (other, mine & theirs)


@pytest.mark.parametrize(
    ("bench", "path"), GOLDENS, ids=lambda x: x.parent.name + "/" + x.stem if isinstance(x, Path) else x.name
)
def test_golden_is_well_formed_and_readable_from_its_page(bench: Bench, path: Path) -> None:
    meta, blocks = _golden(path)
    assert set(meta) == KEYS, path
    rel = path.relative_to(bench.root / "golden").with_suffix("").as_posix()
    assert str(meta["file"]).rsplit(".", 1)[0] == rel
    page = bench.root / "pages" / str(meta["file"])
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

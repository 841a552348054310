"""The parse benchmark: raw pages read by qabot, checked against golden expectations.

A benchmark folder holds ``pages/<site>/<name>.<ext>`` (raw pages as users drop them
in) and ``golden/<site>/<name>.md`` (``+++`` TOML: file, title, date, authors, site,
drop; then the expected blocks: ``## `` heading, ``- `` bullet, ``[caption] ``, or a
paragraph, one a line group). The pages are read as one corpus, so chrome shared by a
site's pages is learned as it would be in an index. Text is compared with whitespace,
quotes and dashes folded.

A page has no defect when its title and date (where the golden has one) are exact, no
``drop`` string reaches a passage, no golden paragraph is cut in two, and no golden
block is lost (missing from the parsed text, even when merged into another block).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analysis import fold
from .files import FileSkipped
from .formats import Raw, read
from .reading import line_keys, parse, repeated_counts

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


@dataclass(frozen=True)
class Golden:
    file: str
    title: str
    date: str
    authors: tuple[str, ...]
    site: str
    drop: tuple[str, ...]
    blocks: tuple[tuple[str, str], ...]  # (kind, text)


@dataclass
class PageResult:
    """One page's checks; ``defects`` names what failed (empty: no defect)."""

    page: str
    title_ok: bool = False
    date_ok: bool = False
    has_date: bool = False
    authors_ok: bool = False
    site_ok: bool = False
    sections_ok: bool = False
    golden_blocks: int = 0
    found_blocks: int = 0
    parsed_blocks: int = 0
    matched_parsed: int = 0
    leaks: list[str] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    lost_words: int = 0
    golden_words: int = 0
    got: dict[str, Any] = field(default_factory=dict)
    error: str = ""

    @property
    def defects(self) -> list[str]:
        out = []
        if self.error:
            return [f"error: {self.error}"]
        if not self.title_ok:
            out.append(f"title {self.got.get('title')!r}")
        if self.has_date and not self.date_ok:
            out.append(f"date {self.got.get('date')!r}")
        if self.leaks:
            out.append(f"chrome leaks {self.leaks}")
        if self.cut:
            out.append(f"{len(self.cut)} cut paragraphs")
        if self.lost:
            out.append(f"{len(self.lost)} lost blocks")
        return out


def norm(text: str) -> str:
    """Text as the benchmark compares it: quotes and dashes folded, whitespace folded."""
    text = fold(text).replace("\u2013", "-").replace("\u2014", "-").replace("\u2012", "-")
    return re.sub(r"\s+", " ", text).strip()


def load_golden(path: Path) -> Golden:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("+++"):
        raise ValueError(f"{path}: no +++ front matter")
    head, _, body = text[3:].partition("\n+++")
    meta = tomllib.loads(head)
    blocks: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", body.partition("\n")[2]):
        chunk = " ".join(chunk.split())
        if not chunk:
            continue
        if chunk.startswith("## "):
            blocks.append(("heading", chunk[3:]))
        elif chunk.startswith("- "):
            blocks.append(("bullet", chunk[2:]))
        elif chunk.startswith("[caption] "):
            blocks.append(("caption", chunk[10:]))
        else:
            blocks.append(("paragraph", chunk))
    return Golden(
        file=str(meta["file"]),
        title=str(meta.get("title", "")),
        date=str(meta.get("date", "")),
        authors=tuple(str(a) for a in meta.get("authors", [])),
        site=str(meta.get("site", "")),
        drop=tuple(str(d) for d in meta.get("drop", [])),
        blocks=tuple(blocks),
    )


def goldens(folder: Path) -> list[Golden]:
    return [load_golden(p) for p in sorted((folder / "golden").rglob("*.md"))]


def _read_pages(folder: Path, items: Iterable[Golden]) -> dict[str, Raw | str]:
    out: dict[str, Raw | str] = {}
    for g in items:
        path = folder / "pages" / g.file
        try:
            out[g.file] = read(path.read_bytes(), g.file, path.suffix)
        except (OSError, FileSkipped) as exc:
            out[g.file] = str(exc)
    return out


def run(folder: Path) -> list[PageResult]:
    """Read every page of the benchmark ``folder`` as one corpus and check each."""
    from ..passages import split

    items = goldens(folder)
    raws = _read_pages(folder, items)
    keys = [line_keys(r) for r in raws.values() if isinstance(r, Raw)]
    repeated = repeated_counts(keys)
    results = []
    for g in items:
        res = PageResult(g.file)
        raw = raws[g.file]
        if isinstance(raw, str):
            res.error = raw
            results.append(res)
            continue
        stem = Path(g.file).with_suffix("").as_posix()
        try:
            doc = parse(raw, stem, repeated=repeated)
        except FileSkipped as exc:
            res.error = str(exc)
            results.append(res)
            continue
        blocks = [(b.kind, norm(b.text)) for b in doc.blocks]
        res.got = {"title": doc.title, "date": doc.date, "authors": list(doc.authors), "site": doc.site}
        res.title_ok = norm(doc.title) == norm(g.title)
        res.has_date = bool(g.date)
        res.date_ok = doc.date == (g.date or "undated")
        res.authors_ok = sorted(map(norm, doc.authors)) == sorted(map(norm, g.authors))
        res.site_ok = norm(doc.site) == norm(g.site)
        want = [(k, norm(t)) for k, t in g.blocks]
        res.sections_ok = [t for k, t in blocks if k == "heading"] == [t for k, t in want if k == "heading"]
        res.golden_blocks = len(want)
        res.parsed_blocks = len(blocks)
        got_set = set(blocks)
        res.found_blocks = sum(1 for w in want if w in got_set)
        want_set = set(want)
        res.matched_parsed = sum(1 for b in blocks if b in want_set)
        texts = [norm(f"{p.section or ''} {p.text}") for p in split(doc)]
        res.leaks = [d for d in g.drop if any(norm(d) in t for t in texts)]
        joined = " \n ".join(t for _, t in blocks)
        parsed_texts = [t for _, t in blocks]
        for kind, text in want:
            if kind == "heading":
                continue
            if text not in joined:
                res.lost.append(text[:70])
            elif kind == "paragraph" and text not in parsed_texts:
                pieces = [t for t in parsed_texts if len(t) >= 20 and t != text and t in text]
                if pieces:
                    res.cut.append(text[:70])
        got_words = set(re.findall(r"\w+", joined.lower()))
        for _, text in want:
            ws = re.findall(r"\w+", text.lower())
            res.golden_words += len(ws)
            res.lost_words += sum(1 for w in ws if w not in got_words)
        results.append(res)
    return results


def figures(results: list[PageResult]) -> dict[str, Any]:
    """Per-field figures over all pages."""
    n = len(results)
    dated = [r for r in results if r.has_date]
    gb = sum(r.golden_blocks for r in results)
    pb = sum(r.parsed_blocks for r in results)
    return {
        "pages": n,
        "no_defect": sum(1 for r in results if not r.defects),
        "title": sum(r.title_ok for r in results),
        "date": sum(r.date_ok for r in dated),
        "dated_pages": len(dated),
        "authors": sum(r.authors_ok for r in results),
        "site": sum(r.site_ok for r in results),
        "sections": sum(r.sections_ok for r in results),
        "block_recall": round(sum(r.found_blocks for r in results) / gb, 4) if gb else None,
        "block_precision": round(sum(r.matched_parsed for r in results) / pb, 4) if pb else None,
        "chrome_leaks": sum(len(r.leaks) for r in results),
        "pages_with_leaks": sum(1 for r in results if r.leaks),
        "cut_paragraphs": sum(len(r.cut) for r in results),
        "lost_blocks": sum(len(r.lost) for r in results),
        "lost_words": sum(r.lost_words for r in results),
        "golden_words": sum(r.golden_words for r in results),
    }


def report(results: list[PageResult], verbose: bool = False) -> str:
    f = figures(results)
    lines = [
        f"{f['pages']} pages, {f['no_defect']} with no defect",
        f"title exact      {f['title']}/{f['pages']}",
        f"date exact       {f['date']}/{f['dated_pages']} (pages that show a date)",
        f"authors exact    {f['authors']}/{f['pages']}",
        f"site exact       {f['site']}/{f['pages']}",
        f"sections exact   {f['sections']}/{f['pages']}",
        f"block recall     {f['block_recall']}",
        f"block precision  {f['block_precision']}",
        f"chrome leaks     {f['chrome_leaks']} (on {f['pages_with_leaks']} pages)",
        f"cut paragraphs   {f['cut_paragraphs']}",
        f"lost blocks      {f['lost_blocks']} "
        f"({f['lost_words']} of {f['golden_words']} golden words missing)",
    ]
    for r in results:
        if r.defects or verbose:
            extra = "" if r.authors_ok else f" [authors {r.got.get('authors')}]"
            lines.append(f"  {r.page}: {'; '.join(r.defects) or 'ok'}{extra}")
    return "\n".join(lines) + "\n"


def markdown(results: list[PageResult]) -> str:
    """The figures as the README's table (``python -m qabot.corpus.bench --markdown``)."""
    f = figures(results)
    leaks = f"{f['chrome_leaks']} on {f['pages_with_leaks']} pages"
    rows = [
        ("pages with no defect", f"{f['no_defect']} / {f['pages']}"),
        ("title exact", f"{f['title']} / {f['pages']}"),
        ("date exact", f"{f['date']} / {f['dated_pages']} (pages that show a date)"),
        ("authors exact (as a set)", f"{f['authors']} / {f['pages']}"),
        ("site exact", f"{f['site']} / {f['pages']}"),
        ("sections exact (heading sequence)", f"{f['sections']} / {f['pages']}"),
        ("block recall (golden blocks found exactly)", f"{f['block_recall']:.3f}"),
        ("block precision (parsed blocks that are golden)", f"{f['block_precision']:.3f}"),
        ("chrome leaks (`drop` strings in a passage)", leaks),
        ("cut paragraphs", f"{f['cut_paragraphs']}"),
        (
            "lost blocks (golden text missing)",
            f"{f['lost_blocks']} ({f['lost_words']} of {f['golden_words']} golden words)",
        ),
    ]
    return "| figure | value |\n|---|---|\n" + "".join(f"| {a} | {b} |\n" for a, b in rows)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    verbose = "-v" in args
    folders = [a for a in args if not a.startswith("-")] or ["tests/parsebench"]
    results = run(Path(folders[0]))
    sys.stdout.write(markdown(results) if "--markdown" in args else report(results, verbose))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

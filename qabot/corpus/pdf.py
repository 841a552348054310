"""A PDF's text layer as lines, with what its type says: title, headings, fine print.

pypdf gives two views of a page: its layout mode, which keeps the page's geometry in
spaces and blank lines (a vertical gap is the only sign of a paragraph break in most
PDFs, a wide gap the only sign of a table's cells or a second column), and the text
operators themselves, each with its position and type size. qabot reads the lines of
the first and puts the size of the second on each of them, and then reads what a
reader sees at a glance:

- the **title** is the title page's largest type (two lines of it are one title);
- **headings** are short lines set larger or bolder than the body;
- **furniture** is small type at a page's top or foot (running headers, page numbers,
  a classification marking, footnotes) or lines recurring on most pages, and **fine
  print** is small type after the last paragraph (a publisher's box, a disclaimer);
- **note markers** set small after a word (``Initiative⁴``) are taken off the word;
- **columns**: a page whose lines share a wide gap at one place is read column by column;
- **tables**: rows whose cells line up under each other become ``a | b | c`` rows.

Where the two views cannot be matched (an unusual producer), the page is read from its
layout text alone, as before: nothing is lost, only the type's evidence.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise
from math import hypot
from typing import Any

from ..lazyre import lazy
from . import dates
from .clean import clean_field, clean_text, repair_pdf_hyphens
from .files import FileSkipped
from .header import Hint
from .paragraphs import Body

_PAGE_NUMBER = lazy(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.I)
_FOOTNOTE = lazy(r"^\s*(?:\d{1,3}|[*†‡])\s+\S")
_GAP = lazy(r"(?<=\S) {3,}(?=\S)")
_JUNK_TITLE = lazy(r"\.(?:docx?|pdf|indd|rtf|tex)$|^microsoft\b|^untitled|^[\w-]+\.\w{2,4}$", re.I)


@dataclass(frozen=True)
class _Run:
    y: float
    x: float
    size: float
    bold: bool
    text: str


@dataclass
class Line:
    """One line of a page: its layout text (spacing kept), the size and weight of its
    type where known (0 when not), the note markers set small in it, and why the
    reader dropped it ("" when kept)."""

    text: str
    size: float = 0.0
    bold: bool = False
    sup: list[str] = field(default_factory=list)
    runs: list[_Run] = field(default_factory=list)
    kind: str = ""
    dropped: str = ""

    @property
    def solid(self) -> str:
        return self.text.strip()


def from_pdf(data: bytes, name: str) -> Any:
    """A PDF's text layer as :class:`~qabot.corpus.formats.Raw`, page furniture removed."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise FileSkipped(f"{name}: reading PDF needs pypdf (pip install pypdf), skipped") from None
    from .formats import Raw

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # damaged files: we say it once, below
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FileSkipped(f"{name}: encrypted PDF, skipped")
        pages = [page_lines(page) for page in reader.pages]
        info = reader.metadata
    except FileSkipped:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise FileSkipped(
            f"{name}: cannot read PDF ({type(exc).__name__}: {str(exc)[:80]}), skipped"
        ) from None
    if not any(ln.solid for page in pages for ln in page):
        raise FileSkipped(f"{name}: PDF has no text layer (a scan?), skipped")
    hints: dict[str, Hint] = {}
    weak: set[str] = set()
    if info is not None:
        title = clean_field(str(info.title or ""))
        if title and not _JUNK_TITLE.search(title):
            hints["title"] = Hint(title, "PDF metadata (title)")
            weak.add("title")
        author = clean_field(str(info.author or ""))
        if author:
            hints["authors"] = Hint(author, "PDF metadata (author)")
            weak.add("authors")
    body = body_size(pages)
    notes = [f"text layer of {len(pages)} pages"]
    if body:
        notes.append(f"body type {body:g} pt")
        title = _title_lines(pages, body)
        if title:
            hints["title"] = Hint(title, "PDF title page (largest type)")
            weak.discard("title")
    for page in pages:
        _mark_furniture(page, body)
    _mark_recurring(pages)
    if body:
        _mark_fine_print(pages, body)
    lines: list[Body] = []
    dropped: list[tuple[int, str, str]] = []
    pages = [_unglue_notes(_columns(page)) for page in pages]
    for page in pages:
        _mark_tables(page)
        _mark_pair_tables(page)
        if body:
            _mark_headings(page, body)
    for text, kind, why in _joined(pages):
        no = len(lines) + len(dropped) + 1
        if why:
            dropped.append((no, text, why))
        else:
            lines.append(Body(text, no, kind=kind, level=2 if kind == "heading" else 0))
    solid = sum(1 for b in lines if b.text)
    gaps = sum(1 for a, b in pairwise(lines) if a.text and not b.text)
    spaced = solid >= 10 and gaps >= 0.06 * solid
    if spaced:
        notes.append("paragraphs set apart by space: lines joined up to each gap")
    return Raw(
        name,
        "pdf",
        tuple(lines),
        hints,
        notes=tuple(notes),
        weak=frozenset(weak),
        spaced=spaced,
        dropped=tuple(dropped),
    )


# ---------------------------------------------------------------- one page


def page_lines(page: Any) -> list[Line]:
    """A page's layout lines with the size of their type where the text operators say it."""
    text = page.extract_text(extraction_mode="layout") or ""
    text = re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", text)  # one blank line for any gap
    lines = [Line(clean_text(ln).rstrip()) for ln in text.split("\n")]
    while lines and not lines[0].solid:
        lines.pop(0)
    while lines and not lines[-1].solid:
        lines.pop()
    try:
        runs = _runs(page)
    except Exception:  # the type's evidence is a bonus: any failure leaves the text as it is
        runs = []
    if runs:
        _attach(lines, runs)
    return lines


def _runs(page: Any) -> list[list[_Run]]:
    """The page's text operators grouped into visual lines (top to bottom, left to right)."""
    runs: list[_Run] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if not text or not text.strip():
            return
        c = tm[2] * cm[0] + tm[3] * cm[2]
        d = tm[2] * cm[1] + tm[3] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        bold = bool(re.search(r"bold|black|heavy|semibold|demi", name, re.I))
        for part in text.split("\n"):
            if part.strip():
                runs.append(_Run(float(y), float(x), float(size or 0) * (hypot(c, d) or 1.0), bold, part))

    page.extract_text(visitor_text=visit)
    runs.sort(key=lambda r: (-r.y, r.x))
    out: list[list[_Run]] = []
    for r in runs:
        if out and abs(out[-1][0].y - r.y) <= 0.4 * max(r.size, out[-1][0].size, 1.0):
            out[-1].append(r)
        else:
            out.append([r])
    return [sorted(v, key=lambda r: r.x) for v in out]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _attach(lines: list[Line], visual: list[list[_Run]]) -> None:
    """Give each layout line the type of the visual line(s) that make it up, matched by
    their text in order; lines that cannot be matched keep size 0."""
    k = 0
    for ln in lines:
        want = _squash(ln.text)
        if not want:
            continue
        for start in range(k, min(k + 6, len(visual))):
            got, end = "", start
            while end < len(visual) and len(got) < len(want):
                got += _squash(clean_text("".join(r.text for r in visual[end])))
                end += 1
            if got == want:
                runs = [r for v in visual[start:end] for r in v]
                _set_type(ln, runs)
                k = end
                break
    # a page in two columns whose baselines differ: a layout line holds a line of each
    # column, two visual lines apart; each part (set off by a wide gap) is matched alone
    free: dict[str, list[list[_Run]]] = {}
    for v in visual:
        free.setdefault(_squash(clean_text("".join(r.text for r in v))), []).append(v)
    for ln in lines:
        if ln.runs or not ln.solid:
            continue
        whole = _squash(ln.solid)
        if free.get(whole):
            _set_type(ln, free[whole].pop(0))
            continue
        parts = [_squash(x) for x in re.split(r"(?<=\S) {4,}(?=\S)", ln.solid)]
        if len(parts) < 2 or not all(free.get(x) for x in parts):
            continue
        _set_type(ln, sorted((r for x in parts for r in free[x].pop(0)), key=lambda r: r.x))


def _set_type(ln: Line, runs: list[_Run]) -> None:
    ln.runs = runs
    if not runs:
        return
    weight: Counter[float] = Counter()
    for r in runs:
        weight[round(r.size, 1)] += len(r.text.strip())
    main = weight.most_common(1)[0][0]
    ln.size = main
    ln.bold = sum(len(r.text) for r in runs if r.bold) > 0.6 * sum(len(r.text) for r in runs)
    # note markers: digits (or *, †) set well below the line's own size
    ln.sup = [
        r.text.strip() for r in runs if r.size < 0.8 * main and re.fullmatch(r"\d{1,3}|[*†‡]", r.text.strip())
    ]


def body_size(pages: list[list[Line]]) -> float:
    """The size most of the document's characters are set in (0 when unknown)."""
    weight: Counter[float] = Counter()
    for page in pages:
        for ln in page:
            if ln.size:
                weight[ln.size] += len(ln.solid)
    return weight.most_common(1)[0][0] if weight else 0.0


def _title_lines(pages: list[list[Line]], body: float) -> str:
    """The title: the first page's largest type, when it is well above the body's (the
    lines of it that follow one another, joined)."""
    first = next((p for p in pages if any(ln.solid for ln in p)), [])
    sizes = [ln.size for ln in first if ln.solid and ln.size]
    if not sizes or max(sizes) < 1.25 * body:
        return ""
    top = max(sizes)
    picked: list[Line] = []
    for ln in first:
        if ln.solid and abs(ln.size - top) <= 0.5:
            picked.append(ln)
        elif picked and ln.solid:
            break
    title = re.sub(r"\s+", " ", " ".join(ln.solid for ln in picked)).strip()
    if not title or len(title.split()) > 30:
        return ""
    for ln in picked[1:]:
        ln.dropped = "title, set over two lines (joined on the first)"
    picked[0].text = title
    # a line of its own: the smaller type right above or under it (a series name, a
    # subtitle) is no part of the title, even where the file's paragraphs join up to a gap
    picked[0].kind = "heading"
    return title


def _gaps(text: str) -> int:
    return len(_GAP.compiled.findall(text.strip()))


def _mark_furniture(page: list[Line], body: float) -> None:
    """Small type at the top or foot of a page (running headers, page numbers, markings,
    footnotes), page numbers anywhere at the edges."""
    solid = [ln for ln in page if ln.solid and not ln.dropped]
    small = [bool(body and ln.size and ln.size <= 0.9 * body and _gaps(ln.text) < 2) for ln in solid]

    def furniture(ln: Line, at_foot: bool) -> str:
        if _PAGE_NUMBER.match(ln.solid):
            return "page number"
        if at_foot and _FOOTNOTE.match(ln.solid):
            return "note at the page foot"
        return "small type at the page's edge (running header or footer)"

    def a_date(t: str) -> bool:  # a date alone ("Published 3 June 2019") is no furniture
        d = dates.dateline(t)
        return d is not None and not d[1]

    for k in range(min(3, len(solid))):
        if not (small[k] or _PAGE_NUMBER.match(solid[k].solid)) or a_date(solid[k].solid):
            break
        solid[k].dropped = furniture(solid[k], False)
    for k in range(len(solid) - 1, max(-1, len(solid) - 9), -1):
        ln = solid[k]
        if ln.dropped or not (small[k] or _PAGE_NUMBER.match(ln.solid)) or a_date(ln.solid):
            break
        ln.dropped = furniture(ln, True)
    if not body:
        _without_footnotes(solid)


def _without_footnotes(solid: list[Line]) -> None:
    """Without type sizes: a closing run of lines that start with a note number (each may
    wrap onto a line or two), when the page's text refers to one of those numbers."""
    end = len(solid)
    while end > 0 and solid[end - 1].dropped:
        end -= 1
    for k in range(max(0, end - 15), end):
        if not _FOOTNOTE.match(solid[k].text):
            continue
        since, ok = 0, True
        for ln in solid[k + 1 : end]:
            since = 0 if _FOOTNOTE.match(ln.text) else since + 1
            if since > 2:
                ok = False
                break
        if not ok:
            continue
        text = "\n".join(ln.text for ln in solid[:k])
        numbers = [ln.solid.split()[0] for ln in solid[k:end] if _FOOTNOTE.match(ln.text)]
        if any(re.search(rf"[^\W_][.,;:”\"’)]?{re.escape(n)}(?:\s|$)", text) for n in numbers if n.isdigit()):
            for ln in solid[k:end]:
                ln.dropped = "note at the page foot"
        return


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", line.strip().casefold()))


def _mark_recurring(pages: list[list[Line]]) -> None:
    """Lines at the top or foot of most pages (numbers aside): running headers and footers."""
    if len(pages) < 3:
        return
    counts: Counter[str] = Counter()
    for page in pages:
        solid = [ln for ln in page if ln.solid and not ln.dropped]
        counts.update({_furniture_key(ln.text) for ln in solid[:3] + solid[-3:]})
    recurring = {k for k, c in counts.items() if c >= max(2, len(pages) // 2)}
    for page in pages:
        solid = [ln for ln in page if ln.solid and not ln.dropped]
        for ln in solid[:3] + solid[-3:]:
            if _furniture_key(ln.text) in recurring:
                ln.dropped = "running header or footer (on most pages)"


def _mark_fine_print(pages: list[list[Line]], body: float) -> None:
    """Small type after the document's last paragraph in body type: a publisher's box,
    a disclaimer, an imprint (tables, whose cells are set apart, excepted)."""
    kept = [ln for page in pages for ln in page if ln.solid and not ln.dropped]
    for ln in reversed(kept):
        d = dates.dateline(ln.solid)
        if ln.size and ln.size <= 0.9 * body and _gaps(ln.text) < 2 and not (d and not d[1]):
            ln.dropped = "small type after the text (fine print)"
        else:
            break


def _unglue_notes(page: list[Line]) -> list[Line]:
    """Note markers set small after a word or a year (``Initiative4``, ``combat,1``,
    ``in 20221``) taken off it; a decimal's digits (``7.1 billion``) are no marker."""
    for ln in page:
        pos = 0
        for mark in ln.sup:
            after = r"(?:(?<=[^\s\d])(?<!\d[.,])|(?<=(?<![\d.,])(?:1[5-9]|20)\d\d))"
            m = re.compile(rf"{after}{re.escape(mark)}(?![\d])").search(ln.text, pos)
            if m:
                ln.text = ln.text[: m.start()] + ln.text[m.end() :]
                pos = m.start()
    return page


# ---------------------------------------------------------------- columns and tables


def _gutter(texts: list[str]) -> int | None:
    """The character column of a gap most lines share in the middle of the page (two
    columns of text), or None."""
    lines = [t for t in texts if t.strip()]
    if len(lines) < 8:
        return None
    width = max(len(t) for t in lines)
    best, best_share = None, 0.0
    for c in range(int(width * 0.3), int(width * 0.7)):
        crossing = [t for t in lines if len(t) > c + 1]
        if len(crossing) < 0.5 * len(lines):
            continue
        clear = [t for t in crossing if not t[c - 1 : c + 2].strip()]
        both = [t for t in clear if t[: c - 1].strip() and t[c + 2 :].strip()]
        share = len(clear) / len(crossing)
        if share >= 0.85 and len(both) >= 0.5 * len(lines) and share > best_share:
            best, best_share = c, share
    return best if best is not None else _short_column(lines)


_COLUMN_GAP = re.compile(r"\S( {6,})(?=\S)")


def _short_column(lines: list[str]) -> int | None:
    """The gutter of a page whose second column is short (an article's last lines at the top
    of the right column, the rest of it blank): three or more lines with a wide gap ending at
    one column, both sides of each running text (no table's short cells), and no other line
    crossing there. Returns a column inside the gap."""
    starts: dict[int, list[str]] = {}
    for t in lines:
        for m in _COLUMN_GAP.finditer(t):
            starts.setdefault(m.end(), []).append(t)
    for c, found in sorted(starts.items(), key=lambda kv: -len(kv[1])):
        if len(found) < 3:
            return None
        rights = [len(t[c:].strip()) for t in found]
        if min(rights) < 4 or sum(rights) < 30 * len(found):
            continue
        if sum(len(t[:c].strip()) for t in found) < 30 * len(found):
            continue
        mid = c - 2
        others = [t for t in lines if len(t) > mid + 1 and t not in found]
        if all(not t[mid - 1 : mid + 2].strip() for t in others) or len(others) <= 1:
            return mid
    return None


def _columns(page: list[Line]) -> list[Line]:
    """A page set in two columns, read column by column (lines that cross the gutter, a
    heading over both columns, stay where they are, between column runs)."""
    kept = [ln for ln in page if not ln.dropped]
    c = _gutter([ln.text for ln in kept])
    if c is None:
        return page
    out: list[Line] = [ln for ln in page if ln.dropped]
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:  # no blank line between: a paragraph may go on at the next column's top
        while left and not left[-1].solid:
            left.pop()
        while right and not right[0].solid:
            right.pop(0)
        # both columns' lines: one column's width is the other's
        full = [ln.solid for ln in (*left, *right) if ln.solid]
        for half in (left, right):
            # a row's blank gap belongs to one column only: a paragraph's end inside a column
            # (a sentence's end on a line well short of the column's) gets its own blank line
            k = 0
            while k < len(half) - 1:
                if half[k].solid and half[k + 1].solid and _ends_paragraph(half[k].solid, full):
                    half.insert(k + 1, Line(""))
                k += 1
        out.extend(left)
        solid = [ln.solid for ln in left if ln.solid]
        if solid and right and _ends_paragraph(solid[-1], solid[-60:]):
            out.append(Line(""))
        out.extend(right)
        left.clear()
        right.clear()

    for ln in kept:
        t = ln.text
        if len(t) > c + 2 and t[c - 1 : c + 2].strip():
            flush()
            out.append(ln)
            continue
        # a left column's line that ends right in the gutter (a justified line pushed wide by
        # a note's marker) is the left column's whole
        cut = len(t) if len(t) <= c + 2 else c
        a, b = replace(ln, text=t[:cut].rstrip()), replace(ln, text=t[cut:].strip())
        if ln.runs:  # each half has its own type: its runs, taken from the right by their text
            runs = sorted(ln.runs, key=lambda r: r.x)
            k, got = len(runs), 0
            while k > 0 and got < len(_squash(b.text)):
                k -= 1
                got += len(_squash(runs[k].text))
            _set_type(a, runs[:k])
            _set_type(b, runs[k:])
        left.append(a)
        right.append(b)
    flush()
    return out


def _cells(text: str) -> list[tuple[int, str]]:
    """``(start column, text)`` of the cells of a line, cut at gaps of three spaces or more."""
    return [(m.start(), m.group()) for m in re.finditer(r"\S+(?: {1,2}\S+)*", text)]


def _mark_pair_tables(page: list[Line]) -> None:
    """A table of two columns: three or more lines in a row of two cells each, the second
    cells starting at one column, under a header row set bold while the rows are not
    (two columns of prose have no bold first line, and _columns has split them)."""
    run: list[tuple[Line, list[tuple[int, str]]]] = []  # each line with its two cells

    def close() -> None:
        starts = {cells[1][0] for _, cells in run}
        header = len(run) >= 3 and run[0][0].bold and not any(ln.bold for ln, _ in run[1:])
        if header and max(starts) - min(starts) <= 1:
            for ln, cells in run:
                ln.text = " | ".join(t for _, t in cells)
                ln.kind = "row"
        run.clear()

    for ln in page:
        cells = _cells(ln.text) if not ln.dropped and not ln.kind and ln.solid else []
        if len(cells) == 2:
            run.append((ln, cells))
        else:
            close()
    close()


def _mark_tables(page: list[Line]) -> None:
    """Runs of two or more lines with three or more cells that line up (two cell starts
    shared within a column) become table rows, cells joined by `` | ``."""
    run: list[Line] = []

    def close() -> None:
        if len(run) >= 2:
            starts = [{s for s, _ in _cells(ln.text)} for ln in run]
            shared = set.intersection(*[{s + d for s in st for d in (-1, 0, 1)} for st in starts])
            firsts = {min(st) for st in starts}
            if len(shared) >= 3 or (len(firsts) == 1 and len(shared) >= 2):
                for ln in run:
                    ln.text = " | ".join(t for _, t in _cells(ln.text))
                    ln.kind = "row"
        run.clear()

    for ln in page:
        if ln.dropped:
            continue
        if ln.solid and len(_cells(ln.text)) >= 3 and not _FOOTNOTE.match(ln.text):
            run.append(ln)
        else:
            close()
    close()


def _mark_headings(page: list[Line], body: float) -> None:
    """Short lines in type larger than the body's, or bold where the body is not: headings."""
    for ln in page:
        if ln.dropped or ln.kind or not ln.solid or not ln.size:
            continue
        words = ln.solid.split()
        bigger = ln.size >= 1.08 * body
        bolder = ln.bold and ln.size >= 0.95 * body
        if (bigger or bolder) and len(words) <= 14 and not re.search(r"[.!?,;]$", ln.solid):
            ln.kind = "heading"


# ---------------------------------------------------------------- pages to lines


def _joined(pages: list[list[Line]]) -> list[tuple[str, str, str]]:
    """``(text, kind, dropped reason)`` of every line, pages joined with no blank line (a
    paragraph may run over the break; the line widths decide, as for any wrapped text)."""
    out: list[tuple[str, str, str]] = []
    for page in pages:
        texts = [(ln, _tidy(ln.text)) for ln in page]
        last = next((t for t, kind, why in reversed(out) if t and not why), "")
        if last and _ends_paragraph(last, [t for t, _, why in out[-60:] if t and not why]):
            out.append(("", "", ""))
        kept = [k for k, (ln, t) in enumerate(texts) if t and not ln.dropped]
        if kept:  # blank lines beside the furniture at a page's top and foot are no paragraph gap
            texts = [x for k, x in enumerate(texts) if x[1] or kept[0] < k < kept[-1]]
        for ln, t in texts:
            if ln.dropped:
                if t:
                    out.append((t, "", ln.dropped))
                continue
            if not t:
                out.append(("", "", ""))
                continue
            # a wide gap inside a line separates two things set apart: two lines
            parts = [t] if ln.kind == "row" else re.split(r"(?<=\S) {6,}(?=\S)", ln.text.strip())
            for part in parts:
                out.append((_tidy(part), ln.kind, ""))
    return out


def _ends_paragraph(last: str, before: list[str]) -> bool:
    """Whether a page's (or column's) last line ends its paragraph: a sentence's end on a
    line well short of the full lines around it (a paragraph's last line stops early)."""
    if not re.search(r"[.!?:][\"'”’)]*$", last) or len(before) < 4:
        return False
    full = sorted(len(t) for t in before)[int(0.8 * (len(before) - 1))]
    return len(last) < 0.85 * full


def _tidy(text: str) -> str:
    return repair_pdf_hyphens(re.sub(r"[ ]{2,}", " ", text).strip())

"""The report PDF writer of the held-out parse benchmarks (tests/parsebench-holdout,
tests/parsebench-holdout2): each of their ``make_pdfs`` scripts lists its reports as
:class:`Spec` values and calls :func:`main` with its own folder.

Each spec adds what a real report's text layer carries and a parser has to see through:
a title page, running headers, page numbers, footnote numbers glued to the word before
them with the note text at the page foot, a contents page with dot leaders, tables whose
cells are separated only by spaces, and long words hyphenated at line ends. Core fonts
only, fixed creation dates: the output is small and byte-for-byte reproducible.

Needs fpdf2, which is not a qabot dependency; pytest does not collect this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

from qabot.corpus.bench import load_golden

LEFT, RIGHT, TOP = 22.0, 22.0, 30.0
WIDTH = 210.0 - LEFT - RIGHT
BODY_BOTTOM = 262.0  # lowest body baseline when the page has no footnotes
NOTE_STEP = 4.0
LINE = 5.2
COL_GAP = 8.0
VOWELS = set("aeiouy")


@dataclass
class Spec:
    name: str  # path under pages/ and golden/, without extension
    header: str  # running header on every page after the title page
    footer: str  # page number format, "{n}" is replaced
    cover: list[tuple[str, str, float]]  # (text, font style, size) lines of the title page
    contact: list[str]  # small print at the foot of the title page
    notes: list[tuple[str, str]] = field(default_factory=list)  # (anchor in body, note text)
    table_cols: tuple[float, ...] = ()
    contents: bool = False
    break_before: tuple[str, ...] = ()  # headings that start a new page
    body_on_cover: bool = False
    columns: int = 1  # body set in this many columns (headings and tables span one column)
    disclaimer: list[str] = field(default_factory=list)  # paragraphs of a page after the cover
    meta_title: str = ""
    meta_author: str = ""
    created: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


class Layout:
    """Places golden blocks on pages, keeping track of the cursor and page footnotes."""

    def __init__(self, spec: Spec, heading_pages: dict[str, int]):
        self.spec = spec
        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_creation_date(spec.created)
        self.pdf.set_title(spec.meta_title)
        self.pdf.set_author(spec.meta_author)
        self.pdf.set_creator("Report template 4.2")
        self.heading_pages = heading_pages  # from an earlier pass, for the contents page
        self.found_headings: dict[str, int] = {}
        self.y = TOP
        self.page_notes: list[str] = []
        self.note_count = 0
        self.col = 0  # current column (multi-column specs only)
        self.col_top = TOP  # where a column starts on the current page
        self.col_width = (WIDTH - COL_GAP * (spec.columns - 1)) / spec.columns

    # pages -----------------------------------------------------------------------------
    def new_page(self) -> None:
        if self.pdf.page:
            self.finish_page()
        self.pdf.add_page()
        self.page_notes = []
        self.y = TOP
        self.col, self.col_top = 0, TOP
        if self.pdf.page > 1:
            self.pdf.set_font("Helvetica", "", 8)
            self.pdf.text(LEFT, 15, self.spec.header)
            self.pdf.line(LEFT, 17, 210 - RIGHT, 17)

    def finish_page(self) -> None:
        pdf = self.pdf
        if self.page_notes:
            top = 276 - NOTE_STEP * len(self.page_notes)
            pdf.line(LEFT, top - 3.5, LEFT + 40, top - 3.5)
            pdf.set_font("Times", "", 7.5)
            for i, note in enumerate(self.page_notes):
                pdf.text(LEFT, top + i * NOTE_STEP, note)
        if pdf.page > 1:
            pdf.set_font("Helvetica", "", 8)
            label = self.spec.footer.format(n=pdf.page)
            pdf.text((210 - pdf.get_string_width(label)) / 2, 287, label)

    def room(self, lines: int = 1) -> None:
        bottom = BODY_BOTTOM - NOTE_STEP * len(self.page_notes)
        if self.y + LINE * (lines - 1) > bottom:
            if self.col + 1 < self.spec.columns:
                self.col += 1
                self.y = self.col_top
            else:
                self.new_page()

    def x(self) -> float:
        """Left edge of the current column."""
        return LEFT + self.col * (self.col_width + COL_GAP)

    # title, disclaimer and contents --------------------------------------------------------
    def disclaimer(self) -> None:
        """A page of small print between the cover and the body (no body text on it)."""
        self.new_page()
        self.pdf.set_font("Helvetica", "", 8)
        for text in self.spec.disclaimer:
            line = ""
            for word in text.split(" "):
                if line and self.pdf.get_string_width(line + " " + word) > WIDTH:
                    self.pdf.text(LEFT, self.y, line)
                    self.y += 4
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            if line:
                self.pdf.text(LEFT, self.y, line)
            self.y += 7

    def cover(self) -> None:
        self.new_page()
        y = 45.0
        for text, style, size in self.spec.cover:
            self.pdf.set_font("Helvetica", style, size)
            if text:
                self.pdf.text(LEFT, y, text)
            y += size * 0.5
        self.pdf.set_font("Helvetica", "", 7.5)
        for i, line in enumerate(self.spec.contact):
            self.pdf.text(LEFT, 280 + i * 4, line)
        self.y = y + 6

    def contents(self, headings: list[str]) -> None:
        self.new_page()
        self.pdf.set_font("Helvetica", "B", 13)
        self.pdf.text(LEFT, self.y, "Contents")
        self.y += 10
        self.pdf.set_font("Times", "", 10.5)
        for h in headings:
            num = str(self.heading_pages.get(h, 0))
            dots_w = WIDTH - self.pdf.get_string_width(h + " " + " " + num)
            dots = "." * int(dots_w / self.pdf.get_string_width("."))
            self.pdf.text(LEFT, self.y, f"{h} {dots} {num}")
            self.y += 7

    # blocks ------------------------------------------------------------------------------
    def heading(self, text: str) -> None:
        self.y += 3
        self.room(3)
        self.found_headings[text] = self.pdf.page
        self.pdf.set_font("Helvetica", "B", 12)
        self.pdf.text(self.x(), self.y, text)
        self.y += LINE + 2

    def words_with_markers(self, text: str) -> list[tuple[str, str]]:
        """The block's words, each with the footnote number to glue after it ('' if none)."""
        marks: dict[int, str] = {}
        for anchor, note in self.spec.notes:
            pos = text.find(anchor)
            if pos >= 0:
                self.note_count += 1
                marks[pos + len(anchor) - 1] = f"{self.note_count}|{note}"
        out = []
        pos = 0
        for word in text.split(" "):
            end = pos + len(word)
            mark = next((m for p, m in marks.items() if pos <= p < end), "")
            out.append((word, mark))
            pos = end + 1
        return out

    def split_word(self, word: str, room: float) -> tuple[str, str] | None:
        """Break a word at the line end: at its own hyphen, or hyphenated if long enough."""
        width = self.pdf.get_string_width
        if "-" in word[:-1]:
            cut = word.rfind("-", 0, len(word) - 1)
            while cut > 0:
                if width(word[: cut + 1]) <= room:
                    return word[: cut + 1], word[cut + 1 :]
                cut = word.rfind("-", 0, cut)
            return None
        core = word.rstrip(".,;:)")
        if len(core) < 8 or not core.isalpha():
            return None
        for k in range(len(core) - 3, 3, -1):
            head = word[:k]
            a, b, c = head[-1].lower(), word[k].lower(), word[k + 1].lower()
            if a in VOWELS and b not in VOWELS and c in VOWELS and width(head + "-") <= room:
                return head + "-", word[k:]
        return None

    def paragraph(self, text: str, indent: float = 0.0, bullet: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font("Times", "", 10.5)
        space = pdf.get_string_width(" ")
        words = self.words_with_markers(text)
        lines: list[list[tuple[str, str]]] = []
        line: list[tuple[str, str]] = []
        used = 0.0
        avail = self.col_width - indent
        i = 0
        while i < len(words):
            word, mark = words[i]
            w = pdf.get_string_width(word) + (2.0 if mark else 0.0)
            extra = w + (space if line else 0.0)
            if used + extra <= avail:
                line.append((word, mark))
                used += extra
                i += 1
                continue
            piece = None if mark else self.split_word(word, avail - used - (space if line else 0.0))
            if piece:
                line.append((piece[0], ""))
                words[i] = (piece[1], mark)
            lines.append(line)
            line, used = [], 0.0
        if line:
            lines.append(line)
        self.room(2)
        if bullet:
            pdf.set_font("Symbol", "", 10)
            pdf.text(self.x() + indent - 4.5, self.y, "\u00b7")
        for ln in lines:
            self.room()
            self.draw_line(ln, self.x() + indent)
            self.y += LINE
        self.y += 2.2

    def draw_line(self, line: list[tuple[str, str]], x: float) -> None:
        pdf = self.pdf
        pdf.set_font("Times", "", 10.5)
        run: list[str] = []
        for word, mark in line:
            run.append(word)
            if mark:
                text = " ".join(run)
                pdf.text(x, self.y, text)
                x += pdf.get_string_width(text)
                num, note = mark.split("|", 1)
                pdf.set_font("Times", "", 6.5)
                pdf.text(x + 0.2, self.y - 1.2, num)
                x += pdf.get_string_width(num) + 0.4 + pdf.get_string_width(" ") * 1.6
                pdf.set_font("Times", "", 10.5)
                self.page_notes.append(f"{num} {note}")
                run = []
        if run:
            pdf.text(x, self.y, " ".join(run))

    def table_row(self, cells: list[str], header: bool) -> None:
        self.room()
        self.pdf.set_font("Helvetica", "B" if header else "", 9)
        x = LEFT
        for cell, w in zip(cells, self.spec.table_cols, strict=True):
            self.pdf.text(x, self.y, cell)
            x += w
        self.y += LINE
        if header:
            self.pdf.line(LEFT, self.y - 3.6, LEFT + sum(self.spec.table_cols), self.y - 3.6)


def render(spec: Spec, heading_pages: dict[str, int], golden_dir: Path) -> Layout:
    golden = load_golden(golden_dir / (spec.name + ".md"))
    lay = Layout(spec, heading_pages)
    lay.cover()
    headings = [t for k, t in golden.blocks if k == "heading"]
    if spec.disclaimer:
        lay.disclaimer()
    if spec.contents:
        lay.contents(headings)
    if not spec.body_on_cover or spec.contents or spec.disclaimer:
        lay.new_page()
    lay.col_top = lay.y
    prev = ""
    for kind, text in golden.blocks:
        if kind == "heading":
            if text in spec.break_before:
                lay.new_page()
            lay.heading(text)
        elif kind == "bullet":
            lay.paragraph(text, indent=6.0, bullet=True)
        elif " | " in text and spec.table_cols:
            lay.table_row(text.split(" | "), header=prev != "table")
            kind = "table"
        else:
            if prev == "table":
                lay.y += 3
            lay.paragraph(text)
        prev = kind
    lay.finish_page()
    return lay


def main(specs: Sequence[Spec], here: Path) -> None:
    """Write ``here/pages/<name>.pdf`` for each spec from ``here/golden/<name>.md``."""
    for spec in specs:
        first = render(spec, {}, here / "golden")  # first pass finds the page of each heading
        final = render(spec, first.found_headings, here / "golden")
        out = here / "pages" / (spec.name + ".pdf")
        out.parent.mkdir(parents=True, exist_ok=True)
        final.pdf.output(str(out))
        print(f"{out.relative_to(here)}: {final.pdf.page} pages, {out.stat().st_size} bytes")

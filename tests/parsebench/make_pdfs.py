"""Regenerate the PDF pages of the parse benchmark from their golden files.

Run by hand when a PDF golden changes (fpdf2 is not a qabot dependency):

    pip install fpdf2 && python tests/parsebench/make_pdfs.py

Why generated: the body text is read from golden/<site>/<name>.md, so a PDF and its expectation cannot
drift apart. The layout adds what real report PDFs put around that text, which is what the parser must
see through: a title page, a contents page with dot leaders, running headers and footers with page
numbers, footnote numbers glued to words with the notes at the foot of the page, words hyphenated at
line ends, tables whose cells are only separated by space, and a two-column body. Output is
deterministic (fixed creation date) and small (core fonts, nothing embedded).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, TOP, BOTTOM = 25.0, 28.0, 270.0
BODY_PT, LINE_H, NOTE_PT, NOTE_H = 11.0, 5.2, 8.0, 3.8
VOWELS = set("aeiouy")
DIGRAPHS = {"th", "ch", "sh", "ph", "wh", "ck", "gh", "qu"}


@dataclass
class Spec:
    """How one golden body is dressed up as a report PDF."""

    name: str  # site/name, without extension
    cover: list[tuple[str, float, str]]  # (text, point size, style) lines of the title page
    cover_foot: list[str] = field(default_factory=list)  # small print at the bottom of the title page
    header_left: str = ""
    header_right: str = ""
    footer: str = "{n}"  # running footer; {n} is the page number
    marking: str = ""  # security marking printed at the top and bottom of every page
    toc: bool = False
    columns: int = 1
    inline_cover: bool = False  # body starts on the title page (research notes)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (anchor in the body, note text)
    end_box: list[str] = field(default_factory=list)  # disclaimer block after the body
    force_breaks: list[str] = field(default_factory=list)  # hyphenated compounds to split at line end
    meta_title: str = ""
    meta_author: str = ""
    bench: str = "parsebench"  # the folder under tests/ that holds its golden and page


def golden_blocks(name: str, bench: str = "parsebench") -> list[str]:
    text = (HERE.parent / bench / "golden" / f"{name}.md").read_text(encoding="utf-8")
    m = re.match(r"\+\+\+\n(.*?)\n\+\+\+\n(.*)$", text, re.S)
    assert m, f"{name}: no +++ front matter"
    return [b.strip() for b in re.split(r"\n\s*\n", m.group(2).strip()) if b.strip()]


class Layout:
    """Flows blocks into pages and columns; records heading pages for the contents page."""

    def __init__(self, spec: Spec, toc_pages: dict[str, int]) -> None:
        self.spec = spec
        self.pdf = FPDF(format="A4", unit="mm")
        self.pdf.core_fonts_encoding = "windows-1252"
        self.pdf.set_auto_page_break(False)
        self.pdf.c_margin = 0  # no cell padding: a footnote number must sit right against its word
        self.pdf.set_creation_date(dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.timezone.utc))
        if spec.meta_title:
            self.pdf.set_title(spec.meta_title)
        if spec.meta_author:
            self.pdf.set_author(spec.meta_author)
        self.toc_pages = toc_pages
        self.heading_pages: dict[str, int] = {}
        gap = 8.0
        width = PAGE_W - 2 * MARGIN_X
        self.col_w = width if spec.columns == 1 else (width - gap) / 2
        self.col_x = [MARGIN_X] if spec.columns == 1 else [MARGIN_X, MARGIN_X + self.col_w + gap]
        self.col = 0
        self.y = TOP
        self.page_notes: list[tuple[int, str]] = []
        self.note_no = 0
        self.in_body = False

    # --- pages -------------------------------------------------------------------------------
    def close_page(self) -> None:
        pdf = self.pdf
        if self.page_notes:
            y = BOTTOM - len(self.page_notes) * NOTE_H - 3
            pdf.set_line_width(0.2)
            pdf.line(MARGIN_X, y, MARGIN_X + 40, y)
            pdf.set_font("Times", size=NOTE_PT)
            for i, (n, note) in enumerate(self.page_notes):
                pdf.set_xy(MARGIN_X, y + 1 + i * NOTE_H)
                pdf.cell(h=NOTE_H, text=f"{n} {note}")
            self.page_notes = []
        n = pdf.page_no()
        if n > 1 or self.spec.inline_cover:
            pdf.set_font("Times", size=9)
            label = self.spec.footer.format(n=n)
            pdf.set_xy(MARGIN_X, BOTTOM + 8)
            pdf.cell(w=PAGE_W - 2 * MARGIN_X, h=4, text=label, align="C")
        if self.spec.marking:
            pdf.set_font("Helvetica", "B", 8)
            pdf.set_xy(MARGIN_X, BOTTOM + 14)
            pdf.cell(w=PAGE_W - 2 * MARGIN_X, h=4, text=self.spec.marking, align="C")

    def new_page(self) -> None:
        if self.pdf.page_no():
            self.close_page()
        pdf = self.pdf
        pdf.add_page()
        if self.spec.marking:
            pdf.set_font("Helvetica", "B", 8)
            pdf.set_xy(MARGIN_X, 10)
            pdf.cell(w=PAGE_W - 2 * MARGIN_X, h=4, text=self.spec.marking, align="C")
        if pdf.page_no() > 1 and (self.spec.header_left or self.spec.header_right):
            pdf.set_font("Helvetica", size=8)
            pdf.set_xy(MARGIN_X, 16)
            pdf.cell(h=4, text=self.spec.header_left)
            if self.spec.header_right:
                pdf.set_xy(PAGE_W - MARGIN_X - pdf.get_string_width(self.spec.header_right), 16)
                pdf.cell(h=4, text=self.spec.header_right)
            pdf.line(MARGIN_X, 21, PAGE_W - MARGIN_X, 21)
        self.col, self.y = 0, TOP

    def room(self, height: float) -> None:
        limit = BOTTOM - (len(self.page_notes) * NOTE_H + 5 if self.page_notes else 0)
        if self.y + height <= limit:
            return
        if self.col + 1 < len(self.col_x):
            self.col, self.y = self.col + 1, TOP
        else:
            self.new_page()

    # --- text --------------------------------------------------------------------------------
    def width(self, word: str, size: float, style: str = "") -> float:
        self.pdf.set_font("Times", style, size)
        plain = re.sub(r"\x01\d+\x01", "", word)
        marks = "".join(re.findall(r"\x01(\d+)\x01", word))
        w = self.pdf.get_string_width(plain)
        if marks:
            self.pdf.set_font("Times", style, size * 0.65)
            w += self.pdf.get_string_width(marks)
        return float(w)

    def split_word(self, word: str, space: float, size: float, style: str) -> tuple[str, str] | None:
        """Best hyphenation of `word` whose first part (with its hyphen) fits in `space`."""
        if "-" in word[1:-1]:
            head = word[: word.index("-") + 1]
            if self.width(head, size, style) <= space:
                return head, word[len(head) :]
        core = re.match(r"[A-Za-z]+", word)
        if not core or len(core.group()) < 8:
            return None
        letters = core.group().lower()
        for cut in range(len(letters) - 3, 2, -1):
            a, b, c = letters[cut - 1], letters[cut], letters[cut + 1]
            between = b not in VOWELS and c in VOWELS and (a in VOWELS or a + b not in DIGRAPHS)
            if between and self.width(word[:cut] + "-", size, style) <= space:
                return word[:cut] + "-", word[cut:]
        return None

    def lines(
        self, text: str, width: float, size: float, style: str = "", hyphenate: bool = True
    ) -> list[str]:
        words, out, cur = text.split(), [], ""
        space_w = self.width(" ", size, style)
        i = 0
        while i < len(words):
            w = words[i]
            trial = f"{cur} {w}" if cur else w
            if self.width(trial, size, style) <= width:
                cur = trial
                if any(w.startswith(f) and w != f for f in self.spec.force_breaks) and cur != w:
                    head = w[: w.index("-") + 1]
                    out.append(f"{cur[: -len(w)]}{head}".strip())
                    words[i], cur = w[len(head) :], ""
                    continue
                i += 1
                continue
            left = width - self.width(cur, size, style) - space_w
            worth_it = hyphenate and cur and left > width * 0.07  # only when the line would look ragged
            piece = self.split_word(w, left, size, style) if worth_it else None
            if piece:
                out.append(f"{cur} {piece[0]}")
                words[i], cur = piece[1], ""
            else:
                out.append(cur)
                cur = ""
        if cur:
            out.append(cur)
        return out

    def draw(self, x: float, line: str, size: float, style: str = "") -> None:
        pdf = self.pdf
        pdf.set_xy(x, self.y)
        for part in re.split(r"(\x01\d+\x01)", line):
            if not part:
                continue
            if part.startswith("\x01"):
                pdf.set_font("Times", style, size)
                pdf.char_vpos = "SUP"
                pdf.cell(h=LINE_H, text=part.strip("\x01"))
                pdf.char_vpos = "LINE"
            else:
                pdf.set_font("Times", style, size)
                pdf.cell(h=LINE_H, text=part)
        for n in re.findall(r"\x01(\d+)\x01", line):
            self.page_notes.append((int(n), self.spec.notes[int(n) - 1][1]))

    def paragraph(
        self, text: str, size: float = BODY_PT, style: str = "", indent: float = 0.0, first: str = ""
    ) -> None:
        x = self.col_x[self.col]
        for j, line in enumerate(self.lines(text, self.col_w - indent, size, style)):
            need = LINE_H + (NOTE_H * 2 if "\x01" in line else 0)
            self.room(need)
            x = self.col_x[self.col]
            if j == 0 and first:
                self.pdf.set_font("Times", style, size)
                self.pdf.set_xy(x, self.y)
                self.pdf.cell(h=LINE_H, text=first)
            self.draw(x + indent, line, size, style)
            self.y += LINE_H
        self.y += LINE_H * 0.6

    def heading(self, text: str) -> None:
        self.room(LINE_H * 4)
        if self.y > TOP:
            self.y += LINE_H * 0.5
        self.heading_pages[text] = self.pdf.page_no()
        self.paragraph(text, 12.0, "B")

    def table(self, rows: list[list[str]]) -> None:
        size = 9.0
        widths = [max(self.width(r[j], size, "B") for r in rows) + 6 for j in range(len(rows[0]))]
        scale = min(1.0, self.col_w / sum(widths))
        for i, row in enumerate(rows):
            self.room(LINE_H)
            x = self.col_x[self.col]
            for j, cell in enumerate(row):
                self.pdf.set_font("Times", "B" if i == 0 else "", size)
                self.pdf.set_xy(x, self.y)
                self.pdf.cell(h=LINE_H, text=cell)
                x += widths[j] * scale
            self.y += LINE_H
        self.y += LINE_H * 0.6

    # --- document ----------------------------------------------------------------------------
    def cover(self) -> None:
        self.new_page()
        pdf = self.pdf
        y = 45.0
        for text, size, style in self.spec.cover:
            pdf.set_font("Times", style, size)
            for line in self.lines(text, PAGE_W - 2 * MARGIN_X - 10, size, style, hyphenate=False):
                pdf.set_xy(MARGIN_X, y)
                pdf.cell(w=PAGE_W - 2 * MARGIN_X, h=size * 0.5, text=line, align="C")
                y += size * 0.5
            y += 6
        if self.spec.inline_cover:
            self.y = y + 4
        pdf.set_font("Times", size=8)
        fy = BOTTOM - 4 * len(self.spec.cover_foot)
        for line in self.spec.cover_foot:
            pdf.set_xy(MARGIN_X, fy)
            pdf.cell(w=PAGE_W - 2 * MARGIN_X, h=4, text=line, align="C")
            fy += 4
        if self.spec.toc:
            self.new_page()
            pdf.set_font("Times", "B", 14)
            pdf.set_xy(MARGIN_X, TOP)
            pdf.cell(h=8, text="Contents")
            y = TOP + 14
            for head, page in self.toc_pages.items():
                pdf.set_font("Times", size=BODY_PT)
                num = str(page)
                room = PAGE_W - 2 * MARGIN_X - pdf.get_string_width(f"{head}  {num}")
                dots = "." * int(room / pdf.get_string_width("."))
                pdf.set_xy(MARGIN_X, y)
                pdf.cell(h=LINE_H, text=f"{head} {dots} {num}")
                y += LINE_H * 1.5
        if not self.spec.inline_cover:
            self.new_page()

    def body(self, blocks: list[str]) -> None:
        notes = list(self.spec.notes)
        marked: list[str] = []
        for block in blocks:
            for n, (anchor, _) in enumerate(notes, 1):
                if anchor and anchor in block:
                    block = block.replace(anchor, f"{anchor}\x01{n}\x01", 1)
                    notes[n - 1] = ("", "")
            marked.append(block)
        assert all(not a for a, _ in notes), f"{self.spec.name}: footnote anchor not found"
        i = 0
        while i < len(marked):
            b = marked[i]
            if b.startswith("## "):
                self.heading(b[3:])
            elif b.startswith("- "):
                self.paragraph(b[2:], indent=6.0, first="\u2022")
            elif " | " in b:
                rows = []
                while i < len(marked) and " | " in marked[i]:
                    rows.append(marked[i].split(" | "))
                    i += 1
                self.table(rows)
                continue
            else:
                self.paragraph(b)
            i += 1
        if self.spec.end_box:
            self.room(LINE_H * (len(self.spec.end_box) + 2))
            self.y += LINE_H
            for line in self.spec.end_box:
                self.paragraph(line, 8.5, "I")

    def build(self, blocks: list[str]) -> FPDF:
        self.cover()
        self.body(blocks)
        self.close_page()
        return self.pdf


NORDIC = "NORDIC CENTRE FOR POLAR POLICY \u00b7 WORKING PAPER SERIES"
NORDIC_FOOT = [
    "ISSN 2535-8871",
    "Views expressed in this series are those of the authors and not of the Centre.",
]

SPECS = [
    Spec(
        name="nordic-polar/nsr-shipping-outlook",
        cover=[
            ("NORDIC CENTRE FOR POLAR POLICY", 12, "B"),
            ("Working Paper 14/2021", 11, ""),
            ("The Northern Sea Route After the Suez Blockage: Traffic, Ice and Ambition", 22, "B"),
            ("Erik Solberg Hansen and Marina Kovalenko", 13, ""),
            ("Published 14 April 2021", 11, "I"),
        ],
        cover_foot=NORDIC_FOOT,
        header_left=NORDIC,
        header_right="Working Paper 14/2021",
        toc=True,
        notes=[
            ("almost $10 billion of trade a day.", "Estimate by the insurer Allianz, 26 March 2021."),
            (
                "became the operator of the Northern Sea Route in 2019,",
                "Federal Law No. 525-FZ of 27 December 2018.",
            ),
            (
                "In 2020 there were 62 transit voyages,",
                "Northern Sea Route Information Office, annual statistics for 2020.",
            ),
            ("written into a presidential decree of May 2018,", "Decree No. 204 of 7 May 2018."),
        ],
        meta_title="Microsoft Word - WP14_NSR_final.docx",
        meta_author="ehansen",
    ),
    Spec(
        name="nordic-polar/greenland-uranium-ban",
        cover=[
            ("NORDIC CENTRE FOR POLAR POLICY", 12, "B"),
            ("Working Paper 02/2022", 11, ""),
            ("Greenland's Uranium Ban and the Future of Mining", 22, "B"),
            ("Aviaja Heilmann", 13, ""),
            ("Published 20 January 2022", 11, "I"),
        ],
        cover_foot=NORDIC_FOOT,
        header_left=NORDIC,
        header_right="Working Paper 02/2022",
        notes=[
            (
                "above 100 parts per million.",
                "Inatsisartut Act No. 20 of 1 December 2021 on a ban on uranium prospecting.",
            ),
            ("in a parliamentary vote of 15 to 14,", "Inatsisartut, session of 24 October 2013."),
            ("won 12 of the 31 seats", "Official results, Greenland election of 6 April 2021."),
        ],
        force_breaks=["long-"],
        meta_title="Greenland's Uranium Ban and the Future of Mining",
    ),
    Spec(
        name="nordic-polar/russia-arctic-military",
        cover=[
            ("NORDIC CENTRE FOR POLAR POLICY", 12, "B"),
            ("Working Paper 09/2019", 11, ""),
            ("Russia's Military Build-up in the Arctic: Defence, Denial and Signalling", 22, "B"),
            ("Lars Mikkelsen and Anna Virtanen", 13, ""),
            ("Published 3 June 2019", 11, "I"),
        ],
        cover_foot=NORDIC_FOOT,
        header_left=NORDIC,
        header_right="Working Paper 09/2019",
        columns=2,
        notes=[
            ("can house about 150 personnel", "Russian Ministry of Defence, press release, 2017."),
            ("which involved about 50,000 troops.", "NATO, Trident Juncture 2018 fact sheet."),
        ],
    ),
    Spec(
        name="pacific-ministry/climate-finance-review-2019",
        cover=[
            ("Ministry of External Affairs and Trade", 14, "B"),
            ("Pacific Division", 12, ""),
            ("Review of Climate Finance Access in the Pacific Islands", 24, "B"),
            ("28 November 2019", 12, ""),
        ],
        cover_foot=[
            "Ministry of External Affairs and Trade, Level 7, Harbour Tower, 1 Marine Parade, "
            "Wellington 6011",
            "ISBN 978-0-473-50212-6",
            "This document is available online at www.meat.example/pacific-review",
        ],
        footer="Review of Climate Finance Access in the Pacific Islands | Page {n}",
        marking="UNCLASSIFIED",
        toc=True,
        notes=[
            (
                "about two-thirds of it for adaptation.",
                "Ministry analysis of OECD creditor reporting data, 2014-2018.",
            )
        ],
        meta_title="Review of Climate Finance Access in the Pacific Islands",
        meta_author="Pacific Division",
    ),
    Spec(
        name="calloway-research/ukraine-security-assistance",
        cover=[
            ("CALLOWAY RESEARCH CORPORATION", 12, "B"),
            ("Research Report", 11, ""),
            ("Security Assistance to Ukraine: Lessons from the First Two Years", 22, "B"),
            ("Ilona Varga, Peter D. Hasselbach, and Ruth M. Okafor", 13, ""),
            ("RR-1142-CRC", 10, ""),
            ("February 18, 2016", 11, ""),
        ],
        cover_foot=["For more information on this publication, visit www.calloway.example/t/RR1142"],
        header_left="CALLOWAY RESEARCH CORPORATION",
        header_right="RR-1142-CRC",
        notes=[
            (
                "perhaps 6,000 of some 130,000 troops ready for combat,",
                "Interview with a Ukrainian defense official, Kyiv, June 2015.",
            ),
            (
                "secure radios arrived in several tranches.",
                "U.S. Department of Defense, briefing to congressional staff, December 2015.",
            ),
            ("between April and November 2015,", "U.S. Army Europe, public affairs release, 2015."),
            (
                "quadrupling of the European Reassurance Initiative",
                "Department of Defense budget request, February 2016.",
            ),
        ],
        end_box=[
            "Calloway Research Corporation is a nonprofit institution that helps improve policy through "
            "research and analysis. Support Calloway: www.calloway.example/giving"
        ],
        meta_title="RR1142 Ukraine Assistance",
        meta_author="Calloway Research Corporation",
    ),
    Spec(
        name="gulf-monetary/gulf-swf-oil-slump",
        cover=[
            ("Gulf Monetary Research Unit", 13, "B"),
            ("GMRU Policy Note No. 23", 11, ""),
            (
                "Sovereign Wealth Funds and the 2018 Oil Slump: "
                "Buffers, Breakevens and Fiscal Risk in the Gulf",
                20,
                "B",
            ),
            ("Yousef Al-Mansoori", 13, ""),
            ("Senior Economist, Fiscal Affairs Division", 10, "I"),
            ("15 December 2018", 11, ""),
        ],
        cover_foot=[
            "The views expressed are those of the author and do not necessarily reflect those of the "
            "GMRU or its member central banks.",
            "Contact: research@gmru.example",
        ],
        header_left="Gulf Monetary Research Unit | Policy Note",
        header_right="No. 23",
        footer="Page {n}",
        notes=[
            ("from January,", "OPEC, press release of the 5th OPEC and non-OPEC Ministerial Meeting."),
            ("in October,", "Joint statement of the finance ministries, 4 October 2018."),
        ],
    ),
    Spec(
        name="parliamentary-library/india-china-border-brief",
        cover=[
            ("Parliamentary Library", 12, "B"),
            ("RESEARCH NOTE", 10, "B"),
            ("Research Note No. 7, 2020-21", 10, ""),
            ("The India-China Border Crisis of 2020", 20, "B"),
            ("Meera Chaturvedi", 12, ""),
            ("Foreign Affairs, Defence and Security Section", 10, "I"),
            ("Published 24 September 2020", 10, ""),
        ],
        inline_cover=True,
        header_left="Parliamentary Library | Research Note",
        header_right="The India-China Border Crisis of 2020",
        notes=[
            ("since 1975.", "Four Indian soldiers were killed in an ambush at Tulung La in October 1975."),
            (
                "about 3,488 kilometers, according to India,",
                "China gives a figure of about 2,000 kilometers, excluding the sector adjoining Kashmir.",
            ),
            ("including TikTok,", "Ministry of Electronics and Information Technology, 29 June 2020."),
        ],
        end_box=[
            "This paper has been prepared to support the work of Members of Parliament. It is not "
            "official advice.",
            "Copyright Commonwealth Parliamentary Library 2020. ISSN 2203-5249",
        ],
    ),
    Spec(
        name="vistula-forum/baltic-lng-terminals",
        bench="parsebench-round6",
        cover=[
            ("VISTULA FORUM POLICY BRIEF No. 14", 10, "B"),
            ("Floating Terminals and the End of", 20, "B"),
            ("Pipeline Dependence in the Baltic", 20, "B"),
            ("Dr. Tomasz Wrona, Senior Fellow", 12, ""),
            ("Warsaw, 14 October 2022", 11, ""),
        ],
        inline_cover=True,
        header_left="Vistula Forum Policy Brief No. 14",
        header_right="October 2022",
        footer="{n}",
        notes=[("in either direction.", "Gasgrid Finland and Elering, joint statement, 7 September 2022.")],
        end_box=[
            "The opinions expressed are those of the author and do not reflect the views of Vistula Forum.",
            "Vistula Forum, ul. Nowy Swiat 5, 00-555 Warsaw. ISSN 2545-0000",
        ],
        meta_title="Microsoft Word - PB_14_2022_final.docx",
        meta_author="twrona",
    ),
]


def main(names: list[str] | None = None) -> None:
    for spec in SPECS:
        if names and spec.name not in names:
            continue
        blocks = golden_blocks(spec.name, spec.bench)
        toc: dict[str, int] = {}
        if spec.toc:  # first pass finds the page of each heading
            probe = Layout(spec, {})
            probe.build(blocks)
            toc = probe.heading_pages
        pdf = Layout(spec, toc).build(blocks)
        out = HERE.parent / spec.bench / "pages" / f"{spec.name}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        pdf.output(str(out))
        print(f"{out.relative_to(HERE.parent)}  {out.stat().st_size} bytes")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:] or None)  # names (site/page) to build only those

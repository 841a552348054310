"""PDFs read by what their type says: title, headings, furniture, notes, columns, tables.

The PDFs are written here, text operator by operator (position, font, size), so each
test sets exactly the evidence one mechanism reads.
"""

from __future__ import annotations

from qabot.corpus import inspect, read

# (x, y, size, bold, text) per piece of text, one list per page
Page = list[tuple[float, float, float, bool, str]]

BODY = [
    "The river authority opened the new lock on the lower reach of the canal",
    "on Monday, and barge operators said the first convoys had passed without",
    "delay or damage to their hulls after four years of works on the chamber.",
]
MORE = [
    "Shippers still worry about the upper reach, where low water last summer",
    "forced boats to sail half empty for six weeks, and they want the same",
    "work done there before the next drought reaches the river basin again.",
]


def _esc(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def make_pdf(pages: list[Page]) -> bytes:
    """A PDF whose pages hold the given pieces of text in Helvetica (bold: Helvetica-Bold)."""
    objects: list[bytes] = []
    kids = []
    font_id = 3 + 2 * len(pages)
    for i, items in enumerate(pages):
        page_id, content_id = 3 + 2 * i, 4 + 2 * i
        kids.append(f"{page_id} 0 R")
        ops = " ".join(
            text if x < 0 else f"BT /F{2 if bold else 1} {size} Tf 1 0 0 1 {x} {y} Tm {_esc(text)} Tj ET"
            for x, y, size, bold, text in items
        )  # x < 0: text holds raw operators
        stream = ops.encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Contents {content_id} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R /F2 {font_id + 1} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode(),
    ]
    fonts = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    objects = [*head, *objects, *fonts]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def lines(x: float, y: float, texts: list[str], size: float = 11, step: float = 14) -> Page:
    return [(x, y - k * step, size, False, t) for k, t in enumerate(texts)]


def cover(title: list[str], *, foot: str = "") -> Page:
    page: Page = [(200, 760, 12, True, "CANAL INSTITUTE")]
    page += [(80, 700 - 30 * k, 24, True, t) for k, t in enumerate(title)]
    page += [(240, 600, 12, False, "Per Holm"), (230, 580, 11, False, "Published 3 March 2019")]
    if foot:
        page.append((150, 60, 8, False, foot))
    return page


def test_the_title_pages_largest_type_is_the_title_over_two_lines() -> None:
    body: Page = [(60, 760, 13, True, "Summary"), *lines(60, 740, BODY), *lines(60, 680, MORE)]
    pdf = make_pdf(
        [cover(["The Lock Opens on the", "Lower Canal"], foot="Canal Institute, 12 Quay Road"), body]
    )
    ins = inspect(read(pdf, "lock.pdf", ".pdf"), "lock")
    doc = ins.document
    assert doc.title == "The Lock Opens on the Lower Canal"
    assert (doc.date, doc.authors) == ("2019-03-03", ("Per Holm",))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("heading", "Summary"),
        ("paragraph", " ".join(BODY)),
        ("paragraph", " ".join(MORE)),
    ]
    assert any(d.text.startswith("Canal Institute, 12") and "small type" in d.reason for d in ins.dropped)


def test_running_headers_page_numbers_and_footnotes_in_small_type_go() -> None:
    header: Page = [(60, 800, 8, False, "CANAL INSTITUTE  |  WORKING PAPER 3")]
    first = BODY[:2]
    page2: Page = [
        *header,
        *lines(60, 760, [*MORE, *first]),
        (60, 90, 8, False, "1 Lock traffic statistics for 2018."),
        (300, 60, 9, False, "2"),
    ]
    page3: Page = [*header, *lines(60, 760, [BODY[2]]), (300, 60, 9, False, "3")]
    ins = inspect(read(make_pdf([cover(["The Lock Opens"]), page2, page3]), "lock.pdf", ".pdf"), "lock")
    texts = [b.text for b in ins.document.blocks]
    # the paragraph runs on over the page break, furniture and notes aside
    assert texts == [" ".join(MORE + BODY)], texts
    reasons = {d.text: d.reason for d in ins.dropped}
    assert "WORKING PAPER" in " ".join(t for t in reasons if "small type" in reasons[t])
    assert reasons["1 Lock traffic statistics for 2018."].startswith("note")


def test_note_markers_set_small_come_off_their_words() -> None:
    page: Page = [
        (60, 760, 11, False, "The lock cost 40 million euros"),
        (200, 763, 7, False, "4"),  # the marker, small and raised, glued to the word
        *lines(60, 720, BODY),
    ]
    doc = inspect(read(make_pdf([cover(["The Lock Opens"]), page]), "lock.pdf", ".pdf"), "lock").document
    assert [b.text for b in doc.blocks] == ["The lock cost 40 million euros", " ".join(BODY)]


def test_two_columns_are_read_one_after_the_other() -> None:
    left = [t[:36] for t in BODY + MORE + BODY]
    right = [f"Right column line number {k} of the text." for k in range(1, 10)]
    page: Page = [*lines(50, 760, left, size=10, step=12), *lines(330, 760, right, size=10, step=12)]
    page += [(50, 640, 10, False, "The left column ends here."), (330, 640, 10, False, "The right one too.")]
    doc = inspect(read(make_pdf([cover(["The Lock Opens"]), page]), "lock.pdf", ".pdf"), "lock").document
    text = " ".join(b.text for b in doc.blocks)
    assert text.index(left[-1]) < text.index("The left column ends here.") < text.index(right[0])


def test_aligned_cells_are_table_rows() -> None:
    rows = [("Month", "Barges", "Tonnes"), ("January", "412", "180,000"), ("February", "398", "171,500")]
    page: Page = [*lines(60, 760, BODY)]
    for k, row in enumerate(rows):
        page += [(60 + 150 * c, 700 - 14 * k, 10, k == 0, cell) for c, cell in enumerate(row)]
    doc = inspect(read(make_pdf([cover(["The Lock Opens"]), page]), "lock.pdf", ".pdf"), "lock").document
    assert [b.text for b in doc.blocks][-3:] == [" | ".join(r) for r in rows]


def test_two_columns_on_other_baselines_keep_their_type_and_headings() -> None:
    # the right column's lines sit 6 pt higher than the left's: a layout line holds one line of
    # each, no visual line of the page (read top down, the right one comes first); the type of
    # each part is still read
    left = [t[:36] for t in BODY + MORE + BODY]
    right = [f"Right column line number {k} of the text," for k in range(1, 9)] + ["and it ends here."]
    page: Page = [(50, 772, 13, True, "Upper reach"), *lines(50, 760, left, size=10, step=12)]
    page += [(330, 778, 13, True, "Lower reach"), *lines(330, 766, right, size=10, step=12)]
    doc = inspect(read(make_pdf([cover(["The Lock Opens"]), page]), "lock.pdf", ".pdf"), "lock").document
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["Upper reach", "Lower reach"]
    text = " ".join(b.text for b in doc.blocks)
    assert text.index(left[-1]) < text.index("Lower reach") < text.index(right[0])

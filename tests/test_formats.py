"""HTML, PDF and e-mail briefings: read right, and a bad file costs only itself."""

from __future__ import annotations

import builtins
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from qabot.corpus import FileSkipped, parse, read
from qabot.index import Index, build

PARA1 = (
    "The harbour authority in Klaipeda approved a second liquefied gas terminal on Tuesday, "
    "after two years of talks with shipping lines and the port's largest tenants."
)
PARA2 = (
    "Officials expect the terminal to handle four million tonnes a year once its second berth "
    "opens, and they want the state railway to double the track to the container yard."
)

HTML = f"""<!DOCTYPE html><html><head>
<title>Klaipeda Builds a Second Gas Terminal | Amber Coast Review</title>
<meta name="author" content="Rasa Petraitis">
<meta property="og:site_name" content="Amber Coast Review">
<meta property="article:published_time" content="2021-06-15T08:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/energy">Energy</a></li>
<li><a href="/login">Log in</a></li></ul></nav>
<article><h1>Klaipeda Builds a Second Gas Terminal</h1>
<p class="byline">By Rasa Petraitis</p>
<p>{PARA1}</p>
<h2>Rail and Berths</h2>
<p>{PARA2.replace("port's", "port&rsquo;s")}</p>
</article>
<footer><p>Copyright 2021 Amber Coast Review. All rights reserved.</p></footer>
</body></html>"""


def test_html_page_title_date_author_site_and_body() -> None:
    doc = parse(read(HTML.encode(), "klaipeda.html", ".html"), "klaipeda")
    assert doc.title == "Klaipeda Builds a Second Gas Terminal"
    assert doc.date == "2021-06-15"
    assert doc.authors == ("Rasa Petraitis",)
    assert doc.site == "Amber Coast Review"
    assert [(b.kind, b.text) for b in doc.blocks] == [
        ("paragraph", PARA1),
        ("heading", "Rail and Berths"),
        ("paragraph", PARA2.replace("port's", "port\u2019s")),
    ]


@pytest.mark.parametrize(
    "page",
    [
        b"<html><head><title>Nothing Here</title></head><body></body></html>",
        b"<html><head><title>Only Scripts</title><script>var x = 1;</script></head></html>",
        b"",
    ],
)
def test_html_without_text_is_skipped_with_one_line(page: bytes) -> None:
    with pytest.raises(FileSkipped, match=r"^empty\.html: .*skipped$"):
        read(page or b" ", "empty.html", ".html")


def _block_import(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    real = builtins.__import__

    def fake(module: str, *args: Any, **kwargs: Any) -> Any:
        if module == name or module.startswith(name + "."):
            raise ImportError(f"No module named {name!r}")
        return real(module, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)


def test_missing_extractor_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    _block_import(monkeypatch, "trafilatura")
    with pytest.raises(
        FileSkipped, match=r"^a\.html: reading HTML needs trafilatura \(pip install trafilatura\)"
    ):
        read(HTML.encode(), "a.html", ".html")
    _block_import(monkeypatch, "pypdf")
    with pytest.raises(FileSkipped, match=r"^a\.pdf: reading PDF needs pypdf \(pip install pypdf\)"):
        read(make_pdf([["Some Title"]]), "a.pdf", ".pdf")


# ---------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small PDF with a text layer: each page's lines set in Helvetica 10, top down
    (blank lines leave a gap)."""
    from tests.test_pdf_reading import make_pdf as pdf_of

    return pdf_of(
        [[(50, 780 - 14 * k, 10, False, ln) for k, ln in enumerate(lines) if ln] for lines in pages]
    )


WRAPPED = [
    "The port of Klaipeda has grown faster than any other on the eastern",
    "Baltic coast since the terminal opened, and the city now wants the readi-",
    "ness of its rail links to match the berths it has already built there.",
    "",
    "A second phase would add two cranes and a longer quay for the larger",
    "vessels that now call at Gdansk instead, officials said on Tuesday.",
]


def test_pdf_text_layer_with_wraps_and_hyphens_repaired() -> None:
    pdf = make_pdf([["Klaipeda Looks Beyond Its First Terminal", "Published 15 June 2021", "", *WRAPPED]])
    doc = parse(read(pdf, "port.pdf", ".pdf"), "port")
    assert doc.title == "Klaipeda Looks Beyond Its First Terminal"
    assert doc.date == "2021-06-15"
    texts = [b.text for b in doc.blocks]
    assert any("wants the readiness of its rail links" in t for t in texts), texts
    assert any(
        t.startswith("A second phase would add two cranes") and t.endswith("said on Tuesday.") for t in texts
    )


@pytest.mark.parametrize("cut", [0.3, 0.6])
def test_truncated_pdf_is_skipped_with_one_line(cut: float) -> None:
    pdf = make_pdf([["A Title Line", *WRAPPED]])
    with pytest.raises(FileSkipped, match=r"^broken\.pdf: .*skipped$"):
        read(pdf[: int(len(pdf) * cut)], "broken.pdf", ".pdf")


def test_pdf_without_text_is_skipped() -> None:
    with pytest.raises(FileSkipped, match="no text layer"):
        read(make_pdf([[]]), "scan.pdf", ".pdf")


# ---------------------------------------------------------------- e-mail


def _mail(body: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "quoted-printable") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Amber Coast Letter <letter@example.org>"
    msg["To"] = "reader@example.org"
    msg["Subject"] = "[Amber Letter] Klaipeda's second terminal"
    msg["Date"] = "Tue, 15 Jun 2021 09:18:20 +0300"
    msg.set_content(body, subtype=subtype, charset=charset, cte=cte)
    return bytes(msg)


def test_email_quoted_printable_and_charset_decoded() -> None:
    body = f"Klaipeda\u2019s Second Terminal\n\n{PARA1}\n\n{PARA2}\n"
    doc = parse(read(_mail(body), "letter.eml", ".eml"), "letter")
    assert doc.title == "Klaipeda\u2019s Second Terminal"
    assert doc.date == "2021-06-15"  # from the Date header: the body shows none
    assert [b.text for b in doc.blocks] == [PARA1, PARA2]


def test_email_in_an_unknown_charset_is_read_with_a_warning() -> None:
    raw = _mail(f"Title Of The Letter\n\n{PARA1}\n", cte="8bit").replace(b"utf-8", b"x-no-such-charset")
    got = read(raw, "odd.eml", ".eml")
    assert got.warnings == ("odd.eml: e-mail charset 'x-no-such-charset' unknown; read as UTF-8/cp1252",)
    assert PARA1 in [b.text for b in parse(got, "odd").blocks]


def test_html_email_body_goes_through_the_html_reader() -> None:
    doc = parse(read(_mail(HTML, subtype="html"), "h.eml", ".eml"), "h")
    assert doc.title == "Klaipeda Builds a Second Gas Terminal" and PARA1 in [b.text for b in doc.blocks]


def test_quoted_printable_pasted_into_a_text_file() -> None:
    text = (
        "China=92s Port Plans\n\nMarch 3, 2019\n\n"
        "Beijing=92s plan for the port was announced on Monday by the ministry, which said the =\n"
        "work would start=20in the spring and take about three years to finish, at a cost of =\n"
        "some four billion dollars, financed by state banks.\n"
    )
    doc = parse(text, "qp")
    assert doc.title == "China\u2019s Port Plans"
    assert doc.blocks[0].text.startswith(
        "Beijing\u2019s plan for the port was announced on Monday by the ministry, which"
    )
    assert "work would start in the spring" in doc.blocks[0].text


def test_bad_files_of_each_format_cost_only_themselves(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(f"Good Briefing Title\n\nMarch 3, 2019\n\n{PARA1}\n")
    (corpus / "page.html").write_text(HTML)
    (corpus / "empty.html").write_text("<html><body></body></html>")
    (corpus / "broken.pdf").write_bytes(make_pdf([["A Title", *WRAPPED]])[:200])
    (corpus / "port.pdf").write_bytes(make_pdf([["Klaipeda Looks Beyond Its First Terminal", "", *WRAPPED]]))
    (corpus / "odd.eml").write_bytes(
        _mail(f"Title Of The Letter\n\n{PARA2}\n", cte="8bit").replace(b"utf-8", b"x-nope")
    )
    report = build(corpus, tmp_path / "ix")
    assert {d.doc_id for d in Index(tmp_path / "ix").docs} == {"good", "page", "port", "odd"}
    bad = [w for w in report.warnings if w.startswith(("empty.html", "broken.pdf", "odd.eml"))]
    assert len(bad) == 3 and all("\n" not in w for w in bad), report.warnings

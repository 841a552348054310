"""Every input format to one raw form: numbered lines, plus what the format itself knows.

- ``.txt`` (text copied from a browser, a mail archive, a PDF viewer): decoded, repaired
  (:mod:`qabot.corpus.clean`), one :class:`Body` line per source line.
- ``.md``: Markdown paragraphs, headings, bullets and images as lines of known kind.
- ``.html`` / ``.htm``: the main text found by trafilatura (the maintained extractor made
  for this: boilerplate removal tuned on thousands of real pages, plus the page's title,
  author, date and site name from its metadata), as lines of known kind.
- ``.pdf``: pypdf's text layer, page headers, footers and numbers removed (lines that
  recur on most pages); wraps and hyphenation are repaired later like any wrapped text.
- ``.eml``: the standard library's ``email``: the plain-text body (else the HTML one)
  decoded from its transfer encoding and charset; Subject and Date become hints.

trafilatura and pypdf are imported only when such a file is read (``qabot ask`` stays
light); if one is missing, that file is skipped with a one-line warning naming the
package to install. A file the format's reader cannot make sense of (a truncated PDF,
an HTML page with no text, an e-mail in an unknown charset) is skipped or read with a
warning naming it; the rest of the corpus goes on.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..lazyre import lazy
from .chrome import line_reason
from .clean import (
    clean_field,
    clean_text,
    decode_quoted_printable,
    looks_quoted_printable,
    repair_pdf_hyphens,
    unescape_html,
)
from .document import front_matter
from .files import FileSkipped, decode
from .header import Hint, name_line, subject_title
from .paragraphs import BULLET, Body

#: Suffix -> format name.
FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".eml": "email",
}


@dataclass(frozen=True)
class Raw:
    """A file in the common raw form every later step reads."""

    name: str
    fmt: str  # "text" | "markdown" | "html" | "pdf" | "email"
    lines: tuple[Body, ...]
    hints: dict[str, Hint] = field(default_factory=dict)
    front: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # how it was read (for `qabot inspect`)
    warnings: tuple[str, ...] = ()
    #: whether its lines may be hard-wrapped (text, PDF, plain e-mail), so paragraphs are
    #: rebuilt from line widths; structured formats give whole paragraphs
    wraps: bool = True
    #: hints the text must agree with before it is believed (e-mail Subject, PDF metadata)
    weak: frozenset[str] = frozenset()
    #: whether the file sets its paragraphs apart by space (a PDF's layout): its wrapped
    #: lines then join up to a blank line, whatever their length
    spaced: bool = False
    #: (line number, text, reason) of lines the format's reader left out (PDF page furniture)
    dropped: tuple[tuple[int, str, str], ...] = ()


def read(data: bytes, name: str, suffix: str) -> Raw:
    """Bytes of one corpus file as :class:`Raw`; :class:`FileSkipped` when unusable."""
    fmt = FORMATS.get(suffix.lower(), "text")
    if fmt == "pdf":
        return from_pdf(data, name)
    if fmt == "email":
        return from_email(data, name)
    text, warnings = decode(data, name)
    raw = from_text(text, name, suffix)
    return _with(raw, warnings=(*warnings, *raw.warnings))


def _with(raw: Raw, **changes: Any) -> Raw:
    from dataclasses import replace

    return replace(raw, **changes)


def _squash(text: str) -> str:
    if "  " not in text:
        return text.strip()
    return re.sub(r"[ ]{2,}", " ", text).strip()


def from_text(text: str, name: str, suffix: str = ".txt") -> Raw:
    """Decoded text of a ``.txt``, ``.md`` or ``.html`` file as :class:`Raw`."""
    fmt = FORMATS.get(suffix.lower(), "text")
    if fmt == "html":
        return from_html(text, name)
    text = clean_text(text, tabs=fmt == "text")
    meta, text = front_matter(text, name)
    notes: list[str] = []
    if looks_quoted_printable(text):
        text = clean_text(decode_quoted_printable(text))
        notes.append("quoted-printable decoded")
    text = repair_pdf_hyphens(unescape_html(text))
    if fmt == "markdown":
        dropped: list[tuple[int, str, str]] = []
        lines = tuple(_markdown_lines(text, dropped))
        masthead = [(no, t) for no, t, why in dropped if why == _MASTHEAD]
        hints = (
            {"site": Hint(masthead[0][1], f"line {masthead[0][0]} ({_MASTHEAD})")}
            if len(masthead) == 1
            else {}
        )
        return Raw(
            name, fmt, lines, hints=hints, front=meta, notes=tuple(notes), wraps=False, dropped=tuple(dropped)
        )
    return Raw(name, fmt, tuple(_text_lines(text)), front=meta, notes=tuple(notes))


def _text_lines(text: str) -> list[Body]:
    out = []
    tabbed = _tab_table_rows(text.split("\n")) if "\t" in text else {}
    lines = text.replace("\t", " ").split("\n")  # a tab outside a table is a space
    rows = _pipe_table_rows(lines)
    rows.update({no: row for no, row in _gap_table_rows(lines).items() if no not in rows})
    rows.update({no: row for no, row in tabbed.items() if no not in rows})
    for no, ln in enumerate(lines, start=1):
        if no in rows:
            if rows[no]:
                out.append(Body(rows[no], no, kind="row"))
            continue
        stripped = ln.lstrip(" ")
        if _RULE_LINE.match(stripped):
            out.append(Body("", no))  # a rule ("────", "=====") sets blocks apart like a blank line
            continue
        cells = _spaced_cells(ln)
        if cells and not any(_spaced_cells(_neighbour(lines, no - 1, step)) for step in (-1, 1)):
            # a lone line in columns is a menu; several together are a table, left as text
            out.append(Body(" | ".join(cells), no, len(ln) - len(stripped)))
            continue
        out.append(Body(_squash(ln), no, len(ln) - len(stripped)))
    return out


_CELL_GAP = lazy(r"\s{2,}|\t")


def _spaced_cells(line: str) -> list[str]:
    """The cells of a line laid out in columns (``Home   World   Opinion   Contact``: a
    horizontal menu as a browser copies it, its items set apart by runs of spaces), or []:
    three or more cells of one to three words, none of them a sentence or a number."""
    if "  " not in line and "\t" not in line:
        return []
    cells = [c for c in _CELL_GAP.compiled.split(line.strip()) if c]
    if len(cells) < 3:
        return []
    for c in cells:
        ws = c.split()
        if len(ws) > 3 or c[-1] in ".!?,;:" or any(w.isdigit() for w in ws):
            return []
        if not any(ch.isalpha() for ch in c):
            return []
    return cells


_TABLE_GAP = lazy(r" {3,}|\t+")


def _gap_cells(line: str) -> list[str]:
    """The cells of a line cut at runs of three spaces or more, or [] when one is a
    sentence or a long phrase (a table's cells are short)."""
    cells = [c.strip() for c in _TABLE_GAP.compiled.split(line.strip()) if c.strip()]
    if len(cells) < 2 or any(len(c.split()) > 6 or c[-1] in ".!?,;:" for c in cells):
        return []
    return cells


def _gap_table_rows(lines: list[str]) -> dict[int, str]:
    """Line number -> row (cells joined by `` | ``) of a table a text file lays out with
    spaces (``Partner    Exports    Imports`` over ``China    13.9    36.2``): three or more
    lines in a row, no blank between, each with the same number of cells, a figure in a
    cell of every line but the first (the header)."""
    out: dict[int, str] = {}
    run: list[tuple[int, list[str]]] = []

    def close() -> None:
        if len(run) >= 3 and all(
            any(re.fullmatch(r"[-+]?[\d.,]+%?", c) for c in cells) for _, cells in run[1:]
        ):
            out.update({no: " | ".join(cells) for no, cells in run})
        run.clear()

    for no, ln in enumerate(lines, start=1):
        cells = _gap_cells(ln) if ("   " in ln or "\t" in ln) else []
        if cells and (not run or len(cells) == len(run[0][1])):
            run.append((no, cells))
            continue
        close()
        if cells:
            run.append((no, cells))
    close()
    return out


def _tab_table_rows(lines: list[str]) -> dict[int, str]:
    """Line number -> row of a table copied out of a browser, its cells set apart by tabs
    (``Year<TAB>Price`` over ``2023<TAB>about 2,000``): three or more such lines with the same
    number of cells, blank lines allowed between them (a copy may space its rows), a
    figure in every line but the first. A tab is a cell's edge, never a word's gap in
    prose, so the cells may be words ("about 2,000", "several auctions")."""
    out: dict[int, str] = {}
    run: list[tuple[int, list[str]]] = []

    def close() -> None:
        if len(run) >= 3 and all(any(ch.isdigit() for ch in "".join(cells)) for _, cells in run[1:]):
            out.update({no: " | ".join(cells) for no, cells in run})
        run.clear()

    for no, ln in enumerate(lines, start=1):
        if not ln.strip():
            continue
        cells = [c.strip() for c in ln.strip().split("\t") if c.strip()] if "\t" in ln.strip() else []
        if len(cells) < 2 or any(len(c.split()) > 8 for c in cells):
            cells = []
        if cells and run and len(cells) == len(run[0][1]):
            run.append((no, cells))
            continue
        close()
        if cells:
            run.append((no, cells))
    close()
    return out


def _neighbour(lines: list[str], k: int, step: int) -> str:
    """The next non-blank line from ``lines[k]`` in direction ``step`` ("" when none)."""
    k += step
    while 0 <= k < len(lines):
        if lines[k].strip():
            return lines[k]
        k += step
    return ""


_RULE_LINE = lazy(r"^([-=_*~#─━═—–·.+])\1{2,}\s*$")


_TABLE_RULE = lazy(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?$|^\|(?:\s*:?-+:?\s*\|){2,}$")


def _pipe_table_rows(lines: list[str]) -> dict[int, str]:
    """Line number -> row text (cells joined by `` | ``, "" for a rule row) for the lines
    of pipe tables (``| a | b |`` rows, Markdown's or pasted from a wiki): a run of two or
    more lines that start and end with ``|``, or that a ``|---|---|`` rule runs through.
    A single ``Home | World | Asia`` line is navigation, not a table."""
    out: dict[int, str] = {}
    run: list[int] = []

    def close() -> None:
        texts = [lines[k].strip() for k in run]
        framed = all(t.startswith("|") and t.endswith("|") for t in texts)
        if len(run) >= 2 and (framed or any(_TABLE_RULE.match(t) for t in texts)):
            for k, t in zip(run, texts, strict=True):
                cells = [_squash(c) for c in t.strip("|").split("|")]
                out[k + 1] = "" if _TABLE_RULE.match(t) else " | ".join(c for c in cells if c)
        run.clear()

    for k, ln in enumerate(lines):
        if ln.count("|") >= 2 or (run and _TABLE_RULE.match(ln.strip())):
            run.append(k)
        else:
            close()
    close()
    return out


# ---------------------------------------------------------------- Markdown

_MD_HEADING = lazy(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_SETEXT = lazy(r"^(?:={3,}|-{3,})$")
_MD_IMAGE = lazy(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = lazy(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPH = lazy(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
# "[^2]" after a word: a footnote reference; "[^2]: text" at the line's start: its note
_MD_NOTE_REF = lazy(r"\[\^[^\]\s]{1,20}\](?!:)")
_MD_NOTE = lazy(r"^\[\^[^\]\s]{1,20}\]:\s*")


# a note app's wiki link, "[[Port Vila]]" or "[[Parliament of Vanuatu|parliament]]": its
# shown text (after the pipe, else the target); "![[map.png]]" embeds a file: no text
_MD_WIKI_EMBED = lazy(r"!\[\[[^\[\]\n]*\]\]")
_MD_WIKI = lazy(r"\[\[(?:[^\[\]|\n]*\|)?([^\[\]|\n]+)\]\]")
# "[Unión Eléctrica][une]", "[floating power plants][]": a reference-style link, its text,
# when the file defines the reference ("[une]: https://…" alone on a line, no text), as
# Markdown itself reads it: "[note 2][note 3]" with no such line is text as written
_MD_REF_LINK = lazy(r"\[([^\[\]]+)\]\[([^\[\]]*)\]")
_MD_REF_DEF = lazy(r"^\[([^\]^][^\]]*)\]:\s*\S+")
# "<details><summary>Sources and method</summary> … </details>": a folded box the reader
# opens only if they wish (a method note, sources): not the article's text
_MD_DETAILS = lazy(r"^<details\b", re.I)
# "==Jotham Napat==": a note app's highlight mark, not text
_MD_MARK = lazy(r"==(?=\S)([^=\n]+?)(?<=\S)==")


def _ref_label(label: str) -> str:
    """A reference label as Markdown matches it: case and inner spaces do not count."""
    return " ".join(label.split()).casefold()


def _md_inline(text: str, refs: frozenset[str] = frozenset()) -> str:
    # each pattern only where its literal part is (a link holds "](", emphasis a marker)
    if "[^" in text:
        text = _MD_NOTE_REF.sub("", text)
    if refs and "][" in text:
        text = _MD_REF_LINK.sub(lambda m: m[1] if _ref_label(m[2] or m[1]) in refs else m[0], text)
    if "[[" in text:
        text = _MD_WIKI.sub(r"\1", _MD_WIKI_EMBED.sub("", text))
    if "==" in text:
        text = _MD_MARK.sub(r"\1", text)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", text)
    if "*" in text or "_" in text or "`" in text:
        text = _MD_EMPH.sub(r"\2", text)
    return _squash(text)


_MASTHEAD = "a link above the title (the site's name)"
_MD_CALLOUT = lazy(r"^>\s*\[![\w-]+\][+-]?(?:\s|$)")


def _callout_list(source: list[str], no: int) -> bool:
    """The callout opening at line ``no`` (1-based) holds list items and nothing else."""
    items = []
    for raw in source[no:]:
        ln = raw.strip()
        if not ln.startswith(">"):
            break
        if ln.lstrip("> "):
            items.append(ln.lstrip("> "))
    return bool(items) and all(BULLET.match(t) for t in items)


def _markdown_lines(text: str, dropped: list[tuple[int, str, str]] | None = None) -> list[Body]:
    """Markdown blocks as lines of known kind, a blank line between blocks; footnote
    texts (``[^1]: …``) go to ``dropped``: the apparatus, not the article."""
    out: list[Body] = []
    in_note = False
    in_callout = False
    in_list = False  # in a callout of list items (see _callout_list)
    in_details = False  # in a <details> box
    para: list[str] = []
    para_at = 0
    link_only: list[int] = []  # paragraphs that are one link and nothing else

    def flush() -> None:
        if para:
            if len(para) == 1 and _MD_LINK.fullmatch(para[0]):
                link_only.append(len(out))
            out.append(Body(_md_inline(" ".join(para), refs), para_at, kind="paragraph"))
            out.append(Body("", para_at))
            para.clear()

    source = text.split("\n")
    # the reference labels the file defines: only those make "[text][ref]" a link
    refs = frozenset(_ref_label(m[1]) for ln in source if "]:" in ln and (m := _MD_REF_DEF.match(ln.strip())))
    rows = _pipe_table_rows(source)
    for no, raw in enumerate(source, start=1):
        ln = raw.strip()
        if no in rows:
            flush()
            if rows[no]:
                out += [Body(rows[no], no, kind="row"), Body("", no)]
            continue
        if para and len(para) == 1 and _MD_SETEXT.match(ln):
            # "Title" over "=====" (or "-----"): a Setext heading, level 1 (or 2)
            heading = _md_inline(para[0], refs)
            para.clear()
            if heading:
                out += [Body(heading, para_at, kind="heading", level=1 if ln[0] == "=" else 2), Body("", no)]
            continue
        if in_details:
            in_details = "</details>" not in ln.casefold()
            if dropped is not None and ln:
                dropped.append((no, ln, "folded box (HTML <details>)"))
            continue
        if _MD_DETAILS.match(ln):
            flush()
            in_details = "</details>" not in ln.casefold()
            if dropped is not None:
                dropped.append((no, ln, "folded box (HTML <details>)"))
            continue
        if _MD_REF_DEF.match(ln) and not para:
            flush()
            if dropped is not None:
                dropped.append((no, ln, "a reference link's definition"))
            continue
        if not ln or ln.startswith(("<!--", "---", "```")):
            flush()
            in_note = False
            continue
        if _MD_NOTE.match(ln) or (in_note and raw[:1] in " \t"):
            flush()
            in_note = True
            if dropped is not None:
                dropped.append((no, ln, "footnote"))
            continue
        if ln.startswith(">") and not in_callout and _MD_CALLOUT.match(ln) and _callout_list(source, no):
            # "> [!info]" over "> - …" items only: a box of the piece's key facts (like a
            # summary box); the marker is syntax, the items are bullets
            flush()
            in_list = True
            if dropped is not None:
                dropped.append((no, ln, "callout marker (syntax)"))
            continue
        if ln.startswith(">") and (in_callout or _MD_CALLOUT.match(ln)):
            # "> [!note] Working note": a note app's callout, an aside of the notebook's own
            flush()
            in_callout = True
            if dropped is not None:
                dropped.append((no, ln, "callout (a note app's aside)"))
            continue
        in_callout = False
        if _MD_WIKI_EMBED.fullmatch(ln):
            # "![[efate-map.png]]" alone: a file the note embeds (a picture), no text
            flush()
            if dropped is not None:
                dropped.append((no, ln, "embedded file (a note app's link)"))
            continue
        in_note = False
        m = _MD_HEADING.match(ln)
        if m:
            flush()
            heading = _md_inline(m.group(2), refs)
            if heading:
                out += [Body(heading, no, kind="heading", level=len(m.group(1))), Body("", no)]
            continue
        img = _MD_IMAGE.fullmatch(ln)
        if img:
            flush()
            if img.group(1).strip():
                out += [Body(_md_inline(img.group(1), refs), no, kind="caption"), Body("", no)]
            continue
        if in_list and ln.startswith(">") and BULLET.match(ln.lstrip("> ")):
            ln = ln.lstrip("> ")  # an item of a key-facts callout
        else:
            in_list = False
        if BULLET.match(ln):
            flush()
            out.append(Body(_md_inline(BULLET.sub("", ln, count=1), refs), no, kind="bullet"))
            continue
        if ln.startswith(">"):
            ln = ln.lstrip("> ")
        if not para:
            para_at = no
        para.append(_MD_IMAGE.sub(r"\1", ln) if "![" in ln else ln)
    flush()
    # A publication's name linked to its home page above the `# ` title (a newsletter's
    # masthead): nothing but links before the title is no text before it.
    h1 = next((k for k, b in enumerate(out) if b.kind == "heading" and b.level == 1), None)
    before = [k for k in range(h1 or 0) if out[k].text]
    if before and all(k in link_only for k in before):
        for k in before:
            if dropped is not None:
                dropped.append((out[k].no, out[k].text, _MASTHEAD))
            out[k] = Body("", out[k].no)
    return out


# ---------------------------------------------------------------- HTML


# "<sup><a href="#fn2">2</a></sup>", "<a href="#n3"><sup>[3]</sup></a>": a note's number linked to
# the note further down the page: a reference mark, not a word of the sentence it follows
_NOTE_REF = lazy(
    r"<sup\b[^>]*>\s*<a\b[^>]*\bhref\s*=\s*[\"']#[^\"']*[\"'][^>]*>\s*\[?\s*(?:\d{1,3}|[a-z*†‡])\s*\]?\s*</a>\s*</sup>"
    r"|<a\b[^>]*\bhref\s*=\s*[\"']#[^\"']*[\"'][^>]*>\s*<sup\b[^>]*>\s*\[?\s*(?:\d{1,3}|[a-z*†‡])\s*\]?\s*</sup>\s*</a>",
    re.I,
)


def from_html(text: str, name: str) -> Raw:
    """An HTML page's main text and metadata, through trafilatura."""
    if "<sup" in text or "<SUP" in text:
        text = _NOTE_REF.sub("", text)
    try:
        import trafilatura
    except ImportError:
        raise FileSkipped(
            f"{name}: reading HTML needs trafilatura (pip install trafilatura), skipped"
        ) from None
    import logging

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its notes are not the user's business
    try:
        xml = trafilatura.extract(
            text,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            include_links=False,
            favor_recall=True,
            deduplicate=False,
        )
    except Exception as exc:  # a third-party parser on untrusted markup: any failure skips the file
        raise FileSkipped(f"{name}: cannot read HTML ({type(exc).__name__}), skipped") from None
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(xml) if xml else None
    except ET.ParseError:
        root = None
    main_el = root.find("main") if root is not None else None
    if root is None or main_el is None or not "".join(main_el.itertext()).strip():
        return _fallback_html(text, name)
    hints: dict[str, Hint] = {}
    for attr, key in (
        ("title", "title"),
        ("date", "date"),
        ("author", "authors"),
        ("sitename", "site"),
        ("url", "url"),
    ):
        value = clean_field(unescape_html(root.get(attr) or ""))
        if value:
            hints[key] = Hint(value, f"HTML metadata ({attr})")
    ld_authors = _json_ld_authors(text)
    if len(ld_authors) > len((hints["authors"].value if "authors" in hints else "").split(";")):
        hints["authors"] = Hint("; ".join(ld_authors), "HTML metadata (JSON-LD author)")
    main = root.find("main")
    found: list[Body] = []
    if main is not None:
        _xml_lines(main, found)
    if not any(b.text for b in found):
        raise FileSkipped(f"{name}: HTML page with no article text, skipped")
    dropped: list[tuple[int, str, str]] = []
    lines = _container_lines(text, [b.text for b in found if b.text], dropped)
    notes = ("article container found by trafilatura, read block by block",)
    if lines is None:
        lines, notes, dropped = found, ("main text found by trafilatura",), []
    if "title" in hints and "site" in hints:
        # "Blog » Archive » Headline": the <title>'s parts taken the wrong way round, its
        # "site" the page's own heading and its "title" a line that is none (the masthead)
        heads = {_squash(b.text).casefold() for b in lines if b.kind == "heading"}
        plain = {_squash(b.text).casefold() for b in lines if b.text and b.kind != "heading"}
        t, s = hints["title"].value.casefold(), hints["site"].value.casefold()
        if s in heads and t not in heads and t in plain:
            title, site = hints["title"].value, hints["site"].value
            hints["title"] = Hint(site, "HTML metadata (sitename: the page's heading, swapped)")
            hints["site"] = Hint(title, "HTML metadata (title: a line over the heading, swapped)")
    return Raw(name, "html", tuple(lines), hints, wraps=False, notes=notes, dropped=tuple(dropped))


def _fallback_html(html_text: str, name: str) -> Raw:
    """A page trafilatura finds no article in (unusual markup, text in ``<div>``s): the
    element holding the most paragraph text, read block by block like any container, with
    the page's title, date and author from its metadata. A page with no paragraphs at all
    is skipped."""
    try:
        import lxml.html

        doc = lxml.html.document_fromstring(html_text)
    except Exception:  # lxml on untrusted markup: nothing readable
        raise FileSkipped(f"{name}: HTML page with no article text, skipped") from None
    scores: dict[Any, int] = {}
    for el in doc.iter("p", "div", "td", "li", "blockquote"):
        text = _squash(el.text_content() or "") if el.tag == "p" else _squash(_own_text(el))
        links = sum(len(a.text_content() or "") for a in el.iter("a"))
        if len(text) < 40 or links > 0.5 * len(text):
            continue
        parent = el.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(text)
    if not scores or max(scores.values()) < 150:
        raise FileSkipped(f"{name}: HTML page with no article text, skipped")
    box = max(scores, key=lambda el: scores[el])
    while box.getparent() is not None and box.tag not in ("article", "main", "body") and _is_wrapper(box):
        box = box.getparent()
    lines: list[Body] = []
    heading = doc.find(".//h1")
    if heading is not None and not _contains(box, heading):
        _adder(lines)(heading.text_content(), "heading", 1)
    _walk(box, lines)
    if not any(b.text for b in lines):
        raise FileSkipped(f"{name}: HTML page with no article text, skipped")
    hints: dict[str, Hint] = {}
    title = doc.find(".//title")
    if title is not None and clean_field(title.text_content() or ""):
        hints["title"] = Hint(clean_field(title.text_content() or ""), "HTML <title>")
    for meta in doc.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        value = clean_field(meta.get("content") or "")
        if not value:
            continue
        if key in ("article:published_time", "date", "dc.date", "pubdate") and "date" not in hints:
            from .dates import iso_of

            iso = iso_of(value)
            if iso:
                hints["date"] = Hint(iso, f"HTML metadata ({key})")
        elif key in ("author", "article:author") and "authors" not in hints:
            hints["authors"] = Hint(value, f"HTML metadata ({key})")
        elif key == "og:site_name":
            hints["site"] = Hint(value, "HTML metadata (og:site_name)")
    return Raw(
        name,
        "html",
        tuple(lines),
        hints,
        wraps=False,
        weak=frozenset({"title"}),
        notes=("no article found by trafilatura: the element with the most paragraph text, read by block",),
    )


def _own_text(el: Any) -> str:
    """An element's text outside its block children (a ``<div>`` used as a paragraph)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in _INLINE_TAGS:
            parts.append(child.text_content() or "")
        parts.append(child.tail or "")
    return "".join(parts)


def _is_wrapper(el: Any) -> bool:
    """A box that holds little besides one child box (a layout wrapper)."""
    children = [c for c in el if isinstance(c.tag, str) and c.tag not in _SKIP_TAGS]
    return len(children) == 1 and not (el.text or "").strip()


def _json_ld_authors(html_text: str) -> list[str]:
    """Author names from schema.org JSON-LD (``"author": [{"name": ...}]``), which lists
    every author where a ``<meta name="author">`` holds one."""
    import json

    out: list[str] = []
    for m in re.finditer(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html_text, re.S | re.I):
        try:
            data = json.loads(m.group(1))
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            authors = obj.get("author") if isinstance(obj, dict) else None
            for a in authors if isinstance(authors, list) else [authors]:
                name = a.get("name") if isinstance(a, dict) else a
                if isinstance(name, str) and clean_field(name) and clean_field(name) not in out:
                    out.append(clean_field(name))
    return out


_SKIP_TAGS = frozenset(
    "script style noscript template svg form button input select textarea iframe canvas video audio "
    "object embed head".split()
)
_LEAF_TAGS = frozenset("p h1 h2 h3 h4 h5 h6 li tr figcaption dt dd pre address blockquote caption".split())
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo br cite code data dfn em i kbd mark q s samp small span strong sub sup time u var "
    "wbr img font del ins".split()
)


def _container_lines(
    html_text: str, main_texts: list[str], dropped: list[tuple[int, str, str]] | None = None
) -> list[Body] | None:
    """The lines of the page's article container, block by block (headings, paragraphs,
    list items, table rows, captions), or None when it cannot be found.

    trafilatura finds the main text well but may leave out a box of key points or a
    table caption; the container holding its paragraphs (the nearest ``<article>`` or
    ``<main>`` around them) has all of it, and qabot's own chrome rules then sort out
    its bylines, share rows and bios.
    """
    try:
        import lxml.html
    except ImportError:
        return None
    try:
        doc = lxml.html.document_fromstring(html_text)
    except Exception:  # lxml on untrusted markup: fall back to trafilatura's text
        return None

    def bare(text: str) -> str:
        # spacing differs around <br> and inline tags; a turn's time and colon may differ
        # between trafilatura's text and a turn read as "Name: text" (_speaker_lead)
        return re.sub(r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?|[\s:]+", "", clean_text(text))

    holders = []
    probes = [bare(t)[:50] for t in main_texts if len(t) >= 60][:8]
    for el in doc.iter("p", "li", "td", "div", "blockquote"):
        own = bare(el.text_content() or "")
        if any(own.startswith(p) for p in probes):
            holders.append(el)
    if not holders:
        return None
    box = holders[0]
    for el in holders[1:]:
        while box is not None and not _contains(box, el):
            box = box.getparent()
    while box is not None and box.tag not in ("article", "main", "body"):
        box = box.getparent()
    if box is None:
        return None
    out: list[Body] = []
    left_out: list[tuple[int, str, str]] = []
    _walk(box, out, left_out)
    joined = bare(" ".join(b.text for b in out))
    if sum(1 for p in probes if p in joined) < len(probes):
        return None
    if dropped is not None:
        dropped.extend(left_out)
    return out


def _contains(a: Any, b: Any) -> bool:
    while b is not None:
        if b is a:
            return True
        b = b.getparent()
    return False


def _adder(out: list[Body]) -> Callable[..., None]:
    """``add(text, kind="", level=0)``: one cleaned line of ``out``, a blank line after it
    (every element is its own block), numbered by position."""

    def add(text: str, kind: str = "", level: int = 0) -> None:
        text = _squash(clean_text(text).replace("\n", " "))
        if text:
            out.append(Body(text, len(out) + 1, kind=kind, level=level))
            out.append(Body("", len(out) + 1))

    return add


def _walk(el: Any, out: list[Body], dropped: list[tuple[int, str, str]] | None = None) -> None:
    add = _adder(out)

    def leave(child: Any, why: str) -> None:
        if dropped is not None:
            dropped.append((len(out) + 1, _squash(clean_text(child.text_content() or "")), why))

    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in _SKIP_TAGS or _is_comments(child):
            continue
        if _sign_up_box(child):
            leave(child, "sign-up box (a form asking for an e-mail address)")
            continue
        if _links_only(child):
            leave(child, "links only (a share bar, a list of services or pages)")
            continue
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and _home_link(child):
            add(child.text_content())  # a heading that links home: the masthead (a blog's name)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            add(child.text_content(), "heading", int(tag[1]))
        elif _document_title(child, out):
            # a word processor's export marks its title by a style, not a tag (``<p
            # class="title">``): the document's one top heading
            add(child.text_content(), "heading", 1)
        elif tag == "tr" and not any(isinstance(c.tag, str) and _has_blocks(c) for c in child):
            cells = [c for c in child if isinstance(c.tag, str) and c.tag in ("td", "th")]
            texts = [_squash(c.text_content()) for c in cells]
            filled = [c for c, t in zip(cells, texts, strict=True) if t]
            if len(filled) == 1:
                # one cell with text: a layout table (e-mail templates), not data
                for chunk in _br_chunks(filled[0]):
                    add(chunk)
            else:
                add(" | ".join(t for t in texts if t), "row")
        elif tag == "li" and not _has_blocks(child):
            add(child.text_content(), "bullet")
        elif tag == "figcaption" or (
            _has_class(child, "caption") and not _has_class(child, "table") and not _has_blocks(child)
        ):
            for credit in _credits(child):
                leave(credit, "photo credit (marked so in the caption)")
            add(_caption_text(child), "caption")
        elif _has_class(child, "credit") and not _has_blocks(child):
            continue  # a photo credit under its caption
        elif tag in _LEAF_TAGS and not _has_blocks(child) and _speaker_lead(child):
            add(_speaker_lead(child))  # "<b>Jane Roe</b> text": a turn, "Jane Roe: text"
        elif tag in _LEAF_TAGS and not _has_blocks(child):
            for chunk in _br_chunks(child):
                add(chunk)
        elif _has_blocks(child):
            if (child.text or "").strip():
                add(child.text or "")
            _walk(child, out, dropped)
        else:
            for chunk in _br_chunks(child):
                add(chunk)
        if (child.tail or "").strip():
            add(child.tail or "")


def _home_link(el: Any) -> bool:
    """Whether all of ``el``'s text is one link to a site's front page (``href="/"``,
    ``https://host/``): a masthead, not the article's heading."""
    links = [a for a in el.iter("a") if _squash(a.text_content() or "")]
    if len(links) != 1 or _squash(links[0].text_content()) != _squash(el.text_content()):
        return False
    href = (links[0].get("href") or "").strip()
    return bool(re.fullmatch(r"(?:https?://[^/]+)?/?(?:index\.html?)?", href)) and href != ""


def _links_only(el: Any) -> bool:
    """A block of links and nothing else: a share bar (``Share · Gift this article ·
    Save``), a list of listening services or of other pages. Two or more links, each a few
    words, no text outside them but separators. Link density, as boilerplate removers
    measure it, at its extreme."""
    if el.tag in ("a", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr"):
        return False
    links = [a for a in el.iter("a") if _squash(a.text_content() or "")]
    if len(links) < 2 or any(len(_squash(a.text_content()).split()) > 6 for a in links):
        return False
    if any(_contains(a, b) for a in links for b in links if a is not b):
        return False

    if all(name_line(_squash(a.text_content())) for a in links):
        return False  # linked names: a byline
    outside = el.text_content() or ""
    for a in links:
        outside = outside.replace(a.text_content() or "", " ", 1)
    if not re.sub(r"[\W_\d]+", "", outside):
        return True
    # a short label before the links ("Share:", "この記事をシェア", "شارك:"): the label of a
    # link block (ending ":", or over three links or more), not text
    label = _squash(outside)
    whole = _squash(el.text_content() or "")
    first = whole.find(_squash(links[0].text_content()))
    before = _squash(whole[: max(0, first)])
    # a block the reader names as chrome by itself ("Tags: a b c") is left to it
    return (
        label == before
        and line_reason(whole) is None
        and len(label) <= 30
        and len(label.split()) <= 3
        and (label.endswith(":") or len(links) >= 3 or _label_element(el, label))
    )


def _label_element(el: Any, label: str) -> bool:
    """The box's label is an element of its own, first in the box (``<strong>Les også</strong>``
    over a list of two links): a box's title in whatever language, not words of a sentence."""
    first = next((c for c in el if isinstance(c.tag, str)), None)
    return (
        first is not None
        and not (el.text or "").strip()
        and first.tag in ("strong", "b", "span", "p", "h2", "h3", "h4", "h5", "h6", "div", "header")
        and not list(first.iter("a"))
        and _squash(first.text_content() or "") == label
    )


def _sign_up_box(el: Any) -> bool:
    """A newsletter or membership box inside the article: a form asking for an e-mail
    address, with a few words around it."""
    if el.tag not in ("div", "aside", "section", "form", "p"):
        return False
    asks = any(
        (i.get("type") or "").lower() == "email" or "email" in (i.get("name") or "").lower()
        for i in el.iter("input")
    )
    return asks and len((el.text_content() or "").split()) <= 60


def _is_comments(el: Any) -> bool:
    """A readers' comments section (``class="comments"``, ``id="comment-list"``): not the
    article, whatever it says."""
    names = re.split(r"[\s_-]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return any(n in ("comment", "comments", "respond", "discussion", "disqus") for n in names)


_STAMP_ONLY = lazy(r"[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?")


def _speaker_lead(el: Any) -> str:
    """A transcript's or an interview's turn led by its speaker's name in bold (``<span
    class="stamp">[00:00:31]</span> <b>Jane Roe</b> Welcome back.``) as ``Jane Roe: Welcome
    back.``, as text transcripts print turns; "" when the block opens otherwise. A time
    before the name is left out, as in text; a bold lead-in that is no name ("<b>Why it
    matters</b>") is no speaker."""
    from .paragraphs import is_timestamp

    if el.tag not in ("p", "li", "dd") or (el.text or "").strip():
        return ""
    kids = [c for c in el if isinstance(c.tag, str)]
    for k, c in enumerate(kids):
        text = _squash(c.text_content())
        if c.tag in ("b", "strong"):
            label = text.rstrip(":").strip()
            if not 1 <= len(label.split()) <= 4 or not name_line(label):
                return ""
            rest = (c.tail or "") + "".join(_squash(d.text_content()) + (d.tail or "") for d in kids[k + 1 :])
            rest = _squash(rest).lstrip(":").strip()
            if not _STAMP_ONLY.sub("", rest).strip():
                return ""  # "<b>Jane Roe</b> [00:01:00]": a label over its turn, read as such
            # "<b>Jane Roe</b> is a senior fellow …", "<b>Jane Roe</b>, the minister, said":
            # a sentence about her, no turn; a turn starts as a sentence does
            first = rest[:1]
            return f"{label}: {rest}" if first.isupper() or first.isdigit() or first in "\"“‘'¿¡" else ""
        if not (is_timestamp(text) and not text.strip("[]()0123456789: ")) or (c.tail or "").strip():
            return ""
    return ""


def _credits(el: Any) -> list[Any]:
    """The elements inside a caption whose class says they are its credit (``<span
    class="credit">Chart: …, data …</span>``): the page's own mark, in any wording."""
    return [c for c in el.iterdescendants() if isinstance(c.tag, str) and _has_class(c, "credit")]


def _caption_text(el: Any) -> str:
    """A caption's text without the credit it marks (:func:`_credits`)."""
    parts = [el.text or ""]
    for c in el:
        if isinstance(c.tag, str) and not _has_class(c, "credit"):
            parts.append(_caption_text(c))
        parts.append(c.tail or "")
    return "".join(parts)


def _document_title(el: Any, out: list[Body]) -> bool:
    """A paragraph whose class list names it ``title`` (exactly that word: a style, as an
    exported document sets it), the first text of the page."""
    return (
        el.tag in ("p", "div")
        and "title" in (el.get("class") or "").lower().split()
        and not _has_blocks(el)
        and not any(b.text for b in out)
    )


def _has_class(el: Any, word: str) -> bool:
    """Whether the element's class names say ``word`` (``wp-caption``, ``photo-credit``)."""
    return word in (el.get("class") or "").lower()


def _has_blocks(el: Any) -> bool:
    """Whether ``el`` holds block elements; an inline wrapper around blocks counts as a block
    (old pages put whole articles in ``<font>``)."""
    return any(isinstance(c.tag, str) and (c.tag not in _INLINE_TAGS or _has_blocks(c)) for c in el)


def _br_chunks(el: Any) -> list[str]:
    """An element's text, split where it has ``<br>`` (a byline over a date), also a ``<br>``
    inside an inline wrapper (``<font>…<br>…</font>``)."""
    parts = [el.text or ""]

    def inline(e: Any) -> None:
        for child in e:
            if child.tag == "br":
                parts.append("\0")
            elif isinstance(child.tag, str) and child.tag not in _SKIP_TAGS:
                before = next((x for x in reversed(parts) if x), "")
                if before[-1:].isalpha() and (child.text_content() or "")[:1].isupper():
                    # "<a>Inès Kaboré</a><span>Senior Fellow</span>": glued words across two
                    # elements (set apart by the style sheet) are two lines
                    parts.append("\0")
                if e is el or child.tag in _INLINE_TAGS:
                    parts.append(child.text or "")
                    inline(child)
                else:
                    parts.append(child.text_content())
            parts.append(child.tail or "")

    inline(el)
    return [c for c in "".join(parts).split("\0") if c.strip()]


def _text_of(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append(" " if child.tag == "lb" else _text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _xml_lines(main: Any, out: list[Body]) -> None:
    """trafilatura's XML elements as lines (numbered by element) of known kind."""
    add = _adder(out)

    for el in main:
        tag = el.tag
        if tag == "head":
            rend = el.get("rend") or "h2"
            add(_text_of(el), "heading", int(rend[1]) if rend[1:].isdigit() else 2)
        elif tag == "list":
            for item in el.iter("item"):
                add(_text_of(item), "bullet")
        elif tag == "table":
            for row in el.iter("row"):
                if any(c.find(k) is not None for c in row.iter("cell") for k in ("p", "head", "list")):
                    # cells holding paragraphs: a page laid out in a table, not data
                    for c in row.iter("cell"):
                        add(c.text or "")
                        _xml_lines(c, out)
                    continue
                cells = [_squash(_text_of(c)) for c in row.iter("cell")]
                add(" | ".join(c for c in cells if c), "row")
        elif tag in ("p", "quote", "code"):
            # a paragraph of separate lines (<br>) stays separate lines: a byline over a date
            chunks = [_text_of(el)]
            if el.find("lb") is not None:
                chunks = _split_on_lb(el)
            for chunk in chunks:
                add(chunk)
        elif tag == "graphic":
            alt = el.get("alt") or el.get("title") or ""
            if alt.strip():
                add(alt, "caption")
        elif tag == "div":
            _xml_lines(el, out)  # newer trafilatura nests the text in <div>s


def _split_on_lb(el: Any) -> list[str]:
    chunks, current = [], [el.text or ""]
    for child in el:
        if child.tag == "lb":
            chunks.append("".join(current))
            current = [child.tail or ""]
        else:
            current += [_text_of(child), child.tail or ""]
    chunks.append("".join(current))
    return [c for c in chunks if c.strip()]


# ---------------------------------------------------------------- PDF


def from_pdf(data: bytes, name: str) -> Raw:
    """A PDF's text layer (:mod:`qabot.corpus.pdf`)."""
    from .pdf import from_pdf as read_pdf

    raw: Raw = read_pdf(data, name)
    return raw


# ---------------------------------------------------------------- e-mail


def _forwarded(msg: Any) -> bytes | None:
    """The bytes of the one message a mail carries as a ``message/rfc822`` part, else None."""
    if not msg.is_multipart():
        return None
    found = []
    for part in msg.walk():
        if part.get_content_type() == "message/rfc822":
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if inner is not None:
                found.append(inner)
    if len(found) != 1:
        return None
    try:
        data: bytes = found[0].as_bytes()
    except (LookupError, UnicodeError, ValueError):
        return None
    return data


# "On Tue, 30 Jan 2024 at 09:12, Jonas Weber <jw@example.org> wrote:": who wrote the quote, when
_ATTRIBUTION = lazy(
    r"^(?:on\s+|le\s+|am\s+|el\s+)?(?P<when>.{6,60}?),?\s+(?P<who>[^<>,]{2,60}?)\s*(?:<[^<>]+>)?\s*"
    r"(?:wrote|writes|a\s+écrit|schrieb|escribió|ha\s+scritto)\s*:\s*$",
    re.I,
)
_FORWARD_SUBJECT = lazy(r"^\s*(?:\[[^\]]*\]\s*)?(?:fwd?|tr|wg|rv)\s*:", re.I)


@dataclass(frozen=True)
class _Quoted:
    """A mail whose body is mostly one quoted message: the quote, in place, and its frame."""

    text: str  # the body with the quote unquoted and every other line blank (line numbers kept)
    left: tuple[tuple[int, str], ...]  # (line number, text) of the covering note
    when: str  # the attribution line's date (ISO), or ""
    who: str  # the attribution line's writer, or ""


def _quoted_piece(body: str) -> _Quoted | None:
    """A forward or reply that quotes the piece with ``> `` before every line: when one
    quoted run holds most of the body's words, it is the piece, and the note above or
    below it (the forwarder's or replier's words) is only the covering mail. The line
    introducing the quote ("On …, Name wrote:") says who wrote it and when."""
    lines = body.splitlines()
    quoted = [i for i, line in enumerate(lines) if line.startswith(">")]
    if not quoted:
        return None
    first, last = quoted[0], quoted[-1]
    if any(line.strip() and not line.startswith(">") for line in lines[first : last + 1]):
        return None  # replies interleaved with quotes: no one quoted piece
    inside = sum(len(lines[i].split()) for i in quoted)
    if inside < 80 or inside < 0.6 * sum(len(line.split()) for line in lines):
        return None
    out = ["" for _ in lines]
    for i in range(first, last + 1):
        out[i] = re.sub(r"^> ?", "", lines[i])
    left = tuple(
        (i + 1, lines[i].strip())
        for i in range(len(lines))
        if lines[i].strip() and out[i] == "" and not first <= i <= last
    )
    when = who = ""
    intro = next((t for _, t in reversed([x for x in left if x[0] <= first])), "")
    m = _ATTRIBUTION.match(intro)
    if m:
        from . import dates

        hit = dates.find(m.group("when"))
        when = hit.iso if hit is not None and hit.iso else ""
        who = m.group("who").strip(" \"'")
        who = who if name_line(who) else ""
    return _Quoted("\n".join(out), left, when, who)


def _quoted_below(body: str) -> tuple[str, list[tuple[int, str, str]]]:
    """A reply's quote of the earlier message at the foot of the body ("On …, Name wrote:"
    over ``> `` lines, nothing after them): the message answered, not the reply's text. It
    is blanked (line numbers kept) and returned as dropped lines."""
    lines = body.splitlines()
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and (lines[start - 1].startswith(">") or not lines[start - 1].strip()):
        start -= 1
    if start == end or not any(line.startswith(">") for line in lines[start:end]):
        return body, []
    at = start - 1
    if at < 0 or not _ATTRIBUTION.match(lines[at].strip()):
        return body, []
    why = "the earlier message a reply quotes (under its 'On …, Name wrote:')"
    dropped = [(i + 1, lines[i].strip(), why) for i in range(at, end) if lines[i].strip()]
    for i in range(at, end):
        lines[i] = ""
    return "\n".join(lines), dropped


def from_email(data: bytes, name: str) -> Raw:
    """An e-mail's body (plain text, else HTML), decoded; Subject and Date as hints."""
    import email
    import email.policy
    from email.utils import parsedate_to_datetime

    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        subject = clean_field(str(msg.get("subject", "") or ""))
        addresses = getattr(msg.get("from"), "addresses", ()) or ()
        sender = clean_field(str(addresses[0].display_name or "")) if addresses else ""
        date_header = str(msg.get("date", "") or "")
    except Exception as exc:  # malformed headers: the stdlib raises several kinds
        raise FileSkipped(f"{name}: cannot read e-mail ({type(exc).__name__}), skipped") from None
    inner = _forwarded(msg)
    if inner is not None:
        # a forward as an attachment: the attached message is the piece (its own From, Subject
        # and Date); the forwarder's note around it is only the covering mail
        with contextlib.suppress(FileSkipped):
            return from_email(inner, name)
    warnings: list[str] = []
    part: Any = None
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        part = msg if not msg.is_multipart() else None
    if part is None:
        raise FileSkipped(f"{name}: e-mail with no text body, skipped")
    try:
        body = part.get_content()
    except (LookupError, UnicodeError, AssertionError, KeyError):
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset() or "unknown"
        try:
            body = payload.decode("utf-8")
        except UnicodeDecodeError:
            body = payload.decode("cp1252", errors="replace")
        warnings.append(f"{name}: e-mail charset {charset!r} unknown; read as UTF-8/cp1252")
    if not isinstance(body, str):
        raise FileSkipped(f"{name}: e-mail with no text body, skipped")
    quoted = _quoted_piece(body) if part.get_content_subtype() != "html" else None
    if quoted is not None:
        body = quoted.text
    earlier: list[tuple[int, str, str]] = []
    if quoted is None and part.get_content_subtype() != "html":
        body, earlier = _quoted_below(body)
    raw = from_html(body, name) if part.get_content_subtype() == "html" else from_text(body, name, ".txt")
    if earlier:
        raw = _with(raw, dropped=(*raw.dropped, *earlier))
    hints = dict(raw.hints)
    weak = set(raw.weak)
    if quoted is not None:
        # the quoted message is the piece: the outer From and Date are the forwarder's or the
        # replier's, and a forward's Subject is his label for it (a reply's repeats the piece's)
        why = "the covering note of a quoted forward or reply"
        raw = _with(
            raw,
            notes=(
                *raw.notes,
                "a quoted forward or reply: the quoted message read, its covering note left out",
            ),
            dropped=(*raw.dropped, *((no, text, why) for no, text in quoted.left)),
        )
        sender = quoted.who
        date_header = ""
        if quoted.when:
            hints.setdefault("date", Hint(quoted.when, "the quoted message's attribution line"))
        if _FORWARD_SUBJECT.match(subject):
            subject = ""
    # "Jane Roe from The Canal Letter": a newsletter's writer and her publication
    by = re.match(r"^(?P<who>.+?)\s+(?:from|at|of)\s+(?P<site>.+)$", sender)
    if by and name_line(by.group("who")) and "site" not in hints:
        sender = by.group("who")
        hints["site"] = Hint(by.group("site"), "e-mail From header (the sender's publication)")
    if sender:
        hints["sender"] = Hint(sender, "e-mail From header")
        weak.add("sender")
    if subject and "title" not in hints:
        hints["title"] = Hint(subject_title(subject), "e-mail Subject")
        weak.add("title")
    if date_header and "date" not in hints:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            hints["date"] = Hint(parsedate_to_datetime(date_header).date().isoformat(), "e-mail Date header")
    return _with(raw, fmt="email", hints=hints, weak=frozenset(weak), warnings=(*raw.warnings, *warnings))

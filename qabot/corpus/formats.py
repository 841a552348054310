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
from .header import Hint, subject_title
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
    return re.sub(r"[ ]{2,}", " ", text).strip()


def from_text(text: str, name: str, suffix: str = ".txt") -> Raw:
    """Decoded text of a ``.txt``, ``.md`` or ``.html`` file as :class:`Raw`."""
    fmt = FORMATS.get(suffix.lower(), "text")
    if fmt == "html":
        return from_html(text, name)
    text = clean_text(text)
    meta, text = front_matter(text, name)
    notes: list[str] = []
    if looks_quoted_printable(text):
        text = clean_text(decode_quoted_printable(text))
        notes.append("quoted-printable decoded")
    text = repair_pdf_hyphens(unescape_html(text))
    if fmt == "markdown":
        return Raw(name, fmt, tuple(_markdown_lines(text)), front=meta, notes=tuple(notes), wraps=False)
    return Raw(name, fmt, tuple(_text_lines(text)), front=meta, notes=tuple(notes))


def _text_lines(text: str) -> list[Body]:
    out = []
    for no, ln in enumerate(text.split("\n"), start=1):
        stripped = ln.lstrip(" ")
        out.append(Body(_squash(ln), no, len(ln) - len(stripped)))
    return out


# ---------------------------------------------------------------- Markdown

_MD_HEADING = lazy(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_IMAGE = lazy(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = lazy(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPH = lazy(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    return _squash(_MD_EMPH.sub(r"\2", text))


def _markdown_lines(text: str) -> list[Body]:
    """Markdown blocks as lines of known kind, a blank line between blocks."""
    out: list[Body] = []
    para: list[str] = []
    para_at = 0

    def flush() -> None:
        if para:
            out.append(Body(_md_inline(" ".join(para)), para_at, kind="paragraph"))
            out.append(Body("", para_at))
            para.clear()

    for no, raw in enumerate(text.split("\n"), start=1):
        ln = raw.strip()
        if not ln or ln.startswith(("<!--", "---", "```")):
            flush()
            continue
        m = _MD_HEADING.match(ln)
        if m:
            flush()
            heading = _md_inline(m.group(2))
            if heading:
                out += [Body(heading, no, kind="heading", level=len(m.group(1))), Body("", no)]
            continue
        img = _MD_IMAGE.fullmatch(ln)
        if img:
            flush()
            if img.group(1).strip():
                out += [Body(_md_inline(img.group(1)), no, kind="caption"), Body("", no)]
            continue
        if BULLET.match(ln):
            flush()
            out.append(Body(_md_inline(BULLET.sub("", ln, count=1)), no, kind="bullet"))
            continue
        if ln.startswith(">"):
            ln = ln.lstrip("> ")
        if not para:
            para_at = no
        para.append(_MD_IMAGE.sub(r"\1", ln))
    flush()
    return out


# ---------------------------------------------------------------- HTML


def from_html(text: str, name: str) -> Raw:
    """An HTML page's main text and metadata, through trafilatura."""
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
    if not xml:
        raise FileSkipped(f"{name}: HTML page with no article text, skipped")
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(xml)
    except ET.ParseError:
        raise FileSkipped(f"{name}: HTML page with no readable article text, skipped") from None
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
    lines = _container_lines(text, [b.text for b in found if b.text])
    notes = ("article container found by trafilatura, read block by block",)
    if lines is None:
        lines, notes = found, ("main text found by trafilatura",)
    return Raw(name, "html", tuple(lines), hints, wraps=False, notes=notes)


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


def _container_lines(html_text: str, main_texts: list[str]) -> list[Body] | None:
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

    def bare(text: str) -> str:  # spacing differs around <br> and inline tags
        return re.sub(r"\s+", "", clean_text(text))

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
    _walk(box, out)
    joined = bare(" ".join(b.text for b in out))
    if sum(1 for p in probes if p in joined) < len(probes):
        return None
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


def _walk(el: Any, out: list[Body]) -> None:
    add = _adder(out)

    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in _SKIP_TAGS or _is_comments(child):
            continue
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            add(child.text_content(), "heading", int(tag[1]))
        elif tag == "tr" and not any(isinstance(c.tag, str) and _has_blocks(c) for c in child):
            cells = [
                _squash(c.text_content()) for c in child if isinstance(c.tag, str) and c.tag in ("td", "th")
            ]
            add(" | ".join(c for c in cells if c), "row")
        elif tag == "li" and not _has_blocks(child):
            add(child.text_content(), "bullet")
        elif tag == "figcaption" or (_has_class(child, "caption") and not _has_blocks(child)):
            add(child.text_content(), "caption")
        elif _has_class(child, "credit") and not _has_blocks(child):
            continue  # a photo credit under its caption
        elif tag in _LEAF_TAGS and not _has_blocks(child):
            for chunk in _br_chunks(child):
                add(chunk)
        elif _has_blocks(child):
            if (child.text or "").strip():
                add(child.text or "")
            _walk(child, out)
        else:
            for chunk in _br_chunks(child):
                add(chunk)
        if (child.tail or "").strip():
            add(child.tail or "")


def _is_comments(el: Any) -> bool:
    """A readers' comments section (``class="comments"``, ``id="comment-list"``): not the
    article, whatever it says."""
    names = re.split(r"[\s_-]+", f"{el.get('class') or ''} {el.get('id') or ''}".lower())
    return any(n in ("comment", "comments", "respond", "discussion", "disqus") for n in names)


def _has_class(el: Any, word: str) -> bool:
    """Whether the element's class names say ``word`` (``wp-caption``, ``photo-credit``)."""
    return word in (el.get("class") or "").lower()


def _has_blocks(el: Any) -> bool:
    return any(isinstance(c.tag, str) and c.tag not in _INLINE_TAGS for c in el)


def _br_chunks(el: Any) -> list[str]:
    """An element's text, split where it has ``<br>`` (a byline over a date)."""
    chunks, current = [], [el.text or ""]
    for child in el.iterdescendants():
        if child.tag == "br":
            chunks.append("".join(current))
            current = [child.tail or ""]
        elif isinstance(child.tag, str) and child.tag not in _SKIP_TAGS and child.getparent() is el:
            current += [child.text_content(), child.tail or ""]
    chunks.append("".join(current))
    return [c for c in chunks if c.strip()]


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

_PAGE_NUMBER = lazy(r"^(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.I)


def from_pdf(data: bytes, name: str) -> Raw:
    """A PDF's text layer, page furniture removed."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise FileSkipped(f"{name}: reading PDF needs pypdf (pip install pypdf), skipped") from None
    import io
    import logging

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # damaged files: we say it once, below
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise FileSkipped(f"{name}: encrypted PDF, skipped")
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata
    except FileSkipped:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise FileSkipped(
            f"{name}: cannot read PDF ({type(exc).__name__}: {str(exc)[:80]}), skipped"
        ) from None
    if not any(p.strip() for p in pages):
        raise FileSkipped(f"{name}: PDF has no text layer (a scan?), skipped")
    hints: dict[str, Hint] = {}
    if info is not None:
        title = clean_field(str(info.title or ""))
        if title and not re.search(r"\.(?:docx?|pdf|indd|rtf)$|^microsoft\b|^untitled", title, re.I):
            hints["title"] = Hint(title, "PDF metadata (title)")
        author = clean_field(str(info.author or ""))
        if author:
            hints["authors"] = Hint(author, "PDF metadata (author)")
    text = clean_text(_join_pages(_without_furniture(pages)))
    text = repair_pdf_hyphens(text)
    lines = _text_lines(text)
    return Raw(
        name, "pdf", tuple(lines), hints, notes=(f"text layer of {len(pages)} pages",), weak=frozenset(hints)
    )


def _join_pages(pages: list[str]) -> str:
    """Pages as one text; a paragraph running over a page break (the page ends with no
    sentence end) is kept in one piece: no blank line between the two halves."""
    out = ""
    for text in pages:
        if out and not re.search(r"[.!?:”\"’)]\s*$", out) and text.strip()[:1].islower():
            out = out.rstrip() + "\n" + text.lstrip()
        else:
            out = f"{out}\n{text}" if out else text
    return out


def _page_text(page: Any) -> str:
    """A page's text with its paragraph gaps: pypdf's layout mode keeps vertical space as
    blank lines (the only sign of a paragraph break in most PDFs); a page set in columns
    (wide gaps inside most lines) is read in plain mode, which keeps columns apart."""
    text = page.extract_text(extraction_mode="layout") or ""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    gapped = sum(1 for ln in lines if re.search(r"\S {8,}\S", ln.strip()))
    if lines and gapped > 0.3 * len(lines):
        return page.extract_text() or ""
    text = re.sub(r"\n[ \t]*(?:\n[ \t]*){2,}", "\n\n", text)  # one blank line for any gap
    # a wide gap inside a line separates two things set apart (a running header's left
    # and right halves): two lines
    return "\n".join(re.sub(r"(?<=\S) {6,}(?=\S)", "\n", ln.strip()) for ln in text.split("\n"))


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().casefold())


def _without_furniture(pages: list[str]) -> list[str]:
    """Each page's text with running headers and footers (a line on most pages, numbers aside)
    and page numbers removed."""
    split = [p.split("\n") for p in pages]
    counts: dict[str, int] = {}
    for lines in split:
        solid = [ln for ln in lines if ln.strip()]
        for key in {_furniture_key(ln) for ln in solid[:3] + solid[-3:]}:
            counts[key] = counts.get(key, 0) + 1
    recurring = {k for k, c in counts.items() if len(pages) >= 3 and c >= max(2, len(pages) // 2)}
    out: list[str] = []
    for lines in split:
        at = [i for i, ln in enumerate(lines) if ln.strip()]
        edge = set(at[:3]) | set(at[-3:])
        kept = [
            ln
            for i, ln in enumerate(lines)
            if not (i in edge and (_furniture_key(ln) in recurring or _PAGE_NUMBER.match(ln.strip())))
        ]
        out.append("\n".join(_without_footnotes(kept)))
    return out


_FOOTNOTE = lazy(r"^\s*(?:\d{1,3}|[*†‡])\s+\S")


def _without_footnotes(lines: list[str]) -> list[str]:
    """A page's lines without the notes at its foot (``1 Estimate by the insurer ...``):
    a closing run of lines that start with a note number (each may wrap onto a line or
    two), when the page's text refers to at least one of those numbers."""
    end = len(lines)
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    for k in range(max(0, end - 15), end):
        if not _FOOTNOTE.match(lines[k]):
            continue
        run_ok, since = True, 0
        for ln in lines[k + 1 : end]:
            if _FOOTNOTE.match(ln):
                since = 0
            else:
                since += 1
                if since > 2:
                    run_ok = False
                    break
        if not run_ok:
            continue
        body = "\n".join(lines[:k])
        numbers = [m.group().split()[0] for ln in lines[k:end] for m in [_FOOTNOTE.match(ln)] if m]
        if any(re.search(rf"[^\W_][.,;:”\"’)]?{re.escape(n)}(?:\s|$)", body) for n in numbers if n.isdigit()):
            return lines[:k] + lines[end:]
        return lines
    return lines


# ---------------------------------------------------------------- e-mail


def from_email(data: bytes, name: str) -> Raw:
    """An e-mail's body (plain text, else HTML), decoded; Subject and Date as hints."""
    import email
    import email.policy
    from email.utils import parsedate_to_datetime

    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
        subject = clean_field(str(msg.get("subject", "") or ""))
        date_header = str(msg.get("date", "") or "")
    except Exception as exc:  # malformed headers: the stdlib raises several kinds
        raise FileSkipped(f"{name}: cannot read e-mail ({type(exc).__name__}), skipped") from None
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
    raw = from_html(body, name) if part.get_content_subtype() == "html" else from_text(body, name, ".txt")
    hints = dict(raw.hints)
    weak = set(raw.weak)
    if subject and "title" not in hints:
        hints["title"] = Hint(subject_title(subject), "e-mail Subject")
        weak.add("title")
    if date_header and "date" not in hints:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            hints["date"] = Hint(parsedate_to_datetime(date_header).date().isoformat(), "e-mail Date header")
    return _with(raw, fmt="email", hints=hints, weak=frozenset(weak), warnings=(*raw.warnings, *warnings))

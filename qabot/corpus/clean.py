"""Character-level repairs of a whole file's text, before its lines are read.

What a copy from a browser, a mail archive or a PDF brings along: mojibake (UTF-8 read
as cp1252, Mac Roman quotes read as Latin-1), quoted-printable bodies (``China=92s``,
``=20``, soft line breaks), HTML entities and stray inline tags, soft hyphens and the
``¬`` some PDF converters put for a hyphen, no-break and zero-width spaces, control and
bidi characters.
"""

from __future__ import annotations

import html
import re

from ..analysis import strip_control
from ..lazyre import lazy

# UTF-8 bytes shown as cp1252 (the commonest web mojibake) and Mac Roman punctuation
# read as Latin-1 ("DPRKÕs").
_CP1252_MOJIBAKE = lazy(
    "(?:[\u00c2-\u00f4][\u0080-\u00bf\u2013-\u203a\u20ac\u2122\u0152-\u017e\u0192\u02c6\u02dc]{1,3})"
)
_MAC_ROMAN = [
    (lazy(r"(?<=[^\W_])\u00d5(?=[^\W_])"), "\u2019"),  # DPRKÕs -> DPRK’s
    (lazy(r"(?<=\s)\u00d4(?=[^\W_])"), "\u2018"),
    (lazy(r"(?:(?<=\s)|^)\u00d2(?=[^\W_])", re.M), "\u201c"),
    (lazy(r"(?<=[^\W_.,!?])\u00d3"), "\u201d"),
    (lazy(r"(?<=\w )\u00d0(?= \w)"), "\u2013"),
    (lazy(r"(?<=\w )\u00d1(?= \w)"), "\u2014"),
]
# Invisible characters: the Arabic letter mark, zero-width spaces and joiners, word
# joiner, BOM (bidi and C0/C1 controls go with analysis.strip_control).
_INVISIBLE = lazy("[\u061c\u200b-\u200d\u2060-\u2064\ufeff\u00ad]")
_ENTITY = lazy(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
_TAG = lazy(
    r"</?(?:strong|em|b|i|u|span|p|br|a|div|font|sup|sub|small|big|blockquote|h[1-6]|li|ul|ol|"
    r"img|hr|center|cite|q|abbr|mark|s|strike|del|ins|code|tt)\b[^<>]{0,300}?/?>",
    re.I,
)
_QP_SOFT = lazy(r"=\r?\n")
_QP_CODE = lazy(r"=([0-9A-F]{2})")
_PDF_HYPHEN = lazy(r"(?<=[^\W\d_])¬\s*(?=[^\W\d_])")


def _cp1252_bytes(s: str) -> bytes:
    """``s`` as the cp1252 bytes it was decoded from. The five bytes cp1252 leaves
    undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d: the last byte of ``”`` and of ``Á`` in
    UTF-8) come through a lenient decoder as the C1 characters of the same number."""
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if 0x80 <= ord(ch) <= 0x9F:
                out.append(ord(ch))
            else:
                raise
    return bytes(out)


def _fix_cp1252_run(m: re.Match[str]) -> str:
    s = m.group()
    try:
        return _cp1252_bytes(s).decode("utf-8")
    except UnicodeError:
        return s


_SUSPECT = lazy("[\u00c2-\u00f4]")  # every mis-decoding below starts with one of these


def repair_mojibake(text: str) -> str:
    """Undo the two common mis-decodings of typographic punctuation."""
    if not _SUSPECT.search(text):
        return text  # the usual case, found by one fast scan
    text = _CP1252_MOJIBAKE.sub(_fix_cp1252_run, text)
    for pattern, repl in _MAC_ROMAN:
        text = pattern.sub(repl, text)
    return text


def looks_quoted_printable(text: str) -> bool:
    """Whether ``text`` is a quoted-printable body pasted as text: soft breaks (``=`` at
    line ends) or many ``=XX`` codes (``=92``, ``=20``), more than chance would give."""
    soft = len(_QP_SOFT.compiled.findall(text))
    codes = len(_QP_CODE.compiled.findall(text))
    lines = text.count("\n") + 1
    return (soft >= 2 and soft >= lines / 25) or (codes >= 3 and codes >= lines / 15) or soft + codes >= 5


def decode_quoted_printable(text: str) -> str:
    """Undo quoted-printable: soft breaks joined, ``=XX`` bytes decoded (UTF-8 where they
    form it, else cp1252, the usual charset of such archives: ``=92`` is ’)."""
    text = _QP_SOFT.sub("", text)
    out: list[str] = []
    pos = 0
    for m in re.finditer(r"(?:=[0-9A-F]{2})+", text):
        out.append(text[pos : m.start()])
        raw = bytes(int(h, 16) for h in m.group()[1:].split("="))
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(raw.decode("cp1252", errors="replace"))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def unescape_html(text: str) -> str:
    """Entities (``&amp;``, ``&#8217;``) decoded and stray inline tags (``<strong>``) removed,
    in text that is not itself HTML."""
    if "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return text


def clean_text(text: str, *, tabs: bool = False) -> str:
    """Display-clean text: mojibake repaired, control characters gone, spaces plain (tabs
    too, unless ``tabs``: a text file's tabs may set a table's cells apart)."""
    text = repair_mojibake(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = strip_control(text if tabs else text.replace("\t", " "))
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ")
    text = _INVISIBLE.sub("", text)
    return text


def clean_field(text: str) -> str:
    """A title, author or site name from front matter or metadata: one line, no control,
    bidi or invisible characters, spaces folded."""
    text = clean_text(str(text)).replace("\n", " ")
    return re.sub(r"\s{2,}", " ", text).strip()


def repair_pdf_hyphens(text: str) -> str:
    """``readi¬ ness`` -> ``readiness`` (a PDF converter's hyphen at a line break)."""
    return _PDF_HYPHEN.sub("", text) if "¬" in text else text

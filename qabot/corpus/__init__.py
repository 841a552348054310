"""The corpus: finding briefing files and reading each into a Document.

Briefings arrive as raw web captures (glued headers, captions, pull quotes, site
chrome, mojibake), saved HTML pages, PDFs, e-mails, or tidy Markdown / TOML-front-matter
files users write. Every cleaning step lives in this package, in code, so the next
dropped-in briefing gets the same care. One module a job:

- :mod:`.files` finding files, their display names and briefing ids, decoding bytes
- :mod:`.formats` each format to one raw form (lines + what the format knows)
- :mod:`.clean` character repairs (mojibake, quoted-printable, entities, hyphens)
- :mod:`.chrome` site chrome: per-line evidence, and lines repeated across briefings
- :mod:`.header` the header zone: title, date, byline, kicker
- :mod:`.dates` dates in the many forms pages print them
- :mod:`.paragraphs` body lines to blocks (wraps, headings, bullets, captions, link lists)
- :mod:`.document` the Document and its front matter
- :mod:`.reading` the steps in order: :func:`parse`, :func:`inspect`, :func:`line_keys`

Only :mod:`.files` is imported with the package (``qabot ask`` finds files but parses
nothing when its index is fresh); the parser loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .files import (
    MAX_BYTES,
    SUFFIXES,
    USER_DATA,
    CorpusError,
    FileSkipped,
    check_folder,
    decode,
    discover,
    display_name,
    doc_ids,
    escape_id,
    files,
)

if TYPE_CHECKING:
    from .clean import clean_text, repair_mojibake
    from .document import Document
    from .formats import Raw, read
    from .paragraphs import Block
    from .reading import Dropped, Inspection, inspect, line_keys, parse, repeated_counts

_LAZY = {
    "clean_text": "clean",
    "repair_mojibake": "clean",
    "Document": "document",
    "Raw": "formats",
    "read": "formats",
    "Block": "paragraphs",
    "Dropped": "reading",
    "Inspection": "reading",
    "inspect": "reading",
    "line_keys": "reading",
    "parse": "reading",
    "repeated_counts": "reading",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "MAX_BYTES",
    "SUFFIXES",
    "USER_DATA",
    "Block",
    "CorpusError",
    "Document",
    "Dropped",
    "FileSkipped",
    "Inspection",
    "Raw",
    "check_folder",
    "clean_text",
    "decode",
    "discover",
    "display_name",
    "doc_ids",
    "escape_id",
    "files",
    "inspect",
    "line_keys",
    "parse",
    "read",
    "repair_mojibake",
    "repeated_counts",
]

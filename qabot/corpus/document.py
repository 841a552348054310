"""What a briefing is once read: a Document, and the TOML front matter that overrides it.

A user who knows better than the parser writes ``+++`` TOML front matter (``title``,
``date``, ``author`` or ``authors``, ``site``/``source``, ``url``) at the top of a text or
Markdown file; whatever it says wins over everything found in the page.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any

from .clean import clean_field
from .files import FileSkipped
from .paragraphs import Block

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

__all__ = ["Block", "Document", "authors_text", "front_matter"]


@dataclass(frozen=True)
class Document:
    doc_id: str
    title: str
    date: str  # ISO yyyy-mm-dd or "undated"
    blocks: tuple[Block, ...]
    source: str = ""  # front matter's `source` (kept for older corpora; `site` is shown)
    url: str = ""
    authors: tuple[str, ...] = ()
    site: str = ""  # the publishing site, where the page or front matter names it
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def author(self) -> str:
        """The authors as one line: ``A``, ``A and B``, ``A, B and C``."""
        return authors_text(self.authors)


def authors_text(authors: tuple[str, ...] | list[str]) -> str:
    names = [a for a in authors if a]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """``(metadata, rest)`` of a text that may open with ``+++`` TOML front matter.

    Bad TOML (including TOML nested so deep that the parser recurses out) skips the
    file with a one-line reason; the corpus goes on.
    """
    stripped = text.lstrip("\n")
    if stripped.startswith("---\n"):
        return _yaml_front_matter(stripped, text)
    if not stripped.startswith("+++"):
        return {}, text
    head, sep, body = stripped[3:].partition("\n+++")
    if not sep:
        raise FileSkipped(f"{name}: front matter opened with +++ but never closed")
    try:
        meta = tomllib.loads(head)
    except tomllib.TOMLDecodeError as exc:
        raise FileSkipped(f"{name}: bad TOML front matter: {exc}") from None
    except RecursionError:
        raise FileSkipped(f"{name}: bad TOML front matter: nested too deep") from None
    return meta, body.partition("\n")[2]


_YAML_KEYS = ("title", "date", "author", "authors", "site", "source", "url", "tags", "categories", "layout")


def _yaml_front_matter(stripped: str, text: str) -> tuple[dict[str, Any], str]:
    """``---`` front matter as static-site generators write it (Jekyll, Hugo): simple
    ``key: value`` lines, values maybe quoted or ``[a, b]`` lists. Only read when it
    holds one of the usual keys; anything else stays text."""
    head, sep, body = stripped[4:].partition("\n---")
    if not sep or head.count("\n") > 60:
        return {}, text
    meta: dict[str, Any] = {}
    for line in head.split("\n"):
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or not key.replace("_", "").replace("-", "").isalnum():
            continue
        value = value.strip()
        if value.startswith("[") and value.endswith("]"):
            meta[key] = [v.strip().strip("\"'") for v in value[1:-1].split(",") if v.strip()]
        else:
            meta[key] = value.strip("\"'")
    if not any(k in meta for k in _YAML_KEYS):
        return {}, text
    return meta, body.partition("\n")[2]


def meta_text(meta: dict[str, Any], *keys: str) -> str:
    """The first of ``keys`` the front matter sets to a plain value, cleaned for display."""
    for key in keys:
        value = meta.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return clean_field(str(value))
    return ""


def meta_authors(meta: dict[str, Any]) -> tuple[str, ...] | None:
    """Front matter ``authors = [...]`` or ``author = "..."``; None when it sets neither."""
    value = meta.get("authors", meta.get("author"))
    if value is None:
        return None
    if isinstance(value, str):
        from .header import names

        value = names(value) or [value]
    if not isinstance(value, list):
        return None
    return tuple(a for a in (clean_field(str(v)) for v in value if isinstance(v, (str, int))) if a)

"""Reading one file into a Document, and the record of how it was read.

The steps, each in its own module: the format's raw form (:mod:`formats`), chrome per
line and across the corpus (:mod:`chrome`), the header zone (:mod:`header`), body lines
to blocks (:mod:`paragraphs`), then pull quotes and author bios out and front matter
over everything (:mod:`document`). :func:`parse` returns the Document; :func:`inspect`
runs the same reading and keeps every decision (where the title came from, why each
dropped line went) for ``qabot inspect``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..analysis import fold
from ..lazyre import lazy
from . import chrome, dates
from .document import Document, authors_text, meta_authors, meta_text
from .formats import Raw, from_text
from .header import Header, Hint
from .header import read as read_header
from .paragraphs import Block, Body, Builder, Piece, is_timestamp, strip_timestamp, wrap_width

#: A line held by this many briefings (this one included) is a site's chrome.
REPEATED_IN = 2
#: Past this share of a file's words in repeated lines, the file is a near-copy of
#: another briefing, not a page of chrome: repetition is not used for it.
NEAR_COPY_SHARE = 0.5
_ISO_NAME = lazy(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)")
_BIO = lazy(
    r"^(?P<name>(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+),?\s+(?:is|was|has\s+been|serves|served|works|leads|heads|directs|teaches|writes)\b"
)


@dataclass(frozen=True)
class Dropped:
    """A source line left out of the passages, and why."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Inspection:
    """How one file was read: every field with its origin, the blocks with their source
    lines, and every dropped line with its reason. ``qabot inspect`` renders it."""

    document: Document
    fmt: str
    title_from: str
    date_from: str
    authors_from: str
    site_from: str
    blocks: tuple[tuple[Block, tuple[int, ...]], ...]
    dropped: tuple[Dropped, ...]
    notes: tuple[str, ...]


@dataclass
class _Trace:
    title_from: str = ""
    date_from: str = ""
    authors_from: str = ""
    site_from: str = ""
    dropped: list[Dropped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)


def _as_raw(source: str | Raw, doc_id: str, suffix: str) -> Raw:
    return source if isinstance(source, Raw) else from_text(source, doc_id, suffix)


def line_keys(source: str | Raw, suffix: str = ".txt") -> frozenset[int]:
    """The keys (:func:`chrome.line_key`) of a file's distinct lines: what the index counts
    across briefings to learn each site's chrome."""
    raw = _as_raw(source, "", suffix)
    keys = (chrome.line_key(b.text) for b in raw.lines if b.text)
    return frozenset(k for k in keys if k is not None)


def repeated_counts(per_file: Iterable[frozenset[int]]) -> dict[int, int]:
    """Key -> number of files holding it, for the keys held by :data:`REPEATED_IN` or more."""
    counts: dict[int, int] = {}
    for keys in per_file:
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    return {k: c for k, c in counts.items() if c >= REPEATED_IN}


def parse(
    source: str | Raw, doc_id: str, suffix: str = ".txt", *, repeated: Mapping[int, int] | None = None
) -> Document:
    """Parse one briefing: raw text (or Markdown, or HTML, with optional ``+++`` TOML front
    matter), or a :class:`Raw` from :func:`formats.read`.

    ``repeated`` maps line keys to the number of briefings holding them (the index's
    corpus-wide count); such lines are chrome.
    """
    doc, _ = _read(_as_raw(source, doc_id, suffix), doc_id, repeated or {})
    return doc


def inspect(
    source: str | Raw, doc_id: str, suffix: str = ".txt", *, repeated: Mapping[int, int] | None = None
) -> Inspection:
    """Parse like :func:`parse` and keep the record of every decision."""
    raw = _as_raw(source, doc_id, suffix)
    doc, trace = _read(raw, doc_id, repeated or {})
    return Inspection(
        document=doc,
        fmt=raw.fmt,
        title_from=trace.title_from,
        date_from=trace.date_from,
        authors_from=trace.authors_from,
        site_from=trace.site_from,
        blocks=tuple((p.block(), tuple(p.lines)) for p in trace.pieces),
        dropped=tuple(sorted(trace.dropped, key=lambda d: d.line)),
        notes=tuple(trace.notes),
    )


def _chrome_reasons(raw: Raw, repeated: Mapping[int, int], trace: _Trace) -> dict[int, str]:
    """Index -> reason for every line that is chrome by itself or by repetition."""
    seed = chrome.seed()
    texts = [b.text for b in raw.lines]
    reasons: dict[int, str] = {}
    use_repeats = bool(repeated)
    if use_repeats:
        total = sum(len(t.split()) for t in texts if t)
        rep = sum(len(t.split()) for t in texts if t and repeated.get(chrome.line_key(t) or -1, 0))
        if total and rep > NEAR_COPY_SHARE * total:
            use_repeats = False
            trace.notes.append(
                f"{rep * 100 // total}% of its words are in lines other briefings hold: "
                "read as a near-copy, lines repeated across briefings kept"
            )
    for i, t in enumerate(texts):
        if not t:
            continue
        if chrome.normal(t) in seed.lines or any(d.match(t) for d in seed.drops):
            reasons[i] = "site boilerplate (seed list)"
            continue
        why = chrome.line_reason(t)
        if why:
            reasons[i] = why
            continue
        if use_repeats:
            n = repeated.get(chrome.line_key(t) or -1, 0)
            if n >= REPEATED_IN:
                reasons[i] = f"repeated in {n} briefings"
    return reasons


def _footer_start(raw: Raw, reasons: dict[int, str], body_from: int) -> int | None:
    """Where the page's footer starts: a copyright line (or a seed footer pattern) after
    the article began, with no more than a little prose after it."""
    seed = chrome.seed()
    texts = [b.text for b in raw.lines]
    for i in range(body_from, len(texts)):
        t = texts[i]
        if not t:
            continue
        if any(f.search(t) for f in seed.footers) or (chrome.is_copyright(t) and _little_after(texts, i)):
            return i
    return None


def _little_after(texts: list[str], i: int) -> bool:
    """Whether fewer than 80 words of non-chrome text follow line ``i``."""
    words = 0
    for t in texts[i + 1 :]:
        if t and not chrome.line_reason(t):
            words += len(t.split())
    return words < 80


def _read(raw: Raw, doc_id: str, repeated: Mapping[int, int]) -> tuple[Document, _Trace]:
    trace = _Trace(notes=list(raw.notes))
    lines = list(raw.lines)
    texts = [b.text for b in lines]
    reasons = _chrome_reasons(raw, repeated, trace)
    hints = dict(raw.hints)
    strong = {k: v for k, v in hints.items() if k not in raw.weak}
    headings = frozenset(
        i for i, b in enumerate(lines) if b.kind == "heading" and (b.level <= 1 or raw.fmt == "html")
    )
    not_titles = frozenset(i for i, b in enumerate(lines) if b.kind == "heading" and i not in headings)
    head = read_header(texts, reasons, hints, headings)
    if raw.fmt == "markdown":
        head = _markdown_title(head, lines)
    if "title" in strong and head.title and not _agrees(head.title, strong["title"].value):
        if not (head.title_from.startswith("line") and int(head.title_from[5:]) - 1 in headings):
            head.roles = {i: r for i, r in head.roles.items() if r[0] != "title"}
            head.title, head.title_from = strong["title"].value, strong["title"].origin
    for i in not_titles:
        if head.roles.get(i, ("", ""))[0] == "title":
            del head.roles[i]
            head.title, head.title_from = "", ""
    if not head.title and "title" in strong:
        head.title, head.title_from = strong["title"].value, strong["title"].origin

    body_from = max((i for i in head.roles), default=-1) + 1
    first_prose = next((i for i, t in enumerate(texts) if t and i not in reasons and i not in head.roles), 0)
    footer = _footer_start(raw, reasons, max(body_from, first_prose))
    for i, (role, why) in sorted(head.roles.items()):
        trace.dropped.append(Dropped(lines[i].no, texts[i], f"{role}" if role == why else f"{role}: {why}"))

    builder = Builder(
        wrap_width([t for i, t in enumerate(texts) if t and i not in reasons]) if raw.wraps else None
    )
    if builder.width:
        trace.notes.append(f"hard-wrapped at about {builder.width} columns: wrapped lines joined")
    group: list[Body] = []
    end = footer if footer is not None else len(lines)
    for i in range(end):
        b = lines[i]
        if i in reasons and chrome.is_credit(b.text) and i not in head.roles:
            group.append(b)  # a photo credit: the builder makes the paragraph above a caption
            continue
        if not b.text or i in head.roles or i in reasons:
            if i in reasons and i not in head.roles:
                trace.dropped.append(Dropped(b.no, b.text, f"chrome: {reasons[i]}"))
            if group:
                builder.add_group(group)
                group = []
            continue
        text = b.text
        if is_timestamp(text) and b.kind in ("", "paragraph"):
            text = strip_timestamp(text)
            if not text:
                trace.dropped.append(Dropped(b.no, b.text, "podcast timestamp"))
                continue
            b = Body(text, b.no, b.indent, b.kind, b.level)
        group.append(b)
    if group:
        builder.add_group(group)
    if footer is not None:
        for b in lines[footer:]:
            if b.text:
                trace.dropped.append(Dropped(b.no, b.text, f"footer (from line {lines[footer].no})"))
    for no, text, why in builder.dropped:
        trace.dropped.append(Dropped(no, text, why))
    pieces = builder.finish()
    pieces = _drop_bios(pieces, head, trace)
    # A heading with nothing after it is page furniture (raw) or an empty section: no section.
    while pieces and pieces[-1].kind == "heading":
        p = pieces.pop()
        trace.dropped.append(Dropped(p.lines[0], p.text, "heading with no text under it"))
    pieces = _drop_repeats(pieces, trace)
    trace.pieces = pieces
    return _document(raw, doc_id, head, hints, pieces, trace), trace


def _markdown_title(head: Header, lines: list[Body]) -> Header:
    """Markdown's title is its first ``#`` heading when nothing but the header precedes it;
    any other line the header scorer picked stays in the body."""
    role = [i for i, (r, _) in head.roles.items() if r == "title"]
    if role and lines[role[0]].kind == "heading" and lines[role[0]].level == 1:
        return head
    for i in role:
        del head.roles[i]
    head.title, head.title_from = "", ""
    first = next((i for i, b in enumerate(lines) if b.text and i not in head.roles), None)
    if first is not None and lines[first].kind == "heading" and lines[first].level == 1:
        head.roles[first] = ("title", "title")
        head.title, head.title_from = lines[first].text, f"line {lines[first].no} (# heading)"
    return head


def _agrees(a: str, b: str) -> bool:
    x = re.sub(r"\W+", " ", fold(a).casefold()).strip()
    y = re.sub(r"\W+", " ", fold(b).casefold()).strip()
    return bool(x and y) and (x == y or x in y or y in x)


def _drop_bios(pieces: list[Piece], head: Header, trace: _Trace) -> list[Piece]:
    """An author's bio ("George Friedman is the founder of ...") is metadata, not article."""
    if not head.authors:
        return pieces
    surnames = {a.split()[-1].casefold() for a in head.authors if a.split()}
    keep = []
    for n, p in enumerate(pieces):
        m = _BIO.match(p.text) if p.kind == "paragraph" and len(p.text.split()) <= 90 else None
        edge = n <= 1 or n >= len(pieces) - 2
        if m and edge and m.group("name").split()[-1].casefold() in surnames:
            trace.dropped.append(Dropped(p.lines[0], p.text, "author bio"))
            continue
        keep.append(p)
    return keep


def _document(
    raw: Raw, doc_id: str, head: Header, hints: dict[str, Hint], pieces: list[Piece], trace: _Trace
) -> Document:
    meta = raw.front
    warnings = list(raw.warnings)
    title, trace.title_from = head.title, head.title_from
    if meta_text(meta, "title"):
        title, trace.title_from = meta_text(meta, "title"), "front matter"
    title = re.sub(r"[ ]{2,}", " ", title).strip()
    when, trace.date_from = head.date, head.date_from
    fm_date = dates.iso_of(meta.get("date"))
    if fm_date:
        when, trace.date_from = fm_date, "front matter"
    if not when:
        m = _ISO_NAME.search(doc_id)
        if m:
            iso = dates.iso_of(m.group())
            if iso:
                when, trace.date_from = iso, "file name"
    authors = tuple(head.authors)
    trace.authors_from = head.authors_from
    fm_authors = meta_authors(meta)
    if fm_authors is not None:
        authors, trace.authors_from = fm_authors, "front matter"
    site = meta_text(meta, "site", "source")
    trace.site_from = "front matter" if site else ""
    if not site and "site" in hints:
        site, trace.site_from = hints["site"].value, hints["site"].origin
    if not title:
        title, trace.title_from = doc_id, "file name"
        warnings.append(f"{doc_id}: no title found; using the file name")
    if not when:
        when = "undated"
        warnings.append(f"{doc_id}: no date found; marked undated")
    return Document(
        doc_id=doc_id,
        title=title,
        date=when,
        blocks=tuple(p.block() for p in pieces),
        source=meta_text(meta, "source"),
        url=meta_text(meta, "url") or (hints["url"].value if "url" in hints else ""),
        authors=tuple(chrome_free(a) for a in authors if chrome_free(a)),
        site=site,
        warnings=tuple(warnings),
    )


def chrome_free(name: str) -> str:
    return re.sub(r"\s{2,}", " ", name).strip(" ,;")


# ---------------------------------------------------------------- repeats (pull quotes)


def _norm_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text).lower())


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _drop_repeats(pieces: list[Piece], trace: _Trace) -> list[Piece]:
    """Drop blocks whose words another, longer block already holds (pull quotes, repeats).

    A block goes when 80% of its word 3-grams occur in one longer block, or when it
    repeats an earlier block word for word. Headings always stay.
    """
    words = [_norm_words(p.text) for p in pieces]
    grams = [_shingles(w) for w in words]
    # Only blocks sharing a 3-gram can repeat each other: an inverted index of grams
    # keeps this near-linear, so a huge file does not take quadratic time.
    holders: dict[tuple[str, ...], list[int]] = {}
    for j, p in enumerate(pieces):
        if p.kind != "heading":
            for g in grams[j]:
                holders.setdefault(g, []).append(j)
    keep: list[Piece] = []
    for i, p in enumerate(pieces):
        if p.kind == "heading" or not grams[i]:
            keep.append(p)
            continue
        shared: dict[int, int] = {}
        for g in grams[i]:
            for j in holders[g]:
                shared[j] = shared.get(j, 0) + 1
        repeated = False
        for j in sorted(shared):
            if j == i:
                continue
            longer = len(words[j]) > len(words[i])
            same_earlier = words[j] == words[i] and j < i
            if (longer or same_earlier) and shared[j] >= 0.8 * len(grams[i]):
                repeated = True
                break
        if repeated:
            trace.dropped.append(Dropped(p.lines[0], p.text, "repeats another paragraph (pull quote)"))
        else:
            keep.append(p)
    return keep


__all__ = [
    "Dropped",
    "Inspection",
    "authors_text",
    "inspect",
    "line_keys",
    "parse",
    "repeated_counts",
]

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
from .header import Header, Hint, name_line
from .header import read as read_header
from .paragraphs import Block, Body, Builder, Piece, is_heading, is_timestamp, strip_timestamp, wrap_width

#: Bumped when parsing changes what a file gives, so indexes built before are rebuilt.
PARSER_VERSION = 1
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
        if raw.lines[i].kind == "row":
            continue  # a table row: data, whatever its shape
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
    # A section heading every briefing of a site uses ("The Big Picture") is repeated but
    # not chrome: a heading-like line with a paragraph of text right under it stays.
    for i, why in list(reasons.items()):
        if not why.startswith("repeated"):
            continue
        b = raw.lines[i]
        if not (b.kind == "heading" or (not b.kind and is_heading(b.text))):
            continue
        nxt = next((j for j in range(i + 1, len(texts)) if texts[j]), None)
        text_under = nxt is not None and nxt not in reasons
        if text_under and nxt is not None and (len(texts[nxt].split()) >= 12 or _sentence(texts[nxt])):
            del reasons[i]
    return reasons


def _footer_start(items: list[Piece], reasons: dict[int, str], body_from: int) -> int | None:
    """Where the page's footer starts: a copyright line (or a seed footer pattern) after
    the article began, with little text after it."""
    seed = chrome.seed()
    for i in range(body_from, len(items)):
        t = items[i].text
        if any(f.search(t) for f in seed.footers) or (
            chrome.is_copyright(t) and _little_after(items, reasons, i)
        ):
            return i
    return None


def _little_after(items: list[Piece], reasons: dict[int, str], i: int) -> bool:
    """Whether fewer than 80 words of non-chrome text follow item ``i``."""
    words = sum(len(p.text.split()) for j, p in enumerate(items[i + 1 :], start=i + 1) if j not in reasons)
    return words < 80


def _items(
    raw: Raw, reasons: dict[int, str], builder: Builder, trace: _Trace
) -> tuple[list[Piece], dict[int, str]]:
    """The file as a sequence of items: blocks built from runs of content lines, and
    chrome lines one item each. Returns the items and which of them are chrome."""
    items: list[Piece] = []
    item_reasons: dict[int, str] = {}
    group: list[Body] = []

    def flush() -> None:
        if group:
            items.extend(builder.add_group(group))
            group.clear()

    for i, b in enumerate(raw.lines):
        if i in reasons and chrome.is_credit(b.text):
            group.append(b)  # a photo credit: the builder makes the paragraph above a caption
            continue
        if i in reasons:
            flush()
            item_reasons[len(items)] = reasons[i]
            items.append(Piece("chrome", b.text, [b.no], last=b.text))
            continue
        if not b.text:
            flush()
            continue
        text = b.text
        if is_timestamp(text) and b.kind in ("", "paragraph"):
            text = strip_timestamp(text)
            if not text:
                trace.dropped.append(Dropped(b.no, b.text, "podcast timestamp"))
                continue
            b = Body(text, b.no, b.indent, b.kind, b.level)
        group.append(b)
    flush()
    return items, item_reasons


def _read(raw: Raw, doc_id: str, repeated: Mapping[int, int]) -> tuple[Document, _Trace]:
    trace = _Trace(notes=list(raw.notes))
    lines = list(raw.lines)
    reasons = _chrome_reasons(raw, repeated, trace)
    hints = dict(raw.hints)
    strong = {k: v for k, v in hints.items() if k not in raw.weak}
    content = [b.text for i, b in enumerate(lines) if b.text and i not in reasons and not b.kind]
    builder = Builder(wrap_width(content) if raw.wraps else None)
    if builder.width:
        trace.notes.append(f"hard-wrapped at about {builder.width} columns: wrapped lines joined")
    items, item_reasons = _items(raw, reasons, builder, trace)
    texts = [p.text for p in items]
    structured = raw.fmt in ("markdown", "html")
    top = {i for i, p in enumerate(items) if structured and p.kind == "heading" and p.level == 1}
    no_title = {
        i
        for i, p in enumerate(items)
        if p.kind in ("bullet", "caption") or (structured and p.kind == "heading" and i not in top)
    }
    if raw.fmt == "markdown":
        # Markdown says which line is the title: its first `#` heading, when no text comes
        # before it; without one the file has no title line (the file name stands in)
        first = next((i for i, p in enumerate(items) if i not in item_reasons), None)
        h1 = first if first is not None and first in top else None
        no_title = set(range(len(items))) - ({h1} if h1 is not None else set())
        top = {h1} if h1 is not None else set()

    def adjacent(a: int, b: int) -> bool:
        """Whether item ``b`` starts on the source line right after item ``a`` ends."""
        return not raw.lines or items[b].lines[0] == items[a].lines[-1] + 1

    head = read_header(
        texts, item_reasons, hints, headings=frozenset(top), no_title=frozenset(no_title), adjacent=adjacent
    )
    if head.title_from.startswith("item"):
        head.title_from = f"line {items[int(head.title_from[5:])].lines[0]}"
    for attr in ("date_from", "authors_from"):
        value = getattr(head, attr)
        if value.startswith("item"):
            n, _, rest = value[5:].partition(" ")
            setattr(head, attr, f"line {items[int(n)].lines[0]}" + (f" {rest}" if rest else ""))
    title_item = next((i for i, (r, w) in head.roles.items() if r == "title" and w == "title"), None)
    if (
        "title" in strong
        and head.title
        and not _agrees(head.title, strong["title"].value)
        and title_item not in top
    ):
        head.roles = {i: r for i, r in head.roles.items() if r[0] != "title"}
        head.title, head.title_from = strong["title"].value, strong["title"].origin
    if not head.title and "title" in strong:
        head.title, head.title_from = strong["title"].value, strong["title"].origin

    body_from = max(head.roles, default=-1) + 1
    footer = _footer_start(items, item_reasons, body_from)
    end = footer if footer is not None else len(items)
    for i, (role, why) in sorted(head.roles.items()):
        p = items[i]
        trace.dropped.append(Dropped(p.lines[0], p.text, role if role == why else f"{role}: {why}"))
    for i, why in item_reasons.items():
        if i < end and i not in head.roles:
            trace.dropped.append(Dropped(items[i].lines[0], items[i].text, f"chrome: {why}"))
    if footer is not None:
        for p in items[footer:]:
            for no in p.lines[:1]:
                trace.dropped.append(Dropped(no, p.text, f"footer (from line {items[footer].lines[0]})"))
    body = [(i, p) for i, p in enumerate(items[:end]) if i not in head.roles]
    header_texts = {chrome.normal(items[i].text) for i in head.roles}
    body = _drop_outside(body, item_reasons, trace, header_texts)
    if not head.authors:
        signed = _signature(trace)
        if signed:
            head.authors, head.authors_from = signed
    pieces = [p for i, p in body if i not in item_reasons]
    for no, text, why in builder.dropped:
        trace.dropped.append(Dropped(no, text, why))
    builder.dropped.clear()
    pieces = builder.finish(pieces)
    for no, text, why in builder.dropped:
        trace.dropped.append(Dropped(no, text, why))
    pieces = _drop_bios(pieces, head, trace)
    # A heading with nothing after it is page furniture (raw) or an empty section: no section.
    while pieces and pieces[-1].kind == "heading":
        p = pieces.pop()
        trace.dropped.append(Dropped(p.lines[0], p.text, "heading with no text under it"))
    pieces = _drop_repeats(pieces, trace)
    trace.pieces = pieces
    return _document(raw, doc_id, head, hints, pieces, trace), trace


_ENDNOTE = lazy(r"^\[\d{1,3}\]\s+\S")


def _signature(trace: _Trace) -> tuple[list[str], str] | None:
    """The author of a letter or mail-archive page signed below the text: a name line among
    the short lines after the article, with a role or contact line right under it."""
    tail = [d for d in trace.dropped if d.reason == "short line after the article"]
    for k, d in enumerate(tail):
        who = name_line(d.text)
        if who and k + 1 < len(tail) and tail[k + 1].line <= d.line + 2:
            return who, f"line {d.line} (signature)"
    return None


def _drop_outside(
    body: list[tuple[int, Piece]], chrome_at: dict[int, str], trace: _Trace, header_texts: set[str]
) -> list[tuple[int, Piece]]:
    """Text after the article's end that is not the article: endnotes ("[1] Ministry of
    Finance statement"), short lines after the last real paragraph, a short paragraph
    between chrome lines (a paywall pitch, a forum reply below the post)."""
    long_at = [k for k, (i, p) in enumerate(body) if i not in chrome_at and len(p.text.split()) >= 40]
    if not long_at:
        return body
    last = long_at[-1]
    keep = body[: last + 1]
    tail = body[last + 1 :]

    def quoted(p: Piece) -> bool:
        return chrome.normal(p.text) in header_texts

    hard = [i in chrome_at or _ENDNOTE.match(p.text) is not None or quoted(p) for i, p in tail]

    def heads_text(k: int) -> bool:
        """A short line with a sentence of text right under it: a heading, not furniture."""
        return k + 1 < len(tail) and not hard[k + 1] and _sentence(tail[k + 1][1].text)

    short = [not hard[k] and _short_line(p) and not heads_text(k) for k, (_, p) in enumerate(tail)]
    junk = [h or s for h, s in zip(hard, short, strict=True)]
    for k, (i, p) in enumerate(tail):
        if i in chrome_at:
            keep.append((i, p))
            continue
        n = len(p.text.split())
        before = junk[k - 1] if k > 0 else False
        after = junk[k + 1] if k + 1 < len(tail) else True
        real = (k > 0 and hard[k - 1]) or (k + 1 < len(tail) and hard[k + 1])
        why = ""
        if _ENDNOTE.match(p.text):
            why = "endnote"
        elif quoted(p):
            why = "repeats a header line (a quote of the post)"
        elif short[k]:
            why = "short line after the article"
        elif n <= 40 and before and after and real and p.kind != "heading":
            why = "short text between chrome lines after the article"
        if why:
            trace.dropped.append(Dropped(p.lines[0], p.text, why))
            continue
        keep.append((i, p))
    return keep


def _short_line(p: Piece) -> bool:
    return len(p.text.split()) < 8 and not _sentence(p.text)


def _sentence(text: str) -> bool:
    return bool(re.search(r"[.!?…][\"'”’)\]]*$", text))


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

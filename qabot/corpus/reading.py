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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any

from ..analysis import fold
from ..lazyre import lazy
from . import chrome, dates
from .chrome import nwords
from .document import Document, authors_text, meta_authors, meta_text
from .files import PARSER_VERSION as PARSER_VERSION
from .formats import Raw, from_text
from .header import ACCOUNTS, CONTENTS_LIST, Header, Hint, name_bonus, name_line, name_words, subject_title
from .header import byline as header_byline
from .header import read as read_header
from .paragraphs import (
    BULLET,
    Block,
    Body,
    Builder,
    Piece,
    alt_texts,
    file_words,
    is_heading,
    is_link_label,
    is_speaker_label,
    is_timestamp,
    speaker_labels,
    strip_timestamp,
    wrap_width,
)

#: A line held by this many briefings (this one included) is a site's chrome.
REPEATED_IN = 2
#: Past this share of a file's words in repeated lines, the file is a near-copy of
#: another briefing, not a page of chrome: repetition is not used for it.
NEAR_COPY_SHARE = 0.5
_ISO_NAME = lazy(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)")
_BIO = lazy(
    r"^(?:[—–-]\s*|(?i:about\s+the\s+authors?)\s*[:—–-]\s*)?(?P<name>(?:[A-Z][\w'’.-]+\s+(?:(?:de|da|das|do|dos|del|della|di|du|van|von|der|den|ter|la|le|al|el|bin|ibn)\s+)?){0,3}"
    r"[A-Z][\w'’-]+)"
    # "(Ret.)" after the name, or a rank's service between commas (", Royal Navy (Ret.),")
    r"(?:\s*\([^()]{1,40}\))?(?:,\s+[A-Z][^,]{1,60},)?,?\s+(?:is|was|has\s+been|serves|served|works|worked|leads|"
    r"heads|directs|teaches|taught|writes|wrote|covers|covered|reports|reported|joined|holds|specializes|"
    r"specialises|focuses|researches|edits|hosts|previously|formerly|spent|lives|retired)\b"
)
_BIO_LABEL = lazy(r"^(?:about|meet)\s+the\s+(?:authors?|writers?|contributors?|editors?)\s*:?$", re.I)
_BIO_ROLE = lazy(
    r"\b(?:fellow|professor|correspondent|editor|director|analyst|journalist|researcher|writer|reporter|lecturer|"
    r"author|founder|officer|scholar|economist|columnist|contributor|adviser|advisor|retired|former|served|"
    r"covers|reports\s+on|writes\s+(?:about|on)|advises|advised|consultant|scientist|engineer|lawyer|"
    r"historian|diplomat|activist|[a-z]+ologist)\b",
    re.I,
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
    #: source lines whose closing "Continue reading →" was taken off (an excerpt's end)
    teased: set[int] = field(default_factory=set)
    #: names a note on the page calls a publication ("Saltpan Notes is written by …"): no author
    publications: set[str] = field(default_factory=set)


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


def _chrome_reasons(raw: Raw, repeated: Mapping[int, int], trace: _Trace, doc_id: str = "") -> dict[int, str]:
    """Index -> reason for every line that is chrome by itself or by repetition."""
    seed = chrome.seed()
    texts = [b.text for b in raw.lines]
    reasons: dict[int, str] = {}
    use_repeats = bool(repeated)
    normals = [chrome.normal(t) if t else "" for t in texts]
    keys = [chrome.key_of_normal(n) if n and use_repeats else None for n in normals]
    if use_repeats:
        total = sum(nwords(t) for t in texts if t)
        rep = sum(nwords(t) for t, k in zip(texts, keys, strict=True) if t and repeated.get(k or -1, 0))
        if total and rep > NEAR_COPY_SHARE * total:
            use_repeats = False
            trace.notes.append(
                f"{rep * 100 // total}% of its words are in lines other briefings hold: "
                "read as a near-copy, lines repeated across briefings kept"
            )
    # a transcript's speaker labels recur on the show's every page: they are its structure
    labels = speaker_labels(texts) if use_repeats else frozenset()
    for i, t in enumerate(texts):
        if not t:
            continue
        if raw.lines[i].kind == "row":
            continue  # a table row: data, whatever its shape
        if is_timestamp(t) and not strip_timestamp(t).strip():
            continue  # a transcript's timestamp: it separates two turns (see _items)
        if normals[i] in seed.lines or any(d.match(t) for d in seed.drops):
            reasons[i] = "site boilerplate (seed list)"
            continue
        why = chrome.line_reason(t)
        if why:
            reasons[i] = why
            continue
        if use_repeats and t not in labels:
            n = repeated.get(keys[i] or -1, 0)
            if n >= REPEATED_IN:
                reasons[i] = f"repeated in {n} briefings"
    reasons.update(_nav_repeats(texts, reasons))
    reasons.update(_headline_boxes(texts, reasons))
    for i in _pipe_table(texts):
        if reasons.get(i) == "navigation row":
            del reasons[i]  # a table's row printed with pipes: data, like a row of a table
    for i, why in list(reasons.items()):
        # "Edited by Jane Roe. Three stories from the region this" / "week, …": a credit's
        # words opening a paragraph whose sentence runs on to the next line are its text
        below = texts[i + 1] if i + 1 < len(texts) else ""
        runs_on = raw.wraps and below[:1].islower() and i + 1 not in reasons
        sentences = re.search(r"[.!?]\s+[A-Z]", texts[i]) and not re.search(r"[.!?:)]$", texts[i])
        if why == "credit line" and runs_on and sentences:
            del reasons[i]
            continue
        # "… left the president no legal room to" / "continue.": a wrapped sentence's last
        # word in lower case, not a button, when the line above stops mid-sentence
        above = texts[i - 1] if i > 0 else ""
        if (
            why in ("link-like", "interface words")
            and raw.wraps
            and re.fullmatch(r"[a-z][\w'’ -]*[.!?,;:]?", texts[i]) is not None
            and nwords(texts[i]) <= 3
            and above
            and i - 1 not in reasons
            and nwords(above) >= 6
            and re.search(r"[^\W\d_,]$", above)
        ):
            del reasons[i]
            continue
        # "… the corridor the G20 announced in" / "2023.": a wrapped sentence's last word a
        # number, its full stop after it (a page number has none)
        if (
            why.startswith("no words")
            and raw.wraps
            and re.fullmatch(r"\d[\d,.%]*[.!?;:]", texts[i].strip()) is not None
            and above
            and i - 1 not in reasons
            and nwords(above) >= 6
            and re.search(r"[^\W\d_]$", above)
        ):
            del reasons[i]
    for i in _year_heads(texts, reasons):
        del reasons[i]
    reasons.update(_time_lists(texts, reasons))
    reasons.update(_embedded_posts(texts, reasons))
    reasons.update(_labels_over_links(texts, reasons))
    reasons.update(_page_furniture(texts, reasons))
    reasons.update(_teaser_boxes(texts, reasons, name_words(doc_id)))
    reasons.update(_menus(raw, reasons))
    reasons.update(_header_table(texts, reasons))
    # A section heading every briefing of a site uses ("The Big Picture") is repeated but
    # not chrome: a heading-like line with a paragraph of text right under it stays.
    for i, why in list(reasons.items()):
        if not why.startswith("repeated"):
            continue
        b = raw.lines[i]
        if not (b.kind == "heading" or (not b.kind and is_heading(b.text))):
            continue
        if _text_under(texts, reasons, i, labels):
            del reasons[i]
    # A headline that the site's other pages link to ("Related Links") is repeated, but on its
    # own page it stands above the article's byline: above the text, right over a "By …" line,
    # it is the page's title, not chrome.
    text_at = next((i for i, t in enumerate(texts) if nwords(t) >= 30), len(texts))
    # a byline above the text is repeated when one writer signs several of the site's pages:
    # it is still this page's byline
    for i, why in list(reasons.items()):
        if i < text_at and why.startswith("repeated") and header_byline(texts[i]):
            del reasons[i]
    for i, why in list(reasons.items()):
        if i >= text_at or not why.startswith("repeated"):
            continue
        nxt = next((j for j in range(i + 1, len(texts)) if texts[j]), None)
        if nxt is not None and nxt < text_at and header_byline(texts[nxt]):
            del reasons[i]
    return reasons


_YEAR = lazy(r"(?:1[89]|20)\d\d")


def _year_heads(texts: list[str], reasons: dict[int, str]) -> list[int]:
    """A timeline's sections headed by their year (``2020`` alone, then its events): two or
    more lines that are only a year, each between blank lines with text under it, the
    years rising. Not "a number" to drop: the events below need their year."""
    found = [
        i
        for i, t in enumerate(texts)
        if reasons.get(i, "").startswith("no words")
        and _YEAR.fullmatch(t.strip())
        and (i == 0 or not texts[i - 1])
        and i + 2 < len(texts)
        and not texts[i + 1]
        and nwords(texts[i + 2]) >= 6
    ]
    years = [int(texts[i]) for i in found]
    if len(found) < 2 or any(a >= b for a, b in pairwise(years)):
        return []
    return found


def _nav_repeats(texts: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """A line that is two or more neighbouring items of a navigation row elsewhere on the
    page (``Gift this article   Save`` over the text, ``Share | Gift this article | Save``
    under it): the same bar printed again, shorter, its separators lost in the copy (over
    a line that is chrome only by repeating on the site's other pages, too)."""
    runs: set[str] = set()
    for i, why in reasons.items():
        if why == "navigation row":
            items = chrome.nav_items(texts[i])
            for a in range(len(items)):
                for b in range(a + 2, len(items) + 1):
                    runs.add(" ".join(items[a:b]).casefold())
    if not runs:
        return {}
    return {
        i: "items of the page's navigation row, printed again"
        for i, t in enumerate(texts)
        if t
        and reasons.get(i, "repeated").startswith("repeated")
        and nwords(t) <= 12
        and t.casefold() in runs
    }


def _headline_boxes(texts: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """A box of links to other stories between the article's paragraphs, in any language
    (``İlgili Haberler`` over two headlines): a short label alone over two or more lines in
    a row, each a headline's shape (four to fourteen words, no sentence's end, none a name
    line), after the text has begun and with a paragraph of text right below the box. A
    section's heading has sentences under it."""
    out: dict[int, str] = {}
    for i, t in enumerate(texts):
        if not t or i in reasons or nwords(t) > 3 or re.search(r"[.!?:,;]$", t) or not t[:1].isupper():
            continue
        if i == 0 or texts[i - 1]:
            continue  # the label opens its block
        run = []
        j = i + 1
        while j < len(texts) and texts[j] and j not in reasons:
            run.append(j)
            j += 1
        if len(run) < 2 or not all(
            4 <= nwords(texts[k]) <= 14 and not re.search(r"[.!?]$", texts[k]) and texts[k][:1].isupper()
            for k in run
        ):
            continue
        below = next((k for k in range(j, len(texts)) if texts[k] and k not in reasons), None)
        if below is None or nwords(texts[below]) < 30 or not any(nwords(texts[k]) >= 30 for k in range(i)):
            continue
        out[i] = "the label of a box of other stories' headlines"
        for k in run:
            out[k] = "a headline in a box of other stories"
    return out


def _pipe_table(texts: list[str]) -> list[int]:
    """Lines of a table a copied page prints with pipes (``Segment | Length | Status``): three
    or more lines in a row, no blank between, each with the same number of cells, and a
    figure in some cell. A menu row (``Home | World | Sport``) stands alone, or over a second
    row of another length; a table's rows repeat one shape, and tables hold figures."""
    out: list[int] = []
    run: list[int] = []
    width = 0
    for i, t in enumerate([*texts, ""]):
        cells = len(t.strip().strip("|").split("|")) if "|" in t else 0
        if cells >= 2 and (not run or cells == width):
            run.append(i)
            width = cells
            continue
        if len(run) >= 3 and any(re.search(r"\d", texts[j]) for j in run):
            out.extend(run)
        run, width = ([i], cells) if cells >= 2 else ([], 0)
    return out


_FIELD = lazy(
    r"^(?:from|to|cc|subject|date|sent|email-id|message-id|released|reply-to|attachments?|in-reply-to|"
    r"list-(?:name|id)|sender|x-[\w-]+)\s+\S",
    re.I,
)


def _header_table(texts: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """A message's headers as an archive page prints them, field and value with no colon
    (``Subject Re: …``, ``From Jane Doe``, ``Email-ID 774120``): two or more in a row (a
    row already known as an address or a header by itself does not break the run)."""
    out: dict[int, str] = {}
    run: list[int] = []
    for i, t in enumerate([*texts, ""]):
        if t and _FIELD.match(t) and t[:1].isupper() and nwords(t) <= 25:
            run.append(i)
            continue
        if t and run and reasons.get(i) in ("e-mail address", "e-mail header"):
            continue
        if len(run) >= 2:
            out.update({k: "e-mail header" for k in run if k not in reasons})
        run = []
    return out


def _inner_headers(texts: list[str], reasons: dict[int, str]) -> dict[str, Hint]:
    """What the headers of a message quoted or forwarded in the text say (``Subject: …``,
    ``Date: …``): the forwarded piece's own subject and date, over the outer e-mail's.
    Of several header blocks above the text (a forward of a forward), the last, the one
    nearest the text, is the piece's own."""
    out: dict[str, Hint] = {}
    text_at = next((i for i, t in enumerate(texts) if nwords(t) >= 30), len(texts))
    heads = [i for i in sorted(reasons) if reasons[i] == "e-mail header" and i < text_at]
    blocks: list[list[int]] = []
    for i in heads:
        if blocks and all(not texts[k] for k in range(blocks[-1][-1] + 1, i)):
            blocks[-1].append(i)
        else:
            blocks.append([i])
    order = [i for block in reversed(blocks) for i in block]
    order += [i for i in sorted(reasons) if reasons[i] == "e-mail header" and i >= text_at]
    for i in order:
        m = re.match(r"^([\w-]+)\s*:\s*(.*)$", texts[i]) or re.match(r"^([\w-]+)\s+(.*)$", texts[i])
        if m is None:
            continue
        field_name, value = m.group(1).lower(), m.group(2).strip()
        if field_name == "subject" and value and "title" not in out:
            out["title"] = Hint(subject_title(value), f"line {i + 1} (Subject of the message in the text)")
        elif field_name in ("date", "sent") and "date" not in out:
            hit = dates.find(value)
            if hit is not None and hit.iso:
                out["date"] = Hint(hit.iso, f"line {i + 1} (Date of the message in the text)")
    return out


def _menus(raw: Raw, reasons: dict[int, str]) -> dict[int, str]:
    """A site's menu copied as one link a line: six or more lines in a row of one to three
    words each, none a sentence or a date (a list in the article has its bullets)."""
    out: dict[int, str] = {}
    run: list[int] = []

    def close() -> None:
        if len(run) >= 6:
            out.update({k: "menu (a run of short links)" for k in run if k not in reasons})
        run.clear()

    for i, b in enumerate(raw.lines):
        t = b.text
        if not t:
            close()
            continue
        short = nwords(t) <= 3 and not re.search(r"[.!?:;,]$", t) and not b.kind
        if (
            short
            and not dates.dateline(t)
            and not BULLET.match(t)
            and not is_speaker_label(t)
            and not header_byline(t)
        ):
            run.append(i)
        else:
            close()
    close()
    return out


def _teaser_boxes(texts: list[str], reasons: dict[int, str], named: frozenset[str]) -> dict[int, str]:
    """A box of links to other stories under its label ("Trending", "Most read", "Related
    stories"): the headlines, times and dates set right under the label, up to a blank
    line. The run is the page's own header instead when a byline ends it or the article's
    text follows it at once (a "Latest" kicker over the title)."""
    out: dict[int, str] = {}
    for i, t in enumerate(texts):
        if not t or not is_link_label(t):
            continue
        if i in reasons and not reasons[i].startswith(("link", "repeated")):
            continue
        run: list[int] = []
        j = i + 1
        while j < len(texts) and texts[j] and len(run) < 16:
            u = texts[j]
            if header_byline(u) or (_text_like(u) and not dates.dateline(u)) or name_bonus(u, named) > 0:
                break  # a byline, text, or the line the file is named after: the page's own
            run.append(j)
            j += 1
        ended = j >= len(texts) or not texts[j]
        if run and ended:
            out[i] = reasons.get(i) or "link list label"
            for k in run:
                if k not in reasons:
                    out[k] = f"teaser of another story (under {t!r})"
    return out


def _text_under(
    texts: list[str], reasons: dict[int, str], i: int, labels: frozenset[str] = frozenset()
) -> bool:
    """Whether a paragraph of text follows line ``i`` (its lines up to a blank line read
    together, a transcript's speaker label and timestamp passed over)."""

    def passed(t: str) -> bool:
        return is_speaker_label(t) or t in labels or (is_timestamp(t) and not strip_timestamp(t).strip())

    first = next((k for k in range(i + 1, len(texts)) if texts[k] and k not in reasons), None)
    transcript = bool(labels) or (first is not None and is_timestamp(texts[first]))

    def after(j: int) -> int | None:
        # in a transcript, a notice under its heading ("may differ from the audio") too
        return next(
            (k for k in range(j + 1, len(texts)) if texts[k] and not (transcript and k in reasons)), None
        )

    j = after(i)
    while j is not None and passed(texts[j]):
        j = after(j)
    if j is None or j in reasons:
        return False
    para: list[str] = []
    while j < len(texts) and texts[j] and j not in reasons and len(para) < 6:
        para.append(texts[j])
        j += 1
    return _text_like(" ".join(para))


# "01:02 From default to the ballot box", "21.40 Exit poll gives …": a clock time, then a
# short label (no speaker's colon: "00:01 Jane Roe: …" is a transcript's turn)
def _embedded_posts(texts: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """An embedded social post around its handle line (``@mursal_analyst``, ``— Name
    (@handle)``): the poster's name right above the handle and the post's time stamp
    (the first line after it that is a date and nothing else) are the post's frame, not
    text; the post's words stay."""
    out: dict[int, str] = {}
    for i, why in reasons.items():
        if why != "an embedded social post's name and handle":
            continue
        prev = next((j for j in range(i - 1, max(-1, i - 3), -1) if texts[j]), None)
        if prev is not None and prev not in reasons and _poster_name(texts[prev]):
            out[prev] = "an embedded social post's name (above its handle)"
        for j in range(i + 1, min(len(texts), i + 16)):
            if not texts[j] or j in reasons:
                continue
            stamp = dates.dateline(texts[j])
            if stamp is not None and not stamp[1].strip(" ·|•,-"):
                out[j] = "an embedded social post's time stamp"
                # the short lines under the stamp, before the blank line that ends the post
                # (its counters, "View on X"): the frame's foot
                k = j + 1
                while (
                    k < len(texts)
                    and texts[k]
                    and nwords(texts[k]) <= 6
                    and not re.search(r"[.!?]$", texts[k])
                ):
                    out.setdefault(k, "an embedded social post's counters or link")
                    k += 1
                break
        # a short label over the post ("Embedded post"), the first line of its block
        top = prev if prev is not None and prev in out else i
        above = top - 1
        opens = above >= 0 and bool(texts[above]) and (above == 0 or not texts[above - 1])
        if (
            opens
            and above not in reasons
            and nwords(texts[above]) <= 3
            and not re.search(r"[.!?:]$", texts[above])
        ):
            out[above] = "the label over an embedded social post"
    return out


def _poster_name(text: str) -> bool:
    """A name alone on its line (two to four capitalised words, no sentence)."""
    ws = text.split()
    return 1 <= len(ws) <= 4 and all(w[:1].isupper() for w in ws) and not re.search(r"[.!?:]$", text)


# "Share:", "Partager :", "شارك:": a short label ending in a colon
_LABEL = lazy(r"^[^\W\d_][\w'’ -]{0,24}?\s*:$")


def _labels_over_links(texts: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """A short label ending ``:`` whose next line is chrome made of links (a share row, a
    list of networks or pages): the label of a link block, chrome too."""
    out: dict[int, str] = {}
    for i, t in enumerate(texts):
        if not t or i in reasons or nwords(t) > 3 or not _LABEL.search(t):
            continue
        nxt = next((j for j in range(i + 1, len(texts)) if texts[j]), None)
        if nxt is not None and reasons.get(nxt, "") in _LINK_REASONS:
            out[i] = f"the label of a block of links ({reasons[nxt]})"
    return out


_LINK_REASONS = frozenset(
    {"social links", "navigation row", "link-like", "interface words", "menu (a run of short links)"}
)


_TIME_LED = lazy(
    r"^(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?\s+(?P<rest>[^\W\d_][^:]{0,100})$"
)
# "21.40 Key event": a time and a badge of a word or two
_TIME_BADGE = lazy(
    r"^[0-2]?\d[:.][0-5]\d\s+(?:key\s+(?:event|update|moment)s?|breaking(?:\s+news)?|pinned(?:\s+post)?|"
    r"latest|live|update|summary|recap)$",
    re.I,
)


def _time_lists(texts: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """A podcast's chapter list or a live blog's "Key events" box: two or more lines in a row,
    each a clock time and a short title, the times in order (rising or falling). The titles
    repeat the text's own headings or name stretches of the audio: navigation, not text. The
    short label right above ("Chapters", "Key events") goes with them; so does a lone time
    with a badge ("21.40 Key event") over a live update."""
    out: dict[int, str] = {}
    lines = [i for i, t in enumerate(texts) if t]

    def stamp(i: int) -> int | None:
        m = _TIME_LED.match(texts[i])
        if not m or i in reasons or nwords(m.group("rest")) > 12 or re.search(r"[.!?]$", texts[i]):
            return None
        return int(m.group("h")) * 3600 + int(m.group("m")) * 60 + int(m.group("s") or 0)

    k = 0
    while k < len(lines):
        run: list[int] = []
        while k + len(run) < len(lines) and stamp(lines[k + len(run)]) is not None:
            run.append(lines[k + len(run)])
        times = [stamp(i) for i in run]
        ordered = all(a is not None and b is not None and a < b for a, b in pairwise(times)) or all(
            a is not None and b is not None and a > b for a, b in pairwise(times)
        )
        if len(run) >= 2 and ordered:
            for i in run:
                out[i] = "a list of clock times and titles (chapters, key events)"
            if k > 0:
                above = lines[k - 1]
                t = texts[above]
                if above not in reasons and nwords(t) <= 3 and not re.search(r"[.!?:]$", t):
                    out[above] = "the label of a list of clock times"
        k += max(len(run), 1)
    for i in lines:
        if i not in reasons and _TIME_BADGE.match(texts[i]):
            out[i] = "a clock time and a badge (a live update's stamp)"
    return out


_PAGE_NO = lazy(r"^(?:page\s+)?(\d{1,3})(?:\s*(?:of|/)\s*\d{1,3})?$|^[-–]\s*(\d{1,3})\s*[-–]$", re.I)
# "AMBERLINE PAPERS No. 17 4", "5 | Harbour Institute": a running header with its page number
_HEADED_NO = lazy(
    r"^(?P<h>\D.{2,80}?)\s+(?:[|·•–—-]\s*)?(?P<n>\d{1,3})$|^(?P<n2>\d{1,3})\s+(?:[|·•–—-]\s*)?(?P<h2>\D.{2,80})$"
)
#: Reasons of page furniture: lines a PDF's pages put inside the text, as if absent.
FURNITURE = ("page number", "running header or footer", "footnote at a page's foot")
# "3 Source …" or "³ Source …" (a superscript number, as a PDF viewer pastes it)
_FOOTNOTE = lazy(r"^(\d{1,2}|[\u00b9\u00b2\u00b3\u2070-\u2079]{1,2})\s*[A-Z\u201c\"]")


def _page_furniture(texts: list[str], reasons: dict[int, str]) -> dict[int, str]:
    """Page numbers and running headers of text copied out of a paginated document: lines
    that are only a number, rising through the file (``2`` ... ``3``), or one header with
    a number rising page by page (``ANNUAL REVIEW 4``), and short lines printed again and
    again, one of them next to a page number (``ATLANTIC FORCES INSTITUTE | PERSPECTIVE``
    over ``2``); the notes set at a page's foot above them (``2 See the summaries…``, its
    marker glued to a word above). A paragraph runs on across them."""
    numbered: list[tuple[int, int]] = []
    headed: dict[str, list[tuple[int, int]]] = {}
    for i, t in enumerate(texts):
        if not t or (not t[-1:].isdigit() and not t[:1].isdigit()):
            continue
        m = _PAGE_NO.match(t)
        if m:
            numbered.append((i, int(m.group(1) or m.group(2))))
            continue
        h = _HEADED_NO.match(t) if nwords(t) <= 12 else None
        if h:
            head = h.group("h") or h.group("h2") or ""
            headed.setdefault(chrome.normal(head), []).append((i, int(h.group("n") or h.group("n2"))))
    for pages in headed.values():
        rising = all(a[1] < b[1] for a, b in pairwise(pages))
        # "Marmot Papers | 1" ... "Marmot Papers | 2": a separator between the head and its
        # number, which a numbered heading ("Phase 1") has not, and pages in sequence: two do
        parted = all(re.search(r"\s[|·•]\s*\d{1,3}$|^\d{1,3}\s*[|·•]\s", texts[i]) for i, _ in pages)
        sequence = all(b[1] == a[1] + 1 for a, b in pairwise(pages))
        if (len(pages) >= 3 and rising) or (len(pages) == 2 and parted and sequence):
            numbered.extend(pages)
    numbered.sort()
    rising = len(numbered) >= 2 and all(a[1] < b[1] for a, b in pairwise(numbered))
    if not rising:
        return {}
    out = {i: FURNITURE[0] for i, _ in numbered}
    solid = [i for i, t in enumerate(texts) if t]
    near: set[int] = set()
    for i, _ in numbered:
        k = solid.index(i)
        near.update(solid[max(0, k - 2) : k + 3])
    seen: dict[str, list[int]] = {}
    for i in solid:
        t = texts[i]
        if nwords(t) <= 14 and not _sentence(t) and i not in out:
            seen.setdefault(chrome.normal(t), []).append(i)
    for at in seen.values():
        if len(at) >= 2 and any(i in near for i in at):
            out.update({i: FURNITURE[1] for i in at})
    # a running head printed once, next to a page number, that is the document's title (or its
    # part before a colon) from above the text: "The Stolen Count" under "… | 1"
    text_at = min(12, next((i for i, t in enumerate(texts) if nwords(t) >= 30), len(texts)))
    titles = {chrome.normal(t.split(":")[0]) for t in texts[:text_at] if t} | {
        chrome.normal(t) for t in texts[:text_at] if t
    }
    for i in near:
        t = texts[i]
        short = nwords(t) <= 8 and not _sentence(t)
        if i > text_at and i not in out and short and chrome.normal(t) in titles:
            out[i] = FURNITURE[1]
    out.update(_page_foot_notes(texts, solid, out))
    # a running header that is chrome by its own shape too ("SITE | PAPER No. 14 | MAY 2024", a
    # navigation row) is furniture first: the paragraph runs on across it
    return {
        i: why
        for i, why in out.items()
        # "Page 3 of 4" is a pager by its own shape, and a page number among the others
        if i not in reasons or reasons[i].startswith(("no words", "pager")) or why == FURNITURE[1]
    }


def _page_foot_notes(texts: list[str], solid: list[int], furniture: dict[int, str]) -> dict[int, str]:
    """The notes printed right above a page's furniture: lines that start with a note's
    number, that number glued as a marker to a word earlier in the text (``radar.1``)."""
    out: dict[int, str] = {}
    for k, i in enumerate(solid):
        if i not in furniture:
            continue
        j = k - 1
        while j > 0 and solid[j] not in furniture:
            m = _FOOTNOTE.match(texts[solid[j]])
            if m is None:
                break
            n = m.group(1)
            # glued to a word ("radar.1") or to a year that ends a sentence ("in 2022.2 The")
            marker = re.compile(
                rf"[^\W\d_][.,;:!?\"”’)]?{n}(?!\d)|\b(?:19|20)\d\d[.;:!?][\"”’)]?{n}(?=\s+[A-Z\"“‘]|$)"
                if n.isdecimal()
                else rf"(?<=\S){n}"  # a superscript number is a marker wherever it is glued
            )
            if not any(marker.search(texts[solid[x]]) for x in range(max(0, j - 80), j)):
                break
            out[solid[j]] = FURNITURE[2]
            j -= 1
    return out


def _links_under_labels(items: list[Piece], reasons: dict[int, str]) -> None:
    """The short lines printed right under a link list's label that is chrome by itself
    ("Show notes and links", "Related Links"): links to other pages, not the article."""
    for i in sorted(reasons):
        if not is_link_label(items[i].text):
            continue
        k = i + 1
        while (
            k < len(items)
            and k not in reasons
            and items[k].lines[0] == items[k - 1].lines[-1] + 1
            and len(items[k].lines) == 1
            and nwords(items[k].text) <= 16
            and not re.search(r"[.!][\"'”’)]*$", items[k].text)
        ):
            reasons[k] = f"link list (under {items[i].text!r})"
            k += 1


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


_COMMENTS = lazy(
    r"^(?:(?:\d+|one|two|three|four|five)\s+(?:thoughts?|comments?|responses?|replies|reactions?)\s+(?:on|to)\b.{0,150}|"
    r"(?:\d+\s+)?comments?\s*(?:\(\d+\))?|discussion(?:\s+about\s+this\s+(?:post|article|story))?|"
    r"(?:leave|post|add)\s+a\s+(?:reply|comment)|join\s+the\s+(?:discussion|conversation)|(?:reader|readers['’])\s+comments|"
    r"what\s+(?:readers|people)\s+are\s+saying|(?:show|view|read)\s+(?:all\s+)?(?:\d+\s+)?comments|responses)\s*:?$",
    re.I,
)


def _comments_start(
    items: list[Piece], reasons: dict[int, str], body_from: int, footer: int | None
) -> int | None:
    """Where readers' comments start: a comment section's label ("2 thoughts on …",
    "Comments (4)", "Discussion about this post", "Leave a Reply") or a counter of them
    ("23 comments") after most of the page's text. Commenters' names, dates and words are
    not the article."""
    stop = footer if footer is not None else len(items)
    words = [nwords(p.text) if i not in reasons and p.kind != "heading" else 0 for i, p in enumerate(items)]
    total = sum(words[body_from:stop])
    seen = 0
    for i in range(body_from, stop):
        label = _COMMENTS.match(items[i].text.strip())
        # "148 reactions · 23 comments": a post's counters over the comments under it
        counted = reasons.get(i) == "counter" and _COUNTED.search(items[i].text)
        if seen >= 0.6 * total and total and (label or counted):
            return i
        seen += words[i]
    return None


_COUNTED = lazy(r"\b(?:comments?|replies|responses)\b", re.I)
# "-ENDS-", "###", "- 30 -": the mark a press release's text ends on; "Notes to editors",
# "Media contact": the labels of what a release carries after its text, for journalists
_RELEASE_END = lazy(r"^(?:[-–—]*\s*ends?\s*[-–—]+|ENDS\.?|#\s?#\s?#|[-–—]?\s*30\s*[-–—])$", re.I)
_RELEASE_LABEL = lazy(
    r"^(?:notes?\s+(?:to|for)\s+(?:the\s+)?editors?|editors['’]?\s+notes?|(?:media|press)\s+(?:contacts?|enquiries|"
    r"inquiries|office)|for\s+(?:further\s+)?(?:media|press)\s+(?:enquiries|inquiries|information))\s*:?$",
    re.I,
)


def _release_end(
    items: list[Piece], reasons: dict[int, str], body_from: int, footer: int | None
) -> int | None:
    """Where a press release's text ends: its end mark, or a label of the notes for
    journalists under it, after most of the page's text (a heading of that name high on the
    page is no end)."""
    stop = footer if footer is not None else len(items)
    words = [nwords(p.text) if i not in reasons and p.kind != "heading" else 0 for i, p in enumerate(items)]
    total = sum(words[body_from:stop])
    seen = 0
    for i in range(body_from, stop):
        t = items[i].text.strip()
        if total and seen >= 0.6 * total and (_RELEASE_END.match(t) or _RELEASE_LABEL.match(t)):
            return i
        seen += words[i]
    return None


#: "Re: The thread's title": a reply's subject line over the reply
_REPLY_SUBJECT = lazy(r"^(?:re|aw|sv)\s*:\s*\S(?:\S*\s+){0,15}\S*$", re.I)


def _next_post(items: list[Piece], reasons: dict[int, str], body_from: int, footer: int | None) -> int | None:
    """Where a forum thread's next post starts, after the post that holds the article:
    the next post header ("« Reply #88 on: …»", "Post by … » …") after the article's
    text, with the poster's name, rank and counts above it. Replies are not the article."""
    stop = footer if footer is not None else len(items)
    seen = 0
    for i in range(body_from, stop):
        p = items[i]
        if i not in reasons and nwords(p.text) >= 15:
            seen += 1
        if seen and chrome.is_post_header(p.text):
            k = i
            while k - 1 > body_from and (
                k - 1 in reasons or nwords(items[k - 1].text) <= 3 or _REPLY_SUBJECT.match(items[k - 1].text)
            ):
                k -= 1
            return k
    return None


def _next_article(
    items: list[Piece], reasons: dict[int, str], body_from: int, footer: int | None, teased: set[int]
) -> int | None:
    """Where a second article starts on the same page (an archive or tag page lists
    several posts; a teaser carries its own title and date): after a paragraph of this
    one, a short title line with a bare dateline (or a byline and one) right under it, or
    with an excerpt under it that ends in its "Continue reading →"."""
    stop = footer if footer is not None else len(items)
    prose = False
    for i in range(body_from, stop - 1):
        p = items[i]
        if i in reasons:
            continue
        if nwords(p.text) >= 30:
            prose = True
            continue
        if not prose or p.kind not in ("paragraph", "heading") or _sentence(p.text) or nwords(p.text) > 16:
            continue
        nxt = [j for j in range(i + 1, min(stop, i + 3)) if not reasons.get(j, "").startswith("link")]
        if i + 1 < stop and i + 1 not in reasons and nwords(items[i + 1].text) <= 80:
            after = items[i + 2].text if i + 2 < stop else ""
            if items[i + 1].lines[-1] in teased or (i + 2 in reasons and chrome.is_more_link(after)):
                return i
        for j in nxt[:2]:
            d = dates.dateline(items[j].text)
            if d is not None and d[0] and (not d[1] or header_byline(d[1]) or d[1].lower().startswith("by ")):
                return i
    return None


def _next_entry(items: list[Piece], head: Header, body_from: int, footer: int | None) -> int | None:
    """Where the issue's next item starts, when a contents list above the title names the
    article among others ("In this issue:" / "Chad after the coup" / "Numbers of the week"
    / "What we're reading"): the first later line that is one of the other entries."""
    title_at = min((i for i, (r, _) in head.roles.items() if r == "title"), default=-1)
    if title_at < 0 or not head.title:
        return None
    title = chrome.normal(head.title)

    def entry(i: int) -> str:
        t = items[i].text
        return chrome.normal(t) if nwords(t) <= 8 and not _sentence(t) else ""

    def ours(e: str) -> bool:
        return bool(e) and (title == e or title.startswith(e + " ") or title.startswith(e + ":"))

    def above(i: int) -> bool:  # a kicker, or an item the header took for the contents list's
        role = head.roles.get(i, ("kicker", ""))
        return role[0] == "kicker" or role[1] == CONTENTS_LIST

    at = next((i for i in range(title_at) if above(i) and ours(entry(i))), -1)
    if at < 0:
        return None  # no line above names the article: no contents list

    def listed(i: int) -> bool:  # an entry of the same list: same kind of line, or bulleted
        return bool(entry(i)) and (items[i].kind == items[at].kind or items[i].text[:2] in ("- ", "• ", "* "))

    lo, hi = at, at + 1
    while lo > 0 and listed(lo - 1):
        lo -= 1
    while hi < title_at and listed(hi):
        hi += 1
    others = {entry(i) for i in range(lo, hi)} - {entry(at), ""}
    if not others:
        return None
    for i in range(body_from, footer if footer is not None else len(items)):
        if i not in head.roles and chrome.normal(items[i].text.split("\n", 1)[0]) in others:
            return i
    return None


_EDITED_BY = lazy(r"^(?:edited|compiled|curated)\s+by\s+(?P<who>[^.;,]{3,60}?)\s*[.;,]", re.I)


def _digest(items: list[Piece], head: Header, hints: dict[str, Hint]) -> set[str]:
    """The entries of a digest's contents list, when an e-mail's Subject names two or more
    of them ("Milei's first budget, Chile's lithium pact and Uruguay's reservoirs" over
    "Argentina: a budget …", "Chile: Codelco and SQM …", "Uruguay: reservoirs …"): short
    lines above the title printed again under it, the title among them. Empty otherwise
    (a Subject naming only the lead article: the issue is read as that article)."""
    subject = hints.get("title")
    title_at = min((i for i, (r, w) in head.roles.items() if r == "title" and w == "title"), default=-1)
    if subject is None or not subject.origin.startswith("e-mail Subject") or title_at < 0:
        return set()
    below = {chrome.normal(p.text) for p in items[title_at:]}
    entries = {
        chrome.normal(p.text)
        for p in items[:title_at]
        if 2 <= nwords(p.text) <= 12 and not _sentence(p.text) and chrome.normal(p.text) in below
    }
    if chrome.normal(items[title_at].text) not in entries or len(entries) < 2:
        return set()
    said = {w[:5] for w in _folded_words(subject.value).split() if len(w) >= 4}
    named = [e for e in entries if said & {w[:5] for w in _folded_words(e).split() if len(w) >= 4}]
    return entries if len(named) >= 2 else set()


def _little_after(items: list[Piece], reasons: dict[int, str], i: int) -> bool:
    """Whether fewer than 80 words of non-chrome text follow item ``i``."""
    words = sum(nwords(p.text) for j, p in enumerate(items[i + 1 :], start=i + 1) if j not in reasons)
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

    def beside_furniture(i: int) -> bool:
        """A blank line next to page furniture (the gap around a page's foot and head) is
        part of the page break, not a paragraph break: the builder decides at the line."""
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(raw.lines) and not raw.lines[j].text:
                j += step
            if 0 <= j < len(raw.lines) and reasons.get(j) in FURNITURE:
                return True
        return False

    def mid_sentence(i: int) -> bool:
        """Whether line ``i`` (a blank, a lone number) sits inside a sentence of a PDF's text:
        the text line above it stops with no sentence's end, the one below goes on in lower
        case (a blank row of the layout, not a paragraph's end)."""

        def near(step: int) -> Body | None:
            j = i + step
            while 0 <= j < len(raw.lines):
                t = raw.lines[j].text
                if t and not (j in reasons and re.fullmatch(r"\d{1,3}", t.strip())):
                    return raw.lines[j] if j not in reasons and not raw.lines[j].kind else None
                j += step
            return None

        above, below = near(-1), near(1)
        return (
            above is not None
            and below is not None
            and re.search(r"[^\W\d_],?$|\d,$", above.text) is not None
            and below.text[:1].islower()
        )

    # the numbers of the notes set at the pages' feet: their markers glued to a word in the
    # text ("submarines1 with") come off, as a marker after punctuation does (strip_notes)
    notes = {
        m.group(1)
        for i, why in reasons.items()
        if why == FURNITURE[2] and (m := re.match(r"(\d{1,2})\s", raw.lines[i].text))
    }
    markers = re.compile(rf"(?<=[a-z]{{3}})(?:{'|'.join(sorted(notes))})(?=[\s,;:)]|$)") if notes else None
    for i, b in enumerate(raw.lines):
        if markers is not None and i not in reasons and b.text and not b.kind:
            b = Body(markers.sub("", b.text), b.no, b.indent, b.kind, b.level)
        if i in reasons and chrome.is_credit(b.text):
            group.append(b)  # a photo credit: the builder makes the paragraph above a caption
            continue
        if reasons.get(i) in FURNITURE:
            trace.dropped.append(Dropped(b.no, b.text, f"chrome: {reasons[i]}"))
            continue  # page furniture: the text around it runs on as if it were not there
        if raw.fmt == "pdf" and i in reasons and re.fullmatch(r"\d{1,3}", b.text.strip()) and mid_sentence(i):
            # a note's marker set on a row of its own (raised above a line of the text) inside
            # a sentence that runs on below it: no paragraph break
            trace.dropped.append(Dropped(b.no, b.text, "a note's marker on a row of its own"))
            continue
        if i in reasons:
            flush()
            item_reasons[len(items)] = reasons[i]
            items.append(Piece("chrome", b.text, [b.no], last=b.text))
            continue
        if not b.text:
            if not beside_furniture(i) and not (raw.fmt == "pdf" and mid_sentence(i)):
                flush()
            continue
        text = b.text
        if is_timestamp(text) and b.kind in ("", "paragraph"):
            text = strip_timestamp(text)
            if not text.strip():
                flush()  # a timestamp alone on its line starts the next turn
                trace.dropped.append(Dropped(b.no, b.text, "podcast timestamp"))
                continue
            b = Body(text, b.no, b.indent, b.kind, b.level)
        stripped = chrome.strip_teaser(text) if b.kind != "row" else text
        if stripped != text:
            # "… Continue reading →": an excerpt's link to the full page goes, the text stays
            trace.dropped.append(Dropped(b.no, text[len(stripped) :].strip(), "teaser link"))
            trace.teased.add(b.no)
            b = Body(stripped, b.no, b.indent, b.kind, b.level)
        if b.kind != "row":
            bare = chrome.strip_glued_links(b.text)
            if bare != b.text and bare.strip():
                glued = b.text[len(bare) :].strip()
                trace.dropped.append(Dropped(b.no, glued, "a link glued to the line's end"))
                b = Body(bare, b.no, b.indent, b.kind, b.level)
        group.append(b)
    flush()
    return items, item_reasons


def _read(raw: Raw, doc_id: str, repeated: Mapping[int, int]) -> tuple[Document, _Trace]:
    trace = _Trace(notes=list(raw.notes))
    trace.dropped.extend(Dropped(no, text, why) for no, text, why in raw.dropped)
    lines = list(raw.lines)
    reasons = _chrome_reasons(raw, repeated, trace, doc_id)
    hints = dict(raw.hints)
    if "title" in hints:
        hints["title"] = _title_without_site(hints["title"], [b.text for b in lines])
    strong = {k: v for k, v in hints.items() if k not in raw.weak}
    for key, hint in _json_ld_hints([lines[i].text for i, why in reasons.items() if why == "JSON"]).items():
        hints.setdefault(key, hint)
    for key, hint in _inner_headers([b.text for b in lines], reasons).items():
        if key not in hints or hints[key].origin.startswith("e-mail"):
            hints[key] = hint  # the forwarded message's own, over the outer message's
    content = [b.text for i, b in enumerate(lines) if b.text and i not in reasons and not b.kind]
    builder = Builder(
        wrap_width(content) if raw.wraps else None, monospaced=raw.fmt != "pdf", spaced=raw.spaced
    )
    if builder.width:
        trace.notes.append(f"hard-wrapped at about {builder.width} columns: wrapped lines joined")
    builder.speakers = speaker_labels([b.text if i not in reasons else "" for i, b in enumerate(lines)])
    builder.contents = frozenset(
        chrome.normal(_DOTS.sub("", lines[i].text))
        for i, why in reasons.items()
        if why == "table of contents"
    )
    vocabulary: list[frozenset[str]] = []

    def words() -> frozenset[str]:
        if not vocabulary:
            vocabulary.append(file_words([b.text for b in lines]))
        return vocabulary[0]

    builder.words = words
    items, item_reasons = _items(raw, reasons, builder, trace)
    _links_under_labels(items, item_reasons)
    texts = [p.text for p in items]
    structured = raw.fmt in ("markdown", "html")
    top = {i for i, p in enumerate(items) if structured and p.kind == "heading" and p.level == 1}
    marked = [
        (i, p.level)
        for i, p in enumerate(items)
        if structured and p.kind == "heading" and p.level and dates.dateline(p.text) is None
    ]
    levels = [lv for _, lv in marked]
    if not top and levels and levels.count(min(levels)) == 1:
        # no <h1> (a blog's name was its masthead link): the one highest heading that is no
        # date header is the top
        top = {i for i, lv in marked if lv == min(levels)}
    no_title = {
        i
        for i, p in enumerate(items)
        # a lower heading the markup marks (<h2>, ##) is no title; a line read as a heading by
        # its own shape (a bold capitals line in an old page's table) may be
        if p.kind in ("bullet", "caption")
        or (structured and p.kind == "heading" and i not in top and p.level)
    }
    if raw.fmt == "markdown":
        # Markdown says which line is the title: its first `#` heading, when no text comes
        # before it; without one the file has no title line (the file name stands in). A
        # short line or two over the heading, no sentence ("**Hyrax Journal · South Asia**"),
        # is its kicker, not text
        free = [i for i in range(len(items)) if i not in item_reasons]
        lead = 0
        while lead < min(2, len(free) - 1) and free[lead] not in top and _kicker_shaped(items[free[lead]]):
            lead += 1
        h1 = free[lead] if free and free[lead] in top else None
        no_title = set(range(len(items))) - ({h1} if h1 is not None else set())
        top = {h1} if h1 is not None else set()

    def adjacent(a: int, b: int) -> bool:
        """Whether item ``b`` starts on the source line right after item ``a`` ends."""
        return not raw.lines or items[b].lines[0] == items[a].lines[-1] + 1

    head = read_header(
        texts,
        item_reasons,
        hints,
        headings=frozenset(top),
        no_title=frozenset(no_title),
        rows=frozenset(
            i
            for i, p in enumerate(items)
            if p.row and any(0 <= k < len(items) and items[k].row for k in (i - 1, i + 1))
        ),
        adjacent=adjacent,
        file_name=doc_id,
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
        # a metadata title with no word of the text (an old page's <title> naming the site)
        # does not beat a headline that has some
        and not _names_the_site(strong["title"].value, texts)
    ):
        head.roles = {i: r for i, r in head.roles.items() if r[0] != "title"}
        head.title, head.title_from = strong["title"].value, strong["title"].origin
    doubtful = head.title_score < 1.0
    if (
        "title" in hints
        and head.title
        and doubtful
        and not _agrees(head.title, hints["title"].value)
        and not _names_the_site(hints["title"].value, texts)
    ):
        # a doubtful title line loses to what the format says (an e-mail's Subject)
        head.roles = {i: r for i, r in head.roles.items() if r[0] != "title"}
        head.title, head.title_from = "", ""
    named = name_words(doc_id)
    if (
        "title" in hints
        and head.title
        and title_item not in top
        and not _agrees(head.title, hints["title"].value)
        and name_bonus(hints["title"].value, named) >= 2.0
        and name_bonus(head.title, named) == 0.0
        and not _names_the_site(hints["title"].value, texts)
    ):
        # the format's title (a PDF's metadata) and the file's name agree, the line taken for
        # the title has none of the name's words (a series' masthead): two sources over one
        why = "a masthead (the format's title and the file's name agree on another)"
        head.roles = {i: (("kicker", why) if r[0] == "title" else r) for i, r in head.roles.items()}
        head.title, head.title_from = "", ""
    if not head.title and "title" in hints:
        head.title, head.title_from = hints["title"].value, hints["title"].origin

    digest = _digest(items, head, hints)
    if digest:
        # a digest whose Subject names several of its items: the issue is the piece, titled
        # by its Subject; its first item's heading (taken for the title) heads that item
        first = min(i for i, (r, w) in head.roles.items() if r == "title" and w == "title")
        # and the issue's own words above that heading (an editor's note) are its text
        head.roles = {
            i: r for i, r in head.roles.items() if (i < first or r[0] != "title") and r[0] != "wrapper"
        }
        items[first].kind, items[first].level = "heading", 2
        head.title = hints["title"].value
        head.title_from = f"{hints['title'].origin} (a digest's Subject names its items)"
        # "Edited by Jane Roe. Three stories …" opening the issue: its editor wrote the items
        for i in range(max(head.roles, default=-1) + 1, first):
            m = _EDITED_BY.match(items[i].text)
            who = name_line(m.group("who")) if m else []
            if who and not head.authors:
                head.authors, head.authors_from = who, f"line {items[i].lines[0]} (the digest's editor)"
    elif not head.authors and any(w == CONTENTS_LIST for _, w in head.roles.values()):
        # the same note under a contents list the header found (its items printed again below)
        after = max(head.roles) + 1
        m = _EDITED_BY.match(items[after].text) if after < len(items) and after not in item_reasons else None
        who = name_line(m.group("who")) if m else []
        if who:
            head.authors, head.authors_from = who, f"line {items[after].lines[0]} (the digest's editor)"
    body_from = max(head.roles, default=-1) + 1
    footer = _footer_start(items, item_reasons, body_from)
    footer_is = "footer"
    comments = _comments_start(items, item_reasons, body_from, footer)
    if comments is not None:
        footer, footer_is = comments, "comment section"
    release = _release_end(items, item_reasons, body_from, footer)
    if release is not None:
        footer, footer_is = release, "a press release's end (its end mark, notes to editors, media contact)"
    reply = _next_post(items, item_reasons, body_from, footer)
    if reply is not None:
        footer, footer_is = reply, "another post of the thread"
    other = _next_article(items, item_reasons, body_from, footer, trace.teased)
    if other is not None:
        footer, footer_is = other, "another article's title and date"
    entry = None if digest else _next_entry(items, head, body_from, footer)
    if entry is not None:
        footer, footer_is = entry, "another item of the issue (its contents list above the title)"
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
                trace.dropped.append(Dropped(no, p.text, f"{footer_is} (from line {items[footer].lines[0]})"))
    body = [(i, p) for i, p in enumerate(items[:end]) if i not in head.roles]
    header_texts = {chrome.normal(items[i].text) for i in head.roles}
    # a header line of four words or more printed again inside the text (a printed page's
    # head on every page: "5/3/24, 9:41 AM  Title | Site") is page furniture there too
    furniture = {
        chrome.normal(items[i].text)
        for i, (role, why) in head.roles.items()
        if role in ("kicker", "chrome") and len(items[i].text.split()) >= 4 and why != CONTENTS_LIST
    } - digest  # a digest's contents list names the headings of its items
    if furniture:
        for _, p in body:
            if chrome.normal(p.text) in furniture:
                why = "a header line printed again (page furniture)"
                trace.dropped.append(Dropped(p.lines[0], p.text, why))
        body = [(i, p) for i, p in body if chrome.normal(p.text) not in furniture]
    body = _drop_outside(body, item_reasons, trace, header_texts)
    body = _after_the_source(body, items, item_reasons, head, trace)
    if not head.authors:
        signed = (
            _foot_byline(trace)
            or _wire_credit(trace)
            or _dash_signature(raw, trace)
            or _signature(trace)
            or _sender(raw, reasons, hints)
        )
        if signed:
            head.authors, head.authors_from = signed
    pieces = [p for i, p in body if i not in item_reasons]
    for no, text, why in builder.dropped:
        trace.dropped.append(Dropped(no, text, why))
    builder.dropped.clear()
    builder.chrome_lines = frozenset(items[i].lines[0] for i in item_reasons)
    pieces = builder.finish(pieces)
    for no, text, why in builder.dropped:
        trace.dropped.append(Dropped(no, text, why))
    for p in pieces:
        m = _POST_FRAME.search(p.text) if p.kind == "paragraph" and "(@" in p.text else None
        if m and m.start() > 0 and (not m.group("when").strip() or dates.find(m.group("when")) is not None):
            # "… We will be watching. — Thandi Khumalo (@thandik) June 14, 2024": an embedded
            # post's frame glued to its words (its poster, handle and time), not text
            trace.dropped.append(
                Dropped(p.lines[0], m.group().strip(), "an embedded social post's name and handle")
            )
            p.text = p.text[: m.start()].rstrip()
    kept = alt_texts(pieces)
    for p in pieces:
        if not any(p is q for q in kept):
            trace.dropped.append(
                Dropped(p.lines[0], p.text, "an image's alt text (the caption under it says it)")
            )
    pieces = kept
    pieces = _drop_bios(pieces, head, trace, raw.front, hints["site"].value if "site" in hints else "")
    pieces = _people_lists(pieces, trace)
    pieces = _summary_box(pieces, trace)
    pieces = _method_note(pieces, trace)
    pieces = _self_notes(pieces, trace, _site_names(texts, hints))
    pieces = _standfirst(pieces)
    # A heading with nothing after it is page furniture (raw) or an empty section: no section.
    while pieces and pieces[-1].kind == "heading":
        if pieces[-1].text.endswith("?") and pieces[-1].level == 0:
            pieces[-1].kind = "paragraph"  # a question closing the text is a sentence of it
            break
        p = pieces.pop()
        trace.dropped.append(Dropped(p.lines[0], p.text, "heading with no text under it"))
    pieces = _labels_over_chrome(pieces, builder.chrome_lines, trace)
    pieces = _drop_repeats(pieces, trace)
    trace.pieces = pieces
    return _document(raw, doc_id, head, hints, pieces, trace), trace


_BOX_LABEL = lazy(
    r"^(?:at\s+a\s+glance|highlights|key\s+(?:figures|numbers|facts|data|stats)|by\s+the\s+numbers|in\s+numbers|"
    r"(?:fast|quick)\s+facts|the\s+numbers|fact\s+box|factbox)\s*:?$",
    re.I,
)


def _labels_over_chrome(pieces: list[Piece], chrome_lines: frozenset[int], trace: _Trace) -> list[Piece]:
    """A heading whose only lines under it were chrome ("HIGHLIGHTS" over a strip of
    figures, then the next heading) labels that chrome: no section of its own."""
    out: list[Piece] = []
    for k, p in enumerate(pieces):
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if (
            p.kind == "heading"
            and nxt is not None
            and nxt.kind == "heading"
            and nxt.level == p.level
            and any(p.lines[-1] < no < nxt.lines[0] for no in chrome_lines)
        ):
            trace.dropped.append(Dropped(p.lines[0], p.text, "a label over chrome (no text under it)"))
            continue
        if (
            p.kind == "heading"
            and nxt is not None
            and _BOX_LABEL.match(p.text.strip())
            and any(p.lines[-1] < no < nxt.lines[0] for no in chrome_lines)
        ):
            # "At a glance" over a strip of figures gone as chrome, the text going on under
            # it: the box's label, not a section of the text
            trace.dropped.append(Dropped(p.lines[0], p.text, "a box's label over chrome"))
            continue
        out.append(p)
    return out


_ENDNOTE = lazy(r"^\[\d{1,3}\]\s+\S")
_DOTS = lazy(r"(?:\s*\.\s?){4,}\s*\d+\s*$|…{2,}\s*\d+\s*$")
_LD_FIELD = lazy(r'"(?P<key>datePublished|dateCreated|headline)"\s*:\s*"(?P<value>[^"]{4,300})"')


def _json_ld_hints(blobs: list[str]) -> dict[str, Hint]:
    """What schema.org JSON-LD pasted into a page's text says (a copied page often carries
    its ``<script>`` blob): the publication date, and the headline as a weak title hint
    (the page may print it in other case)."""
    out: dict[str, Hint] = {}
    for blob in blobs:
        for m in _LD_FIELD.compiled.finditer(blob):
            key = "title" if m.group("key") == "headline" else "date"
            value = dates.iso_of(m.group("value")) if key == "date" else m.group("value").strip()
            if value and key not in out:
                out[key] = Hint(value, f"JSON-LD in the page text ({m.group('key')})")
    return out


_FOOT_BYLINE = "byline after the article (a blog's 'Posted by … at …')"


def _foot_byline(trace: _Trace) -> tuple[list[str], str] | None:
    """The author a blog names under its post (``Posted by Jane Roe at 9:14 PM``) when the
    header named none; a site account (``Posted by admin``) names no one."""
    for d in trace.dropped:
        if d.reason == _FOOT_BYLINE:
            who = header_byline(d.text)
            if who and not any(w.casefold() in ACCOUNTS for w in who):
                return who, f"line {d.line} (byline under the post)"
    return None


_WIRE_WRITERS = lazy(r"\b(?:(?<!additional )reporting|writing)\s+by\s+(?P<who>[^;()]+)", re.I)


def _wire_credit(trace: _Trace) -> tuple[list[str], str] | None:
    """The writers a wire story credits at its end (``(Reporting by A and B in Astana;
    Writing by C; Editing by D)``) when no byline named them: reporters and writer are
    authors, the editor is not."""
    for d in trace.dropped:
        if not d.reason.endswith("credit line"):
            continue
        who: list[str] = []
        for m in _WIRE_WRITERS.finditer(d.text):
            who += [w for w in header_byline("By " + m.group("who").strip()) or () if w not in who]
        if who:
            return who, f"line {d.line} (a wire story's credit)"
    return None


_SOURCE_CREDIT = lazy(r"^\(?\s*(?:source|via|originally\s+published|first\s+published)\b", re.I)


def _after_the_source(
    body: list[tuple[int, Piece]],
    items: list[Piece],
    item_reasons: dict[int, str],
    head: Header,
    trace: _Trace,
) -> list[tuple[int, Piece]]:
    """A post that reposts an article (the poster's words above it) and credits its source
    under it ("(Source: Kura Review, …)"): what the poster adds below the credit is his, not
    the article's, as his words above it are."""
    if not any(role == "wrapper" for role, _ in head.roles.values()):
        return body
    credits = [
        i for i, why in item_reasons.items() if why == "credit line" and _SOURCE_CREDIT.match(items[i].text)
    ]
    if not credits:
        return body
    end = max(credits)
    keep = []
    for i, p in body:
        if i > end and p.kind == "paragraph" and nwords(p.text) <= 60:
            trace.dropped.append(Dropped(p.lines[0], p.text, "the poster's words under the reposted article"))
            continue
        keep.append((i, p))
    return keep


def _dash_signature(raw: Raw, trace: _Trace) -> tuple[list[str], str] | None:
    """A newsletter's writer signing after the text with a dash (``— Jane Roe, Cairo``): a
    short line after the article, a dash, then only a name (and the place she writes from)."""
    printed = {b.no: b.text for b in raw.lines}
    for d in trace.dropped:
        if d.reason != "short line after the article":
            continue
        if not re.match(r"^\s*(?:[—–]|-{1,2})\s*\S", printed.get(d.line, "")):
            continue
        who = name_line(re.sub(r"^\s*(?:[—–]|-{1,2})\s*", "", d.text))
        if who:
            return who, f"line {d.line} (signed with a dash after the text)"
    return None


def _signature(trace: _Trace) -> tuple[list[str], str] | None:
    """The author of a letter or mail-archive page signed below the text: a name line among
    the short lines after the article, with a role or contact line right under it."""
    tail = [d for d in trace.dropped if d.reason == "short line after the article"]
    for k, d in enumerate(tail):
        who = name_line(d.text)
        if who and k + 1 < len(tail) and tail[k + 1].line <= d.line + 2:
            return who, f"line {d.line} (signature)"
    return None


def _sender(raw: Raw, reasons: dict[int, str], hints: dict[str, Hint]) -> tuple[list[str], str] | None:
    """The writer of a mail or list-archive page that names no author: its sender, when the
    sender is a person (``From: Jane Doe <...>``; a publication's From address is none)."""
    found = [(raw.lines[i].no, chrome.sender(raw.lines[i].text, why)) for i, why in sorted(reasons.items())]
    found = [(no, s) for no, s in found if s]
    if found and name_line(found[0][1]):
        return name_line(found[0][1]), f"line {found[0][0]} (sender)"
    if "sender" in hints and name_line(hints["sender"].value):
        return name_line(hints["sender"].value), hints["sender"].origin
    return None


def _cites(text: str, header_texts: set[str]) -> bool:
    """A short paragraph quoting a header line of three words or more (the title) between
    quotation marks: a "cite this" reference to the article, not its text."""
    if len(text.split()) > 60:
        return False
    low = re.sub(r"\s+", " ", fold(text).casefold())
    return any(
        re.search(r"[\"']" + re.escape(h) + r"[,.]?[\"']", low) for h in header_texts if len(h.split()) >= 3
    )


def _drop_outside(
    body: list[tuple[int, Piece]], chrome_at: dict[int, str], trace: _Trace, header_texts: set[str]
) -> list[tuple[int, Piece]]:
    """Text after the article's end that is not the article: endnotes ("[1] Ministry of
    Finance statement"), short lines after the last real paragraph, a short paragraph
    between chrome lines (a paywall pitch, a forum reply below the post)."""
    body = _drop_notes(body, chrome_at, trace)
    long_at = [k for k, (i, p) in enumerate(body) if i not in chrome_at and nwords(p.text) >= 40]
    # after the last long paragraph, a shorter one of running text may still be the
    # article's end, unless it carries a notice or contact details
    long_at += [
        k
        for k, (i, p) in enumerate(body)
        if k > (long_at[-1] if long_at else -1)
        and i not in chrome_at
        and _article_like(p)
        and chrome.tail_reason(p.text) is None
        and not _cites(p.text, header_texts)
    ]
    if not long_at:
        return body
    last = long_at[-1]
    keep = body[: last + 1]
    tail = body[last + 1 :]

    def quoted(p: Piece) -> bool:
        return chrome.normal(p.text) in header_texts

    # a "heading" that is a sentence (a box's <h3>: "Explainers like this are free to read.")
    # is judged like any other block
    tail_why = [
        chrome.tail_reason(p.text)
        if p.kind != "heading" or (_sentence(p.text) and nwords(p.text) >= 4)
        else None
        for _, p in tail
    ]
    hard = [
        i in chrome_at
        or _ENDNOTE.match(p.text) is not None
        or quoted(p)
        or tail_why[k] is not None
        or (p.kind != "heading" and _cites(p.text, header_texts))
        for k, (i, p) in enumerate(tail)
    ]

    def heads_text(k: int) -> bool:
        """A short line with a sentence of text right under it: a heading, not furniture; a
        sentence leading into a list ("We see three priorities:") counts as text, and so
        does a list under such a line."""
        if k + 1 >= len(tail) or hard[k + 1]:
            return False
        nxt, own = tail[k + 1][1], tail[k][1].text
        leads = nxt.text.endswith(":") and nwords(nxt.text) >= 3 and nxt.text[:1].isupper()
        return (
            _sentence(nxt.text) or leads or (own.endswith(":") and nxt.kind == "bullet" and nwords(own) >= 3)
        )

    short = [not hard[k] and _short_line(p) and not heads_text(k) for k, (_, p) in enumerate(tail)]
    junk = [h or s for h, s in zip(hard, short, strict=True)]
    in_list = False  # under a link list's label ("Related on …"), until a sentence
    for k, (i, p) in enumerate(tail):
        n = nwords(p.text)
        if is_link_label(p.text) or (short[k] and n <= 4 and not re.search(r"[.!?:;,]$", p.text)):
            # a known label, or any short label line after the article ("À lire aussi"):
            # the lines under it, up to a sentence, are its links
            in_list = True
        elif n > 20 or re.search(r"[.!][\"'”’)]*$", p.text):
            in_list = False
        if i in chrome_at:
            keep.append((i, p))
            continue
        before = junk[k - 1] if k > 0 else False
        after = junk[k + 1] if k + 1 < len(tail) else True
        real = (k > 0 and hard[k - 1]) or (k + 1 < len(tail) and hard[k + 1])
        why = ""
        if _ENDNOTE.match(p.text):
            why = "endnote"
        elif quoted(p):
            why = "repeats a header line (a quote of the post)"
        elif tail_why[k]:
            why = tail_why[k] or ""
        elif p.kind != "heading" and _cites(p.text, header_texts):
            why = "a citation of this article (its title in quotes)"
        elif n <= 15 and p.kind != "heading" and header_byline(p.text):
            why = _FOOT_BYLINE
        elif short[k]:
            why = "short line after the article"
        elif in_list and not is_link_label(p.text) and not re.search(r"[;,]$", p.text):
            why = "link list after the article"  # (an item ending in ";" is a clause of a list)
        elif n <= 40 and before and after and real and p.kind != "heading":
            why = "short text between chrome lines after the article"
        if why:
            trace.dropped.append(Dropped(p.lines[0], p.text, why))
            continue
        keep.append((i, p))
    return keep


def _text_like(text: str) -> bool:
    """A line of running text: long, or holding a sentence's end."""
    return nwords(text) >= 12 or _sentence(text) or bool(re.search(r"\w[.!?][\"”’]?\s+[A-Z]", text))


_NOTES_LABEL = lazy(
    r"^(?:end\s*notes|foot\s*notes|notes|references|sources|bibliography|works\s+cited|citations|"
    r"notes\s+and\s+(?:references|sources))\s*:?$",
    re.I,
)
_NOTE_START = lazy(r"^(?:\[\d{1,3}\]|\d{1,3}[.)]?\s|[¹²³⁴⁵⁶⁷⁸⁹]+\s?)\s*\S")


def _drop_notes(
    body: list[tuple[int, Piece]], chrome_at: dict[int, str], trace: _Trace
) -> list[tuple[int, Piece]]:
    """A notes section ("Notes", "References" over numbered notes) is the apparatus, not
    the article: the label and the numbered notes under it go."""
    out: list[tuple[int, Piece]] = []
    k = 0
    while k < len(body):
        i, p = body[k]
        nxt = next((q for j, q in body[k + 1 :] if j not in chrome_at), None)
        # the notes as a list (an HTML <ol> whose numbers are the list's) are notes too
        listed = nxt is not None and nxt.kind == "bullet"
        if (
            i not in chrome_at
            and _NOTES_LABEL.match(p.text)
            and nxt is not None
            and (_NOTE_START.match(nxt.text) or listed)
        ):
            trace.dropped.append(Dropped(p.lines[0], p.text, "notes section"))
            k += 1
            while k < len(body) and (
                body[k][0] in chrome_at
                or _NOTE_START.match(body[k][1].text)
                or (listed and body[k][1].kind == "bullet")
            ):
                if body[k][0] not in chrome_at:
                    q = body[k][1]
                    trace.dropped.append(Dropped(q.lines[0], q.text, "note"))
                else:
                    out.append(body[k])
                k += 1
            continue
        out.append((i, p))
        k += 1
    return out


def _article_like(p: Piece) -> bool:
    """A block of running text: long, or a sentence of some length, or table data."""
    n = nwords(p.text)
    return p.row or n >= 40 or (n >= 15 and _sentence(p.text) and p.kind == "paragraph")


def _short_line(p: Piece) -> bool:
    return nwords(p.text) < 8 and not _sentence(p.text) and not p.row


def _sentence(text: str) -> bool:
    return bool(re.search(r"[.!?…][\"'”’)\]]*$", text))


def _kicker_shaped(item: Piece) -> bool:
    """A kicker over a title: a paragraph of at most eight words that is no sentence."""
    text = item.text.strip()
    return item.kind == "paragraph" and 0 < nwords(text) <= 8 and not re.search(r"[.!?:;,]$", text)


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


_TITLE_SEP = re.compile(r"\s+(?:::|\||[–—»·]|-{1,2})\s+")


def _title_without_site(hint: Hint, texts: Sequence[str]) -> Hint:
    """A format's title with the site's part cut off ("SAVA BULLETIN :: Lithium and the
    street"): a part, set off by a separator, that the page prints as a line of its own (its
    masthead) names the site, not the piece."""
    parts = _TITLE_SEP.split(hint.value)
    if len(parts) < 2:
        return hint
    short = {_folded_words(t) for t in texts if t and len(t) <= 60}
    kept = [p for p in parts if _folded_words(p) not in short]
    if not kept or len(kept) == len(parts) or not any(_folded_words(p) for p in kept):
        return hint
    return Hint(" - ".join(kept), f"{hint.origin}, the site's name cut off")


def _names_the_site(title: str, texts: Sequence[str]) -> bool:
    """Whether a format's title is the site's name (an old page's ``<title>``): a few words
    that the file's copyright line holds ("Copyright © 1997 Oldfield Papers")."""
    t = _folded_words(title)
    if not t or len(t.split()) > 5:
        return False
    return any(
        ("©" in x or "copyright" in x.casefold()) and f" {t} " in f" {_folded_words(x)} "
        for x in texts
        if len(x) < 400
    )


def _folded_words(text: str) -> str:
    return re.sub(r"\W+", " ", fold(text).casefold()).strip()


def _agrees(a: str, b: str) -> bool:
    x = re.sub(r"\W+", " ", fold(a).casefold()).strip()
    y = re.sub(r"\W+", " ", fold(b).casefold()).strip()
    return bool(x and y) and (x == y or x in y or y in x)


def _standfirst(pieces: list[Piece]) -> list[Piece]:
    """A heading that reads as a sentence is a standfirst or dek, not a section label: one
    ending in a full stop, or the first block under the title in sentence case and long
    ("A deal to restore the ousted president is already fraying")."""
    for n, p in enumerate(pieces):
        if p.kind != "heading":
            continue
        words = p.text.split()
        caps = sum(w[:1].isupper() for w in words[1:] if len(w) > 3) / max(
            1, len([w for w in words[1:] if len(w) > 3])
        )
        if (re.search(r"\w[.!][\"'”’]?$", p.text) and len(words) >= 4) or (
            n == 0 and len(words) >= 6 and caps < 0.3
        ):
            p.kind = "paragraph"
    return pieces


def _named_bio(text: str, authors: list[str]) -> bool:
    """A short paragraph (two sentences at most) that opens with an author's full name and
    goes on with a word in lower case: the author's bio in any language."""
    if len(text.split()) > 60 or len(re.findall(r"[.!?](?:\s|$)", text)) > 2:
        return False
    for a in authors:
        if len(a.split()) >= 2 and text.startswith(a + " "):
            rest = text[len(a) + 1 :]
            return rest[:1].islower()
    return False


# "… is written by a small team", "… is an independent magazine of ideas": a publication's note
_PUBLICATION_NOTE = lazy(
    r"^(?:is|are)\s+(?:(?:written|published|produced|edited|run|made)\s+by\b|"
    r"an?\s+(?:\w+\s+){0,3}(?:magazine|newsletter|blog|publication|website|site|journal|review|outlet|"
    r"podcast|think[- ]tank|news\s+service)\b)",
    re.I,
)


def _drop_bios(
    pieces: list[Piece],
    head: Header,
    trace: _Trace,
    raw_front: dict[str, Any] | None = None,
    site: str = "",
) -> list[Piece]:
    """An author's bio ("George Friedman is the founder of ...") is metadata, not article;
    so is the site's note about itself ("Copperfield Review is an independent magazine …"),
    and a name such a note calls a publication is no author."""
    # the byline's authors, or the front matter's (a bio closing a post names its writer)
    authors = [*head.authors, *(meta_authors(raw_front or {}) or ())]
    for p in pieces[-4:]:
        for name in {*authors, site}:
            note = name and p.kind == "paragraph" and p.text.startswith(name + " ")
            if note and _PUBLICATION_NOTE.match(p.text[len(name) + 1 :]):
                trace.publications.add(name)
    if site and site not in authors:
        authors.append(site)
    surnames = {a.split()[-1].casefold() for a in authors if a.split()}
    keep = []
    found = [_BIO.match(p.text) if p.kind == "paragraph" and nwords(p.text) <= 90 else None for p in pieces]
    # the bios closing the text, one author's after another's, under an "About the authors"
    tail = len(pieces)
    while tail > 0 and found[tail - 1] is not None:
        tail -= 1
    label = tail - 1 if tail > 0 and tail < len(pieces) and _BIO_LABEL.match(pieces[tail - 1].text) else -1
    for n, p in enumerate(pieces):
        m = found[n]
        if n == label:
            trace.dropped.append(Dropped(p.lines[0], p.text, "author bio label"))
            continue
        edge = n <= 1 or n >= min(len(pieces) - 2, tail)
        near = n <= 1 or n >= len(pieces) - 4
        if not m and near and p.kind == "paragraph" and _named_bio(p.text, authors):
            # "Claire Dubois est chercheuse au …": a byline author's full name opening a short
            # paragraph at the text's edge, whatever the language of the verb after it
            trace.dropped.append(Dropped(p.lines[0], p.text, "author bio (opens with the author's name)"))
            continue
        if not m or not edge:
            keep.append(p)
            continue
        who = m.group("name").split()
        # an interview's guest, named in the title ("Jane Roe on the Grid's Debt"), is
        # introduced by a bio too: metadata about the piece's subject, not its text
        # (a bio is a sentence or two: a longer paragraph opening with a name from the title
        # -- "El Fasher has been encircled …" under "El Fasher is Sudan's last test" -- is text)
        short = nwords(p.text) <= 50 and len(re.findall(r"[.!?](?:\s|$)", p.text)) <= 2
        guest = short and len(who) >= 2 and m.group("name") in head.title and bool(_BIO_ROLE.search(p.text))
        theirs = who[-1].casefold() in surnames or guest
        # with no author known, a person's bio by its shape: a full name, a role or career
        stranger = not authors and len(name_line(m.group("name"))) == 1 and len(who) >= 2
        if theirs or (stranger and _BIO_ROLE.search(p.text) and n >= len(pieces) - 2):
            trace.dropped.append(Dropped(p.lines[0], p.text, "author bio"))
            continue
        keep.append(p)
    return keep


# "Key points: …", "In brief — …": a summary's label glued to its one paragraph
_SUMMARY_LABEL = lazy(
    r"^\W*(?:key\s+(?:points|takeaways|findings|facts)|takeaways|summary|in\s+brief|at\s+a\s+glance|"
    r"tl;?\s?dr|highlights|the\s+gist|the\s+short\s+version|in\s+short)\s*[:—–]\s*(?=\S)",
    re.I,
)


def _content_words(text: str) -> set[str]:
    return {w[:5] for w in _norm_words(text) if len(w) >= 4}  # a stem: "inspections", "inspecting"


def _summary_box(pieces: list[Piece], trace: _Trace) -> list[Piece]:
    """A box at the text's top whose label says it sums the piece up ("Key points: …"),
    run on into one short paragraph whose words the text goes on to say: a teaser of the
    article, printed again by the article itself. (A "Summary" heading over its own
    bullets is a section of the text and stays.)"""
    for n, p in enumerate(pieces[:2]):
        if p.kind != "paragraph" or nwords(p.text) > 50:
            continue
        m = _SUMMARY_LABEL.match(p.text)
        if not m:
            continue
        own = _content_words(p.text[m.end() :])
        rest: set[str] = set()
        for q in pieces[n + 1 :]:
            rest |= _content_words(q.text)
        if len(own) >= 3 and len(own & rest) >= 0.7 * len(own):
            trace.dropped.append(Dropped(p.lines[0], p.text, "a summary box (the text says it again)"))
            return pieces[:n] + pieces[n + 1 :]
    return pieces


# "How we did this", "Methodology", "About the data": a label over the maker's note on how
# the piece was made (its sources and methods), not on what it reports
_METHOD_LABEL = lazy(
    r"^(?:methodology|methods?|how\s+we\s+(?:did|made|built|reported|calculated|compiled|counted)\s+(?:this|it|these)"
    r"(?:\s+\w+)?|about\s+(?:the|this|our)\s+(?:data|figures|numbers|methodology|analysis)|"
    r"(?:data|sources?)\s+(?:and|&)\s+(?:methods?|methodology)|notes?\s+on\s+(?:the\s+)?(?:data|methods?|methodology|sources))"
    r"\s*:?$",
    re.I,
)


def _method_note(pieces: list[Piece], trace: _Trace) -> list[Piece]:
    """A methods box closing the text ("How we did this" over a line or two on where the
    figures come from) is about the making of the piece: chrome, with its label."""
    at = max((k for k, p in enumerate(pieces) if p.kind == "heading"), default=-1)
    if at <= 0 or not _METHOD_LABEL.match(pieces[at].text.strip()):
        return pieces
    under = pieces[at + 1 :]
    if not under or len(under) > 3 or sum(nwords(p.text) for p in under) > 90:
        return pieces
    for p in pieces[at:]:
        trace.dropped.append(Dropped(p.lines[0], p.text, "a note on how the piece was made (methods box)"))
    return pieces[:at]


# "Our weekly outlook highlights …", "Each week we pick …", "In this series, we …": the
# publication speaking of itself (its voice and its rhythm), not of the piece's subject
_OWN_VOICE = lazy(r"\b(?:our|we|us)\b", re.I)
_OWN_RHYTHM = lazy(
    r"\b(?:weekly|daily|monthly|fortnightly|quarterly|(?:each|every)\s+(?:week|month|day|morning|evening|"
    r"weekday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|series|newsletter|podcast)\b",
    re.I,
)


_COPYRIGHT_HOLDER = lazy(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?\s*,?\s*)?"
    r"(?P<name>[^\W\d_][\w&'’. -]{2,60}?)\s*(?:\.|,|\||·|\s+all\s+rights|\s+ltd\b|\s+inc\b|\s+llc\b|$)",
    re.I,
)


def _site_names(texts: Sequence[str], hints: Mapping[str, Hint]) -> frozenset[str]:
    """The publication's names as the file gives them: its site hint and the holder of
    its copyright line ("© 2024 Aspen Wire. All rights reserved."), folded."""
    out = {_folded_words(hints["site"].value)} if "site" in hints else set()
    for t in texts:
        m = _COPYRIGHT_HOLDER.match(t) if t and len(t) < 200 else None
        if m:
            out.add(_folded_words(re.sub(r"^the\s+", "", m.group("name"), flags=re.I)))
    return frozenset(n for n in out if n and len(n) >= 4)


def _self_note(p: Piece, sites: frozenset[str] = frozenset()) -> bool:
    """One short sentence in the publication's own voice about its own rhythm or series,
    or naming itself ("Our Standards: The Aspen Wire Trust Principles."). A full sentence:
    a newsletter's subtitle ("Our weekly letter on the Sahel") is its first paragraph; an
    issue's own words ("In this issue we look at …") are the issue's text."""
    text = p.text
    if (
        p.kind != "paragraph"
        or not _sentence(text)
        or nwords(text) > 30
        or len(re.findall(r"[.!?](?:\s|$)", text)) > 1
        or _OWN_VOICE.search(text) is None
    ):
        return False
    folded = f" {_folded_words(text)} "
    return _OWN_RHYTHM.search(text) is not None or any(f" {n} " in folded for n in sites)


def _self_notes(pieces: list[Piece], trace: _Trace, sites: frozenset[str] = frozenset()) -> list[Piece]:
    """The publication's line about itself at the text's top or foot ("Meridian's weekly
    outlook highlights what our analysts are watching") is the series' tagline, chrome."""
    edge = {k for k in (0, 1, len(pieces) - 1) if 0 <= k < len(pieces)}
    # naming itself counts at the foot only (an editorial's first line may say "we at …")
    drop = {k for k in edge if _self_note(pieces[k], sites if k == len(pieces) - 1 else frozenset())}
    for k in sorted(drop):
        p = pieces[k]
        trace.dropped.append(Dropped(p.lines[0], p.text, "the publication's note on itself (its series)"))
    return [p for k, p in enumerate(pieces) if k not in drop]


_PEOPLE_LABEL = lazy(
    r"^(?:speakers?|panel(?:lists?)?|participants|moderators?|chairs?|discussants?|guests?|contributors|"
    r"(?:the\s+)?(?:speakers|panel)\s+(?:were|included))\s*:?$",
    re.I,
)


def _people_lists(pieces: list[Piece], trace: _Trace) -> list[Piece]:
    """An event page's list of its speakers ("Speakers" over "Jane Roe, senior fellow, …" and
    "Moderator: …"): who was on the panel, the page's metadata, not what was said. Each item
    is a name and a role, no sentence."""
    out: list[Piece] = []
    k = 0
    while k < len(pieces):
        p = pieces[k]
        run = []
        j = k + 1
        while j < len(pieces) and pieces[j].kind == "bullet":
            run.append(pieces[j])
            j += 1
        people = bool(run) and all(
            nwords(q.text) <= 20
            and not _sentence(q.text)
            and (bool(name_line(q.text.split(",")[0])) or re.match(r"^[A-Z][\w ]{0,20}:\s*[A-Z]", q.text))
            for q in run
        )
        if p.kind == "heading" and _PEOPLE_LABEL.match(p.text) and people:
            for q in (p, *run):
                trace.dropped.append(Dropped(q.lines[0], q.text, "an event's list of speakers"))
            k = j
            continue
        out.append(p)
        k += 1
    return out


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
    created = dates.iso_of(meta.get("created")) if not when else None
    if created:
        # a notes app's "created:" field: the note's own date, when the page shows none
        when, trace.date_from = created, "front matter (created)"
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
    # the site's own name in an author field (<meta name=author>, an Organization in JSON-LD,
    # a blog's front matter), or a name the page calls a publication: no person wrote as it
    for d in trace.dropped:  # the note may have gone as chrome already (a publisher's notice)
        for a in authors:
            if d.text.startswith(a + " ") and _PUBLICATION_NOTE.match(d.text[len(a) + 1 :]):
                trace.publications.add(a)
    publications = {fold(n).casefold() for n in (*trace.publications, site) if n}
    if any(fold(a).casefold() in publications for a in authors):
        authors = tuple(a for a in authors if fold(a).casefold() not in publications)
        trace.authors_from = trace.authors_from if authors else ""
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
        authors=tuple(_as_printed(chrome_free(a)) for a in authors if chrome_free(a)),
        site=site,
        warnings=tuple(warnings),
    )


def _as_printed(name: str) -> str:
    """A name set in capitals in a byline (``JANE ROE``) as a name is written (``Jane Roe``)."""
    letters = [c for c in name if c.isalpha()]
    return name.title() if nwords(name) >= 2 and letters and all(c.isupper() for c in letters) else name


def chrome_free(name: str) -> str:
    return re.sub(r"\s{2,}", " ", name).strip(" ,;")


# ---------------------------------------------------------------- repeats (pull quotes)


def _norm_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text).lower())


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    if len(words) < n:
        return {tuple(words)} if words else set()
    return set(zip(*(words[k:] for k in range(n)), strict=False))


_POST_FRAME = lazy(r"\s+[—–-]\s*(?:[A-Z][\w'’.-]*\s+){0,4}\(@[A-Za-z0-9_]{2,30}\)(?P<when>[^.!?]{0,40})$")
_PULL_QUOTE = lazy(r'^\s*[“"«„][^“”"«»„]{20,}[.!?…]?[”"»]\s*$')


def _drop_repeats(pieces: list[Piece], trace: _Trace) -> list[Piece]:
    """Drop blocks whose words another, longer block already holds (pull quotes, repeats).

    A block goes when 80% of its word 3-grams occur in one longer block, or when it
    repeats an earlier block word for word. Headings always stay.
    """
    words = [_norm_words(p.text) for p in pieces]
    grams = [_shingles(w) if p.kind != "heading" else set() for w, p in zip(words, pieces, strict=True)]
    # A block holding 80% of another's grams holds one of any fifth of them (and one
    # more): an index of those few grams alone finds every block that may hold it, so a
    # huge file takes near-linear time; the counts are then exact.
    probes = [
        set(islice(g, (len(g) * 2 // 5 if _PULL_QUOTE.match(p.text) else len(g) // 5) + 1))
        for g, p in zip(grams, pieces, strict=True)
    ]  # (the first ones list(g) gives; a pull quote needs only 60%: any two fifths and one)
    wanted = set().union(*probes) if probes else set()
    holders: dict[tuple[str, ...], list[int]] = {}
    for j, g in enumerate(grams):
        for x in g & wanted:
            holders.setdefault(x, []).append(j)
    keep: list[Piece] = []
    for i, p in enumerate(pieces):
        if p.kind == "heading" or not grams[i]:
            keep.append(p)
            continue
        # a block wholly in quotation marks is a pull quote's shape: it may shorten the
        # sentences it repeats ("If tariffs return" for "If tariffs or border checks return")
        share = 0.6 if _PULL_QUOTE.match(p.text) else 0.8
        near = sorted({j for x in probes[i] for j in holders.get(x, ()) if j != i})
        repeated = False
        for j in near:
            # a pull quote is a sentence; a few words ("Thank you.") may well recur
            longer = len(words[j]) > len(words[i]) and len(words[i]) >= 6
            same_earlier = words[j] == words[i] and j < i
            if (longer or same_earlier) and len(grams[i] & grams[j]) >= share * len(grams[i]):
                repeated = True
                break
        if repeated:
            trace.dropped.append(Dropped(p.lines[0], p.text, "repeats another paragraph (pull quote)"))
            # a label of a word or three right over the quote ("Pull quote", "Quote") is the
            # quote's box, not a section of the text: it goes with it
            if (
                keep
                and keep[-1] is pieces[i - 1]
                and keep[-1].kind == "heading"
                and nwords(keep[-1].text) <= 3
            ):
                label = keep.pop()
                trace.dropped.append(Dropped(label.lines[0], label.text, "the label over a pull quote"))
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

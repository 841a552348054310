"""Cutting a Document into Passages: the unit BM25 scores and qabot cites.

A passage is one paragraph (or bullet, or photo caption) with its section heading, so
the heading is searchable with the text under it. Very short blocks join a neighbour
and very long ones are cut at sentence boundaries, which keeps passages comparable in
length (BM25 length normalisation then means something). Ids are ``<doc-id>#p<N>`` in
reading order, so an unchanged corpus always gets the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .analysis import sentence_spans

if TYPE_CHECKING:  # the parser is build-time only: reading an index must not import it
    from .corpus.document import Document
    from .corpus.paragraphs import Block

MIN_WORDS = 12
MAX_WORDS = 180
TARGET_WORDS = 110


@dataclass(frozen=True)
class Passage:
    pid: str
    doc_id: str
    n: int  # 1-based position in the document
    section: str | None
    paragraph: int  # 1-based paragraph number within its section
    kind: str  # "paragraph" | "bullet" | "caption"
    text: str
    sentences: tuple[tuple[int, int], ...]

    @property
    def search_text(self) -> str:
        """What the analyzer indexes: the heading travels with its paragraphs."""
        return f"{self.section}\n{self.text}" if self.section else self.text


Span = tuple[int, int]
#: A block with its section label and its paragraph number in that section.
Unit = tuple[str | None, int, "Block"]


def _chunks(text: str) -> list[tuple[str, tuple[Span, ...]]]:
    """Cut a long text at sentence boundaries into pieces of about TARGET_WORDS words;
    each piece comes with its sentences' spans (offsets into the piece)."""
    spans = sentence_spans(text)
    if len(text.split()) <= MAX_WORDS:
        return [(text, tuple(spans))]
    pieces: list[tuple[str, tuple[Span, ...]]] = []
    current: list[str] = []
    count = 0
    for start, end in spans:
        sentence = text[start:end]
        n = len(sentence.split())
        if current and count + n > TARGET_WORDS:
            pieces.append(_joined(current))
            current, count = [], 0
        current.append(sentence)
        count += n
    if current:
        pieces.append(_joined(current))
    return pieces


def _joined(sentences: list[str]) -> tuple[str, tuple[Span, ...]]:
    """The sentences joined by one space, and where each lies in the result."""
    spans: list[Span] = []
    at = 0
    for sentence in sentences:
        spans.append((at, at + len(sentence)))
        at += len(sentence) + 1
    return " ".join(sentences), tuple(spans)


def _join(first: Unit, then: Unit) -> Unit:
    """``then``'s text appended to ``first`` (which keeps its section and paragraph number)."""
    from .corpus.paragraphs import Block

    section, para, block = first
    return section, para, Block(block.kind, f"{block.text} {then[2].text}")


def _joinable(a: Unit, b: Unit) -> bool:
    return a[0] == b[0] and a[2].kind == b[2].kind


def _merge_short(units: list[Unit]) -> list[Unit]:
    """Join blocks under MIN_WORDS to the next block of the same section and kind."""
    out: list[Unit] = []
    pending: Unit | None = None
    for unit in units:
        if pending is not None:
            if _joinable(pending, unit):
                unit = _join(pending, unit)
            else:
                out.append(pending)
            pending = None
        block = unit[2]
        if len(block.text.split()) < MIN_WORDS and block.kind != "caption":
            pending = unit
        else:
            out.append(unit)
    if pending is not None:
        if out and _joinable(out[-1], pending):
            out.append(_join(out.pop(), pending))
        else:
            out.append(pending)
    return out


def split(doc: Document) -> list[Passage]:
    """The passages of ``doc`` in reading order."""
    units: list[Unit] = []
    section: str | None = None
    counters: dict[str | None, int] = {}
    for block in doc.blocks:
        if block.kind == "heading":
            section = block.text
            continue
        label = section
        if section is None and block.kind == "bullet":
            label = "Summary"
        elif block.kind == "caption":
            label = "Photo caption"
        counters[label] = counters.get(label, 0) + 1
        units.append((label, counters[label], block))
    passages: list[Passage] = []
    for label, para, block in _merge_short(units):
        for piece, spans in _chunks(block.text):
            n = len(passages) + 1
            passages.append(
                Passage(
                    pid=f"{doc.doc_id}#p{n}",
                    doc_id=doc.doc_id,
                    n=n,
                    section=label,
                    paragraph=para,
                    kind=block.kind,
                    text=piece,
                    sentences=spans,
                )
            )
    return passages

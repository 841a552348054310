"""Cutting a Document into Passages: the unit BM25 scores and qabot cites.

A passage is one paragraph (or bullet, or photo caption) with its section heading, so
the heading is searchable with the text under it. Very short blocks join a neighbour
and very long ones are cut at sentence boundaries, which keeps passages comparable in
length (BM25 length normalisation then means something). Ids are ``<doc-id>#p<N>`` in
reading order, so an unchanged corpus always gets the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from .analysis import sentence_spans
from .corpus import Block, Document

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


def _chunks(text: str) -> list[str]:
    """Cut a long text at sentence boundaries into pieces of about TARGET_WORDS words."""
    if len(text.split()) <= MAX_WORDS:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        n = len(sentence.split())
        if current and count + n > TARGET_WORDS:
            pieces.append(" ".join(current))
            current, count = [], 0
        current.append(sentence)
        count += n
    if current:
        pieces.append(" ".join(current))
    return pieces


def _merge_short(units: list[tuple[str | None, int, Block]]) -> list[tuple[str | None, int, Block]]:
    """Join blocks under MIN_WORDS to the next block of the same section and kind."""
    out: list[tuple[str | None, int, Block]] = []
    pending: tuple[str | None, int, Block] | None = None
    for section, para, block in units:
        if pending is not None:
            p_section, p_para, p_block = pending
            if p_section == section and p_block.kind == block.kind:
                block = Block(block.kind, f"{p_block.text} {block.text}")
                para = p_para
            else:
                out.append(pending)
            pending = None
        if len(block.text.split()) < MIN_WORDS and block.kind != "caption":
            pending = (section, para, block)
        else:
            out.append((section, para, block))
    if pending is not None:
        if out and out[-1][0] == pending[0] and out[-1][2].kind == pending[2].kind:
            section, para, block = out.pop()
            out.append((section, para, Block(block.kind, f"{block.text} {pending[2].text}")))
        else:
            out.append(pending)
    return out


def split(doc: Document) -> list[Passage]:
    """The passages of ``doc`` in reading order."""
    units: list[tuple[str | None, int, Block]] = []
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
        for piece in _chunks(block.text):
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
                    sentences=tuple(sentence_spans(piece)),
                )
            )
    return passages

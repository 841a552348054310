"""Rendering answers: JSON objects for scripts, styled fragments for people.

Text output is a list of ``(style, text)`` fragments, the shape prompt-toolkit calls
formatted text, built here without importing prompt-toolkit: ``ask`` turns them into
ANSI (or plain text), the REPL prints them through a prompt-toolkit Style. Everything
that came from the corpus or the user passes :func:`safe` before it reaches a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .analysis import Analyzer, strip_control
from .bot import Answer, Result
from .index import Doc, Index
from .passages import Passage

Fragments = list[tuple[str, str]]

STYLES = {
    "answer": "bold",
    "label": "bold",
    "rank": "bold",
    "cite": "ansicyan",
    "match": "bold ansiyellow",
    "dim": "ansibrightblack",
    "reason": "ansiyellow",
    "error": "ansired",
}
_ANSI = {
    "answer": "1",
    "label": "1",
    "rank": "1",
    "cite": "36",
    "match": "1;33",
    "dim": "90",
    "reason": "33",
    "error": "31",
}


def safe(text: str) -> str:
    """Terminal-safe text: no escape sequences, no control characters."""
    return strip_control(text)


def where(passage: Passage) -> str:
    """Where a passage sits in its briefing: ``"Section ¶2"``, or ``"¶2"`` before any heading."""
    return f"{passage.section} ¶{passage.paragraph}" if passage.section else f"¶{passage.paragraph}"


def citation(doc: Doc, passage: Passage) -> str:
    return safe(f"{doc.title} · {doc.date} · {where(passage)}")


# ---------------------------------------------------------------- JSON


def passage_json(r: Result, ranked: bool = True) -> dict[str, Any]:
    """A passage for scripts; ``ranked=False`` leaves out rank, score and matched terms
    (for a passage looked up by id rather than found by a question)."""
    obj: dict[str, Any] = {
        "rank": r.rank,
        "score": round(r.score, 4),
        "id": r.passage.pid,
        "doc": r.doc.doc_id,
        "title": r.doc.title,
        "date": r.doc.date,
        "section": r.passage.section,
        "paragraph": r.passage.paragraph,
        "kind": r.passage.kind,
        "text": r.passage.text,
        "matched": list(r.matched),
    }
    if not ranked:
        del obj["rank"], obj["score"], obj["matched"]
    return obj


def answer_json(a: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {
        "question": a.question,
        "query": a.query,
        "answered": a.answered,
        "answer": a.answer,
    }
    if not a.answered:
        out["reason"] = a.reason
    out["passages"] = [passage_json(r) for r in a.results]
    return out


# ---------------------------------------------------------------- text


def _word_end(text: str, a: int, b: int) -> int:
    """Where the highlight of word ``text[a:b]`` ends: before a possessive "'s"."""
    return b - 2 if b - a > 2 and text[b - 2] in "'\u2019" and text[b - 1] == "s" else b


def _words(text: str, terms: frozenset[str], analyzer: Analyzer | None) -> list[Fragments]:
    """Split text into words, each a list of (style, piece); query-term pieces get marked.

    A word is split so only its matched part is marked ("Korea's" -> "Korea" + "'s").
    """
    marks: list[tuple[int, int]] = []
    if analyzer is not None and terms:
        marks = [(a, _word_end(text, a, b)) for _, tok, a, b in analyzer.surface(text) if tok in terms]
    words: list[Fragments] = []
    for m in re.finditer(r"\S+", text):
        a, b = m.span()
        pos, pieces = a, []
        for x, y in marks:
            x, y = max(x, a), min(y, b)
            if x >= y:
                continue
            if x > pos:
                pieces.append(("", text[pos:x]))
            pieces.append(("class:match", text[x:y]))
            pos = y
        if pos < b:
            pieces.append(("", text[pos:b]))
        words.append(pieces)
    return words


def wrap(
    text: str,
    width: int,
    indent: str = "",
    terms: frozenset[str] = frozenset(),
    analyzer: Analyzer | None = None,
    style: str = "",
) -> Fragments:
    """Word-wrap ``text`` to ``width`` columns, highlighting query terms."""
    frags: Fragments = []
    col = 0
    for pieces in _words(safe(text), terms, analyzer):
        length = sum(len(t) for _, t in pieces)
        if col == 0:
            frags.append(("", indent))
            col = len(indent)
        elif col + 1 + length > width:
            frags.append(("", "\n" + indent))
            col = len(indent)
        else:
            frags.append((style, " "))
            col += 1
        frags.extend((s or style, t) for s, t in pieces)
        col += length
    frags.append(("", "\n"))
    return frags


def trim_around(
    text: str, terms: frozenset[str], analyzer: Analyzer, max_words: int, focus: str | None = None
) -> str:
    """Shorten a long passage to about ``max_words`` words, keeping what matters.

    The window starts just before ``focus`` (the answer sentence) when the passage holds
    it, else where the most query-term matches fall.
    """
    words = text.split()
    if len(words) <= max_words:
        return text
    at = text.find(focus) if focus else -1
    if at >= 0:
        start = max(0, len(text[:at].split()) - 4)
    else:
        hits = [i for i, w in enumerate(words) if set(analyzer.analyze(w)) & terms]
        start = max(
            range(len(words) - max_words + 1), key=lambda s: (sum(s <= h < s + max_words for h in hits), -s)
        )
    start = min(start, len(words) - max_words)
    end = start + max_words
    piece = " ".join(words[start:end])
    return ("… " if start else "") + piece + (" …" if end < len(words) else "")


def answer_fragments(
    a: Answer,
    width: int = 80,
    analyzer: Analyzer | None = None,
    index: Index | None = None,
    max_words: int | None = None,
) -> Fragments:
    """An answer for people: the answer sentence, then the numbered cited passages."""
    terms = frozenset(a.terms)
    frags: Fragments = []
    if not a.answered:
        frags.append(("class:label", "No answer: "))
        frags += wrap(a.reason or "nothing relevant found", width, style="class:reason")[1:]
        if index is not None:
            covered = "; ".join(f"{d.title} ({d.date})" for d in index.docs[:4])
            more = f" and {len(index.docs) - 4} more" if len(index.docs) > 4 else ""
            frags += wrap(f"The briefings cover: {covered}{more}.", width, style="class:dim")
        if not a.results:
            return frags
        frags.append(("class:dim", "Nearest passages:\n"))
    elif a.answer:
        frags += wrap(a.answer, width, terms=terms, analyzer=analyzer, style="class:answer")
    for r in a.results:
        frags.append(("", "\n"))
        frags.append(("class:rank", f"[{r.rank}] "))
        frags += wrap(citation(r.doc, r.passage), width - 4 - len(str(r.rank)), style="class:cite")[1:]
        text = r.passage.text
        if max_words and analyzer is not None:
            text = trim_around(text, terms, analyzer, max_words, focus=a.answer)
        frags += wrap(text, width, indent="    ", terms=terms, analyzer=analyzer)
        frags.append(("class:dim", f"    {safe(r.passage.pid)} · score {r.score:.2f}\n"))
    return frags


def to_ansi(frags: Iterable[tuple[str, str]], color: bool) -> str:
    """Fragments as a string, with ANSI colours when ``color``."""
    out: list[str] = []
    merged: Fragments = []
    for style, text in frags:  # one escape sequence per run of equal style
        if merged and merged[-1][0] == style:
            merged[-1] = (style, merged[-1][1] + text)
        else:
            merged.append((style, text))
    for style, text in merged:
        codes = [_ANSI[c] for c in style.replace("class:", "").split() if c in _ANSI] if color else []
        if codes and text.strip():
            body, tail = text.rstrip("\n"), text[len(text.rstrip("\n")) :]
            out.append(f"\x1b[{';'.join(codes)}m{body}\x1b[0m{tail}")
        else:
            out.append(text)
    return "".join(out)


def plain(frags: Sequence[tuple[str, str]]) -> str:
    return to_ansi(frags, color=False)


def document_fragments(index: Index, doc: Doc, width: int = 80) -> Fragments:
    """A whole briefing for people: title, date and id, then its passages by section."""
    frags: Fragments = [
        ("class:answer", safe(doc.title) + "\n"),
        ("class:dim", safe(f"{doc.date} · {doc.doc_id}") + "\n"),
    ]
    section: str | None = None
    for j in range(doc.first, doc.first + doc.count):
        p = index.passage(j)
        if p.section and p.section != section:
            frags += [("", "\n"), ("class:label", safe(p.section) + "\n")]
        elif j > doc.first:
            frags.append(("", "\n"))
        section = p.section
        frags += wrap(p.text, width)
    return frags

"""Rendering answers: JSON objects for scripts, styled fragments for people.

Text output is a list of ``(style, text)`` fragments, the shape prompt-toolkit calls
formatted text, built here without importing prompt-toolkit: ``ask`` turns them into
ANSI (or plain text), the REPL prints them through a prompt-toolkit Style. Everything
that came from the corpus or the user passes :func:`safe` before it reaches a terminal.

Text fits the width it is given: labels count towards the first line (:func:`wrap`'s
``first``), and the ``<id> · score`` line under a passage is fitted by eliding the
middle of the briefing id with "…" (:func:`short_id`) — on a terminal only. Off a
terminal (a pipe, a file) ids are printed whole, so they can be copied into ``qabot
show`` or grepped; callers pass ``fit_ids=isatty(out)``. A shortened id copied from
the screen works too: ``qabot show`` and the chat's ``/show`` expand it
(:func:`expand_id`) when it fits one briefing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from .analysis import Analyzer, strip_control
from .api import Answer, Result
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
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
#: prompt-toolkit style words as ANSI SGR codes (enough for STYLES; a new word fails at import).
_SGR = {
    "bold": "1",
    "italic": "3",
    "underline": "4",
    **{f"ansi{c}": str(30 + i) for i, c in enumerate(_COLOURS)},
    **{f"ansibright{c}": str(90 + i) for i, c in enumerate(_COLOURS)},
}
#: Each class of STYLES as the SGR parameters ``to_ansi`` writes ("match" -> "1;33").
_ANSI = {name: ";".join(_SGR[word] for word in style.split()) for name, style in STYLES.items()}


def safe(text: str) -> str:
    """Terminal-safe text: no escape sequences, no control characters."""
    return strip_control(text)


def where(passage: Passage) -> str:
    """Where a passage sits in its briefing: ``"Section ¶2"``, or ``"¶2"`` before any heading."""
    return f"{passage.section} ¶{passage.paragraph}" if passage.section else f"¶{passage.paragraph}"


def citation(doc: Doc, passage: Passage) -> str:
    return safe(f"{doc.title} · {doc.date} · {where(passage)}")


# ---------------------------------------------------------------- JSON


def passage_json(passage: Passage, doc: Doc, result: Result | None = None) -> dict[str, Any]:
    """A passage for scripts. With the ``result`` that found it (a passage of an answer),
    also its rank, score and matched terms; without (a passage looked up by id), not."""
    obj: dict[str, Any] = {"rank": result.rank, "score": round(result.score, 4)} if result is not None else {}
    obj.update(
        id=passage.pid,
        doc=doc.doc_id,
        title=doc.title,
        date=doc.date,
        section=passage.section,
        paragraph=passage.paragraph,
        kind=passage.kind,
        text=passage.text,
    )
    if result is not None:
        obj["matched"] = list(result.matched)
    return obj


def doc_passages(index: Index, doc: Doc) -> list[Passage]:
    """The passages of briefing ``doc``, in order."""
    return [index.passage(j) for j in range(doc.first, doc.first + doc.count)]


def answer_json(a: Answer) -> dict[str, Any]:
    out: dict[str, Any] = {
        "question": a.question,
        "query": a.query,
        "answered": a.answered,
        "answer": a.answer,
    }
    if not a.answered:
        out["reason"] = a.reason
        out["reason_code"] = a.reason_code
    out["passages"] = [passage_json(r.passage, r.doc, r) for r in a.results]
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
    first: tuple[str, str] | None = None,
) -> Fragments:
    """Word-wrap ``text`` to ``width`` columns, highlighting query terms.

    Lines after the first start with ``indent``. ``first``, a ``(style, label)`` fragment
    such as ``("class:label", "No answer: ")``, opens the first line in place of
    ``indent``; the column count starts after it, so no line passes ``width`` (only a
    single word longer than the room overflows).
    """
    frags: Fragments = [first] if first is not None and first[1] else []
    col = len(first[1]) if first is not None else 0
    fresh = True  # no word on the current line yet
    for pieces in _words(safe(text), terms, analyzer):
        length = sum(len(t) for _, t in pieces)
        if fresh and first is None:
            frags.append(("", indent))
            col = len(indent)
        elif fresh and col + length > width and col > len(indent):
            frags.append(("", "\n" + indent))  # the label's line has no room for this word
            col = len(indent)
        elif not fresh and col + 1 + length > width:
            frags.append(("", "\n" + indent))
            col = len(indent)
        elif not fresh:
            frags.append((style, " "))
            col += 1
        fresh = False
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


def short_id(pid: str, room: int) -> str:
    """``pid`` cut in the middle of its briefing id to fit ``room`` columns (``#pN`` kept).

    The cut is marked "…"; :func:`expand_id` turns such a form back into the full id.
    """
    if len(pid) <= room:
        return pid
    doc, sep, n = pid.rpartition("#p")
    tail = sep + n
    keep = max(room - len(tail) - 1, 8)
    return doc[: keep // 2] + "…" + doc[len(doc) - (keep - keep // 2) :] + tail


def expand_id(short: str, doc_ids: Iterable[str]) -> str | None:
    """The full id of a form :func:`short_id` shortened (``"2019-02-28-why…tions#p2"``),
    when exactly one of ``doc_ids`` fits it; None otherwise (also for an id not shortened)."""
    doc, sep, n = short.strip().rpartition("#p")
    if not sep:
        doc, n = short.strip(), ""
    head, cut, tail = doc.partition("…")
    if not cut:
        return None
    fits = [d for d in doc_ids if len(d) > len(head) + len(tail) and d.startswith(head) and d.endswith(tail)]
    return fits[0] + sep + n if len(fits) == 1 else None


#: Ends the passages when ``max_words`` (the chat's) trimmed one of them.
TRIMMED_HINT = "(trimmed around the matches: /show N for a passage in full)\n"


def results_fragments(
    results: Sequence[Result],
    width: int = 80,
    analyzer: Analyzer | None = None,
    *,
    terms: frozenset[str] = frozenset(),
    focus: str | None = None,
    max_words: int | None = None,
    fit_ids: bool = True,
) -> Fragments:
    """Numbered cited passages, a blank line between them: ``[rank] citation``, the text
    (trimmed to about ``max_words`` around ``focus`` or the ``terms``, then ending with
    :data:`TRIMMED_HINT`, when given an analyzer) and ``<id> · score``.

    With ``fit_ids`` the id line is fitted to ``width`` (:func:`short_id`); without, the
    id is printed whole.
    """
    frags: Fragments = []
    trimmed = False
    for n, r in enumerate(results):
        if n:
            frags.append(("", "\n"))
        cite = citation(r.doc, r.passage)
        frags += wrap(cite, width, style="class:cite", first=("class:rank", f"[{r.rank}] "))
        text = r.passage.text
        if max_words and analyzer is not None:
            text = trim_around(text, terms, analyzer, max_words, focus=focus)
            trimmed = trimmed or text != r.passage.text
        frags += wrap(text, width, indent="    ", terms=terms, analyzer=analyzer)
        score = f" · score {r.score:.2f}"
        pid = short_id(safe(r.passage.pid), width - 4 - len(score)) if fit_ids else safe(r.passage.pid)
        frags.append(("class:dim", f"    {pid}{score}\n"))
    if trimmed:
        frags.append(("class:dim", TRIMMED_HINT))
    return frags


def answer_fragments(
    a: Answer,
    width: int = 80,
    analyzer: Analyzer | None = None,
    index: Index | None = None,
    max_words: int | None = None,
    fit_ids: bool = True,
) -> Fragments:
    """An answer for people: the answer sentence, then the numbered cited passages
    (:func:`results_fragments`)."""
    terms = frozenset(a.terms)
    frags: Fragments = []
    if not a.answered:
        reason = a.reason or "nothing relevant found"
        frags += wrap(reason, width, style="class:reason", first=("class:label", "No answer: "))
        if index is not None:
            covered = "; ".join(f"{d.title} ({d.date})" for d in index.docs[:4])
            more = f" and {len(index.docs) - 4} more" if len(index.docs) > 4 else ""
            frags += wrap(f"The briefings cover: {covered}{more}.", width, style="class:dim")
        if not a.results:
            return frags
        frags.append(("class:dim", "Nearest passages:\n"))
    elif a.answer:
        frags += wrap(a.answer, width, terms=terms, analyzer=analyzer, style="class:answer")
    if a.results:
        frags.append(("", "\n"))
    frags += results_fragments(
        a.results, width, analyzer, terms=terms, focus=a.answer, max_words=max_words, fit_ids=fit_ids
    )
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
    for n, p in enumerate(doc_passages(index, doc)):
        if p.section and p.section != section:
            frags += [("", "\n"), ("class:label", safe(p.section) + "\n")]
        elif n:
            frags.append(("", "\n"))
        section = p.section
        frags += wrap(p.text, width)
    return frags

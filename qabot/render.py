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

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from .analysis import Analyzer, strip_control
from .api import Answer, Result, TermScore, Timeline
from .commandline import CHAT_COMMANDS, CHAT_KEYS
from .index import Doc
from .lazyre import lazy
from .passages import Passage
from .style import STYLES, sgr

if TYPE_CHECKING:
    from .index import Index

Fragments = list[tuple[str, str]]

#: Each class of STYLES as the SGR parameters ``to_ansi`` writes ("match" -> "1;33").
_ANSI = {name: sgr(text) for name, text in STYLES.items()}

# ---------------------------------------------------------------- terminal safety

#: Characters that are invisible or reorder text on a terminal: Arabic letter mark,
#: Mongolian vowel separator, zero-width space/joiners, LRM/RLM, bidi embeddings,
#: overrides and isolates, word joiner and invisible operators, BOM, interlinear marks.
_INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")
#: C1 forms of the escape sequences (CSI U+009B ... final byte, OSC/DCS/SOS/PM/APC strings up
#: their terminator or the end of the line): removed whole, so no "31m" is left behind.
_C1_SEQUENCE = re.compile("\x9b[0-?]*[ -/]*[@-~]|[\x90\x98\x9d-\x9f][^\x07\x9c\n]*[\x07\x9c]?")
#: Lone surrogates (an undecodable file name read with surrogateescape) cannot be printed.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: What JSON output writes as \u escapes: the above, C1 controls, DEL, line separators.
_JSON_UNSAFE = lazy(
    "[\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def safe(text: str) -> str:
    """Terminal-safe text: no escape sequences, no control, bidi or zero-width characters
    (newline and tab survive), undecodable bytes as U+FFFD."""
    text = _INVISIBLE.sub("", strip_control(_C1_SEQUENCE.sub("", text)))
    return _SURROGATE.sub("\ufffd", text.replace("\u2028", " ").replace("\u2029", " "))


def safe_line(text: str) -> str:
    """:func:`safe` for a one-line field (a title, an id, a file name): a newline in it
    must not forge a line of output."""
    return re.sub(r"[\n\t]", " ", safe(text))


def json_text(obj: object, *, indent: int | None = None, ascii_only: bool = False) -> str:
    """``obj`` as JSON whose text is terminal-safe: every character that :func:`safe`
    would drop is written as a ``\\uXXXX`` escape, so a parser still gets the data
    unchanged while a terminal never sees a raw bidi override or C1 control."""
    text = json.dumps(obj, ensure_ascii=ascii_only, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_JSON_TOKEN = lazy(r'("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|\b(true|false|null)\b')


def json_fragments(text: str) -> Fragments:
    """Pretty-printed JSON as styled fragments (keys, strings, numbers, literals), as
    httpie and gh colour JSON on a terminal."""
    frags: Fragments = []
    pos = 0
    for m in _JSON_TOKEN.compiled.finditer(text):
        frags.append(("", text[pos : m.start()]))
        if m.group(1) is not None:
            frags.append(("class:json-key" if m.group(2) else "class:json-string", m.group(1)))
            if m.group(2):
                frags.append(("", m.group(2)))
        elif m.group(3) is not None:
            frags.append(("class:json-number", m.group(3)))
        else:
            frags.append(("class:json-literal", m.group(4)))
        pos = m.end()
    frags.append(("", text[pos:]))
    return [f for f in frags if f[1]]


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 briefing``, ``2 briefings``."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def clip(text: str, room: int) -> str:
    """``text`` cut at a word boundary to fit ``room`` columns, ending in "…"."""
    if len(text) <= room:
        return text
    cut = text[: max(room - 1, 1)]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;:·") + "…"


def where(passage: Passage) -> str:
    """Where a passage sits in its briefing: ``"Section ¶2"``, or ``"¶2"`` before any heading."""
    return f"{passage.section} ¶{passage.paragraph}" if passage.section else f"¶{passage.paragraph}"


def author(doc: Doc) -> str:
    """The briefing's authors as one line ("" when none): ``A``, ``A and B``, ``A, B and C``."""
    names = [a for a in doc.authors if a]
    if len(names) <= 1:
        return names[0] if names else ""
    return ", ".join(names[:-1]) + " and " + names[-1]


def citation(doc: Doc, passage: Passage, age_from: date | None = None) -> str:
    """``Title · Author · date · Section ¶N`` (no author part when the briefing names none);
    with ``age_from`` (the chat, after a first answer), the date says how far it is from
    that one: ``2019-02-28 · 2 days later``."""
    by = f" · {author(doc)}" if doc.authors else ""
    when = doc.date
    age = relative_age(doc.date, age_from)
    if age:
        when = f"{when} · {age}"
    return safe_line(f"{doc.title}{by} · {when} · {where(passage)}")


def relative_age(iso: str, ref: date | None) -> str:
    """How far the date ``iso`` is from ``ref``, in words ("2 days later", "the same day",
    "3 years earlier"); "" when either is unknown."""
    from .timespec import iso as day

    d = day(iso)
    if d is None or ref is None:
        return ""
    n = (d - ref).days
    if n == 0:
        return "the same day"
    side = "later" if n > 0 else "earlier"
    n = abs(n)
    for size, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        if n >= size * (1 if size == 1 else 2) or size == 1:
            k = round(n / size)
            return f"{k} {unit}{'s' if k != 1 else ''} {side}"
    return ""  # pragma: no cover


def time_line(a: Answer, width: int) -> Fragments:
    """What the time words and the date window did, in one dim line (nothing when none)."""
    t = a.timing
    if t is None:
        return []
    from .search.abstain import window_text

    parts = []
    if t.words:
        parts.append(", ".join(f'"{safe_line(w)}"' for w in t.words))
    for e in t.events:
        parts.append(f"{safe_line(e.name)}: {e.date}")
    if t.window:
        parts.append(f"briefings dated {window_text(t.since, t.until)}")
    if t.prefer:
        parts.append("newest first" if t.prefer == "latest" else "oldest first")
    if a.undated:
        parts.append(f"{plural(a.undated, 'undated briefing')} left out")
    return wrap("time: " + " · ".join(parts), width, style="class:dim")


# ---------------------------------------------------------------- the answer, checked


NO_SENTENCE = "no sentence of the passages answers the question"


def checked(a: Answer) -> Answer:
    """``a`` as the contract promises it: an answered question has an answer sentence.

    The library decides; this only keeps a face from printing ``"answered": true`` with
    ``"answer": null`` (or an empty answer line) if the library ever returns that.
    """
    if a.answered and not (a.answer or "").strip():
        return replace(a, answered=False, answer=None, reason=a.reason or NO_SENTENCE, reason_code="no_match")
    return a


# ---------------------------------------------------------------- JSON


def matched_words(passage: Passage, stems: Iterable[str], analyzer: Analyzer | None) -> list[str]:
    """The passage's own words (lower-cased, as written) whose index term is in ``stems``,
    each once, in reading order: "prematurely", not the stem "prematur"."""
    wanted = set(stems)
    if analyzer is None or not wanted:
        return []
    seen: dict[str, None] = {}
    for word, token, _, _ in analyzer.surface(passage.text):
        if token in wanted:
            seen.setdefault(word, None)
    return list(seen)


def passage_json(
    passage: Passage, doc: Doc, result: Result | None = None, analyzer: Analyzer | None = None
) -> dict[str, Any]:
    """A passage for scripts. With the ``result`` that found it (a passage of an answer),
    also its rank, score, ``matched`` (surface words, given the analyzer) and ``stems``
    (the matched index terms); without (a passage looked up by id), not."""
    obj: dict[str, Any] = {"rank": result.rank, "score": round(result.score, 4)} if result is not None else {}
    obj.update(
        id=passage.pid,
        doc=doc.doc_id,
        title=doc.title,
        author=author(doc),
        date=doc.date,
        section=passage.section,
        paragraph=passage.paragraph,
        kind=passage.kind,
        text=passage.text,
    )
    if result is not None:
        obj["matched"] = matched_words(passage, result.matched, analyzer) or list(result.matched)
        obj["stems"] = list(result.matched)
    return obj


def doc_passages(index: Index, doc: Doc) -> list[Passage]:
    """The passages of briefing ``doc``, in order."""
    return [index.passage(j) for j in range(doc.first, doc.first + doc.count)]


def answer_json(a: Answer, analyzer: Analyzer | None = None) -> dict[str, Any]:
    a = checked(a)
    out: dict[str, Any] = {
        "question": a.question,
        "query": a.query,
        "answered": a.answered,
        "answer": a.answer,
    }
    if not a.answered:
        out["reason"] = a.reason
        out["reason_code"] = a.reason_code
    if a.timing is not None:
        out["time"] = {**a.timing.as_dict(), "undated_left_out": a.undated}
    out["passages"] = [passage_json(r.passage, r.doc, r, analyzer) for r in a.results]
    return out


def timeline_json(t: Timeline) -> dict[str, Any]:
    """A timeline for ``--json``: the topic, what was applied, the entries oldest first."""
    out: dict[str, Any] = {"topic": t.topic, "query": t.query, "found": t.found}
    if not t.found:
        out["reason"] = t.reason
        out["reason_code"] = t.reason_code
    if t.timing is not None:
        out["time"] = {**t.timing.as_dict(), "undated_left_out": t.undated}
    out["entries"] = [
        {"date": e.date or None, "title": e.doc.title, "briefing": e.doc.doc_id, "id": e.passage.pid,
         "sentence": e.sentence, "score": round(e.score, 4)}
        for e in t.entries
    ]  # fmt: skip
    return out


def timeline_fragments(t: Timeline, width: int = 80, fit_ids: bool = True) -> Fragments:
    """A timeline for people: per briefing, ``date · title``, then its answer sentence
    and the passage id (dim); undated briefings last, dated "undated"."""
    frags: Fragments = []
    if not t.found:
        reason = t.reason or "nothing found"
        return wrap(reason, width, style="class:reason", first=("class:label", "No timeline: "))
    if t.timing is not None:
        frags += wrap(f"time: briefings dated {_window(t)}", width, style="class:dim")
    prev: date | None = None
    from .timespec import iso

    for n, e in enumerate(t.entries):
        if n:
            frags.append(("", "\n"))
        age = relative_age(e.date, prev) if e.date else ""
        head = f"{e.date or 'undated'}" + (f" ({age})" if age else "")
        frags.append(("class:rank", safe_line(head)))
        frags += wrap(safe_line(e.doc.title), width, style="class:cite", first=("", " · "))
        frags += wrap(safe_line(e.sentence), width, "    ", first=("", "    "))
        pid = short_id(safe_line(e.passage.pid), width - 4) if fit_ids else safe_line(e.passage.pid)
        frags.append(("class:dim", f"    {pid}\n"))
        prev = iso(e.date) or prev
    return frags


def _window(t: Timeline) -> str:
    from .search.abstain import window_text

    assert t.timing is not None
    return window_text(t.timing.since, t.timing.until)


def doc_json(n: int, d: Doc) -> dict[str, Any]:
    """A briefing for ``sources --json``: its number (what ``qabot show N`` takes) and data."""
    return {"n": n, "id": d.doc_id, "date": d.date, "title": d.title, "passages": d.count, "file": d.file,
            "author": author(d), "site": d.site}  # fmt: skip


# ---------------------------------------------------------------- text


def _word_end(text: str, a: int, b: int) -> int:
    """Where the highlight of word ``text[a:b]`` ends: before a possessive "'s"."""
    return b - 2 if b - a > 2 and text[b - 2] in "'\u2019" and text[b - 1] == "s" else b


def _words(
    text: str,
    terms: frozenset[str],
    analyzer: Analyzer | None,
    spans: Sequence[tuple[int, int, str]] = (),
) -> list[Fragments]:
    """Split text into words, each a list of (style, piece); query-term pieces get marked.

    A word is split so only its matched part is marked ("Korea's" -> "Korea" + "'s"). A
    word inside one of ``spans`` (start, end, style) takes that span's style whole.
    """
    marks: list[tuple[int, int]] = []
    if analyzer is not None and terms:
        marks = [(a, _word_end(text, a, b)) for _, tok, a, b in analyzer.surface(text) if tok in terms]
    words: list[Fragments] = []
    for m in re.finditer(r"\S+", text):
        a, b = m.span()
        span = next((st for x, y, st in spans if x <= a and b <= y), None)
        if span is not None:
            words.append([(span, text[a:b])])
            continue
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


#: Separators that stay on the line of the word before them.
_GLUE = ("·", "—", "→")


def wrap(
    text: str,
    width: int,
    indent: str = "",
    terms: frozenset[str] = frozenset(),
    analyzer: Analyzer | None = None,
    style: str = "",
    first: tuple[str, str] | None = None,
    spans: Sequence[tuple[int, int, str]] = (),
) -> Fragments:
    """Word-wrap ``text`` to ``width`` columns, highlighting query terms.

    Lines after the first start with ``indent``. ``first``, a ``(style, label)`` fragment
    such as ``("class:label", "No answer: ")``, opens the first line in place of
    ``indent``; the column count starts after it, so no line passes ``width`` (only a
    single word longer than the room overflows). ``spans`` style ranges of ``text``
    (offsets after :func:`safe`, which the caller applied if it computed them).
    """
    frags: Fragments = [first] if first is not None and first[1] else []
    col = len(first[1]) if first is not None else 0
    fresh = True  # no word on the current line yet
    words: list[Fragments] = []
    for pieces in _words(safe(text) if not spans else text, terms, analyzer, spans):
        if words and "".join(t for _, t in pieces) in _GLUE:  # "Title ·" never leaves "·" to open a line
            words[-1] = [*words[-1], (style, " "), *pieces]
        else:
            words.append(pieces)
    for pieces in words:
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
    if not sep:
        doc, n = pid, ""
    tail = sep + n
    keep = max(room - len(tail) - 1, 8)
    return doc[: keep // 2] + "…" + doc[len(doc) - (keep - keep // 2) :] + tail


def expand_id(short: str, doc_ids: Iterable[str]) -> str | None:
    """The full id of a form :func:`short_id` shortened (``"2019-02-28-why…tions#p2"``, or
    with "..." typed for "…"), when exactly one of ``doc_ids`` fits it; None otherwise
    (also for an id not shortened)."""
    from .lookup import expand_short

    doc, sep, n = short.strip().rpartition("#p")
    if not sep:
        doc, n = short.strip(), ""
    full = expand_short(doc, list(doc_ids))
    return full + sep + n if full is not None else None


#: Ends the passages when ``max_words`` (the chat's) trimmed one of them.
TRIMMED_HINT = "(trimmed around the matches: /show N for a passage in full)\n"
#: Stands for the answer sentence inside a passage that holds it (it was just printed).
ANSWER_MARK = "[answer above]"
WHOLE_ANSWER = "(the answer above is this whole passage)"


def _find_answer(text: str, answer: str | None) -> tuple[int, int] | None:
    """Where ``answer`` stands in ``text`` (spaces between its words may differ)."""
    if not answer or not answer.strip():
        return None
    pattern = r"\s+".join(re.escape(w) for w in answer.split())
    m = re.search(pattern, text)
    return m.span() if m else None


def results_fragments(
    results: Sequence[Result],
    width: int = 80,
    analyzer: Analyzer | None = None,
    *,
    terms: frozenset[str] = frozenset(),
    focus: str | None = None,
    max_words: int | None = None,
    fit_ids: bool = True,
    age_from: date | None = None,
) -> Fragments:
    """Numbered cited passages, a blank line between them: ``[rank] citation``, the text
    (trimmed to about ``max_words`` around ``focus`` or the ``terms``, then ending with
    :data:`TRIMMED_HINT`, when given an analyzer) and ``<id> · score``.

    ``focus`` is the answer sentence, printed just above: inside a passage it is
    replaced by :data:`ANSWER_MARK`, so the passages add what the answer did not say
    instead of repeating it word for word. With ``fit_ids`` the id line is fitted to
    ``width`` (:func:`short_id`); without, the id is printed whole.
    """
    frags: Fragments = []
    trimmed = False
    for n, r in enumerate(results):
        if n:
            frags.append(("", "\n"))
        cite = citation(r.doc, r.passage, age_from)
        frags += wrap(cite, width, style="class:cite", first=("class:rank", f"[{r.rank}] "))
        text = safe(r.passage.text)
        at = _find_answer(text, safe(focus)) if focus else None
        if at is not None and not text[: at[0]].strip() and not text[at[1] :].strip():
            frags += wrap(WHOLE_ANSWER, width, "    ", style="class:dim")
        else:
            mark = focus
            if at is not None:
                text, mark = text[: at[0]] + ANSWER_MARK + text[at[1] :], ANSWER_MARK
            if max_words and analyzer is not None:
                short = trim_around(text, terms, analyzer, max_words, focus=mark)
                trimmed = trimmed or short != text
                text = short
            spans = []
            if at is not None and ANSWER_MARK in text:
                s = text.index(ANSWER_MARK)
                spans = [(s, s + len(ANSWER_MARK), "class:dim")]
            frags += wrap(text, width, indent="    ", terms=terms, analyzer=analyzer, spans=spans)
        score = f" · score {r.score:.2f}"
        pid = (
            short_id(safe_line(r.passage.pid), width - 4 - len(score))
            if fit_ids
            else safe_line(r.passage.pid)
        )
        frags.append(("class:dim", f"    {pid}{score}\n"))
    if trimmed:
        frags += wrap(TRIMMED_HINT, width, style="class:dim")
    return frags


def following_names(analyzer: Analyzer | None, answer: Answer, before: Sequence[Answer]) -> list[str]:
    """The names (or, lacking names, the words) a follow-up borrowed from the earlier
    turns ``before``: what its searched words hold that its own words lack. Empty for a
    question read on its own."""
    if not before or analyzer is None:
        return []
    own = set(analyzer.analyze(answer.question))
    borrowed = {t for t in answer.context.own_terms if t not in own}
    if not borrowed:
        return []
    names: list[str] = []
    covered: set[str] = set()
    for earlier in reversed(before):
        for name in earlier.entities:
            tokens = set(analyzer.analyze(name))
            if tokens & borrowed and name not in names:
                names.append(name)
                covered |= tokens
    words: dict[str, str] = {}  # the rest: borrowed words as the earlier questions wrote them
    for earlier in before:
        for _, token, a, b in analyzer.surface(earlier.question):
            if token in borrowed:
                words.setdefault(token, earlier.question[a:b])
    return names + [words.get(t, t) for t in answer.context.own_terms if t in borrowed - covered]


SAME_ANSWER = "the same sentence answered the last question"


def following_line(names: Sequence[str], width: int, same: bool = False) -> Fragments:
    """How a follow-up was read, in one dim line: ``following: Kim Jong Un, Hanoi`` (as
    many whole names as fit, then "…"); ``same``: it found the last answer again, said
    on the same line when there is room, else on the next."""
    frags: Fragments = []
    if names:
        head = "following: "
        shown: list[str] = []
        for name in (safe_line(n) for n in names):
            if len(head) + len(", ".join([*shown, name, "…"])) > width and shown:
                shown.append("…")
                break
            shown.append(name)
        line = clip(head + ", ".join(shown), width)
        if same and len(line) + 3 + len(SAME_ANSWER) <= width:
            return [("class:dim", f"{line} · {SAME_ANSWER}\n")]
        frags.append(("class:dim", line + "\n"))
    if same:
        frags += wrap(f"({SAME_ANSWER})", width, style="class:dim")
    return frags


def answer_fragments(
    a: Answer,
    width: int = 80,
    analyzer: Analyzer | None = None,
    index: Index | None = None,
    max_words: int | None = None,
    fit_ids: bool = True,
    *,
    following: Sequence[str] = (),
    same_as_last: bool = False,
    age_from: date | None = None,
) -> Fragments:
    """An answer for people: the answer sentence, the follow-up reading in one dim line
    (``following``: the names a follow-up built on), then the numbered cited passages
    (:func:`results_fragments`), which do not repeat the answer sentence."""
    a = checked(a)
    terms = frozenset(a.terms)
    frags: Fragments = []
    if not a.answered:
        reason = a.reason or "nothing relevant found"
        frags += wrap(reason, width, style="class:reason", first=("class:label", "No answer: "))
        frags += following_line(following, width)
        frags += time_line(a, width)
        if index is not None:
            covered = "; ".join(f"{d.title} ({d.date})" for d in index.docs[:4])
            more = f" and {len(index.docs) - 4} more" if len(index.docs) > 4 else ""
            frags += wrap(f"The briefings cover: {covered}{more}.", width, style="class:dim")
        if not a.results:
            return frags
        frags.append(("class:dim", "Nearest passages:\n"))
    else:
        frags += wrap(a.answer or "", width, terms=terms, analyzer=analyzer, style="class:answer")
        frags += following_line(following, width, same_as_last)
    frags += time_line(a, width)
    if a.results:
        frags.append(("", "\n"))
    focus = a.answer if a.answered else None
    frags += results_fragments(
        a.results, width, analyzer, terms=terms, focus=focus, max_words=max_words, fit_ids=fit_ids,
        age_from=age_from,
    )  # fmt: skip
    return frags


def to_ansi(frags: Iterable[tuple[str, str]], color: bool, styles: dict[str, str] | None = None) -> str:
    """Fragments as a string, with ANSI colours when ``color`` (``styles``: the config's
    ``[style]`` overrides, already checked)."""
    table = _ANSI if not styles else {**_ANSI, **{k: sgr(v) for k, v in styles.items()}}
    out: list[str] = []
    merged: Fragments = []
    for style, text in frags:  # one escape sequence per run of equal style
        if merged and merged[-1][0] == style:
            merged[-1] = (style, merged[-1][1] + text)
        else:
            merged.append((style, text))
    for style, text in merged:
        codes = [table[c] for c in style.replace("class:", "").split() if table.get(c)] if color else []
        if codes and text.strip():
            body, tail = text.rstrip("\n"), text[len(text.rstrip("\n")) :]
            out.append(f"\x1b[{';'.join(codes)}m{body}\x1b[0m{tail}")
        else:
            out.append(text)
    return "".join(out)


def plain(frags: Sequence[tuple[str, str]]) -> str:
    return to_ansi(frags, color=False)


def document_fragments(index: Index, doc: Doc, width: int = 80, fit_ids: bool = False) -> Fragments:
    """A whole briefing for people: title, date and id, then its passages by section
    (the id shortened to fit a terminal, with ``fit_ids``)."""
    frags: Fragments = wrap(doc.title, width, style="class:answer")
    doc_id = safe_line(doc.doc_id)
    if fit_ids:
        doc_id = short_id(doc_id, width)
    head = " · ".join(x for x in (safe_line(doc.date), safe_line(author(doc)), safe_line(doc.site)) if x)
    frags += wrap(f"{head} · {doc_id}" if head else doc_id, width, style="class:dim")
    section: str | None = None
    for n, p in enumerate(doc_passages(index, doc)):
        if p.section and p.section != section:
            frags += [("", "\n"), *wrap(safe_line(p.section), width, style="class:label")]
        elif n:
            frags.append(("", "\n"))
        section = p.section
        frags += wrap(p.text, width)
    return frags


def passage_fragments(index: Index, i: int, width: int, fit_ids: bool, rank: int | None = None,
                      terms: frozenset[str] = frozenset(), analyzer: Analyzer | None = None,
                      neighbours: bool = False) -> Fragments:  # fmt: skip
    """One passage in full: (its neighbours' first line,) citation, text and id."""
    passage, doc = index.passage(i), index.doc_of(i)
    frags: Fragments = []
    if neighbours and i > doc.first:
        frags += _neighbour(index, i - 1, "↑", width)
    head = ("class:rank", f"[{rank}] " if rank else "")
    frags += wrap(citation(doc, passage), width, style="class:cite", first=head)
    frags += wrap(passage.text, width, "    ", terms, analyzer)
    pid = safe_line(passage.pid)
    frags.append(("class:dim", f"    {short_id(pid, width - 4) if fit_ids else pid}\n"))
    if neighbours and i + 1 < doc.first + doc.count:
        frags += _neighbour(index, i + 1, "↓", width)
    return frags


def _neighbour(index: Index, i: int, arrow: str, width: int) -> Fragments:
    p = index.passage(i)
    return [("class:dim", "  " + clip(safe_line(f"{arrow} {where(p)}: {p.text}"), width - 2) + "\n")]


# ---------------------------------------------------------------- lists and views


def sources_fragments(docs: Sequence[Doc], width: int, fit_ids: bool) -> Fragments:
    """The briefings, numbered (the number is what ``qabot show N`` and ``/open N`` take)."""
    frags: Fragments = []
    pad = len(str(len(docs)))
    for n, d in enumerate(docs, start=1):
        label = f"{n:>{pad}}. "
        indent = " " * len(label)
        frags += wrap(safe_line(d.title), width, indent, style="class:answer", first=("class:rank", label))
        by = " · ".join(x for x in (safe_line(author(d)), safe_line(d.site)) if x)
        if by:
            frags += wrap(by, width, indent, first=("", indent))
        doc_id = safe_line(d.doc_id)
        info = f"{safe_line(d.date)} · {plural(d.count, 'passage')} · "
        if fit_ids and len(indent) + len(info) + len(doc_id) > width:
            if len(indent) + len(doc_id) > width:
                doc_id = short_id(doc_id, width - len(indent))
            frags += [("class:dim", f"{indent}{info.rstrip(' ·')}\n"), ("class:dim", f"{indent}{doc_id}\n")]
        else:
            frags.append(("class:dim", f"{indent}{info}{doc_id}\n"))
    total = sum(d.count for d in docs)
    frags.append(("", f"{plural(len(docs), 'briefing')}, {plural(total, 'passage')}\n"))
    return frags


def chat_help_fragments(k: int, width: int) -> Fragments:
    """The chat's ``/help``: its commands and keys, two columns that wrap in place."""
    frags = wrap("Ask a question in plain words; follow-ups build on it.", width, style="class:label")
    frags.append(("", "\n"))
    for rows, style in (
        (
            [(c.usage, f"{c.help} (now {k})" if c.name == "k" else c.help) for c in CHAT_COMMANDS],
            "class:rank",
        ),
        (list(CHAT_KEYS), "class:cite"),
    ):
        col = min(max(len(a) for a, _ in rows) + 4, width // 2)
        for a, b in rows:
            head = f"  {a}"
            if len(head) + 2 > col:
                frags += [(style, head + "\n")]
                frags += wrap(b, width, " " * col, first=("", " " * col))
            else:
                frags += wrap(b, width, " " * col, first=(style, head.ljust(col)))
        frags.append(("", "\n"))
    frags.pop()
    return frags


def why_fragments(a: Answer, rank: int, shares: Sequence[TermScore], width: int) -> Fragments:
    """``/why N``: the query searched, the passage, its matched terms and a table of
    each term's BM25 share, narrowed (never wrapped mid-row) to fit ``width``."""
    r = a.results[rank - 1]
    query, matched = a.query or "(empty)", ", ".join(r.matched) or "none"
    frags = wrap(query, width, "    ", first=("class:label", "query: "))
    frags += wrap(citation(r.doc, r.passage), width, style="class:cite", first=("class:label", f"[{rank}] "))
    frags += wrap(matched, width, "    ", style="class:match", first=("class:label", "matched: "))
    ind, cols = (4, (7, 5, 7, 8)) if width >= 60 else (2, (6, 4, 6, 7))
    tw = max(6, min(18, width - ind - sum(cols)))
    pad = " " * ind
    w1, w2, w3, w4 = cols
    frags += [
        ("", "\n"),
        ("class:dim", f"{pad}{'term':<{tw}}{'weight':>{w1}}{'tf':>{w2}}{'idf':>{w3}}{'score':>{w4}}\n"),
    ]
    for s in shares:
        if s.tf:
            term = clip(safe_line(s.term), tw - 1)
            frags += [
                ("class:match", f"{pad}{term:<{tw}}"),
                ("", f"{s.weight:>{w1}.2f}{s.tf:>{w2}}{s.idf:>{w3}.2f}{s.score:>{w4}.2f}\n"),
            ]
    label_w = tw + w1 + w2 + w3
    absent = [s for s in shares if not s.tf]
    if absent:  # BM25Plus's delta still gives these a small share
        label = clip(f"{plural(len(absent), 'other term')} (tf 0)", label_w - 1)
        frags += [
            ("class:dim", f"{pad}{label:<{label_w}}"),
            ("", f"{sum(s.score for s in absent):>{w4}.2f}\n"),
        ]
    total = sum(s.score for s in shares)
    frags.append(("class:label", f"{pad}{'total':<{label_w}}{total:>{w4}.2f}"))
    ranked = f"(ranked score {r.score:.2f})"
    room = width - ind - label_w - w4
    frags.append(("class:dim", f"  {ranked}\n" if room >= len(ranked) + 2 else f"\n{pad}{ranked}\n"))
    return frags


def why_json(a: Answer, rank: int, shares: Sequence[TermScore]) -> dict[str, Any]:
    r = a.results[rank - 1]
    return {
        "command": "/why",
        "ok": True,
        "rank": rank,
        "query": a.query,
        "matched": list(r.matched),
        "terms": [
            {
                "term": s.term,
                "weight": s.weight,
                "tf": s.tf,
                "idf": round(s.idf, 4),
                "score": round(s.score, 4),
            }
            for s in shares
        ],
    }


class Turn:
    """One question of a chat session, for ``/history`` and ``/save``."""

    __slots__ = ("answer", "conversation", "question")

    def __init__(self, question: str, answer: Answer, conversation: int) -> None:
        self.question, self.answer = question, answer
        self.conversation = conversation  # which conversation (bumped by /new)


def history_fragments(turns: Sequence[Turn], width: int, own_query: Any = None) -> Fragments:
    """``/history``: each question, and under it (one dim line, clipped to ``width``) what
    was searched when that differs from the question's own words (``own_query(q)``)."""
    frags: Fragments = []
    conv = turns[0].conversation if turns else 0
    pad = len(str(len(turns)))
    for n, t in enumerate(turns, start=1):
        if t.conversation != conv:
            frags.append(("class:dim", "  — /new —\n"))
            conv = t.conversation
        label = f"{n:>{pad}}. "
        indent = " " * len(label)
        frags += wrap(safe_line(t.question), width, indent, first=("class:rank", label))
        own = own_query(t.question) if own_query is not None else None
        searched = safe_line(t.answer.query or "")
        note = "" if checked(t.answer).answered else "(no answer)"
        if searched and searched != own:
            tail = f"  {note}" if note else ""
            frags += [("class:dim", indent + clip(f"→ {searched}", width - len(indent) - len(tail)))]
            frags += [("class:reason", tail + "\n")] if tail else [("", "\n")]
        elif note:
            frags.append(("class:reason", f"{indent}{note}\n"))
    return frags


def _md(text: str) -> str:
    return safe_line(text)


def session_markdown(turns: Sequence[Turn], corpus: str = "", stamp: str | None = None) -> str:
    """A session as Markdown (``/save``, ``ask --format markdown``): each question, its
    answer and the cited passages."""
    import datetime as _dt

    stamp = stamp or _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [f"# qabot session, {stamp}", ""]
    if corpus:
        lines += [f"Corpus: `{_md(corpus)}`", ""]
    conv = turns[0].conversation if turns else 0
    for n, t in enumerate(turns, start=1):
        a = checked(t.answer)
        if t.conversation != conv:
            lines += ["---", "", "*New conversation.*", ""]
            conv = t.conversation
        lines += [f"## {n}. {_md(t.question)}", ""]
        if a.query:
            lines += [f"*Searched:* `{_md(a.query)}`", ""]
        if a.answered and a.answer:
            lines += [_md(a.answer), ""]
        elif not a.answered:
            lines += [f"**No answer:** {_md(a.reason or 'nothing relevant found')}", ""]
        for r in a.results:
            cite = citation(r.doc, r.passage)
            lines += [f"**[{r.rank}]** {_md(cite)} — `{_md(r.passage.pid)}`", ""]
            lines += [f"> {_md(r.passage.text)}", ""]
    return "\n".join(lines).rstrip() + "\n"


def fit_path(path: str, room: int) -> str:
    """A folder for display: ``~`` for the home folder, the middle elided when it would
    not fit ``room`` columns (a terminal would cut it mid-name)."""
    import os

    home = os.environ.get("HOME", "")
    if home and home != "/" and (path == home or path.startswith(home.rstrip("/") + "/")):
        path = "~" + path[len(home.rstrip("/")) :]
    if len(path) <= room:
        return path
    keep = max(room - 1, 8)
    return path[: keep // 3] + "…" + path[len(path) - (keep - keep // 3) :]

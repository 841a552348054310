"""The conversation and its slash commands, shared by the terminal REPL and piped mode.

:class:`Chat` holds one session's state (the conversation so far, k, the last
answer) and turns one input line into a :class:`Reply`: fragments for people, and a
JSON object for ``--json``. It never prints and never touches a terminal, so both
front ends (and the tests) drive it the same way. The views themselves (answers,
``/why``, ``/history``, ``/sources``, the Markdown of ``/save``) are in
:mod:`qabot.render`; briefings and passages are found by :mod:`qabot.lookup`.

``help``, ``quit`` and ``exit`` alone on a line run their command (as psql does), so
they are never searched; ``/`` alone is not searched either.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import render, timespec
from ..analysis import Analyzer
from ..api import Answer, Found, Result, TermScore, Timeline
from ..commandline import BARE_WORDS, CHAT_ALIASES, CHAT_COMMANDS, CHAT_KEYS, MAX_K
from ..errors import LookupMiss
from ..index import Doc, Index
from ..lookup import lookup
from ..render import Fragments, Turn, safe, session_markdown
from ..termio import is_command

AskFn = Callable[[str, int, Sequence[Answer]], Answer]
#: ``QA.lookup``: a briefing or passage from what was typed (raises LookupMiss).
LookupFn = Callable[[str], Found]
ExplainFn = Callable[[Answer, int], list[TermScore]]
#: ``QA.timeline``: a topic through the briefings (topic, since=, until=).
TimelineFn = Callable[..., Timeline]
#: Called after each answered question: (question, answer, conversation number).
OnAnswer = Callable[[str, Answer, int], None]
#: Passages in a chat answer are trimmed to about this many words around the matches.
TRIM_WORDS = 70

SPECS = CHAT_COMMANDS
COMMANDS: tuple[str, ...] = tuple(s.name for s in SPECS)
ALIASES = CHAT_ALIASES
KEYS = CHAT_KEYS


@dataclass(frozen=True)
class Command:
    """A parsed slash command: canonical ``name`` (or the unknown word) and its argument."""

    name: str
    arg: str
    known: bool
    raw: str


def parse(line: str) -> Command | None:
    """Parse ``line`` as a slash command (or a bare help/quit/exit); None for a question."""
    s = line.strip()
    if s.lower() in BARE_WORDS:
        return Command(BARE_WORDS[s.lower()], "", True, s)
    if not is_command(s):
        return None
    word, _, arg = s[1:].partition(" ")
    name = word.lower()
    name = ALIASES.get(name, name)
    return Command(name, arg.strip(), name in COMMANDS, s)


def suggest(word: str) -> str | None:
    """The nearest command name to ``word`` (a typo or an unambiguous prefix)."""
    w = word.lower().lstrip("/")
    if not w:
        return None
    prefixed = [c for c in COMMANDS if c.startswith(w)]
    if len(prefixed) == 1:
        return prefixed[0]
    near = difflib.get_close_matches(w, COMMANDS, n=1, cutoff=0.5)
    if near:
        return near[0]
    return prefixed[0] if prefixed else None


@dataclass
class Reply:
    """What one input line produced."""

    frags: Fragments = field(default_factory=list)
    data: dict[str, Any] | None = None  # the JSON object for --json
    quit: bool = False
    clear: bool = False
    page: bool = False  # long output (a whole briefing): page it when it overflows
    error: bool = False
    edit: bool = False  # /edit: the terminal opens an editor and runs its lines


def date_range(dates: Sequence[str]) -> str:
    """``["2019-02-26", "2019-02-28"]`` -> ``"Feb 26–28 2019"``."""
    days: list[_dt.date] = []
    for d in dates:
        try:
            days.append(_dt.date.fromisoformat(d[:10]))
        except ValueError:
            continue
    if not days:
        return ""
    a, b = min(days), max(days)

    def md(x: _dt.date) -> str:
        return f"{x:%b} {x.day}"

    if a == b:
        return f"{md(a)} {a.year}"
    if a.year == b.year and a.month == b.month:
        return f"{md(a)}–{b.day} {a.year}"
    if a.year == b.year:
        return f"{md(a)} – {md(b)} {a.year}"
    return f"{md(a)} {a.year} – {md(b)} {b.year}"


def greeting(index: Index) -> str:
    when = date_range([d.date for d in index.docs])
    parts = [render.plural(len(index.docs), "briefing")] + ([when] if when else [])
    parts.append(render.plural(index.n_passages, "passage"))
    return safe(", ".join(parts)) + " — ask a question, /help for commands"


class Chat:
    """One chat session: the conversation, k, and the commands."""

    def __init__(
        self,
        ask: AskFn,
        index: Index,
        analyzer: Analyzer | None = None,
        *,
        explain: ExplainFn | None = None,
        k: int = 3,
        width: int = 80,
        trim: int | None = TRIM_WORDS,
        corpus: str = "",
        fit_ids: bool = True,
        on_answer: OnAnswer | None = None,
        remember_k: Callable[[int], None] | None = None,
        lookup: LookupFn | None = None,
        timeline: TimelineFn | None = None,
    ) -> None:
        self.ask_fn = ask
        self.timeline_fn = timeline
        self.since: timespec.Spec | None = None  # /since: the window questions are asked in
        self.until: timespec.Spec | None = None
        self.explain_fn = explain
        self.index = index
        self.analyzer = analyzer
        self.k = k
        self.width = width
        self.trim = trim
        self.corpus = corpus
        self.fit_ids = fit_ids  # passage ids fitted to the width (a terminal) or whole
        self.on_answer = on_answer
        self.lookup = lookup or self._lookup
        self.remember_k = remember_k
        self.interactive = False  # a terminal session: /edit can open an editor
        self.on_close: Callable[[], None] | None = None
        self.history: list[Answer] = []  # this conversation, oldest first (for follow-ups)
        self.turns: list[Turn] = []  # the whole session (for /history and /save)
        self.conversation = 1
        self.last: Answer | None = None  # the last answer, extended by /more
        self._last_history: tuple[Answer, ...] = ()
        self._confirm_save: Path | None = None

    def _lookup(self, text: str) -> Found:
        """:meth:`qabot.api.QA.lookup` over this chat's index (for a Chat made without a QA)."""
        found = lookup(text, self.index.docs)
        doc = self.index.docs[found.doc]
        return Found(doc, None if found.passage is None else self.index.passage(found.passage), found.passage)

    def resume(self, answers: Sequence[Answer]) -> None:
        """Start from an earlier conversation (``chat --continue``): its answers become
        the history follow-ups build on; /history and /save hold this session only."""
        self.history = list(answers)
        self.last = answers[-1] if answers else None
        self._last_history = tuple(answers[:-1])

    def msg(self, text: str, style: str = "") -> Fragments:
        """A message, wrapped to the width (so no terminal cuts it mid-word)."""
        return render.wrap(safe(text), self.width, style=style)

    def err(self, text: str) -> Reply:
        return Reply(self.msg(text, "class:error"), error=True)

    def close(self) -> None:
        """The session is over (the log, if any, is closed)."""
        if self.on_close is not None:
            self.on_close()

    # ------------------------------------------------------------ dispatch

    def handle(self, line: str) -> Reply:
        """Answer a question or run a slash command."""
        line = line.strip()
        cmd = parse(line)
        pending, self._confirm_save = self._confirm_save, None
        if cmd is None:
            if line.startswith("/") and not line[1:].strip():
                reply = self.err("a command needs a name after the slash: /help lists them")
                reply.data = {
                    "command": "/",
                    "ok": False,
                    "error": "a command needs a name",
                    "suggestion": "help",
                }
                return reply
            return self.question(line)
        if not cmd.known:
            return self.unknown(cmd)
        handler: Callable[[str], Reply] = getattr(self, f"cmd_{cmd.name}")
        if cmd.name == "save":
            self._confirm_save = pending
        reply = handler(cmd.arg)
        if reply.data is None:
            reply.data = {"command": f"/{cmd.name}", "ok": not reply.error, "text": render.plain(reply.frags)}
        return reply

    def unknown(self, cmd: Command) -> Reply:
        near = suggest(cmd.name)
        hint = f" — did you mean /{near}?" if near else ""
        text = f"unknown command /{cmd.name}{hint} (/help lists the commands)"
        reply = self.err(text)
        reply.data = {"command": f"/{cmd.name}", "ok": False, "error": safe(text), "suggestion": near}
        return reply

    # ------------------------------------------------------------ questions

    def question(self, text: str) -> Reply:
        history = tuple(self.history)
        answer = self.ask_fn(text, self.k, history)
        self.history.append(answer)
        self.turns.append(Turn(text, answer, self.conversation))
        self.last, self._last_history = answer, history
        if self.on_answer is not None:
            self.on_answer(text, answer, self.conversation)
        prev = history[-1] if history else None
        same = bool(prev is not None and answer.answer and prev.answer == answer.answer)
        # after a first answer, citations say how far they are from its best passage
        age_from = timespec.iso(prev.results[0].doc.date) if prev is not None and prev.results else None
        frags = self.msg(f"({answer.notice})", "class:dim") if answer.notice else []
        frags += render.answer_fragments(
            answer,
            self.width,
            self.analyzer,
            self.index,
            max_words=self.trim,
            fit_ids=self.fit_ids,
            following=render.following_names(self.analyzer, answer, history),
            same_as_last=same,
            age_from=age_from,
        )
        return Reply(frags, data=render.answer_json(answer, self.analyzer))

    # ------------------------------------------------------------ dates

    def window_label(self) -> str:
        """The date window in a few words ("since 2019-02 · until 30d"), "" when none."""
        since = f"since {self.since.text}" if self.since else ""
        until = f"until {self.until.text}" if self.until else ""
        return " · ".join(p for p in (since, until) if p)

    def _bound(self, arg: str, side: str) -> Reply:
        word = arg.strip()
        if not word:
            now = getattr(self, side)
            shown = f"/{side} {now.text}" if now else f"no /{side} date set"
            data = {"command": f"/{side}", "ok": True, side: now.text if now else None}
            hint = f"{shown} (/{side} DATE sets one, /{side} off clears it)"
            return Reply(self.msg(hint, "class:dim"), data=data)
        if word.lower() in ("off", "none", "clear", "-"):
            setattr(self, side, None)
            return Reply(self.msg(f"/{side} cleared", "class:dim"),
                         data={"command": f"/{side}", "ok": True, side: None})  # fmt: skip
        try:
            spec = timespec.parse(word)
        except ValueError as exc:
            return self.err(f"/{side}: {exc}")
        setattr(self, side, spec)
        what = "on or after" if side == "since" else "on or before"
        text = f"questions now search briefings dated {what} {spec.text} (undated ones left out, and said)"
        return Reply(self.msg(text, "class:dim"), data={"command": f"/{side}", "ok": True, side: spec.text})

    def cmd_since(self, arg: str) -> Reply:
        return self._bound(arg, "since")

    def cmd_until(self, arg: str) -> Reply:
        return self._bound(arg, "until")

    def cmd_timeline(self, arg: str) -> Reply:
        topic = arg.strip()
        if not topic:
            return self.err("/timeline needs a topic: /timeline sanctions relief")
        if self.timeline_fn is None:
            return self.err("/timeline is not available here")
        line = self.timeline_fn(safe(topic), since=self.since, until=self.until)
        frags: Fragments = []
        if line.undated:
            from ..api import undated_notice

            frags += self.msg(f"({undated_notice(line.undated)})", "class:dim")
        frags += render.timeline_fragments(line, self.width, self.fit_ids)
        data = {"command": "/timeline", "ok": line.found, **render.timeline_json(line)}
        return Reply(frags, data=data, page=True)

    # ------------------------------------------------------------ commands

    def cmd_help(self, arg: str) -> Reply:
        return Reply(render.chat_help_fragments(self.k, self.width))

    def cmd_sources(self, arg: str) -> Reply:
        frags = render.sources_fragments(self.index.docs, self.width, self.fit_ids)
        frags.append(("class:dim", "/open N reads one in full\n"))
        rows = [render.doc_json(n, d) for n, d in enumerate(self.index.docs, start=1)]
        return Reply(frags, data={"command": "/sources", "ok": True, "sources": rows})

    def _rank(self, arg: str, what: str) -> int | Reply:
        if self.last is None or not self.last.results:
            return self.err(f"no answer with passages yet: ask a question first, then /{what} N")
        n = len(self.last.results)
        if not arg:
            arg = "1"
        try:
            rank = int(arg.strip("[]"))
        except ValueError:
            return self.err(f"/{what} takes a passage number from the last answer (1–{n}), not {arg!r}")
        if not 1 <= rank <= n:
            return self.err(f"the last answer has passages 1–{n}; /more shows more")
        return rank

    def cmd_show(self, arg: str) -> Reply:
        result: Result | None = None
        if "#" in arg:  # a passage id, as printed under each passage (whole or shortened)
            try:
                found = self.lookup(arg)
            except LookupMiss as exc:
                return self.err(str(exc).replace("`qabot sources`", "/sources"))
            if found.index is None:
                return self.err(f"{arg!r} names a briefing: /open shows it, /show DOC#pN one passage")
            i = found.index
        else:
            rank = self._rank(arg, "show")
            if isinstance(rank, Reply):
                return rank
            assert self.last is not None
            result = self.last.results[rank - 1]
            j = self.index.find(result.passage.pid)
            if j is None:
                return self.err(f"passage {result.passage.pid} is no longer in the index")
            i = j
        terms = frozenset(self.last.terms) if self.last else frozenset()
        frags = render.passage_fragments(
            self.index, i, self.width, self.fit_ids, result.rank if result else None, terms, self.analyzer,
            neighbours=True,
        )  # fmt: skip
        # a passage named by id was not ranked: no rank, score or matched terms
        passage, doc = self.index.passage(i), self.index.doc_of(i)
        data = {
            "command": "/show",
            "ok": True,
            "passage": render.passage_json(passage, doc, result, self.analyzer),
        }
        return Reply(frags, data=data)

    def resolve_doc(self, arg: str) -> Doc | str:
        """A briefing from a /sources number, an id, a file name, a prefix or title words
        (:func:`qabot.lookup.find_doc`); with no argument, the last answer's first one."""
        if not arg.strip() and self.last is not None and self.last.results:
            return self.last.results[0].doc
        if not arg.strip():
            return "which briefing? /open N with a number from /sources, or an id"
        try:
            return self.lookup(arg).doc
        except LookupMiss as exc:
            return str(exc).replace("`qabot sources`", "/sources")

    def cmd_open(self, arg: str) -> Reply:
        doc = self.resolve_doc(arg)
        if isinstance(doc, str):
            return self.err(doc)
        frags = render.document_fragments(self.index, doc, self.width, self.fit_ids)
        passages = [render.passage_json(p, doc) for p in render.doc_passages(self.index, doc)]
        data = {
            "command": "/open",
            "ok": True,
            "doc": doc.doc_id,
            "title": doc.title,
            "date": doc.date,
            "passages": passages,
        }
        return Reply(frags, data=data, page=True)

    def cmd_more(self, arg: str) -> Reply:
        last = self.last
        if last is None:
            return self.err("nothing to show more of: ask a question first")
        if not last.answered or not last.results:
            return self.err("the last question had no passages to show more of")
        shown = len(last.results)
        bigger = self.ask_fn(last.question, min(shown + self.k, MAX_K), self._last_history)
        extra = tuple(r for r in bigger.results if r.rank > shown)
        if not extra:
            return Reply(self.msg("no more passages match the last question", "class:dim"))
        self.last = replace(last, results=last.results + extra)
        frags = render.results_fragments(
            extra,
            self.width,
            self.analyzer,
            terms=frozenset(last.terms),
            focus=last.answer,
            max_words=self.trim,
            fit_ids=self.fit_ids,
        )
        passages = [render.passage_json(r.passage, r.doc, r, self.analyzer) for r in extra]
        return Reply(frags, data={"command": "/more", "ok": True, "passages": passages})

    def cmd_k(self, arg: str) -> Reply:
        if not arg:
            return Reply(self.msg(f"k = {self.k} passages per answer; /k N changes it"))
        try:
            k = int(arg)
        except ValueError:
            return self.err(f"/k takes a whole number from 1 to {MAX_K}, not {arg!r}")
        if not 1 <= k <= MAX_K:
            return self.err(f"/k takes a whole number from 1 to {MAX_K}, not {k}")
        self.k = k
        kept = ""
        if self.remember_k is not None:
            self.remember_k(k)
            kept = " (kept for later chats)"
        return Reply(self.msg(f"k = {k}: answers now show {render.plural(k, 'passage')}{kept}"))

    def cmd_why(self, arg: str) -> Reply:
        rank = self._rank(arg, "why")
        if isinstance(rank, Reply):
            return rank
        assert self.last is not None
        if self.explain_fn is None:
            return self.err("/why is not available here")
        shares = self.explain_fn(self.last, rank)
        frags = render.why_fragments(self.last, rank, shares, self.width)
        return Reply(frags, data=render.why_json(self.last, rank, shares))

    def cmd_new(self, arg: str) -> Reply:
        self.history.clear()
        self.last, self._last_history = None, ()
        if self.turns and self.turns[-1].conversation == self.conversation:
            self.conversation += 1
        return Reply(self.msg("new conversation: follow-ups start afresh", "class:dim"))

    def cmd_history(self, arg: str) -> Reply:
        if not self.turns:
            return Reply(self.msg("no questions yet in this session (Up and Ctrl-R reach earlier sessions)"))
        frags = render.history_fragments(self.turns, self.width, self.own_query)
        data = {"command": "/history", "ok": True, "questions": [t.question for t in self.turns]}
        return Reply(frags, data=data)

    def own_query(self, question: str) -> str:
        """The question's own analysed words: ``/history`` shows the query searched when it
        differs from these (words carried over from earlier turns, synonyms, weights)."""
        return " ".join(self.analyzer.analyze(question)) if self.analyzer is not None else ""

    def cmd_edit(self, arg: str) -> Reply:
        if not self.interactive:
            return self.err("/edit needs a terminal: it opens $VISUAL or $EDITOR")
        return Reply(edit=True, data={"command": "/edit", "ok": True})

    def cmd_save(self, arg: str) -> Reply:
        if not self.turns:
            return self.err("nothing to save yet: ask a question first")
        name = arg.strip() or f"qabot-{_dt.date.today():%Y-%m-%d}.md"
        path = Path(name).expanduser()
        if path.is_dir():
            return self.err(f"{name} is a folder; give a file name such as {name.rstrip('/')}/session.md")
        if path.exists() and self._confirm_save != path:
            self._confirm_save = path
            return self.err(f"{name} exists; repeat /save {name} to overwrite it")
        self._confirm_save = None
        text = session_markdown(self.turns, self.corpus)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            return self.err(f"cannot write {name}: {exc.strerror or exc}")
        n = len(self.turns)
        reply = Reply(self.msg(f"saved {render.plural(n, 'question')} to {path}", "class:dim"))
        reply.data = {"command": "/save", "ok": True, "path": str(path), "questions": n}
        return reply

    def cmd_quit(self, arg: str) -> Reply:
        return Reply([], data={"command": "/quit", "ok": True}, quit=True)

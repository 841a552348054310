"""The conversation and its slash commands, shared by the terminal REPL and piped mode.

:class:`Chat` holds one session's state (the conversation so far, k, the last
answer) and turns one input line into a :class:`Reply`: fragments for people, and a
JSON object for ``--json``. It never prints and never touches a terminal, so both
front ends (and the tests) drive it the same way.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import render
from ..analysis import Analyzer
from ..api import Answer, Result, TermScore
from ..index import Doc, Index
from ..render import Fragments, safe
from ..termio import MAX_K, is_command

AskFn = Callable[[str, int, Sequence[Answer]], Answer]
ExplainFn = Callable[[Answer, int], list[TermScore]]
#: Passages in a chat answer are trimmed to about this many words around the matches.
TRIM_WORDS = 70


@dataclass(frozen=True)
class Spec:
    name: str
    usage: str
    help: str


SPECS: tuple[Spec, ...] = (
    Spec("help", "/help", "this list of commands and keys"),
    Spec("sources", "/sources", "the briefings, numbered"),
    Spec("show", "/show N", "passage N of the last answer in full, with its neighbours"),
    Spec("open", "/open DOC", "a whole briefing (number from /sources, or id); paged"),
    Spec("more", "/more", "the next k passages for the last question"),
    Spec("k", "/k N", "passages per answer"),
    Spec("why", "/why N", "why passage N ranked: query, matched terms, BM25 shares"),
    Spec("new", "/new", "forget the conversation (follow-ups start afresh)"),
    Spec("history", "/history", "the questions asked in this session"),
    Spec("save", "/save FILE.md", "the session as Markdown with citations"),
    Spec("quit", "/quit", "leave (also Ctrl-D)"),
)
COMMANDS: tuple[str, ...] = tuple(s.name for s in SPECS)
ALIASES = {"exit": "quit", "q": "quit", "h": "help", "?": "help", "s": "show", "o": "open"}
KEYS: tuple[tuple[str, str], ...] = (
    ("Tab", "complete commands, words and names from the briefings"),
    ("Up / Ctrl-R", "earlier questions (kept across sessions)"),
    ("Right", "accept the grey suggestion from history"),
    ("Ctrl-C", "clear the line, or cancel a search"),
    ("Ctrl-D", "leave (on an empty line)"),
    ("Ctrl-L", "clear the screen"),
)


@dataclass(frozen=True)
class Command:
    """A parsed slash command: canonical ``name`` (or the unknown word) and its argument."""

    name: str
    arg: str
    known: bool
    raw: str


def parse(line: str) -> Command | None:
    """Parse ``line`` as a slash command; None when it is a question."""
    s = line.strip()
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


@dataclass
class Turn:
    """One question of the session, for /history and /save."""

    question: str
    answer: Answer
    conversation: int  # which conversation (bumped by /new)


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
    n = len(index.docs)
    what = f"{n} briefing{'s' if n != 1 else ''}"
    when = date_range([d.date for d in index.docs])
    parts = [what] + ([when] if when else []) + [f"{index.n_passages} passages"]
    return safe(", ".join(parts)) + " — ask a question, /help for commands"


def _msg(text: str, style: str = "") -> Fragments:
    return [(style, safe(text) + "\n")]


def _err(text: str) -> Reply:
    return Reply(_msg(text, "class:error"), error=True)


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
    ) -> None:
        self.ask_fn = ask
        self.explain_fn = explain
        self.index = index
        self.analyzer = analyzer
        self.k = k
        self.width = width
        self.trim = trim
        self.corpus = corpus
        self.fit_ids = fit_ids  # passage ids fitted to the width (a terminal) or whole
        self.history: list[Answer] = []  # this conversation, oldest first (for follow-ups)
        self.turns: list[Turn] = []  # the whole session (for /history and /save)
        self.conversation = 1
        self.last: Answer | None = None  # the last answer, extended by /more
        self._last_history: tuple[Answer, ...] = ()
        self._confirm_save: Path | None = None

    # ------------------------------------------------------------ dispatch

    def handle(self, line: str) -> Reply:
        """Answer a question or run a slash command."""
        line = line.strip()
        cmd = parse(line)
        pending, self._confirm_save = self._confirm_save, None
        if cmd is None:
            if line.lower() in ("exit", "quit"):
                return self.cmd_quit("")
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
        reply = _err(text)
        reply.data = {"command": f"/{cmd.name}", "ok": False, "error": safe(text), "suggestion": near}
        return reply

    # ------------------------------------------------------------ questions

    def question(self, text: str) -> Reply:
        history = tuple(self.history)
        answer = self.ask_fn(text, self.k, history)
        self.history.append(answer)
        self.turns.append(Turn(text, answer, self.conversation))
        self.last, self._last_history = answer, history
        frags = render.answer_fragments(
            answer, self.width, self.analyzer, self.index, max_words=self.trim, fit_ids=self.fit_ids
        )
        return Reply(frags, data=render.answer_json(answer))

    # ------------------------------------------------------------ commands

    def cmd_help(self, arg: str) -> Reply:
        frags: Fragments = [("class:label", "Ask a question in plain words; follow-ups build on it.\n")]
        frags.append(("", "\n"))
        w = max(len(s.usage) for s in SPECS) + 2
        for s in SPECS:
            what = f"{s.help} (now {self.k})" if s.name == "k" else s.help
            frags += [("class:rank", f"  {s.usage:<{w}}"), ("", what + "\n")]
        frags.append(("", "\n"))
        kw = max(len(k) for k, _ in KEYS) + 2
        for key, what in KEYS:
            frags += [("class:cite", f"  {key:<{kw}}"), ("", what + "\n")]
        return Reply(frags)

    def cmd_sources(self, arg: str) -> Reply:
        frags: Fragments = []
        rows = []
        for n, d in enumerate(self.index.docs, start=1):
            frags += [
                ("class:rank", f"{n:>2}. "),
                ("class:cite", f"{safe(d.date)}  "),
                ("", f"{safe(d.title)} "),
                ("class:dim", f"({d.count} passages)\n"),
                ("class:dim", f"    {safe(d.doc_id)}\n"),
            ]
            rows.append({"n": n, "id": d.doc_id, "date": d.date, "title": d.title, "passages": d.count})
        frags.append(("class:dim", "/open N reads one in full\n"))
        return Reply(frags, data={"command": "/sources", "ok": True, "sources": rows})

    def _rank(self, arg: str, what: str) -> int | Reply:
        if self.last is None or not self.last.results:
            return _err(f"no answer with passages yet: ask a question first, then /{what} N")
        n = len(self.last.results)
        if not arg:
            arg = "1"
        try:
            rank = int(arg.strip("[]"))
        except ValueError:
            return _err(f"/{what} takes a passage number from the last answer (1–{n}), not {arg!r}")
        if not 1 <= rank <= n:
            return _err(f"the last answer has passages 1–{n}; /more shows more")
        return rank

    def cmd_show(self, arg: str) -> Reply:
        result: Result | None = None
        if "#p" in arg:  # a passage id, as printed under each passage (whole or shortened)
            i = self.index.find(render.expand_id(arg, self.index.doc_index) or arg.strip())
            if i is None:
                return _err(f"no passage with id {arg!r}")
        else:
            rank = self._rank(arg, "show")
            if isinstance(rank, Reply):
                return rank
            assert self.last is not None
            result = self.last.results[rank - 1]
            i = self.index.find(result.passage.pid)
            if i is None:
                return _err(f"passage {result.passage.pid} is no longer in the index")
        terms = frozenset(self.last.terms) if self.last else frozenset()
        passage, doc = self.index.passage(i), self.index.doc_of(i)
        frags: Fragments = []
        if i > doc.first:
            frags += self._neighbour(i - 1, "↑")
        head = ("class:rank", f"[{result.rank}] " if result else "")
        frags += render.wrap(render.citation(doc, passage), self.width, style="class:cite", first=head)
        frags += render.wrap(passage.text, self.width, "    ", terms, self.analyzer)
        pid = safe(passage.pid)
        frags.append(("class:dim", f"    {render.short_id(pid, self.width - 4) if self.fit_ids else pid}\n"))
        if i + 1 < doc.first + doc.count:
            frags += self._neighbour(i + 1, "↓")
        # a passage named by id was not ranked: no rank, score or matched terms
        data = {"command": "/show", "ok": True, "passage": render.passage_json(passage, doc, result)}
        return Reply(frags, data=data)

    def _neighbour(self, i: int, arrow: str) -> Fragments:
        p = self.index.passage(i)
        line = safe(f"{arrow} {render.where(p)}: {p.text}")
        room = self.width - 4
        if len(line) > room:
            line = line[: room - 1].rstrip() + "…"
        return [("class:dim", f"  {line}\n")]

    def resolve_doc(self, arg: str) -> Doc | str:
        """A briefing from a /sources number, an id, a unique prefix or title words."""
        docs = self.index.docs
        a = arg.strip()
        if not a:
            if self.last is not None and self.last.results:
                return self.last.results[0].doc
            return "which briefing? /open N with a number from /sources, or an id"
        if a.isdigit():
            n = int(a)
            if 1 <= n <= len(docs):
                return docs[n - 1]
            return f"there are {len(docs)} briefings; /sources numbers them"
        low = a.lower().partition("#")[0]
        for pool in (
            [d for d in docs if d.doc_id.lower() == low],
            [d for d in docs if d.doc_id.lower().startswith(low)],
            [d for d in docs if low in d.title.lower() or low in d.doc_id.lower()],
        ):
            if len(pool) == 1:
                return pool[0]
            if len(pool) > 1:
                return f"{a!r} matches {len(pool)} briefings; /sources numbers them"
        near = difflib.get_close_matches(low, [d.doc_id for d in docs], n=1, cutoff=0.4)
        hint = f"; did you mean {near[0]}?" if near else "; /sources lists them"
        return f"no briefing {a!r}{hint}"

    def cmd_open(self, arg: str) -> Reply:
        doc = self.resolve_doc(arg)
        if isinstance(doc, str):
            return _err(doc)
        frags = render.document_fragments(self.index, doc, self.width)
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
            return _err("nothing to show more of: ask a question first")
        if not last.answered or not last.results:
            return _err("the last question had no passages to show more of")
        shown = len(last.results)
        bigger = self.ask_fn(last.question, min(shown + self.k, MAX_K), self._last_history)
        extra = tuple(r for r in bigger.results if r.rank > shown)
        if not extra:
            return Reply(_msg("no more passages match the last question", "class:dim"))
        self.last = replace(last, results=last.results + extra)
        frags = render.results_fragments(
            extra,
            self.width,
            self.analyzer,
            terms=frozenset(last.terms),
            max_words=self.trim,
            fit_ids=self.fit_ids,
        )
        passages = [render.passage_json(r.passage, r.doc, r) for r in extra]
        return Reply(frags, data={"command": "/more", "ok": True, "passages": passages})

    def cmd_k(self, arg: str) -> Reply:
        if not arg:
            return Reply(_msg(f"k = {self.k} passages per answer; /k N changes it"))
        try:
            k = int(arg)
        except ValueError:
            return _err(f"/k takes a whole number from 1 to {MAX_K}, not {arg!r}")
        if not 1 <= k <= MAX_K:
            return _err(f"/k takes a whole number from 1 to {MAX_K}, not {k}")
        self.k = k
        return Reply(_msg(f"k = {k}: answers now show {k} passage{'s' if k != 1 else ''}"))

    def cmd_why(self, arg: str) -> Reply:
        rank = self._rank(arg, "why")
        if isinstance(rank, Reply):
            return rank
        assert self.last is not None
        if self.explain_fn is None:
            return _err("/why is not available here")
        shares = self.explain_fn(self.last, rank)
        r = self.last.results[rank - 1]
        query, matched = self.last.query or "(empty)", ", ".join(r.matched) or "none"
        frags = render.wrap(query, self.width, "    ", first=("class:label", "query: "))
        cite = render.citation(r.doc, r.passage)
        frags += render.wrap(cite, self.width, style="class:cite", first=("class:label", f"[{rank}] "))
        head = ("class:label", "matched: ")
        frags += render.wrap(matched, self.width, "    ", style="class:match", first=head)
        frags += [
            ("", "\n"),
            ("class:dim", f"    {'term':<18}{'weight':>7}{'tf':>5}{'idf':>7}{'score':>8}\n"),
        ]
        for s in shares:
            if s.tf:
                frags += [
                    ("class:match", f"    {safe(s.term)[:17]:<18}"),
                    ("", f"{s.weight:>7.2f}{s.tf:>5}{s.idf:>7.2f}{s.score:>8.2f}\n"),
                ]
        absent = [s for s in shares if not s.tf]
        if absent:  # BM25Plus's delta still gives these a small share
            label = f"{len(absent)} other term{'s' if len(absent) != 1 else ''} (tf 0)"
            frags += [
                ("class:dim", f"    {label:<37}"),
                ("", f"{sum(s.score for s in absent):>8.2f}\n"),
            ]
        total = sum(s.score for s in shares)
        frags.append(("class:label", f"    {'total':<37}{total:>8.2f}"))
        frags.append(("class:dim", f"  (ranked score {r.score:.2f})\n"))
        data = {
            "command": "/why",
            "ok": True,
            "rank": rank,
            "query": self.last.query,
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
        return Reply(frags, data=data)

    def cmd_new(self, arg: str) -> Reply:
        self.history.clear()
        self.last, self._last_history = None, ()
        if self.turns and self.turns[-1].conversation == self.conversation:
            self.conversation += 1
        return Reply(_msg("new conversation: follow-ups start afresh", "class:dim"))

    def cmd_history(self, arg: str) -> Reply:
        if not self.turns:
            return Reply(_msg("no questions yet in this session (Up and Ctrl-R reach earlier sessions)"))
        frags: Fragments = []
        conv = self.turns[0].conversation
        for n, t in enumerate(self.turns, start=1):
            if t.conversation != conv:
                frags.append(("class:dim", "    — /new —\n"))
                conv = t.conversation
            frags += [("class:rank", f"{n:>3}. "), ("", safe(t.question))]
            if t.answer.query and t.answer.query != " ".join(self_query(t.question, self.analyzer)):
                room = self.width - 9 - len(t.question)
                query = safe(t.answer.query)
                if len(query) > room:
                    query = query[: max(room - 1, 8)].rstrip() + "…"
                frags.append(("class:dim", f"  → {query}"))
            if not t.answer.answered:
                frags.append(("class:reason", "  (no answer)"))
            frags.append(("", "\n"))
        data = {"command": "/history", "ok": True, "questions": [t.question for t in self.turns]}
        return Reply(frags, data=data)

    def cmd_save(self, arg: str) -> Reply:
        if not self.turns:
            return _err("nothing to save yet: ask a question first")
        name = arg.strip() or f"qabot-{_dt.date.today():%Y-%m-%d}.md"
        path = Path(name).expanduser()
        if path.is_dir():
            return _err(f"{name} is a folder; give a file name such as {name.rstrip('/')}/session.md")
        if path.exists() and self._confirm_save != path:
            self._confirm_save = path
            return _err(f"{name} exists; repeat /save {name} to overwrite it")
        self._confirm_save = None
        text = session_markdown(self.turns, self.corpus)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            return _err(f"cannot write {name}: {exc.strerror or exc}")
        n = len(self.turns)
        reply = Reply(_msg(f"saved {n} question{'s' if n != 1 else ''} to {path}", "class:dim"))
        reply.data = {"command": "/save", "ok": True, "path": str(path), "questions": n}
        return reply

    def cmd_quit(self, arg: str) -> Reply:
        return Reply([], data={"command": "/quit", "ok": True}, quit=True)


def self_query(question: str, analyzer: Analyzer | None) -> list[str]:
    """The question's own analysed words: ``/history`` shows the query searched when it
    differs from these (words carried over from earlier turns, synonyms, weights)."""
    return analyzer.analyze(question) if analyzer is not None else []


def _md_escape(text: str) -> str:
    return safe(text).replace("\n", " ")


def session_markdown(turns: Sequence[Turn], corpus: str = "") -> str:
    """The session as Markdown: each question, its answer and the cited passages."""
    stamp = _dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    lines = [f"# qabot session, {stamp}", ""]
    if corpus:
        lines += [f"Corpus: `{_md_escape(corpus)}`", ""]
    conv = turns[0].conversation if turns else 0
    for n, t in enumerate(turns, start=1):
        a = t.answer
        if t.conversation != conv:
            lines += ["---", "", "*New conversation.*", ""]
            conv = t.conversation
        lines += [f"## {n}. {_md_escape(t.question)}", ""]
        if a.query:
            lines += [f"*Searched:* `{_md_escape(a.query)}`", ""]
        if a.answered and a.answer:
            lines += [_md_escape(a.answer), ""]
        elif not a.answered:
            lines += [f"**No answer:** {_md_escape(a.reason or 'nothing relevant found')}", ""]
        for r in a.results:
            cite = render.citation(r.doc, r.passage)
            lines += [f"**[{r.rank}]** {_md_escape(cite)} — `{_md_escape(r.passage.pid)}`", ""]
            lines += [f"> {_md_escape(r.passage.text)}", ""]
    return "\n".join(lines).rstrip() + "\n"

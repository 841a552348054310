"""The terminal chat loop (prompt-toolkit).

:class:`Session` reads lines with a ``PromptSession`` (history, auto-suggest, Tab
completion, toolbar, keys) and hands each to a :class:`~qabot.repl.commands.Chat`,
whose ``ask`` callback answers questions. Input and output are prompt-toolkit
objects, so tests drive the loop with ``create_pipe_input()`` and ``DummyOutput()``.

Several lines arriving at once (a paste, or what Ctrl-X Ctrl-E or ``/edit`` brought
back from the editor) are several turns, one a line, each echoed before its reply:
one line is one question everywhere, as in piped mode.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.data_structures import Size
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.input import Input
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.shortcuts import print_formatted_text
from prompt_toolkit.styles import Style

from .. import locate, render
from ..api import Answer
from ..lexicon import Lexicon
from ..log import Recorder
from ..render import Fragments
from ..style import merged
from ..termio import Console, open_qa, run_pager
from .commands import Chat, Reply, greeting
from .completer import ChatCompleter, CompletionEngine, entity_names
from .keys import CTRL_C_EMPTY, key_bindings
from .state import remember_k, remembered_k
from .toolbar import toolbar_fragments

Pager = Callable[[str], bool]
#: Opens an editor on a text and returns what was saved (None when none could run).
Editor = Callable[[str], "str | None"]

TOOLBAR_STYLES = {
    "bottom-toolbar": "noreverse bg:ansiblack ansiwhite",
    "bottom-toolbar.text": "",
    "toolbar": "",
    "toolbar.key": "ansibrightblack",
    "toolbar.follow": "ansigreen",
    "prompt": "bold ansigreen",
}


def build_style(color: bool, overrides: dict[str, str] | None = None) -> Style:
    """Our classes (``qabot.style``, with the config's overrides) as a prompt-toolkit
    Style; empty without colour."""
    if not color:
        return Style([])
    rules = merged(overrides or {})
    rules.update(TOOLBAR_STYLES)
    return Style.from_dict(rules)


class SafeFileHistory(FileHistory):
    """A FileHistory that survives an unwritable file (the session goes on without it)."""

    def store_string(self, string: str) -> None:
        with contextlib.suppress(OSError):
            super().store_string(string)


def open_history(path: Path | None = None, notify: Callable[[str], None] | None = None) -> History:
    """The persistent history in ``state_dir()/history``; in memory when that is impossible."""
    try:
        path = path or locate.state_dir() / "history"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
        return SafeFileHistory(str(path))
    except (OSError, locate.PlaceError) as exc:
        if notify is not None:
            notify(
                f"qabot: cannot keep chat history ({getattr(exc, 'strerror', None) or exc}); history is off"
            )
        return InMemoryHistory()


def system_pager(text: str) -> bool:
    """Show ``text`` through ``$PAGER`` (default ``less -FRX``); False if none ran."""
    from ..config import pager_command

    command = pager_command(False, os.environ, None)
    return bool(command) and run_pager(command, text)


def system_editor(text: str) -> str | None:
    """Edit ``text`` in ``$VISUAL`` / ``$EDITOR`` (else vi); the saved text, or None."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    fd, name = tempfile.mkstemp(prefix="qabot-", suffix=".txt")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        if subprocess.run([*argv, name], check=False).returncode != 0:
            return None
        return Path(name).read_text("utf-8", errors="replace")
    except OSError:
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


class Session:
    """The REPL: prompt, dispatch to :class:`Chat`, print the reply."""

    def __init__(
        self,
        chat: Chat,
        *,
        input: Input | None = None,
        output: Output | None = None,
        history: History | None = None,
        color: bool = True,
        pager: Pager | None = None,
        editor: Editor | None = None,
        max_width: int = 100,
        lexicon: Lexicon | None = None,
        corpus_name: str = "",
        styles: dict[str, str] | None = None,
    ) -> None:
        self.chat = chat
        chat.interactive = True
        self.color = color
        self.pager = pager
        self.editor = editor
        self.max_width = max_width
        self.corpus_name = corpus_name
        self.style = build_style(color, styles)
        self.log: list[str] = []  # plain text of everything printed (for tests)
        self._names_of: tuple[Answer | None, Sequence[str]] = (None, ())
        self.engine = CompletionEngine.from_index(
            chat.index,
            ranks=lambda: len(chat.last.results) if chat.last else 0,
            extra_names=self.following_names,
            lexicon=lexicon,
        )
        self.prompt: PromptSession[str] = PromptSession(
            message=[("class:prompt", "qabot> ")],
            history=history if history is not None else InMemoryHistory(),
            auto_suggest=AutoSuggestFromHistory(),
            completer=ChatCompleter(self.engine),
            complete_while_typing=False,
            key_bindings=key_bindings(),
            bottom_toolbar=self._toolbar,
            style=self.style,
            include_default_pygments_style=False,
            color_depth=None if color else ColorDepth.DEPTH_1_BIT,
            enable_open_in_editor=True,  # Ctrl-X Ctrl-E
            input=input,
            output=output,
        )
        self.output: Output = self.prompt.app.output

    def following_names(self) -> Sequence[str]:
        """Names for completion from the last answer: what it follows, then the names in
        the passages it showed (so a name read on screen completes)."""
        last = self.chat.last
        if last is None:
            return ()
        if self._names_of[0] is not last:
            shown = entity_names(r.passage.text for r in last.results)
            self._names_of = (last, [*last.entities, *(render.safe(n) for n in shown)])
        return self._names_of[1]

    # ------------------------------------------------------------ output

    def _size(self) -> Size:
        """The terminal's size; 80x24 when the output cannot tell."""
        try:
            return self.output.get_size()
        except Exception:
            return Size(rows=24, columns=80)

    def width(self) -> int:
        return max(40, min(self._size().columns, self.max_width))

    def write(self, frags: Fragments, text: str | None = None) -> None:
        """Print ``frags`` (``text`` is their plain text, when already known)."""
        self.log.append(render.plain(frags) if text is None else text)
        if not self.color:
            frags = [("", t) for _, t in frags]
        print_formatted_text(
            FormattedText(frags),
            end="",
            style=self.style,
            output=self.output,
            include_default_pygments_style=False,
            color_depth=None if self.color else ColorDepth.DEPTH_1_BIT,
        )

    def _toolbar(self) -> Any:
        chat = self.chat
        columns = max(self._size().columns, 20)  # the whole row: nothing stops at 100
        n = len(chat.index.docs)
        bar = toolbar_fragments(self.corpus_name, chat.k, chat.history, columns, n, chat.window_label())
        return FormattedText(bar)

    def show(self, reply: Reply) -> None:
        if reply.clear:
            self.output.erase_screen()
            self.output.cursor_goto(0, 0)
            self.output.flush()
        if not reply.frags:
            return
        text = None
        if reply.page and self.pager is not None:
            text = render.plain(reply.frags)
            overflows = text.count("\n") > self._size().rows - 2
            if overflows and self.pager(render.to_ansi(reply.frags, self.color)):  # paged: not printed
                self.log.append(text)
                return
        self.write(reply.frags, text)

    # ------------------------------------------------------------ loop

    def turn(self, line: str) -> Reply:
        """Run one line, turning any failure into a one-line message (never a traceback)."""
        self.chat.width = self.width()
        try:
            return self.chat.handle(line)
        except KeyboardInterrupt:
            return Reply([("class:error", "cancelled\n")], error=True)
        except Exception as exc:  # a bug must not end the session with a traceback
            text = render.safe(f"internal error: {type(exc).__name__}: {exc} (the session goes on)")
            return Reply([("class:error", text + "\n")], error=True)

    def edit(self) -> list[str]:
        """``/edit``: the lines written in the editor (each a turn), starting from the last question."""
        if self.editor is None:
            self.write([("class:error", "no editor here: set VISUAL or EDITOR\n")])
            return []
        last = self.chat.turns[-1].question if self.chat.turns else ""
        text = self.editor(last + "\n" if last else "")
        if text is None:
            self.write([("class:error", "the editor did not run (set VISUAL or EDITOR)\n")])
            return []
        return [ln for ln in text.splitlines() if ln.strip()]

    def run_lines(self, lines: list[str]) -> bool:
        """Run each line as one turn (echoing it when there are several); True to leave."""
        echo = len(lines) > 1
        while lines:
            line = lines.pop(0).strip()
            if not line:
                continue
            if echo:
                self.write([("class:prompt", "qabot> "), ("", render.safe_line(line) + "\n")])
            reply = self.turn(line)
            if reply.edit:
                lines = self.edit() + lines
                echo = echo or len(lines) > 1
                continue
            self.show(reply)
            if reply.quit:
                return True
            if reply.frags:
                self.write([("", "\n")])
        return False

    def run(self, greet: bool = True, note: str = "") -> int:
        if greet:
            self.write(render.wrap(greeting(self.chat.index), self.width(), style="class:dim"))
        if note:
            self.write(render.wrap(note, self.width(), style="class:dim"))
        while True:
            try:
                text = self.prompt.prompt()
            except EOFError:
                break
            except KeyboardInterrupt:
                continue
            if text == CTRL_C_EMPTY:
                self.write([("class:dim", "(Ctrl-D or /quit leaves)\n")])
                continue
            # a paste or an edited buffer may hold several lines: one question each
            lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            if self.run_lines(lines):
                break
        self.chat.close()
        return 0


def corpus_label(corpus: Path) -> str:
    """The corpus folder as a person would type it: relative to here, or with ``~``."""
    try:
        p = corpus.resolve()
    except OSError:
        return str(corpus)
    try:
        rel = p.relative_to(Path.cwd())
        return f"{rel}/" if str(rel) != "." else "./"
    except ValueError:
        pass
    try:
        return f"~/{p.relative_to(Path.home())}/"
    except (ValueError, RuntimeError):
        return f"{p}/"


def corpus_name(corpus: Path) -> str:
    """The toolbar's short name of a corpus: its folder's name, or "" for the shipped
    briefings (whose folder, after ``pip install``, is deep in site-packages)."""
    try:
        if corpus.resolve() == locate.default_shipped_corpus().resolve():
            return ""
    except OSError:
        pass
    return render.safe_line(corpus.name or str(corpus)) + "/"


def make_chat(
    qa: Any,
    args: argparse.Namespace,
    console: Console | int = 80,
    fit_ids: bool = True,
    interactive: bool = False,
) -> Chat:
    """The chat over ``qa``; ``fit_ids`` as in :mod:`qabot.render` (True on a terminal).

    With a console: answers are logged (unless the config says not), ``--continue`` /
    ``--cid`` resumes a logged conversation, and an ``interactive`` chat starts from the
    last ``/k`` (when no ``-k`` was given) and keeps a new one.
    """
    corpus, _, _ = locate.resolve(args.corpus, args.index)
    width = console.width if isinstance(console, Console) else console
    k = args.k
    if interactive and not getattr(args, "k_given", True):
        k = remembered_k() or k
    chat = Chat(
        qa.ask,
        qa.index,
        qa.analyzer,
        explain=qa.explain,
        k=k,
        width=width,
        corpus=corpus_label(Path(corpus)),
        fit_ids=fit_ids,
        remember_k=remember_k if interactive else None,
        lookup=qa.lookup,
        timeline=qa.timeline,
    )
    chat.since, chat.until = getattr(args, "since", None), getattr(args, "until", None)

    def ask(question: str, k: int, history: Sequence[Answer]) -> Answer:
        return qa.ask(question, k=k, history=history, since=chat.since, until=chat.until)  # type: ignore[no-any-return]

    chat.ask_fn = ask
    if not isinstance(console, Console):
        return chat
    rec = Recorder(
        bool(getattr(args, "log", False)), str(qa.index.manifest.get("corpus", "")), console.notify
    )
    chat.on_close = rec.close
    if getattr(args, "continue_", False) or getattr(args, "cid", None):
        history: list[Answer] = []
        for q in rec.resume(args.cid, 1)[-20:]:
            history.append(qa.ask(q, k=k, history=tuple(history)))
        chat.resume(history)
    if rec.on:
        chat.on_answer = lambda question, answer, conversation: rec.add(answer, chat.k, conversation)
    return chat


def run_tty(args: argparse.Namespace, console: Console) -> int:
    """``qabot chat`` on a terminal (``cli.main`` reports any error in one line)."""
    qa = open_qa(args, console)  # a progress bar while a first index builds
    chat = make_chat(qa, args, console, interactive=True)
    pager_cmd = getattr(args, "pager_cmd", None)
    pager: Pager | None = system_pager
    if pager_cmd is not None:
        pager = (lambda text: run_pager(pager_cmd, text)) if pager_cmd else None
    session = Session(
        chat,
        history=open_history(notify=console.notify),
        color=console.color,
        pager=pager,
        editor=system_editor,
        lexicon=qa.lexicon,
        corpus_name=corpus_name(Path(locate.resolve(args.corpus, args.index)[0])),
        styles=console.styles,
    )
    note = ""
    if chat.history:
        last = chat.history[-1].question
        note = f"continuing: {render.plural(len(chat.history), 'earlier question')}, the last {last!r}"
    return session.run(note=note)

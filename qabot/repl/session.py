"""The terminal chat loop (prompt-toolkit).

:class:`Session` reads lines with a ``PromptSession`` (history, auto-suggest, Tab
completion, toolbar, keys) and hands each to a :class:`~qabot.repl.commands.Chat`,
whose ``ask`` callback answers questions. Input and output are prompt-toolkit
objects, so tests drive the loop with ``create_pipe_input()`` and ``DummyOutput()``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import shutil
import subprocess
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
from ..render import Fragments
from ..termio import Console, open_qa
from .commands import Chat, Reply, greeting
from .completer import ChatCompleter, CompletionEngine, entity_names
from .keys import CTRL_C_EMPTY, key_bindings
from .toolbar import toolbar_fragments

Pager = Callable[[str], bool]

TOOLBAR_STYLES = {
    "bottom-toolbar": "noreverse bg:ansiblack ansiwhite",
    "bottom-toolbar.text": "",
    "toolbar": "",
    "toolbar.key": "ansibrightblack",
    "toolbar.follow": "ansigreen",
    "prompt": "bold ansigreen",
}


def build_style(color: bool) -> Style:
    """Our classes (from ``render.STYLES``) as a prompt-toolkit Style; empty without colour."""
    if not color:
        return Style([])
    rules = dict(render.STYLES)
    rules.update(TOOLBAR_STYLES)
    return Style.from_dict(rules)


class SafeFileHistory(FileHistory):
    """A FileHistory that survives an unwritable file (the session goes on without it)."""

    def store_string(self, string: str) -> None:
        with contextlib.suppress(OSError):
            super().store_string(string)


def open_history(path: Path | None = None, notify: Callable[[str], None] | None = None) -> History:
    """The persistent history in ``state_dir()/history``; in memory when that is impossible."""
    path = path or locate.state_dir() / "history"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(exist_ok=True)
        return SafeFileHistory(str(path))
    except OSError as exc:
        if notify is not None:
            notify(f"qabot: cannot keep chat history in {path} ({exc.strerror or exc}); history is off")
        return InMemoryHistory()


def system_pager(text: str) -> bool:
    """Show ``text`` through ``$PAGER`` (default ``less``, with ``LESS=FRX``); False if none ran."""
    cmd = os.environ.get("PAGER", "").strip() or ("less" if shutil.which("less") else "")
    if not cmd or cmd == "cat":
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    try:
        proc = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode("utf-8", errors="replace"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit early
    while True:
        try:
            proc.wait()
            break
        except KeyboardInterrupt:  # less handles Ctrl-C itself; wait for it to finish
            continue
    return True


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
        max_width: int = 100,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.chat = chat
        self.color = color
        self.pager = pager
        self.max_width = max_width
        self.style = build_style(color)
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
            enable_open_in_editor=False,
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
        return FormattedText(toolbar_fragments(chat.corpus, chat.k, chat.history, self.width()))

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

    def run(self, greet: bool = True) -> int:
        if greet:
            self.write([("class:dim", greeting(self.chat.index) + "\n")])
        while True:
            try:
                line = self.prompt.prompt()
            except EOFError:
                break
            except KeyboardInterrupt:
                continue
            if line == CTRL_C_EMPTY:
                self.write([("class:dim", "(Ctrl-D or /quit leaves)\n")])
                continue
            line = line.strip()
            if not line:
                continue
            reply = self.turn(line)
            self.show(reply)
            if reply.quit:
                break
            if reply.frags:
                self.write([("", "\n")])
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


def make_chat(qa: Any, args: argparse.Namespace, width: int = 80, fit_ids: bool = True) -> Chat:
    """The chat over ``qa``; ``fit_ids`` as in :mod:`qabot.render` (True on a terminal)."""
    corpus, _, _ = locate.resolve(args.corpus, args.index)
    return Chat(
        qa.ask,
        qa.index,
        qa.analyzer,
        explain=qa.explain,
        k=args.k,
        width=width,
        corpus=corpus_label(Path(corpus)),
        fit_ids=fit_ids,
    )


def run_tty(args: argparse.Namespace, console: Console) -> int:
    """``qabot chat`` on a terminal (``cli.main`` reports any error in one line)."""
    qa = open_qa(args, console)  # a progress bar while a first index builds
    chat = make_chat(qa, args, console.width)
    session = Session(
        chat,
        history=open_history(notify=console.notify),
        color=console.color,
        pager=system_pager,
        lexicon=qa.lexicon,
    )
    return session.run()

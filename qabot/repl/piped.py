"""``qabot chat`` without the full-screen REPL: one turn a line, one conversation.

Each non-empty line is a question (follow-ups build on the earlier lines) or a slash
command. Plain output echoes each turn as ``> line`` before its reply; ``--json``
prints one JSON object per turn (an answer object as in ``ask --json``, or
``{"command": "/k", "ok": true, ...}`` for a command). End of input, or ``/quit``,
exits 0 — or 1 when a line met an internal error (a bug, not bad input): that line is
reported on stderr and skipped, the later lines still run, and the exit code tells a
script that a turn is missing. Bytes that are not UTF-8 become U+FFFD instead of
stopping the session. Passage ids are whole unless stdout is a terminal (see
:mod:`qabot.render`).

With stdin a terminal (line mode, see :mod:`qabot.repl`) a ``qabot>`` prompt goes to
stderr before each line is read, so ``qabot chat | tee log`` is usable.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TextIO

from .. import render
from ..termio import Console, Lines, isatty, open_qa
from .commands import Chat, Reply, greeting


def run_chat(chat: Chat, lines: Iterable[str], console: Console) -> int:
    """Feed each line to ``chat``; print replies; return the exit code (0, or 1 when a
    line met an internal error)."""
    first = True
    failed = False
    for raw in lines:
        line = render.safe(raw).strip()
        if not line:
            continue
        try:
            reply = chat.handle(line)
        except Exception as exc:  # never a traceback; report and go on with the next line
            failed = True
            message = f"internal error on {line[:40]!r}: {type(exc).__name__}: {exc}"
            if console.json:
                console.warn(console.json_text({"error": render.safe_line(message), "exit": 1}, console.err))
            else:
                console.warn(f"qabot: {message}")
            continue
        emit(reply, line, console, first)
        first = False
        if reply.quit:
            break
    return 1 if failed else 0


def emit(reply: Reply, line: str, console: Console, first: bool) -> None:
    if console.json:
        assert reply.data is not None  # Chat.handle fills it for every line
        console.emit_json(reply.data)
        return
    frags: render.Fragments = [] if first else [("", "\n")]
    frags += [("class:label", "> "), ("", line + "\n")]
    frags += reply.frags
    console.write(frags)


def run_piped(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .session import make_chat

    interactive = isatty(stdin)
    qa = open_qa(args, console)
    chat = make_chat(qa, args, console, fit_ids=isatty(console.out), interactive=interactive)
    prompt = None
    if interactive and isatty(console.err):
        console.err.write(render.plain(render.wrap(greeting(qa.index), console.width)))

        def prompt() -> None:
            console.err.write("qabot> ")
            console.err.flush()

    try:
        code = run_chat(chat, Lines(stdin, prompt), console)
    finally:
        chat.close()
    if prompt is not None:
        console.err.write("\n")
    return code

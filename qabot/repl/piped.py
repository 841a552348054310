"""``qabot chat`` with stdin not a terminal: one turn a line, one conversation.

Each non-empty line is a question (follow-ups build on the earlier lines) or a slash
command. Plain output echoes each turn as ``> line`` before its reply; ``--json``
prints one JSON object per turn (an answer object as in ``ask --json``, or
``{"command": "/k", "ok": true, ...}`` for a command). End of input, or ``/quit``,
exits 0 — or 1 when a line met an internal error (a bug, not bad input): that line is
reported on stderr and skipped, the later lines still run, and the exit code tells a
script that a turn is missing. Bytes that are not UTF-8 become U+FFFD instead of
stopping the session. Passage ids are whole unless stdout is a terminal (see
:mod:`qabot.render`).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from .. import render
from ..termio import Console, isatty, open_qa, stdin_lines
from .commands import Chat, Reply


def run_chat(chat: Chat, stdin: TextIO, console: Console) -> int:
    """Feed each line of ``stdin`` to ``chat``; print replies; return the exit code
    (0, or 1 when a line met an internal error)."""
    first = True
    failed = False
    for raw in stdin_lines(stdin):
        line = render.safe(raw).strip()
        if not line:
            continue
        try:
            reply = chat.handle(line)
        except Exception as exc:  # never a traceback; report and go on with the next line
            failed = True
            console.notify(f"qabot: internal error on {line[:40]!r}: {type(exc).__name__}: {exc}")
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
    console.out.write(render.to_ansi(frags, console.color))
    console.out.flush()


def run_piped(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .session import make_chat

    qa = open_qa(args, console)
    chat = make_chat(qa, args, console.width, fit_ids=isatty(console.out))
    return run_chat(chat, stdin, console)

"""What the command line and the chat share: streams, the console, opening the index.

Both front ends import from here (never from each other): :class:`Console` says
where output goes and whether it has colour, :func:`stdin_lines` decodes stdin
leniently, and :func:`open_qa` finds, refreshes and loads the index with a progress
bar on a terminal, rebuilding it once when its files turn out damaged. Nothing here
imports prompt-toolkit or nltk, so ``qabot ask`` stays light.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .api import QA
    from .progress import TerminalProgress

#: The most passages an answer may show (``-k``, ``/k``, ``/more``).
MAX_K = 100


def isatty(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (False for closed or fake streams)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stdin_lines(stdin: TextIO) -> Iterator[str]:
    """Lines of stdin decoded leniently: a bad byte becomes U+FFFD, never a crash."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        yield from stdin
        return
    for raw in buffer:
        yield raw.decode("utf-8", errors="replace")


class Console:
    """Where output goes and how it looks (colour only on a TTY, never with NO_COLOR)."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.json = bool(getattr(args, "json", False))
        self.color = (
            not getattr(args, "no_color", False)
            and "NO_COLOR" not in os.environ
            and os.environ.get("TERM") != "dumb"
            and isatty(out)
        )
        self.width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))

    def notify(self, message: str) -> None:
        from .render import safe

        print(safe(message), file=self.err, flush=True)

    def emit_json(self, obj: object) -> None:
        print(json.dumps(obj, ensure_ascii=False), file=self.out, flush=True)


def progress_bar(console: Console) -> TerminalProgress | None:
    """A build-progress callback: a prompt-toolkit bar on a TTY, None otherwise.

    Callers ``close()`` the bar when the build is over.
    """
    if not isatty(console.err):
        return None
    from .progress import TerminalProgress

    return TerminalProgress(console.err)


def is_command(line: str) -> bool:
    """A slash command is ``/`` followed by a letter (or ``?``); anything else is a question.

    The one rule for both front ends: chat runs such a line, ``qabot ask`` declines it.
    """
    s = line.strip()
    return len(s) > 1 and s[0] == "/" and (s[1].isalpha() or s[1] == "?")


def open_qa(args: argparse.Namespace, console: Console) -> QA:
    """The corpus and index of ``args`` (``--corpus``/``--index``), fresh and loaded.

    A missing or stale index is built (with a progress bar on a terminal); a damaged
    one is rebuilt once from scratch (a read-only explicit ``--index`` gets a clear
    error instead).
    """
    from .api import QA

    progress = progress_bar(console)
    try:
        return QA.open(args.corpus, args.index, notify=console.notify, progress=progress)
    finally:
        if progress is not None:
            progress.close()

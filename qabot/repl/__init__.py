"""``qabot chat``: the REPL on a terminal, one turn a line when stdin is piped."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..termio import Console, isatty


def run(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    if isatty(stdin) and isatty(console.out):
        from .session import run_tty

        return run_tty(args, console)
    from .piped import run_piped

    return run_piped(args, console, stdin)

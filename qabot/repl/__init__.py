"""``qabot chat``: the REPL on a terminal, one turn a line when stdin is piped."""

from __future__ import annotations

import argparse
from typing import Any, TextIO


def run(args: argparse.Namespace, console: Any, stdin: TextIO) -> int:
    from ..cli import _isatty

    if _isatty(stdin) and _isatty(console.out):
        from .session import run_tty

        return run_tty(args, console)
    from .piped import run_piped

    return run_piped(args, console, stdin)

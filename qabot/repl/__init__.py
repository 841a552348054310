"""``qabot chat``: the REPL on a terminal, one turn a line otherwise.

Which one runs: stdin and stdout both terminals (and no ``--json``) -> the
prompt-toolkit REPL. stdin a terminal but stdout not (``qabot chat | tee log``), or
``--json`` -> line mode: a plain ``qabot>`` prompt on stderr, the turns written to
stdout as piped mode writes them (so the log reads like a transcript). stdin not a
terminal -> piped mode, no prompt.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ..termio import Console, isatty


def run(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    if isatty(stdin) and isatty(console.out) and not console.json:
        from .session import run_tty

        return run_tty(args, console)
    from .piped import run_piped

    return run_piped(args, console, stdin)

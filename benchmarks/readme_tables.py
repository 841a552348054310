"""Regenerate the README's quality tables from the commands that produce them.

Each generated block in README.md sits between two markers naming its command::

    <!-- generated: qabot eval tests/questions/test.toml --baseline --format markdown -->
    ... the command's output ...
    <!-- end generated -->

``python benchmarks/readme_tables.py`` runs every block's command (from the checkout,
in this process) and writes its output into the block; ``--check`` only reports the
blocks that are out of date (exit 1); ``--only WORD`` limits both to the blocks whose
command holds WORD. The SQuAD 2.0 blocks need ../shared/bench/squad2 beside the
checkout or $QABOT_SQUAD2; the ablation block takes several minutes.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(
    r"(?P<head><!-- generated: (?P<cmd>qabot [^\n]*?) -->\n)(?P<body>.*?)(?P<tail><!-- end generated -->)",
    re.S,
)


def run(command: str, extra: list[str] | None = None) -> str:
    """The stdout of ``command`` (``qabot ...``) run in this process from the checkout."""
    sys.path.insert(0, str(ROOT))
    from qabot.cli import main

    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        code = main([*shlex.split(command)[1:], *(extra or [])], stdout=out, stderr=err)
    finally:
        os.chdir(cwd)
    if code != 0:
        raise SystemExit(f"{command}: exit {code}\n{err.getvalue()}")
    return out.getvalue()


def blocks(text: str) -> list[tuple[str, str]]:
    """(command, current body) of each generated block of ``text``."""
    return [(m.group("cmd"), m.group("body")) for m in BLOCK.finditer(text)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="report stale blocks, change nothing")
    ap.add_argument("--only", metavar="WORD", help="only the blocks whose command holds WORD")
    args = ap.parse_args()
    text = README.read_text(encoding="utf-8")
    stale: list[str] = []

    def fresh(m: re.Match[str]) -> str:
        cmd = m.group("cmd")
        if args.only and args.only not in cmd:
            return m.group(0)
        print(f"running: {cmd}", file=sys.stderr, flush=True)
        body = run(cmd)
        if body != m.group("body"):
            stale.append(cmd)
        return m.group("head") + body + m.group("tail")

    new = BLOCK.sub(fresh, text)
    for cmd in stale:
        print(f"{'stale' if args.check else 'updated'}: {cmd}", file=sys.stderr)
    if not args.check and new != text:
        README.write_text(new, encoding="utf-8")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())

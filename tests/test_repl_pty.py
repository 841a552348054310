"""A real terminal: the ``qabot chat`` program under a pty (pexpect)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

pexpect = pytest.importorskip("pexpect")


def command() -> list[str]:
    exe = shutil.which("qabot")
    return [exe] if exe else [sys.executable, "-m", "qabot"]


def test_chat_in_a_terminal(shared_index: Path) -> None:
    home = Path(os.environ["QABOT_HOME"])
    env = dict(os.environ, TERM="xterm-256color", PYTHONPATH=str(ROOT), COLUMNS="80", LINES="30")
    env.pop("NO_COLOR", None)
    cmd = command()
    child = pexpect.spawn(
        cmd[0],
        [*cmd[1:], "chat", "--corpus", str(CORPUS), "--index", str(shared_index)],
        env=env,
        cwd=str(ROOT),
        dimensions=(30, 80),
        encoding="utf-8",
        timeout=20,
    )
    try:
        child.expect("34 passages — ask a question, /help for commands")
        child.expect("qabot> ")
        child.send("why did Hanoi end early?\r")
        child.expect(r"\[1\] ")
        child.expect("2019-02-2[68]")
        child.expect("score ")
        child.expect("qabot> ")
        # Ctrl-C on a half-typed line clears it and keeps the session
        child.send("half a thou")
        child.expect("thou")
        child.sendcontrol("c")
        child.send("/k 4\r")
        child.expect("k = 4: answers now show 4 passages")
        child.expect("qabot> ")
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0, child.before
    history = (home / "state" / "history").read_text("utf-8")
    assert "+why did Hanoi end early?" in history and "+/k 4" in history
    assert "half a thou" not in history

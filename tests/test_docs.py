"""The README documents every command and gives the test command CI runs."""

from __future__ import annotations

import re

from qabot.cli import COMMANDS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    for command in COMMANDS:
        assert f"`qabot {command}" in README, command


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", README, re.S)
    test_cmd = next(b for b in blocks if "pytest" in b and "pip install" in b)
    assert test_cmd.strip() in ci


def test_no_placeholders_left() -> None:
    for marker in ("BM25PLUS_FIGURES", "CLI_REFERENCE", "EXAMPLE_PLACEHOLDER", "TEST_TABLE", "DEV_TABLE"):
        assert marker not in README

"""The README's quality tables are the output of the commands named above them."""

from __future__ import annotations

import shlex

import pytest

from benchmarks.readme_tables import README, blocks
from tests.conftest import ROOT, run_cli

BLOCKS = blocks(README.read_text(encoding="utf-8"))
#: the blocks cheap enough for the suite (SQuAD 2.0 and the ablation run for minutes)
FAST = [(cmd, body) for cmd, body in BLOCKS if "tests/questions/" in cmd and "--ablate" not in cmd]


def test_the_readme_has_generated_tables() -> None:
    assert len(FAST) >= 2 and any("squad2" in cmd for cmd, _ in BLOCKS)
    assert any("--ablate" in cmd for cmd, _ in BLOCKS)


@pytest.mark.parametrize(("command", "body"), FAST, ids=[cmd for cmd, _ in FAST])
def test_readme_table_is_current(
    base: list[str], monkeypatch: pytest.MonkeyPatch, command: str, body: str
) -> None:
    monkeypatch.chdir(ROOT)  # the commands name files from the checkout
    code, out, err = run_cli([*shlex.split(command)[1:], *base])
    assert code == 0, err
    assert out == body, f"README is stale: run python benchmarks/readme_tables.py --only '{command}'"

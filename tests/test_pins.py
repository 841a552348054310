"""Pinned figures: tests/questions scored exactly as tests/pins/questions.json records.

Every figure (qabot and plain BM25, overall and per kind) and every question's outcome
is compared exactly, so any change in ranking shows up here as a diff to explain;
rewrite the pins after a change you mean (the command is in tests/pins/questions.toml).
The SQuAD 2.0 pins (tests/pins/squad2.json) are checked on the SMALL corpus's test half
when ../shared/bench/squad2 (or $QABOT_SQUAD2) is there; the rest by the commands in
tests/pins/squad2-*.toml.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT, run_cli

PINS = ROOT / "tests" / "pins"


def _check(argv: list[str]) -> tuple[int, str, str]:
    return run_cli(["eval", *argv])


def test_question_sets_match_their_pins_exactly(base: list[str]) -> None:
    suite, pins = PINS / "questions.toml", PINS / "questions.json"
    code, out, err = _check([str(suite), "--baseline", "--check-pins", str(pins), *base])
    assert code == 0, err
    assert "qabot: pins: 2 set(s) match" in err and "questions-dev" in out and "questions-test" in out


def test_a_changed_figure_or_rank_is_reported(base: list[str], tmp_path: Path) -> None:
    data = json.loads((PINS / "questions.json").read_text(encoding="utf-8"))
    dev = data["sets"]["questions-dev"]
    dev["qabot"]["hit1"] -= 0.01
    dev["baseline"]["by_kind"]["why"]["mrr"] = 0.5
    ranks = dev["ranks"].split()
    ranks[0] = "r" if ranks[0] != "r" else "1"
    dev["ranks"] = " ".join(ranks)
    answers = list(dev["answers"])
    at = answers.index("+")  # an answer that held its phrase, pinned as one that did not
    answers[at] = "x"
    dev["answers"] = "".join(answers)
    changed = tmp_path / "pins.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = _check([str(PINS / "questions.toml"), "--baseline", "--check-pins", str(changed), *base])
    assert code == 1
    assert "questions-dev: qabot: hit1" in err and "questions-dev: baseline: kind why: mrr changed" in err
    assert "questions-dev: 1 item moved: d01" in err and "questions-test" not in err
    assert re.search(r"questions-dev: 1 answer moved: \S+ x->\+", err), err


def test_pins_are_written_only_with_the_shipped_parameters(base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    code, _, err = _check([str(PINS / "questions.toml"), "--write-pins", str(out), "--param", "cue=0", *base])
    assert code == 2 and "shipped parameters" in err and not out.exists()
    code, _, err = _check([str(ROOT / "tests" / "questions" / "dev.toml"), "--write-pins", str(out), *base])
    assert code == 0 and set(json.loads(out.read_text())["sets"]) == {str(ROOT / "tests/questions/dev.toml")}


def _squad2() -> Path | None:
    env = os.environ.get("QABOT_SQUAD2")
    for where in ([Path(env)] if env else []) + [ROOT.parent / "shared" / "bench" / "squad2"]:
        if (where / "test.toml").is_file() and (where / "corpus" / "core").is_dir():
            return where
    return None


@pytest.mark.skipif(
    _squad2() is None, reason="no ../shared/bench/squad2 beside the checkout (nor $QABOT_SQUAD2)"
)
def test_squad2_small_test_half_matches_its_pin(tmp_path: Path) -> None:
    squad2 = _squad2()
    assert squad2 is not None
    suite = tmp_path / "suite.toml"
    suite.write_text(
        f'[[set]]\nname = "squad2-test-small"\nquestions = "{squad2 / "test.toml"}"\n'
        f'corpus = "{squad2 / "corpus" / "core"}"\n',
        encoding="utf-8",
    )
    code, out, err = _check([str(suite), "--check-pins", str(PINS / "squad2.json"), "--corpus", str(CORPUS)])
    assert code == 0, err
    assert "1 set(s) match" in err and "squad2-test-small" in out


def test_timeline_sets_match_their_pins_exactly() -> None:
    """tests/timeline's time-word sets over their own corpus (issue 15)."""
    suite, pins = PINS / "timeline.toml", PINS / "timeline.json"
    code, out, err = _check([str(suite), "--baseline", "--check-pins", str(pins)])
    assert code == 0, err
    assert "qabot: pins: 2 set(s) match" in err and "timeline-dev" in out and "timeline-test" in out

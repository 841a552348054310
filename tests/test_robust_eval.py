"""Malformed question sets: `qabot eval` exits 1 with one line naming file, line and key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, run_cli

Q = '[[question]]\nid = "q1"\nq = "Who decides on most of the sanctions?"\nexpect = ["sanctions"]\n'

CASES = {
    # name: (file text, line expected in the message, words the message must hold)
    "malformed TOML": ('[[question]]\nid = "q1"\nq = "why?\nexpect = ["x"]\n', 3, ["line 3"]),
    "missing key": (Q + '\n[[question]]\nid = "q2"\nexpect = ["x"]\n', 6, ["missing key 'q'"]),
    "unknown key": (Q + 'expectt = ["y"]\n', 1, ["unknown key 'expectt'"]),
    "duplicate id": (Q + "\n" + Q, 6, ["duplicate id 'q1'", ":1)"]),
    "unknown table": ('title = "x"\n' + Q, 1, ["'title'"]),
    "id not a string": (Q.replace('"q1"', "3"), 1, ["key 'id'"]),
    "expect not a list": (Q.replace('["sanctions"]', '"sanctions"'), 1, ["key 'expect'"]),
    "entry not a table": ("\nquestion = [1]\n", 2, ["key 'question'", "array of tables", "int 1"]),
    "second entry not a table": (
        '\nquestion = [{id = "a", q = "x", expect = ["y"]}, "b"]\n',
        2,
        ["key 'question'", "entry 2 is str"],
    ),
    "table, not array of tables": ('\n[question]\nid = "a"\nq = "x"\n', 2, ["key 'question'"]),
    "question is a string": ('\n\nquestion = "why?"\n', 3, ["key 'question'"]),
    "kind not a string": (Q + "kind = 3\n", 1, ["key 'kind'"]),
    "q an empty list": (Q.replace('q = "Who decides on most of the sanctions?"', "q = []"), 1, ["key 'q'"]),
    "q empty": (Q.replace('"Who decides on most of the sanctions?"', '""'), 1, ["key 'q'"]),
    "turns empty": ('[[conversation]]\nid = "c1"\nturns = []\nexpect = ["x"]\n', 1, ["key 'turns'"]),
    "turns of numbers": ('[[conversation]]\nid = "c1"\nturns = [1, 2]\nexpect = ["x"]\n', 1, ["key 'turns'"]),
    "expect a string": (
        '[[unanswerable]]\nid = "u1"\nq = "x"\n\n[[conversation]]\nid = "c1"\nturns = ["a"]\nexpect = "x"\n',
        5,
        ["key 'expect'"],
    ),
    "note a number": ('[[unanswerable]]\nid = "u1"\nq = "x"\nnote = 3\n', 1, ["key 'note'"]),
}


run = run_cli


@pytest.mark.parametrize("name", sorted(CASES))
def test_malformed_question_set(shared_index: Path, tmp_path: Path, name: str) -> None:
    text, line, words = CASES[name]
    qs = tmp_path / "set.toml"
    qs.write_text(text, encoding="utf-8")
    code, out, err = run(["eval", "--corpus", str(CORPUS), "--index", str(shared_index), str(qs)])
    assert code == 1 and out == "" and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"qabot: error: {qs}")
    m = re.search(rf"{re.escape(str(qs))}:(\d+)|line (\d+)", err)
    assert m and int(m.group(1) or m.group(2)) == line, err
    for w in words:
        assert w in err, err


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00 not text", None])
def test_empty_unreadable_or_missing_question_set(
    shared_index: Path, tmp_path: Path, content: bytes | None
) -> None:
    qs = tmp_path / "set.toml"
    if content is not None:
        qs.write_bytes(content)
    code, out, err = run(["eval", "--corpus", str(CORPUS), "--index", str(shared_index), str(qs)])
    assert code == 1 and out == "" and err.startswith(f"qabot: error: {qs}") and err.count("\n") == 1

"""Terminal safety: escape sequences in briefings or questions never reach stdout/stderr."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

ESC = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = (
    "Hostile \x1b]0;PWNED TITLE\x07Briefing \x1b[5mBlink\x1b[0m\n\nMarch 3, 2019\n\n"
    "Pyongyang \x1b[2J\x1b[H\x1b[31mrocket\x1b[0m tests resumed \x1b]8;;http://evil.example\x1b\\here"
    "\x1b]8;;\x1b\\ in March.\x07\x08\x7f The \x1bP+q\x1b\\ summit \x9b6n stalled again.\n\n"
    "Section \x1b]2;title\x1b\\ Two\n\nA second paragraph about rocket fuel \x1b[?1049h and sanctions.\n"
)


run = run_cli


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("hostile")
    (root / "corpus").mkdir()
    (root / "corpus" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (root / "corpus" / "esc\x1b[31mname.txt").write_text(
        HOSTILE.replace("rocket", "missile"), encoding="utf-8"
    )
    return ["--corpus", str(root / "corpus"), "--index", str(root / "ix")]


def clean(*texts: str) -> bool:
    return all(not ESC.search(t.replace("\n", "").replace("\t", "")) for t in texts)


@pytest.mark.parametrize(
    ("argv", "want_code", "want_out", "want_err"),
    [
        # (arguments, exit code, words stdout must hold, words stderr must hold)
        (["ask", "rocket tests"], 0, ["rocket tests resumed"], []),
        (
            ["ask", "--no-color", "rocket \x1b]0;x\x07 fuel", "missile \x1b[2J sanctions"],
            0,
            ["rocket fuel", "missile", "sanctions"],
            [],
        ),
        (["ask", "--json", "rocket"], 0, ['"answered": true', "rocket"], []),
        # a control character in a file name is shown escaped, never sent (issue 16)
        (["sources"], 0, ["Hostile Briefing", "hostile", "esc\\u001b[31mname", "2 briefings"], []),
        (["sources", "--json"], 0, ['"id": "hostile"', "Hostile Briefing"], []),
        (["show", "hostile"], 0, ["Hostile Briefing", "rocket tests resumed", "Section Two"], []),
        (["show", "hostile#p1"], 0, ["rocket tests resumed", "hostile#p1"], []),
        # escape sequences are not part of an id: stripped, as from a question
        (["show", "hostile#p1\x1b[31m"], 0, ["hostile#p1"], []),
        (["show", "hostile#p9\x1b[31m"], 1, [], ["qabot: error: ", "hostile has passages #p1 to"]),
        (["index", "--force"], 0, ["rebuilt the index from scratch: 2 briefings"], []),
    ],
)
def test_no_escape_reaches_the_terminal(
    base: list[str], argv: list[str], want_code: int, want_out: list[str], want_err: list[str]
) -> None:
    code, out, err = run([argv[0], *base, *argv[1:]])
    assert code == want_code, (code, out, err)
    assert clean(out, err), repr(out + err)
    for word in want_out:
        assert word in out, (word, out)
    for word in want_err:
        assert word in err, (word, err)
    if want_code:
        assert out == "" and err.count("\n") == 1


def test_eval_output_is_clean(base: list[str], tmp_path: Path) -> None:
    qs = tmp_path / "q.toml"
    qs.write_text(
        '[[question]]\nid = "q\\u001b[31m1"\nkind = "w\\u001b]0;t\\u0007hy"\n'
        'q = "rocket \\u001b[2J tests?"\nexpect = ["xqzv never there \\u001b[5m"]\n'
        '[[unanswerable]]\nid = "u1"\nq = "what about \\u001b]0;title\\u0007 ottawa?"\n',
        encoding="utf-8",
    )
    code, out, err = run(["eval", *base, "-v", str(qs)])
    assert code in (0, 1) and out
    assert clean(out, err), repr(out + err)
    code, out, err = run(["eval", *base, str(tmp_path / "q\x1b[31m.toml")])
    assert code == 1 and clean(out, err)

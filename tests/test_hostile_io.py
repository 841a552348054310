"""Odd streams, encodings, places and characters (issue 16, the command line's part):
never an internal error, always a clear line or graceful output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qabot import locate
from tests.conftest import CORPUS, ROOT, run_cli

Run = subprocess.CompletedProcess[bytes]


def qabot(args: list[str | bytes], shell: str = "", env: dict[str, str] | None = None, **kw: object) -> Run:
    """qabot in a fresh process; ``shell`` is a redirection such as ``>&-`` applied by bash."""
    environ = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    cmd: list[str | bytes] = [sys.executable, "-m", "qabot", *args]
    if shell:
        quoted = " ".join(
            "'" + (a.decode() if isinstance(a, bytes) else a).replace("'", "'\\''") + "'" for a in cmd
        )
        done: Run = subprocess.run(["bash", "-c", f"{quoted} {shell}"], capture_output=True, env=environ,
                                   cwd=ROOT, timeout=60, **kw)  # type: ignore[call-overload]  # fmt: skip
        return done
    ran: Run = subprocess.run(cmd, capture_output=True, env=environ, cwd=ROOT, timeout=60, **kw)  # type: ignore[call-overload]
    return ran


# ---------------------------------------------------------------- stdin


@pytest.mark.parametrize("ending", [b"\r", b"\r\n", b"\n"])
def test_every_line_ending_separates_questions(base: list[str], ending: bytes) -> None:
    data = ending.join([b"who is Stephen Biegun?", b"why did Hanoi end early?", b""])
    code, out, _ = run_cli(["ask", "--json", *base], stdin=data)
    assert code == 0 and [json.loads(x)["question"] for x in out.splitlines()] == [
        "who is Stephen Biegun?",
        "why did Hanoi end early?",
    ]
    code, out, _ = run_cli(["chat", "--json", *base], stdin=data)
    assert code == 0 and len(out.splitlines()) == 2


def test_a_1mb_line_is_cut_with_a_notice(base: list[str]) -> None:
    line = ("why did the Hanoi summit end early " * 40_000)[: 1 << 20].encode()
    code, out, err = run_cli(["ask", "--json", *base], stdin=line + b"\nwho is Biegun?\n")
    objs = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(objs) == 2 and objs[0]["answered"] and "Biegun" in objs[1]["answer"]
    assert err.startswith("qabot: the question was cut to its first ") and err.count("\n") == 1
    code, out, err = run_cli(["chat", *base], stdin=line + b"\n")
    assert code == 0 and "(the question was cut to its first " in out


def test_a_never_ending_line_is_bounded(base: list[str]) -> None:
    from qabot.termio import MAX_LINE_BYTES, Lines
    from tests.conftest import FakeStdin

    data = b"x" * (3 * MAX_LINE_BYTES) + b"\nnext\n"
    lines = Lines(FakeStdin(data))
    got = list(lines)
    assert [len(g) for g in got] == [MAX_LINE_BYTES, 4] and lines.cut == 1


# ---------------------------------------------------------------- closed streams


def test_closed_stdout_is_one_line(shared_index: Path) -> None:
    p = qabot(["ask", "--corpus", str(CORPUS), "--index", str(shared_index), "who is Biegun?"], ">&-")
    assert p.returncode == 1 and p.stderr.decode() == "qabot: error: cannot use stdout: it is closed\n"


def test_closed_stdin(shared_index: Path) -> None:
    base = ["--corpus", str(CORPUS), "--index", str(shared_index)]
    p = qabot(["ask", *base, "who is Biegun?"], "<&-")
    assert p.returncode == 0 and b"Biegun" in p.stdout and p.stderr == b""  # not needed: no matter
    p = qabot(["ask", *base], "<&-")
    assert p.returncode == 1 and p.stderr.decode() == "qabot: error: cannot read stdin: it is closed\n"
    p = qabot(["chat", *base], "<&-")
    assert p.returncode == 1 and b"closed" in p.stderr and b"Traceback" not in p.stderr


def test_closed_stderr_keeps_errors_out_of_stdout(tmp_path: Path) -> None:
    p = qabot(["ask", "--corpus", str(tmp_path / "none"), "x"], "2>&-")
    assert p.returncode == 1 and p.stdout == b""


# ---------------------------------------------------------------- encodings


def test_non_utf8_argv_with_json(shared_index: Path) -> None:
    p = qabot([b"--json", b"--corpus", str(CORPUS).encode(), b"--index", str(shared_index).encode(),
               b"\xff\xfe Hanoi summit \xc3("])  # fmt: skip
    assert p.returncode == 0, p.stderr
    obj = json.loads(p.stdout)
    assert obj["question"].startswith("\ufffd") and "Hanoi" in obj["question"] and obj["answered"]


@pytest.mark.parametrize("fmt", [[], ["--json"], ["--format", "markdown"]])
def test_ascii_only_output_is_graceful(shared_index: Path, fmt: list[str]) -> None:
    base = ["--corpus", str(CORPUS), "--index", str(shared_index)]
    p = qabot([*fmt, *base, "why did Hanoi end early?"], env={"PYTHONIOENCODING": "ascii"})
    assert p.returncode == 0 and p.stderr == b"", p.stderr
    p.stdout.decode("ascii")  # nothing but ASCII reached the stream
    if fmt == ["--json"]:
        assert json.loads(p.stdout)["answered"] is True
    else:
        assert b"\\xb7" in p.stdout or b"\\u" in p.stdout or fmt  # escapes stand in for "·", "—"
    p = qabot(["--corpus", str(Path("/nonexistent-\u00e9")), "x"], env={"PYTHONIOENCODING": "ascii"})
    assert p.returncode == 1 and b"internal" not in p.stderr and p.stderr.count(b"\n") == 1


# ---------------------------------------------------------------- places


def test_relative_qabot_home_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QABOT_HOME", "qabot-home")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("# A\n\nA paragraph about Kaesong.\n", "utf-8")
    code, out, err = run_cli(["--corpus", str(corpus), "Kaesong?"])
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "QABOT_HOME must be an absolute path, not 'qabot-home'" in err
    assert list(tmp_path.iterdir()) == [corpus]  # nothing under the current folder


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"QABOT_HOME": "/etc/hostname"}, "QABOT_HOME is /etc/hostname, which is not a folder"),
        (
            {"QABOT_HOME": "", "XDG_CACHE_HOME": "/etc/hostname"},
            "XDG_CACHE_HOME is /etc/hostname, which is not a folder",
        ),
        (
            {"QABOT_HOME": "", "XDG_CACHE_HOME": "", "HOME": ""},
            "HOME is empty; set QABOT_HOME or XDG_CACHE_HOME",
        ),
        ({"QABOT_HOME": "/proc"}, "index build FAILED in /proc/cache/index-"),
        ({"QABOT_HOME": "", "XDG_CACHE_HOME": "/proc"}, "index build FAILED in /proc/qabot/index-"),
    ],
)
def test_unusable_places_are_one_line(
    env: dict[str, str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.md").write_text("# A\n\nA paragraph about Kaesong.\n", "utf-8")
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    code, out, err = run_cli(["--corpus", str(corpus), "Kaesong?"])
    assert code == 1 and out == "" and says in err, err
    assert (
        err.splitlines()[-1].startswith("qabot: error: ")
        and "internal" not in err
        and len(err.splitlines()) <= 3
    )


def test_an_unusable_log_place_never_fails_an_answer(
    base: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QABOT_HOME", "")
    monkeypatch.setenv("HOME", "")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    code, out, err = run_cli([*base, "who is Biegun?"])
    assert code == 0 and "Biegun" in out and err.count("\n") == 1 and "answers are not logged" in err
    with pytest.raises(locate.PlaceError):
        locate.data_dir()


# ---------------------------------------------------------------- characters from the corpus

TRICKS = "\u009b31m\u009d0;t\u202eevil\u202c\u2066iso\u2069\u061cx\u200by\u200d\u2060\ufeff"
RAW = set(TRICKS) - set("31m0;tevilisoxy")


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("tricky")
    corpus = root / "corpus"
    corpus.mkdir()
    body = f'+++\ntitle = "Rocket {TRICKS} Briefing"\ndate = 2019-03-03\n+++\n\n## Section {TRICKS}\n\n'
    body += f"Pyongyang {TRICKS} rocket tests resumed in March, {TRICKS} officials said.\n"
    (corpus / f"rocket{TRICKS}.md").write_text(body, encoding="utf-8")
    (corpus / f"bad{TRICKS}.md").write_bytes(b"\x00\x01\x02" * 100)  # skipped with a warning
    return ["--corpus", str(corpus), "--index", str(root / "ix")]


@pytest.mark.parametrize(
    "argv",
    [
        ["index", "--force"],
        ["index", "--force", "--json"],
        ["ask", "rocket tests"],
        ["ask", "--json", "rocket tests"],
        ["sources"],
        ["sources", "--json"],
        ["show", "1"],
        ["show", "--json", "1"],
        ["show", "1#p1"],
        ["chat"],
        ["chat", "--json"],
        ["log"],
        ["log", "--json"],
    ],
)
def test_no_raw_control_or_bidi_character_reaches_any_output(tricky: list[str], argv: list[str]) -> None:
    stdin = b"rocket tests\n/sources\n/show 1\n/why 1\n/open 1\n/history\n" if argv[0] == "chat" else b""
    run_cli(["ask", *tricky, "rocket tests"])  # something in the log
    code, out, err = run_cli([argv[0], *tricky, *argv[1:]] if argv[0] != "log" else argv, stdin=stdin)
    assert code == 0, err
    assert not set(out + err) & RAW, sorted(hex(ord(c)) for c in set(out + err) & RAW)
    if "--json" in argv:
        for line in out.splitlines():
            json.loads(line)  # escaped, still JSON

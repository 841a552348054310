"""The log of questions and answers, ``qabot log``, and resuming with -c / --cid (issue 13: 7)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from qabot import locate
from qabot.log import Log, append_pending
from tests.conftest import ROOT, run_cli


def entries(base: list[str], *extra: str) -> list[dict[str, object]]:
    code, out, err = run_cli(["log", "--json", *extra])
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_ask_and_chat_are_logged_and_listed(base: list[str]) -> None:
    assert run_cli([*base, "why did Hanoi end early?"])[0] == 0
    assert run_cli(["chat", *base], stdin=b"what did Pompeo say?\nand Kim?\n/new\nwho is Biegun?\n")[0] == 0
    logged = entries(base)
    assert [e["question"] for e in logged] == [
        "why did Hanoi end early?",
        "what did Pompeo say?",
        "and Kim?",
        "who is Biegun?",
    ]
    # one conversation for the ask, one per chat conversation (/new starts another)
    convs = [e["conversation"] for e in logged]
    assert convs[0] != convs[1] == convs[2] != convs[3]
    assert all(e["answered"] and e["passages"] for e in logged)
    code, out, _ = run_cli(["log", "Pompeo"])
    assert code == 0 and "what did Pompeo say?" in out and "Hanoi end early" not in out
    code, out, _ = run_cli(["log", "-n", "1"])
    assert "who is Biegun?" in out and "Pompeo" not in out
    code, out, _ = run_cli(["log", "--cid", str(convs[1])])
    assert "and Kim?" in out and "#p" in out and "Biegun" not in out
    assert run_cli(["log", "--path"])[1].strip() == str(locate.data_dir() / "log.db")


def test_continue_a_conversation_from_the_shell(base: list[str]) -> None:
    assert run_cli([*base, "why did Hanoi end early?"])[0] == 0
    code, out, _ = run_cli([*base, "--json", "-c", "what about China?"])
    follow = json.loads(out)
    alone = json.loads(run_cli([*base, "--json", "--no-log", "what about China?"])[1])
    words = {t.partition("^")[0] for t in follow["query"].split()}
    assert "hanoi" in words and "hanoi" not in {t.partition("^")[0] for t in alone["query"].split()}
    logged = entries(base)
    assert len(logged) == 2 and logged[0]["conversation"] == logged[1]["conversation"]  # --no-log kept out
    code, text, _ = run_cli([*base, "--cid", str(logged[0]["conversation"]), "and why?"])
    assert code == 0 and "following: " in text  # how the follow-up was read, one dim line


def test_chat_continue_resumes(base: list[str]) -> None:
    run_cli([*base, "why did Hanoi end early?"])
    code, out, _ = run_cli(["chat", *base, "--continue", "--json"], stdin=b"what about China?\n")
    words = {t.partition("^")[0] for t in json.loads(out)["query"].split()}
    assert code == 0 and "hanoi" in words
    logged = entries(base)
    assert logged[0]["conversation"] == logged[1]["conversation"]


def test_continue_without_a_log_is_a_clear_error(base: list[str]) -> None:
    code, out, err = run_cli([*base, "-c", "and China?"])
    assert code == 1 and out == "" and "no earlier conversation to continue" in err
    code, _, err = run_cli([*base, "--cid", "42", "and China?"])
    assert code == 1 and "there is no conversation 42" in err
    (Path(os.environ["QABOT_HOME"]) / "config.toml").write_text("log = false\n")
    code, _, err = run_cli([*base, "-c", "and China?"])
    assert code == 1 and "log = false" in err


def test_log_off_by_config_or_flag(base: list[str]) -> None:
    run_cli([*base, "--no-log", "who is Biegun?"])
    (Path(os.environ["QABOT_HOME"]) / "config.toml").write_text("log = false\n")
    run_cli([*base, "who is Biegun?"])
    run_cli(["chat", *base], stdin=b"who is Biegun?\n")
    assert not (locate.data_dir() / "log.db").exists() and not (locate.data_dir() / "pending").exists()


def test_one_shot_ask_leaves_a_pending_record_without_sqlite(shared_index: Path) -> None:
    from tests.conftest import CORPUS

    code = (
        "import sys; from qabot.cli import main; rc = main(['--corpus', sys.argv[1], '--index', sys.argv[2],"
        " 'who is Biegun?']); assert 'sqlite3' not in sys.modules, 'sqlite3 imported'; sys.exit(rc)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", code, str(CORPUS), str(shared_index)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    pending = locate.data_dir() / "pending" / "pending.jsonl"
    assert len(pending.read_text("utf-8").splitlines()) == 1 and not (locate.data_dir() / "log.db").exists()
    assert [e["question"] for e in entries([])] == ["who is Biegun?"]  # folded in by the reader
    assert pending.read_bytes() == b""


def test_folding_is_once_and_skips_damage(tmp_path: Path) -> None:
    pending = tmp_path / "pending"
    for q in ("one?", "two?"):
        append_pending({"question": q, "answered": False, "passages": []}, pending)
    with (pending / "pending.jsonl").open("a") as f:
        f.write('{"question": "cut off by a full di')  # a damaged last line
    kept = (pending / "pending.jsonl").read_bytes()
    a = Log(tmp_path / "log.db", pending)
    b = Log(tmp_path / "log.db", pending)  # a second reader finds nothing left to fold
    assert [e.question for e in a.entries()] == ["one?", "two?"] == [e.question for e in b.entries()]
    assert (pending / "pending.jsonl").read_bytes() == b""
    (pending / "pending.jsonl").write_bytes(kept)  # as if a fold stopped before emptying the file
    c = Log(tmp_path / "log.db", pending)
    assert [e.question for e in c.entries()] == ["one?", "two?"]  # not stored twice
    for book in (a, b, c):
        book.close()


def test_a_log_written_only_by_ask_stays_bounded(base: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from qabot import log

    monkeypatch.setattr(log, "FOLD_AT", 600)  # a record is ~1 KB here
    for q in ("who is Biegun?", "why did Hanoi end early?", "what did Pompeo say?"):
        assert run_cli([*base, q])[0] == 0
    pending = locate.data_dir() / "pending" / "pending.jsonl"
    assert pending.stat().st_size < 2000 and (locate.data_dir() / "log.db").exists()
    assert len(entries(base)) == 3


def test_a_damaged_log_is_one_line_and_never_fails_an_answer(base: list[str]) -> None:
    db = locate.data_dir() / "log.db"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not a database" * 100)
    code, out, err = run_cli(["log"])
    assert code == 1 and out == "" and err.count("\n") == 1 and str(db) in err
    code, out, err = run_cli(["chat", *base], stdin=b"who is Biegun?\n")
    assert code == 0 and "Biegun" in out and "cannot" in err and err.count("\n") == 1
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db).execute("select * from responses")  # left as it was: not ours to repair

"""The CLI contract: arguments, stdin batches, JSON Lines, exit codes, stdout/stderr."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS, FEB28, run_cli

run = run_cli


def test_ask_text(base: list[str]) -> None:
    code, out, err = run(["ask", *base, "what is China's role?"])
    assert code == 0 and err == ""
    assert "[1] Why an Abrupt Finale" in out and "The View From China and Seoul" in out
    assert "\x1b[" not in out  # no colour off a TTY


def test_ask_json_schema(base: list[str]) -> None:
    code, out, _ = run(
        ["ask", "--json", "-k", "2", *base, "-q", "what is China's role?", "-q", "who is Biegun?"]
    )
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(lines) == 2
    obj = lines[0]
    assert set(obj) == {"question", "query", "answered", "answer", "passages"}
    assert obj["answered"] is True
    # verbatim: the answer's sentence(s) come whole from one of the passages returned
    assert any(obj["answer"] in p["text"] for p in obj["passages"]), obj["answer"]
    p = obj["passages"][0]
    assert set(p) >= {
        "rank",
        "score",
        "id",
        "doc",
        "title",
        "date",
        "section",
        "paragraph",
        "text",
        "matched",
        "stems",
    }
    assert p["rank"] == 1 and p["doc"] == FEB28 and p["id"].startswith(FEB28 + "#p")
    assert len(obj["passages"]) == 2


def test_stdin_batch_goes_past_bad_lines(base: list[str]) -> None:
    data = "who is Stephen Biegun?\n\n   \nwhat is the\n\xff\xfe bad bytes\n/help\nxqzv blorp\n".encode(
        "latin-1"
    )
    code, out, _ = run(["ask", "--json", *base], stdin=data)
    objs = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(objs) == 5
    assert objs[0]["answered"] and "Biegun" in objs[0]["answer"]
    assert [o["answered"] for o in objs[1:]] == [False, False, False, False]
    assert "stopwords" in objs[1]["reason"] and "chat command" in objs[3]["reason"]
    assert "xqzv" in objs[4]["reason"] and objs[4]["answer"] is None


def test_bare_question_and_piped_default(base: list[str]) -> None:
    code, out, _ = run([*base, "--json", "who", "is", "Biegun?"])
    assert code == 0 and json.loads(out)["question"] == "who is Biegun?"
    code, out, _ = run([*base, "--json"], stdin=b"who is Biegun?\n")
    assert code == 0 and json.loads(out)["answered"]


@pytest.mark.parametrize("k", ["0", "-3", "abc"])
def test_bad_k_is_usage_error(base: list[str], k: str) -> None:
    code, out, err = run(["ask", "-k", k, *base, "x"])
    assert code == 2 and out == "" and "-k" in err and "Traceback" not in err


def test_unknown_command_and_empty_ask(base: list[str]) -> None:
    assert run(["ask", *base], tty=True)[0] == 2
    code, _, err = run(["--bogus"])
    assert code == 2 and "unrecognized" in err


def test_show(base: list[str]) -> None:
    code, out, _ = run(["show", *base, f"{FEB28}#p16"])
    assert code == 0 and "The View From China and Seoul" in out and "Beijing" in out
    code, out, _ = run(["show", *base, FEB28])
    assert code == 0 and out.count("Why It Matters") == 1 and "Ri Kil Song" in out
    code, out, err = run(["show", *base, "nope#p1"])
    assert code == 1 and out == "" and err.startswith("qabot: error:") and err.count("\n") == 1


def test_sources_and_version(base: list[str]) -> None:
    code, out, _ = run(["sources", "--json", *base])
    docs = [json.loads(x) for x in out.splitlines()]
    assert [d["passages"] for d in docs] == [17, 17] and docs[1]["date"] == "2019-02-28"
    code, out, _ = run(["--version"])
    assert code == 0 and out.startswith("qabot ")


def test_index_command_reports(corpus_copy: Path, tmp_path: Path) -> None:
    args = ["--corpus", str(corpus_copy), "--index", str(tmp_path / "ix")]
    code, out, _ = run(["index", *args])
    assert code == 0 and "2 added" in out
    code, out, _ = run(["index", *args])
    assert "up to date" in out
    (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Kaesong and the liaison office.\n")
    code, out, _ = run(["index", "--json", *args])
    assert json.loads(out)["added"] == ["extra.md"] and json.loads(out)["reused"] == 2


def test_ask_rebuilds_stale_index_with_one_line(corpus_copy: Path, tmp_path: Path) -> None:
    args = ["--corpus", str(corpus_copy), "--index", str(tmp_path / "ix")]
    code, _, err = run(["ask", *args, "who is Biegun?"])
    assert code == 0 and err.count("\n") == 1 and "building the index" in err
    code, _out, err = run(["ask", *args, "who is Biegun?"])
    assert err == ""


def test_missing_corpus_is_one_line_error(tmp_path: Path) -> None:
    code, _out, err = run(["ask", "--corpus", str(tmp_path / "none"), "--index", str(tmp_path / "ix"), "x"])
    assert code == 1 and "does not exist" in err and err.count("\n") == 1


# ---------------------------------------------------------------- routing


@pytest.mark.parametrize("tty", [False, True])
@pytest.mark.parametrize("argv", [["--corpus"], ["-k"], ["--index"], ["--json", "--corp"], ["-k", "2", "-k"]])
def test_option_without_its_value_is_usage_error(argv: list[str], tty: bool) -> None:
    code, out, err = run(argv, stdin=b"who is Biegun?\n", tty=tty)
    assert code == 2 and out == "" and "expected one argument" in err
    assert "None" not in err and "'ask'" not in err and "'chat'" not in err


def test_trailing_double_dash_adds_nothing(base: list[str]) -> None:
    code, out, err = run([*base, "--no-color", "--json", "--"], stdin=b"who is Biegun?\n")
    assert code == 0 and err == "" and json.loads(out)["question"] == "who is Biegun?"
    code, out, _ = run([*base, "--json", "--", "-k", "is", "a", "question"])
    assert code == 0 and json.loads(out)["question"] == "-k is a question"


def test_abbreviated_option_takes_its_value(shared_index: Path) -> None:
    code, out, _ = run(["--corp", str(CORPUS), "--ind", str(shared_index), "--json", "who is Biegun?"])
    assert code == 0 and json.loads(out)["question"] == "who is Biegun?"


def test_no_words_route_to_chat_on_a_terminal_and_to_ask_otherwise() -> None:
    from qabot.commandline import route

    assert route([], stdin_tty=True).command == "chat"
    assert route(["--json"], stdin_tty=False).command == "ask"
    assert route(["-c"], stdin_tty=True).command == "chat"  # resume in the chat
    assert route(["-q", "x"], stdin_tty=True).command == "ask"


# ---------------------------------------------------------------- errors


def test_bug_is_an_internal_error_not_a_user_error(base: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from qabot.api import QA

    def broken(self: object, question: str, k: int = 3, history: object = (), **_: object) -> None:
        raise KeyError("weights")

    monkeypatch.setattr(QA, "ask", broken)
    code, out, err = run(["ask", *base, "who is Biegun?"])
    assert code == 1 and out == "" and "Traceback" not in err
    assert err == "qabot: internal error: KeyError: 'weights' (please report)\n"


def test_malformed_aliases_file_is_a_user_error(corpus_copy: Path, tmp_path: Path) -> None:
    (corpus_copy / "aliases.toml").write_text("[entity.x]\nname = 3\n", "utf-8")
    code, _, err = run(["ask", "--corpus", str(corpus_copy), "--index", str(tmp_path / "ix"), "x"])
    assert code == 1 and "aliases.toml" in err and "internal" not in err
    assert err.splitlines()[-1].startswith("qabot: error:")


def test_show_missing_id_is_a_user_error(base: list[str]) -> None:
    code, out, err = run(["show", *base, f"{FEB28}#p99"])
    assert code == 1 and out == "" and "internal" not in err and err.count("\n") == 1
    assert err == f"qabot: error: {FEB28} has passages #p1 to #p17, not #p99\n"  # the valid range


# ---------------------------------------------------------------- slash commands in ask


@pytest.mark.parametrize("line", ["/?", "/help", "/save my notes.md", "/k 5"])
def test_ask_declines_chat_commands_without_searching(
    base: list[str], line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qabot.api import QA
    from qabot.termio import is_command

    def never(self: object, question: str, k: int = 3, history: object = ()) -> None:
        raise AssertionError(f"searched {question!r}")

    monkeypatch.setattr(QA, "ask", never)
    code, out, err = run(["ask", "--json", *base, line])
    obj = json.loads(out)
    assert code == 0 and err == "" and is_command(line)  # the chat runs it too
    assert obj["answered"] is False and obj["passages"] == [] and "chat command" in obj["reason"]


def test_one_k_limit() -> None:
    from qabot import cli, commandline, termio

    assert cli.MAX_K is termio.MAX_K is commandline.MAX_K
    assert run(["ask", "-k", str(termio.MAX_K + 1), "x"])[0] == 2


# ---------------------------------------------------------------- show


def test_show_briefing_uses_the_shared_renderer(
    base: list[str], qa: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qabot import render

    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(["show", *base, FEB28])
    doc = qa.index.docs[qa.index.doc_index[FEB28]]
    assert code == 0 and out == render.plain(render.document_fragments(qa.index, doc, 80))


def test_show_json_has_no_ranking_fields(base: list[str]) -> None:
    code, out, _ = run(["show", "--json", *base, FEB28])
    objs = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(objs) == 17 and objs[0]["id"] == f"{FEB28}#p1"
    assert all(not {"rank", "score", "matched"} & set(o) for o in objs)
    assert {"id", "doc", "title", "date", "section", "paragraph", "kind", "text"} <= set(objs[0])


def test_ask_ids_fit_a_terminal_and_are_whole_elsewhere(
    base: list[str], qa: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    question = "why did Hanoi end early?"
    code, piped, _ = run(["ask", *base, question])
    assert code == 0
    whole = re.findall(r"^    (\S+#p\d+) · score", piped, re.M)
    assert len(whole) == 3 and all(qa.index.find(pid) is not None for pid in whole)
    assert any(len(f"    {pid} · score 0.00") > 80 for pid in whole)  # too long for the screen
    code, tty, err = run(["ask", "--no-color", *base, question], out_tty=True)
    assert code == 0 and err == ""
    assert all(len(line) <= 80 for line in tty.splitlines())
    shown = re.findall(r"^    (\S+#p\d+) · score", tty, re.M)
    assert any("…" in pid for pid in shown)
    # a shortened id copied from the screen still names its passage
    for short, pid in zip(shown, whole, strict=True):
        assert run(["show", *base, short]) == run(["show", *base, pid])

"""The CLI contract: arguments, stdin batches, JSON Lines, exit codes, stdout/stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FEB28, run_cli

run = run_cli


@pytest.fixture
def base(shared_index: Path) -> list[str]:
    return ["--corpus", str(CORPUS), "--index", str(shared_index)]


def test_ask_text(base: list[str]) -> None:
    code, out, err = run(["ask", *base, "what is China's role?"])
    assert code == 0 and err == ""
    assert "[1] Why an Abrupt Finale" in out and "The View From China and Seoul" in out
    assert "\x1b[" not in out  # no colour off a TTY


def test_ask_json_schema(base: list[str]) -> None:
    code, out, _ = run(["ask", "--json", "-k", "2", *base, "what is China's role?", "who is Biegun?"])
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

"""Robustness: bad questions and bad usage get a clear reply or error, never a traceback."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FEB28, run_cli

run = run_cli


def ask_json(base: list[str], question: str) -> dict[str, object]:
    code, out, err = run(["ask", "--json", *base, "--", question])
    assert code == 0 and "Traceback" not in err
    (obj,) = [json.loads(x) for x in out.splitlines()]
    assert isinstance(obj, dict)
    return obj


@pytest.mark.parametrize("question", ["", "   \t ", "\u00a0\u2003"])
def test_an_empty_question_is_wrong_usage(base: list[str], question: str) -> None:
    for argv in (["ask", *base, "--", question], [*base, "--", question], ["ask", *base, "-q", question]):
        code, out, err = run(argv)
        assert code == 2 and out == "" and "usage:" in err and "empty" in err, argv


@pytest.mark.parametrize("question", ["the of and is", "?!.,;:--/"])
def test_questions_without_words_are_refused_with_a_reason(base: list[str], question: str) -> None:
    obj = ask_json(base, question)
    assert obj["answered"] is False and obj["answer"] is None
    assert "no words to search for" in str(obj["reason"])
    # and the text form says so in words
    code, out, _ = run(["ask", *base, "--", question])
    assert code == 0 and "no words to search for" in out


def test_100kb_question(base: list[str]) -> None:
    question = ("why did the Hanoi summit end early " * 3000)[:100_000]
    obj = ask_json(base, question)
    assert obj["answered"] is True and obj["passages"]


def test_control_characters_and_escapes_are_not_searched_nor_echoed(base: list[str]) -> None:
    question = "why did \x1b[2J\x1b[31mHanoi\x1b[0m end \x1b]0;xqzvtitle\x07early\x00\x07?"
    obj = ask_json(base, question)
    assert obj["answered"] is True
    assert "xqzvtitle" not in str(obj["query"]) and "31m" not in str(obj["query"])
    assert "\x1b" not in str(obj["question"]) and "\x00" not in str(obj["question"])
    code, out, _err = run(["ask", *base, question, "second"])  # batch: the question is echoed
    assert code == 0 and "\x1b" not in out and "\x07" not in out and "\x00" not in out


def test_invalid_utf8_on_stdin_and_batch_goes_on(base: list[str]) -> None:
    data = b"\xff\xfe\xc3( Hanoi summit?\n\n\xed\xa0\x80\nwho is Stephen Biegun?\n"
    code, out, err = run(["ask", "--json", *base], stdin=data)
    objs = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(objs) == 3 and "Traceback" not in err
    assert "\ufffd" in objs[0]["question"] and objs[0]["answered"]
    assert objs[1]["answered"] is False
    assert objs[2]["answered"] and "Biegun" in objs[2]["answer"]


def test_emoji_and_cjk(base: list[str]) -> None:
    obj = ask_json(base, "🚀🎉 北朝鮮 金正恩 ⚠️")
    assert obj["answered"] is False and obj["reason"]
    obj = ask_json(base, "北朝鮮 and Hanoi 🚀")
    assert obj["answered"] is True


@pytest.mark.parametrize("line", ["/help", "/quit", "/sources", "/why 2"])
def test_slash_command_in_ask_is_explained(base: list[str], line: str) -> None:
    obj = ask_json(base, line)
    assert obj["answered"] is False and "chat command" in str(obj["reason"])
    code, out, _ = run(["ask", *base], stdin=f"{line}\nwho is Biegun?\n".encode())
    assert code == 0 and "chat command" in out and "Biegun" in out


@pytest.mark.parametrize("k", ["0", "-3", "abc", "1.5", "", "101"])
def test_bad_k_is_usage_error(base: list[str], k: str) -> None:
    for argv in (["ask", "-k", k, *base, "x"], ["-k", k, *base, "x"]):
        code, out, err = run(argv)
        assert code == 2 and out == "" and "-k" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [["indx"], ["sourcse"], ["shwo"], ["--bogus"], ["-x", "hanoi"], ["ask", "--frobnicate", "x"], ["show"]],
)
def test_unknown_commands_and_options_are_usage_errors(argv: list[str]) -> None:
    code, out, err = run(argv)
    assert code == 2 and out == "" and "usage:" in err and "Traceback" not in err


def test_question_words_are_not_taken_for_commands(base: list[str]) -> None:
    code, out, _ = run([*base, "--json", "how"])
    assert code == 0 and json.loads(out)["question"] == "how"


@pytest.mark.parametrize(
    ("ident", "says"),
    [
        ("nope", "no briefing 'nope'"),
        ("", "which briefing?"),
        ("#p1", "names no briefing before #"),
        ("9", "there are 2 briefings"),
        (f"{FEB28}#p999", "has passages #p1 to #p17"),
        (f"{FEB28}#px", "a passage is #pN, with N from 1 to 17"),
        ("\x1b[31mred\x1b[0m", "no briefing 'red'"),
        ("2019", "fits 2 briefings"),
    ],
)
def test_show_missing_id(base: list[str], ident: str, says: str) -> None:
    code, out, err = run(["show", *base, ident])
    assert code == 1 and out == ""
    assert err.startswith("qabot: error: ") and says in err and err.count("\n") == 1, err
    assert "\x1b" not in err

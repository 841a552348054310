"""Arguments as llm reads them: options anywhere, one question from all the words,
``--`` ends options, help is help, and the script-facing switches (issue 13: 1-3, 14)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from qabot.commandline import UsageError, parse, route
from tests.conftest import run_cli

run = run_cli


def asked(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


# ---------------------------------------------------------------- 1. options anywhere


@pytest.mark.parametrize(
    "argv",
    [
        ["why did Hanoi end early?", "--json", "-k", "1"],
        ["--json", "why did Hanoi end early?", "-k", "1"],
        ["why", "did", "--json", "Hanoi", "end", "-k1", "early?"],
        ["ask", "why did Hanoi end early?", "--json", "-k", "1"],
        ["--json", "-k", "1", "ask", "why", "did", "Hanoi", "end", "early?"],
        ["-k=1", "--js", "why did Hanoi end early?"],
    ],
)
def test_options_go_anywhere(base: list[str], argv: list[str]) -> None:
    code, out, err = run([*argv, *base])
    assert code == 0 and err == "", err
    (obj,) = asked(out)  # JSON: --json was read wherever it stood
    assert obj["question"] == "why did Hanoi end early?"  # no option became a word
    assert len(obj["passages"]) == 1  # and -k 1 was honoured


def test_help_and_no_color_are_not_swallowed_by_a_bare_question(base: list[str]) -> None:
    code, out, _ = run(["why did Hanoi end early?", "--help"])
    assert code == 0 and out.startswith("usage: qabot")
    code, out, _ = run(["why did Hanoi end early?", "--no-color", *base], out_tty=True)
    assert code == 0 and "\x1b[" not in out and "Hanoi" in out


def test_double_dash_ends_options(base: list[str]) -> None:
    code, out, _ = run([*base, "--json", "--", "-k", "is", "not", "an", "option", "--json"])
    assert code == 0 and asked(out)[0]["question"] == "-k is not an option --json"
    code, out, _ = run(["ask", *base, "--json", "--", "show", "me", "Hanoi"])
    assert code == 0 and asked(out)[0]["question"] == "show me Hanoi"
    code, out, _ = run([*base, "--json", "--", "show", "me", "Hanoi"])  # not the show command
    assert code == 0 and asked(out)[0]["question"] == "show me Hanoi"


def test_a_leading_dash_word_says_how_to_ask_it() -> None:
    code, out, err = run(["what", "is", "-5", "degrees?"])
    assert code == 2 and out == "" and "unrecognized option -5" in err and "after --" in err


def test_option_values_that_look_like_commands_stay_values(base: list[str]) -> None:
    code, out, _ = run(["--json", *base, "-q", "show", "-q", "index"])
    assert code == 0 and [o["question"] for o in asked(out)] == ["show", "index"]


# ---------------------------------------------------------------- 2. one question from all the words


def test_ask_words_form_one_question(base: list[str]) -> None:
    code, out, _ = run(["ask", *base, "--json", "why", "did", "Hanoi", "end", "early", "-k", "1"])
    assert code == 0 and [o["question"] for o in asked(out)] == ["why did Hanoi end early"]
    code, bare, _ = run([*base, "--json", "why", "did", "Hanoi", "end", "early", "-k", "1"])
    assert asked(bare)[0]["question"] == asked(out)[0]["question"]


def test_several_questions_come_as_repeated_q_or_stdin_lines(base: list[str]) -> None:
    code, out, _ = run(["ask", *base, "--json", "-q", "who is Biegun?", "-q", "why did Hanoi end early?"])
    assert code == 0 and [o["question"] for o in asked(out)] == ["who is Biegun?", "why did Hanoi end early?"]
    code, out, _ = run(["ask", *base, "--json"], stdin=b"who is Biegun?\nwhy did Hanoi end early?\n")
    assert [o["question"] for o in asked(out)] == ["who is Biegun?", "why did Hanoi end early?"]
    code, _, err = run(["ask", *base, "-q", "who?", "and", "words"])
    assert code == 2 and "not both" in err


def test_ask_dash_reads_stdin(base: list[str]) -> None:
    code, out, _ = run(
        ["ask", "-", *base, "--json"], stdin=b"who is Biegun?\n\nwhat is China's role?\n", tty=True
    )
    assert code == 0 and [o["question"] for o in asked(out)] == ["who is Biegun?", "what is China's role?"]


def test_empty_ask_is_wrong_usage(base: list[str]) -> None:
    for argv in (["ask", ""], ["ask", " ", " "], ["ask", "-q", ""], [""]):
        code, out, err = run([*argv, *base])
        assert code == 2 and out == "" and "usage: qabot" in err and "empty" in err, argv


# ---------------------------------------------------------------- 3. help is help


@pytest.mark.parametrize("argv", [["help"], ["--json", "help"], ["help", "--json"], ["--help"], ["-h"]])
def test_help_is_help_not_a_question(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from qabot.api import QA

    def never(*a: object, **kw: object) -> None:
        raise AssertionError("searched")

    monkeypatch.setattr(QA, "ask", never)
    code, out, err = run(argv)
    assert code == 0 and err == ""
    if "--json" in argv:
        table = json.loads(out)
        assert "answered" not in table and {c["name"] for c in table["commands"]} >= {"ask", "help", "log"}
    else:
        assert out.startswith("usage: qabot") and "Commands:" in out


def test_help_topics_and_command_help_agree() -> None:
    for topic in ("ask", "eval", "config", "environment", "exit-codes", "json"):
        code, out, _ = run(["help", topic])
        assert code == 0 and out.strip(), topic
    assert run(["help", "ask"])[1] == run(["ask", "--help"])[1]
    code, _, err = run(["help", "nonsense"])
    assert code == 2 and "no help on 'nonsense'" in err
    code, _, err = run(["help", "me", "understand", "the", "freeze"])
    assert code == 2 and 'qabot ask "help me understand the freeze"' in err


@pytest.mark.parametrize("question", ["what help", "assist"])
def test_answered_always_has_an_answer(base: list[str], question: str) -> None:
    code, out, _ = run([*base, "--json", question])
    (obj,) = asked(out)
    assert code == 0 and (obj["answered"] is False) == (obj["answer"] is None)
    if not obj["answered"]:
        assert obj["reason"]
    code, text, _ = run([*base, question])
    assert not text.startswith("\n")  # never an empty answer line


def test_bare_command_words_in_a_batch_are_not_searched(base: list[str]) -> None:
    code, out, _ = run(["ask", *base, "--json"], stdin=b"help\nQuit\nexit\n")
    objs = asked(out)
    assert code == 0 and [o["answered"] for o in objs] == [False, False, False]
    assert all("command word" in o["reason"] and o["passages"] == [] for o in objs)


# ---------------------------------------------------------------- 14. scripts


def test_format_answer_and_quiet_print_the_answer_alone(base: list[str], tmp_path: Path) -> None:
    fresh = ["--corpus", base[1], "--index", str(tmp_path / "ix")]
    code, out, err = run(["--quiet", *fresh, "-q", "who is Biegun?", "-q", "what does Ottawa think?"])
    assert code == 0 and err == ""  # no "building the index" notice either
    lines = out.split("\n")
    assert len(lines) == 3 and "Biegun" in lines[0] and lines[1] == "" and lines[2] == ""
    code, out2, _ = run(
        ["--format", "answer", *base, "-q", "who is Biegun?", "-q", "what does Ottawa think?"]
    )
    assert out2 == out


def test_format_ids_and_markdown(base: list[str], qa: Any) -> None:
    code, out, _ = run(["--format=ids", *base, "-k", "2", "why did Hanoi end early?"])
    ids = out.split()
    assert code == 0 and len(ids) == 2 and all(qa.index.find(i) is not None for i in ids)
    code, out, _ = run(["--format", "markdown", *base, "-k", "1", "why did Hanoi end early?"])
    assert code == 0 and out.startswith("# qabot session") and "## 1. why did Hanoi end early?" in out
    code, _, err = run(["--format", "yaml", *base, "x"])
    assert code == 2 and "not one of text, json, answer, ids, markdown" in err


def test_fail_on_no_answer_exits_3(base: list[str]) -> None:
    assert run([*base, "--fail-on-no-answer", "who is Biegun?"])[0] == 0
    code, out, _ = run([*base, "--fail-on-no-answer", "what does Ottawa think?"])
    assert code == 3 and "No answer" in out
    assert run([*base, "what does Ottawa think?"])[0] == 0  # only on request
    code, _, _ = run(
        ["ask", *base, "--fail-on-no-answer"], stdin=b"who is Biegun?\nwhat does Ottawa think?\n"
    )
    assert code == 3


# ---------------------------------------------------------------- the parser itself


def test_parse_fills_every_option_and_keeps_words() -> None:
    ns = parse(["-k", "2", "why", "--json", "now"], stdin_tty=True)
    assert ns.command == "ask" and ns.words == ["why", "now"] and ns.k == 2 and ns.json is True
    assert ns.corpus is None and ns.q == [] and ns.force is False
    ns = parse(["index", "--force"], stdin_tty=True)
    assert ns.command == "index" and ns.force is True and ns.words == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--c", "x"], "ambiguous option --c"),
        (["--json=yes", "x"], "takes no value"),
        (["-k"], "expected one argument"),
        (["index", "--verbose"], "unrecognized option --verbose"),
        (["index", "extra"], "index takes no arguments"),
        (["show"], "show needs ID"),
        (["indx"], "did you mean index?"),
        (["--cid", "abc", "x"], "a conversation id is a number"),
    ],
)
def test_usage_errors_say_what_is_wrong(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("?", r"\?")):
        parse(argv, stdin_tty=True)
    code, out, err = run(argv)
    assert code == 2 and out == "" and "usage: qabot" in err and message in err


def test_a_usage_error_with_json_is_one_json_object_on_stderr() -> None:
    code, out, err = run(["--json", "-k", "0", "x"])
    assert code == 2 and out == ""
    obj = json.loads(err)
    assert (
        obj["exit"] == 2
        and "-k must be between 1 and 100" in obj["error"]
        and obj["usage"].startswith("usage:")
    )


def test_user_errors_with_json_are_json_too(tmp_path: Path) -> None:
    code, out, err = run(["--json", "--corpus", str(tmp_path / "none"), "--index", str(tmp_path / "ix"), "x"])
    assert code == 1 and out == "" and err.count("\n") == 1
    obj = json.loads(err)
    assert obj == {"error": obj["error"], "exit": 1} and "does not exist" in obj["error"]


def test_routing_of_command_words() -> None:
    assert route(["show", "1"], True).command == "show"
    assert route(["--", "show", "1"], True).command == "ask"
    assert route(["how"], True).command == "ask"  # a question word, not a typo of "show"
    assert route(["quit"], True).command == "ask"  # declined by ask, not taken for a typo

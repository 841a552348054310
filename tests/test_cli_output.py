"""What people and scripts see: the answer once, follow-ups shown, widths, JSON, pager,
and the small things (issue 13: 4, 5, 10, 11, 12, 15)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any, cast

import pytest

from qabot import render
from qabot.repl.commands import Chat
from tests.conftest import CORPUS, FEB28, FakeStdin, FakeStdout, run_cli

ANSI = re.compile(r"\x1b\[[0-9;]*m")


# ---------------------------------------------------------------- 5. the answer once


def test_passages_do_not_repeat_the_answer_sentence(base: list[str], qa: Any) -> None:
    answer = qa.ask("what did Pompeo say?", k=3)
    assert answer.answered and answer.answer in answer.results[0].passage.text
    code, out, _ = run_cli([*base, "what did Pompeo say?"])
    assert code == 0 and out.count(answer.answer.split()[-4]) >= 1
    flat = " ".join(out.split())
    assert flat.count(answer.answer) == 1  # once, at the top
    assert flat.startswith(answer.answer)
    assert render.ANSWER_MARK in flat  # where it stood in the passage
    # a passage that is nothing but the answer says so instead of repeating it
    code, out, _ = run_cli([*base, "-k", "1", "why did Hanoi end early?"])
    assert render.WHOLE_ANSWER in out and " ".join(out.split()).count("ended suddenly and prematurely") == 1
    # JSON keeps every passage whole (the contract: text is the whole cleaned passage)
    obj = json.loads(run_cli([*base, "--json", "-k", "1", "why did Hanoi end early?"])[1])
    assert obj["answer"] in obj["passages"][0]["text"]


def test_long_output_goes_through_the_pager_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from qabot import termio

    paged: list[tuple[str, str]] = []
    monkeypatch.setattr(termio, "real_tty", lambda stream: True)

    def fake_pager(cmd: str, text: str) -> bool:
        paged.append((cmd, text))
        return True

    monkeypatch.setattr(termio, "run_pager", fake_pager)
    monkeypatch.setenv("LINES", "30")
    out = FakeStdout(tty=True)
    console = termio.Console(argparse.Namespace(pager_cmd="less -FRX"), out, io.StringIO())
    console.page("short\n")
    assert out.getvalue() == "short\n" and paged == []
    console.page("line\n" * 40)
    assert paged == [("less -FRX", "line\n" * 40)] and out.getvalue() == "short\n"
    off = termio.Console(argparse.Namespace(pager_cmd=""), out, io.StringIO())  # --no-pager, pager = false
    off.page("line\n" * 40)
    assert len(paged) == 1 and out.getvalue().count("line") == 40


def test_show_and_ask_page_in_a_real_terminal(shared_index: Path, tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    import os
    import sys

    from tests.conftest import ROOT

    dump = tmp_path / "paged.txt"
    env = dict(
        os.environ, PYTHONPATH=str(ROOT), QABOT_PAGER=f"tee {dump}", TERM="xterm", COLUMNS="80", LINES="24"
    )
    args = ["-m", "qabot", "show", "--corpus", str(CORPUS), "--index", str(shared_index), FEB28]
    child = pexpect.spawn(sys.executable, args, env=env, cwd=str(ROOT), dimensions=(24, 80), encoding="utf-8")
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert child.exitstatus == 0 and "Why It Matters" in dump.read_text("utf-8")
    dump.unlink()
    child = pexpect.spawn(sys.executable, [*args, "--no-pager"], env=env, cwd=str(ROOT), dimensions=(24, 80),
                          encoding="utf-8")  # fmt: skip
    child.expect("Why It Matters", timeout=30)
    child.expect(pexpect.EOF, timeout=30)
    child.close()
    assert not dump.exists()
    # an answer taller than the screen is paged too; a short one is printed
    ask = ["-m", "qabot", "--corpus", str(CORPUS), "--index", str(shared_index), "-k", "3", "--no-log"]
    for question, paged in (("why did Hanoi end early?", True), ("who is Biegun?", False)):
        child = pexpect.spawn(sys.executable, [*ask, "-k", "3" if paged else "1", question], env=env,
                              cwd=str(ROOT), dimensions=(24, 80), encoding="utf-8")  # fmt: skip
        child.expect(pexpect.EOF, timeout=30)
        child.close()
        assert child.exitstatus == 0 and dump.exists() == paged, question
        if paged:
            assert "[3] " in dump.read_text("utf-8")
            dump.unlink()


# ---------------------------------------------------------------- 10. widths


CHAT_LINES = [
    "why did Hanoi end early?",
    "/sources",
    "/help",
    "/why 1",
    "/show 1",
    "/more",
    "where will Kim go after Hanoi?",
    "why there?",
    "what does Ottawa think?",
    "/history",
    "/open 2",
    "/k 2",
    "/nonsense",
]


@pytest.mark.parametrize("width", [40, 80, 200])
def test_no_chat_line_passes_the_width(qa: Any, width: int) -> None:
    chat = Chat(qa.ask, qa.index, qa.analyzer, explain=qa.explain, width=width)
    for line in CHAT_LINES:
        text = render.plain(chat.handle(line).frags)
        too_wide = [row for row in text.splitlines() if len(row) > width]
        assert too_wide == [], (line, too_wide)


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize(
    "argv",
    [
        ["sources"],
        ["show", FEB28],
        ["show", f"{FEB28}#p9"],
        ["why did Hanoi end early?"],
        ["what does Ottawa think?"],
        ["help"],
        ["help", "ask"],
        ["help", "config"],
        ["log"],
    ],
)
def test_no_terminal_line_passes_the_width(
    base: list[str], argv: list[str], width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    run_cli([*base, "who is Biegun?"])  # something in the log
    code, out, _ = run_cli([*argv, *base] if argv[0] not in ("help", "log") else argv, out_tty=True)
    assert code == 0
    room = min(width, 100)  # text is set at most 100 wide, for reading
    assert [row for row in ANSI.sub("", out).splitlines() if len(row) > room] == []


def test_index_report_fits_a_terminal(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    deep = tmp_path / "a-rather-long-folder-name" / "and-another-one" / "index"
    code, out, _ = run_cli(["index", "--corpus", str(corpus_copy), "--index", str(deep)], out_tty=True)
    assert code == 0 and all(len(row) <= 40 for row in ANSI.sub("", out).splitlines()), out
    code, out, _ = run_cli(["index", "--json", "--corpus", str(corpus_copy), "--index", str(deep)])
    assert json.loads(out)["index"] == str(deep)  # whole for scripts


# ---------------------------------------------------------------- 4. the toolbar


def test_toolbar_is_short_and_uses_the_whole_row(qa: Any) -> None:
    from qabot.repl.session import corpus_name
    from qabot.repl.toolbar import toolbar_fragments

    assert corpus_name(CORPUS) == ""  # the shipped briefings: no site-packages path
    assert corpus_name(Path("/home/me/notes")) == "notes/"
    answer = qa.ask("What do China and South Korea want from the DPRK and the United States?")
    names = list(answer.entities)
    assert len(names) >= 3
    wide = "".join(t for _, t in toolbar_fragments("", 3, [answer], 200, docs=2))
    assert wide.startswith(" 2 briefings · k=3 · following: ") and ", ".join(names) in wide
    assert len(wide) > 100 or wide.endswith("/help ")  # not cut at 100
    for width in (40, 60, 80):
        text = "".join(t for _, t in toolbar_fragments("", 3, [answer], width, docs=2))
        assert len(text) <= width
        shown = text.partition("following: ")[2].split(" · ")[0]
        assert all(n in names or n == "…" for n in shown.split(", ")), shown  # whole names only


# ---------------------------------------------------------------- 11. JSON


def test_json_on_a_terminal_is_pretty_and_coloured(base: list[str]) -> None:
    code, out, _ = run_cli([*base, "--json", "who is Biegun?"], out_tty=True)
    assert code == 0 and "\x1b[" in out and out.count("\n") > 10
    obj = json.loads(ANSI.sub("", out))
    assert obj["answered"] is True
    code, plain_out, _ = run_cli([*base, "--json", "--no-color", "who is Biegun?"], out_tty=True)
    assert "\x1b[" not in plain_out and json.loads(plain_out) == obj
    piped = run_cli([*base, "--json", "who is Biegun?"])[1]
    assert piped.count("\n") == 1 and json.loads(piped) == obj  # one line a question for scripts


def test_matched_lists_the_passage_words_and_stems_the_terms(base: list[str]) -> None:
    obj = json.loads(run_cli([*base, "--json", "-k", "1", "why did Hanoi end early?"])[1])
    p = obj["passages"][0]
    assert "prematurely" in p["matched"] and "prematur" not in p["matched"] and "prematur" in p["stems"]
    assert all(w.lower() in p["text"].lower() for w in p["matched"])


def test_chat_json_is_honoured_on_a_terminal(base: list[str]) -> None:
    code, out, _ = run_cli(["chat", "--json", "--no-color", *base], stdin=b"who is Biegun?\n/k 2\n", tty=True,
                           out_tty=True)  # fmt: skip
    assert code == 0
    decoder, objs, pos = json.JSONDecoder(), [], 0
    while pos < len(out.strip()):
        obj, end = decoder.raw_decode(out, pos)
        objs.append(obj)
        pos = end + 1
    assert objs[0]["answered"] is True and objs[1] == {"command": "/k", "ok": True, "text": objs[1]["text"]}


# ---------------------------------------------------------------- 12. follow-ups


def test_a_follow_up_says_how_it_was_read(qa: Any) -> None:
    chat = Chat(qa.ask, qa.index, qa.analyzer, width=80)
    first = render.plain(chat.handle("where will Kim go after Hanoi?").frags)
    assert "following:" not in first
    text = render.plain(chat.handle("why there?").frags)
    lines = text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("following: "))
    shown = chat.turns[-1].answer.answer
    assert shown is not None and at > 0 and text.startswith(shown.split()[0])  # the answer first
    assert lines[at].startswith("following: Kim, Hanoi")  # what it borrowed
    chat.handle("/new")
    assert "following:" not in render.plain(chat.handle("who is Biegun?").frags)


def test_a_follow_up_that_finds_the_same_sentence_says_so(qa: Any) -> None:
    first = qa.ask("and South Korea?")

    def same(q: str, k: int, history: Any) -> Any:  # a follow-up the pipeline answers as before
        return qa.ask(q, k, history) if not history else replace(qa.ask(q, k, history), answer=first.answer)

    from dataclasses import replace

    chat = Chat(same, qa.index, qa.analyzer, width=100)
    assert "same sentence" not in render.plain(chat.handle("and South Korea?").frags)
    text = render.plain(chat.handle("why?").frags)
    assert "the same sentence answered the last question" in text
    assert render.plain(render.following_line(["South Korea"], 40, same=True)).splitlines() == [
        "following: South Korea",
        "(the same sentence answered the last",
        "question)",
    ]


# ---------------------------------------------------------------- 15. small things


def test_one_briefing_is_singular(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "only.md").write_text("# Only\n\nA paragraph about Kaesong and the liaison office.\n", "utf-8")
    args = ["--corpus", str(corpus), "--index", str(tmp_path / "ix")]
    outs = [run_cli(["index", *args])[1], run_cli(["sources", *args])[1], run_cli(["index", *args])[1]]
    outs.append(run_cli(["chat", *args], stdin=b"/k 1\n/sources\n")[1])
    text = "\n".join(outs)
    assert "1 briefings" not in text and "1 passages" not in text and "1 briefing" in text
    from qabot.index import Index
    from qabot.repl.commands import greeting

    assert greeting(Index(tmp_path / "ix")).startswith("1 briefing, ")


def test_index_force_reports_a_rebuild(corpus_copy: Path, tmp_path: Path) -> None:
    args = ["--corpus", str(corpus_copy), "--index", str(tmp_path / "ix")]
    run_cli(["index", *args])
    code, out, _ = run_cli(["index", "--force", *args])
    assert code == 0 and out.startswith("rebuilt the index from scratch: 2 briefings, 34 passages")
    assert "added" not in out
    assert json.loads(run_cli(["index", "--force", "--json", *args])[1])["rebuilt"] is True


def test_eval_malformed_bound_is_wrong_usage(base: list[str]) -> None:
    qs = str(Path(__file__).parent / "questions" / "test.toml")
    for bound in (["--min", "hit1=abc"], ["--max", "nonsense=1"], ["--min", "hit3"]):
        code, out, err = run_cli(["eval", *base, qs, *bound])
        assert code == 2 and out == "" and "usage: qabot eval" in err, bound


def test_eval_routes_the_question_sets_warnings(base: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from qabot import evaluate as ev

    real = ev.evaluate

    def with_warning(*args: Any, **kw: Any) -> Any:
        report = real(*args, **kw)
        report.warnings = ["q01: expect phrase 'nowhere at all' matches no passage"]
        return report

    monkeypatch.setattr(ev, "evaluate", with_warning)
    qs = str(Path(__file__).parent / "questions" / "test.toml")
    code, out, err = run_cli(["eval", *base, qs, "--json"])
    assert code == 0 and json.loads(out)
    assert "qabot: warning: q01: expect phrase 'nowhere at all' matches no passage" in err


def test_a_slash_alone_is_not_searched(qa: Any) -> None:
    asked: list[str] = []

    def ask(q: str, k: int, h: Any) -> Any:
        asked.append(q)
        return qa.ask(q, k, h)

    chat = Chat(ask, qa.index, qa.analyzer)
    reply = chat.handle("/")
    assert reply.error and asked == [] and "/help" in render.plain(reply.frags)
    assert chat.handle("  /  ").error and asked == []


@pytest.mark.parametrize("word", ["help", "HELP", "quit", "exit", "Exit"])
def test_help_quit_exit_alone_are_commands_in_the_chat(qa: Any, word: str) -> None:
    asked: list[str] = []

    def ask(q: str, k: int, h: Any) -> Any:
        asked.append(q)
        return qa.ask(q, k, h)

    chat = Chat(ask, qa.index, qa.analyzer)
    reply = chat.handle(word)
    assert asked == []
    if word.lower() == "help":
        assert "/quit" in render.plain(reply.frags) and not reply.quit
    else:
        assert reply.quit
    chat.handle("help me understand the summit")  # more words: a question
    assert asked == ["help me understand the summit"]


def test_chat_with_stdout_piped_prompts_on_the_terminal(base: list[str]) -> None:
    from qabot.cli import main

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    class Typed(FakeStdin):  # a terminal hands over one line per read
        def __init__(self, data: bytes) -> None:
            super().__init__(data, tty=True)
            buf = cast(io.BytesIO, self.buffer)
            buf.read1 = buf.readline  # type: ignore[method-assign]

    out, err = FakeStdout(tty=False), Tty()
    code = main(["chat", *base], stdin=Typed(b"who is Biegun?\n/k 2\n"), stdout=out, stderr=err)
    assert code == 0
    assert err.getvalue().count("qabot> ") == 3  # before each line, and at the end of input
    assert "> who is Biegun?\n" in out.getvalue() and "Biegun" in out.getvalue()  # the transcript
    assert "qabot> " not in out.getvalue() and "\x1b" not in out.getvalue()

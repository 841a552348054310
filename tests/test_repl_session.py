"""The chat loop driven through prompt-toolkit's pipe input (no real terminal)."""

from __future__ import annotations

import io
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from qabot import locate
from qabot.api import Answer
from qabot.repl.commands import Chat
from qabot.repl.session import Session, build_style, corpus_label, open_history
from qabot.repl.toolbar import following, toolbar_fragments

CTRL_C, CTRL_D = "\x03", "\x04"


@pytest.fixture
def chat(qa: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    monkeypatch.chdir(tmp_path)  # /save writes relative names here
    return Chat(qa.ask, qa.index, qa.analyzer, explain=qa.explain, corpus="corpus/")


def drive(chat: Chat, keys: str, **kw: Any) -> Session:
    with create_pipe_input() as inp:
        inp.send_text(keys)
        session = Session(chat, input=inp, output=DummyOutput(), color=False, **kw)
        assert session.run() == 0
    return session


def transcript(session: Session) -> str:
    return "".join(session.log)


def test_question_gets_a_cited_answer(chat: Chat) -> None:
    s = drive(chat, "why did Hanoi end early?\r" + CTRL_D)
    text = transcript(s)
    assert text.startswith("2 briefings, Feb 26–28 2019, 34 passages — ask a question, /help for commands\n")
    assert "[1] " in text and "2019-02-28 · " in text and "¶" in text and "score " in text
    assert len(chat.turns) == 1


def test_commands_in_the_loop(chat: Chat, tmp_path: Path) -> None:
    keys = "why did Hanoi end early?\r/show 1\r/k 5\rwhat about China?\r/shwo 2\r/new\r/save t.md\r"
    s = drive(chat, keys + CTRL_D)
    text = transcript(s)
    assert "↑ " in text or "↓ " in text  # /show 1 shows the neighbours
    assert "k = 5" in text
    assert chat.turns[1].answer.results and len(chat.turns[1].answer.results) == 5
    assert "did you mean /show?" in text
    assert "new conversation" in text and chat.history == []
    assert (tmp_path / "t.md").read_text("utf-8").count("## ") == 2


def test_ctrl_c_clears_the_line_and_keeps_the_session(chat: Chat) -> None:
    s = drive(chat, "half a quest" + CTRL_C + "/k 2\r" + CTRL_C + "/k\r" + CTRL_D)
    text = transcript(s)
    assert "k = 2: answers" in text  # the half-typed words were dropped
    assert "(Ctrl-D or /quit leaves)" in text  # Ctrl-C on an empty line
    assert "k = 2 passages per answer" in text  # still running after both Ctrl-Cs
    assert chat.turns == []


def test_ctrl_d_only_leaves_on_an_empty_line(chat: Chat) -> None:
    # Ctrl-D inside a line deletes the character under the cursor instead of leaving
    s = drive(chat, "/k 3x\x1b[D" + CTRL_D + "\r/quit\r")
    assert "k = 3: answers" in transcript(s)


def test_quit_ends_the_loop_before_later_input(chat: Chat) -> None:
    s = drive(chat, "/quit\r/k 7\r")
    assert chat.k == 3 and "k = 7" not in transcript(s)


def test_a_failing_turn_is_one_line_not_a_traceback(qa: Any) -> None:
    def broken(question: str, k: int, history: Any) -> Answer:
        raise RuntimeError("boom")

    chat = Chat(broken, qa.index, qa.analyzer)
    s = drive(chat, "anything\r/k 4\r" + CTRL_D)
    text = transcript(s)
    assert "internal error: RuntimeError: boom (the session goes on)" in text
    assert "Traceback" not in text and "k = 4" in text


def test_history_is_written_under_qabot_home(chat: Chat) -> None:
    home = Path(os.environ["QABOT_HOME"])
    history = open_history()
    drive(chat, "why did Hanoi end early?\r/k 2\r" + CTRL_D, history=history)
    path = home / "state" / "history"
    assert path == locate.state_dir() / "history"
    saved = path.read_text("utf-8")
    assert "+why did Hanoi end early?" in saved and "+/k 2" in saved
    # a new session finds it
    assert "why did Hanoi end early?" in list(open_history().load_history_strings())


def test_unwritable_history_falls_back_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    notes: list[str] = []
    h = open_history(blocker / "history", notify=notes.append)
    assert isinstance(h, InMemoryHistory) and "history is off" in notes[0]


def test_toolbar_shows_corpus_k_and_following(qa: Any) -> None:
    a = qa.ask("why did Hanoi end early?")
    with_entities = replace(a, context=replace(a.context, entities=("Beijing", "Kim")))
    text = "".join(t for _, t in toolbar_fragments("notes/", 4, [with_entities], docs=2))
    assert text.startswith(" notes/ · 2 briefings · k=4") and "following: Beijing, Kim" in text
    assert "new conversation" in "".join(t for _, t in toolbar_fragments("", 3, [], docs=1))
    assert " 1 briefing · k=3" in "".join(t for _, t in toolbar_fragments("", 3, [], docs=1))
    assert following(None) == ""
    narrow = "".join(t for _, t in toolbar_fragments("a-very-long-corpus-folder-name/", 3, [], width=30))
    assert len(narrow) <= 30


def test_session_toolbar_follows_k(chat: Chat) -> None:
    s = drive(chat, "/k 6\r" + CTRL_D)
    assert "k=6" in "".join(t for _, t in s._toolbar())


def test_no_colour_means_no_style() -> None:
    assert build_style(False).style_rules == []
    assert ("class:match".removeprefix("class:"), "bold ansiyellow") in [
        (k, v) for k, v in build_style(True).style_rules
    ]


def test_open_pages_long_briefings(chat: Chat) -> None:
    paged: list[str] = []

    def pager(text: str) -> bool:
        paged.append(text)
        return True

    drive(chat, "/open 1\r/k 2\r" + CTRL_D, pager=pager)
    assert len(paged) == 1 and "What to Expect as Trump and Kim Meet Again" in paged[0]


def test_open_is_logged_once_whether_paged_or_printed(chat: Chat) -> None:
    title = "What to Expect as Trump and Kim Meet Again"
    for works in (True, False):  # False: no pager ran, so the session prints the text itself
        s = drive(chat, "/open 1\r" + CTRL_D, pager=lambda text, works=works: works)
        assert sum(title in entry for entry in s.log) == 1, works


def test_corpus_label_is_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "briefs").mkdir()
    monkeypatch.chdir(tmp_path)
    assert corpus_label(tmp_path / "briefs") == "briefs/"


def test_names_from_the_shown_passages_complete(chat: Chat) -> None:
    with create_pipe_input() as inp:
        s = Session(chat, input=inp, output=DummyOutput(), color=False)
        assert "Korean War" not in [c.text for c in s.engine.complete("after the Korean W")]
        inp.send_text("is a peace declaration likely?\r" + CTRL_D)
        s.run()
    # a name the lexicon lacks, read in a passage of the answer, now completes
    assert "Korean War" in [c.text for c in s.engine.complete("after the Korean W")]
    assert s.following_names() is s.following_names()  # worked out once per answer


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_chat_start_failure_is_one_line_on_the_console(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from qabot.cli import main
    from qabot.repl import session
    from tests.conftest import FakeStdin

    def boom(args: Any, console: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(session, "open_qa", boom)
    out, err = _TTY(), io.StringIO()
    code = main(["chat"], stdin=FakeStdin(b"", tty=True), stdout=out, stderr=err)
    assert code == 1 and out.getvalue() == ""
    assert err.getvalue() == "qabot: internal error: RuntimeError: boom (please report)\n"
    assert capsys.readouterr() == ("", "")  # nothing on the process's own streams


# ---------------------------------------------------------------- issue 13: 13 (input), 8 (/k kept)


def test_a_pasted_pair_of_lines_is_two_questions(chat: Chat) -> None:
    paste = "\x1b[200~who is Stephen Biegun?\nwhy did Hanoi end early?\x1b[201~"
    s = drive(chat, paste + "\r" + CTRL_D)
    assert [t.question for t in chat.turns] == ["who is Stephen Biegun?", "why did Hanoi end early?"]
    text = transcript(s)
    assert "qabot> who is Stephen Biegun?\n" in text and "qabot> why did Hanoi end early?\n" in text


def test_edit_runs_each_line_written_in_the_editor(chat: Chat) -> None:
    seen: list[str] = []

    def editor(text: str) -> str:
        seen.append(text)
        return "who is Stephen Biegun?\n\n/k 2\nwhat about China?\n"

    drive(chat, "why did Hanoi end early?\r/edit\r" + CTRL_D, editor=editor)
    assert seen == ["why did Hanoi end early?\n"]  # it starts from the last question
    assert [t.question for t in chat.turns] == ["why did Hanoi end early?", "who is Stephen Biegun?",
                                               "what about China?"]  # fmt: skip
    assert chat.k == 2 and len(chat.turns[-1].answer.results) == 2


def test_edit_needs_a_terminal(qa: Any) -> None:
    chat = Chat(qa.ask, qa.index, qa.analyzer)
    reply = chat.handle("/edit")
    assert reply.error and "needs a terminal" in "".join(t for _, t in reply.frags)


def test_ctrl_x_ctrl_e_opens_the_editor(chat: Chat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "ed.sh"
    script.write_text('#!/bin/sh\nprintf "who is Stephen Biegun?\\nwhat about China?\\n" > "$1"\n')
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", str(script))
    import threading
    import time

    with create_pipe_input() as inp:
        session = Session(chat, input=inp, output=DummyOutput(), color=False)

        def keys() -> None:
            inp.send_text("\x18\x05")  # the editor runs in the background; Ctrl-D once it is done
            deadline = time.monotonic() + 30
            while len(chat.turns) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            inp.send_text(CTRL_D)

        threading.Thread(target=keys, daemon=True).start()
        assert session.run() == 0
    assert [t.question for t in chat.turns] == ["who is Stephen Biegun?", "what about China?"]


def test_the_last_k_is_kept_for_the_next_chat(qa: Any, shared_index: Path) -> None:
    import argparse

    from qabot.repl.session import make_chat
    from qabot.repl.state import remembered_k
    from qabot.termio import Console
    from tests.conftest import CORPUS

    def new_chat(**extra: Any) -> Chat:
        args = argparse.Namespace(corpus=CORPUS, index=shared_index, k=3, k_given=False, log=False, **extra)
        return make_chat(qa, args, Console(args, io.StringIO(), io.StringIO()), interactive=True)

    first = new_chat()
    drive(first, "/k 6\r" + CTRL_D)
    assert remembered_k() == 6
    assert new_chat().k == 6
    args = argparse.Namespace(corpus=CORPUS, index=shared_index, k=2, k_given=True, log=False)
    assert (
        make_chat(qa, args, Console(args, io.StringIO(), io.StringIO()), interactive=True).k == 2
    )  # -k wins

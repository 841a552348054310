"""The chat's command parser and handlers (no terminal involved)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from qabot import render
from qabot.api import Answer
from qabot.render import plain, session_markdown, short_id
from qabot.repl.commands import (
    COMMANDS,
    Chat,
    date_range,
    greeting,
    parse,
    suggest,
)
from qabot.termio import is_command
from tests.conftest import FEB26, FEB28


class Recorder:
    """Wraps ``qa.ask`` and remembers the history each call received."""

    def __init__(self, qa: Any) -> None:
        self.qa = qa
        self.calls: list[tuple[str, int, tuple[Answer, ...]]] = []

    def __call__(self, question: str, k: int, history: Sequence[Answer]) -> Answer:
        self.calls.append((question, k, tuple(history)))
        answer: Answer = self.qa.ask(question, k=k, history=history)
        return answer


@pytest.fixture
def rec(qa: Any) -> Recorder:
    return Recorder(qa)


@pytest.fixture
def chat(qa: Any, rec: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Chat:
    monkeypatch.chdir(tmp_path)  # /save writes relative names here
    return Chat(rec, qa.index, qa.analyzer, explain=qa.explain, corpus="corpus/")


# ---------------------------------------------------------------- parser


@pytest.mark.parametrize(
    ("line", "name", "arg", "known"),
    [
        ("/help", "help", "", True),
        ("  /show 2  ", "show", "2", True),
        ("/SHOW 2", "show", "2", True),
        ("/save my notes.md", "save", "my notes.md", True),
        ("/exit", "quit", "", True),
        ("/q", "quit", "", True),
        ("/?", "help", "", True),
        ("/shwo 1", "shwo", "1", False),
    ],
)
def test_parse(line: str, name: str, arg: str, known: bool) -> None:
    cmd = parse(line)
    assert cmd is not None
    assert (cmd.name, cmd.arg, cmd.known) == (name, arg, known)


@pytest.mark.parametrize("line", ["why did Hanoi end early?", "/", "/ 2", "/2019 deal", "", "  "])
def test_questions_are_not_commands(line: str) -> None:
    assert parse(line) is None
    assert not is_command(line)


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("shwo", "show"),
        ("hlep", "help"),
        ("sav", "save"),
        ("quti", "quit"),
        ("hist", "history"),
        ("zzz", None),
    ],
)
def test_suggest_nearest_command(typo: str, expected: str | None) -> None:
    assert suggest(typo) == expected


def test_every_command_has_a_handler(chat: Chat) -> None:
    for name in COMMANDS:
        assert callable(getattr(chat, f"cmd_{name}"))


@pytest.mark.parametrize(
    ("dates", "text"),
    [
        (["2019-02-26", "2019-02-28"], "Feb 26–28 2019"),
        (["2019-02-26"], "Feb 26 2019"),
        (["2019-02-26", "2019-03-02"], "Feb 26 – Mar 2 2019"),
        (["2018-12-30", "2019-01-02"], "Dec 30 2018 – Jan 2 2019"),
        (["undated"], ""),
    ],
)
def test_date_range(dates: list[str], text: str) -> None:
    assert date_range(dates) == text


def test_greeting_names_what_is_loaded(qa: Any) -> None:
    assert (
        greeting(qa.index) == "2 briefings, Feb 26–28 2019, 34 passages — ask a question, /help for commands"
    )


# ---------------------------------------------------------------- handlers


def test_question_gives_a_cited_answer(chat: Chat) -> None:
    reply = chat.handle("why did Hanoi end early?")
    text = plain(reply.frags)
    assert "[1] " in text and "2019-02-2" in text and "¶" in text
    assert reply.data is not None and reply.data["answered"] is True
    assert chat.last is not None and len(chat.last.results) == 3


def test_follow_ups_receive_history_and_new_forgets_it(chat: Chat, rec: Recorder) -> None:
    chat.handle("why did Hanoi end early?")
    chat.handle("what about China?")
    assert len(rec.calls[1][2]) == 1 and rec.calls[1][2][0].question == "why did Hanoi end early?"
    reply = chat.handle("/new")
    assert "new conversation" in plain(reply.frags)
    chat.handle("what about China?")
    assert rec.calls[-1][2] == ()
    assert [t.conversation for t in chat.turns] == [1, 1, 2]


def test_k_changes_passages_per_answer(chat: Chat) -> None:
    assert "k = 5" in plain(chat.handle("/k 5").frags)
    chat.handle("what did North Korea want?")
    assert chat.last is not None and len(chat.last.results) == 5
    for bad in ("/k 0", "/k many", "/k 1000"):
        reply = chat.handle(bad)
        assert reply.error and chat.k == 5
    assert "k = 5" in plain(chat.handle("/k").frags)


def test_show_prints_the_passage_in_full_with_neighbours(chat: Chat) -> None:
    assert chat.handle("/show 1").error  # nothing asked yet
    chat.handle("why did Hanoi end early?")
    assert chat.last is not None
    top = chat.last.results[0].passage
    reply = chat.handle("/show 1")
    text = plain(reply.frags)
    assert " ".join(top.text.split()[-5:]) in " ".join(text.split())  # the end, untrimmed
    assert top.pid.rpartition("#")[2] in text and top.pid[:10] in text
    assert "↑" in text or "↓" in text
    assert chat.handle("/show 9").error
    assert chat.handle("/show x").error
    by_id = chat.handle(f"/show {FEB26}#p3")
    assert f"{FEB26}#p3" in plain(by_id.frags)
    # the neighbours are placed like a citation places a passage: "Section ¶N"
    p2 = chat.index.passage(chat.index.find(f"{FEB26}#p2") or 0)
    assert f"↑ {render.where(p2)}: " in plain(by_id.frags)
    # ranked data only for a passage of the last answer, not for one named by id
    assert by_id.data is not None and not {"rank", "score", "matched"} & set(by_id.data["passage"])
    assert reply.data is not None and reply.data["passage"]["rank"] == 1


def test_more_shows_the_next_k(chat: Chat) -> None:
    chat.handle("/k 2")
    chat.handle("why did Hanoi end early?")
    reply = chat.handle("/more")
    text = plain(reply.frags)
    assert "[3] " in text and "[4] " in text and "[1] " not in text
    assert chat.last is not None and len(chat.last.results) == 4
    assert "[4] " in plain(chat.handle("/show 4").frags)


def test_why_explains_a_rank(chat: Chat) -> None:
    chat.handle("what is China's role?")
    reply = chat.handle("/why 1")
    text = plain(reply.frags)
    assert "query: " in text and "china" in text and "total" in text
    assert reply.data is not None and reply.data["terms"][0]["score"] > 0


def test_open_resolves_numbers_ids_and_words(chat: Chat) -> None:
    for arg in ("1", FEB26, "what-to-expect", "Meet Again"):
        doc = chat.resolve_doc(arg)
        assert not isinstance(doc, str) and doc.doc_id == FEB26, arg
    assert isinstance(chat.resolve_doc("7"), str)
    assert "did you mean" in str(chat.resolve_doc("2019-02-28-why-an-abrupt-finalle"))
    reply = chat.handle("/open 2")
    assert reply.page and "The View From China and Seoul" in plain(reply.frags)
    assert reply.data is not None and reply.data["doc"] == FEB28
    assert all(not {"rank", "score", "matched"} & set(p) for p in reply.data["passages"])


def test_unknown_command_suggests_the_nearest(chat: Chat) -> None:
    reply = chat.handle("/shwo 1")
    assert reply.error and "did you mean /show?" in plain(reply.frags)
    assert reply.data is not None and reply.data["suggestion"] == "show"


def test_help_lists_every_command_and_key(chat: Chat) -> None:
    text = plain(chat.handle("/help").frags)
    for name in COMMANDS:
        assert f"/{name}" in text
    assert "Ctrl-D" in text and "Tab" in text


def test_sources_and_history(chat: Chat) -> None:
    text = plain(chat.handle("/sources").frags)
    assert "1. What to Expect as Trump and Kim Meet Again\n   2019-02-26 · 17 passages" in text
    assert short_id(FEB28, 77) in text and all(len(line) <= 80 for line in text.splitlines())
    assert "no questions" in plain(chat.handle("/history").frags)
    chat.handle("why did Hanoi end early?")
    chat.handle("/new")
    chat.handle("who is Stephen Biegun?")
    text = plain(chat.handle("/history").frags)
    assert "1. why did Hanoi end early?" in text and "— /new —" in text and "2. who is" in text


def test_save_writes_markdown_and_refuses_to_overwrite_once(chat: Chat, tmp_path: Path) -> None:
    assert chat.handle("/save s.md").error  # nothing to save
    chat.handle("why did Hanoi end early?")
    reply = chat.handle("/save s.md")
    assert not reply.error
    md = (tmp_path / "s.md").read_text("utf-8")
    assert md.startswith("# qabot session")
    assert "## 1. why did Hanoi end early?" in md and "**[1]**" in md and "#p" in md and "\n> " in md
    chat.handle("/new")
    chat.handle("who is Stephen Biegun?")
    first = chat.handle("/save s.md")
    assert first.error and "repeat /save s.md" in plain(first.frags)
    assert "Biegun" not in (tmp_path / "s.md").read_text("utf-8")
    second = chat.handle("/save s.md")
    assert not second.error
    md = (tmp_path / "s.md").read_text("utf-8")
    assert "*New conversation.*" in md and "## 2. who is Stephen Biegun?" in md


def test_save_confirmation_does_not_survive_another_command(chat: Chat, tmp_path: Path) -> None:
    (tmp_path / "keep.md").write_text("mine", "utf-8")
    chat.handle("why did Hanoi end early?")
    assert chat.handle("/save keep.md").error
    chat.handle("/k 4")
    assert chat.handle("/save keep.md").error
    assert (tmp_path / "keep.md").read_text("utf-8") == "mine"


def test_markdown_strips_escape_sequences(chat: Chat) -> None:
    chat.handle("why did \x1b[31mHanoi\x1b[0m end early?")
    md = session_markdown(chat.turns)
    assert "\x1b" not in md


def test_quit_and_bare_exit(chat: Chat) -> None:
    assert chat.handle("/quit").quit
    assert chat.handle("exit").quit


def test_ids_are_shortened_to_fit_the_width(chat: Chat) -> None:
    pid = f"{FEB28}#p14"
    short = short_id(pid, 60)
    assert len(short) == 60 and short.endswith("#p14") and short.startswith("2019-02-28-") and "…" in short
    assert short_id("a#p1", 60) == "a#p1"
    chat.width = 80
    text = plain(chat.handle("why did Hanoi end early?").frags)
    assert all(len(line) <= 80 for line in text.splitlines())


def test_ids_are_whole_off_a_terminal_and_shortened_ones_still_show(chat: Chat, qa: Any) -> None:
    chat.width = 80
    chat.handle("why did Hanoi end early?")
    assert chat.last is not None
    pid = next(r.passage.pid for r in chat.last.results if len(r.passage.pid) > 60)
    short = short_id(pid, 50)
    by_short, by_pid = chat.handle(f"/show {short}"), chat.handle(f"/show {pid}")
    assert not by_short.error and plain(by_short.frags) == plain(by_pid.frags)
    assert by_short.data == by_pid.data
    whole = Chat(qa.ask, qa.index, qa.analyzer, fit_ids=False)
    text = plain(whole.handle("why did Hanoi end early?").frags)
    assert all(f"    {r.passage.pid} · score " in text for r in chat.last.results)
    assert f"    {pid}\n" in plain(whole.handle(f"/show {pid}").frags)


def test_why_and_more_lines_fit_the_width(chat: Chat) -> None:
    chat.width = 60
    chat.handle("/k 2")
    chat.handle("what did North Korea want from the summit in Hanoi?")
    for line in ("/why 1", "/why 2", "/more", "/show 1"):
        text = plain(chat.handle(line).frags)
        if line.startswith("/why"):
            text = text.partition("\n\n")[0]  # the wrapped lines, not the fixed table under them
        assert all(len(row) <= 60 for row in text.splitlines()), (line, text)


def test_trimmed_hint_only_when_a_passage_was_trimmed(chat: Chat) -> None:
    chat.handle("why did Hanoi end early?")
    assert chat.last is not None
    longest = max(len(r.passage.text.split()) for r in chat.last.results)
    chat.trim = longest
    assert render.TRIMMED_HINT not in plain(chat.handle("why did Hanoi end early?").frags)
    chat.trim = longest - 1
    assert plain(chat.handle("why did Hanoi end early?").frags).endswith(render.TRIMMED_HINT)

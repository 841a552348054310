"""One lookup of briefings and passages for ``qabot show`` and the chat (issue 13: 6)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from qabot.lookup import Found, NotFound, find_doc, lookup
from tests.conftest import FEB26, FEB28, run_cli


@dataclass(frozen=True)
class D:
    doc_id: str
    title: str
    file: str
    first: int
    count: int


DOCS = [
    D(FEB26, "What to Expect as Trump and Kim Meet Again", f"{FEB26}.txt", 0, 17),
    D(FEB28, "Why an Abrupt Finale to the Trump-Kim Summit Won't Kill Negotiations", f"{FEB28}.txt", 17, 17),
    D("notes/brief", "Brief Notes", "notes/brief.md", 34, 2),
]


@pytest.mark.parametrize(
    ("text", "doc"),
    [
        ("1", 0),
        ("2", 1),
        (FEB28, 1),
        (FEB28.upper(), 1),
        ("2019-02-28-why-an-abrupt-fina…-summit-wont-kill-negotiations", 1),  # as shown on screen
        ("2019-02-28-why-an-abrupt-fina...-summit-wont-kill-negotiations", 1),  # "..." typed
        (f"{FEB26}.txt", 0),
        ("brief.md", 2),
        ("notes/brief.md", 2),
        ("2019-02-26", 0),  # a unique prefix
        ("abrupt finale", 1),  # title words
        ("Won't Kill", 1),
        ("meet again", 0),
    ],
)
def test_every_way_of_naming_a_briefing(text: str, doc: int) -> None:
    assert find_doc(text, DOCS) == doc
    assert lookup(text, DOCS) == Found(doc)


def test_passages_and_their_range() -> None:
    assert lookup(f"{FEB28}#p3", DOCS) == Found(1, 19, 3)
    assert lookup("2#p17", DOCS) == Found(1, 33, 17)
    assert lookup("abrupt finale#p1", DOCS) == Found(1, 17, 1)
    with pytest.raises(NotFound, match=f"{FEB28} has passages #p1 to #p17, not #p99"):
        lookup(f"{FEB28}#p99", DOCS)
    with pytest.raises(NotFound, match="a passage is #pN, with N from 1 to 2"):
        lookup("brief.md#px", DOCS)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("7", "there is no briefing 7: there are 3 briefings"),
        ("2019", "fits 2 briefings (1. What to Expect"),
        ("trump", "fits 2 briefings"),
        ("2019-02-28-why-an-abrupt-finalle", "did you mean"),
        ("", "which briefing?"),
        ("#p2", "names no briefing"),
    ],
)
def test_misses_say_what_would_work(text: str, says: str) -> None:
    with pytest.raises(NotFound, match=says.replace("(", r"\(").replace("?", r"\?")):
        lookup(text, DOCS)


def test_an_id_holding_a_hash_is_still_found() -> None:
    docs = [*DOCS, D("odd#p2", "Odd", "odd#p2.md", 36, 1)]
    assert find_doc("odd#p2.md", docs) == 3


def test_show_takes_numbers_titles_prefixes_dots_and_file_names(base: list[str], qa: Any) -> None:
    whole = run_cli(["show", *base, FEB28])
    assert whole[0] == 0
    for name in ("2", "abrupt finale", "2019-02-28", f"{FEB28}.txt", "2019-02-28-why...negotiations"):
        assert run_cli(["show", *base, name]) == whole, name
    # words of a title need no quotes: all the words form the name, as for a question
    assert run_cli(["show", *base, "abrupt", "finale"]) == whole
    code, out, _ = run_cli(["show", *base, "2#p16"])
    assert code == 0 and "The View From China and Seoul" in out


def test_sources_are_numbered_for_show(base: list[str]) -> None:
    code, out, _ = run_cli(["sources", *base])
    assert code == 0 and out.startswith("1. What to Expect as Trump and Kim Meet Again\n")
    assert "\n2. Why an Abrupt Finale" in out and out.endswith("2 briefings, 34 passages\n")
    code, out, _ = run_cli(["sources", "--json", *base])
    assert [line.count('"n": ') for line in out.splitlines()] == [1, 1]


def test_show_of_a_question_suggests_ask(base: list[str]) -> None:
    code, out, err = run_cli(["show", *base, "me", "the", "sanctions"])
    assert code == 1 and out == "" and 'qabot ask "show me the sanctions"' in err


def test_chat_uses_the_same_lookup(qa: Any) -> None:
    from qabot.repl.commands import Chat

    chat = Chat(qa.ask, qa.index, qa.analyzer)
    for name in ("2", "abrupt finale", f"{FEB28}.txt", "2019-02-28-why...negotiations"):
        doc = chat.resolve_doc(name)
        assert not isinstance(doc, str) and doc.doc_id == FEB28, name
    reply = chat.handle(f"/show {FEB28}#p99")
    assert reply.error and "has passages #p1 to #p17" in "".join(t for _, t in reply.frags)

"""The completion engine, without a terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.document import Document

from qabot.repl.commands import COMMANDS
from qabot.repl.completer import ChatCompleter, CompletionEngine, entity_names, lexicon_names


def engine(**kw: Any) -> CompletionEngine:
    base: dict[str, Any] = {
        "words": ["summit", "sanction", "sanctions", "korea", "hanoi"],
        "names": ["North Korea", "Kim Jong Un", "Kim", "Hanoi", "Beijing"],
        "doc_ids": ["2019-02-26-what", "2019-02-28-why"],
    }
    base.update(kw)
    return CompletionEngine(**base)


def texts(cands: list[Any]) -> list[str]:
    return [c.text for c in cands]


def test_slash_commands() -> None:
    e = engine()
    assert texts(e.complete("/sh")) == ["/show"]
    assert set(texts(e.complete("/s"))) == {"/sources", "/show", "/save", "/since"}
    assert len(e.complete("/")) == len(COMMANDS)
    assert e.complete("/sh")[0].replace == 3
    assert e.complete("/zz") == []


def test_command_arguments() -> None:
    e = engine(ranks=lambda: 3)
    assert texts(e.complete("/show ")) == ["1", "2", "3"]
    assert texts(e.complete("/why 2")) == ["2"]
    assert texts(e.complete("/open ")) == ["1", "2"]
    assert texts(e.complete("/open 2019-02-28")) == ["2019-02-28-why"]
    assert e.complete("/save notes") == []


def test_words_and_names() -> None:
    e = engine()
    assert texts(e.complete("why was the sanc")) == ["sanction", "sanctions"]
    assert texts(e.complete("what about Bei")) == ["Beijing"]
    kim = e.complete("did Kim J")
    assert texts(kim) == ["Kim Jong Un"] and kim[0].replace == len("Kim J")
    assert texts(e.complete("why did north k")) == ["North Korea"]
    assert texts(e.complete("Sum")) == ["Summit"]  # case of what was typed
    assert e.complete("x") == [] and e.complete("what ") == []


def test_conversation_names_come_first() -> None:
    e = engine(extra_names=lambda: ["Kim Yo Jong"])
    assert texts(e.complete("Kim "))[:1] == []  # a trailing space ends the word
    assert texts(e.complete("and Kim"))[0] == "Kim Yo Jong"


def test_entity_names_skip_sentence_initial_words() -> None:
    names = entity_names(
        [
            "Although talks failed, Kim Jong Un met Trump in Hanoi. Given that, Beijing waits.",
            "They met in Hanoi. THE BIG PICTURE came from Stratfor's analysts.",
        ]
    )
    assert "Kim Jong Un" in names and "Hanoi" in names and "Beijing" in names and "Stratfor" in names
    assert "Although" not in names and "Given" not in names
    assert names[0] == "Hanoi"  # the most frequent first


def test_engine_from_the_index(qa: Any) -> None:
    e = CompletionEngine.from_index(qa.index)
    assert "North Korea" in e.names and "Vietnam" in e.names
    assert "summit" in e.words and "the" not in e.words
    assert "Yongbyon" in texts(e.complete("what is Yong"))


def test_prompt_toolkit_adapter() -> None:
    c = ChatCompleter(engine())
    got = list(c.get_completions(Document("/hel"), CompleteEvent(completion_requested=True)))
    assert [x.text for x in got] == ["/help"] and got[0].start_position == -4


def test_engine_is_cheap_until_the_first_tab(shared_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qabot.index import Index

    index = Index(shared_index)
    read: list[int] = []
    real = Index.passage

    def counting(self: Index, i: int) -> Any:
        read.append(i)
        return real(self, i)

    monkeypatch.setattr(Index, "passage", counting)
    e = CompletionEngine.from_index(index)
    assert index._stems is None and read == []  # nothing read at chat start
    assert texts(e.complete("/sh")) == ["/show"] and index._stems is None
    assert "North Korea" in texts(e.complete("did North K"))  # the lexicon's names
    assert "Hanoi" in texts(e.complete("what about Han"))  # the corpus's words
    assert read == []  # and still no passage read


def test_lexicon_names_need_the_corpus_words(qa: Any) -> None:
    from qabot.lexicon import load

    names = lexicon_names(qa.index, load())
    assert "North Korea" in names and "DPRK" in names
    assert "D.P.R.K." not in names  # one spelling per name
    assert all(n[:1].isupper() for n in names)
    assert "Ottawa" not in names and "Canada" not in names  # absent from the briefings

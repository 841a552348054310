"""The library surface (qabot.api): opening an index, answers with reason codes, lookups."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from qabot.api import QA, Answer
from qabot.errors import LexiconError, LookupMiss, QabotError
from qabot.index import build
from qabot.search.abstain import CODES
from tests.conftest import CORPUS, FEB26, FEB28, run_cli


def test_open_rebuilds_a_damaged_index_for_a_library_user_too(tmp_path: Path) -> None:
    build(CORPUS, tmp_path / "ix")
    gen = next(p for p in (tmp_path / "ix").iterdir() if p.name.startswith("s-"))
    docs = gen / "docs.json"
    docs.write_text("x" * docs.stat().st_size)  # same size: only loading can tell
    notes: list[str] = []
    qa = QA.open(CORPUS, tmp_path / "ix", notify=notes.append)
    assert qa.index.n_passages == 34 and qa.ask("who is Stephen Biegun?").answered
    assert len(notes) == 1 and notes[0].endswith("; rebuilding it")


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("What did the Canadian prime minister say about the summit?", "unknown_entity"),
        ("What did John Bolton say in Hanoi?", "unknown_name"),
        ("xqzv blorp", "unknown_words"),
        ("the of and", "empty_question"),
        ("why did Hanoi end early?", None),
    ],
)
def test_reason_codes(qa: Any, question: str, code: str | None) -> None:
    a: Answer = qa.ask(question)
    assert a.reason_code == code and (a.reason is None) == (code is None) and a.answered == (code is None)
    assert code is None or code in CODES


def test_reason_code_in_json(base: list[str]) -> None:
    code, out, _ = run_cli(["ask", "--json", *base, "xqzv blorp"])
    obj = json.loads(out)
    assert (
        code == 0
        and obj["reason_code"] == "unknown_words"
        and obj["reason"].startswith("the briefings never")
    )
    code, out, _ = run_cli(["ask", "--json", *base, "/help"])
    assert json.loads(out)["reason_code"] == "chat_command"


def test_a_700kb_question_is_cut_with_a_notice(base: list[str]) -> None:
    question = ("What did Kim and the DPRK tell Washington about sanctions in Hanoi? " * 11_000)[:700_000]
    started = time.perf_counter()
    code, out, err = run_cli(["ask", "--json", *base, "--", question])
    took = time.perf_counter() - started
    obj = json.loads(out)
    assert code == 0 and obj["answered"] and "Traceback" not in err
    assert "qabot: the question was cut to its first 1,9" in err and err.count("\n") == 1
    assert took < 60  # a generous bound against minutes, not a speed measurement


def test_the_answer_keeps_the_reply_apart_from_its_context(qa: Any) -> None:
    first: Answer = qa.ask("Where is Kim likely to go after Hanoi?")
    assert "China" in first.context.answer_entities and first.entities == first.context.entities
    assert dict(first.context.weights) and first.context.own_terms
    second: Answer = qa.ask("Why there?", history=(first,))
    assert "china^" in second.query


def test_search_and_sources(qa: Any) -> None:
    results = qa.search("why did Hanoi end early?", k=4)
    assert 1 <= len(results) <= 4 and [r.rank for r in results] == list(range(1, len(results) + 1))
    assert results[0].doc.doc_id == FEB28
    assert qa.search("the of and") == ()
    assert [d.doc_id for d in qa.sources()] == [FEB26, FEB28]


def test_lookup_by_id_number_prefix_title_and_shortened_id(qa: Any) -> None:
    assert qa.lookup(f"{FEB28}#p2").passage.pid == f"{FEB28}#p2"
    assert qa.lookup(FEB26).passage is None and qa.lookup(FEB26).doc.doc_id == FEB26
    assert qa.lookup("2").doc.doc_id == FEB28
    assert qa.lookup("2019-02-26").doc.doc_id == FEB26
    assert qa.lookup("abrupt finale").doc.doc_id == FEB28
    short = FEB28[:20] + "…" + FEB28[-12:]
    assert qa.lookup(short).doc.doc_id == FEB28 and qa.lookup(short + "#p3").index == qa.index.find(
        f"{FEB28}#p3"
    )
    cases: tuple[tuple[str, str | None], ...] = (
        ("9", "2 briefings"),  # the wording is qabot.lookup's; what matters is what it names
        ("2019-02", "2 briefings"),
        (f"{FEB28}#p999", "999"),
        ("", None),
    )
    for text, words in cases:
        with pytest.raises(LookupMiss, match=words):
            qa.lookup(text)


def test_lookup_miss_suggests_the_nearest_id(qa: Any) -> None:
    with pytest.raises(LookupMiss) as exc:
        qa.lookup(FEB28.replace("finale", "finlae") + "#p2")
    assert exc.value.suggestion == FEB28 and isinstance(exc.value, QabotError)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("aliases.toml", b'[entity.x]\nname = "\xff\xfe"\n', "not UTF-8 text"),
        ("synonyms.txt", b"talks, \xe9changes\n", "not UTF-8 text"),
        ("aliases.toml", b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
        ("aliases.toml", b"entity = 3\n", "'entity' must be a table"),
        ("aliases.toml", None, "is not a file"),
        ("synonyms.txt", None, "is not a file"),
    ],
)
def test_bad_lexicon_files_are_one_line_errors(
    shared_index: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: bytes | None,
    words: str,
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("QABOT_HOME", str(home))
    target = home / name
    if content is None:
        target.mkdir()
    else:
        target.write_bytes(content)
    with pytest.raises(LexiconError, match=words) as exc:
        QA.open(CORPUS, shared_index)
    assert str(target) in str(exc.value)
    code, out, err = run_cli(["ask", "--corpus", str(CORPUS), "--index", str(shared_index), "who is Biegun?"])
    assert code == 1 and out == "" and err.count("\n") == 1 and str(target) in err and "Traceback" not in err

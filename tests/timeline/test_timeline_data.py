"""The time-word question sets stay honest as the corpus and the parser change.

Each ``expect`` phrase must pick out exactly one passage as qabot cuts the corpus, and
that passage's briefing must be dated inside the question's ``since``/``until`` window
and no later than its ``as_of``; otherwise the set would reward the wrong briefing.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from qabot import corpus, passages
from qabot.questionset import normalize as _norm  # the normalisation eval judges phrases with

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SETS = ("dev.toml", "test.toml")
UNDATED = {
    "backgrounder-the-boreal-link-route",
    "kestrel-passage-explained",
    "primer-how-the-tamberland-reserve-bank-sets-rates",
    "profile-the-danar-valley-movement",
}
KINDS = {"latest", "first", "year", "before", "after", "since", "range", "control"}


def _docs() -> dict[str, corpus.Document]:
    out = {}
    for rel, doc_id in corpus.doc_ids(corpus.files(CORPUS)).items():
        path = CORPUS / rel
        out[doc_id] = corpus.parse(path.read_text(encoding="utf-8"), doc_id, path.suffix)
    return out


DOCS = _docs()
PASSAGES = [(p.doc_id, _norm(p.text)) for d in DOCS.values() for p in passages.split(d)]


def _entries(name: str) -> list[dict[str, Any]]:
    data = tomllib.loads((HERE / name).read_text(encoding="utf-8"))
    return [e for table in ("question", "conversation", "unanswerable") for e in data.get(table, [])]


def test_corpus_spans_the_decade_and_keeps_its_undated_briefings() -> None:
    dated = sorted(d.date for d in DOCS.values() if d.date != "undated")
    assert len(DOCS) == 58
    assert {i for i, d in DOCS.items() if d.date == "undated"} == UNDATED
    assert dated[0][:4] == "2015" and dated[-1][:4] == "2025"


@pytest.mark.parametrize("name", SETS)
def test_set_size_and_kinds(name: str) -> None:
    data = tomllib.loads((HERE / name).read_text(encoding="utf-8"))
    questions = data["question"]
    assert len(questions) >= 36
    assert {q["kind"] for q in questions} == KINDS
    assert len(data["unanswerable"]) >= 5 and len(data["conversation"]) >= 3
    for q in questions:
        has_keys = "since" in q or "until" in q
        assert has_keys == (q["kind"] == "range"), q["id"]


@pytest.mark.parametrize("name", SETS)
def test_each_phrase_names_one_passage_dated_where_the_question_points(name: str) -> None:
    for entry in _entries(name):
        keys = {k: date.fromisoformat(entry[k]) for k in ("as_of", "since", "until") if k in entry}
        for phrase in entry.get("expect", []):
            norm = _norm(phrase)
            assert 4 <= len(norm.split()) <= 10, (entry["id"], phrase)
            hits = [doc for doc, text in PASSAGES if norm in text]
            assert len(hits) == 1, (entry["id"], phrase, hits)
            when = DOCS[hits[0]].date
            if keys:
                assert when != "undated", (entry["id"], phrase)
                day = date.fromisoformat(when)
                assert day <= keys.get("as_of", day), (entry["id"], phrase, when)
                assert keys.get("since", day) <= day <= keys.get("until", day), (entry["id"], phrase, when)

"""Rendering: trimming keeps the answer, highlighting marks query words only."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from qabot import render, style
from qabot.analysis import Analyzer
from qabot.api import Answer, Result
from tests.conftest import FEB28

TEXT = (
    " ".join(f"w{i}" for i in range(60))
    + " The answer sentence sits here. "
    + " ".join(f"v{i}" for i in range(60))
)


def test_trim_keeps_the_answer_sentence() -> None:
    out = render.trim_around(TEXT, frozenset(), Analyzer(), 20, focus="The answer sentence sits here.")
    assert "The answer sentence sits here." in out
    assert out.startswith("… ") and out.endswith(" …")


def test_trim_without_focus_goes_where_matches_cluster() -> None:
    text = "alpha " + " ".join(["filler"] * 50) + " sanctions relief sanctions " + " ".join(["filler"] * 50)
    out = render.trim_around(text, frozenset({"sanction"}), Analyzer(), 12)
    assert "sanctions relief sanctions" in out


def test_short_text_untouched() -> None:
    assert render.trim_around("a short passage", frozenset(), Analyzer(), 20) == "a short passage"


def test_wrap_highlights_only_matched_part_of_a_word() -> None:
    frags = render.wrap("North Korea's offer", 80, terms=frozenset({"korea"}), analyzer=Analyzer())
    assert ("class:match", "Korea") in frags
    assert all(t != "Korea's" for _, t in frags)


_WORDS = st.lists(st.text("abcdefghij", min_size=1, max_size=14), max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(
    text=_WORDS,
    width=st.integers(20, 100),
    label=st.sampled_from(["", "No answer: ", "[12] ", "matched: "]),
    indent=st.sampled_from(["", "    "]),
)
def test_wrap_never_passes_the_width(text: str, width: int, label: str, indent: str) -> None:
    """No word is longer than the room, so no line may pass the width, label included."""
    frags = render.wrap(text, width, indent, first=("class:label", label))
    out = render.plain(frags)
    assert out.startswith(label) and out.endswith("\n")
    assert all(len(line) <= width for line in out.splitlines())
    assert out.split() == (label.split() + text.split())
    assert all(line.startswith(indent) for line in out.splitlines()[1:])


def test_wrap_label_counts_towards_the_first_line() -> None:
    reason = "the briefings never mention Ottawa, the Canadian capital, or its government"
    out = render.plain(render.wrap(reason, 40, first=("class:label", "No answer: ")))
    assert out.startswith("No answer: the briefings")
    assert all(len(line) <= 40 for line in out.splitlines())
    # a label longer than the room leaves its line to the label, never a word past the width
    out = render.plain(render.wrap("abcdefghij", 12, first=("", "a long label: ")))
    assert out == "a long label: \nabcdefghij\n"


def test_no_answer_fits_the_width() -> None:
    reason = "the briefings never mention Ottawa, nor any Canadian prime minister or minister"
    a = Answer("what does Ottawa think?", "ottawa", False, None, reason, ())
    for width in (40, 60, 80):
        out = render.plain(render.answer_fragments(a, width))
        assert out.startswith("No answer: ") and all(len(line) <= width for line in out.splitlines())


def test_short_id_keeps_both_ends_and_expand_id_undoes_it() -> None:
    pid = f"{FEB28}#p14"
    other = "2019-02-26-what-to-expect-as-trump-and-kim-meet-again"
    for room in (30, 45, 60, 80):
        short = render.short_id(pid, room)
        assert len(short) == room and short.endswith("#p14") and "…" in short
        assert render.expand_id(short, [other, FEB28]) == pid
    assert render.short_id(pid, 200) == pid
    assert render.expand_id(pid, [FEB28]) is None  # not shortened: nothing to expand
    assert render.expand_id("2019-02-2…#p1", [other, FEB28]) is None  # fits both: ambiguous
    assert render.expand_id("2019…again", [other, FEB28]) == other  # a briefing id works too


def test_ansi_codes_follow_the_styles() -> None:
    assert render.to_ansi([("class:match", "Korea")], color=True) == "\x1b[1;33mKorea\x1b[0m"
    assert render.to_ansi([("class:dim", "id\n")], color=True) == "\x1b[90mid\x1b[0m\n"
    assert render.to_ansi([("class:match", "Korea")], color=False) == "Korea"
    assert set(render._ANSI) == set(style.STYLES)


def _results(qa: Any, question: str, k: int = 3) -> tuple[Result, ...]:
    answer: Answer = qa.ask(question, k=k)
    return answer.results


def test_results_fragments_fit_ids_and_hint_only_when_trimmed(qa: Any) -> None:
    results = _results(qa, "why did Hanoi end early?")
    analyzer = qa.analyzer
    whole = render.plain(render.results_fragments(results, 80, analyzer, fit_ids=False))
    assert all(r.passage.pid in whole for r in results)
    fitted = render.plain(render.results_fragments(results, 80, analyzer))
    assert all(len(line) <= 80 for line in fitted.splitlines())
    assert render.TRIMMED_HINT not in whole + fitted  # nothing trimmed
    longest = max(len(r.passage.text.split()) for r in results)
    trimmed = render.plain(render.results_fragments(results, 80, analyzer, max_words=longest - 1))
    assert trimmed.endswith(render.TRIMMED_HINT)
    kept = render.plain(render.results_fragments(results, 80, analyzer, max_words=longest))
    assert render.TRIMMED_HINT not in kept


def test_passage_json_ranked_only_with_its_result(qa: Any) -> None:
    r = _results(qa, "why did Hanoi end early?", k=1)[0]
    ranked = render.passage_json(r.passage, r.doc, r)
    looked_up = render.passage_json(r.passage, r.doc)
    assert list(ranked)[:2] == ["rank", "score"] and list(ranked)[-2:] == ["matched", "stems"]
    assert {k: v for k, v in ranked.items() if k not in ("rank", "score", "matched", "stems")} == looked_up
    assert looked_up["id"] == r.passage.pid and looked_up["doc"] == r.doc.doc_id


def test_safe_removes_c1_sequences_bidi_and_zero_width_whole() -> None:
    text = "a\x9b31mb\x9d0;title\x07c \u202eevil\u2066x\u2069\u061cy\u200bz\ufeff\udcff\u2028end"
    assert render.safe(text) == "abc evilxyz\ufffd end"
    assert render.safe_line("title\nforged line\tid") == "title forged line id"


def test_json_text_escapes_what_could_steer_a_terminal() -> None:
    import json

    obj = {"t": "x\u202ey\x9b2J\u200b\udcff", "ok": "caf\u00e9 \u2014"}
    text = render.json_text(obj)
    assert "\u202e" not in text and "\x9b" not in text and "\u200b" not in text
    assert "\\u202e" in text and "caf\u00e9 \u2014" in text  # readable text stays readable
    assert json.loads(text)["t"] == obj["t"]  # the data is unchanged
    assert render.json_text(obj, ascii_only=True).isascii()


def test_checked_never_lets_answered_go_without_an_answer(qa: Any) -> None:
    a = qa.ask("why did Hanoi end early?")
    broken = Answer(a.question, a.query, True, None, None, a.results)
    fixed = render.checked(broken)
    assert fixed.answered is False and fixed.reason and fixed.reason_code == "no_match"
    assert render.answer_json(broken)["answered"] is False
    assert render.checked(a) is a

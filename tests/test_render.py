"""Rendering: trimming keeps the answer, highlighting marks query words only."""

from __future__ import annotations

from qabot import render
from qabot.analysis import Analyzer

TEXT = " ".join(f"w{i}" for i in range(60)) + " The answer sentence sits here. " + " ".join(
    f"v{i}" for i in range(60)
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

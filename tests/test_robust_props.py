"""Property tests: analyzer, parser and CLI never raise; no body sentence is lost."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qabot.analysis import Analyzer, strip_control
from qabot.cli import main
from qabot.corpus import parse
from qabot.passages import split
from tests.conftest import CORPUS

# text with the awkward parts over-represented: controls, escapes, markup, odd spaces
PIECES = ["\x1b[31m", "\x1b]0;t\x07", "\n", "\n\n", "+++", "# ", "## ", "- ", "(AFP/Getty)", "’", "\r\n"]
awkward = st.lists(
    st.one_of(st.text(st.characters(codec="utf-8"), max_size=12), st.sampled_from(PIECES)), max_size=40
).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(awkward)
def test_analyzer_never_raises(text: str) -> None:
    a = Analyzer()
    tokens = a.analyze(text)
    assert all(t and " " not in t for t in tokens)
    for word, _token, start, end in a.surface(text):
        assert 0 <= start <= end <= len(text) and word


@FAST
@given(awkward, st.sampled_from([".txt", ".md", ".markdown"]))
def test_parser_and_splitter_never_raise(text: str, suffix: str) -> None:
    from qabot.corpus import FileSkipped

    try:
        doc = parse(text, "doc", suffix)
    except FileSkipped:
        return  # a documented, per-file refusal (bad front matter), not a crash
    assert doc.title and doc.date
    for p in split(doc):
        assert p.text == strip_control(p.text)


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)


@st.composite
def briefing(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A raw briefing of distinct sentences (no repeats, no pull quotes), some under headings."""
    counter = iter(range(10_000))
    sentences: list[str] = []
    used: set[str] = set()
    parts = ["Generated Briefing Title", "", "March 3, 2019", ""]
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            parts += [f"Heading Number {next(counter)}", ""]
        para = []
        for _ in range(draw(st.integers(1, 4))):
            # words not used before: real sentences, not near-repeats (which are dropped)
            words = [w for w in draw(st.lists(WORDS, min_size=2, max_size=12, unique=True)) if w not in used]
            used.update(words)
            s = f"Sentence{next(counter)} " + " ".join(words) + draw(st.sampled_from([".", "?", "!"]))
            para.append(s)
            sentences.append(s)
        parts += [" ".join(para), ""]
    return "\n".join(parts), sentences


@settings(max_examples=80, deadline=None)
@given(briefing(), st.sampled_from([".txt", ".md"]))
def test_every_body_sentence_is_in_some_passage(case: tuple[str, list[str]], suffix: str) -> None:
    text, sentences = case
    passages = split(parse(text, "gen", suffix))
    joined = "\n".join(re.sub(r"\s+", " ", p.text) for p in passages)
    lost = [s for s in sentences if s not in joined]
    assert not lost


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(awkward)
def test_ask_never_tracebacks(shared_index: Path, question: str) -> None:
    """Any question text is a question: exit 0 with a reply (contract: 0 also when unanswered)."""
    base = ["--corpus", str(CORPUS), "--index", str(shared_index)]
    for argv in (["ask", *base, "--", question], ["ask", "--json", *base, "--", question]):
        out, err = io.StringIO(), io.StringIO()  # fresh for each run: each is checked alone
        code = main(argv, stdin=io.StringIO(""), stdout=out, stderr=err)
        if not question.strip():  # an empty question is wrong usage (README: contract changes)
            assert code == 2 and out.getvalue() == "" and "empty" in err.getvalue()
            continue
        if question == "-":  # the stdin operand, as for cat: an empty stdin, no replies
            assert code == 0 and out.getvalue() == "" and "Traceback" not in err.getvalue()
            continue
        assert code == 0, (argv, err.getvalue())
        assert out.getvalue().strip() and "Traceback" not in err.getvalue()
        if "--json" in argv:
            lines = out.getvalue().splitlines()
            assert len(lines) == 1 and isinstance(json.loads(lines[0])["answered"], bool)

"""Choosing the answer: the sentence (or two) of the top passages that covers the most,
and the rarest, query terms; verbatim, so a reader can find it in the briefing."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from ..analysis import Analyzer
from ..passages import Passage
from .params import Params


def _sentences(p: Passage) -> list[str]:
    spans = p.sentences or ((0, len(p.text)),)
    return [p.text[a:b].strip() for a, b in spans if p.text[a:b].strip()]


def lead(passage: Passage) -> str | None:
    """A passage's first sentence (the answer when no sentence holds a question word)."""
    sentences = _sentences(passage)
    return sentences[0] if sentences else None


def choose(
    passages: Sequence[Passage],
    term_weight: Mapping[str, float],
    analyzer: Analyzer,
    p: Params,
    alts: Mapping[str, Mapping[str, float]] | None = None,
    cue: re.Pattern[str] | None = None,
    avoid: str | None = None,
) -> str | None:
    """The best one or two consecutive sentences from the best ``answer_depth`` of
    ``passages`` (best passage first).

    A sentence scores the summed weight (idf x query weight) of the distinct query terms
    it holds (a question word also counts, at ``alts``' credit, when the sentence holds
    an alias or synonym of it), with a preference for higher-ranked passages
    (``rank_penalty``) and crisper sentences (``length_penalty``), and a bonus
    (``answer_cue``) when it holds the question type's ``cue`` words (a "why" question
    prefers a sentence that gives a reason).
    When the best sentence leaves query terms uncovered and the next sentence of the
    same passage covers some of them, both are returned. A sentence that is (or starts)
    ``avoid`` is passed over (a bare follow-up must not repeat the previous answer).
    """
    best: tuple[float, int, int, frozenset[str]] | None = None
    per_passage: list[list[tuple[str, frozenset[str]]]] = []
    for rank, passage in enumerate(passages[: p.answer_depth]):
        rows: list[tuple[str, frozenset[str]]] = []
        for s_i, sentence in enumerate(_sentences(passage)):
            tokens = set(analyzer.analyze(sentence))
            covered = frozenset(t for t in tokens if t in term_weight)
            rows.append((sentence, covered))
            score = sum(term_weight[t] for t in sorted(covered))  # one order: the same sum in every process
            for own, options in (alts or {}).items():
                if own not in covered and own in term_weight:
                    credit = max((c for a, c in options.items() if a in tokens), default=0.0)
                    score += credit * term_weight[own]
            if not covered or (avoid and avoid.startswith(sentence)):
                continue
            if cue is not None:
                score *= 1 + p.answer_cue * min(len(cue.findall(sentence)), p.answer_cue_max)
            score *= 1.0 - p.rank_penalty * rank
            score -= p.length_penalty * math.log1p(len(sentence.split()))  # prefer the crisper of equals
            if best is None or score > best[0]:
                best = (score, rank, s_i, covered)
        per_passage.append(rows)
    if best is None:
        return None
    _, rank, s_i, covered = best
    rows = per_passage[rank]
    text = rows[s_i][0]
    missing = set(term_weight) - covered
    if missing and s_i + 1 < len(rows) and rows[s_i + 1][1] & missing:
        text = f"{text} {rows[s_i + 1][0]}"
    return text

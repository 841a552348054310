"""Choosing the answer: the sentence (or two) of the top passages that covers the most,
and the rarest, query terms; verbatim, so a reader can find it in the briefing."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .analysis import Analyzer
from .passages import Passage

#: Sentences from passages this far down the ranking are considered.
ANSWER_DEPTH = 3


@dataclass(frozen=True)
class Sentence:
    text: str
    passage_rank: int
    covered: frozenset[str]
    weight: float


def _sentences(p: Passage) -> list[str]:
    spans = p.sentences or ((0, len(p.text)),)
    return [p.text[a:b].strip() for a, b in spans if p.text[a:b].strip()]


def choose(
    passages: Sequence[Passage],
    term_weight: Mapping[str, float],
    analyzer: Analyzer,
    bonus: Mapping[int, float] | None = None,
) -> str | None:
    """The best one or two consecutive sentences from ``passages`` (best passage first).

    A sentence scores the summed weight (idf x query weight) of the distinct query terms
    it holds, with a small preference for higher-ranked passages and an optional
    per-sentence ``bonus`` keyed by (rank * 1000 + sentence number) for cue words.
    When the best sentence leaves query terms uncovered and the next sentence of the
    same passage covers some of them, both are returned.
    """
    best: tuple[float, int, int, frozenset[str]] | None = None
    per_passage: list[list[tuple[str, frozenset[str]]]] = []
    for rank, p in enumerate(passages[:ANSWER_DEPTH]):
        rows: list[tuple[str, frozenset[str]]] = []
        for s_i, sentence in enumerate(_sentences(p)):
            covered = frozenset(t for t in analyzer.analyze(sentence) if t in term_weight)
            rows.append((sentence, covered))
            score = sum(term_weight[t] for t in covered)
            if not covered:
                continue
            score *= 1.0 - 0.15 * rank
            score += (bonus or {}).get(rank * 1000 + s_i, 0.0)
            score -= 0.02 * math.log1p(len(sentence.split()))  # prefer the crisper of equals
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

"""Pseudo-relevance feedback (RM3-style): terms of the best passages join the query.

Taken from the best passages *after* re-ranking, so a short passage that BM25 alone
over-rates (and that misses the question's entity) cannot steer it; and only when the
best passage leaves part of the question uncovered (``Params.feedback_below``). The
terms added share ``Params.rm3_mass`` of the query's weight, so they reorder
near-ties rather than change the topic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .params import Params
from .searcher import Searcher


def wanted(coverage: float, p: Params) -> bool:
    """Whether feedback runs for a question whose best passage covers ``coverage``."""
    return p.rm3_mass > 0 and coverage < p.feedback_below


def feedback_terms(
    searcher: Searcher, top: Sequence[tuple[int, float]], weights: Mapping[str, float], p: Params
) -> dict[str, float]:
    """Terms frequent in the ``top`` (passage, score) pairs, weighted by score, and rare
    in the corpus: at most ``rm3_terms`` of them, not already searched, not numbers."""
    total_score = sum(max(score, 0.0) for _, score in top)
    if total_score <= 0:
        return {}
    gain: dict[str, float] = {}
    for i, score in top:
        share = max(score, 0.0) / total_score
        toks = searcher.tokens(i)
        for t, c in Counter(toks).items():
            if t not in weights and not t.isdigit():
                gain[t] = gain.get(t, 0.0) + share * (c / len(toks)) * searcher.idf(t)
    best = sorted(gain.items(), key=lambda kv: (-kv[1], kv[0]))[: p.rm3_terms]
    if not best:
        return {}
    total = sum(v for _, v in best)
    mass = p.rm3_mass * sum(weights.values())
    return {t: mass * v / total for t, v in best}

"""BM25 over postings equals rank-bm25's BM25Plus; answers cite the right passages."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qabot.index import Index
from qabot.search.bm25 import BM25Scorer, query_weights, reference_scores

QUERIES = [
    "why did Hanoi end early?",
    "what is China's role?",
    "North Korea sanctions relief Yongbyon Yongbyon",
    "korea",
    "xqzv",
]


@pytest.mark.parametrize("q", QUERIES)
def test_parity_with_rank_bm25(shared_index: Path, q: str) -> None:
    ix = Index(shared_index)
    tokens = ix.analyzer().analyze(q)
    acc, const = BM25Scorer(ix).scores(query_weights(tokens))
    ref = reference_scores(ix, tokens)
    assert np.allclose(acc + const, ref, atol=1e-6, rtol=0)
    weights = query_weights(tokens)
    ours = BM25Scorer(ix).top(weights, 10)
    held = {i for i in range(ix.n_passages) if set(ix.tokens_of(i)) & set(tokens)}
    matched = [int(i) for i in np.argsort(-ref, kind="stable") if i in held][:10]
    assert [h.index for h in ours] == matched
    assert [h.score for h in ours] == pytest.approx([ref[i] for i in matched], abs=1e-6)
    for h in ours:
        assert h.matched == tuple(t for t in weights if t in ix.tokens_of(h.index))

"""The question path: from a question to ranked passages and an answer.

:mod:`~qabot.search.pipeline` runs the stages, with the numbers of
:mod:`~qabot.search.params`, over a :mod:`~qabot.search.searcher` backend
(:mod:`~qabot.search.bm25` is the local one). The BM25 names are re-exported here for
the callers of the former ``qabot.search`` module.
"""

from __future__ import annotations

from .bm25 import BM25Scorer, query_weights, reference_scores
from .searcher import Hit

__all__ = ["BM25Scorer", "Hit", "query_weights", "reference_scores"]

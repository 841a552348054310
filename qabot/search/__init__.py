"""The question path: from a question to ranked passages and an answer.

:mod:`~qabot.search.pipeline` runs the stages, with the numbers of
:mod:`~qabot.search.params`, over a :mod:`~qabot.search.searcher` backend
(:mod:`~qabot.search.bm25` is the local one; :mod:`~qabot.search.light` the same
scores without numpy, for a one-shot ask over a small index; :mod:`~qabot.search.local`
what both read from an index alike). The BM25 names are
re-exported here for the callers of the former ``qabot.search`` module, imported on
first use (they bring numpy, which that one-shot ask does without).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .searcher import Hit

if TYPE_CHECKING:
    from .bm25 import BM25Scorer, query_weights, reference_scores


def __getattr__(name: str) -> Any:
    if name in ("BM25Scorer", "query_weights", "reference_scores"):
        from . import bm25

        return getattr(bm25, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BM25Scorer", "Hit", "query_weights", "reference_scores"]

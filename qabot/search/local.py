"""What the two local backends (:class:`~qabot.search.bm25.IndexSearcher` over numpy,
:class:`~qabot.search.light.LightSearcher` without it) read from an index alike.

Both search one index folder through a reader derived from
:class:`~qabot.index.base.IndexBase` and a scorer with ``idf(term_id)`` and
``term_score(term_id, i)``; everything here goes to them unchanged, so it is written
once. What differs (arrays or lists: the first stage, term lookups, dates) stays in
each backend. Imports no numpy: the light backend stands on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from ..cues import CUE_TYPES
from ..passages import Passage
from .searcher import Passages, ints

if TYPE_CHECKING:
    from ..index.base import IndexBase

CUE_COLUMN = {qtype: c for c, qtype in enumerate(CUE_TYPES)}


class _Scorer(Protocol):
    def idf(self, term_id: int) -> float: ...

    def term_score(self, term_id: int, i: int) -> tuple[int, float, float]: ...


class LocalSearcher:
    """The index-reading half of a local :class:`~qabot.search.searcher.Searcher`."""

    scorer: _Scorer

    def __init__(self, index: IndexBase[Any, Any]) -> None:
        self.ix = index
        self._vocab = index.vocab

    @property
    def n_passages(self) -> int:
        return self.ix.n_passages

    def has_term(self, term: str) -> bool:
        return term in self._vocab

    def idf(self, term: str) -> float:
        return self.scorer.idf(self._vocab[term])

    def doc_freq(self, term: str) -> int:
        t = self._vocab.get(term)
        return int(self.ix.df[t]) if t is not None else 0

    def terms_with_prefix(self, prefix: str, limit: int) -> list[str]:
        return self.ix.terms_with_prefix(prefix, limit)

    def words(self) -> Mapping[str, str]:
        return self.ix.stems

    def term_score(self, term: str, i: int) -> tuple[int, float, float]:
        return self.scorer.term_score(self._vocab[term], i)

    def passage(self, i: int) -> Passage:
        return self.ix.passage(i)

    def title(self, i: int) -> str:
        return self.ix.doc_of(i).title

    def kind(self, i: int) -> str:
        return self.ix.kind(i)

    def cue_count(self, i: int, qtype: str) -> int:
        return self.ix.cue_count(i, CUE_COLUMN[qtype])

    def kinds(self, ids: Passages) -> list[str]:
        return self.ix.kinds(ints(ids))

    def cue_counts(self, ids: Passages, qtype: str) -> list[int]:
        return self.ix.cue_counts(ints(ids), CUE_COLUMN[qtype])

    def tokens(self, i: int) -> list[str]:
        return self.ix.tokens_of(i)

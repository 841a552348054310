"""What the question path needs from a retrieval backend: the :class:`Searcher` protocol.

The stages of :mod:`qabot.search.pipeline` see the corpus only through this protocol,
never through an index's files or arrays, so a backend can change underneath them: the
local BM25 over one index folder (:class:`qabot.search.bm25.IndexSearcher`), an index
split into segments, a search cluster (README, "Beyond one machine"), or a fake in a
test. Passages are numbered 0..n_passages-1; terms are analysed tokens (as
:class:`qabot.analysis.Analyzer` gives them). Sequences come back as numpy arrays or as
lists (:class:`qabot.search.light.LightSearcher`, which a one-shot ask over a small
index uses so as not to import numpy); the stages read both through :func:`ints`,
:func:`floats` and :func:`rows`, and import numpy only where they work on a numpy
backend's whole arrays (a date window, typo repair).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..passages import Passage

if TYPE_CHECKING:
    from typing import TypeAlias

    import numpy as np
    import numpy.typing as npt

    #: what the numpy backend gives
    Scores: TypeAlias = npt.NDArray[np.float64]
    Ids: TypeAlias = npt.NDArray[np.int64]
    #: what a backend may give: numpy arrays (:mod:`.bm25`) or lists (:mod:`.light`,
    #: which answers without importing numpy); the stages read them with the helpers below
    Passages: TypeAlias = "npt.NDArray[np.int64] | list[int]"
    Values: TypeAlias = "npt.NDArray[np.float64] | list[float]"
    Window: TypeAlias = "npt.NDArray[np.bool_] | list[bool]"
    Rows: TypeAlias = "npt.NDArray[np.bool_] | list[list[bool]]"
else:  # annotations only: the stages import no numpy for them
    Scores = Ids = Passages = Values = Window = Rows = Any


def ints(x: Passages) -> list[int]:
    """Passage numbers (or day numbers) as a list of Python ints, from either backend."""
    return x if isinstance(x, list) else x.tolist()


def floats(x: Values) -> list[float]:
    """Scores as a list of Python floats, from either backend."""
    return x if isinstance(x, list) else x.tolist()


def dated_span(dates: Passages) -> tuple[int, int] | None:
    """The first and last day number of the dated passages (day 0: undated), or None."""
    if isinstance(dates, list):
        dated = [d for d in dates if d > 0]
        return (min(dated), max(dated)) if dated else None
    dated_arr = dates[dates > 0]
    return (int(dated_arr.min()), int(dated_arr.max())) if len(dated_arr) else None


def rows(x: Rows) -> list[list[bool]]:
    """What :meth:`Searcher.holds` gives, as one list of booleans per passage."""
    return x if isinstance(x, list) else x.tolist()


@dataclass(frozen=True)
class Hit:
    """One ranked passage: its number, id, score and the query terms it holds."""

    index: int
    pid: str
    score: float
    matched: tuple[str, ...]


class Searcher(Protocol):
    """The corpus as the stages see it: vocabulary statistics, scoring, passages."""

    @property
    def n_passages(self) -> int: ...

    # ---- vocabulary (query parsing, typo repair, expansion)

    def has_term(self, term: str) -> bool:
        """Whether some passage holds ``term``."""
        ...

    def idf(self, term: str) -> float:
        """The BM25 idf of a term the corpus holds (KeyError otherwise)."""
        ...

    def doc_freq(self, term: str) -> int:
        """How many passages hold ``term`` (0 when none)."""
        ...

    def terms_with_prefix(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` corpus terms starting with ``prefix``, in sorted order."""
        ...

    def words(self) -> Mapping[str, str]:
        """Every corpus word (lower-case surface form) -> its term, for typo repair.

        May be slow the first time (the local index reads a file for it): the stages
        ask only when a question has a word the corpus lacks.
        """
        ...

    # ---- scoring

    def best(
        self, parts: Sequence[Mapping[str, float]], n: int, allow: Window | None = None
    ) -> tuple[Passages, Values]:
        """The ``n`` best passages scoring above zero, best first, ties in passage order,
        with their scores: weighted BM25 summed over each part's terms, then over the
        parts in order (the constant part every passage gets left out). ``allow``: when
        given, only the passages it marks count (a date window).

        With positive weights a passage scores above zero exactly when it holds a query
        term. Only the candidates' scores come back, never an array over every passage:
        a backend may prune passages that cannot reach the ``n`` best.
        """
        ...

    def holds(self, terms: Sequence[str], ids: Passages) -> Rows:
        """``out[r, c]``: whether passage ``ids[r]`` holds ``terms[c]``."""
        ...

    def holds_in(self, terms: Sequence[str], lo: Passages, hi: Passages) -> Rows:
        """``out[r, c]``: whether some passage ``lo[r] <= i < hi[r]`` holds ``terms[c]``
        (a document's evidence: two lookups per run, not one per passage)."""
        ...

    def term_score(self, term: str, i: int) -> tuple[int, float, float]:
        """(tf, idf, weight-1 BM25 score) of ``term`` in passage ``i`` (for ``/why``)."""
        ...

    # ---- passages

    def doc_starts(self) -> Passages:
        """The number of each document's first passage, ascending (a document's passages
        are numbered consecutively): document-level evidence sums over these runs."""
        ...

    def passage(self, i: int) -> Passage: ...

    def dates(self) -> Passages:
        """Each passage's briefing date as a day number (``date.toordinal``; 0 when the
        briefing is undated), in passage order (the time stage's filters and order)."""
        ...

    def title(self, i: int) -> str:
        """The title of passage ``i``'s briefing (an event's report is often named in it)."""
        ...

    def briefings(self) -> Passages:
        """Each passage's briefing as a number (the same for passages of one briefing)."""
        ...

    def kind(self, i: int) -> str:
        """The passage's kind ("paragraph", "bullet", "caption", ...)."""
        ...

    def cue_count(self, i: int, qtype: str) -> int:
        """How many cue words of question type ``qtype`` passage ``i`` holds (capped)."""
        ...

    def kinds(self, ids: Passages) -> list[str]:
        """:meth:`kind` of each of passages ``ids`` (re-ranking asks for all its new
        passages at once)."""
        ...

    def cue_counts(self, ids: Passages, qtype: str) -> Passages:
        """:meth:`cue_count` of each of passages ``ids``."""
        ...

    def tokens(self, i: int) -> list[str]:
        """The passage's terms, in order (feedback counts them)."""
        ...

    def token_ids(self, i: int) -> npt.NDArray[np.integer] | list[int]:
        """The same as numbers (any numbering, one number per term: near-duplicates)."""
        ...


def doc_runs(searcher: Searcher, passages: Sequence[int]) -> tuple[list[int], list[int]]:
    """The first passage of each document of ``passages`` and the one after its last, in
    document order (a binary search in the backend's own starts: a million passages'
    briefings made a Python list per question cost more than the checks using them)."""
    starts = searcher.doc_starts()
    last = len(starts) - 1
    docs = sorted({bisect.bisect_right(starts, i) - 1 for i in passages})
    lo = [int(starts[d]) for d in docs]
    hi = [int(starts[d + 1]) if d < last else searcher.n_passages for d in docs]
    return lo, hi

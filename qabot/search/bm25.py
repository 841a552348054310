"""BM25 scoring over the inverted index, with the exact formula of rank-bm25's BM25Plus.

Why BM25Plus: on a corpus of a few dozen passages BM25Okapi's idf,
log((N - n + 0.5) / (n + 0.5)), is zero or negative for any term in half the passages
or more ("north", "korea", "summit", "trump" here), and rank-bm25 then floors it to a
small epsilon, so those words stop counting at all. BM25Plus uses log((N + 1) / n),
positive for every term, and its delta rewards a passage for containing a term at all.
The README gives the figures.

rank-bm25 computes a score for every passage and every query term in Python; here the
same sum runs over the postings of the query terms only (the delta part, which every
passage gets, is added as one constant), so the cost follows the query, not the corpus.
``reference_scores`` runs rank-bm25 itself on the stored tokens: the parity tests hold
both to 1e-6.

:class:`IndexSearcher` is the :class:`~qabot.search.searcher.Searcher` the question
path uses: this scorer plus the vocabulary and passages of one loaded index, a thin
layer that a segmented index or a remote backend replaces.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from ..cues import CUE_TYPES
from ..index import BM25, Index
from ..passages import Passage
from .searcher import Hit, Ids, Scores

#: Postings whose saturation values a scorer keeps (8 bytes each: 32 MB at most).
SATURATION_CACHE = 4_000_000


class BM25Scorer:
    """BM25Plus over postings; the same numbers as ``rank_bm25.BM25Plus``.

    An index of several segments gives each term's postings in pieces (one per segment,
    in global passage numbers); N, df and the average length are the index's global
    ones, so a passage's score does not depend on which segment holds it.
    """

    def __init__(self, index: Index) -> None:
        self.ix = index
        self.k1 = float(BM25["k1"])
        self.b = float(BM25["b"])
        self.delta = float(BM25["delta"])
        self.n = index.n_passages
        self._sat: dict[int, list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Scores]]] = {}
        self._sat_size = 0

    def idf(self, term_id: int) -> float:
        return math.log((self.n + 1) / float(self.ix.df[term_id]))

    def postings(self, term_id: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Passage numbers (ascending) and term frequencies of a term across the index."""
        pieces = self._saturation(term_id)
        if len(pieces) == 1:
            return pieces[0][0], pieces[0][1]
        if not pieces:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        pids = np.concatenate([p[0] for p in pieces])
        tf = np.concatenate([p[1] for p in pieces])
        order = np.argsort(pids, kind="stable")
        return pids[order], tf[order]

    def _saturation(self, term_id: int) -> list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Scores]]:
        """Per segment piece: postings of a term and tf·(k1+1)/(tf + k1·norm) in each, the
        query-independent part, memoised (feedback and later questions reuse it)."""
        hit = self._sat.get(term_id)
        if hit is None:
            hit = []
            avgdl = self.ix.avgdl or 1.0
            for piece in self.ix.pieces(term_id):
                tf64 = piece.tf.astype(np.float64)
                norm = self.k1 * (1.0 - self.b + self.b * piece.dl.astype(np.float64) / avgdl)
                hit.append((piece.pids, piece.tf, (tf64 * (self.k1 + 1.0)) / (norm + tf64)))
                self._sat_size += len(piece.pids)
            if self._sat_size > SATURATION_CACHE:
                self._sat.clear()
                self._sat_size = sum(len(p[0]) for p in hit)
            self._sat[term_id] = hit
        return hit

    def term_score(self, term_id: int, i: int) -> tuple[int, float, float]:
        """(tf, idf, BM25Plus score) of one term in passage ``i``, delta part included."""
        idf = self.idf(term_id)
        for pids, tf, sat in self._saturation(term_id):
            j = int(np.searchsorted(pids, i))
            if j < len(pids) and int(pids[j]) == i:
                return int(tf[j]), idf, idf * (self.delta + float(sat[j]))
        return 0, idf, idf * self.delta

    def scores(self, weights: Mapping[str, float]) -> tuple[Scores, float]:
        """Weighted BM25Plus scores of every passage and the constant every passage got.

        With all weights 1 (a term repeated in the query counts once per repeat) this is
        ``rank_bm25.BM25Plus.get_scores`` exactly.
        """
        acc = np.zeros(self.n, dtype=np.float64)
        const = 0.0
        for term, w in weights.items():
            t = self.ix.vocab.get(term)
            if t is None:
                continue
            idf = self.idf(t)
            for pids, _tf, sat in self._saturation(t):
                acc[pids] += (w * idf) * sat
            const += w * idf * self.delta
        return acc, const

    def holds_many(self, terms: Sequence[str], ids: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """``out[r, c]``: whether passage ``ids[r]`` holds ``terms[c]`` (one vectorised search
        per term and segment; a term outside the vocabulary is held nowhere)."""
        out = np.zeros((len(ids), len(terms)), dtype=bool)
        for c, term in enumerate(terms):
            t = self.ix.vocab.get(term)
            if t is None:
                continue
            for pids, _tf, _sat in self._saturation(t):
                j = np.minimum(pids.searchsorted(ids), len(pids) - 1)
                out[:, c] |= pids[j] == ids
        return out

    @staticmethod
    def first_stage(acc: Scores, n: int) -> npt.NDArray[np.int64]:
        """The ``n`` best passages scoring above zero, best first, ties in passage order.

        Exactly ``c[np.argsort(-acc[c], kind="stable")][:n]`` for ``c`` the passages with
        ``acc > 0``, but only the passages at or above the n-th best score are sorted.
        The candidates come from a boolean mask (``flatnonzero`` on the float array
        itself is several times slower), and the partition runs over them alone (over
        the whole array, the mass of tied zeros makes it slow too).
        """
        if n <= 0:
            return np.zeros(0, dtype=np.int64)
        pos = np.flatnonzero(acc > 0)
        if len(pos) > n:
            sub = acc[pos]
            nth = np.partition(sub, len(sub) - n)[len(sub) - n]
            pos = pos[sub >= nth]
        return pos[np.argsort(-acc[pos], kind="stable")][:n].astype(np.int64)

    def best_of(self, acc: Scores, held_by: Sequence[npt.NDArray[np.int64]], n: int) -> npt.NDArray[np.int64]:
        """:meth:`first_stage` when ``held_by`` (one passage array per query term and
        segment) holds every passage scoring above zero: the same passages in the same
        order, found among those candidates instead of the whole score array.

        A passage is in at most one array per term, so the ``n x terms`` best entries
        (ties kept) cover the ``n`` best passages, ties in passage order included.
        """
        total = sum(len(p) for p in held_by)
        if n <= 0 or not total or total > len(acc) // 4:
            return self.first_stage(acc, n)
        cand = np.concatenate(held_by) if len(held_by) > 1 else held_by[0]
        vals = acc[cand]
        m = n * len(held_by)
        if len(cand) > m:
            nth = np.partition(vals, len(vals) - m)[len(vals) - m]
            cand = cand[vals >= nth]
        cand = np.unique(cand)
        cand = cand[acc[cand] > 0]
        return cand[np.argsort(-acc[cand], kind="stable")][:n].astype(np.int64)

    def top(self, weights: Mapping[str, float], k: int) -> list[Hit]:
        """The k best passages holding a query term, best first (ties: reading order).

        With positive weights (as :func:`query_weights` gives) a passage scores above zero
        exactly when it holds a query term, so this is the first stage of ``scores``.
        """
        acc, const = self.scores(weights)
        held_by = [
            p[0]
            for term in weights
            if (t := self.ix.vocab.get(term)) is not None
            for p in self._saturation(t)
        ]
        best = self.best_of(acc, held_by, k)
        terms = list(weights)
        held = self.holds_many(terms, best)
        return [
            Hit(
                i,
                self.ix.pid(i),
                float(acc[i] + const),
                tuple(t for t, h in zip(terms, row, strict=True) if h),
            )
            for i, row in zip(best.tolist(), held.tolist(), strict=True)
        ]


def query_weights(tokens: Sequence[str]) -> dict[str, float]:
    """Token list to weights: a repeated token counts once per repeat, as in rank-bm25."""
    weights: dict[str, float] = {}
    for t in tokens:
        weights[t] = weights.get(t, 0.0) + 1.0
    return weights


def reference_scores(index: Index, tokens: Sequence[str]) -> Scores:
    """rank-bm25's own BM25Plus scores over the stored tokens (slow; for checks and tests)."""
    from rank_bm25 import BM25Plus

    corpus = [index.tokens_of(i) for i in range(index.n_passages)]
    model = BM25Plus(corpus, k1=BM25["k1"], b=BM25["b"], delta=BM25["delta"])
    result: Scores = np.asarray(model.get_scores(list(tokens)), dtype=np.float64)
    return result


_CUE_COLUMN = {qtype: c for c, qtype in enumerate(CUE_TYPES)}


class IndexSearcher:
    """The :class:`~qabot.search.searcher.Searcher` over one loaded :class:`Index`."""

    def __init__(self, index: Index, scorer: BM25Scorer | None = None) -> None:
        self.ix = index
        self.scorer = scorer or BM25Scorer(index)
        self._vocab = index.vocab
        self._dates: Ids | None = None
        self._briefings: Ids | None = None

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
        vocab = self.ix.vocab_list  # sorted: a term's id is its position
        i = bisect.bisect_left(vocab, prefix)
        out: list[str] = []
        while i < len(vocab) and vocab[i].startswith(prefix) and len(out) < limit:
            out.append(vocab[i])
            i += 1
        return out

    def words(self) -> Mapping[str, str]:
        return self.ix.stems

    def scores(self, weights: Mapping[str, float]) -> tuple[Scores, float]:
        return self.scorer.scores(weights)

    def first_stage(self, acc: Scores, n: int) -> Ids:
        return self.scorer.first_stage(acc, n)

    def holds(self, terms: Sequence[str], ids: Ids) -> npt.NDArray[np.bool_]:
        return self.scorer.holds_many(terms, ids)

    def term_score(self, term: str, i: int) -> tuple[int, float, float]:
        return self.scorer.term_score(self._vocab[term], i)

    def doc_starts(self) -> Ids:
        return np.asarray([d.first for d in self.ix.docs], dtype=np.int64)

    def passage(self, i: int) -> Passage:
        return self.ix.passage(i)

    def dates(self) -> Ids:
        if self._dates is None:
            from ..timespec import iso

            known = [iso(d.date) for d in self.ix.docs]
            days = [k.toordinal() if k is not None else 0 for k in known]  # undated: 0
            self._dates = np.repeat(np.asarray(days, dtype=np.int64), [d.count for d in self.ix.docs])
        return self._dates

    def title(self, i: int) -> str:
        return self.ix.doc_of(i).title

    def briefings(self) -> Ids:
        if self._briefings is None:
            docs = self.ix.docs
            self._briefings = np.repeat(np.arange(len(docs), dtype=np.int64), [d.count for d in docs])
        return self._briefings

    def kind(self, i: int) -> str:
        return self.ix.kind(i)

    def cue_count(self, i: int, qtype: str) -> int:
        return self.ix.cue_count(i, _CUE_COLUMN[qtype])

    def tokens(self, i: int) -> list[str]:
        return self.ix.tokens_of(i)

    def token_ids(self, i: int) -> npt.NDArray[np.integer]:
        ids: npt.NDArray[np.integer] = self.ix.token_ids(i)
        return ids

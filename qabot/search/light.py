"""BM25Plus over a :class:`~qabot.index.light.LightIndex` in pure Python: a one-shot ask
over a small index answers without importing numpy.

The scores are :class:`~qabot.search.bm25.BM25Scorer`'s bit for bit, not merely close:
the same float64 operations in the same order (each term's saturation
``tf·(k1+1) / (k1·(1 - b + b·dl/avgdl) + tf)``, its weight times idf times that,
summed per passage term by term in the query's order, then the parts of a query added
in order), and the same selection (the n best above zero, ties in passage order), so
the question path ranks, re-ranks and answers exactly as it does over numpy (tests
compare both, and rank-bm25, on the shipped corpus and random small ones). There is no
pruning: every posting of a query's terms is summed, which a small index makes cheap.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence

from ..index import BM25
from ..index.light import LightIndex
from .local import LocalSearcher
from .searcher import Passages, Window, ints


class LightScorer:
    """BM25Plus over a light index's postings; the numbers of ``BM25Scorer``."""

    def __init__(self, index: LightIndex) -> None:
        self.ix = index
        self.k1 = float(BM25["k1"])
        self.b = float(BM25["b"])
        self.delta = float(BM25["delta"])
        self.n = index.n_passages
        self._idf: dict[int, float] = {}
        self._sat: dict[int, list[tuple[list[int], list[int], list[float]]]] = {}
        self._held: dict[int, set[int]] = {}

    def idf(self, term_id: int) -> float:
        idf = self._idf.get(term_id)
        if idf is None:
            idf = self._idf[term_id] = math.log((self.n + 1) / float(self.ix.df[term_id]))
        return idf

    def saturation(self, term_id: int) -> list[tuple[list[int], list[int], list[float]]]:
        """Per segment piece: the term's passages, term frequencies and saturations (the
        query-independent part), memoised."""
        hit = self._sat.get(term_id)
        if hit is None:
            k1, b = self.k1, self.b
            avgdl = self.ix.avgdl or 1.0
            hit = []
            for pids, tf, dl in self.ix.pieces(term_id):
                # as BM25Scorer: k1 * ((1 - b) + b * dl / avgdl), then tf * (k1 + 1) / (norm + tf)
                sat = [
                    (x * (k1 + 1.0)) / (k1 * (1.0 - b + b * d / avgdl) + x)
                    for x, d in zip(tf, dl, strict=True)
                ]
                hit.append((pids, tf, sat))
            self._sat[term_id] = hit
        return hit

    def sums(self, weights: Mapping[str, float]) -> dict[int, float]:
        """Each passage holding a term of ``weights``: its weighted BM25Plus sum, term by
        term in the order of ``weights`` (the constant part left out)."""
        acc: dict[int, float] = {}
        get = acc.get
        for word, w in weights.items():
            t = self.ix.vocab.get(word)
            if t is None:
                continue
            c = w * self.idf(t)
            for pids, _tf, sat in self.saturation(t):
                for p, s in zip(pids, sat, strict=True):
                    acc[p] = get(p, 0.0) + c * s
        return acc

    def best(
        self, parts: Sequence[Mapping[str, float]], n: int, allow: Window | None = None
    ) -> tuple[list[int], list[float]]:
        """The ``n`` best passages above zero and their scores, as ``BM25Scorer.best``."""
        if n <= 0:
            return [], []
        per_part = [self.sums(weights) for weights in parts]
        seen: dict[int, None] = {}
        for acc in per_part:
            seen.update(dict.fromkeys(acc))
        ranked = []
        for p in seen:
            total = per_part[0].get(p, 0.0)
            for acc in per_part[1:]:
                total = total + acc.get(p, 0.0)
            if total > 0 and (allow is None or allow[p]):
                ranked.append((-total, p))
        ranked.sort()
        top = ranked[:n]
        return [p for _, p in top], [-v for v, _ in top]

    def held(self, term_id: int) -> set[int]:
        s = self._held.get(term_id)
        if s is None:
            s = self._held[term_id] = {p for pids, _, _ in self.saturation(term_id) for p in pids}
        return s

    def holds_many(self, terms: Sequence[str], ids: Sequence[int]) -> list[list[bool]]:
        """``out[r][c]``: whether passage ``ids[r]`` holds ``terms[c]``."""
        vocab = self.ix.vocab
        sets = [self.held(t) if (t := vocab.get(term)) is not None else set() for term in terms]
        return [[i in s for s in sets] for i in ids]

    def holds_within(self, terms: Sequence[str], lo: Sequence[int], hi: Sequence[int]) -> list[list[bool]]:
        """``out[r][c]``: whether a passage of ``lo[r]:hi[r]`` holds ``terms[c]`` (some
        posting falls in the run: two binary searches per run and piece)."""
        vocab = self.ix.vocab
        out = [[False] * len(terms) for _ in lo]
        for c, term in enumerate(terms):
            t = vocab.get(term)
            if t is None:
                continue
            for pids, _, _ in self.saturation(t):
                for r, (a, b) in enumerate(zip(lo, hi, strict=True)):
                    if not out[r][c] and bisect.bisect_left(pids, b) > bisect.bisect_left(pids, a):
                        out[r][c] = True
        return out

    def term_score(self, term_id: int, i: int) -> tuple[int, float, float]:
        """(tf, idf, BM25Plus score) of one term in passage ``i``, delta part included."""
        idf = self.idf(term_id)
        for pids, tf, sat in self.saturation(term_id):
            j = bisect.bisect_left(pids, i)
            if j < len(pids) and pids[j] == i:
                return tf[j], idf, idf * (self.delta + sat[j])
        return 0, idf, idf * self.delta


class LightSearcher(LocalSearcher):
    """The :class:`~qabot.search.searcher.Searcher` over one :class:`LightIndex` (lists
    where :class:`~qabot.search.bm25.IndexSearcher` gives numpy arrays)."""

    ix: LightIndex
    scorer: LightScorer

    def __init__(self, index: LightIndex) -> None:
        super().__init__(index)
        self.scorer = LightScorer(index)
        self._dates: list[int] | None = None
        self._briefings: list[int] | None = None

    def best(
        self, parts: Sequence[Mapping[str, float]], n: int, allow: Window | None = None
    ) -> tuple[list[int], list[float]]:
        return self.scorer.best(parts, n, allow)

    def holds(self, terms: Sequence[str], ids: Passages) -> list[list[bool]]:
        return self.scorer.holds_many(terms, ints(ids))

    def holds_in(self, terms: Sequence[str], lo: Passages, hi: Passages) -> list[list[bool]]:
        return self.scorer.holds_within(terms, ints(lo), ints(hi))

    def doc_starts(self) -> list[int]:
        return [d.first for d in self.ix.docs]

    def dates(self) -> list[int]:
        if self._dates is None:
            from ..timespec import iso

            out: list[int] = []
            for d in self.ix.docs:
                k = iso(d.date)
                out.extend([k.toordinal() if k is not None else 0] * d.count)  # undated: 0
            self._dates = out
        return self._dates

    def briefings(self) -> list[int]:
        if self._briefings is None:
            self._briefings = [b for b, d in enumerate(self.ix.docs) for _ in range(d.count)]
        return self._briefings

    def token_ids(self, i: int) -> list[int]:
        return self.ix.token_ids(i)

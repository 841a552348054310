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

import itertools
import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from ..index import BM25, Index
from .local import CUE_COLUMN, LocalSearcher
from .searcher import Hit, Ids, Passages, Scores, Window

#: Postings a scorer keeps decoded with their saturation values (passage number and
#: saturation: 16 bytes each, 128 MB at most: the terms of twenty varied questions over
#: a million passages, synonyms and feedback terms included, are about 7 million).
SATURATION_CACHE = 8_000_000
#: Above this many postings per passage, distinct passages come from one scan of marks.
SCAN_ABOVE = 1 / 16
#: Score buffers of at most this many passages (2 MB) stay in the core's cache, where
#: zeroing the passages summed costs less than clearing the whole buffer up to this
#: many postings per passage (100k passages: clearing 18 us, zeroing 20k postings 19 us,
#: 6k 8 us); over a million passages, scattered writes miss the cache: ``SCAN_ABOVE``.
SMALL_BUFFER = 1 << 18
CLEAR_SMALL_ABOVE = 1 / 5
#: Below this many postings per passage, the candidates at or above a floor come from
#: the postings of the terms that can reach it, not from a scan of the sums.
GATHER_BELOW = 1 / 2
#: A pruned term is looked up for candidates by binary search when its postings are more
#: than this many times the candidates, else by one pass over its postings against marks
#: (a binary search over a long posting list costs about this many reads of a mark).
SEARCH_COST = 40
#: MaxScore prunes a term only when its postings are at least this share of the query's
#: (one over it) and the pruned terms' bounds stay within this share of the floor: the
#: passages that may still reach the floor, handled one numpy call per step, grow fast
#: with those bounds, and a short list costs little to add in full.
LONG_TERM = 8
PRUNED_SHARE = 0.5
#: Pruning pays when it skips at least this many postings: its bookkeeping is some
#: hundred numpy calls (about 0.3 ms), as much as adding ~70k postings in full over a
#: million passages.
SKIP_AT_LEAST = 100_000
#: MaxScore only over more passages than this: smaller score buffers stay in the core's
#: cache, where adding a posting costs about a nanosecond and the bookkeeping outweighs
#: what it skips (100k passages: its asks' first stages took 1.2x as long with it).
MAXSCORE_ABOVE = SMALL_BUFFER
#: Postings per result wanted that are summed (the terms of highest bound) to find a
#: lower bound for pruning. A share of all the query's postings (an eighth, as before)
#: cost more than it saved: over a million passages the bound rarely pruned more.
SEED_PER_RESULT = 50
#: Up to this many passages, :meth:`BM25Scorer.holds_many` searches the postings for them
#: in the order given: sorting them first costs more than it saves on a handful.
FEW_KEYS = 32


def _ascending(keys: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(an order that sorts ``keys``, the keys in it): numpy's binary search starts each
    key where the last one ended when keys ascend, so a batch of lookups in postings
    costs about a third less sorted (sorting once serves every term)."""
    order: npt.NDArray[np.int64] = np.argsort(keys, kind="stable")
    return order, keys[order]


def _sum_at(bufs: list[Scores], at: npt.NDArray[np.int64]) -> Scores:
    """The sums over ``bufs`` at the passages ``at``, the buffers added in order (the
    order every total is made in, so the floats agree bit for bit)."""
    total = bufs[0][at]
    for other in bufs[1:]:
        total = total + other[at]
    return total


class _Kept(NamedTuple):
    """What a score buffer holds after a query: the first part's sums over its first
    terms ``summed`` (positions in it; its weights ``first``), and the postings they went to."""

    first: tuple[tuple[str, float], ...]
    summed: frozenset[int]
    arrays: list[npt.NDArray[np.int64]]


class _Term(NamedTuple):
    """One query term as :meth:`BM25Scorer.best` sees it (a named tuple: made several
    times a query, five times cheaper than a frozen dataclass)."""

    part: int  # which part of the query it belongs to
    coef: float  # weight x idf
    pieces: list[tuple[npt.NDArray[np.int64], Scores]]  # per segment: passages, saturations
    bound: float  # the most it adds to any passage's score
    size: int  # its postings


class _Scratch:
    """Arrays over all passages that :meth:`BM25Scorer.best` borrows: a score buffer and
    a mark per passage, both left at zero after each use, and an owner per passage,
    never read where it was not just written.

    One exception: the first part's buffer may keep the complete sums of the last query's
    first part (``kept``: its weights and where the sums went), so that the same
    question with feedback terms added (a second part) does not sum its terms again;
    :meth:`release` zeroes it, as any query with another first part does first."""

    def __init__(self, n: int) -> None:
        self.bufs: list[Scores] = []
        self.mark = np.zeros(n, dtype=bool)
        self.owner = np.empty(n, dtype=np.int64)
        self._seed: Scores | None = None
        self._wide: Scores | None = None
        self._flags: npt.NDArray[np.bool_] | None = None
        self.kept: _Kept | None = None

    def release(self) -> None:
        """The first part's buffer back at zero (the sums it kept, forgotten)."""
        if self.kept is not None:
            arrays = self.kept.arrays
            self.kept = None
            self.clear(self.bufs[:1], None, [(0, p) for p in arrays])

    def seed(self) -> Scores:
        """The buffer for the sums that find a bound (apart from the parts' buffers)."""
        if self._seed is None:
            self._seed = np.zeros(len(self.mark), dtype=np.float64)
        return self._seed

    def buffer(self, k: int) -> Scores:
        """Score buffer ``k`` (one per part of a query), all zeros."""
        while len(self.bufs) <= k:
            self.bufs.append(np.zeros(len(self.mark), dtype=np.float64))
        return self.bufs[k]

    def clear(
        self,
        bufs: list[Scores],
        cand: npt.NDArray[np.int64] | None,
        spread: list[tuple[int, npt.NDArray[np.int64]]],
        skip_first: bool = False,
    ) -> None:
        """Zero the buffers where ``cand`` and ``spread`` (buffer, passages) say sums went:
        by index when they are few, by clearing whole buffers when many (far faster).
        ``skip_first``: ``bufs[0]`` is left as it is."""
        todo = bufs[1:] if skip_first else bufs
        many = (0 if cand is None else len(cand)) + sum(len(p) for _, p in spread)
        n = len(self.mark)
        if many > (CLEAR_SMALL_ABOVE if n <= SMALL_BUFFER else SCAN_ABOVE) * n:
            for buf in todo:
                buf.fill(0.0)
            return
        for k, pids in spread:
            if k > 0 or not skip_first:
                bufs[k][pids] = 0.0
        if cand is not None:
            for buf in todo:
                buf[cand] = 0.0

    def above(self, bufs: list[Scores], low: float) -> npt.NDArray[np.int64]:
        """The passages (ascending) whose sums over ``bufs``, added in order, are at
        least ``low``: one scan into work arrays kept for the next query (a fresh 8 MB
        array per query over a million passages costs its page faults, about a
        millisecond)."""
        n = len(self.mark)
        if self._flags is None:
            self._flags = np.empty(n, dtype=bool)
        if len(bufs) == 1:
            np.greater_equal(bufs[0], low, out=self._flags)
        else:
            if self._wide is None:
                self._wide = np.empty(n, dtype=np.float64)
            np.add(bufs[0], bufs[1], out=self._wide)
            for more in bufs[2:]:
                np.add(self._wide, more, out=self._wide)
            np.greater_equal(self._wide, low, out=self._flags)
        out: npt.NDArray[np.int64] = np.flatnonzero(self._flags)
        return out

    def touched(self, bufs: list[Scores], arrays: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
        """The passages some buffer holds a positive sum for (the passages of ``arrays``):
        one scan of the buffers when the postings are many, else as :meth:`distinct`."""
        if sum(len(a) for a in arrays) <= SCAN_ABOVE * len(self.mark):
            return self.distinct(arrays)
        held = bufs[0] > 0
        for more in bufs[1:]:
            held |= more > 0
        out: npt.NDArray[np.int64] = np.flatnonzero(held)
        return out

    def distinct(self, arrays: list[npt.NDArray[np.int64]]) -> npt.NDArray[np.int64]:
        """The passages of ``arrays``, each once. Many postings: marks, then one scan
        (ascending); few: every position writes its number at its passage in ``owner``
        and the one that won keeps it (no sort, no scan of every passage)."""
        if not arrays:
            return np.zeros(0, dtype=np.int64)
        total = sum(len(a) for a in arrays)
        out: npt.NDArray[np.int64]
        if total > SCAN_ABOVE * len(self.mark):
            for a in arrays:
                self.mark[a] = True
            out = np.flatnonzero(self.mark)
            self.mark[out] = False
            return out
        allp = np.concatenate(arrays) if len(arrays) > 1 else arrays[0]
        at = np.arange(len(allp), dtype=np.int64)
        self.owner[allp] = at
        out = allp[self.owner[allp] == at]
        return out


class BM25Scorer:
    """BM25Plus over postings; the same numbers as ``rank_bm25.BM25Plus``.

    An index of several segments gives each term's postings in pieces (one per segment,
    in global passage numbers; joined into one when the segments follow corpus order);
    N, df and the average length are the index's global ones, so a passage's score does
    not depend on which segment holds it.
    """

    def __init__(self, index: Index) -> None:
        self.ix = index
        self.k1 = float(BM25["k1"])
        self.b = float(BM25["b"])
        self.delta = float(BM25["delta"])
        self.n = index.n_passages
        self._sat: dict[int, list[tuple[npt.NDArray[np.int64], Scores]]] = {}
        self._sat_size = 0
        self._norms: dict[int, Scores] = {}  # segment -> k1 * (1 - b + b * dl / avgdl) per passage
        self._scratch_arrays: _Scratch | None = None
        self._max: dict[int, float] = {}
        self._nth: dict[tuple[int, int], float] = {}
        self._idf: dict[int, float] = {}

    def idf(self, term_id: int) -> float:
        idf = self._idf.get(term_id)
        if idf is None:
            idf = self._idf[term_id] = math.log((self.n + 1) / float(self.ix.df[term_id]))
        return idf

    def postings(self, term_id: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Passage numbers (ascending) and term frequencies of a term across the index
        (decoded each time: the scorer's cache holds saturations, not frequencies)."""
        pieces = self.ix.segment_postings(term_id)
        if len(pieces) == 1:
            return pieces[0][2], pieces[0][3]
        if not pieces:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        pids = np.concatenate([p[2] for p in pieces])
        tf = np.concatenate([p[3] for p in pieces])
        order = np.argsort(pids, kind="stable")
        return pids[order], tf[order]

    def _norm(self, k: int) -> Scores:
        """Segment ``k``'s length norms, k1·(1 - b + b·dl/avgdl) per local passage: index
        work done once, not per posting of every term decoded."""
        norm = self._norms.get(k)
        if norm is None:
            avgdl = self.ix.avgdl or 1.0
            dl = self.ix.segments[k].doc_len.astype(np.float64)
            norm = self._norms[k] = self.k1 * (1.0 - self.b + self.b * dl / avgdl)
        return norm

    def _saturation(self, term_id: int) -> list[tuple[npt.NDArray[np.int64], Scores]]:
        """Per segment piece: postings of a term and tf·(k1+1)/(tf + k1·norm) in each, the
        query-independent part, memoised (feedback and later questions reuse it)."""
        hit = self._sat.pop(term_id, None)
        if hit is None:
            hit = []
            for k, local, pids, tf in self.ix.segment_postings(term_id):
                tf64 = tf.astype(np.float64)
                hit.append((pids, (tf64 * (self.k1 + 1.0)) / (self._norm(k).take(local) + tf64)))
                self._sat_size += len(pids)
            if len(hit) > 1 and all(int(a[0][-1]) < int(b[0][0]) for a, b in itertools.pairwise(hit)):
                # segments in corpus order: one piece, so each use is one numpy call, not one per segment
                hit = [(np.concatenate([p for p, _ in hit]), np.concatenate([v for _, v in hit]))]
            # least recently used first out: a question's own terms stay while it runs
            while self._sat_size > SATURATION_CACHE and self._sat:
                old = self._sat.pop(next(iter(self._sat)))
                self._sat_size -= sum(len(p[0]) for p in old)
        self._sat[term_id] = hit  # the most recent last
        return hit

    def term_score(self, term_id: int, i: int) -> tuple[int, float, float]:
        """(tf, idf, BM25Plus score) of one term in passage ``i``, delta part included."""
        idf = self.idf(term_id)
        for pids, sat in self._saturation(term_id):
            j = int(np.searchsorted(pids, i))
            if j < len(pids) and int(pids[j]) == i:
                every, tf = self.postings(term_id)  # frequencies are not cached: decoded for this
                return int(tf[int(np.searchsorted(every, i))]), idf, idf * (self.delta + float(sat[j]))
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
            for pids, sat in self._saturation(t):
                np.add.at(acc, pids, (w * idf) * sat)  # pids unique: as acc[pids] += ..., faster
            const += w * idf * self.delta
        return acc, const

    def holds_many(self, terms: Sequence[str], ids: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """``out[r, c]``: whether passage ``ids[r]`` holds ``terms[c]`` (one vectorised search
        per term and segment; a term outside the vocabulary is held nowhere)."""
        out = np.zeros((len(ids), len(terms)), dtype=bool)
        few = len(ids) <= FEW_KEYS  # a handful of keys: searched as they come, no sort
        order, keys = (None, ids) if few else _ascending(ids)
        at = np.empty(len(ids), dtype=np.int64)
        vocab = self.ix.vocab
        for c, term in enumerate(terms):
            t = vocab.get(term)
            if t is None:
                continue
            pieces = self._saturation(t)
            if few and len(pieces) == 1:
                pids = pieces[0][0]
                out[:, c] = pids.take(pids.searchsorted(ids), mode="clip") == ids
                continue
            col = out[:, c]
            for pids, _sat in pieces:
                if order is None:
                    at[:] = pids.searchsorted(keys)
                else:
                    at[order] = pids.searchsorted(keys)
                col |= pids.take(at, mode="clip") == ids
        return out

    def holds_within(
        self, terms: Sequence[str], lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64]
    ) -> npt.NDArray[np.bool_]:
        """``out[r, c]``: whether a passage of ``lo[r]:hi[r]`` holds ``terms[c]``: some
        posting falls in the run (two binary searches per run, whatever its length)."""
        n = len(lo)
        out = np.zeros((n, len(terms)), dtype=bool)
        order, keys = _ascending(np.concatenate([lo, hi]))  # both ends: one search
        at = np.empty(2 * n, dtype=np.int64)
        for c, term in enumerate(terms):
            t = self.ix.vocab.get(term)
            if t is None:
                continue
            col = out[:, c]
            for pids, _sat in self._saturation(t):
                at[order] = pids.searchsorted(keys)
                col |= at[n:] > at[:n]
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

    def _scratch(self) -> _Scratch:
        if self._scratch_arrays is None:
            self._scratch_arrays = _Scratch(self.n)
        return self._scratch_arrays

    def best(
        self, parts: Sequence[Mapping[str, float]], n: int, allow: npt.NDArray[np.bool_] | None = None
    ) -> tuple[npt.NDArray[np.int64], Scores]:
        """The ``n`` best passages scoring above zero and their scores (constant part left
        out), best first, ties in passage order; a passage's score is each part's weighted
        BM25Plus summed term by term, the parts then added in order.

        Exactly what :meth:`first_stage` gives over ``scores(parts[0])[0] +
        scores(parts[1])[0] + ...``, bit for bit (the same additions in the same order),
        without an array over every passage: sums go into a buffer that is zero again
        afterwards, and the candidates come from the postings, not from a scan. With
        MaxScore pruning (as Lucene and tantivy do): a lower bound on the n-th best score
        comes from the terms of highest possible contribution; the terms whose bounds
        together stay below it cannot lift a passage holding only them into the n best,
        so only the other terms' postings make candidates, and a pruned term with a long
        posting list is looked up for the candidates alone; when every term is added in
        full, the candidates are the passages at or above that bound (one scan of the
        sums, far fewer passages out than reached). ``allow`` (a mask over the
        passages): the others score zero, as ``np.where(allow, acc, 0)`` (no pruning then:
        the bounds hold for all passages, not for those it lets through).
        """
        empty = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        if n <= 0:
            return empty
        if any(w <= 0 for weights in parts for w in weights.values()):  # no bounds: score all
            acc = self.scores(parts[0])[0]
            for more in parts[1:]:
                acc += self.scores(more)[0]
            if allow is not None:
                acc = np.where(allow, acc, 0.0)
            ids = self.first_stage(acc, n)
            return ids, acc[ids]
        terms: list[_Term] = []
        term_ids: list[int] = []
        for k, weights in enumerate(parts):
            for word, w in weights.items():
                t = self.ix.vocab.get(word)
                if t is not None:
                    c = w * self.idf(t)
                    pieces = self._saturation(t)
                    terms.append(_Term(k, c, pieces, c * self._max_sat(t), sum(len(p) for p, _ in pieces)))
                    term_ids.append(t)
        if not terms:
            return empty
        scratch = self._scratch()
        first = tuple(parts[0].items())
        # the first part's sums still in its buffer from the last query (the same
        # question before its feedback terms): the same additions, not made again
        kept = scratch.kept if scratch.kept is not None and scratch.kept.first == first else None
        if kept is None:
            scratch.release()
        floor = self._pruned(terms, term_ids, n, scratch)[0] if allow is None else 0.0
        summed = kept.summed if kept is not None else frozenset()
        # the first part's terms the kept sums lack (skipped last time): skipped again
        # while their bounds stay below the floor, else every sum made afresh
        missing = {t for t, term in enumerate(terms) if term.part == 0 and t not in summed} if kept else set()
        if missing and (allow is not None or sum(terms[t].bound * (1 + 1e-9) for t in missing) >= floor):
            scratch.release()
            kept, summed, missing = None, frozenset(), set()
        others = {t for t in range(len(terms)) if t not in summed and t not in missing}
        skip = missing | self._skipped(terms, others, floor, missing)
        # MaxScore (over buffers too large for the cache) when it skips enough, or the sums
        # are of several parts (one buffer for them all, where the dense sums need one
        # per part), or lack some terms
        wide = self.n > MAXSCORE_ABOVE
        if missing or (
            allow is None and wide and (len(parts) > 1 or sum(terms[t].size for t in skip) >= SKIP_AT_LEAST)
        ):
            cand, total = self._maxscore(terms, n, floor, skip, scratch, kept, first)
        else:
            cand, total = self._dense(terms, len(parts), n, floor, scratch, kept, first, allow)
        keep = total > 0
        if allow is not None:
            keep &= allow[cand]
        cand, total = cand[keep], total[keep]
        if len(cand) > n:
            nth = np.partition(total, len(total) - n)[len(total) - n]
            keep = total >= nth
            cand, total = cand[keep], total[keep]
        order = np.lexsort((cand, -total))[:n]
        return cand[order], total[order]

    def _dense(
        self,
        terms: list[_Term],
        n_parts: int,
        n: int,
        floor: float,
        scratch: _Scratch,
        kept: _Kept | None,
        first: tuple[tuple[str, float], ...],
        allow: npt.NDArray[np.bool_] | None,
    ) -> tuple[npt.NDArray[np.int64], Scores]:
        """Every term added in full, each part in its buffer; the candidates as
        :meth:`_reached` finds them. The first part's sums stay for a second part."""
        n_first = sum(1 for term in terms if term.part == 0)
        if kept is not None and len(kept.summed) < n_first:  # some of its terms were never added
            scratch.release()
            kept = None
        bufs = [scratch.buffer(k) for k in range(n_parts)]
        spread = [(term.part, p) for term in terms for p, _ in term.pieces]
        first_arrays = [p for term in terms if term.part == 0 for p, _ in term.pieces]
        try:
            for term in terms:  # each part summed term by term, in its order
                if kept is not None and term.part == 0:
                    continue
                buf = bufs[term.part]
                for pids, sat in term.pieces:
                    np.add.at(buf, pids, term.coef * sat)
            cand, total = self._reached(terms, bufs, spread, floor, n, scratch, allow)
        except BaseException:  # the buffers back at zero, wherever the sums went
            scratch.kept = None
            scratch.clear(bufs, None, spread)
            raise
        # the other buffers back at zero; the first part's kept, complete
        scratch.clear(bufs, None, [(k, p) for k, p in spread if k > 0], skip_first=True)
        scratch.kept = _Kept(first, frozenset(range(n_first)), first_arrays)
        return cand, total

    def _maxscore(
        self,
        terms: list[_Term],
        n: int,
        floor: float,
        pruned: set[int],
        scratch: _Scratch,
        kept: _Kept | None,
        first: tuple[tuple[str, float], ...],
    ) -> tuple[npt.NDArray[np.int64], Scores]:
        """MaxScore: the candidates and their exact totals without adding every term's
        postings in full.

        The terms not ``pruned`` are added in full into the first part's buffer (those
        it kept from the last query are not added again). These sums only pick
        candidates, so which terms they hold matters, not their order or part:
        :meth:`_survivors` sums the totals again in each part's order. One buffer, not
        one per part: over a million passages a gather from each buffer misses the
        cache at every posting. The buffer is kept for a next query only while it holds
        first-part sums alone."""
        n_first = sum(1 for term in terms if term.part == 0)
        done = set(kept.summed) if kept is not None else set()  # already in the buffer
        buf = scratch.buffer(0)
        arrays = list(kept.arrays) if kept is not None else []  # where the sums went
        top = max(range(len(terms)), key=lambda t: terms[t].bound)
        try:
            for t, term in enumerate(terms):
                if t not in done and t not in pruned:
                    for pids, sat in term.pieces:
                        np.add.at(buf, pids, term.coef * sat)
                        arrays.append(pids)
                    done.add(t)
            cand, total = self._survivors(terms, list(pruned - done), top, [buf], floor, n, scratch)
        except BaseException:  # the buffer back at zero, wherever the sums went
            scratch.kept = None
            scratch.clear([buf], None, [(0, p) for p in arrays])
            raise
        if any(t >= n_first for t in done):  # later parts' sums in it too: cleared
            scratch.kept = None
            scratch.clear([buf], None, [(0, p) for p in arrays])
        else:  # the first part's terms in it, by position (they come first in ``terms``)
            scratch.kept = _Kept(first, frozenset(done), arrays)
        return cand, total

    @staticmethod
    def _skipped(terms: list[_Term], pruned: set[int], floor: float, taken: set[int]) -> set[int]:
        """The terms of ``pruned`` worth not adding in full: the longest lists (at least
        one ``LONG_TERM``-th of the query's postings), while their bounds and those of
        the terms ``taken`` already stay within ``PRUNED_SHARE`` of the floor (any terms
        whose bounds sum below it may be skipped: a passage holding only those cannot
        reach the n best)."""
        everything = sum(term.size for term in terms)
        skip: set[int] = set()
        room = floor * PRUNED_SHARE - sum(terms[t].bound * (1 + 1e-9) for t in taken)
        for t in sorted(pruned, key=lambda t: -terms[t].size):
            reach = terms[t].bound * (1 + 1e-9)
            if terms[t].size * LONG_TERM >= everything and reach <= room:
                skip.add(t)
                room -= reach
        return skip

    @staticmethod
    def _sums_at(term: _Term, bufs: list[Scores]) -> tuple[npt.NDArray[np.int64], Scores]:
        """The passages of ``term`` and their sums so far over ``bufs``."""
        pieces = [p for p, _ in term.pieces]
        pids = np.concatenate(pieces) if len(pieces) != 1 else pieces[0]
        return pids, _sum_at(bufs, pids)

    def _survivors(
        self,
        terms: list[_Term],
        pruned: list[int],
        top: int,
        bufs: list[Scores],
        floor: float,
        n: int,
        scratch: _Scratch,
    ) -> tuple[npt.NDArray[np.int64], Scores]:
        """:meth:`_maxscore`'s candidates (the passages that can still reach the n best)
        and their exact totals, from the sums in ``bufs`` of every term not ``pruned``
        (highest bound first)."""
        at_top = self._sums_at(terms[top], bufs)
        if len(at_top[0]) >= n:  # n passages score at least these sums
            nth = float(np.partition(at_top[1], len(at_top[1]) - n)[len(at_top[1]) - n])
            floor = max(floor, nth * (1 - 1e-9))
        pruned = sorted(pruned, key=lambda t: -terms[t].bound)  # looked up highest bound first
        reach = [terms[t].bound * (1 + 1e-9) for t in pruned]
        rest = sum(reach)  # the most the pruned terms add to any passage
        # the added terms whose bounds together stay below the floor less ``rest`` cannot
        # lift a passage's sum to it: every passage that may reach the floor holds another
        lift = set(range(len(terms))) - set(pruned)
        mass = 0.0
        for t in sorted(lift, key=lambda t: terms[t].bound):
            mass += terms[t].bound * (1 + 1e-9)
            if mass >= floor - rest:
                break
            lift.discard(t)
        cand: npt.NDArray[np.int64]
        if sum(terms[t].size for t in lift) < GATHER_BELOW * len(scratch.mark):
            found = []
            for t in lift:
                pids, sums = at_top if t == top else self._sums_at(terms[t], bufs)
                found.append(pids[sums >= floor - rest])
            cand = np.sort(found[0] if len(found) == 1 else scratch.distinct(found))
        else:
            cand = scratch.above(bufs, floor - rest)
        part = _sum_at(bufs, cand)
        got: dict[int, Scores] = {}
        for at in range(len(pruned) + 1):
            if len(cand) >= n:  # n passages score at least their partial sums
                floor = max(floor, float(np.partition(part, len(part) - n)[len(part) - n]) * (1 - 1e-9))
            keep = part >= floor - sum(reach[at:])
            if not keep.all():
                cand, part = cand[keep], part[keep]
                got = {u: v[keep] for u, v in got.items()}
            if at < len(pruned):
                t = pruned[at]
                got[t] = self._lookup(terms[t], cand, scratch)
                part = part + got[t]
        # the totals again: each part term by term in its order, then the parts in order
        acc = [np.zeros(len(cand), dtype=np.float64) for _ in range(terms[-1].part + 1)]
        for t, term in enumerate(terms):
            add = got[t] if t in got else self._lookup(term, cand, scratch)
            acc[term.part] = acc[term.part] + add
        total = acc[0]
        for more in acc[1:]:
            total = total + more
        return cand, total

    @staticmethod
    def _lookup(term: _Term, cand: npt.NDArray[np.int64], scratch: _Scratch) -> Scores:
        """``term``'s contribution to each passage of ``cand`` (ascending; 0 where it is
        absent, as the dense sums add nothing there): binary searches of the shorter of
        the two lists in the other, or, both long, one pass over the postings against
        marks."""
        out = np.zeros(len(cand), dtype=np.float64)
        if not len(cand):
            return out
        for pids, sat in term.pieces:
            if len(pids) > SEARCH_COST * len(cand):  # the candidates found in the postings
                j = pids.searchsorted(cand)
                np.minimum(j, len(pids) - 1, out=j)
                hit = pids[j] == cand
                out[hit] += term.coef * sat[j[hit]]
            elif len(cand) > SEARCH_COST * len(pids):  # the postings found among the candidates
                j = cand.searchsorted(pids)
                np.minimum(j, len(cand) - 1, out=j)
                hit = cand[j] == pids
                out[j[hit]] += term.coef * sat[hit]
            elif len(pids):
                scratch.owner[cand] = np.arange(len(cand), dtype=np.int64)
                scratch.mark[cand] = True
                try:
                    held = scratch.mark[pids]
                    out[scratch.owner[pids[held]]] += term.coef * sat[held]
                finally:
                    scratch.mark[cand] = False
        return out

    @staticmethod
    def _reached(
        terms: list[_Term],
        bufs: list[Scores],
        spread: list[tuple[int, npt.NDArray[np.int64]]],
        floor: float,
        n: int,
        scratch: _Scratch,
        allow: npt.NDArray[np.bool_] | None = None,
    ) -> tuple[npt.NDArray[np.int64], Scores]:
        """The candidates and their totals when every term was added in full: the
        passages at or above a floor when n or more (allowed ones) are, else every
        passage the sums reached.

        The floor is the better of ``floor`` (a lower bound on the n-th best total) and
        the n-th best total among the passages of the term of highest bound, when they
        are a small share of the postings (exact totals of distinct passages: at least
        n reach it). The passages at or above it
        come from the postings of the terms that could lift a passage that high (the
        others' bounds sum below it) when those are fewer than the passages, else from
        one scan of the sums; either way the n best are among them, ties too."""
        total: Scores
        n_all = len(scratch.mark)
        top = max((term for term in terms if term.size >= n), key=lambda term: term.bound, default=None)
        # worth a look when its postings are a small share of the query's (one term alone:
        # ``floor`` is its own n-th best already)
        if top is not None and top.size * 4 <= sum(term.size for term in terms):
            pids = np.concatenate([p for p, _ in top.pieces]) if len(top.pieces) > 1 else top.pieces[0][0]
            if allow is not None:
                pids = pids[allow[pids]]
            if len(pids) >= n:
                sums = _sum_at(bufs, pids)  # the same additions as over the candidates
                floor = max(floor, float(np.partition(sums, len(sums) - n)[len(sums) - n]))
        if floor > 0:
            # the terms whose bounds together stay below the floor cannot lift a passage
            # to it: every passage at or above it holds one of the others
            by_bound = sorted(range(len(terms)), key=lambda k: terms[k].bound)
            mass, cut = 0.0, 0
            while cut < len(by_bound) and mass + terms[by_bound[cut]].bound * (1 + 1e-9) < floor * (1 - 1e-9):
                mass += terms[by_bound[cut]].bound * (1 + 1e-9)
                cut += 1
            lifting = [terms[k] for k in by_bound[cut:]]
            if sum(term.size for term in lifting) < GATHER_BELOW * n_all:
                found = []
                for term in lifting:
                    for pids, _ in term.pieces:
                        sums = _sum_at(bufs, pids)
                        found.append(pids[sums >= floor])
                # each passage once, in any order (the n best come out by score, then
                # passage, whatever order the candidates are in): no sort, as np.unique did
                cand = found[0] if len(found) == 1 else scratch.distinct(found)
                total = _sum_at(bufs, cand)
            else:
                rest = sum(term.bound for term in terms if term.part > 0) * (1 + 1e-9)
                low = floor * (1 - 1e-9) - rest  # the first part's sum a passage at the floor has at least
                if low > 0 or len(bufs) == 1:
                    cand = scratch.above(bufs[:1], floor if len(bufs) == 1 else low)
                else:
                    cand = scratch.above(bufs, floor)
                total = _sum_at(bufs, cand)
                if len(bufs) > 1:
                    keep = total >= floor
                    cand, total = cand[keep], total[keep]
            # n or more at or above it: they hold every passage of the n best (ties
            # too) whatever ``floor`` is; fewer: it was no lower bound, so take all
            if (len(cand) if allow is None else int(allow[cand].sum())) >= n:
                return cand, total
        cand = scratch.touched(bufs, [p for _, p in spread])
        total = _sum_at(bufs, cand)
        return cand, total

    def _max_sat(self, t: int) -> float:
        """The largest saturation term ``t`` reaches in any passage (memoised: it depends
        on the index alone)."""
        m = self._max.get(t)
        if m is None:
            m = max((float(p[1].max()) for p in self._saturation(t) if len(p[1])), default=0.0)
            self._max[t] = m
        return m

    def _nth_sat(self, t: int, n: int) -> float:
        """The n-th largest saturation of term ``t`` (0 when fewer passages hold it),
        memoised: it depends on the index alone."""
        key = (t, n)
        m = self._nth.get(key)
        if m is None:
            sat = [p[1] for p in self._saturation(t)]
            allsat = np.concatenate(sat) if len(sat) > 1 else sat[0]
            m = float(np.partition(allsat, len(allsat) - n)[len(allsat) - n]) if len(allsat) >= n else 0.0
            self._nth[key] = m
        return m

    def _pruned(
        self, terms: list[_Term], ids: list[int], n: int, scratch: _Scratch
    ) -> tuple[float, set[int]]:
        """The terms that need not make candidates: those of smallest bound whose bounds
        sum to less than a lower bound on the n-th best score.

        That lower bound is the better of two (a passage's score is at least its score
        over any of its terms): the largest n-th contribution of one term (memoised per
        term), and the n-th best sum over the terms of highest bound, added up for at
        most ``SEED_PER_RESULT`` postings per result wanted."""
        if len(terms) < 2:  # no pruning; the floor: the term's n-th best contribution
            return (terms[0].coef * self._nth_sat(ids[0], n) * (1 - 1e-9) if terms else 0.0), set()
        floor = max(term.coef * self._nth_sat(t, n) for term, t in zip(terms, ids, strict=True))
        by_bound = sorted(range(len(terms)), key=lambda k: -terms[k].bound)
        budget = SEED_PER_RESULT * n
        seeds: list[int] = []
        used = 0
        for k in by_bound:
            if used + terms[k].size > budget:
                break
            seeds.append(k)
            used += terms[k].size
        if len(seeds) > 1:
            arrays = [p for k in seeds for p, _ in terms[k].pieces]
            touched = scratch.distinct(arrays)
            if len(touched) >= n:
                buf = scratch.seed()
                try:
                    for k in seeds:
                        for pids, sat in terms[k].pieces:
                            np.add.at(buf, pids, terms[k].coef * sat)
                    partial = buf[touched]
                finally:
                    buf[touched] = 0.0
                floor = max(floor, float(np.partition(partial, len(partial) - n)[len(partial) - n]))
        floor *= 1 - 1e-9  # float sums in another order may differ in the last bits
        pruned: set[int] = set()
        mass = 0.0
        for k in reversed(by_bound):  # smallest bound first
            mass += terms[k].bound * (1 + 1e-9)
            if mass >= floor:
                break
            pruned.add(k)
        return floor, pruned

    def top(self, weights: Mapping[str, float], k: int) -> list[Hit]:
        """The k best passages holding a query term, best first (ties: reading order).

        With positive weights (as :func:`query_weights` gives) a passage scores above zero
        exactly when it holds a query term, so this is the first stage of ``scores``.
        """
        best, score = self.best([weights], k)
        ids = [(w, t) for term, w in weights.items() if (t := self.ix.vocab.get(term)) is not None]
        const = sum(w * self.idf(t) * self.delta for w, t in ids)
        terms = list(weights)
        held = self.holds_many(terms, best)
        pid = self.ix.pid
        return [
            Hit(i, pid(i), v + const, tuple(itertools.compress(terms, row)))
            for i, v, row in zip(best.tolist(), score.tolist(), held.tolist(), strict=True)
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


class IndexSearcher(LocalSearcher):
    """The :class:`~qabot.search.searcher.Searcher` over one loaded :class:`Index`."""

    ix: Index
    scorer: BM25Scorer

    def __init__(self, index: Index, scorer: BM25Scorer | None = None) -> None:
        super().__init__(index)
        self.scorer = scorer or BM25Scorer(index)
        self._dates: Ids | None = None
        self._starts: Ids | None = None
        self._briefings: Ids | None = None

    def best(
        self, parts: Sequence[Mapping[str, float]], n: int, allow: Window | None = None
    ) -> tuple[Ids, Scores]:
        return self.scorer.best(parts, n, None if allow is None else np.asarray(allow, dtype=bool))

    def holds(self, terms: Sequence[str], ids: Passages) -> npt.NDArray[np.bool_]:
        return self.scorer.holds_many(terms, np.asarray(ids, dtype=np.int64))

    def holds_in(self, terms: Sequence[str], lo: Passages, hi: Passages) -> npt.NDArray[np.bool_]:
        return self.scorer.holds_within(terms, np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64))

    def kinds(self, ids: Passages) -> list[str]:
        return self.ix.kinds(np.asarray(ids, dtype=np.int64))

    def cue_counts(self, ids: Passages, qtype: str) -> list[int]:
        return self.ix.cue_counts(np.asarray(ids, dtype=np.int64), CUE_COLUMN[qtype])

    def doc_starts(self) -> Ids:
        if self._starts is None:
            self._starts = np.asarray([d.first for d in self.ix.docs], dtype=np.int64)
        return self._starts

    def dates(self) -> Ids:
        if self._dates is None:
            from ..timespec import iso

            known = [iso(d.date) for d in self.ix.docs]
            days = [k.toordinal() if k is not None else 0 for k in known]  # undated: 0
            self._dates = np.repeat(np.asarray(days, dtype=np.int64), [d.count for d in self.ix.docs])
        return self._dates

    def briefings(self) -> Ids:
        if self._briefings is None:
            docs = self.ix.docs
            self._briefings = np.repeat(np.arange(len(docs), dtype=np.int64), [d.count for d in docs])
        return self._briefings

    def token_ids(self, i: int) -> npt.NDArray[np.integer]:
        ids: npt.NDArray[np.integer] = self.ix.token_ids(i)
        return ids

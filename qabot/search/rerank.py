"""Re-ranking the first-stage passages: BM25 times a multiplier per passage.

The multiplier rewards covering the question (the share of its idf mass a passage
holds; an alias or synonym covers a word partly, a word the corpus lacks counts
against), the same share over the passage's whole document, the question type's cue
words, and naming the question's entities; photo captions are discounted. It depends
on the question and the passage only, not on feedback terms, so :class:`Features`
computes it once per passage and the pass after feedback scores only the passages it
has not seen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .params import Params
from .query import Query
from .searcher import Ids, Scores, Searcher


@dataclass(frozen=True)
class Scored:
    """A re-ranked passage: its final score, number and coverage of the question (0..1)."""

    score: float
    passage: int
    coverage: float


class Features:
    """The re-ranking features of one question's passages, each computed once."""

    def __init__(self, searcher: Searcher, q: Query, p: Params) -> None:
        self.searcher = searcher
        self.q = q
        self.p = p
        weights = q.weights
        # the question's mass: its own words, absent words, words borrowed from the turn before
        mass = {t: w * searcher.idf(t) for t, w in q.own.items()}
        unseen = p.absent_weight * math.log(searcher.n_passages + 1)  # idf of a word in no passage
        mass.update((word, unseen) for word in q.absent)
        for t in q.borrowed:
            mass[t] = weights[t] * searcher.idf(t)
        self.mass = mass
        self.total = sum(mass.values()) or 1.0
        # the terms a feature looks at: question words, their alternatives, entity names
        wanted = {t for t in mass if searcher.has_term(t)}
        for options in q.alts.values():
            wanted.update(options)
        for names in q.entity_terms:
            wanted.update(names)
        self.terms = sorted(wanted)
        self.known: dict[int, tuple[float, float]] = {}  # passage -> (multiplier, coverage)
        self._starts: Ids | None = None  # each document's first passage
        self._doc: dict[int, float] = {}  # document -> its coverage of the question
        self._col = {t: c for c, t in enumerate(self.terms)}

    def doc_coverage(self, i: int) -> float:
        """The share of the question's idf mass passage ``i``'s whole document holds (an
        alias or synonym partly): the passage may say "it" where its document names the
        subject. Computed once per document a candidate comes from, over that document's
        passages only (never an array over the whole corpus)."""
        d = int(self._docs_of(np.asarray([i], dtype=np.int64))[0])
        if d not in self._doc:
            self._cover([d])
        return self._doc[d]

    def _docs_of(self, ids: Ids) -> Ids:
        if self._starts is None:
            self._starts = self.searcher.doc_starts()
        docs: Ids = np.searchsorted(self._starts, ids, side="right") - 1
        return docs

    def _cover(self, docs: list[int]) -> None:
        """:meth:`doc_coverage` of each of ``docs`` not known yet, all from one look at
        the postings (which terms each document's passages hold)."""
        s = self.searcher
        todo = sorted({d for d in docs if d not in self._doc})
        if not todo:
            return
        self._docs_of(np.zeros(0, dtype=np.int64))  # the documents' starts, loaded
        assert self._starts is not None
        starts = self._starts
        at = np.asarray(todo, dtype=np.int64)
        lo = starts[at]
        hi = np.where(at + 1 < len(starts), starts[np.minimum(at + 1, len(starts) - 1)], s.n_passages)
        has = s.holds_in(self.terms, lo, hi)
        # per document, term by term in the mass's order (the same additions as one by one):
        # a term counts 1, or the best credit of an alternative the document holds
        cover = np.zeros(len(todo))
        none = np.zeros(len(todo), dtype=bool)
        for t, m in self.mass.items():
            c = self._col.get(t)
            best = np.where(has[:, c] if c is not None else none, 1.0, 0.0)
            for a, credit in self.q.alts.get(t, {}).items():
                ca = self._col.get(a)
                if ca is not None:
                    best = np.where(has[:, ca], np.maximum(best, credit), best)
            cover = cover + m * best
        for d, v in zip(todo, (cover / self.total).tolist(), strict=True):
            self._doc[d] = v

    def rerank(self, first: Ids, score: Scores) -> list[Scored]:
        """The first-stage passages (``score``: their BM25) re-scored, best first (ties in
        passage order)."""
        new = [int(i) for i in first if int(i) not in self.known]
        if new:
            ids = np.asarray(new, dtype=np.int64)
            docs = self._docs_of(ids) if self.p.doc_coverage > 0 else None
            if docs is not None:
                self._cover(docs.tolist())
            holding = self.searcher.holds(self.terms, ids)
            multipliers, coverages = self._features(ids, docs, holding)
            for i, m, c in zip(new, multipliers.tolist(), coverages.tolist(), strict=True):
                self.known[i] = (m, c)
        scored = []
        for i, bm25 in zip(first.tolist(), score.tolist(), strict=True):
            multiplier, coverage = self.known[i]
            scored.append(Scored(bm25 * multiplier, i, coverage))
        scored.sort(key=lambda s: (-s.score, s.passage))
        return scored

    def _features(self, ids: Ids, docs: Ids | None, held: npt.NDArray[np.bool_]) -> tuple[Scores, Scores]:
        """Each passage's (multiplier, coverage), for all of ``ids`` at once (``held``:
        which of :attr:`terms` each holds). Every number comes from the operations, in the
        order, that one passage at a time would do, so the floats are the same."""
        q, p = self.q, self.p
        none = np.zeros(len(ids), dtype=bool)

        def holds(t: str) -> npt.NDArray[np.bool_]:
            c = self._col.get(t)
            return held[:, c] if c is not None else none

        coverage = np.zeros(len(ids))
        for t, m in self.mass.items():
            has = holds(t)
            if t in q.alts:  # else (no alternatives) nothing more is added: m * 0.0
                credit = np.full(len(ids), -np.inf)
                for a, c in q.alts[t].items():
                    credit = np.where(holds(a), np.maximum(credit, c), credit)
                other = m * np.where(np.isneginf(credit), 0.0, credit)
                coverage = coverage + np.where(has, m, other)
            else:
                coverage = coverage + np.where(has, m, 0.0)
        coverage = coverage / self.total
        multiplier = (1 - p.coverage) + p.coverage * coverage
        if p.doc_coverage > 0 and docs is not None:
            cover = np.asarray([self._doc[d] for d in docs.tolist()])
            multiplier = multiplier * ((1 - p.doc_coverage) + p.doc_coverage * cover)
        s = self.searcher
        if q.qtype is not None:  # cue words, counted (capped) when the index was built
            counts = np.asarray([min(s.cue_count(i, q.qtype), p.cue_full) for i in ids.tolist()])
            multiplier = multiplier * (1 + p.cue * counts / p.cue_full)
        caption = np.asarray([s.kind(i) == "caption" for i in ids.tolist()], dtype=bool)
        multiplier = np.where(caption, multiplier * p.caption, multiplier)
        if q.entity_terms:  # a passage that names none of the question's entities
            named = np.zeros(len(ids), dtype=np.int64)
            for names in q.entity_terms:
                named_here = none.copy()
                for t in names:
                    named_here |= holds(t)
                named += named_here
            multiplier = multiplier * ((1 - p.entity) + p.entity * named / len(q.entity_terms))
        return multiplier, coverage


def dedupe(searcher: Searcher, scored: list[Scored], k: int, threshold: float) -> list[Scored]:
    """The best ``k`` of ``scored``, dropping each passage whose token Jaccard with one
    kept above it reaches ``threshold`` (a near-duplicate of a passage already shown)."""
    chosen: list[Scored] = []
    kept: list[set[str]] = []
    for s in scored:
        toks = set(searcher.tokens(s.passage))  # terms, not their ids: the same sets, no lookups
        if any(len(toks & other) / max(len(toks | other), 1) >= threshold for other in kept):
            continue
        kept.append(toks)
        chosen.append(s)
        if len(chosen) >= k:
            break
    return chosen

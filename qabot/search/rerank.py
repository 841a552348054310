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

import bisect
import math
from dataclasses import dataclass

import numpy as np

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
        self._first: list[int] = []  # the same as a list (bisected per passage)
        self._doc: dict[int, float] = {}  # document -> its coverage of the question

    def doc_coverage(self, i: int) -> float:
        """The share of the question's idf mass passage ``i``'s whole document holds (an
        alias or synonym partly): the passage may say "it" where its document names the
        subject. Computed once per document a candidate comes from, over that document's
        passages only (never an array over the whole corpus)."""
        d = self._doc_of(i)
        if d not in self._doc:
            self._cover([d])
        return self._doc[d]

    def _doc_of(self, i: int) -> int:
        if self._starts is None:
            self._starts = self.searcher.doc_starts()
            self._first = self._starts.tolist()
        return bisect.bisect_right(self._first, i) - 1

    def _cover(self, docs: list[int]) -> None:
        """:meth:`doc_coverage` of each of ``docs`` not known yet, all from one look at
        the postings (which terms each document's passages hold)."""
        s, q = self.searcher, self.q
        todo = sorted({d for d in docs if d not in self._doc})
        if not todo:
            return
        self._doc_of(0)  # the documents' starts, loaded
        starts = self._first
        lo = np.asarray([starts[d] for d in todo], dtype=np.int64)
        ends = [starts[d + 1] if d + 1 < len(starts) else s.n_passages for d in todo]
        hi = np.asarray(ends, dtype=np.int64)
        anywhere = s.holds_in(self.terms, lo, hi)
        for d, row in zip(todo, anywhere.tolist(), strict=True):
            has = {t for t, h in zip(self.terms, row, strict=True) if h}
            cover = 0.0
            for t, m in self.mass.items():
                best = 1.0 if t in has else 0.0
                for a, c in q.alts.get(t, {}).items():
                    if a in has:
                        best = max(best, c)
                cover += m * best
            self._doc[d] = cover / self.total

    def rerank(self, first: Ids, score: Scores) -> list[Scored]:
        """The first-stage passages (``score``: their BM25) re-scored, best first (ties in
        passage order)."""
        new = [int(i) for i in first if int(i) not in self.known]
        if new:
            if self.p.doc_coverage > 0:
                self._cover([self._doc_of(i) for i in new])
            holding = self.searcher.holds(self.terms, np.asarray(new, dtype=np.int64))
            for i, row in zip(new, holding.tolist(), strict=True):
                self.known[i] = self._features(i, {t for t, h in zip(self.terms, row, strict=True) if h})
        scored = []
        for i, bm25 in zip(first.tolist(), score.tolist(), strict=True):
            multiplier, coverage = self.known[i]
            scored.append(Scored(bm25 * multiplier, i, coverage))
        scored.sort(key=lambda s: (-s.score, s.passage))
        return scored

    def _features(self, i: int, held: set[str]) -> tuple[float, float]:
        q, p = self.q, self.p
        coverage = 0.0
        alts = q.alts
        for t, m in self.mass.items():
            if t in held:
                coverage += m
            elif t in alts:  # (no alternatives: adding m * 0.0 changes no sum)
                coverage += m * max((c for a, c in alts[t].items() if a in held), default=0.0)
        coverage /= self.total
        multiplier = (1 - p.coverage) + p.coverage * coverage
        if p.doc_coverage > 0:
            multiplier *= (1 - p.doc_coverage) + p.doc_coverage * self.doc_coverage(i)
        if q.qtype is not None:  # cue words, counted (capped) when the index was built
            count = min(self.searcher.cue_count(i, q.qtype), p.cue_full)
            multiplier *= 1 + p.cue * count / p.cue_full
        if self.searcher.kind(i) == "caption":
            multiplier *= p.caption
        if q.entity_terms:  # a passage that names none of the question's entities
            named = sum(1 for names in q.entity_terms if names & held)
            multiplier *= (1 - p.entity) + p.entity * named / len(q.entity_terms)
        return multiplier, coverage


def dedupe(searcher: Searcher, scored: list[Scored], k: int, threshold: float) -> list[Scored]:
    """The best ``k`` of ``scored``, dropping each passage whose token Jaccard with one
    kept above it reaches ``threshold`` (a near-duplicate of a passage already shown)."""
    chosen: list[Scored] = []
    kept: list[set[int]] = []
    for s in scored:
        toks = set(searcher.token_ids(s.passage).tolist())
        if any(len(toks & other) / max(len(toks | other), 1) >= threshold for other in kept):
            continue
        kept.append(toks)
        chosen.append(s)
        if len(chosen) >= k:
            break
    return chosen

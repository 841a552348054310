"""Re-ranking the first-stage passages: BM25 times a multiplier per passage.

The multiplier rewards covering the question (the share of its idf mass a passage
holds; an alias or synonym covers a word partly, a word the corpus lacks counts
against), holding its words as written in a row (pairs and triples of the question's
words, stopwords kept: the phrase that stemming and stopwords hide from BM25), the
same coverage over the passage's whole document, the question type's cue words, and
naming the question's entities; photo captions are discounted. Further features are
parameters left off (term pairs, exact word forms, the best window's coverage: their
notes in :mod:`~qabot.search.params` say why). It depends on the question and the
passage only, not on feedback terms, so :class:`Features` computes it once per passage
and the pass after feedback scores only the passages it has not seen.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..analysis import fold
from .params import Params
from .query import Query
from .searcher import Passages, Searcher, Values, floats, ints, rows

#: A word as written (lower-cased, inner apostrophes kept): the phrase features' unit.
_WORD = re.compile(r"\w+(?:'\w+)*")


@lru_cache(maxsize=4096)
def _spaced(text: str) -> str:
    """``text``'s words as written, lower-cased, one space apart and between spaces.
    Cached: a passage is a candidate of many questions (its words are read once), and
    its text is one string object, whose hash Python keeps."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return f" {' '.join(words)} "


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
        self._first: list[int] | None = None  # each document's first passage (bisected)
        self._doc: dict[int, float] = {}  # document -> its coverage of the question
        # the question's own terms in question order, for its adjacent pairs (pair_bonus)
        order = [w.token for w in q.words if w.token in q.own]
        self.pairs = {(a, b) for a, b in pairwise(order) if a != b}
        self._alt_of = {a for options in q.alts.values() for a in options}
        # each own term's forms as the question writes them ("routed" for "rout")
        surface: dict[str, set[str]] = {}
        for w in q.words:
            if w.token in q.own:
                surface.setdefault(w.token, set()).add(w.surface)
        self.surface = surface
        # the question's words as written, stopwords kept, the first (its question word,
        # mostly) not: its pairs and triples holding a word of its own ("are spaced",
        # "brought under control")
        said = _WORD.findall(fold(q.question).lower())[1:]
        content = {f for forms in surface.values() for f in forms}
        # (each run, and each written form, as " word word " for a substring search)
        self.phrases = {f" {a} {b} " for a, b in pairwise(said) if content & {a, b}}
        self.triples = {
            f" {a} {b} {c} " for a, b, c in zip(said, said[1:], said[2:], strict=False) if content & {a, b, c}
        }
        self.forms = [([f" {f} " for f in forms], self.mass[t]) for t, forms in surface.items()]
        self.written = (
            (p.phrase_bonus > 0 and bool(self.phrases))
            or (p.phrase3_bonus > 0 and bool(self.triples))
            or (p.exact_bonus > 0 and bool(surface))
        )

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
        if self._first is None:
            self._first = ints(self.searcher.doc_starts())
        return bisect.bisect_right(self._first, i) - 1

    def _cover(self, docs: list[int]) -> None:
        """:meth:`doc_coverage` of each of ``docs`` not known yet, all from one look at
        the postings (which terms each document's passages hold)."""
        s, q = self.searcher, self.q
        todo = sorted({d for d in docs if d not in self._doc})
        if not todo:
            return
        self._doc_of(0)  # the documents' starts, loaded
        starts = self._first or []
        spans = [(starts[d], starts[d + 1] if d + 1 < len(starts) else s.n_passages) for d in todo]
        # two binary searches per document and term, not one look per passage
        mat = rows(s.holds_in(self.terms, [lo for lo, _ in spans], [hi for _, hi in spans]))
        for d, row in zip(todo, mat, strict=True):
            has = {t for t, h in zip(self.terms, row, strict=True) if h}
            cover = 0.0
            for t, m in self.mass.items():
                best = 1.0 if t in has else 0.0
                for a, c in q.alts.get(t, {}).items():
                    if a in has:
                        best = max(best, c)
                cover += m * best
            self._doc[d] = cover / self.total

    def rerank(self, first: Passages, score: Values) -> list[Scored]:
        """The first-stage passages (``score``: their BM25) re-scored, best first (ties in
        passage order)."""
        ids = ints(first)
        new = [i for i in ids if i not in self.known]
        if new:
            if self.p.doc_coverage > 0:
                self._cover([self._doc_of(i) for i in new])
            holding = rows(self.searcher.holds(self.terms, new))
            for i, row in zip(new, holding, strict=True):
                self.known[i] = self._features(i, {t for t, h in zip(self.terms, row, strict=True) if h})
        scored = []
        for i, bm25 in zip(ids, floats(score), strict=True):
            multiplier, coverage = self.known[i]
            scored.append(Scored(bm25 * multiplier, i, coverage))
        scored.sort(key=lambda s: (-s.score, s.passage))
        return scored

    def _share(self, held: set[str]) -> float:
        """The share of the question's idf mass the terms ``held`` cover."""
        coverage = 0.0
        alts = self.q.alts
        for t, m in self.mass.items():
            if t in held:
                coverage += m
            elif t in alts:  # (no alternatives: adding m * 0.0 changes no sum)
                coverage += m * max((c for a, c in alts[t].items() if a in held), default=0.0)
        return coverage / self.total

    def _local(self, i: int) -> tuple[float, float]:
        """(the best share of the question any ``window_size`` terms in a row of passage
        ``i`` cover; the share of the question's adjacent word pairs found adjacent)."""
        p = self.p
        toks = self.searcher.tokens(i)
        best = 0.0
        if p.window_coverage > 0:
            size = max(1, int(p.window_size))
            marks = [t if (t in self.mass or t in self._alt_of) else "" for t in toks]
            if len(marks) <= size:
                best = self._share(set(marks))
            else:
                counts: dict[str, int] = {}
                for t in marks[:size]:
                    counts[t] = counts.get(t, 0) + 1
                best = self._share(set(counts))
                for n in range(size, len(marks)):
                    new, old = marks[n], marks[n - size]
                    if new == old:
                        continue
                    counts[new] = counts.get(new, 0) + 1
                    counts[old] -= 1
                    if not counts[old]:
                        del counts[old]
                    if new:  # only a window that gained a term can beat the best
                        best = max(best, self._share(set(counts)))
        pairs = 0.0
        if p.pair_bonus > 0 and self.pairs:
            found = set()
            for a, b in pairwise(toks):
                found.add((a, b))
                found.add((b, a))
            pairs = sum(1 for x in self.pairs if x in found) / len(self.pairs)
        return best, pairs

    def _as_written(self, i: int) -> float:
        """The factor for passage ``i`` holding the question's words as written: its pairs
        and triples of words in a row (``phrase_bonus``, ``phrase3_bonus``), and the
        words themselves, not only their stems (``exact_bonus``)."""
        p = self.p
        # a run of the question's words is held when it occurs in the passage's words
        # spaced out as a substring (one C-level search per run)
        text = _spaced(self.searcher.passage(i).text)
        factor = 1.0
        if p.phrase_bonus > 0 and self.phrases:
            held = sum(1 for run in self.phrases if run in text)
            factor *= 1 + p.phrase_bonus * held / len(self.phrases)
        if p.phrase3_bonus > 0 and self.triples:
            held = sum(1 for run in self.triples if run in text)
            factor *= 1 + p.phrase3_bonus * held / len(self.triples)
        if p.exact_bonus > 0 and self.surface:
            exact = sum(m for forms, m in self.forms if any(f in text for f in forms))
            factor *= 1 + p.exact_bonus * exact / self.total
        return factor

    def _features(self, i: int, held: set[str]) -> tuple[float, float]:
        q, p = self.q, self.p
        coverage = self._share(held)
        multiplier = (1 - p.coverage) + p.coverage * coverage
        if self.written:
            multiplier *= self._as_written(i)
        if p.window_coverage > 0 or (p.pair_bonus > 0 and self.pairs):
            best, pairs = self._local(i)
            if p.window_coverage > 0:
                multiplier *= (1 - p.window_coverage) + p.window_coverage * best
            multiplier *= 1 + p.pair_bonus * pairs
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

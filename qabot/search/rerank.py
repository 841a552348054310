"""Re-ranking the first-stage passages: BM25 times a multiplier per passage.

The multiplier rewards covering the question (the share of its idf mass a passage
holds; an alias or synonym covers a word partly, a word the corpus lacks counts
against), holding its words as written in a row (pairs and triples of the question's
words, stopwords kept: the phrase that stemming and stopwords hide from BM25), the
same coverage over the passage's whole document, the question type's cue words, and
naming the question's entities; photo captions are discounted. Further features are
parameters left off (term pairs, exact word forms, the best window's coverage, the best
sentence's hold on the question: their notes in :mod:`~qabot.search.params` say why).
It depends on the question and the passage only, not on feedback terms, so
:class:`Features` computes it once per passage and the pass after feedback scores only
the passages it has not seen.
"""

from __future__ import annotations

import bisect
import math
import re
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ..analysis import Analyzer, fold, surface_text
from .params import Params
from .query import Query
from .searcher import Passages, Rows, Searcher, Values, floats, ints

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

#: A feature's value: a float for one passage, an array over many (:meth:`Features._multiplier`).
F = TypeVar("F", float, "npt.NDArray[np.float64]")

#: A word as written (lower-cased, inner apostrophes kept): the phrase features' unit.
_WORD = re.compile(r"\w+(?:'\w+)*")


@lru_cache(maxsize=4096)
def _spaced(text: str) -> str:
    """``text``'s words as written, lower-cased, one space apart and between spaces.
    Cached: a passage is a candidate of many questions (its words are read once), and
    its text is one string object, whose hash Python keeps."""
    words = _WORD.findall(text.lower().replace("\u2019", "'"))
    return f" {' '.join(words)} "


class Scored(NamedTuple):
    """A re-ranked passage: its final score, number and coverage of the question (0..1).
    (A named tuple: sixty are made per question, several times cheaper than a frozen
    dataclass.)"""

    score: float
    passage: int
    coverage: float


class Features:
    """The re-ranking features of one question's passages, each computed once."""

    def __init__(self, searcher: Searcher, q: Query, p: Params, analyzer: Analyzer | None = None) -> None:
        self.searcher = searcher
        self.q = q
        self.p = p
        self.analyzer = analyzer or Analyzer.shared()  # a sentence's terms (sentence_bonus)
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
        self._col = {t: j for j, t in enumerate(self.terms)}  # term -> its column in holds_in's rows
        self.known: dict[int, tuple[float, float]] = {}  # passage -> (multiplier, coverage)
        self._first: Passages | None = None  # each document's first passage, as the backend gives it
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
        content = {f for forms in surface.values() for f in forms}
        # (each run, and each written form, as " word word " for a substring search)
        self.phrases: set[str] = set()
        self.triples: set[str] = set()
        for said in self._runs(p):
            self.phrases.update(f" {a} {b} " for a, b in pairwise(said) if content & {a, b})
            threes = zip(said, said[1:], said[2:], strict=False)
            self.triples.update(f" {a} {b} {c} " for a, b, c in threes if content & {a, b, c})
        self.forms = [([f" {f} " for f in forms], self.mass[t]) for t, forms in surface.items()]
        self.written = (
            (p.phrase_bonus > 0 and bool(self.phrases))
            or (p.phrase3_bonus > 0 and bool(self.triples))
            or (p.exact_bonus > 0 and bool(surface))
        )

    def _runs(self, p: Params) -> list[list[str]]:
        """The question's words as written, lower-case, in the runs its phrases come
        from: the first word (its question word, mostly) left out, and (``phrase_time``)
        the run broken at each time word the time stage took out of the search, which
        the question asks about through dates, not words ("first", "in 2017"; a
        stopword between two of them, or before the first, goes with them)."""
        q = self.q
        if p.phrase_time <= 0 or not q.time_spans:
            return [_WORD.findall(fold(q.question).lower())[1:]]
        said: list[tuple[str, bool | None]] = []  # (word, timed); None: a stopword
        for m in _WORD.finditer(surface_text(q.question)):
            word = fold(m.group()).lower()
            a, b = m.span()
            terms = self.analyzer.analyze(word)
            timed = any(x <= a and b <= y for x, y in q.time_spans) and not any(t in q.own for t in terms)
            said.append((word, timed or (None if not terms else False)))
        runs: list[list[str]] = [[]]
        first = True
        before: bool = True  # the word before a stopword was timed (or there is none)
        for n, (word, mark) in enumerate(said):
            if mark is None:  # a stopword: timed when its neighbours are
                after = bool(next((t for _, t in said[n + 1 :] if t is not None), False))
                mark = before and after
            else:
                before = mark
            if mark:
                if runs[-1]:
                    runs.append([])
                continue
            if first:  # the question word, or the first after a leading time clause
                first = False
                continue
            runs[-1].append(word)
        return runs

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
        return self._docs_of([i])[0]

    def _starts(self) -> Passages:
        """Each document's first passage: the backend's own list or array (a million
        passages' documents as a Python list cost more than a question's re-ranking)."""
        if self._first is None:
            self._first = self.searcher.doc_starts()
        return self._first

    def _docs_of(self, ids: list[int]) -> list[int]:
        """The document of each of passages ``ids``."""
        starts = self._starts()
        if isinstance(starts, list):
            return [bisect.bisect_right(starts, i) - 1 for i in ids]
        found: list[int] = (starts.searchsorted(ids, side="right") - 1).tolist()
        return found

    def _spans(self, docs: list[int]) -> tuple[list[int], list[int]]:
        """The first passage of each of ``docs`` and the one after its last."""
        starts = self._starts()
        last = len(starts) - 1
        lo = [int(starts[d]) for d in docs]
        hi = [int(starts[d + 1]) if d < last else self.searcher.n_passages for d in docs]
        return lo, hi

    def _cover(self, docs: list[int]) -> None:
        """:meth:`doc_coverage` of each of ``docs`` not known yet, all from one look at
        the postings (which terms each document's passages hold)."""
        s = self.searcher
        todo = sorted({d for d in docs if d not in self._doc})
        if not todo:
            return
        # two binary searches per document and term, not one look per passage
        mat = s.holds_in(self.terms, *self._spans(todo))
        if isinstance(mat, list):
            for d, row in zip(todo, mat, strict=True):
                self._doc[d] = self._share({t for t, h in zip(self.terms, row, strict=True) if h})
        else:
            self._doc.update(zip(todo, self._share_rows(mat).tolist(), strict=True))

    def rerank(self, first: Passages, score: Values) -> list[Scored]:
        """The first-stage passages (``score``: their BM25) re-scored, best first (ties in
        passage order)."""
        ids = ints(first)
        new = [i for i in ids if i not in self.known]
        if new:
            self._learn(new)
        scored = []
        for i, bm25 in zip(ids, floats(score), strict=True):
            multiplier, coverage = self.known[i]
            scored.append(Scored(bm25 * multiplier, i, coverage))
        scored.sort(key=lambda s: (-s.score, s.passage))
        return scored

    def _learn(self, new: list[int]) -> None:
        """The multiplier and coverage of each of the passages ``new``, all at once: one
        index call for which terms they and their unseen documents hold (a passage is a
        run of one), one batch of kinds and cue counts, one search per phrase. A numpy
        backend's rows are scored as arrays, a light one's passage by passage; both
        through :meth:`_multiplier`, the same float operations in the same order."""
        s, q, p = self.searcher, self.q, self.p
        docs: list[int] = []
        of: list[int] = []  # each new passage's document
        if p.doc_coverage > 0:
            of = self._docs_of(new)
            docs = sorted(set(of) - self._doc.keys())
        doc_lo, doc_hi = self._spans(docs)
        mat = s.holds_in(self.terms, [*new, *doc_lo], [*(i + 1 for i in new), *doc_hi])
        n = len(new)
        caption = [p.caption if k == "caption" else 1.0 for k in s.kinds(new)]
        cues = ints(s.cue_counts(new, q.qtype)) if q.qtype is not None else None
        written = self._as_written(new) if self.written else None
        sentence = self._sentences(new) if p.sentence_bonus > 0 else None
        near = p.window_coverage > 0 or (p.pair_bonus > 0 and bool(self.pairs))
        local = [self._local(i) for i in new] if near else None
        if isinstance(mat, list):  # a light backend: a passage at a time, in floats
            sets = [{t for t, h in zip(self.terms, row, strict=True) if h} for row in mat]
            for d, held in zip(docs, sets[n:], strict=True):
                self._doc[d] = self._share(held)
            for j, i in enumerate(new):
                held = sets[j]
                coverage = self._share(held)
                self.known[i] = (
                    self._multiplier(
                        coverage,
                        None if written is None else written[j],
                        None if sentence is None else sentence[j],
                        None if local is None else local[j],
                        self._doc[of[j]] if p.doc_coverage > 0 else None,
                        None if cues is None else min(cues[j], p.cue_full),
                        caption[j],
                        sum(1 for names in q.entity_terms if names & held) if q.entity_terms else None,
                    ),
                    coverage,
                )
            return
        self._learn_arrays(new, docs, of, mat, caption, cues, written, sentence, local)

    def _learn_arrays(
        self,
        new: list[int],
        docs: list[int],
        of: list[int],
        mat: Rows,
        caption: list[float],
        cues: list[int] | None,
        written: list[float] | None,
        sentence: list[float] | None,
        local: list[tuple[float, float]] | None,
    ) -> None:
        """:meth:`_learn` over a numpy backend's rows: each feature an array over the
        passages (numpy is loaded already: the backend gave it)."""
        import numpy as np

        q, p = self.q, self.p
        n = len(new)
        held = np.asarray(mat, dtype=bool).reshape(len(mat), len(self.terms))
        shares = self._share_rows(held)  # passages and documents alike, in one pass
        self._doc.update(zip(docs, shares[n:].tolist(), strict=True))
        rows_ = held[:n]
        coverage = shares[:n]
        doc = None
        if p.doc_coverage > 0:
            known = self._doc
            doc = np.asarray([known[d] for d in of], dtype=np.float64)
        named = None
        if q.entity_terms:
            named = np.zeros(n, dtype=np.float64)  # whole numbers: the same products as ints
            for names in q.entity_terms:
                cols = [self._col[t] for t in names if t in self._col]
                if cols:
                    named += rows_[:, cols].any(axis=1)
        multiplier = self._multiplier(
            coverage,
            None if written is None else np.asarray(written, dtype=np.float64),
            None if sentence is None else np.asarray(sentence, dtype=np.float64),
            None if local is None else (np.asarray([b for b, _ in local]), np.asarray([x for _, x in local])),
            doc,
            None if cues is None else np.minimum(np.asarray(cues, dtype=np.float64), p.cue_full),
            np.asarray(caption, dtype=np.float64),
            named,
        )
        for i, m, c in zip(new, multiplier.tolist(), coverage.tolist(), strict=True):
            self.known[i] = (m, c)

    def _multiplier(
        self,
        coverage: F,
        written: F | None,
        sentence: F | None,
        local: tuple[F, F] | None,
        doc: F | None,
        cue: F | int | None,
        caption: F | float,
        named: F | int | None,
    ) -> F:
        """The re-ranking multiplier from its features: floats for one passage, or arrays
        over many (the same operations either way, so the same bits). ``cue``: the cue
        count already capped at ``cue_full``; ``caption``: the caption factor or 1.0."""
        p = self.p
        multiplier = (1 - p.coverage) + p.coverage * coverage
        if written is not None:
            multiplier = multiplier * written
        if sentence is not None:  # the best sentence's hold on the question, squared
            multiplier = multiplier * (1 + p.sentence_bonus * sentence)
        if local is not None:
            best, pairs = local
            if p.window_coverage > 0:
                multiplier = multiplier * ((1 - p.window_coverage) + p.window_coverage * best)
            multiplier = multiplier * (1 + p.pair_bonus * pairs)
        if doc is not None:
            multiplier = multiplier * ((1 - p.doc_coverage) + p.doc_coverage * doc)
        if cue is not None:  # cue words, counted (capped) when the index was built
            multiplier = multiplier * (1 + p.cue * cue / p.cue_full)
        multiplier = multiplier * caption  # 1.0 but for photo captions: the same bits
        if named is not None:  # a passage that names none of the question's entities
            multiplier = multiplier * ((1 - p.entity) + p.entity * named / len(self.q.entity_terms))
        return multiplier

    def _share(self, held: set[str] | frozenset[str]) -> float:
        """The share of the question's idf mass the terms ``held`` cover."""
        coverage = 0.0
        alts = self.q.alts
        for t, m in self.mass.items():
            if t in held:
                coverage += m
            elif t in alts:  # (no alternatives: adding m * 0.0 changes no sum)
                coverage += m * max((c for a, c in alts[t].items() if a in held), default=0.0)
        return coverage / self.total

    def _share_rows(self, held: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
        """:meth:`_share` of each row of ``held`` (passages or documents x ``terms``),
        as an array: the same additions in the same order, so the same floats. (A
        document's coverage is this formula too: an alternative's credit is at most 1,
        so a held word counts ``m`` whether or not an alternative is held as well.)"""
        import numpy as np

        n = held.shape[0]
        none = np.zeros(n, dtype=bool)
        col = self._col
        alts = self.q.alts

        def has(t: str) -> npt.NDArray[np.bool_]:
            j = col.get(t)
            return none if j is None else held[:, j]

        coverage = np.zeros(n, dtype=np.float64)
        for t, m in self.mass.items():
            if t in alts:
                best = np.full(n, -np.inf)
                for a, c in alts[t].items():
                    best = np.where(has(a), np.maximum(best, c), best)
                other = m * np.where(best == -np.inf, 0.0, best)
                coverage = coverage + np.where(has(t), m, other)
            else:
                coverage = coverage + np.where(has(t), m, 0.0)
        out: npt.NDArray[np.float64] = coverage / self.total
        return out

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

    def _sentences(self, ids: list[int]) -> list[float]:
        """For each passage of ``ids``, the best of its sentences' hold on the question,
        squared: a sentence's share of the question's idf mass (aliases and synonyms
        partly) plus the share of the question's word pairs as written that it holds.
        A crowd or analyst question paraphrases one sentence: a passage whose words
        are spread over several sentences matches less of it than one that says it in
        one, and squaring rewards a sentence that holds nearly all of it."""
        term_set = self.analyzer.term_set
        phrases = self.phrases
        n = len(phrases)
        out: list[float] = []
        for i in ids:
            passage = self.searcher.passage(i)
            text = passage.text
            best = 0.0
            for a, b in passage.sentences or ((0, len(text)),):
                piece = text[a:b]
                hold = self._share(term_set(piece))
                if n:
                    spaced = _spaced(piece)
                    hold += sum(1 for run in phrases if run in spaced) / n
                best = max(best, hold)
            out.append(best * best)
        return out

    def _as_written(self, ids: list[int]) -> list[float]:
        """The factor for each passage of ``ids`` holding the question's words as
        written: its pairs and triples of words in a row (``phrase_bonus``,
        ``phrase3_bonus``), and the words themselves, not only their stems
        (``exact_bonus``).

        A run of the question's words is held when it occurs in the passage's words
        spaced out (" word word "). The passages' spaced words are joined by newlines
        (which no run holds, so no match spans two) and each run is searched for in
        that one string, jumping to the next passage after each find: a C-level search
        per run and passage holding it, not one per run and passage."""
        p = self.p
        passage = self.searcher.passage
        texts = [_spaced(passage(i).text) for i in ids]
        joined = "\n".join(texts)
        begins: list[int] = []
        ends: list[int] = []
        at = 0
        for text in texts:
            begins.append(at)
            at += len(text)
            ends.append(at)
            at += 1  # the newline

        def holders(run: str) -> list[int]:
            """The positions in ``ids`` of the passages holding ``run``, ascending."""
            out: list[int] = []
            at = joined.find(run)
            while at >= 0:
                j = bisect.bisect_right(begins, at) - 1
                out.append(j)
                at = joined.find(run, ends[j] + 1)
            return out

        # a passage holding none keeps its factor: times (1 + bonus * 0 / n), 1.0, is exact
        factor = [1.0] * len(ids)
        for bonus, runs in ((p.phrase_bonus, self.phrases), (p.phrase3_bonus, self.triples)):
            if bonus > 0 and runs:
                held: dict[int, int] = {}
                for run in runs:
                    for j in holders(run):
                        held[j] = held.get(j, 0) + 1
                n = len(runs)
                for j, h in held.items():
                    factor[j] *= 1 + bonus * h / n
        if p.exact_bonus > 0 and self.surface:
            exact: dict[int, float] = {}
            for forms, m in self.forms:  # in order: each passage's sum, the same additions
                for j in {j for f in forms for j in holders(f)}:
                    exact[j] = exact.get(j, 0) + m
            for j, e in exact.items():
                factor[j] *= 1 + p.exact_bonus * e / self.total
        return factor


def dedupe(searcher: Searcher, scored: list[Scored], k: int, threshold: float) -> list[Scored]:
    """The best ``k`` of ``scored``, dropping each passage whose token Jaccard with one
    kept above it reaches ``threshold`` (a near-duplicate of a passage already shown)."""
    chosen: list[Scored] = []
    kept: list[tuple[set[str], int]] = []
    for s in scored:
        toks = set(searcher.tokens(s.passage))  # terms, not their ids: the same sets, no lookups
        n = len(toks)
        # the union's size as |a| + |b| - |a & b|: no union set built
        if any((both := len(toks & other)) / max(n + size - both, 1) >= threshold for other, size in kept):
            continue
        kept.append((toks, n))
        chosen.append(s)
        if len(chosen) >= k:
            break
    return chosen

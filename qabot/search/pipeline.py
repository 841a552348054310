"""What qabot does to a question, stage by stage, and with which numbers.

::

    question, earlier turns
      -> query stages (qabot.search.query): parse -> repair -> variants -> weigh -> time
                                    -> expand -> carry
      -> abstain.before_search      unknown entity / name / words, empty question
      -> date window                passages of briefings outside it are not searched
      -> first stage                BM25Plus over the weighted terms, best Params.first_stage
      -> rerank                     x coverage, phrases as written, cue words, caption, entities
      -> [feedback -> rerank]       RM3 terms of the best passages, when coverage is short
      -> time order                 recency prior; "latest"/"first": the best in date order
      -> dedupe                     near-duplicates dropped, k kept
      -> abstain.after_search       nothing found, or too little of the question covered
      -> answer                     the best sentence or two of the top passages
      -> abstain.after_answer       no sentence holds a word of the question
    -> Outcome (the reply, and the Context a follow-up builds on)

Every number is a field of :class:`~qabot.search.params.Params` (``qabot eval
--params`` lists them with their evidence); every stage sees the corpus through the
:class:`~qabot.search.searcher.Searcher` protocol. Nothing here prints or knows about
the command line: :class:`qabot.api.QA` wraps this for its callers.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..analysis import Analyzer
from ..cues import cue_for
from ..lexicon import Lexicon
from . import abstain, answer, conversation, feedback, query, rerank, when
from .abstain import Refusal
from .conversation import Context
from .params import Params
from .query import Knowledge, Query
from .searcher import Hit, Searcher, doc_runs, rows


@dataclass(frozen=True)
class Ranking:
    """The ranked passages of a query."""

    hits: tuple[Hit, ...]
    coverage: float  # share of the question the best passage covers (0..1)
    weights: dict[str, float]  # the query finally searched (with feedback terms)
    undated: int = 0  # undated briefings a date window left out
    in_window: bool = True  # some passage of the window holds a query term


@dataclass(frozen=True)
class Outcome:
    """Everything the pipeline decided for one question."""

    query: Query
    query_text: str  # what was searched, as ``--json`` shows it
    hits: tuple[Hit, ...]
    refusal: Refusal | None
    answer: str | None
    terms: tuple[str, ...]  # the terms to highlight (no feedback terms)
    context: Context  # what the next turn builds on
    undated: int = 0  # undated briefings a date window left out (said, never silent)


@dataclass(frozen=True)
class Moment:
    """One briefing's say on a timeline's topic: its best passage and answer sentence."""

    hit: Hit
    date: str  # ISO, or "" when the briefing is undated
    sentence: str


@dataclass(frozen=True)
class Chronicle:
    """A topic through time: the briefings on it, oldest first (undated ones last)."""

    query: Query
    moments: tuple[Moment, ...]
    refusal: Refusal | None
    undated: int = 0  # undated briefings a date window left out


class Pipeline:
    """The question path over one searcher, with one set of parameters."""

    def __init__(self, searcher: Searcher, analyzer: Analyzer, lexicon: Lexicon, params: Params) -> None:
        self.searcher = searcher
        self.analyzer = analyzer
        self.params = params
        self.kb = Knowledge(searcher, analyzer, lexicon)

    def query(self, question: str, history: Sequence[Context] = (), given: when.Given | None = None) -> Query:
        """The query stages: the weighted terms to search, and what they came from
        (``given``: the window the question is asked in, from outside it)."""
        p, kb = self.params, self.kb
        given = given or when.Given()
        if history and history[-1].date and given.previous is None:
            given = dataclasses.replace(given, previous=date.fromisoformat(history[-1].date))
        q = query.parse(question, kb, p)
        q = query.repair(q, kb, p)
        q = query.variants(q, kb, p)
        q = query.weigh(q, kb, p)
        q = query.time(q, kb, p, given)
        q = query.expand(q, kb, p)
        return query.carry(q, history, kb, p)

    def rank(self, q: Query, k: int) -> Ranking:
        """The k best passages for ``q``: date window, first stage, re-ranking, feedback,
        time order, de-duplication."""
        p, searcher = self.params, self.searcher
        weights = dict(q.weights)
        mask, undated = when.allowed(q.timing, searcher)
        anywhere = _anywhere(searcher, weights)
        # every weight is positive and BM25Plus idf > 0, so a passage holds a query term
        # exactly when its score is above zero: no need to merge posting lists
        first, score = searcher.best([weights], p.first_stage, mask)
        if len(first) == 0:
            return Ranking((), 0.0, weights, undated, not anywhere)
        features = rerank.Features(searcher, q, p, self.analyzer)
        scored = features.rerank(first, score)
        extra: dict[str, float] = {}
        if feedback.wanted(scored[0].coverage, p):
            top = [(s.passage, s.score) for s in scored[: p.rm3_docs]]
            extra = feedback.feedback_terms(searcher, top, weights, p)
        if extra:
            # scores add up term by term: the question's, then the feedback terms'
            first, score = searcher.best([weights, extra], p.first_stage, mask)
            weights.update(extra)
            # the features do not depend on feedback terms: only new passages are scored
            scored = features.rerank(first, score)
        scored = when.reorder(scored, q.timing, searcher, p)
        chosen = rerank.dedupe(searcher, scored, k, p.duplicate)
        terms = list(weights)
        held = rows(searcher.holds(terms, [s.passage for s in chosen]))
        hits = tuple(
            Hit(
                s.passage,
                searcher.passage(s.passage).pid,
                s.score,
                tuple(t for t, h in zip(terms, row, strict=True) if h),
            )
            for s, row in zip(chosen, held, strict=True)
        )
        return Ranking(hits, scored[0].coverage if scored else 0.0, weights, undated)

    def run(
        self, question: str, k: int, history: Sequence[Context] = (), given: when.Given | None = None
    ) -> Outcome:
        """The whole path for one question (``history``: the earlier turns, oldest first;
        ``given``: the window it is asked in)."""
        q = self.query(question, history, given)
        # a follow-up's topic includes what it borrowed, so a third turn still knows it
        own = tuple(dict.fromkeys([*q.own, *q.borrowed]))
        refusal = abstain.before_search(q)
        if refusal is not None:
            context = Context(own, (), q.entities, tuple(q.weights.items()))
            text = query.query_text(q.own, q.weights)
            return Outcome(q, text, (), refusal, None, own, context)
        ranking = self.rank(q, k)
        text = query.query_text(q.own, ranking.weights)
        topic = q.topic_terms()
        terms = tuple(t for t in ranking.weights if t in topic)  # highlighted: no feedback terms
        weights = tuple(ranking.weights.items())
        held = ranking.hits[0].matched if ranking.hits else ()
        words = abstain.held_words(q, held, self.kb.frame_terms(q.qtype))
        refusal = abstain.outside_window(q, ranking.hits, ranking.in_window, self.searcher)
        refusal = refusal or abstain.after_search(q, bool(ranking.hits), ranking.coverage, self.params, words)
        if refusal is None and ranking.hits and self.params.name_check > 0:
            refusal = self._name_check(q, [h.index for h in ranking.hits[: self.params.name_check]])
        p = self.params
        if refusal is None and ranking.hits and p.name_passages > 0 and ranking.coverage < p.name_coverage:
            # a weak match that never names what the question names is about something else
            best = [h.index for h in ranking.hits[: p.name_passages]]
            refusal = self._name_check(q, best, whole=p.name_briefings > 0)
        n = ranking.undated
        if refusal is not None:
            return Outcome(
                q, text, ranking.hits, refusal, None, terms, Context(own, (), q.entities, weights), n
            )
        # a bare follow-up ("why?") searches only what it borrowed: it must not give the
        # previous answer again when the passages hold another sentence
        avoid = history[-1].answer if history and not q.own else None
        sentence = self.answer(q, ranking, avoid)
        refusal = abstain.after_answer(q, sentence) or self._support(q, ranking, sentence or "")
        if refusal is not None:
            return Outcome(
                q, text, ranking.hits, refusal, None, terms, Context(own, (), q.entities, weights), n
            )
        new = conversation.answer_entities(sentence or "", q.question, q.entities, self.kb.lexicon)
        top = when.day(int(self.searcher.dates()[ranking.hits[0].index])) if ranking.hits else None
        context = Context(
            own,
            new,
            tuple(dict.fromkeys([*q.entities, *new])),
            weights,
            sentence,
            top.isoformat() if top else None,
        )
        return Outcome(q, text, ranking.hits, None, sentence, terms, context, n)

    def timeline(self, topic: str, given: when.Given | None = None, limit: int = 50) -> Chronicle:
        """The best passage of each briefing on ``topic``, in date order, each with its
        answer sentence. A briefing is on the topic when its best passage covers
        ``coverage_floor`` of it and scores ``timeline_floor`` of the best one's score."""
        q = self.query(topic, (), given)
        refusal = abstain.before_search(q)
        if refusal is not None:
            return Chronicle(q, (), refusal)
        p, searcher = self.params, self.searcher
        mask, undated = when.allowed(q.timing, searcher)
        anywhere = _anywhere(searcher, q.weights)
        first, score = searcher.best([q.weights], max(p.first_stage, 10 * limit), mask)
        scored = rerank.Features(searcher, q, p, self.analyzer).rerank(first, score) if len(first) else []
        briefs = searcher.briefings()
        dates = searcher.dates()
        best: dict[int, rerank.Scored] = {}
        for sc in scored:
            best.setdefault(int(briefs[sc.passage]), sc)
        top = scored[0].score if scored else 0.0
        kept = [
            sc
            for sc in best.values()
            if sc.coverage >= p.coverage_floor and sc.score >= p.timeline_floor * top
        ][:limit]
        if not kept:
            hits = ()
            refusal = abstain.outside_window(q, hits, not anywhere, searcher) or abstain.after_search(
                q, False if not scored else bool(kept), scored[0].coverage if scored else 0.0, p
            )
            return Chronicle(q, (), refusal, undated)
        kept.sort(key=lambda sc: (int(dates[sc.passage]) <= 0, int(dates[sc.passage]), sc.passage))
        wanted = set(q.own) | q.expanded
        idf = {t: searcher.idf(t) * w for t, w in q.weights.items() if t in wanted}
        cue = cue_for(q.qtype)
        moments = []
        for sc in kept:
            passage = searcher.passage(sc.passage)
            sentence = answer.choose([passage], idf, self.analyzer, p, alts=q.alts, cue=cue) or answer.lead(
                passage
            )
            d = when.day(int(dates[sc.passage]))
            hit = Hit(sc.passage, passage.pid, sc.score, ())
            moments.append(Moment(hit, d.isoformat() if d else "", sentence or ""))
        return Chronicle(q, tuple(moments), None, undated)

    def _name_check(self, q: Query, top: Sequence[int], whole: bool = True) -> Refusal | None:
        """A refusal when the question names something (a capitalised word the corpus
        holds) that none of the briefings of the best passages ``top`` names (``whole``
        False: none of those passages themselves)."""
        s = self.searcher
        # the runs of passages looked at: the briefings, or the passages themselves
        lo, hi = doc_runs(s, top) if whole else (list(top), [i + 1 for i in top])

        # a passage's briefing title names what the passage is about, too ("Poland's Fence
        # Becomes a Wall" over a passage that says only "the Belarusian border")
        titled = {t for i in top for t in self.analyzer.term_set(s.title(i))}

        def doc_holds(terms: Sequence[str]) -> list[bool]:
            held = _held_in(s, terms, lo, hi)
            return [h or t in titled for t, h in zip(terms, held, strict=True)]

        def widen(term: str) -> list[str]:
            stem = term[: max(4, len(term) - 2)]
            return s.terms_with_prefix(stem, 20) if len(stem) < len(term) else []

        unheld = abstain.names_unheld(q, doc_holds, widen)
        if not unheld:
            return None
        names = abstain.join_or(unheld)
        where = "briefings" if whole else "passages"
        return Refusal("low_coverage", f"the {where} that match best never mention {names}")

    def _support(self, q: Query, ranking: Ranking, sentence: str) -> Refusal | None:
        """A refusal when the answer chosen does not bear the question out: a name the
        question gives, repaired as a typo, that the answer does not hold, or a "how
        many" question whose answer and the passage it comes from give no number
        (abstain.unsupported)."""
        p = self.params
        names: list[str] = []
        if p.repair_check > 0:
            names = abstain.repaired_names(q, self.analyzer.term_set(sentence).__contains__)
        no_number = False
        kind = answer.answer_kind(q.qtype) if q.qtype == "number" else None
        if p.number_check > 0 and kind is not None:
            drawn = [self.searcher.passage(h.index) for h in ranking.hits[: p.answer_depth]]
            origin = answer.source(drawn, sentence)
            texts = [sentence] if origin is None else [sentence, origin.text]
            no_number = not any(answer.brings(t, kind, _asked(q), self.analyzer) for t in texts)
        unheld: list[str] = []
        years: list[str] = []
        focus: str | None = None
        if (p.entity_check > 0 or p.year_check > 0 or p.focus_check > 0 or p.long_names > 1) and ranking.hits:
            drawn = [self.searcher.passage(h.index) for h in ranking.hits[: p.answer_depth]]
            origin = answer.source(drawn, sentence)
            at = next(
                (h.index for h, d in zip(ranking.hits[: len(drawn)], drawn, strict=True) if d is origin),
                ranking.hits[0].index,
            )
            # named by the best passage's briefing or the answer's: either may tell the story
            pair = [ranking.hits[0].index, at]
            holds = self._briefing_holds(pair)
            if p.entity_check > 0:
                unheld = abstain.entities_unheld(q, self.kb, holds)
            if p.long_names > 1 and not unheld:
                # a name of several words ("Liberal Initiative") neither briefing names
                unheld = [
                    n for n in abstain.names_unheld(q, holds, self._widen) if len(n.split()) >= p.long_names
                ]
            if p.year_check > 0:
                dated = [d.year for i in pair if (d := when.day(int(self.searcher.dates()[i]))) is not None]
                years = abstain.years_unheld(q, holds, dated)
            if p.focus_check > 0:
                focus = abstain.focus_unheld(q, holds, self._widen, self.kb.all_frame_terms())
        return abstain.unsupported(q, names, no_number, unheld, years, focus)

    def _widen(self, term: str) -> list[str]:
        """The corpus terms sharing ``term``'s stem ("Saharan" is named where "Sahara" is)."""
        stem = term[: max(4, len(term) - 2)]
        return self.searcher.terms_with_prefix(stem, 20) if len(stem) < len(term) else []

    def _briefing_holds(self, passages: Sequence[int]) -> Callable[[Sequence[str]], list[bool]]:
        """Whether the briefings of ``passages`` hold each of some terms (any of them)."""
        s = self.searcher
        lo, hi = doc_runs(s, passages)

        titled = {t for i in passages for t in self.analyzer.term_set(s.title(i))}

        def holds(terms: Sequence[str]) -> list[bool]:
            held = _held_in(s, terms, lo, hi)
            return [h or t in titled for t, h in zip(terms, held, strict=True)]

        return holds

    def answer(self, q: Query, ranking: Ranking, avoid: str | None = None) -> str | None:
        """The answer sentence, judged on the question's topic: its own words and what a
        follow-up borrowed (aliases and synonyms count through ``alts``), not feedback.

        When no sentence holds one of those (the question's words are all absent and
        only their synonyms matched, or they occur only in the heading the passage sits
        under), the sentence is judged on the synonyms and aliases too, and failing that
        it is the first sentence of the best passage: an answered question always has an
        answer sentence. ``avoid``: a sentence not to give (the previous answer).
        """
        wanted = set(q.own) | set(q.borrowed) | q.carried_terms
        idf = {t: self.searcher.idf(t) * w for t, w in ranking.weights.items() if t in wanted}
        passages = [self.searcher.passage(h.index) for h in ranking.hits]
        cue = cue_for(q.qtype)
        p = self.params
        kind = answer.answer_kind(q.qtype)
        asked = _asked(q)
        sentence = answer.choose(
            passages, idf, self.analyzer, p, alts=q.alts, cue=cue, avoid=avoid, kind=kind, question=asked
        )
        if sentence is None:
            topic = q.topic_terms()
            idf = {t: self.searcher.idf(t) * w for t, w in ranking.weights.items() if t in topic}
            sentence = answer.choose(
                passages, idf, self.analyzer, p, alts=q.alts, cue=cue, avoid=avoid, kind=kind, question=asked
            )
        if sentence is None and passages:
            sentence = answer.lead(passages[0])
        return sentence


def _held_in(searcher: Searcher, terms: Sequence[str], lo: list[int], hi: list[int]) -> list[bool]:
    """Whether some passage of the runs ``lo[r]:hi[r]`` holds each of ``terms``: two
    lookups per run and term (:meth:`Searcher.holds_in`), not one per passage."""
    held = searcher.holds_in(terms, lo, hi)
    if isinstance(held, list):
        return [any(row[c] for row in held) for c in range(len(terms))]
    import numpy as np  # the backend gave arrays: numpy is loaded

    return rows(np.any(held, axis=0, keepdims=True))[0]


def _asked(q: Query) -> set[str]:
    """What an answer must bring besides (qabot.search.answer.brings): the question's
    own words and terms."""
    return q.topic_terms() | {w.surface for w in q.words} | set(re.findall(r"\w+", q.question.lower()))


def _anywhere(searcher: Searcher, weights: Mapping[str, float]) -> bool:
    """Whether some passage, in any window, holds a term of the query."""
    return any(searcher.doc_freq(t) > 0 for t in weights)

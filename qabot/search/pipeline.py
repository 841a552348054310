"""What qabot does to a question, stage by stage, and with which numbers.

::

    question, earlier turns
      -> query stages (qabot.search.query): parse -> repair -> variants -> weigh
                                    -> expand -> carry
      -> abstain.before_search      unknown entity / name / words, empty question
      -> first stage                BM25Plus over the weighted terms, best Params.first_stage
      -> rerank                     x coverage, cue words, caption, named entities
      -> [feedback -> rerank]       RM3 terms of the best passages, when coverage is short
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

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..analysis import Analyzer
from ..cues import cue_for
from ..lexicon import Lexicon
from . import abstain, answer, conversation, feedback, query, rerank
from .abstain import Refusal
from .conversation import Context
from .params import Params
from .query import Knowledge, Query
from .searcher import Hit, Searcher


@dataclass(frozen=True)
class Ranking:
    """The ranked passages of a query."""

    hits: tuple[Hit, ...]
    coverage: float  # share of the question the best passage covers (0..1)
    weights: dict[str, float]  # the query finally searched (with feedback terms)


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


class Pipeline:
    """The question path over one searcher, with one set of parameters."""

    def __init__(self, searcher: Searcher, analyzer: Analyzer, lexicon: Lexicon, params: Params) -> None:
        self.searcher = searcher
        self.analyzer = analyzer
        self.params = params
        self.kb = Knowledge(searcher, analyzer, lexicon)

    def query(self, question: str, history: Sequence[Context] = ()) -> Query:
        """The query stages: the weighted terms to search, and what they came from."""
        p, kb = self.params, self.kb
        q = query.parse(question, kb, p)
        q = query.repair(q, kb, p)
        q = query.variants(q, kb, p)
        q = query.weigh(q, kb, p)
        q = query.expand(q, kb, p)
        return query.carry(q, history, kb, p)

    def rank(self, q: Query, k: int) -> Ranking:
        """The k best passages for ``q``: first stage, re-ranking, feedback, de-duplication."""
        p, searcher = self.params, self.searcher
        weights = dict(q.weights)
        acc, _ = searcher.scores(weights)
        # every weight is positive and BM25Plus idf > 0, so a passage holds a query term
        # exactly when its score is above zero: no need to merge posting lists
        first = searcher.first_stage(acc, p.first_stage)
        if len(first) == 0:
            return Ranking((), 0.0, weights)
        features = rerank.Features(searcher, q, p)
        scored = features.rerank(acc, first)
        extra: dict[str, float] = {}
        if feedback.wanted(scored[0].coverage, p):
            top = [(s.passage, s.score) for s in scored[: p.rm3_docs]]
            extra = feedback.feedback_terms(searcher, top, weights, p)
        if extra:
            weights.update(extra)
            acc += searcher.scores(extra)[0]  # scores add up term by term
            # the features do not depend on feedback terms: only new passages are scored
            scored = features.rerank(acc, searcher.first_stage(acc, p.first_stage))
        chosen = rerank.dedupe(searcher, scored, k, p.duplicate)
        terms = list(weights)
        held = searcher.holds(terms, np.asarray([s.passage for s in chosen], dtype=np.int64))
        hits = tuple(
            Hit(
                s.passage,
                searcher.passage(s.passage).pid,
                s.score,
                tuple(t for t, h in zip(terms, row, strict=True) if h),
            )
            for s, row in zip(chosen, held.tolist(), strict=True)
        )
        return Ranking(hits, scored[0].coverage if scored else 0.0, weights)

    def run(self, question: str, k: int, history: Sequence[Context] = ()) -> Outcome:
        """The whole path for one question (``history``: the earlier turns, oldest first)."""
        q = self.query(question, history)
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
        refusal = abstain.after_search(q, bool(ranking.hits), ranking.coverage, self.params)
        if refusal is not None:
            return Outcome(q, text, ranking.hits, refusal, None, terms, Context(own, (), q.entities, weights))
        # a bare follow-up ("why?") searches only what it borrowed: it must not give the
        # previous answer again when the passages hold another sentence
        avoid = history[-1].answer if history and not q.own else None
        sentence = self.answer(q, ranking, avoid)
        refusal = abstain.after_answer(q, sentence)
        if refusal is not None:
            return Outcome(q, text, ranking.hits, refusal, None, terms, Context(own, (), q.entities, weights))
        new = conversation.answer_entities(sentence or "", q.question, q.entities, self.kb.lexicon)
        context = Context(own, new, tuple(dict.fromkeys([*q.entities, *new])), weights, sentence)
        return Outcome(q, text, ranking.hits, None, sentence, terms, context)

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
        sentence = answer.choose(passages, idf, self.analyzer, p, alts=q.alts, cue=cue, avoid=avoid)
        if sentence is None:
            topic = q.topic_terms()
            idf = {t: self.searcher.idf(t) * w for t, w in ranking.weights.items() if t in topic}
            sentence = answer.choose(passages, idf, self.analyzer, p, alts=q.alts, cue=cue, avoid=avoid)
        if sentence is None and passages:
            sentence = answer.lead(passages[0])
        return sentence

"""From a question to ranked passages: query planning, re-ranking and abstention.

Plain BM25 is the first stage (qabot.search). On top of it (README, "Retrieval
quality", has each step's measured effect on the dev question set):

- entity aliases and synonyms add the other names of what the question names;
- typo repair for words absent from the corpus (edit distance <= 2, longer words);
- words naming the kind of answer ("role", "held") weigh little;
- follow-ups borrow the previous question's words and answer's entities;
- re-ranking by query coverage, question-type cues, captions and named entities;
- RM3-style pseudo-relevance feedback from the best re-ranked passages;
- near-duplicate suppression in the results;
- abstention: unknown entities or names, or too little of the question matched.

The constants below were set on the dev half of tests/questions.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import conversation
from .analysis import Analyzer, surface_text
from .cues import CUE_CAP, CUE_TYPES, question_type
from .index import Index
from .lexicon import Lexicon, Mention
from .search import Hit, Retriever

# Weights of added query terms relative to the question's own words (1.0).
ALIAS_WEIGHT = 0.5
SYNONYM_WEIGHT = 0.35
PREFIX_WEIGHT = 0.7
RM3_MASS = 0.1  # share of the original query weight given to feedback terms
RM3_TERMS = 8
#: Feedback only when the best passage covers less than this share of the question
#: (dev: equal figures at 0.9; at 0.8 the "why did Hanoi end early?" answer got worse).
FEEDBACK_BELOW = 0.9
RM3_DOCS = 3
FIRST_STAGE = 60
# Re-ranking
COVERAGE = 0.6  # final *= (1 - COVERAGE) + COVERAGE * coverage
CUE = 0.3  # final *= 1 + CUE * cue strength (0..1)
# Abstention: refuse when the best passage covers less than this share of the query
COVERAGE_FLOOR = 0.3
#: Words that name the kind of answer wanted ("what role does X play", "where was it
#: held") rather than its topic: the question-type cue rewards the answer kind, so
#: these weigh little.
FRAME_WORDS = {
    "role": "role play part",
    "when": "date time day",
    "where": "place location held hold",
    "why": "reason cause",
    "who": "person people name",
    "number": "number",
}
FRAME_WEIGHT = 0.15
#: An absent content word counts against coverage with this share of an unseen
#: word's idf (a synonym found in the passage covers it partly).
ABSENT_WEIGHT = 0.5
#: A passage naming none of the question's entities keeps (1 - ENTITY) of its score
#: ("where is Kim likely to go next?" must not be won by a passage about "next
#: quarter"; dev: neutral at any value up to 0.6).
ENTITY = 0.15
DUPLICATE = 0.8  # token Jaccard above which a lower passage is a near-duplicate
#: Photo captions restate the story around a picture; short and dense with names, they
#: would otherwise win many questions about who met whom (dev: neutral; found by hand).
CAPTION = 0.8


@dataclass
class Plan:
    """What will be searched for a question, and why."""

    question: str
    qtype: str | None
    own: dict[str, float] = field(default_factory=dict)  # the question's own tokens -> weight
    weights: dict[str, float] = field(default_factory=dict)  # everything searched before feedback
    expanded: set[str] = field(default_factory=set)  # alias and synonym tokens added
    borrowed: list[str] = field(default_factory=list)  # the previous question's words, carried on
    carried: list[str] = field(default_factory=list)  # names borrowed from the previous answer
    carried_terms: set[str] = field(default_factory=set)  # ... as tokens
    entities: list[str] = field(default_factory=list)  # display names the question names
    entity_terms: list[set[str]] = field(default_factory=list)  # each named entity's tokens
    corrections: dict[str, str] = field(default_factory=dict)  # misspelt word -> corpus word
    unknown: list[str] = field(default_factory=list)  # content words absent from the corpus
    absent: list[str] = field(default_factory=list)  # "?word": absent words that count against coverage
    # own token -> {other token: credit}: a passage holding an alias or synonym of a
    # question word covers that word partly (entity alias 0.8, synonym 0.5)
    alts: dict[str, dict[str, float]] = field(default_factory=dict)
    refuse: str | None = None

    def topic_terms(self) -> set[str]:
        """The words an answer is judged on: own, borrowed, aliases/synonyms (no feedback)."""
        return set(self.own) | set(self.borrowed) | self.carried_terms | self.expanded

    def add(self, term: str, weight: float) -> None:
        """Search ``term`` at ``weight`` unless it is already weighed at least as much."""
        if term not in self.own:
            self.weights[term] = max(self.weights.get(term, 0.0), weight)


@dataclass(frozen=True)
class Ranking:
    """The outcome of :meth:`Ranker.rank`."""

    hits: list[Hit]
    coverage: float  # share of the question the best passage covers (0..1)
    weights: dict[str, float]  # the query finally searched (with feedback terms)


def _osa(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, giving up above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Ranker:
    def __init__(self, index: Index, scorer: Retriever, analyzer: Analyzer, lexicon: Lexicon) -> None:
        self.ix = index
        self.scorer = scorer
        self.analyzer = analyzer
        self.lexicon = lexicon
        self._letters: tuple[list[str], np.ndarray, np.ndarray] | None = None
        self._entity_known: dict[int, bool] = {}
        self._frame = {q: frozenset(analyzer.analyze(words)) for q, words in FRAME_WORDS.items()}

    # ------------------------------------------------------------ planning

    def _known(self, token: str) -> bool:
        return token in self.ix.vocab

    def entity_in_corpus(self, group: int) -> bool:
        hit = self._entity_known.get(group)
        if hit is None:
            names = self.lexicon.entities[group].names
            hit = any((toks := self.analyzer.analyze(n)) and all(self._known(t) for t in toks) for n in names)
            self._entity_known[group] = hit
        return hit

    def _typo(self, word: str) -> str | None:
        """The corpus word nearest to ``word`` (absent from the corpus), or None.

        Edit distance 1 for words of 6-7 letters, 2 from 8. Candidates are first cut with
        numpy to words of a close length whose letter counts differ by at most twice the
        distance (a lower bound of it), so only a handful get the exact comparison.
        """
        if len(word) < 6 or not word.isascii() or not word.isalpha():
            return None
        if self._letters is None:
            words = [w for w in self.ix.stems if w.isascii() and w.isalpha()]
            counts = np.zeros((len(words), 26), dtype=np.int16)
            for r, w in enumerate(words):
                for c in w:
                    counts[r, ord(c) - 97] += 1
            self._letters = (words, counts, np.asarray([len(w) for w in words], dtype=np.int16))
        words, counts, lengths = self._letters
        limit = 1 if len(word) < 8 else 2
        mine = np.zeros(26, dtype=np.int16)
        for c in word:
            mine[ord(c) - 97] += 1
        close = np.flatnonzero(
            (np.abs(lengths - len(word)) <= limit) & (np.abs(counts - mine).sum(axis=1) <= 2 * limit)
        )
        best: tuple[int, int, str] | None = None
        for r in close.tolist():
            cand = words[r]
            d = _osa(word, cand, limit)
            if d <= limit:
                t = self.ix.vocab.get(self.ix.stems[cand])
                df = int(self.ix.df[t]) if t is not None else 0
                key = (d, -df, cand)
                if best is None or key < best:
                    best = key
        return best[2] if best else None

    def _prefix(self, token: str) -> list[str]:
        """Corpus terms that extend ``token`` ("congress" -> "congression")."""
        if len(token) < 5:
            return []
        vocab = self.ix.vocab_list
        i = bisect.bisect_left(vocab, token)
        out: list[str] = []
        while i < len(vocab) and vocab[i].startswith(token) and len(out) < 3:
            out.append(vocab[i])
            i += 1
        return out

    def plan(self, question: str, history: Sequence[conversation.Turn] = ()) -> Plan:
        """Turn a question (and the turns before it) into weighted terms, or a refusal."""
        plan = Plan(question, question_type(question))
        mentions = self.lexicon.entity_mentions(question)
        spans, unknown_names = self._own_terms(plan, mentions)
        missing = self._expand_entities(plan, mentions, spans)
        self._expand_synonyms(plan, spans)
        self._carry_over(plan, history, len(plan.entities) + len(missing))
        for t in plan.own:
            if t in self._frame.get(plan.qtype or "", ()):
                plan.own[t] = FRAME_WEIGHT  # "role" in "what role does X play": the cue's job
        plan.weights.update(plan.own)
        if missing:
            plan.refuse = f"the briefings never mention {join_or(missing)}"
        elif unknown_names:
            plan.refuse = f"the briefings never mention {join_or(unknown_names)}"
        elif not plan.weights:
            plan.refuse = (
                f"the briefings never mention {join_or(plan.unknown)}"
                if plan.unknown
                else "the question has no words to search for (only stopwords or punctuation)"
            )
        return plan

    def _own_terms(
        self, plan: Plan, mentions: Sequence[Mention]
    ) -> tuple[list[tuple[str, int, int]], list[str]]:
        """The question's words: known ones, typo-repaired ones, longer forms; absent ones noted.

        Returns each term's span in the question (to match names and synonyms to the
        words they cover) and the capitalised names the corpus lacks.
        """
        text = surface_text(plan.question)  # the string whose offsets ``surface`` gives
        mixed_case = any(c.islower() for c in text) and any(c.isupper() for c in text)
        first_word = re.match(r"\s*\S+", text)
        sentence_start = first_word.end() if first_word else 0
        covered = [(m.start, m.end) for m in mentions]
        spans: list[tuple[str, int, int]] = []
        unknown_names: list[str] = []
        own = plan.own
        for word, token, a, b in self.analyzer.surface(plan.question):
            if self._known(token):
                own[token] = own.get(token, 0.0) + 1.0
                spans.append((token, a, b))
                continue
            in_entity = any(x < b and a < y for x, y in covered)
            fixed = None if in_entity else self._typo(word)
            if fixed is not None:
                t = self.ix.stems[fixed]
                own[t] = own.get(t, 0.0) + 1.0
                plan.corrections[word] = fixed
                continue
            longer = self._prefix(token)
            if longer:  # the question's own word in another form: it counts as its own
                for t in longer:
                    own[t] = max(own.get(t, 0.0), PREFIX_WEIGHT)
                    spans.append((t, a, b))
                continue
            plan.unknown.append(word)
            if in_entity:
                continue
            if mixed_case and a >= sentence_start and text[a : a + 1].isupper():
                unknown_names.append(text[a:b])
            else:  # an absent word still counts against coverage (unless a synonym stands in)
                plan.absent.append(f"?{word}")
                spans.append((f"?{word}", a, b))
        return spans, unknown_names

    def _expand_entities(
        self, plan: Plan, mentions: Sequence[Mention], spans: Sequence[tuple[str, int, int]]
    ) -> list[str]:
        """Known entities add their other names; returns the entities the corpus lacks."""
        missing: list[str] = []
        for m in mentions:
            for g in m.groups:
                ent = self.lexicon.entities[g]
                if not self.entity_in_corpus(g):
                    missing.append(ent.name)
                    continue
                if ent.name not in plan.entities:
                    plan.entities.append(ent.name)
                inside = [t for t, a, b in spans if a < m.end and m.start < b]
                names = set(inside)
                for name in ent.names:
                    toks = [t for t in self.analyzer.analyze(name) if self._known(t)]
                    for t in toks:
                        plan.add(t, ALIAS_WEIGHT / len(toks))
                        plan.expanded.add(t)
                        for o in inside:
                            plan.alts.setdefault(o, {})[t] = 0.8
                    if len(toks) == 1:  # a one-word name identifies the entity by itself
                        names.update(toks)
                plan.entity_terms.append(names)
        return missing

    def _expand_synonyms(self, plan: Plan, spans: Sequence[tuple[str, int, int]]) -> None:
        for m in self.lexicon.synonym_mentions(plan.question):
            inside = [t for t, a, b in spans if a < m.end and m.start < b]
            for g in m.groups:
                for phrase in self.lexicon.synonyms[g]:
                    toks = [t for t in self.analyzer.analyze(phrase) if self._known(t)]
                    for t in toks:
                        plan.add(t, SYNONYM_WEIGHT / len(toks))
                        plan.expanded.add(t)
                        for o in inside:
                            alt = plan.alts.setdefault(o, {})
                            alt[t] = max(alt.get(t, 0.0), 0.5)

    def _carry_over(self, plan: Plan, history: Sequence[conversation.Turn], n_entities: int) -> None:
        """A follow-up borrows the previous question's words and the previous answer's names."""
        res = conversation.resolve(plan.question, history, n_entities, len(plan.own))
        if not res.follow_up:
            return
        for t in res.borrowed_terms:
            if t not in plan.own:
                plan.add(t, conversation.CARRY_WEIGHT)
                plan.borrowed.append(t)
        for name in res.borrowed_names:
            for t in self.analyzer.analyze(name):
                if self._known(t) and t not in plan.own:
                    plan.add(t, conversation.ANSWER_CARRY_WEIGHT)
                    plan.carried_terms.add(t)
        plan.carried = list(res.borrowed_names)

    # ------------------------------------------------------------ ranking

    def _feedback(self, top: list[tuple[int, float]], weights: dict[str, float]) -> dict[str, float]:
        """RM3: terms frequent in the best passages (weighted by score) and rare in the corpus."""
        total_score = sum(max(score, 0.0) for _, score in top)
        if total_score <= 0:
            return {}
        gain: dict[str, float] = {}
        for i, score in top:
            share = max(score, 0.0) / total_score
            toks = self.ix.tokens_of(i)
            for t, c in Counter(toks).items():
                if t not in weights and not t.isdigit():
                    gain[t] = gain.get(t, 0.0) + share * (c / len(toks)) * self.scorer.idf(self.ix.vocab[t])
        best = sorted(gain.items(), key=lambda kv: (-kv[1], kv[0]))[:RM3_TERMS]
        if not best:
            return {}
        total = sum(v for _, v in best)
        mass = RM3_MASS * sum(weights.values())
        return {t: mass * v / total for t, v in best}

    def rank(self, plan: Plan, k: int) -> Ranking:
        """The k best passages for ``plan``: BM25, feedback, re-ranking, de-duplication."""
        weights = dict(plan.weights)
        acc, _ = self.scorer.scores(weights)
        # every weight is positive and BM25Plus idf > 0, so a passage holds a query term
        # exactly when its score is above zero: no need to merge posting lists
        first = self.scorer.first_stage(acc, FIRST_STAGE)
        if len(first) == 0:
            return Ranking([], 0.0, weights)
        features = _Features(self, plan)
        scored = features.rerank(acc, first)
        # feedback from the best passages after re-ranking, so a short passage that BM25
        # alone over-rates (and that misses the question's entity) cannot steer it; and
        # only when the best passage leaves part of the question uncovered
        extra: dict[str, float] = {}
        if scored[0][2] < FEEDBACK_BELOW:
            extra = self._feedback([(i, final) for final, i, _ in scored[:RM3_DOCS]], weights)
        if extra:
            weights.update(extra)
            acc += self.scorer.scores(extra)[0]  # scores add up term by term
            # the features do not depend on feedback terms: only new passages are scored
            scored = features.rerank(acc, self.scorer.first_stage(acc, FIRST_STAGE))
        chosen: list[tuple[float, int]] = []
        kept: list[set[int]] = []
        for final, i, _ in scored:
            toks = set(self.ix.token_ids(i).tolist())
            if any(len(toks & other) / max(len(toks | other), 1) >= DUPLICATE for other in kept):
                continue  # a near-duplicate of a passage already shown
            kept.append(toks)
            chosen.append((final, i))
            if len(chosen) >= k:
                break
        terms = list(weights)
        held = self.scorer.holds_many(terms, np.asarray([i for _, i in chosen], dtype=np.int64))
        hits = [
            Hit(i, self.ix.passage(i).pid, final, tuple(t for t, h in zip(terms, row, strict=True) if h))
            for (final, i), row in zip(chosen, held.tolist(), strict=True)
        ]
        return Ranking(hits, scored[0][2] if scored else 0.0, weights)


class _Features:
    """The re-ranking features of one question's passages, each computed once.

    A passage's multiplier (coverage of the question, cue words, caption, named entities)
    depends on the question and the passage only, not on the feedback terms, so the
    second pass after feedback reuses what the first pass found.
    """

    def __init__(self, ranker: Ranker, plan: Plan) -> None:
        self.r = ranker
        self.plan = plan
        scorer, vocab = ranker.scorer, ranker.ix.vocab
        # the question's mass: its own words, absent words, words borrowed from the turn before
        mass = {t: w * scorer.idf(vocab[t]) for t, w in plan.own.items()}
        unseen = ABSENT_WEIGHT * math.log(ranker.ix.n_passages + 1)  # idf of a word in no passage
        mass.update((word, unseen) for word in plan.absent)
        for t in plan.borrowed:
            mass[t] = plan.weights[t] * scorer.idf(vocab[t])
        self.mass = mass
        self.total = sum(mass.values()) or 1.0
        # the terms a feature looks at: question words, their alternatives, entity names
        wanted = {t for t in mass if t in vocab}
        for options in plan.alts.values():
            wanted.update(options)
        for names in plan.entity_terms:
            wanted.update(names)
        self.terms = sorted(wanted)
        # the index's cue-count column for this question type (None: untyped question)
        self.cue_column = CUE_TYPES.index(plan.qtype) if plan.qtype in CUE_TYPES else None
        self.known: dict[int, tuple[float, float]] = {}  # passage -> (multiplier, coverage)

    def rerank(self, acc: np.ndarray, first: np.ndarray) -> list[tuple[float, int, float]]:
        """(score, passage, coverage) of the first-stage passages, best first."""
        new = [int(i) for i in first if int(i) not in self.known]
        if new:
            holding = self.r.scorer.holds_many(self.terms, np.asarray(new, dtype=np.int64))
            for i, row in zip(new, holding.tolist(), strict=True):
                self.known[i] = self._features(i, {t for t, h in zip(self.terms, row, strict=True) if h})
        scored = []
        for i in (int(x) for x in first):
            multiplier, coverage = self.known[i]
            scored.append((float(acc[i]) * multiplier, i, coverage))
        scored.sort(key=lambda x: (-x[0], x[1]))
        return scored

    def _features(self, i: int, held: set[str]) -> tuple[float, float]:
        plan = self.plan
        coverage = 0.0
        for t, m in self.mass.items():
            if t in held:
                coverage += m
            else:
                coverage += m * max((c for a, c in plan.alts.get(t, {}).items() if a in held), default=0.0)
        coverage /= self.total
        multiplier = (1 - COVERAGE) + COVERAGE * coverage
        if self.cue_column is not None:  # cue words counted (up to CUE_CAP) at build time
            multiplier *= 1 + CUE * int(self.r.ix.cues[i, self.cue_column]) / CUE_CAP
        if self.r.ix.passage(i).kind == "caption":
            multiplier *= CAPTION
        if plan.entity_terms:  # a passage that names none of the question's entities
            named = sum(1 for names in plan.entity_terms if names & held)
            multiplier *= (1 - ENTITY) + ENTITY * named / len(plan.entity_terms)
        return multiplier, coverage


def join_or(words: Sequence[str], quote: bool = False) -> str:
    """ "a", "a or b", "a, b or c" (duplicates dropped), for messages to the user."""
    unique = [f'"{w}"' if quote else w for w in dict.fromkeys(words)]
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " or " + unique[-1]


def query_text(own: Mapping[str, float], weights: Mapping[str, float]) -> str:
    """The query as ``--json`` shows it: the question's own terms, then each added term
    (aliases, synonyms, carried words, feedback) with its weight, ``term^0.35``."""
    extra = [f"{t}^{w:.2f}" for t, w in weights.items() if t not in own]
    return " ".join([*own, *extra])

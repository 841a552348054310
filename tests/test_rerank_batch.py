"""Re-ranking scores its new passages in one batch (arrays over a numpy backend, a loop
over a light one): it must give the bits a passage-at-a-time reading of the features
gives, on random passages, questions and parameters.

:func:`one_at_a_time` is that reading, written out here on its own: each feature of one
passage from the searcher's single-passage calls (``holds`` of one passage, ``kind``,
``cue_count``, a substring search per phrase), combined in the order the multiplier
is documented in. Exact equality (``==`` on floats), not closeness.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from benchmarks.gen import generate
from qabot import lexicon
from qabot.analysis import Analyzer, fold
from qabot.index import Index, build
from qabot.index.light import LightIndex
from qabot.search.bm25 import IndexSearcher
from qabot.search.light import LightSearcher
from qabot.search.params import DEFAULT, Params
from qabot.search.pipeline import Pipeline
from qabot.search.query import Query
from qabot.search.rerank import Features, dedupe
from qabot.search.searcher import Searcher, rows

WORD = re.compile(r"\w+(?:'\w+)*")
#: the shipped gazetteer, aliases and synonyms: entities, alternatives and their credits
LEXICON = lexicon.load()

QUESTIONS = [
    "why did Hanoi end early?",
    "what is China's role in the talks?",
    "sanctions relief for North Korea",
    "who is Stephen Biegun?",
    "what will South Korea do after the summit?",
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rerank-batch")
    generate(folder / "corpus", 600, seed=11)
    build(folder / "corpus", folder / "index")
    return folder / "index"


def one_at_a_time(f: Features, s: Searcher, i: int) -> tuple[float, float]:
    """Passage ``i``'s (multiplier, coverage), feature by feature, from single-passage calls."""
    q, p = f.q, f.p

    def share(held: set[str]) -> float:
        cover = 0.0
        for t, m in f.mass.items():
            best = 1.0 if t in held else 0.0  # an alternative's credit is at most 1
            for a, c in q.alts.get(t, {}).items():
                if a in held:
                    best = max(best, c)
            cover += m * best
        return cover / f.total

    held = {t for t, h in zip(f.terms, rows(s.holds(f.terms, [i]))[0], strict=True) if h}
    coverage = share(held)
    multiplier = (1 - p.coverage) + p.coverage * coverage
    if f.written:
        words = WORD.findall(s.passage(i).text.lower().replace("\u2019", "'"))
        text = f" {' '.join(words)} "
        factor = 1.0
        if p.phrase_bonus > 0 and f.phrases:
            factor *= 1 + p.phrase_bonus * sum(1 for r in f.phrases if r in text) / len(f.phrases)
        if p.phrase3_bonus > 0 and f.triples:
            factor *= 1 + p.phrase3_bonus * sum(1 for r in f.triples if r in text) / len(f.triples)
        if p.exact_bonus > 0 and f.surface:
            exact = sum(m for forms, m in f.forms if any(x in text for x in forms))
            factor *= 1 + p.exact_bonus * exact / f.total
        multiplier *= factor
    if p.sentence_bonus > 0:  # the best sentence: its share of the question and of its pairs
        passage = s.passage(i)
        holds = []
        for a, b in passage.sentences or ((0, len(passage.text)),):
            piece = passage.text[a:b]
            words = WORD.findall(piece.lower().replace("\u2019", "'"))
            spaced = f" {' '.join(words)} "
            pairs = sum(1 for r in f.phrases if r in spaced) / len(f.phrases) if f.phrases else 0.0
            holds.append(share(set(f.analyzer.term_set(piece))) + pairs)
        multiplier *= 1 + p.sentence_bonus * max(holds, default=0.0) ** 2
    if p.window_coverage > 0 or (p.pair_bonus > 0 and f.pairs):
        best, pairs = f._local(i)
        if p.window_coverage > 0:
            multiplier *= (1 - p.window_coverage) + p.window_coverage * best
        multiplier *= 1 + p.pair_bonus * pairs
    if p.doc_coverage > 0:
        starts = [int(x) for x in s.doc_starts()]
        d = max(k for k, first in enumerate(starts) if first <= i)
        end = starts[d + 1] if d + 1 < len(starts) else s.n_passages
        doc = set()
        for j in range(starts[d], end):
            doc |= {t for t, h in zip(f.terms, rows(s.holds(f.terms, [j]))[0], strict=True) if h}
        multiplier *= (1 - p.doc_coverage) + p.doc_coverage * share(doc)
    if q.qtype is not None:
        multiplier *= 1 + p.cue * min(s.cue_count(i, q.qtype), p.cue_full) / p.cue_full
    if s.kind(i) == "caption":
        multiplier *= p.caption
    if q.entity_terms:
        named = sum(1 for names in q.entity_terms if names & held)
        multiplier *= (1 - p.entity) + p.entity * named / len(q.entity_terms)
    return multiplier, coverage


def _params(rng: random.Random) -> Params:
    """Random re-ranking parameters, features switched on and off at random."""
    spec = [
        f"coverage={rng.choice([0, 0.6, rng.random()])}",
        f"doc_coverage={rng.choice([0, 0.6, rng.random()])}",
        f"phrase_bonus={rng.choice([0, 0.8, 2 * rng.random()])}",
        f"phrase3_bonus={rng.choice([0, 0.3, rng.random()])}",
        f"exact_bonus={rng.choice([0, rng.random()])}",
        f"sentence_bonus={rng.choice([0, 1, 2 * rng.random()])}",
        f"pair_bonus={rng.choice([0, rng.random()])}",
        f"window_coverage={rng.choice([0, rng.random()])}",
        f"window_size={rng.randint(1, 15)}",
        f"cue={rng.choice([0, 0.3, rng.random()])}",
        f"cue_full={rng.randint(1, 4)}",
        f"caption={rng.choice([1, 0.8, rng.random()])}",
        f"entity={rng.choice([0, 0.15, rng.random()])}",
    ]
    return DEFAULT.with_overrides(spec)


def _question(rng: random.Random, s: Searcher) -> str:
    """A question of random words from random passages (as written: phrases occur)."""
    if rng.random() < 0.3:
        return rng.choice(QUESTIONS)
    words = WORD.findall(fold(s.passage(rng.randrange(s.n_passages)).text))
    start = rng.randrange(max(1, len(words) - 6))
    picked = words[start : start + rng.randint(2, 6)]
    if rng.random() < 0.4:  # a place or a party the gazetteer knows (entities, aliases)
        picked.append(rng.choice(["North Korea", "China", "Pyongyang", "the US", "DPRK", "Beijing", "UN"]))
    if rng.random() < 0.5:  # and a few words from elsewhere
        other = WORD.findall(s.passage(rng.randrange(s.n_passages)).text)
        picked += rng.sample(other, min(2, len(other)))
    return f"{rng.choice(['why', 'what', 'who', 'when', 'where', 'how many'])} {' '.join(picked)}?"


@pytest.mark.parametrize("backend", ["numpy", "light"])
def test_batched_features_equal_one_passage_at_a_time(index: Path, backend: str) -> None:
    s: Searcher = IndexSearcher(Index(index)) if backend == "numpy" else LightSearcher(LightIndex(index))
    an = Index(index).analyzer()
    rng = random.Random(20261203)
    checked = named = alts = 0
    for _ in range(40):
        p = _params(rng)
        q: Query = Pipeline(s, an, LEXICON, p).query(_question(rng, s))
        if not q.weights:
            continue
        f = Features(s, q, p)
        # random passages in random batches, some seen before (not scored again)
        for _ in range(3):
            ids = rng.sample(range(s.n_passages), rng.randint(1, 60))
            scores = [rng.random() * 10 for _ in ids]
            ranked = f.rerank(ids, scores)
            assert sorted(r.passage for r in ranked) == sorted(ids)
        for i, got in f.known.items():
            assert got == one_at_a_time(f, s, i), (q.question, i)
            checked += 1
        named += bool(q.entity_terms)
        alts += bool(q.alts)
    assert checked > 1000 and named >= 5 and alts >= 5


def test_numpy_and_light_batches_agree(index: Path) -> None:
    """The array path and the light backend's passage loop: the same bits."""
    heavy, light = IndexSearcher(Index(index)), LightSearcher(LightIndex(index))
    an = Index(index).analyzer()
    rng = random.Random(7)
    for _ in range(30):
        p = _params(rng)
        question = _question(rng, heavy)
        fs = [Features(s, Pipeline(s, an, LEXICON, p).query(question), p) for s in (heavy, light)]
        ids = rng.sample(range(heavy.n_passages), rng.randint(1, 80))
        scores = [rng.random() for _ in ids]
        a, b = (f.rerank(ids, scores) for f in fs)
        assert a == b, question
        assert fs[0].known == fs[1].known


def test_dedupe_jaccard_equals_the_set_union(index: Path) -> None:
    """Dedupe's union counted as |a| + |b| - |a & b| keeps what the union set would."""
    s = IndexSearcher(Index(index))
    rng = random.Random(3)
    for _ in range(20):
        q = Pipeline(s, Index(index).analyzer(), LEXICON, DEFAULT).query(_question(rng, s))
        if not q.weights:
            continue
        first, score = s.best([q.weights], 60)
        scored = Features(s, q, DEFAULT).rerank(first, score)
        threshold = rng.choice([0.3, 0.5, 0.8, 1.0])
        kept: list[set[str]] = []
        want = []
        for sc in scored:
            toks = set(s.tokens(sc.passage))
            if any(len(toks & o) / max(len(toks | o), 1) >= threshold for o in kept):
                continue
            kept.append(toks)
            want.append(sc)
            if len(want) >= 10:
                break
        assert dedupe(s, scored, 10, threshold) == want


def test_a_phrase_split_across_two_passages_is_held_by_neither() -> None:
    """The batch searches the passages' words joined in one string: a run of the
    question's words that only the join puts in a row counts for no passage."""
    from tests.test_pipeline_stages import LEXICON as FAKE_LEXICON
    from tests.test_pipeline_stages import FakeSearcher

    s = FakeSearcher(
        [
            ("paragraph", "The envoy spoke of sanctions."),
            ("paragraph", "Relief came later for the farmers."),
            ("paragraph", "They asked for sanctions relief at once."),
            ("paragraph", "Sanctions relief, they said; sanctions relief now."),
        ]
    )
    q = Pipeline(s, Analyzer(), FAKE_LEXICON, DEFAULT).query("Why sanctions relief?")
    f = Features(s, q, DEFAULT.with_overrides(["phrase3_bonus=0"]))
    assert f.phrases == {" sanctions relief "}
    assert f._as_written([0, 1, 2]) == [1.0, 1.0, 1 + DEFAULT.phrase_bonus]
    assert f._as_written([2, 0]) == [1 + DEFAULT.phrase_bonus, 1.0]
    assert f._as_written([3, 1]) == [1 + DEFAULT.phrase_bonus, 1.0]  # held twice: one run


def test_batch_kinds_and_cues_equal_the_single_lookups(tmp_path: Path) -> None:
    """Index.kinds / cue_counts (arrays, per segment) give what kind / cue_count give
    passage by passage, over an index of several segments, in any order of ids."""
    corpus = tmp_path / "corpus"
    generate(corpus, 200, seed=5)
    build(corpus, tmp_path / "index")
    generate(corpus, 80, seed=6, start=500)  # a second segment
    build(corpus, tmp_path / "index")
    rng = random.Random(1)
    for ix in (Index(tmp_path / "index"), LightIndex(tmp_path / "index")):
        assert len(ix.segments) > 1
        ids = [rng.randrange(ix.n_passages) for _ in range(150)]
        assert ix.kinds(ids) == [ix.kind(i) for i in ids]
        assert {k for k in ix.kinds(range(ix.n_passages))} >= {"paragraph", "bullet"}
        for column in range(3):
            assert ix.cue_counts(ids, column) == [ix.cue_count(i, column) for i in ids]
        with pytest.raises(IndexError):
            ix.kinds([ix.n_passages])

"""The numpy-free ask path (qabot.index.light, qabot.search.light) against the numpy one.

A one-shot ``qabot ask`` over a small index reads and scores it in pure Python; these
tests hold it to the numpy reader and scorer exactly (the same passages, statistics and
float64 scores, bit for bit, and the same answers) on the shipped corpus and on random
synthetic ones with several segments and deleted briefings, and to rank-bm25.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks.gen import generate
from qabot import cues
from qabot.api import QA
from qabot.index import Index, build
from qabot.index.light import LightIndex, read_npy, small
from qabot.index.segfiles import Damaged
from qabot.search import BM25Scorer, query_weights, reference_scores
from qabot.search.light import LightScorer, LightSearcher
from tests.conftest import CORPUS, ROOT

QUESTIONS = [
    "why did Hanoi end early?",
    "who is Stephen Biegun?",
    "sanctions relief for North Korea",
    "what will South Korea do after the summit?",
    "summit summit talks",
    "Did the talks in Vietnam totally fail?",
    "denuclearisation of the peninsula",  # a spelling the corpus lacks: typo repair
    "what happened in 2018?",
    "latest news on Yongbyon",
]


def same_index(light: LightIndex, heavy: Index) -> None:
    assert light.n_passages == heavy.n_passages and light.avgdl == heavy.avgdl
    assert light.docs == heavy.docs and light.vocab_list == heavy.vocab_list
    assert light.df == heavy.df.tolist()
    for t in range(len(light.vocab_list)):
        got = light.pieces(t)
        want = [(p.pids.tolist(), p.tf.tolist(), p.dl.tolist()) for p in heavy.pieces(t)]
        assert got == want, light.vocab_list[t]
    for i in range(heavy.n_passages):
        assert light.passage(i) == heavy.passage(i) and light.pid(i) == heavy.pid(i)
        assert light.kind(i) == heavy.kind(i)
        assert [light.cue_count(i, c) for c in range(len(cues.CUE_TYPES))] == heavy.cues[i].tolist()
        assert light.token_ids(i) == heavy.token_ids(i).tolist()
    assert light.stems == heavy.stems


def same_scores(light: LightIndex, heavy: Index, rng: random.Random, rounds: int = 60) -> None:
    """Random queries of one and two parts, weights positive and not: the same passages
    and scores, compared as floats with ``==`` (bit for bit, not close)."""
    ls, hs = LightScorer(light), BM25Scorer(heavy)
    terms = light.vocab_list
    for _ in range(rounds):
        words = [*rng.sample(terms, min(len(terms), rng.randint(1, 6))), "notaterm"]
        weights = {w: rng.choice([1.0, 2.0, 0.5, 0.25, 3.0]) for w in words}
        extra = {w: rng.choice([0.3, 0.1, -0.2]) for w in rng.sample(terms, min(3, len(terms)))}
        for parts in ([weights], [weights, extra]):
            for n in (1, 10, 60, 10_000):
                got = ls.best(parts, n)
                ids, score = hs.best(parts, n)
                assert got == (ids.tolist(), score.tolist()), (parts, n)
        allow = [rng.random() < 0.5 for _ in range(light.n_passages)]
        got = ls.best([weights], 20, allow)
        ids, score = hs.best([weights], 20, np.asarray(allow))
        assert got == (ids.tolist(), score.tolist())
        some = rng.sample(range(light.n_passages), min(30, light.n_passages))
        assert ls.holds_many(words, some) == hs.holds_many(words, np.asarray(some, dtype=np.int64)).tolist()
        for w in words[:-1]:
            t = light.vocab[w]
            for i in some[:5]:
                assert ls.term_score(t, i) == hs.term_score(t, i)


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus built in three steps: three segments, one with a deletion."""
    folder = tmp_path_factory.mktemp("light")
    corpus, ix = folder / "corpus", folder / "ix"
    generate(corpus, 300, seed=11)
    build(corpus, ix)
    generate(corpus, 80, seed=12, start=900)  # sorts after the others: segments in order
    build(corpus, ix)
    (corpus / "a-first.md").write_text("# First\n\nHanoi and the summit, the summit in Hanoi.\n")
    sorted(corpus.glob("*.md"))[5].unlink()
    build(corpus, ix)  # out of corpus order, and a briefing deleted
    return ix


def test_shipped_index_reads_and_scores_the_same(shared_index: Path) -> None:
    light, heavy = LightIndex(shared_index), Index(shared_index)
    same_index(light, heavy)
    same_scores(light, heavy, random.Random(1))


def test_segments_and_deletions_read_and_score_the_same(segmented: Path) -> None:
    light, heavy = LightIndex(segmented), Index(segmented)
    assert len(light.segments) >= 2 and any(s.deletions.docs for s in light.segments)
    same_index(light, heavy)
    same_scores(light, heavy, random.Random(2))


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_random_small_corpora_score_the_same(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    corpus, ix = tmp_path / "corpus", tmp_path / "ix"
    generate(corpus, rng.randint(5, 120), seed=seed)
    build(corpus, ix)
    light, heavy = LightIndex(ix), Index(ix)
    same_index(light, heavy)
    same_scores(light, heavy, rng, rounds=30)


def test_scores_are_rank_bm25s(shared_index: Path) -> None:
    """Summed over the query (with the constant every passage gets), the light scores are
    rank-bm25's BM25Plus within 1e-6, and the best ten in rank-bm25's order."""
    light, heavy = LightIndex(shared_index), Index(shared_index)
    scorer = LightScorer(light)
    for q in QUESTIONS:
        tokens = light.analyzer().analyze(q)
        weights = query_weights(tokens)
        ref = reference_scores(heavy, tokens)
        ids = [(w, light.vocab[x]) for x, w in weights.items() if x in light.vocab]
        const = sum(w * scorer.idf(t) * scorer.delta for w, t in ids)
        sums = scorer.sums(weights)
        dense = np.asarray([sums.get(i, 0.0) + const for i in range(light.n_passages)])
        assert np.allclose(dense, ref, atol=1e-6, rtol=0), q
        held = [i for i in range(light.n_passages) if i in sums]
        expected = [i for i in np.argsort(-ref, kind="stable").tolist() if i in held][:10]
        assert scorer.best([weights], 10)[0] == expected, q


def test_answers_are_the_same(shared_index: Path, segmented: Path) -> None:
    for folder in (shared_index, segmented):
        heavy = QA(Index(folder))
        light = QA(LightIndex(folder))
        assert isinstance(light.searcher, LightSearcher)
        for q in QUESTIONS:
            for since, until in ((None, None), ("2019-02-27", None), (None, "2019-01")):
                got = light.ask(q, k=5, since=since, until=until)
                assert got == heavy.ask(q, k=5, since=since, until=until), (q, since, until)
            assert light.timeline(q) == heavy.timeline(q), q


def test_only_a_small_index_is_read_light(shared_index: Path) -> None:
    from qabot.index.manifest import read_manifest

    manifest = read_manifest(shared_index)
    assert manifest is not None and small(manifest)
    assert not small({**manifest, "passages": 10**6}) and not small(None)
    assert isinstance(QA.open(CORPUS, shared_index, light=True).index, LightIndex)
    assert isinstance(QA.open(CORPUS, shared_index).index, Index)


def _npy(tmp_path: Path, header: str, body: bytes) -> Path:
    path = tmp_path / "x.npy"
    head = header + " " * (128 - 10 - len(header) - 1) + "\n"
    path.write_bytes(b"\x93NUMPY\x01\x00" + len(head).to_bytes(2, "little") + head.encode("latin1") + body)
    return path


def test_npy_files_as_numpy_reads_them(tmp_path: Path) -> None:
    """What numpy writes is read back; a header that disagrees is damage, as for codec.load."""
    from qabot.index import codec

    for arr in (np.arange(7, dtype="<u2"), np.zeros((3, 6), dtype="|i1") - 1, np.zeros(0, dtype="<i8")):
        path = tmp_path / "a.npy"
        codec.save(path, arr)
        size = path.stat().st_size
        got = read_npy(path, (arr.dtype.str,), arr.shape, size)
        assert got.tolist() == arr.reshape(-1).tolist()
    body = np.arange(4, dtype="<u4").tobytes()
    good = "{'descr': '<u4', 'fortran_order': False, 'shape': (4,), }"
    assert read_npy(_npy(tmp_path, good, body), ("<u4",), (4,), 144).tolist() == [0, 1, 2, 3]
    spaced = "{'descr':'<u4','fortran_order':False,'shape':(4,)}"  # another writer: parsed as a literal
    assert read_npy(_npy(tmp_path, spaced, body), ("<u4",), (4,), 144).tolist() == [0, 1, 2, 3]
    for header, shape in [
        (good, (5,)),  # the manifest says otherwise
        (good.replace("<u4", "<u2"), (4,)),  # another type
        (good.replace("(4,)", "(8,)"), (8,)),  # more than the file holds
        (good.replace("False", "True"), (4,)),
        ("{'descr': '<u4', 'shape': (4,), }", (4,)),
        ("__import__('os')", (4,)),
    ]:
        with pytest.raises(Damaged):
            read_npy(_npy(tmp_path, header, body), ("<u4",), shape, 144)
    with pytest.raises(Damaged):
        read_npy(_npy(tmp_path, good, body + b"xxxx"), ("<u4",), (4,), 148)


def test_one_shot_ask_imports_no_numpy(shared_index: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QABOT_")}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "qabot", "ask", "--corpus", str(CORPUS), "--index",
         str(shared_index), "why did Hanoi end early?"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert out.returncode == 0 and "Hanoi" in out.stdout, out.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    assert "qabot.index.light" in imported and "qabot.search.light" in imported
    assert not {m for m in imported if m.split(".")[0] == "numpy"}


def test_typo_repair_without_numpy_finds_the_same_words(
    shared_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The letter-count cut runs in Python when numpy is not loaded: the same repairs."""
    from qabot.lexicon import load
    from qabot.search.params import DEFAULT
    from qabot.search.query import Knowledge

    light = LightIndex(shared_index)
    searcher = LightSearcher(light)
    words = sorted(w for w in light.stems if len(w) >= 6 and w.isalpha())
    rng = random.Random(9)
    typos = []
    for w in rng.sample(words, 40):
        k = rng.randrange(len(w))
        typos += [w[:k] + w[k + 1 :], w[:k] + "x" + w[k:], w[:k] + "q" + w[k + 1 :]]
    with_numpy = Knowledge(searcher, light.analyzer(), load([]))
    expected = [with_numpy.nearest_word(t, DEFAULT) for t in typos]
    assert sum(e is not None for e in expected) > len(typos) // 2
    monkeypatch.delitem(sys.modules, "numpy")  # as in a one-shot ask: the cut in Python
    without = Knowledge(searcher, light.analyzer(), load([]))
    assert [without.nearest_word(t, DEFAULT) for t in typos] == expected

"""Scale and speed: parity on a synthetic corpus, a light one-shot path, safe interrupts.

Large corpora and timings live in benchmarks/ (not run here); these tests use a few
hundred synthetic passages so they stay fast.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from benchmarks.gen import Generator, generate
from qabot.index import Index, build
from qabot.search import BM25Scorer, query_weights, reference_scores
from tests.conftest import CORPUS, ROOT

QUESTIONS = [
    "why did Hanoi end early?",
    "sanctions relief for North Korea",
    "Korean War peace declaration",
    "what will South Korea do after the summit?",
    "summit summit talks",
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("synthetic")
    corpus, index = folder / "corpus", folder / "index"
    generate(corpus, 400, seed=7)
    build(corpus, index)
    return corpus, index


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QABOT_")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_synthetic_parity_with_rank_bm25(synthetic: tuple[Path, Path]) -> None:
    ix = Index(synthetic[1])
    assert ix.n_passages >= 350
    tail = Generator(7).words[-500:-495]  # rare made-up words from the Zipf tail
    stored = [set(ix.tokens_of(i)) for i in range(ix.n_passages)]
    for q in [*QUESTIONS, " ".join(tail)]:
        tokens = ix.analyzer().analyze(q)
        scorer = BM25Scorer(ix)
        acc, const = scorer.scores(query_weights(tokens))
        ref = reference_scores(ix, tokens)
        assert np.allclose(acc + const, ref, atol=1e-6, rtol=0), q
        ours = [h.index for h in scorer.top(query_weights(tokens), 10)]
        held = {i for i, words in enumerate(stored) if words & set(tokens)}
        expected = [int(i) for i in np.argsort(-ref, kind="stable") if int(i) in held][:10]
        assert ours == expected, q


def test_query_analysis_equals_build_analysis(synthetic: tuple[Path, Path]) -> None:
    """The query analyzer (no stem table loaded) gives every passage its stored tokens."""
    ix = Index(synthetic[1])
    analyzer = ix.analyzer()
    for i in range(0, ix.n_passages, 7):
        assert analyzer.analyze(ix.passage(i).search_text) == ix.tokens_of(i)


def test_stemmer_is_snowball_english() -> None:
    """Stems are PyStemmer's Snowball English (no copy of a stemmer in the package)."""
    from qabot.analysis import snowball_stem

    cases = {
        "skies": "sky", "dying": "die", "generously": "generous", "hopping": "hop",
        "relational": "relat", "succeeded": "succeed", "added": "add", "biologists": "biolog",
        "sanctions": "sanction", "denuclearization": "denuclear", "2019": "2019",
    }  # fmt: skip
    assert {w: snowball_stem(w) for w in cases} == cases
    assert not (ROOT / "qabot" / "_snowball.py").exists()


def test_one_shot_ask_imports_only_light_modules(shared_index: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "qabot", "ask", "--corpus", str(CORPUS), "--index",
         str(shared_index), "why did Hanoi end early?"],
        capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Hanoi" in out.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    heavy = sorted(m for m in imported if m.split(".")[0] in ("nltk", "prompt_toolkit", "scipy"))
    assert heavy == []
    # nor what only builds, the chat or checks of changed files need
    assert not imported & {
        "qabot.repl",
        "qabot.repl.commands",
        "hashlib",
        "qabot.progress",
        "qabot.corpus.reading",
    }
    # nor a TOML parser (the gazetteer has a reader of its own shape; the shipped
    # aliases.toml is comments alone) nor the calendar
    assert not imported & {"tomllib", "tomli", "calendar"}
    # the parser and the builder are build-time only: of the corpus package, a fresh
    # index needs the file listing; of the index package, the reading side
    corpus = sorted(m for m in imported if m.startswith("qabot.corpus."))
    assert corpus == ["qabot.corpus.files"]
    index = sorted(m for m in imported if m.startswith("qabot.index."))
    # no numpy (tests/test_light.py)
    reading = ["base", "fresh", "layout", "light", "manifest", "segfiles", "textcode"]
    assert index == [f"qabot.index.{m}" for m in reading]
    # nor importlib.resources, which brings zipfile and tempfile
    assert not imported & {"importlib.resources", "zipfile", "tempfile"}


def _grow(corpus: Path, passages: int) -> None:
    generate(corpus, passages, seed=7, start=10_000)


def test_ctrl_c_during_build_keeps_previous_index(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    generate(corpus, 200, seed=3)
    build(corpus, index)
    manifest = (index / "manifest.json").read_bytes()
    before = Index(index).n_passages
    _grow(corpus, 6000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "qabot", "index", "--corpus", str(corpus), "--index", str(index)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(), cwd=ROOT,
    )  # fmt: skip
    assert proc.stderr is not None
    # qabot says it is building just before it starts; 6,000 new passages take seconds
    # to analyse, so Ctrl-C sent now lands inside the build on any machine
    line = proc.stderr.readline()
    assert "building the index" in line, line
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    # 130, or death by SIGINT (a shell reports it as 130 too)
    assert proc.returncode in (130, -signal.SIGINT), err[-2000:]
    assert "qabot: interrupted" in err
    assert "Traceback" not in err
    assert (index / "manifest.json").read_bytes() == manifest
    ix = Index(index)
    assert ix.n_passages == before and all(seg.path.is_dir() for seg in ix.segments)
    assert BM25Scorer(ix).top(query_weights(ix.analyzer().analyze("north korea summit")), 3)
    assert not [p for p in index.iterdir() if p.name.startswith(".tmp-")]


def test_progress_bar_on_a_tty_and_nothing_on_a_pipe(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    corpus = tmp_path / "corpus"
    generate(corpus, 200, seed=5)
    piped = subprocess.run(
        [sys.executable, "-m", "qabot", "index", "--corpus", str(corpus), "--index", str(tmp_path / "a")],
        capture_output=True, text=True, env=_env(), cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert piped.returncode == 0, piped.stderr
    assert "\x1b" not in piped.stderr and "indexing briefings" not in piped.stderr
    assert json.loads((tmp_path / "a" / "manifest.json").read_text())["passages"] >= 195
    child = pexpect.spawn(
        sys.executable,
        ["-m", "qabot", "index", "--corpus", str(corpus), "--index", str(tmp_path / "b")],
        env={**_env(), "TERM": "xterm", "COLUMNS": "100", "LINES": "30"},
        cwd=str(ROOT), encoding="utf-8", timeout=120, dimensions=(30, 100),
    )  # fmt: skip
    child.expect("indexing briefings")
    child.expect("files")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_first_stage_equals_stable_argsort() -> None:
    rng = np.random.default_rng(1)
    for size in (0, 1, 5, 60, 500):
        acc = np.zeros(1000)
        cand = np.sort(rng.choice(1000, size, replace=False)).astype(np.int64)
        acc[cand] = rng.integers(1, 8, size) / 4  # positive, many ties
        for n in (0, 1, 10, 60, 600):
            expected = cand[np.argsort(-acc[cand], kind="stable")][:n]
            assert BM25Scorer.first_stage(acc, n).tolist() == expected.tolist()


def test_holds_many_equals_stored_tokens(synthetic: tuple[Path, Path]) -> None:
    ix = Index(synthetic[1])
    scorer = BM25Scorer(ix)
    terms = [*ix.analyzer().analyze("north korea summit hanoi sanction"), "notaterm"]
    ids = np.arange(0, scorer.n, 3, dtype=np.int64)
    got = scorer.holds_many(terms, ids)
    assert got.shape == (len(ids), len(terms)) and got.any() and not got.all()
    assert got.tolist() == [[t in ix.tokens_of(int(i)) for t in terms] for i in ids]


def test_holds_within_equals_any_passage_of_the_run(synthetic: tuple[Path, Path]) -> None:
    ix = Index(synthetic[1])
    scorer = BM25Scorer(ix)
    terms = [*ix.analyzer().analyze("north korea summit hanoi sanction"), "notaterm"]
    starts = [d.first for d in ix.docs] + [ix.n_passages]
    lo = np.asarray(starts[:-1], dtype=np.int64)
    hi = np.asarray(starts[1:], dtype=np.int64)
    lo[1], hi[1] = lo[1] + 1, lo[1] + 1  # an empty run holds nothing
    got = scorer.holds_within(terms, lo, hi)
    assert got.shape == (len(lo), len(terms)) and got.any() and not got.all()
    spans = zip(lo.tolist(), hi.tolist(), strict=True)
    runs = [set().union(*(ix.tokens_of(i) for i in range(a, b))) for a, b in spans]
    assert got.tolist() == [[t in run for t in terms] for run in runs]

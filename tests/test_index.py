"""Index round trip, stable ids, staleness, atomic replacement, ownership."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from benchmarks.gen import generate
from qabot import locate
from qabot.index import FORMAT_VERSION, Index, IndexDamaged, IndexError_, build, status
from qabot.index import refresh as ensure_index
from tests.conftest import CORPUS, FEB26, run_cli

QUERIES = ("why did Hanoi end early?", "sanctions relief", "Kaesong quokkas", "North Korea summit")


def test_round_trip(shared_index: Path) -> None:
    ix = Index(shared_index)
    assert ix.n_passages == 34 and len(ix.docs) == 2
    p = ix.passage(ix.find(f"{FEB26}#p11") or 0)
    assert p.section == "Sanctions Relief" and "broad discretion over most sanctions" in p.text
    assert ix.find("nope#p1") is None and ix.find(f"{FEB26}#p999") is None
    manifest = json.loads((shared_index / "manifest.json").read_text())
    assert manifest["format"] == "qabot-index" and manifest["analyzer"]
    assert {"size", "mtime_ns", "ctime_ns", "ino", "sha256"} <= set(next(iter(manifest["files"].values())))
    # arrays are plain .npy, loadable without pickle
    assert [s.name for s in ix.segments] == [s["name"] for s in manifest["segments"]]
    for npy in ix.segments[0].path.glob("*.npy"):
        np.load(npy, allow_pickle=False)


def same_figures(a: Index, b: Index, queries: tuple[str, ...] = QUERIES) -> None:
    """Two indexes give the same passages, statistics, scores and rankings."""
    from qabot.search import BM25Scorer, query_weights

    assert a.n_passages == b.n_passages and a.avgdl == b.avgdl
    assert a.vocab_list == b.vocab_list and np.array_equal(a.df, b.df)
    assert [a.passage(i) for i in range(a.n_passages)] == [b.passage(i) for i in range(b.n_passages)]
    assert a.docs == b.docs and a.stems == b.stems and np.array_equal(a.cues, b.cues)
    sa, sb = BM25Scorer(a), BM25Scorer(b)
    for t in range(0, len(a.vocab_list), 7):
        pa, pb = sa.postings(t), sb.postings(t)
        assert np.array_equal(pa[0], pb[0]) and np.array_equal(pa[1], pb[1]), a.vocab_list[t]
    for q in queries:
        w = query_weights(a.analyzer().analyze(q))
        assert np.array_equal(sa.scores(w)[0], sb.scores(w)[0]), q
        assert sa.top(w, 10) == sb.top(w, 10), q
    assert [a.tokens_of(i) for i in range(a.n_passages)] == [b.tokens_of(i) for i in range(b.n_passages)]


def test_ids_stable_across_rebuilds(tmp_path: Path) -> None:
    build(CORPUS, tmp_path / "a", reuse=False)
    build(CORPUS, tmp_path / "b", reuse=False)
    a, b = Index(tmp_path / "a"), Index(tmp_path / "b")
    assert [a.passage(i).pid for i in range(a.n_passages)] == [b.passage(i).pid for i in range(b.n_passages)]
    # the same corpus gives byte-identical segment files
    fa, fb = a.segments[0].path, b.segments[0].path
    assert sorted(p.name for p in fa.iterdir()) == sorted(p.name for p in fb.iterdir())
    for f in fa.iterdir():
        assert f.read_bytes() == (fb / f.name).read_bytes(), f.name
    assert a.vocab_list == b.vocab_list


def test_staleness(corpus_copy: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    assert not status(corpus_copy, ix).fresh
    build(corpus_copy, ix)
    assert status(corpus_copy, ix).fresh
    f = next(corpus_copy.glob("*.txt"))
    os.utime(f, ns=(1, 1))  # touched, same bytes: still fresh
    st = status(corpus_copy, ix)
    assert st.fresh and st.touched == (f.name,)
    f.write_text(f.read_text() + "\nA new closing paragraph about Hanoi that was not there before.\n")
    st = status(corpus_copy, ix)
    assert not st.fresh and st.changed == (f.name,)
    build(corpus_copy, ix)
    (corpus_copy / "new.md").write_text("# New Briefing\n\nSome text about Kaesong that is long enough.\n")
    assert status(corpus_copy, ix).added == ("new.md",)
    build(corpus_copy, ix)
    f.unlink()
    assert status(corpus_copy, ix).removed == (f.name,)


def test_incremental_reuses_unchanged_files(corpus_copy: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Kaesong and the liaison office.\n")
    report = build(corpus_copy, ix)
    assert report.reused == 2 and report.added == ["extra.md"]
    fresh = tmp_path / "fresh"
    build(corpus_copy, fresh, reuse=False)
    a, b = Index(ix), Index(fresh)
    assert len(a.segments) == 2 and len(b.segments) == 1  # the old one untouched, one new
    same_figures(a, b)


def test_incremental_word_table_equals_a_fresh_one(corpus_copy: Path, tmp_path: Path) -> None:
    """Words of a removed or changed file leave the word table (typo repair, completion)."""
    ix, fresh = tmp_path / "ix", tmp_path / "fresh"
    build(corpus_copy, ix)
    f = corpus_copy / f"{FEB26}.txt"
    f.unlink()
    (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Kaesong and the quokkas.\n")
    for step in ("removed", "changed"):
        report = build(corpus_copy, ix)
        # the other briefing is kept, or parsed again when its site's lines stop repeating
        assert report.reused + len(report.reparsed) == 1 and len(getattr(report, step)) == 1
        build(corpus_copy, fresh, reuse=False)
        a, b = Index(ix), Index(fresh)
        same_figures(a, b)
        assert a.stems == b.stems and set(a.stems.values()) <= set(a.vocab)
        (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Yongbyon instead.\n")
    assert "quokkas" not in Index(ix).stems and "yongbyon" in Index(ix).stems


def test_an_index_of_format_2_is_rebuilt_and_its_generation_removed(
    corpus_copy: Path, tmp_path: Path
) -> None:
    ix = tmp_path / "ix"
    gen = ix / "g-20260101000000-42-000001"
    gen.mkdir(parents=True)
    for name in ("docs.json", "passages.jsonl", "tokens.npy"):
        (gen / name).write_text("old")
    manifest = {"format": "qabot-index", "version": 2, "generation": gen.name, "files": {}, "tokens": 0}
    (ix / "manifest.json").write_text(json.dumps(manifest))
    assert status(corpus_copy, ix).reason == f"index format 2 is not {FORMAT_VERSION}"
    build(corpus_copy, ix)
    build(corpus_copy, ix, reuse=False)  # the one after it retires what the old manifest named
    assert not gen.exists() and Index(ix).n_passages == 34


def test_an_index_of_format_3_says_rebuild_and_its_segment_goes_with_the_rebuild(
    corpus_copy: Path, tmp_path: Path
) -> None:
    """Format 4 stores term frequencies sparsely and the term and word lists compressed:
    a format-3 index is refused with the one-line "rebuild" message, and the rebuild
    retires its segment folder, files format 4 no longer writes included."""
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    m = json.loads((ix / "manifest.json").read_text())
    old = ix / m["segments"][0]["name"]
    for name in ("terms.json", "words.json", "tf.u8.npy", "tf_p16.npy"):
        (old / name).write_text("old")
    m["version"] = 3
    (ix / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(IndexDamaged, match=r"of another format; rebuild it$"):
        Index(ix)
    assert status(corpus_copy, ix).reason == f"index format 3 is not {FORMAT_VERSION}"
    build(corpus_copy, ix)
    build(corpus_copy, ix, reuse=False)
    assert not old.exists() and Index(ix).n_passages == 34


def test_old_segments_replaced_atomically(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(CORPUS, ix)
    first = Index(ix).segments[0].name
    build(CORPUS, ix, reuse=False)
    second = Index(ix).segments[0].name
    # the replaced segment stays one build longer, for readers that opened it
    assert sorted(p.name for p in ix.iterdir() if p.is_dir()) == sorted([first, second])
    build(CORPUS, ix, reuse=False)
    segs = [p.name for p in ix.iterdir() if p.is_dir()]
    assert sorted(segs) == sorted([second, Index(ix).segments[0].name]) and first not in segs


def test_refuses_foreign_folders(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(IndexError_, match="did not write"):
        build(CORPUS, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(IndexError_, match="is a file"):
        build(CORPUS, afile)


def test_corrupt_manifest_is_rebuilt(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(CORPUS, ix)
    (ix / "manifest.json").write_text("{not json")
    assert not status(CORPUS, ix).fresh
    _, report = ensure_index(CORPUS, ix)
    assert report is not None and Index(ix).n_passages == 34


def test_a_fresh_ask_parses_the_manifest_once_and_lists_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = tmp_path / "ix"
    build(CORPUS, ix)
    real_loads, real_iterdir = json.loads, Path.iterdir
    parsed: list[str] = []
    listed: list[Path] = []

    def loads(s: str | bytes, **kw: Any) -> Any:
        if isinstance(s, str) and '"qabot-index"' in s:
            parsed.append(s)
        return real_loads(s, **kw)

    def iterdir(self: Path) -> Iterator[Path]:
        listed.append(self)
        return real_iterdir(self)

    monkeypatch.setattr(json, "loads", loads)
    monkeypatch.setattr(Path, "iterdir", iterdir)
    code, out, err = run_cli(["ask", "--corpus", str(CORPUS), "--index", str(ix), "why did Hanoi end early?"])
    assert code == 0 and "Hanoi" in out and err == ""
    assert len(parsed) == 1 and ix not in listed


def test_index_command_says_why_it_rebuilt(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = tmp_path / "ix"
    argv = ["index", "--corpus", str(corpus_copy), "--index", str(ix)]
    code, out, _ = run_cli(argv)
    summary = r"indexed (\d) briefings, \d+ passages in \d+\.\d\ds(.*?): "
    summary += r"(\d) added, (\d) changed, (\d) removed"
    m = re.match(summary + rf", (\d) unchanged\nindex: {re.escape(str(ix))}\n$", out)
    assert code == 0 and m and m.groups()[:2] == ("2", "") and m.groups()[2:] == ("2", "0", "0", "0")
    (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Kaesong and the liaison office.\n")
    code, out, _ = run_cli(argv)
    m = re.match(summary, out)
    assert code == 0 and m and m.groups() == ("3", " (1 added)", "1", "0", "0")
    code, out, _ = run_cli(argv)
    assert code == 0 and out.startswith("index is up to date: 3 briefings")
    # a default index that cannot be written: the cache is built, for the reason found there
    (corpus_copy / "extra.md").unlink()
    monkeypatch.setattr(locate, "default_index", lambda corpus: ix)
    monkeypatch.setattr(locate, "writable", lambda folder: folder != ix)
    code, out, err = run_cli(["index", "--corpus", str(corpus_copy)])
    m = re.match(summary, out)
    assert code == 0 and m and m.groups() == ("2", " (1 removed)", "2", "0", "0")
    assert f"{ix} is not writable; using {locate.cache_index_for(corpus_copy)}" in err


def test_cue_counts_stored_with_passages(shared_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from qabot import cues

    ix = Index(shared_index)
    assert ix.cues.shape == (ix.n_passages, len(cues.CUE_TYPES))
    for i in range(ix.n_passages):
        text = ix.passage(i).text
        reference = [
            min(len(pattern.findall(text)), cues.CUE_CAP)
            for t in cues.CUE_TYPES
            if (pattern := cues.cue_for(t))
        ]
        assert ix.cues[i].tolist() == cues.cue_counts(text) == reference
    assert ix.cues[:, cues.CUE_TYPES.index("when")].max() > 0  # dates are there
    # other cue patterns make the index stale
    monkeypatch.setattr(cues, "fingerprint", lambda: "changed")
    assert status(CORPUS, shared_index).reason == "the question-type cues changed"


def test_merges_and_deletions_keep_a_fresh_builds_figures(corpus_copy: Path, tmp_path: Path) -> None:
    """Briefings added one build at a time make small segments; the eighth in a tier folds
    them into one; removing most of a segment rewrites it. Every step equals a fresh build."""
    from qabot.index import plan_merges

    ix, fresh = tmp_path / "ix", tmp_path / "fresh"
    build(corpus_copy, ix)
    words = ["quokka", "kaesong", "liaison", "zanzibar", "pangolin", "Biegun", "tundra", "sanctions", "Hanoi"]
    for k, word in enumerate(words):
        # "a-", "m-", "z-": new files sort before, between and after the shipped ones
        name = f"{'amz'[k % 3]}-extra-{k}.md"
        (corpus_copy / name).write_text(
            f"# Extra {k}\n\nA paragraph about the {word} and the summit talks.\n"
        )
        report = build(corpus_copy, ix)
        assert report.added == [name] and report.reused == k + 2
        shutil.rmtree(fresh, ignore_errors=True)
        build(corpus_copy, fresh, reuse=False)
        same_figures(Index(ix), Index(fresh), (*QUERIES, word))
    segs = json.loads((ix / "manifest.json").read_text())["segments"]
    assert len(segs) < 1 + len(words)  # a merge happened
    for f in sorted(corpus_copy.glob("*-extra-*.md"))[:-1]:
        f.unlink()
        build(corpus_copy, ix)  # one deletion file after another
    (corpus_copy / f"{FEB26}.txt").unlink()
    build(corpus_copy, ix)
    shutil.rmtree(fresh)
    build(corpus_copy, fresh, reuse=False)
    same_figures(Index(ix), Index(fresh))
    # superseded deletion files go; what the current and the previous manifest name stays
    for path in (p for p in ix.iterdir() if p.is_dir()):
        assert len(list(path.glob("del-*.json"))) <= 2
    assert plan_merges([(100, 100)] * 7) == [] and plan_merges([(100, 100)] * 8) == [list(range(8))]
    assert plan_merges([(1000, 100), (50, 50)]) == [[0]]  # mostly deleted: rewritten


def test_passage_dictionaries_survive_a_merge_of_segments_primed_differently(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A segment with enough records primes its blocks with a dictionary of its first
    ones; merging it with a segment of another dictionary keeps the larger one's (its
    blocks copied as stored) and re-compresses the other's: passages, scores and
    rankings stay a fresh build's."""
    from qabot.index import builder
    from qabot.index.segfiles import DICT_BYTES

    generate(corpus_copy, 600, seed=5, start=500)
    ix, fresh = tmp_path / "ix", tmp_path / "fresh"
    build(corpus_copy, ix)
    big = Index(ix).segments[0]
    assert len(big.zdict) == DICT_BYTES
    first_blocks = [big.block_bytes(b) for b in range(3)]
    generate(corpus_copy, 400, seed=6, start=900)  # a second segment, its own dictionary
    build(corpus_copy, ix)
    two = Index(ix)
    assert len(two.segments) == 2 and all(len(s.zdict) == DICT_BYTES for s in two.segments)
    assert two.segments[0].zdict != two.segments[1].zdict
    everything = lambda sizes: [list(range(len(sizes)))] if len(sizes) > 1 else []  # noqa: E731
    monkeypatch.setattr(builder, "plan_merges", everything)
    (corpus_copy / "a-extra.md").write_text("# Extra\n\nThe summit talks in Hanoi ended early.\n")
    build(corpus_copy, ix)
    merged = Index(ix)
    assert len(merged.segments) == 1 and merged.segments[0].zdict == big.zdict
    assert [merged.segments[0].block_bytes(b) for b in range(3)] == first_blocks
    build(corpus_copy, fresh, reuse=False)
    same_figures(merged, Index(fresh))


def test_pruned_first_stage_equals_the_dense_one_bit_for_bit(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``best`` (candidates from postings, MaxScore pruning) gives the passages and the
    scores the dense sum over every passage gives, ties included, over segments with a
    deletion, for queries of one part and of two (question + feedback terms)."""
    import random

    from qabot.search import BM25Scorer, bm25

    generate(corpus_copy, 600, seed=5, start=500)
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    (corpus_copy / "a-extra.md").write_text("# Extra\n\nNorth Korea and the summit, the summit and Hanoi.\n")
    build(corpus_copy, ix)  # two segments
    next(corpus_copy.glob("*.md")).unlink()
    build(corpus_copy, ix)  # and a deletion
    index = Index(ix)
    assert len(index.segments) >= 2
    scorer = BM25Scorer(index)
    pruning = 0
    spy = scorer._pruned

    def counted(*args: Any) -> tuple[float, set[int]]:
        nonlocal pruning
        out = spy(*args)
        pruning += bool(out[1])
        return out

    floored = 0
    reached = scorer._reached

    def by_floor(*args: Any) -> Any:  # candidates at or above the floor
        nonlocal floored
        floored += args[3] > 0
        return reached(*args)

    skipped = 0
    maxscore = scorer._maxscore

    def by_maxscore(*args: Any) -> Any:  # some terms not added in full
        nonlocal skipped
        skipped += bool(args[3])
        return maxscore(*args)

    monkeypatch.setattr(scorer, "_pruned", counted)
    monkeypatch.setattr(scorer, "_reached", by_floor)
    monkeypatch.setattr(scorer, "_maxscore", by_maxscore)
    by_df = sorted(index.vocab_list, key=lambda t: -int(index.df[index.vocab[t]]))
    common, rare = by_df[:40], by_df[40:]
    for scan in (0.0, 1e9):  # distinct passages from marks, and from owners
        monkeypatch.setattr(bm25, "SCAN_ABOVE", scan)
        # candidates above the floor from a scan of the sums, and from the postings
        monkeypatch.setattr(bm25, "GATHER_BELOW", scan)
        # terms skipped (MaxScore) whenever they may be, and only when they skip many
        monkeypatch.setattr(bm25, "SKIP_AT_LEAST", 1 if scan else 200)
        monkeypatch.setattr(bm25, "MAXSCORE_ABOVE", 0)
        monkeypatch.setattr(bm25, "LONG_TERM", 1e9 if scan else 8)
        rng = random.Random(3)
        for _ in range(100):
            terms = rng.sample(common, rng.randint(0, 5)) + rng.sample(rare, rng.randint(1, 4))
            weights = {t: rng.choice([1.0, 2.0, 0.5, 0.25]) for t in terms}
            extra = {t: rng.choice([0.3, 0.1]) for t in rng.sample(rare, 3) if t not in weights}
            # skipped terms looked up by binary search either way, or by marks
            monkeypatch.setattr(bm25, "SEARCH_COST", rng.choice([0, 1, 1e9]))
            for parts in ([weights], [weights, extra]):
                acc = scorer.scores(parts[0])[0]
                for more in parts[1:]:
                    acc += scorer.scores(more)[0]
                for n in (1, 3, 10, 60):
                    ids, score = scorer.best(parts, n)
                    dense = scorer.first_stage(acc, n)
                    assert ids.tolist() == dense.tolist()
                    assert score.tolist() == acc[dense].tolist()  # bit for bit
                allow = np.asarray([rng.random() < 0.5 for _ in range(index.n_passages)])
                ids, score = scorer.best(parts, 10, allow)  # a date window
                masked = np.where(allow, acc, 0.0)
                assert ids.tolist() == scorer.first_stage(masked, 10).tolist()
                assert score.tolist() == masked[ids].tolist()
    assert pruning > 50  # the pruned path ran
    assert floored > 50  # and the path that takes the candidates above the floor
    assert skipped > 50  # and MaxScore with terms skipped
    scratch = scorer._scratch()
    assert scratch.kept is not None and scratch.bufs[0].any()  # the last first part's sums, kept
    assert not any(b.any() for b in scratch.bufs[1:]) and not scratch.mark.any()  # the rest at zero
    scratch.release()
    assert scratch.bufs and not any(b.any() for b in scratch.bufs)


def test_parser_version_is_read_without_importing_the_parser() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from qabot.index.manifest import parser_version; v = parser_version(); "
        "print(v, 'qabot.corpus.reading' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    from qabot.corpus.reading import PARSER_VERSION

    assert out.split() == [str(PARSER_VERSION), "False"]

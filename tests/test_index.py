"""Index round trip, stable ids, staleness, atomic replacement, ownership."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qabot import locate
from qabot.bot import ensure_index
from qabot.index import Index, IndexError_, build, status
from tests.conftest import CORPUS, FEB26, run_cli


def test_round_trip(shared_index: Path) -> None:
    ix = Index(shared_index)
    assert ix.n_passages == 34 and len(ix.docs) == 2
    p = ix.passage(ix.find(f"{FEB26}#p11") or 0)
    assert p.section == "Sanctions Relief" and "broad discretion over most sanctions" in p.text
    assert ix.find("nope#p1") is None and ix.find(f"{FEB26}#p999") is None
    manifest = json.loads((shared_index / "manifest.json").read_text())
    assert manifest["format"] == "qabot-index" and manifest["analyzer"]
    assert {"size", "mtime_ns", "sha256"} <= set(next(iter(manifest["files"].values())))
    # arrays are plain .npy, loadable without pickle
    for npy in ix.gen.glob("*.npy"):
        np.load(npy, allow_pickle=False)


def test_ids_stable_across_rebuilds(tmp_path: Path) -> None:
    build(CORPUS, tmp_path / "a", reuse=False)
    build(CORPUS, tmp_path / "b", reuse=False)
    a, b = Index(tmp_path / "a"), Index(tmp_path / "b")
    assert [a.passage(i).pid for i in range(a.n_passages)] == [b.passage(i).pid for i in range(b.n_passages)]
    assert (a.gen / "passages.jsonl").read_bytes() == (b.gen / "passages.jsonl").read_bytes()
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
    assert a.vocab_list == b.vocab_list
    for name in ("postings_pid", "postings_tf", "postings_ptr", "doc_len", "tokens"):
        assert np.array_equal(np.load(a.gen / f"{name}.npy"), np.load(b.gen / f"{name}.npy")), name


def test_incremental_word_table_equals_a_fresh_one(corpus_copy: Path, tmp_path: Path) -> None:
    """Words of a removed or changed file leave the word table (typo repair, completion)."""
    ix, fresh = tmp_path / "ix", tmp_path / "fresh"
    build(corpus_copy, ix)
    f = corpus_copy / f"{FEB26}.txt"
    f.unlink()
    (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Kaesong and the quokkas.\n")
    for step in ("removed", "changed"):
        report = build(corpus_copy, ix)
        assert report.reused == 1 and len(getattr(report, step)) == 1
        build(corpus_copy, fresh, reuse=False)
        a, b = Index(ix), Index(fresh)
        assert (a.gen / "stems.json").read_bytes() == (b.gen / "stems.json").read_bytes()
        assert a.stems == b.stems and set(a.stems.values()) <= set(a.vocab)
        (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Yongbyon instead.\n")
    assert "quokkas" not in Index(ix).stems and "yongbyon" in Index(ix).stems


def test_index_without_word_lists_is_rebuilt_in_full(corpus_copy: Path, tmp_path: Path) -> None:
    """An index written before doc_words.npy existed still loads; its next build analyses all."""
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    manifest = json.loads((ix / "manifest.json").read_text())
    for name in ("doc_words.npy", "doc_words_ptr.npy"):
        (ix / manifest["generation"] / name).unlink()
        del manifest["sizes"][name]
    (ix / "manifest.json").write_text(json.dumps(manifest))
    assert status(corpus_copy, ix).fresh and Index(ix).n_passages == 34
    (corpus_copy / "extra.md").write_text("# Extra\n\nA paragraph about Kaesong and the quokkas.\n")
    report = build(corpus_copy, ix)
    assert report.reused == 0 and len(report.added) == 3  # nothing copied from it
    build(corpus_copy, tmp_path / "fresh", reuse=False)
    assert Index(ix).stems == Index(tmp_path / "fresh").stems


def test_old_generation_replaced_atomically(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    build(CORPUS, ix)
    first = Index(ix).gen.name
    build(CORPUS, ix, reuse=False)
    second = Index(ix).gen.name
    # the replaced generation stays one build longer, for readers that opened it
    assert sorted(p.name for p in ix.iterdir() if p.is_dir()) == sorted([first, second])
    build(CORPUS, ix, reuse=False)
    gens = [p.name for p in ix.iterdir() if p.is_dir()]
    assert sorted(gens) == sorted([second, Index(ix).gen.name]) and first not in gens


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
        if isinstance(s, str) and '"format": "qabot-index"' in s:
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
        reference = [min(len(cues.CUES[t].findall(text)), cues.CUE_CAP) for t in cues.CUE_TYPES]
        assert ix.cues[i].tolist() == cues.cue_counts(text) == reference
    assert ix.cues[:, cues.CUE_TYPES.index("when")].max() > 0  # dates are there
    # other cue patterns make the index stale
    monkeypatch.setattr(cues, "fingerprint", lambda: "changed")
    assert status(CORPUS, shared_index).reason == "the question-type cues changed"

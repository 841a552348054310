"""Pass 1 of a build reads each file once: past the in-memory stash its reading goes to a
spill file, and pass 2 reads that back instead of the file; the index is the same."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from benchmarks.gen import generate
from qabot.index import build
from qabot.index import workers as workers_mod
from tests.conftest import CORPUS


def _files(index: Path) -> list[bytes]:
    """Every segment file's bytes, in manifest order (segment names aside)."""
    m = json.loads((index / "manifest.json").read_text())
    return [(index / s["name"] / f).read_bytes() for s in m["segments"] for f in sorted(s["files"])]


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    generate(corpus, 400, seed=3)
    (corpus / "dup.md").write_bytes(next(iter(sorted(corpus.glob("*.md")))).read_bytes())
    (corpus / "empty.txt").write_text("  \n")
    return corpus


def test_a_spilled_build_reads_each_file_once_and_writes_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    stashed = build(corpus, tmp_path / "a", reuse=False)
    reads: list[str] = []
    from qabot.index.analyse import read_raw as real

    def counted(rel: str, suffix: str, data: bytes) -> object:
        reads.append(rel)
        return real(rel, suffix, data)

    monkeypatch.setattr("qabot.index.workers.read_raw", counted)
    monkeypatch.setattr(workers_mod.Reader, "STASH_BYTES", 0)  # every file spills
    spilled = build(corpus, tmp_path / "b", reuse=False)
    assert len(reads) == len(set(reads)) == spilled.docs + 1  # + the duplicate (empty: not parsed)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert (stashed.docs, stashed.passages, stashed.warnings) == (
        spilled.docs,
        spilled.passages,
        spilled.warnings,
    )
    # nothing is left in the index folder but the index
    assert not [n for n in os.listdir(tmp_path / "b") if "spill" in n]


def test_a_reading_that_cannot_be_spilled_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _corpus(tmp_path)
    want = build(corpus, tmp_path / "a", reuse=False)
    monkeypatch.setattr(workers_mod.Reader, "STASH_BYTES", 0)

    def refuse(obj: object, protocol: int | None = None) -> bytes:
        raise TypeError("cannot pickle")

    monkeypatch.setattr("pickle.dumps", refuse)
    got = build(corpus, tmp_path / "b", reuse=False)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert (want.docs, want.passages) == (got.docs, got.passages)

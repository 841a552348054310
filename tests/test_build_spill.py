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

    from qabot.index import spill

    def refuse(value: object) -> bytes:
        raise spill.Unspillable("no")

    monkeypatch.setattr(spill, "dumps", refuse)
    got = build(corpus, tmp_path / "b", reuse=False)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert (want.docs, want.passages) == (got.docs, got.passages)


def test_the_spill_gives_back_every_reading_as_it_was() -> None:
    """Every file of the shipped corpus and the parse benches (text, Markdown with TOML
    front matter, HTML, PDF, e-mail), and dates and times of every kind."""
    import datetime

    from qabot.corpus import FileSkipped, formats
    from qabot.index import spill
    from tests.conftest import ROOT

    seen = 0
    for base in (CORPUS, ROOT / "tests" / "parsebench", ROOT / "tests" / "parsebench-round6"):
        for f in sorted(base.rglob("*")):
            if f.suffix.lower() not in formats.FORMATS:
                continue
            try:
                raw = formats.read(f.read_bytes(), f.name, f.suffix)
            except FileSkipped:
                continue
            back = spill.loads(spill.dumps(raw))
            assert back == raw and type(back.lines) is tuple, f
            seen += 1
    assert seen > 50
    utc = datetime.timezone.utc
    odd = {
        "when": [datetime.date(2019, 2, 28), datetime.datetime(2019, 2, 28, 9, 30, 1, 5, tzinfo=utc)],
        "at": (datetime.time(7, 45), datetime.datetime(2019, 1, 1, 0, 0)),
        "tags": frozenset({"a", "b"}),
        "n": [1, 2.5, -0.0, float("inf"), True, None, "\udcff"],
        "nested": {"a": {"b": [()]}},
    }
    back = spill.loads(spill.dumps(odd))
    assert back == odd and type(back["at"]) is tuple and type(back["tags"]) is frozenset
    with pytest.raises(spill.Unspillable):
        spill.dumps({1: "a key that is no string"})
    with pytest.raises(spill.Unspillable):
        spill.dumps(object())


def test_lines_spill_as_rows_and_odd_ones_as_tagged_values() -> None:
    """A tuple of plain Body lines is written as rows of fields (the fast path); a tuple
    holding anything else, or a Body with a field that is no scalar, is tagged value by
    value; each comes back equal and of its type."""
    import json

    from qabot.corpus.paragraphs import Body
    from qabot.index import spill

    plain = (Body("Growth slowed.", 3, 2, "heading", 2), Body("", 4))
    assert "bl" in json.loads(spill.dumps(plain))
    odd = (Body("text", 1), "not a line")
    nested = (Body(("a", "tuple"), 1),)  # type: ignore[arg-type]
    for value in (plain, odd, nested, ()):
        back = spill.loads(spill.dumps(value))
        assert back == value and type(back) is tuple
        assert all(type(a) is type(b) for a, b in zip(back, value, strict=True))
    assert type(spill.loads(spill.dumps(nested))[0].text) is tuple
    assert "bl" not in json.loads(spill.dumps(odd)) and "bl" not in json.loads(spill.dumps(nested))

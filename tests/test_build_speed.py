"""The build's speed-ups change nothing but time: each one against the plain way."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path
from typing import Any

import pytest

from qabot.index import build, manifest, workers
from qabot.index.base import _doc_ok
from qabot.index.segfiles import crc32_file
from qabot.index.segments import Damaged, SegmentReader
from tests.conftest import CORPUS


def test_sparse_gc_restores_the_collector() -> None:
    """Thresholds raised inside, back on exit (also after an error); a worker's frozen
    objects are collectable again afterwards."""
    before = gc.get_threshold()
    with workers.sparse_gc():
        assert gc.get_threshold()[0] == workers.GC_YOUNG
        assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), workers.sparse_gc(freeze=True):
        assert gc.get_freeze_count() > 0
        raise RuntimeError("boom")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_refresh_parses_the_manifest_once(
    corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ownership check, reading, and the names a build keeps share one parse of the
    manifest; a manifest replaced in between (a new file) is parsed again, never stale."""
    ix = tmp_path / "ix"
    build(corpus_copy, ix)
    parsed: list[int] = []
    real = json.loads

    def counted(data: Any, *args: Any, **kwargs: Any) -> Any:
        out = real(data, *args, **kwargs)
        if isinstance(out, dict) and out.get("format") == "qabot-index":
            parsed.append(1)
        return out

    monkeypatch.setattr("json.loads", counted)
    (corpus_copy / "extra.md").write_text("# Extra\n\nThe envoy met the minister in Hanoi on Friday.\n")
    report = build(corpus_copy, ix)
    assert report.added == ["extra.md"] and len(parsed) == 1
    before = manifest.read_manifest(ix)
    assert before is not None
    m = json.loads((ix / "manifest.json").read_text())
    m["warnings"] = ["changed behind the cache's back"]
    (ix / "manifest.json.new").write_text(json.dumps(m))
    os.replace(ix / "manifest.json.new", ix / "manifest.json")
    _st, raw = manifest.read_raw(ix)
    assert raw["warnings"] == ["changed behind the cache's back"]
    after = manifest.read_manifest(ix)
    assert after is not None and after["warnings"] == ["changed behind the cache's back"]


GOOD_DOC = {"doc_id": "a", "title": "T", "date": "", "file": "a.md", "source": "", "url": "", "count": 2}


@pytest.mark.parametrize(
    ("entry", "ok"),
    [
        (GOOD_DOC, True),
        ({**GOOD_DOC, "authors": ["Jane Roe"], "site": "x.org"}, True),
        ([GOOD_DOC], False),
        ({**GOOD_DOC, "count": 0}, False),
        ({**GOOD_DOC, "count": "2"}, False),
        ({k: v for k, v in GOOD_DOC.items() if k != "url"}, False),
        ({**GOOD_DOC, "title": None}, False),
        ({**GOOD_DOC, "site": 3}, False),
        ({**GOOD_DOC, "authors": "Jane Roe"}, False),
        ({**GOOD_DOC, "authors": ["Jane", 7]}, False),
    ],
)
def test_docs_entry_check(entry: Any, ok: bool) -> None:
    """The written-out docs.json check accepts what the reader can use and nothing else."""
    assert _doc_ok(entry) is ok


def test_a_docs_entry_of_the_wrong_type_is_damage(tmp_path: Path) -> None:
    """A docs.json whose size and checksum agree with the manifest but one of whose
    entries has a field of the wrong type: the reader refuses the segment."""
    ix = tmp_path / "ix"
    build(CORPUS, ix)
    entry = json.loads((ix / "manifest.json").read_text())["segments"][0]
    SegmentReader(ix, entry).close()
    docs = ix / entry["name"] / "docs.json"
    entries = json.loads(docs.read_text())
    entries[0]["title"] = 5
    docs.write_text(json.dumps(entries))
    entry["files"]["docs.json"] = [docs.stat().st_size, crc32_file(docs)]
    with pytest.raises(Damaged, match="disagrees with the manifest"):
        SegmentReader(ix, entry)

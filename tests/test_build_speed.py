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


def test_workers_leave_at_end_of_input_with_every_reply_sent(tmp_path: Path) -> None:
    """A worker ends with os._exit once its input ends (no interpreter teardown): both
    passes' replies arrive whole, the segments it wrote are in place, and it exits 0 on
    its own (a worker still running a second after end of input is killed: -9)."""
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt", ".html"))[:6]
    jobs = [workers.Job(p.name, p.stem, str(p), 1 << 20) for p in files]
    index = tmp_path / "ix"
    index.mkdir()
    runs = workers.split_runs(jobs, 2)
    pool = workers.Pool(index, len(runs))
    try:
        keys = pool.keys(runs)
        done = pool.write(runs, 0, lambda rel: None, {})
    finally:
        pool.close()
    assert [p.returncode for p in pool.procs] == [0] * len(runs)
    assert sorted(k for r in keys for k in r["keys"]) == sorted(j.rel for j in jobs)
    written = {rel for r in done for rel in r["files"]}
    assert written == {j.rel for j in jobs}
    for r in done:
        for s in r["segments"]:
            assert (index / s["name"] / "docs.json").is_file()


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


def test_recounted_equals_a_recount_over_random_adds_and_removes() -> None:
    """Line-key counts updated briefing by briefing equal counting the briefings there
    are, after every step of random add / remove sequences (shared and unique keys)."""
    import numpy as np

    from qabot.index.builder import _cat, _count_of, _counted, _recounted

    rng = np.random.default_rng(5)
    for _ in range(30):
        briefings: list[Any] = []
        keys, counts = _counted([])
        for _ in range(40):
            plus: list[Any] = []
            minus: list[Any] = []
            for _ in range(int(rng.integers(0, 4))):
                b = np.unique(rng.integers(0, 60, int(rng.integers(0, 12))))
                plus.append(b)
            for _ in range(int(rng.integers(0, 3))):
                if briefings:
                    minus.append(briefings.pop(int(rng.integers(0, len(briefings)))))
            briefings.extend(plus)
            (new_keys, new_counts), changed = _recounted(keys, counts, _cat(plus), _cat(minus))
            want_keys, want_counts = _counted(briefings)
            assert np.array_equal(new_keys, want_keys) and np.array_equal(new_counts, want_counts)
            moved = _count_of(keys, counts, changed) != _count_of(new_keys, new_counts, changed)
            assert moved.all()  # each key said to have changed did
            untouched = np.setdiff1d(np.union1d(keys, new_keys), changed)
            assert np.array_equal(
                _count_of(keys, counts, untouched), _count_of(new_keys, new_counts, untouched)
            )
            keys, counts = new_keys, new_counts


def test_refreshes_with_site_lines_equal_fresh_builds(tmp_path: Path) -> None:
    """Random adds, edits and removals over briefings sharing a site's lines (which
    start and stop repeating as briefings come and go): after each refresh, the index is
    a fresh build's, and the briefings parsed again are those one of whose lines flipped."""
    import random

    from qabot.index import Index
    from tests.test_index import same_figures

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    site = ["The Harbour Institute writes these notes for its members", "Harbour desk, weekly edition"]
    words = "envoy minister talks summit border treaty sanctions harbour fleet ceasefire".split()
    rng = random.Random(3)

    def briefing(k: int) -> str:
        body = " ".join(rng.choice(words) for _ in range(30)).capitalize() + "."
        lines = [
            f"# Briefing {k}",
            "",
            rng.choice(site),
            "",
            body,
            "",
            f"A note on the {rng.choice(words)}s of {k}.",
        ]
        return "\n".join(lines) + "\n"

    ix = tmp_path / "ix"
    for k in range(3):
        (corpus / f"b{k}.md").write_text(briefing(k))
    build(corpus, ix)
    n, reparsed = 3, 0
    for step in range(12):
        names = sorted(p.name for p in corpus.iterdir())
        action = rng.choice(["add", "add", "remove", "edit"]) if len(names) > 2 else "add"
        if action == "add":
            (corpus / f"b{n}.md").write_text(briefing(n))
            n += 1
        elif action == "remove":
            (corpus / rng.choice(names)).unlink()
        else:
            (corpus / rng.choice(names)).write_text(briefing(n + 100 + step))
        reparsed += len(build(corpus, ix).reparsed)
        fresh = tmp_path / f"fresh{step}"
        build(corpus, fresh, reuse=False)
        same_figures(Index(ix), Index(fresh), ("harbour institute members", "envoy treaty"))
    assert reparsed > 0  # lines did flip, and the briefings holding them were parsed again


def test_is_disclaimer_early_stop_equals_counting_every_hint() -> None:
    """Stopping at the second notice word gives the verdict counting them all gave, on
    texts made of notice words, notice phrases and filler."""
    import random

    from qabot.corpus import chrome

    def counted(text: str) -> bool:
        low = text.casefold()
        if sum(1 for h in chrome._NOTICE_HINTS if h in low) < 2:
            return False
        first = chrome._NOTICE.search(text)
        if first is None:
            return False
        pos = first.end()
        while (m := chrome._NOTICE.search(text, pos)) is not None:
            if m.group().casefold() != first.group().casefold():
                return True
            pos = m.end()
        return False

    phrases = [
        "for informational purposes only",
        "does not constitute an offer",
        "past performance is no guarantee",
        "the views expressed are the author's",
        "all rights reserved",
        "unsubscribe from this list",
    ]
    parts = [*chrome._NOTICE_HINTS, *phrases, "the envoy", "met", "in Hanoi", "talks", ".", ","]
    rng = random.Random(11)
    seen = {True: 0, False: 0}
    for _ in range(3000):
        text = " ".join(rng.choice(parts) for _ in range(rng.randint(0, 14)))
        want = counted(text)
        seen[want] += 1
        assert chrome.is_disclaimer(text) is want, text
    assert seen[True] > 100 and seen[False] > 100


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        (None, None, True),
        ("size", True, False),
        ("size", "12", False),
        ("mtime_ns", 2**63 + 1, False),
        ("ctime_ns", 1.5, False),
        ("ino", None, False),
        ("seen_ns", -(2**63), True),
        ("sha256", 5, False),
        ("doc", None, False),
        ("segment", "s-nowhere", False),
        ("n", -1, False),
        ("n", 10**6, False),
        ("n", False, False),
    ],
)
def test_manifest_file_entry_check(tmp_path: Path, field: str | None, value: Any, ok: bool) -> None:
    """The written-out check of the manifest's file entries refuses each bad field."""
    ix = tmp_path / "ix"
    build(CORPUS, ix)
    m = json.loads((ix / "manifest.json").read_text())
    rel = sorted(m["files"])[0]
    if field is not None:
        m["files"][rel][field] = value
    assert manifest.well_formed(m) is ok

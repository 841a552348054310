"""Briefing ids: unique when files share a stem, stable across rebuilds, right passage found."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from qabot.corpus import doc_ids
from qabot.evaluate import baseline_system
from qabot.index import Index, build, status
from tests.conftest import run_cli

#: relative path -> a word only that file holds
FILES = {
    "brief.txt": "apples",
    "brief.md": "bananas",
    "a/x.txt": "grapes",
    "a/x.md": "cherries",
    "b/x.txt": "dates",
    "solo.md": "figs",
}


def _write(corpus: Path, rel: str, word: str) -> None:
    path = corpus / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    body = f"This briefing is the one about {word}, grown in many places and sold in markets far away."
    if rel.endswith(".md"):
        path.write_text(f"# About {word}\n\n{body}\n", encoding="utf-8")
    else:
        path.write_text(f"About {word}\n\nFebruary 26, 2019\n\n{body}\n", encoding="utf-8")


@pytest.fixture
def clashing(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for rel, word in FILES.items():
        _write(corpus, rel, word)
    return corpus


def test_rule() -> None:
    ids = doc_ids(FILES)
    assert ids == {
        "brief.txt": "brief.txt",
        "brief.md": "brief.md",
        "a/x.txt": "a/x.txt",
        "a/x.md": "a/x.md",
        "b/x.txt": "b/x",  # a namesake in another folder is no clash: the folder is in the id
        "solo.md": "solo",
    }
    # a file whose plain id a clashing file takes keeps its extension too
    assert doc_ids(["brief.txt", "brief.md", "brief.txt.md"]) == {
        "brief.txt": "brief.txt",
        "brief.md": "brief.md",
        "brief.txt.md": "brief.txt.md",
    }
    # the order files are listed in does not matter
    names = [*FILES, "brief.txt.md", "c/brief.md", "c/brief.markdown", "2019-02-26-x.txt"]
    want = doc_ids(names)
    for seed in range(20):
        random.Random(seed).shuffle(names)
        assert doc_ids(names) == want
    assert len(set(want.values())) == len(want)


def _ids_and_words(ix: Index) -> dict[str, str]:
    """passage id -> the file word its passage holds (found through Index.find)."""
    out: dict[str, str] = {}
    for doc in ix.docs:
        for n in range(1, doc.count + 1):
            pid = f"{doc.doc_id}#p{n}"
            i = ix.find(pid)
            assert i is not None, pid
            p = ix.passage(i)
            assert p.pid == pid and p.doc_id == doc.doc_id and ix.doc_of(i) == doc
            out[pid] = next(w for w in FILES.values() if w in p.text)
    return out


def test_clashing_stems_get_unique_ids_and_find_the_right_passage(clashing: Path, tmp_path: Path) -> None:
    build(clashing, tmp_path / "ix")
    ix = Index(tmp_path / "ix")
    assert len(ix.docs) == len(FILES)
    assert len({d.doc_id for d in ix.docs}) == len(FILES)
    by_file = {d.file: d.doc_id for d in ix.docs}
    assert by_file == doc_ids(FILES)
    found = _ids_and_words(ix)
    for rel, word in FILES.items():
        assert found[f"{by_file[rel]}#p1"] == word, rel
    assert ix.find("brief#p1") is None


def test_ids_stable_across_rebuilds(clashing: Path, tmp_path: Path) -> None:
    build(clashing, tmp_path / "a", reuse=False)
    build(clashing, tmp_path / "b", reuse=False)
    build(clashing, tmp_path / "b")  # incremental: everything reused
    a, b = Index(tmp_path / "a"), Index(tmp_path / "b")
    assert _ids_and_words(a) == _ids_and_words(b)
    assert [a.passage(i) for i in range(a.n_passages)] == [b.passage(i) for i in range(b.n_passages)]


def test_a_namesake_arriving_or_leaving_renames_the_other(tmp_path: Path) -> None:
    corpus, ix_dir = tmp_path / "corpus", tmp_path / "ix"
    _write(corpus, "brief.txt", "apples")
    build(corpus, ix_dir)
    assert [d.doc_id for d in Index(ix_dir).docs] == ["brief"]

    _write(corpus, "brief.md", "bananas")
    assert not status(corpus, ix_dir).fresh
    report = build(corpus, ix_dir)
    assert report.added == ["brief.md"] and report.changed == []  # brief.txt re-read, not "changed"
    ix = Index(ix_dir)
    assert sorted(d.doc_id for d in ix.docs) == ["brief.md", "brief.txt"]
    assert ix.find("brief#p1") is None
    assert _ids_and_words(ix) == {"brief.md#p1": "bananas", "brief.txt#p1": "apples"}
    assert status(corpus, ix_dir).fresh

    (corpus / "brief.md").unlink()
    build(corpus, ix_dir)
    ix = Index(ix_dir)
    assert _ids_and_words(ix) == {"brief#p1": "apples"}
    assert status(corpus, ix_dir).fresh


def test_index_with_clashing_ids_is_stale(clashing: Path, tmp_path: Path) -> None:
    """An index written before ids were made unique (two files, one id) is rebuilt."""
    build(clashing, tmp_path / "ix")
    manifest_path = tmp_path / "ix" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    for rel in ("brief.txt", "brief.md"):
        manifest["files"][rel]["doc"] = "brief"
    manifest_path.write_text(json.dumps(manifest))
    st = status(clashing, tmp_path / "ix")
    assert not st.fresh and "2 with a new id" in st.reason


def test_show_prints_the_right_briefing(clashing: Path, tmp_path: Path) -> None:
    common = ["--corpus", str(clashing), "--index", str(tmp_path / "ix")]
    for rel, word in FILES.items():
        code, out, err = run_cli(["show", *common, f"{doc_ids(FILES)[rel]}#p1"])
        assert code == 0, err
        assert word in out and all(w not in out for w in FILES.values() if w != word), (rel, out)


def test_baseline_ids_are_unique(clashing: Path) -> None:
    _, texts = baseline_system(clashing)
    # .txt files have three blocks, .md files two: none lost to a clashing id
    assert len(texts) == sum(3 if rel.endswith(".txt") else 2 for rel in FILES)
    words = sorted(w for t in texts.values() for w in FILES.values() if f"one about {w}" in t)
    assert words == sorted(FILES.values())

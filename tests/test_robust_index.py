"""Robustness of the index on disk: damage is detected and rebuilt, nothing foreign is touched,
interrupted or concurrent builds leave a usable index, loading never runs code."""

from __future__ import annotations

import fcntl
import json
import os
import pickle  # only to craft a hostile file; qabot itself never unpickles
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import qabot.locate as locate
from qabot.api import QA
from qabot.index import LOCK, Index, IndexError_, build, status
from qabot.index import refresh as ensure_index
from tests.conftest import CORPUS, FEB26, ROOT, run_cli

run = run_cli


def answers(index_dir: Path) -> bool:
    return bool(QA(Index(index_dir)).ask("who is Stephen Biegun?").answered)


@pytest.fixture
def ix(tmp_path: Path) -> Path:
    folder = tmp_path / "ix"
    build(CORPUS, folder)
    return folder


def gen(index_dir: Path) -> Path:
    """The (first) segment folder the manifest names."""
    manifest = json.loads((index_dir / "manifest.json").read_text())
    return index_dir / str(manifest["segments"][0]["name"])


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def edit_manifest(index_dir: Path, **changes: object) -> None:
    m = json.loads((index_dir / "manifest.json").read_text())
    m.update(changes)
    (index_dir / "manifest.json").write_text(json.dumps(m))


DAMAGE: dict[str, Callable[[Path], object]] = {
    "corrupt manifest JSON": lambda d: (d / "manifest.json").write_text('{"format": "qabot-ind'),
    "manifest of wrong shape": lambda d: edit_manifest(d, files=[1, 2]),
    "wrong format version": lambda d: edit_manifest(d, version=999),
    "analyzer mismatch": lambda d: edit_manifest(d, analyzer="0123456789abcdef"),
    "truncated doc_len.npy": lambda d: truncate(gen(d) / "doc_len.npy"),
    "truncated gap.u8.npy": lambda d: truncate(gen(d) / "gap.u8.npy"),
    "truncated passages.z": lambda d: truncate(gen(d) / "passages.z"),
    "corrupt docs.json": lambda d: (gen(d) / "docs.json").write_text("[{]"),
    "missing terms.json.z": lambda d: (gen(d) / "terms.json.z").unlink(),
    "missing segment": lambda d: shutil.rmtree(gen(d)),
}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_damaged_index_is_detected_and_rebuilt(ix: Path, how: str) -> None:
    DAMAGE[how](ix)
    assert not status(CORPUS, ix).fresh
    code, out, err = run(["ask", "--corpus", str(CORPUS), "--index", str(ix), "who is Stephen Biegun?"])
    assert code == 0 and "Biegun" in out and "Traceback" not in err
    assert "building the index" in err and err.count("\n") == 1
    assert status(CORPUS, ix).fresh and answers(ix)


def test_damage_the_manifest_cannot_see_is_rebuilt_by_the_cli(ix: Path) -> None:
    """Same size, bad content: the loader notices, the CLI rebuilds from scratch once."""
    docs = gen(ix) / "docs.json"
    docs.write_text("x" * docs.stat().st_size)
    assert status(CORPUS, ix).fresh  # sizes still match
    code, out, err = run(["ask", "--corpus", str(CORPUS), "--index", str(ix), "who is Stephen Biegun?"])
    assert code == 0 and "Biegun" in out and "is damaged" in err and "rebuilding" in err
    assert answers(ix)


def test_read_only_explicit_index_that_is_stale_is_a_clear_error(
    ix: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_manifest(ix, analyzer="0123456789abcdef")
    before = sorted(p.name for p in ix.rglob("*"))
    monkeypatch.setattr(locate, "writable", lambda folder: False)
    code, out, err = run(["ask", "--corpus", str(CORPUS), "--index", str(ix), "hanoi"])
    assert code == 1 and out == ""
    assert (
        err == f"qabot: error: index folder {ix} is not writable and is out of date (the analyzer changed)\n"
    )
    assert sorted(p.name for p in ix.rglob("*")) == before


def test_index_from_another_corpus_is_rebuilt(tmp_path: Path, ix: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "z.txt").write_text("Zebra Report\n\nMarch 3, 2019\n\nThe zebra crossing was repainted.\n")
    code, out, err = run(["ask", "--json", "--corpus", str(other), "--index", str(ix), "zebra crossing"])
    assert code == 0 and json.loads(out)["answered"] and "2 removed" in err and "1 added" in err
    assert [d.doc_id for d in Index(ix).docs] == ["z"]


def test_read_only_default_index_falls_back_to_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "readonly-index"
    monkeypatch.setenv("QABOT_CORPUS", str(CORPUS))
    monkeypatch.setattr(locate, "default_index", lambda corpus: default)
    monkeypatch.setattr(locate, "writable", lambda folder: not str(folder).startswith(str(default)))
    code, out, err = run(["ask", "who is Stephen Biegun?"])
    cache = locate.cache_index_for(CORPUS)
    assert code == 0 and "Biegun" in out
    assert f"qabot: {default} is not writable; using {cache}" in err
    assert not default.exists() and answers(cache)


def test_index_path_that_is_a_file_or_foreign_folder_is_refused(tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("precious")
    code, out, err = run(["ask", "--corpus", str(CORPUS), "--index", str(afile), "hanoi"])
    assert code == 1 and out == "" and err == f"qabot: error: index path {afile} is a file, not a folder\n"
    assert afile.read_text() == "precious"
    home = tmp_path / "home"
    (home / "docs").mkdir(parents=True)
    (home / "thesis.tex").write_text("precious")
    (home / "docs" / "a.txt").write_text("precious")
    for cmd in (["ask", "hanoi"], ["index", "--force"], ["sources"]):
        code, _out, err = run([cmd[0], "--corpus", str(CORPUS), "--index", str(home), *cmd[1:]])
        assert code == 1 and "holds files qabot did not write" in err and err.count("\n") == 1
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == [
        "docs",
        "docs/a.txt",
        "thesis.tex",
    ]
    # a folder whose manifest.json is someone else's JSON
    other = tmp_path / "other"
    other.mkdir()
    (other / "manifest.json").write_text('{"name": "my web app"}')
    code, _, err = run(["index", "--corpus", str(CORPUS), "--index", str(other)])
    assert code == 1 and "not a qabot index manifest" in err
    assert (other / "manifest.json").read_text() == '{"name": "my web app"}'


def test_loading_never_executes_code(ix: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    target = gen(ix) / "doc_len.npy"
    size = target.stat().st_size
    np.save(target, np.array([Evil()], dtype=object), allow_pickle=True)
    with target.open("ab") as fh:  # keep the recorded size, so only the loader can object
        fh.write(b" " * max(0, size - target.stat().st_size))
    (gen(ix) / "vocab.pkl").write_bytes(pickle.dumps(Evil()))
    with pytest.raises(IndexError_):
        Index(ix)
    assert not marker.exists()
    source = "\n".join(p.read_text() for p in (ROOT / "qabot").rglob("*.py"))
    for banned in (
        r"import pickle",
        r"pickle\.load",
        r"(?<![\w.])eval\(",
        r"(?<![\w.])exec\(",
        r"allow_pickle=True",
        r"\bmarshal\b",
    ):
        assert not re.search(banned, source), banned


def test_write_error_mid_build_keeps_old_index(
    ix: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(corpus_copy, ix)
    old_gen = gen(ix)
    (corpus_copy / "new.txt").write_text("New Briefing\n\nMarch 3, 2019\n\nA quokka sentence.\n")
    from qabot.index import codec

    real_save = codec.save
    calls = []

    def failing_save(path: Path, arr: np.ndarray) -> None:
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real_save(path, arr)

    monkeypatch.setattr(codec, "save", failing_save)
    notes: list[str] = []
    _folder, report = ensure_index(corpus_copy, ix, notify=notes.append)
    monkeypatch.undo()
    assert report is None and "using the previous one" in notes[-1] and "No space left" in notes[-1]
    assert gen(ix) == old_gen and answers(ix)
    assert [p.name for p in ix.iterdir() if p.name.startswith(".tmp")] == []


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QABOT_HOME=str(tmp_path / "home"))
    env.pop("QABOT_INDEX", None)
    return env


def synthetic_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    words = (CORPUS / f"{FEB26}.txt").read_text(encoding="utf-8").split()
    for i in range(n):
        paras = [
            " ".join(words[(i * 31 + p * 17 + j * 7) % len(words)] for j in range(50)) + "."
            for p in range(12)
        ]
        (folder / f"b{i:04d}.txt").write_text(
            f"Briefing Number {i}\n\nMarch 3, 2019\n\n" + "\n\n".join(paras)
        )


def test_sigint_mid_build_keeps_old_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    synthetic_corpus(corpus, 300)
    shutil.copy(CORPUS / f"{FEB26}.txt", corpus)
    ix = tmp_path / "ix"
    build(corpus, ix, reuse=False)
    old_gen, old_manifest = gen(ix), (ix / "manifest.json").read_bytes()
    # change every file, so the next build must analyse all of them
    for f in sorted(corpus.glob("b*.txt")):
        f.write_text(f.read_text() + "\n\nAn added closing sentence.\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "qabot", "index", "--corpus", str(corpus), "--index", str(ix)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    line = proc.stderr.readline()  # "qabot: 300 changed; building the index in ..."
    assert "building the index" in line, line
    proc.send_signal(signal.SIGINT)  # at once: the build has barely started
    out, err = proc.communicate(timeout=60)
    # 130, or death by SIGINT (which a shell also reports as 130: `python -m` re-raises it)
    assert proc.returncode in (130, -signal.SIGINT), (proc.returncode, out, err)
    assert "qabot: interrupted" in err and "Traceback" not in err
    assert (ix / "manifest.json").read_bytes() == old_manifest and gen(ix) == old_gen
    assert [p.name for p in ix.iterdir() if p.name.startswith(".tmp")] == []
    assert answers(ix)  # the old index still loads and answers
    assert not status(corpus, ix).fresh  # and the next run rebuilds


def test_concurrent_builds_wait_for_the_lock(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{FEB26}.txt", corpus)
    ix = tmp_path / "ix"
    build(corpus, ix)
    old_gen = gen(ix)
    (corpus / "new.txt").write_text("New Briefing\n\nMarch 3, 2019\n\nA quokka sentence.\n")
    argv = [sys.executable, "-m", "qabot", "ask", "--json", "--corpus", str(corpus), "--index", str(ix)]
    with (ix / LOCK).open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # another builder is at work
        procs = [
            subprocess.Popen([*argv, q], env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for q in ("quokka", "who is Stephen Biegun?")
        ]
        time.sleep(1.5)
        assert [p.poll() for p in procs] == [None, None]  # both wait, neither writes
        assert gen(ix) == old_gen and answers(ix)  # readers of the old index go on
        fcntl.flock(fh, fcntl.LOCK_UN)
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert all(json.loads(out)["answered"] for out, _ in results)
    assert status(corpus, ix).fresh and answers(ix)
    assert len([p for p in ix.iterdir() if p.is_dir()]) <= 2


def test_reader_keeps_its_generation_while_another_build_lands(ix: Path, corpus_copy: Path) -> None:
    build(corpus_copy, ix)
    reader = QA(Index(ix))  # opened, passages not read yet
    (corpus_copy / "new.txt").write_text("New Briefing\n\nMarch 3, 2019\n\nA quokka sentence.\n")
    build(corpus_copy, ix)
    assert reader.ask("who is Stephen Biegun?").answered
    assert "Biegun" in reader.index.passage(0).text or reader.index.passage(0).text

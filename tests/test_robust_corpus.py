"""Robustness of indexing: one bad file is skipped with a warning, the rest is indexed."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from qabot.api import QA
from qabot.corpus import MAX_BYTES, CorpusError
from qabot.index import Index, build, status
from qabot.index import refresh as ensure_index
from tests.conftest import CORPUS, FEB26, FEB28, run_cli

GOOD = "Plain Briefing Title\n\nMarch 3, 2019\n\nThe zanzibar accord was signed in the spring.\n"


run = run_cli


def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{FEB26}.txt", corpus)
    (corpus / "good.txt").write_text(GOOD)
    return corpus


def docs_of(index_dir: Path) -> set[str]:
    return {d.doc_id for d in Index(index_dir).docs}


def test_missing_and_empty_corpus_folder(tmp_path: Path) -> None:
    ix = ["--index", str(tmp_path / "ix")]
    code, out, err = run(["ask", "--corpus", str(tmp_path / "nope"), *ix, "hanoi"])
    assert (
        code == 1 and out == "" and err == f"qabot: error: corpus folder {tmp_path / 'nope'} does not exist\n"
    )
    (tmp_path / "empty").mkdir()
    code, out, err = run(["ask", "--corpus", str(tmp_path / "empty"), *ix, "hanoi"])
    assert code == 1 and "has no briefings" in err and "Traceback" not in err
    (tmp_path / "afile").write_text("x")
    code, _, err = run(["index", "--corpus", str(tmp_path / "afile"), *ix])
    assert code == 1 and "is not a folder" in err
    only_bad = tmp_path / "bad"
    only_bad.mkdir()
    (only_bad / "b.txt").write_bytes(b"\x00" * 10)
    with pytest.raises(CorpusError, match="no usable briefings"):
        build(only_bad, tmp_path / "ix2")


def test_bad_files_skipped_with_warnings_rest_indexed(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.md").write_text("\n  \n\t\n")
    (corpus / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 20)
    (corpus / "cp.txt").write_bytes(
        "Caf\xe9 Diplomacy Report\n\nMarch 4, 2019\n\nThe caf\xe9 talks were na\xefve but useful.\n".encode(
            "cp1252"
        )
    )
    shutil.copy(corpus / "good.txt", corpus / "zz-copy.txt")
    (corpus / "notitle.txt").write_text("only lower-case words here and nothing like a header at all.\n")
    (corpus / "badfront.md").write_text("+++\ntitle = \n+++\nBody text here.\n")
    os.symlink("does-not-exist.txt", corpus / "dangling.txt")
    ix = tmp_path / "ix"
    notes: list[str] = []
    _, report = ensure_index(corpus, ix, notify=notes.append)
    assert report is not None
    text = "\n".join(notes)
    assert "empty.txt: empty file, skipped" in text and "blank.md: empty file, skipped" in text
    assert "binary.txt: looks binary" in text
    assert "cp.txt: not valid UTF-8" in text and "cp1252" in text
    assert "zz-copy.txt: same content as good.txt" in text
    assert "notitle: no title found; using the file name" in text and "notitle: no date found" in text
    assert "bad TOML front matter" in text
    assert "dangling.txt: cannot read" in text
    assert docs_of(ix) == {FEB26, "good", "cp", "notitle"}
    index = Index(ix)
    cp = index.docs[index.doc_index["cp"]]
    assert cp.title == "Café Diplomacy Report"  # cp1252 decoded, not mojibake
    nt = index.docs[index.doc_index["notitle"]]
    assert (nt.title, nt.date) == ("notitle", "undated")
    # the skipped files are remembered: the next run is quiet and does not rebuild
    assert status(corpus, ix).fresh
    notes.clear()
    assert ensure_index(corpus, ix, notify=notes.append) == (ix, None) and notes == []


def test_fixed_bad_file_is_picked_up(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    (corpus / "later.txt").write_bytes(b"")
    ix = tmp_path / "ix"
    ensure_index(corpus, ix)
    assert "later" not in docs_of(ix)
    (corpus / "later.txt").write_text("Later Briefing\n\nMay 1, 2019\n\nA quokka sentence.\n")
    assert not status(corpus, ix).fresh
    ensure_index(corpus, ix)
    assert "later" in docs_of(ix)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    locked = corpus / "locked.txt"
    locked.write_text(GOOD.replace("zanzibar", "quokka"))
    locked.chmod(0)
    try:
        notes: list[str] = []
        ensure_index(corpus, tmp_path / "ix", notify=notes.append)
        assert any("locked.txt: cannot read" in n for n in notes)
        assert docs_of(tmp_path / "ix") == {FEB26, "good"}
        locked.chmod(0o644)  # a chmod moves ctime only: still noticed
        assert not status(corpus, tmp_path / "ix").fresh
    finally:
        locked.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as above, for root too: reading raises PermissionError."""
    corpus = small_corpus(tmp_path)
    (corpus / "locked.txt").write_text(GOOD.replace("zanzibar", "quokka"))
    import qabot.index.workers as workers

    real = workers.read_file

    def deny(path: str, limit: int) -> object:
        if path.endswith("locked.txt"):
            return "cannot read (Permission denied)"  # what reading reports for EACCES
        return real(path, limit)

    monkeypatch.setattr(workers, "read_file", deny)
    notes: list[str] = []
    ensure_index(corpus, tmp_path / "ix", notify=notes.append)
    assert "qabot: warning: locked.txt: cannot read (Permission denied), skipped" in notes
    assert docs_of(tmp_path / "ix") == {FEB26, "good"}


def test_huge_file_is_skipped_quickly(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    big = corpus / "big.txt"
    line = b"Filler sentence number one about nothing at all in particular.\n"
    with big.open("wb") as fh:
        fh.write(b"Big File\n\nMarch 3, 2019\n\n")
        chunk = line * (1 << 14)
        while fh.tell() < 50 * 2**20:
            fh.write(chunk)
    assert big.stat().st_size > MAX_BYTES
    t0 = time.perf_counter()
    notes: list[str] = []
    ensure_index(corpus, tmp_path / "ix", notify=notes.append)
    assert time.perf_counter() - t0 < 10
    assert any("big.txt: 5" in n and "MB is too big for a briefing" in n for n in notes)
    assert docs_of(tmp_path / "ix") == {FEB26, "good"}
    t0 = time.perf_counter()
    assert status(corpus, tmp_path / "ix").fresh and time.perf_counter() - t0 < 2


def test_large_briefing_indexes_in_reasonable_time(tmp_path: Path) -> None:
    """A 1 MB file of distinct paragraphs (100 times a briefing): near-linear, not quadratic."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    words = (CORPUS / f"{FEB28}.txt").read_text(encoding="utf-8").split()
    paras = [
        " ".join(words[(i * 7 + j * 13) % len(words)] for j in range(40)) + f" item{i}." for i in range(3000)
    ]
    (corpus / "large.txt").write_text("Large Briefing\n\nMarch 3, 2019\n\n" + "\n\n".join(paras))
    t0 = time.perf_counter()
    report = build(corpus, tmp_path / "ix")
    assert time.perf_counter() - t0 < 30 and report.passages > 1000


def test_symlink_loop_hidden_and_backup_files(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "inner.md").write_text(
        "+++\ndate = 2019-03-01\n+++\n# Inner Title\n\nA wombat paragraph.\n"
    )
    os.symlink("..", corpus / "sub" / "loop")
    os.symlink(corpus, corpus / "self")
    for name in (".hidden.txt", "notes.txt~", "good.txt.bak", ".#good.txt", "good.txt.swp", "x.orig"):
        (corpus / name).write_text(GOOD.replace("zanzibar", "hiddenword"))
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD.txt").write_text(GOOD.replace("zanzibar", "hiddenword"))
    report = build(corpus, tmp_path / "ix")
    assert docs_of(tmp_path / "ix") == {FEB26, "good", "sub/inner"}
    assert report.warnings == []
    qa = QA(Index(tmp_path / "ix"))
    assert not qa.ask("hiddenword").answered and qa.ask("wombat").answered


def test_file_removed_or_changed_between_runs(tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path)
    ix = tmp_path / "ix"
    ensure_index(corpus, ix)
    (corpus / "good.txt").write_text(GOOD.replace("zanzibar", "quokka"))
    (corpus / f"{FEB26}.txt").unlink()
    notes: list[str] = []
    _, report = ensure_index(corpus, ix, notify=notes.append)
    assert report is not None and report.changed == ["good.txt"] and report.removed == [f"{FEB26}.txt"]
    assert docs_of(ix) == {"good"}
    qa = QA(Index(ix))
    assert qa.ask("quokka").answered and not qa.ask("zanzibar").answered


def test_file_vanishing_during_a_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """discover() lists a file that is gone when it is read: skipped, the rest indexed."""
    corpus = small_corpus(tmp_path)
    (corpus / "gone.txt").write_text(GOOD.replace("zanzibar", "quokka"))
    import qabot.index as index_mod

    real = index_mod.corpus_files

    def listing_then_delete(folder: Path) -> dict[str, Path]:
        files = real(folder)
        (folder / "gone.txt").unlink(missing_ok=True)
        return files

    monkeypatch.setattr(index_mod, "corpus_files", listing_then_delete)
    report = build(corpus, tmp_path / "ix")
    assert any(w.startswith("gone.txt: cannot read") for w in report.warnings)
    monkeypatch.undo()
    assert docs_of(tmp_path / "ix") == {FEB26, "good"}
    assert not status(corpus, tmp_path / "ix").fresh or "gone.txt" not in os.listdir(corpus)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_in_corpus_is_skipped_not_read(tmp_path: Path) -> None:
    """A named pipe would block a build forever: it is skipped with a warning."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / f"{FEB26}.txt", corpus)
    os.mkfifo(corpus / "pipe.md")
    report = build(corpus, tmp_path / "ix")
    assert report.docs == 1 and any("pipe.md: not a regular file" in w for w in report.warnings)

"""What the CLI and the chat share: locating the corpus and index, streams, no import cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from qabot import locate
from tests.conftest import ROOT, run_cli


def test_resolve_flags_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QABOT_CORPUS", str(tmp_path / "env-corpus"))
    monkeypatch.setenv("QABOT_INDEX", str(tmp_path / "env-index"))
    assert locate.resolve(tmp_path / "c", tmp_path / "i") == (tmp_path / "c", tmp_path / "i", True)
    assert locate.resolve(None, None) == (tmp_path / "env-corpus", tmp_path / "env-index", True)


def test_resolve_empty_environment_is_unset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QABOT_CORPUS", "")
    monkeypatch.setenv("QABOT_INDEX", "")
    corpus, index, explicit = locate.resolve(None, None)
    assert corpus == locate.default_corpus() and corpus != Path("")
    assert index == locate.default_index(corpus) and not explicit
    corpus, index, explicit = locate.resolve(tmp_path, None)
    assert corpus == tmp_path and index == locate.cache_index_for(tmp_path) and not explicit


def test_empty_qabot_index_is_not_an_explicit_index(
    corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a default index folder that cannot be written falls back to the user cache with a
    # notice; an explicit one is an error straight away. QABOT_INDEX="" is no choice.
    monkeypatch.setenv("QABOT_INDEX", "")
    monkeypatch.setattr(locate, "writable", lambda folder: False)
    for command in (["index"], ["ask", "x"]):
        code, _, err = run_cli([command[0], "--corpus", str(corpus_copy), *command[1:]])
        assert code == 1 and "is not writable; using" in err, command


def test_repl_does_not_import_the_cli() -> None:
    code = (
        "import sys, qabot.repl, qabot.repl.session, qabot.repl.piped, qabot.repl.commands;"
        "assert 'qabot.cli' not in sys.modules, 'repl imports cli'"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_open_qa_rebuilds_a_damaged_index_once_and_passes_other_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse
    import io

    from qabot.index import Index, IndexDamaged, IndexError_, build
    from qabot.termio import Console, open_qa
    from tests.conftest import CORPUS

    build(CORPUS, tmp_path / "ix")
    gen = next(p for p in (tmp_path / "ix").iterdir() if p.name.startswith("s-"))
    docs = gen / "docs.json"
    docs.write_text("x" * docs.stat().st_size)  # same size: only the loader can tell
    with pytest.raises(IndexDamaged):  # the loader's damage error, which open_qa catches
        Index(tmp_path / "ix")
    args = argparse.Namespace(corpus=CORPUS, index=tmp_path / "ix")
    out, err = io.StringIO(), io.StringIO()
    qa = open_qa(args, Console(args, out, err))
    assert qa.index.n_passages == 34 and out.getvalue() == ""
    assert err.getvalue().startswith(f"qabot: index in {tmp_path / 'ix'} is damaged (")
    assert err.getvalue().endswith("; rebuilding it\n") and err.getvalue().count("\n") == 1
    # any other index error is the user's to see: no rebuild
    manifest = tmp_path / "ix" / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"analyzer": "', '"analyzer": "old-'))
    monkeypatch.setattr(locate, "writable", lambda folder: False)
    with pytest.raises(IndexError_, match="is not writable and is out of date") as caught:
        open_qa(args, Console(args, out, err))
    assert not isinstance(caught.value, IndexDamaged) and err.getvalue().count("\n") == 1

"""Shared fixtures: every test gets its own QABOT_HOME and index, never the user's."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FEB26 = "2019-02-26-what-to-expect-as-trump-and-kim-meet-again"
FEB28 = "2019-02-28-why-an-abrupt-finale-to-the-trump-kim-summit-wont-kill-negotiations"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("qabot-home")
    monkeypatch.setenv("QABOT_HOME", str(home))
    for var in ("QABOT_CORPUS", "QABOT_INDEX", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)


#: Every (stdout, stderr) run_cli produced during the current test.
_OUTPUTS: list[tuple[str, str]] = []
_ROBUSTNESS = (
    "test_robust_",
    "test_hostile_",
    "test_index_guarantees",
    "test_corpus_names",
    "test_eval_runs",
)


@pytest.fixture(autouse=True)
def _no_internal_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """In the robustness tests no command may end in an internal error or a traceback,
    whatever the test itself asserts (issue 16: zero "please report")."""
    _OUTPUTS.clear()
    yield
    if request.module.__name__.rsplit(".", 1)[-1].startswith(_ROBUSTNESS):
        for out, err in _OUTPUTS:
            for text in (out, err):
                assert "internal error" not in text and "Traceback (most recent" not in text, text[-500:]
    _OUTPUTS.clear()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped corpus that a test may change."""
    dst = tmp_path / "corpus"
    shutil.copytree(CORPUS, dst)
    return dst


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index of the shipped corpus, built once for read-only tests."""
    from qabot.index import build

    folder = tmp_path_factory.mktemp("index")
    build(CORPUS, folder)
    return folder


@pytest.fixture
def base(shared_index: Path) -> list[str]:
    """The CLI options that point a command at the shipped corpus and the shared index."""
    return ["--corpus", str(CORPUS), "--index", str(shared_index)]


@pytest.fixture(scope="session")
def qa(shared_index: Path) -> Iterator[object]:
    from qabot.api import QA

    yield QA.open(CORPUS, shared_index)


class FakeStdin(io.TextIOWrapper):
    """Bytes as stdin, claiming to be a terminal or not."""

    def __init__(self, data: bytes, tty: bool = False) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class FakeStdout(io.StringIO):
    """A captured stdout, claiming to be a terminal or not."""

    def __init__(self, tty: bool = False) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run_cli(
    argv: list[str], stdin: bytes = b"", tty: bool = False, out_tty: bool = False
) -> tuple[int, str, str]:
    """``qabot.cli.main`` in process: (exit code, stdout, stderr). ``tty``: stdin claims
    to be a terminal; ``out_tty``: stdout does (colour then needs ``--no-color`` to stay off)."""
    from qabot.cli import main

    out, err = FakeStdout(out_tty), io.StringIO()
    code = main(argv, stdin=FakeStdin(stdin, tty), stdout=out, stderr=err)
    _OUTPUTS.append((out.getvalue(), err.getvalue()))
    return code, out.getvalue(), err.getvalue()

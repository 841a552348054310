"""Shared fixtures: every test gets its own QABOT_HOME and index, never the user's."""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def qa(shared_index: Path) -> Iterator[object]:
    from qabot.bot import QA

    yield QA.open(CORPUS, shared_index)

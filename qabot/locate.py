"""Where things live: the default corpus and index, and the user's own folders.

Precedence everywhere: command-line flag, then environment (QABOT_CORPUS, QABOT_INDEX,
QABOT_HOME), then defaults. From a checkout the defaults are its ``corpus/`` and
``index/``; from an installed wheel the corpus is the copy packaged as ``qabot._corpus``
and the index goes to the user cache directory.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The source checkout this package runs from, if any."""
    root = _PKG.parent
    if (root / "pyproject.toml").is_file() and (root / "corpus").is_dir():
        return root
    return None


def default_corpus() -> Path:
    env = os.environ.get("QABOT_CORPUS")
    if env:
        return Path(env).expanduser()
    root = checkout_root()
    if root is not None:
        return root / "corpus"
    return _PKG / "_corpus"


def _xdg(var: str, fallback: str) -> Path:
    value = os.environ.get(var)
    return Path(value) if value and os.path.isabs(value) else Path.home() / fallback


def home() -> Path | None:
    env = os.environ.get("QABOT_HOME")
    return Path(env).expanduser() if env else None


def cache_dir() -> Path:
    h = home()
    return h / "cache" if h else _xdg("XDG_CACHE_HOME", ".cache") / "qabot"


def state_dir() -> Path:
    """Where chat history lives ($XDG_STATE_HOME/qabot, or $QABOT_HOME/state)."""
    h = home()
    return h / "state" if h else _xdg("XDG_STATE_HOME", ".local/state") / "qabot"


def cache_index_for(corpus: Path) -> Path:
    path = str(corpus.resolve()).encode()
    key = f"{zlib.crc32(path):08x}{zlib.adler32(path):08x}"  # no hashlib import on every start
    return cache_dir() / f"index-{key}"


def default_index(corpus: Path) -> Path:
    env = os.environ.get("QABOT_INDEX")
    if env:
        return Path(env).expanduser()
    root = checkout_root()
    if root is not None and corpus.resolve() == (root / "corpus").resolve():
        return root / "index"
    return cache_index_for(corpus)


def resolve(corpus: Path | None, index: Path | None) -> tuple[Path, Path, bool]:
    """The corpus folder, the index folder, and whether the index folder was chosen.

    One rule for every caller: a flag (a non-None argument) wins, then a non-empty
    ``QABOT_CORPUS`` / ``QABOT_INDEX`` (an empty variable counts as unset), then the
    defaults. ``explicit`` is true when the user named the index folder (flag or
    environment): a stale, read-only explicit index is an error, while a default one
    falls back to the user cache.
    """
    corpus = corpus if corpus is not None else default_corpus()
    explicit = index is not None or bool(os.environ.get("QABOT_INDEX"))
    index = index if index is not None else default_index(corpus)
    return corpus, index, explicit


def writable(folder: Path) -> bool:
    """Whether qabot could create or replace files in ``folder``."""
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)

"""Where things live: the default corpus and index, and the user's own folders.

Precedence everywhere: command-line flag, then environment (QABOT_CORPUS, QABOT_INDEX,
QABOT_HOME), then the config file, then defaults. From a checkout the defaults are its
``corpus/`` and ``index/``; from an installed wheel the corpus is the copy packaged as
``qabot._corpus`` and the index goes to the user cache directory.

User folders follow the XDG base directories, or all sit under ``$QABOT_HOME``
(``cache/``, ``state/``, ``data/``, ``config.toml``). A place that cannot be used — a
relative ``QABOT_HOME`` (it would move with the current folder), one that is a file,
an empty ``HOME`` with no XDG variable to stand in — is a :class:`PlaceError` naming
the variable, raised only when that place is needed.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from .errors import QabotError

_PKG = Path(__file__).resolve().parent


def checkout_root() -> Path | None:
    """The source checkout this package runs from, if any."""
    root = _PKG.parent
    if (root / "pyproject.toml").is_file() and (root / "corpus").is_dir():
        return root
    return None


def default_shipped_corpus() -> Path:
    """The briefings shipped with qabot: the checkout's ``corpus/``, or the wheel's copy."""
    root = checkout_root()
    return root / "corpus" if root is not None else _PKG / "_corpus"


def default_corpus() -> Path:
    env = os.environ.get("QABOT_CORPUS")
    if env:
        return Path(env).expanduser()
    return default_shipped_corpus()


class PlaceError(QabotError):
    """A user folder qabot cannot use (named with the variable that chose it): exit 1."""


def _folder(var: str, value: str) -> Path:
    """``value`` of environment variable ``var`` as an absolute folder, or a PlaceError."""
    path = Path(value).expanduser()
    if not path.is_absolute():
        raise PlaceError(
            f"{var} must be an absolute path, not {value!r} (it would follow the current folder)"
        )
    if path.exists() and not path.is_dir():
        raise PlaceError(f"{var} is {path}, which is not a folder")
    return path


def _xdg(var: str, fallback: str, what: str) -> Path:
    """``$var`` (absolute values only, as the XDG spec says), else ``$HOME/fallback``."""
    value = os.environ.get(var)
    if value and os.path.isabs(value):
        return _folder(var, value)
    user = os.environ.get("HOME", "")
    if not user or not os.path.isabs(user):
        state = "empty" if not user else f"not an absolute path ({user!r})"
        raise PlaceError(
            f"cannot tell where to keep the {what}: HOME is {state}; set QABOT_HOME or {var} to a folder"
        )
    return _folder("HOME", user) / fallback


def home() -> Path | None:
    """``$QABOT_HOME`` (absolute, a folder if it exists), or None when unset or empty."""
    env = os.environ.get("QABOT_HOME")
    return _folder("QABOT_HOME", env) if env else None


def cache_dir() -> Path:
    h = home()
    return h / "cache" if h else _xdg("XDG_CACHE_HOME", ".cache", "index") / "qabot"


def state_dir() -> Path:
    """Where chat history lives ($XDG_STATE_HOME/qabot, or $QABOT_HOME/state)."""
    h = home()
    return h / "state" if h else _xdg("XDG_STATE_HOME", ".local/state", "chat history") / "qabot"


def data_dir() -> Path:
    """Where the log of questions and answers lives ($XDG_DATA_HOME/qabot, or $QABOT_HOME/data)."""
    h = home()
    return h / "data" if h else _xdg("XDG_DATA_HOME", ".local/share", "log") / "qabot"


def config_file() -> Path | None:
    """``$QABOT_HOME/config.toml``, else ``$XDG_CONFIG_HOME/qabot/config.toml``; None when
    neither variable nor HOME says where (then there is no config file, not an error)."""
    h = home()
    if h:
        return h / "config.toml"
    try:
        return _xdg("XDG_CONFIG_HOME", ".config", "config file") / "qabot" / "config.toml"
    except PlaceError:
        return None


def cache_index_for(corpus: Path) -> Path:
    path = os.fsencode(corpus.resolve())  # a name that is not UTF-8 keeps its bytes
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

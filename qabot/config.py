"""The config file, and the one precedence rule: flag > environment > config > default.

``$QABOT_HOME/config.toml`` (or ``$XDG_CONFIG_HOME/qabot/config.toml``) is TOML with
the keys of :data:`KEYS`, all optional. It is read only when it exists (``tomllib`` is
not imported otherwise, so a plain ``qabot ask`` stays light), and every mistake is an
error naming the file and the key, as mdformat reports its config: a wrong value is
never silently replaced by a default.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from . import style
from .commandline import MAX_K
from .errors import QabotError


class ConfigError(QabotError):
    """The config file is unreadable or holds a wrong key or value: exit 1, one line."""


class Config:
    """What the config file set; None (or empty) for what it leaves to the defaults.

    (A plain class: every ``qabot ask`` loads this module, and a dataclass or NamedTuple
    is built by compiling code.)"""

    __slots__ = ("color", "corpus", "index", "k", "log", "pager", "path", "recency", "style")

    def __init__(
        self,
        path: Path | None = None,
        k: int | None = None,
        corpus: Path | None = None,
        index: Path | None = None,
        color: str | None = None,  # auto, always, never
        pager: str | None = None,  # a command; "" = no pager
        log: bool | None = None,
        style: dict[str, str] | None = None,
        recency: float | None = None,  # the recency prior's weight (Params.recency_prior)
    ) -> None:
        self.recency = recency
        self.path, self.k, self.corpus, self.index = path, k, corpus, index
        self.color, self.pager, self.log, self.style = color, pager, log, style or {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Config) and all(
            getattr(self, a) == getattr(other, a) for a in self.__slots__
        )

    __hash__ = None  # type: ignore[assignment]


def _k(value: Any, base: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_K:
        raise ValueError(f"must be a whole number from 1 to {MAX_K}, not {value!r}")
    return value


def _folder(value: Any, base: Path) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a folder name in quotes, not {value!r}")
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path  # relative to the config file


def _color(value: Any, base: Path) -> str:
    if value is False:
        return "never"
    if value not in ("auto", "always", "never"):
        raise ValueError(f'must be "auto", "always" or "never", not {value!r}')
    return str(value)


def _pager(value: Any, base: Path) -> str:
    if value is False:
        return ""
    if not isinstance(value, str):
        raise ValueError(f'must be a command such as "less -FRX", or false, not {value!r}')
    return value.strip()


def _bool(value: Any, base: Path) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {value!r}")
    return value


#: ``recency = true``: the prior at this weight (a briefing at the newest date scores
#: 10% more than one at the oldest, other things equal).
RECENCY_ON = 0.1


def _recency(value: Any, base: Path) -> float:
    if isinstance(value, bool):
        return RECENCY_ON if value else 0.0
    if not isinstance(value, (int, float)) or not 0 <= value <= 10:
        raise ValueError(f"must be true, false or a weight from 0 to 10, not {value!r}")
    return float(value)


def _style(value: Any, base: Path) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError('must be a table: [style] with lines such as match = "bold ansired"')
    out = {}
    for name, text in value.items():
        if name not in style.STYLES:
            raise ValueError(f"{name}: unknown class (known: {', '.join(style.STYLES)})")
        if not isinstance(text, str):
            raise ValueError(f"{name}: must be a style in quotes, not {text!r}")
        try:
            style.sgr(text)
        except ValueError as exc:
            raise ValueError(f"{name}: {exc}") from None
        out[name] = text
    return out


class Key:
    """A config key: its name, an example value as written in the file, help, its check."""

    __slots__ = ("check", "example", "help", "name")

    def __init__(self, name: str, example: str, help: str, check: Callable[[Any, Path], Any]) -> None:
        self.name, self.example, self.help, self.check = name, example, help, check


KEYS: tuple[Key, ...] = (
    Key("k", "5", "passages per answer, for ask and chat (eval keeps 10)", _k),
    Key(
        "corpus",
        '"~/briefings"',
        "folder of briefings (a relative path starts at the config's folder)",
        _folder,
    ),
    Key("index", '"~/.cache/qabot/briefings"', "index folder", _folder),
    Key("color", '"auto"', "auto (on a terminal), always, never", _color),
    Key("pager", '"less -FRX"', "the pager for long output on a terminal; false for none", _pager),
    Key("log", "true", "record questions and answers for `qabot log` and -c", _bool),
    Key("recency", "true", "newer briefings rank a little higher (ask, chat, timeline; not eval)", _recency),
    Key("style", '{ match = "bold ansired" }', f"colours by class: {', '.join(style.STYLES)}", _style),
)
_BY_NAME = {k.name: k for k in KEYS}


def load(path: Path | None) -> Config:
    """The config at ``path``; an empty Config when there is no such file."""
    if path is None:
        return Config()
    try:
        if not path.exists():
            return Config()
        if path.is_dir():
            raise ConfigError(f"{path}: is a folder, not a config file")
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply") from None
    values: dict[str, Any] = {}
    for name, value in data.items():
        key = _BY_NAME.get(name)
        if key is None:
            import difflib

            near = difflib.get_close_matches(name, list(_BY_NAME), n=1)
            hint = f" (did you mean {near[0]}?)" if near else f" (known: {', '.join(_BY_NAME)})"
            raise ConfigError(f"{path}: unknown key {name!r}{hint}")
        try:
            values[name] = key.check(value, path.parent)
        except ValueError as exc:
            raise ConfigError(f"{path}: {name}: {exc}") from None
    return Config(path=path, **values)


# ---------------------------------------------------------------- precedence


def color_mode(flag: str | None, env: Mapping[str, str], config: str | None) -> str:
    """auto, always or never: ``--color``/``--no-color``, then ``FORCE_COLOR`` and
    ``NO_COLOR`` (set and non-empty, as no-color.org says; FORCE_COLOR wins when both are),
    then the config's ``color``, then auto."""
    if flag:
        return flag
    if env.get("FORCE_COLOR", "") not in ("", "0", "false"):
        return "always"
    if env.get("NO_COLOR", ""):
        return "never"
    return config or "auto"


#: Used when nothing names a pager: less, quitting when the text fits (-F), passing
#: colours (-R), leaving the text on the screen (-X).
DEFAULT_PAGER = "less -FRX"


def pager_command(no_pager: bool, env: Mapping[str, str], config: str | None) -> str:
    """The pager to run ("" for none): ``--no-pager``, then ``QABOT_PAGER``, then the
    config's ``pager``, then ``PAGER``, then ``less -FRX`` (git's order)."""
    if no_pager:
        return ""
    for value in (env.get("QABOT_PAGER"), config, env.get("PAGER")):
        if value is not None:
            return "" if value.strip() in ("", "cat") else value.strip()
    return DEFAULT_PAGER


def log_enabled(no_log: bool, config: bool | None) -> bool:
    """``--no-log``, then the config's ``log``; on by default (as llm logs)."""
    return not no_log and (config is None or config)


def env_set(name: str) -> bool:
    return bool(os.environ.get(name))

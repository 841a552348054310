"""Regular expressions compiled on first use.

A one-shot ``qabot ask`` imports the corpus parser (for finding files) but parses
nothing when the index is fresh; compiling its two dozen patterns at import would cost
a few milliseconds of every run for nothing.

After the first use a pattern's methods are the compiled pattern's own, bound on the
instance: a build calls them hundreds of thousands of times, and a forwarding method
per call cost about 4% of a build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

_METHODS = ("search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split")


class LazyPattern:
    """Stands in for ``re.compile(pattern, flags)`` and compiles it when first used."""

    # set on the instance at first use (until then, __getattr__ answers)
    compiled: re.Pattern[str]
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    findall: Callable[..., list[Any]]
    finditer: Callable[..., Any]
    split: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        if name != "compiled" and name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self._pattern, self._flags)
        self.compiled = compiled
        for method in _METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(self, name)


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)

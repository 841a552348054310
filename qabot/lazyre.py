"""Regular expressions compiled on first use.

A one-shot ``qabot ask`` imports the corpus parser (for finding files) but parses
nothing when the index is fresh; compiling its two dozen patterns at import would cost
a few milliseconds of every run for nothing.

After the first use a pattern's methods are the compiled pattern's own, bound on the
instance: a build calls them hundreds of thousands of times, and a forwarding method
per call cost about 4% of a build.

``lazy(..., prefilter=True)`` is for an unanchored pattern that mostly finds nothing (a
chrome rule run over every line of a corpus): :func:`required` reads from the pattern
the literal words one of which every match must hold, and a text holding none of them
is answered at once (no match) without running the pattern, as RE2 and Hyperscan do
with their "required factors". Which texts match does not change: the filter only skips
texts the pattern could not match.
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

    def __init__(self, pattern: str, flags: int = 0, prefilter: bool = False) -> None:
        self._pattern = pattern
        self._flags = flags
        self._prefilter = prefilter

    def __getattr__(self, name: str) -> Any:
        if name != "compiled" and name not in _METHODS:
            raise AttributeError(name)
        compiled = re.compile(self._pattern, self._flags)
        self.compiled = compiled
        factors = required(self._pattern, self._flags) if self._prefilter else None
        for method in _METHODS:
            bound = getattr(compiled, method)
            setattr(self, method, bound if factors is None else _filtered(method, bound, *factors))
        return getattr(self, name)


def lazy(pattern: str, flags: int = 0, *, prefilter: bool = False) -> LazyPattern:
    return LazyPattern(pattern, flags, prefilter)


# ---------------------------------------------------------------- required factors

#: The characters outside ASCII that ``re.IGNORECASE`` takes for an ASCII letter (found by
#: trying every code point; tests/test_lazyre.py checks it still holds): mapped to that
#: letter before lower-casing, so a case-blind factor is found wherever the pattern is.
_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
#: A factor shorter than this is in nearly every line: no use as a filter.
MIN_FACTOR = 3

_last: tuple[str, str] = ("", "")  # the text last lower-cased, and that form (one tuple: threads)


def _lowered(text: str) -> str:
    """``text`` as case-blind factors are looked for in it (the last one is remembered:
    a line meets several filtered patterns one after another)."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low = text.lower() if text.isascii() else text.translate(_CASE_TWINS).lower()
    _last = (text, low)
    return low


def _holds(text: str, blind: tuple[str, ...], exact: tuple[str, ...]) -> bool:
    if blind and any(map(_lowered(text).__contains__, blind)):
        return True
    return any(map(text.__contains__, exact))


def _filtered(method: str, bound: Callable[..., Any], blind: tuple[str, ...], exact: tuple[str, ...]) -> Any:
    """``bound`` answering at once for a text that holds none of the factors."""
    at = 1 if method in ("sub", "subn") else 0  # where the text is among the arguments
    empty: Callable[[str], Any] = {
        "search": lambda text: None,
        "match": lambda text: None,
        "fullmatch": lambda text: None,
        "findall": lambda text: [],
        "finditer": lambda text: iter(()),
        "sub": lambda text: text,
        "subn": lambda text: (text, 0),
        "split": lambda text: [text],
    }[method]

    def call(*args: Any, **kwargs: Any) -> Any:
        text = args[at] if len(args) > at else kwargs["string"]
        if isinstance(text, str) and not _holds(text, blind, exact):
            return empty(text)
        return bound(*args, **kwargs)

    return call


def required(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Literal strings one of which every match of ``pattern`` holds: (case-blind ones,
    lower-cased; exact ones), or None when there are none worth looking for.

    From the parsed pattern: a sequence requires any one of its parts' requirements (a
    run of literals, a group, a repeat of at least one, a branch's union of its
    alternatives'); zero-width assertions do not break a run of literals; anything else
    (a class, a lookaround, a back reference) requires nothing. Under IGNORECASE a
    literal outside ASCII ends the run (its case twins are many)."""
    parser, c = _sre()
    parsed = parser.parse(pattern, flags)
    ci = bool(parsed.state.flags & re.IGNORECASE)
    found = _requirement(parsed.data, ci, c)
    if not found or min(len(s) for s, _ in found) < MIN_FACTOR:
        return None
    # a factor holding another is implied by it: the shorter is enough
    kept = {f for f in found if not any(g != f and g[1] == f[1] and g[0] in f[0] for g in found)}
    return tuple(sorted(s for s, b in kept if b)), tuple(sorted(s for s, b in kept if not b))


Factor = tuple[str, bool]  # (string, case-blind)


def _requirement(items: Any, ci: bool, c: Any) -> frozenset[Factor] | None:
    options: list[frozenset[Factor]] = []
    run: list[str] = []
    run_ci = ci

    def end() -> None:
        if run:
            options.append(frozenset({("".join(run), run_ci)}))
            run.clear()

    for op, av in items:
        if op is c.LITERAL:
            ch = chr(av)
            if ci and not ch.isascii():
                end()
                continue
            if run and run_ci != ci:
                end()
            run_ci = ci
            run.append(ch.lower() if ci else ch)
            continue
        if op is c.AT:
            continue  # zero-width: the literals either side are still adjacent
        end()
        got: frozenset[Factor] | None = None
        if op is c.SUBPATTERN:
            _group, add, drop, sub = av
            inner = (ci or bool(add & re.IGNORECASE)) and not (drop & re.IGNORECASE)
            got = _requirement(sub.data, inner, c)
        elif op is c.BRANCH:
            alts = [_requirement(p.data, ci, c) for p in av[1]]
            if all(a is not None for a in alts):
                got = frozenset().union(*[a for a in alts if a is not None])
        elif op in c.REPEATS:
            low, _high, sub = av
            got = _requirement(sub.data, ci, c) if low >= 1 else None
        elif op is c.ATOMIC:
            got = _requirement(av.data, ci, c)
        if got:
            options.append(got)
    end()
    # the most selective option: its shortest string longest, then the fewest strings
    return max(options, key=lambda o: (min(len(s) for s, _ in o), -len(o)), default=None)


def _sre() -> tuple[Any, Any]:
    """The standard library's regular-expression parser and its opcodes."""
    try:
        from re import _constants as consts  # type: ignore[attr-defined]
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_constants as consts
        import sre_parse as parser

    class Ops:
        LITERAL = consts.LITERAL
        AT = consts.AT
        SUBPATTERN = consts.SUBPATTERN
        BRANCH = consts.BRANCH
        REPEATS = tuple(
            getattr(consts, n)
            for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
            if hasattr(consts, n)
        )
        ATOMIC = getattr(consts, "ATOMIC_GROUP", object())

    return parser, Ops

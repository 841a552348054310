"""A pass-1 reading of a corpus file as JSON, for the build's spill file.

Not pickle: nothing read back may run code (tests/test_robust_index.py holds the
package to that). Only what a reading holds is written: JSON's scalars, lists, tuples,
frozensets, dicts with string keys, dates and times (TOML front matter), and the few
dataclasses of a :class:`~qabot.corpus.formats.Raw`; each container is tagged, so a
value comes back as the type it went in as. Anything else raises :class:`Unspillable`
(the caller then reads that file again in pass 2).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import operator
from collections.abc import Callable
from functools import lru_cache
from itertools import starmap
from typing import Any


class Unspillable(TypeError):
    """A value this format does not hold."""


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    from ..corpus.formats import Raw
    from ..corpus.header import Hint
    from ..corpus.paragraphs import Body

    return {c.__name__: c for c in (Raw, Hint, Body)}


@lru_cache(maxsize=1)
def _body_fields() -> Callable[[Any], tuple[Any, ...]]:
    """A Body's fields in order, as one tuple (for :func:`_lines`)."""
    body = _classes()["Body"]
    return operator.attrgetter(*(f.name for f in dataclasses.fields(body)))


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_SET = frozenset(_SCALARS)


def _lines(x: tuple[Any, ...]) -> list[tuple[Any, ...]] | None:
    """A tuple of Body lines (most of a reading) as rows of their fields, or None when
    one of them is not a plain Body of scalars. Why: tagging each line and each of its
    fields on the way out and back made spilling a reading cost about as much as
    reading the file again."""
    body = _classes()["Body"]
    if not x or not all(type(b) is body for b in x):
        return None
    rows = list(map(_body_fields(), x))
    if not {type(v) for row in rows for v in row} <= _SCALAR_SET:
        return None
    return rows


_TIMES: dict[type, str] = {datetime.datetime: "dt", datetime.date: "date", datetime.time: "time"}
_FROM_ISO = {
    "dt": datetime.datetime.fromisoformat,
    "date": datetime.date.fromisoformat,
    "time": datetime.time.fromisoformat,
}


def _enc(x: Any) -> Any:
    t = type(x)
    if t in _SCALARS:
        return x
    if t is list:
        return {"l": [_enc(v) for v in x]}
    if t is tuple:
        rows = _lines(x)
        if rows is not None:
            return {"bl": rows}
        return {"t": [_enc(v) for v in x]}
    if t is frozenset:
        return {"fs": [_enc(v) for v in x]}
    if t is dict:
        if not all(type(k) is str for k in x):
            raise Unspillable("a dict with keys other than strings")
        return {"d": [[k, _enc(v)] for k, v in x.items()]}
    if t in _TIMES:
        return {_TIMES[t]: x.isoformat()}
    if _classes().get(t.__name__) is t:
        return {"dc": t.__name__, "f": [_enc(getattr(x, f.name)) for f in dataclasses.fields(x)]}
    raise Unspillable(t.__name__)


def _dec(x: Any) -> Any:
    if type(x) is not dict:
        return x
    if "dc" in x:
        return _classes()[x["dc"]](*map(_dec, x["f"]))
    ((tag, v),) = x.items()
    if tag == "l":
        return [_dec(y) for y in v]
    if tag == "t":
        return tuple(_dec(y) for y in v)
    if tag == "bl":
        return tuple(starmap(_classes()["Body"], v))
    if tag == "fs":
        return frozenset(_dec(y) for y in v)
    if tag == "d":
        return {k: _dec(y) for k, y in v}
    return _FROM_ISO[tag](v)


def dumps(value: Any) -> bytes:
    """``value`` as bytes :func:`loads` reads back equal (:class:`Unspillable` if it cannot)."""
    try:
        return json.dumps(_enc(value), separators=(",", ":")).encode("ascii")
    except (ValueError, RecursionError) as exc:
        raise Unspillable(str(exc)) from None


def loads(data: bytes) -> Any:
    return _dec(json.loads(data))

"""Finding a briefing or a passage from what a person types: one rule for CLI and chat.

``qabot show``, the chat's ``/show DOC#pN`` and ``/open`` all call :func:`lookup`. A
briefing is named by (tried in this order) its number in ``qabot sources``, its id,
its id shortened on screen with "…" (or "..." typed as three dots), its file name,
a unique prefix of its id, or words of its title; ``#pN`` after any of these names
passage N. A pure function over the index's briefings, so it is tested without a
terminal; a miss is a :class:`NotFound` whose message says what would work.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from .errors import LookupMiss

_WORD = re.compile(r"[\w']+")


class DocLike(Protocol):
    @property
    def doc_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def file(self) -> str: ...
    @property
    def first(self) -> int: ...
    @property
    def count(self) -> int: ...


class NotFound(LookupMiss):
    """Nothing (or more than one briefing) fits: exit 1, with a hint in the message."""


@dataclass(frozen=True)
class Found:
    """A briefing (its position in ``docs``) and, when ``#pN`` was given, a passage."""

    doc: int
    passage: int | None = None  # the passage's position in the index (``doc.first + N - 1``)
    n: int | None = None  # N of ``#pN``


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text.replace("’", "'"))]


def expand_short(short: str, ids: Sequence[str]) -> str | None:
    """The one id of ``ids`` that ``short`` (``"2019-02-28-why…tions"``, or with ``...``)
    abbreviates: its start and end kept, its middle cut; None when not one or not a cut."""
    mark = "…" if "…" in short else "..." if "..." in short else ""
    if not mark:
        return None
    head, _, tail = short.partition(mark)
    fits = [d for d in ids if len(d) >= len(head) + len(tail) and d.startswith(head) and d.endswith(tail)]
    return fits[0] if len(fits) == 1 else None


def _ambiguous(what: str, docs: Sequence[DocLike], hits: list[int]) -> NotFound:
    shown = "; ".join(f"{i + 1}. {docs[i].title}" for i in hits[:3])
    more = f" and {len(hits) - 3} more" if len(hits) > 3 else ""
    return NotFound(
        f"{what!r} fits {len(hits)} briefings ({shown}{more}); give its number from `qabot sources`"
    )


def find_doc(text: str, docs: Sequence[DocLike]) -> int:
    """The position in ``docs`` of the briefing ``text`` names (see the module doc)."""
    t = text.strip()
    if not t:
        raise NotFound("which briefing? give its number from `qabot sources`, its id or words of its title")
    if t.isdigit() and 1 <= int(t) <= len(docs):
        return int(t) - 1
    ids = [d.doc_id for d in docs]
    low = t.lower()
    for pool in (
        [i for i, d in enumerate(ids) if d == t],
        [i for i, d in enumerate(ids) if d.lower() == low],
    ):
        if len(pool) == 1:
            return pool[0]
    full = expand_short(t, ids) or expand_short(low, [d.lower() for d in ids])
    if full is not None:
        return [d.lower() for d in ids].index(full.lower())
    files = [i for i, d in enumerate(docs) if low in (d.file.lower(), PurePath(d.file).name.lower())]
    if len(files) == 1:
        return files[0]
    prefix = [i for i, d in enumerate(ids) if d.lower().startswith(low)]
    if len(prefix) == 1:
        return prefix[0]
    if len(prefix) > 1:
        raise _ambiguous(t, docs, prefix)
    wanted = set(_words(t))
    if wanted:
        titled = [i for i, d in enumerate(docs) if wanted <= set(_words(d.title)) | set(_words(d.doc_id))]
        if len(titled) == 1:
            return titled[0]
        if len(titled) > 1:
            raise _ambiguous(t, docs, titled)
    if t.isdigit():
        count = f"{len(docs)} briefing{'s' if len(docs) != 1 else ''}"
        raise NotFound(f"there is no briefing {int(t)}: there are {count} (`qabot sources` numbers them)")
    near = difflib.get_close_matches(low, [d.lower() for d in ids], n=1, cutoff=0.5)
    close = ids[[d.lower() for d in ids].index(near[0])] if near else None
    hint = f"; did you mean {close}?" if close else ""
    raise NotFound(f"no briefing {t!r}{hint} (`qabot sources` lists them, numbered)", close)


def lookup(text: str, docs: Sequence[DocLike]) -> Found:
    """The briefing, or passage (``…#pN``), that ``text`` names."""
    t = text.strip()
    head, sep, n = t.rpartition("#")
    if not sep or not head.strip():
        if sep:
            raise NotFound(f"{t!r} names no briefing before #; try `qabot sources`")
        return Found(find_doc(t, docs))
    i = find_doc(head, docs)
    doc = docs[i]
    number = n[1:] if n[:1] in ("p", "P") else n
    if not number.isdigit():
        raise NotFound(f"{t!r}: a passage is #pN, with N from 1 to {doc.count}")
    k = int(number)
    if not 1 <= k <= doc.count:
        raise NotFound(f"{doc.doc_id} has passages #p1 to #p{doc.count}, not #p{k}")
    return Found(i, doc.first + k - 1, k)

"""Passage text as numbers into a segment's list of text tokens: the one place that codes it.

Why: a passage's text was the bulk of an index (two thirds of a 1M-passage one), and zlib
on its own learns little from a block of eight passages. Coding each word as its number in
the segment's own token list, as full-text systems have long stored text (Witten, Moffat
and Bell, *Managing Gigabytes*), and zlib over those numbers, takes a third off the text's
bytes. The coding is exact: a text is the concatenation of its tokens, each a run of word
characters with the non-word characters after it (or, at the start, non-word characters
alone), so nothing about spacing or punctuation is lost.

A token's number is stored as a little-endian uint16; 65535 says "two more uint16 follow,
high then low half". Decoding is :class:`array.array` (no loop in Python, no numpy: the
light reader of a one-shot ask uses it too) unless a number that large is present.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Sequence
from itertools import accumulate, pairwise

#: A token: word characters and the non-word ones after them, or non-word ones alone.
TOKEN = re.compile(r"\w+\W*|\W+")
_ESC = 0xFFFF
_BIG = sys.byteorder != "little"


def tokens(text: str) -> list[str]:
    """``text`` cut into tokens whose concatenation is ``text``."""
    return TOKEN.findall(text)


def pack(ids: Sequence[int]) -> bytes:
    """Token numbers as stored (uint16 each, a larger one escaped into three)."""
    if not ids or max(ids) < _ESC:
        return _le(array("H", ids))
    out = array("H")
    for v in ids:
        if v < _ESC:
            out.append(v)
        elif v < 1 << 32:
            out.extend((_ESC, v >> 16, v & 0xFFFF))
        else:
            raise ValueError("token number out of range")
    return _le(out)


def unpack(data: bytes) -> Sequence[int]:
    """The token numbers of :func:`pack`'s bytes (ValueError when they cannot be)."""
    if len(data) % 2:
        raise ValueError("odd length")
    a = array("H", data)
    if _BIG:
        a.byteswap()
    if _ESC not in a:
        return a
    out: list[int] = []
    i, n = 0, len(a)
    while i < n:
        v = a[i]
        if v != _ESC:
            out.append(v)
            i += 1
        elif i + 2 < n:
            out.append(a[i + 1] << 16 | a[i + 2])
            i += 3
        else:
            raise ValueError("escape cut short")
    return out


def gaps(spans: list[int]) -> list[int]:
    """Sentence spans ``[s0, e0, s1, e1, ...]`` as the differences of consecutive offsets
    (the first as it is): small numbers, mostly alike, which zlib stores in fewer bytes."""
    return [b - a for a, b in pairwise([0, *spans])]


def offsets(gaps: list[int]) -> list[int]:
    """:func:`gaps` undone."""
    return list(accumulate(gaps))


def _le(a: array[int]) -> bytes:
    if _BIG:
        a.byteswap()
    return a.tobytes()

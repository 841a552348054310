"""A small index read without numpy: the one-shot ``qabot ask`` path.

Importing numpy costs a one-shot ``qabot ask`` about as much as everything else it
does on a small corpus (issue 14: a cold ask within 1.2x of ``import rank_bm25``).
:class:`LightIndex` reads the same folder as :class:`~qabot.index.reader.Index` with
the standard library alone: ``.npy`` headers parsed and checked here (the same checks
as :func:`qabot.index.codec.load`), arrays as ``memoryview`` casts of the file's bytes,
postings decoded in Python, segments combined with the same global statistics. It
offers the members of ``Index`` the question path and its rendering read (tests hold
both to the same values); :mod:`qabot.search.light` scores over it.

Used only where it pays: one question from ``qabot ask`` (a batch amortises numpy's
import) on an index of at most :data:`LIGHT_PASSAGES` passages, on a little-endian
machine (the ``.npy`` files are little-endian).
"""

from __future__ import annotations

import bisect
import itertools
import re
import sys
from pathlib import Path
from typing import Any, Literal

from . import layout
from .base import IndexBase, SegmentBase
from .segfiles import (
    Damaged,
    _bad,
    read_bytes,
)

#: The largest index read without numpy. Loading and scoring in Python grow with the
#: index, importing numpy does not: a one-shot ask over synthetic briefings
#: (benchmarks/gen.py) cost the same both ways at 20,000 passages and less without numpy
#: at 10,000 and below.
LIGHT_PASSAGES = 10_000

#: .npy element types -> ``memoryview.cast`` formats (native: checked little-endian)
_FORMATS: dict[str, Literal["B", "H", "I", "q", "b"]] = {
    "|u1": "B",
    "<u2": "H",
    "<u4": "I",
    "<i8": "q",
    "|i1": "b",
}
_SIZES = {"|u1": 1, "<u2": 2, "<u4": 4, "<i8": 8, "|i1": 1}
#: The header numpy's ``write_array`` gives (anything else is parsed as a literal)
_HEADER = re.compile(
    r"\{'descr': '(?P<descr>[<>|][a-z]\d+)', 'fortran_order': (?P<fortran>False|True), "
    r"'shape': \((?P<shape>\d+(?:, \d+)*)?,?\), \} *\n"
)
_E8, _E16 = 255, 65535


def available() -> bool:
    """Whether this machine reads the arrays natively (little-endian, the usual sizes)."""
    if sys.byteorder != "little":
        return False
    return all(memoryview(b"").cast(f).itemsize == _SIZES[d] for d, f in _FORMATS.items())


def small(manifest: dict[str, Any] | None) -> bool:
    """Whether an index (its manifest) is small enough to read without numpy."""
    return manifest is not None and int(manifest.get("passages") or 0) <= LIGHT_PASSAGES and available()


# ---------------------------------------------------------------- .npy files


def _header(text: str) -> tuple[str, bool, tuple[int, ...]]:
    """(descr, fortran_order, shape) of a .npy header (ValueError when it is not one)."""
    m = _HEADER.fullmatch(text)
    if m is not None:
        shape = tuple(int(x) for x in m.group("shape").split(", ")) if m.group("shape") else ()
        return m.group("descr"), m.group("fortran") == "True", shape
    import ast  # another writer's spacing: the literal, as numpy reads it

    d = ast.literal_eval(text)
    if not isinstance(d, dict) or set(d) != {"descr", "fortran_order", "shape"}:
        raise ValueError("not a .npy header")
    descr, fortran, shape = d["descr"], d["fortran_order"], d["shape"]
    if not (
        isinstance(descr, str)
        and isinstance(fortran, bool)
        and isinstance(shape, tuple)
        and all(isinstance(x, int) and x >= 0 for x in shape)
    ):
        raise ValueError("not a .npy header")
    return descr, fortran, shape


def read_npy(path: Path, dtypes: tuple[str, ...], shape: tuple[int, ...], size: int) -> memoryview:
    """A .npy file (of ``size`` bytes, the manifest's) as a flat memoryview of its
    elements; its header must say one of ``dtypes`` and exactly ``shape``, and the file
    must be exactly header + data, as :func:`qabot.index.codec.load` requires."""
    try:
        data = read_bytes(path, size)
        if data[:6] != b"\x93NUMPY" or len(data) < 10:
            raise ValueError("not a .npy file")
        version = (data[6], data[7])
        if version == (1, 0):
            start, hlen = 10, int.from_bytes(data[8:10], "little")
        elif version == (2, 0):
            start, hlen = 12, int.from_bytes(data[8:12], "little")
        else:
            raise Damaged(f"{path.name}: unknown .npy version")
        descr, fortran, hshape = _header(data[start : start + hlen].decode("latin1"))
        offset = start + hlen
    except (ValueError, OSError, SyntaxError, MemoryError, RecursionError) as exc:
        if isinstance(exc, Damaged):
            raise
        raise Damaged(f"{path.name}: {exc}") from None
    if descr not in dtypes or descr not in _FORMATS or fortran or hshape != shape:
        raise Damaged(f"{path.name}: header disagrees with the manifest")
    count = 1
    for x in shape:
        count *= x
    if len(data) != offset + count * _SIZES[descr]:
        raise Damaged(f"{path.name}: size disagrees with its header")
    return memoryview(data)[offset:].cast(_FORMATS[descr])


def _decode(
    u8: memoryview, u16: memoryview, u32: memoryview, lo: int, hi: int, e16: int, e32: int
) -> list[int]:
    """Entries ``lo:hi`` of a coded array (as :func:`qabot.index.codec.decode`)."""
    out: list[int] = u8[lo:hi].tolist()
    if _E8 not in out:
        return out
    at8 = [k for k, v in enumerate(out) if v == _E8]
    if e16 + len(at8) > len(u16):
        raise Damaged("escape beyond its array")
    mid: list[int] = u16[e16 : e16 + len(at8)].tolist()
    at16 = [k for k, v in enumerate(mid) if v == _E16]
    if e32 + len(at16) > len(u32):
        raise Damaged("escape beyond its array")
    for k, v in zip(at16, u32[e32 : e32 + len(at16)].tolist(), strict=True):
        mid[k] = v
    for k, v in zip(at8, mid, strict=True):
        out[k] = v
    return out


def _dense_tf(at: memoryview, val: memoryview, lo: int, hi: int) -> list[int]:
    """Term frequencies of postings ``lo:hi`` (as :func:`qabot.index.codec.dense_tf`)."""
    out = [1] * (hi - lo)
    a, b = bisect.bisect_left(at, lo), bisect.bisect_left(at, hi)
    prev = lo - 1
    for x, v in zip(at[a:b].tolist(), val[a:b].tolist(), strict=True):
        if not prev < x < hi:
            raise Damaged("term frequencies out of order")
        if v < 2:
            raise Damaged("term frequency below 2 stored")
        out[x - lo] = v
        prev = x
    return out


# ---------------------------------------------------------------- one segment


class LightSegment(SegmentBase):
    """One segment opened read-only, checked on open as
    :class:`~qabot.index.segments.SegmentReader` checks it (the same
    :class:`~qabot.index.base.SegmentBase`), its arrays memoryviews."""

    def _array(self, key: str, shape: tuple[int, ...]) -> memoryview | list[int]:
        a = read_npy(self.path / layout.npy(key), layout.ARRAYS[key], shape, self.files[layout.npy(key)][0])
        # the block tables are bisected per passage: lists (cues stay flat: [i * width + c])
        return a.tolist() if key in ("block_first", "block_offsets") else a

    def _ascending(self, values: list[int]) -> bool:
        return all(x < y for x, y in itertools.pairwise(values))

    def _differences(self, values: memoryview) -> list[int]:
        out = [b - a for a, b in itertools.pairwise(values.tolist())]
        if out and min(out) < 0:
            raise _bad(self.name)
        return out

    def _block_of(self, i: int) -> int:
        return bisect.bisect_right(self.block_first, i) - 1

    def cue(self, i: int, column: int) -> int:
        if not (0 <= i < self.n_passages and 0 <= column < self.width):
            raise IndexError((i, column))
        return int(self.cues[i * self.width + column])

    def postings(self, t: int) -> tuple[list[int], list[int]]:
        """Local passage numbers and term frequencies of local term ``t``."""
        lo, hi = self.post_ptr[t], self.post_ptr[t + 1]
        if not 0 <= lo <= hi <= len(self.gap[0]):
            raise _bad(self.name)
        g8, g16, g32, gp16, gp32 = self.gap
        gaps = _decode(g8, g16, g32, lo, hi, gp16[t] if len(gp16) else 0, gp32[t] if len(gp32) else 0)
        tf = _dense_tf(*self.tf, lo, hi)
        if gaps and (
            any(g <= 0 for g in itertools.islice(gaps, 1, None))
            or sum(gaps) >= self.n_passages
            or any(x <= 0 for x in tf)
        ):
            raise Damaged(f"segment {self.name}: postings damaged")
        return list(itertools.accumulate(gaps)), tf


# ---------------------------------------------------------------- the index


class LightIndex(IndexBase[LightSegment, list[int]]):
    """An index folder opened for reading without numpy: the segments its manifest
    names, combined into corpus order with global statistics as
    :class:`~qabot.index.reader.Index` combines them (the same
    :class:`~qabot.index.base.IndexBase`: the same numbers, passage ids, document
    frequencies and average length)."""

    def _segment(self, index_dir: Path, entry: dict[str, Any]) -> LightSegment:
        return LightSegment(index_dir, entry)

    def _positions(self) -> list[list[int]]:
        lists = [[-1] * seg.n_passages for seg in self.segments]
        for doc, (k, local) in zip(self.docs, self._where, strict=True):
            lists[k][local : local + doc.count] = range(doc.first, doc.first + doc.count)
        return lists

    def _combine_terms(self) -> None:
        segs = self.segments
        if len(segs) == 1:
            maps = [list(range(len(segs[0].terms)))]
        else:
            vocab = self.vocab
            maps = [[vocab[t] for t in seg.terms] for seg in segs]
        df = [0] * len(self.vocab_list)
        for seg, mp in zip(segs, maps, strict=True):
            seg_df: list[int] = list(seg.df)
            for k, v in seg.deletions.df.items():
                seg_df[k] -= v
            for k, g in enumerate(mp):
                df[g] += seg_df[k]
        if any(x < 0 for x in df) or (df and max(df) > self.n_passages):
            raise Damaged("document frequencies out of range")
        if 0 in df:  # terms only deleted briefings held: a fresh build would not have them
            kept = [i for i, x in enumerate(df) if x != 0]
            renumber = [-1] * len(df)
            for new, old in enumerate(kept):
                renumber[old] = new
            self._keep_terms(kept)
            maps = [[renumber[g] for g in mp] for mp in maps]
            df = [df[i] for i in kept]
        self.df = df
        self._to_local: list[list[int]] = []
        for mp in maps:
            inv = [-1] * len(self.vocab_list)
            for local, g in enumerate(mp):
                if g >= 0:
                    inv[g] = local
            self._to_local.append(inv)

    # ------------------------------------------------------------ postings

    def pieces(self, term_id: int) -> list[tuple[list[int], list[int], list[int]]]:
        """Term ``term_id``'s postings, one (passages, tfs, lengths) per segment holding
        it, in global passage numbers (each ascending)."""
        out = []
        for seg, inv, (base, remap) in zip(self.segments, self._to_local, self._remap, strict=True):
            t = inv[term_id]
            if t < 0:
                continue
            with self._reading():
                local, tf = seg.postings(t)
            lens = seg.doc_len
            dl = [lens[x] for x in local]
            if remap is None:
                pids = [x + base for x in local]
            else:
                pids = [remap[x] for x in local]
                if -1 in pids:
                    live = [j for j, x in enumerate(pids) if x >= 0]
                    pids, tf, dl = [pids[j] for j in live], [tf[j] for j in live], [dl[j] for j in live]
            if pids:
                out.append((pids, tf, dl))
        return out

    def token_ids(self, i: int) -> list[int]:
        """The term ids of passage ``i``'s analysed tokens, in order."""
        return self._term_ids(i)

"""Small-integer coding of postings, and .npy files read without trusting their headers.

Postings are runs of non-negative integers (passage-number gaps, term frequencies) that
are nearly all small: one byte each, with 255 meaning "look in the uint16 array" and
65535 there meaning "look in the uint32 array". Per run (term), two pointers say where
its escapes start, so one term decodes without touching the others. Encoding and
decoding are whole-array numpy operations.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .segfiles import Damaged, crc32_file, open_regular, read_bytes

IntArray = npt.NDArray[np.int64]

_E8, _E16 = 255, 65535


def encode(values: IntArray, ptr: IntArray) -> dict[str, npt.NDArray[Any]]:
    """``values`` (runs delimited by ``ptr``) as u8/u16/u32 arrays and per-run escape pointers."""
    v = np.asarray(values, dtype=np.int64)
    if len(v) and int(v.min()) < 0:
        raise ValueError("negative value")
    esc8 = v >= _E8
    u8 = np.where(esc8, _E8, v).astype(np.uint8)
    mid = v[esc8]
    esc16 = mid >= _E16
    u16 = np.where(esc16, _E16, mid).astype(np.uint16)
    u32 = mid[esc16].astype(np.uint32)
    c8 = np.concatenate(([0], np.cumsum(esc8, dtype=np.int64)))
    c16 = np.concatenate(([0], np.cumsum(esc16, dtype=np.int64)))
    p16 = c8[ptr]
    p32 = c16[p16]
    return {"u8": u8, "u16": u16, "u32": u32, "p16": p16.astype(np.int64), "p32": p32.astype(np.int64)}


def decode(
    u8: npt.NDArray[Any],
    u16: npt.NDArray[Any],
    u32: npt.NDArray[Any],
    lo: int,
    hi: int,
    e16: int,
    e32: int,
) -> IntArray:
    """Entries ``lo:hi`` of a coded array whose escapes start at ``e16``/``e32``."""
    out = u8[lo:hi].astype(np.int64)
    at8 = np.flatnonzero(out == _E8)
    if len(at8):
        if e16 + len(at8) > len(u16):
            raise Damaged("escape beyond its array")
        mid = u16[e16 : e16 + len(at8)].astype(np.int64)
        at16 = np.flatnonzero(mid == _E16)
        if len(at16):
            if e32 + len(at16) > len(u32):
                raise Damaged("escape beyond its array")
            mid[at16] = u32[e32 : e32 + len(at16)]
        out[at8] = mid
    return out


def narrow_ptr(values: IntArray) -> npt.NDArray[Any]:
    """Offsets (non-negative, ascending) as uint32 when they fit, else int64: half the bytes
    of every per-term pointer array in any segment the writer makes."""
    top = int(values[-1]) if len(values) else 0
    return values.astype(np.uint32 if top < 2**32 else np.int64)


def sparse_tf(tf: IntArray) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """(positions, values) of the term frequencies that are not 1: nearly every posting's
    is 1 (96% on the synthetic benchmark), so a byte per posting was mostly ones."""
    at = np.flatnonzero(tf != 1)
    val = tf[at]
    top = int(val.max()) if len(val) else 0
    return narrow_ptr(at), val.astype(np.uint8 if top < 256 else smallest_uint(top))


def dense_tf(at: npt.NDArray[Any], val: npt.NDArray[Any], lo: int, hi: int) -> IntArray:
    """Term frequencies of postings ``lo:hi`` (1 except where ``at`` says): :class:`Damaged`
    when the stored ones are out of order, out of range or not above 1."""
    out = np.ones(hi - lo, dtype=np.int64)
    a, b = (int(x) for x in np.searchsorted(at, (lo, hi)))
    if b > a:
        idx = at[a:b].astype(np.int64) - lo
        v = val[a:b]
        if int(idx[0]) < 0 or int(idx[-1]) >= hi - lo or (len(idx) > 1 and (np.diff(idx) <= 0).any()):
            raise Damaged("term frequencies out of order")
        if int(v.min()) < 2:
            raise Damaged("term frequency below 2 stored")
        out[idx] = v
    return out


def smallest_uint(max_value: int) -> type[np.unsignedinteger[Any]]:
    return np.uint16 if max_value < 65536 else np.uint32


# ---------------------------------------------------------------- .npy files


def save(path: Path, arr: npt.NDArray[Any]) -> None:
    """Write ``arr`` as .npy (no pickle), flushed to disk."""
    with path.open("wb") as fh:
        np.lib.format.write_array(fh, np.ascontiguousarray(arr), allow_pickle=False)
        fh.flush()
        os.fsync(fh.fileno())


def load(
    path: Path, dtypes: tuple[str, ...], shape: tuple[int, ...], *, mmap: bool = True
) -> npt.NDArray[Any]:
    """A .npy file whose header must say one of ``dtypes`` and exactly ``shape``, and whose
    size must be exactly header + data: anything else is :class:`Damaged` (a rotten header
    declaring terabytes is refused before anything is mapped or allocated)."""
    fmt = np.lib.format
    try:
        with open_regular(path) as fh:
            version = fmt.read_magic(fh)
            if version == (1, 0):
                hshape, fortran, dtype = fmt.read_array_header_1_0(fh)
            elif version == (2, 0):
                hshape, fortran, dtype = fmt.read_array_header_2_0(fh)
            else:
                raise Damaged(f"{path.name}: unknown .npy version")
            offset = fh.tell()
            size = os.fstat(fh.fileno()).st_size
    except (ValueError, OSError, SyntaxError) as exc:
        if isinstance(exc, Damaged):
            raise
        raise Damaged(f"{path.name}: {exc}") from None
    if dtype.hasobject or dtype.str not in dtypes or fortran or tuple(hshape) != shape:
        raise Damaged(f"{path.name}: header disagrees with the manifest")
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if size != offset + nbytes:
        raise Damaged(f"{path.name}: size disagrees with its header")
    if nbytes == 0:
        return np.zeros(shape, dtype=dtype)
    if mmap:
        arr = np.memmap(path, dtype=dtype, mode="r", offset=offset, shape=shape)
        return arr.view(np.ndarray)  # plain ndarray over the mapping: slicing without memmap overhead
    with open_regular(path) as fh:
        fh.seek(offset)
        data = fh.read(nbytes)
    return np.frombuffer(data, dtype=dtype).reshape(shape)


__all__ = [
    "Damaged",
    "crc32_file",
    "decode",
    "dense_tf",
    "encode",
    "load",
    "narrow_ptr",
    "open_regular",
    "read_bytes",
    "save",
    "smallest_uint",
    "sparse_tf",
]

"""What reading an index folder needs without numpy: its errors, file access, deletions.

The one-shot ``qabot ask`` over a small index reads it without importing numpy
(:mod:`.light`), and the manifest's checks run before any array is read, so the pieces
both readers and the manifest share live here, apart from :mod:`.segments` and
:mod:`.codec` (which re-export them).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from . import layout


class Damaged(ValueError):
    """An index file does not have the shape, size or content its manifest says."""


def new_stamp() -> str:
    """A name part no other build of this folder uses (time, process, a counter)."""
    return f"{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"


def fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_segment_dir(path: Path) -> None:
    """Remove a segment folder qabot wrote: only the files a segment holds (and its
    deletion files); anything else inside stays, and then so does the folder."""
    try:
        if path.is_symlink():
            path.unlink()
            return
        entries = list(os.scandir(path))
    except OSError:
        return
    for e in entries:
        known = e.name in layout.SEGMENT_FILES or e.name in layout.LEGACY_FILES
        if (known or layout.is_deletions_name(e.name)) and e.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(e.path)
    with contextlib.suppress(OSError):
        os.rmdir(path)


def open_regular(path: Path) -> BinaryIO:
    """Open a file for reading only if it is a regular file: a FIFO or device planted in
    the index folder would block or never end (opened non-blocking, then checked)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Damaged(f"{path.name} is not a regular file")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: Path, limit: int) -> bytes:
    """A regular file's bytes, refusing one larger than ``limit`` (the manifest's size)."""
    with open_regular(path) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise Damaged(f"{path.name} is larger than recorded")
    return data


def crc32_file(path: Path) -> int:
    """CRC-32 of a file's bytes (what the manifest records for every segment file)."""
    h = 0
    with open_regular(path) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h = zlib.crc32(chunk, h)
    return h


@dataclass(frozen=True)
class Doc:
    """One briefing of a loaded index (either reader's)."""

    doc_id: str
    title: str
    date: str
    file: str
    first: int  # position of its first passage
    count: int
    source: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()
    site: str = ""


@dataclass(frozen=True)
class Deletions:
    """Briefings removed from a segment since it was written, and what they held."""

    docs: frozenset[int]
    passages: int
    tokens: int
    df: dict[int, int]  # local term id -> passages removed that held it
    words: dict[int, int]  # local word id -> briefings removed that used it

    def to_json(self) -> dict[str, Any]:
        return {
            "docs": sorted(self.docs),
            "passages": self.passages,
            "tokens": self.tokens,
            "df": sorted(self.df.items()),
            "words": sorted(self.words.items()),
        }


NO_DELETIONS = Deletions(frozenset(), 0, 0, {}, {})


#: zlib level of passage blocks. With a preset dictionary a block of 8 passages costs
#: 22% fewer bytes at level 6 than at level 1 (100k synthetic passages: 9.3 MB against
#: 10.5 MB per segment; no dictionary, level 1: 11.9 MB), for ~3 s more CPU per 50k.
ZLEVEL = 6
#: Bytes of passage records a segment keeps as zlib's preset dictionary (zlib's window):
#: a block of 8 passages is too short to learn its words from, the dictionary holds
#: them. A segment with fewer bytes of records than this has none.
DICT_BYTES = 32 * 1024


#: The last dictionary's primed compressor (dictionary, compressor): copying it costs
#: less than loading the dictionary into a new one, block after block.
_primed: list[tuple[bytes, Any]] = []


def compress_block(data: bytes, zdict: bytes) -> bytes:
    """One passage block as stored: zlib, primed with the segment's dictionary if any
    (a copy of a compressor primed once is the same stream state as a new one primed)."""
    if not zdict:
        c = zlib.compressobj(ZLEVEL)
    else:
        if not _primed or _primed[0][0] != zdict:
            _primed[:] = [(zdict, zlib.compressobj(ZLEVEL, zdict=zdict))]
        c = _primed[0][1].copy()
    return c.compress(data) + c.flush()


def inflate_block(data: bytes, zdict: bytes) -> bytes:
    """A stored passage block's bytes (zlib.error when damaged or cut short)."""
    d = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
    out = d.decompress(data)
    if not d.eof or d.unused_data:
        raise zlib.error("passage block cut short or overlong")
    return out


#: A segment this small has every file's checksum checked on load (a few milliseconds);
#: a larger one has its JSON files checked on load and the rest as it is read (bounds,
#: zlib's own checksum per passage block) and by ``qabot index --verify``.
CHECK_ALL_BELOW = 4 << 20


def _bad(name: str) -> Damaged:
    return Damaged(f"segment {name} disagrees with the manifest")

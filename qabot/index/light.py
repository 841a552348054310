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
import contextlib
import itertools
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal

from .. import analysis, cues
from ..passages import Passage
from . import layout
from .manifest import IndexDamaged, IndexError_, read_manifest
from .segfiles import (
    CHECK_ALL_BELOW,
    NO_DELETIONS,
    Damaged,
    Deletions,
    Doc,
    _bad,
    crc32_file,
    open_regular,
    read_bytes,
)

#: The largest index read without numpy. Loading and scoring in Python grow with the
#: index, importing numpy does not: a one-shot ask over synthetic briefings
#: (benchmarks/gen.py) cost the same both ways at 20,000 passages and less without numpy
#: at 10,000 and below.
LIGHT_PASSAGES = 10_000
#: Passages whose analysed tokens are kept (as :data:`qabot.index.reader.TOKEN_CACHE`).
TOKEN_CACHE = 4096

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


# ---------------------------------------------------------------- one segment


class LightSegment:
    """One segment opened read-only, checked on open as
    :class:`~qabot.index.segments.SegmentReader` checks it."""

    def __init__(self, index_dir: Path, entry: dict[str, Any]) -> None:
        name = entry["name"]
        if not layout.is_segment_name(name):
            raise Damaged(f"segment name {name!r} is not one qabot writes")
        self.name = name
        self.path = path = layout.inside(index_dir, name)
        try:
            if path.resolve().parent != index_dir.resolve():
                raise Damaged(f"segment {name} leads outside the index folder")
        except OSError as exc:
            raise Damaged(f"segment {name}: {exc}") from None
        self.entry = entry
        self.files: dict[str, list[int]] = entry["files"]
        if set(self.files) != layout.SEGMENT_FILES:
            raise _bad(name)
        self.n_docs = entry["docs"]
        self.n_passages = entry["passages"]
        self.n_terms = entry["terms"]
        self.n_words = entry["words"]
        self.tokens = entry["tokens"]
        n, t, p, b = self.n_passages, self.n_terms, entry["postings"], entry["blocks"]
        esc = entry["escapes"]
        self.width = width = len(cues.CUE_TYPES)
        shapes: dict[str, tuple[int, ...]] = {
            "word_docs": (self.n_words,),
            "df": (t,),
            "post_ptr": (t + 1,),
            "gap.u8": (p,),
            "gap.u16": (esc["gap.u16"],),
            "gap.u32": (esc["gap.u32"],),
            "gap_p16": (t + 1,),
            "gap_p32": (t + 1,),
            "tf.u8": (p,),
            "tf.u16": (esc["tf.u16"],),
            "tf.u32": (esc["tf.u32"],),
            "tf_p16": (t + 1,),
            "tf_p32": (t + 1,),
            "doc_len": (n,),
            "cues": (n, width),
            "kind": (n,),
            "line_keys": (entry["keys"],),
            "line_keys_ptr": (self.n_docs + 1,),
            "block_first": (b + 1,),
            "block_offsets": (b + 1,),
        }
        for f, (size, _crc) in self.files.items():
            try:
                actual = os.stat(path / f).st_size
            except OSError:
                raise Damaged(f"segment {name}: {f} missing") from None
            if actual != size:
                raise Damaged(f"segment {name}: {f} damaged (size)")
        if sum(size for size, _ in self.files.values()) <= CHECK_ALL_BELOW:
            for f, (_size, crc) in self.files.items():  # small: every checksum on load
                if crc32_file(path / f) != crc:
                    raise Damaged(f"segment {name}: {f} damaged (checksum)")
        a = {
            k: read_npy(path / layout.npy(k), layout.ARRAYS[k], shapes[k], self.files[layout.npy(k)][0])
            for k in layout.ARRAYS
        }
        self.df = a["df"]
        self.post_ptr = a["post_ptr"]
        self.gap = (a["gap.u8"], a["gap.u16"], a["gap.u32"], a["gap_p16"], a["gap_p32"])
        self.tf = (a["tf.u8"], a["tf.u16"], a["tf.u32"], a["tf_p16"], a["tf_p32"])
        self.doc_len = a["doc_len"]
        self.cues = a["cues"]  # flat: passage i's column c at i * width + c
        self.kinds: list[str] = entry["kinds"]
        self._kind = a["kind"]
        self.word_docs = a["word_docs"]
        self.block_first: list[int] = a["block_first"].tolist()
        self.block_offsets: list[int] = a["block_offsets"].tolist()
        bf, bo = self.block_first, self.block_offsets
        if (
            (t and (self.post_ptr[0] != 0 or self.post_ptr[-1] != p))
            or (not t and p)
            or (b and (bf[0] != 0 or bo[0] != 0))
            or bf[-1] != n
            or bo[-1] != self.files["passages.z"][0]
            or (b > 1 and not all(x < y for x, y in itertools.pairwise(bf)))
            or (b > 1 and not all(x < y for x, y in itertools.pairwise(bo)))
        ):
            raise _bad(name)
        self.docs: list[dict[str, Any]] = self._json("docs.json")
        self.terms: list[str] = self._json("terms.json")
        if (
            not isinstance(self.docs, list)
            or len(self.docs) != self.n_docs
            or not isinstance(self.terms, list)
            or len(self.terms) != t
            or not all(isinstance(x, str) for x in self.terms)
        ):
            raise _bad(name)
        for d in self.docs:
            if not (
                isinstance(d, dict)
                and isinstance(d.get("count"), int)
                and d["count"] > 0
                and all(
                    isinstance(d.get(k), str) for k in ("doc_id", "title", "date", "file", "source", "url")
                )
                and isinstance(d.get("site", ""), str)
                and isinstance(d.get("authors", []), list)
                and all(isinstance(x, str) for x in d.get("authors", []))
            ):
                raise _bad(name)
        counts = [d["count"] for d in self.docs]
        if sum(counts) != n:
            raise _bad(name)
        self.doc_first: list[int] = [0, *itertools.accumulate(counts)][: len(counts)]
        self._blob_fd = open_regular(path / "passages.z")
        self._words_fd = open_regular(path / "words.json")
        self._cache: dict[int, list[bytes]] = {}
        self._words: list[tuple[str, str]] | None = None
        self.deletions = NO_DELETIONS
        dele = entry.get("deleted")
        if dele is not None:
            self.deletions = self._deletions(dele)

    def _json(self, f: str, data: bytes | None = None) -> Any:
        size, crc = self.files[f]
        if data is None:
            data = read_bytes(self.path / f, size)
        if len(data) != size or zlib.crc32(data) != crc:
            raise Damaged(f"segment {self.name}: {f} damaged (checksum)")
        try:
            return json.loads(data.decode("utf-8", "surrogatepass"))
        except (ValueError, RecursionError):
            raise Damaged(f"segment {self.name}: {f} damaged") from None

    def _deletions(self, dele: dict[str, Any]) -> Deletions:
        f = dele.get("file")
        if not isinstance(f, str) or not layout.is_deletions_name(f) or not isinstance(dele.get("size"), int):
            raise _bad(self.name)
        data = read_bytes(self.path / f, dele["size"])
        if len(data) != dele["size"] or zlib.crc32(data) != dele.get("crc"):
            raise Damaged(f"segment {self.name}: {f} damaged (checksum)")
        try:
            raw = json.loads(data)
            out = Deletions(
                frozenset(int(x) for x in raw["docs"]),
                int(raw["passages"]),
                int(raw["tokens"]),
                {int(k): int(v) for k, v in raw["df"]},
                {int(k): int(v) for k, v in raw["words"]},
            )
        except (ValueError, KeyError, TypeError, RecursionError):
            raise _bad(self.name) from None
        if (
            not all(0 <= d < self.n_docs for d in out.docs)
            or not all(0 <= k < self.n_terms and 0 < v <= self.df[k] for k, v in out.df.items())
            or not all(0 <= k < self.n_words and 0 < v <= self.word_docs[k] for k, v in out.words.items())
            or out.passages != sum(self.docs[d]["count"] for d in out.docs)
            or not 0 <= out.tokens <= self.tokens
            or (len(out.docs), out.passages, out.tokens) != (dele["docs"], dele["passages"], dele["tokens"])
        ):
            raise _bad(self.name)
        return out

    def words(self) -> list[tuple[str, str]]:
        if self._words is None:
            size = self.files["words.json"][0]
            raw = self._json("words.json", os.pread(self._words_fd.fileno(), size + 1, 0))
            if not isinstance(raw, list) or len(raw) != self.n_words:
                raise _bad(self.name)
            try:
                self._words = [(str(w), str(t)) for w, t in raw]
            except (TypeError, ValueError):
                raise _bad(self.name) from None
        return self._words

    def live_words(self) -> Iterable[tuple[str, str]]:
        dec = self.deletions.words
        wd = self.word_docs
        for k, pair in enumerate(self.words()):
            if not dec or wd[k] - dec.get(k, 0) > 0:
                yield pair

    def postings(self, t: int) -> tuple[list[int], list[int]]:
        """Local passage numbers and term frequencies of local term ``t``."""
        lo, hi = self.post_ptr[t], self.post_ptr[t + 1]
        if not 0 <= lo <= hi <= len(self.gap[0]):
            raise _bad(self.name)
        g8, g16, g32, gp16, gp32 = self.gap
        gaps = _decode(g8, g16, g32, lo, hi, gp16[t], gp32[t])
        f8, f16, f32, fp16, fp32 = self.tf
        tf = _decode(f8, f16, f32, lo, hi, fp16[t], fp32[t])
        if gaps and (
            any(g <= 0 for g in itertools.islice(gaps, 1, None))
            or sum(gaps) >= self.n_passages
            or any(x <= 0 for x in tf)
        ):
            raise Damaged(f"segment {self.name}: postings damaged")
        return list(itertools.accumulate(gaps)), tf

    def record(self, i: int) -> list[Any]:
        """Passage ``i``'s stored record (section, paragraph, kind, text, spans)."""
        if not 0 <= i < self.n_passages:
            raise IndexError(i)
        b = bisect.bisect_right(self.block_first, i) - 1
        lines = self._cache.get(b)
        if lines is None:
            lo, hi = self.block_offsets[b], self.block_offsets[b + 1]
            try:
                lines = zlib.decompress(os.pread(self._blob_fd.fileno(), hi - lo, lo)).split(b"\n")
            except zlib.error:
                raise Damaged(f"segment {self.name}: passages damaged") from None
            if len(lines) != self.block_first[b + 1] - self.block_first[b]:
                raise Damaged(f"segment {self.name}: passages damaged")
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[b] = lines
        try:
            rec = json.loads(lines[i - self.block_first[b]])
            section, paragraph, kind, text, spans = rec
            if not (
                (section is None or isinstance(section, str))
                and isinstance(paragraph, int)
                and isinstance(kind, str)
                and isinstance(text, str)
                and isinstance(spans, list)
                and len(spans) % 2 == 0
                and all(isinstance(x, int) for x in spans)
            ):
                raise ValueError
        except (ValueError, TypeError, RecursionError):
            raise Damaged(f"segment {self.name}: passages damaged") from None
        return rec  # type: ignore[no-any-return]

    def kind(self, i: int) -> str:
        code = self._kind[i]
        if code >= len(self.kinds):
            raise Damaged(f"segment {self.name}: passage kinds damaged")
        return self.kinds[code]

    def cue(self, i: int, column: int) -> int:
        if not (0 <= i < self.n_passages and 0 <= column < self.width):
            raise IndexError((i, column))
        return int(self.cues[i * self.width + column])

    def search_text(self, i: int) -> str:
        section, _, _, text, _ = self.record(i)
        return f"{section}\n{text}" if section else str(text)

    def close(self) -> None:
        for fh in (self._blob_fd, self._words_fd):
            with contextlib.suppress(OSError):
                fh.close()


# ---------------------------------------------------------------- the index


class LightIndex:
    """An index folder opened for reading without numpy: the segments its manifest
    names, combined into corpus order with global statistics as
    :class:`~qabot.index.reader.Index` combines them (the same numbers, passage ids,
    document frequencies and average length)."""

    def __init__(self, index_dir: Path) -> None:
        manifest = read_manifest(index_dir)
        if manifest is None:
            raise IndexError_(f"no usable index in {index_dir}")
        if manifest.get("version") != 3:
            raise IndexDamaged(f"index in {index_dir} is of another format; rebuild it")
        self.dir = index_dir
        self.manifest = manifest
        self.segments: list[LightSegment] = []
        try:
            for s in manifest["segments"]:
                self.segments.append(LightSegment(index_dir, s))
            self._combine()
        except (Damaged, OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            self.close()
            raise IndexDamaged(f"index in {index_dir} is damaged ({exc})") from None
        self._stems: dict[str, str] | None = None
        self._cache: dict[int, Passage] = {}
        self._tokens: dict[int, list[str]] = {}

    def _combine(self) -> None:
        segs = self.segments
        rows: list[tuple[str, int, int]] = []
        for k, seg in enumerate(segs):
            dead = seg.deletions.docs
            rows.extend((doc["file"], k, d) for d, doc in enumerate(seg.docs) if d not in dead)
        in_order = all(rows[j][0] < rows[j + 1][0] for j in range(len(rows) - 1))
        if not in_order:
            rows.sort()
            if any(rows[j][0] == rows[j + 1][0] for j in range(len(rows) - 1)):
                raise Damaged("two segments hold the same file")
        docs: list[Doc] = []
        where: list[tuple[int, int]] = []
        first = 0
        for _file, k, d in rows:
            meta = segs[k].docs[d]
            docs.append(
                Doc(
                    meta["doc_id"],
                    meta["title"],
                    meta["date"],
                    meta["file"],
                    first,
                    meta["count"],
                    meta["source"],
                    meta["url"],
                    tuple(meta.get("authors", ())),
                    meta.get("site", ""),
                )
            )
            where.append((k, segs[k].doc_first[d]))
            first += meta["count"]
        self.docs = docs
        self._where = where
        self._doc_first = [d.first for d in docs]
        self.n_passages = first
        tokens = sum(seg.tokens - seg.deletions.tokens for seg in segs)
        if first != self.manifest["passages"] or tokens != self.manifest["tokens"]:
            raise Damaged("segments disagree with the manifest's totals")
        self.avgdl = float(tokens) / first if first else 0.0
        self.doc_index = {d.doc_id: i for i, d in enumerate(docs)}
        # local passage -> global position, per segment: (offset, None) or (0, list; -1 = deleted)
        self._remap: list[tuple[int, list[int] | None]] = []
        if in_order and not any(seg.deletions.docs for seg in segs):
            base = 0
            for seg in segs:
                self._remap.append((base, None))
                base += seg.n_passages
        else:
            lists = [[-1] * seg.n_passages for seg in segs]
            for doc, (k, local) in zip(docs, where, strict=True):
                lists[k][local : local + doc.count] = range(doc.first, doc.first + doc.count)
            self._remap = [(0, m) for m in lists]
        if len(segs) == 1:
            self.vocab_list: list[str] = segs[0].terms
            maps = [list(range(len(segs[0].terms)))]
        else:
            union: set[str] = set()
            for seg in segs:
                union.update(seg.terms)
            self.vocab_list = sorted(union)
        self.vocab = {t: i for i, t in enumerate(self.vocab_list)}
        if len(segs) != 1:
            vocab = self.vocab
            maps = [[vocab[t] for t in seg.terms] for seg in segs]
        df = [0] * len(self.vocab_list)
        for seg, mp in zip(segs, maps, strict=True):
            seg_df: list[int] = seg.df.tolist()
            for k, v in seg.deletions.df.items():
                seg_df[k] -= v
            for k, g in enumerate(mp):
                df[g] += seg_df[k]
        if any(x < 0 for x in df) or (df and max(df) > first):
            raise Damaged("document frequencies out of range")
        if 0 in df:  # terms only deleted briefings held: a fresh build would not have them
            kept = [i for i, x in enumerate(df) if x != 0]
            renumber = [-1] * len(df)
            for new, old in enumerate(kept):
                renumber[old] = new
            self.vocab_list = [self.vocab_list[i] for i in kept]
            self.vocab = {t: i for i, t in enumerate(self.vocab_list)}
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
            try:
                local, tf = seg.postings(t)
            except Damaged as exc:
                raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None
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

    # ------------------------------------------------------------ passages

    def _locate(self, i: int) -> tuple[LightSegment, int, int]:
        if not 0 <= i < self.n_passages:
            raise IndexError(f"passage {i} out of range")
        d = bisect.bisect_right(self._doc_first, i) - 1
        k, local_first = self._where[d]
        return self.segments[k], local_first + (i - self.docs[d].first), d

    def passage(self, i: int) -> Passage:
        """Passage number ``i`` (0-based), read from disk on first use."""
        hit = self._cache.get(i)
        if hit is not None:
            return hit
        seg, local, d = self._locate(i)
        try:
            section, paragraph, kind, text, spans = seg.record(local)
        except Damaged as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None
        doc = self.docs[d]
        n = i - doc.first + 1
        p = Passage(
            pid=f"{doc.doc_id}#p{n}",
            doc_id=doc.doc_id,
            n=n,
            section=section,
            paragraph=paragraph,
            kind=kind,
            text=text,
            sentences=tuple((spans[j], spans[j + 1]) for j in range(0, len(spans), 2)),
        )
        self._cache[i] = p
        return p

    def pid(self, i: int) -> str:
        if not 0 <= i < self.n_passages:
            raise IndexError(f"passage {i} out of range")
        doc = self.doc_of(i)
        return f"{doc.doc_id}#p{i - doc.first + 1}"

    def doc_of(self, i: int) -> Doc:
        return self.docs[bisect.bisect_right(self._doc_first, i) - 1]

    def find(self, pid: str) -> int | None:
        doc_id, _, n = pid.rpartition("#p")
        d = self.doc_index.get(doc_id)
        if d is None or not n.isdigit():
            return None
        doc = self.docs[d]
        k = int(n)
        return doc.first + k - 1 if 1 <= k <= doc.count else None

    # ------------------------------------------------------------ tokens, words, cues

    def tokens_of(self, i: int) -> list[str]:
        hit = self._tokens.get(i)
        if hit is None:
            hit = analysis.Analyzer.shared().analyze(self.passage(i).search_text)
            if len(self._tokens) >= TOKEN_CACHE:
                self._tokens.clear()
            self._tokens[i] = hit
        return hit

    def token_ids(self, i: int) -> list[int]:
        vocab = self.vocab
        try:
            return [vocab[t] for t in self.tokens_of(i)]
        except KeyError:
            raise IndexDamaged(
                f"index in {self.dir} is damaged (a passage's words are not indexed)"
            ) from None

    @property
    def stems(self) -> dict[str, str]:
        if self._stems is None:
            table: dict[str, str] = {}
            try:
                for seg in self.segments:
                    table.update(seg.live_words())
            except Damaged as exc:
                raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None
            self._stems = dict(sorted(table.items()))
        return self._stems

    def kind(self, i: int) -> str:
        seg, local, _ = self._locate(i)
        try:
            return seg.kind(local)
        except Damaged as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None

    def cue_count(self, i: int, column: int) -> int:
        seg, local, _ = self._locate(i)
        return seg.cue(local, column)

    def analyzer(self) -> analysis.Analyzer:
        return analysis.Analyzer()

    def close(self) -> None:
        for seg in self.segments:
            seg.close()

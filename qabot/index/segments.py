"""Segments: write one (streaming, from analysed files or from other segments), read one.

A segment is immutable once renamed into place; the manifest records its counts and a
size and CRC-32 per file. :class:`SegmentReader` checks on open what is cheap (sizes,
array headers against those counts, the CRC of each JSON file it parses) and bounds
everything it decodes later (passage numbers against the segment's passage count; each
passage block is zlib data with its own checksum). ``verify()`` re-reads every byte.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from .. import cues
from . import codec, layout, textcode
from .base import SegmentBase
from .codec import Damaged
from .segfiles import (
    CHECK_ALL_BELOW,
    DICT_BYTES,
    NO_DELETIONS,
    Deletions,
    _bad,
    compress_block,
    fsync_dir,
    new_stamp,
    remove_segment_dir,
)

if TYPE_CHECKING:
    from .analyse import FileWork, Record

IntArray = npt.NDArray[np.int64]


#: Passages whose tokens a new segment counts before numbering them (most frequent first).
RANK_SAMPLE = 1024

#: zlib level of the compressed JSON files (terms, words: read once per load, written once).
JSON_ZLEVEL = 6


def write_json(path: Path, obj: object) -> None:
    """``obj`` as compact JSON, zlib-compressed when the name ends in ``.z`` (a segment's
    term and word lists: a quarter of their size), flushed to disk."""
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    if path.name.endswith(".z"):
        data = zlib.compress(data, JSON_ZLEVEL)
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


# ---------------------------------------------------------------- writing


def _joined(parts: list[npt.NDArray[np.int32]]) -> npt.NDArray[Any]:
    """The arrays of ``parts`` as one, emptying the list (so the pieces can be freed)."""
    out = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    parts.clear()
    return out


class SegmentWriter:
    """Collects briefings in corpus order, then writes them as one segment folder.

    Passage blocks are coded here (:mod:`.textcode`: each text token as its number in the
    segment's token list) and zlib-compressed, primed with the segment's dictionary.
    A merge passes its largest member's token list and dictionary (``text``, ``zdict``),
    so that member's blocks are copied as they are stored and the others' re-coded.
    Otherwise the first :data:`RANK_SAMPLE` passages wait uncoded: their tokens, most
    frequent first, take the smallest numbers (which zlib then squeezes best), and the
    first :data:`DICT_BYTES` bytes of their coded blocks become the dictionary."""

    def __init__(
        self,
        index_dir: Path,
        zdict: bytes | None = None,
        text: list[str] | None = None,
        source: str | None = None,
    ) -> None:
        self.name = f"s-{new_stamp()}"
        self.index_dir = index_dir
        self.tmp = index_dir / f".tmp-{self.name}"
        self.tmp.mkdir()
        self._blob = (self.tmp / "passages.z").open("wb")
        self._offset = 0
        self.docs: list[dict[str, Any]] = []
        self.passages = 0
        # term -> id, numbering new terms as they come (all in C: no Python loop per term)
        self._term_ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        self._word_term: dict[str, str] = {}
        self._word_docs: Counter[str] = Counter()
        # postings as they come, one array per file in each (int32: a 200k-passage
        # segment holds millions); three lists, so finishing frees each after joining it
        self._post_term: list[npt.NDArray[np.int32]] = []
        self._post_pid: list[npt.NDArray[np.int32]] = []
        self._post_tf: list[npt.NDArray[np.int32]] = []
        self._lens: list[npt.NDArray[Any]] = []
        self._cues: list[npt.NDArray[np.int8]] = []
        self._kind_names: dict[str, int] = {}
        self._keys: list[npt.NDArray[np.int64]] = []
        self._kinds: list[npt.NDArray[np.uint8]] = []
        self._block_first: list[int] = []
        self._block_offsets: list[int] = []
        self.zdict = zdict
        # text token -> its number, new ones numbered as they come
        self._text_ids: defaultdict[str, int] = defaultdict(itertools.count().__next__)
        for token in text or ():
            self._text_ids[token]
        self._numbered = text is not None  # numbers fixed (a merge) or ranked already
        self.source = source  # the segment whose numbers and dictionary these are
        self._waiting: list[tuple[list[list[Any]], list[list[str]]]] = []  # blocks not yet coded
        self._waiting_passages = 0

    def _write(self, stored: bytes) -> None:
        self._block_offsets.append(self._offset)
        self._blob.write(stored)
        self._offset += len(stored)

    def _code(self, heads: list[list[Any]], toks: list[list[str]]) -> bytes:
        ids = list(map(self._text_ids.__getitem__, itertools.chain.from_iterable(toks)))
        head = json.dumps(heads, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        return head + b"\n" + textcode.pack(ids)

    def _block(self, first: int, records: list[Record]) -> None:
        """A block of records starting at passage ``first``: coded, or waiting to be."""
        self._block_first.append(first)
        toks = [textcode.tokens(text) for _, _, text, _ in records]
        heads = [
            [sec, par, textcode.gaps(spans), len(t)]
            for (sec, par, _, spans), t in zip(records, toks, strict=True)
        ]
        if self._numbered and self.zdict is not None:
            self._write(compress_block(self._code(heads, toks), self.zdict))
            return
        self._waiting.append((heads, toks))
        self._waiting_passages += len(records)
        if self._waiting_passages >= RANK_SAMPLE:
            self._settle()

    def _settle(self) -> None:
        """The waiting blocks' tokens numbered (most frequent first, unless fixed), the
        dictionary chosen, and the blocks coded, compressed and written."""
        waiting, self._waiting = self._waiting, []
        if not self._numbered:
            counts = Counter(t for _, toks in waiting for tt in toks for t in tt)
            for token, _ in counts.most_common():
                self._text_ids[token]
            self._numbered = True
        coded = [self._code(heads, toks) for heads, toks in waiting]
        if self.zdict is None:
            sample = b"\n".join(coded)
            self.zdict = sample[:DICT_BYTES] if len(sample) >= DICT_BYTES else b""
        for data in coded:
            self._write(compress_block(data, self.zdict))

    def _records(self, first: int, records: list[Record]) -> None:
        """One briefing's records, in blocks of BLOCK (a block never spans two briefings)."""
        for k in range(0, len(records), layout.BLOCK):
            self._block(first + k, records[k : k + layout.BLOCK])

    def _add_kinds(self, kinds: list[str]) -> None:
        names = self._kind_names
        codes = [names.setdefault(k, len(names)) for k in kinds]
        if len(names) > 255:
            raise ValueError("more than 255 kinds of passage")
        self._kinds.append(np.asarray(codes, dtype=np.uint8))

    def add_words_of(self, seg: SegmentReader) -> None:
        """A merge: the words of ``seg``'s live briefings, with how many of them use each."""
        dec = seg.deletions.words
        pairs = seg.words()
        for k, n in enumerate(seg.word_docs.tolist()):
            live = n - dec.get(k, 0)
            if live > 0:
                word, term = pairs[k]
                self._word_term[word] = term
                self._word_docs[word] += live

    def add(self, work: FileWork, doc: dict[str, Any]) -> None:
        """Append one analysed file (``doc``: its metadata as the manifest will name it)."""
        first = self.passages
        self._records(first, work.records)
        glob = np.fromiter(map(self._term_ids.__getitem__, work.terms), np.int64, len(work.terms))
        self._post_term.append(
            glob[work.post_term].astype(np.int32) if len(work.post_term) else np.zeros(0, np.int32)
        )
        self._post_pid.append((work.post_pid + first).astype(np.int32))
        self._post_tf.append(work.post_tf.astype(np.int32))
        self._lens.append(np.asarray(work.doc_len))
        self._cues.append(np.asarray(work.cues, dtype=np.int8).reshape(work.count, len(cues.CUE_TYPES)))
        self._add_kinds(work.kinds)
        self._keys.append(np.asarray(work.keys, dtype=np.int64))
        self._word_term.update(work.words)
        self._word_docs.update(work.words.keys())
        self.docs.append({**doc, "count": work.count})
        self.passages += work.count

    def add_copied(self, seg: SegmentReader, d: int, postings: tuple[IntArray, IntArray, IntArray]) -> None:
        """Append briefing ``d`` of ``seg`` (a merge): its blocks are copied as they are;
        ``postings`` are its (term, passage within the briefing, tf) triples."""
        doc = seg.docs[d]
        first_local = seg.doc_first[d]
        count = doc["count"]
        first = self.passages
        if self.source == seg.name and self.zdict == seg.zdict:
            b0, b1 = seg.doc_blocks(d)
            for b in range(b0, b1):  # numbered and primed alike: copied as stored
                self._block_first.append(first + int(seg.block_first[b]) - first_local)
                self._write(seg.block_bytes(b))
        else:
            self._records(first, [seg.stored(i) for i in range(first_local, first_local + count)])
        terms, pids, tf = postings
        names = seg.terms
        mapped = np.fromiter((self._term_ids[names[t]] for t in terms.tolist()), np.int64, len(terms))
        self._post_term.append(mapped.astype(np.int32))
        self._post_pid.append((pids + first).astype(np.int32))
        self._post_tf.append(tf.astype(np.int32))
        self._lens.append(np.asarray(seg.doc_len[first_local : first_local + count]))
        self._cues.append(np.asarray(seg.cues[first_local : first_local + count], dtype=np.int8))
        self._add_kinds([seg.kind(i) for i in range(first_local, first_local + count)])
        self._keys.append(seg.doc_keys(d))
        self.docs.append(dict(doc))
        self.passages += count

    def abandon(self) -> None:
        with contextlib.suppress(OSError):
            self._blob.close()
        remove_segment_dir(self.tmp)

    def finish(self) -> dict[str, Any]:
        """Write the arrays and JSON files, rename the folder into place; its manifest entry."""
        try:
            return self._finish()
        except BaseException:
            self.abandon()
            raise

    def _finish(self) -> dict[str, Any]:
        if self._waiting or self.zdict is None:
            self._settle()  # fewer passages than a sample: their dictionary, if enough bytes
        self._blob.flush()
        os.fsync(self._blob.fileno())
        self._blob.close()
        tmp = self.tmp
        names = list(self._term_ids)
        order = sorted(range(len(names)), key=names.__getitem__)
        remap = np.empty(len(names), dtype=np.int32)
        remap[np.asarray(order, dtype=np.int64)] = np.arange(len(names), dtype=np.int32)
        terms = [names[i] for i in order]
        term, pid, tf = (_joined(parts) for parts in (self._post_term, self._post_pid, self._post_tf))
        if names and len(term):
            term = remap[term]
        # passages arrive in order, so a stable sort by term keeps each term's passages
        # sorted; reordered one array at a time (the old one freed before the next)
        by_term = np.argsort(term, kind="stable")
        term = term[by_term]
        pid = pid[by_term]
        tf = tf[by_term]
        del by_term
        df = np.bincount(term, minlength=len(terms)).astype(np.uint32)
        ptr = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=ptr[1:])
        gaps = pid.copy()
        if len(gaps):
            gaps[1:] -= pid[:-1]
            starts = ptr[:-1][df > 0]
            gaps[starts] = pid[starts]
        del term, pid
        gap = codec.encode(gaps, ptr)
        tf_at, tf_val = codec.sparse_tf(tf)
        del gaps, tf
        lens = np.concatenate(self._lens) if self._lens else np.zeros(0, np.int64)
        doc_len = lens.astype(codec.smallest_uint(int(lens.max()) if len(lens) else 0))
        words = sorted(self._word_term)
        word_docs = np.fromiter(map(self._word_docs.__getitem__, words), np.int64, len(words))
        word_docs_arr = word_docs.astype(codec.smallest_uint(int(word_docs.max()) if len(word_docs) else 0))
        n_types = len(cues.CUE_TYPES)
        cue_arr = np.concatenate(self._cues) if self._cues else np.zeros((0, n_types), np.int8)
        arrays: dict[str, npt.NDArray[Any]] = {
            "word_docs": word_docs_arr,
            "post_ptr": codec.narrow_ptr(ptr),
            "gap.u8": gap["u8"],
            "gap.u16": gap["u16"],
            "gap.u32": gap["u32"],
            # a pointer into an empty escape array is 0 for every term: not stored
            "gap_p16": codec.narrow_ptr(gap["p16"] if len(gap["u16"]) else gap["p16"][:0]),
            "gap_p32": codec.narrow_ptr(gap["p32"] if len(gap["u32"]) else gap["p32"][:0]),
            "tf_at": tf_at,
            "tf_val": tf_val,
            "doc_len": doc_len,
            "cues": cue_arr.astype(np.int8),
            "kind": np.concatenate(self._kinds) if self._kinds else np.zeros(0, np.uint8),
            "line_keys": np.concatenate(self._keys) if self._keys else np.zeros(0, np.int64),
            "line_keys_ptr": np.concatenate(([0], np.cumsum([len(k) for k in self._keys]))).astype(np.int64),
            "block_first": np.asarray([*self._block_first, self.passages], dtype=np.int64),
            "block_offsets": np.asarray([*self._block_offsets, self._offset], dtype=np.int64),
        }
        for name, arr in arrays.items():
            codec.save(tmp / layout.npy(name), arr)
        with (tmp / "passages.dict").open("wb") as fh:
            fh.write(self.zdict or b"")
            fh.flush()
            os.fsync(fh.fileno())
        write_json(tmp / "docs.json", self.docs)
        write_json(tmp / "terms.json.z", terms)
        write_json(tmp / "words.json.z", [[w, self._word_term[w]] for w in words])
        write_json(tmp / "text.json.z", list(self._text_ids))
        fsync_dir(tmp)
        files = {f: _size_crc(tmp / f) for f in sorted(layout.SEGMENT_FILES)}
        os.rename(tmp, self.index_dir / self.name)
        fsync_dir(self.index_dir)
        return {
            "name": self.name,
            "docs": len(self.docs),
            "passages": self.passages,
            "tokens": int(lens.sum()),
            "terms": len(terms),
            "words": len(words),
            "postings": int(ptr[-1]),
            "blocks": len(self._block_first),
            "keys": int(sum(len(k) for k in self._keys)),
            "escapes": {"gap.u16": len(gap["u16"]), "gap.u32": len(gap["u32"]), "tf": len(tf_at)},
            "kinds": list(self._kind_names),
            "files": files,
            "deleted": None,
        }


def _size_crc(path: Path) -> list[int]:
    return [path.stat().st_size, codec.crc32_file(path)]


# ---------------------------------------------------------------- reading


class SegmentReader(SegmentBase):
    """One segment, opened read-only; every file checked against its manifest entry
    (:class:`~qabot.index.base.SegmentBase`), its arrays mapped with numpy."""

    def __init__(self, index_dir: Path, entry: dict[str, Any]) -> None:
        self._blob: Any = None  # passages.z mapped on first use (merges copy its blocks)
        super().__init__(index_dir, entry)

    def _array(self, key: str, shape: tuple[int, ...]) -> npt.NDArray[Any]:
        return codec.load(self.path / layout.npy(key), layout.ARRAYS[key], shape)

    def _ascending(self, values: npt.NDArray[Any]) -> bool:
        return bool(np.all(np.diff(values) > 0))

    def _differences(self, values: npt.NDArray[Any]) -> IntArray:
        v = np.asarray(values, dtype=np.int64)
        out: IntArray = v[1:] - v[:-1]
        if len(out) and int(out.min()) < 0:
            raise _bad(self.name)
        return out

    def _block_of(self, i: int) -> int:
        return int(np.searchsorted(self.block_first, i, side="right")) - 1

    def cue(self, i: int, column: int) -> int:
        return int(self.cues[i, column])

    def kinds_of(self, local: npt.NDArray[np.int64]) -> list[str]:
        """The kinds of local passages ``local`` (:meth:`kind` of each, one array read)."""
        codes = self._kind[local]
        if len(codes) and int(codes.max()) >= len(self.kinds):
            raise Damaged(f"segment {self.name}: passage kinds damaged")
        names = self.kinds
        return [names[c] for c in codes.tolist()]

    # -- postings
    def postings(self, t: int) -> tuple[IntArray, IntArray]:
        """Local passage numbers and term frequencies of local term ``t``."""
        lo, hi = int(self.post_ptr[t]), int(self.post_ptr[t + 1])
        if not 0 <= lo <= hi <= len(self.gap[0]):
            raise _bad(self.name)
        g8, g16, g32, gp16, gp32 = self.gap
        gaps = codec.decode(
            g8, g16, g32, lo, hi, int(gp16[t]) if len(gp16) else 0, int(gp32[t]) if len(gp32) else 0
        )
        tf = codec.dense_tf(*self.tf, lo, hi)
        if len(gaps) and ((gaps[1:] <= 0).any() or int(gaps.sum()) >= self.n_passages or (tf <= 0).any()):
            raise Damaged(f"segment {self.name}: postings damaged")
        return np.cumsum(gaps), tf

    def all_postings(self) -> tuple[IntArray, IntArray, IntArray]:
        """Every (term, passage, tf) triple, sorted by term then passage (for merges)."""
        ptr = self.post_ptr
        df = np.diff(ptr)
        term = np.repeat(np.arange(self.n_terms, dtype=np.int64), df)
        n = int(ptr[-1])
        g8, g16, g32, _, _ = self.gap
        gaps = codec.decode(g8, g16, g32, 0, n, 0, 0)
        tf = codec.dense_tf(*self.tf, 0, n)
        # gaps restart at each term: a cumulative sum per run
        csum = np.cumsum(gaps)
        starts = ptr[:-1][df > 0]
        base = np.zeros(n, dtype=np.int64)
        if len(starts):
            base[starts] = csum[starts] - gaps[starts]
            base = np.maximum.accumulate(base)
        pid = csum - base
        if n and (int(pid.max()) >= self.n_passages or int(pid.min()) < 0 or (tf <= 0).any()):
            raise Damaged(f"segment {self.name}: postings damaged")
        return term, pid, tf

    # -- passages
    def doc_blocks(self, d: int) -> tuple[int, int]:
        first = self.doc_first[d]
        end = first + self.docs[d]["count"]
        b0 = int(np.searchsorted(self.block_first, first, side="right")) - 1
        b1 = int(np.searchsorted(self.block_first, end, side="left"))
        return b0, b1

    def block_bytes(self, b: int) -> bytes:
        if self._blob is None:
            import mmap

            size = self.files["passages.z"][0]
            self._blob = mmap.mmap(self._blob_fd.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        lo, hi = int(self.block_offsets[b]), int(self.block_offsets[b + 1])
        return bytes(self._blob[lo:hi])

    def all_keys(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Every briefing's line keys, concatenated, and the briefing each belongs to."""
        ptr = np.asarray(self._line_keys_ptr, dtype=np.int64)
        counts = np.diff(ptr)
        if len(ptr) != self.n_docs + 1 or (counts < 0).any() or int(ptr[-1]) != len(self._line_keys):
            raise Damaged(f"segment {self.name}: line keys damaged")
        doc = np.repeat(np.arange(self.n_docs, dtype=np.int64), counts)
        return np.asarray(self._line_keys, dtype=np.int64), doc

    def doc_keys(self, d: int) -> npt.NDArray[np.int64]:
        """Briefing ``d``'s line keys (sorted)."""
        lo, hi = int(self._line_keys_ptr[d]), int(self._line_keys_ptr[d + 1])
        if not 0 <= lo <= hi <= len(self._line_keys):
            raise Damaged(f"segment {self.name}: line keys damaged")
        return np.asarray(self._line_keys[lo:hi], dtype=np.int64)

    # -- verification
    def verify(self) -> None:
        """Every file's CRC-32, then every posting list and passage decoded."""
        for f, (_size, crc) in self.files.items():
            if codec.crc32_file(self.path / f) != crc:
                raise Damaged(f"segment {self.name}: {f} damaged (checksum)")
        self.all_postings()
        for b in range(len(self.block_first) - 1):
            self.record(int(self.block_first[b]))
        for i in range(self.n_passages):
            self.record(i)
        self.words()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            if self._blob is not None and not isinstance(self._blob, bytes):
                self._blob.close()
        super().close()


def deletions_for(seg: SegmentReader, docs: Iterable[int]) -> Deletions:
    """The segment's deletions with ``docs`` added: what those briefings held, found by
    analysing their passages again (cheap: a briefing is tens of passages)."""
    from .. import analysis

    analyzer = analysis.Analyzer()
    term_id = {t: k for k, t in enumerate(seg.terms)}
    word_id: dict[str, int] | None = None
    old = seg.deletions
    all_docs = set(old.docs)
    df, words = dict(old.df), dict(old.words)
    passages, tokens = old.passages, old.tokens
    for d in sorted(set(docs) - old.docs):
        all_docs.add(d)
        first, count = seg.doc_first[d], seg.docs[d]["count"]
        passages += count
        doc_words: set[str] = set()
        for i in range(first, first + count):
            pairs = analyzer.pairs(seg.search_text(i))
            tokens += len(pairs)
            for t in {term for _, term in pairs}:
                k = term_id[t]
                df[k] = df.get(k, 0) + 1
            doc_words.update(w for w, _ in pairs)
        if word_id is None:
            word_id = {w: k for k, (w, _) in enumerate(seg.words())}
        for w in doc_words:
            k = word_id[w]
            words[k] = words.get(k, 0) + 1
    return Deletions(frozenset(all_docs), passages, tokens, df, words)


def write_deletions(seg: SegmentReader, dele: Deletions) -> dict[str, Any]:
    """Write a deletion file into the segment's folder; its manifest entry."""
    name = f"del-{new_stamp()}.json"
    path = seg.path / name
    tmp = seg.path / f".{name}.tmp"
    write_json(tmp, dele.to_json())
    os.replace(tmp, path)
    data = path.read_bytes()
    return {
        "file": name,
        "size": len(data),
        "crc": zlib.crc32(data),
        "docs": len(dele.docs),
        "passages": dele.passages,
        "tokens": dele.tokens,
    }


__all__ = [
    "CHECK_ALL_BELOW",
    "NO_DELETIONS",
    "Damaged",
    "Deletions",
    "SegmentReader",
    "SegmentWriter",
    "deletions_for",
    "fsync_dir",
    "new_stamp",
    "remove_segment_dir",
    "shutil",
    "write_deletions",
]

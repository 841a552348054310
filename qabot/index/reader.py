"""A loaded index: its segments combined into one corpus with global statistics.

Passage numbers are positions in corpus order (briefings sorted by file, as a fresh
build writes them), whatever segment holds a passage, and deleted briefings have none:
the same numbers, statistics, scores and tie order as a fresh build of the same corpus.
A segment whose briefings interleave with another's in that order is mapped through a
small array per segment; the common case (one segment, or segments in order, nothing
deleted) is a plain offset.

Loading reads the manifest, each segment's docs.json and terms.json.z, and maps the
arrays; passages are decompressed one block at a time when shown; the word table is
read only for typo repair and completion. A passage's tokens are not stored (the
postings hold them): :meth:`Index.tokens_of` analyses its text again, which the same
analyzer makes exact (a test checks it against the postings).

All of that is :class:`~qabot.index.base.IndexBase`, shared with the numpy-free reader;
here is what numpy arrays do: the remapping, document frequencies, postings and cues.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import cues
from .base import TOKEN_CACHE, IndexBase
from .manifest import IndexDamaged
from .segfiles import Doc
from .segments import Damaged, SegmentReader

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Piece:
    """One segment's share of a term's postings, in global passage numbers."""

    pids: IntArray
    tf: IntArray
    dl: npt.NDArray[Any]  # the passages' lengths


def _by_segment(segs: IntArray) -> list[tuple[int, IntArray]]:
    """(segment, positions in ``segs`` that fall in it) for each segment a batch touches."""
    return [(k, np.flatnonzero(segs == k)) for k in np.unique(segs).tolist()]


class Index(IndexBase[SegmentReader, IntArray]):
    """An index folder opened for reading (the segments its manifest names), its arrays
    mapped with numpy."""

    def __init__(self, index_dir: Path) -> None:
        self._cues: npt.NDArray[np.int8] | None = None
        self._where_arrays: tuple[IntArray, IntArray, IntArray] | None = None
        super().__init__(index_dir)

    # ------------------------------------------------------------ combining segments

    def _segment(self, index_dir: Path, entry: dict[str, Any]) -> SegmentReader:
        return SegmentReader(index_dir, entry)

    def _positions(self) -> list[IntArray]:
        arrays = [np.full(seg.n_passages, -1, dtype=np.int64) for seg in self.segments]
        for doc, (k, local) in zip(self.docs, self._where, strict=True):
            arrays[k][local : local + doc.count] = np.arange(doc.first, doc.first + doc.count)
        return arrays

    def _combine_terms(self) -> None:
        segs = self.segments
        if len(segs) == 1:
            maps = [np.arange(len(segs[0].terms), dtype=np.int64)]
        else:
            vocab = self.vocab
            maps = [np.asarray([vocab[t] for t in seg.terms], dtype=np.int64) for seg in segs]
        df = np.zeros(len(self.vocab_list), dtype=np.int64)
        for seg, mp in zip(segs, maps, strict=True):
            seg_df = seg.df.astype(np.int64)
            if seg.deletions.df:
                seg_df = seg_df.copy()
                keys = np.fromiter(seg.deletions.df.keys(), dtype=np.int64)
                seg_df[keys] -= np.fromiter(seg.deletions.df.values(), dtype=np.int64)
            df[mp] += seg_df
        if (df < 0).any() or (len(df) and int(df.max()) > self.n_passages):
            raise Damaged("document frequencies out of range")
        gone = df == 0  # terms only deleted briefings held: a fresh build would not have them
        if gone.any():
            kept = np.flatnonzero(~gone)
            renumber = np.full(len(df), -1, dtype=np.int64)
            renumber[kept] = np.arange(len(kept), dtype=np.int64)
            self._keep_terms(kept.tolist())
            maps = [renumber[mp] for mp in maps]
            df = df[kept]
        self.df = df
        self._to_local: list[IntArray] = []
        for mp in maps:
            inv = np.full(len(self.vocab_list), -1, dtype=np.int64)
            held = mp >= 0
            inv[mp[held]] = np.flatnonzero(held)
            self._to_local.append(inv)

    # ------------------------------------------------------------ postings

    def pieces(self, term_id: int) -> list[Piece]:
        """Term ``term_id``'s postings, one piece per segment holding it (each sorted)."""
        return [
            Piece(pids, tf, self.segments[k].doc_len[local])
            for k, local, pids, tf in self.segment_postings(term_id)
        ]

    def segment_postings(self, term_id: int) -> list[tuple[int, IntArray, IntArray, IntArray]]:
        """Term ``term_id``'s live postings per segment holding it: (segment number, local
        passage numbers, global ones, term frequencies), each ascending. A scorer keeps
        per-segment arrays (length norms) that the local numbers index."""
        out: list[tuple[int, IntArray, IntArray, IntArray]] = []
        for k, (seg, inv, (base, remap)) in enumerate(
            zip(self.segments, self._to_local, self._remap, strict=True)
        ):
            t = int(inv[term_id])
            if t < 0:
                continue
            try:
                local, tf = seg.postings(t)
            except Damaged as exc:
                raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None
            if remap is None:
                pids = local + base
            else:
                pids = remap[local]
                live = pids >= 0
                if not live.all():
                    pids, tf, local = pids[live], tf[live], local[live]
            if len(pids):
                out.append((k, local, pids, tf))
        return out

    # ------------------------------------------------------------ tokens, words, cues

    def token_ids(self, i: int) -> IntArray:
        """The term ids of passage ``i``'s analysed tokens, in order."""
        return np.asarray(self._term_ids(i), dtype=np.int64)

    def _locate_many(self, ids: Iterable[int]) -> tuple[IntArray, IntArray]:
        """(segment, local passage number) of each of passages ``ids``, as arrays: the
        bisection of :meth:`_locate` done once for all (re-ranking's batches)."""
        if self._where_arrays is None:
            self._where_arrays = (
                np.asarray(self._doc_first, dtype=np.int64),
                np.asarray([k for k, _ in self._where], dtype=np.int64),
                np.asarray([first for _, first in self._where], dtype=np.int64),
            )
        first, seg, local = self._where_arrays
        at = np.asarray(ids if isinstance(ids, np.ndarray) else list(ids), dtype=np.int64)
        if len(at) and (int(at.min()) < 0 or int(at.max()) >= self.n_passages):
            bad = int(at.min()) if int(at.min()) < 0 else int(at.max())
            raise IndexError(f"passage {bad} out of range")
        d = np.searchsorted(first, at, side="right") - 1
        return seg[d], local[d] + (at - first[d])

    def kinds(self, ids: Iterable[int]) -> list[str]:
        segs, local = self._locate_many(ids)
        if len(self.segments) == 1:
            with self._reading():
                return self.segments[0].kinds_of(local)
        out = [""] * len(local)
        with self._reading():
            for k, where in _by_segment(segs):
                for j, name in zip(where.tolist(), self.segments[k].kinds_of(local[where]), strict=True):
                    out[j] = name
        return out

    def cue_counts(self, ids: Iterable[int], column: int) -> list[int]:
        segs, local = self._locate_many(ids)
        out = np.zeros(len(local), dtype=np.int64)
        for k, where in _by_segment(segs):
            out[where] = self.segments[k].cues[local[where], column]
        result: list[int] = out.tolist()
        return result

    @property
    def cues(self) -> npt.NDArray[np.int8]:
        """Passage x question type: cue-word counts (qabot.cues), in passage order."""
        if self._cues is None:
            if len(self.segments) == 1 and self._remap[0][1] is None:
                self._cues = self.segments[0].cues
            else:
                parts = [
                    self.segments[k].cues[local : local + doc.count]
                    for doc, (k, local) in zip(self.docs, self._where, strict=True)
                ]
                width = len(cues.CUE_TYPES)
                self._cues = np.concatenate(parts) if parts else np.zeros((0, width), dtype=np.int8)
        return self._cues

    def line_keys(self) -> list[tuple[str, frozenset[int]]]:
        """Each briefing's file and line keys (``qabot.corpus.line_keys``): what ``qabot
        inspect`` counts a file's lines against, as the build did."""
        out = []
        try:
            for doc, (k, local) in zip(self.docs, self._where, strict=True):
                seg = self.segments[k]
                d = seg.doc_first.index(local)
                out.append((doc.file, frozenset(seg.doc_keys(d).tolist())))
        except (Damaged, ValueError) as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None
        return out

    def verify(self) -> None:
        """Read every byte of every segment and check it (``qabot index --verify``)."""
        with self._reading():
            for seg in self.segments:
                seg.verify()


__all__ = ["TOKEN_CACHE", "Doc", "Index", "IntArray", "Piece"]

"""A loaded index: its segments combined into one corpus with global statistics.

Passage numbers are positions in corpus order (briefings sorted by file, as a fresh
build writes them), whatever segment holds a passage, and deleted briefings have none:
the same numbers, statistics, scores and tie order as a fresh build of the same corpus.
A segment whose briefings interleave with another's in that order is mapped through a
small array per segment; the common case (one segment, or segments in order, nothing
deleted) is a plain offset.

Loading reads the manifest, each segment's docs.json and terms.json, and maps the
arrays; passages are decompressed one block at a time when shown; the word table is
read only for typo repair and completion. A passage's tokens are not stored (the
postings hold them): :meth:`Index.tokens_of` analyses its text again, which the same
analyzer makes exact (a test checks it against the postings).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import analysis, cues
from ..passages import Passage
from .manifest import IndexDamaged, IndexError_, read_manifest
from .segments import Damaged, SegmentReader

IntArray = npt.NDArray[np.int64]
#: Passages whose analysed tokens an Index keeps (feedback and de-duplication reuse them).
TOKEN_CACHE = 4096


@dataclass(frozen=True)
class Doc:
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
class Piece:
    """One segment's share of a term's postings, in global passage numbers."""

    pids: IntArray
    tf: IntArray
    dl: npt.NDArray[Any]  # the passages' lengths


class Index:
    """An index folder opened for reading (the segments its manifest names)."""

    def __init__(self, index_dir: Path) -> None:
        manifest = read_manifest(index_dir)
        if manifest is None:
            raise IndexError_(f"no usable index in {index_dir}")
        if manifest.get("version") != 3:
            raise IndexDamaged(f"index in {index_dir} is of another format; rebuild it")
        self.dir = index_dir
        self.manifest = manifest
        self.segments: list[SegmentReader] = []
        try:
            for s in manifest["segments"]:
                self.segments.append(SegmentReader(index_dir, s))
            self._combine()
        except (Damaged, OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            self.close()
            raise IndexDamaged(f"index in {index_dir} is damaged ({exc})") from None
        self._stems: dict[str, str] | None = None
        self._cues: npt.NDArray[np.int8] | None = None
        self._cache: dict[int, Passage] = {}
        self._tokens: dict[int, list[str]] = {}

    # ------------------------------------------------------------ combining segments

    def _combine(self) -> None:
        segs = self.segments
        # live briefings in corpus order
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
        where: list[tuple[int, int]] = []  # per global doc: (segment, local first passage)
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
        self._doc_first = [d.first for d in docs]  # bisected per passage: a list, not an array
        self.n_passages = first
        tokens = sum(seg.tokens - seg.deletions.tokens for seg in segs)
        if first != self.manifest["passages"] or tokens != self.manifest["tokens"]:
            raise Damaged("segments disagree with the manifest's totals")
        self.avgdl = float(tokens) / first if first else 0.0
        self.doc_index = {d.doc_id: i for i, d in enumerate(docs)}
        # local passage -> global position, per segment: (offset, None) or (0, array; -1 = deleted)
        self._remap: list[tuple[int, IntArray | None]] = []
        plain = in_order and not any(seg.deletions.docs for seg in segs)
        if plain:
            base = 0
            for seg in segs:
                self._remap.append((base, None))
                base += seg.n_passages
        else:
            arrays = [np.full(seg.n_passages, -1, dtype=np.int64) for seg in segs]
            for doc, (k, local) in zip(docs, where, strict=True):
                arrays[k][local : local + doc.count] = np.arange(doc.first, doc.first + doc.count)
            self._remap = [(0, a) for a in arrays]
        # global vocabulary: the sorted union of the segments' (sorted) terms
        if len(segs) == 1:
            self.vocab_list: list[str] = segs[0].terms
            maps = [np.arange(len(segs[0].terms), dtype=np.int64)]
        else:
            union: set[str] = set()
            for seg in segs:
                union.update(seg.terms)
            self.vocab_list = sorted(union)
        self.vocab = {t: i for i, t in enumerate(self.vocab_list)}
        if len(segs) != 1:
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
        if (df < 0).any() or (len(df) and int(df.max()) > first):
            raise Damaged("document frequencies out of range")
        gone = df == 0  # terms only deleted briefings held: a fresh build would not have them
        if gone.any():
            kept = np.flatnonzero(~gone)
            renumber = np.full(len(df), -1, dtype=np.int64)
            renumber[kept] = np.arange(len(kept), dtype=np.int64)
            self.vocab_list = [self.vocab_list[i] for i in kept.tolist()]
            self.vocab = {t: i for i, t in enumerate(self.vocab_list)}
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

    # ------------------------------------------------------------ passages

    def _locate(self, i: int) -> tuple[SegmentReader, int, int]:
        """(segment, local passage number, global doc) of passage ``i``."""
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
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[i] = p
        return p

    def pid(self, i: int) -> str:
        """Passage ``i``'s id, ``<doc>#p<N>``, without reading its text."""
        if not 0 <= i < self.n_passages:
            raise IndexError(f"passage {i} out of range")
        doc = self.doc_of(i)
        return f"{doc.doc_id}#p{i - doc.first + 1}"

    def doc_of(self, i: int) -> Doc:
        return self.docs[bisect.bisect_right(self._doc_first, i) - 1]

    def find(self, pid: str) -> int | None:
        """Position of passage id ``<doc>#p<N>``, or None."""
        doc_id, _, n = pid.rpartition("#p")
        d = self.doc_index.get(doc_id)
        if d is None or not n.isdigit():
            return None
        doc = self.docs[d]
        k = int(n)
        return doc.first + k - 1 if 1 <= k <= doc.count else None

    # ------------------------------------------------------------ tokens, words, cues

    def tokens_of(self, i: int) -> list[str]:
        """The analysed tokens of passage ``i``, in order (analysed again from its text)."""
        hit = self._tokens.get(i)
        if hit is None:
            hit = analysis.Analyzer.shared().analyze(self.passage(i).search_text)
            if len(self._tokens) >= TOKEN_CACHE:
                self._tokens.clear()
            self._tokens[i] = hit
        return hit

    def token_ids(self, i: int) -> IntArray:
        """The term ids of passage ``i``'s analysed tokens, in order."""
        vocab = self.vocab
        try:
            return np.asarray([vocab[t] for t in self.tokens_of(i)], dtype=np.int64)
        except KeyError:
            raise IndexDamaged(
                f"index in {self.dir} is damaged (a passage's words are not indexed)"
            ) from None

    @property
    def stems(self) -> dict[str, str]:
        """Every word of the live briefings -> its term (typo repair, completion)."""
        if self._stems is None:
            table: dict[str, str] = {}
            try:
                for seg in self.segments:
                    table.update(seg.live_words())
            except Damaged as exc:
                raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None
            self._stems = dict(sorted(table.items()))
        return self._stems

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

    def kind(self, i: int) -> str:
        """Passage ``i``'s kind (paragraph, bullet, caption...), without reading its text."""
        seg, local, _ = self._locate(i)
        try:
            return seg.kind(local)
        except Damaged as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None

    def cue_count(self, i: int, column: int) -> int:
        """Passage ``i``'s cue-word count in column ``column`` (read from its segment)."""
        seg, local, _ = self._locate(i)
        return int(seg.cues[local, column])

    def analyzer(self) -> analysis.Analyzer:
        """The query analyzer: the same analysis the build used (the stemmer is PyStemmer's
        Snowball English; the index does not need its word table for this)."""
        return analysis.Analyzer()

    def verify(self) -> None:
        """Read every byte of every segment and check it (``qabot index --verify``)."""
        try:
            for seg in self.segments:
                seg.verify()
        except Damaged as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None

    def close(self) -> None:
        for seg in self.segments:
            seg.close()

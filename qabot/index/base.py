"""What both index readers share, written once and without numpy.

:class:`~qabot.index.reader.Index` (numpy arrays) and
:class:`~qabot.index.light.LightIndex` (memoryviews and lists: a one-shot ask that does
not import numpy) read the same folder with the same checks and must give the same
passage numbers, statistics and errors. Everything that does not touch an array lives
here, so the two cannot drift apart: a segment's checks on open, its JSON files,
deletions, words and passage records; an index's table of briefings in corpus order,
its vocabulary, passage lookup and cache, ids and error wrapping. A subclass supplies
what decodes arrays: reading one, the postings, the remapping of passage and term
numbers, the document frequencies and the cue counts.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

from .. import analysis, cues
from ..passages import Passage
from . import layout, textcode
from .manifest import IndexDamaged, IndexError_, read_manifest
from .segfiles import (
    CHECK_ALL_BELOW,
    DICT_BYTES,
    NO_DELETIONS,
    Damaged,
    Deletions,
    Doc,
    _bad,
    crc32_file,
    inflate_block,
    open_regular,
    read_bytes,
)

#: Passages whose analysed tokens an index keeps (feedback and de-duplication reuse them).
TOKEN_CACHE = 4096
#: Passages an index keeps read.
PASSAGE_CACHE = 4096
#: Decompressed passage blocks a segment keeps.
BLOCK_CACHE = 64


#: A compressed JSON file inflates to at most this many times its stored size (JSON lists
#: of words compress about 4x): more is damage, refused before it fills memory.
INFLATE_RATIO = 64


def _inflate(data: bytes) -> bytes:
    """zlib data inflated, bounded by :data:`INFLATE_RATIO` (ValueError beyond it)."""
    d = zlib.decompressobj()
    out = d.decompress(data, INFLATE_RATIO * len(data) + 4096)
    if d.unconsumed_tail or not d.eof:
        raise ValueError("compressed data longer than it may be")
    return out


class SegmentBase:
    """One segment opened read-only, every file checked against its manifest entry.

    The arrays are whatever :meth:`_array` gives (numpy's, or memoryviews): indexed by
    an int, each element an int, which is all this class asks of them.
    """

    df: Any
    word_docs: Any
    post_ptr: Any
    doc_len: Any
    cues: Any
    block_first: Any
    block_offsets: Any

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
        self.width = len(cues.CUE_TYPES)
        shapes: dict[str, tuple[int, ...]] = {
            "word_docs": (self.n_words,),
            "post_ptr": (t + 1,),
            "gap.u8": (p,),
            "gap.u16": (esc["gap.u16"],),
            "gap.u32": (esc["gap.u32"],),
            "gap_p16": (t + 1,) if esc["gap.u16"] else (0,),
            "gap_p32": (t + 1,) if esc["gap.u32"] else (0,),
            "tf_at": (esc["tf"],),
            "tf_val": (esc["tf"],),
            "doc_len": (n,),
            "cues": (n, self.width),
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
        a = {k: self._array(k, shapes[k]) for k in layout.ARRAYS}
        self.post_ptr = a["post_ptr"]
        self.gap = (a["gap.u8"], a["gap.u16"], a["gap.u32"], a["gap_p16"], a["gap_p32"])
        self.tf = (a["tf_at"], a["tf_val"])
        self.doc_len = a["doc_len"]
        self.cues = a["cues"]
        self.kinds: list[str] = entry["kinds"]
        self._kind = a["kind"]
        self._line_keys = a["line_keys"]
        self._line_keys_ptr = a["line_keys_ptr"]
        self.word_docs = a["word_docs"]
        self.block_first = a["block_first"]
        self.block_offsets = a["block_offsets"]
        # cheap consistency checks over the small arrays (the large ones are bounded when used)
        bf, bo = self.block_first, self.block_offsets
        if (
            (t and (int(self.post_ptr[0]) != 0 or int(self.post_ptr[-1]) != p))
            or (not t and p)
            or (b and (int(bf[0]) != 0 or int(bo[0]) != 0))
            or int(bf[-1]) != n
            or int(bo[-1]) != self.files["passages.z"][0]
            or (b > 1 and not (self._ascending(bf) and self._ascending(bo)))
        ):
            raise _bad(name)
        self.df = self._differences(self.post_ptr)  # per term: how many postings (passages) hold it
        self.docs: list[dict[str, Any]] = self._json("docs.json")
        self.terms: list[str] = self._json("terms.json.z")
        if (
            not isinstance(self.docs, list)
            or len(self.docs) != self.n_docs
            or not isinstance(self.terms, list)
            or len(self.terms) != t
            or not all(isinstance(x, str) for x in self.terms)
        ):
            raise _bad(name)
        if not all(map(_doc_ok, self.docs)):
            raise _bad(name)
        counts = [d["count"] for d in self.docs]
        if sum(counts) != n:
            raise _bad(name)
        self.doc_first: list[int] = [0, *itertools.accumulate(counts)][: len(counts)]
        size, crc = self.files["passages.dict"]
        self.zdict = read_bytes(path / "passages.dict", size)  # small: checked on every load
        if len(self.zdict) != size or zlib.crc32(self.zdict) != crc or size > DICT_BYTES:
            raise Damaged(f"segment {name}: passages.dict damaged (checksum)")
        # held open: a rebuild elsewhere may retire these files while this reader lives
        self._blob_fd = open_regular(path / "passages.z")
        self._words_fd = open_regular(path / "words.json.z")
        self._text_fd = open_regular(path / "text.json.z")
        self._cache: dict[int, list[list[Any]]] = {}
        self._words: list[tuple[str, str]] | None = None
        self._text: list[str] | None = None
        self.deletions = NO_DELETIONS
        dele = entry.get("deleted")
        if dele is not None:
            self.deletions = self._deletions(dele)

    # -- what a subclass decodes
    def _array(self, key: str, shape: tuple[int, ...]) -> Any:
        """Array ``key`` of this segment, its header checked against ``shape``."""
        raise NotImplementedError

    def _ascending(self, values: Any) -> bool:
        """Whether an array's values strictly increase."""
        raise NotImplementedError

    def _differences(self, values: Any) -> Any:
        """``values[k + 1] - values[k]`` for each k (signed: damage shows as negative)."""
        raise NotImplementedError

    def _block_of(self, i: int) -> int:
        """The passage block holding local passage ``i``."""
        raise NotImplementedError

    def cue(self, i: int, column: int) -> int:
        """Passage ``i``'s cue-word count in column ``column``."""
        raise NotImplementedError

    # -- small files, checked by CRC as they are parsed
    def _json(self, f: str, data: bytes | None = None) -> Any:
        size, crc = self.files[f]
        if data is None:
            data = read_bytes(self.path / f, size)
        if len(data) != size or zlib.crc32(data) != crc:
            raise Damaged(f"segment {self.name}: {f} damaged (checksum)")
        try:
            if f.endswith(".z"):
                data = _inflate(data)
            return json.loads(data.decode("utf-8", "surrogatepass"))
        except (ValueError, RecursionError, zlib.error):
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
            or not all(0 <= k < self.n_terms and 0 < v <= int(self.df[k]) for k, v in out.df.items())
            or not all(
                0 <= k < self.n_words and 0 < v <= int(self.word_docs[k]) for k, v in out.words.items()
            )
            or out.passages != sum(self.docs[d]["count"] for d in out.docs)
            or not 0 <= out.tokens <= self.tokens
            or (len(out.docs), out.passages, out.tokens) != (dele["docs"], dele["passages"], dele["tokens"])
        ):
            raise _bad(self.name)
        return out

    # -- words (typo repair and completion only)
    def words(self) -> list[tuple[str, str]]:
        if self._words is None:
            size = self.files["words.json.z"][0]
            raw = self._json("words.json.z", os.pread(self._words_fd.fileno(), size + 1, 0))
            if not isinstance(raw, list) or len(raw) != self.n_words:
                raise _bad(self.name)
            try:
                self._words = [(str(w), str(t)) for w, t in raw]
            except (TypeError, ValueError):
                raise _bad(self.name) from None
        return self._words

    def live_words(self) -> Iterable[tuple[str, str]]:
        """The words of the briefings not deleted."""
        dec = self.deletions.words
        wd = self.word_docs
        for k, pair in enumerate(self.words()):
            if not dec or int(wd[k]) - dec.get(k, 0) > 0:
                yield pair

    # -- passages
    def block_bytes(self, b: int) -> bytes:
        """Passage block ``b`` as stored (zlib data)."""
        lo, hi = int(self.block_offsets[b]), int(self.block_offsets[b + 1])
        return os.pread(self._blob_fd.fileno(), hi - lo, lo)

    def text(self) -> list[str]:
        """The segment's text tokens, in number order (:mod:`.textcode`); read once."""
        if self._text is None:
            size = self.files["text.json.z"][0]
            raw = self._json("text.json.z", os.pread(self._text_fd.fileno(), size + 1, 0))
            if not isinstance(raw, list) or not all(type(t) is str for t in raw):
                raise _bad(self.name)
            self._text = raw
        return self._text

    def _records(self, b: int) -> list[list[Any]]:
        """Block ``b``'s records decoded: [section, paragraph, text, spans] each (every
        number checked against the token list, so damage is :class:`Damaged`, never a
        wrong passage)."""
        count = int(self.block_first[b + 1]) - int(self.block_first[b])
        try:
            data = inflate_block(self.block_bytes(b), self.zdict)
            cut = data.index(b"\n")
            heads = json.loads(data[:cut])
            ids = textcode.unpack(data[cut + 1 :])
            if not isinstance(heads, list) or len(heads) != count or not all(map(_head_ok, heads)):
                raise ValueError
            text = self.text()
            if (len(ids) and max(ids) >= len(text)) or sum(h[3] for h in heads) != len(ids):
                raise ValueError
        except (ValueError, TypeError, RecursionError, zlib.error):
            raise Damaged(f"segment {self.name}: passages damaged") from None
        out, at = [], 0
        for section, paragraph, spans, n in heads:
            words = "".join(map(text.__getitem__, ids[at : at + n]))
            out.append([section, paragraph, words, textcode.offsets(spans)])
            at += n
        return out

    def stored(self, i: int) -> Any:
        """Passage ``i`` as its block stores it: (section, paragraph, text, spans), the
        kind apart (kind.npy holds it). A merge copies this form as it is."""
        if not 0 <= i < self.n_passages:
            raise IndexError(i)
        b = self._block_of(i)
        recs = self._cache.get(b)
        if recs is None:
            recs = self._records(b)
            if len(self._cache) > BLOCK_CACHE:
                self._cache.clear()
            self._cache[b] = recs
        return recs[i - int(self.block_first[b])]

    def record(self, i: int) -> list[Any]:
        """Passage ``i``'s record (section, paragraph, kind, text, spans)."""
        section, paragraph, text, spans = self.stored(i)
        return [section, paragraph, self.kind(i), text, spans]

    def kind(self, i: int) -> str:
        """Passage ``i``'s kind, without reading its text."""
        code = int(self._kind[i])
        if code >= len(self.kinds):
            raise Damaged(f"segment {self.name}: passage kinds damaged")
        return self.kinds[code]

    def search_text(self, i: int) -> str:
        section, _, _, text, _ = self.record(i)
        return f"{section}\n{text}" if section else str(text)

    def close(self) -> None:
        for fh in (self._blob_fd, self._words_fd, self._text_fd):
            with contextlib.suppress(OSError):
                fh.close()


S = TypeVar("S", bound=SegmentBase)
#: How a reader holds a list of ints: a numpy array, or a list.
A = TypeVar("A")


def _head_ok(h: Any) -> bool:
    """One record head of a passage block: [section, paragraph, spans, tokens], typed."""
    return (
        type(h) is list
        and len(h) == 4
        and (h[0] is None or type(h[0]) is str)
        and type(h[1]) is int
        and type(h[2]) is list
        and len(h[2]) % 2 == 0
        and all(type(x) is int for x in h[2])
        and type(h[3]) is int
        and h[3] >= 0
    )


def _doc_ok(d: Any) -> bool:
    """One docs.json entry has the fields the reader uses, of their types. Written out
    (no generator per entry): a refresh of a 25,000-briefing index checks every entry of
    every segment, and this ran ~2x slower as ``all(...)`` over the field names. JSON
    gives exact ``str`` and ``list``, so ``type(...) is`` says what ``isinstance`` said."""
    if not isinstance(d, dict):
        return False
    g = d.get
    count, authors = g("count"), g("authors", [])
    return (
        isinstance(count, int)
        and count > 0
        and type(g("doc_id")) is str
        and type(g("title")) is str
        and type(g("date")) is str
        and type(g("file")) is str
        and type(g("source")) is str
        and type(g("url")) is str
        and type(g("site", "")) is str
        and type(authors) is list
        and (not authors or all(type(x) is str for x in authors))
    )


class IndexBase(Generic[S, A]):
    """An index folder opened for reading: the segments its manifest names, combined
    into corpus order with global statistics.

    Passage numbers are positions in corpus order (briefings sorted by file, as a fresh
    build writes them) and deleted briefings have none, so both readers give the
    numbers, statistics and tie order of a fresh build of the same corpus.
    """

    df: A  # per global term: live passages holding it

    def __init__(self, index_dir: Path) -> None:
        manifest = read_manifest(index_dir)
        if manifest is None:
            raise IndexError_(f"no usable index in {index_dir}")
        if manifest.get("version") != layout.FORMAT_VERSION:
            raise IndexDamaged(f"index in {index_dir} is of another format; rebuild it")
        self.dir = index_dir
        self.manifest = manifest
        self.segments: list[S] = []
        try:
            for s in manifest["segments"]:
                self.segments.append(self._segment(index_dir, s))
            self._combine()
        except (Damaged, OSError, ValueError, TypeError, KeyError, IndexError) as exc:
            self.close()
            raise IndexDamaged(f"index in {index_dir} is damaged ({exc})") from None
        self._stems: dict[str, str] | None = None
        self._cache: dict[int, Passage] = {}
        self._tokens: dict[int, list[str]] = {}

    # ------------------------------------------------------------ what a subclass decodes

    def _segment(self, index_dir: Path, entry: dict[str, Any]) -> S:
        """Segment ``entry`` of the manifest, opened."""
        raise NotImplementedError

    def _positions(self) -> list[A]:
        """Per segment: each local passage's global number (-1: deleted)."""
        raise NotImplementedError

    def _combine_terms(self) -> None:
        """Set ``df`` and the global -> local term maps, dropping (:meth:`_keep_terms`)
        the terms only deleted briefings held."""
        raise NotImplementedError

    # ------------------------------------------------------------ combining segments

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Damage found while reading, as the index's one-line error."""
        try:
            yield
        except Damaged as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None

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
        # local passage -> global position, per segment: (offset, None) or (0, map; -1 = deleted)
        self._remap: list[tuple[int, A | None]] = []
        if in_order and not any(seg.deletions.docs for seg in segs):
            base = 0
            for seg in segs:
                self._remap.append((base, None))
                base += seg.n_passages
        else:
            self._remap = [(0, m) for m in self._positions()]
        # global vocabulary: the sorted union of the segments' (sorted) terms
        if len(segs) == 1:
            self.vocab_list: list[str] = segs[0].terms
        else:
            union: set[str] = set()
            for seg in segs:
                union.update(seg.terms)
            self.vocab_list = sorted(union)
        self.vocab = {t: i for i, t in enumerate(self.vocab_list)}
        self._combine_terms()

    def terms_with_prefix(self, prefix: str, limit: int) -> list[str]:
        """Up to ``limit`` terms starting with ``prefix``, in order (completion)."""
        vocab = self.vocab_list  # sorted: a term's id is its position
        i = bisect.bisect_left(vocab, prefix)
        out: list[str] = []
        while i < len(vocab) and vocab[i].startswith(prefix) and len(out) < limit:
            out.append(vocab[i])
            i += 1
        return out

    def _keep_terms(self, kept: list[int]) -> None:
        """Keep only global terms ``kept`` (ascending), numbered again from 0."""
        self.vocab_list = [self.vocab_list[i] for i in kept]
        self.vocab = {t: i for i, t in enumerate(self.vocab_list)}

    # ------------------------------------------------------------ passages

    def _locate(self, i: int) -> tuple[S, int, int]:
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
        with self._reading():
            section, paragraph, kind, text, spans = seg.record(local)
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
        if len(self._cache) > PASSAGE_CACHE:
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

    def _term_ids(self, i: int) -> list[int]:
        """The term ids of passage ``i``'s analysed tokens, in order."""
        vocab = self.vocab
        try:
            return [vocab[t] for t in self.tokens_of(i)]
        except KeyError:
            raise IndexDamaged(
                f"index in {self.dir} is damaged (a passage's words are not indexed)"
            ) from None

    @property
    def stems(self) -> dict[str, str]:
        """Every word of the live briefings -> its term (typo repair, completion)."""
        if self._stems is None:
            table: dict[str, str] = {}
            with self._reading():
                for seg in self.segments:
                    table.update(seg.live_words())
            self._stems = dict(sorted(table.items()))
        return self._stems

    def kind(self, i: int) -> str:
        """Passage ``i``'s kind (paragraph, bullet, caption...), without reading its text."""
        seg, local, _ = self._locate(i)
        with self._reading():
            return seg.kind(local)

    def kinds(self, ids: Iterable[int]) -> list[str]:
        """The kinds of passages ``ids``: one guard for damage around them all (a context
        manager per passage cost more than the look-up)."""
        locate = self._locate
        try:
            out = []
            for i in ids:
                seg, local, _ = locate(i)
                out.append(seg.kind(local))
            return out
        except Damaged as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None

    def cue_count(self, i: int, column: int) -> int:
        """Passage ``i``'s cue-word count in column ``column`` (read from its segment)."""
        seg, local, _ = self._locate(i)
        return seg.cue(local, column)

    def cue_counts(self, ids: Iterable[int], column: int) -> list[int]:
        """:meth:`cue_count` of each of passages ``ids``."""
        locate = self._locate
        out = []
        for i in ids:
            seg, local, _ = locate(i)
            out.append(seg.cue(local, column))
        return out

    def analyzer(self) -> analysis.Analyzer:
        """The query analyzer: the same analysis the build used (the stemmer is PyStemmer's
        Snowball English; the index does not need its word table for this)."""
        return analysis.Analyzer()

    def close(self) -> None:
        for seg in self.segments:
            seg.close()

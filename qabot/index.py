"""The on-disk index: build it (incrementally, atomically), check freshness, load it fast.

Layout of an index folder (bm25s style, plain files, no pickle)::

    manifest.json        format version, analyzer fingerprint, BM25 parameters, and for
                         each corpus file its size, mtime, sha256 and passage range;
                         names the live generation folder
    g-<stamp>/           one generation, written under a temp name then renamed:
      docs.json          briefing metadata
      passages.jsonl     one passage a line (+ passage_offsets.npy to seek to one)
      vocab.json         term list; a term's id is its position
      stems.json         every corpus word -> its token, by word (loading the index does
                         not read it; typo repair does, during the first query with a word
                         the index lacks, and so does chat completion)
      doc_words.npy, doc_words_ptr.npy      each briefing's words (positions in stems.json),
                                            so a rebuild keeps the words of the files it keeps
      tokens.npy, tokens_ptr.npy            the analysed tokens of every passage
      postings_ptr.npy, postings_pid.npy, postings_tf.npy   the inverted index
      df.npy, doc_len.npy, passage_doc.npy  document frequencies, passage lengths and
                                            each passage's briefing
      cues.npy           passage x question type: cue-word counts (qabot.cues)
      line_keys.npy, line_keys_ptr.npy      each briefing's line keys (qabot.corpus.line_keys),
                                            so a rebuild knows which lines repeat across
                                            briefings (site chrome) without re-reading files

Replacing manifest.json (an atomic rename) switches readers to the new generation,
so a crash mid-build leaves the previous index whole. Arrays are loaded with
``allow_pickle=False`` and memory-mapped: loading reads no corpus text and analyses
nothing.

Briefing ids (``corpus.doc_ids``), and so passage ids ``<doc>#p<N>``, are unique and
stable: a file's id is its path in the corpus without the extension (the plain stem at
the top level, ``sub/inner`` in a subfolder); files that would share one (``brief.txt``
and ``brief.md``) each keep their extension instead (``brief.md``, ``brief.txt``). Ids
depend only on the corpus's file names, so a rebuild of an unchanged corpus keeps them;
when adding or removing a file changes another file's id, that file is analysed again
rather than copied with its old ids.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import stat
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from . import analysis, cues
from .corpus import MAX_BYTES, CorpusError, FileSkipped, doc_ids
from .corpus import files as _corpus_files  # a module-level name, so a test can patch it
from .passages import Passage, split

FORMAT = "qabot-index"
FORMAT_VERSION = 3
MANIFEST = "manifest.json"
LOCK = ".qabot.lock"
#: Files a qabot index folder may hold besides generations; anything else is not ours.
_FOREIGN_OK = {MANIFEST, LOCK, ".gitignore", "README.md", "README.txt"}
BM25: dict[str, Any] = {"variant": "BM25Plus", "k1": 1.5, "b": 0.75, "delta": 1.0}

IntArray = npt.NDArray[np.int64]
CueArray = npt.NDArray[np.int8]
Progress = Callable[[int, int, str], None]


class IndexError_(Exception):
    """The index cannot be used or written; the message names the folder and why."""


class IndexDamaged(IndexError_):
    """The index files disagree with their manifest (truncated, edited): rebuild it."""


@dataclass(frozen=True)
class Doc:
    doc_id: str
    title: str
    date: str
    file: str
    first: int  # index of its first passage
    count: int
    source: str = ""
    url: str = ""
    authors: tuple[str, ...] = ()
    site: str = ""


@dataclass(frozen=True)
class Status:
    """How the index stands against the corpus."""

    fresh: bool
    reason: str = ""
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    touched: tuple[str, ...] = ()  # mtime moved, content identical


@dataclass
class BuildReport:
    docs: int = 0
    passages: int = 0
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reused: int = 0
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: why the index was out of date, as status() put it ("" when no one asked)
    reason: str = ""
    #: files left out (unreadable, binary, empty, duplicate...): their stat, so an
    #: unchanged bad file does not make the index look stale on every run
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)


# ---------------------------------------------------------------- helpers


def sha256_file(path: Path) -> str:
    import hashlib  # only when a file's size or mtime moved: importing it costs milliseconds

    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


#: Parsed manifests by path, with the (device, inode, size, mtime) they were read at: a
#: `qabot ask` checks freshness and then loads the index, and parses the file once.
_MANIFESTS: dict[str, tuple[tuple[int, int, int, int], dict[str, Any] | None]] = {}


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The manifest, or None when absent or unreadable (then the index is rebuilt).

    The file is parsed again only when it changed (qabot replaces it by a rename, so a
    new manifest is a new inode); callers share the result and must not modify it.
    """
    path = index_dir / MANIFEST
    try:
        st = path.stat()
        key = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
        cached = _MANIFESTS.get(str(path))
        if cached is not None and cached[0] == key:
            return cached[1]
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(raw, dict) and raw.get("format") == FORMAT and _well_formed(raw)
    data: dict[str, Any] | None = raw if ok else None
    if len(_MANIFESTS) >= 16:
        _MANIFESTS.clear()
    _MANIFESTS[str(path)] = (key, data)
    return data


def _replace_manifest(index_dir: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest.json`` atomically: a temporary file renamed over it."""
    _dump(index_dir / f"{MANIFEST}.tmp", manifest, indent=1)
    os.replace(index_dir / f"{MANIFEST}.tmp", index_dir / MANIFEST)
    _MANIFESTS.pop(str(index_dir / MANIFEST), None)


def _well_formed(manifest: dict[str, Any]) -> bool:
    """The fields status() and Index() rely on have the right types (hand edits, bit rot)."""
    files, skipped = manifest.get("files"), manifest.get("skipped", {})
    return (
        isinstance(manifest.get("generation"), str)
        and "/" not in manifest["generation"]
        and isinstance(manifest.get("tokens"), int)
        and isinstance(files, dict)
        and all(
            isinstance(e, dict)
            and isinstance(e.get("size"), int)
            and isinstance(e.get("mtime_ns"), int)
            and isinstance(e.get("sha256"), str)
            for e in files.values()
        )
        and isinstance(skipped, dict)
        and all(isinstance(e, dict) for e in skipped.values())
    )


def _skip_entry(st: os.stat_result | None) -> dict[str, int]:
    """What status() compares for a skipped file (ctime too: a chmod fixes a file)."""
    if st is None:
        return {"size": -1, "mtime_ns": -1, "ctime_ns": -1}
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns}


def _stat_entry(path: Path) -> dict[str, int]:
    try:
        return _skip_entry(path.stat())
    except OSError:
        return _skip_entry(None)


def damaged(index_dir: Path, manifest: Mapping[str, Any]) -> str | None:
    """Why the live generation's files cannot be trusted (missing or resized), or None."""
    gen = index_dir / str(manifest.get("generation", "-"))
    if not gen.is_dir():
        return "index generation folder missing"
    sizes = manifest.get("sizes")
    if not isinstance(sizes, dict):
        return None  # an index written before sizes were recorded
    for name, size in sizes.items():
        try:
            actual = (gen / str(name)).stat().st_size
        except OSError:
            return f"index file {name} missing"
        if actual != size:
            return f"index file {name} damaged"
    return None


def check_ownership(index_dir: Path) -> None:
    """Refuse a path that is a file, or a folder holding things qabot did not write.

    Called before anything is written there (:func:`build`, :func:`touch_manifest`); a
    fresh index is read without it (a file, or a folder without a qabot manifest, is
    never fresh, so ``ensure_index`` gets here and refuses it before building).
    """
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexError_(f"index path {index_dir} is a file, not a folder")
    if not index_dir.is_dir():
        return
    foreign = [
        p.name
        for p in index_dir.iterdir()
        if p.name not in _FOREIGN_OK and not (p.is_dir() and p.name.startswith(("g-", ".tmp-g-")))
    ]
    if foreign:
        raise IndexError_(
            f"index folder {index_dir} holds files qabot did not write "
            f"({', '.join(sorted(foreign)[:3])}); refusing to use it"
        )
    manifest = index_dir / MANIFEST
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # ours but damaged: rebuilding is safe
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise IndexError_(f"{manifest} is not a qabot index manifest; refusing to overwrite it")


def _incompatible(manifest: Mapping[str, Any]) -> str | None:
    """Why an index with this manifest was written by another qabot (format or analyzer), or None."""
    if manifest.get("version") != FORMAT_VERSION:
        return f"index format {manifest.get('version')} is not {FORMAT_VERSION}"
    if manifest.get("analyzer") != analysis.fingerprint():
        return "the analyzer changed"
    if manifest.get("cues") != cues.fingerprint():
        return "the question-type cues changed"
    if manifest.get("parser") != _parser_version():
        return "the parser changed"
    return None


def _parser_version() -> int:
    from .corpus.reading import PARSER_VERSION

    return PARSER_VERSION


def status(corpus_dir: Path, index_dir: Path) -> Status:
    """Compare the index with the corpus: cheap stat first, hashing only what moved."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        return Status(False, "no index yet" if not (index_dir / MANIFEST).exists() else "index unreadable")
    other = _incompatible(manifest)
    if other:
        return Status(False, other)
    if manifest.get("bm25") != BM25:
        return Status(False, "BM25 parameters changed")
    broken = damaged(index_dir, manifest)
    if broken:
        return Status(False, broken)
    files = manifest.get("files", {})
    skipped = manifest.get("skipped", {})
    current = _corpus_files(corpus_dir)
    known = set(files) | set(skipped)
    added = tuple(sorted(set(current) - known))
    removed = tuple(sorted(known - set(current)))
    changed, touched = [], []
    ids = doc_ids(current)
    renamed = [rel for rel in sorted(set(current) & set(files)) if files[rel].get("doc") != ids[rel]]
    for rel in sorted(set(current) & set(skipped)):
        if _stat_entry(current[rel]) != skipped[rel]:
            changed.append(rel)  # a skipped file changed: it may be usable now
    for rel in sorted(set(current) & set(files)):
        try:
            st = current[rel].stat()
        except OSError:  # removed or broken since discover(): rebuild, skip it there
            changed.append(rel)
            continue
        entry = files[rel]
        if st.st_size == entry["size"] and st.st_mtime_ns == entry["mtime_ns"]:
            continue
        if st.st_size == entry["size"] and sha256_file(current[rel]) == entry["sha256"]:
            touched.append(rel)
        else:
            changed.append(rel)
    fresh = not (added or removed or changed or renamed)
    parts = [f"{len(x)} {w}" for x, w in ((added, "added"), (changed, "changed"), (removed, "removed")) if x]
    if renamed and not (added or removed):
        parts.append(f"{len(renamed)} with a new id")
    return Status(fresh, ", ".join(parts), added, tuple(changed), removed, tuple(touched))


@contextlib.contextmanager
def locked(index_dir: Path) -> Iterator[None]:
    """Hold the index folder's build lock (another builder waits here)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / LOCK).open("a") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock, builds are still atomic
            yield
            return
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ---------------------------------------------------------------- building


@dataclass
class _Segment:
    """One corpus file's contribution: metadata, passage lines and token ids."""

    rel: str
    entry: dict[str, Any]
    doc: dict[str, Any]
    lines: list[bytes]
    tokens: IntArray  # global term ids, concatenated
    lengths: IntArray  # tokens per passage
    words: IntArray  # global ids of the file's distinct corpus words
    cues: CueArray  # per passage, cue-word counts by question type (cues.CUE_TYPES)
    keys: IntArray  # the file's line keys (qabot.corpus.line_keys), sorted


def _passage_line(p: Passage) -> bytes:
    rec = {
        "id": p.pid,
        "doc": p.doc_id,
        "n": p.n,
        "section": p.section,
        "paragraph": p.paragraph,
        "kind": p.kind,
        "text": p.text,
        "sentences": [list(s) for s in p.sentences],
    }
    return json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n"


def build(
    corpus_dir: Path,
    index_dir: Path,
    *,
    progress: Progress | None = None,
    reuse: bool = True,
) -> BuildReport:
    """Build or refresh the index of ``corpus_dir`` in ``index_dir``.

    Files whose sha256 matches the previous index are not read again: their passages
    and tokens are copied from it. Only new or changed files are parsed and analysed.
    """
    t0 = time.perf_counter()
    check_ownership(index_dir)
    with locked(index_dir):
        return _build_locked(corpus_dir, index_dir, progress, reuse, t0)


def _build_locked(
    corpus_dir: Path, index_dir: Path, progress: Progress | None, reuse: bool, t0: float
) -> BuildReport:
    from hashlib import sha256

    report = BuildReport()
    files = _corpus_files(corpus_dir)
    if not files:
        raise CorpusError(
            f"corpus folder {corpus_dir} has no briefings (.txt, .md, .html, .pdf or .eml files)"
        )
    old = _OldIndex.open(index_dir) if reuse else None
    old_files: Mapping[str, Any] = old.manifest["files"] if old else {}
    term_ids: dict[str, int] = {}
    # only the words of the files kept: a removed file's words leave with it
    word_ids: dict[str, int] = {}
    stems: dict[str, str] = {}
    slots: list[_Segment | None] = []
    pending: list[_Job] = []
    seen_hashes: dict[str, str] = {}
    ids = doc_ids(files)
    # Line keys (corpus-wide chrome): pass 1 gathers every usable file's keys (from the old
    # generation for unchanged files, by reading new ones); their counts say which lines
    # repeat across briefings; pass 2 parses new files with those counts, and re-parses an
    # unchanged file only when one of its keys changed sides of the repeated threshold.
    from .corpus import reading as corpus_reading  # the parser: builds only, never a fresh `ask`

    old_counts = old.repeated() if old else {}
    reused: list[tuple[_Segment, bytes, str]] = []
    for rel, path in sorted(files.items()):
        try:
            st = path.stat()
            if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
                report.skipped[rel] = _skip_entry(st)
                report.warnings.append(f"{rel}: not a regular file, skipped")
                continue
            if st.st_size > MAX_BYTES:
                report.skipped[rel] = _skip_entry(st)
                report.warnings.append(
                    f"{rel}: {st.st_size / 2**20:.1f} MB is too big for a briefing "
                    f"(limit {MAX_BYTES // 2**20} MB), skipped"
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            report.skipped[rel] = _skip_entry(None)
            report.warnings.append(f"{rel}: cannot read ({exc.strerror or exc}), skipped")
            continue
        if not data.strip():
            report.skipped[rel] = _skip_entry(st)
            report.warnings.append(f"{rel}: empty file, skipped")
            continue
        digest = sha256(data).hexdigest()
        if digest in seen_hashes:
            report.skipped[rel] = _skip_entry(st)
            report.warnings.append(f"{rel}: same content as {seen_hashes[digest]}, skipped")
            continue
        seen_hashes[digest] = rel
        entry = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": digest}
        prev = old_files.get(rel)
        if old and prev and prev["sha256"] == digest:
            # None when its id changed (a namesake came or went): analysed again below
            seg = old.segment(rel, entry, ids[rel], term_ids, word_ids, stems)
            if seg is not None:
                slots.append(seg)
                reused.append((seg, data, path.suffix))
                report.reused += 1
                continue
        else:
            (report.changed if prev else report.added).append(rel)
        pending.append(_Job(len(slots), rel, ids[rel], path.suffix, data, entry, st))
        slots.append(None)
    pending = _read_all(pending, report)
    counts = corpus_reading.repeated_counts(
        [frozenset(seg.keys.tolist()) for seg, _, _ in reused] + [j.keys for j in pending]
    )
    for seg, data, suffix in reused:
        flipped = any((k in counts) != (k in old_counts) for k in seg.keys.tolist())
        if flipped:  # its chrome may have changed: parse it again, keep the old work if equal
            slot = slots.index(seg)
            job = _Job(slot, seg.rel, seg.doc["doc_id"], suffix, data, seg.entry, None, old=seg)
            pending += _read_all([job], report)
    for job in pending:
        job.repeated = {k: counts[k] for k in job.keys if k in counts}
    pending.sort(key=lambda j: j.slot)
    done = len(files) - len(pending)
    for job, outcome in _analyse_all(pending):
        if progress:
            progress(done, len(files), job.rel)
        done += 1
        if job.old is not None:
            if outcome.lines == job.old.lines and outcome.doc == job.old.doc:
                continue  # the same passages as before: the old work stands
            report.reused -= 1
        report.warnings.extend(outcome.warnings)
        if outcome.lines:
            slots[job.slot] = outcome.segment(job.entry, term_ids, word_ids, stems)
        else:
            report.skipped[job.rel] = _skip_entry(job.st)
    segments = [seg for seg in slots if seg is not None]
    if progress:
        progress(len(files), len(files), "writing index")
    report.removed = sorted(set(old_files) - set(files))
    if not segments:
        raise CorpusError(f"no usable briefings in {corpus_dir}: " + "; ".join(report.warnings[:3]))
    _write(index_dir, corpus_dir, segments, term_ids, word_ids, stems, report)
    report.docs = len(segments)
    report.passages = sum(len(s.lines) for s in segments)
    report.seconds = time.perf_counter() - t0
    return report


@dataclass
class _Job:
    """A corpus file to parse and analyse; ``slot`` keeps the files' sorted order."""

    slot: int
    rel: str
    doc_id: str
    suffix: str
    data: bytes
    entry: dict[str, Any]
    st: os.stat_result | None
    raw: Any = None  # qabot.corpus.Raw, read in pass 1
    keys: frozenset[int] = frozenset()
    repeated: dict[int, int] = field(default_factory=dict)
    old: _Segment | None = None  # an unchanged file parsed again (a line key flipped)


def _read_all(jobs: list[_Job], report: BuildReport) -> list[_Job]:
    """Pass 1: read each file into its raw form and take its line keys; a file that cannot
    be read (or whose reader fails in any way) is skipped with its one-line warning."""
    from .corpus import formats as corpus_formats
    from .corpus import reading as corpus_reading

    kept = []
    for job in jobs:
        try:
            job.raw = corpus_formats.read(job.data, job.rel, job.suffix)
            job.keys = corpus_reading.line_keys(job.raw)
        except FileSkipped as exc:
            report.warnings.append(str(exc))
            report.skipped[job.rel] = _skip_entry(job.st)
            continue
        except (RecursionError, MemoryError, ValueError, LookupError, TypeError) as exc:
            report.warnings.append(f"{job.rel}: cannot be read ({type(exc).__name__}), skipped")
            report.skipped[job.rel] = _skip_entry(job.st)
            continue
        kept.append(job)
    return kept


@dataclass
class _Analysed:
    """One file's analysis with file-local term ids (so workers need no shared vocabulary)."""

    rel: str
    doc: dict[str, Any]
    lines: list[bytes]
    terms: list[str]  # local id -> token
    ids: npt.NDArray[np.int32]  # local term ids, concatenated
    lengths: IntArray
    stems: dict[str, str]
    warnings: list[str]
    cues: CueArray
    keys: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))

    @classmethod
    def empty(cls, rel: str, doc: dict[str, Any], warnings: list[str]) -> _Analysed:
        """A file that gave no passages (its warnings say why)."""
        no_cues = np.zeros((0, len(cues.CUE_TYPES)), dtype=np.int8)
        return cls(rel, doc, [], [], np.zeros(0, np.int32), np.zeros(0, np.int64), {}, warnings, no_cues)

    def segment(
        self,
        entry: dict[str, Any],
        term_ids: dict[str, int],
        word_ids: dict[str, int],
        stems: dict[str, str],
    ) -> _Segment:
        words = np.asarray([word_ids.setdefault(w, len(word_ids)) for w in self.stems], dtype=np.int64)
        for word, token in self.stems.items():
            stems.setdefault(word, token)
        glob = np.asarray([term_ids.setdefault(t, len(term_ids)) for t in self.terms], dtype=np.int64)
        tokens = glob[self.ids] if len(self.ids) else np.zeros(0, dtype=np.int64)
        return _Segment(
            self.rel, entry, self.doc, self.lines, tokens, self.lengths, words, self.cues, self.keys
        )


_WORKER_ANALYZER: analysis.Analyzer | None = None


def _analyse_one(
    rel: str, doc_id: str, raw: Any, repeated: dict[int, int], keys: frozenset[int]
) -> _Analysed:
    """Parse, cut and analyse one file (no passages: skipped, and the warnings say why).

    Any exception while parsing skips this file with a one-line warning naming it; the
    build goes on (one strange file must never stop the archive).
    """
    from .corpus import reading as corpus_reading

    global _WORKER_ANALYZER
    if _WORKER_ANALYZER is None:
        _WORKER_ANALYZER = analysis.Analyzer()
    analyzer = _WORKER_ANALYZER
    warnings: list[str] = []  # the document's warnings hold the reader's
    try:
        document = corpus_reading.parse(raw, doc_id, repeated=repeated)
        passages = split(document)
    except FileSkipped as exc:
        return _Analysed.empty(rel, {}, [*raw.warnings, str(exc)])
    except Exception as exc:  # a parser bug on a strange file: skip it, name it
        why = f"{rel}: cannot be parsed ({type(exc).__name__}), skipped"
        return _Analysed.empty(rel, {}, [*raw.warnings, why])
    warnings.extend(document.warnings)
    doc = {
        "doc_id": doc_id,
        "title": document.title,
        "date": document.date,
        "file": rel,
        "source": document.source,
        "url": document.url,
        "authors": list(document.authors),
        "site": document.site,
    }
    if not passages:
        warnings.append(f"{rel}: no text to index, skipped")
        return _Analysed.empty(rel, doc, warnings)
    local: dict[str, int] = {}
    stems: dict[str, str] = {}
    ids: list[int] = []
    lengths: list[int] = []
    for p in passages:
        n = 0
        for word, token, _, _ in analyzer.surface(p.search_text):
            stems.setdefault(word, token)
            ids.append(local.setdefault(token, len(local)))
            n += 1
        lengths.append(n)
    return _Analysed(
        rel,
        doc,
        [_passage_line(p) for p in passages],
        list(local),
        np.asarray(ids, dtype=np.int32),
        np.asarray(lengths, dtype=np.int64),
        stems,
        warnings,
        np.asarray([cues.cue_counts(p.text) for p in passages], dtype=np.int8).reshape(
            -1, len(cues.CUE_TYPES)
        ),
        np.asarray(sorted(keys), dtype=np.int64),
    )


#: Below this much new text a build analyses in-process (starting workers costs ~0.5 s).
PARALLEL_MIN_BYTES = 2 << 20


def _worker_init() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _analyse_all(jobs: list[_Job]) -> Iterator[tuple[_Job, _Analysed]]:
    """Analyse ``jobs`` in order: in worker processes when there is much to do and cores to
    do it on, else here. Workers get bytes and return plain data; nothing is stored pickled."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(jobs) < 2 * workers or sum(len(j.data) for j in jobs) < PARALLEL_MIN_BYTES:
        for job in jobs:
            yield job, _analyse_one(job.rel, job.doc_id, job.raw, job.repeated, job.keys)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"), initializer=_worker_init)
    try:
        chunk = max(1, min(16, len(jobs) // (workers * 8)))
        args = (
            [j.rel for j in jobs],
            [j.doc_id for j in jobs],
            [j.raw for j in jobs],
            [j.repeated for j in jobs],
            [j.keys for j in jobs],
        )
        yield from zip(jobs, pool.map(_analyse_one, *args, chunksize=chunk), strict=True)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _OldIndex:
    """The previous generation, opened only to copy unchanged files' work."""

    def __init__(self, manifest: dict[str, Any], gen: Path) -> None:
        self.manifest = manifest
        self.gen = gen
        self.vocab: list[str] = json.loads((gen / "vocab.json").read_text(encoding="utf-8"))
        self.stems: dict[str, str] = json.loads((gen / "stems.json").read_text(encoding="utf-8"))
        self.words = list(self.stems)  # a word's position is its id in doc_words
        self.tokens = np.load(gen / "tokens.npy", mmap_mode="r", allow_pickle=False)
        self.tokens_ptr = np.load(gen / "tokens_ptr.npy", allow_pickle=False)
        self.offsets = np.load(gen / "passage_offsets.npy", allow_pickle=False)
        self.doc_words = np.load(gen / "doc_words.npy", mmap_mode="r", allow_pickle=False)
        self.doc_words_ptr = np.load(gen / "doc_words_ptr.npy", allow_pickle=False)
        self.cues = np.load(gen / "cues.npy", mmap_mode="r", allow_pickle=False)
        self.line_keys = np.load(gen / "line_keys.npy", allow_pickle=False)
        self.line_keys_ptr = np.load(gen / "line_keys_ptr.npy", allow_pickle=False)
        self._map: IntArray | None = None
        self._word_map: IntArray | None = None
        self._blob = (gen / "passages.jsonl").read_bytes()
        docs = json.loads((gen / "docs.json").read_text(encoding="utf-8"))
        self.docs = {d["file"]: d for d in docs}
        self.doc_at = {d["file"]: i for i, d in enumerate(docs)}
        if (
            len(self.doc_words_ptr) != len(docs) + 1
            or int(self.doc_words_ptr[-1]) != len(self.doc_words)
            or (len(self.doc_words) and int(self.doc_words.max()) >= len(self.words))
        ):
            raise ValueError("word lists disagree with the word table")
        if len(self.line_keys_ptr) != len(docs) + 1 or int(self.line_keys_ptr[-1]) != len(self.line_keys):
            raise ValueError("line keys disagree with the briefings")

    def keys_of(self, d: int) -> IntArray:
        return np.asarray(self.line_keys[self.line_keys_ptr[d] : self.line_keys_ptr[d + 1]], dtype=np.int64)

    def repeated(self) -> dict[int, int]:
        """Line key -> briefings holding it, over the old generation (keys in two or more)."""
        from .corpus import reading as corpus_reading

        return corpus_reading.repeated_counts(
            frozenset(self.keys_of(d).tolist()) for d in range(len(self.line_keys_ptr) - 1)
        )

    @classmethod
    def open(cls, index_dir: Path) -> _OldIndex | None:
        manifest = read_manifest(index_dir)
        if manifest is None or _incompatible(manifest) or damaged(index_dir, manifest):
            return None
        try:
            return cls(manifest, index_dir / manifest["generation"])
        except (OSError, ValueError, KeyError):
            return None

    def segment(
        self,
        rel: str,
        entry: dict[str, Any],
        doc_id: str,
        term_ids: dict[str, int],
        word_ids: dict[str, int],
        stems: dict[str, str],
    ) -> _Segment | None:
        """The file's work as the old generation holds it; None when absent or its id changed.

        Its terms and words join ``term_ids``, ``word_ids`` and ``stems``.
        """
        doc = self.docs.get(rel)
        if doc is None or doc.get("doc_id") != doc_id:
            return None
        if self._map is None or self._word_map is None:
            self._map = np.full(len(self.vocab), -1, dtype=np.int64)
            self._word_map = np.full(len(self.words), -1, dtype=np.int64)
        first, count = doc["first"], doc["count"]
        lo, hi = int(self.tokens_ptr[first]), int(self.tokens_ptr[first + count])
        old_ids = np.asarray(self.tokens[lo:hi], dtype=np.int64)
        unmapped = old_ids[self._map[old_ids] < 0]  # after the first files, few or none
        for t in np.unique(unmapped).tolist():
            self._map[t] = term_ids.setdefault(self.vocab[t], len(term_ids))
        d = self.doc_at[rel]
        old_words = np.asarray(self.doc_words[self.doc_words_ptr[d] : self.doc_words_ptr[d + 1]], np.int64)
        for w in np.unique(old_words[self._word_map[old_words] < 0]).tolist():
            word = self.words[w]
            stems.setdefault(word, self.stems[word])
            self._word_map[w] = word_ids.setdefault(word, len(word_ids))
        offs = self.offsets[first : first + count + 1].tolist()
        lines = [self._blob[a:b] for a, b in itertools.pairwise(offs)]
        meta = {k: v for k, v in doc.items() if k not in ("first", "count")}
        return _Segment(
            rel,
            entry,
            meta,
            lines,
            self._map[old_ids],
            np.diff(self.tokens_ptr[first : first + count + 1]).astype(np.int64),
            self._word_map[old_words],
            np.asarray(self.cues[first : first + count], dtype=np.int8),
            self.keys_of(d),
        )


def _write(
    index_dir: Path,
    corpus_dir: Path,
    segments: list[_Segment],
    term_ids: dict[str, int],
    word_ids: dict[str, int],
    stems: dict[str, str],
    report: BuildReport,
) -> None:
    # Terms and words sorted, so an unchanged corpus gives byte-identical files.
    terms = sorted(term_ids, key=term_ids.__getitem__)
    vocab, remap = _sorted_ids(terms)
    words, word_remap = _sorted_ids(sorted(word_ids, key=word_ids.__getitem__))
    doc_words = [np.sort(word_remap[s.words]) for s in segments]
    doc_words_ptr = np.zeros(len(segments) + 1, dtype=np.int64)
    np.cumsum([len(w) for w in doc_words], out=doc_words_ptr[1:])
    line_keys_ptr = np.zeros(len(segments) + 1, dtype=np.int64)
    np.cumsum([len(s.keys) for s in segments], out=line_keys_ptr[1:])

    tokens = remap[np.concatenate([s.tokens for s in segments])] if terms else np.zeros(0, np.int64)
    lengths = np.concatenate([s.lengths for s in segments])
    n_pass = len(lengths)
    tokens_ptr = np.zeros(n_pass + 1, dtype=np.int64)
    np.cumsum(lengths, out=tokens_ptr[1:])
    pid_of_token = np.repeat(np.arange(n_pass, dtype=np.int64), lengths)
    keys, tf = np.unique(tokens * n_pass + pid_of_token, return_counts=True)
    post_term = keys // n_pass
    postings_pid = (keys % n_pass).astype(np.int32)
    df = np.bincount(post_term, minlength=len(vocab)).astype(np.int32)
    postings_ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(df, out=postings_ptr[1:])

    docs, files, lines, passage_doc = [], {}, [], []
    first = 0
    for d_i, s in enumerate(segments):
        count = len(s.lines)
        docs.append({**s.doc, "first": first, "count": count})
        files[s.rel] = {**s.entry, "doc": s.doc["doc_id"], "first": first, "count": count}
        lines.extend(s.lines)
        passage_doc.extend([d_i] * count)
        first += count
    offsets = np.zeros(n_pass + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lines], out=offsets[1:])

    stamp = f"g-{time.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
    tmp = index_dir / f".tmp-{stamp}"
    tmp.mkdir(parents=True)
    try:
        (tmp / "passages.jsonl").write_bytes(b"".join(lines))
        _dump(tmp / "docs.json", docs)
        _dump(tmp / "vocab.json", vocab)
        _dump(tmp / "stems.json", {w: stems[w] for w in words})
        arrays: dict[str, npt.NDArray[Any]] = {
            "passage_offsets": offsets,
            "tokens": tokens.astype(np.int32),
            "tokens_ptr": tokens_ptr,
            "postings_ptr": postings_ptr,
            "postings_pid": postings_pid,
            "postings_tf": tf.astype(np.int32),
            "df": df,
            "doc_len": lengths.astype(np.int32),
            "cues": np.concatenate([seg.cues for seg in segments]).astype(np.int8),
            "passage_doc": np.asarray(passage_doc, dtype=np.int32),
            "doc_words": np.concatenate(doc_words).astype(np.int32),
            "doc_words_ptr": doc_words_ptr,
            "line_keys": np.concatenate([s.keys for s in segments]).astype(np.int64),
            "line_keys_ptr": line_keys_ptr,
        }
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
        _fsync_dir(tmp)
        sizes = {f.name: f.stat().st_size for f in sorted(tmp.iterdir())}
        os.rename(tmp, index_dir / stamp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "analyzer": analysis.fingerprint(),
        "cues": cues.fingerprint(),
        "parser": _parser_version(),
        "bm25": BM25,
        "generation": stamp,
        "corpus": str(corpus_dir.resolve()),
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "docs": len(docs),
        "passages": n_pass,
        "terms": len(vocab),
        "tokens": int(tokens_ptr[-1]),
        "files": files,
        "skipped": report.skipped,
        "sizes": sizes,
        "warnings": report.warnings,
    }
    # The generation being replaced stays until the next build: a reader that opened
    # it a moment ago (another `qabot ask`) can still read its passages.
    previous = (read_manifest(index_dir) or {}).get("generation")
    _replace_manifest(index_dir, manifest)
    for old in index_dir.iterdir():
        if old.name in (stamp, previous):
            continue
        if old.is_dir() and old.name.startswith(("g-", ".tmp-g-")):
            shutil.rmtree(old, ignore_errors=True)


def _sorted_ids(names: list[str]) -> tuple[list[str], IntArray]:
    """``names`` (listed by id) in sorted order, and each id's position in that order."""
    order = np.argsort(np.asarray(names, dtype=object)).astype(np.int64)
    remap = np.empty(len(names), dtype=np.int64)
    remap[order] = np.arange(len(names), dtype=np.int64)
    return [names[i] for i in order], remap


def _dump(path: Path, obj: object, indent: int | None = None) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=indent)  # one string: 3x faster than json.dump
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a path that is not UTF-8 (lone surrogates): JSON escapes keep it
        text = json.dumps(obj, ensure_ascii=True, indent=indent)
    with path.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def touch_manifest(index_dir: Path, corpus_dir: Path, touched: tuple[str, ...]) -> None:
    """Record new mtimes of files whose content did not change (a fresh clone, a `touch`)."""
    manifest = read_manifest(index_dir)
    if not manifest or not touched:
        return
    check_ownership(index_dir)
    files = {rel: dict(entry) for rel, entry in manifest["files"].items()}  # the read one is shared
    for rel in touched:
        with contextlib.suppress(OSError, KeyError):
            files[rel]["mtime_ns"] = (corpus_dir / rel).stat().st_mtime_ns
    with contextlib.suppress(OSError):
        _replace_manifest(index_dir, {**manifest, "files": files})


# ---------------------------------------------------------------- loading


class Index:
    """A loaded index: small JSON read eagerly, arrays memory-mapped, passages on demand."""

    def __init__(self, index_dir: Path) -> None:
        manifest = read_manifest(index_dir)
        if manifest is None:
            raise IndexError_(f"no usable index in {index_dir}")
        self.dir = index_dir
        self.manifest = manifest
        self.gen = index_dir / manifest["generation"]
        try:
            self.docs = [
                Doc(**{**d, "authors": tuple(d.get("authors", ()))})
                for d in json.loads((self.gen / "docs.json").read_text("utf-8"))
            ]
            self.vocab_list: list[str] = json.loads((self.gen / "vocab.json").read_text("utf-8"))
            self.postings_ptr = self._array("postings_ptr")
            self.postings_pid = self._array("postings_pid")
            self.postings_tf = self._array("postings_tf")
            self.df = self._array("df")
            self.doc_len = self._array("doc_len")
            self.passage_doc = self._array("passage_doc")
            self.offsets = self._array("passage_offsets")
            self.cues = self._array("cues")  # passage x question type: cue-word counts
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise IndexDamaged(f"index in {index_dir} is damaged ({exc})") from None
        n = len(self.doc_len)
        if not (
            len(self.offsets) == n + 1
            and len(self.passage_doc) == n
            and len(self.df) == len(self.vocab_list)
            and len(self.postings_ptr) == len(self.vocab_list) + 1
            and len(self.postings_pid) == len(self.postings_tf) == int(self.postings_ptr[-1])
            and sum(d.count for d in self.docs) == n
            and self.cues.shape == (n, len(cues.CUE_TYPES))
        ):
            raise IndexDamaged(f"index in {index_dir} is damaged (array sizes disagree)")
        self.vocab = {t: i for i, t in enumerate(self.vocab_list)}
        self.n_passages = n
        self.avgdl = float(self.manifest["tokens"]) / n if n else 0.0
        self.doc_index = {d.doc_id: i for i, d in enumerate(self.docs)}
        self._stems: dict[str, str] | None = None
        self._tokens: tuple[npt.NDArray[Any], npt.NDArray[Any]] | None = None
        self._blob: Any = None
        self._cache: dict[int, Passage] = {}

    def _array(self, name: str) -> npt.NDArray[Any]:
        arr: npt.NDArray[Any] = np.load(self.gen / f"{name}.npy", mmap_mode="r", allow_pickle=False)
        # A plain ndarray over the same read-only mapping: slicing an np.memmap costs
        # microseconds of Python per slice, which per-term lookups pay thousands of times.
        return arr.view(np.ndarray)

    @property
    def stems(self) -> dict[str, str]:
        if self._stems is None:
            self._stems = json.loads((self.gen / "stems.json").read_text("utf-8"))
        return self._stems

    def analyzer(self) -> analysis.Analyzer:
        """The query analyzer: the same analysis the build used.

        It does not load ``stems.json`` (a large file on a large corpus): the stemmer
        is qabot's own copy of nltk's Snowball, cheap to import and memoised, and
        gives exactly the stems the table holds (tests check this).
        """
        return analysis.Analyzer()

    def passage(self, i: int) -> Passage:
        """Passage number ``i`` (0-based), read from disk on first use."""
        hit = self._cache.get(i)
        if hit is not None:
            return hit
        if self._blob is None:
            import mmap

            with (self.gen / "passages.jsonl").open("rb") as fh:
                self._blob = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if self.offsets[-1] else b""
        rec = json.loads(self._blob[int(self.offsets[i]) : int(self.offsets[i + 1])])
        p = Passage(
            pid=rec["id"],
            doc_id=rec["doc"],
            n=rec["n"],
            section=rec["section"],
            paragraph=rec["paragraph"],
            kind=rec["kind"],
            text=rec["text"],
            sentences=tuple((a, b) for a, b in rec["sentences"]),
        )
        self._cache[i] = p
        return p

    def doc_of(self, i: int) -> Doc:
        return self.docs[int(self.passage_doc[i])]

    def find(self, pid: str) -> int | None:
        """Position of passage id ``<doc>#p<N>``, or None."""
        doc_id, _, n = pid.rpartition("#p")
        d = self.doc_index.get(doc_id)
        if d is None or not n.isdigit():
            return None
        doc = self.docs[d]
        k = int(n)
        return doc.first + k - 1 if 1 <= k <= doc.count else None

    def line_keys(self) -> list[tuple[str, frozenset[int]]]:
        """Each briefing's file and line keys (``qabot.corpus.line_keys``): what ``qabot
        inspect`` counts a file's lines against, as the build did."""
        try:
            keys = self._array("line_keys")
            ptr = self._array("line_keys_ptr")
        except (OSError, ValueError) as exc:
            raise IndexDamaged(f"index in {self.dir} is damaged ({exc})") from None
        if len(ptr) != len(self.docs) + 1:
            raise IndexDamaged(f"index in {self.dir} is damaged (line keys disagree with the briefings)")
        return [(d.file, frozenset(keys[ptr[i] : ptr[i + 1]].tolist())) for i, d in enumerate(self.docs)]

    def token_ids(self, i: int) -> npt.NDArray[Any]:
        """The term ids of passage ``i``'s analysed tokens, in order."""
        if self._tokens is None:
            self._tokens = (self._array("tokens_ptr"), self._array("tokens"))
        ptr, tokens = self._tokens
        return tokens[int(ptr[i]) : int(ptr[i + 1])]

    def tokens_of(self, i: int) -> list[str]:
        """The analysed tokens of passage ``i`` (for explanations and parity checks)."""
        vocab = self.vocab_list
        return [vocab[t] for t in self.token_ids(i).tolist()]

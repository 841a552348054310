"""Read, analyse and write corpus files as segments: here, or in worker processes.

A build's new files are cut into contiguous runs (one per core, in corpus order, of
about equal bytes); each run becomes one or more segments, written by the process that
analysed it, so nothing per file crosses a process boundary and the parent only commits.

Why not multiprocessing: its pools move objects by pickle and register semaphores with
a resource tracker, which prints "leaked semaphore" warnings when a process group is
killed. Here a worker is ``python -m qabot.index`` reading one JSON line (its run) on
stdin and writing JSON lines (one per file done, then the result) on stdout. A worker
dies with its parent (``PR_SET_PDEATHSIG`` on Linux, and end of input everywhere), so
killing a build never leaves workers running; what they left half-written is a
temporary folder the next build removes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import selectors
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NamedTuple

from . import layout
from .analyse import FileWork, _empty, analyse_file, read_raw


@dataclass(frozen=True)
class Job:
    rel: str
    doc_id: str
    path: str
    size_limit: int


@dataclass(frozen=True)
class Read:
    """What reading a file saw: its stat before reading, and whether it moved meanwhile."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    moved: bool


def read_file(path: str, limit: int) -> tuple[bytes, Read] | str:
    """A regular file's bytes and stat, or why it cannot be used (a one-line reason)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return "not a regular file"
        if st.st_size > limit:
            return f"{st.st_size / 2**20:.1f} MB is too big for a briefing (limit {limit // 2**20} MB)"
        os.set_blocking(fd, True)
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            if sum(map(len, chunks)) > limit:
                return "grew too big while being read"
        after = os.fstat(fd)
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    finally:
        os.close(fd)
    moved = (after.st_size, after.st_mtime_ns, after.st_ctime_ns) != (
        st.st_size,
        st.st_mtime_ns,
        st.st_ctime_ns,
    )
    return b"".join(chunks), Read(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, moved)


class Parsed(NamedTuple):
    """Pass 1's reading of one file, which pass 2 goes on from."""

    raw: Any  # formats.Raw
    keys: frozenset[int]
    sha256: str
    seen: Read
    size: int  # bytes read


class Reader:
    """Pass 1 and pass 2 of one run, in one process. Each file is read and put in raw form
    once: pass 1 keeps its reading in memory while the run's bytes stay under
    STASH_BYTES and, past that, in a spill file (:mod:`.spill`) (in the index folder, unnamed:
    nothing is left behind, whatever ends the build) that pass 2 reads back."""

    STASH_BYTES = 16 << 20

    def __init__(self, spill_dir: Path | None = None) -> None:
        self._stash: dict[str, Parsed] = {}
        self._stashed = 0
        self._spill_dir = spill_dir
        self._spill: IO[bytes] | None = None
        self._spilled: dict[str, tuple[int, int]] = {}  # rel -> (offset, length)

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None
        self._spilled.clear()

    def keys(self, jobs: list[Job]) -> dict[str, Any]:
        """Each readable file's line keys; the others' warnings and stat (left out)."""
        keys: dict[str, list[int]] = {}
        skipped: dict[str, dict[str, int]] = {}
        warnings: list[str] = []
        for job in jobs:
            got = self._read(job)
            if isinstance(got, str):
                from .manifest import skip_entry

                warnings.append(got)
                skipped[job.rel] = _skip_stat(job.path, skip_entry)
                continue
            keys[job.rel] = sorted(got.keys)
            if self._stashed + got.size <= self.STASH_BYTES:
                self._stash[job.rel] = got
                self._stashed += got.size
            else:
                self._put(job.rel, got)
        return {"keys": keys, "skipped": skipped, "warnings": warnings}

    def _put(self, rel: str, got: Parsed) -> None:
        """Keep ``got`` in the spill file (a reading the spill cannot hold is read again)."""
        if self._spill_dir is None:
            return
        import tempfile  # (here: a build that spills nothing, an add, needs neither)

        from . import spill

        raw, keys, sha256, seen, size = got
        try:
            blob = spill.dumps([raw, sorted(keys), sha256, dataclasses.astuple(seen), size])
        except spill.Unspillable:
            return
        try:
            if self._spill is None:
                # closed by close(), or with the process
                self._spill = tempfile.TemporaryFile(dir=self._spill_dir, prefix=".spill-")  # noqa: SIM115
            fh = self._spill
            at = fh.seek(0, os.SEEK_END)
            fh.write(blob)
        except OSError:
            return  # a full disk: pass 2 reads the file again
        self._spilled[rel] = (at, len(blob))

    def _read(self, job: Job) -> Parsed | str:
        hit = self._stash.pop(job.rel, None)
        if hit is not None:
            self._stashed -= hit.size
            return hit
        at = self._spilled.pop(job.rel, None)
        if at is not None and self._spill is not None:
            from . import spill

            try:
                self._spill.seek(at[0])
                raw, keys, sha256, seen, size = spill.loads(self._spill.read(at[1]))
                return Parsed(raw, frozenset(keys), sha256, Read(*seen), size)
            except (OSError, ValueError, KeyError, TypeError):
                pass  # read the file again
        read = read_file(job.path, job.size_limit)
        if isinstance(read, str):
            return f"{job.rel}: {read}, skipped"
        data, seen = read
        if not data.strip():
            return f"{job.rel}: empty file, skipped"
        raw, keys, warnings = read_raw(job.rel, os.path.splitext(job.rel)[1], data)
        if raw is None:
            return "; ".join(warnings)
        import hashlib

        return Parsed(raw, keys, hashlib.sha256(data).hexdigest(), seen, len(data))

    def work(self, job: Job, repeated: dict[int, int]) -> tuple[FileWork, Read | None]:
        """Pass 2 of one file: parse with the corpus-wide counts, cut, analyse."""
        got = self._read(job)
        if isinstance(got, str):
            return _empty(job.rel, "", {}, [got]), None
        mine = {k: repeated[k] for k in got.keys if k in repeated}
        return analyse_file(job.rel, job.doc_id, got.raw, got.keys, mine, got.sha256), got.seen


# ---------------------------------------------------------------- one run of files


def write_run(
    index_dir: Path,
    jobs: list[Job],
    started_ns: int,
    on_file: Callable[[str], None],
    reader: Reader,
    repeated: dict[int, int],
) -> dict[str, Any]:
    """Analyse ``jobs`` in order into new segments (a new one every SEGMENT_PASSAGES).

    Returns the segments' manifest entries, each usable file's entry, the files left out
    (with their stat) and the warnings. A file whose content repeats an earlier one of
    the run is left out; repeats across runs are the caller's to find.
    """
    from .manifest import skip_entry
    from .segments import SegmentWriter

    segments: list[dict[str, Any]] = []
    files: dict[str, dict[str, Any]] = {}
    skipped: dict[str, dict[str, int]] = {}
    warnings: list[str] = []
    hashes: dict[str, str] = {}
    writer: SegmentWriter | None = None
    try:
        for job in jobs:
            work, seen = reader.work(job, repeated)
            on_file(job.rel)
            warnings.extend(work.warnings)
            if not work.count or seen is None:
                skipped[job.rel] = _skip_stat(job.path, skip_entry)
                continue
            if work.sha256 in hashes:
                skipped[job.rel] = _skip_stat(job.path, skip_entry)
                warnings.append(f"{job.rel}: same content as {hashes[work.sha256]}, skipped")
                continue
            hashes[work.sha256] = job.rel
            if writer is None:
                writer = SegmentWriter(index_dir)
            files[job.rel] = {
                "size": seen.size,
                "mtime_ns": 0 if seen.moved else seen.mtime_ns,  # edited while read: hash next time
                "ctime_ns": seen.ctime_ns,
                "ino": seen.ino,
                "seen_ns": started_ns,
                "sha256": work.sha256,
                "doc": work.doc["doc_id"],
                "segment": writer.name,
                "n": len(writer.docs),
            }
            writer.add(work, work.doc)
            if writer.passages >= layout.SEGMENT_PASSAGES:
                segments.append(writer.finish())
                writer = None
        if writer is not None:
            segments.append(writer.finish())
            writer = None
    except BaseException:
        if writer is not None:
            writer.abandon()
        from .segments import remove_segment_dir

        for s in segments:
            remove_segment_dir(index_dir / s["name"])
        raise
    return {"segments": segments, "files": files, "skipped": skipped, "warnings": warnings}


def _skip_stat(path: str, skip_entry: Callable[[os.stat_result | None], dict[str, int]]) -> dict[str, int]:
    try:
        return skip_entry(os.stat(path))
    except OSError:
        return skip_entry(None)


#: Allocations between young-generation collections while parsing (Python's default: 700).
GC_YOUNG = 50_000


@contextlib.contextmanager
def sparse_gc(freeze: bool = False) -> Iterator[None]:
    """Collect cyclic garbage seldom while files are parsed: parsing allocates millions of
    short-lived objects that reference counting frees anyway, and the default thresholds
    made the collector walk the young heap thousands of times per file run (~8-10% of a
    worker's CPU on a 100k-passage build). ``freeze`` (a worker, whose process this is):
    objects alive on entry (modules, the analyser, caches) are also left out of every
    collection until exit. The thresholds come back on exit, so an in-process build
    leaves its caller's collector as it was."""
    before = gc.get_threshold()
    if freeze:
        gc.freeze()
    gc.set_threshold(GC_YOUNG, before[1], before[2])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        if freeze:
            gc.unfreeze()


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (SIGKILL, OOM killer)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def worker_main() -> None:
    """Requests, one JSON line each: ``{"keys": jobs}`` (pass 1: reply the line keys) and
    ``{"run": jobs, ...}`` (pass 2: a line per file done, then ``{"done": result}``)."""
    import signal

    _die_with_parent()
    parent = int(os.environ.get("QABOT_WORKER_PARENT", "0"))
    if parent and os.getppid() != parent:
        return  # the parent died before the request above took effect
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    out = sys.stdout
    reader = Reader()

    def said(rel: str) -> None:
        out.write(json.dumps({"file": rel}) + "\n")
        out.flush()

    for line in sys.stdin:
        req = json.loads(line)
        with sparse_gc(freeze=True):
            if "keys" in req:
                reader.close()
                reader = Reader(Path(req["index"]))
                reply = reader.keys([Job(*j) for j in req["keys"]])
            else:
                repeated = {int(k): int(c) for k, c in req["repeated"]}
                jobs = [Job(*j) for j in req["run"]]
                done = write_run(Path(req["index"]), jobs, req["started_ns"], said, reader, repeated)
                reply = {"done": done}
        out.write(json.dumps(reply) + "\n")
        out.flush()
    reader.close()
    # End of input: the parent has every reply. Leave without the interpreter's teardown,
    # which freed every object of the run one by one (the analyser's memo, the caches,
    # what numpy and the parser hold) and took about a second of the build's wall time,
    # the parent waiting for it before the commit. Nothing is left to flush or remove:
    # every segment is renamed into place and fsynced, the spill file has no name.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


# ---------------------------------------------------------------- the parent side


def split_runs(jobs: list[Job], parts: int) -> list[list[Job]]:
    """``jobs`` cut into ``parts`` contiguous runs of about equal bytes."""
    sizes = []
    for j in jobs:
        try:
            sizes.append(os.stat(j.path).st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes) or 1
    runs: list[list[Job]] = [[] for _ in range(parts)]
    at = 0
    for j, size in zip(jobs, sizes, strict=True):
        k = min(parts - 1, at * parts // total)
        runs[k].append(j)
        at += size
    return [r for r in runs if r]


class Pool:
    """Where runs are read and written: this process (one run), or one worker per run."""

    def __init__(self, index_dir: Path, runs: int) -> None:
        self.index_dir = index_dir
        self.procs: list[subprocess.Popen[str]] = []
        self.local = Reader(index_dir) if runs <= 1 else None
        if self.local is not None:
            return
        env = dict(os.environ, QABOT_WORKER_PARENT=str(os.getpid()))
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
        for _ in range(runs):
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "qabot.index"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=env,
                    text=True,
                    encoding="utf-8",
                    errors="surrogateescape",
                )
            )

    def _send(self, k: int, req: dict[str, Any]) -> None:
        stdin = self.procs[k].stdin
        assert stdin is not None
        stdin.write(json.dumps(req) + "\n")
        stdin.flush()

    def _replies(self, on_file: Callable[[str], None]) -> list[dict[str, Any]]:
        """One reply per worker (progress lines go to ``on_file`` meanwhile)."""
        results: list[dict[str, Any] | None] = [None] * len(self.procs)
        sel = selectors.DefaultSelector()
        for k, p in enumerate(self.procs):
            assert p.stdout is not None
            sel.register(p.stdout, selectors.EVENT_READ, k)
        waiting = len(self.procs)
        while waiting:
            for key, _ in sel.select():
                line = key.fileobj.readline()  # type: ignore[union-attr]
                if not line:
                    raise OSError("a build worker failed")
                msg = json.loads(line)
                if "file" in msg:
                    on_file(msg["file"])
                    continue
                results[key.data] = msg
                sel.unregister(key.fileobj)
                waiting -= 1
        sel.close()
        return [r for r in results if r is not None]

    def keys(self, runs: list[list[Job]]) -> list[dict[str, Any]]:
        if self.local is not None:
            with sparse_gc():
                return [self.local.keys(r) for r in runs]
        for k, run in enumerate(runs):
            jobs = [list(vars(j).values()) for j in run]
            self._send(k, {"keys": jobs, "index": os.fsdecode(self.index_dir)})
        return self._replies(lambda rel: None)

    def write(
        self, runs: list[list[Job]], started_ns: int, on_file: Callable[[str], None], repeated: dict[int, int]
    ) -> list[dict[str, Any]]:
        if self.local is not None:
            with sparse_gc():
                return [write_run(self.index_dir, r, started_ns, on_file, self.local, repeated) for r in runs]
        for k, run in enumerate(runs):
            self._send(
                k,
                {
                    "run": [list(vars(j).values()) for j in run],
                    "index": os.fsdecode(self.index_dir),
                    "started_ns": started_ns,
                    "repeated": sorted(repeated.items()),
                },
            )
        return [r["done"] for r in self._replies(on_file)]

    def close(self) -> None:
        if self.local is not None:
            self.local.close()
        for p in self.procs:
            if p.stdin:
                with contextlib.suppress(OSError):
                    p.stdin.close()
        for p in self.procs:
            try:
                p.wait(timeout=1)
            except subprocess.TimeoutExpired:  # cut short mid-run (an error, Ctrl-C): no waiting
                p.kill()
                p.wait()
            if p.stdout:
                with contextlib.suppress(OSError):
                    p.stdout.close()

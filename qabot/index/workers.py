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
import json
import os
import selectors
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import layout
from .analyse import FileWork, _empty, analyse_file


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


def run_job(job: Job) -> tuple[FileWork, Read | None]:
    """Read and analyse one file (here or in a worker): never raises for bad content."""
    got = read_file(job.path, job.size_limit)
    if isinstance(got, str):
        return _empty(job.rel, "", {}, [f"{job.rel}: {got}, skipped"]), None
    data, seen = got
    if not data.strip():
        return _empty(job.rel, "", {}, [f"{job.rel}: empty file, skipped"]), seen
    suffix = os.path.splitext(job.rel)[1]
    return analyse_file(job.rel, job.doc_id, suffix, data), seen


# ---------------------------------------------------------------- one run of files


def write_run(
    index_dir: Path, jobs: list[Job], started_ns: int, on_file: Callable[[str], None]
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
            work, seen = run_job(job)
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
    """One run per input line; a line per file done, then ``{"done": result}``."""
    import signal

    _die_with_parent()
    parent = int(os.environ.get("QABOT_WORKER_PARENT", "0"))
    if parent and os.getppid() != parent:
        return  # the parent died before the request above took effect
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    out = sys.stdout

    def said(rel: str) -> None:
        out.write(json.dumps({"file": rel}) + "\n")
        out.flush()

    for line in sys.stdin:
        req = json.loads(line)
        jobs = [Job(*j) for j in req["jobs"]]
        result = write_run(Path(req["index"]), jobs, req["started_ns"], said)
        out.write(json.dumps({"done": result}) + "\n")
        out.flush()


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


def write_runs(
    index_dir: Path, runs: list[list[Job]], started_ns: int, on_file: Callable[[str], None]
) -> list[dict[str, Any]]:
    """Each run's result (in order): here when there is one, else one worker per run."""
    if len(runs) <= 1:
        return [write_run(index_dir, r, started_ns, on_file) for r in runs]
    env = dict(os.environ, QABOT_WORKER_PARENT=str(os.getpid()))
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    procs: list[subprocess.Popen[str]] = []
    try:
        for run in runs:
            p = subprocess.Popen(
                [sys.executable, "-m", "qabot.index"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                text=True,
                encoding="utf-8",
                errors="surrogateescape",
            )
            procs.append(p)
            req = {
                "index": os.fsdecode(index_dir),
                "started_ns": started_ns,
                "jobs": [list(vars(j).values()) for j in run],
            }
            assert p.stdin is not None
            p.stdin.write(json.dumps(req) + "\n")
            p.stdin.close()  # one run each: the worker ends after it
        results: list[dict[str, Any] | None] = [None] * len(runs)
        sel = selectors.DefaultSelector()
        for k, p in enumerate(procs):
            assert p.stdout is not None
            sel.register(p.stdout, selectors.EVENT_READ, k)
        open_pipes = len(procs)
        while open_pipes:
            for key, _ in sel.select():
                k = key.data
                line = key.fileobj.readline()  # type: ignore[union-attr]
                if not line:
                    sel.unregister(key.fileobj)
                    open_pipes -= 1
                    continue
                msg = json.loads(line)
                if "file" in msg:
                    on_file(msg["file"])
                else:
                    results[k] = msg["done"]
        sel.close()
        for p in procs:
            p.wait()
        if any(r is None for r in results) or any(p.returncode for p in procs):
            raise OSError("a build worker failed")
        return [r for r in results if r is not None]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
            if p.stdout:
                with contextlib.suppress(OSError):
                    p.stdout.close()

"""Analyse corpus files in parallel worker processes, over plain pipes.

Why not multiprocessing: its pools move objects by pickle and register semaphores with
a resource tracker, which prints "leaked semaphore" warnings when a process group is
killed. Here each worker is ``python -m qabot.index.workers`` reading one JSON line per
job (a file to read) on stdin and writing length-prefixed replies (a JSON header and raw
array bytes) on stdout. A worker dies with its parent (``PR_SET_PDEATHSIG`` on Linux,
and end of input everywhere), so killing a build never leaves workers running.

Jobs go round-robin and replies are read in the same order, so files come back in corpus
order with a few jobs in flight per worker.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import struct
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from .analyse import FileWork, _empty, analyse_file

#: Jobs sent ahead to each worker.
DEPTH = 3


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


# ---------------------------------------------------------------- wire format

_ARRAYS = (("post_term", np.int32), ("post_pid", np.int32), ("post_tf", np.int32), ("doc_len", np.int32))


def _send(out: IO[bytes], work: FileWork, seen: Read | None) -> None:
    arrays = [np.ascontiguousarray(getattr(work, name), dtype=dt).tobytes() for name, dt in _ARRAYS]
    arrays.append(np.ascontiguousarray(work.cues, dtype=np.int8).tobytes())
    head = {
        "rel": work.rel,
        "sha256": work.sha256,
        "doc": work.doc,
        "count": work.count,
        "terms": work.terms,
        "words": work.words,
        "warnings": work.warnings,
        "blocks": [len(b) for b in work.blocks],
        "arrays": [len(a) for a in arrays],
        "seen": None if seen is None else [seen.size, seen.mtime_ns, seen.ctime_ns, seen.ino, seen.moved],
    }
    raw = json.dumps(head, ensure_ascii=False).encode("utf-8", "surrogatepass")
    out.write(struct.pack("<Q", len(raw)))
    out.write(raw)
    for b in work.blocks:
        out.write(b)
    for a in arrays:
        out.write(a)
    out.flush()


def _exact(stream: IO[bytes], n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError("worker ended early")
    return data


def _receive(stream: IO[bytes]) -> tuple[FileWork, Read | None]:
    (n,) = struct.unpack("<Q", _exact(stream, 8))
    head = json.loads(_exact(stream, n).decode("utf-8", "surrogatepass"))
    blocks = [_exact(stream, k) for k in head["blocks"]]
    raw = [_exact(stream, k) for k in head["arrays"]]
    arrays = {name: np.frombuffer(r, dtype=dt) for (name, dt), r in zip(_ARRAYS, raw[:4], strict=True)}
    count = head["count"]
    cues_arr = np.frombuffer(raw[4], dtype=np.int8).reshape(count, -1) if count else np.zeros((0, 0), np.int8)
    work = FileWork(
        rel=head["rel"],
        sha256=head["sha256"],
        doc=head["doc"],
        count=count,
        blocks=blocks,
        terms=head["terms"],
        words=head["words"],
        warnings=head["warnings"],
        cues=cues_arr,
        **arrays,
    )
    s = head["seen"]
    return work, (None if s is None else Read(*s))


def _job_line(job: Job) -> bytes:
    rec = {"rel": job.rel, "doc_id": job.doc_id, "path": job.path, "limit": job.size_limit}
    return json.dumps(rec).encode("ascii") + b"\n"


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
    import signal

    _die_with_parent()
    parent = int(os.environ.get("QABOT_WORKER_PARENT", "0"))
    if parent and os.getppid() != parent:
        return  # the parent died before the request above
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        rec = json.loads(line)
        work, seen = run_job(Job(rec["rel"], rec["doc_id"], rec["path"], rec["limit"]))
        _send(out, work, seen)


# ---------------------------------------------------------------- the parent side


def analyse_all(jobs: list[Job], workers: int) -> Iterator[tuple[Job, FileWork, Read | None]]:
    """Each job's work, in the order of ``jobs``: here, or in ``workers`` processes."""
    if workers < 2 or len(jobs) < 2 * workers:
        for job in jobs:
            yield (job, *run_job(job))
        return
    env = dict(os.environ, QABOT_WORKER_PARENT=str(os.getpid()))
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "qabot.index.workers"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
        )
        for _ in range(workers)
    ]
    try:
        pipes: list[Any] = [(p.stdin, p.stdout) for p in procs]

        def send(j: int) -> None:
            if j < len(jobs):
                w = pipes[j % workers][0]
                w.write(_job_line(jobs[j]))
                w.flush()

        for j in range(DEPTH * workers):
            send(j)
        for j, job in enumerate(jobs):
            work, seen = _receive(pipes[j % workers][1])
            send(j + DEPTH * workers)
            yield job, work, seen
    finally:
        for p in procs:
            if p.stdin:
                with contextlib.suppress(OSError):
                    p.stdin.close()
        for p in procs:
            try:
                p.wait(timeout=1)
            except subprocess.TimeoutExpired:  # cut short mid-job (an error, Ctrl-C): no waiting
                p.kill()
                p.wait()
            if p.stdout:
                p.stdout.close()


if __name__ == "__main__":
    worker_main()

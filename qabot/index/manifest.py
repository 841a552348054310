"""The manifest (the commit point of an index folder): read and check it, replace it
atomically, compare it with the corpus, and decide what in a folder is qabot's own.

Nothing in a manifest is trusted: every field has its type and bounds checked
(:func:`well_formed`), every name must have the exact shape qabot writes, and a file or
folder is deleted only when it has such a name (see :mod:`.layout`). A temporary file
of qabot's own left by a crash or a full disk is cleaned, never a reason to refuse.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import analysis, cues
from ..corpus import doc_ids
from ..errors import QabotError
from . import layout
from .segfiles import fsync_dir, new_stamp, remove_segment_dir

BM25: dict[str, Any] = {"variant": "BM25Plus", "k1": 1.5, "b": 0.75, "delta": 1.0}
#: A file modified this close to when qabot read it may have changed again within the
#: file system's timestamp granularity (FAT: 2 s): its size and mtime prove nothing, so
#: status() hashes it (as git does with "racily clean" entries).
RACY_NS = 2_000_000_000
#: Bounds on every count a manifest holds (bit rot can make a number absurd).
MAX_COUNT = 2**40


class IndexError_(QabotError):
    """The index cannot be used or written; the message names the folder and why."""


class LockError(IndexError_):
    """The build lock cannot be taken (``.qabot.lock`` is a folder, a FIFO...)."""


class IndexDamaged(IndexError_):
    """The index files disagree with their manifest (truncated, edited, rotten): rebuild it."""


@dataclass(frozen=True)
class Status:
    """How the index stands against the corpus."""

    fresh: bool
    reason: str = ""
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    touched: tuple[str, ...] = ()  # stat moved (or racy), content identical


def sha256_file(path: Path) -> str:
    import hashlib  # only when a file's stat moved: importing it costs milliseconds

    h = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------- reading and checking


def _int(x: object, lo: int = 0, hi: int = MAX_COUNT) -> bool:
    return isinstance(x, int) and not isinstance(x, bool) and lo <= x <= hi


def _segment_ok(s: object) -> bool:
    if not isinstance(s, dict) or not layout.is_segment_name(s.get("name")):
        return False
    counts = ("docs", "passages", "tokens", "terms", "words", "postings", "blocks", "keys")
    esc, files, dele, kinds = s.get("escapes"), s.get("files"), s.get("deleted"), s.get("kinds")
    return (
        isinstance(kinds, list)
        and len(kinds) <= 255
        and all(isinstance(k, str) for k in kinds)
        and all(_int(s.get(k)) for k in counts)
        and isinstance(esc, dict)
        and set(esc) == {"gap.u16", "gap.u32", "tf"}
        and all(_int(v, 0, s["postings"]) for v in esc.values())
        and isinstance(files, dict)
        and set(files) == layout.SEGMENT_FILES
        and all(
            isinstance(v, list) and len(v) == 2 and _int(v[0]) and _int(v[1], 0, 2**32 - 1)
            for v in files.values()
        )
        and (
            dele is None
            or (
                isinstance(dele, dict)
                and layout.is_deletions_name(dele.get("file"))
                and _int(dele.get("size"), 0, 2**34)
                and _int(dele.get("crc"), 0, 2**32 - 1)
                and _int(dele.get("docs"), 0, s["docs"])
                and _int(dele.get("passages"), 0, s["passages"])
                and _int(dele.get("tokens"), 0, s["tokens"])
            )
        )
    )


def _live(s: Mapping[str, Any], key: str) -> int:
    dele = s.get("deleted")
    return int(s[key]) - (int(dele[key]) if dele else 0)


def well_formed(m: Mapping[str, Any]) -> bool:
    """Every field that status() and the reader rely on has its type and bounds."""
    segs, files, skipped = m.get("segments"), m.get("files"), m.get("skipped")
    if not (
        isinstance(segs, list)
        and all(_segment_ok(s) for s in segs)
        and len({s["name"] for s in segs}) == len(segs)
        and isinstance(files, dict)
        and isinstance(skipped, dict)
        and all(_int(m.get(k)) for k in ("docs", "passages", "tokens"))
        and _int(m.get("built_ns"), 0, 2**63)
        and isinstance(m.get("corpus"), str)
        and isinstance(m.get("warnings"), list)
    ):
        return False
    if (
        sum(_live(s, "passages") for s in segs) != m["passages"]
        or sum(_live(s, "tokens") for s in segs) != m["tokens"]
        or sum(_live(s, "docs") for s in segs) != m["docs"]
        or len(files) != m["docs"]
        or (m["docs"] > 0) != (m["passages"] > 0)
    ):
        return False
    names = {s["name"]: s["docs"] for s in segs}
    # written out per entry (no generator over field names): a 25,000-briefing manifest
    # is checked on every refresh, and the generators were most of that (~0.4 s)
    lo, hi = -(2**63), 2**63
    for e in files.values():
        if not isinstance(e, dict):
            return False
        g = e.get
        size, mtime, ctime, ino, seen, n = (
            g("size"),
            g("mtime_ns"),
            g("ctime_ns"),
            g("ino"),
            g("seen_ns"),
            g("n"),
        )
        if not (
            type(size) is int
            and lo <= size <= hi
            and type(mtime) is int
            and lo <= mtime <= hi
            and type(ctime) is int
            and lo <= ctime <= hi
            and type(ino) is int
            and lo <= ino <= hi
            and type(seen) is int
            and lo <= seen <= hi
            and isinstance(g("sha256"), str)
            and isinstance(g("doc"), str)
            and g("segment") in names
            and type(n) is int
            and 0 <= n <= names[e["segment"]] - 1
        ):
            return False
    return all(
        isinstance(e, dict) and all(_int(e.get(k), -(2**63), 2**63) for k in ("size", "mtime_ns", "ctime_ns"))
        for e in skipped.values()
    )


#: Parsed manifests by path, with the (device, inode, size, mtime) they were read at: a
#: `qabot ask` checks freshness and then loads the index, and parses the file once.
_CACHE: dict[str, tuple[tuple[int, int, int, int], dict[str, Any] | None]] = {}
#: The same for the bare JSON (:func:`read_raw`): a build checks the folder's ownership,
#: reads the manifest, and twice asks which segments it names, and at 25,000 briefings
#: each parse of it cost ~0.1 s; now one parse serves them all.
_RAW: dict[str, tuple[tuple[int, int, int, int], Any]] = {}


def _key(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def read_raw(index_dir: Path) -> tuple[os.stat_result | None, Any]:
    """The manifest's stat and parsed JSON (None when absent, unreadable or not a regular
    file; a FIFO is never opened). Parsed again only when the file changed (see
    :func:`read_manifest`); callers share the result and must not modify it."""
    path = index_dir / layout.MANIFEST
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > 1 << 30:
            return st, None
        hit = _RAW.get(str(path))
        if hit is not None and hit[0] == _key(st):
            return st, hit[1]
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            opened = os.fstat(fh.fileno())
            if not stat.S_ISREG(opened.st_mode):
                return st, None
            data = fh.read()
        raw = json.loads(data.decode("utf-8", "surrogatepass"))  # names may not be UTF-8
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError, RecursionError, UnicodeDecodeError):
        return None, None
    if len(_RAW) >= 16:
        _RAW.clear()
    _RAW[str(path)] = (_key(opened), raw)  # the file read, whatever the path named before
    return st, raw


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The manifest, or None when absent, unreadable or ill-formed (then it is rebuilt).

    Parsed again only when the file changed (qabot replaces it by a rename, so a new
    manifest is a new inode); callers share the result and must not modify it.
    """
    path = index_dir / layout.MANIFEST
    try:
        st = path.stat()
    except OSError:
        return None
    key = _key(st)
    cached = _CACHE.get(str(path))
    if cached is not None and cached[0] == key:
        return cached[1]
    _st, raw = read_raw(index_dir)
    ok = isinstance(raw, dict) and raw.get("format") == layout.FORMAT
    if ok and raw.get("version") == layout.FORMAT_VERSION:
        ok = well_formed(raw)
    data: dict[str, Any] | None = raw if ok else None
    if len(_CACHE) >= 16:
        _CACHE.clear()
    _CACHE[str(path)] = (key, data)
    return data


def incompatible(m: Mapping[str, Any]) -> str | None:
    """Why an index with this manifest was written by another qabot, or None."""
    if m.get("version") != layout.FORMAT_VERSION:
        return f"index format {m.get('version')} is not {layout.FORMAT_VERSION}"
    if m.get("analyzer") != analysis.fingerprint():
        return "the analyzer changed"
    if m.get("cues") != cues.fingerprint():
        return "the question-type cues changed"
    if m.get("bm25") != BM25:
        return "BM25 parameters changed"
    if m.get("parser") != parser_version():
        return "the parser changed"
    return None


def parser_version() -> int:
    """The parser's version, checked on every start: it lives in :mod:`qabot.corpus.files`
    (imported anyway to find the files), so the parser itself is not imported."""
    from ..corpus.files import PARSER_VERSION

    return PARSER_VERSION


def damaged(index_dir: Path, m: Mapping[str, Any]) -> str | None:
    """Why the live segments cannot be trusted (missing or resized files), or None: the
    cheap check status() makes (checksums are checked by the reader and --verify)."""
    for s in m.get("segments", []):
        seg = index_dir / s["name"]
        try:
            if not stat.S_ISDIR(seg.stat().st_mode):
                return f"index segment {s['name']} missing"
        except OSError:
            return f"index segment {s['name']} missing"
        for f, (size, _crc) in s["files"].items():
            try:
                st = (seg / f).stat()
            except OSError:
                return f"index file {s['name']}/{f} missing"
            if st.st_size != size or not stat.S_ISREG(st.st_mode):
                return f"index file {s['name']}/{f} damaged"
        dele = s.get("deleted")
        if dele is not None:
            try:
                if (seg / dele["file"]).stat().st_size != dele["size"]:
                    return f"index file {s['name']}/{dele['file']} damaged"
            except OSError:
                return f"index file {s['name']}/{dele['file']} missing"
    return None


# ---------------------------------------------------------------- freshness


def stat_entry(st: os.stat_result) -> dict[str, int]:
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns, "ino": st.st_ino}


def skip_entry(st: os.stat_result | None) -> dict[str, int]:
    """What status() compares for a skipped file (ctime too: a chmod fixes a file)."""
    if st is None:
        return {"size": -1, "mtime_ns": -1, "ctime_ns": -1}
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns}


def _skip_now(path: Path) -> dict[str, int]:
    try:
        return skip_entry(path.stat())
    except OSError:
        return skip_entry(None)


def unchanged(st: os.stat_result, entry: Mapping[str, Any]) -> bool:
    """Size, mtime, ctime and inode as recorded, and not modified within the timestamp
    granularity of when qabot read it: only then is the content taken as unchanged."""
    return bool(
        st.st_size == entry["size"]
        and st.st_mtime_ns == entry["mtime_ns"]
        and st.st_ctime_ns == entry["ctime_ns"]
        and st.st_ino == entry["ino"]
        and st.st_mtime_ns < entry["seen_ns"] - RACY_NS
    )


def status(corpus_dir: Path, index_dir: Path, *, rehash: bool = False) -> Status:
    """Compare the index with the corpus: a stat per file; a hash only when the stat moved
    or cannot prove anything (``rehash``: hash every file, for ``qabot index --verify``)."""
    m = read_manifest(index_dir)
    if m is None:
        st, _ = read_raw(index_dir)
        return Status(
            False,
            "no index yet"
            if st is None and not (index_dir / layout.MANIFEST).exists()
            else "index unreadable",
        )
    other = incompatible(m)
    if other:
        return Status(False, other)
    broken = damaged(index_dir, m)
    if broken:
        return Status(False, broken)
    from . import corpus_files  # the package attribute, so a test can patch it

    files, skipped = m["files"], m["skipped"]
    current = corpus_files(corpus_dir)
    known = set(files) | set(skipped)
    added = tuple(sorted(set(current) - known))
    removed = tuple(sorted(known - set(current)))
    changed: list[str] = []
    touched: list[str] = []
    ids = doc_ids(current)
    renamed = [rel for rel in sorted(set(current) & set(files)) if files[rel]["doc"] != ids[rel]]
    for rel in sorted(set(current) & set(skipped)):
        if _skip_now(current[rel]) != skipped[rel]:
            changed.append(rel)  # a skipped file changed: it may be usable now
    for rel in sorted(set(current) & set(files)):
        entry = files[rel]
        try:
            st = current[rel].stat()
            if not rehash and unchanged(st, entry):
                continue
            same = st.st_size == entry["size"] and sha256_file(current[rel]) == entry["sha256"]
        except OSError:  # removed or broken since listing: rebuild, skip it there
            changed.append(rel)
            continue
        (touched if same else changed).append(rel)
    fresh = not (added or removed or changed or renamed)
    parts = [f"{len(x)} {w}" for x, w in ((added, "added"), (changed, "changed"), (removed, "removed")) if x]
    if renamed and not (added or removed):
        parts.append(f"{len(renamed)} with a new id")
    return Status(fresh, ", ".join(parts), added, tuple(changed), removed, tuple(touched))


# ---------------------------------------------------------------- writing


def replace_manifest(index_dir: Path, manifest: Mapping[str, Any]) -> None:
    """Write ``manifest.json`` atomically: a temporary file of its own, renamed over it."""
    tmp = index_dir / f"{layout.MANIFEST}.tmp-{new_stamp()}"
    # no indent: one makes json use its pure-Python encoder (10x slower on 25k files)
    data = json.dumps(manifest, ensure_ascii=False).encode("utf-8", "surrogatepass")
    try:
        with tmp.open("xb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, index_dir / layout.MANIFEST)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(index_dir)
    _CACHE.pop(str(index_dir / layout.MANIFEST), None)
    _RAW.pop(str(index_dir / layout.MANIFEST), None)


def check_ownership(index_dir: Path) -> None:
    """Refuse a path that is a file, or a folder holding anything qabot did not write.

    A folder is qabot's when everything in it has a name of qabot's exact shapes (the
    manifest, the lock, segments, its temporary files, format-2 generations) or is a
    README/.gitignore; and when its manifest, if any, is a qabot manifest. Without a
    manifest, segment-shaped folders count only when they hold a segment's files alone.
    """
    try:
        st = index_dir.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise IndexError_(f"index folder {index_dir}: {exc.strerror or exc}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise IndexError_(f"index path {index_dir} is a file, not a folder")
    foreign = []
    try:
        names = [e.name for e in os.scandir(index_dir)]
    except OSError as exc:
        raise IndexError_(f"index folder {index_dir}: {exc.strerror or exc}") from None
    has_manifest = layout.MANIFEST in names
    for name in names:
        if name in (layout.MANIFEST, layout.LOCK) or name in layout.TOLERATED:
            continue
        if layout.TEMP_SEGMENT_RE.fullmatch(name) or layout.TEMP_FILE_RE.fullmatch(name):
            continue
        # With a manifest, segments and generations are qabot's by name (only its own
        # files are ever removed from them). Without one, only a segment folder holding
        # nothing but a segment's files is (a first build killed before its manifest).
        segment = layout.SEGMENT_RE.fullmatch(name) is not None
        if (segment or layout.LEGACY_GENERATION_RE.fullmatch(name)) and (
            has_manifest or (segment and _only_segment_files(index_dir / name))
        ):
            continue
        foreign.append(name)
    if foreign:
        shown = ", ".join(sorted(n.encode("utf-8", "replace").decode("utf-8") for n in foreign)[:3])
        raise IndexError_(
            f"index folder {index_dir} holds files qabot did not write ({shown}); refusing to use it"
        )
    mst, raw = read_raw(index_dir)
    if mst is not None and not stat.S_ISREG(mst.st_mode):
        raise IndexError_(f"{index_dir / layout.MANIFEST} is not a regular file; refusing to use it")
    if raw is not None and (not isinstance(raw, dict) or raw.get("format") != layout.FORMAT):
        raise IndexError_(
            f"{index_dir / layout.MANIFEST} is not a qabot index manifest; refusing to overwrite it"
        )


def _only_segment_files(folder: Path) -> bool:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    return all(
        (e.name in layout.SEGMENT_FILES or layout.is_deletions_name(e.name))
        and e.is_file(follow_symlinks=False)
        for e in entries
    )


def named(index_dir: Path) -> set[str]:
    """The segment (or format-2 generation) names the current manifest names, and its
    deletion files as ``segment/file``, whatever its version: what a build must not
    remove yet. Only names of qabot's exact shapes."""
    _st, raw = read_raw(index_dir)
    if not isinstance(raw, dict) or raw.get("format") != layout.FORMAT:
        return set()
    out: set[str] = set()
    segs = raw.get("segments")
    for s in segs if isinstance(segs, list) else []:
        if isinstance(s, dict) and layout.is_segment_name(s.get("name")):
            out.add(s["name"])
            dele = s.get("deleted")
            if isinstance(dele, dict) and layout.is_deletions_name(dele.get("file")):
                out.add(f"{s['name']}/{dele['file']}")
    gen = raw.get("generation")
    if isinstance(gen, str) and layout.LEGACY_GENERATION_RE.fullmatch(gen):
        out.add(gen)
    return out


def clean_leftovers(index_dir: Path, keep: set[str]) -> None:
    """Remove qabot's own temporary files and folders, and segments or generations no
    manifest names any more (only names of qabot's exact shapes; see remove_segment_dir)."""
    try:
        entries = list(os.scandir(index_dir))
    except OSError:
        return
    for e in entries:
        name = e.name
        if name in keep:
            if layout.SEGMENT_RE.fullmatch(name):
                _clean_deletions(Path(e.path), {k.split("/", 1)[1] for k in keep if k.startswith(name + "/")})
            continue
        if layout.TEMP_FILE_RE.fullmatch(name) and e.is_file(follow_symlinks=False):
            with contextlib.suppress(OSError):
                os.unlink(e.path)
        elif (
            layout.TEMP_SEGMENT_RE.fullmatch(name)
            or layout.SEGMENT_RE.fullmatch(name)
            or layout.LEGACY_GENERATION_RE.fullmatch(name)
        ):
            remove_segment_dir(Path(e.path))


def _clean_deletions(seg: Path, keep: set[str]) -> None:
    """Deletion files of a live segment that no manifest names any more (superseded)."""
    with contextlib.suppress(OSError):
        for e in os.scandir(seg):
            stale = layout.is_deletions_name(e.name) or (
                e.name.startswith(".del-") and layout.is_deletions_name(e.name[1:].removesuffix(".tmp"))
            )
            if stale and e.name not in keep and e.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(e.path)


def _lock_fd(index_dir: Path) -> int:
    path = index_dir / layout.LOCK
    # O_NOFOLLOW: a lock that is a symlink must not create or open a file elsewhere
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        raise LockError(
            f"cannot lock the index folder {index_dir}: {layout.LOCK} "
            f"{'is not a regular file' if os.path.lexists(path) else exc.strerror or exc}"
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LockError(f"cannot lock the index folder {index_dir}: {layout.LOCK} is not a regular file")
    return fd


@contextlib.contextmanager
def locked(index_dir: Path, *, wait: bool = True) -> Iterator[bool]:
    """Hold the index folder's build lock; yields False (without waiting) when ``wait`` is
    False and another process holds it."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = _lock_fd(index_dir)
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no lock, builds are still atomic
            yield True
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def touch_manifest(index_dir: Path, corpus_dir: Path, touched: tuple[str, ...]) -> None:
    """Record the new stat of files whose content did not change (a fresh clone, a touch),
    so later runs need not hash them. Skipped when a build holds the folder, and on any
    write error (the index stays as it was; the next run hashes again)."""
    m = read_manifest(index_dir)
    if not m or not touched:
        return
    check_ownership(index_dir)
    with contextlib.suppress(OSError), locked(index_dir, wait=False) as got:
        if not got or read_manifest(index_dir) is not m:
            return
        files = {rel: dict(entry) for rel, entry in m["files"].items()}  # the read one is shared
        for rel in touched:
            entry = files.get(rel)
            if entry is None:
                continue
            path = corpus_dir / rel
            try:
                before = path.stat()
                seen = time.time_ns()
                same = sha256_file(path) == entry["sha256"]
                after = path.stat()
            except OSError:
                continue
            if same and stat_entry(before) == stat_entry(after):  # not edited while hashed
                entry.update(stat_entry(before), seen_ns=seen)
        replace_manifest(index_dir, {**m, "files": files})

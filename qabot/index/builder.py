"""Building an index: what changed, analyse only that, write it as new segments, mark
what went as deleted, fold small segments, commit by replacing the manifest.

A full build streams the corpus into segments of at most ``layout.SEGMENT_PASSAGES``
passages, so memory follows the segment size, not the corpus. An incremental build
reads and analyses only new or changed files (one new segment) and writes a small
deletion file for each segment that lost briefings; global statistics are combined at
load time (:mod:`.reader`), so the scores equal a fresh build's. Merge policy
(:func:`plan_merges`): segments whose size is within a factor of ``MERGE_FACTOR`` of
each other are folded together once there are ``MERGE_FACTOR`` of them, and a segment
more than half deleted is rewritten, so a long life of small edits keeps few segments.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import analysis, cues
from ..corpus import MAX_BYTES, CorpusError, doc_ids
from . import layout, manifest
from .manifest import BM25, IndexError_, skip_entry, stat_entry
from .segments import Damaged, SegmentReader, SegmentWriter, deletions_for, write_deletions

if TYPE_CHECKING:
    from .workers import Job

Progress = Callable[[int, int, str], None]
MERGE_FACTOR = 8
#: Below this much new text a build analyses in-process (starting workers costs ~0.3 s).
PARALLEL_MIN_BYTES = 2 << 20


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
    segments: int = 0
    merged: int = 0
    #: unchanged files parsed again: one of their lines started or stopped repeating
    reparsed: list[str] = field(default_factory=list)


def _files(corpus_dir: Path) -> dict[str, Path]:
    from . import corpus_files  # the package attribute, so a test can patch it

    return corpus_files(corpus_dir)


def build(
    corpus_dir: Path,
    index_dir: Path,
    *,
    progress: Progress | None = None,
    reuse: bool = True,
) -> BuildReport:
    """Build or refresh the index of ``corpus_dir`` in ``index_dir``.

    Files whose stat (or, when it moved, sha256) matches the manifest are not read: their
    passages stay where they are. Only new or changed files are parsed and analysed.
    """
    t0 = time.perf_counter()
    manifest.check_ownership(index_dir)
    with manifest.locked(index_dir):
        return _Build(corpus_dir, index_dir, progress, reuse).run(t0)


class _Build:
    def __init__(self, corpus_dir: Path, index_dir: Path, progress: Progress | None, reuse: bool) -> None:
        self.corpus_dir, self.index_dir, self.progress = corpus_dir, index_dir, progress
        self.report = BuildReport()
        self.old = manifest.read_manifest(index_dir) if reuse else None
        if self.old is not None and (
            manifest.incompatible(self.old) or manifest.damaged(index_dir, self.old)
        ):
            self.old = None
        self.segments: dict[str, SegmentReader] = {}
        if self.old is not None:
            try:
                for s in self.old["segments"]:
                    self.segments[s["name"]] = SegmentReader(index_dir, s)
            except (Damaged, OSError, ValueError, KeyError):
                self._close()
                self.old, self.segments = None, {}
        self.written: list[str] = []

    def _close(self) -> None:
        for seg in self.segments.values():
            seg.close()

    def run(self, t0: float) -> BuildReport:
        try:
            manifest.clean_leftovers(self.index_dir, keep=manifest.named(self.index_dir))
            return self._run(t0)
        except BaseException:
            from .segments import remove_segment_dir

            for name in self.written:  # segments no manifest names: not in use
                remove_segment_dir(self.index_dir / name)
            raise
        finally:
            self._close()

    def _run(self, t0: float) -> BuildReport:
        from .workers import Job, Pool, split_runs  # here: a fresh-index ask never builds

        report = self.report
        files = _files(self.corpus_dir)
        if not files:
            raise CorpusError(
                f"corpus folder {self.corpus_dir} has no briefings (.txt, .md, .html, .pdf or .eml files)"
            )
        ids = doc_ids(files)
        old_files: dict[str, Any] = self.old["files"] if self.old else {}
        started_ns = time.time_ns()
        keep: dict[str, dict[str, Any]] = {}  # rel -> its manifest entry (passages stay put)
        jobs: list[Job] = []
        for rel, path in sorted(files.items()):
            prev = old_files.get(rel)
            try:
                st = path.stat()
            except OSError as exc:
                report.skipped[rel] = skip_entry(None)
                report.warnings.append(f"{rel}: cannot read ({exc.strerror or exc}), skipped")
                continue
            if not stat.S_ISREG(st.st_mode):  # a FIFO or device would block or never end
                report.skipped[rel] = skip_entry(st)
                report.warnings.append(f"{rel}: not a regular file, skipped")
                continue
            if prev is not None and prev["doc"] == ids[rel]:
                same = manifest.unchanged(st, prev)
                if not same and st.st_size == prev["size"]:
                    try:
                        same = manifest.sha256_file(path) == prev["sha256"]
                    except OSError:
                        same = False
                    if same:
                        prev = {**prev, **stat_entry(st), "seen_ns": started_ns}
                if same:
                    keep[rel] = prev
                    continue
            if prev is None:
                report.added.append(rel)
            elif prev["doc"] == ids[rel] or not _same_content(path, prev):
                report.changed.append(rel)  # (a file whose id alone changed is re-read quietly)
            jobs.append(Job(rel, ids[rel], os.fsdecode(path), MAX_BYTES))
        report.removed = sorted(set(old_files) - set(files))
        done = len(files) - len(jobs)

        def on_file(rel: str) -> None:
            nonlocal done
            if self.progress:
                self.progress(done, len(files), rel)
            done += 1

        size = sum(_size(j.path) for j in jobs)
        workers = min(os.cpu_count() or 1, 8) if size >= PARALLEL_MIN_BYTES and len(jobs) >= 4 else 1
        runs = split_runs(jobs, workers)
        pool = Pool(self.index_dir, len(runs))
        try:
            results = self._two_passes(pool, runs, keep, ids, files, started_ns, on_file)
        finally:
            pool.close()
        entries: dict[str, dict[str, Any]] = {}
        new_segments: list[dict[str, Any]] = []
        for r in results:
            self.written.extend(s["name"] for s in r["segments"])
            new_segments.extend(r["segments"])
            entries.update(r["files"])
            report.skipped.update(r["skipped"])
            report.warnings.extend(r["warnings"])
        self._drop_repeats(files, keep, entries, new_segments)
        if not keep and not entries:
            raise CorpusError(f"no usable briefings in {self.corpus_dir}: " + "; ".join(report.warnings[:3]))
        if self.progress:
            self.progress(len(files), len(files), "writing index")
        segments = self._carry(keep, new_segments)
        live = {**keep, **entries}  # the merge moves some to a new segment
        segments, merged = self._merge(segments, live)
        report.merged = merged
        self._commit(segments, live)
        report.reused = len(keep)
        report.docs = len(keep) + len(entries)
        report.passages = sum(s["passages"] for s in segments) - sum(
            self._deleted_passages(s) for s in segments
        )
        report.segments = len(segments)
        report.seconds = time.perf_counter() - t0
        return report

    def _two_passes(
        self,
        pool: Any,
        runs: list[list[Job]],
        keep: dict[str, dict[str, Any]],
        ids: dict[str, str],
        files: dict[str, Path],
        started_ns: int,
        on_file: Callable[[str], None],
    ) -> list[dict[str, Any]]:
        """Pass 1 reads the new files' line keys; their counts with the kept files' say which
        lines repeat across briefings (chrome); a kept file one of whose lines started or
        stopped repeating is parsed again (into the new segment, its old place deleted);
        pass 2 parses and writes."""
        from ..corpus import reading
        from .workers import Job

        firsts = pool.keys(runs)
        new_keys: dict[str, list[int]] = {}
        for r in firsts:
            new_keys.update(r["keys"])
            self.report.skipped.update(r["skipped"])
            self.report.warnings.extend(r["warnings"])
        # counts over every usable briefing, as numpy arrays (a corpus holds millions of keys)
        kept_by_seg: dict[str, set[int]] = {}
        for e in keep.values():
            kept_by_seg.setdefault(e["segment"], set()).add(e["n"])
        old_parts, kept_parts, gone_parts, owners = [], [], [], []
        consistent = True  # every kept briefing is live in its segment (as the manifest says)
        for name, seg in self.segments.items():
            keys, doc = seg.all_keys()
            live = ~np.isin(doc, np.fromiter(seg.deletions.docs, np.int64, len(seg.deletions.docs)))
            old_parts.append(keys[live])
            held = np.isin(doc, np.fromiter(kept_by_seg.get(name, ()), np.int64))
            consistent = consistent and not (held & ~live).any()
            kept_parts.append(keys[held])
            gone_parts.append(keys[live & ~held])
            owners.append((seg, keys[held], doc[held]))
        fresh = [np.asarray(k, dtype=np.int64) for k in new_keys.values()]
        at_least = reading.REPEATED_IN
        if consistent:
            # the old counts, updated by what came and went: one count over the old
            # briefings instead of two (old, and kept + new), and flips only among the
            # few keys that changed
            old_all = _counted(old_parts)
            new_all, changed = _recounted(*old_all, _cat(fresh), _cat(gone_parts))
            before = _count_of(*old_all, changed)
            after = _count_of(*new_all, changed)
            flips = changed[(before >= at_least) != (after >= at_least)]
            many = new_all[1] >= at_least
            new_rep = (new_all[0][many], new_all[1][many])
        else:
            old_rep = _repeated(old_parts, at_least)
            new_rep = _repeated([*kept_parts, *fresh], at_least)
            flips = np.setxor1d(old_rep[0], new_rep[0])
        flipped = sorted(
            {
                seg.docs[int(d)]["file"]
                for seg, keys, doc in (owners if len(flips) else ())
                for d in np.unique(doc[np.isin(keys, flips)])
            }
        )
        counts = dict(zip(new_rep[0].tolist(), new_rep[1].tolist(), strict=True))
        for rel in flipped:
            del keep[rel]
        self.report.reparsed = flipped
        again = [Job(rel, ids[rel], os.fsdecode(files[rel]), MAX_BYTES) for rel in flipped]
        second = [[j for j in run if j.rel in new_keys] for run in runs] or [[]]
        for n, job in enumerate(again):
            second[n % len(second)].append(job)
        second = [sorted(r, key=lambda j: j.rel) for r in second]
        return list(pool.write(second, started_ns, on_file, counts))

    def _drop_repeats(
        self,
        files: dict[str, Path],
        keep: dict[str, dict[str, Any]],
        entries: dict[str, dict[str, Any]],
        new_segments: list[dict[str, Any]],
    ) -> None:
        """A file with the same content as one earlier in corpus order is left out (runs
        and kept files are compared here; within a run the run did it)."""
        first: dict[str, str] = {}
        gone: dict[str, set[int]] = {}  # new segment -> its briefings to delete
        for rel in sorted({*keep, *entries}):
            e = keep.get(rel) or entries[rel]
            if e["sha256"] not in first:
                first[e["sha256"]] = rel
                continue
            self.report.warnings.append(f"{rel}: same content as {first[e['sha256']]}, skipped")
            self.report.skipped[rel] = skip_entry(_stat(files[rel]))
            if rel in keep:
                del keep[rel]
            else:
                del entries[rel]
                gone.setdefault(e["segment"], set()).add(e["n"])
        for k, s in enumerate(new_segments):
            if s["name"] in gone:
                seg = self._reader(s)
                dele = deletions_for(seg, gone[s["name"]])
                seg.deletions = dele
                new_segments[k] = {**s, "deleted": write_deletions(seg, dele)}

    def _finish(self, writer: SegmentWriter) -> dict[str, Any]:
        entry = writer.finish()
        self.written.append(entry["name"])
        return entry

    def _deleted_passages(self, s: dict[str, Any]) -> int:
        seg = self.segments.get(s["name"])
        return seg.deletions.passages if seg is not None else 0

    def _carry(self, keep: dict[str, dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The old segments that still hold kept briefings, with deletions for the others."""
        out: list[dict[str, Any]] = []
        held: dict[str, set[int]] = {}
        for e in keep.values():
            held.setdefault(e["segment"], set()).add(e["n"])
        for s in (self.old or {}).get("segments", []):
            seg = self.segments[s["name"]]
            live = held.get(s["name"], set())
            if not live:
                continue  # nothing kept: the segment retires
            gone = set(range(seg.n_docs)) - live
            if gone != set(seg.deletions.docs):
                dele = deletions_for(seg, gone)
                seg.deletions = dele
                s = {**s, "deleted": write_deletions(seg, dele)}
            out.append(s)
        return [*out, *new]

    # -- merging
    def _merge(
        self,
        segments: list[dict[str, Any]],
        entries: dict[str, dict[str, Any]],
    ) -> tuple[list[dict[str, Any]], int]:
        groups = plan_merges([(s["passages"], self._live(s)) for s in segments])
        if not groups:
            return segments, 0
        merged_away: set[str] = set()
        results: list[dict[str, Any]] = []
        for group in groups:
            members = [segments[k] for k in group]
            result = self._merge_group(members, entries)
            merged_away.update(s["name"] for s in members)
            results.append(result)
        kept = [s for s in segments if s["name"] not in merged_away]
        return [*kept, *results], sum(len(g) for g in groups)

    def _live(self, s: dict[str, Any]) -> int:
        return int(s["passages"]) - self._deleted_passages(s)

    def _reader(self, s: dict[str, Any]) -> SegmentReader:
        seg = self.segments.get(s["name"])
        if seg is None:
            seg = SegmentReader(self.index_dir, s)
            self.segments[s["name"]] = seg
        return seg

    def _merge_group(
        self, members: list[dict[str, Any]], entries: dict[str, dict[str, Any]]
    ) -> dict[str, Any]:
        """One segment holding the live briefings of ``members``, in corpus order."""
        readers = [self._reader(s) for s in members]
        docs: list[tuple[str, int, int]] = []  # (file, member, local doc)
        for m, seg in enumerate(readers):
            for d, doc in enumerate(seg.docs):
                if d not in seg.deletions.docs:
                    docs.append((doc["file"], m, d))
        docs.sort()
        postings = []
        for seg in readers:
            term, pid, tf = seg.all_postings()
            doc_of = np.searchsorted(np.asarray(seg.doc_first, dtype=np.int64), pid, side="right") - 1
            postings.append((term, pid, tf, doc_of))
        # the largest member's token numbers and dictionary: its blocks are copied as
        # stored, the rest re-coded
        largest = max(readers, key=lambda r: r.n_passages)
        writer = SegmentWriter(self.index_dir, largest.zdict or None, largest.text(), largest.name)
        try:
            # each briefing's triples: one sort per member by (doc, passage, term)
            by_doc = []
            for term, pid, tf, doc_of in postings:
                order = np.lexsort((term, pid, doc_of))
                by_doc.append((term[order], pid[order], tf[order], doc_of[order]))
            bounds = [
                np.searchsorted(p[3], np.arange(len(seg.docs) + 1))
                for p, seg in zip(by_doc, readers, strict=True)
            ]
            for rel, m, d in docs:
                seg = readers[m]
                term, pid, tf, _ = by_doc[m]
                lo, hi = int(bounds[m][d]), int(bounds[m][d + 1])
                writer.add_copied(seg, d, (term[lo:hi], pid[lo:hi] - seg.doc_first[d], tf[lo:hi]))
                e = entries.get(rel)
                if e is not None:
                    entries[rel] = {**e, "segment": writer.name, "n": len(writer.docs) - 1}
            for seg in readers:
                writer.add_words_of(seg)
        except BaseException:
            writer.abandon()
            raise
        return self._finish(writer)

    # -- commit
    def _commit(self, segments: list[dict[str, Any]], entries: dict[str, dict[str, Any]]) -> None:
        report = self.report
        live_passages = sum(self._live(s) for s in segments)
        tokens = 0
        for s in segments:
            seg = self.segments.get(s["name"])
            tokens += int(s["tokens"]) - (seg.deletions.tokens if seg is not None else 0)
        m = {
            "format": layout.FORMAT,
            "version": layout.FORMAT_VERSION,
            "analyzer": analysis.fingerprint(),
            "cues": cues.fingerprint(),
            "bm25": BM25,
            "parser": manifest.parser_version(),
            "corpus": str(self.corpus_dir.resolve()),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "built_ns": time.time_ns(),
            "docs": len(entries),
            "passages": live_passages,
            "tokens": tokens,
            "segments": segments,
            "files": {rel: entries[rel] for rel in sorted(entries)},
            "skipped": {rel: report.skipped[rel] for rel in sorted(report.skipped)},
            "warnings": report.warnings,
        }
        previous = manifest.named(self.index_dir)
        manifest.replace_manifest(self.index_dir, m)
        # Segments the previous manifest named stay one build longer (a reader that opened
        # them a moment ago holds their files open anyway); older ones and temporaries go.
        current = {s["name"] for s in segments}
        current |= {f"{s['name']}/{s['deleted']['file']}" for s in segments if s.get("deleted")}
        manifest.clean_leftovers(self.index_dir, current | previous)


def _repeated(parts: list[Any], at_least: int) -> tuple[Any, Any]:
    """The keys held by ``at_least`` briefings or more (each part: one briefing's distinct
    keys, or several briefings' concatenated), sorted, and how many hold each."""
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    keys, counts = np.unique(np.concatenate(parts), return_counts=True)
    many = counts >= at_least
    return keys[many], counts[many]


def _cat(parts: list[Any]) -> Any:
    return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _counted(parts: list[Any]) -> tuple[Any, Any]:
    """Every key of ``parts`` (as in :func:`_repeated`), sorted, and how many hold each."""
    keys, counts = np.unique(_cat(parts), return_counts=True)
    return keys.astype(np.int64), counts.astype(np.int64)


def _recounted(keys: Any, counts: Any, plus: Any, minus: Any) -> tuple[tuple[Any, Any], Any]:
    """The counts ``(keys, counts)`` (sorted, as :func:`_counted` gives) after briefings
    holding ``plus`` came and briefings holding ``minus`` went (each: those briefings'
    distinct keys, concatenated): the same as counting the briefings there are now, in
    time proportional to the change (plus a copy). Also the keys whose count changed."""
    change, inverse = np.unique(np.concatenate([plus, minus]), return_inverse=True)
    step = np.zeros(len(change), np.int64)
    np.add.at(
        step,
        inverse.reshape(-1),
        np.concatenate([np.ones(len(plus), np.int64), -np.ones(len(minus), np.int64)]),
    )
    at = np.searchsorted(keys, change)
    known = at < len(keys)
    known[known] = keys[at[known]] == change[known]
    if (step[~known] < 0).any():
        raise ValueError("a briefing went that was never counted")
    out = counts.copy()
    out[at[known]] += step[known]
    keys = np.insert(keys, at[~known], change[~known])
    out = np.insert(out, at[~known], step[~known])
    held = out > 0
    return (keys[held], out[held]), change[step != 0]


def _count_of(keys: Any, counts: Any, which: Any) -> Any:
    """The count of each of ``which`` (0 for a key not in ``keys``)."""
    at = np.minimum(np.searchsorted(keys, which), max(len(keys) - 1, 0))
    found = (at < len(keys)) & (keys[at] == which) if len(keys) else np.zeros(len(which), bool)
    return np.where(found, counts[at] if len(keys) else 0, 0)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _same_content(path: Path, entry: dict[str, Any]) -> bool:
    try:
        return manifest.sha256_file(path) == str(entry["sha256"])
    except OSError:
        return False


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def plan_merges(sizes: list[tuple[int, int]]) -> list[list[int]]:
    """Which segments to fold together, from (passages, live passages) per segment.

    Segments sit in tiers by size (a factor of MERGE_FACTOR apart); a tier holding
    MERGE_FACTOR segments or more is merged into one; a segment less than half live is
    rewritten (with its tier's others when they merge anyway). Never groups of one
    unless that one is mostly deleted.
    """
    tiers: dict[int, list[int]] = {}
    for k, (_total, live) in enumerate(sizes):
        tier, size = 0, MERGE_FACTOR
        while live >= size:
            tier, size = tier + 1, size * MERGE_FACTOR
        tiers.setdefault(tier, []).append(k)
    groups: list[list[int]] = []
    for _tier, members in sorted(tiers.items()):
        sparse = [k for k in members if sizes[k][1] * 2 < sizes[k][0]]
        if len(members) >= MERGE_FACTOR:
            groups.append(members)
        elif sparse:
            groups.append(sparse)
    return groups


__all__ = ["BuildReport", "IndexError_", "Progress", "build", "plan_merges"]

"""One corpus file to plain data a segment can hold: parse, cut, analyse.

Runs in the building process or in a worker (:mod:`.workers`), which hands the result
to the segment writer of the same process. Term ids here are local to the file; the
segment writer maps them to its own, and codes the passages' text (:mod:`.textcode`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .. import analysis, cues
from ..corpus import FileSkipped
from ..passages import Passage, split

#: A passage as a segment stores it: section, paragraph, text and its sentences' spans
#: (flattened); its id, briefing and number follow from its position, its kind is kind.npy's.
Record = tuple[str | None, int, str, list[int]]


@dataclass
class FileWork:
    """What one file contributes: metadata, passage records, postings, words, cues."""

    rel: str
    sha256: str
    doc: dict[str, Any]  # doc_id, title, date, file, source, url
    count: int  # passages
    records: list[Record]  # its passages, in order
    terms: list[str]  # local term id -> term
    post_term: npt.NDArray[np.int32]  # per (passage, term): local term id
    post_pid: npt.NDArray[np.int32]  # passage number within the file
    post_tf: npt.NDArray[np.int32]
    doc_len: npt.NDArray[np.int32]  # tokens per passage
    cues: npt.NDArray[np.int8]  # passage x question type
    kinds: list[str]  # each passage's kind (paragraph, bullet, caption...)
    keys: npt.NDArray[np.int64]  # the file's line keys (qabot.corpus.line_keys), sorted
    words: dict[str, str]  # corpus word -> term, for the file's distinct words
    warnings: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> int:
        return int(self.doc_len.sum())


def record(p: Passage) -> Record:
    """A passage as the segment stores it."""
    return (p.section, p.paragraph, p.text, [x for s in p.sentences for x in s])


_ANALYZER: analysis.Analyzer | None = None


def read_raw(rel: str, suffix: str, data: bytes) -> tuple[Any, frozenset[int], list[str]]:
    """Pass 1: a file's raw form and its line keys (what the build counts across briefings
    to learn each site's chrome), or ``(None, ..., warnings)`` when it cannot be read."""
    from ..corpus import formats, reading

    try:
        raw = formats.read(data, rel, suffix)
        return raw, reading.line_keys(raw), []
    except FileSkipped as exc:
        return None, frozenset(), [str(exc)]
    except Exception as exc:  # RecursionError (deep front matter) and the like: skip, name it
        return None, frozenset(), [f"{rel}: cannot be read ({type(exc).__name__}), skipped"]


def analyse_file(
    rel: str, doc_id: str, raw: Any, keys: frozenset[int], repeated: dict[int, int], digest: str
) -> FileWork:
    """Pass 2: parse (``repeated``: line key -> briefings holding it, corpus-wide), cut and
    analyse one file read by :func:`read_raw` (``digest``: the sha256 of its bytes);
    ``count == 0`` when it gives no passages (its warnings say why). Raises nothing for
    bad content: any error while parsing is a warning naming the file, and the build
    goes on."""
    from ..corpus import reading

    global _ANALYZER
    if _ANALYZER is None:
        _ANALYZER = analysis.Analyzer()
    analyzer = _ANALYZER
    warnings: list[str] = []
    try:
        document = reading.parse(raw, doc_id, repeated=repeated)
        passages = split(document)
    except FileSkipped as exc:
        return _empty(rel, digest, {}, [*raw.warnings, str(exc)])
    except Exception as exc:  # one bad file must never stop the archive
        return _empty(
            rel, digest, {}, [*raw.warnings, f"{rel}: cannot be parsed ({type(exc).__name__}), skipped"]
        )
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
        return _empty(rel, digest, doc, [*warnings, f"{rel}: no text to index, skipped"])
    local: defaultdict[str, int] = defaultdict(itertools.count().__next__)  # token -> local id
    words: dict[str, str] = {}
    ids: list[int] = []
    lengths: list[int] = []
    for p in passages:
        pairs = analyzer.pairs(p.search_text)
        words.update(pairs)  # a word always gives the same token
        ids.extend(map(local.__getitem__, [token for _, token in pairs]))
        lengths.append(len(pairs))
    n_local = max(len(local), 1)
    pid_of = np.repeat(np.arange(len(passages), dtype=np.int64), lengths)
    pair, tf = np.unique(pid_of * n_local + np.asarray(ids, dtype=np.int64), return_counts=True)
    cue_rows = np.asarray([cues.cue_counts(p.text) for p in passages], dtype=np.int8)
    return FileWork(
        rel=rel,
        sha256=digest,
        doc=doc,
        count=len(passages),
        records=[record(p) for p in passages],
        terms=list(local),
        post_term=(pair % n_local).astype(np.int32),
        post_pid=(pair // n_local).astype(np.int32),
        post_tf=tf.astype(np.int32),
        doc_len=np.asarray(lengths, dtype=np.int32),
        cues=cue_rows.reshape(len(passages), len(cues.CUE_TYPES)),
        kinds=[p.kind for p in passages],
        keys=np.asarray(sorted(keys), dtype=np.int64),
        words=words,
        warnings=warnings,
    )


def _empty(rel: str, digest: str, doc: dict[str, Any], warnings: list[str]) -> FileWork:
    none = np.zeros(0, dtype=np.int32)
    no_cues = np.zeros((0, len(cues.CUE_TYPES)), dtype=np.int8)
    no_keys = np.zeros(0, dtype=np.int64)
    return FileWork(rel, digest, doc, 0, [], [], none, none, none, none, no_cues, [], no_keys, {}, warnings)

"""The on-disk index: segments, a manifest that commits them, and the reader over both.

Modules, one job each: :mod:`.layout` (the one description of the folder on disk),
:mod:`.manifest` (reading, checking and replacing the manifest; freshness; what in a
folder is qabot's), :mod:`.analyse` (one file to plain data), :mod:`.workers`
(parallel analysis over pipes), :mod:`.segments` (write and read one segment),
:mod:`.builder` (incremental builds and the merge policy), :mod:`.reader` (the
:class:`Index` that combines segments with global statistics), :mod:`.light` (the same
reading without numpy, for a one-shot ask over a small index), :mod:`.base` (all of the
two readers that touches no array, written once), :mod:`.segfiles` (the files, errors
and deletions both readers and the manifest share), :mod:`.fresh` (the one call that
opens a fresh index, rebuilding a stale or damaged one).

Briefing ids (``corpus.doc_ids``), and so passage ids ``<doc>#p<N>``, are unique and
stable: a file's id is its path in the corpus without the extension; files that would
share one each keep their extension. When adding or removing a file changes another
file's id, that file is analysed again rather than kept with its old id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..corpus import files as corpus_files  # a package attribute, so a test can patch it
from .fresh import open_fresh, refresh, verify
from .layout import FORMAT, FORMAT_VERSION, LOCK, MANIFEST
from .manifest import (
    BM25,
    IndexDamaged,
    IndexError_,
    Status,
    check_ownership,
    damaged,
    locked,
    read_manifest,
    sha256_file,
    status,
    touch_manifest,
)
from .segfiles import Doc

if TYPE_CHECKING:
    from .builder import BuildReport, Progress, build, plan_merges
    from .reader import Index


def __getattr__(name: str) -> Any:
    """The builder's names, imported on first use: a one-shot ask over a fresh index
    builds nothing and does not pay for importing the builder."""
    if name in ("BuildReport", "Progress", "build", "plan_merges"):
        from . import builder

        return getattr(builder, name)
    if name == "Index":  # it imports numpy, which a one-shot ask over a small index does without
        from .reader import Index

        return Index
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BM25",
    "FORMAT",
    "FORMAT_VERSION",
    "LOCK",
    "MANIFEST",
    "BuildReport",
    "Doc",
    "Index",
    "IndexDamaged",
    "IndexError_",
    "Progress",
    "Status",
    "build",
    "check_ownership",
    "corpus_files",
    "damaged",
    "locked",
    "open_fresh",
    "plan_merges",
    "read_manifest",
    "refresh",
    "sha256_file",
    "status",
    "touch_manifest",
    "verify",
]

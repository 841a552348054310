"""The one call that gives a fresh, loaded index: check, rebuild what is stale, load,
and rebuild once from scratch when the files turn out damaged.

CLI, chat and library all come through :func:`open_fresh` (``qabot.api`` wraps it); a
read-only folder that is stale or damaged gives a clear one-line error, never a
traceback, and a build that fails leaves the previous index in use (or, for ``qabot
index``, is reported as failed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from .. import locate
from ..corpus import check_folder
from .manifest import (
    IndexDamaged,
    IndexError_,
    LockError,
    check_ownership,
    read_manifest,
    status,
    touch_manifest,
)

if TYPE_CHECKING:  # the builder is imported when something is built, not for every ask
    from .builder import BuildReport, Progress
    from .light import LightIndex
    from .reader import Index

Notify = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


class BuildFailed(IndexError_):
    """A rebuild could not be written (full disk, a lock that is not a file...)."""


def refresh(
    corpus: Path,
    index_dir: Path,
    *,
    explicit: bool = False,
    notify: Notify = _quiet,
    progress: Progress | None = None,
    force: bool = False,
    verify: bool = False,
    load_check: bool = False,
    keep_previous: bool = True,
) -> tuple[Path, BuildReport | None]:
    """Make sure a fresh index of ``corpus`` exists; return its folder and what was built.

    A default index folder that cannot be written falls back to the user cache directory
    (with a notice); an explicit one that is stale and read-only is an error. A folder
    holding what qabot did not write is refused before anything is written. When a build
    fails, ``keep_previous`` answers from the previous index (with a notice); otherwise
    :class:`BuildFailed` says why. ``verify`` (``qabot index --verify``) hashes every
    corpus file and checks every byte of the index; ``load_check`` (``qabot index``) runs
    the checks a load runs, so "up to date" is never said over damage an ``ask`` would
    find. Damage found means a full rebuild (in a read-only folder: an error saying so).
    """
    check_folder(corpus)
    st = status(corpus, index_dir, rehash=verify)
    if st.fresh and not force and (verify or load_check):
        problem = check_index(index_dir) if verify else check_load(index_dir)
        if problem:
            if not locate.writable(index_dir):
                raise IndexError_(f"{problem}; the folder is not writable, so it cannot be rebuilt")
            notify(f"qabot: {problem}; rebuilding it")
            force = True
    if st.fresh and not force:
        if st.touched and locate.writable(index_dir):
            touch_manifest(index_dir, corpus, st.touched)
        return index_dir, None
    check_ownership(index_dir)  # before "not writable": a file is refused as a file
    if not locate.writable(index_dir):
        if explicit:
            raise IndexError_(f"index folder {index_dir} is not writable and is out of date ({st.reason})")
        fallback = locate.cache_index_for(corpus)
        notify(f"qabot: {index_dir} is not writable; using {fallback}")
        folder, built = refresh(
            corpus,
            fallback,
            explicit=True,
            notify=notify,
            progress=progress,
            force=force,
            verify=verify,
            keep_previous=keep_previous,
        )
        if built is not None:
            built.reason = st.reason  # what was out of date is the index asked for
        return folder, built
    if not force:
        notify(f"qabot: {st.reason or 'index out of date'}; building the index in {index_dir}")
    try:
        # a forced rebuild starts from scratch: nothing is kept from a suspect index
        from .builder import build

        report = build(corpus, index_dir, progress=progress, reuse=not force)
    except (OSError, LockError) as exc:
        why = (exc.strerror or str(exc)) if isinstance(exc, OSError) else str(exc)
        if keep_previous and read_manifest(index_dir) is not None and not force:
            notify(f"qabot: could not rebuild the index ({why}); using the previous one")
            return index_dir, None
        raise BuildFailed(f"index build FAILED in {index_dir}: {why}") from None
    report.reason = st.reason
    for w in report.warnings:
        notify(f"qabot: warning: {w}")
    return index_dir, report


@overload
def open_fresh(
    corpus: Path,
    index_dir: Path,
    *,
    explicit: bool = ...,
    notify: Notify = ...,
    progress: Progress | None = ...,
    force: bool = ...,
    light: Literal[False] = ...,
) -> tuple[Index, BuildReport | None]: ...
@overload
def open_fresh(
    corpus: Path,
    index_dir: Path,
    *,
    explicit: bool = ...,
    notify: Notify = ...,
    progress: Progress | None = ...,
    force: bool = ...,
    light: bool,
) -> tuple[Index | LightIndex, BuildReport | None]: ...
def open_fresh(
    corpus: Path,
    index_dir: Path,
    *,
    explicit: bool = False,
    notify: Notify = _quiet,
    progress: Progress | None = None,
    force: bool = False,
    light: bool = False,
) -> tuple[Index | LightIndex, BuildReport | None]:
    """A fresh index of ``corpus`` in ``index_dir``, loaded, and what was built for it.

    A missing or stale index is built; a damaged one (its files disagree with the
    manifest) is rebuilt once from scratch; a read-only one gets a clear error.
    ``light``: a small index is read without numpy (:mod:`.light`, a one-shot ask).
    """
    folder, report = refresh(
        corpus, index_dir, explicit=explicit, notify=notify, progress=progress, force=force
    )
    try:
        return _load(folder, light), report
    except IndexDamaged as exc:
        if not locate.writable(folder):
            raise IndexError_(f"{exc}; the folder is not writable, so it cannot be rebuilt") from None
        notify(f"qabot: {exc}; rebuilding it")
        folder, report = refresh(corpus, folder, explicit=True, notify=notify, progress=progress, force=True)
        return _load(folder, light), report


def _load(folder: Path, light: bool) -> Index | LightIndex:
    if light:
        from . import light as light_mod

        if light_mod.small(read_manifest(folder)):
            return light_mod.LightIndex(folder)
    from .reader import Index

    return Index(folder)


def check_load(index_dir: Path) -> str | None:
    """What opening the index for reading finds wrong (the cheap checks), or None."""
    from .reader import Index

    try:
        Index(index_dir).close()
    except IndexError_ as exc:
        return str(exc)
    return None


def check_index(index_dir: Path) -> str | None:
    """Every index file's checksum and contents checked: what is wrong, or None."""
    from .reader import Index

    try:
        ix = Index(index_dir)
    except IndexError_ as exc:
        return str(exc)
    try:
        ix.verify()
    except IndexDamaged as exc:
        return str(exc)
    finally:
        ix.close()
    return None


def verify(corpus: Path, index_dir: Path) -> list[str]:
    """What ``qabot index --verify`` would repair: corpus files whose content differs from
    the manifest (every file hashed) and index damage (every byte checked)."""
    st = status(corpus, index_dir, rehash=True)
    if not st.fresh:
        return [st.reason or "index out of date"]
    problem = check_index(index_dir)
    return [problem] if problem else []

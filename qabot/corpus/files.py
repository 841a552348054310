"""Finding briefing files, naming them (relative names and briefing ids), decoding bytes.

File names are untrusted like file contents: a name may not be UTF-8, may hold a
newline or a bidi override, may be blank. Every name qabot keeps or prints passes
:func:`display_name`, and every briefing id is escaped (:func:`doc_ids`) so that it is
printable, unique and never ambiguous with a passage id ``<doc>#p<N>``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import QabotError
from ..lazyre import lazy


class CorpusError(QabotError):
    """A problem with the corpus as a whole (missing folder, nothing to index)."""


class FileSkipped(QabotError):
    """One file cannot be used; the message says why. The rest of the corpus goes on."""


#: Bumped when parsing changes what a file gives, so indexes built before are rebuilt. The
#: index reads it here on every start, without importing the parser (``reading``
#: re-exports it).
PARSER_VERSION = 18
#: The formats qabot reads (see :mod:`qabot.corpus.formats`).
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".eml")
#: A briefing is tens of kilobytes; a file this big is not one (and would take minutes).
MAX_BYTES = 8 * 1024 * 1024
#: User data files qabot reads from the top of the corpus folder (qabot.lexicon): never briefings.
USER_DATA = frozenset({"aliases.toml", "synonyms.txt"})
_BACKUP = lazy(r"(~|\.bak|\.swp|\.swo|\.orig|\.tmp|\.rej)$", re.I)

# Characters that must not reach a terminal or a JSON consumer from a file name: C0/C1
# controls, DEL, bidi embeddings/overrides/isolates and marks, the Arabic letter mark and
# zero-width characters. In names they are shown escaped (\u202e), so two names stay two.
_HIDDEN = lazy("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SURROGATE = lazy("[\udc80-\udcff]")


def check_folder(corpus_dir: Path) -> None:
    """Raise :class:`CorpusError` (one line naming it) unless ``corpus_dir`` is a folder."""
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder {display_name(str(corpus_dir))} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {display_name(str(corpus_dir))} is not a folder")


def discover(corpus_dir: Path) -> list[Path]:
    """Briefing files under ``corpus_dir``, sorted; hidden and backup files are ignored,
    and so are folders whose name starts with "." or "_" (``.git``, ``_drafts``) and the
    user data files at the top (``synonyms.txt``: qabot.lexicon reads it, it is no briefing).

    Symlinks are followed, but each real folder is visited once, so a link loop ends,
    and never a link to a folder above the corpus (which would walk a superset of it).
    """
    return [p for _, p in _discover(corpus_dir)]


def _discover(corpus_dir: Path) -> list[tuple[str, Path]]:
    """:func:`discover`'s files with their paths relative to ``corpus_dir`` (POSIX style),
    sorted by that: found with string operations (pathlib's cost tens of microseconds a
    file, a second for a corpus of 25,000 briefings)."""
    check_folder(corpus_dir)
    seen: set[str] = set()
    found: list[tuple[str, Path]] = []
    top_dir = os.fspath(corpus_dir)
    top_real = os.path.realpath(corpus_dir)
    home = os.path.join(top_real, "")
    for root, dirs, names in os.walk(corpus_dir, followlinks=True):
        real = os.path.realpath(root)
        # a link to a folder holding the corpus (``/proc/self/root``, ``up -> ..``) would
        # walk a superset of it, up to the whole file system: it is not followed
        if real in seen or (real != top_real and home.startswith(os.path.join(real, ""))):
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        sub = root[len(top_dir) :].lstrip(os.sep) if root.startswith(top_dir) else None
        if sub is None or (os.altsep and os.altsep in sub):  # not seen here; pathlib decides
            sub = Path(root).relative_to(corpus_dir).as_posix()
            sub = "" if sub == "." else sub
        top = sub == ""
        prefix = sub.replace(os.sep, "/") + "/" if sub else ""
        for name in names:
            if name.startswith(".") or _BACKUP.search(name) or (top and name in USER_DATA):
                continue
            if name.lower().endswith(SUFFIXES):
                found.append((prefix + name, Path(root, name)))
    found.sort(key=lambda f: f[0])
    return found


def display_name(name: str) -> str:
    """A file name as qabot stores and prints it: bytes that were not UTF-8 (which Python
    keeps as lone surrogates) become U+FFFD, hidden and control characters are escaped
    (``\\n``, ``\\u202e``), so a name can never forge a line or reorder a terminal line."""
    name = _SURROGATE.sub("\ufffd", name)
    return _HIDDEN.sub(_escape, name)


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or f"\\u{ord(ch):04x}"


def files(corpus_dir: Path) -> dict[str, Path]:
    """The briefing files of :func:`discover`, keyed by their display name relative to
    ``corpus_dir`` (POSIX style, as manifests and :func:`doc_ids` use it), sorted.

    Two names that display alike (``a\\xff.txt`` and ``a\\xfe.txt``, both ``a�.txt``)
    get `` (2)``, `` (3)`` … by the order of their real names, so keys stay unique.
    """
    out: dict[str, Path] = {}
    for rel, p in _discover(corpus_dir):
        key = display_name(rel)
        if key in out:
            n = 2
            while f"{key} ({n})" in out:
                n += 1
            key = f"{key} ({n})"
        out[key] = p
    return out


def _without_suffix(rel: str) -> str:
    """``rel`` without PurePosixPath(rel).suffix (by its rule, in string operations)."""
    name = rel.rpartition("/")[2]
    dot = name.rfind(".")
    return rel[: len(rel) - len(name) + dot] if 0 < dot < len(name) - 1 else rel


def escape_id(raw: str) -> str:
    """A briefing id made safe: ``%`` and ``#`` are percent-encoded (so ``#p<N>`` can only
    be the passage separator and ``brief#p2.md`` keeps its own id ``brief%23p2``), and so
    are spaces at either end of a path part (`` .md`` gets ``%20``, never a blank id)."""
    raw = raw.replace("%", "%25").replace("#", "%23")
    parts = []
    for part in raw.split("/"):
        core = part.strip(" ")
        lead, trail = len(part) - len(part.lstrip(" ")), len(part) - len(part.rstrip(" "))
        if not core:
            parts.append("%20" * len(part) if part else part)
        else:
            parts.append("%20" * lead + core + "%20" * trail)
    return "/".join(parts)


def doc_ids(rels: Iterable[str]) -> dict[str, str]:
    """The briefing id of each corpus file (display names relative to the corpus).

    A file's id is its relative path without the extension: the plain stem for a file
    at the top of the corpus (``brief.txt`` -> ``brief``), ``sub/inner`` for
    ``sub/inner.md``. When files would share an id (``brief.txt`` and ``brief.md``, or
    ``a/x.txt`` and ``a/x.md``), each of them keeps its extension instead (``brief.md``,
    ``brief.txt``), and so does any file whose id one of those would then take
    (``brief.txt.md``); relative paths are unique, so this ends with unique ids. An id
    depends only on the set of file names, never on the order they are found or read
    in, so rebuilding an unchanged corpus gives the same ids. Ids are escaped
    (:func:`escape_id`); escaping is one-to-one, so they stay unique.
    """
    names = sorted(set(rels))
    full: set[str] = set()  # files whose id is their whole relative path
    while True:
        ids = {r: r if r in full else _without_suffix(r) for r in names}
        owners: dict[str, list[str]] = {}
        for rel, doc_id in ids.items():
            owners.setdefault(doc_id, []).append(rel)
        clashing = {r for group in owners.values() if len(group) > 1 for r in group} - full
        if not clashing:
            return {r: escape_id(i) for r, i in ids.items()}
        full |= clashing


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (BOM allowed), else cp1252 with a warning; binary is refused."""
    if b"\x00" in data[:8192]:
        raise FileSkipped(f"{name}: looks binary (NUL bytes), skipped")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileSkipped(f"{name}: not UTF-8 (bad byte at offset {where}), skipped") from None
    return text, [f"{name}: not valid UTF-8 (byte {where}); read as cp1252"]

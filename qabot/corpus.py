"""Finding briefing files, reading them safely, and parsing raw text into Documents.

Briefings arrive as raw web captures (glued headers, captions, pull quotes, site
chrome, mojibake) or as tidy Markdown / TOML-front-matter files users write. Every
cleaning step lives here, in code, so the next dropped-in briefing gets the same care.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as _date
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath

from .analysis import fold, strip_control
from .lazyre import lazy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

SUFFIXES = (".txt", ".md", ".markdown")
_BACKUP = lazy(r"(~|\.bak|\.swp|\.swo|\.orig|\.tmp|\.rej)$", re.I)
#: A briefing is tens of kilobytes; a file this big is not one (and would take minutes).
MAX_BYTES = 8 * 1024 * 1024


class CorpusError(Exception):
    """A problem with the corpus as a whole (missing folder, nothing to index)."""


class FileSkipped(Exception):
    """One file cannot be used; the message says why. The rest of the corpus goes on."""


@dataclass(frozen=True)
class Block:
    """One unit of a briefing body, in reading order."""

    kind: str  # "heading" | "paragraph" | "bullet" | "caption"
    text: str
    level: int = 0  # heading depth for Markdown; 0 otherwise


@dataclass(frozen=True)
class Document:
    doc_id: str
    title: str
    date: str  # ISO yyyy-mm-dd or "undated"
    blocks: tuple[Block, ...]
    source: str = ""
    url: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)


# ---------------------------------------------------------------- discovery / reading


def check_folder(corpus_dir: Path) -> None:
    """Raise :class:`CorpusError` (one line naming it) unless ``corpus_dir`` is a folder."""
    if not corpus_dir.exists():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist")
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} is not a folder")


def discover(corpus_dir: Path) -> list[Path]:
    """Briefing files under ``corpus_dir``, sorted; hidden and backup files are ignored,
    and so are folders whose name starts with "." or "_" (``.git``, ``_drafts``).

    Symlinks are followed, but each real folder is visited once, so a link loop ends.
    """
    check_folder(corpus_dir)
    seen: set[str] = set()
    found: list[Path] = []
    for root, dirs, files in os.walk(corpus_dir, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in files:
            if name.startswith(".") or _BACKUP.search(name):
                continue
            if name.lower().endswith(SUFFIXES):
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(corpus_dir).as_posix())


def files(corpus_dir: Path) -> dict[str, Path]:
    """The briefing files of :func:`discover`, keyed by their path relative to
    ``corpus_dir`` (POSIX style, as manifests and :func:`doc_ids` use it), sorted."""
    return {p.relative_to(corpus_dir).as_posix(): p for p in discover(corpus_dir)}


def _without_suffix(rel: str) -> str:
    suffix = PurePosixPath(rel).suffix
    return rel[: -len(suffix)] if suffix else rel


def doc_ids(rels: Iterable[str]) -> dict[str, str]:
    """The briefing id of each corpus file (paths relative to the corpus, POSIX style).

    A file's id is its relative path without the extension: the plain stem for a file
    at the top of the corpus (``brief.txt`` -> ``brief``), ``sub/inner`` for
    ``sub/inner.md``. When files would share an id (``brief.txt`` and ``brief.md``, or
    ``a/x.txt`` and ``a/x.md``), each of them keeps its extension instead (``brief.md``,
    ``brief.txt``), and so does any file whose id one of those would then take
    (``brief.txt.md``); relative paths are unique, so this ends with unique ids. An id
    depends only on the set of file names, never on the order they are found or read
    in, so rebuilding an unchanged corpus gives the same ids.
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
            return ids
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


# ---------------------------------------------------------------- cleaning helpers

# UTF-8 bytes shown as cp1252 (the commonest web mojibake) and Mac Roman punctuation
# read as Latin-1 ("DPRKÕs").
_CP1252_MOJIBAKE = lazy(
    "(?:[\u00c2-\u00f4][\u0080-\u00bf\u2018-\u203a\u20ac\u2122\u0152-\u017e\u0192\u02c6\u02dc]{1,3})"
)
_MAC_ROMAN = [
    (lazy(r"(?<=[^\W_])\u00d5(?=[^\W_])"), "\u2019"),  # DPRKÕs -> DPRK’s
    (lazy(r"(?<=\s)\u00d4(?=[^\W_])"), "\u2018"),
    (lazy(r"(?:(?<=\s)|^)\u00d2(?=[^\W_])", re.M), "\u201c"),
    (lazy(r"(?<=[^\W_.,!?])\u00d3"), "\u201d"),
    (lazy(r"(?<=\w )\u00d0(?= \w)"), "\u2013"),
    (lazy(r"(?<=\w )\u00d1(?= \w)"), "\u2014"),
]


def _fix_cp1252_run(m: re.Match[str]) -> str:
    s = m.group()
    try:
        return s.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return s


def repair_mojibake(text: str) -> str:
    """Undo the two common mis-decodings of typographic punctuation."""
    text = _CP1252_MOJIBAKE.sub(_fix_cp1252_run, text)
    for pattern, repl in _MAC_ROMAN:
        text = pattern.sub(repl, text)
    return text


def clean_text(text: str) -> str:
    """Display-clean text: mojibake repaired, control characters gone, spaces plain."""
    text = repair_mojibake(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = strip_control(text.replace("\t", " "))
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
    return text


def _squash(text: str) -> str:
    return re.sub(r"[ ]{2,}", " ", text).strip()


@dataclass(frozen=True)
class _Boilerplate:
    lines: frozenset[str]
    footers: tuple[re.Pattern[str], ...]
    drops: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def _boilerplate() -> _Boilerplate:
    raw = resources.files("qabot.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    lines, footers, drops = set(), [], []
    for ln in raw.splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        key, _, value = ln.partition(":")
        value = value.strip()
        if key == "line":
            lines.add(value.casefold())
        elif key == "footer":
            footers.append(re.compile(value, re.I))
        elif key == "drop":
            drops.append(re.compile(value, re.I))
    return _Boilerplate(frozenset(lines), tuple(footers), tuple(drops))


# ---------------------------------------------------------------- header detection

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_DATE = lazy(
    r"(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})",
    re.I,
)
_ISO_DATE = lazy(r"\b(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})\b")
_READ_TIME = lazy(r"\d+\s*mins?\s*read", re.I)
_CREDIT = lazy(
    r"^\((?=[^()]*(?:/|images|photo|afp|reuters|getty|\bap\b|shutterstock|ap photo))[^()]{2,120}\)$", re.I
)
_PHOTO_BY = lazy(r"\s*\((?:photo|photograph|image)s?\s+(?:by|credit|:)[^()]*\)\s*$", re.I)
_GETTY_DATELINE = lazy(r"^[A-Z][A-Z .,'-]+ - [A-Z]+ \d{1,2}:")
_BULLET = lazy(r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7*+-]|\d{1,2}[.)])\s+")
_TERMINAL = lazy(r"[.!?:;,\"'\u201d\u2019)\]]$")


def _iso(m: re.Match[str]) -> str | None:
    try:
        mon = m.group("mon")
        month = int(mon) if mon.isdigit() else _MONTHS[mon[:3].lower()]
        return _date(int(m.group("year")), month, int(m.group("day"))).isoformat()
    except (ValueError, KeyError):
        return None


def _is_dateline(line: str) -> str | None:
    """The ISO date if ``line`` is a header date/read-time line, else None."""
    if len(line) > 80:
        return None
    m = _DATE.search(line)
    if not m:
        return None
    rest = (line[: m.start()] + line[m.end() :]).strip()
    rest = _READ_TIME.sub("", rest)
    rest = re.sub(r"[|,]?\s*\d{1,2}:\d{2}\s*(?:GMT|UTC|[AP]M|[A-Z]{2,4})?", "", rest).strip(" |,-")
    return _iso(m) if not rest else None


def _is_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 90
        and not _TERMINAL.search(line)
        and (line[0].isupper() or line[0].isdigit())
        and not _CREDIT.match(line)
        and not _BULLET.match(line)
    )


# ---------------------------------------------------------------- parsing


def parse(text: str, doc_id: str, suffix: str = ".txt") -> Document:
    """Parse one briefing (raw web text, Markdown, or either with ``+++`` TOML front matter)."""
    text = clean_text(text)
    meta, text = _front_matter(text, doc_id)
    warnings: list[str] = []
    if suffix.lower() in (".md", ".markdown"):
        title, when, blocks = _parse_markdown(text)
    else:
        title, when, blocks = _parse_raw(text)
    # A heading with nothing after it is page furniture (raw) or an empty section: no section.
    while blocks and blocks[-1].kind == "heading":
        blocks.pop()
    title = _squash(str(meta.get("title") or title or ""))
    when = _meta_date(meta.get("date")) or when
    if not when:
        m = _ISO_DATE.match(doc_id)
        when = (_iso(m) if m else None) or ""
    if not title:
        title = doc_id
        warnings.append(f"{doc_id}: no title found; using the file name")
    if not when:
        when = "undated"
        warnings.append(f"{doc_id}: no date found; marked undated")
    blocks = _drop_repeats(blocks)
    return Document(
        doc_id=doc_id,
        title=title,
        date=when,
        blocks=tuple(blocks),
        source=str(meta.get("source", "")),
        url=str(meta.get("url", "")),
        warnings=tuple(warnings),
    )


def _front_matter(text: str, doc_id: str) -> tuple[dict[str, object], str]:
    stripped = text.lstrip("\n")
    if not stripped.startswith("+++"):
        return {}, text
    head, sep, body = stripped[3:].partition("\n+++")
    if not sep:
        raise FileSkipped(f"{doc_id}: front matter opened with +++ but never closed")
    try:
        meta = tomllib.loads(head)
    except tomllib.TOMLDecodeError as exc:
        raise FileSkipped(f"{doc_id}: bad TOML front matter: {exc}") from None
    return meta, body.partition("\n")[2]


def _meta_date(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, _date):
        return value.isoformat()[:10]
    s = str(value)
    m = _ISO_DATE.search(s) or _DATE.search(s)
    return _iso(m) if m else None


def _parse_raw(text: str) -> tuple[str, str, list[Block]]:
    lines = [_squash(ln) for ln in text.split("\n")]
    title, when, start = _header(lines)
    bp = _boilerplate()
    groups: list[list[str]] = [[]]
    for ln in lines[start:]:
        if any(f.search(ln) for f in bp.footers):
            break
        if ln.casefold() in bp.lines or any(d.match(ln) for d in bp.drops):
            groups.append([])
            continue
        if not ln:
            groups.append([])
        else:
            groups[-1].append(ln)
    blocks: list[Block] = []
    for group in groups:
        if group:
            blocks.extend(_group_blocks(group))
    return title, when, blocks


def _header(lines: list[str]) -> tuple[str, str, int]:
    """Find title and date among the first lines; return where the body starts."""
    title, when = "", ""
    title_at = date_at = -1
    seen = 0
    for i, ln in enumerate(lines):
        if not ln:
            continue
        seen += 1
        if seen > 6:
            break
        iso = _is_dateline(ln)
        if iso and not when:
            when, date_at = iso, i
            continue
        if _READ_TIME.fullmatch(ln):
            date_at = max(date_at, i)
            continue
        if not title and _is_heading(ln) and len(ln.split()) >= 2:
            title, title_at = ln, i
            continue
        break
    end = max(title_at, date_at)
    return title, when, end + 1


def _group_blocks(group: list[str]) -> list[Block]:
    """Blocks of one blank-line-separated group of raw lines."""
    out: list[Block] = []
    for ln in group:
        if _CREDIT.match(ln):
            if out and out[-1].kind == "paragraph":
                out[-1] = Block("caption", out[-1].text)
            continue
        if _BULLET.match(ln):
            out.append(Block("bullet", _BULLET.sub("", ln, count=1)))
            continue
        if _PHOTO_BY.search(ln) or _GETTY_DATELINE.match(ln):
            out.append(Block("caption", _PHOTO_BY.sub("", ln).strip()))
            continue
        prev = out[-1] if out else None
        if prev and prev.kind == "paragraph" and not _TERMINAL.search(prev.text):
            # a hard-wrapped paragraph: the line goes on the previous one
            out[-1] = Block("paragraph", f"{prev.text} {ln}")
        else:
            out.append(Block("paragraph", ln))
    if len(out) == 1 and out[0].kind == "paragraph" and _is_heading(out[0].text):
        out[0] = Block("heading", out[0].text)
    return out


_MD_HEADING = lazy(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_IMAGE = lazy(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = lazy(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPH = lazy(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def _md_inline(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    return _squash(_MD_EMPH.sub(r"\2", text))


def _parse_markdown(text: str) -> tuple[str, str, list[Block]]:
    title, blocks = "", []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("paragraph", _md_inline(" ".join(para))))
            para.clear()

    for raw in text.split("\n"):
        ln = raw.strip()
        if not ln or ln.startswith(("<!--", "---", "```")):
            flush()
            continue
        m = _MD_HEADING.match(ln)
        if m:
            flush()
            level, heading = len(m.group(1)), _md_inline(m.group(2))
            if level == 1 and not title and not blocks:
                title = heading
            elif heading:
                blocks.append(Block("heading", heading, level))
            continue
        img = _MD_IMAGE.fullmatch(ln)
        if img:
            flush()
            if img.group(1).strip():
                blocks.append(Block("caption", _md_inline(img.group(1))))
            continue
        if _BULLET.match(ln):
            flush()
            blocks.append(Block("bullet", _md_inline(_BULLET.sub("", ln, count=1))))
            continue
        if ln.startswith(">"):
            ln = ln.lstrip("> ")
        para.append(_MD_IMAGE.sub(r"\1", ln))
    flush()
    return title, "", blocks


# ---------------------------------------------------------------- repeats (pull quotes)


def _norm_words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text).lower())


def _shingles(words: list[str], n: int = 3) -> set[tuple[str, ...]]:
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _drop_repeats(blocks: Iterable[Block]) -> list[Block]:
    """Drop blocks whose words another, longer block already holds (pull quotes, repeats).

    A block goes when 80% of its word 3-grams occur in one longer block, or when it
    repeats an earlier block word for word. Headings always stay.
    """
    blocks = list(blocks)
    words = [_norm_words(b.text) for b in blocks]
    grams = [_shingles(w) for w in words]
    # Only blocks sharing a 3-gram can repeat each other: an inverted index of grams
    # keeps this near-linear, so a huge file does not take quadratic time.
    holders: dict[tuple[str, ...], list[int]] = {}
    for j, b in enumerate(blocks):
        if b.kind != "heading":
            for g in grams[j]:
                holders.setdefault(g, []).append(j)
    keep: list[Block] = []
    for i, b in enumerate(blocks):
        if b.kind == "heading" or not grams[i]:
            keep.append(b)
            continue
        shared: dict[int, int] = {}
        for g in grams[i]:
            for j in holders[g]:
                shared[j] = shared.get(j, 0) + 1
        repeated = False
        for j in sorted(shared):
            if j == i:
                continue
            longer = len(words[j]) > len(words[i])
            same_earlier = words[j] == words[i] and j < i
            if (longer or same_earlier) and shared[j] >= 0.8 * len(grams[i]):
                repeated = True
                break
        if not repeated:
            keep.append(b)
    return keep

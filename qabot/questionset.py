"""Question sets and eval suites: reading and checking the TOML files ``qabot eval`` scores.

A question set (README, "Retrieval quality") holds ``[[question]]``, ``[[unanswerable]]``
and ``[[conversation]]`` entries, and optionally a top-level ``corpus = "DIR"`` naming
the corpus it is written for (relative to the file). A suite lists several sets, each
with its corpus::

    [[set]]
    name = "squad2-dev-small"                      # how reports and pins call it
    questions = "${QABOT_SQUAD2:-../../../shared/bench/squad2}/dev.toml"
    corpus = "${QABOT_SQUAD2:-../../../shared/bench/squad2}/corpus/core"

Paths are relative to the file that names them; ``${NAME}`` and ``${NAME:-default}``
take an environment variable. Every error names the file, line and key at fault.
Loading is linear in the file's size (10,000 questions load in well under a second).
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis import fold
from .errors import QuestionSetError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Item:
    """One judged case: an answerable question, an unanswerable one, or a conversation."""

    id: str
    kind: str
    turns: tuple[str, ...]  # one for plain questions; judged on the last
    expect: tuple[str, ...] = ()  # normalised phrases (:func:`normalize`)
    passages: tuple[str, ...] = ()
    answerable: bool = True
    conversation: bool = False
    where: str = ""  # "file:line" of its entry, for messages
    # the time window the question is asked in (ISO dates): as_of is "now" (nothing dated
    # after it exists), since/until as --since/--until
    as_of: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class QuestionSet:
    """A loaded question set: its name in reports, its file, items and own corpus."""

    name: str
    path: Path
    items: tuple[Item, ...]
    corpus: Path | None = None  # None: the corpus the command was given
    recency: float | None = None  # the set asks for the recency prior at this weight


_DATES = {"as_of", "since", "until"}
_ALLOWED = {
    "question": ({"id", "q"}, {"kind", "expect", "passages", "note", *_DATES}),
    "unanswerable": ({"id", "q"}, {"kind", "note", *_DATES}),
    "conversation": ({"id", "turns"}, {"kind", "expect", "passages", "note", *_DATES}),
}
_TOP = {"corpus", "recency_prior"}  # top-level keys of a question set besides its tables
_SET_KEYS = ({"questions"}, {"name", "corpus"})


#: Controls, bidi marks and zero-width characters: ingestion removes them from passages,
#: so a phrase must lose them too ("Bie\u200bgun" matches "Biegun").
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def normalize(text: str) -> str:
    """Text as phrases are matched: invisible characters gone, folded, lower-case,
    spaces collapsed."""
    return re.sub(r"\s+", " ", fold(_INVISIBLE.sub("", text)).lower()).strip()


def _read(path: Path, what: str) -> tuple[dict[str, Any], str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuestionSetError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise QuestionSetError(f"{path}: is a folder, not a {what}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionSetError(f"{path}: cannot read ({exc})") from None
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        raise QuestionSetError(f"{path}: {exc}") from None
    except RecursionError:
        raise QuestionSetError(f"{path}: values nested too deeply") from None


class _Lines:
    """Where each ``[[table]]`` entry of a file starts, found in one pass over its lines."""

    _HEAD = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
    _KEY = re.compile(r"\s*(?:\[\s*([A-Za-z0-9_-]+)\s*\]|([A-Za-z0-9_-]+)\s*=)")

    def __init__(self, raw: str) -> None:
        self.heads: dict[str, list[int]] = {}
        self.first: dict[str, int] = {}  # first line of `name = ...` or `[name]`
        for i, ln in enumerate(raw.splitlines(), start=1):
            m = self._HEAD.match(ln)
            if m:
                self.heads.setdefault(m.group(1), []).append(i)
                continue
            k = self._KEY.match(ln)
            if k:
                self.first.setdefault(k.group(1) or k.group(2), i)

    def of(self, table: str, n: int) -> int:
        """The line of the ``n``-th ``[[table]]``, else of ``table = ...`` or ``[table]``."""
        heads = self.heads.get(table, [])
        return heads[n] if n < len(heads) else self.first.get(table, 0)


def expand_path(value: str, base: Path, where: str, key: str) -> Path:
    """A path from a file: ``${NAME}`` / ``${NAME:-default}`` expanded, ``~`` too,
    relative to ``base`` (the folder of the file that names it)."""

    def var(m: re.Match[str]) -> str:
        name, default = m.group(1), m.group(3)
        got = os.environ.get(name)
        if got:
            return got
        if default is None:
            raise QuestionSetError(f"{where}: key {key!r}: environment variable {name} is not set")
        return default

    text = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}", var, value)
    path = Path(text).expanduser()
    return path if path.is_absolute() else base / path


def _date(entry: dict[str, Any], key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return _dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise QuestionSetError(f"{where}: key {key!r} must be a date as YYYY-MM-DD, not {value!r}")


def _phrases(entry: dict[str, Any], key: str, where: str) -> list[str]:
    val = entry.get(key, [])
    if not isinstance(val, list) or not all(isinstance(x, str) and x.strip() for x in val):
        raise QuestionSetError(f"{where}: key {key!r} must be a list of non-empty strings")
    return val


def _item(table: str, entry: dict[str, Any], where: str) -> Item:
    """One entry checked and turned into an Item (its id checked by the caller)."""
    required, optional = _ALLOWED[table]
    for key in sorted(required - set(entry)):
        raise QuestionSetError(f"{where}: [[{table}]] is missing key {key!r}")
    for key in sorted(set(entry) - required - optional):
        raise QuestionSetError(f"{where}: [[{table}]] has unknown key {key!r}")
    qid = entry["id"]
    if not isinstance(qid, str) or not qid.strip():
        raise QuestionSetError(f"{where}: key 'id' must be a non-empty string")
    turns = entry.get("turns", [entry.get("q")])
    if not isinstance(turns, list) or not turns or not all(isinstance(t, str) and t.strip() for t in turns):
        key = "turns" if table == "conversation" else "q"
        raise QuestionSetError(
            f"{where}: key {key!r} must be a non-empty string" + (" list" if key == "turns" else "")
        )
    for key in ("kind", "note"):
        if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
            raise QuestionSetError(f"{where}: key {key!r} must be a non-empty string")
    expect = _phrases(entry, "expect", where)
    passages = _phrases(entry, "passages", where)
    normed = tuple(normalize(e) for e in expect)
    for raw, e in zip(expect, normed, strict=True):
        if not any(c.isalnum() for c in e):  # "\u200b" would match every passage
            raise QuestionSetError(f"{where}: key 'expect': phrase {raw!r} has no letters or digits to match")
    if table != "unanswerable" and not expect and not passages:
        raise QuestionSetError(f"{where}: [[{table}]] {qid!r} needs 'expect' or 'passages'")
    since, until = _date(entry, "since", where), _date(entry, "until", where)
    if since and until and since > until:
        raise QuestionSetError(f"{where}: key 'since' ({since}) is after key 'until' ({until})")
    default_kind = {"unanswerable": "unanswerable", "conversation": "conversation"}.get(table, "question")
    return Item(
        id=qid,
        kind=str(entry.get("kind", default_kind)),
        turns=tuple(turns),
        expect=normed,
        passages=tuple(passages),
        answerable=table != "unanswerable",
        conversation=table == "conversation",
        where=where,
        as_of=_date(entry, "as_of", where),
        since=since,
        until=until,
    )


def _items(path: Path, data: dict[str, Any], lines: _Lines) -> list[Item]:
    items: list[Item] = []
    seen: dict[str, str] = {}
    for table in _ALLOWED:
        entries = data.get(table, [])
        if not isinstance(entries, list):
            raise QuestionSetError(
                f"{path}:{lines.of(table, 0)}: key {table!r} must be an array of tables ([[{table}]])"
            )
        for n, entry in enumerate(entries):
            where = f"{path}:{lines.of(table, n)}"
            if not isinstance(entry, dict):
                raise QuestionSetError(
                    f"{where}: key {table!r} must be an array of tables ([[{table}]]), "
                    f"but entry {n + 1} is {type(entry).__name__} {entry!r:.40}"
                )
            item = _item(table, entry, where)
            if item.id in seen:
                raise QuestionSetError(f"{where}: duplicate id {item.id!r} (first used at {seen[item.id]})")
            seen[item.id] = where
            items.append(item)
    if not items:
        raise QuestionSetError(f"{path}: no questions in it")
    return items


def _unknown_key(path: Path, raw: str, keys: set[str], allowed: str) -> QuestionSetError:
    key = sorted(keys)[0]
    at = next((i for i, ln in enumerate(raw.splitlines(), 1) if key in ln), 0)
    return QuestionSetError(f"{path}:{at}: unknown table {key!r} ({allowed})")


def load(path: Path) -> list[Item]:
    """Read and validate a question set; errors name the file, line and key."""
    return list(load_set(path).items)


def load_set(path: Path, name: str | None = None, corpus: Path | None = None) -> QuestionSet:
    """A question set with its own corpus (``corpus`` wins over the file's ``corpus`` key)."""
    data, raw = _read(path, "question set")
    return _question_set(path, data, raw, name, corpus)


def _question_set(
    path: Path, data: dict[str, Any], raw: str, name: str | None, corpus: Path | None
) -> QuestionSet:
    if "set" in data:
        raise QuestionSetError(f"{path}: is an eval suite ([[set]]), not a question set")
    unknown = set(data) - set(_ALLOWED) - _TOP
    if unknown:
        raise _unknown_key(path, raw, unknown, "use question, unanswerable, conversation")
    lines = _Lines(raw)
    if corpus is None and "corpus" in data:
        where = f"{path}:{lines.of('corpus', 0)}"
        if not isinstance(data["corpus"], str) or not data["corpus"].strip():
            raise QuestionSetError(f"{where}: key 'corpus' must be a folder name (a string)")
        corpus = expand_path(data["corpus"], path.parent, where, "corpus")
    recency = data.get("recency_prior")
    if recency is not None and (
        isinstance(recency, bool) or not isinstance(recency, (int, float)) or not 0 <= recency <= 10
    ):
        where = f"{path}:{lines.of('recency_prior', 0)}"
        raise QuestionSetError(f"{where}: key 'recency_prior' must be a number from 0 to 10")
    items = _items(path, data, lines)
    return QuestionSet(
        name or str(path), path, tuple(items), corpus, None if recency is None else float(recency)
    )


def load_sets(paths: Sequence[Path]) -> list[QuestionSet]:
    """The question sets named on the command line, each a question set or a suite."""
    out: list[QuestionSet] = []
    for path in paths:
        data, raw = _read(path, "question set")
        out += _suite(path, data, raw) if "set" in data else [_question_set(path, data, raw, None, None)]
    names = [s.name for s in out]
    for n in names:
        if names.count(n) > 1:
            raise QuestionSetError(f"question set {n!r} is named twice in this run")
    return out


def _suite(path: Path, data: dict[str, Any], raw: str) -> list[QuestionSet]:
    unknown = set(data) - {"set"}
    if unknown:
        raise _unknown_key(path, raw, unknown, "a suite holds [[set]] entries only")
    lines = _Lines(raw)
    entries = data["set"]
    if not isinstance(entries, list) or not entries:
        raise QuestionSetError(f"{path}:{lines.of('set', 0)}: key 'set' must be an array of tables ([[set]])")
    out: list[QuestionSet] = []
    required, optional = _SET_KEYS
    for n, entry in enumerate(entries):
        where = f"{path}:{lines.of('set', n)}"
        if not isinstance(entry, dict):
            raise QuestionSetError(f"{where}: key 'set' must be an array of tables ([[set]])")
        for key in sorted(required - set(entry)):
            raise QuestionSetError(f"{where}: [[set]] is missing key {key!r}")
        for key in sorted(set(entry) - required - optional):
            raise QuestionSetError(f"{where}: [[set]] has unknown key {key!r}")
        for key in sorted(entry):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise QuestionSetError(f"{where}: key {key!r} must be a non-empty string")
        questions = expand_path(entry["questions"], path.parent, where, "questions")
        corpus = expand_path(entry["corpus"], path.parent, where, "corpus") if "corpus" in entry else None
        out.append(load_set(questions, entry.get("name"), corpus))
    return out

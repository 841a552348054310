"""The log of questions and answers: SQLite in the user data folder, as ``llm logs`` keeps one.

``$XDG_DATA_HOME/qabot/log.db`` (``$QABOT_HOME/data/log.db``) holds conversations and
their responses (question, what was searched, the answer or why there was none, the
passage ids). ``qabot log`` lists and searches it; ``qabot -c`` and ``chat --continue``
replay a conversation's questions to resume it. ``log = false`` in the config (or
``--no-log``) turns it off.

A one-shot ``qabot ask`` does not open the database: it drops its record as a small
JSON file in ``pending/`` (written under a temporary name, then renamed, so a reader
never sees half of one), which the next reader folds in under one transaction. That
keeps sqlite3 and a commit off the path whose start-up time is measured, and two
readers folding at once cannot insert a record twice (each is keyed by its file name).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import locate
from .errors import QabotError

if TYPE_CHECKING:
    import sqlite3

    from .api import Answer

SCHEMA = """
create table if not exists conversations (
    id integer primary key,
    started text not null,
    corpus text not null default ''
);
create table if not exists responses (
    id integer primary key,
    conversation integer not null references conversations(id),
    time text not null,
    question text not null,
    query text not null default '',
    answered integer not null,
    answer text,
    reason text,
    passages text not null default '[]',
    k integer,
    source text unique
);
create index if not exists responses_by_conversation on responses(conversation, id);
"""


class LogError(QabotError):
    """The log database cannot be read or written (named in the message): exit 1."""


def log_path() -> Path:
    return locate.data_dir() / "log.db"


def pending_dir() -> Path:
    return locate.data_dir() / "pending"


def now() -> str:
    return _dt.datetime.now().isoformat(timespec="seconds")


def record(answer: Answer, k: int, corpus: str, cid: int | None = None) -> dict[str, Any]:
    """One response as plain data (what a pending file and a row hold)."""
    return {
        "time": now(),
        "cid": cid,
        "corpus": corpus,
        "question": answer.question,
        "query": answer.query,
        "answered": bool(answer.answered and answer.answer),
        "answer": answer.answer if answer.answered else None,
        "reason": None if answer.answered and answer.answer else answer.reason,
        "passages": [r.passage.pid for r in answer.results],
        "k": k,
    }


def append_pending(rec: dict[str, Any], folder: Path | None = None) -> None:
    """Leave ``rec`` for the next reader to fold in (see the module doc). Raises OSError."""
    folder = folder or pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{os.getpid()}.json"
    tmp = folder / f".{name}.tmp"
    tmp.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8", errors="surrogatepass")
    os.replace(tmp, folder / name)


@dataclass(frozen=True)
class Entry:
    """One logged response."""

    id: int
    conversation: int
    time: str
    question: str
    query: str
    answered: bool
    answer: str | None
    reason: str | None
    passages: tuple[str, ...]
    corpus: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "conversation": self.conversation,
            "time": self.time,
            "question": self.question,
            "query": self.query,
            "answered": self.answered,
            "answer": self.answer,
            "reason": self.reason,
            "passages": list(self.passages),
            "corpus": self.corpus,
        }


class Log:
    """The log database, opened (created when missing) with pending records folded in."""

    def __init__(self, path: Path | None = None, pending: Path | None = None) -> None:
        import sqlite3

        self.path = path or log_path()
        self.pending = pending or self.path.parent / "pending"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            self.db.execute("pragma journal_mode = wal")
            self.db.execute("pragma synchronous = normal")
            self.db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise LogError(
                f"cannot open the log {self.path}: {getattr(exc, 'strerror', None) or exc}"
            ) from None
        self.fold()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        import sqlite3

        try:
            self.db.execute("begin immediate")
            try:
                yield self.db
            except BaseException:
                self.db.execute("rollback")
                raise
            self.db.execute("commit")
        except sqlite3.Error as exc:
            raise LogError(f"cannot write the log {self.path}: {exc}") from None

    def fold(self) -> None:
        """Move the pending records into the database (each once, in the order written)."""
        try:
            files = sorted(p for p in self.pending.iterdir() if p.suffix == ".json" and p.name[0] != ".")
        except OSError:
            return
        if not files:
            return
        done = []
        with self._write() as db:
            for f in files:
                try:
                    rec = json.loads(f.read_text("utf-8", errors="replace"))
                    if not isinstance(rec, dict) or not isinstance(rec.get("question"), str):
                        raise ValueError("not a record")
                except (OSError, ValueError):
                    done.append(f)  # a damaged record of ours: nothing to keep
                    continue
                if db.execute("select 1 from responses where source = ?", (f.name,)).fetchone() is None:
                    self._insert(db, rec, source=f.name)
                done.append(f)
        for f in done:
            with suppress(OSError):
                f.unlink()

    def _insert(self, db: sqlite3.Connection, rec: dict[str, Any], source: str | None = None) -> int:
        cid = rec.get("cid")
        known = (
            isinstance(cid, int) and db.execute("select 1 from conversations where id = ?", (cid,)).fetchone()
        )
        if not known:
            cur = db.execute(
                "insert into conversations (started, corpus) values (?, ?)",
                (str(rec.get("time") or now()), str(rec.get("corpus") or "")),
            )
            cid = int(cur.lastrowid or 0)
        db.execute(
            "insert into responses (conversation, time, question, query, answered, answer, reason,"
            " passages, k, source) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                cid,
                str(rec.get("time") or now()),
                rec["question"],
                str(rec.get("query") or ""),
                1 if rec.get("answered") else 0,
                rec.get("answer"),
                rec.get("reason"),
                json.dumps(list(rec.get("passages") or [])),
                rec.get("k"),
                source,
            ),
        )
        assert isinstance(cid, int)
        return cid

    def add(self, rec: dict[str, Any]) -> int:
        """Store one response (a new conversation unless ``rec["cid"]`` names one); its
        conversation's id."""
        with self._write() as db:
            return self._insert(db, rec)

    def last_conversation(self) -> int | None:
        row = self._read("select conversation from responses order by id desc limit 1")
        return int(row[0][0]) if row else None

    def questions(self, cid: int) -> list[str]:
        """The questions of conversation ``cid``, in order (a LogError when there is none)."""
        rows = self._read("select question from responses where conversation = ? order by id", (cid,))
        if not rows:
            raise LogError(f"there is no conversation {cid} in the log (`qabot log` lists them)")
        return [str(r[0]) for r in rows]

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        import sqlite3

        try:
            return self.db.execute(sql, tuple(params)).fetchall()
        except sqlite3.Error as exc:
            raise LogError(f"cannot read the log {self.path}: {exc}") from None

    def entries(self, words: Sequence[str] = (), count: int = 10, cid: int | None = None) -> list[Entry]:
        """The last ``count`` responses (0: all), oldest first; with ``words``, those whose
        question or answer holds every word; with ``cid``, that conversation only."""
        where: list[str] = []
        params: list[Any] = []
        for w in words:
            where.append("(r.question like ? escape '\\' or coalesce(r.answer, '') like ? escape '\\')")
            pattern = "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            params += [pattern, pattern]
        if cid is not None:
            where.append("r.conversation = ?")
            params.append(cid)
        sql = (
            "select r.id, r.conversation, r.time, r.question, r.query, r.answered, r.answer, r.reason,"
            " r.passages, c.corpus from responses r join conversations c on c.id = r.conversation"
        )
        if where:
            sql += " where " + " and ".join(where)
        sql += " order by r.id desc"
        if count:
            sql += f" limit {int(count)}"
        rows = self._read(sql, params)
        out = []
        for row in reversed(rows):
            try:
                passages = tuple(str(p) for p in json.loads(row[8] or "[]"))
            except ValueError:
                passages = ()
            rid, conv, when, question, query, answered, answer, reason, _, corpus = row
            entry = Entry(
                rid, conv, when, question, query or "", bool(answered), answer, reason, passages, corpus
            )
            out.append(entry)
        return out


class Recorder:
    """Keeps a face's answers in the log, one notice (never a failed answer) when it
    cannot. ``key`` names a conversation of this process (a chat's conversation number,
    0 for ``ask -c``); answers under one key share one logged conversation, answers
    without a key each start their own. ``light``: a lone one-shot answer, left as a
    pending file (the database is not opened)."""

    def __init__(self, on: bool, corpus: str, notify: Callable[[str], None]) -> None:
        self.on, self.corpus, self.notify = on, corpus, notify
        self.book: Log | None = None
        self.cids: dict[int, int] = {}

    def open(self) -> Log:
        if self.book is None:
            self.book = Log()
        return self.book

    def resume(self, cid: int | None, key: int) -> list[str]:
        """The questions of conversation ``cid`` (None: the last one), which answers under
        ``key`` will continue. A LogError when the log is off or holds none."""
        if not self.on:
            raise LogError("there is no log to continue from: the config says log = false (or --no-log)")
        book = self.open()
        cid = cid or book.last_conversation()
        if cid is None:
            raise LogError("there is no earlier conversation to continue (`qabot log` lists them)")
        questions = book.questions(cid)
        self.cids[key] = cid
        return questions

    def add(self, answer: Answer, k: int, key: int | None = None, light: bool = False) -> None:
        if not self.on:
            return
        rec = record(answer, k, self.corpus, self.cids.get(key) if key is not None else None)
        try:
            if light and key is None and self.book is None:
                append_pending(rec)
                return
            cid = self.open().add(rec)
            if key is not None:
                self.cids[key] = cid
        except (OSError, LogError, locate.PlaceError) as exc:
            self.on = False
            why: object = exc
            if isinstance(exc, OSError) and exc.strerror:
                why = f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
            self.notify(f"qabot: cannot write the log ({why}); answers are not logged (config: log = false)")

    def close(self) -> None:
        if self.book is not None:
            self.book.close()
            self.book = None

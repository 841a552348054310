"""The log of questions and answers: SQLite in the user data folder, as ``llm logs`` keeps one.

``$XDG_DATA_HOME/qabot/log.db`` (``$QABOT_HOME/data/log.db``) holds conversations and
their responses (question, what was searched, the answer or why there was none, the
passage ids). ``qabot log`` lists and searches it; ``qabot -c`` and ``chat --continue``
replay a conversation's questions to resume it. ``log = false`` in the config (or
``--no-log``) turns it off.

A one-shot ``qabot ask`` does not open the database: it appends its record as one JSON
line to ``pending/pending.jsonl`` (under a shared ``flock``), which the next reader —
``qabot log``, ``-c``, the chat, or an ``ask`` that finds the file past 256 KiB — folds
in under one transaction and the exclusive lock. That keeps sqlite3 and a commit off
the path whose start-up time is measured; each record carries a key, so one folded
twice (a fold cut off between its commit and emptying the file) is stored once.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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
    return time.strftime("%Y-%m-%dT%H:%M:%S")


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


#: Past this size the one-shot path folds the pending records itself (it opens the
#: database once in a while), so a log only ever written by ``ask`` stays bounded.
FOLD_AT = 256 * 1024


def append_pending(rec: dict[str, Any], folder: Path | None = None) -> bool:
    """Leave ``rec`` for the next reader to fold in (see the module doc); True when the
    pending file has grown past :data:`FOLD_AT`. Raises OSError.

    One line appended to ``pending.jsonl`` under a shared lock: appends do not wait for
    each other, and a reader folding (under the exclusive lock) never loses one.
    """
    import fcntl

    folder = folder or pending_dir()
    folder.mkdir(parents=True, exist_ok=True)
    rec = {**rec, "key": f"{time.time_ns()}-{os.getpid()}"}
    line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8", errors="surrogatepass")
    fd = os.open(folder / "pending.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        os.write(fd, line)
        return os.fstat(fd).st_size > FOLD_AT
    finally:
        os.close(fd)  # releases the lock


class Entry:
    """One logged response (a plain class: see :class:`qabot.config.Config` for why)."""

    __slots__ = ("answer", "answered", "conversation", "corpus", "id", "passages", "query", "question",
                 "reason", "time")  # fmt: skip

    def __init__(self, row: Sequence[Any]) -> None:
        """From a row of :meth:`Log.entries`'s query."""
        self.id: int = row[0]
        self.conversation: int = row[1]
        self.time: str = row[2]
        self.question: str = row[3]
        self.query: str = row[4] or ""
        self.answered = bool(row[5])
        self.answer: str | None = row[6]
        self.reason: str | None = row[7]
        try:
            self.passages = tuple(str(p) for p in json.loads(row[8] or "[]"))
        except ValueError:
            self.passages = ()
        self.corpus: str = row[9] or ""

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
        """Move the pending records into the database (each once, in the order written),
        then empty the pending file; a record already folded (a fold that stopped between
        its commit and the emptying) is recognised by its key and not stored twice."""
        import fcntl

        try:
            fd = os.open(self.pending / "pending.jsonl", os.O_RDWR)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # appends wait while the file is read and emptied
            data = b""
            while chunk := os.read(fd, 1 << 20):
                data += chunk
            if not data:
                return
            with self._write() as db:
                for line in data.decode("utf-8", errors="replace").splitlines():
                    try:
                        rec = json.loads(line)
                        if not isinstance(rec, dict) or not isinstance(rec.get("question"), str):
                            raise ValueError("not a record")
                    except ValueError:
                        continue  # a damaged line of ours (a full disk mid-write): nothing to keep
                    key = str(rec.get("key") or "")
                    if (
                        not key
                        or db.execute("select 1 from responses where source = ?", (key,)).fetchone() is None
                    ):
                        self._insert(db, rec, source=key or None)
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)

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
        out = [Entry(row) for row in reversed(rows)]
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
                if append_pending(rec):
                    self.open()  # opening folds: the pending file starts again from empty
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

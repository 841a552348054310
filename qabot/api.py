"""The library entry point: open (and refresh) an index, answer questions.

``QA.open()`` is the one place that opens an index for anybody (the command line, the
chat, a library user): it finds the corpus and index, builds a missing or stale index,
rebuilds a damaged one once, and returns a ready ``QA``. ``QA.ask()`` returns an
:class:`Answer`, plain data that the CLI and the REPL render; ``search``, ``explain``,
``sources`` and ``lookup`` serve the other commands. Nothing here prints: notices go
to the ``notify`` callback. The question path itself is :mod:`qabot.search.pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from . import lexicon, locate, timespec
from .analysis import Analyzer
from .index import Doc, open_fresh
from .passages import Passage
from .search import query
from .search.conversation import Context
from .search.params import DEFAULT, Params
from .search.pipeline import Pipeline
from .search.searcher import Hit, Searcher
from .search.when import Given, Timing

if TYPE_CHECKING:
    from .index import Index, Progress
    from .index.light import LightIndex
    from .search.bm25 import BM25Scorer

Notify = Callable[[str], None]
#: A date bound as callers give it: a typed value ("2019-02", "30d"), its Spec, or a day.
DateLike = str | timespec.Spec | date | None


def undated_notice(n: int) -> str:
    """The one wording of "the window left undated briefings out"."""
    which = "briefing was" if n == 1 else "briefings were"
    return f"{n} undated {which} left out by the date window (their dates are unknown)"


@dataclass(frozen=True)
class Result:
    """One cited passage of an answer."""

    rank: int
    score: float
    passage: Passage
    doc: Doc
    matched: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    """The reply to one question: what was searched, the answer or why there is none
    (in words and as a code, see :mod:`qabot.search.abstain`), the cited passages.

    ``context`` is not part of the reply: it is what the next turn of a conversation
    builds on (pass earlier answers as ``history``).
    """

    question: str
    query: str
    answered: bool
    answer: str | None
    reason: str | None
    results: tuple[Result, ...]
    reason_code: str | None = None
    terms: tuple[str, ...] = ()  # analysed query terms (for highlighting)
    notice: str | None = None  # something the asker should know (the question was cut)
    context: Context = field(default_factory=Context)
    timing: Timing | None = None  # the time words and window applied (qabot.search.when)
    undated: int = 0  # undated briefings the window left out

    @property
    def entities(self) -> tuple[str, ...]:
        """What a follow-up would build on (``context.entities``; the chat's toolbar)."""
        return self.context.entities


@dataclass(frozen=True)
class Entry:
    """One briefing on a timeline: its date ("" undated), its best passage, the sentence."""

    date: str
    doc: Doc
    passage: Passage
    sentence: str
    score: float


@dataclass(frozen=True)
class Timeline:
    """A topic through the briefings, oldest first; ``reason`` when there is none."""

    topic: str
    query: str
    entries: tuple[Entry, ...]
    reason: str | None = None
    reason_code: str | None = None
    timing: Timing | None = None
    undated: int = 0  # undated briefings a date window left out

    @property
    def found(self) -> bool:
        return bool(self.entries)


@dataclass(frozen=True)
class Found:
    """What :meth:`QA.lookup` found: a briefing, or one passage of it."""

    doc: Doc
    passage: Passage | None = None
    index: int | None = None  # the passage's number in the index


@dataclass(frozen=True)
class TermScore:
    """One query term's share of a passage's score (for ``/why``)."""

    term: str
    weight: float  # the term's weight in the query (1 = typed once)
    tf: int  # occurrences in the passage
    idf: float
    score: float  # weight x BM25Plus contribution


def _quiet(_: str) -> None:
    pass


class QA:
    """Question answering over one loaded index, with one set of parameters."""

    def __init__(self, index: Index | LightIndex, params: Params = DEFAULT) -> None:
        from .index.light import LightIndex

        searcher: Searcher
        if isinstance(index, LightIndex):  # read without numpy: searched without it too
            from .search.light import LightSearcher

            searcher = LightSearcher(index)
            # it has the members of Index that the question path and its rendering read
            self.index = cast("Index", index)
        else:
            from .search.bm25 import IndexSearcher

            self.index = index
            searcher = IndexSearcher(index)
        self.params = params
        self.analyzer: Analyzer = index.analyzer()
        self.searcher = searcher
        corpus = Path(index.manifest.get("corpus", "."))
        extra = [d for d in (corpus, locate.home()) if d is not None]
        self.lexicon = lexicon.load(extra)
        self.pipeline = Pipeline(self.searcher, self.analyzer, self.lexicon, params)

    @property
    def scorer(self) -> BM25Scorer:
        """The numpy first stage (the benchmark times it); a light QA has none."""
        from .search.bm25 import IndexSearcher

        if not isinstance(self.searcher, IndexSearcher):
            raise TypeError("this QA reads its index without numpy: it has no BM25Scorer")
        return self.searcher.scorer

    @classmethod
    def open(
        cls,
        corpus: Path | None = None,
        index: Path | None = None,
        params: Params = DEFAULT,
        *,
        notify: Notify = _quiet,
        progress: Progress | None = None,
        light: bool = False,
    ) -> QA:
        """The corpus and index (flag, environment, default), fresh and loaded.

        A missing or stale index is built; one whose files turn out damaged is rebuilt
        once from scratch (a read-only explicit index gets a clear error instead).
        ``light`` (``qabot ask``): a small index is read and searched without numpy
        (:mod:`qabot.search.light`, the same answers), so a one-shot ask starts fast;
        ``QA.index`` then has only the members the question path and its rendering read.
        """
        corpus, index_dir, explicit = locate.resolve(corpus, index)
        loaded, _ = open_fresh(
            corpus, index_dir, explicit=explicit, notify=notify, progress=progress, light=light
        )
        return cls(loaded, params)

    def ask(
        self,
        question: str,
        k: int = 3,
        history: Sequence[Answer] = (),
        *,
        since: DateLike = None,
        until: DateLike = None,
        as_of: DateLike = None,
    ) -> Answer:
        """Answer one question; ``history`` holds the earlier answers of a conversation.

        ``since``/``until`` bound the briefings' dates (a :class:`~qabot.timespec.Spec`,
        its text or a date); ``as_of`` is "now" (nothing after it is searched).
        """
        given = self.given(since, until, as_of)
        out = self.pipeline.run(question, k, [a.context for a in history], given)
        notices = []
        if out.query.truncated:
            notices.append(f"the question was cut to its first {len(out.query.question):,} characters")
        if out.undated:
            notices.append(undated_notice(out.undated))
        return Answer(
            question=question,
            query=out.query_text,
            answered=out.refusal is None,
            answer=out.answer,
            reason=out.refusal.reason if out.refusal else None,
            results=self._results(out.hits),
            reason_code=out.refusal.code if out.refusal else None,
            terms=out.terms,
            notice="; ".join(notices) or None,
            context=out.context,
            timing=out.query.timing,
            undated=out.undated,
        )

    # ------------------------------------------------------------ dates

    def date_span(self) -> tuple[date | None, date | None]:
        """The oldest and newest briefing dates (None, None when all are undated)."""
        known = [d for d in (timespec.iso(doc.date) for doc in self.index.docs) if d is not None]
        return (min(known), max(known)) if known else (None, None)

    def now(self, today: date | None = None) -> tuple[date, bool]:
        """What "now" is for ages such as ``30d``: today, or the newest briefing's date
        when the archive is old (then the flag is True)."""
        return timespec.anchor(self.date_span()[1], today or date.today())

    def resolve(self, value: DateLike, side: str, today: date | None = None) -> date | None:
        """A ``--since``/``--until`` value as a day (ValueError for a bad one)."""
        if value is None or isinstance(value, date):
            return value
        spec = value if isinstance(value, timespec.Spec) else timespec.parse(value)
        return timespec.resolve(spec, side, self.now(today)[0])

    def given(self, since: DateLike = None, until: DateLike = None, as_of: DateLike = None) -> Given:
        """The window a question is asked in, resolved against this archive."""
        return Given(self.resolve(since, "since"), self.resolve(until, "until"), self.resolve(as_of, "until"))

    def timeline(
        self, topic: str, *, since: DateLike = None, until: DateLike = None, limit: int = 50
    ) -> Timeline:
        """The best passage of each briefing on ``topic`` in date order (undated last),
        each with its one-sentence answer; ``since``/``until`` as for :meth:`ask`."""
        out = self.pipeline.timeline(topic, self.given(since, until), limit)
        entries = tuple(
            Entry(
                m.date,
                self.index.doc_of(m.hit.index),
                self.index.passage(m.hit.index),
                m.sentence,
                m.hit.score,
            )
            for m in out.moments
        )
        return Timeline(
            topic,
            query.query_text(out.query.own, out.query.weights),
            entries,
            out.refusal.reason if out.refusal else None,
            out.refusal.code if out.refusal else None,
            out.query.timing,
            out.undated,
        )

    def search(self, question: str, k: int = 10) -> tuple[Result, ...]:
        """The k best passages for ``question`` as the pipeline ranks them, with no answer
        sentence and no refusal (an empty tuple when nothing can be searched)."""
        q = self.pipeline.query(question)
        if not q.weights:
            return ()
        return self._results(self.pipeline.rank(q, k).hits)

    def _results(self, hits: Sequence[Hit]) -> tuple[Result, ...]:
        return tuple(
            Result(r, h.score, self.index.passage(h.index), self.index.doc_of(h.index), h.matched)
            for r, h in enumerate(hits, start=1)
        )

    def explain(self, answer: Answer, rank: int) -> list[TermScore]:
        """Each query term's BM25 contribution to result ``rank`` (1-based) of ``answer``."""
        if not 1 <= rank <= len(answer.results):
            raise LookupError(f"no passage [{rank}] in the last answer")
        pid = answer.results[rank - 1].passage.pid
        i = self.index.find(pid)
        if i is None:
            raise LookupError(f"passage {pid} is no longer in the index")
        out = []
        for term, w in answer.context.weights:
            if self.searcher.has_term(term):
                tf, idf, score = self.searcher.term_score(term, i)
                out.append(TermScore(term, w, tf, idf, w * score))
        return sorted(out, key=lambda s: -s.score)

    def sources(self) -> list[Doc]:
        """The briefings, in the order ``qabot sources`` numbers them."""
        return list(self.index.docs)

    def lookup(self, text: str) -> Found:
        """A passage or briefing named by ``text``, by the rules of :mod:`qabot.lookup`
        (a briefing's number from :meth:`sources`, its id, its id shortened with "…" or
        "...", its file name, a unique id prefix, or words of its title; ``#pN`` after
        any of these for passage N).

        Raises :class:`~qabot.errors.LookupMiss` (a :class:`qabot.lookup.NotFound`, whose
        message says what would work) when nothing or more than one briefing fits.
        """
        from .lookup import lookup

        found = lookup(text, self.index.docs)
        doc = self.index.docs[found.doc]
        if found.passage is None:
            return Found(doc)
        return Found(doc, self.index.passage(found.passage), found.passage)

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
from pathlib import Path
from typing import TYPE_CHECKING

from . import lexicon, locate
from .analysis import Analyzer
from .index import Doc, Index, open_fresh
from .passages import Passage
from .search.bm25 import IndexSearcher
from .search.conversation import Context
from .search.params import DEFAULT, Params
from .search.pipeline import Pipeline
from .search.searcher import Hit

if TYPE_CHECKING:
    from .index import Progress

Notify = Callable[[str], None]


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

    @property
    def entities(self) -> tuple[str, ...]:
        """What a follow-up would build on (``context.entities``; the chat's toolbar)."""
        return self.context.entities


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

    def __init__(self, index: Index, params: Params = DEFAULT) -> None:
        self.index = index
        self.params = params
        self.analyzer: Analyzer = index.analyzer()
        self.searcher = IndexSearcher(index)
        self.scorer = self.searcher.scorer
        corpus = Path(index.manifest.get("corpus", "."))
        extra = [d for d in (corpus, locate.home()) if d is not None]
        self.lexicon = lexicon.load(extra)
        self.pipeline = Pipeline(self.searcher, self.analyzer, self.lexicon, params)

    @classmethod
    def open(
        cls,
        corpus: Path | None = None,
        index: Path | None = None,
        params: Params = DEFAULT,
        *,
        notify: Notify = _quiet,
        progress: Progress | None = None,
    ) -> QA:
        """The corpus and index (flag, environment, default), fresh and loaded.

        A missing or stale index is built; one whose files turn out damaged is rebuilt
        once from scratch (a read-only explicit index gets a clear error instead).
        """
        corpus, index_dir, explicit = locate.resolve(corpus, index)
        loaded, _ = open_fresh(corpus, index_dir, explicit=explicit, notify=notify, progress=progress)
        return cls(loaded, params)

    def ask(self, question: str, k: int = 3, history: Sequence[Answer] = ()) -> Answer:
        """Answer one question; ``history`` holds the earlier answers of a conversation."""
        out = self.pipeline.run(question, k, [a.context for a in history])
        return Answer(
            question=question,
            query=out.query_text,
            answered=out.refusal is None,
            answer=out.answer,
            reason=out.refusal.reason if out.refusal else None,
            results=self._results(out.hits),
            reason_code=out.refusal.code if out.refusal else None,
            terms=out.terms,
            notice=(
                f"the question was cut to its first {len(out.query.question):,} characters"
                if out.query.truncated
                else None
            ),
            context=out.context,
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

"""The library entry point: open (and refresh) an index, answer questions.

``QA.open()`` finds the corpus and index, rebuilds a missing or stale index, and
returns a ready ``QA``; ``QA.ask()`` returns an :class:`Answer`, plain data that the
CLI and the REPL render. Nothing here prints: notices go to the ``notify`` callback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import lexicon, locate
from .analysis import Analyzer
from .answer import choose
from .conversation import names_in
from .corpus import check_folder
from .cues import cue_for
from .index import (
    BuildReport,
    Doc,
    Index,
    IndexError_,
    Progress,
    build,
    check_ownership,
    read_manifest,
    status,
    touch_manifest,
)
from .passages import Passage
from .rank import COVERAGE_FLOOR, Ranker, join_or, query_text
from .search import BM25Scorer

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
    """The reply to one question: what was searched, the answer or why there is none,
    the cited passages, and what a follow-up question can build on."""

    question: str
    query: str
    answered: bool
    answer: str | None
    reason: str | None
    results: tuple[Result, ...]
    terms: tuple[str, ...] = ()  # analysed query terms (for highlighting)
    entities: tuple[str, ...] = ()  # what a follow-up would build on
    weights: tuple[tuple[str, float], ...] = ()  # the weighted query actually searched
    own_terms: tuple[str, ...] = ()  # the question's own analysed words (what follow-ups borrow)
    answer_entities: tuple[str, ...] = ()  # names the answer brought in that the question lacked


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


def ensure_index(
    corpus: Path,
    index_dir: Path,
    *,
    explicit: bool = False,
    notify: Notify = _quiet,
    progress: Progress | None = None,
    force: bool = False,
) -> tuple[Path, BuildReport | None]:
    """Make sure a fresh index of ``corpus`` exists; return its folder and what was built.

    The report of a build says why the index was out of date (``reason``). A default
    index folder that cannot be written falls back to the user cache directory (with a
    notice); an explicit ``--index`` that is stale and read-only is an error. A path
    that is a file, or a folder holding what qabot did not write, is refused before
    anything is written there. A build that fails half way leaves the previous index
    in use.
    """
    check_folder(corpus)
    st = status(corpus, index_dir)
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
        folder, built = ensure_index(
            corpus, fallback, explicit=True, notify=notify, progress=progress, force=force
        )
        if built is not None:
            built.reason = st.reason  # what was out of date is the index asked for
        return folder, built
    if not force:
        notify(f"qabot: {st.reason or 'index out of date'}; building the index in {index_dir}")
    try:
        # a forced rebuild starts from scratch: nothing is copied from a suspect index
        report = build(corpus, index_dir, progress=progress, reuse=not force)
    except OSError as exc:
        if read_manifest(index_dir) is not None:
            notify(f"qabot: could not rebuild the index ({exc.strerror or exc}); using the previous one")
            return index_dir, None
        raise IndexError_(f"cannot write the index in {index_dir}: {exc.strerror or exc}") from None
    report.reason = st.reason
    for w in report.warnings:
        notify(f"qabot: warning: {w}")
    return index_dir, report


class QA:
    """Question answering over one loaded index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.analyzer: Analyzer = index.analyzer()
        self.scorer = BM25Scorer(index)
        corpus = Path(index.manifest.get("corpus", "."))
        extra = [d for d in (corpus, locate.home()) if d is not None]
        self.lexicon = lexicon.load(extra)
        self.ranker = Ranker(index, self.scorer, self.analyzer, self.lexicon)

    @classmethod
    def open(
        cls,
        corpus: Path | None = None,
        index: Path | None = None,
        *,
        notify: Notify = _quiet,
        progress: Progress | None = None,
    ) -> QA:
        corpus, index, explicit = locate.resolve(corpus, index)
        folder, _ = ensure_index(corpus, index, explicit=explicit, notify=notify, progress=progress)
        return cls(Index(folder))

    def explain(self, answer: Answer, rank: int) -> list[TermScore]:
        """Each query term's BM25 contribution to result ``rank`` (1-based) of ``answer``."""
        if not 1 <= rank <= len(answer.results):
            raise LookupError(f"no passage [{rank}] in the last answer")
        return _explain(self, answer, rank)

    def ask(self, question: str, k: int = 3, history: Sequence[Answer] = ()) -> Answer:
        """Answer one question; ``history`` holds the earlier turns of a conversation."""
        plan = self.ranker.plan(question, history)
        # a follow-up's topic includes what it borrowed, so a third turn still knows it
        own = tuple(dict.fromkeys([*plan.own, *plan.borrowed]))
        if plan.refuse:
            return Answer(
                query=query_text(plan.own, plan.weights),
                answered=False,
                answer=None,
                reason=plan.refuse,
                results=(),
                terms=own,
                weights=tuple(plan.weights.items()),
                question=question,
                own_terms=own,
                entities=tuple(plan.entities),
            )
        ranking = self.ranker.rank(plan, k)
        results = tuple(
            Result(r, h.score, self.index.passage(h.index), self.index.doc_of(h.index), h.matched)
            for r, h in enumerate(ranking.hits, start=1)
        )
        query = query_text(plan.own, ranking.weights)
        topic = plan.topic_terms()
        terms = tuple(t for t in ranking.weights if t in topic)  # highlighted: no feedback terms
        weights = tuple(ranking.weights.items())
        if not results or ranking.coverage < COVERAGE_FLOOR:
            what = join_or(plan.unknown, quote=True) if plan.unknown else "the question"
            reason = (
                f"nothing in the briefings matches {what} well enough"
                if results
                else f"the briefings never mention {what}"
            )
            return Answer(
                query=query,
                answered=False,
                answer=None,
                reason=reason,
                results=results,
                terms=terms,
                weights=weights,
                question=question,
                own_terms=own,
                entities=tuple(plan.entities),
            )
        # the answer sentence is judged on the question's topic: its own words and what a
        # follow-up borrowed (aliases and synonyms count through ``alts``), not feedback
        vocab = self.index.vocab
        wanted = set(plan.own) | set(plan.borrowed) | plan.carried_terms
        idf = {t: self.scorer.idf(vocab[t]) * w for t, w in ranking.weights.items() if t in wanted}
        text = choose(
            [r.passage for r in results], idf, self.analyzer, alts=plan.alts, cue=cue_for(plan.qtype)
        )
        asked = {w.lower() for n in plan.entities for w in n.split()} | {
            w.lower() for w in question.replace("?", " ").split()
        }
        new = tuple(n for n in self._entities_in(text or "") if not {w.lower() for w in n.split()} & asked)
        return Answer(
            query=query,
            answered=True,
            answer=text,
            reason=None,
            results=results,
            terms=terms,
            weights=weights,
            answer_entities=new,
            question=question,
            own_terms=own,
            entities=tuple(dict.fromkeys([*plan.entities, *new])),
        )

    def _entities_in(self, text: str) -> list[str]:
        """Entity display names and capitalised names mentioned in ``text``."""
        found = [self.lexicon.entities[g].name for m in self.lexicon.entity_mentions(text) for g in m.groups]
        found += names_in(text)
        return list(dict.fromkeys(found))


def _explain(qa: QA, answer: Answer, rank: int) -> list[TermScore]:
    i = qa.index.find(answer.results[rank - 1].passage.pid)
    if i is None:
        raise LookupError(f"passage {answer.results[rank - 1].passage.pid} is no longer in the index")
    out = []
    for term, w in answer.weights:
        t = qa.index.vocab.get(term)
        if t is not None:
            tf, idf, score = qa.scorer.term_score(t, i)
            out.append(TermScore(term, w, tf, idf, w * score))
    return sorted(out, key=lambda s: -s.score)

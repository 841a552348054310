"""The library entry point: open (and refresh) an index, answer questions.

``QA.open()`` finds the corpus and index, rebuilds a missing or stale index, and
returns a ready ``QA``; ``QA.ask()`` returns an :class:`Answer`, plain data that the
CLI and the REPL render. Nothing here prints: notices go to the ``notify`` callback.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import lexicon, locate
from .analysis import Analyzer
from .answer import choose
from .conversation import names_in
from .corpus import CorpusError
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
from .rank import COVERAGE_FLOOR, Ranker, cue_for
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
    question: str
    query: str
    answered: bool
    answer: str | None
    reason: str | None
    results: tuple[Result, ...]
    terms: tuple[str, ...] = ()  # analysed query terms (for highlighting)
    entities: tuple[str, ...] = field(default=())  # what a follow-up would build on
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

    A default index folder that cannot be written falls back to the user cache
    directory (with a notice); an explicit ``--index`` that is stale and read-only is
    an error. A build that fails half way leaves the previous index in use.
    """
    if not corpus.is_dir():
        what = "does not exist" if not corpus.exists() else "is not a folder"
        raise CorpusError(f"corpus folder {corpus} {what}")
    check_ownership(index_dir)
    st = status(corpus, index_dir)
    if st.fresh and not force:
        if st.touched and locate.writable(index_dir):
            touch_manifest(index_dir, corpus, st.touched)
        return index_dir, None
    if not locate.writable(index_dir):
        if explicit:
            raise IndexError_(f"index folder {index_dir} is not writable and is out of date ({st.reason})")
        fallback = locate.cache_index_for(corpus)
        notify(f"qabot: {index_dir} is not writable; using {fallback}")
        return ensure_index(corpus, fallback, explicit=True, notify=notify, progress=progress, force=force)
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
        corpus = corpus or locate.default_corpus()
        explicit = index is not None or bool(os.environ.get("QABOT_INDEX"))
        index = index or locate.default_index(corpus)
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
                question,
                plan.display(),
                False,
                None,
                plan.refuse,
                (),
                own,
                tuple(plan.entities),
                tuple(plan.weights.items()),
                own,
            )
        hits, coverage = self.ranker.rank(plan, k)
        results = tuple(
            Result(r, h.score, self.index.passage(h.index), self.index.doc_of(h.index), h.matched)
            for r, h in enumerate(hits, start=1)
        )
        terms = tuple(plan.weights)
        if not hits or coverage < COVERAGE_FLOOR:
            what = _join(plan.unknown) if plan.unknown else "the question"
            reason = (
                f"nothing in the briefings matches {what} well enough"
                if hits
                else f"the briefings never mention {what}"
            )
            return Answer(
                question,
                plan.display(),
                False,
                None,
                reason,
                results,
                terms,
                tuple(plan.entities),
                tuple(plan.weights.items()),
                own,
            )
        vocab = self.index.vocab
        # the answer sentence is judged on the question's own words (and what a follow-up
        # borrowed); aliases and synonyms count through ``alts``, feedback terms not at all
        wanted = {t: w for t, w in plan.weights.items() if t in plan.own or (plan.carried and w >= 0.4)}
        idf = {t: self.scorer.idf(vocab[t]) * w for t, w in wanted.items() if t in vocab}
        text = choose(
            [r.passage for r in results], idf, self.analyzer, alts=plan.alts, cue=cue_for(plan.qtype)
        )
        entities = list(plan.entities)
        asked = {w.lower() for n in plan.entities for w in n.split()} | {
            w.lower() for w in question.replace("?", " ").split()
        }
        new = [n for n in self._entities_in(text or "") if not {w.lower() for w in n.split()} & asked]
        entities += [n for n in new if n not in entities]
        return Answer(
            question,
            plan.display(),
            True,
            text,
            None,
            results,
            terms,
            tuple(entities),
            tuple(plan.weights.items()),
            own,
            tuple(new),
        )

    def _entities_in(self, text: str) -> list[str]:
        """Entity display names and capitalised names mentioned in ``text``."""
        found = [self.lexicon.entities[g].name for m in self.lexicon.entity_mentions(text) for g in m.groups]
        found += names_in(text)
        return list(dict.fromkeys(found))


def _explain(qa: QA, answer: Answer, rank: int) -> list[TermScore]:
    i = qa.index.find(answer.results[rank - 1].passage.pid)
    assert i is not None
    out = []
    for term, w in answer.weights:
        t = qa.index.vocab.get(term)
        if t is None:
            continue
        pids, tfs = qa.scorer.postings(t)
        j = int(np.searchsorted(pids, i))
        tf = int(tfs[j]) if j < len(pids) and int(pids[j]) == i else 0
        idf = qa.scorer.idf(t)
        part = 0.0
        if tf:
            norm = qa.scorer.k1 * (
                1 - qa.scorer.b + qa.scorer.b * float(qa.index.doc_len[i]) / qa.index.avgdl
            )
            part = idf * tf * (qa.scorer.k1 + 1) / (norm + tf)
        out.append(TermScore(term, w, tf, idf, w * (part + idf * qa.scorer.delta)))
    return sorted(out, key=lambda s: -s.score)


def _join(words: Sequence[str]) -> str:
    quoted = [f'"{w}"' for w in dict.fromkeys(words)]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]

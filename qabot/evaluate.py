"""Evaluation, pyserini style: question set -> run -> judgments -> metrics.

A question set (TOML; see "Retrieval quality" in the README) names for each question the phrases an
answering passage contains (and/or passage ids). ``evaluate`` asks every question,
judges each ranked passage against those phrases, and computes hit@1/3/k, MRR@k,
nDCG@k and recall@k overall and per kind, answer1 (the share of answerable questions
whose shown answer sentence holds one of their phrases), the share of unanswerable
questions refused, the share of answerable ones wrongly refused, and conversation hit@3. The run and the
judgments can be written as TREC files, so ``trec_eval`` or ``ir_measures`` can check
the figures.
"""

from __future__ import annotations

import bisect
import math
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# the question-set names, importable from here as before
from .errors import BadUsage
from .errors import QuestionSetError as QuestionSetError
from .questionset import Item as Item
from .questionset import QuestionSet as QuestionSet
from .questionset import load as load
from .questionset import load_set as load_set
from .questionset import load_sets as load_sets
from .questionset import normalize as _norm

METRICS = ("hit1", "hit3", "hitk", "mrr", "ndcg", "recall", "answer1", "refused", "false_refusal", "conv3")
#: The ranking metrics, judged on the plain [[question]] entries.
RANKING = ("hit1", "hit3", "hitk", "mrr", "ndcg", "recall")
#: Why a metric can have nothing to judge (then it is None: null in JSON, "n/a" in text).
_NEEDS = {
    **{m: "no [[question]] entries" for m in RANKING},
    "answer1": "no answerable entries with expect phrases, or no answer sentences (a baseline)",
    "refused": "no [[unanswerable]] entries",
    "false_refusal": "no answerable questions",
    "conv3": "no [[conversation]] entries",
}

#: A figure, or None when the question set has nothing it could be judged on.
Figure = float | None


# ---------------------------------------------------------------- running and judging


@dataclass(frozen=True)
class Ranked:
    """What a system returned for one item: passage ids with their texts, and refusal."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    scores: tuple[float, ...]
    answered: bool
    seconds: float
    #: the answer sentence shown (None when refused, or for a system that gives none)
    answer: str | None = None
    #: whether the system shows answer sentences at all (plain BM25 does not)
    gives_answers: bool = False


#: A system under test: turns of one case -> ranked passages (k of them).
#: A system answers an item's turns at depth k; the item is passed for its time window
#: (``as_of``, ``since``, ``until``), which a system may ignore.
System = Callable[[Sequence[str], int, Item], Ranked]


def relevant(item: Item, pid: str, text: str) -> bool:
    """Whether passage ``pid`` with ``text`` answers ``item``."""
    norm = _norm(text)
    return pid in item.passages or any(e in norm for e in item.expect)


def answer_holds(item: Item, answer: str | None) -> bool:
    """Whether the shown ``answer`` sentence holds one of ``item``'s expect phrases (the
    phrase matching of :func:`relevant`, so the same phrase judges passage and answer)."""
    if not answer:
        return False
    norm = _norm(answer)
    return any(e in norm for e in item.expect)


class Judgments:
    """Which passages of a corpus answer each item: those holding one of its ``expect``
    phrases, and those it names by id.

    The corpus texts are normalised once and joined with newlines (which no normalised
    text or phrase holds), so each phrase costs one ``str.find`` pass over the corpus,
    not one test per passage: judging 10,000 questions over 10,000 passages takes
    seconds. One Judgments serves every run over the same corpus (an ablation).
    """

    def __init__(self, corpus_texts: Mapping[str, str]) -> None:
        self.ids = list(corpus_texts)
        self.position = {pid: n for n, pid in enumerate(self.ids)}
        normed = [_norm(t) for t in corpus_texts.values()]
        self.blob = "\n".join(normed)
        self.starts: list[int] = []
        at = 0
        for text in normed:
            self.starts.append(at)
            at += len(text) + 1
        self._phrase: dict[str, tuple[int, ...]] = {}
        self._relevant: dict[Item, tuple[str, ...]] = {}

    def holding(self, phrase: str) -> tuple[int, ...]:
        """The positions of the passages holding ``phrase`` (a normalised phrase)."""
        hit = self._phrase.get(phrase)
        if hit is None:
            found: list[int] = []
            pos = self.blob.find(phrase)
            while pos != -1:
                n = bisect.bisect_right(self.starts, pos) - 1
                found.append(n)
                nxt = n + 1
                pos = self.blob.find(phrase, self.starts[nxt]) if nxt < len(self.starts) else -1
            hit = tuple(found)
            self._phrase[phrase] = hit
        return hit

    def relevant(self, item: Item) -> tuple[str, ...]:
        """The ids of the passages that answer ``item``, in corpus order."""
        hit = self._relevant.get(item)
        if hit is None:
            if not item.answerable:
                hit = ()
            else:
                found = {n for e in item.expect for n in self.holding(e)}
                found.update(self.position[pid] for pid in item.passages if pid in self.position)
                hit = tuple(self.ids[n] for n in sorted(found))
            self._relevant[item] = hit
        return hit

    def unmatched(self, items: Sequence[Item]) -> list[str]:
        """A warning for each ``expect`` phrase no passage holds (the set may not fit the
        corpus, or a phrase was mistyped)."""
        return [
            f"{it.where or it.id}: {it.id}: expect phrase {e!r} matches no passage"
            for it in items
            if it.answerable
            for e in it.expect
            if not self.holding(e)
        ]


@dataclass
class Outcome:
    item: Item
    ranked: Ranked
    rels: list[bool]
    #: the ids of every passage of the corpus that answers the item, in corpus order
    relevant: tuple[str, ...]

    @property
    def total_relevant(self) -> int:
        return len(self.relevant)

    @property
    def first(self) -> int | None:
        """1-based rank of the first relevant passage (None when missed or refused)."""
        if not self.ranked.answered:
            return None
        return next((i + 1 for i, r in enumerate(self.rels) if r), None)

    @property
    def answer_judged(self) -> bool:
        """Whether answer1 judges this outcome: an answerable item with expect phrases,
        from a system that shows answer sentences."""
        return self.item.answerable and bool(self.item.expect) and self.ranked.gives_answers

    @property
    def answer_hit(self) -> bool:
        """The shown answer sentence holds an expect phrase (refused: no)."""
        return self.ranked.answered and answer_holds(self.item, self.ranked.answer)

    @property
    def missed(self) -> bool:
        """An answerable item not answered at rank 1, or an unanswerable one answered."""
        if self.item.answerable:
            return self.first != 1
        return self.ranked.answered


@dataclass
class Report:
    k: int
    outcomes: list[Outcome]
    #: every name in METRICS, plus ms_per_question; None where nothing could be judged
    figures: dict[str, Figure] = field(default_factory=dict)
    by_kind: dict[str, dict[str, Figure]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    #: what the user should know about the question set: expect phrases no passage holds
    warnings: list[str] = field(default_factory=list)


def _share(outs: list[Outcome], test: Callable[[Outcome], bool]) -> Figure:
    """The share of ``outs`` passing ``test``; None when there is none to judge."""
    return sum(1 for o in outs if test(o)) / len(outs) if outs else None


def _answerable_figures(outs: list[Outcome], k: int) -> dict[str, Figure]:
    """The ranking metrics over answerable ``outs`` (all None when there are none)."""
    if not outs:
        return dict.fromkeys(RANKING)
    n = len(outs)

    def hit(depth: int) -> float:
        return sum(1 for o in outs if o.first is not None and o.first <= depth) / n

    mrr = sum(1.0 / o.first for o in outs if o.first is not None and o.first <= k) / n
    ndcg = recall = 0.0
    for o in outs:
        rels = o.rels[:k] if o.ranked.answered else []
        dcg = sum(1.0 / math.log2(i + 2) for i, r in enumerate(rels) if r)
        ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, max(o.total_relevant, 1))))
        ndcg += dcg / ideal
        recall += (sum(rels) / o.total_relevant) if o.total_relevant else 0.0
    return {
        "hit1": hit(1),
        "hit3": hit(3),
        "hitk": hit(k),
        "mrr": mrr,
        "ndcg": ndcg / n,
        "recall": recall / n,
    }


def _answer1(outs: list[Outcome]) -> Figure:
    """The share of the judged ``outs`` whose shown answer holds an expect phrase."""
    return _share([o for o in outs if o.answer_judged], lambda o: o.answer_hit)


def _refused(o: Outcome) -> bool:
    return not o.ranked.answered


def _hit3(o: Outcome) -> bool:
    return o.first is not None and o.first <= 3


def evaluate(items: Sequence[Item], system: System, k: int, corpus: Mapping[str, str] | Judgments) -> Report:
    """Run ``system`` on every item and compute the figures.

    ``corpus`` (passage id -> text, or its :class:`Judgments`) gives each question's
    relevant passages, for recall, the ideal DCG and the TREC judgments; a ranked
    passage is judged on its corpus text (on the text the system returned when the
    corpus lacks its id).
    """
    judge = corpus if isinstance(corpus, Judgments) else Judgments(corpus)
    outcomes: list[Outcome] = []
    for item in items:
        ranked = system(item.turns, k, item)
        rel = judge.relevant(item)
        held = set(rel)
        rels = [
            pid in held if pid in judge.position else relevant(item, pid, text)
            for pid, text in zip(ranked.ids, ranked.texts, strict=True)
        ]
        outcomes.append(Outcome(item, ranked, rels, rel))
    report = Report(k, outcomes, warnings=judge.unmatched(items))
    plain = [o for o in outcomes if o.item.answerable and not o.item.conversation]
    conv = [o for o in outcomes if o.item.conversation]
    unans = [o for o in outcomes if not o.item.answerable]
    report.figures = {
        **_answerable_figures(plain, k),
        "answer1": _answer1(plain),
        "refused": _share(unans, _refused),
        "false_refusal": _share(plain + conv, _refused),
        "conv3": _share(conv, _hit3),
        "ms_per_question": (
            1000 * sum(o.ranked.seconds for o in outcomes) / len(outcomes) if outcomes else None
        ),
    }
    report.counts = {"questions": len(plain), "unanswerable": len(unans), "conversations": len(conv)}
    for kind in sorted({o.item.kind for o in plain}):
        outs = [o for o in plain if o.item.kind == kind]
        report.by_kind[kind] = {
            **_answerable_figures(outs, k),
            "answer1": _answer1(outs),
            "false_refusal": _share(outs, _refused),
        }
        report.by_kind[kind]["n"] = len(outs)
    if conv:
        report.by_kind["conversation"] = {
            **_answerable_figures(conv, k),
            "answer1": _answer1(conv),
            "false_refusal": _share(conv, _refused),
            "n": len(conv),
        }
    return report


# ---------------------------------------------------------------- systems


def qabot_system(qa: Any, since: Any = None, until: Any = None) -> System:
    """qabot itself: the full pipeline, conversations resolved turn by turn, each item
    asked in its own window (``as_of``: nothing dated after it; ``since``/``until``, else
    the run's ``since``/``until``: ``qabot eval --since``)."""

    def run(turns: Sequence[str], k: int, item: Item) -> Ranked:
        t0 = time.perf_counter()
        history: list[Any] = []
        answer = None
        for turn in turns:
            answer = qa.ask(
                turn,
                k=k,
                history=tuple(history),
                since=item.since or since,
                until=item.until or until,
                as_of=item.as_of,
            )
            history.append(answer)
        assert answer is not None
        return Ranked(
            tuple(r.passage.pid for r in answer.results),
            tuple(r.passage.text for r in answer.results),
            tuple(r.score for r in answer.results),
            answer.answered,
            time.perf_counter() - t0,
            answer.answer if answer.answered else None,
            gives_answers=True,
        )

    return run


def baseline_system(corpus_dir: Path, max_chars: int | None = None) -> tuple[System, dict[str, str]]:
    """Plain BM25 (rank-bm25's BM25Okapi) over raw blank-line paragraphs, lower-cased words.

    No cleaning, no headings, no stemming or stopwords, no cues, no carryover: only the
    last turn of a conversation is searched, cut as qabot cuts it
    (``Params.max_question_chars``). A question none of whose words occur anywhere
    counts as refused.
    """
    from .search.params import DEFAULT
    from .search.query import bound

    limit = max_chars if max_chars is not None else DEFAULT.max_question_chars
    import numpy as np
    from rank_bm25 import BM25Okapi

    from .corpus import doc_ids, files

    ids: list[str] = []
    texts: list[str] = []
    paths = files(corpus_dir)
    for rel, doc_id in sorted(doc_ids(paths).items()):
        raw = paths[rel].read_text(encoding="utf-8", errors="replace")
        for n, block in enumerate((b for b in re.split(r"\n\s*\n", raw) if b.strip()), start=1):
            ids.append(f"{doc_id}#raw{n}")
            texts.append(block.strip())

    def tok(s: str) -> list[str]:
        return re.findall(r"\w+", s.lower())

    model = BM25Okapi([tok(t) for t in texts])

    def run(turns: Sequence[str], k: int, item: Item) -> Ranked:
        t0 = time.perf_counter()
        q = tok(bound(turns[-1], limit)[0])
        scores = model.get_scores(q)
        order = np.argsort(-scores, kind="stable")[:k].tolist()  # ties in corpus order
        answered = any(w in model.idf for w in q)
        return Ranked(
            tuple(ids[i] for i in order),
            tuple(texts[i] for i in order),
            tuple(float(scores[i]) for i in order),
            answered,
            time.perf_counter() - t0,
        )

    return run, dict(zip(ids, texts, strict=True))


# ---------------------------------------------------------------- output


def _fmt(x: Figure, width: int = 0) -> str:
    """A figure to three places, or "n/a" when there was nothing to judge."""
    return f"{'n/a':>{width}}" if x is None else f"{x:{width}.3f}"


def _ms(x: Figure) -> str:
    return "n/a" if x is None else f"{x:.1f}"


def _round(x: Figure, places: int = 4) -> float | None:
    return None if x is None else round(x, places)


def format_report(report: Report, baseline: Report | None = None, title: str = "") -> str:
    from .render import safe

    cols = ["hit1", "hit3", "hitk", "mrr", "ndcg", "recall", "answer1"]
    out: list[str] = []
    if title:
        out.append(safe(title))
    c = report.counts
    out.append(
        f"{c['questions']} questions, {c['unanswerable']} unanswerable, "
        f"{c['conversations']} conversations; k={report.k}"
    )
    head = f"{'kind':<14}{'n':>4}  " + "  ".join(f"{m:>6}" for m in cols)
    out.append(head)
    rows: list[tuple[str, int, dict[str, Figure], dict[str, Figure] | None]] = [
        ("all", c["questions"], report.figures, baseline.figures if baseline else None)
    ]
    for kind, figs in report.by_kind.items():
        rows.append((kind, int(figs["n"] or 0), figs, baseline.by_kind.get(kind) if baseline else None))
    for name, n, figs, base in rows:
        out.append(f"{safe(name):<14}{n:>4}  " + "  ".join(_fmt(figs.get(m), 6) for m in cols))
        if base is not None:  # a baseline gives no answer sentences: its answer1 is left blank
            cells = (_fmt(base.get(m), 6) if base.get(m) is not None or m != "answer1" else "" for m in cols)
            out.append(f"{'  baseline':<14}{'':>4}  " + "  ".join(cells).rstrip())
    f = report.figures
    tail = (
        f"refused (unanswerable) {_fmt(f['refused'])}   false refusals {_fmt(f['false_refusal'])}   "
        f"conversation hit@3 {_fmt(f['conv3'])}   {_ms(f['ms_per_question'])} ms/question"
    )
    out.append(tail)
    if baseline:
        b = baseline.figures
        out.append(
            f"baseline: refused {_fmt(b['refused'])}   false refusals {_fmt(b['false_refusal'])}   "
            f"conversation hit@3 {_fmt(b['conv3'])}   {_ms(b['ms_per_question'])} ms/question"
        )
    return "\n".join(out) + "\n"


def format_misses(report: Report) -> str:
    from .render import safe

    out: list[str] = []
    for o in report.outcomes:
        it = o.item
        if not o.missed:
            continue
        q = " → ".join(it.turns)
        label = f"{safe(it.id)} [{safe(it.kind)}]"
        won = safe(o.ranked.ids[0]) if o.ranked.ids else "-"
        if not it.answerable:
            out.append(f"{label} not refused: {safe(q)}\n    answered with {won}")
            continue
        rank = (
            "refused"
            if not o.ranked.answered
            else (f"rank {o.first}" if o.first else f"not in top {report.k}")
        )
        text = o.ranked.texts[0][:110] if o.ranked.texts else ""
        out.append(f"{label} {rank}: {safe(q)}\n    won: {won}: {safe(text)}…")
    return "\n".join(out) + ("\n" if out else "")


def trec_id(text: str) -> str:
    """An id as one TREC field: ``%`` and every whitespace character percent-encoded
    (UTF-8, as in URLs: "my brief#p2" -> "my%20brief#p2"), so a reader splitting lines
    on whitespace gets exactly six (run) or four (judgments) fields and can unquote
    each id with ``urllib.parse.unquote``. Ids without spaces are written as they are."""
    from urllib.parse import quote

    return _TREC_UNSAFE.sub(lambda m: quote(m.group(), safe=""), text)


_TREC_UNSAFE = re.compile(r"[%\s]")


def write_trec(
    report: Report,
    run_out: Path | None,
    qrels_out: Path | None,
    name: str = "qabot",
) -> None:
    """Write the run and the judgments as TREC files (None skips one); ids pass
    :func:`trec_id`.

    The judgments are each item's relevant passages as :func:`evaluate` found them in
    the texts it was given.
    """
    if run_out is not None:
        with run_out.open("w", encoding="utf-8") as fh:
            for o in report.outcomes:
                if not o.ranked.answered:
                    continue
                qid = trec_id(o.item.id)
                for r, (pid, score) in enumerate(zip(o.ranked.ids, o.ranked.scores, strict=True), start=1):
                    fh.write(f"{qid} Q0 {trec_id(pid)} {r} {score:.6f} {name}\n")
    if qrels_out is not None:
        with qrels_out.open("w", encoding="utf-8") as fh:
            for o in report.outcomes:
                qid = trec_id(o.item.id)
                for pid in o.relevant:
                    fh.write(f"{qid} 0 {trec_id(pid)} 1\n")


def parse_bounds(specs: Iterable[str], flag: str) -> dict[str, float]:
    """``--min``/``--max`` bounds; a malformed one is wrong usage (:class:`BadUsage`)."""
    bounds: dict[str, float] = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip()
        if not sep or name not in METRICS:
            raise BadUsage(f"{flag} {spec!r}: expected METRIC=NUMBER with METRIC one of {', '.join(METRICS)}")
        try:
            bound = float(value)
        except ValueError:
            raise BadUsage(f"{flag} {spec!r}: {value!r} is not a number") from None
        if not math.isfinite(bound):
            raise BadUsage(f"{flag} {spec!r}: the bound must be a finite number, not {value.strip()}")
        bounds[name] = bound
    return bounds


def check_bounds(
    figures: dict[str, Figure], mins: dict[str, float], maxs: dict[str, float]
) -> tuple[list[str], list[str]]:
    """(bounds not met, bounds skipped), each as a phrase for the user.

    A bound on a metric the question set gives nothing to judge (hit1 with no
    [[question]], conv3 with no [[conversation]]...) is skipped, neither met nor failed.
    """
    failures: list[str] = []
    skipped: list[str] = []
    for flag, bounds in (("--min", mins), ("--max", maxs)):
        for m, bound in bounds.items():
            value = figures.get(m)
            if value is None:
                why = _NEEDS.get(m, "nothing to judge")
                skipped.append(f"{m} = n/a ({why}), {flag} {bound:g} not checked")
            elif flag == "--min" and value < bound:
                failures.append(f"{m} = {value:.3f}, below --min {bound:g}")
            elif flag == "--max" and value > bound:
                failures.append(f"{m} = {value:.3f}, above --max {bound:g}")
    return failures, skipped


def report_json(report: Report, baseline: Report | None = None, verbose: bool = False) -> dict[str, Any]:
    """The figures as one JSON object (``qabot eval --json``); text from the set made safe."""
    from .render import safe

    f = report.figures
    obj: dict[str, Any] = {
        "k": report.k,
        **{m: _round(f[m]) for m in METRICS},
        "ms_per_question": _round(f["ms_per_question"], 2),
        "counts": report.counts,
        "by_kind": {safe(kd): {m: _round(v) for m, v in fk.items()} for kd, fk in report.by_kind.items()},
    }
    if baseline is not None:
        obj["baseline"] = {m: _round(baseline.figures[m]) for m in METRICS}
    if verbose:
        obj["misses"] = [
            {
                "id": safe(o.item.id),
                "kind": safe(o.item.kind),
                "rank": o.first,
                "answered": o.ranked.answered,
                "top": [safe(pid) for pid in o.ranked.ids[:1]],
            }
            for o in report.outcomes
            if o.missed
        ]
    return obj


def passage_texts(index: Any) -> dict[str, str]:
    """Passage id -> text of every passage (what judgments are made against)."""
    return {index.passage(i).pid: index.passage(i).text for i in range(index.n_passages)}

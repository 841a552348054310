"""Choosing the answer: the sentence (or two) of the top passages that covers the most,
and the rarest, query terms, and holds the kind of answer the question asks for (a
name for "who", a date for "when", a place for "where", a number for "how many", a
cause for "why", a role for "what role"); verbatim, so a reader can find it in the
briefing."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from ..analysis import Analyzer
from ..lazyre import LazyPattern, lazy
from ..passages import Passage
from .params import Params

_MONTH = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?|may"
#: What an answer of each question type holds (cues.QTYPES names the types). Unlike the
#: ranking's cue words (qabot.cues, counted when the index is built), these judge one
#: sentence, and only a match that is not the question's own words counts: a "when"
#: answer must bring a date the question did not give.
ANSWER_TYPES: dict[str, LazyPattern] = {  # compiled when a question of the type comes
    "who": lazy(
        r"\b(?:[A-Z][\w'’-]+(?: (?:[A-Z]\.|[A-Z][\w'’-]+|de|van|von|al|bin|el))* [A-Z][\w'’-]+|"
        r"(?:president|prime minister|minister|secretary|chairman|chairwoman|chair|leader|head|"
        r"chief|director|governor|envoy|ambassador|spokes(?:man|woman|person)|king|queen|general|"
        r"commander|founder|ceo|mayor|senator)s?)\b",
    ),
    "when": lazy(
        rf"\b(?:(?:{_MONTH})(?: \d{{1,2}}(?:st|nd|rd|th)?,?)?(?: (?:19|20)\d\d)?|\d{{1,2}} (?:{_MONTH})|"
        r"(?:1[6-9]|20)\d\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|tomorrow|"
        r"(?:last|next|this|that) (?:week|month|year|spring|summer|autumn|fall|winter)|"
        r"(?:early|mid|late)[ -](?:\d{4}|(?:19|20)\d0s)|\d{4}s|century)\b",
        re.I,
    ),
    "where": lazy(
        r"\b(?:in|at|from|to|near|into|across|outside|inside|within|throughout|off|"
        r"north|south|east|west) (?:the )?[A-Z][\w'’-]+",
    ),
    "number": lazy(
        r"(?:[$€£¥]\s?)?\b\d[\d,.]*\b(?:\s?(?:%|per ?cent|percent|million|billion|trillion|thousand|"
        r"hundred|bn|mn|m|k))?|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
        r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
        r"dozens?|half|a third|a quarter|a fifth|a tenth|twice|double)\b",
        re.I,
    ),
    "why": lazy(
        r"\b(?:because|due to|owing to|thanks to|as a result|result(?:s|ed)? (?:of|from)|"
        r"so that|in order to|aim(?:s|ed)? (?:at|to)|to (?:avoid|prevent|ensure|secure|protect|"
        r"counter|offset)|after|amid|following|in response to|given|since|driven by|"
        r"caused|causes?|led to|leads? to|reasons?|motivat\w+|fear(?:s|ed)?|concern(?:s|ed)?|"
        r"so as to|which is why|that is why|hence|therefore)\b",
        re.I,
    ),
    "role": lazy(
        r"\b(?:role|mediat\w*|broker\w*|facilitat\w*|host\w*|lead(?:s|ing)?|chair\w*|"
        r"intermediar\w*|guarantor|sponsor\w*|backer|ally|partner|rival|supplier|"
        r"investor|lender|creditor|(?:is|was|as) (?:a|an|the) \w+|serves? as|acts? as)\b",
        re.I,
    ),
}


def answer_kind(qtype: str | None) -> re.Pattern[str] | None:
    """What an answer to a question of type ``qtype`` holds (None: any sentence)."""
    kind = ANSWER_TYPES.get(qtype or "")
    return None if kind is None else kind.compiled


def brings(sentence: str, kind: re.Pattern[str], question: set[str], analyzer: Analyzer) -> bool:
    """Whether ``sentence`` holds a match of ``kind`` that is more than the question's
    own words: a name, date, place, number or cause word the question did not give.
    ``question``: the question's lower-case words and its terms (a word of the match
    counts as given when it, or its term, is there)."""
    for m in kind.finditer(sentence):
        for word in re.findall(r"\w+", m.group().lower()):
            if word in question:
                continue
            toks = analyzer.analyze(word)
            if not toks or toks[0] not in question:
                return True  # "in 2019" with no 2019 asked; "because" for a "why"
    return False


#: How a sentence that leans on the one before it opens: a pronoun or demonstrative
#: ("It was built in 1901."), meaningless without its antecedent.
_ANAPHOR = re.compile(r"(?:it|its|this|these|that|those|they|their|he|his|she|her|such)\b", re.I)


def novel_terms(sentence: str, analyzer: Analyzer, question: set[str]) -> int:
    """How many distinct terms ``sentence`` holds beyond the ``question``'s: a sentence
    with almost none only restates the question."""
    return len(set(analyzer.analyze(sentence)) - question)


def _sentences(p: Passage) -> list[str]:
    spans = p.sentences or ((0, len(p.text)),)
    return [p.text[a:b].strip() for a, b in spans if p.text[a:b].strip()]


def source(passages: Sequence[Passage], text: str) -> Passage | None:
    """The passage an answer ``text`` of :func:`choose` came from (it opens with one of
    that passage's sentences, verbatim), or None."""
    for passage in passages:
        if any(text.startswith(s) for s in _sentences(passage)):
            return passage
    return None


def lead(passage: Passage) -> str | None:
    """A passage's first sentence (the answer when no sentence holds a question word)."""
    sentences = _sentences(passage)
    return sentences[0] if sentences else None


def choose(
    passages: Sequence[Passage],
    term_weight: Mapping[str, float],
    analyzer: Analyzer,
    p: Params,
    alts: Mapping[str, Mapping[str, float]] | None = None,
    cue: re.Pattern[str] | None = None,
    avoid: str | None = None,
    kind: re.Pattern[str] | None = None,
    question: set[str] | None = None,
) -> str | None:
    """The best one or two consecutive sentences from the best ``answer_depth`` of
    ``passages`` (best passage first).

    A sentence scores the summed weight (idf x query weight) of the distinct query terms
    it holds (a question word also counts, at ``alts``' credit, when the sentence holds
    an alias or synonym of it), with a preference for higher-ranked passages
    (``rank_penalty``) and crisper sentences (``length_penalty``), and a bonus
    (``answer_cue``) when it holds the question type's ``cue`` words (a "why" question
    prefers a sentence that gives a reason).
    When the best sentence leaves query terms uncovered and the next sentence of the
    same passage covers some of them, both are returned. A sentence that is (or starts)
    ``avoid`` is passed over (a bare follow-up must not repeat the previous answer).
    A sentence that :func:`brings` the ``kind`` of answer the question asks for (beyond
    the ``question``'s own terms) gains ``answer_type``. A sentence that holds fewer than
    ``answer_restates`` terms beyond the question's is followed by the next one (it
    restates the question; the answer comes after), and one that opens with a pronoun
    or demonstrative ("It", "These") is preceded by the one before it
    (``answer_antecedent``), so the answer reads on its own.
    """
    best: tuple[float, int, int, frozenset[str]] | None = None
    per_passage: list[list[tuple[str, frozenset[str]]]] = []
    for rank, passage in enumerate(passages[: p.answer_depth]):
        rows: list[tuple[str, frozenset[str]]] = []
        for s_i, sentence in enumerate(_sentences(passage)):
            tokens = analyzer.term_set(sentence)  # memoised: the same top passages recur
            covered = frozenset(t for t in tokens if t in term_weight)
            rows.append((sentence, covered))
            score = sum(term_weight[t] for t in sorted(covered))  # one order: the same sum in every process
            for own, options in (alts or {}).items():
                if own not in covered and own in term_weight:
                    credit = max((c for a, c in options.items() if a in tokens), default=0.0)
                    score += credit * term_weight[own]
            if not covered or (avoid and avoid.startswith(sentence)):
                continue
            if cue is not None:
                score *= 1 + p.answer_cue * min(len(cue.findall(sentence)), p.answer_cue_max)
            if kind is not None and p.answer_type > 0 and brings(sentence, kind, question or set(), analyzer):
                score *= 1 + p.answer_type
            score *= 1.0 - p.rank_penalty * rank
            score -= p.length_penalty * math.log1p(len(sentence.split()))  # prefer the crisper of equals
            if best is None or score > best[0]:
                best = (score, rank, s_i, covered)
        per_passage.append(rows)
    if best is None:
        return None
    _, rank, s_i, covered = best
    rows = per_passage[rank]
    text = rows[s_i][0]
    missing = set(term_weight) - covered
    asked = (question or set()) | set(term_weight)
    if s_i + 1 < len(rows):
        after = rows[s_i + 1][0]
        if missing and rows[s_i + 1][1] & missing:
            text = f"{text} {after}"
        elif p.answer_restates > 0 and novel_terms(text, analyzer, asked) < p.answer_restates:
            text = f"{text} {after}"  # it only restates the question: the next one goes on
        elif (
            kind is not None
            and p.answer_type > 0
            and not brings(text, kind, question or set(), analyzer)
            and brings(after, kind, question or set(), analyzer)
        ):  # the sentence restates the question; the next one holds the answer asked for
            text = f"{text} {after}"
    if p.answer_antecedent and s_i > 0 and _ANAPHOR.match(rows[s_i][0]):
        text = f"{rows[s_i - 1][0]} {text}"  # "It ..." needs what "it" is
    return text

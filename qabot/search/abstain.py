"""Every reason qabot refuses to answer, in one place, each with a machine-readable code.

Before searching (:func:`before_search`), from the query alone:

- ``unknown_entity``: the question names an entity (aliases.toml) none of whose names
  occur in the corpus ("the briefings never mention Canada");
- ``unknown_name``: it holds a capitalised name the corpus lacks;
- ``unknown_words``: none of its words occur in the corpus;
- ``empty_question``: it has no words to search for (only stopwords or punctuation).

After searching (:func:`after_search`):

- ``no_match``: no passage holds any query term;
- ``low_coverage``: the best passage covers less than ``Params.coverage_floor`` of the
  question, and holds fewer than ``Params.coverage_words`` of its words (a long
  question covers a smaller share of itself in any one passage: holding that many of
  its words is evidence enough);
- ``low_coverage`` too: the best passage covers less than ``Params.name_coverage`` of
  the question and the best ``Params.name_passages`` passages never name a capitalised
  word of the question that the corpus holds (the pipeline's name check);
- ``outside_window``: passages match, but none of a briefing dated in the question's
  window (its time words, ``--since``/``--until``).

After choosing the answer (:func:`after_answer`, :func:`unsupported`):

- ``no_match`` too: no answer sentence could be chosen (the passages found have no
  text), so there is nothing to show; an answered reply always has an answer sentence;
- ``unknown_name`` too: a capitalised word of the question that the corpus lacks was
  repaired as a typo into another corpus word ("Macron" -> "micron"), and the answer
  sentence does not hold that word (:func:`repaired_names`; ``Params.repair_check``):
  the repair was a guess the answer does not bear out, so the question names
  something the briefings never mention;
- ``low_support``: a "how many / how much" question whose answer sentence, and the
  passage it comes from, hold no number (``Params.number_check``): the briefings match
  the topic but never give the figure asked for there;
- ``low_support`` too, judged on the briefings of the best passage and of the answer
  sentence (text and titles): a country or organisation the question names is named in
  neither (:func:`entities_unheld`; ``Params.entity_check``), the answer tells another
  country's story; a name of several words neither names (``Params.long_names``); a
  year the question gives is in neither, nor their dates (:func:`years_unheld`;
  ``Params.year_check``); or the word a "how many / how much" question counts is named
  in neither (:func:`focus_unheld`; ``Params.focus_check``).

The command line adds ``chat_command`` (a slash command given to ``qabot ask``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from ..analysis import surface_text
from .params import Params
from .query import Knowledge, Query
from .searcher import Hit, Searcher, dated_span

#: Every code a refusal can carry (``"reason_code"`` in JSON).
CODES = (
    "empty_question",
    "unknown_entity",
    "unknown_name",
    "unknown_words",
    "no_match",
    "low_coverage",
    "outside_window",
    "low_support",
    "chat_command",
)


@dataclass(frozen=True)
class Refusal:
    """Why there is no answer: a code for scripts, a sentence for people."""

    code: str
    reason: str


def join_or(words: Sequence[str], quote: bool = False) -> str:
    """ "a", "a or b", "a, b or c" (duplicates dropped), for messages to the user."""
    unique = [f'"{w}"' if quote else w for w in dict.fromkeys(words)]
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " or " + unique[-1]


def never_mention(what: str) -> str:
    """The one wording of "the corpus lacks this"."""
    return f"the briefings never mention {what}"


def before_search(q: Query) -> Refusal | None:
    """A refusal decided from the query alone, or None to search."""
    if q.missing:
        return Refusal("unknown_entity", never_mention(join_or(q.missing)))
    if q.unknown_names:
        return Refusal("unknown_name", never_mention(join_or(q.unknown_names)))
    if not q.weights:
        if q.unknown:
            return Refusal("unknown_words", never_mention(join_or(q.unknown)))
        return Refusal(
            "empty_question", "the question has no words to search for (only stopwords or punctuation)"
        )
    return None


def held_words(q: Query, held: Sequence[str], frame: frozenset[str] = frozenset()) -> int:
    """How many of the question's own words a passage holding terms ``held`` holds (a
    word counts when one of the terms it is searched as is held; ``frame``: terms that
    name the kind of answer, which do not count)."""
    have = set(held)
    return sum(1 for w in q.words if w.terms and not set(w.terms) <= frame and have.intersection(w.terms))


def after_search(q: Query, found: bool, coverage: float, p: Params, words: int = 0) -> Refusal | None:
    """A refusal decided from what the search ``found``, the best passage's coverage and
    the number of the question's ``words`` it holds."""
    if found and (coverage >= p.coverage_floor or (p.coverage_words > 0 and words >= p.coverage_words)):
        return None
    what = join_or(q.unknown, quote=True) if q.unknown else "the question"
    if not found:
        return Refusal("no_match", never_mention(what))
    return Refusal("low_coverage", f"nothing in the briefings matches {what} well enough")


#: Capitalised words that name a time or a count, not a subject ("Group of Eight": a
#: briefing writes "G8").
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "one two three four five six seven eight nine ten eleven twelve twenty hundred thousand".split()
)


def names_unheld(
    q: Query, doc_holds: Callable[[Sequence[str]], Sequence[bool]], widen: Callable[[str], Sequence[str]]
) -> list[str]:
    """The capitalised words of the question (not its first word) that the corpus holds
    but the best passage's briefing does not, as written, nor as an alias or other
    spelling of them: a question about someone or something the briefing that matches
    never names asks about another story. ``doc_holds``: whether that briefing holds
    each of some terms; ``widen``: the corpus terms sharing a term's stem ("Saharan" is
    named where "Sahara" is)."""
    text = surface_text(q.question)
    if not any(c.islower() for c in text):  # a question in capitals names nothing by case
        return []
    lead = re.search(r"\w", text)
    first = lead.start() if lead else 0  # the question's first word: capitalised anyway
    asked: list[tuple[str, list[str]]] = []  # each name (a run of words) and its terms
    end = -1  # where the last name word ended
    for w in q.words:
        raw = text[w.start : w.end]
        if w.start == first or not raw[:1].isupper() or not w.terms or raw.lower() in _CALENDAR:
            continue
        if text[w.end : w.end + 1] == "-" or text[w.start - 1 : w.start] == "-":
            continue  # half of a hyphenated name: the corpus may join or split it otherwise
        if sum(c.isupper() for c in raw) > 1:
            continue  # an acronym ("SP", "WWII"): a briefing may spell it out instead
        terms = list(w.terms)
        for t in w.terms:
            terms.extend(q.alts.get(t, {}))
            terms.extend(widen(t))
        if asked and text[end : w.start] == " ":  # one name of several words: "Sky Drive"
            asked[-1] = (f"{asked[-1][0]} {raw}", asked[-1][1] + terms)
        else:
            asked.append((raw, terms))
        end = w.end
    if not asked:
        return []
    flat = list(dict.fromkeys(t for _, terms in asked for t in terms))
    held = {t for t, h in zip(flat, doc_holds(flat), strict=True) if h}
    return [raw for raw, terms in asked if not held.intersection(terms)]


def outside_window(q: Query, hits: Sequence[Hit], in_window: bool, searcher: Searcher) -> Refusal | None:
    """A refusal when the window holds no matching passage though others match."""
    t = q.timing
    if t is None or hits or in_window or not t.window:
        return None
    days = dated_span(searcher.dates())
    span = ""
    if days is not None:
        lo, hi = date.fromordinal(days[0]), date.fromordinal(days[1])
        span = f" (the briefings run from {lo.isoformat()} to {hi.isoformat()})"
    return Refusal(
        "outside_window", f"no briefing dated {window_text(t.since, t.until)} matches the question{span}"
    )


def window_text(since: date | None, until: date | None) -> str:
    """A window in words: "from 2019-01-01 to 2019-12-31", "since ...", "until ..."."""
    if since and until:
        if since > until:
            return f"from {since.isoformat()} to {until.isoformat()} (an empty window)"
        return f"from {since.isoformat()} to {until.isoformat()}"
    if since:
        return f"on or after {since.isoformat()}"
    return f"on or before {until.isoformat()}" if until else "at any time"


def repaired_names(q: Query, held: Callable[[str], bool]) -> list[str]:
    """The capitalised words of the question (not its first word, in a question not
    written all in one case) that typo repair turned into another corpus word, when
    ``held`` (whether the answer holds a term) is false for the repaired term and every
    alias of it. A name the corpus lacks is repaired to whatever corpus word is nearest
    in spelling ("Macron" -> "micron", "Basset" -> "asset"); a true misspelling of a
    name the briefings hold ("Austraila") is borne out by the answer naming it."""
    text = surface_text(q.question)
    if not (any(c.islower() for c in text) and any(c.isupper() for c in text)):
        return []
    lead = re.match(r"\s*\S+", text)
    start = lead.end() if lead else 0
    out: list[str] = []
    for w in q.words:
        if w.how != "typo" or w.start < start or not text[w.start : w.start + 1].isupper():
            continue
        options = [*w.terms, *(a for t in w.terms for a in q.alts.get(t, {}))]
        if not any(held(t) for t in options):
            out.append(text[w.start : w.end])
    return out


def entities_unheld(
    q: Query, kb: Knowledge, doc_holds: Callable[[Sequence[str]], Sequence[bool]]
) -> list[str]:
    """The countries and organisations the question names, as written, that a briefing
    never names: by none of their names (each name's terms all held) nor their capital.
    ``doc_holds``: whether that briefing holds each of some terms.

    Only an entity named by one of its own names or a demonym counts ("Tanzania's",
    "Japanese"): one reached through a capital ("Nairobi") or an ambiguous name
    ("Georgia", "Chad") may mean something else, and one the corpus lacks is refused
    before the search already. A question that asks about Tanzania, answered from a
    briefing that never names Tanzania, is answered from another country's story."""
    lex = kb.lexicon
    wanted: dict[str, list[list[str]]] = {}
    for m in q.mentions:
        for g in m.groups:
            if lex.via_hint(g, m) or lex.via_weak(g, m) or not kb.entity_in_corpus(g):
                continue
            ent = lex.entities[g]
            names = kb.entity_name_terms(g) + kb.entity_hint_terms(g)
            if names:
                wanted.setdefault(ent.name, []).extend(names)
    if not wanted:
        return []
    flat = list(dict.fromkeys(t for names in wanted.values() for toks in names for t in toks))
    held = {t for t, h in zip(flat, doc_holds(flat), strict=True) if h}
    return [
        name
        for name, options in wanted.items()
        if not any(toks and held.issuperset(toks) for toks in options)
    ]


_HOW_MUCH = re.compile(r"\bhow (?:many|much)\s+", re.I)


def focus_unheld(
    q: Query,
    holds: Callable[[Sequence[str]], Sequence[bool]],
    widen: Callable[[str], Sequence[str]],
    kinds: frozenset[str] = frozenset(),
) -> str | None:
    """The word a "how many / how much" question counts ("how much *revenue*", "how many
    *votes*"), when a briefing never names it: not as written, as an alias or synonym of
    it, nor in a form sharing its stem ("Saharan" / "Sahara"). ``holds``: whether the
    briefing holds each of some terms. A briefing that never names what is counted
    cannot give its amount. None when it is named, or the question counts no word of
    its own ("how much did ... rise": a verb comes later), or counts a kind of answer
    rather than a subject (``kinds``, the words naming one: "how many *people*", which a
    briefing gives as staff, members or voters)."""
    text = surface_text(q.question)
    m = _HOW_MUCH.search(text)
    if m is None:
        return None
    head = next((w for w in q.words if w.start >= m.end()), None)
    if head is None or head.start != m.end() or head.how not in ("known", "variant", "typo"):
        return None
    if kinds.intersection(head.terms):
        return None
    if not any(t in q.own for t in head.terms):
        return None  # a stopword or a word the time stage took ("how much did ...")
    options = [*head.terms, *(a for t in head.terms for a in q.alts.get(t, {}))]
    options += [x for t in head.terms for x in widen(t)]
    options = list(dict.fromkeys(options))
    if any(holds(options)):
        return None
    return text[head.start : head.end]


_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")


def years_unheld(
    q: Query, holds: Callable[[Sequence[str]], Sequence[bool]], dated: Sequence[int]
) -> list[str]:
    """The years the question gives as its own words (terms "1500".."2099") that a
    briefing never gives: not in its text or title (``holds``, whether it holds each of
    some terms; a decade's year, "1950", is held by "1950s"), and not the year of its date
    (``dated``: the years the briefings are dated in). A question about 2015 answered
    from a briefing that never names 2015 is answered about another year."""
    years = [t for t in q.own if _YEAR.fullmatch(t) and int(t) not in dated]
    if not years:
        return []
    options = {y: [y, f"{y}s"] if y.endswith("0") else [y] for y in years}
    flat = list(dict.fromkeys(t for opts in options.values() for t in opts))
    held = {t for t, h in zip(flat, holds(flat), strict=True) if h}
    return [y for y, opts in options.items() if not held.intersection(opts)]


def unsupported(
    q: Query,
    names: Sequence[str],
    no_number: bool,
    entities: Sequence[str] = (),
    years: Sequence[str] = (),
    focus: str | None = None,
) -> Refusal | None:
    """A refusal when the chosen answer does not bear the question out: ``names``, the
    question's repaired names the answer does not hold (:func:`repaired_names`),
    ``no_number``, a "how many" question answered from a passage that gives no number, or
    ``entities``, what the question names that the answer's briefing never names
    (:func:`entities_unheld`), or ``years``, the years it gives that the answer's briefing
    never gives (:func:`years_unheld`), or ``focus``, the word a "how many" question
    counts that the answer's briefing never names (:func:`focus_unheld`)."""
    if names:
        return Refusal("unknown_name", never_mention(join_or(names)))
    if entities:
        return Refusal("low_support", f"the briefing that answers best never mentions {join_or(entities)}")
    if years:
        return Refusal("low_support", f"the briefing that answers best never mentions {join_or(years)}")
    if focus:
        return Refusal("low_support", f"the briefing that answers best never mentions {focus}")
    if no_number:
        return Refusal("low_support", "the briefings that match never give the number asked for")
    return None


def after_answer(q: Query, sentence: str | None) -> Refusal | None:
    """A refusal when no answer sentence could be chosen (answered implies an answer)."""
    if sentence:
        return None
    what = join_or(q.unknown, quote=True) if q.unknown else "the question"
    return Refusal("no_match", f"no sentence in the briefings answers {what}")

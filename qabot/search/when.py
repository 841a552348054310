"""Time in a question: the time words stage, and the dates it puts on the ranking.

An archive answers "what is the crude ban's status?" differently in 2017, 2019 and
2023, and only the briefings' dates tell the answers apart. :func:`stage` reads a
question's time words and the window it was asked in (``--since``/``--until``, an
eval question's ``as_of``) into a :class:`Timing`:

- "latest", "most recent", "now", "currently", "still", "at the moment": the newest
  matching briefings first (:attr:`Timing.prefer` "latest");
- "first", "earliest", "initially", "originally": the oldest first;
- "in 2018", "in March 2021", a bare "2018": briefings of that year (or month), and a
  passage of the next year that names the year (a season reported later);
- "before/until/prior to/ahead of X", "after/since/following X", "between X and Y",
  where X is a date or a named event; an event ("the Singapore summit") is dated by the
  briefing that reports it: the dated briefing with the most passages holding all its
  words (the earliest of equals), its words then searched at ``Params.event_weight``;
- "before that" in a follow-up: the date of the previous answer.

The time words themselves are not searched. :func:`allowed` turns a Timing into a
mask over passages (undated briefings are outside every window, and counted: the
caller says how many were left out), :func:`reorder` applies the preference to the
re-ranked passages: those within ``Params.time_band`` of the best are put in date
order. ``Params.recency_prior`` (config ``recency``) gives newer briefings a mild
edge on every question. ``Params.dates = 0`` switches all of it off.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, TypeVar

from ..analysis import Analyzer, stopwords, surface_text
from ..lazyre import lazy
from .params import Params
from .searcher import Passages, Searcher, Window, dated_span, doc_runs, ints, rows

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "january jan", "february feb", "march mar", "april apr", "may", "june jun",
            "july jul", "august aug", "september sept sep", "october oct", "november nov",
            "december dec",
        ),
        start=1,
    )
    for m in names.split()
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d\d"
#: a date in a question: "2018", "March 2021", "2021-03", "2021-03-18"
_DATE = (
    rf"(?:(?P<mon>{_MONTH})\s+(?:(?P<dd>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?)?"
    rf"(?P<year>{_YEAR})(?:-(?P<m2>[01]\d)(?:-(?P<d2>[0-3]\d))?)?\b"
)
_BEFORE = r"before|prior to|ahead of|until|till|up to|up until|earlier than"
_AFTER = r"after|since|following|in the wake of|later than|from"
_LATEST = (
    r"latest|most recent(?:ly)?|newest|recent(?:ly)?|now|nowadays|currently|current|"
    r"at the moment|at present|presently|these days|today|still|so far|to date|as things stand|"
    r"any more|anymore|last"
)
_EARLIEST = r"first|earliest|initially|originally|at first|at the start|in the beginning|for the first time"
_RANGE = lazy(
    rf"\bbetween\s+(?P<a>{_DATE.replace('?P<', '?P<a_')})\s+and\s+(?P<b>{_DATE.replace('?P<', '?P<b_')})"
)
_DATE_AFTER = lazy(
    rf"\b(?P<rel>{_BEFORE}|{_AFTER}|by|in|during|of|for|throughout)\s+(?:the\s+year\s+)?{_DATE}"
)
_BARE_DATE = lazy(rf"(?<![\w-]){_DATE}")
_TRIGGER_WORDS = frozenset(" ".join([_BEFORE, _AFTER]).replace("|", " ").split())
#: "from" and "later than" take dates only ("gas flows from Neptun Deep" names no event)
_AFTER_EVENT = r"after|since|following|in the wake of"
_EVENT = re.compile(rf"\b(?P<rel>{_BEFORE}|{_AFTER_EVENT})\s+(?P<rest>\S.*)")
_DATE_FIRST = lazy(rf"(?:the\s+year\s+)?{_DATE}")
_DATE_IN = lazy(rf"\b(?:in|on|of|during)\s+{_DATE}")
#: every date pattern above holds a year: a question without one skips them (and
#: never compiles them: their month alternations cost milliseconds to compile)
_HAS_YEAR = re.compile(_YEAR)
_PREFER = re.compile(rf"\b(?P<w>{_LATEST}|{_EARLIEST})\b")
_EARLY_WORDS = set(_EARLIEST.split("|"))
_THAT = {"that", "then", "this"}
_WHEN = re.compile(r"\s*(?:when|since when|in what year|what year|what was the first|how long ago)\b")
#: a clause that opens with one of these is an action, not a named event ("since he came back")
_PRONOUNS = frozenset("he she they we i you his her their our its".split())
#: words that end an event's name ("after the Accra summit collapsed, what ...")
_EVENT_END = re.compile(r"[,;:?!()\"]|\.(?:\s|$)")
_EVENT_WORDS = 4
#: a briefing whose title names the event counts as this many passages naming it
_TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Event:
    """A named event the question dates itself by, and the briefing that dated it."""

    name: str  # as typed
    date: str  # ISO, the reporting briefing's date
    doc_id: str


@dataclass(frozen=True)
class Timing:
    """What the time words and the given window came to (all dates inclusive).

    ``since``/``until``: the window briefings must be dated in; ``soft``: a year
    named as such ("in 2016"), whose term (``soft_terms``, with the month's) lets a
    later passage in too, up to ``soft_until`` (the given window's end, if any);
    ``prefer``: "latest" or "earliest"; ``words``: the time phrases as typed;
    ``unresolved``: events named that no dated briefing reports (left to the words).
    """

    since: date | None = None
    until: date | None = None
    soft: str | None = None
    soft_until: date | None = None
    soft_terms: tuple[str, ...] = ()  # the year's term (and the month's): any lets a later passage in
    prefer: str | None = None
    words: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    unresolved: tuple[str, ...] = ()
    given: bool = False  # a window came from outside the question (flags, an eval key)
    as_of: date | None = None

    @property
    def window(self) -> bool:
        return self.since is not None or self.until is not None

    @property
    def empty(self) -> bool:
        return self.since is not None and self.until is not None and self.since > self.until

    def as_dict(self) -> dict[str, object]:
        """What was applied, as ``--json`` shows it."""
        out: dict[str, object] = {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "prefer": self.prefer,
            "words": list(self.words),
            "events": [{"name": e.name, "date": e.date, "briefing": e.doc_id} for e in self.events],
        }
        if self.soft:
            out["year_mentioned"] = self.soft
        if self.unresolved:
            out["undated_events"] = list(self.unresolved)
        if self.as_of:
            out["as_of"] = self.as_of.isoformat()
        return out


@dataclass(frozen=True)
class Given:
    """The window a question is asked in from outside it (resolved dates)."""

    since: date | None = None
    until: date | None = None
    as_of: date | None = None  # "now": nothing after it exists
    previous: date | None = None  # the previous answer's date ("before that")


# ---------------------------------------------------------------- passage dates


def ordinal(d: date | None) -> int:
    return d.toordinal() if d is not None else 0


def day(n: int) -> date | None:
    return date.fromordinal(n) if n > 0 else None


def _date_of(m: re.Match[str], side: str, prefix: str = "") -> tuple[date, date]:
    """The (first, last) day a matched date stands for."""
    g = m.groupdict()
    year = int(g[prefix + "year"])
    mon = g.get(prefix + "mon")
    month = _MONTHS.get(mon.rstrip(".")) if mon else (int(g[prefix + "m2"]) if g.get(prefix + "m2") else None)
    dd = g.get(prefix + "dd") or g.get(prefix + "d2")
    try:
        if month and dd:
            d = date(year, month, int(dd))
            return d, d
        if month:
            first = date(year, month, 1)
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
    except ValueError:
        pass
    return date(year, 1, 1), date(year, 12, 31)


def _narrow(a: date | None, b: date | None, latest: bool) -> date | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b) if latest else min(a, b)


# ---------------------------------------------------------------- the stage


class _Found:
    """What the scan of one question found, before it becomes a Timing."""

    def __init__(self) -> None:
        self.since: date | None = None
        self.until: date | None = None
        self.soft: str | None = None
        self.soft_until: date | None = None
        self.soft_words = ""  # the year (and month) as typed
        self.prefer: str | None = None
        self.words: list[str] = []
        self.events: list[Event] = []
        self.unresolved: list[str] = []
        self.drop: list[tuple[int, int]] = []  # spans whose words are not searched
        self.light: list[tuple[int, int]] = []  # spans searched at event_weight

    def bound(self, since: date | None = None, until: date | None = None) -> None:
        self.since = _narrow(self.since, since, latest=True)
        self.until = _narrow(self.until, until, latest=False)


def scan(
    question: str, searcher: Searcher, analyzer: Analyzer, given: Given, titles: Titles | None = None
) -> _Found:
    """The time words of ``question`` (its :func:`surface_text`; offsets are into it).

    In order: "between X and Y"; "before/after <event>" (a date inside the event's
    clause dates it: "after Trump called off the summit in May 2018"); "before/after/in
    <date>"; a bare year; "latest"/"first" words.
    """
    text = surface_text(question)
    low = text.lower()
    f = _Found()
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    def take(a: int, b: int, drop: bool = True) -> None:
        taken.append((a, b))
        f.words.append(text[a:b].strip())
        if drop:
            f.drop.append((a, b))

    dated = _HAS_YEAR.search(low) is not None
    for m in _RANGE.finditer(low) if dated else ():
        first, _ = _date_of(m, "since", "a_")
        _, last = _date_of(m, "until", "b_")
        f.bound(first, last)
        take(m.start(), m.end())
    for m in _EVENT.finditer(low):
        if not free(m.start(), m.start("rest")):
            continue
        rel = m.group("rel")
        before = bool(re.fullmatch(_BEFORE, rel))
        if dated and _DATE_FIRST.match(low, m.start("rest")):
            continue  # "before 2019": a date, read below
        span = _event_span(low, m.start("rest"))
        if span is None:
            continue
        a, b = span
        name = text[a:b]
        if all(w in _MONTHS or w.isdigit() or w in _TRIGGER_WORDS for w in re.findall(r"\w+", name.lower())):
            continue  # "until October": a month without its year dates nothing; "since since"
        if name.lower() in _THAT:
            if given.previous is None:
                continue
            take(m.start(), b)
            when = given.previous
            f.bound(until=when - timedelta(days=1)) if before else f.bound(since=when + timedelta(days=1))
            f.prefer = f.prefer or ("latest" if before else "earliest")
            continue
        clause = _EVENT_END.search(low, a)
        inner = _DATE_IN.search(low, a, clause.start() if clause else len(low)) if dated else None
        if inner is not None:  # the clause dates itself
            first, last = _date_of(inner, rel)
            f.bound(until=first - timedelta(days=1)) if before else f.bound(since=last + timedelta(days=1))
            taken.append((m.start(), max(b, inner.end())))
            f.words.append(text[m.start() : max(b, inner.end())].strip())
            f.drop += [(m.start(), m.start("rest")), (inner.start(), inner.end())]
            continue
        event = date_event(name, searcher, analyzer, titles)
        if event is None:
            f.unresolved.append(name)
            continue
        f.events.append(event)
        when = date.fromisoformat(event.date)
        f.bound(until=when - timedelta(days=1)) if before else f.bound(since=when)
        if not before:  # "after X", "since X": what came of it first
            f.prefer = f.prefer or "earliest"
        taken.append((m.start(), b))
        f.words.append(text[m.start() : b].strip())
        f.drop.append((m.start(), m.start("rest")))
        if len(re.findall(r"\w+", name)) > 1:  # "the summit" alone is the topic, not a date
            f.light.append((a, b))
    for m in _DATE_AFTER.finditer(low) if dated else ():
        if not free(m.start(), m.end()):
            continue
        rel = m.group("rel")
        first, last = _date_of(m, rel)
        if re.fullmatch(_BEFORE, rel):
            inclusive = rel in ("until", "till", "up to", "up until")
            f.bound(until=last if inclusive else first - timedelta(days=1))
        elif rel == "by":
            f.bound(until=last)
        elif re.fullmatch(_AFTER, rel):
            f.bound(since=first if rel in ("since", "from") else last + timedelta(days=1))
        else:  # in, during, of, for, throughout: the year (or month) itself
            _year(f, m, first, last)
        take(m.start(), m.end())
    span = _span(searcher)
    for m in _BARE_DATE.finditer(low) if dated else ():
        # a bare year outside the archive's years names something else ("Resolution 1929")
        if free(m.start(), m.end()) and span[0] <= int(m.group("year")) <= span[1]:
            first, last = _date_of(m, "in")
            _year(f, m, first, last)
            take(m.start(), m.end(), drop=False)  # "the 2021 election": the year is a word too
    for m in _PREFER.finditer(low):
        if not free(m.start(), m.end()):
            continue
        w = m.group("w")
        if w == "first" and not _WHEN.match(low):
            continue  # "his first state visit": a rank, not a time; "when did X first ...": a time
        f.prefer = f.prefer or ("earliest" if w in _EARLY_WORDS else "latest")
        take(m.start(), m.end())
    return f


#: per searcher: its dates array and the first and last years in it (0, 0: none dated),
#: found once (a scan of every passage's date) rather than on every question
_YEARS: weakref.WeakKeyDictionary[Searcher, tuple[Passages, tuple[int, int]]] = weakref.WeakKeyDictionary()


def _span(searcher: Searcher) -> tuple[int, int]:
    """The first and last years the briefings are dated in."""
    dates = searcher.dates()
    known = _YEARS.get(searcher)
    if known is not None and known[0] is dates:
        return known[1]
    days = dated_span(dates)
    span = (0, 0)
    if days is not None:
        span = date.fromordinal(days[0]).year, date.fromordinal(days[1]).year
    _YEARS[searcher] = (dates, span)
    return span


def _year(f: _Found, m: re.Match[str], first: date, last: date) -> None:
    """A year or month named as such ("in 2016", "in October 2018"): its window, soft:
    a later passage that names the year passes too (a season, a vote, reported later)."""
    f.bound(first, last)
    f.soft = m.group("year")
    f.soft_words = f"{m.group('year')} {m.groupdict().get('mon') or ''}"


#: words that end an event's clause ("after the Accra summit collapsed, what ...")
_CLAUSE_END = frozenset(
    """what which who whom whose when where why how did does do was were is are has have had will
    would can could should and but while whereas so""".split()
)


def _event_span(low: str, at: int) -> tuple[int, int] | None:
    """The span of an event's clause starting at ``at``: up to punctuation, a question
    word or auxiliary, at most a few words, a leading article and trailing stopwords
    left out. A clause that opens with a verb's -ing form ("before dismantling X") is
    a condition, not an event: None."""
    end = _EVENT_END.search(low, at)
    stop = end.start() if end else len(low)
    stops = stopwords()
    words: list[tuple[str, int, int]] = []
    for w in re.finditer(r"[\w'.-]+", low[at:stop]):
        word = w.group().strip(".'")
        if not words and word in ("the", "a", "an"):
            continue
        if not words and word in _THAT:
            return at + w.start(), at + w.end()
        if word in _CLAUSE_END:
            break
        words.append((word, at + w.start(), at + w.end()))
        if len(words) >= _EVENT_WORDS + 3:
            break
    while words and words[-1][0] in stops:
        words.pop()
    if not words or (words[0][0].endswith("ing") and words[0][0] not in stops and len(words[0][0]) > 5):
        return None
    if words[0][0] in _PRONOUNS:
        return None
    return words[0][1], words[-1][2]


_DAY_TEXT = lazy(
    rf"\b(?:(?P<d>[0-3]?\d)(?:[-–][0-3]?\d)?\s+(?P<m>{_MONTH})|(?P<m2>{_MONTH})\s+(?P<d2>[0-3]?\d)"
    rf"(?:[-–][0-3]?\d)?(?!\d))(?:,?\s+(?P<y>{_YEAR}))?",
    re.I,
)


def _text_date(text: str, report: date) -> date | None:
    """The first day-and-month in ``text`` near ``report`` (a year before it to two
    months after; without a year, the report's year, or the one before for a later
    month): the event's own date where the report gives it."""
    for m in _DAY_TEXT.finditer(text):
        mon = (m.group("m") or m.group("m2")).lower().rstrip(".")
        dd = int(m.group("d") or m.group("d2"))
        month = _MONTHS.get(mon)
        if month is None:
            continue
        year = int(m.group("y")) if m.group("y") else report.year
        try:
            d = date(year, month, dd)
            if not m.group("y") and d > report + timedelta(days=60):
                d = date(year - 1, month, dd)
        except ValueError:
            continue
        if report - timedelta(days=366) <= d <= report + timedelta(days=60):
            return d
    return None


#: (first passage, day number, title terms) of each briefing, as :class:`Titles` gives them
TitleRow = tuple[int, int, frozenset[str]]


class Titles:
    """Each dated briefing's title as terms, read once per searcher (an event's report
    is most often named in its title: "Accra Summit Collapses")."""

    def __init__(self, searcher: Searcher, analyzer: Analyzer) -> None:
        self.searcher, self.analyzer = searcher, analyzer
        self._rows: list[TitleRow] | None = None
        self._by_term: dict[str, list[int]] | None = None

    def rows(self) -> list[TitleRow]:
        if self._rows is None:
            briefs, dates = self.searcher.briefings(), self.searcher.dates()
            self._rows = [
                (i, int(dates[i]), frozenset(self.analyzer.analyze(self.searcher.title(i))))
                for i in _firsts(briefs)
                if dates[i] > 0
            ]
        return self._rows

    def holding(self, terms: Sequence[str]) -> list[TitleRow]:
        """The rows whose title holds one of ``terms`` or more, in row order (from a
        term -> rows table built once, not a look at every title per event)."""
        if self._by_term is None:
            table: dict[str, list[int]] = {}
            for r, (_, _, words) in enumerate(self.rows()):
                for w in words:
                    table.setdefault(w, []).append(r)
            self._by_term = table
        rows = self.rows()
        hit = sorted({r for t in dict.fromkeys(terms) for r in self._by_term.get(t, ())})
        return [rows[r] for r in hit]


def _firsts(briefs: Passages) -> list[int]:
    """The first passage of each briefing, in the order of the briefings' numbers."""
    if isinstance(briefs, list):
        first: dict[int, int] = {}
        for i, b in enumerate(briefs):
            first.setdefault(b, i)
        return [first[b] for b in sorted(first)]
    import numpy as np

    return ints(np.unique(briefs, return_index=True)[1])


def _picked(values: Passages, ids: Passages, at: list[int]) -> list[int]:
    """``values`` at passages ``ids`` (``at``: the same as a list), as Python ints."""
    return [values[i] for i in at] if isinstance(values, list) else ints(values[ids])


def _enough(held: int, terms: Sequence[str]) -> bool:
    """All the terms, or all but one of three or more."""
    return held >= (len(terms) - 1 if len(terms) >= 3 else len(terms))


#: per searcher: its briefings array and whether each briefing is one document's run of
#: passages (checked once, a scan of every passage, rather than on every event)
_RUNS: weakref.WeakKeyDictionary[Searcher, tuple[Passages, bool]] = weakref.WeakKeyDictionary()


def _follows_runs(searcher: Searcher, briefs: Passages) -> bool:
    """Whether the briefing numbers are constant over each run of ``doc_starts`` and
    differ between runs (the Searcher promises consecutive passages per document, not
    that briefings are documents)."""
    known = _RUNS.get(searcher)
    if known is not None and known[0] is briefs:
        return known[1]
    n = searcher.n_passages
    if isinstance(briefs, list):
        starts = [int(x) for x in searcher.doc_starts()]
        first = starts[0] if starts else n
        heads = [briefs[k] for k in starts]
        runs = zip(starts, [*starts[1:], n], heads, strict=True)
        ok = all(x == h for lo, hi, h in runs for x in briefs[lo:hi]) and len(set(heads)) == len(heads)
    else:
        import numpy as np

        at = np.asarray(searcher.doc_starts(), dtype=np.int64)
        heads_of = briefs[at]
        lengths = np.diff(np.append(at, n))
        same = bool(np.array_equal(np.repeat(heads_of, lengths), briefs))
        ok = same and len(np.unique(heads_of)) == len(heads_of)
        first = int(at[0]) if len(at) else n
    ok = ok and first == 0  # the runs start at the first passage (none: no passages)
    _RUNS[searcher] = (briefs, ok)
    return ok


def _passages_of(searcher: Searcher, briefs: Passages, b: int, i: int) -> list[int]:
    """The passages of briefing ``b``, ``i`` one of them, ascending: its document's run
    (a binary search in ``doc_starts``) when briefings follow the runs, else a scan of
    every passage (about 0.3 ms over a million, on each event question)."""
    if _follows_runs(searcher, briefs):
        (lo,), (hi,) = doc_runs(searcher, [i])
        return list(range(lo, hi))
    if isinstance(briefs, list):
        return [k for k, x in enumerate(briefs) if x == b]
    import numpy as np

    return ints(np.flatnonzero(briefs == b))


def date_event(
    name: str, searcher: Searcher, analyzer: Analyzer, titles: Titles | None = None
) -> Event | None:
    """The event ``name`` dated by the briefing that reports it, or None.

    A dated briefing scores one per passage holding the event's terms (years aside,
    which narrow it to briefings of that year: all of them, failing that all but one of
    three or more) and :data:`_TITLE_WEIGHT` when its title holds them; the best
    reports the event (the earliest of equals). The event's date is the first
    day-and-month a sentence of the report naming it (as above) gives, else the
    report's date. An event the corpus never names, or only undated briefings name, is
    None.
    """
    years = re.findall(_YEAR, name)
    wanted = list(dict.fromkeys(analyzer.analyze(re.sub(_YEAR, " ", name))))
    terms = [t for t in wanted if searcher.has_term(t)]
    if not terms or len(terms) < len(wanted) - 1 or (len(wanted) > 1 and len(terms) < 2):
        return None
    dates = searcher.dates()
    briefs = searcher.briefings()

    def in_year(d: int) -> bool:
        return not years or str(date.fromordinal(d).year) in years

    score: dict[int, float] = {}  # briefing -> its score
    first: dict[int, int] = {}  # briefing -> a passage of it
    # a title holding none of the terms is never enough (one at least is needed)
    for i, d, words in (titles or Titles(searcher, analyzer)).holding(terms):
        if in_year(d) and _enough(sum(t in words for t in terms), terms):
            b = int(briefs[i])
            score[b] = _TITLE_WEIGHT
            first[b] = i
    ids, _ = searcher.best([dict.fromkeys(terms, 1.0)], 400)
    if len(ids):
        mat = searcher.holds(terms, ids)
        held = [sum(row) for row in mat] if isinstance(mat, list) else mat.sum(axis=1).tolist()
        # the candidates' days and briefings read once (not an array element per look)
        at = ints(ids)
        days, of = _picked(dates, ids, at), _picked(briefs, ids, at)
        for need in (len(terms), len(terms) - 1) if len(terms) >= 3 else (len(terms),):
            found = False
            for i, n, d, b in zip(at, held, days, of, strict=True):
                if n >= need and d > 0 and in_year(d):
                    score[b] = score.get(b, 0.0) + 1
                    first.setdefault(b, i)
                    found = True
            if found:
                break
    if not score:
        return None
    best = max(score, key=lambda b: (score[b], -int(dates[first[b]])))
    report = date.fromordinal(int(dates[first[best]]))
    when = report
    of_best = _passages_of(searcher, briefs, best, first[best])
    wanted_set = set(terms)
    for i in of_best:
        passage = searcher.passage(i)
        hit = None
        for a, b in passage.sentences:
            sentence = passage.text[a:b]
            if _enough(len(analyzer.term_set(sentence) & wanted_set), terms):
                hit = _text_date(sentence, report)
                if hit is not None:
                    break
        if hit is not None:
            when = hit
            break
    return Event(name, when.isoformat(), searcher.passage(first[best]).doc_id)


def _any_dated(searcher: Searcher) -> bool:
    return _span(searcher) != (0, 0)


def stage(
    question: str,
    own: dict[str, float],
    spans: Sequence[tuple[str, int, int]],
    searcher: Searcher,
    analyzer: Analyzer,
    p: Params,
    given: Given,
    titles: Titles | None = None,
) -> tuple[Timing | None, dict[str, float], tuple[tuple[int, int], ...]]:
    """The question's :class:`Timing` (None: no time words and no window given), its
    own terms without the time words (an event's words at ``Params.event_weight``) and
    the spans of the time words dropped."""
    if p.dates <= 0:
        return None, own, ()
    # where no briefing is dated, time words cannot choose between passages: they stay
    # ordinary words (a corpus of undated pages ranks exactly as without this stage)
    f = scan(question, searcher, analyzer, given, titles) if _any_dated(searcher) else _Found()
    since, until = f.since, f.until
    since = _narrow(since, given.since, latest=True)
    until = _narrow(until, given.until, latest=False)
    until = _narrow(until, given.as_of, latest=False)
    if not f.words and not f.unresolved and since is None and until is None:
        return None, own, ()
    soft_until = _narrow(given.until, given.as_of, latest=False)
    timing = Timing(
        since,
        until,
        f.soft,
        soft_until,
        tuple(t for t in dict.fromkeys(analyzer.analyze(f.soft_words)) if searcher.has_term(t)),
        f.prefer,
        tuple(f.words),
        tuple(f.events),
        tuple(f.unresolved),
        given=given.since is not None or given.until is not None,
        as_of=given.as_of,
    )
    new = dict(own)
    inside = {t for t, a, b in spans if any(x <= a and b <= y for x, y in f.drop)}
    light = {t for t, a, b in spans if any(x <= a and b <= y for x, y in f.light)}
    for t in inside - light:
        new.pop(t, None)
    for t in light:
        if t in new:
            new[t] = new[t] * p.event_weight
    new = {t: w for t, w in new.items() if w > 0}
    return timing, new if new else own, tuple(f.drop)


# ---------------------------------------------------------------- applying it


def allowed(timing: Timing | None, searcher: Searcher) -> tuple[Window | None, int]:
    """Which passages the window lets through (None: all), and how many undated
    briefings it left out (never silently: the caller says so)."""
    if timing is None or not timing.window:
        return None, 0
    dates = searcher.dates()
    lo = ordinal(timing.since) if timing.since else 1
    hi = ordinal(timing.until) if timing.until else 2**63 - 1
    if isinstance(dates, list):  # the light backend's lists: the same test passage by passage
        return _allowed_list(timing, searcher, dates, lo, hi)
    import numpy as np

    mask = (dates >= lo) & (dates <= hi)
    if timing.soft_terms:
        late = dates > hi
        if timing.soft_until is not None:
            late &= dates <= ordinal(timing.soft_until)
        if late.any():  # late passages holding a soft term
            ids = np.flatnonzero(late).astype(np.int64)
            mask[ids[np.asarray(searcher.holds(list(timing.soft_terms), ids), dtype=bool).any(axis=1)]] = True
    undated = np.asarray(searcher.briefings())[dates <= 0]
    return mask, len(np.unique(undated))


def _allowed_list(
    timing: Timing, searcher: Searcher, dates: list[int], lo: int, hi: int
) -> tuple[Window | None, int]:
    mask = [lo <= d <= hi for d in dates]
    if timing.soft_terms:
        top = ordinal(timing.soft_until) if timing.soft_until is not None else None
        late = [i for i, d in enumerate(dates) if d > hi and (top is None or d <= top)]
        if late:  # late passages holding a soft term
            for i, row in zip(late, rows(searcher.holds(list(timing.soft_terms), late)), strict=True):
                if any(row):
                    mask[i] = True
    briefs = searcher.briefings()
    return mask, len({briefs[i] for i, d in enumerate(dates) if d <= 0})


_T = TypeVar("_T")


class _Scored(Protocol):
    @property
    def score(self) -> float: ...
    @property
    def passage(self) -> int: ...
    def _replace(self: _T, *, score: float) -> _T: ...  # a named tuple's copy with a new score


S = TypeVar("S", bound=_Scored)


def reorder(scored: list[S], timing: Timing | None, searcher: Searcher, p: Params) -> list[S]:
    """Re-ranked passages, best first, with the recency prior and the time preference
    applied: the passages within ``time_band`` of the best in date order (undated last)."""
    if not scored or p.dates <= 0:
        return scored
    dates = searcher.dates()
    if p.recency_prior > 0:
        days = dated_span(dates)
        if days is not None:
            lo, hi = days
            span = max(hi - lo, 1)

            def boosted(s: S) -> S:
                d = int(dates[s.passage])
                share = (d - lo) / span if d > 0 else 0.0
                return s._replace(score=s.score * (1 + p.recency_prior * share))

            scored = sorted((boosted(s) for s in scored), key=lambda s: (-s.score, s.passage))
    if timing is None or timing.prefer is None:
        return scored
    best = scored[0].score
    band = [s for s in scored if s.score >= p.time_band * best]
    rest = scored[len(band) :]
    latest = timing.prefer == "latest"

    def key(s: S) -> tuple[int, int, float]:
        d = int(dates[s.passage])
        if d <= 0:
            return (1, 0, -s.score)
        return (0, -d if latest else d, -s.score)

    return sorted(band, key=key) + rest

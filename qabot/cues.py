"""Question types and the cue words that answer them.

"Why" questions want causal language, "when" dates, "who" names and titles, "where"
places, "what role" role words, "how many" numbers. The ranker gives passages holding
their question type's cues a bonus; an index stores each passage's cue counts (built
with the passages), so a query does not run these patterns over its candidates.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from functools import lru_cache

from .analysis import fold

QTYPES = [
    ("why", re.compile(r"\b(why|how come|what caused|reasons?|cause)\b")),
    ("when", re.compile(r"\b(when|what date|what day|what time|how long|how soon|until when)\b")),
    ("where", re.compile(r"\b(where|which city|what city|which country|what place)\b")),
    ("who", re.compile(r"\b(who|whom|whose)\b")),
    ("role", re.compile(r"\b(role|part|stake)\b")),
    ("number", re.compile(r"\bhow (many|much)\b")),
]
#: Each question type's cue words, as (pattern, flags): compiled on first use, since a
#: one-shot ask needs one of them and only builds need all.
CUE_SOURCES: dict[str, tuple[str, int]] = {
    "why": (
        r"\b(because|due to|owing to|reportedly|reasons?|since|given that|as a result|led to|"
        r"leading to|so that|in order to|thanks to|caused|the cost of|too high)\b",
        re.I,
    ),
    "when": (
        r"\b((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}|(19|20)\d\d|"
        r"(january|february|march|april|june|july|august|september|october|november|december)|"
        r"week|weeks|month|months|days|until|within)\b",
        re.I,
    ),
    "where": (r"\b(in|at|to|from|for|across|toward) (the )?[A-Z][a-z]+", 0),
    "who": (
        r"\b(president|minister|secretary|representative|leader|chairman|envoy|officials?|"
        r"delegation|spokesman|adviser|[A-Z][a-z]+ [A-Z][a-z]+)\b",
        0,
    ),
    "role": (r"\b(role|mediator|interest|stake|play(ed|s)?|help|consult|broker|position)\b", re.I),
    "number": (r"\b\d+\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?)\b", re.I),
}

#: The order of the cue-count columns an index stores.
CUE_TYPES: tuple[str, ...] = tuple(CUE_SOURCES)
#: A passage's cue count is capped here: three cue words are as good as more.
CUE_CAP = 3


def question_type(question: str) -> str | None:
    q = fold(question).lower()
    for name, pattern in QTYPES:
        if pattern.search(q):
            return name
    return None


def cue_for(qtype: str | None) -> re.Pattern[str] | None:
    """The cue pattern of a question type (None for untyped questions)."""
    source = CUE_SOURCES.get(qtype or "")
    return None if source is None else re.compile(*source)


# For counting at build time: a case-insensitive pattern runs more than twice as fast
# compiled without re.I over the lower-cased text (same matches for these ASCII patterns).
# With each, the literals one of which every match holds (lazyre.required), when it has
# them: a text holding none of them has no cue of that type, without running the pattern.
@lru_cache(maxsize=1)
def _counters() -> list[tuple[re.Pattern[str], bool, tuple[str, ...] | None]]:
    from .lazyre import required

    out: list[tuple[re.Pattern[str], bool, tuple[str, ...] | None]] = []
    for t in CUE_TYPES:
        source, flags = CUE_SOURCES[t]
        factors = required(source)  # as compiled here: case-sensitive
        out.append((re.compile(source), bool(flags & re.I), None if factors is None else factors[1]))
    return out


def _count(pattern: re.Pattern[str], text: str) -> int:
    n = 0
    for _ in pattern.finditer(text):
        n += 1
        if n == CUE_CAP:
            break
    return n


def cue_counts(text: str) -> list[int]:
    """How many cue words of each type (in CUE_TYPES order, capped) ``text`` holds."""
    fast = _fast()
    if fast is not None:
        return fast(text)
    lower = text.lower()
    counts: list[int] = []
    for pattern, folded, factors in _counters():
        where = lower if folded else text
        if factors is not None and not any(map(where.__contains__, factors)):
            counts.append(0)
            continue
        counts.append(_count(pattern, where))
    return counts


# ---------------------------------------------------------------- the fast count
# The same counts as the patterns of CUE_SOURCES, for the sources of this fingerprint
# (changed sources fall back to running them; a test says when that happens):
# - A word a pattern's every match holds (the words of ``\b(...)\b`` alternatives are
#   whole \w-runs) is looked up in the text's ASCII \w-runs, found by one bytes
#   translate and split (a character outside ASCII becomes a space: it can only cut runs
#   up, so a run the pattern needs is never lost). No such word, no match: the count is 0
#   without running the pattern. "when" also matches with a digit (\d, any script).
#   The words are runs of ``text.lower()``, also for "who" (case-sensitive): lowering
#   never makes a word character of another (a test checks every code point).
# - "who" is a union of lower-case words and ``[A-Z][a-z]+ [A-Z][a-z]+``: their matches
#   cannot overlap (one starts lower-case, the other upper-case, both at a word start,
#   and neither holds a word start of the other's kind), so the count is the sum of the
#   two counted apart, and the second runs with its capital first (``\b`` before a word
#   character is ``(?<!\w)`` behind it), which lets the regex engine skip to capitals.
# - "number" likewise: whole digit runs and whole number words cannot overlap; the
#   digit runs are found from their first digit, as the names from their capital.
# - "where" is found from its capital: a preposition and an optional "the " behind it (a
#   capital and its lower-case letters are never inside another match, so the matches
#   are the same ones).
_FAST_FOR = "f691e063"
_WORD_BYTES = bytes(c if chr(c).isascii() and (chr(c).isalnum() or c == 95) else 32 for c in range(256))
_NOT_DIGITS = bytes(c for c in range(256) if not 48 <= c <= 57)
_NEEDS = {  # a type -> words one of which each of its matches holds (one per alternative)
    "why": "because due owing reportedly reason reasons since given result led leading so order thanks "
    "caused cost high",
    "when": "january february march april june july august september october november december "
    "week weeks month months days until within",
    "role": "role mediator interest stake play played plays help consult broker position",
    "who": "president minister secretary representative leader chairman envoy official officials "
    "delegation spokesman adviser",
    "number": "one two three four five six seven eight nine ten dozen dozens hundred hundreds",
}
_PREPOSITIONS = ("in", "at", "to", "from", "for", "across", "toward")


@lru_cache(maxsize=1)
def _fast() -> Callable[[str], list[int]] | None:
    if fingerprint() != _FAST_FOR:
        return None
    plain = {t: re.compile(CUE_SOURCES[t][0]) for t in CUE_TYPES}
    needs = {t: frozenset(w.encode() for w in words.split()) for t, words in _NEEDS.items()}
    why, when, role = (needs[t] for t in ("why", "when", "role"))
    who_words, number_words = needs["who"], needs["number"]
    behind = "|".join(f"(?<=\\b{p} .)|(?<=\\b{p} the .)" for p in _PREPOSITIONS)
    where = re.compile(f"[A-Z](?:{behind})[a-z]+")
    who_titles = re.compile(
        r"\b(?:president|minister|secretary|representative|leader|chairman|envoy|officials?|"
        r"delegation|spokesman|adviser)\b"
    )
    who_names = re.compile(r"[A-Z](?<!\w.)[a-z]+ [A-Z][a-z]+\b")
    digits = re.compile(r"\d(?<!\w.)\d*\b")  # \b\d+\b, digit first
    number_names = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens?|hundreds?)\b")
    any_digit = re.compile(r"\d")
    cap = CUE_CAP

    def counts(text: str) -> list[int]:
        lower = text.lower()
        low = lower.encode("ascii", "replace")
        words = set(low.translate(_WORD_BYTES).split())
        digit = (
            bool(low.translate(None, _NOT_DIGITS)) if lower.isascii() else any_digit.search(lower) is not None
        )
        n_who = _count(who_titles, text) if not words.isdisjoint(who_words) else 0
        if n_who < cap:
            n_who = min(cap, n_who + _count(who_names, text))
        n_number = _count(digits, lower) if digit else 0
        if n_number < cap and not words.isdisjoint(number_words):
            n_number = min(cap, n_number + _count(number_names, lower))
        return [
            _count(plain["why"], lower) if not words.isdisjoint(why) else 0,
            _count(plain["when"], lower) if digit or not words.isdisjoint(when) else 0,
            _count(where, text),
            n_who,
            _count(plain["role"], lower) if not words.isdisjoint(role) else 0,
            n_number,
        ]

    return counts


def fingerprint() -> str:
    """Identifies the cue patterns: an index built with other patterns must be rebuilt."""
    h = 0
    for name, pattern in QTYPES:
        h = zlib.crc32(f"{name}={pattern.pattern}/{pattern.flags}".encode(), h)
    for name, (source, flags) in CUE_SOURCES.items():  # as compiled patterns would say them
        h = zlib.crc32(f"{name}={source}/{int(flags | re.UNICODE)}".encode(), h)
    return f"{h:08x}"

"""Question types and the cue words that answer them.

"Why" questions want causal language, "when" dates, "who" names and titles, "where"
places, "what role" role words, "how many" numbers. The ranker gives passages holding
their question type's cues a bonus; an index stores each passage's cue counts (built
with the passages), so a query does not run these patterns over its candidates.
"""

from __future__ import annotations

import re
import zlib
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


def cue_counts(text: str) -> list[int]:
    """How many cue words of each type (in CUE_TYPES order, capped) ``text`` holds."""
    lower = text.lower()
    counts: list[int] = []
    for pattern, folded, factors in _counters():
        where = lower if folded else text
        if factors is not None and not any(map(where.__contains__, factors)):
            counts.append(0)
            continue
        counts.append(sum(1 for _ in zip(range(CUE_CAP), pattern.finditer(where), strict=False)))
    return counts


def fingerprint() -> str:
    """Identifies the cue patterns: an index built with other patterns must be rebuilt."""
    h = 0
    for name, pattern in QTYPES:
        h = zlib.crc32(f"{name}={pattern.pattern}/{pattern.flags}".encode(), h)
    for name, (source, flags) in CUE_SOURCES.items():  # as compiled patterns would say them
        h = zlib.crc32(f"{name}={source}/{int(flags | re.UNICODE)}".encode(), h)
    return f"{h:08x}"

"""Name variants the archive itself shows, learned per question: no hand list.

An acronym the corpus lacks ("SBP", "UDD") is looked for spelled out in the passages
that best match the rest of the question ("the State Bank of Pakistan"): a run of
capitalised words whose initials spell it, function words ("of", "and") allowed in
between. The other way round, a capitalised name in the question ("Asian Development
Bank") is also searched as its initials when the corpus uses them beside the
question's other words. Gazetteer entries (countries, organisations) are handled by the
lexicon; this covers the bodies, parties and programmes a new topic brings.

Why per question and not at index time: only a handful of passages are read (those BM25
ranks first for the question's other words), so it needs no index data and costs a
BM25 pass; and the evidence is the passages about the question's own subject, where
the spelling out of its acronym is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from .searcher import Searcher

#: Lower-case words a spelled-out name may hold that its acronym skips.
FUNCTION_WORDS = frozenset("of for and the on in to at de du des la le el del et und für".split())
#: Words that open a question in capitals without being part of a name.
QUESTION_WORDS = frozenset(
    "what who whom whose when where why how which did does do is are was were can could will "
    "would should has have had tell list name give show explain describe".split()
)
#: How many passages are read for a variant: the best-ranked for the question's other words.
READ = 30

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*")


def is_acronym(surface: str) -> bool:
    """Whether a word as written is an acronym of 3 to 8 capitals (a plural 's' allowed)."""
    core = surface[:-1] if surface.endswith("s") else surface
    return 3 <= len(core) <= 8 and core.isalpha() and core.isupper()


def _initials(word: str) -> str:
    """The letters a word gives an acronym: its first, and each capitalised part after a
    hyphen ("Co-operation" -> "C", "Sino-Indian" -> "SI")."""
    parts = word.split("-")
    return parts[0][:1] + "".join(p[:1] for p in parts[1:] if p[:1].isupper())


def spelled_out(acronym: str, texts: Iterable[str]) -> str | None:
    """The most frequent run of capitalised words in ``texts`` whose initials spell
    ``acronym`` (ties: the first seen), or None."""
    letters = acronym[:-1] if acronym.endswith("s") and acronym[:-1].isupper() else acronym
    found: Counter[str] = Counter()
    needed = set(letters)  # each letter opens a capitalised word of a match: in its text
    for text in texts:
        if not all(c in text for c in needed):
            continue
        words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
        for i, (first, start, _) in enumerate(words):
            if first[:1] != letters[0]:
                continue
            k, end = 0, 0
            for w, _, e in words[i:]:
                if k and w in FUNCTION_WORDS:
                    continue
                ini = _initials(w)
                if not w[:1].isupper() or not letters.startswith(ini, k):
                    break
                k += len(ini)
                end = e
                if k == len(letters):
                    break
            if k == len(letters) and len(text[start:end].split()) > 1:
                found[text[start:end]] += 1
    if not found:
        return None
    best = max(found.values())
    return next(s for s, c in found.items() if c == best)


def initials_of(words: Sequence[str]) -> str:
    """The acronym a capitalised name would have ("Asian Development Bank" -> "ADB")."""
    return "".join(_initials(w) for w in words if w not in FUNCTION_WORDS)


_RUN = re.compile(
    r"[A-Z][\w'’]*(?:-[\w'’]+)*(?:\s+(?:(?:of|for|and|the|on|in|de|du|des|la|el|del)\s+)*[A-Z][\w'’]*(?:-[\w'’]+)*)+"
)


def capitalised_runs(text: str) -> list[tuple[list[str], int, int]]:
    """Runs of two or more capitalised words (function words allowed between), as
    (words, start, end); a question word opening the question is left out ("What", "Why")."""
    out = []
    for m in _RUN.finditer(text):
        words = m.group().split()
        if m.start() == len(text) - len(text.lstrip()) and words[0].lower() in QUESTION_WORDS:
            words = words[1:]
        while words and words[0].lower() in FUNCTION_WORDS:
            words = words[1:]
        if sum(1 for w in words if w[:1].isupper()) >= 2:
            out.append((words, m.end() - len(" ".join(words)), m.end()))
    return out


def best_passages(searcher: Searcher, terms: Iterable[str]) -> list[int]:
    """The passages BM25 ranks first for ``terms`` (those the corpus holds)."""
    weights = {t: 1.0 for t in terms if searcher.has_term(t)}
    if not weights:
        return []
    ids, _scores = searcher.best([weights], READ)
    return [int(i) for i in ids]

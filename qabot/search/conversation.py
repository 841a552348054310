"""Follow-up resolution: what a question borrows from the turns before it.

A follow-up ("Why there?", "What did he say?", "And Trump?", a question with no
entity of its own) searches its own words plus, at a lower weight, the content words
of the previous question and the entities named in the previous answer. A question
that names its own entities without pointing back starts a new topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis import fold
from ..lexicon import Lexicon
from .params import Params

PRONOUNS = frozenset(
    """he she it they them him his her hers its their theirs there that this those these
    then such one same""".split()
)
_AND_ABOUT = re.compile(r"^\s*(and|but|also|what about|how about|and what about|what of|or)\b", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)")
_NOT_NAMES = frozenset(
    """Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec January February March April June
    July August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday But And The This That These Those However Ultimately Meanwhile""".split()
)


@dataclass(frozen=True)
class Context:
    """What one turn leaves for the next: the state a follow-up builds on.

    An answer carries it (``Answer.context``); the reply itself (answer, reason,
    passages) is separate.
    """

    own_terms: tuple[str, ...] = ()  # the question's analysed words, with what it borrowed
    answer_entities: tuple[str, ...] = ()  # names the answer brought in that the question lacked
    entities: tuple[str, ...] = ()  # what a follow-up would build on ("following: ...")
    weights: tuple[tuple[str, float], ...] = ()  # the weighted query searched (for ``/why``)
    answer: str | None = None  # the answer sentence given (a bare follow-up gives another)
    date: str | None = None  # the best passage's briefing date, ISO ("and before that?")


@dataclass(frozen=True)
class Resolution:
    follow_up: bool
    borrowed_terms: tuple[str, ...]  # analysed tokens, to add at Params.carry_weight
    borrowed_names: tuple[str, ...]  # for display ("following: Beijing, Kim")


def is_follow_up(question: str, own_entities: int, own_content: int, max_words: int) -> bool:
    """A pronoun, a leading "and"/"what about", or no entity and at most ``max_words``
    content words of its own."""
    words = re.findall(r"[a-z']+", fold(question).lower())
    if _AND_ABOUT.match(fold(question)):
        return True
    if any(w in PRONOUNS for w in words):
        return True
    return own_entities == 0 and own_content <= max_words


def names_in(text: str) -> list[str]:
    """Capitalised names in running text (not the first word of a sentence)."""
    return [m.group(1) for m in _NAME.finditer(text) if m.group(1) not in _NOT_NAMES]


def resolve(
    question: str, history: Sequence[Context], own_entities: int, own_content: int, p: Params
) -> Resolution:
    """What ``question`` borrows from the last of the turns before it (nothing for a new topic)."""
    if not history or not is_follow_up(question, own_entities, own_content, p.follow_up_max_words):
        return Resolution(False, (), ())
    prev = history[-1]
    return Resolution(True, tuple(prev.own_terms), tuple(prev.answer_entities))


def answer_entities(answer: str, question: str, entities: Sequence[str], lexicon: Lexicon) -> tuple[str, ...]:
    """The names ``answer`` brings in that the question did not name (what "there", "he"
    or "it" in the next question most often points at)."""
    asked = {w.lower() for n in entities for w in n.split()} | {
        w.lower() for w in question.replace("?", " ").split()
    }
    found = [lexicon.entities[g].name for m in lexicon.entity_mentions(answer) for g in m.groups]
    found += names_in(answer)
    return tuple(n for n in dict.fromkeys(found) if not {w.lower() for w in n.split()} & asked)

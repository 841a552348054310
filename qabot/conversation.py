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
from typing import Protocol

from .analysis import fold

PRONOUNS = frozenset(
    """he she it they them him his her hers its their theirs there that this those these
    then such one same""".split()
)
_AND_ABOUT = re.compile(r"^\s*(and|but|also|what about|how about|and what about|what of|or)\b", re.I)
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)")

#: How much the borrowed words weigh against the question's own (1.0): the previous
#: question's words, and the names the previous answer brought in (what "there",
#: "he" or "it" most often points at).
CARRY_WEIGHT = 0.5
ANSWER_CARRY_WEIGHT = 0.4
_NOT_NAMES = frozenset(
    """Jan Feb Mar Apr May Jun Jul Aug Sep Sept Oct Nov Dec January February March April June
    July August September October November December Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday But And The This That These Those However Ultimately Meanwhile""".split()
)


class Turn(Protocol):
    """What resolution needs from an earlier answer."""

    @property
    def question(self) -> str: ...
    @property
    def own_terms(self) -> tuple[str, ...]: ...
    @property
    def answer_entities(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Resolution:
    follow_up: bool
    borrowed_terms: tuple[str, ...]  # analysed tokens, to add at CARRY_WEIGHT
    borrowed_names: tuple[str, ...]  # for display ("following: Beijing, Kim")


def is_follow_up(question: str, own_entities: int, own_content: int) -> bool:
    words = re.findall(r"[a-z']+", fold(question).lower())
    if _AND_ABOUT.match(fold(question)):
        return True
    if any(w in PRONOUNS for w in words):
        return True
    return own_entities == 0 and own_content <= 3


def names_in(text: str) -> list[str]:
    """Capitalised names in running text (not the first word of a sentence)."""
    return [m.group(1) for m in _NAME.finditer(text) if m.group(1) not in _NOT_NAMES]


def resolve(question: str, history: Sequence[Turn], own_entities: int, own_content: int) -> Resolution:
    if not history or not is_follow_up(question, own_entities, own_content):
        return Resolution(False, (), ())
    prev = history[-1]
    return Resolution(True, tuple(prev.own_terms), tuple(prev.answer_entities))

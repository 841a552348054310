"""The errors qabot reports to its user, all under one base class.

Every problem with the user's input or files (a malformed question set, lexicon file
or ``--param``, a corpus or index that cannot be used) is a :class:`QabotError`
whose message names the file, key or value at fault, on one line. The command line
catches this one class and exits 1 (a :class:`BadUsage`, such as a malformed
``--param`` or ``--min``, is wrong usage: exit 2);
anything else reaching it is a bug. A library user catches the same class.

``CorpusError`` (qabot.corpus) and ``IndexError_`` (qabot.index) are defined beside
the code that raises them; they are meant to derive from :class:`QabotError` too.
"""

from __future__ import annotations


class QabotError(Exception):
    """A problem with the user's input or files; the message says what and where."""


class QuestionSetError(QabotError, ValueError):
    """A malformed question set or eval suite; the message names file, line and key."""


class LexiconError(QabotError, ValueError):
    """A malformed aliases/synonyms file; the message names the file (and key)."""


class BadUsage(QabotError, ValueError):
    """A command-line value qabot cannot use (a malformed ``--min``, ``--param``...):
    wrong usage, so the command line exits 2, not 1."""


class ParamError(BadUsage):
    """An unknown parameter name or a value it cannot take (``--param NAME=VALUE``)."""


class LookupMiss(QabotError, LookupError):
    """No passage or briefing answers to what was looked up; the message says why and
    ``suggestion`` names the nearest briefing id, when there is one."""

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.suggestion = suggestion

"""Dates as a user types them for ``--since``/``--until`` (and ``/since``, ``/until``).

A value is a day (``2019-02-26``), a month (``2019-02``), a year (``2019``) or an age
counted back from now (``30d``, ``6w``, ``3m``, ``2y``). Reading a value (:func:`parse`)
needs nothing but the text, so the command line rejects a bad one before opening the
index; turning it into a day (:func:`resolve`) needs the side it bounds (a month starts
a ``--since`` window on its first day and ends an ``--until`` window on its last) and
what "now" is (:func:`anchor`): today, or the newest briefing's date when the archive
has not been added to for a while, so ``30d`` over an archive from 2019 means its last
30 days and not an empty window. This module imports nothing heavy: the command line
loads it for every ``qabot ask``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

#: An archive whose newest briefing is older than this is "old": relative dates count
#: back from that briefing, not from today.
STALE_DAYS = 7

_FORMS = "a date as YYYY-MM-DD, YYYY-MM, YYYY or an age such as 30d, 6w, 3m, 2y"
_RELATIVE = re.compile(r"(\d{1,5})\s*(d|w|m|y)", re.I)
_UNIT_DAYS = {"d": 1, "w": 7}


@dataclass(frozen=True)
class Spec:
    """A date as typed: ``kind`` day, month, year or relative (``number`` of ``unit``)."""

    text: str
    kind: str
    year: int = 0
    month: int = 0
    day: int = 0
    number: int = 0
    unit: str = ""


def _days_in(year: int, month: int) -> int:
    """The number of days of a month (the day before the next month's first)."""
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def parse(text: str) -> Spec:
    """The date ``text`` names; ValueError (naming the text and the forms) otherwise."""
    raw = text.strip()
    bad = ValueError(f"{text!r} is not {_FORMS}")
    m = _RELATIVE.fullmatch(raw)
    if m:
        return Spec(raw, "relative", number=int(m.group(1)), unit=m.group(2).lower())
    parts = raw.split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
        raise bad
    if any(len(p) != 2 for p in parts[1:]):
        raise bad
    y, mo, d = int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1
    try:
        date(y, mo, d)
    except ValueError:
        raise ValueError(f"{text!r} is no date of the calendar") from None
    kind = ("year", "month", "day")[len(parts) - 1]
    return Spec(raw, kind, y, mo, d)


def value(text: str) -> Spec:
    """:func:`parse`, as a command-line converter."""
    return parse(text)


def resolve(spec: Spec, side: str, now: date) -> date:
    """The day ``spec`` stands for as the ``side`` ("since" or "until") of a window.

    A month or year starts a window on its first day and ends it on its last; an age is
    counted back from ``now`` (months and years as calendar months, clamped to the
    month's last day).
    """
    if spec.kind == "relative":
        if spec.unit in _UNIT_DAYS:
            return now - timedelta(days=spec.number * _UNIT_DAYS[spec.unit])
        months = spec.number * (12 if spec.unit == "y" else 1)
        y, m = divmod(now.year * 12 + now.month - 1 - months, 12)
        if y < 1:
            return date.min
        m += 1
        return date(y, m, min(now.day, _days_in(y, m)))
    first = side == "since"
    if spec.kind == "year":
        return date(spec.year, 1, 1) if first else date(spec.year, 12, 31)
    if spec.kind == "month":
        last = _days_in(spec.year, spec.month)
        return date(spec.year, spec.month, 1 if first else last)
    return date(spec.year, spec.month, spec.day)


def anchor(newest: date | None, today: date) -> tuple[date, bool]:
    """What "now" is for ages: ``(day, from_archive)``; the newest briefing's date when
    it is more than :data:`STALE_DAYS` old (then ``from_archive`` is True), else today."""
    if newest is not None and (today - newest).days > STALE_DAYS:
        return newest, True
    return today, False


def iso(text: str) -> date | None:
    """A briefing's stored date (``yyyy-mm-dd``; ``yyyy-mm`` and ``yyyy`` as their first
    day), or None for "undated" or anything else."""
    if len(text) == 7 and text[4] == "-":
        text += "-01"
    elif len(text) == 4 and text.isdigit():
        text += "-01-01"
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None

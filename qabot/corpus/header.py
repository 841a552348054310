"""The header zone of a page: which line is the title, the date, the byline, a kicker.

Pages put these in every order ("PODCASTS" above the title, the date before or after
it, a byline with the date, a read time glued to the date, e-mail headers first), so
the zone is not read as a fixed sequence. Each line of the zone (the lines before the
article's prose starts) is given every role it could play, with evidence for each:
a title is a short capitalised line near the top that is no date, no byline and no
chrome, and gains from what surrounds it (a date or byline below, the page's metadata
title agreeing with it, the standfirst repeating it); a kicker is a short line above
the chosen title. The best title wins; dates and bylines are taken wherever they stand
in the zone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analysis import fold
from ..lazyre import lazy
from . import dates
from .chrome import words

#: How many non-blank lines from the top may hold header lines.
ZONE_LINES = 30
_BYLINE = lazy(
    r"^(?:(?:written|posted|words|story|reported|compiled|text|article)\s+by|by|authors?|"
    r"writers?|contributors?|analysis\s+by)\b\s*[:\-–—]?\s*(?P<names>.+)$",
    re.I,
)
_PREFIX = (
    r"(?:dr|capt|col|gen|lt|maj|prof|sir|mr|mrs|ms|adm|amb|rev|sgt|cpt|cmdr|lt\.\s*col|brig|hon|"
    r"rep|sen|gov|pres|fr|sr|mme|mlle|dame|lord|lady)\.?"
)
_PARTICLE = r"(?:de|da|del|della|di|du|des|van|von|der|den|ter|al|el|bin|ibn|la|le|dos|das|y|st\.?)"
_L = r"[^\W\d_]"  # a letter
_NAME_WORD = (
    rf"(?:[A-Z](?:{_L}|['’\-])*[a-z](?:{_L}|['’\-])*|[A-Z]{{2,}}(?:[-'’][A-Z]+)?|[A-Z]\.(?:\s?[A-Z]\.)*"
    rf"|O['’][A-Z]{_L}+|Mc[A-Z]{_L}+|[ÀÁÂÄÅÇÉÈÊËÍÎÑÓÔÖØÚÜŠŽĆČŁŚŻ]{_L}+)"
)
_SUFFIX = r"(?:jr\.?|sr\.?|ii|iii|iv|phd|ph\.d\.|md|esq\.?)"
_NAME = lazy(
    rf"^(?:(?i:{_PREFIX})\s+)*{_NAME_WORD}(?:\s+(?:(?i:{_PARTICLE})\s+)*{_NAME_WORD}){{0,4}}(?:,?\s+(?i:{_SUFFIX}))?$"
)
_NAME_SPLIT = lazy(r"\s*(?:,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*|;\s*)\s*", re.I)
_SUBJECT = lazy(r"^subject\s*:\s*(?P<s>.+)$", re.I)
_SUBJECT_TAGS = lazy(r"^(?:\s*(?:\[[^\]]{1,40}\]|(?:re|fw|fwd|aw|tr)\s*:))+\s*", re.I)
_SENTENCE_END = lazy(r"[.!?…][\"'”’)\]]*$")
_LOWER_WORDS = frozenset(
    "a an the and or but of in on at to for from by with as into onto over under after before "
    "about than vs vs. via is are was were be not no its it's his her their our your".split()
)


@dataclass(frozen=True)
class Hint:
    """A value the file format knows (HTML metadata, an e-mail header) and where it came from."""

    value: str
    origin: str


@dataclass
class Header:
    title: str = ""
    title_from: str = ""
    date: str = ""
    date_from: str = ""
    authors: list[str] = field(default_factory=list)
    authors_from: str = ""
    #: line index -> (role, reason): the lines the header took, so the body skips them
    roles: dict[int, tuple[str, str]] = field(default_factory=dict)


def names(text: str) -> list[str]:
    """The personal names in a byline body (``Olga Oliker, Michael J. McNerney, and Lynn
    E. Davis``), or [] when any part is not a name."""
    text = text.strip().strip(".,;:|").strip()
    text = re.sub(r"\s*[|·•–—]\s*.*$", "", text)  # "Jane Doe | Senior Fellow"
    parts = [p.strip() for p in _NAME_SPLIT.compiled.split(text) if p.strip()]
    if not parts or len(parts) > 8:
        return []
    out = []
    for p in parts:
        if not _NAME.match(p) or len(p) > 60:
            return []
        out.append(p)
    return out


def byline(text: str) -> list[str] | None:
    """The authors of a byline line (``By George Friedman``, ``by Bill O'Grady``,
    ``Author: Jane Doe``), or None when the line is not one."""
    m = _BYLINE.match(text)
    if not m:
        return None
    body = m.group("names")
    body = re.split(r"\s+(?:on|in|for|at|from)\s+(?=[A-Z\d])|\s*[|·•]\s*|,\s+(?:the\s+)?(?=[a-z])", body)[0]
    found = names(body)
    if not found and len(body.split()) == 1 and body[:1].isupper():
        found = [body.strip(".,")]  # "By Stratfor"
    return found or None


def name_line(text: str) -> list[str]:
    """Authors when the whole line is names (a bare byline), else []."""
    if len(text) > 120 or (_SENTENCE_END.search(text) and not re.search(r"\b\w{1,3}\.$", text)):
        return []
    ws = text.replace(",", " ").split()
    if any(w.lower() in _LOWER_WORDS - {"and"} for w in ws):
        return []
    found = names(text)
    # a bare line is a byline only when every name has two or more parts
    if not found or any(len(n.split()) < 2 for n in found):
        return []
    return found


def _caps_share(text: str) -> float:
    ws = [w for w in words(text) if len(w) >= 4]
    if not ws:
        return 1.0
    return sum(w[0].isupper() for w in ws) / len(ws)


def is_prose(text: str) -> bool:
    """A sentence of the article rather than a header line."""
    n = len(text.split())
    if n >= 30:
        return True
    return n >= 12 and bool(_SENTENCE_END.search(text)) and _caps_share(text) < 0.6


def _same(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", fold(text).casefold()).strip()


def title_score(text: str, rank: int, hint: str) -> float:
    """How much ``text`` looks like the page's title; ``rank`` is its place among the
    candidates (0 first), ``hint`` the format's own title ("" when none)."""
    ws = text.split()
    n = len(ws)
    if n == 0 or n > 30:
        return float("-inf")
    score = -0.7 * rank
    first = text.lstrip("\"'“‘([")[:1]
    if not (first.isupper() or first.isdigit()):
        score -= 3.0
    if text.endswith((":", ",", ";", "-", "–")):
        score -= 3.0
    elif text.endswith("!"):
        score -= 1.5
    elif text.endswith("."):
        score -= 0.5 if n <= 16 else 2.5
    letters = [c for c in text if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    if all_caps:
        score += 0.5 if n >= 3 else -1.5
    elif _caps_share(text) >= 0.6:
        score += 1.5
    if 4 <= n <= 18:
        score += 1.0
    elif n == 1:
        score -= 3.0
    elif n > 22:
        score -= 2.0
    if is_prose(text):
        score -= 4.0
    if hint:
        h, t = _norm(hint), _norm(text)
        if h == t:
            score += 6.0
        elif t and len(t.split()) >= 2 and (t in h or h in t):
            score += 4.0
    return score


@dataclass(frozen=True)
class _Cand:
    i: int  # index into the lines
    text: str


def read(
    lines: Sequence[str],
    chrome: dict[int, str],
    hints: dict[str, Hint],
    headings: frozenset[int] = frozenset(),
) -> Header:
    """Read the header zone of ``lines`` (cleaned text, "" for blank lines).

    ``chrome`` holds the lines already known as chrome (index -> reason), ``hints``
    what the format knows (``title``, ``date``, ``authors``), ``headings`` the lines a
    structured format marks as headings (a first ``<h1>`` / ``#`` is a strong title).
    """
    head = Header()
    zone: list[int] = []
    prose_seen = 0
    for i, ln in enumerate(lines):
        if not ln:
            continue
        zone.append(i)
        if i not in chrome and is_prose(ln):
            prose_seen += 1
            if prose_seen >= 2:
                break
        if len(zone) >= ZONE_LINES:
            break

    title_hint = hints["title"].value if "title" in hints else ""
    subject = ""
    chrome_dates: list[tuple[int, str]] = []
    datelines: list[tuple[int, str, str]] = []  # (i, iso, rest)
    for i in zone:
        ln = lines[i]
        m = _SUBJECT.match(ln)
        if m and i in chrome:
            subject = _SUBJECT_TAGS.sub("", m.group("s")).strip()
        d = dates.dateline(ln)
        if d is not None:
            if i in chrome:
                if d[0]:
                    chrome_dates.append((i, d[0]))
            else:
                datelines.append((i, d[0], d[1]))
        elif dates.is_read_time(ln):
            head.roles[i] = ("chrome", "read time")
    if subject and not title_hint:
        title_hint = subject

    # Title candidates: lines before the article's first prose line, none of them
    # chrome, a date or a byline.
    cands: list[_Cand] = []
    taken = {i for i, _, _ in datelines} | set(head.roles)
    for i in zone:
        ln = lines[i]
        if i not in chrome and is_prose(ln):
            break
        if i in chrome or i in taken or byline(ln) is not None:
            continue
        cands.append(_Cand(i, ln))
    best: _Cand | None = None
    best_score = float("-inf")
    for rank, c in enumerate(cands):
        s = title_score(c.text, rank, title_hint)
        if c.i in headings:
            s += 2.0 if rank == 0 else 1.0
        s += _context_bonus(c.i, lines, zone, taken, chrome)
        if s > best_score:
            best, best_score = c, s
    if best is not None and best_score > -2.5:
        head.title, head.title_from = best.text, f"line {best.i + 1}"
        head.roles[best.i] = ("title", "title")
    elif title_hint:
        head.title, head.title_from = (
            title_hint,
            hints["title"].origin if "title" in hints else "e-mail Subject",
        )

    # Dates: the first dateline of the zone; a date printed in chrome (an e-mail Date:
    # header, a forum post line) or given by the format only when there is none.
    for i, iso, rest in datelines:
        who = byline(rest) or name_line(rest) if rest else None
        if rest and not who and len(rest.split()) > 3:
            continue  # a date inside other words: leave the line to the body
        if iso and not head.date:
            head.date, head.date_from = iso, f"line {i + 1}"
        head.roles[i] = ("date", "dateline" if not who else "dateline with byline")
        if who and not head.authors:
            head.authors, head.authors_from = who, f"line {i + 1}"
    if not head.date and "date" in hints:
        head.date, head.date_from = hints["date"].value, hints["date"].origin
    if not head.date and chrome_dates:
        i, iso = chrome_dates[0]
        head.date, head.date_from = iso, f"line {i + 1} ({chrome[i]})"

    # Bylines anywhere in the zone; bare name lines only next to the title or a date.
    title_at = best.i if best is not None and head.title_from.startswith("line") else -1
    anchors = {title_at} | {i for i, (r, _) in head.roles.items() if r == "date"}
    for pos, i in enumerate(zone):
        if i in head.roles or i in chrome:
            continue
        ln = lines[i]
        who = byline(ln)
        reason = "byline"
        if who is None and title_at >= 0 and i > title_at and _near(zone, pos, anchors, head.roles):
            who = name_line(ln) or None
            reason = "author line"
        if who:
            head.roles[i] = ("byline", reason)
            if not head.authors:
                head.authors, head.authors_from = who, f"line {i + 1}"
    if not head.authors and "authors" in hints:
        head.authors = [a.strip() for a in hints["authors"].value.split(";") if a.strip()]
        head.authors_from = hints["authors"].origin

    # Kickers: short lines above the title (a category, "PODCASTS", a blog tagline).
    if title_at >= 0:
        for i in zone:
            if i >= title_at:
                break
            if i in head.roles or i in chrome:
                continue
            ln = lines[i]
            if len(ln.split()) <= 6 or (ln.endswith("!") and len(ln.split()) <= 14) or not is_prose(ln):
                head.roles[i] = ("kicker", "kicker above the title")
        # a short label between the title and a date or byline ("Analysis", "Asia Pacific")
        after = [i for i in zone if i > title_at]
        for k, i in enumerate(after[:3]):
            if i in head.roles or i in chrome:
                continue
            nxt = after[k + 1] if k + 1 < len(after) else None
            if (
                len(lines[i].split()) <= 4
                and nxt is not None
                and head.roles.get(nxt, ("", ""))[0] in ("date", "byline")
            ):
                head.roles[i] = ("kicker", "label between the title and the dateline")
            break
    return head


def _near(zone: list[int], pos: int, anchors: set[int], roles: dict[int, tuple[str, str]]) -> bool:
    """Whether zone line ``pos`` sits right after an anchor (title, dateline), with only
    header lines between."""
    for back in range(pos - 1, max(-1, pos - 4), -1):
        j = zone[back]
        if j in anchors:
            return True
        if j not in roles:
            return False
    return False


def _context_bonus(
    i: int, lines: Sequence[str], zone: list[int], taken: set[int], chrome: dict[int, str]
) -> float:
    """Evidence around a title candidate: a dateline or byline just below or above it,
    the next paragraph repeating its words (a standfirst that starts with the title)."""
    pos = zone.index(i)
    bonus = 0.0
    nxt = [j for j in zone[pos + 1 : pos + 4] if j not in chrome]
    prev = [j for j in zone[max(0, pos - 2) : pos] if j not in chrome]
    if nxt and (nxt[0] in taken or byline(lines[nxt[0]]) is not None or name_line(lines[nxt[0]])):
        bonus += 1.5
    if prev and prev[-1] in taken:
        bonus += 1.0
    if nxt and _norm(lines[nxt[0]]).startswith(_norm(lines[i])) and len(lines[nxt[0]]) > len(lines[i]):
        bonus += 1.0
    return bonus


def subject_title(subject: str) -> str:
    """An e-mail subject as a title: list tags and reply/forward prefixes removed."""
    return _SUBJECT_TAGS.sub("", subject).strip()


def same_text(a: str, b: str) -> bool:
    return _same(a, b)

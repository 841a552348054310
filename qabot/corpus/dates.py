"""Dates as pages print them, found in a line and turned into ISO ``yyyy-mm-dd``.

Pages print dates every way: ``Dec 28, 2018 | 07:30 GMT``, ``15 December 2018``,
``Thursday, November 5, 2009``, ``Released on 2012-10-17 17:00 GMT``, an e-mail's
``Tue Mar 18 09:18:20 MDT 2014``, ``2009-11-06 01:03:08``, glued to a read time
(``18 MINS READDec 11, 2016``) or in another language (``16 septembrie 2019``).

English forms are recognised here with patterns checked by :class:`datetime.date`
(exact spans, so a line can be split into "the date" and "the rest"). A day, a word and
a year where the word is no English month goes to ``dateparser`` (a maintained parser
that knows month names in some 200 locales), imported only then; without it such a
line is still known to be a date, so it never becomes a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..lazyre import lazy

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
#: a month's English name or abbreviation (``Sept``, ``December``), for other modules' patterns
MONTH = _MON
_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
    r"\b\.?"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?"
_YEAR_END = r"(?:\b|(?=\d{1,2}:\d\d))"  # "July 14, 20227:52 PM": a time glued to the year
_ZONE = (
    r"(?:GMT|UTC|[ECMP][SD]?T|BST|CES?T|EES?T|IST|JST|KST|HKT|SGT|AES?T|AEDT|MSK|WIB"
    r"|[+-]\d{1,2}(?::?\d{2})?|Z)"
)

# Each pattern names its groups y, m (number or month word) and d.
_PATTERNS = [
    # 2009-11-06, 2012-10-17 17:00, 2018-12-28T07:30:00Z, 2019/03/05
    lazy(
        rf"(?<![\d.])(?P<y>(?:19|20)\d\d)([-/.])(?P<m>[01]?\d)\2(?P<d>[0-3]?\d)"
        rf"(?:[T ]{_TIME}{_ZONE}?)?(?![\d])"
    ),
    # Tue Mar 18 09:18:20 MDT 2014 (ctime, as mail archives print it)
    lazy(
        rf"\b(?P<m>{_MON})\.?\s+(?P<d>[0-3]?\d)\s+{_TIME}(?:\s+(?:{_ZONE}|(?-i:[A-Z]{{2,5}})))?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    # Dec 28, 2018 · December 28th 2018 · Sept. 3, 2019
    lazy(
        rf"(?P<m>{_MON})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,\s*|\s+)(?P<y>(?:19|20)\d\d){_YEAR_END}",
        re.I,
    ),
    # 15 December 2018 · 18 Mar 2014 · 3rd of March, 2019
    lazy(
        rf"(?<![\d:])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m>{_MON})\.?,?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    # 05-Mar-2019 · Mar-05-2019 · 2019年3月5日
    lazy(
        rf"\b(?:(?P<d>[0-3]?\d)-(?P<m>{_MON})-(?P<y>(?:19|20)\d\d)|(?P<m2>{_MON})-(?P<d2>[0-3]?\d)-(?P<y2>(?:19|20)\d\d))\b"
        rf"|(?P<y3>(?:19|20)\d\d)年(?P<m3>[01]?\d)月(?P<d3>[0-3]?\d)日",
        re.I,
    ),
    # January 2017 (a month's issue: ISO yyyy-mm)
    lazy(rf"\b(?P<m>{_MON})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    # 28.12.2018 · 28/12/2018 · 5/20/2021 · 3/4/2021 (see _numeric)
    lazy(r"(?<![\d.])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)(?![\d])"),
    # 11/24/97 (a two-digit year, as pages of the 1990s print it; only as a whole dateline)
    lazy(r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d\d)(?![\d./])"),
]
_DASHED, _MONTH_YEAR, _NUMERIC, _SHORT_YEAR = 4, 5, 6, 7
# What stands before a two-digit-year date: the line's start or a dateline word ("Posted on")
_SHORT_YEAR_BEFORE = lazy(r"(?:^|\b(?:on|posted|published|updated|dated?|le|am|el|[|·•]))\s*:?\s*$", re.I)
# Dateline words of languages that write the day first ("Publié le", "Veröffentlicht am")
_DAY_FIRST_WORDS = lazy(
    r"\b(?:publi[ée]e?|mis\s+[àa]\s+jour|actualis[ée]e?|publicado|actualizado|ver[öo]ffentlicht|"
    r"aktualisiert|pubblicato|aggiornato|gepubliceerd|bijgewerkt|opublikowano|zaktualizowano|publicat|"
    r"actualizat|publikov[áa]no|aktualizov[áa]no|atualizado)\b",
    re.I,
)
# A day, a word that may be a month in another language, a year: "16 septembrie 2019".
_FOREIGN = lazy(
    r"(?<![\d:])(?:[0-3]?\d\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?(?:19|20)\d\d"
    r"|[^\W\d_]{3,12}\.?\s+[0-3]?\d,?\s+(?:19|20)\d\d)\b"
)
_YEAR = lazy(r"(?:19|20)\d\d")
_READ_TIME = lazy(r"\b\d+\s*(?:mins?|minutes?)\s*(?:read|listen|watch)\b", re.I)
# "38 min", "Timp de citire: 4 minute", "Lesezeit 5 Min.": a duration or reading time in
# any language, on a short line: a number and a word for minutes.
_DURATION = lazy(r"\b\d+\s*(?:min|mins|minute|minutes|minuten|minutos|minuti|minut|minuty|мин)\b\.?", re.I)
# "Okuma süresi: 5 dk", "Lukuaika: 4 min": a short label, a colon, then a small number and a
# unit of at most three letters -- a field of the page's furniture in whatever language the
# label is, not a headline (whose words after a colon are words, not a measure)
_FIELD_DURATION = lazy(r"^[^\W\d][^\d:]{2,28}:\s*\d{1,3}\s*[^\W\d]{1,3}\.?$")
# Words that stand around a date on a dateline and say nothing else.
_DATELINE_WORDS = lazy(
    rf"\b(?:{_DAY}|(?:first|originally)\s+(?:posted|published)|posted|published|updated|last|modified|released|dated?|on|at|as\s+of|\d+\s+(?:hours?|minutes?|days?)\s+ago|"
    rf"publi[ée]e?(?:\s+le)?|publicado(?:\s+(?:el|em))?|ver[öo]ffentlicht(?:\s+am)?|pubblicato(?:\s+il)?|"
    rf"gepubliceerd(?:\s+op)?|opublikowano|actualis[ée]e?(?:\s+le)?|aktualisiert(?:\s+am)?|"
    rf"mis\s+[àa]\s+jour(?:\s+le)?|[àa]|"
    # the updated stamp and the "at" before a time in Portuguese, Spanish, Italian, Dutch, German
    rf"(?:atualizado|actualizado|aggiornato)(?:\s+(?:em|el|il))?|bijgewerkt(?:\s+op)?|às|um|uhr|"
    rf"am|pm|a\.m\.|p\.m\.|time)\b|{_TIME}|\b{_ZONE}\b|[+-]\d{{4}}\b"
    # "06.00 GMT" (a dotted time before its zone), "14h32" (a French time)
    rf"|\b[0-2]?\d\.[0-5]\d(?=\s*(?:{_ZONE}\b|[ap]\.?m\b))|\b[0-2]?\dh[0-5]\d\b",
    re.I,
)
_LABEL_BEFORE_DATE = lazy(r"(^\s*|[|·•]\s*)[^\W\d_]{3,15}:?\s*(?=\x02)")
_TIME_AFTER_DATE = lazy(
    r"\x02,?\s*(?:[^\W\d_]{1,3}\.?\s*)?[0-2]?\d[.:][0-5]\d(?:[.:][0-5]\d)?(?![\d.:])(?:\s*[ap]\.?m\b\.?)?",
    re.I,
)
_UPDATE_LABEL = lazy(
    r"\b(?:updated|modified|revised|mis\s+[àa]\s+jour|actualis[ée]e?|atualizado|actualizado|aktualisiert|"
    r"aggiornato|bijgewerkt)\b(?:\s+\w{1,3})?\W*$",
    re.I,
)
_PUBLISHED_LABEL = lazy(
    r"\b(?:published|posted|publi[ée]e?|publicado|ver[öo]ffentlicht|pubblicato|gepubliceerd)\b(?:\s+\w{1,3})?\W*$",
    re.I,
)
_OTHER_CALENDAR = lazy(r"(?<=\x02)\s*[(\[][^()\[\]\x02.!?]{0,40}\b\d{3,4}\b[^()\[\]\x02.!?]{0,12}[)\]]")
_GLUED_TIME = lazy(r"\b((?:19|20)\d\d)(\d{1,2}:\d\d)|(?<=\d)(?=[A-Z][a-z])")
_GLUED_READ = lazy(r"((?i:read|listen))(?=[A-Z][a-z])")
_LEFTOVER = lazy(r"(?:[\s,;:\-–—/()\[\]«»]|(?<=\s)\|(?=\s)(?=\s*(?:\||$)))+")


@dataclass(frozen=True)
class DateHit:
    """A date found in a line: ISO value ("" when the date is known only as a date) and span."""

    iso: str
    start: int
    end: int


def _month(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value[:3].lower()]


def _numeric(a: int, b: int, sep: str) -> tuple[int, int]:
    """(day, month) of ``a/b/yyyy`` or ``a.b.yyyy``: a number over 12 is the day; when both
    could be months, a slash is read month first (US pages, ``5/20/2021``) and a dot day
    first (European pages, ``28.12.2018``)."""
    if a > 12:
        return a, b
    if b > 12:
        return b, a
    return (b, a) if sep == "/" else (a, b)


def find(line: str) -> DateHit | None:
    """The first well-formed date in ``line``, or None."""
    best: DateHit | None = None
    for i, pat in enumerate(_PATTERNS):
        for m in pat.compiled.finditer(line):
            try:
                year = 0
                if i in (_NUMERIC, _SHORT_YEAR):
                    day, month = _numeric(int(m.group("a")), int(m.group("b")), m.group("sep"))
                    if i == _SHORT_YEAR:
                        alone = _SHORT_YEAR_BEFORE.search(line[: m.start()])
                        if best is not None or len(line) > 60 or not alone:
                            continue
                        short = int(m.group("y"))
                        year = 1900 + short if short >= 70 else 2000 + short
                elif i == _MONTH_YEAR:
                    day, month = 1, _month(m.group("m"))
                elif i == _DASHED:
                    k = next(k for k in ("", "2", "3") if m.group("y" + k))
                    day, month, year = int(m.group("d" + k)), _month(m.group("m" + k)), int(m.group("y" + k))
                else:
                    day, month = int(m.group("d")), _month(m.group("m"))
                iso = date(year or int(m.group("y")), month, day).isoformat()
                if i == _MONTH_YEAR:
                    if best is not None or len(line) > 40:
                        continue  # a month alone counts only as a whole dateline
                    iso = iso[:7]
            except (ValueError, KeyError):
                continue
            if best is None or m.start() < best.start:
                best = DateHit(iso, m.start(), m.end())
            break
    if best is not None:
        return best
    other = _FOREIGN.search(line)
    if other:
        value = _foreign(other.group())
        if value is not None:
            return DateHit(value, other.start(), other.end())
    return None


def _foreign(text: str) -> str | None:
    """``16 septembrie 2019`` -> ISO via dateparser; "" when it is a date of unknown value;
    None when the middle word is a plain English word (``15 units 2019``)."""
    word = next(w for w in re.findall(r"[^\W\d_]+", text) if w.lower() != "de")
    if word.lower() in _COMMON_WORDS:
        return None
    parsed = _dateparser(text)
    if parsed is None:
        return (
            ""
            if (word[:1].isalpha() and not word.isascii()) or word.lower().endswith(_MONTH_ENDINGS)
            else None
        )
    return parsed


#: Endings of month names in the main European languages (septembrie, setembro, septiembre,
#: septembre, settembre, września, září ...): evidence when dateparser is not there.
_MONTH_ENDINGS = ("brie", "bre", "bro", "mbre", "ember", "ber", "uar", "uary", "ier", "ar", "nia", "rz", "ří")
_COMMON_WORDS = frozenset(
    "and the for with from units people years days times men women troops points per over about "
    "since until than more less votes seats".split()
)


@lru_cache(maxsize=256)
def _dateparser(text: str) -> str | None:
    try:
        import dateparser
    except ImportError:
        return None
    try:
        value = dateparser.parse(
            text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
        )
    except Exception:  # a third-party parser on untrusted text: any failure is "no date"
        return None
    return value.date().isoformat() if value is not None else None


def ambiguous(line: str) -> tuple[str, str] | None:
    """``(other reading, order used)`` when a line's numeric date can be read both ways
    (``08/01/2024``: read month first as 1 August, day first as 8 January), else None."""
    hit = find(line)
    if hit is None:
        return None
    m = _PATTERNS[_NUMERIC].compiled.match(line, hit.start)
    if m is None or m.end() != hit.end:
        return None
    a, b = int(m.group("a")), int(m.group("b"))
    if a > 12 or b > 12 or a == b:
        return None
    day, month = _numeric(a, b, m.group("sep"))
    used = "month" if m.group("sep") == "/" else "day"
    try:
        return date(int(m.group("y")), day, month).isoformat(), used  # day and month swapped
    except ValueError:
        return None


def language_order(line: str) -> str | None:
    """``"day"`` when a dateline's own words are in a language that writes the day first
    (``Publié le 05/03/2024``: 5 March), else None."""
    return "day" if _DAY_FIRST_WORDS.search(line) else None


def numeric_order(lines: list[str]) -> str | None:
    """How a file writes numeric dates, from the ones that can be read one way only:
    ``"day"`` (``13/01/2024``), ``"month"`` (``01/13/2024``), or None when it does not say."""
    votes = {"day": 0, "month": 0}
    for line in lines:
        for m in _PATTERNS[_NUMERIC].compiled.finditer(line):
            a, b = int(m.group("a")), int(m.group("b"))
            if 12 < a <= 31 and b <= 12:
                votes["day"] += 1
            elif 12 < b <= 31 and a <= 12:
                votes["month"] += 1
    if votes["day"] == votes["month"]:
        return None
    return "day" if votes["day"] > votes["month"] else "month"


# "+234 1 555 0190", "(+44) 20 …": an international number's calling code
_CALLING_CODE = lazy(r"(?<![\w+])\(?\+(?P<code>\d{1,3})\)?[\s.-]?\(?\d")
# calling codes of the countries that write numeric dates month first (the US and Canada
# share +1; the Philippines, +63, writes both ways and says nothing)
_MONTH_FIRST_CODES = frozenset({"1"})


def phone_order(lines: list[str]) -> str | None:
    """How a site writes numeric dates, from the country its telephone numbers are in: a
    calling code other than +1 (a Lagos newsroom's +234) says day first, +1 month first,
    none or both None."""
    codes = {m.group("code") for line in lines for m in _CALLING_CODE.compiled.finditer(line)}
    codes.discard("63")
    if not codes:
        return None
    first = {"month" if c in _MONTH_FIRST_CODES else "day" for c in codes}
    return first.pop() if len(first) == 1 else None


# time zones of countries that write numeric dates month first (the US), and of ones that
# write them day first (Europe, Africa, South and South-East Asia, Australia, South America);
# GMT and UTC say nothing (sites everywhere print them)
_MONTH_FIRST_ZONES = frozenset("EST EDT CST CDT MST MDT PST PDT AKST AKDT HST ET PT CT MT".split())
_DAY_FIRST_ZONES = frozenset(
    "BST CET CEST EET EEST WET WEST MSK IST PKT NPT ICT WIB WITA WIT SGT MYT HKT AEST AEDT ACST AWST NZST "
    "NZDT SAST EAT WAT CAT BRT ART CLT COT PET TRT".split()
)


def zone_order(line: str) -> str | None:
    """How a dateline's numeric date reads, from its time zone (``09:00 ICT``: day first,
    ``9:00 EST``: month first), or None."""
    found = {w for w in re.findall(r"\b[A-Z]{2,5}\b", line)}
    if found & _MONTH_FIRST_ZONES and not found & _DAY_FIRST_ZONES:
        return "month"
    if found & _DAY_FIRST_ZONES and not found & _MONTH_FIRST_ZONES:
        return "day"
    return None


_MONTH_NAMED = lazy(rf"\b(?P<m>{_MON})\.?\s+(?:[0-3]?\d(?:st|nd|rd|th)?,?\s+)?(?P<y>(?:19|20)\d\d)\b", re.I)
_DAY_MONTH_NAMED = lazy(rf"\b[0-3]?\d(?:st|nd|rd|th)?\s+(?P<m>{_MON})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I)


def months_named(lines: list[str]) -> set[str]:
    """The months (``yyyy-mm``) the lines name in words ("in October 2024", "6 Oct 2024")."""
    out: set[str] = set()
    for line in lines:
        for pat in (_MONTH_NAMED, _DAY_MONTH_NAMED):
            for m in pat.compiled.finditer(line):
                out.add(f"{m.group('y')}-{_MONTHS[m.group('m')[:3].lower()]:02d}")
    return out


_BYLINE_GLUE = frozenset(
    "by and & de da del della di du des van von der den ter al el bin ibn la le dos das".split()
)


_FILED_TAIL = lazy(
    r"\s*(?:[|·•]|\s[—–-])\s*(?:filed\s+(?:under|in)|posted\s+in|categor(?:y|ies)|tags?|tagged(?:\s+with)?)\b.*$",
    re.I,
)


def dateline(line: str) -> tuple[str, str] | None:
    """``(iso, rest)`` when ``line`` is a dateline: a date plus only the words that stand
    around dates (weekday, time, zone, "Published", "Updated on", a read time); ``rest``
    is whatever else is left ("by Jane Doe" in ``March 3, 2019 by Jane Doe``). None when
    the line holds no date or the date sits inside a sentence."""
    if len(line) > 160:
        return None
    line = _GLUED_READ.sub(r"\1 ", line)
    line = _GLUED_TIME.sub(lambda m: f"{m.group(1)} {m.group(2)}" if m.group(1) else " ", line)
    hit = find(line)
    if hit is None:
        return None
    iso = hit.iso
    updated_first = bool(_UPDATE_LABEL.search(line[: hit.start]))
    rest = line[: hit.start] + "\x02" + line[hit.end :]
    for _ in range(2):  # "August 8, 2023 Updated Aug. 9, 2023": a second date is dateline too
        more = find(rest) if _YEAR.search(rest) else None
        if more is None or not more.iso:
            break
        if updated_first and _PUBLISHED_LABEL.search(rest[: more.start]):
            # "Updated: 28 May · Published: 25 May": the publication date, wherever it stands
            iso, updated_first = more.iso, False
        rest = rest[: more.start] + "\x02" + rest[more.end :]
    # "Publisert 14.01.2025 kl. 09.15 · Oppdatert …": in any language, one word opening the
    # line (or a part after a separator) right before a date is its label, and a clock time
    # right after it, with or without a short word before it, is the date's time
    rest = _LABEL_BEFORE_DATE.sub(r"\1", rest)
    # "… by Jane Roe · Filed under Colombia, Peace processes": the post's categories after a
    # separator are the blog's filing, not words around the date
    rest = _FILED_TAIL.sub("", rest)
    # "21 November 2024 (Hijri: 19 Jumada al-Ula 1446)", "16 July 2024 (Shrawan 1, 2081 BS)":
    # the same day in another calendar, in brackets after the date (a number and a year in
    # them, no sentence): part of the dateline, whatever the calendar is called
    rest = _OTHER_CALENDAR.sub(" ", rest)
    rest = _TIME_AFTER_DATE.sub("\x02", rest).replace("\x02", " ")
    rest = _READ_TIME.sub(" ", rest)
    rest = _DURATION.sub(" ", rest)
    rest = _DATELINE_WORDS.sub(" ", rest)
    rest = re.sub(r"\s*[|·•]\s*|\s+(?:[—–]|-{1,3})\s+", " | ", rest)  # a separator stays one: "By A · Quito"
    rest = re.sub(r"(?<=\w),\s*(?=\w)", "\x00", rest)  # so does a comma between words
    rest = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", "\x01", rest)  # and a name's hyphen
    rest = _LEFTOVER.sub(" ", rest).strip(" |").replace("\x00", ", ").replace("\x01", "-")
    # a byline's glue words do not count: "By A and Pieter de Graaf" is four words of names
    if sum(1 for w in rest.split() if w.casefold() not in _BYLINE_GLUE) > 6:
        return None
    return iso, rest


def is_read_time(line: str) -> bool:
    """``2 mins read``, ``18 MINS READ``: a reading-time line, page furniture."""
    if _READ_TIME.search(line) and not _LEFTOVER.sub("", _READ_TIME.sub("", line)):
        return True
    if _FIELD_DURATION.match(line):
        return True
    return bool(_DURATION.search(line)) and len(line.split()) <= 6 and not re.search(r"[.!?]$", line)


def iso_of(value: object) -> str | None:
    """A front-matter or metadata date (a TOML date, ``2019-03-05``, ``March 5, 2019``) as ISO."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()[:10]
    hit = find(str(value))
    return hit.iso if hit and hit.iso else None

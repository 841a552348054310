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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..analysis import fold
from ..lazyre import lazy
from . import dates
from .chrome import is_post_header, nav_items, nwords, words

#: How many non-blank lines from the top may hold header lines.
ZONE_LINES = 30
_BY_WORD = (
    r"(?:(?:written|posted|words|story|reported|compiled|prepared|drafted|reviewed|text|article|hosted|presented|analysis|"
    # a speech's credit: "Address by Deputy Minister Jane Roe to the Forum"
    r"address|speech|remarks|statement|keynote(?:\s+address)?|lecture|testimony|summary|notes|"
    r"interview(?:ed)?|conversation|(?:live\s+)?(?:blog|coverage|updates))\s+by|by|"
    r"authors?|writers?|contributors?|hosts?|autor(?:a|es)?|auteurs?|autore|por|par|von|door|av|af|przez)\b"
)
# "By Jane Roe", "Par / By Jane Roe" (a bilingual page says it twice)
_BYLINE = lazy(rf"^{_BY_WORD}(?:\s*/\s*{_BY_WORD}|\s+by\b)?\s*[:\-–—]?\s*(?P<names>.+)$", re.I)
#: accounts that post for a site: no person's name
ACCOUNTS = frozenset(
    "admin administrator editor editors staff webmaster guest anonymous user author team desk "
    "newsroom".split()
)
_PREFIX = (
    r"(?:dr|capt|col|gen|lt|maj|prof|sir|mr|mrs|ms|adm|amb|rev|sgt|cpt|cmdr|lt\.\s*col|brig|hon|"
    r"rep|sen|gov|pres|fr|sr|mme|mlle|dame|lord|lady)\.?"
)
_PARTICLE = r"(?:de|da|del|della|di|du|des|van|von|der|den|ter|al|el|bin|ibn|la|le|dos|das|y|st\.?)"
_L = r"[^\W\d_]"  # a letter
# a lower-case letter, accented ones too ("Bâ", "Lê"): a name's mark against an all-caps word
_LOWER = r"[a-zß-öø-ÿăąćčďęěğłńňőœřśşšţťůűźżžșț]"
_NAME_WORD = (
    rf"(?:[A-Z](?:{_L}|['’\-])*{_LOWER}(?:{_L}|['’\-])*|[A-Z]{{2,}}(?:[-'’][A-Z]+)?|[A-Z]\.(?:\s?[A-Z]\.)*"
    rf"|O['’][A-Z]{_L}+|Mc[A-Z]{_L}+|[ÀÁÂÄÅÇÉÈÊËÍÎÑÓÔÖØÚÜŠŽĆČŁŚŻ]{_L}+"
    # "al-Khafaji", "el-Sayed", "bin-Talal": an Arabic article glued to the name by a hyphen
    rf"|(?:al|el|ad|ash|as|at|az|ibn|bin|abu)[-‑][A-Z]{_L}+)"
)
_SUFFIX = r"(?:jr\.?|sr\.?|ii|iii|iv|phd|ph\.d\.|md|esq\.?)"
_NAME = lazy(
    rf"^(?:(?i:{_PREFIX})\s+)*{_NAME_WORD}(?:\s+(?:(?i:{_PARTICLE})\s+)*{_NAME_WORD}){{0,4}}(?:,?\s+(?i:{_SUFFIX}))?$"
)
_RANK = lazy(rf"^(?:(?i:{_PREFIX})\s+)+")
_AFFILIATION = lazy(
    r"\b(?:Navy|Army|Air\s+Force|Marines?|Corps|Institute|University|College|Center|Centre|Council|"
    r"Foundation|Department|Ministry|Agency|Corporation|Company|Group|Staff|Editors?|Desk|Team|Newsroom|"
    r"Reporters?|Correspondents?|correspondent|staff|editor|reporter|Bureau|Press|News|Service|Division|Unit|"
    r"Section|Office|Directorate|Secretariat|Programme|Program|Initiative|Forum|Society|Association|Commission|"
    r"Committee|Board|Ministry|Authority|Trust|Fund|Bank|Network|Project|Review|Journal|Magazine|Weekly|Daily|"
    r"Monitor|Observer|Times|Herald|Tribune|Gazette|Chronicle|Courier|Dispatch|Bulletin|Digest|Newsletter|"
    r"Briefing|Quarterly|Monthly|Analytics|Intelligence|Research|Studies|Insights|Consulting|Advisory|Media|"
    r"Publishing|Wire|Post)\b"
)
# "and" in any case; another language's "and" in lower case only ("Par A et B", "Por A e B",
# "Von A und B"), so that an initial ("Lynn E Davis") is never taken for one
_AND = r"(?:(?i:and)|et|e|und|y|en|och|og)"
_NAME_SPLIT_KEEP = lazy(rf"(\s*(?:,\s*(?:{_AND}\s+|&\s*)?|\s+{_AND}\s+|\s*&\s*|;\s*)\s*)")
_SUBJECT = lazy(r"^subject\s*:\s*(?P<s>.+)$", re.I)
_SUBJECT_TAGS = lazy(r"^(?:\s*(?:\[[^\]]{1,40}\]|(?:re|fw|fwd|aw|tr)\s*:))+\s*", re.I)
# a wire headline's version tag, glued by a hyphen ("UPDATE 2-", "REFILE-", "CORRECTED-"): which
# edition of the story this is, like "FW:" on a subject (capitals only: "Update" in a headline is a word)
_WIRE_TAG = lazy(r"^(?:(?:UPDATE|WRAPUP)\s+\d{1,2}|UPDATE|REFILE|CORRECTED|RPT|WRAPUP)-(?=\S)")
# "Read also: <headline>": a label of two or three words, a colon, the rest
_LABELLED = lazy(r"^(?P<label>[^\W\d_][\w'’]*(?:\s+[\w'’]+){1,2})\s*:\s+(?P<rest>\S.*)$")
_SENTENCE_END = lazy(r"[.!?…][\"'”’)\]]*$")
_LOWER_WORDS = frozenset(
    "a an the and or but of in on at to for from by with as into onto over under after before "
    "about than vs vs. via is are was were be not no its it's his her their our your".split()
)

# Words no personal name holds even capitalised ("Moving Armies Across Europe:" is a title)
_PREPOSITIONS = frozenset(
    "across against along amid among around behind beneath beside between beyond despite "
    "during inside outside through throughout toward towards upon versus within without".split()
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
    #: how sure the title is (its score; 3 and more is a confident one)
    title_score: float = float("-inf")
    #: line index -> (role, reason): the lines the header took, so the body skips them
    roles: dict[int, tuple[str, str]] = field(default_factory=dict)


def names(text: str) -> list[str]:
    """The personal names in a byline body (``Olga Oliker, Michael J. McNerney, and Lynn
    E. Davis``), or [] when any part is not a name."""
    text = re.sub(r"\s*\([^()]{0,40}\)", "", text)  # "(Retd)", "(Ret.)", "(@handle)"
    text = re.sub(r"(?<=[^\W\d_])[*†‡§]+", "", text)  # "Jane Roe* and John Doe†": affiliation marks
    text = text.strip().strip(".,;:|").strip()
    text = re.sub(r"\s*[|·•–—]\s*.*$", "", text)  # "Jane Doe | Senior Fellow"
    pieces = _NAME_SPLIT_KEEP.compiled.split(text)
    parts = [p.strip() for p in pieces[::2] if p.strip()]
    # what stands before each part: a comma alone, or a conjunction ("and", "&", ";")
    joined = [bool(re.search(rf"\b{_AND}\b|&|;", sep)) for sep in ["", *pieces[1::2]]]
    joined = [j for p, j in zip(pieces[::2], joined, strict=True) if p.strip()]
    if not parts or len(parts) > 12:
        return []
    out: list[str] = []
    in_role = False
    for k, (p, conj) in enumerate(zip(parts, joined, strict=True)):
        if not out and len(p) > 60:
            return []  # (what _NAME says of it cannot matter: the name test is costly)
        named = _NAME.match(p) is not None
        if out and (_ROLE.search(p) or (not named and _AFFILIATION.search(p))):
            in_role = True
            continue  # "Jane Doe, Canal Weekly correspondent": a role after a name
        if in_role and not conj and not (k + 1 < len(parts) and _ROLE.search(parts[k + 1])):
            # "Jane Doe, Senior Fellow, Economic Security": the role's programme (a part with
            # a role of its own after it, "…, John Roe, Analyst", is the next author)
            continue
        in_role = False
        if not named or len(p) > 60 or re.search(r"['’]s\b", p):
            return []
        if _AFFILIATION.search(p) or (p.isupper() and _AFFILIATION.search(p.title())):
            continue  # "U.S. Navy", "Ledger Weekly correspondent", "WirePoint Staff", "CANAL WEEKLY"
        out.append(_RANK.sub("", p))
    # a one-word part beside full names is a place or an outlet ("Tanvir Hossain, Dhaka")
    if any(nwords(n) >= 2 for n in out):
        out = [n for n in out if nwords(n) >= 2]
    return out


def byline(text: str) -> list[str] | None:
    """The authors of a byline line (``By George Friedman``, ``by Bill O'Grady``,
    ``Author: Jane Doe``), or None when the line is not one."""
    m = _BYLINE.match(text)
    if not m:
        return None
    body = m.group("names")
    # "ana.rusu@example.org (Ana Rusu)": a feed's author field, the address then the name
    body = re.sub(r"^\S+@\S+\s*\(([^()@]+)\)\s*$", r"\1", body.strip())
    if ";" in body:
        # "the statistics team; analysis by Jane Roe": clauses, each its own credit; the
        # ones naming a group (a team, a desk) name no person
        clauses = [_CREDIT_LEAD.sub("", c.strip()) for c in body.split(";")]
        people = [c for c in clauses if c and not _group_name(c)]
        if people and len(people) < len(clauses):
            body = "; ".join(people)
    body = _OFFICE.sub("", body)  # "Deputy Minister Jane Roe": her office, no part of her name
    # "By A, with B in Adré", "By A in Dakar and B": a second writer after "with", and the
    # place the first filed from (one or two capitalised words after "in", before "and" and
    # the next name) -- the place is no part of a name, and the names go on after it
    body = re.sub(r",?\s+with\s+(?=[A-Z][\w'’.-]+\s+[A-Z])", " and ", body)
    body = re.sub(r"\s+in\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?(?=\s+(?:and|&)\s+[A-Z])", "", body)
    # "…, the canal desk" ends the names; "…, and Lise Dahl" (a serial comma) does not
    body = re.split(
        r"\s+(?:on|in|for|at|from|to)\s+(?:the\s+)?(?=[A-Z\d])|\s*[|·•]\s*|,\s+(?!and\s+[A-Z])(?:the\s+)?(?=[a-z])",
        body,
    )[0]
    found = names(body)
    if not found and nwords(body) == 1 and body[:1].isupper():
        found = [body.strip(".,")]  # "By Stratfor"
    return found or None


#: "analysis by", "charts by": a clause's own credit word before its names
_CREDIT_LEAD = lazy(r"^(?:[^\W\d_]+\s+){1,2}by\s+(?=[A-Z])")
# "Deputy Minister", "Foreign Secretary", "Ambassador": an office printed before a name
_OFFICE = lazy(
    r"^(?:(?:the\s+)?(?:(?:deputy|vice|acting|former|foreign|prime|finance|defen[cs]e|interior|first|"
    r"chief|state|under)[\s-]+)*(?:minister|president|ambassador|secretary(?:[\s-]general)?|governor|senator|"
    r"chancellor|commissioner|mayor|chair(?:man|woman|person)?|premier|envoy|spokes(?:man|woman|person)|"
    r"judge|justice)\s+)(?=[A-Z][^\W\d_]+\s+[A-Z])",
    re.I,
)


def _group_name(text: str) -> bool:
    """``the statistics team``, ``Pacific desk``: a group that signs, no person."""
    last = text.rstrip(".").split()[-1:]
    return bool(last) and last[0].casefold() in ACCOUNTS


_ROLE = lazy(
    r"\b(?:chief|senior|junior|lead|principal|head|director|fellow|analyst|economist|strategist|editor|"
    r"correspondent|reporter|professor|researcher|associate|adviser|advisor|officer|manager|partner|"
    r"president|founder|contributor|columnist|writer|host|producer|lecturer|scholar|expert|specialist|desk|bureau|"
    r"checker|journalist|investigator|photographer|translator|consultant|coordinator|commentator|curator|historian)\b",
    re.I,
)


# "Daniela Arosemena • 2nd", "Jane Roe · Follow": a network's badge after a member's name
_BADGE = lazy(r"\s+[•·]\s+(?:\d(?:st|nd|rd|th)\+?|follow(?:ing)?|verified|author|premium)\s*$", re.I)


def _badge_free(text: str) -> str:
    return _BADGE.sub("", text)


def name_line(text: str) -> list[str]:
    """Authors when the whole line is names (a bare byline; ``Name, Chief Economist for
    Brazil`` counts, its role dropped), else []."""
    return list(_name_line(text))


@lru_cache(maxsize=8192)
def _name_line(text: str) -> tuple[str, ...]:
    """:func:`name_line`, kept: the header, speaker labels and signatures ask about the
    same short lines again and again."""
    return tuple(_names_of_line(text))


def _names_of_line(text: str) -> list[str]:
    if "(" in text and re.search(r"[^\W\d_]\s*\([^()]{2,80}\)(?:\s*(?:,|and|&|$))", text):
        # "Kwame Asante (University of Ghana) and Efua Mensah (Olive Quarterly)": each name's
        # affiliation in brackets after it
        bare = re.sub(r"\s*\([^()]{2,80}\)", "", text).strip()
        if bare != text and "(" not in bare:
            return _names_of_line(bare)
    # "Nadim Haddad in Beirut": a reporter's name and where the piece was filed
    filed = re.match(r"^(.+?)\s+in\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?$", text)
    if filed and " in " not in filed.group(1):
        return _names_of_line(filed.group(1))
    if filed:
        # "Jane Roe in La Paz and John Doe in Miami": each reporter and the place filed from
        pieces = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text)
        each = [_names_of_line(p) for p in pieces] if len(pieces) >= 2 else []
        if each and all(len(w) == 1 for w in each):
            return [w[0] for w in each]
        return []
    # "Jane Roe - John Doe / Ankara": the same, the place after a slash; only for two or more
    # names, as a section path ("South Asia / Bangladesh") reads like one name and a place
    filed = re.match(r"^([^/]+?)\s+/\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?$", text)
    if filed:
        found = _names_of_line(filed.group(1))
        return found if len(found) >= 2 else []
    # "Jane Roe - John Doe": two bylines joined by a spaced dash, each a full name
    if re.search(r"\s[-–]\s", text) and not _ROLE.search(text):
        parts = [_names_of_line(p) for p in re.split(r"\s+[-–]\s+", text)]
        if all(len(p) == 1 for p in parts):
            return [p[0] for p in parts]
    head, comma, role = text.partition(",")
    # (two roles, "Director, X Programme, Y Institute; Fellow, Z Centre", run longer)
    if comma and _ROLE.search(role) and (nwords(role) <= 10 or (nwords(role) <= 18 and ";" in role)):
        text = head
    elif comma and re.match(r"\s*[a-z]", role) and nwords(role) <= 6 and not _SENTENCE_END.search(role):
        text = head  # "Rizal Siregar, independent urban planner": what the person is, in lower case
    if len(text) > 120 or (_SENTENCE_END.search(text) and not re.search(r"\b\w{1,3}\.$", text)):
        return []
    ws = text.replace(",", " ").split()
    if any(w.lower() in _LOWER_WORDS - {"and"} or w.lower() in _PREPOSITIONS for w in ws):
        return []
    found = names(text)
    # a bare line is a byline only when every name has two or more parts
    if not found or any(nwords(n) < 2 for n in found):
        return []
    return found


_EDITED = lazy(r"^\W*edited\s+by\s+", re.I)
# "Issue 2025/02, dated 9 January 2025 (archived 1 February 2025)": a verb of publication
# right before the date makes a short line (no sentence) a dateline, whatever else it holds
_INTRODUCED = lazy(r"\b(?:dated|published|issued|posted)(?:\s+on)?\s*:?\s*$", re.I)
# "Reporting period: 1–30 June 2024", "March–April 2024": a span of days or months is the
# period a report covers, not the day it came out
_PERIOD = lazy(r"\b\d{1,2}\s*[–—-]\s*\d{1,2}\s+[^\W\d_]{3,}|\b[^\W\d_]{3,}\s*[–—-]\s*[^\W\d_]{3,}\s+\d{4}\b")


def _introduced(text: str) -> bool:
    """True when the line's date follows "dated" / "published" / "issued" and the line is
    no sentence (an issue line with an archive date is still the dateline)."""
    hit = dates.find(text)
    return (
        hit is not None
        and bool(_INTRODUCED.search(text[: hit.start]))
        and nwords(text) <= 16
        and not _SENTENCE_END.search(text)
    )


_EDIT_STAMP = lazy(r"\blast\s+(?:edited|updated|modified|revised)\b\s*(?:on\s+)?:?\s*(?P<d>.{4,40})$", re.I)


def _edit_stamp(text: str) -> bool:
    """A short line closing on "Last edited <date>" (a note's status line)."""
    m = _EDIT_STAMP.search(text)
    return m is not None and nwords(text) <= 16 and dates.find(m.group("d")) is not None


_MARKED_AFFILIATION = lazy(r"^[*†‡§]\s*\S")


def _wrapped_subtitle(t: str, nxt: str) -> bool:
    """ "Title: A Subtitle of Four Words or More" / "Going On Here": a one-colon title whose
    subtitle wraps onto the next line (which holds no colon of its own)."""
    head, colon, sub = t.partition(":")
    # (a shorter subtitle cut after a year or a name, "… Venezuela's 2024" / "Election and
    # Its Aftermath", when the line it goes on in is itself title-cased)
    long_enough = nwords(sub) >= 4 or (nwords(sub) >= 2 and nwords(nxt) >= 3 and _caps_share(nxt) >= 0.75)
    return bool(colon) and ":" not in sub and ":" not in nxt and nwords(head) >= 2 and long_enough


_CARRIES_ON = lazy(r"^(?:and|or|of|the|in|on|for|to|with|from|at|by|versus|vs\.?)\s+\S")


def _caps_share(text: str) -> float:
    ws = [w for w in words(text) if len(w) >= 4]
    if not ws:
        return 1.0
    return sum(w[0].isupper() for w in ws) / len(ws)


#: a byline's words alone on their line, the names on the next ("Compiled by" / "Jane Roe")
_BY_LABEL = lazy(rf"^{_BY_WORD}\s*:?$", re.I)
#: a field's label alone on its line: one or two words and a colon ("Author:", "Written by:")
_FIELD_LABEL = lazy(r"^[^\W\d_]+(?:\s[^\W\d_]+)?\s*:$")


def _menu_at(texts: Sequence[str], zone: list[int], k: int) -> bool:
    """Whether zone item ``k`` stands in a run of three or more lines of one to three words
    (a site's menu)."""

    def short(j: int) -> bool:
        return 0 <= j < len(zone) and 1 <= len(texts[zone[j]].split()) <= 3

    return sum(1 for j in range(k - 2, k + 3) if short(j)) >= 3 and short(k)


def _question_headline(text: str, i: int, prose_at: list[int]) -> bool:
    """The zone's first prose line may still be a sentence-case headline when it is short
    and ends in a question ("Lebanon defaults on its debt. What happens now?") with more
    prose under it: a candidate, to be scored like the others."""
    first = bool(prose_at) and i == prose_at[0] and len(prose_at) >= 2
    return first and len(text.split()) <= 16 and text.endswith("?")


def is_prose(text: str) -> bool:
    """A sentence of the article rather than a header line."""
    n = nwords(text)
    if n >= 30:
        return True
    text = re.sub(r"(?:\[\d{1,3}\]|\d{1,3})$", "", text)  # "damage.[1]": a note marker ends it
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
    score = -0.3 * rank
    first = text.lstrip("\"'“‘([")[:1]
    if not (first.isupper() or first.isdigit()):
        score -= 5.0
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
    elif _caps_share(text) >= 0.6 and len([w for w in words(text) if len(w) >= 4]) >= 2:
        score += 1.5
    if 3 <= n <= 18:
        score += 1.0
    elif n == 1:
        score -= 3.0
    elif n > 22:
        score -= 2.0
    if is_prose(text):
        score -= 4.0
    if text.startswith("(") and text.endswith(")") and ")" not in text[1:-1]:
        score -= 4.0  # wholly in brackets: an aside or an update advisory ("(Adds …)"), not a headline
    if hint:
        h, t = _norm(hint), _norm(text)
        if h == t:
            score += 6.0
        elif t and nwords(t) >= 2 and (t in h or h in t):
            shorter, longer = sorted((t, h), key=len)
            if nwords(shorter) >= 0.6 * nwords(longer):
                score += 4.0
    return score


# "WirePoint Staff", "By the Editors", "Central Asia Desk": a byline that names no person
_STAFF = lazy(
    r"^(?:by\s+)?(?:the\s+)?(?:[A-Z][\w&'’.-]*\s+){0,4}(?:[Ss]taff(?:\s+(?:[Rr]eporters?|[Ww]riters?))?|"
    r"[Dd]esk|[Nn]ewsroom|[Ee]ditors|[Ee]ditorial\s+(?:[Bb]oard|[Tt]eam)|[Bb]ureau|[Cc]orrespondents?)$"
)
_PUBLISHED = lazy(r"^\W*(?:(?:first|originally)\s+)?(?:published|posted|dated|written)\b", re.I)
_SEGMENT = lazy(r"\s+[|·•]\s+")


def segmented(text: str) -> tuple[str, list[str] | None] | None:
    """``(iso, authors)`` of a byline row set in parts (``By Jane Roe | Senior Fellow |
    March 3, 2019 | 6 min read``, ``Lima · 14 January 2020 · Jane Roe``): one part a date,
    one a byline or a bare name, the others short labels."""
    parts = [p.strip() for p in _SEGMENT.compiled.split(text) if p.strip()]
    if len(parts) < 3 or any(nwords(p) > 8 for p in parts):
        return None
    iso, who, bare = "", None, None
    for p in parts:
        d = dates.dateline(p)
        if d is not None and d[0] and not d[1] and not iso:
            iso = d[0]
        elif d is not None and d[0] and not iso and who is None and byline(d[1]):
            iso, who = d[0], byline(d[1])  # "Posted by Jane Roe on 08/10/2024 · Energy · 4 comments"
        elif who is None and byline(p):
            who = byline(p)
        elif bare is None and name_line(p):
            bare = name_line(p)
    who = who or bare  # a "By" part over a bare name part (an outlet's name looks like one)
    if not iso or (who is None and not any(dates.is_read_time(p) for p in parts)):
        return None
    return iso, who


# a forum member's join date is no date of the post
# a source's name before its date: "Bab Review, " / "Canal Weekly | " (capitalised words)
_SOURCE_NAME = lazy(r"^(?:[A-Z][\w'’&.-]*\s+){1,5}?[A-Z][\w'’&.-]*\s*[,|·—–-]\s*$")
_MEMBER = lazy(r"\b(?:join(?:ed)?|member\s+since|registered|last\s+(?:seen|active|visit))\b", re.I)
_UPDATED = lazy(r"^\W*(?:last\s+)?(?:updated|modified|edited|revised)\b", re.I)
_RELEASED = lazy(r"^\W*released\b", re.I)
#: the day a reader printed, saved or looked the page up ("Printed 3 Dec 2026 10:12",
#: "Accessed 4 May 2024"): a stamp of the copy, never the day the briefing was written
_STAMP = lazy(r"^\W*(?:printed|accessed|retrieved|downloaded|saved|exported)(?:\s+(?:on|at))?\b", re.I)


def read(
    texts: Sequence[str],
    chrome: dict[int, str],
    hints: dict[str, Hint],
    *,
    headings: frozenset[int] = frozenset(),
    no_title: frozenset[int] = frozenset(),
    rows: frozenset[int] = frozenset(),
    adjacent: Callable[[int, int], bool] | None = None,
    file_name: str = "",
) -> Header:
    """Read the header zone of a file's items (paragraphs and lines, in order).

    ``chrome`` holds the items already known as chrome (index -> reason), ``hints``
    what the format knows (``title``, ``date``, ``authors``), ``headings`` the items a
    structured format marks as top headings (a first ``<h1>`` / ``#`` is a strong
    title), ``no_title`` items that can never be the title (bullets, captions, lower
    headings), ``rows`` a table's rows (data: a header row "Indicator | May 2023" is no
    dateline), ``file_name`` the file's name (users save a page under its title or its
    address's slug: a line holding the name's words is likely the title).
    """
    named = name_words(file_name)
    head = Header()
    zone: list[int] = []
    prose_at: list[int] = []
    for i, t in enumerate(texts):
        if not t:
            continue
        zone.append(i)
        if i not in chrome and is_prose(t):
            prose_at.append(i)
            if len(prose_at) >= 3:
                break
        if len(zone) - sum(1 for j in zone if j in chrome) >= ZONE_LINES or len(zone) >= 8 * ZONE_LINES:
            break  # chrome lines (a long menu) do not use up the zone
    title_hint = hints["title"].value if "title" in hints else ""
    # A line repeated across briefings may still be a byline or a date (an author's
    # name on every one of her posts); only lines chrome by their own evidence are not.
    soft = {i for i, r in chrome.items() if r.startswith("repeated")}
    chrome = dict(chrome)
    above_text = [i for i in zone if not prose_at or i < prose_at[0]]  # a kicker stands above the text
    for i in _menu_sections(texts, above_text, chrome):
        chrome[i] = _MENU_SECTION
        head.roles[i] = ("kicker", _MENU_SECTION)
    chrome_dates: list[tuple[int, str]] = []
    datelines: list[tuple[int, str, list[str] | None]] = []  # (i, iso, authors in the line)
    for i in zone:
        t = texts[i]
        if i in rows:
            continue
        d = dates.dateline(t)
        row = segmented(t) if i not in chrome or chrome[i] == "navigation row" else None
        if row is not None and d is not None and row[1] is None:
            row = None  # a plain dateline in parts: read as a dateline below
        if row is not None and row[1] and _masthead_line(t):
            # "BIRCH NOTES · No. 212 · 13 December 2023": a masthead (its issue's number),
            # the publication's name beside the date, no writer's
            row = (row[0], None)
        if row is not None:
            datelines.append((i, *row))
            continue
        if d is not None and _STAMP.match(t):
            head.roles[i] = ("chrome", "print or access stamp: the day of the copy")
            continue
        if d is not None:
            iso, rest = d
            if chrome.get(i) == "credit line" and (not prose_at or i < prose_at[0]) and _EDITED.match(rest):
                # "Edited by Jane Roe · 30 August 2024" over a newsletter's text: its editor
                # dates and signs the issue (at an article's foot, "Edited by" is a credit)
                who = byline(_EDITED.sub("By ", rest))
                if who:
                    datelines.append((i, iso, who))
                    continue
            if i in chrome and i not in soft and chrome[i] != "navigation row":
                # a member's join date, a teaser's date: another time, another story
                if iso and not _MEMBER.search(t) and not chrome[i].startswith("teaser"):
                    chrome_dates.append((i, iso))
                continue
            # the rest of a dateline is a byline when it says "by" or stands apart ("Jane
            # Doe | Dec 28, 2018"); "São Paulo, 18 April 2023" is a place
            apart = bool(re.search(r"[|·•—]", t))
            who = (byline(rest) or (name_line(rest) if apart else None) or None) if rest else None
            if rest and not who:
                # "Jane Doe & John Roe 10 Jan 2024": names just before the date are a byline;
                # a place has a comma after it ("São Paulo, 18 April 2023")
                found = name_line(rest)
                placed = re.search(re.escape(rest.split()[-1]) + r"\s*,", t)
                who = found if found and (len(found) >= 2 or not placed) else None
            if rest and not who and nwords(rest) > 3 and not _introduced(t):
                continue  # a date inside other words: the line stays text
            if who and _masthead_line(t):
                who = None  # a masthead's name beside its issue's number (as above)
            datelines.append((i, iso, who))
        elif i not in chrome and dates.is_read_time(t):
            head.roles[i] = ("chrome", "read time")
    dated = {i for i, _, _ in datelines}
    bylines = {
        i: who
        for i in zone
        if (i not in chrome or i in soft) and i not in dated
        for who in [byline(texts[i])]
        if who
    }

    accounts = {i for i in zone if i not in dated and i not in bylines and _account_byline(texts[i])}
    for i in _teasers(texts, zone, chrome, dated | set(bylines)):
        head.roles[i] = ("chrome", "a teaser link under the byline (its label stands alone elsewhere)")

    # a role on its own line under an author's name ("Sunita Chaudhry" / "Senior Fellow,
    # Water Security at Keystone Policy Centre"): the author's, never the title
    for pos, i in enumerate(zone[1:], start=1):
        t = texts[i].strip()
        # "Head of Research at X | Maritime trade | Latin America" reads as a menu's row, but
        # under a name, led by a role, it is the name's role
        menu_role = chrome.get(i) == "navigation row" and bool(_ROLE.match(t))
        if (i in chrome and not menu_role) or i in dated or len(re.findall(r"[^\W_][\w'’-]*", t)) > 14:
            continue
        # "Research Fellow, Technology and Security", "Shipping economist | Lagos and London": a
        # role before the comma or bar, its field or place after
        lead = re.split(r"\s*[,|·•]\s*", t)[0]
        if not (_ROLE.match(t) or (len(lead.split()) <= 4 and _ROLE.search(lead) and not _texty(t))):
            continue
        if not _ROLE.match(t) and "," in t and name_line(lead) and not _ROLE.search(lead):
            continue  # "Anna Berg, Analyst": a name and her role, a byline
        if name_line(_badge_free(texts[zone[pos - 1]])) or zone[pos - 1] in bylines:
            head.roles[i] = ("byline", "the author's role under the name")

    contents = set(_contents_list(texts, zone, adjacent))
    listed = {_list_entry(texts[i]) for i in contents}

    def role_at(j: int) -> bool:
        return head.roles.get(j, ("", ""))[1] == "the author's role under the name"

    def header_like(j: int) -> bool:
        return j in chrome or j in contents or j in dated or j in bylines or j in head.roles or j in accounts

    def header_or_name(j: int) -> bool:
        return header_like(j) or bool(name_line(texts[j]))

    def name_at(j: int) -> list[str]:
        return name_line(_badge_free(texts[j])) if j not in chrome or j in soft else []

    def sentence_headline(i: int) -> bool:
        """The zone's first prose line may be a headline written as a sentence ("The
        president tried to close Congress. By nightfall he was in custody.") when it is
        short and a byline or a dateline stands under it, only chrome between, before the
        text: a sentence of the article has no byline under it."""
        if not prose_at or i != prose_at[0] or len(prose_at) < 2 or nwords(texts[i]) > 16:
            return False
        pos = zone.index(i)
        above = zone[pos - 1] if pos > 0 else None
        if (
            above is not None
            and above not in chrome
            and above not in dated
            and nwords(texts[above]) > 2
            and not _SECTION_PATH.match(texts[above])
        ):
            return False  # under a line that may be the title (not a kicker): the standfirst
        rest = [j for j in zone[pos + 1 :] if j not in chrome or j in soft]
        under = rest[0] if rest else None
        if under is not None and len(rest) >= 2 and rest[1] in dated and name_line(texts[under]):
            under = rest[1]  # a bare byline, then the dateline
        return under is not None and under < prose_at[1] and (under in dated or under in bylines)

    for i in _field_block(texts, [j for j in zone if j not in contents], adjacent):
        if i in dated or i in head.roles or _title_field(texts[i]) is not None:
            continue
        who = bylines.get(i) or byline(texts[i])
        if who:
            # "Author: ana.rusu@example.org (Ana Rusu)": the record's author field (the
            # address may have made it chrome)
            head.roles[i] = ("byline", "the record's author field")
            if not head.authors:
                head.authors, head.authors_from = who, f"item {i}"
        else:
            head.roles[i] = ("chrome", "a field of the page's record (a label and its value)")
    for pos, i in enumerate(zone):
        if i in head.roles or i in dated or (i in chrome and i not in soft):
            continue
        nxt_i = zone[pos + 1] if pos + 1 < len(zone) else -1
        if _STAFF.match(texts[i]) and not _SENTENCE_END.search(texts[i]):
            # "Hyrax Wire Staff", "Central Asia Desk": a byline that names no person
            head.roles[i] = ("byline", "byline naming no person (a desk or staff)")
        elif (
            nxt_i >= 0
            and name_line(texts[nxt_i])
            and _norm(texts[i]).startswith(_norm(texts[nxt_i]) + " s ")
            and nwords(texts[i]) == nwords(texts[nxt_i]) + 1
        ):
            # "Jane Roe's avatar" over "Jane Roe": the caption of the writer's picture
            head.roles[i] = ("byline", "the author's picture (its caption)")

    # Title candidates: short lines before the article's second prose paragraph.
    # (the second: a republisher's note may come first; with one prose paragraph, the first)
    ends = [*prose_at[:2], (zone[-1] + 1 if zone else 0)]
    limit = ends[1] if len(prose_at) >= 2 else ends[0]
    # a line repeated across briefings (chrome by repetition only) may still be this page's
    # title (two briefings can share one): a candidate, with a penalty
    cands = [
        i
        for i in zone
        if i < limit
        and (not header_like(i) or (i in soft and i not in dated and i not in bylines))
        and i not in no_title
        and i not in head.roles
        and i not in contents
        and (
            not is_prose(texts[i])
            or _question_headline(texts[i], i, prose_at)
            or sentence_headline(i)
            or (i in headings and len(headings) == 1 and nwords(texts[i]) <= 25)  # the page's one <h1>
        )
    ]
    norms = [_norm(texts[i]) for i in zone]

    def continuation(i: int) -> int | None:
        """The zone item that carries on title candidate ``i`` on the next line, if any: a
        title printed over two lines ("The Northern Sea Route After the Suez" / "Blockage:
        Traffic, Ice and Ambition") goes on with no sentence, date or byline, just as
        capitalised."""
        pos = zone.index(i)
        nxt = zone[pos + 1] if pos + 1 < len(zone) else None
        t = texts[i]
        if nxt is not None and title_hint and _norm(f"{t} {texts[nxt]}") == _norm(title_hint):
            return nxt  # the two lines together are the title the format gives
        if (
            nxt is not None
            and adjacent is not None
            and adjacent(i, nxt)
            and nxt not in no_title
            and not header_or_name(nxt)
            and not name_line(t)
            and not _texty(texts[nxt])
            and not _SENTENCE_END.search(t)
            and nwords(t) >= 4
            and nwords(texts[nxt]) >= 3
            and not _AFFILIATION.search(texts[nxt])
            and (len(t) >= 0.6 * len(texts[nxt]) or t.endswith(":"))
            # a colon only at its end ("TITLE:" / "SUBTITLE"), or anywhere when the next line
            # starts with a small word in lower case ("… Chinese Smelters" / "and the Price of
            # …"): no title or label starts so, the line carries the first one on
            and not re.search(
                r"[|·•]"
                if _CARRIES_ON.match(texts[nxt]) or _wrapped_subtitle(t, texts[nxt])
                else r"[|·•]|:(?!$)",
                t,
            )
            and t.isupper() == texts[nxt].isupper()
            and _caps_share(texts[nxt]) >= 0.6
            and _caps_share(t) >= 0.6
            and nwords(t) + nwords(texts[nxt]) <= 25
        ):
            return nxt
        return None

    ranks = {i: r for r, i in enumerate(c for c in cands if c not in soft)}
    # the first byline that names its writers ("By Jane Roe", "Reviewed by …", a dateline
    # with a byline): a page prints its title over it, so a line under it is the piece's
    # furniture or text (a field, a note, the book a review is of) when a line above it
    # can be the title
    signed = sorted([*bylines, *(i for i, _, who in datelines if who and _says_by(texts[i]))])
    signed_at = next((b for b in signed if any(c < b and c not in soft for c in cands)), None)

    def scored(i: int) -> tuple[float, int | None]:
        """Candidate ``i``'s title score, and the item carrying it on, if any."""
        rank = ranks.get(i, 0)
        more = continuation(i)
        t = texts[i] if more is None else f"{texts[i]} {texts[more]}"
        field = _title_field(t)
        t = field or t  # "Title: …", "Thread: …": the value is the title
        score = title_score(t, rank, title_hint) + (3.0 if field else 0.0)
        if is_prose(t) and more is None:
            score += 4.0 + (2.5 if _texty(t) and _caps_share(t) < 0.5 else 0.0)  # a question headline
        if i in soft:
            score -= 4.0
        if signed_at is not None and i > signed_at:
            score -= 2.0
        if _list_entry(t) in listed and not title_hint:
            # an item's headline under a contents list naming it: the issue has its own (an
            # e-mail's Subject, when there is one, says which the issue is read as)
            score -= 3.0
        if any(_ISSUE_NO.match(part) for part in _SEGMENT.split(t)[1:]):
            score -= 3.0  # "Canal Digest | Week 9": a publication's name and its issue, a masthead
        if _SERIES_NO.match(t):
            score -= 3.0  # "Working paper 12", "Policy Brief No. 4": the series and its number
        if re.search(r"\s[·|»›/•]\s", t):
            score -= 2.5  # "Middle East & Africa · Economy": a category or breadcrumb
        pos = zone.index(i if more is None else more)
        nxt = [j for j in zone[pos + 1 : pos + 4] if j not in chrome]
        # a short line in sentence case right over a bare byline ("The students won. Can the
        # caretakers build a state?" / "Jane Roe") is a headline written as sentences: the
        # article's own sentences have no name line under them
        over_name = (
            bool(nxt)
            and nxt[0] == zone[pos + 1]
            and (bool(name_line(texts[nxt[0]])) or nxt[0] in bylines or nxt[0] in dated)
            and nwords(t) <= 16
        )
        if (
            _texty(t)
            and _caps_share(t) < 0.5
            and not (title_hint and _norm(title_hint) == _norm(t))
            and not over_name
        ):
            score -= 2.5  # a sentence of text, not a title
        if i in headings:
            score += 2.0 if len(headings) > 1 else 6.0  # the page's one top heading
        pos = zone.index(i if more is None else more)
        # how soon the article starts below it: only header lines between is best
        gap, signed_off = 0, False
        for j in zone[pos + 1 :]:
            if j in prose_at or (j not in chrome and _texty(texts[j])):
                break
            if j in dated or j in bylines:
                signed_off = True
            elif not header_or_name(j) and not (signed_off and nwords(texts[j]) <= 4):
                # (under the dateline or byline a short label, "Key events", "Pinned", is the
                # page's furniture, no line between the title and its text)
                gap += 1
        score += (2.0, 1.0, 0.0)[gap] if gap < 3 else -1.0 - 0.3 * min(gap, 10)
        if not any(j not in chrome for j in range(i + 1, len(texts)) if texts[j]):
            score -= 3.0  # the file's last text: a title with nothing under it is no title
        nxt = [j for j in zone[pos + 1 : pos + 4] if j not in chrome]
        prev = [j for j in zone[max(0, pos - 3) : pos] if j not in chrome]
        # (an archive's "Released on …" dates the release: the line over it names the
        # collection, not the message)
        if nxt and (
            (nxt[0] in dated and not _RELEASED.match(texts[nxt[0]]))
            or nxt[0] in bylines
            or name_line(texts[nxt[0]])
        ):
            score += 1.5
        if prev and prev[-1] in dated:
            score += 1.0
        if _under_header_rows(texts, chrome, i):
            score += 2.0  # a message's subject printed under its header rows, over its text
        if nxt and _norm(texts[nxt[0]]).startswith(_norm(t)) and len(texts[nxt[0]]) > len(t):
            score += 1.0
        elif nwords(t) >= 3:
            # the standfirst opens with the title's words ("Poland turns a page (slowly): the
            # opposition …"), however many header lines stand between them
            first = next((j for j in zone[pos + 1 :] if j in prose_at), None)
            if first is not None and _norm(texts[first]).startswith(_norm(t)):
                score += 2.5
        if pos <= 2 and pos + 1 < len(zone) and _menu_row(chrome.get(zone[pos + 1], "")):
            # at the top of the page, right over the site's menu: the banner's tagline, not the headline
            score -= 3.0
        elif (
            pos <= 2
            and pos + 2 < len(zone)
            and _menu_row(chrome.get(zone[pos + 2], ""))
            and zone[pos + 1] not in chrome
            and nwords(texts[zone[pos + 1]]) <= 16
            and not (dates.find(texts[zone[pos + 1]]) or byline(texts[zone[pos + 1]]))
        ):
            # the site's name over its tagline and its menu ("Gecko Notes" / "Politics from
            # the Rio Grande …!" / "Home About Archive"): the masthead
            score -= 3.0
        if _organisation(t):
            score -= 3.0  # "Acacia Intelligence" over a byline: the source's name, no headline
        who = name_line(t)
        if who:
            # "George Friedman" is more often a byline than a title; a list of names always
            score -= 0.5 if len(who) == 1 else 4.0
            if nxt and nxt[0] in dated and prev:
                score -= 3.0  # a name over the dateline, under other header lines: the byline
            elif prev and prev[-1] in dated and zone[pos - 1] == prev[-1] and len(prev) >= 2:
                score -= 3.0  # a name right under the dateline, a line above both: the byline
        if norms.count(_norm(t)) >= 2 and not name_line(t):  # a name twice: an avatar and its link
            # printed twice (an archive's heading and the article's own); but a copy in a
            # menu (a run of one- to three-word lines) makes it a section's name, a kicker
            here = zone.index(i)
            in_menu = any(
                norms[k] == _norm(t) and k != here and _menu_at(texts, zone, k) for k in range(len(zone))
            )
            score += -2.0 if in_menu else 2.0
        score += name_bonus(t, named)
        return score, more

    # A forum post that reposts an article: the post's header ("Post by X » …", "« Reply
    # #5 on: … »") opens the post, and the article's own headline follows it; the thread's
    # title and the poster's details above it are the thread's page, not the article's.
    posts = [i for i in zone if i < limit and is_post_header(texts[i])]
    post_at = posts[-1] if posts else -1
    # The post's own subject, printed right over its header (a forum's layout), is the
    # post's too: a poster who reposts an article often makes its headline the subject.
    # A subject the page prints elsewhere too (the thread's title at the top, "Author
    # Topic: …", a reply's "Re: <thread>") is the thread's, not the post's.
    above = zone[zone.index(post_at) - 1] if post_at >= 0 and zone.index(post_at) > 0 else -1
    subject = []
    if above in cands and not _SUBJECT_TAGS.match(texts[above]):
        own = _norm(texts[above])
        if not any(own in _norm(texts[j]) for j in zone if j != above):
            subject = [above]
    best, best_score, best_next = -1, float("-inf"), None
    for pool in ([*subject, *(i for i in cands if i > post_at)], cands) if post_at >= 0 else (cands,):
        carried: dict[int, tuple[int, float]] = {}  # a title's second line -> its first, score
        for i in pool:
            score, more = scored(i)

            if more is not None:
                carried[more] = (i, score)
            if score > best_score:
                best, best_score, best_next = i, score, more
        if best in carried and carried[best][1] >= best_score - 1.0 and texts[carried[best][0]].endswith(":"):
            # a title's second line under a first one ending in a colon is not the title alone
            best, best_score = carried[best]
            best_next = scored(best)[1]
        if best_score >= 1.0:
            break
    title_at = -1
    if best >= 0 and best_score > -2.5:
        title_at = best
        title = texts[best]
        if best_next is not None:
            title = f"{title} {texts[best_next]}"
            head.roles[best_next] = ("title", "title, second line")
        title = _title_field(title) or title
        head.title, head.title_from = subject_title(title) or title, f"item {best}"
        head.title_score = best_score
        for i in zone:
            if _norm(texts[i]) == _norm(texts[best]) and i not in chrome:
                head.roles[i] = ("title", "title" if i == best else "title, printed again")

    for i in sorted(contents):
        if i not in head.roles and i not in chrome:
            head.roles[i] = ("chrome", CONTENTS_LIST)

    # Date: the dateline next to the title; else the first one; else the format's
    # date; else a date printed in chrome (an e-mail Date: header, a forum post line).
    def near_title(i: int) -> bool:
        if title_at < 0:
            return False
        lo, hi = sorted((zone.index(i), zone.index(title_at)))
        between = [j for j in zone[lo + 1 : hi] if not header_or_name(j)]
        return hi - lo <= 4 and not between

    # the dateline next to the title, below it rather than above (a line above may belong
    # to a wrapper: a forum post's header, a teaser), an "Updated" line after the others
    ordered = sorted(
        datelines,
        key=lambda d: (
            bool(_PERIOD.search(texts[d[0]])),
            _other_day(texts[d[0]]),
            not near_title(d[0]),
            bool(_RELEASED.match(texts[d[0]])),
            bool(_UPDATED.match(texts[d[0]])),
            d[0] < title_at,
            abs(d[0] - title_at) if title_at >= 0 else d[0],
        ),
    )
    for i, iso, who in ordered:
        if iso and not head.date and not _RELEASED.match(texts[i]) and not _PERIOD.search(texts[i]):
            head.date, head.date_from = iso, f"item {i}"
        head.roles[i] = ("date", "dateline" if not who else "dateline with byline")
        if who and not head.authors:
            head.authors, head.authors_from = who, f"item {i}"
    if not head.date and 0 <= post_at < title_at:
        # a repost's source line ("From Orinoco Review, December 5, 2023. Worth reading")
        # dates the article; the post's own header only dates the post
        for i in zone:
            hit = dates.find(texts[i]) if post_at < i < title_at and i not in chrome else None
            if hit is not None and len(hit.iso) == 10:
                head.date, head.date_from = hit.iso, f"item {i} (the source named above the repost)"
                break
    if not head.date and 0 <= post_at < title_at:
        # ... or under the reposted headline: "Originally published by X (March 30, 2021)",
        # "Bab Review, January 4, 2024 — reposted for discussion": a source's name (a few
        # words) then a day's date, between the headline and the article's text
        # (the poster's note after a dash may make the line read as prose: the first one)
        text_at = next((i for i in prose_at if i > title_at), len(texts))
        for i in zone:
            if not title_at < i <= text_at or i in dated or i in head.roles:
                continue
            if i in chrome and not chrome[i].startswith(("mailing-list", "repeated")):
                continue
            t = texts[i]
            hit = dates.find(t)
            if hit is None or len(hit.iso) != 10 or len(re.findall(r"\w+", t[: hit.start])) > 6:
                continue
            if i not in chrome and not (
                _SOURCE_NAME.match(t[: hit.start]) and re.match(r"^\W*(?:$|[—–|·(-])", t[hit.end :])
            ):
                continue  # a sentence of the article that begins with a date
            head.date, head.date_from = hit.iso, f"item {i} (the source named under the reposted headline)"
            if i not in chrome:
                head.roles[i] = ("date", "the repost's source line (its site, date and the poster's note)")
            break
    if not head.date and "date" in hints:
        head.date, head.date_from = hints["date"].value, hints["date"].origin
    if not head.date:
        # "CAIRO / LONDON, 14 March 2024 – The sharp fall …": a wire lede's dateline, the
        # place in capitals and the day, opening the first paragraph
        for i in prose_at[:1]:
            m = _LEDE.match(texts[i])
            hit = dates.find(m.group("d")) if m else None
            if hit is not None and len(hit.iso) == 10:
                head.date, head.date_from = hit.iso, f"item {i} (the lede's dateline)"
    if not head.date and chrome_dates:
        i, iso = chrome_dates[0]
        head.date, head.date_from = iso, f"item {i} ({chrome[i]})"
    if not head.date:
        # a date printed at the article's foot ("Published on 3 March 2019 in Waterways")
        for i, t in enumerate(texts):
            d = dates.dateline(t) if _PUBLISHED.match(t) else None
            if d is not None and d[0]:
                head.date, head.date_from = d[0], f"item {i}"
                head.roles.setdefault(i, ("date", "dateline at the foot"))
                break
    if not head.date:
        released = [(i, iso) for i, iso, _ in datelines if iso and _RELEASED.match(texts[i])]
        periods = [(i, iso) for i, iso, _ in datelines if iso and _PERIOD.search(texts[i])]
        for i, iso in released[:1] or periods[:1]:
            head.date, head.date_from = iso, f"item {i}"
    if head.date_from.startswith("item"):
        _settle_numeric(head, texts, hints)
    if head.date_from.startswith("item") and _REPUBLISHED.match(texts[int(head.date_from[5:].split(" ")[0])]):
        # "Republished 12 July 2024" over a piece whose foot says where and when it "first
        # appeared": the piece's own date is the first one
        for i, t in enumerate(texts):
            m = _FIRST_APPEARED.search(t) if t else None
            hit = dates.find(t[m.end() :]) if m else None
            if hit is not None and len(hit.iso) == 10:
                head.date, head.date_from = hit.iso, f"item {i} (where the piece first appeared)"
                break

    # Bylines anywhere in the zone; bare name lines next to the title or a dateline.
    anchors = {title_at} | {i for i, (r, _) in head.roles.items() if r == "date"}
    date_at = anchors - {title_at}
    last_by = -2
    for pos, i in enumerate(zone):
        if i in head.roles or (i in chrome and i not in soft):
            continue
        who = bylines.get(i)
        reason = "byline"
        # a bare name under the title next to it or to the dateline; above the title, an
        # author card (the name, maybe a role line, then "Published <date>" over the title)
        card = i < title_at and pos + 2 < len(zone) and role_at(zone[pos + 1]) and zone[pos + 2] in date_at
        if (
            who is None
            and title_at >= 0
            and (i > title_at or card)
            and _near(zone, pos, anchors, head.roles, chrome, texts)
        ):
            who = name_at(i) or None
            reason = "author line"
            if who is None and _STAFF.match(texts[i]):
                head.roles[i] = ("byline", "byline naming no person (a desk or staff)")
                continue
        labelled = pos > 0 and bool(
            _FIELD_LABEL.match(texts[zone[pos - 1]]) or _BY_LABEL.match(texts[zone[pos - 1]])
        )
        if who is None and labelled and title_at >= 0 and i > title_at:
            # a field's label over its value ("Author:" / "Liis Tamm, Senior Fellow"), as a
            # content system prints its fields: the value is the author line, in any language
            who = name_at(i) or None
            reason = "author line (under a field's label)"
            if who and zone[pos - 1] not in head.roles:
                head.roles[zone[pos - 1]] = ("byline", "the author field's label")
        if who is None and i in accounts:
            head.roles[i] = ("byline", "byline naming no person (a site account)")
            continue
        if who:
            head.roles[i] = ("byline", reason)
            if not head.authors or _masthead_names(head, title_at, i):
                head.authors, head.authors_from = who, f"item {i}"
                last_by = pos
            elif pos == last_by + 1 and head.authors_from.startswith("item") and _name_and_role(texts[i]):
                # one author a line ("Jane Roe, Senior Fellow" over "John Doe, Analyst")
                head.authors += [w for w in who if w not in head.authors]
                last_by = pos
            elif pos == last_by + 2 and head.authors_from.startswith("item") and role_at(zone[pos - 1]):
                # one author a line, each with the role on a line of its own
                head.authors += [w for w in who if w not in head.authors]
                last_by = pos
    if not head.authors and "authors" in hints:
        value = hints["authors"].value
        parts = [a.strip() for a in re.split(r";|\s+and\s+|,\s+(?=[A-Z])", value) if a.strip()]
        # people only: "Canal Weekly correspondent", "Pacific Division" are no authors
        head.authors = [
            a
            for a in parts
            if (names(a) == [a] or (not _AFFILIATION.search(a) and nwords(a) == 1))
            and a.casefold() not in ACCOUNTS
        ]
        head.authors_from = hints["authors"].origin if head.authors else ""

    if title_at >= 0:
        # Above the title: kickers, a site's name, a republisher's blurb (prose is dropped
        # only when the title is a confident one: a doubtful title keeps the text above it)
        reposted = 0 <= post_at < title_at
        for i in zone:
            if i >= title_at:
                break
            if reposted and i not in head.roles and i not in chrome:
                head.roles[i] = (
                    ("chrome", "the forum's page above the post")
                    if i < post_at
                    else ("wrapper", "the poster's words above the article")
                )
                continue
            words = nwords(texts[i])
            short = words <= 8 or (texts[i].endswith("!") and words <= 14)
            # a masthead's tagline: no sentence, between a header line above it and the title
            tagline = (
                words <= 12
                and not _SENTENCE_END.search(texts[i])
                and any(j < i for j in (*head.roles, *chrome))
            )
            short = short or tagline
            if i in head.roles or i in chrome or (not short and best_score < 3.0):
                continue  # a doubtful title keeps the text above it
            head.roles[i] = (
                ("kicker", "above the title")
                if not is_prose(texts[i])
                else (
                    "wrapper",
                    "text above the title (a republisher's note)",
                )
            )
        # the author's name printed again near the byline (an avatar's caption, then the link)
        authored = {_norm(a) for a in head.authors}
        text_at = prose_at[0] if prose_at else -1
        for i in zone:
            # "Working notes, not for circulation. Last edited 6 May 2024.": a status line with
            # an edit stamp under the title (the stamp's date is no publication date)
            if title_at < i <= max(text_at, title_at + 1) and i not in head.roles and _edit_stamp(texts[i]):
                head.roles[i] = ("chrome", "a status line with an edit stamp under the title")
        for i in zone:
            # "* Senior Fellow, …" / "† Lecturer, …": the affiliations a byline's marks point to
            if (
                title_at < i < text_at
                and i not in head.roles
                and authored
                and _MARKED_AFFILIATION.match(texts[i])
            ):
                head.roles[i] = ("byline", "an author's affiliation (under a mark of the byline)")
        for i in zone:
            if title_at < i < text_at and i not in head.roles and i not in chrome and authored:
                who = name_line(texts[i])
                if who and {_norm(w) for w in who} <= authored:
                    head.roles[i] = ("byline", "the author's name printed again")
        # Under the title, before the text: a word or two between chrome lines on both sides
        # ("9" / "Listen" / "Share") is a control of the page, not a
        # heading (it has no text under it)
        first_text = next((j for j in prose_at if j > title_at), None)
        under_title = [j for j in zone if title_at < j and (first_text is None or j < first_text)]
        for pos, i in enumerate(under_title):
            inside = 0 < pos < len(under_title) - 1
            if i in head.roles or i in chrome or len(texts[i].split()) > 2 or not inside:
                continue
            if under_title[pos - 1] in chrome and under_title[pos + 1] in chrome and not _texty(texts[i]):
                head.roles[i] = ("chrome", "a word between header lines (a control of the page)")
        for pos, i in enumerate(under_title[:-1]):
            # "Last reviewed" over "14.03.2025": a field's label whose value is a date alone
            # (a content system's record of the page), not a heading over the text
            value = texts[under_title[pos + 1]]
            if i in head.roles or i in chrome or len(texts[i].split()) > 3 or _texty(texts[i]):
                continue
            d = dates.dateline(value)
            if d is not None and d[0] and not d[1].strip():
                head.roles[i] = ("chrome", "a field's label over a date")
        if title_at < post_at:
            # the poster's name and counts between the thread's title and the post's header
            for i in zone:
                if title_at < i < post_at and i not in head.roles and nwords(texts[i]) <= 3:
                    head.roles[i] = ("chrome", "the poster's details over the post")
        # a short label between the title and a date or byline ("Analysis", "Asia Pacific")
        after = [i for i in zone if i > title_at and i not in chrome]
        for k, i in enumerate(after[:3]):
            if i in head.roles:
                continue
            below = after[k + 1] if k + 1 < len(after) else -1
            # or a publication's line in parts ("Pelican Notes · West Africa in numbers")
            n = nwords(texts[i])
            label = n <= 4 or (n <= 8 and bool(re.search(r"\s[·|•]\s", texts[i])) and not _texty(texts[i]))
            under = next((j for j in zone if j > i), -1)  # a dateline may be chrome as well ("6 min read")
            if label and (
                head.roles.get(below, ("", ""))[0] in ("date", "byline")
                or (n > 4 and (under in dated or under in bylines))
            ):
                head.roles[i] = ("kicker", "label between the title and the dateline")
            break
    return head


_BY_ALONE = lazy(r"\bby\b", re.I)


def _masthead_line(text: str) -> bool:
    """A masthead's line: its issue's number beside the date and a name set in capitals
    ("BIRCH NOTES · No. 212 · 13 December 2023"), no "By"."""
    if not _ISSUE_MARK.search(text) or _BY_ALONE.search(text):
        return False
    caps = [c for c in re.split(r"\s[|·•—–-]\s", text)[0] if c.isalpha()]
    return bool(caps) and all(c.isupper() for c in caps)


# "No. 212", "Issue 41", "Vol. 3", "#88": an issue's number in a masthead (a "By" line
# beside one still names its writer)
_ISSUE_MARK = lazy(r"(?:^|[\s|·•])(?:no\.|n[°º]|issue|vol\.|volume|edition|#)\s*\d{1,4}\b", re.I)


# a series' name of one to three words and the paper's number, nothing else
_SERIES_NO = lazy(
    r"^[^\W\d_]+(?:\s+[^\W\d_]+){0,2}\s+(?:no\.?\s*|n[°º]\s*|#\s*)?\d{1,4}(?:[/.-]\d{1,4})?$", re.I
)
# "Opinión / Colombia", "World › Americas": a section's path, short parts between slashes
_SECTION_PATH = lazy(r"^[^\W\d_][\w'’-]*(?:\s[\w'’-]+)?(?:\s+[/›»>|]\s+[^\W\d_][\w'’-]*(?:\s[\w'’-]+)?)+$")
_ISSUE_NO = lazy(r"^(?:issue|no\.?|number|week|vol(?:ume)?\.?|edition)?\s*#?\s*\d{1,4}$", re.I)
_LIST_NUMBER = lazy(r"^\s*\d{1,2}[.)]\s+")
#: the reason given to a contents list's lines (its items' copies below stay the text's headings)
CONTENTS_LIST = "a contents list (each item printed again below)"


# the label over a page's list of its own entries: "Key events", "In this issue:"
_LIST_LABEL = lazy(
    r"^(?:key\s+(?:events|moments|developments|updates)|in\s+this\s+(?:issue|edition|story|article)|"
    r"(?:table\s+of\s+)?contents|highlights|latest\s+(?:updates|events)|jump\s+to)\s*:?$",
    re.I,
)


def _list_entry(text: str) -> str:
    """A contents list's entry as its heading reads ("3. India and China" lists "India and China")."""
    return _norm(_LIST_NUMBER.sub("", text))


def _contents_list(
    texts: Sequence[str], zone: list[int], adjacent: Callable[[int, int], bool] | None
) -> list[int]:
    """The items of a contents list in the header zone ("In this issue:" over the digest's
    item headlines): a run of two or more short lines, one under the other, each printed
    again later in the file on a line of its own. Neither a list item nor its copy over
    its item is the page's title. Returns the list's items and its label (a short line
    ending in ":" right over them)."""
    if adjacent is None:
        return []
    text_at = next((i for i in zone if is_prose(texts[i])), len(texts))
    later: dict[str, int] = {}
    for i, t in enumerate(texts):
        if t and nwords(t) <= 14:
            later[_list_entry(t)] = i  # the last place each short line is printed
    out: list[int] = []
    run: list[int] = []

    def close() -> None:
        copies = [later[_list_entry(texts[j])] for j in run]
        # distinct items, printed again in the same order inside the text (a name twice over
        # a byline is an avatar and its link, no list)
        ordered = len(set(copies)) == len(copies) and copies == sorted(copies)
        if len(run) >= 2 and ordered and copies[0] > text_at:
            pos = zone.index(run[0])
            label = zone[pos - 1] if pos > 0 else -1
            labelled = label >= 0 and adjacent(label, run[0]) and texts[label].endswith(":")
            if labelled and nwords(texts[label]) <= 4:
                out.append(label)
            elif label >= 0 and pos > 1:
                # "Key events" / "Army calls for calm" / items printed again below: the list's
                # first item is one its page prints under no heading of its own (a live blog's
                # latest entry), between the list's label and the items that recur
                top = zone[pos - 2]
                short = nwords(texts[label]) <= 14 and not _SENTENCE_END.search(texts[label])
                if (
                    short
                    and not is_prose(texts[label])
                    and adjacent(label, run[0])
                    and adjacent(top, label)
                    and _LIST_LABEL.match(texts[top])
                ):
                    out.append(label)
            out.extend(run)
        run.clear()

    for i in zone:
        t = texts[i]
        again = nwords(t) <= 14 and later.get(_list_entry(t), i) > i and not is_prose(t) and not name_line(t)
        if again and run and adjacent(run[-1], i):
            run.append(i)
            continue
        close()
        if again:
            run.append(i)
    close()
    return out


_LEDE = lazy(r"^(?:[A-Z][A-Z'’.\-]+(?:\s*[/,]?\s+[A-Z][A-Z'’.\-]+){0,3}),\s+(?P<d>.{6,30}?)\s*[–—-]+\s+[A-Z]")
_REPUBLISHED = lazy(r"^\W*re-?published\b", re.I)
_FIRST_APPEARED = lazy(r"\b(?:first|originally)\s+(?:appeared|published|ran)\b", re.I)
# "Event date: 15 May 2025", "Hearing: 3 June": a label naming some other day than the
# piece's (its own are "Published", "Posted", "Updated", "Date")
_DAY_LABEL = lazy(r"^\W*(?P<label>[^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*:")
_OWN_DAY = lazy(
    r"\b(?:date[ds]?|published|posted|updated|modified|released|issued|written|on|publi[ée]e?|publicado|"
    r"ver[öo]ffentlicht|pubblicato|datum|fecha|data)\b",
    re.I,
)


def _other_day(text: str) -> bool:
    """A dateline under a label for another day than the piece's ("Event date:")."""
    m = _DAY_LABEL.match(text)
    if m is None:
        return False
    label = m.group("label")
    kind = re.fullmatch(r"(?i)(?P<k>[^\W\d_]+)\s+dates?", label)
    if kind is not None:
        return kind.group("k").casefold() not in ("publication", "release", "issue", "posting", "post")
    return not _OWN_DAY.search(label)


def _menu_row(reason: str) -> bool:
    return reason.startswith(("navigation row", "interface words"))


# a record's field that holds the piece's title, in the languages met ("Title:", "Thread:")
_TITLE_FIELD = lazy(
    r"^(?:title|headline|subject|topic|thread|titre|titel|t[íi]tulo|titolo|tytu[łl]|заголовок|тема|başlık)"
    r"\s*:\s+(?P<v>\S.{5,})$",
    re.I,
)
# "Label: value" with a short value and no sentence, or the label alone ("Description:")
_FIELD_LINE = lazy(r"^[^\W\d_][\w-]{1,20}(?:\s[^\W\d_][\w-]{1,20})?\s*:(?:\s+(?P<v>\S.*))?$")


def _title_field(text: str) -> str | None:
    """The value of a title field ("Title: Moldova's winter …"), else None."""
    m = _TITLE_FIELD.match(text)
    return m.group("v").strip() if m else None


def _field_block(
    texts: Sequence[str], zone: list[int], adjacent: Callable[[int, int], bool] | None
) -> list[int]:
    """Runs of three or more lines, one under the other, each a label and a short value
    ("Link: …", "Author: …", "pubDate: …", "Просмотров: 3 418"): a record's fields (a feed
    item, a content system's metadata), in whatever language the labels are."""

    def field(i: int) -> bool:
        m = _FIELD_LINE.match(texts[i])
        if m is None:
            return False
        value = m.group("v") or ""
        return nwords(value) <= 14 and not (_SENTENCE_END.search(value) and nwords(value) >= 4)

    out: list[int] = []
    run: list[int] = []
    for i in [*zone, -1]:
        if i >= 0 and field(i) and (not run or adjacent is None or adjacent(run[-1], i)):
            run.append(i)
            continue
        # (most labels one word: "New Caledonia: the roll …" lines are a list of headlines)
        if len(run) >= 3 and 2 * sum(1 for j in run if " " not in texts[j].split(":")[0]) > len(run):
            out.extend(run)
        run = [i] if i >= 0 and field(i) else []
    return out


def _says_by(text: str) -> bool:
    """A dateline whose names follow a byline's word ("Posted on 3 May 2024 by Jane Roe"),
    not a masthead row that only reads like names."""
    d = dates.dateline(text)
    return d is not None and bool(d[1]) and byline(d[1]) is not None


def _masthead_names(head: Header, title_at: int, at: int) -> bool:
    """The authors so far came from a dateline row above the title (``MAZURY LETTER | Nr 37 |
    17.10.2023``: the issue's masthead, its name read as a byline) and a byline stands at
    ``at`` under the title: the byline's names are the writer's, the row's the letter's."""
    if not head.authors_from.startswith("item ") or not 0 <= title_at < at:
        return False
    first = int(head.authors_from[5:].split(" ")[0])
    return first < title_at and head.roles.get(first, ("", ""))[0] == "date"


def _organisation(text: str) -> bool:
    """An organisation's or a publication's name (``Acacia Intelligence``, ``The Canal
    Institute``): two to four capitalised words, the last one a kind of body."""
    ws = text.split()
    if not 2 <= len(ws) <= 4 or not all(w[:1].isupper() or w.lower() in _LOWER_WORDS for w in ws):
        return False
    if re.search(r"['’]s\b", text):
        return False  # "Pakistan's Army": a headline about the body, not its name
    return _AFFILIATION.fullmatch(ws[-1]) is not None


def _under_header_rows(texts: Sequence[str], chrome: dict[int, str], i: int) -> bool:
    """Whether line ``i`` follows a message's header rows with no blank line between
    (``From …`` / ``To …`` / ``Date …`` then the subject as an archive prints it, the
    ``Subject`` field's name left off): two or more rows right above it."""
    rows = 0
    for j in range(i - 1, max(-1, i - 12), -1):
        if chrome.get(j) not in ("e-mail header", "e-mail address"):
            break
        rows += 1
    return rows >= 2


_MENU_SECTION = "a section's name (an item of the page's menu)"


def _menu_sections(texts: Sequence[str], zone: list[int], chrome: dict[int, str]) -> list[int]:
    """Zone lines that repeat an item of the page's navigation row ("Latin America" over
    the headline, "Home | World | Latin America | Newsletter" above): the section the
    article is filed in, a kicker, never a person's name, an author or the title. Rows
    holding a date or a byline are no menu."""
    menu: set[str] = set()
    for i, reason in chrome.items():
        if reason == "navigation row" and dates.find(texts[i]) is None and segmented(texts[i]) is None:
            items = nav_items(texts[i])
            if re.search(r"\s[»›>/]\s", texts[i]):
                items = items[:-1]  # a breadcrumb's last item is the page itself: maybe its title
            if not any(byline(p) for p in items):
                menu.update(_norm(p) for p in items)
    if not menu:
        return []
    return [i for i in zone if i not in chrome and nwords(texts[i]) <= 4 and _norm(texts[i]) in menu]


def _teasers(texts: Sequence[str], zone: list[int], chrome: dict[int, str], header: set[int]) -> list[int]:
    """Lines right under a byline or dateline that are a label and a headline with no
    sentence ("Read also: The Canal Budget Explained") where the label also stands as a
    line of its own in the file (over the related links at its foot): a link to another
    article, in whatever language the label is."""
    found = []
    alone: set[str] | None = None
    for pos, i in enumerate(zone):
        m = _LABELLED.match(texts[i])
        prev = next((j for j in reversed(zone[:pos]) if j not in chrome), None)
        if m is None or prev not in header or i in chrome or i in header:
            continue
        rest = m.group("rest")
        if _SENTENCE_END.search(rest) or nwords(rest) < 3:
            continue
        if alone is None:
            alone = {_norm(t) for t in texts if t and nwords(t) <= 3}
        if _norm(m.group("label")) in alone:
            found.append(i)
    return found


def _name_and_role(text: str) -> bool:
    """``John Doe, Research Analyst``: a name, then the person's role after a comma."""
    name, comma, role = text.partition(",")
    return bool(comma) and bool(_ROLE.search(role)) and not _ROLE.search(name)


def _account_byline(text: str) -> bool:
    """``Posted by admin in Southeast Asia``, ``By editor``: a byline whose name is the
    account a site posts under, with at most a category after it."""
    m = _BYLINE.match(text)
    if m is None or nwords(text) > 10:
        return False
    first = re.split(r"[\s,|·•]+", m.group("names").strip())[0].casefold()
    return first in ACCOUNTS


def _settle_numeric(head: Header, texts: Sequence[str], hints: dict[str, Hint]) -> None:
    """A numeric date that reads both ways (``08/01/2024``) follows the file's evidence:
    the page's metadata date when it is the other reading, else the order of the file's
    unambiguous numeric dates (``13/01/2024`` elsewhere says day first), of its dateline's
    language, or of its telephone numbers' country (``+234``: day first); the file writing one
    of the two days out in words settles it first."""
    at = int(head.date_from[5:].split(" ")[0])
    other = dates.ambiguous(texts[at])
    if other is None:
        return
    alt, used = other
    meta = hints["date"].value[:10] if "date" in hints else ""
    lines = [t for t in texts if t]
    order = (
        dates.numeric_order(lines)
        or dates.language_order(texts[at])
        or dates.zone_order(texts[at])
        or dates.phone_order(lines)
    )
    # the same day written out in words elsewhere in the file ("12/09/2024" over a sign-off
    # "12 de septiembre de 2024") says which reading the numbers are
    spelled = {
        hit.iso for t in lines if t != texts[at] and (hit := dates.find(t)) and not re.search(r"\d[/.]\d", t)
    }
    if alt in spelled and head.date not in spelled:
        head.date, head.date_from = alt, f"{head.date_from} (read as the file writes the same day in words)"
        return
    if meta == alt:
        head.date, head.date_from = alt, f"{head.date_from} (read as {hints['date'].origin} reads it)"
    elif meta != head.date and order is not None and order != used:
        head.date, head.date_from = alt, f"{head.date_from} (read {order} first, as the file's other dates)"
    elif not meta and order is None:
        # no other evidence: the text names one reading's month ("… approved in October 2024"
        # under 08/10/2024): a piece is written in the month it tells of
        named = dates.months_named([t for t in lines if t != texts[at]])
        if alt[:7] in named and head.date[:7] not in named:
            head.date, head.date_from = alt, f"{head.date_from} (read as the month the text names)"


_NAME_STOP = frozenset(
    "the and for with from that this into over after what why how who are was were its his her their "
    "not but has have had will can could would should been about than then them they you your our "
    "html htm txt pdf eml page article story news post index".split()
)


def name_words(file_name: str) -> frozenset[str]:
    """The content words of a file's name (``title-of-the-article.html``, ``2019-02-26-
    kim-meets-trump``): dates, numbers and short words left out."""
    stem = re.sub(r"\.(?:html?|txt|md|markdown|pdf|eml)$", "", file_name.rsplit("/", 1)[-1], flags=re.I)
    words = re.split(r"[\W_]+", fold(stem).casefold())
    return frozenset(w for w in words if len(w) >= 3 and not w.isdigit() and w not in _NAME_STOP)


def name_bonus(text: str, named: frozenset[str]) -> float:
    """Evidence from the file name: most of its words in the line (``egypt-pound-float``
    and "Egypt Floats the Pound, Again"; a word matches another of the same first five
    letters: float, floats)."""
    if len(named) < 2:
        return 0.0
    words = {w for w in re.split(r"[\W_]+", fold(text).casefold()) if len(w) >= 3}
    stems = {w[:5] for w in words}
    found = sum(1 for n in named if n in words or n[:5] in stems)
    share = found / len(named)
    if share < 0.6:
        return 0.0
    own = [w for w in words if w not in _NAME_STOP]
    covered = sum(1 for w in own if w in named or w[:5] in {n[:5] for n in named}) / max(1, len(own))
    return 2.0 * share + (1.0 if covered >= 0.7 else 0.0)


def _texty(text: str) -> bool:
    """A sentence of text (not a label): the article has started."""
    return is_prose(text) or (bool(_SENTENCE_END.search(text)) and nwords(text) >= 3)


def _near(
    zone: list[int],
    pos: int,
    anchors: set[int],
    roles: dict[int, tuple[str, str]],
    chrome: dict[int, str] | None = None,
    texts: Sequence[str] = (),
) -> bool:
    """Whether zone item ``pos`` sits next to an anchor (title, dateline), with only
    header items between (and the page's controls: "Farah Al-Harthy" / "Follow" / "8 min
    read" / "Apr 16, 2024": short ones; a row of share links is the text's start)."""

    def chrome_words(j: int) -> int:
        return nwords(texts[j]) if j < len(texts) else 99

    for step in (-1, 1):
        k = pos + step
        while 0 <= k < len(zone) and abs(k - pos) <= 4:
            j = zone[k]
            if j in anchors:
                return True
            if j not in roles and (chrome is None or j not in chrome or chrome_words(j) > 3):
                break
            k += step
    return False


def subject_title(subject: str) -> str:
    """An e-mail subject as a title: list tags and reply/forward prefixes removed."""
    return _WIRE_TAG.sub("", _SUBJECT_TAGS.sub("", subject)).strip()


def same_text(a: str, b: str) -> bool:
    return _same(a, b)

"""Body lines to blocks: paragraphs, headings, bullets, captions.

How lines make paragraphs is decided per file, never by one line's last character:
a file that hard-wraps (most of its long lines end near one width, none much past it)
joins a line to the next unless the next line's first word would have fitted on it;
a file that does not wrap (a browser copy: one line a paragraph) keeps each line a
paragraph unless the next one plainly continues it. Around that: headings (a short
capitalised line alone, or glued above a paragraph), bullets, photo captions and their
credits, link lists ("Related Links", "More on NATO") and tables of contents (dropped,
they are navigation), podcast timestamps, footnote markers, hyphenation at line ends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..lazyre import lazy
from . import dates
from .chrome import is_credit, normal, nwords
from .clean import unescape_html
from .header import byline

BULLET = lazy(
    r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2219\u00b7\u25a0\u25ba\u27a2\u2013*+-]|\d{1,2}[.)])\s+"
)
_PHOTO_BY = lazy(
    r"\s*\((?:photo|photograph|image)s?\s*(?:by|credit|courtesy|:)[^()]*\)\s*$|"
    r"(?<=[.!?\"”])\s+(?:photo(?:graph)?|image|picture|credit)s?\s*(?:by\b|:)\s*[^.!?]{2,60}$",
    re.I,
)
_IMAGE_MARK = lazy(r"^\[(?:photo|image|picture|photograph|img)\]\s*", re.I)
_GETTY_DATELINE = lazy(r"^[A-Z][A-Z .,'-]+ - [A-Z]+ \d{1,2}:")
_TERMINAL = lazy(r"[.!?:;,\"'\u201d\u2019)\]]$")
_SENTENCE_END = lazy(r"[.!?…:][\"'”’)\]]*$")
#: a user name or handle alone on a line: one token holding "_" or digits with its letters
_HANDLE = lazy(r"^@?(?=[\w.-]*[a-z])(?=[\w.-]*[_\d])[\w.-]+$")
_MID_SENTENCE = lazy(
    r"(?:[,;:(\-–—]|\b(?:the|a|an|of|to|in|on|at|for|from|by|with|and|or|but|that|which|who|as|than|its|their|"
    r"his|her|our|is|are|was|were|be|been|has|have|had|will|would|could|should|not|into|over|under|between|"
    r"about|after|before|during|since|while|because|if|when|where|said|says))$",
    re.I,
)
_TIMESTAMP = lazy(
    r"^\s*(?:\[\d{1,2}:\d{2}(?::\d{2})?\]|\(\d{1,2}:\d{2}(?::\d{2})?\)|\d{1,2}:\d{2}:\d{2}\b)\s*(?:[-–—|]\s*)?"
)
_TOC_LINE = lazy(r"(?:\.\s?){4,}\s*\d+\s*$|…{2,}\s*\d+\s*$|\s\d{1,3}$")
_TOC_LABEL = lazy(r"^(?:table\s+of\s+)?contents$", re.I)
_LINK_LABEL = lazy(
    r"^(?:related(?:\s+\w+){0,2}|more\s+(?:on|from|in|about)\b.{0,40}|more\s+[a-z]{3,}s|read\s+(?:also|more|next)|see\s+also|"
    r"also\s+read|further\s+reading|recommended(?:\s+\w+)?|(?:most\s+)?popular(?:\s+\w+)?|"
    r"most\s+(?:read|viewed|shared|emailed|commented)(?:\s+(?:this|today|in|on)(?:\s+\w+)?)?|"
    r"trending(?:\s+\w+)?|you\s+(?:may|might)\s+also\s+like|in\s+case\s+you\s+missed\s+it|"
    r"latest(?:\s+\w+)?|other\s+(?:articles|stories|posts)|connected\s+content|explore\s+more|"
    # the same label in other languages ("À lire aussi", "Lesen Sie auch", "Leer también")
    r"à\s+lire\s+(?:aussi|également)|lire\s+aussi|voir\s+aussi|lesen\s+sie\s+auch|mehr\s+zum\s+thema|"
    r"auch\s+interessant|le[ae]\s+también|ver\s+también|leia\s+também|veja\s+também|leggi\s+anche|"
    r"читайте\s+также|смотрите\s+также|ayrıca\s+okuyun|ilginizi\s+çekebilir)\s*:?$",
    re.I,
)
_LINKS_WORD = lazy(
    r"^(?:show\s+notes|episode\s+notes|links|useful\s+links|related\s+\w+|resources|"
    r"(?:links|resources)\s+mentioned)(?:\s+and\s+links)?(?:\s+(?:in|from)\s+this\s+\w+)?\s*:?$",
    re.I,
)
# "party.”1", "China.1 ", "[1]", superscript digits: note markers glued to the text.
_NOTE_AFTER_PUNCT = lazy(r"(?<=[^\W\d_])([.,;:!?]?[\"”’)]?)(?<=[.,;:!?\"”’)])\d{1,3}(?=\s|$)")
_NOTE_BRACKET = lazy(r"\s?\[\d{1,3}\]")
# "in 2019,2 published": one or two digits after a comma are a note, never a number
# (a thousands separator takes three)
_NOTE_AFTER_COMMA = lazy(r"(?<=\w),\d{1,2}(?=\s)")
# "began in October 20171 with": a note number glued to a year after a month, or to a
# decade ("the 1960s2"): a year has four digits, so the ones after it are the marker
_NOTE_AFTER_YEAR = lazy(
    rf"\b(?:({dates.MONTH}\.?\s+(?:19|20)\d\d)|((?:1[5-9]|20)\d0s))\d{{1,2}}\b",
    re.I,
)
# "badly damaged in 2022.2 Maintenance …": a marker after a year that ends a sentence (a
# new sentence starts after it; a decimal, "2022.5 percent", has none)
NOTE_AFTER_YEAR_END = lazy(r"\b((?:19|20)\d\d[.;:!?][\"”’)]?)\d{1,2}(?=\s+[A-Z\"“‘]|$)")
_LONG_NUMBER = lazy(r"(?:19|20)\d{3}|\d0s\d")
_SUPERSCRIPT = lazy("[\u00b9\u00b2\u00b3\u2070-\u2079]+")
_SUPERSCRIPT_CHARS = frozenset("\u00b9\u00b2\u00b3" + "".join(chr(c) for c in range(0x2070, 0x207A)))
_DIGIT_AFTER_PUNCT = lazy(r"[.,;:!?\"”’)]\d")
_HYPHEN_END = lazy(r"(?<=[^\W_])-$")
# First parts of compounds that keep their hyphen when a line break falls on it
# ("long-/term", "so-/called"); any other lower-case word is hyphenated for the break.
_COMPOUND_HEAD = frozenset(
    "long short so self well mid non anti pro ex half all cross high low full part far near "
    "one two three four five six ten first second third top north south east west".split()
)
# Word endings that are no word by themselves: "north-/ern" is one word broken.
_SUFFIX = lazy(
    r"^(?:es|ies|tion|tions|sion|sions|ment|ments|ness|ing|ings|ern|ed|er|ers|est|ly|ity|ities|ence|ences|ance|"
    r"ances|ous|ive|ives|al|ial|ic|ics|ical|ism|ist|ists|able|ible|ful|less|ship|ward|wards|ure|ures|ate|"
    r"ates|ated|ating|ting|sed|ted|ded|ning|ring|ling|ry|ries|cy|cies|ty|ties|tic|tics|age|ages|ent|ents|"
    r"ant|ants|ary|ory|ize|ized|ise|ised|ous|ial|ian|ians|ean|erly|erner|erners|ernmost)\b"
)
# "Daniel Brandt [00:00:04]", "[00:01:15] Leyla Kazemi", "JANE DOE:": a transcript's speaker
# label on its own line (a name with a timestamp, or a name and a colon)
_TS = r"[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]"
# a podcast host's bare "Jane Roe  00:01:26": hours, minutes and seconds, so a clock time in
# a live blog's "Morning Update 09:15" is no speaker label; a dash or bar may stand between
# ("Jane Roe — 00:02:41")
_BARE_TS = r"(?:\s+[-–—|·]\s*|\s)\d{1,2}:\d{2}:\d{2}"
_SPEAKER = lazy(
    rf"^(?:{_TS}\s*)?(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})\s*"
    rf"(?:{_TS}\s*:?|:|\s{_TS}:|{_BARE_TS})$"
)
_NUMBERED_HEADING = lazy(r"^(?:(?:\d{1,2}\.){1,3}\d{0,2}|[IVX]{1,4}\.)\s+(?=[A-Z])")
_MARKED_HEADING = lazy(r"^(?:#{1,6}\s+(?P<h>.+?)\s*#*|\*\*(?P<b>[^*]+)\*\*|__(?P<u>[^_]+)__)$")
# "ANALYSISZambia's debt ...": a capitals heading glued to the paragraph's first word.
_GLUED_HEADING = lazy(r"^([A-Z]{5,})(?=[A-Z][a-z])")


@dataclass(frozen=True)
class Block:
    """One unit of a briefing body, in reading order."""

    kind: str  # "heading" | "paragraph" | "bullet" | "caption"
    text: str
    level: int = 0  # heading depth for Markdown and HTML; 0 otherwise


@dataclass
class Piece:
    """A block being built, with the source lines it came from (for ``qabot inspect``)."""

    kind: str
    text: str
    lines: list[int] = field(default_factory=list)
    level: int = 0
    last: str = ""  # the last source line joined into it
    row: bool = False  # a table row (data, whatever its shape)

    def block(self) -> Block:
        return Block(self.kind, self.text, self.level)


@dataclass(frozen=True)
class Body:
    """A line of the body: cleaned text ("" when blank), indentation, source line number,
    and the kind a structured format gave it ("" for plain text)."""

    text: str
    no: int
    indent: int = 0
    kind: str = ""
    level: int = 0


def is_heading(line: str) -> bool:
    """A short capitalised line with no sentence punctuation at its end; a question in
    title case counts ("What Comes Next?"), if it is one sentence."""
    ws = line.split()
    capital = [w for w in ws if len(w) > 3 and w[:1].isupper()]
    question = line.endswith("?") and len(ws) <= 10 and ":" not in line and len(capital) >= 2
    # ... and holds one sentence: "It fell. Why now?" is the end of a paragraph
    question = question and _titlelike(line[:-1]) and not re.search(r"[.!?]\s+\S", line[:-1])
    return (
        0 < len(ws) <= 12
        and len(line) <= 90
        and (not _TERMINAL.search(line) or question)
        and (line[0].isupper() or line[0].isdigit())
        and not is_credit(line)
        and not BULLET.match(line)
        and line.count("|") < 2  # "Segment | Length | Status": a table's header row
    )


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width this file hard-wraps its text at, or None when it does not wrap.

    A wrapping file has most of its longer lines ending within a few columns of one
    width, and almost none past it; a browser copy has lines of every length, most of
    them long.
    """
    lengths = sorted(len(ln) for ln in lines if nwords(ln) >= 4 and not _TOC_LINE.search(ln))
    if len(lengths) < 6:
        return None
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if width > 130 or width < 30:
        return None
    near = sum(1 for n in lengths if 0.7 * width <= n <= width + 3)
    beyond = sum(1 for n in lengths if n > width * 1.15)
    if near < 0.55 * len(lengths) or beyond > 0.12 * len(lengths):
        return None
    return width


_LITERAL_NOTE = lazy(r"<sup>\s*\[?\d{1,3}\]?\s*</sup>", re.I)


def strip_notes(text: str) -> str:
    """Footnote markers removed: ``party.”1`` -> ``party.”``, ``[3]`` and ``²`` gone; a
    page that escapes its own markup prints ``<sup>1</sup>`` as text: the marker and the
    tags go too, and so do other inline tags printed as text."""
    if "<" in text:
        text = unescape_html(_LITERAL_NOTE.sub("", text))
    if "[" in text:
        text = _NOTE_BRACKET.sub("", text)
    if _LONG_NUMBER.search(text):
        text = _NOTE_AFTER_YEAR.sub(lambda m: m.group(1) or m.group(2), text)
    if _SUPERSCRIPT_CHARS.intersection(text):
        text = _SUPERSCRIPT.sub("", text)
    if _DIGIT_AFTER_PUNCT.search(text):  # the cheap test first: most paragraphs have no marker
        text = NOTE_AFTER_YEAR_END.sub(r"\1", text)
        text = _NOTE_AFTER_COMMA.sub(",", text)
        text = _NOTE_AFTER_PUNCT.sub(r"\1", text)
    return text


def _first_word(text: str) -> str:
    return text.split(" ", 1)[0]


def _join(a: str, b: str, words: Callable[[], frozenset[str]] | None = None) -> str:
    """Two wrapped lines as one. A hyphen at a line's end joins the two halves of a word:
    taken out for a word broken by hyphenation (``readi-``/``ness``), kept for a compound
    split at its own hyphen (``long-``/``term``, ``mid-``/``December``, ``AN/TPQ-``/``49``).
    Where the first half may start a compound (``pro-``), the file's own words decide:
    ``production`` printed elsewhere in it says the hyphen was the line's."""
    if not _HYPHEN_END.search(a) or not b[:1].isalnum():
        return f"{a} {b}"
    head = re.split(r"[\s/(\[\"“‘]", a[:-1])[-1]
    nxt = _first_word(b)
    if not b[:1].islower() or not head.isalpha() or not head[1:].islower():
        return a + b  # a capital, a digit, a code (AN/TPQ-49): the hyphen is the word's own
    if _mirrored(head, re.sub(r"\W+$", "", nxt)):
        return a + b  # "export-/import", "inbound-/outbound": a pair, each half a word
    if head.casefold() in _COMPOUND_HEAD and not _SUFFIX.match(nxt):
        whole = (head + re.sub(r"\W+$", "", nxt)).casefold()
        if words is not None and whole in words() and f"{head}-{nxt}".casefold() not in words():
            return a[:-1] + b
        return a + b
    return a[:-1] + b


def _mirrored(head: str, tail: str) -> bool:
    """Whether two halves split at a line-end hyphen are a pair of words ending alike
    ("export"/"import", "upstream"/"downstream"): a compound of two words, each whole,
    that hyphenation never makes (a broken word's halves do not share a long ending)."""
    h, t = head.casefold(), tail.casefold()
    if len(h) < 5 or len(t) < 5 or not t.isalpha():
        return False
    shared = 0
    while shared < min(len(h), len(t)) and h[-1 - shared] == t[-1 - shared]:
        shared += 1
    return shared >= 4 and h != t


def alt_texts(pieces: list[Piece]) -> list[Piece]:
    """An image's alt text read as a caption right over the caption printed under the image
    that says the same ("Drivers queue for diesel" over "Drivers queue for diesel at …"):
    the one caption is the printed one."""
    out: list[Piece] = []
    for k, p in enumerate(pieces):
        nxt = pieces[k + 1] if k + 1 < len(pieces) else None
        if (
            p.kind == "caption"
            and nxt is not None
            and nxt.kind in ("caption", "paragraph")
            and nwords(p.text) < nwords(nxt.text) <= 30
            and _says_again(p.text, nxt.text)
        ):
            nxt.kind = "caption"
            continue
        out.append(p)
    return out


def _says_again(short: str, long: str) -> bool:
    """Whether most words of ``short`` are in ``long`` (an alt text and its caption)."""
    a = set(re.findall(r"[^\W\d_]{3,}", short.casefold()))
    b = set(re.findall(r"[^\W\d_]{3,}", long.casefold()))
    return bool(a) and len(a & b) >= 0.7 * len(a)


def file_words(texts: Sequence[str]) -> frozenset[str]:
    """The words of a file, lower-cased (a hyphenated compound as one word)."""
    return frozenset(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", " ".join(texts).casefold()))


class Builder:
    """Builds the blocks of one file's body; ``dropped`` collects (line number, text, reason)."""

    def __init__(self, width: int | None, *, monospaced: bool = True, spaced: bool = False) -> None:
        self.width = width
        #: whether a line's length in characters is its width (text, not a PDF's type)
        self.monospaced = monospaced
        #: whether paragraphs are set apart by blank lines (then only they, an indent, a
        #: heading or a list end one)
        self.spaced = spaced
        self.speaker = ""  # a transcript speaker label waiting for its turn
        self.dropped: list[tuple[int, str, str]] = []
        #: lines that are a transcript's speaker labels in this file ("ANA RUIZ" over each turn)
        self.speakers: frozenset[str] = frozenset()
        #: source lines dropped as chrome (a link list's label may have only such lines under it)
        self.chrome_lines: frozenset[int] = frozenset()
        #: the file's words (:func:`file_words`), asked for only when a line ends in a hyphen
        self.words: Callable[[], frozenset[str]] | None = None
        #: the entries of the file's contents page (:func:`chrome.normal`): its headings
        self.contents: frozenset[str] = frozenset()

    def drop(self, line: Body, reason: str) -> None:
        self.dropped.append((line.no, line.text, reason))

    def _continues(self, prev: Piece, line: Body, prev_line: Body | None) -> bool:
        """Whether ``line`` goes on the paragraph (or bullet) ``prev``."""
        if prev.kind not in ("paragraph", "bullet") or BULLET.match(line.text):
            return False
        if self.contents and normal(line.text) in self.contents:
            return False  # a heading the contents page lists starts its section
        if len(prev.lines) == 1 and (
            dates.dateline(line.text) or dates.dateline(prev.last) or byline(line.text)
        ):
            return False  # a title over its dateline or byline, however long the title
        last = prev.last
        if _HYPHEN_END.search(last) and not last.endswith(" -") and line.text[:1].isalnum():
            return True  # a word broken over the line end goes on
        if self.spaced:
            return not (
                prev_line is not None and line.indent > prev_line.indent + 1 and prev.kind == "paragraph"
            )
        if self.width is not None:
            if len(prev.lines) == 1 and _titlelike(last) and _titlelike(line.text):
                return False  # a title over a label or its second line: the header decides
            # a line that stops on a word a sentence cannot end on ("and", "the", a comma),
            # the next going on in lower case: one sentence, however short the line
            if line.text[:1].islower() and _MID_SENTENCE.search(last) and not last.endswith(":"):
                return True
            # hard-wrapped: a line that stopped short of the width ended its paragraph
            room = self.width - len(last)
            word = _first_word(line.text)
            if len(word) + 1 <= room - max(2, self.width // 12):
                return False
            ended = _SENTENCE_END.search(strip_notes(last))
            if (
                ended
                and is_heading(line.text)
                and _titlelike(line.text)
                and len(line.text) <= self.width // 2
            ):
                return False  # a heading after a paragraph's last sentence
            fits = len(word) + 1 <= room and self.monospaced
            if fits and word[:1].isupper() and ended:
                return False  # a sentence ended and the next word would have fitted: a new paragraph
            # an indented first line starts a paragraph
            return not (
                prev_line is not None and line.indent > prev_line.indent + 1 and prev.kind == "paragraph"
            )
        # one paragraph a line: a line joins the one above only when that one plainly goes
        # on (no sentence end, and long enough to be text rather than a heading over it)
        heading_above = len(prev.lines) == 1 and _titlelike(last) and not line.text[:1].islower()
        if _SENTENCE_END.search(last) or heading_above:
            return False
        if line.text[:1].islower():
            # a user name alone on its line ("ferryman_22") is no word of the text above
            return not _HANDLE.match(line.text)
        # a capital after a line with no sentence end: a paragraph that goes on only when
        # the line plainly stops mid-sentence (on a comma, an article, a preposition)
        return nwords(last) >= 8 and bool(_MID_SENTENCE.search(last))

    def add_group(self, group: list[Body]) -> list[Piece]:
        """Blocks of one run of lines with no blank line (or dropped line) inside."""
        made: list[Piece] = []
        prev_line: Body | None = None
        for line in group:
            text = line.text
            speaker = _SPEAKER.match(text) if not line.kind else None
            if speaker and not ("[" in text or "(" in text):
                # "JANE DOE:" over her words; over a second line of capitals it is a title's first
                k = group.index(line)
                below = group[k + 1].text if k + 1 < len(group) else ""
                if below and _titlelike(below) and nwords(below) >= 3:
                    speaker = None
            if (speaker and ("[" in text or "(" in text or len(speaker.group("name").split()) >= 2)) or (
                line.kind in ("", "bullet", "paragraph") and text in self.speakers
            ):
                # "Daniel Brandt [00:00:04]" over a transcript turn: the turn reads "Name: ..."
                self.speaker = speaker.group("name") if speaker else text
                self.drop(line, "speaker label (joined to the turn)")
                prev_line = None
                continue
            if self.speaker and line.kind in ("", "bullet", "paragraph") and not BULLET.match(text):
                text = f"{self.speaker}: {text}"
                line = Body(text, line.no, line.indent)
                self.speaker = ""
                made.append(Piece("paragraph", text, [line.no], last=text))
                prev_line = line
                continue
            if line.kind == "paragraph" and is_credit(text):
                # "*Photo: Ana Quispe for …*" under a Markdown caption: the credit, and the
                # paragraph above it the caption (an image's alt text above that says it too)
                if made and made[-1].kind == "paragraph" and nwords(made[-1].text) <= 60:
                    made[-1].kind = "caption"
                self.drop(line, "photo credit")
                continue
            if line.kind:
                kind = "paragraph" if line.kind == "row" else line.kind
                if kind == "caption":
                    text = strip_credit(text)
                made.append(Piece(kind, text, [line.no], line.level, text, row=line.kind == "row"))
                prev_line = line
                continue
            if is_credit(text):
                if made and made[-1].kind == "paragraph" and nwords(made[-1].text) <= 60:
                    made[-1].kind = "caption"
                self.drop(line, "photo credit")
                continue
            marked = _MARKED_HEADING.match(text)
            label = next((g for g in marked.groups() if g), "") if marked else ""
            if label and is_heading(label.strip()):
                # "## Background", "**Background**" in plain text: a heading marked by hand
                made.append(Piece("heading", label.strip(), [line.no], last=text))
                prev_line = line
                continue
            glued = _GLUED_HEADING.match(text)
            if glued and nwords(text) >= 8:
                made.append(Piece("heading", glued.group(1), [line.no], last=glued.group(1)))
                text = text[glued.end(1) :]
                line = Body(text, line.no, line.indent)
                made.append(Piece("paragraph", text, [line.no], last=text))
                prev_line = line
                continue
            numbered = _NUMBERED_HEADING.match(text) is not None
            label = _NUMBERED_HEADING.sub("", text) if numbered else ""
            nxt = group[group.index(line) + 1] if numbered and group.index(line) + 1 < len(group) else None
            # a numbered point's first line ("1. It is over. The president said that the" over
            # "question would …"): a sentence ends inside it, or it goes on in lower case
            sentences = numbered and re.search(r"[.!?]\s+[A-Z]", label) is not None
            point = sentences or (nxt is not None and nxt.text[:1].islower())
            if numbered and sentences and nxt is not None and not _SENTENCE_END.search(text):
                # a numbered paragraph of sentences, its number part of it (no list item)
                made.append(Piece("paragraph", text, [line.no], last=text))
                prev_line = line
                continue
            # "1. Introduction": a numbered section heading, unless a numbered list runs on
            lone = nxt is None or not _NUMBERED_HEADING.match(nxt.text)
            if numbered and is_heading(label) and lone and not point:
                made.append(Piece("heading", text, [line.no], last=text))
                prev_line = line
                continue
            if BULLET.match(text):
                made.append(Piece("bullet", BULLET.sub("", text, count=1), [line.no], last=text))
                prev_line = line
                continue
            if _PHOTO_BY.search(text) or _GETTY_DATELINE.match(text) or (line.kind == "caption"):
                # "[Photo] A caption. (Photo by …)": a text page's image placeholder goes too
                said = _IMAGE_MARK.sub("", _PHOTO_BY.sub("", text)).strip()
                made.append(Piece("caption", said, [line.no], last=text))
                prev_line = line
                continue
            prev = made[-1] if made else None
            if prev is not None and self._continues(prev, line, prev_line):
                prev.text = _join(prev.text, text, self.words)
                prev.lines.append(line.no)
                prev.last = text
            else:
                made.append(Piece("paragraph", text, [line.no], last=text))
            prev_line = line
        if made and made[0].kind == "paragraph" and not group[0].kind and is_heading(made[0].text):
            alone = len(made) == 1 and len(made[0].lines) == 1
            glued_below = len(made) > 1 and len(made[0].lines) == 1 and _glued_heading(made[0].text, made[1])
            if alone or glued_below:
                made[0].kind = "heading"
        for k in range(1, len(made) - 1):
            # a heading inside a run of lines (single newlines between paragraphs): a short
            # capitalised line alone, after a sentence's end and over a paragraph
            p, before = made[k], made[k - 1]
            if (
                p.kind == "paragraph"
                and len(p.lines) == 1
                and not group[0].kind
                and is_heading(p.text)
                and _glued_heading(p.text, made[k + 1])
                and before.kind in ("paragraph", "bullet")
                and (
                    _SENTENCE_END.search(strip_notes(before.text))
                    or (len(before.lines) == 1 and (dates.dateline(before.text) or byline(before.text)))
                )
                and not byline(p.text)
                and not dates.dateline(p.text)
            ):
                p.kind = "heading"
        if self.contents:
            # a line the contents page lists ("The stockpile problem .... 3") is a heading
            for p in made:
                if p.kind == "paragraph" and len(p.lines) == 1 and normal(p.text) in self.contents:
                    p.kind = "heading"
        return made

    def finish(self, pieces: list[Piece]) -> list[Piece]:
        """Link lists and tables of contents out, note markers off the text."""
        pieces = _drop_link_lists(pieces, self.dropped, self.chrome_lines)
        for p in pieces:
            if p.kind != "heading":
                p.text = strip_notes(p.text).strip()
        return [p for p in pieces if p.text]


def _titlelike(text: str) -> bool:
    """A line in capitals or title case: a title or heading, not the start of a paragraph."""
    ws = text.split()
    if len(ws) > 25 or _TERMINAL.search(text) or BULLET.match(text):
        return False
    long = [w for w in ws if len(w) > 3]
    return text.isupper() or sum(w[0].isupper() for w in long) >= max(1, 0.6 * len(long))


def _glued_heading(text: str, nxt: Piece) -> bool:
    """A short heading with its paragraph right under it ("SUMMARY", "Introduction")."""
    ws = text.split()
    if len(ws) > 8 or nxt.kind not in ("paragraph", "bullet"):
        return False
    letters = [c for c in text if c.isalpha()]
    caps = sum(w[0].isupper() for w in ws if len(w) > 3) >= max(1, len([w for w in ws if len(w) > 3]) * 0.6)
    return (bool(letters) and all(c.isupper() for c in letters)) or caps or len(ws) <= 2


def _short_title(p: Piece) -> bool:
    if p.row:
        return False
    n = nwords(p.text)
    return 0 < n <= 20 and not _SENTENCE_END.search(p.text) and p.kind in ("paragraph", "bullet", "heading")


def _drop_link_lists(
    pieces: list[Piece], dropped: list[tuple[int, str, str]], chrome_lines: frozenset[int] = frozenset()
) -> list[Piece]:
    """Link lists and tables of contents out: a label ("Related Links", "More on NATO",
    "Contents") and the short non-sentence items under it (or chrome lines: teaser links),
    lines with dot leaders, and a run of three or more such items closing the body."""
    keep: list[Piece] = []
    i = 0
    while i < len(pieces):
        p = pieces[i]
        ends_in_number = p.text[-1:].isdigit()
        if ends_in_number and (
            (_TOC_LINE.search(p.text) and nwords(p.text) <= 16 and p.kind != "paragraph")
            or re.search(r"(?:\.\s?){4,}\s*\d+\s*$", p.text)
        ):
            dropped.extend((n, p.text, "table of contents") for n in p.lines[:1])
            i += 1
            continue
        label = _LINK_LABEL.match(p.text) or _TOC_LABEL.match(p.text)
        if label and nwords(p.text) <= 7 and p.kind in ("heading", "paragraph"):
            j = i + 1
            while j < len(pieces) and _short_title(pieces[j]) and not _starts_section(pieces, j):
                j += 1
            links_under = any(n in chrome_lines for n in range(p.lines[-1] + 1, p.lines[-1] + 3))
            if j > i + 1 or j == len(pieces) or links_under:
                why = "table of contents" if _TOC_LABEL.match(p.text) else "link list"
                for q in pieces[i:j]:
                    dropped.append((q.lines[0], q.text, why))
                i = j
                continue
        keep.append(p)
        i += 1
    # a closing run of three or more short non-sentence lines: links to other pages
    tail = len(keep)
    while tail > 0 and _short_title(keep[tail - 1]) and keep[tail - 1].kind != "heading":
        tail -= 1
    if len(keep) - tail >= 3 and tail > 0:
        for q in keep[tail:]:
            dropped.append((q.lines[0], q.text, "link list at the end"))
        keep = keep[:tail]
    return keep


def _starts_section(pieces: list[Piece], j: int) -> bool:
    """Whether piece ``j`` is a heading with prose under it (the link list ended before it).
    A list item never is: it is the list's last link."""
    if pieces[j].kind == "bullet" or j + 1 >= len(pieces):
        return False
    return pieces[j + 1].kind == "paragraph" and not _short_title(pieces[j + 1])


_CAPTION_CREDIT = lazy(
    r"\s*(?:\((?:photo|image|picture)s?\s*(?:by|credit|:)[^()]*\)|(?:photo|image|picture|credit)s?\s*(?:by\b|:)\s*[^.]*)\s*$",
    re.I,
)


def strip_credit(text: str) -> str:
    """A caption without its credit (``... in July 2021. Photo: A. Name/Agency``)."""
    return _CAPTION_CREDIT.sub("", text).strip() or text


def is_speaker_label(text: str) -> bool:
    """``Daniel Brandt [00:00:04]``, ``JANE DOE:``: a transcript's speaker label on its own line."""
    m = _SPEAKER.match(text)
    return m is not None and ("[" in text or "(" in text or len(m.group("name").split()) >= 2)


def speaker_labels(texts: list[str]) -> frozenset[str]:
    """The lines of a file that are a transcript's speaker labels with nothing else on them
    ("ANA RUIZ", "Tom Berg" over each turn): short lines of capitalised words, each printed
    two or more times right above a line of text, two speakers or more (or one three times)."""
    from .header import name_line

    seen: dict[str, int] = {}
    first: dict[str, int] = {}
    # a label and its turn, blank lines and a timestamp line between them aside
    solid = [t for t in texts if t and not (is_timestamp(t) and not strip_timestamp(t).strip())]
    for at, (a, b) in enumerate(pairwise(solid)):
        words = a.split()
        if not a or not b or not 2 <= len(words) <= 4 or _TERMINAL.search(a) or _SPEAKER.match(b):
            continue
        caps = a.isupper() and not {w.lower() for w in words} & {
            "the",
            "of",
            "and",
            "in",
            "on",
            "to",
            "for",
            "a",
        }
        if (caps or name_line(a)) and nwords(b) >= 2 and _spoken(b):
            seen[a] = seen.get(a, 0) + 1
            first.setdefault(a, at)
    if len(seen) >= 2 and max(seen.values()) >= 2 and sum(seen.values()) >= 3:
        # one seen once counts inside the transcript only (not a site's name over its tagline)
        start = min(first[a] for a, n in seen.items() if n >= 2)
        return frozenset(a for a, n in seen.items() if n >= 2 or first[a] > start)
    return frozenset()


def _spoken(text: str) -> bool:
    """Whether a line under a label reads as a turn of speech: it ends a sentence or a
    clause, or its words run in lower case. A headline in title case under a section's
    name ("Asia Pacific" over a story's title) is no turn."""
    if _TERMINAL.search(text):
        return True
    long_words = [w for w in text.split() if len(w) >= 4 and w[:1].isalpha()]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) < 0.6 * len(long_words)


def is_link_label(text: str) -> bool:
    """``Related Links``, ``More on NATO``, ``Show notes and links``: the label over a list
    of links to other pages."""
    return nwords(text) <= 7 and bool(_LINK_LABEL.match(text) or _LINKS_WORD.search(text))


# "Jane Roe (00:01:12): text": a turn's label with its time between it and the colon
_LABEL_TIME = lazy(rf"^(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})\s*{_TS}\s*:\s+(?=\S)")


def strip_timestamp(text: str) -> str:
    """``[00:00:31] Jane: ...`` and ``Jane (00:00:31): ...`` -> ``Jane: ...`` (podcast
    transcripts)."""
    if ":" not in text:  # every timestamp holds one
        return text
    if _LABEL_TIME.match(text):
        return _LABEL_TIME.sub(r"\g<name>: ", text, count=1)
    return _TIMESTAMP.sub("", text, count=1)


def is_timestamp(text: str) -> bool:
    return ":" in text and bool(_TIMESTAMP.match(text) or _LABEL_TIME.match(text))

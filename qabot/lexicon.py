"""The entity/alias table and the synonym list: query-side knowledge kept as data files.

Both are read at query time, so editing them needs no index rebuild. Users extend
them with ``aliases.toml`` / ``synonyms.txt`` in the corpus folder or in $QABOT_HOME.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .analysis import DATA, fold
from .errors import LexiconError


@dataclass(frozen=True)
class Entity:
    """A named thing and its names. A question naming one of ``names`` (or a ``hint``)
    also searches the other names; ``hints`` are never searched for the entity."""

    key: str
    name: str
    names: tuple[str, ...]  # the display name first, then the aliases
    minor: frozenset[str] = frozenset()  # names searched at a lower weight (demonyms)
    hints: tuple[str, ...] = ()  # one-way: a capital or metonym names it; never searched
    cased: frozenset[str] = frozenset()  # names matched only as written ("WHO", "US")
    weak: frozenset[str] = frozenset()  # ambiguous names: only capitalised, never refused ("Chad")

    def triggers(self) -> list[str]:
        """The phrases that name the entity in a question or an answer."""
        return [*self.names, *self.hints]


@dataclass(frozen=True)
class Mention:
    """A name found in a question: which entity or synonym group, and where."""

    groups: tuple[int, ...]
    phrase: str
    start: int
    end: int


def _norm(text: str) -> str:
    return fold(text).lower()


# Words for phrase matching: letters/digits, inner dots kept ("u.s."), hyphens and
# apostrophes split ("jong-un" -> jong, un; "korea's" -> korea, s).
_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?")

#: phrase word-tuple -> groups, the longest phrase's length, the words a phrase starts with
_Table = tuple[dict[tuple[str, ...], tuple[int, ...]], int, frozenset[str]]


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _cased_form(phrase: str) -> str:
    """A phrase as compared when it must match as written: folded, final dot dropped."""
    return fold(phrase).rstrip(".")


@lru_cache(maxsize=16384)
def _key(phrase: str) -> tuple[str, ...]:
    """A phrase as the word tuple it matches ("U.S." and "u.s" both -> ("u.s.",)...).
    Cached: building the tables asks for each gazetteer phrase three times."""
    return tuple(_WORD.findall(_norm(phrase)))  # the words of _words, without offsets


class Lexicon:
    """Phrase tables matched word by word: a dictionary probe per word and length, so
    building one costs a millisecond (no giant regex to compile on every start)."""

    def __init__(self, entities: list[Entity], synonyms: list[tuple[str, ...]]) -> None:
        self.entities = entities
        self.synonyms = synonyms
        self._entity_table = self._table([tuple(e.triggers()) for e in entities])
        self._syn_table = self._table(synonyms)
        # phrases named only as written (acronyms), and each entity's hint phrases
        free: set[tuple[str, ...]] = set()
        cased: dict[tuple[str, ...], set[str]] = {}
        self._hints: dict[int, frozenset[tuple[str, ...]]] = {}
        self._weak: dict[int, frozenset[tuple[str, ...]]] = {}  # named only when capitalised
        for g, e in enumerate(entities):
            for n in e.triggers():
                if n in e.cased:
                    cased.setdefault(_key(n), set()).add(_cased_form(n))
                else:
                    free.add(_key(n))
            if e.hints:
                self._hints[g] = frozenset(_key(h) for h in e.hints) - {_key(n) for n in e.names}
            if e.weak:
                strong = {_key(n) for n in e.names if n not in e.weak}
                self._weak[g] = frozenset(_key(n) for n in e.weak) - strong
        self._cased = {k: frozenset(v) for k, v in cased.items() if k not in free}

    @staticmethod
    def _table(groups: Iterable[tuple[str, ...]]) -> _Table:
        """Phrase word-tuple -> the groups holding it, and the longest phrase length."""
        lookup: dict[tuple[str, ...], tuple[int, ...]] = {}
        for g, names in enumerate(groups):
            for name in names:
                key = _key(name)
                if key and g not in lookup.get(key, ()):
                    lookup[key] = (*lookup.get(key, ()), g)
        return lookup, max((len(k) for k in lookup), default=0), frozenset(k[0] for k in lookup)

    @staticmethod
    def _find(table: _Table, text: str) -> list[Mention]:
        """Non-overlapping mentions, left to right, the longest phrase at each word."""
        lookup, longest, starts = table
        norm = _norm(text)
        words = _words(norm)
        plain = [w for w, _, _ in words]  # keys are slices of this: no generator per length
        found: list[Mention] = []
        i = 0
        while i < len(words):
            if plain[i] not in starts and plain[i].rstrip(".") not in starts:
                i += 1  # no phrase begins with this word
                continue
            for n in range(min(longest, len(words) - i), 0, -1):
                key = tuple(plain[i : i + n])
                groups = lookup.get(key)
                if groups is None and key[-1].endswith(".") and n == 1:
                    groups = lookup.get((key[0].rstrip("."),))  # "Korea." at a sentence end
                if groups is not None:
                    start, end = words[i][1], words[i + n - 1][2]
                    found.append(Mention(groups, norm[start:end], start, end))
                    i += n
                    break
            else:
                i += 1
        return found

    def entity_mentions(self, text: str) -> list[Mention]:
        """Entities named in ``text`` (case-insensitive, whole words, longest first)."""
        mentions = self._find(self._entity_table, text)
        # "US" in lower case is the pronoun: only the capitalised/dotted forms name the country
        folded = fold(text)
        out = []
        for m in mentions:
            surface = folded[m.start : m.end]
            if m.phrase == "us" and surface == "us":
                continue
            key = _key(m.phrase)
            allowed = self._cased.get(key)
            if allowed is not None and _cased_form(surface) not in allowed:
                continue  # "who" is a word, "WHO" the organisation
            if not surface[:1].isupper():  # "china", "turkey", "chad": words
                groups = tuple(g for g in m.groups if key not in self._weak.get(g, ()))
                if not groups:
                    continue
                m = dataclasses.replace(m, groups=groups)
            out.append(m)
        return out

    def via_weak(self, group: int, mention: Mention) -> bool:
        """Whether ``mention`` names entity ``group`` only through an ambiguous phrase
        ("Georgia", "Jordan", "Korea"): weak evidence, never a reason to refuse."""
        weak = self._weak.get(group)
        return weak is not None and _key(mention.phrase) in weak

    def via_hint(self, group: int, mention: Mention) -> bool:
        """Whether ``mention`` names entity ``group`` only through a hint (a capital)."""
        hints = self._hints.get(group)
        return hints is not None and _key(mention.phrase) in hints

    def synonym_mentions(self, text: str) -> list[Mention]:
        return self._find(self._syn_table, text)


def _read_aliases(text: str, where: str, merged: dict[str, Entity]) -> None:
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return  # comments alone (as shipped): no entity, and no TOML parser to load
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{where}: {exc}") from None
    except RecursionError:
        raise LexiconError(f"{where}: values nested too deeply") from None
    table = data.get("entity", {})
    if not isinstance(table, dict):
        raise LexiconError(f"{where}: 'entity' must be a table of entities ([entity.KEY])")
    for key, entry in table.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name", ""), str):
            raise LexiconError(f"{where}: entity.{key}: 'name' must be a string")
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise LexiconError(f"{where}: entity.{key}: 'aliases' must be a list of strings")
        unknown = set(entry) - {"name", "aliases"}
        if unknown:
            raise LexiconError(f"{where}: entity.{key}: unknown key {sorted(unknown)[0]!r}")
        old = merged.get(key)
        name = entry.get("name") or (old.name if old else key.replace("_", " ").title())
        names = tuple(dict.fromkeys([name, *(old.names if old else ()), *aliases]))
        merged[key] = dataclasses.replace(old, name=name, names=names) if old else Entity(key, name, names)


def _read_synonyms(text: str) -> list[tuple[str, ...]]:
    groups = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words = tuple(w.strip() for w in line.split(",") if w.strip())
            if len(words) > 1:
                groups.append(words)
    return groups


def load(extra_dirs: Iterable[Path] = ()) -> Lexicon:
    """The gazetteer and the shipped tables, plus any ``aliases.toml`` / ``synonyms.txt``
    in ``extra_dirs`` (an entry keyed like a gazetteer one, "country.usa", extends it)."""
    from . import gazetteer

    data = DATA
    entities: dict[str, Entity] = {e.key: e for e in gazetteer.entities()}
    _read_aliases(data.joinpath("aliases.toml").read_text("utf-8"), "qabot/data/aliases.toml", entities)
    synonyms = _read_synonyms(data.joinpath("synonyms.txt").read_text("utf-8"))
    for d in extra_dirs:
        a, s = d / "aliases.toml", d / "synonyms.txt"
        text = _read_user_file(a)
        if text is not None:
            _read_aliases(text, str(a), entities)
        text = _read_user_file(s)
        if text is not None:
            synonyms += _read_synonyms(text)
    return Lexicon(list(entities.values()), synonyms)


def _read_user_file(path: Path) -> str | None:
    """A user's lexicon file as text (None when there is none); anything else that
    stands in its place, unreadable or not UTF-8, is a LexiconError naming it."""
    if not path.exists():
        return None
    if not path.is_file():
        raise LexiconError(f"{path}: is not a file (qabot reads a file of this name when there is one)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 text (byte {exc.start})") from None

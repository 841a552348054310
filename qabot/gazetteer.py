"""The gazetteer (qabot/data/gazetteer.toml) as lexicon entities.

Countries, international organisations and regions become :class:`~qabot.lexicon.Entity`
rows, so a question naming "the DPRK", "Nigerian" or "the IMF" also searches the
other names the archive may use. What each field becomes:

- ``name``, ``official``, ``aliases``, ``acronyms``: names, each standing for the others
  (acronyms match only as written: "WHO" is the organisation, "who" a word);
- ``demonyms``: names too, searched at a lower weight (``Params.demonym_factor``);
- ``capitals``, ``metonyms``: one-way *hints*: "Nairobi" or "the Kremlin" in a question
  names Kenya or Russia, but a question naming France never searches "Paris"
  (``Params.capital_factor``);
- ``ambiguous`` names ("China", "Chad", "Georgia", "Korea") name an entry only when
  capitalised, and a question naming one the corpus lacks is not refused for it (it
  may mean something else); ambiguous capitals and metonyms ("Washington", "Pentagon")
  are dropped; ``native`` names and memberships are not used.

Why: the archive is about every region and subject, so the alias table must be general
facts, not one topic's list (issue 12). Read once per process (a few milliseconds):
:func:`read` knows the narrow shape tools/make_gazetteer.py writes (a ``[section.key]``
line, then one ``field = value`` line per field, a string or a list of strings
written as JSON writes them, which TOML reads alike) and reads only the fields used
here; a file in any other shape goes to a full TOML parser.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any

from .analysis import DATA
from .lexicon import Entity

_NAME_FIELDS = ("name", "official", "aliases", "acronyms")
_HINT_FIELDS = ("capitals", "metonyms")
_SECTIONS = ("country", "org", "region")
#: the fields :func:`entities` reads
USED_FIELDS = frozenset({*_NAME_FIELDS, *_HINT_FIELDS, "demonyms", "ambiguous"})
_HEADER = re.compile(r"\[(country|org|region)\.([a-z0-9_]+)\]")
_FIELD = re.compile(r"[a-z0-9_]+")


def _narrow(text: str) -> dict[str, dict[str, dict[str, Any]]] | None:
    """The used fields of every entry, read line by line; None where a line is not in
    the generator's shape (then the caller parses the file as TOML)."""
    data: dict[str, dict[str, dict[str, Any]]] = {s: {} for s in _SECTIONS}
    entry: dict[str, Any] | None = None
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        if line[0] == "[":
            m = _HEADER.fullmatch(line)
            if m is not None:
                if m[2] in data[m[1]]:
                    return None  # a repeated table: TOML's parser says what is wrong
                entry = data[m[1]][m[2]] = {}
            elif line in ("[meta]", "[shared]"):
                entry = None
            else:
                return None
            continue
        if entry is None:  # [meta] and [shared]: nothing used
            continue
        field, eq, value = line.partition(" = ")
        if not eq or not _FIELD.fullmatch(field) or field in entry:
            return None
        if field not in USED_FIELDS:
            continue
        v = _value(value)
        if v is None:
            return None
        entry[field] = v
    return data


def _value(value: str) -> str | list[str] | None:
    """A value as the generator writes it: ``"text"`` or ``["text", "text"]`` (JSON's
    form), with no escapes, control characters or quotes inside; None for any other."""
    if "\\" in value or not value.isprintable():
        return None
    if len(value) >= 2 and value[0] == '"' == value[-1]:
        inner = value[1:-1]
        return None if '"' in inner else inner
    if value == "[]":
        return []
    if len(value) >= 4 and value.startswith('["') and value.endswith('"]'):
        items = value[2:-2].split('", "')
        return None if any('"' in item for item in items) else items
    return None


def read(text: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The sections of the gazetteer (country, org, region), each entry's used fields."""
    data = _narrow(text)
    if data is None:
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        full = tomllib.loads(text)
        data = {
            s: {k: {f: v for f, v in e.items() if f in USED_FIELDS} for k, e in full.get(s, {}).items()}
            for s in _SECTIONS
        }
    return data


def _strings(entry: dict[str, object], field: str) -> list[str]:
    value = entry.get(field, [])
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@lru_cache(maxsize=1)
def entities() -> tuple[Entity, ...]:
    """Every gazetteer entry as an entity, in the file's order (countries, orgs, regions)."""
    data = read((DATA / "gazetteer.toml").read_text("utf-8"))
    out: list[Entity] = []
    for section in _SECTIONS:
        table = data.get(section, {})
        for key, entry in table.items():
            ambiguous = {a.casefold() for a in _strings(entry, "ambiguous")}
            names = [n for f in _NAME_FIELDS for n in _strings(entry, f)]
            demonyms = _strings(entry, "demonyms")
            hints = [h for f in _HINT_FIELDS for h in _strings(entry, f) if h.casefold() not in ambiguous]
            display = _strings(entry, "name")[0]
            every = tuple(dict.fromkeys([display, *names, *demonyms]))
            out.append(
                Entity(
                    f"{section}.{key}",
                    display,
                    every,
                    minor=frozenset(demonyms) - set(names),
                    hints=tuple(h for h in dict.fromkeys(hints) if h not in every),
                    cased=frozenset(_strings(entry, "acronyms")),
                    weak=frozenset(n for n in every if n.casefold() in ambiguous),
                )
            )
    return tuple(out)

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
facts, not one topic's list (issue 12). Read once per process (a few milliseconds).
"""

from __future__ import annotations

import sys
from functools import lru_cache

from .analysis import DATA
from .lexicon import Entity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_NAME_FIELDS = ("name", "official", "aliases", "acronyms")
_HINT_FIELDS = ("capitals", "metonyms")
_SECTIONS = ("country", "org", "region")


def _strings(entry: dict[str, object], field: str) -> list[str]:
    value = entry.get(field, [])
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


@lru_cache(maxsize=1)
def entities() -> tuple[Entity, ...]:
    """Every gazetteer entry as an entity, in the file's order (countries, orgs, regions)."""
    data = tomllib.loads((DATA / "gazetteer.toml").read_text("utf-8"))
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

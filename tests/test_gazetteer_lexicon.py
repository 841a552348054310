"""The gazetteer as lexicon entities: names both ways, capitals one way, acronyms as written."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from qabot import gazetteer, lexicon
from qabot.analysis import DATA
from qabot.search import query
from qabot.search.params import DEFAULT
from tests.test_pipeline_stages import AN, FakeSearcher

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LEX = lexicon.load()


def _used(data: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        s: {k: {f: v for f, v in e.items() if f in gazetteer.USED_FIELDS} for k, e in data.get(s, {}).items()}
        for s in ("country", "org", "region")
    }


def test_the_fast_reader_reads_what_a_toml_parser_reads() -> None:
    text = (DATA / "gazetteer.toml").read_text("utf-8")
    narrow = gazetteer._narrow(text)
    assert narrow is not None  # the shipped file is in the generator's shape: no TOML parser
    assert narrow == _used(tomllib.loads(text))
    assert sum(len(e.get("capitals", [])) for e in narrow["country"].values()) > 200


@pytest.mark.parametrize(
    "odd",
    [
        '[country.xyz]\nname = "X" # a comment\n',
        '[country.xyz]\nname = "X"\naliases = [\n  "Ex",\n  "Why",\n]\n',
        "[country.xyz]\nname = 'X'\naliases = ['Ex\\u00e9']\n",
        '[country.xyz]\nname = "X\\u00e9"\n',
        '[country]\nxyz.name = "X"\n',
        '[country.xyz]\nname="X"\n',
        '[country."x y"]\nname = "X"\n',
        '[country.xyz]\nname = "X"\naliases = ["Ex","Why"]\n',
        '[country.xyz]\nname = "X"\naliases = [ "Ex" ]\n',
        '[country.xyz]\nname = "X\tY"\n',
        '[country.xyz]\nname = """X"""\n',
    ],
)
def test_a_file_in_another_shape_is_read_as_toml(odd: str) -> None:
    assert gazetteer._narrow(odd) is None
    assert gazetteer.read(odd) == _used(tomllib.loads(odd))


@pytest.mark.parametrize(
    "bad", ['[country.xyz]\nname = "X"\n[country.xyz]\nname = "Y"\n', '[country.xyz]\naliases = ["]\n']
)
def test_a_file_toml_rejects_is_toml_s_error(bad: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        gazetteer.read(bad)


def _named(text: str) -> list[tuple[str, bool]]:
    return [(LEX.entities[g].key, LEX.via_hint(g, m)) for m in LEX.entity_mentions(text) for g in m.groups]


def test_every_section_becomes_entities_and_nothing_particular_ships() -> None:
    keys = {e.key.split(".")[0] for e in gazetteer.entities()}
    assert keys == {"country", "org", "region"}
    assert len(gazetteer.entities()) == 261 + 134 + 48
    shipped = {e.key for e in LEX.entities}
    assert not {k for k in shipped if "." not in k}  # aliases.toml holds no people or events


def test_names_acronyms_demonyms_and_hints() -> None:
    assert _named("Why did the DPRK leave?") == [("country.prk", False)]
    assert _named("What did Nairobi decide?") == [("country.ken", True)]  # a capital: a hint
    assert _named("The Kremlin said so") == [("country.rus", True)]  # a metonym
    assert _named("Nigerians voted") == [("country.nga", False)]
    # acronyms only as written, ambiguous names only capitalised, ambiguous capitals never
    assert _named("Who leads the WHO?") == [("org.who", False)] and _named("who leads it?") == []
    assert _named("What did the IMF lend?") == [("org.imf", False)]
    assert _named("Who met in Washington?") == []
    assert _named("Does China sell fine china?") == [("country.chn", False)]
    assert _named("turkey and chad for dinner") == []
    # the longest phrase wins: "North America" is a region, not the United States
    assert _named("trade in North America") == [("region.north_america", False)]


def _query(question: str, *overrides: str) -> query.Query:
    texts = [
        (
            "paragraph",
            "Kenya and its Kenyan lenders agreed a programme with the International Monetary Fund.",
        ),
        ("paragraph", "France held talks in Paris; the French delegation left early."),
    ]
    kb = query.Knowledge(FakeSearcher(texts), AN, LEX)
    p = DEFAULT.with_overrides(overrides)
    q = query.repair(query.parse(question, kb, p), kb, p)
    return query.expand(query.weigh(q, kb, p), kb, p)


def test_a_capital_searches_its_country_but_a_country_never_its_capital() -> None:
    q = _query("What did Nairobi agree with the IMF?")
    assert "kenya" in q.added and "kenyan" in q.added and not q.missing
    assert q.added["kenya"] == DEFAULT.alias_weight * DEFAULT.capital_factor
    assert set(AN.analyze("Monetary Fund")) <= set(q.added)  # the acronym spelled out
    assert _query("Did Georgia leave the talks?").missing == ()  # ambiguous: not refused
    assert _query("Did Paraguay leave the talks?").missing == ("Paraguay",)
    france = _query("Why did France leave the talks?")
    (paris,) = AN.analyze("Paris")
    assert paris not in france.weights and "french" in france.added
    off = _query("What did Nairobi agree with the IMF?", "capital_factor=0")
    assert "kenya" not in off.added
    half = _query("What did Nairobi agree with the IMF?", "demonym_factor=0.5")
    assert half.added["kenyan"] == DEFAULT.alias_weight * DEFAULT.capital_factor * 0.5

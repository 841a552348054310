"""Name variants learned from the passages: acronyms spelled out, names as initials."""

from __future__ import annotations

from qabot.search import query, variants
from qabot.search.params import DEFAULT
from tests.test_pipeline_stages import AN, LEXICON, FakeSearcher

TEXTS = [
    (
        "paragraph",
        "The Federal Reserve Board of Governors held the policy rate; inflation cooled in the spring.",
    ),
    ("paragraph", "Analysts expect the FRB to cut the policy rate twice before the elections."),
    ("paragraph", "The Grain Export Council said wheat shipments rose by a third."),
    ("paragraph", "Farmers cheered the GEC figures on wheat shipments to the coast."),
]


def test_spelled_out_finds_the_capitalised_run_whose_initials_spell_it() -> None:
    texts = ["Rates were held by the State Bank of Pakistan on Monday.", "the State Bank of Pakistan said so"]
    assert variants.spelled_out("SBP", texts) == "State Bank of Pakistan"
    co = ["the Organization for Security and Co-operation in Europe sent monitors"]
    assert variants.spelled_out("OSCE", co) == "Organization for Security and Co-operation in Europe"
    assert variants.spelled_out("SBPs", texts) == "State Bank of Pakistan"  # a plural
    assert variants.spelled_out("XYZ", texts) is None
    assert variants.spelled_out("SB", ["Sand"]) is None  # one word is no spelling out


def test_acronyms_and_initials() -> None:
    assert variants.is_acronym("SBP") and variants.is_acronym("NGOs")
    assert (
        not variants.is_acronym("US") and not variants.is_acronym("Rate") and not variants.is_acronym("A1B")
    )
    assert variants.initials_of(["Asian", "Development", "Bank"]) == "ADB"
    assert variants.initials_of(["Bank", "of", "Japan"]) == "BJ"
    runs = variants.capitalised_runs("What did the Asian Development Bank forecast for Sri Lanka?")
    assert [r for r, _, _ in runs] == [["Asian", "Development", "Bank"], ["Sri", "Lanka"]]
    assert variants.capitalised_runs("Asian Development Bank forecast")[0][0] == [
        "Asian",
        "Development",
        "Bank",
    ]


def _query(question: str, weight: float = DEFAULT.variant_weight) -> query.Query:
    kb = query.Knowledge(FakeSearcher(TEXTS), AN, LEXICON)
    p = DEFAULT.with_overrides([f"variant_weight={weight}"])
    q = query.repair(query.parse(question, kb, p), kb, p)
    return query.expand(query.weigh(query.variants(q, kb, p), kb, p), kb, p)


def test_an_unknown_acronym_is_searched_as_its_spelling_out_in_the_passages() -> None:
    q = _query("What did the GECB say about wheat shipments?")  # not spelled out anywhere
    assert [w.how for w in q.words if w.surface == "gecb"] == ["absent"] and not q.variants
    # "FRB" is in the corpus: nothing to do; "BoGFR" is not, and no run spells it
    q = _query("Why did the GEC say wheat shipments rose?")
    assert not q.variants and not q.unknown_names
    fake = [("paragraph", t) for _, t in TEXTS[:1]] + [("paragraph", "Shipments of grain rose.")]
    kb = query.Knowledge(FakeSearcher(fake), AN, LEXICON)
    q = query.repair(query.parse("What did the FRBG say about the policy rate?", kb, DEFAULT), kb, DEFAULT)
    assert [w.how for w in q.words if w.surface == "frbg"] == ["absent"]  # an acronym: not refused
    q = query.weigh(query.variants(q, kb, DEFAULT), kb, DEFAULT)
    assert q.variants == {"FRBG": "Federal Reserve Board of Governors"} and "?frbg" not in q.absent
    assert q.own["feder"] == DEFAULT.variant_weight and q.own["rate"] == 1.0
    off = query.variants(
        query.repair(query.parse("What did the FRBG say?", kb, DEFAULT), kb, DEFAULT),
        kb,
        DEFAULT.with_overrides(["variant_weight=0"]),
    )
    assert "?frbg" in off.absent


def test_a_capitalised_name_is_also_searched_as_its_initials_beside_its_words() -> None:
    q = _query("What did the Grain Export Council say about wheat?")
    assert q.variants == {"Grain Export Council": "GEC"}
    assert q.added["gec"] == DEFAULT.alias_weight * DEFAULT.variant_weight
    assert q.alts["grain"]["gec"] == DEFAULT.alias_credit
    assert "gec" not in _query("What did the Grain Export Council say about wheat?", 0).weights

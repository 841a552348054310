"""The question path's stages over a fake searcher: what each stage does, with which numbers.

:class:`FakeSearcher` implements the Searcher protocol over a handful of passages held
in memory (no index, no files), which is the point: the stages see the corpus only
through that protocol.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pytest

from qabot.analysis import Analyzer, sentence_spans
from qabot.lexicon import Entity, Lexicon
from qabot.passages import Passage
from qabot.search import abstain, query
from qabot.search.conversation import Context
from qabot.search.feedback import feedback_terms, wanted
from qabot.search.params import DEFAULT, Params
from qabot.search.pipeline import Pipeline
from qabot.search.query import Knowledge
from qabot.search.rerank import Features, Scored, dedupe
from qabot.search.searcher import Ids, Passages, Scores, Searcher, Window

AN = Analyzer()

TEXTS = [
    ("paragraph", "The summit in Hanoi ended early because the talks over sanctions broke down."),
    ("paragraph", "Pyongyang wants sanctions relief before it gives up the Yongbyon reactor."),
    ("caption", "Kim and Trump shake hands in Hanoi before the summit."),
    ("paragraph", "Beijing will host the next round of talks, to be held in spring, officials said."),
    ("paragraph", "The summit in Hanoi ended early because the talks over sanctions broke down!"),
    ("bullet", "Congressional approval would be needed for any peace declaration."),
]


class FakeSearcher:
    """A Searcher over TEXTS: tf x idf scores, everything in memory."""

    def __init__(self, texts: Sequence[tuple[str, str]] = TEXTS, days: Sequence[int] = ()) -> None:
        self.days = np.asarray(list(days) or [0] * len(texts), dtype=np.int64)  # day numbers, 0 undated
        self.kinds_ = [k for k, _ in texts]
        self.texts = [t for _, t in texts]
        self.toks = [AN.analyze(t) for t in self.texts]
        self.vocab = sorted({t for toks in self.toks for t in toks})
        self.ids = {t: n for n, t in enumerate(self.vocab)}
        self.df = Counter(t for toks in self.toks for t in set(toks))
        self.table = {w: tok for text in self.texts for w, tok, _, _ in AN.surface(text)}
        self.cues = {"why": {0: 2, 4: 2}, "where": {3: 1}}

    @property
    def n_passages(self) -> int:
        return len(self.texts)

    def has_term(self, term: str) -> bool:
        return term in self.df

    def idf(self, term: str) -> float:
        return math.log((self.n_passages + 1) / self.df[term])

    def doc_freq(self, term: str) -> int:
        return self.df.get(term, 0)

    def terms_with_prefix(self, prefix: str, limit: int) -> list[str]:
        return [t for t in self.vocab if t.startswith(prefix)][:limit]

    def words(self) -> Mapping[str, str]:
        return self.table

    def scores(self, weights: Mapping[str, float]) -> tuple[Scores, float]:
        acc = np.zeros(self.n_passages)
        for term, w in weights.items():
            if term in self.df:
                for i, toks in enumerate(self.toks):
                    acc[i] += w * self.idf(term) * toks.count(term)
        return acc, 0.0

    def first_stage(self, acc: Scores, n: int) -> Ids:
        pos = np.flatnonzero(acc > 0)
        return pos[np.argsort(-acc[pos], kind="stable")][:n].astype(np.int64)

    def best(
        self, parts: Sequence[Mapping[str, float]], n: int, allow: Window | None = None
    ) -> tuple[Ids, Scores]:
        acc = np.zeros(self.n_passages)
        for weights in parts:
            acc += self.scores(weights)[0]
        if allow is not None:
            acc = np.where(allow, acc, 0.0)
        ids = self.first_stage(acc, n)
        return ids, acc[ids]

    def holds(self, terms: Sequence[str], ids: Passages) -> npt.NDArray[np.bool_]:
        return np.array([[t in self.toks[int(i)] for t in terms] for i in ids], dtype=bool).reshape(
            len(ids), len(terms)
        )

    def holds_in(self, terms: Sequence[str], lo: Passages, hi: Passages) -> npt.NDArray[np.bool_]:
        runs = [set().union(*self.toks[int(a) : int(b)]) for a, b in zip(lo, hi, strict=True)]
        return np.array([[t in run for t in terms] for run in runs], dtype=bool).reshape(len(lo), len(terms))

    def term_score(self, term: str, i: int) -> tuple[int, float, float]:
        tf = self.toks[i].count(term)
        return tf, self.idf(term), self.idf(term) * tf

    def doc_starts(self) -> Ids:
        return np.arange(self.n_passages, dtype=np.int64)  # one passage a document

    def passage(self, i: int) -> Passage:
        text = self.texts[i]
        return Passage(f"fake#p{i + 1}", "fake", i + 1, "", i + 1, self.kinds_[i], text, ((0, len(text)),))

    def kind(self, i: int) -> str:
        return self.kinds_[i]

    def dates(self) -> npt.NDArray[np.int64]:
        return self.days

    def title(self, i: int) -> str:
        return ""

    def briefings(self) -> npt.NDArray[np.int64]:
        return np.arange(len(self.texts), dtype=np.int64)  # a briefing per passage

    def cue_count(self, i: int, qtype: str) -> int:
        return self.cues.get(qtype, {}).get(i, 0)

    def kinds(self, ids: Passages) -> list[str]:
        return [self.kinds_[int(i)] for i in ids]

    def cue_counts(self, ids: Passages, qtype: str) -> list[int]:
        return [self.cue_count(int(i), qtype) for i in ids]

    def tokens(self, i: int) -> list[str]:
        return list(self.toks[i])

    def token_ids(self, i: int) -> npt.NDArray[np.integer]:
        return np.array([self.ids[t] for t in self.toks[i]], dtype=np.int64)


LEXICON = Lexicon(
    [
        Entity("north_korea", "North Korea", ("North Korea", "Pyongyang", "DPRK")),
        Entity("china", "China", ("China", "Beijing")),
        Entity("canada", "Canada", ("Canada", "Ottawa")),
    ],
    [("talks", "round"), ("ended", "broke off")],
)


def _searcher() -> Searcher:
    return FakeSearcher()  # typed as the protocol: mypy checks the fake implements it


def _kb() -> Knowledge:
    return Knowledge(_searcher(), AN, LEXICON)


def _query(question: str, p: Params = DEFAULT, history: Sequence[Context] = ()) -> query.Query:
    kb = _kb()
    q = query.parse(question, kb, p)
    q = query.repair(q, kb, p)
    q = query.weigh(q, kb, p)
    q = query.expand(q, kb, p)
    return query.carry(q, history, kb, p)


def test_parse_marks_known_words_and_entities() -> None:
    q = query.parse("Why did DPRK talks in Hanoi end?", _kb(), DEFAULT)
    assert q.qtype == "why" and not q.truncated
    assert [(w.token, w.known) for w in q.words] == [
        ("dprk", False),
        ("talk", True),
        ("hanoi", True),
        ("end", True),
    ]
    assert [w.in_entity for w in q.words] == [True, False, False, False]


def test_parse_cuts_a_long_question_at_a_word() -> None:
    q = query.parse("sanctions relief " * 400, _kb(), DEFAULT.with_overrides(["max_question_chars=30"]))
    assert q.truncated and q.question == "sanctions relief sanctions" and len(q.question) <= 30


def test_repair_typo_prefix_name_and_absent() -> None:
    q = _query("Did Zorblat discuss sanctons with congress and wombats?")
    how = {w.surface: w.how for w in q.words}
    assert how == {
        "zorblat": "name",
        "discuss": "absent",
        "sanctons": "typo",
        "congress": "prefix",
        "wombats": "absent",
    }
    assert q.corrections == {"sanctons": "sanctions"}
    assert q.unknown_names == ("Zorblat",) and q.absent == ("?discuss", "?wombats")
    assert q.own == {"sanction": 1.0, "congression": DEFAULT.prefix_weight}
    off = _query("Did Zorblat discuss sanctons with congress?", DEFAULT.with_overrides(["typo_edits=0"]))
    assert "sanctions" not in off.corrections.values() and "?sanctons" in off.absent


def test_weigh_answer_kind_words_weigh_little() -> None:
    q = _query("Where was the summit held?")  # "held" is stemmed as "hold" (irregular.txt)
    assert q.own["hold"] == DEFAULT.frame_weight and q.own["summit"] == 1.0
    q = _query("Where was the summit held?", DEFAULT.with_overrides(["frame_weight=1"]))
    assert q.own["hold"] == 1.0


def test_expand_adds_aliases_and_synonyms_at_their_weights() -> None:
    q = _query("What does the DPRK want from the talks?")
    assert q.entities == ("North Korea",) and not q.missing
    # "North Korea" is two words (0.5 shared), "Pyongyang" one: each name's words share the weight
    assert q.added["pyongyang"] == DEFAULT.alias_weight
    assert q.alts["talk"] == {"round": DEFAULT.synonym_credit, "talk": DEFAULT.synonym_credit}
    assert q.added["round"] == DEFAULT.synonym_weight
    assert list(q.weights)[-len(q.own) :] == list(q.own)  # added terms first, then the question's
    off = _query("What does the DPRK want from the talks?", DEFAULT.with_overrides(["alias_weight=0"]))
    assert "pyongyang" not in off.weights and off.entities == ("North Korea",)


def test_carry_borrows_the_previous_turn() -> None:
    prev = Context(own_terms=("summit", "hanoi"), answer_entities=("Beijing",))
    q = _query("Why there?", history=[prev])
    assert q.borrowed == ("summit", "hanoi") and q.carried == ("Beijing",)
    assert q.added["summit"] == DEFAULT.carry_weight and q.added["beij"] == DEFAULT.answer_carry_weight
    fresh = _query("What does Beijing think of Pyongyang?", history=[prev])
    assert not fresh.borrowed  # names its own entities, points back at nothing
    off = _query("Why there?", DEFAULT.with_overrides(["carry_weight=0", "answer_carry_weight=0"]), [prev])
    assert not off.added


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("What does Ottawa say about the summit?", "unknown_entity"),
        ("What did Zorblat say about the summit?", "unknown_name"),
        ("xqzv blorp", "unknown_words"),
        ("the of and?", "empty_question"),
        ("Why did the Hanoi summit end early?", None),
    ],
)
def test_abstain_before_search_codes(question: str, code: str | None) -> None:
    refusal = abstain.before_search(_query(question))
    assert (refusal.code if refusal else None) == code
    if refusal is not None and code != "empty_question":
        assert refusal.reason.startswith("the briefings never mention ")
    assert code is None or code in abstain.CODES


def test_abstain_after_search_codes() -> None:
    q = _query("sanctions wombat")
    assert abstain.after_search(q, True, 0.9, DEFAULT) is None
    low = abstain.after_search(q, True, 0.1, DEFAULT)
    assert low is not None and low.code == "low_coverage" and '"wombat"' in low.reason
    none = abstain.after_search(q, False, 0.0, DEFAULT)
    assert none is not None and none.code == "no_match"
    assert abstain.after_search(q, True, 0.1, DEFAULT.with_overrides(["coverage_floor=0"])) is None


def test_rerank_rewards_coverage_and_cues_and_discounts_captions() -> None:
    s = _searcher()
    q = _query("Why did the Hanoi summit end early?")
    acc, _ = FakeSearcher().scores(q.weights)
    ranked = Features(s, q, DEFAULT).rerank(*s.best([q.weights], 10))
    by = {r.passage: r for r in ranked}
    assert ranked[0].passage in (0, 4) and by[0].coverage == pytest.approx(1.0)
    assert by[2].score < acc[2]  # the caption keeps DEFAULT.caption of its score
    off = [
        "coverage=0",
        "doc_coverage=0",
        "cue=0",
        "caption=1",
        "entity=0",
        "phrase_bonus=0",
        "phrase3_bonus=0",
        "sentence_bonus=0",
    ]
    plain = Features(s, q, DEFAULT.with_overrides(off))
    assert [r.score for r in plain.rerank(*s.best([q.weights], 10))] == sorted(acc[acc > 0], reverse=True)


#: Two passages with the same terms (stemmed, stopwords out): one says the question's
#: words as written and in a row, the other in other forms and apart.
PHRASED = [
    ("paragraph", "Routing each packet: the network, in the background."),
    ("paragraph", "In the background, the packets are routed through the network."),
]
OFF = ["coverage=0", "doc_coverage=0", "cue=0", "caption=1", "entity=0", "sentence_bonus=0"]


@pytest.mark.parametrize(
    "on",
    [
        ["phrase_bonus=0.8", "phrase3_bonus=0"],
        ["phrase_bonus=0", "phrase3_bonus=0.3"],
        ["phrase_bonus=0", "phrase3_bonus=0", "exact_bonus=0.5"],
    ],
)
def test_the_passage_holding_the_question_as_written_wins_a_tie(on: list[str]) -> None:
    s = FakeSearcher(PHRASED)
    assert s.toks[0] != s.toks[1] and sorted(s.toks[0]) == sorted(s.toks[1])  # a tie for BM25
    kb = Knowledge(s, AN, LEXICON)
    q = query.parse("How are the packets routed through the network?", kb, DEFAULT)
    q = query.weigh(query.repair(q, kb, DEFAULT), kb, DEFAULT)
    ids, acc = s.best([q.weights], 10)
    assert acc[0] == pytest.approx(acc[1])
    ranked = Features(s, q, DEFAULT.with_overrides([*OFF, *on])).rerank(ids, acc)
    assert ranked[0].passage == 1 and ranked[0].score > ranked[1].score
    plain = Features(s, q, DEFAULT.with_overrides([*OFF, "phrase_bonus=0", "phrase3_bonus=0"])).rerank(
        ids, acc
    )
    assert plain[0].score == pytest.approx(plain[1].score)


def test_term_pairs_and_the_best_window_reward_question_words_close_together() -> None:
    texts = [
        ("paragraph", "Sanctions on the reactor were discussed; later, much later, came talk of relief."),
        ("paragraph", "Sanctions relief for the reactor was discussed, and later came talk."),
    ]
    s = FakeSearcher(texts)
    q = _query("Would sanctions relief follow for the reactor?")
    ids = np.asarray([0, 1], dtype=np.int64)
    acc = np.asarray([1.0, 1.0])
    base = [*OFF, "phrase_bonus=0", "phrase3_bonus=0"]
    for on in (["pair_bonus=0.7"], ["window_coverage=0.5", "window_size=3"]):
        ranked = Features(s, q, DEFAULT.with_overrides([*base, *on])).rerank(ids, acc)
        assert ranked[0].passage == 1 and ranked[0].score > ranked[1].score, on
    plain = Features(s, q, DEFAULT.with_overrides(base)).rerank(ids, acc)
    assert plain[0].score == plain[1].score


class Sentenced(FakeSearcher):
    """FakeSearcher whose passages carry their real sentence spans."""

    def passage(self, i: int) -> Passage:
        text = self.texts[i]
        spans = tuple(sentence_spans(text))
        return Passage(f"fake#p{i + 1}", "fake", i + 1, "", i + 1, self.kinds_[i], text, spans)


def test_the_passage_saying_the_question_in_one_sentence_wins_a_tie() -> None:
    texts = [
        ("paragraph", "The reactor was shut in May. Inspectors arrived later to verify the closure."),
        ("paragraph", "Inspectors arrived in May to verify the reactor closure. It was shut later."),
    ]
    s = Sentenced(texts)
    assert sorted(s.toks[0]) == sorted(s.toks[1])  # the same terms: a tie for BM25
    q = _query("When did inspectors verify the reactor closure?")
    ids = np.asarray([0, 1], dtype=np.int64)
    acc = np.asarray([1.0, 1.0])
    base = [*OFF, "phrase_bonus=0", "phrase3_bonus=0"]
    ranked = Features(s, q, DEFAULT.with_overrides([*base, "sentence_bonus=1"])).rerank(ids, acc)
    assert ranked[0].passage == 1 and ranked[0].score > ranked[1].score
    plain = Features(s, q, DEFAULT.with_overrides(base)).rerank(ids, acc)
    assert plain[0].score == plain[1].score


class TwoDocs(FakeSearcher):
    """TEXTS as two documents: passages 0-2 and 3-5."""

    def doc_starts(self) -> Ids:
        return np.asarray([0, 3], dtype=np.int64)


def test_document_coverage_credits_what_the_rest_of_the_document_holds() -> None:
    s = TwoDocs()
    q = _query("Why did the Hanoi summit end over sanctions relief?")
    f = Features(s, q, DEFAULT)
    # the caption (passage 2) lacks "sanctions" and "relief"; its document has them
    acc = s.scores(q.weights)[0]
    ids = np.asarray([0, 1, 2, 3], dtype=np.int64)
    ranked = {r.passage: r for r in f.rerank(ids, acc[ids])}
    assert ranked[2].coverage < 0.7 and f.doc_coverage(2) == pytest.approx(f.doc_coverage(0))
    assert f.doc_coverage(2) > ranked[2].coverage and f.doc_coverage(3) < f.doc_coverage(2)
    off = Features(s, q, DEFAULT.with_overrides(["doc_coverage=0"]))
    scores = off.rerank(ids[2:3], acc[ids[2:3]])[0].score
    assert ranked[2].score == pytest.approx(
        scores * ((1 - DEFAULT.doc_coverage) + DEFAULT.doc_coverage * f.doc_coverage(2))
    )


def test_dedupe_drops_near_duplicates() -> None:
    s = _searcher()
    scored = [Scored(3.0, 0, 1.0), Scored(2.9, 4, 1.0), Scored(1.0, 1, 0.5)]
    assert [x.passage for x in dedupe(s, scored, 3, DEFAULT.duplicate)] == [0, 1]
    assert [x.passage for x in dedupe(s, scored, 3, 2.0)] == [0, 4, 1]  # above 1 keeps all
    assert [x.passage for x in dedupe(s, scored, 1, DEFAULT.duplicate)] == [0]


def test_feedback_terms_and_when_they_run() -> None:
    s = _searcher()
    extra = feedback_terms(s, [(1, 2.0), (0, 1.0)], {"sanction": 1.0}, DEFAULT)
    assert extra and "sanction" not in extra and len(extra) <= DEFAULT.rm3_terms
    assert sum(extra.values()) == pytest.approx(DEFAULT.rm3_mass * 1.0)
    assert wanted(0.5, DEFAULT) and not wanted(0.95, DEFAULT)
    assert not wanted(0.5, DEFAULT.with_overrides(["rm3_mass=0"]))


def test_whole_pipeline_over_the_fake() -> None:
    pipe = Pipeline(_searcher(), AN, LEXICON, DEFAULT)
    out = pipe.run("Why did the Hanoi summit end early?", 3)
    assert out.refusal is None and out.answer is not None and "ended early" in out.answer
    assert [h.pid for h in out.hits][:1] in (["fake#p1"], ["fake#p5"])
    assert len({h.pid for h in out.hits} & {"fake#p1", "fake#p5"}) == 1  # the twin is dropped
    follow = pipe.run("And who hosts the next round?", 3, [out.context])
    assert "summit" in follow.query_text  # borrowed at a lower weight
    refused = pipe.run("What does Ottawa say?", 3)
    assert refused.refusal is not None and refused.refusal.code == "unknown_entity" and not refused.hits


# ---------------------------------------------------------------- other spellings, acronyms

SPELLINGS = [
    ("paragraph", "The ministry signed three PPPs for toll roads, and sent an e-mail to every bidder."),
    (
        "paragraph",
        "The Kuwait Investment Authority holds the fund; the Kuwait Investment Authority reports yearly.",
    ),
    ("paragraph", "Its co-operation with the Democratic Republic of the Congo on cobalt is new."),
    ("paragraph", "The cobalt mines of the south employ thousands of diggers."),
]


def _weighed(question: str, kb: Knowledge, p: Params = DEFAULT) -> query.Query:
    """A question parsed, repaired and weighed against ``kb`` (no expansion, no history)."""
    return query.weigh(query.repair(query.parse(question, kb, p), kb, p), kb, p)


def _spelled(question: str, p: Params = DEFAULT) -> query.Query:
    return _weighed(question, Knowledge(FakeSearcher(SPELLINGS), AN, Lexicon([], [])), p)


def test_plural_singular_and_hyphen_spellings_are_not_unknown() -> None:
    q = _spelled("Which PPP did the ministry sign, and was there an email?")
    how = {w.surface: (w.how, w.terms) for w in q.words}
    assert how["ppp"] == ("variant", ("ppps",))  # the corpus says "PPPs"
    assert how["email"] == ("variant", ("mail",))  # the corpus says "e-mail"
    assert not q.unknown and not q.unknown_names and q.own["ppps"] == 1.0
    q = _spelled("Was the Democratic Republic of the Congo's co-operation with Kuwait new?")
    assert {w.surface: w.how for w in q.words}["congo"] == "known"
    # a capitalised word is never split into corpus words: it stays an unknown name
    assert _spelled("Did Cobaltmines sign?").unknown_names == ("Cobaltmines",)
    assert _spelled("Do the miners go there?").unknown == ("go",)  # not "goes"


def test_an_acronym_the_corpus_lacks_counts_against_coverage_and_never_refuses() -> None:
    # repair leaves it absent (the variants stage may then find it spelled out nearby:
    # tests/test_variants.py), never a name that refuses the question
    q = _spelled("What does the WTO say about cobalt?")
    assert q.unknown_names == () and "?wto" in q.absent
    q = _spelled("How big is the KIA?")
    assert q.unknown_names == () and "?kia" in q.absent
    assert query.acronym_core("MPs") == "MP" and query.acronym_core("G20") == "G20"
    assert query.acronym_core("AMLO's") == "AMLO" and query.acronym_core("Kim") is None


def test_a_passage_holding_enough_question_words_is_not_refused_for_low_coverage() -> None:
    q = _query("sanctions relief Yongbyon reactor wombat")
    held = ("sanction", "relief", "yongbyon", "reactor")
    assert abstain.held_words(q, held) == 4 and abstain.held_words(q, held[:2]) == 2
    p = DEFAULT.with_overrides(["coverage_floor=0.9", "coverage_words=3"])
    assert abstain.after_search(q, True, 0.5, p, words=4) is None
    low = abstain.after_search(q, True, 0.5, p, words=2)
    assert low is not None and low.code == "low_coverage"
    off = p.with_overrides(["coverage_words=0"])
    assert abstain.after_search(q, True, 0.5, off, words=4) is not None


# ---------------------------------------------------------------- the answer's kind

ANSWERS = [
    (
        "paragraph",
        "Gas from the Neptun Deep field will flow to Romanian homes. "
        "Gas should flow from Neptun in 2027. "
        "Each Shahed drone costs one army a lot. A Shahed drone costs between 20,000 and 50,000 dollars.",
    ),
]


def _passage(text: str) -> Passage:
    spans, at = [], 0
    for part in text.split(". "):
        end = at + len(part) + (1 if not part.endswith(".") else 0)
        spans.append((at, min(end, len(text))))
        at = end + 1
    return Passage("a#p1", "a", 1, "", 1, "paragraph", text, tuple(spans))


@pytest.mark.parametrize(
    ("qtype", "words", "want"),
    [
        ("when", "neptun deep field gas flow", "in 2027"),
        ("number", "shahed drone cost one", "20,000"),
    ],
)
def test_the_sentence_that_brings_the_kind_of_answer_asked_for_wins(
    qtype: str, words: str, want: str
) -> None:
    from qabot.search import answer

    passage = _passage(ANSWERS[0][1])
    weights = dict.fromkeys(AN.analyze(words), 1.0)
    asked = set(weights) | set(words.split())
    kind = answer.answer_kind(qtype)
    on = DEFAULT.with_overrides(["answer_type=1", "answer_cue=0", "answer_restates=0"])
    chosen = answer.choose([passage], weights, AN, on, kind=kind, question=asked)
    assert chosen is not None and want in chosen and chosen in passage.text  # verbatim
    off = answer.choose(
        [passage],
        weights,
        AN,
        DEFAULT.with_overrides(["answer_cue=0", "answer_type=0", "answer_restates=0"]),
        kind=kind,
        question=asked,
    )
    assert off is not None and want not in off  # the kind is what chose it


def test_an_answer_kind_the_question_itself_gives_does_not_count() -> None:
    from qabot.search import answer

    asked = {"how", "much", "does", "one", "shahed", "drone", "cost"}
    number, why, when = (answer.ANSWER_TYPES[t].compiled for t in ("number", "why", "when"))
    assert not answer.brings("Each Shahed drone costs one army a lot.", number, asked, AN)
    assert answer.brings("It costs 20,000 dollars.", number, asked, AN)
    assert answer.brings("They left because of the talks.", why, {"why"}, AN)
    assert not answer.brings("In 2027.", when, {"2027", "in"}, AN)


def test_an_anaphoric_answer_comes_with_its_antecedent() -> None:
    from qabot.search import answer

    text = "The Qosh Tepa canal leaves the Amu Darya in Balkh. It will irrigate 550,000 hectares of desert."
    passage = _passage(text)
    weights = dict.fromkeys(AN.analyze("How much land will irrigate desert"), 1.0)
    on = answer.choose([passage], weights, AN, DEFAULT)
    assert on == text  # "It" alone says nothing: the sentence before it names the canal
    off = answer.choose([passage], weights, AN, DEFAULT.with_overrides(["answer_antecedent=0"]))
    assert off == "It will irrigate 550,000 hectares of desert."


def test_a_sentence_that_restates_the_question_brings_the_next_one() -> None:
    from qabot.search import answer

    text = "The hard part lies south of Mazar. The line must cross the Hindu Kush through the Salang area."
    passage = _passage(text)
    asked = "why is the stretch south of mazar so hard"
    weights = dict.fromkeys(AN.analyze(asked), 1.0)
    question = set(weights) | set(asked.split())
    on = answer.choose([passage], weights, AN, DEFAULT, question=question)
    assert on == text and on in passage.text  # verbatim, both sentences
    off = answer.choose(
        [passage], weights, AN, DEFAULT.with_overrides(["answer_restates=0"]), question=question
    )
    assert off == "The hard part lies south of Mazar."
    assert answer.novel_terms("The hard part lies south of Mazar.", AN, question) == 2  # part, lies


def test_a_weak_match_that_never_names_what_the_question_names_is_refused() -> None:
    # "Kim" is in the corpus (a caption), but not in the passages that match best
    question = "When will Kim host the next round of talks?"
    strict = DEFAULT.with_overrides(["name_passages=1", "name_coverage=1"])
    out = Pipeline(_searcher(), AN, LEXICON, strict).run(question, 3)
    assert out.refusal is not None and out.refusal.code == "low_coverage"
    assert out.refusal.reason == "the briefings that match best never mention Kim"
    for off in ("name_passages=0", "name_coverage=0"):  # off, or only below a coverage of 0
        answered = Pipeline(_searcher(), AN, LEXICON, DEFAULT.with_overrides([off])).run(question, 3)
        assert answered.refusal is None and "Beijing" in (answered.answer or "")
    assert Pipeline(_searcher(), AN, LEXICON, strict).run("When will Beijing host talks?", 3).refusal is None


def test_a_name_the_matching_briefings_never_mention_is_refused() -> None:
    # "Kim" is in the corpus (a caption), but not in the passage about the next round
    question = "When will Kim host the next round of talks?"
    checked = Pipeline(_searcher(), AN, LEXICON, DEFAULT.with_overrides(["name_check=1"]))
    out = checked.run(question, 3)
    assert out.refusal is not None and out.refusal.code == "low_coverage" and "Kim" in out.refusal.reason
    off = Pipeline(_searcher(), AN, LEXICON, DEFAULT.with_overrides(["name_check=0"])).run(question, 3)
    assert off.refusal is None and "Beijing" in (off.answer or "")
    # a name the best passage's briefing holds is no reason to refuse
    assert checked.run("When will Beijing host the next round of talks?", 3).refusal is None


def test_which_words_the_name_check_asks_about() -> None:
    pipe = Pipeline(_searcher(), AN, LEXICON, DEFAULT)
    assert DEFAULT.name_check == 0  # off as shipped

    def unheld(question: str, held: set[str]) -> list[str]:
        q = pipe.query(question)
        return abstain.names_unheld(q, lambda terms: [t in held for t in terms], lambda t: [])

    assert unheld("Did Kim meet Trump in Hanoi?", {"hanoi", "trump"}) == ["Kim"]
    assert unheld("Did Kim meet Trump in Hanoi?", {"hanoi", "trump", "kim"}) == []
    assert unheld("Kim met whom in Hanoi?", {"hanoi"}) == []  # the first word: case says nothing
    assert unheld("DID KIM MEET TRUMP IN HANOI", set()) == []  # a question in capitals neither
    assert unheld("Did talks in Hanoi end in March?", {"hanoi"}) == []  # a month is not a subject
    assert unheld("Did Kim Trump talks end?", {"trump"}) == []  # one name of two words, one held
    # a form sharing a name's stem counts (as "Sahara" does where the question says "Saharan")
    q = pipe.query("Did Kim meet Trump?")
    held = {"trump", "ki"}
    assert abstain.names_unheld(q, lambda terms: [t in held for t in terms], lambda t: [t[:2]]) == []


SUPPORT_TEXTS = [
    ("paragraph", "Micron scale chips are made in Taiwan by several firms."),
    ("paragraph", "The juntas said they would leave the bloc within a year, and Paris objected."),
    ("paragraph", "The bloc has twelve members and a court of its own."),
    ("paragraph", "The juntas want the bloc to lift its sanctions first."),
]


def test_a_name_repaired_as_a_typo_must_be_borne_out_by_the_answer() -> None:
    # "Macron" is absent, one edit from the corpus word "micron": the repair is a guess,
    # and the answer about the juntas never holds "micron", so the name is unknown
    question = "What did Macron say about the juntas leaving the bloc?"
    pipe = Pipeline(FakeSearcher(SUPPORT_TEXTS), AN, LEXICON, DEFAULT)
    assert pipe.query(question).corrections == {"macron": "micron"}
    out = pipe.run(question, 3)
    assert out.refusal is not None and out.refusal.code == "unknown_name"
    assert out.refusal.reason == "the briefings never mention Macron"
    off = Pipeline(FakeSearcher(SUPPORT_TEXTS), AN, LEXICON, DEFAULT.with_overrides(["repair_check=0"]))
    answered = off.run(question, 3)
    assert answered.refusal is None and "juntas" in (answered.answer or "")
    # a misspelt name the answer does hold is a true misspelling: answered
    kept = pipe.run("Which chips are made in Taiwen?", 3)
    assert kept.refusal is None and "Taiwan" in (kept.answer or "")
    # lower case says nothing about names; the question's first word neither
    q = pipe.query("what did macron say about the juntas leaving the bloc?")
    assert abstain.repaired_names(q, lambda t: False) == []
    assert abstain.repaired_names(pipe.query("Macron said what about the juntas?"), lambda t: False) == []


def test_a_how_many_question_answered_without_any_number_is_refused() -> None:
    pipe = Pipeline(FakeSearcher(SUPPORT_TEXTS), AN, LEXICON, DEFAULT)
    # the juntas passages match, but the one the answer comes from gives no number
    out = pipe.run("How many juntas want the sanctions lifted?", 2)
    assert out.refusal is not None and out.refusal.code == "low_support"
    off = Pipeline(FakeSearcher(SUPPORT_TEXTS), AN, LEXICON, DEFAULT.with_overrides(["number_check=0"]))
    assert off.run("How many juntas want the sanctions lifted?", 2).refusal is None
    # a number in the answer (a word number counts) is the figure asked for
    kept = pipe.run("How many members does the bloc have?", 3)
    assert kept.refusal is None and "twelve" in (kept.answer or "")
    # only "how many / how much" questions are judged so
    assert pipe.run("Why do the juntas want the sanctions lifted?", 2).refusal is None


ENTITY_LEXICON = Lexicon(
    [
        Entity("canada", "Canada", ("Canada", "Canadian"), minor=frozenset({"Canadian"}), hints=("Ottawa",)),
        Entity("chad", "Chad", ("Chad",), weak=frozenset({"Chad"})),
    ],
    [],
)
ENTITY_TEXTS = [
    ("paragraph", "Canada joined the fishing pact in 2019 after long talks with Chad."),
    ("paragraph", "The bloc has twelve members and a court of its own."),
    ("paragraph", "The pact's secretariat sits in Ottawa, beside the fishing ministry."),
]


def test_a_country_the_answer_briefing_never_names_is_refused() -> None:
    pipe = Pipeline(FakeSearcher(ENTITY_TEXTS), AN, ENTITY_LEXICON, DEFAULT)
    # Canada is in the corpus, but the briefing that answers (the bloc's) never names it
    out = pipe.run("How many members does Canada's bloc have?", 2)
    assert out.refusal is not None and out.refusal.code == "low_support"
    assert out.refusal.reason == "the briefing that answers best never mentions Canada"
    # a demonym names the country too
    demonym = pipe.run("How many members does the Canadian bloc have?", 2)
    assert demonym.refusal is not None and demonym.refusal.code == "low_support"
    off = Pipeline(FakeSearcher(ENTITY_TEXTS), AN, ENTITY_LEXICON, DEFAULT.with_overrides(["entity_check=0"]))
    answered = off.run("How many members does Canada's bloc have?", 2)
    assert answered.refusal is None and "twelve" in (answered.answer or "")
    # a briefing naming the country (here by its capital) answers for it
    assert pipe.run("Where does Canada's fishing pact have its secretariat?", 2).refusal is None
    # named only through its capital or an ambiguous name: never judged so
    assert pipe.run("How many members does the Ottawa bloc have?", 2).refusal is None
    assert pipe.run("How many members does the Chad bloc have?", 2).refusal is None


def test_entities_unheld_judges_names_and_capitals_of_one_briefing() -> None:
    kb = Knowledge(FakeSearcher(ENTITY_TEXTS), AN, ENTITY_LEXICON)
    q = query.expand(
        query.repair(query.parse("What did Canada and Chad agree?", kb, DEFAULT), kb, DEFAULT), kb, DEFAULT
    )
    assert abstain.entities_unheld(q, kb, lambda terms: [False for _ in terms]) == ["Canada"]  # Chad is weak
    assert abstain.entities_unheld(q, kb, lambda terms: [t == "ottawa" for t in terms]) == []
    assert abstain.entities_unheld(q, kb, lambda terms: [t == "canada" for t in terms]) == []


def test_an_abbreviated_month_is_no_unknown_name() -> None:
    pipe = Pipeline(FakeSearcher(ENTITY_TEXTS), AN, ENTITY_LEXICON, DEFAULT)
    q = pipe.query("In Sept 2019 which country joined the fishing pact?")
    assert q.unknown_names == ()
    assert pipe.run("In Sept 2019 which country joined the fishing pact?", 2).refusal is None
    # a capitalised word the corpus lacks that is no month still is one
    assert pipe.query("In Septimus 2019 which country joined the fishing pact?").unknown_names == (
        "Septimus",
    )


def test_a_fraction_in_words_is_a_number() -> None:
    from qabot.search.answer import answer_kind, brings

    kind = answer_kind("number")
    assert kind is not None
    assert brings("The won has since lost a fifth of its value.", kind, {"won", "lost", "valu"}, AN)
    assert not brings("The won has since lost its value.", kind, {"won", "lost", "valu"}, AN)


def test_a_year_the_answer_briefing_never_gives_is_refused() -> None:
    texts = [
        ("paragraph", "The fishing pact was signed in 2019 after long talks."),
        ("paragraph", "Exports of salmon rose sharply in the 1990s because prices rose."),
    ]
    pipe = Pipeline(FakeSearcher(texts), AN, ENTITY_LEXICON, DEFAULT)
    # 2019 is in the corpus, so the question is searched; the salmon briefing never gives it
    out = pipe.run("Why did salmon exports rise in 2019?", 2)
    assert out.refusal is not None and out.refusal.code == "low_support"
    assert out.refusal.reason == "the briefing that answers best never mentions 2019"
    off = Pipeline(FakeSearcher(texts), AN, ENTITY_LEXICON, DEFAULT.with_overrides(["year_check=0"]))
    assert off.run("Why did salmon exports rise in 2019?", 2).refusal is None
    # the year the briefing gives is borne out; a decade holds its first year
    assert pipe.run("When was the fishing pact of 2019 signed?", 2).refusal is None
    assert pipe.run("Why did salmon exports rise in the 1990?", 2).refusal is None


def test_years_unheld_counts_text_decades_and_the_briefing_date() -> None:
    kb = Knowledge(FakeSearcher([("paragraph", "Talks in 1990, 2019 and 2021.")]), AN, ENTITY_LEXICON)
    q = _weighed("What happened in 1990 and 2019 and 2021?", kb)
    nothing = lambda terms: [False for _ in terms]  # noqa: E731
    assert abstain.years_unheld(q, nothing, []) == ["1990", "2019", "2021"]
    assert abstain.years_unheld(q, lambda terms: [t in ("1990s", "2019") for t in terms], []) == ["2021"]
    assert abstain.years_unheld(q, nothing, [2021, 1990]) == ["2019"]


def test_the_weak_match_name_check_reads_the_whole_briefing_or_the_passages() -> None:
    # passage 0 (the summit ending early) never names Kim; its briefing's caption does
    question = "Why did the summit with Kim end early?"
    strict = ["name_passages=1", "name_coverage=1"]
    briefings = Pipeline(TwoDocs(), AN, LEXICON, DEFAULT.with_overrides([*strict, "name_briefings=1"]))
    assert briefings.run(question, 3).refusal is None
    passages = Pipeline(TwoDocs(), AN, LEXICON, DEFAULT.with_overrides([*strict, "name_briefings=0"]))
    out = passages.run(question, 3)
    assert out.refusal is not None and out.refusal.reason == "the passages that match best never mention Kim"


def test_a_how_many_question_whose_counted_word_the_briefing_never_names_is_refused() -> None:
    texts = [
        ("paragraph", "The canal authority cut transits to 24 a day in December."),
        ("paragraph", "Revenue from the salmon levy reached 40 million last year."),
        ("paragraph", "About 2,000 people would have to move for the reservoir."),
    ]
    pipe = Pipeline(FakeSearcher(texts), AN, ENTITY_LEXICON, DEFAULT)
    # revenue is in the corpus, but not in the canal's briefing that answers
    out = pipe.run("How much revenue did the canal authority lose in December?", 2)
    assert out.refusal is not None and out.refusal.code == "low_support"
    assert out.refusal.reason == "the briefing that answers best never mentions revenue"
    off = Pipeline(FakeSearcher(texts), AN, ENTITY_LEXICON, DEFAULT.with_overrides(["focus_check=0"]))
    assert off.run("How much revenue did the canal authority lose in December?", 2).refusal is None
    # the counted word named: answered; a verb after "how much" counts nothing
    assert pipe.run("How much revenue did the salmon levy raise?", 2).refusal is None
    assert pipe.run("How much did the canal authority cut transits in December?", 2).refusal is None
    # "people" names a kind of answer, not a subject
    kb = Knowledge(FakeSearcher(texts), AN, ENTITY_LEXICON)
    q = _weighed("How many people did the canal cut?", kb)
    nothing = lambda terms: [False for _ in terms]  # noqa: E731
    assert abstain.focus_unheld(q, nothing, lambda t: [], kb.all_frame_terms()) is None
    assert abstain.focus_unheld(q, nothing, lambda t: []) == "people"


def test_a_long_name_the_answer_briefing_never_names_is_refused() -> None:
    texts = [
        ("paragraph", "The Liberal Party won 12 seats, and the Green Initiative none."),
        ("paragraph", "The Democratic Alliance won 80 seats in the snap election."),
    ]
    pipe = Pipeline(FakeSearcher(texts), AN, ENTITY_LEXICON, DEFAULT)
    # every word of "Liberal Initiative" is in the corpus, the name in neither briefing
    question = "How many seats did the Liberal Initiative win in the snap election?"
    out = pipe.run(question, 1)
    assert (
        out.refusal is not None
        and out.refusal.reason == "the briefing that answers best never mentions Liberal Initiative"
    )
    off = Pipeline(FakeSearcher(texts), AN, ENTITY_LEXICON, DEFAULT.with_overrides(["long_names=0"]))
    assert off.run(question, 1).refusal is None
    assert pipe.run("How many seats did the Democratic Alliance win in the snap election?", 1).refusal is None


def test_a_capitalised_number_word_is_no_name_to_look_up() -> None:
    pipe = Pipeline(FakeSearcher([("paragraph", "The Group of Eight met in Hanoi.")]), AN, LEXICON, DEFAULT)
    q = pipe.query("Was Moscow thrown out of the Group of Eight?")
    assert abstain.names_unheld(q, lambda terms: [t == "group" for t in terms], lambda t: []) == []
    assert abstain.names_unheld(q, lambda terms: [False for _ in terms], lambda t: []) == [
        "Group"
    ]  # not "Eight"


def test_the_phrase_runs_break_at_the_time_words_the_time_stage_took_out() -> None:
    texts = [
        ("paragraph", "Talvi and Nabeel first met in person in Oslo in 2019."),
        ("paragraph", "Talvi and Nabeel held talks again in 2021, after their first meeting in person."),
    ]
    s = FakeSearcher(texts, days=[737000, 737700])
    pipeline = Pipeline(s, AN, LEXICON, DEFAULT)
    q = pipeline.query("When did Talvi and Nabeel first meet in person?")
    assert q.timing is not None and q.time_spans and "first" not in q.own
    kept = Features(s, q, DEFAULT.with_overrides(["phrase_time=0"]))
    cut = Features(s, q, DEFAULT.with_overrides(["phrase_time=1"]))
    assert " first meet " in kept.phrases and " nabeel first meet " in kept.triples
    assert not any("first" in run for run in cut.phrases | cut.triples)
    assert {" did talvi ", " talvi and ", " in person "} <= cut.phrases and " meet in person " in cut.triples
    # after a leading time clause, its question word is left out, as a first word is
    led = pipeline.query("In 2019, when did Talvi and Nabeel meet in person?")
    runs = Features(s, led, DEFAULT.with_overrides(["phrase_time=1"]))
    assert led.time_spans and " did talvi " in runs.phrases
    assert not any("when" in run or "2019" in run for run in runs.phrases | runs.triples)
    # a question without time words keeps its runs as written, whatever phrase_time says
    plain = _query("Why did Talvi and Nabeel meet in person?")
    same = [Features(s, plain, DEFAULT.with_overrides([f"phrase_time={v}"])) for v in (0, 1)]
    assert same[0].phrases == same[1].phrases and same[0].triples == same[1].triples


def test_a_form_of_a_question_word_the_stemmer_keeps_apart_covers_it_partly() -> None:
    texts = [
        ("paragraph", "The earlier treaty set the border along the river."),
        ("paragraph", "The treaty set the border along the ridge, officials said."),
        ("paragraph", "Treaty talks began early in the decade."),
    ]
    s = FakeSearcher(texts)
    kb = Knowledge(s, AN, LEXICON)
    on = DEFAULT.with_overrides(["form_credit=0.7"])
    assert AN.analyze("early earlier") == ["earli", "earlier"]  # two terms: the stemmer keeps them apart
    q = Pipeline(s, AN, LEXICON, on).query("Where did the early treaty set the border?")
    assert q.alts["earli"] == {"earlier": 0.7}
    assert "earlier" not in q.weights  # a coverage credit only: the first stage is unchanged
    assert query._forms(q, kb, on) == {"earli": ["earlier"]}
    ids = np.asarray([0, 1], dtype=np.int64)
    acc = np.asarray([1.0, 1.0])
    ranked = Features(s, q, on.with_overrides(["doc_coverage=0"])).rerank(ids, acc)
    assert ranked[0].passage == 0 and ranked[0].score > ranked[1].score
    off = Pipeline(s, AN, LEXICON, DEFAULT.with_overrides(["form_credit=0"])).query(
        "Where did the early treaty set the border?"
    )
    assert "earli" not in off.alts
    # a form only extends the word (or the word extends it): "bord" shares letters, not the word
    assert all(
        u.startswith(t) or t.startswith(u) for t, forms in query._forms(q, kb, on).items() for u in forms
    )

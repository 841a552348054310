"""Dates in the question path (issue 15): date values, windows, time words, events,
the timeline, eval's per-question windows, and undated briefings (counted, never
silently dropped). Most run over tests/timeline/corpus (58 briefings 2015-2025, 4 undated)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from qabot import render, timespec
from qabot.api import QA
from qabot.search import when
from tests.conftest import CORPUS, ROOT, run_cli

TIMELINE = ROOT / "tests" / "timeline" / "corpus"
UNDATED = 4


@pytest.fixture(scope="module")
def tl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[QA]:
    from qabot.index import build

    folder = tmp_path_factory.mktemp("timeline-index")
    build(TIMELINE, folder)
    yield QA.open(TIMELINE, folder)


def dates_of(a: Any) -> list[str]:
    return [r.doc.date for r in a.results]


# ---------------------------------------------------------------- date values


@pytest.mark.parametrize(
    ("text", "side", "day"),
    [
        ("2019-02-26", "since", date(2019, 2, 26)),
        ("2019-02", "since", date(2019, 2, 1)),
        ("2019-02", "until", date(2019, 2, 28)),
        ("2020-02", "until", date(2020, 2, 29)),
        ("2019", "since", date(2019, 1, 1)),
        ("2019", "until", date(2019, 12, 31)),
        ("30d", "since", date(2019, 1, 29)),
        ("2w", "since", date(2019, 2, 14)),
        ("1m", "since", date(2019, 1, 28)),
        ("2y", "until", date(2017, 2, 28)),
    ],
)
def test_date_values_resolve(text: str, side: str, day: date) -> None:
    assert timespec.resolve(timespec.parse(text), side, date(2019, 2, 28)) == day


@pytest.mark.parametrize("bad", ["2019-13", "2019-02-30", "19-02", "yesterday", "30x", "2019/02", ""])
def test_bad_date_values_name_the_text(bad: str) -> None:
    with pytest.raises(ValueError, match=repr(bad).replace("(", r"\(")[:6]):
        timespec.parse(bad)


def test_ages_count_from_the_newest_briefing_when_the_archive_is_old() -> None:
    assert timespec.anchor(date(2019, 2, 28), date(2026, 1, 1)) == (date(2019, 2, 28), True)
    assert timespec.anchor(date(2025, 12, 30), date(2026, 1, 1)) == (date(2026, 1, 1), False)
    assert timespec.anchor(None, date(2026, 1, 1)) == (date(2026, 1, 1), False)


def test_qa_resolves_ages_against_the_archive(tl: QA) -> None:
    # the timeline archive ends 2025-10-02, long before any test runs
    assert tl.resolve("30d", "since", today=date(2027, 5, 1)) == date(2025, 9, 2)
    assert tl.resolve("30d", "since", today=date(2025, 10, 5)) == date(2025, 9, 5)


# ---------------------------------------------------------------- windows and undated briefings


def test_a_window_keeps_only_briefings_dated_in_it_and_counts_the_undated(tl: QA) -> None:
    a = tl.ask("What did the EU decide about Velorian crude?", k=5, since="2021", until="2021-12-31")
    assert a.answered and a.results
    assert all("2021-01-01" <= d <= "2021-12-31" for d in dates_of(a))
    assert a.undated == UNDATED
    assert a.notice is not None and f"{UNDATED} undated briefings were left out" in a.notice
    data = render.answer_json(a)
    assert data["time"]["since"] == "2021-01-01" and data["time"]["undated_left_out"] == UNDATED


def test_no_window_leaves_undated_briefings_in(tl: QA) -> None:
    a = tl.ask("Where did the Danar Valley Movement come from?", k=5)
    assert a.timing is None and a.undated == 0 and a.notice is None
    assert "undated" in dates_of(a)  # the undated profile answers it


def test_an_empty_window_is_refused_naming_it(tl: QA) -> None:
    a = tl.ask("What did the EU decide about Velorian crude?", until="2014-12-31")
    assert not a.answered and a.reason_code == "outside_window"
    assert "2014-12-31" in (a.reason or "") and "2015-03-05 to 2025-10-02" in (a.reason or "")


def test_as_of_hides_later_briefings(tl: QA) -> None:
    a = tl.ask("What is the Tamberland Reserve Bank's policy rate now?", k=5, as_of="2021-06-30")
    assert a.results and max(dates_of(a)) <= "2021-06-30"
    assert a.results[0].doc.date == "2020-03-19"  # the emergency cut held until 2022


# ---------------------------------------------------------------- time words


def test_latest_puts_the_newest_matching_briefing_first(tl: QA) -> None:
    a = tl.ask("What is the Tamberland Reserve Bank's policy rate now?", k=3)
    assert a.timing is not None and a.timing.prefer == "latest" and a.timing.words == ("now",)
    assert dates_of(a)[0] == "2025-06-12"
    off = QA(tl.index, tl.params.with_overrides(["dates=0"])).ask(
        "What is the Tamberland Reserve Bank's policy rate now?", k=3
    )
    assert off.timing is None


def test_first_puts_the_oldest_first(tl: QA) -> None:
    a = tl.ask("When was Boreal Link first proposed?", k=3)
    assert a.timing is not None and a.timing.prefer == "earliest"
    assert dates_of(a)[0] == "2015-03-05"


def test_a_year_is_a_window_that_lets_in_a_later_report_naming_it(tl: QA) -> None:
    a = tl.ask("How many ships went through the Kestrel Passage in 2016?", k=5)
    t = a.timing
    assert t is not None and (t.since, t.until) == (date(2016, 1, 1), date(2016, 12, 31)) and t.soft == "2016"
    # the 2016 season is reported in April 2017
    assert dates_of(a)[0] == "2017-04-06"
    assert all(d.startswith(("2016", "2017")) for d in dates_of(a))


def test_a_year_beyond_the_archive_is_refused(tl: QA) -> None:
    a = tl.ask("What new sanctions did the EU impose on Veloria in 2031?")
    assert a.reason_code == "outside_window"


def test_an_event_is_dated_by_its_report(tl: QA) -> None:
    a = tl.ask("How did the Tamberland Reserve Bank respond after the Hollis truce?", k=3)
    t = a.timing
    assert t is not None and [(e.name, e.date, e.doc_id) for e in t.events] == [
        ("Hollis truce", "2022-05-09", "2022-05-12-the-hollis-truce")
    ]
    assert t.since == date(2022, 5, 9) and t.prefer == "earliest"
    assert all(d >= "2022-05-09" for d in dates_of(a))
    assert "holli" not in a.query.split()  # the event's words name a time, not the topic


def test_an_event_named_in_other_words_is_found_by_its_title(tl: QA) -> None:
    # the report says "snapback"; its title "Sanctions Snap Back on Veloria"
    t = tl.ask("Where did Velorian tankers go after the sanctions snapped back?").timing
    assert t is not None and t.events[0].doc_id == "2021-03-18-sanctions-snap-back-on-veloria"
    assert "2021-03-01" <= t.events[0].date <= "2021-03-18"


def test_before_an_event_ends_the_day_before(tl: QA) -> None:
    t = tl.ask("Before the Tallinn accord, what did Washington do about Velbank?").timing
    assert t is not None and t.until == date(2019, 4, 10) and t.events[0].date == "2019-04-11"


def test_a_date_in_the_clause_dates_the_event(tl: QA) -> None:
    t = tl.ask("What did Tamberland do after Aurelia raised the tariff in March 2021?").timing
    assert t is not None and t.since == date(2021, 4, 1) and not t.events


def test_a_condition_is_no_event(qa: Any) -> None:
    a = qa.ask("What did the DPRK demand before dismantling Yongbyon?")
    assert a.timing is None or not a.timing.window


def test_an_event_no_briefing_names_stays_words(tl: QA) -> None:
    a = tl.ask("What happened to Veloria's crude exports after the Zorbax affair?")
    assert a.timing is not None and a.timing.unresolved == ("Zorbax affair",) and not a.timing.window


def test_before_that_follows_the_previous_answer(tl: QA) -> None:
    first = tl.ask("Who won Lindmark's 2021 election?", k=3)
    then = tl.ask("And the one before that?", k=3, history=(first,))
    t = then.timing
    assert t is not None and t.until is not None and first.context.date is not None
    assert t.until < date.fromisoformat(first.context.date) and t.prefer == "latest"
    assert all(d < first.context.date for d in dates_of(then))


def test_time_words_over_an_undated_corpus_are_ordinary_words(tmp_path: Path) -> None:
    from qabot.index import build

    src = tmp_path / "undated"
    src.mkdir()
    for f in CORPUS.iterdir():  # the shipped briefings without their dates
        lines = f.read_text(encoding="utf-8").splitlines()
        keep = [ln for ln in lines if not any(m in ln for m in ("2019 |", "GMT"))]
        (src / f.name.removeprefix("2019-02-26-").removeprefix("2019-02-28-")).write_text(
            "\n".join(keep), encoding="utf-8"
        )
    build(src, tmp_path / "ix")
    undated = QA.open(src, tmp_path / "ix")
    assert all(d.date == "undated" for d in undated.index.docs)
    a = undated.ask("What is the latest on sanctions relief?")
    assert a.timing is None and a.answered


def test_the_recency_prior_favours_newer_briefings(tl: QA) -> None:
    q = "How did Tamberland retaliate against Aurelia?"
    plain = tl.ask(q, k=10)
    newer = QA(tl.index, tl.params.with_overrides(["recency_prior=2"])).ask(q, k=10)

    def mean(a: Any) -> float:
        days = [date.fromisoformat(d).toordinal() for d in dates_of(a) if d != "undated"]
        return sum(days) / len(days)

    assert mean(newer) > mean(plain)


# ---------------------------------------------------------------- the timeline


def test_timeline_on_the_shipped_corpus(qa: Any) -> None:
    line = qa.timeline("sanctions relief")
    assert [e.date for e in line.entries] == ["2019-02-26", "2019-02-28"]
    assert all("sanction" in e.sentence.lower() for e in line.entries)


def test_timeline_is_in_date_order_with_undated_last(tl: QA) -> None:
    line = tl.timeline("Kestrel Passage transits")
    got = [e.date for e in line.entries]
    dated = [d for d in got if d]
    assert dated == sorted(dated) and len(dated) >= 5
    assert got[-1] == ""  # undated: last
    assert len({e.doc.doc_id for e in line.entries}) == len(got)  # one passage per briefing
    windowed = tl.timeline("Kestrel Passage transits", since="2020")
    assert all(e.date >= "2020-01-01" for e in windowed.entries) and windowed.undated == UNDATED


def test_timeline_of_nothing_says_why(tl: QA) -> None:
    line = tl.timeline("zzzqx flibbertigibbet")
    assert not line.found and line.reason_code in ("unknown_words", "no_match", "empty_question")


def test_timeline_command(base: list[str]) -> None:
    code, out, err = run_cli(["timeline", "sanctions", "relief", *base])
    assert code == 0 and err == ""
    assert out.index("2019-02-26") < out.index("2019-02-28 (2 days later)")
    code, out, _ = run_cli(["timeline", "sanctions", "relief", "--json", "--since", "2019-02-27", *base])
    data = json.loads(out)
    assert code == 0 and [e["date"] for e in data["entries"]] == ["2019-02-28"]
    assert data["time"]["since"] == "2019-02-27"


# ---------------------------------------------------------------- the command line and the chat


def test_ask_since_until_flags(base: list[str]) -> None:
    code, out, _ = run_cli(["ask", "what did Kim want?", "--since", "2019-02-27", "--json", *base])
    data = json.loads(out)
    assert code == 0 and {p["date"] for p in data["passages"]} == {"2019-02-28"}
    assert data["time"]["since"] == "2019-02-27"
    code, out, err = run_cli(["ask", "what did Kim want?", "--until", "2019-99", *base])
    assert code == 2 and out == "" and "--until" in err and "2019-99" in err and "Traceback" not in err


def test_undated_briefings_left_out_are_said_on_stderr(tl: QA) -> None:
    ix = str(tl.index.dir)
    where = ["--corpus", str(TIMELINE), "--index", ix]
    code, out, err = run_cli(["ask", "What is Velbank?", "--since", "2017", *where])
    assert code == 0 and out and "4 undated briefings were left out" in err


def test_chat_since_until_timeline_and_ages(qa: Any) -> None:
    from qabot.repl.commands import Chat
    from qabot.repl.toolbar import toolbar_fragments

    chat = Chat(lambda q, k, h: qa.ask(q, k=k, history=h, since=chat.since, until=chat.until),
                qa.index, qa.analyzer, timeline=qa.timeline)  # fmt: skip
    assert not chat.handle("/since 2019-02-27").error
    bar = render.plain(toolbar_fragments("corpus", 3, [], 120, 2, chat.window_label()))
    assert "since 2019-02-27" in bar
    reply = chat.handle("what did Kim want?")
    assert reply.data is not None and {p["date"] for p in reply.data["passages"]} == {"2019-02-28"}
    assert chat.handle("/since nonsense").error
    chat.handle("/since off")
    assert chat.since is None and chat.window_label() == ""
    line = chat.handle("/timeline sanctions relief")
    assert "2019-02-26" in render.plain(line.frags) and line.data is not None and line.data["found"]
    chat.handle("/new")
    chat.handle("What is expected of the Hanoi summit?")
    text = render.plain(chat.handle("why did the summit end early?").frags)
    assert "2019-02-28 · 2 days later" in text or "the same day" in text


@pytest.mark.parametrize(
    ("iso", "ref", "words"),
    [
        ("2019-02-28", date(2019, 2, 26), "2 days later"),
        ("2019-02-26", date(2019, 2, 26), "the same day"),
        ("2019-02-26", date(2019, 2, 28), "2 days earlier"),
        ("2019-03-20", date(2019, 2, 28), "3 weeks later"),
        ("2021-03-01", date(2019, 2, 28), "2 years later"),
        ("undated", date(2019, 2, 28), ""),
    ],
)
def test_relative_age(iso: str, ref: date, words: str) -> None:
    assert render.relative_age(iso, ref) == words


# ---------------------------------------------------------------- eval


def _set(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "set.toml"
    path.write_text(f'corpus = "{TIMELINE}"\n{body}', encoding="utf-8")
    return path


def test_eval_honours_as_of_since_until(tmp_path: Path, tl: QA) -> None:
    from qabot import evaluate as ev

    body = """
[[question]]
id = "then"
q = "What is the Tamberland Reserve Bank's policy rate now?"
as_of = "2021-06-30"
expect = ["by 90 basis points to 0.1 percent"]

[[question]]
id = "window"
q = "Who became Lindmark's prime minister?"
since = "2018-01-01"
until = "2018-12-31"
expect = ["its leader jonas aske will become prime minister"]

[[unanswerable]]
id = "empty"
q = "What did the EU decide about Velorian crude?"
until = "2014-12-31"
"""
    items = ev.load(_set(tmp_path, body))
    judged = ev.Judgments(ev.passage_texts(tl.index))
    with_dates = ev.evaluate(items, ev.qabot_system(tl), 10, judged)
    assert with_dates.figures["hit1"] == 1.0 and with_dates.figures["refused"] == 1.0
    off = QA(tl.index, tl.params.with_overrides(["dates=0"]))
    without = ev.evaluate(items, ev.qabot_system(off), 10, judged)
    hit1 = without.figures["hit1"]
    assert hit1 is not None and hit1 < 1.0 and without.figures["refused"] == 0.0


def test_eval_set_may_ask_for_the_recency_prior(tmp_path: Path) -> None:
    from qabot.errors import QuestionSetError
    from qabot.questionset import load_set

    ok = _set(tmp_path, 'recency_prior = 0.2\n[[question]]\nid = "a"\nq = "x?"\nexpect = ["y"]\n')
    assert load_set(ok).recency == 0.2
    bad = _set(tmp_path, 'recency_prior = "yes"\n[[question]]\nid = "a"\nq = "x?"\nexpect = ["y"]\n')
    with pytest.raises(QuestionSetError, match="recency_prior"):
        load_set(bad)


def test_timing_json_shape() -> None:
    t = when.Timing(since=date(2020, 1, 1), prefer="latest", words=("since 2020",))
    assert t.as_dict() == {
        "since": "2020-01-01",
        "until": None,
        "prefer": "latest",
        "words": ["since 2020"],
        "events": [],
    }


# ---------------------------------------------------------------- words that look like time and are not


@pytest.mark.parametrize(
    "question",
    [
        "Where did Aske go on his first state visit?",  # a rank
        "Where has Lund been staying since he came back?",  # an action
        "When should gas start flowing from Boreal Link?",  # "from" takes dates only
        "What was the vote on Resolution 1929?",  # a number in a name, outside the archive's years
        "Where did most of Lindmark's gas come from until October?",  # a month without its year
    ],
)
def test_not_time_words(tl: QA, question: str) -> None:
    t = tl.ask(question).timing
    assert t is None or (not t.window and t.prefer is None), t


def test_month_precision_dates_count() -> None:
    assert timespec.iso("2017-01") == date(2017, 1, 1)
    assert timespec.iso("2017") == date(2017, 1, 1)
    assert timespec.iso("undated") is None and timespec.iso("2017-13-01") is None


def test_a_one_word_event_stays_searched(qa: Any) -> None:
    a = qa.ask("What is China's role after the summit?")
    assert a.timing is not None and a.timing.events and "summit" in a.query.split()


def test_the_config_switches_the_recency_prior_on(tmp_path: Path) -> None:
    import argparse

    from qabot import config
    from qabot.errors import QabotError

    path = tmp_path / "config.toml"
    path.write_text("recency = true\n", encoding="utf-8")
    assert config.load(path).recency == config.RECENCY_ON
    path.write_text("recency = 0.25\n", encoding="utf-8")
    assert config.load(path).recency == 0.25
    path.write_text('recency = "yes"\n', encoding="utf-8")
    with pytest.raises(QabotError, match="recency"):
        config.load(path)
    assert config.load(tmp_path / "none.toml").recency is None
    # the command line's QA carries it (eval builds its own, without)
    import io

    from qabot.termio import open_qa

    class Quiet:
        err = io.StringIO()
        quiet = True

        def notify(self, text: str) -> None:
            pass

    args = argparse.Namespace(corpus=CORPUS, index=tmp_path / "ix", config=config.Config(recency=0.25))
    got = open_qa(args, Quiet())  # type: ignore[arg-type]
    assert got.params.recency_prior == 0.25


@pytest.mark.parametrize(
    ("question", "since", "until"),
    [
        ("since since since 2019, what happened to steel?", date(2019, 1, 1), None),
        ("What happened to steel between 2019 and 2018?", date(2019, 1, 1), date(2018, 12, 31)),
        ("What happened to steel on February 30 2019?", date(2019, 1, 1), date(2019, 12, 31)),
        (
            "What happened to the steel tariff between March 2019 and 2020-02-15?",
            date(2019, 3, 1),
            date(2020, 2, 15),
        ),
    ],
)
def test_odd_time_phrases(tl: QA, question: str, since: date | None, until: date | None) -> None:
    a = tl.ask(question)
    assert a.timing is not None and (a.timing.since, a.timing.until) == (since, until)
    if since and until and since > until:
        assert a.reason_code == "outside_window" and "an empty window" in (a.reason or "")


def test_a_briefings_passages_come_from_its_run_or_else_a_scan() -> None:
    """``date_event`` reads the best briefing's passages from its document's run (a
    binary search); numbers that do not follow the runs fall back to a scan, and both
    give the passages a scan gives, over lists and arrays."""
    import numpy as np

    class Runs:
        n_passages = 7

        def doc_starts(self) -> list[int]:
            return [0, 2, 5]

    follows = 0
    numberings = ([0, 0, 1, 1, 1, 2, 2], [0, 0, 1, 2, 1, 2, 2], [0, 1, 1, 1, 1, 2, 1], [3, 3, 1, 1, 1, 3, 3])
    for briefs in numberings:
        for form in (list, np.asarray):
            b, searcher = form(briefs), Runs()
            follows += when._follows_runs(searcher, b)  # type: ignore[arg-type]
            for i, number in enumerate(briefs):
                got = when._passages_of(searcher, b, number, i)  # type: ignore[arg-type]
                assert got == [k for k, x in enumerate(briefs) if x == number]
    assert follows == 2  # the first numbering only: the runs' path ran, and the scan

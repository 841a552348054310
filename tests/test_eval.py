"""`qabot eval`: metrics, question-set validation, TREC export, and the quality gate."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from qabot.evaluate import (
    METRICS,
    Item,
    QuestionSetError,
    Ranked,
    System,
    check_bounds,
    evaluate,
    format_misses,
    format_report,
    load,
)
from tests.conftest import CORPUS, ROOT, run_cli

QUESTIONS = ROOT / "tests" / "questions"

#: The exact figures of tests/questions are pinned in tests/pins/questions.json and
#: compared by tests/test_pins.py (this file checks the metrics and the format).
run = run_cli


def test_floor_failure_exits_1(shared_index: Path) -> None:
    code, _, err = run(
        [
            "eval",
            str(QUESTIONS / "dev.toml"),
            "--min",
            "hit1=1.01",
            "--corpus",
            str(CORPUS),
            "--index",
            str(shared_index),
        ]
    )
    assert code == 1 and "hit1" in err


def _system(ranks: dict[str, list[str]]) -> System:
    def sys_(turns: Sequence[str], k: int, item: Item) -> Ranked:
        ids = ranks[turns[-1]][:k]
        return Ranked(
            tuple(ids), tuple(f"text of {i}" for i in ids), tuple(1.0 for _ in ids), bool(ids), 0.001
        )

    return sys_


def test_metrics_by_hand() -> None:
    items = [
        Item("a", "why", ("qa",), passages=("p1",)),
        Item("b", "why", ("qb",), passages=("p2", "p3")),
        Item("u", "unanswerable", ("qu",), answerable=False),
    ]
    texts = {"p1": "", "p2": "", "p3": "", "p4": ""}
    system = _system({"qa": ["p4", "p1"], "qb": ["p3", "p4", "p2"], "qu": []})
    report = evaluate(items, system, 3, texts)
    f = report.figures
    assert f["hit1"] == 0.5 and f["hit3"] == 1.0
    assert f["mrr"] == pytest.approx((0.5 + 1.0) / 2)
    assert f["recall"] == 1.0 and f["refused"] == 1.0 and f["false_refusal"] == 0.0
    ideal2 = 1 + 1 / 1.584962500721156
    assert f["ndcg"] == pytest.approx((1 / 1.584962500721156 / 1.0 + (1 + 0.5) / ideal2) / 2)


def test_outcomes_keep_relevant_ids_and_misses() -> None:
    items = [
        Item("a", "why", ("qa",), passages=("p1",)),
        Item("b", "why", ("qb",), expect=("kim's summit",)),
        Item("u", "unanswerable", ("qu",), answerable=False),
    ]
    texts = {"p1": "", "p2": "Then  Kim\u2019s\nSummit ended", "p3": "no", "p4": "KIM'S SUMMIT"}
    system = _system({"qa": ["p4", "p1"], "qb": ["p2", "p3"], "qu": []})
    report = evaluate(items, system, 3, texts)
    a, b, u = report.outcomes
    assert (a.relevant, b.relevant, u.relevant) == (("p1",), ("p2", "p4"), ())
    assert (a.total_relevant, b.total_relevant, u.total_relevant) == (1, 2, 0)
    assert (a.rels, b.rels) == ([False, True], [True, False])
    assert (a.missed, b.missed, u.missed) == (True, False, False)
    assert format_misses(report).startswith("a [why] rank 2: qa")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[question]]\nid = "a"\nq = "x"\n', "needs 'expect' or 'passages'"),
        ('[[question]]\nid = "a"\nexpect = ["x"]\n', "missing key 'q'"),
        ('[[question]]\nid = "a"\nq = "x"\nexpct = ["y"]\n', "unknown key 'expct'"),
        (
            '[[question]]\nid = "a"\nq = "x"\nexpect = ["y"]\n\n[[unanswerable]]\nid = "a"\nq = "z"\n',
            "duplicate id 'a'",
        ),
        ('[[question]\nid = "a"\n', "line 1"),
        ('[[conversation]]\nid = "c"\nturns = "x"\nexpect = ["y"]\n', "'turns' must be"),
    ],
)
def test_question_set_errors_name_file_line_key(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "qs.toml"
    path.write_text(body)
    with pytest.raises(QuestionSetError) as exc:
        load(path)
    assert str(path) in str(exc.value) and message in str(exc.value)


def test_unknown_key_line_number(tmp_path: Path) -> None:
    path = tmp_path / "qs.toml"
    path.write_text(
        '[[question]]\nid = "a"\nq = "x"\nexpect = ["y"]\n\n[[question]]\nid = "b"\nq = "x"\nbad = 1\n'
    )
    with pytest.raises(QuestionSetError, match=r"qs\.toml:6: .*'bad'"):
        load(path)
    code, out, err = run(["eval", str(path)])
    assert code == 1 and out == "" and "qs.toml:6" in err and "Traceback" not in err


def test_trec_files_and_verbose(shared_index: Path, tmp_path: Path) -> None:
    run_file, qrels = tmp_path / "run.txt", tmp_path / "qrels.txt"
    code, out, _ = run(
        [
            "eval",
            str(QUESTIONS / "dev.toml"),
            "-v",
            "-k",
            "5",
            "--run-out",
            str(run_file),
            "--qrels-out",
            str(qrels),
            "--corpus",
            str(CORPUS),
            "--index",
            str(shared_index),
        ]
    )
    assert code == 0 and "misses:" in out and "hit1" in out
    rows = [ln.split() for ln in run_file.read_text().splitlines()]
    assert rows and all(len(r) == 6 and r[1] == "Q0" and 1 <= int(r[3]) <= 5 for r in rows)
    judged = [ln.split() for ln in qrels.read_text().splitlines()]
    assert judged and all(len(r) == 4 and r[3] == "1" for r in judged)
    assert {r[0] for r in judged} >= {"d01", "d02"}


# ---------------------------------------------------------------- sets lacking a kind of item

ONLY = {
    "unanswerable": '[[unanswerable]]\nid = "u1"\nq = "What did the Canadian prime minister say?"\n',
    "conversation": (
        '[[conversation]]\nid = "c1"\nturns = ["Who is Stephen Biegun?", "What did he say recently?"]\n'
        'expect = ["agreed to tear down all of"]\n'
    ),
    "question": (
        '[[question]]\nid = "q1"\nq = "Who decides on most of the sanctions?"\nexpect = ["sanctions"]\n'
    ),
}
#: what each metric is judged on
JUDGED_ON = {
    **{m: {"question"} for m in ("hit1", "hit3", "hitk", "mrr", "ndcg", "recall")},
    "refused": {"unanswerable"},
    "false_refusal": {"question", "conversation"},
    "conv3": {"conversation"},
}
#: bounds every real system meets, so only a metric's absence can matter
LOOSE = ["--min", "hit3=0", "--min", "refused=0", "--max", "false_refusal=1", "--max", "conv3=1"]


@pytest.mark.parametrize("only", sorted(ONLY))
def test_set_with_one_kind_of_item_reports_null_and_skips_bounds(
    shared_index: Path, tmp_path: Path, only: str
) -> None:
    qs = tmp_path / "set.toml"
    qs.write_text(ONLY[only], encoding="utf-8")
    base = ["eval", str(qs), "--corpus", str(CORPUS), "--index", str(shared_index), *LOOSE]
    code, out, err = run([*base, "--json", "--baseline"])
    assert code == 0, err
    figures = json.loads(out)
    for m, needs in JUDGED_ON.items():
        applies = only in needs
        for f in (figures, figures["baseline"]):
            assert (f[m] is not None) == applies, (m, f[m])
            assert f[m] is None or 0.0 <= f[m] <= 1.0
        bounded = m in {"hit3", "refused", "false_refusal", "conv3"}
        assert (f"eval bound skipped: {m} = n/a" in err) == (bounded and not applies), err
    assert "error" not in err and "not met" not in err
    code, out, err = run(base)
    assert code == 0, err
    assert "n/a" in out and "Traceback" not in err


def test_evaluate_fills_every_metric() -> None:
    items = [Item("u", "unanswerable", ("qu",), answerable=False)]
    report = evaluate(items, _system({"qu": ["p1"]}), 3, {"p1": ""})
    assert set(report.figures) >= set(METRICS)
    assert report.figures["refused"] == 0.0
    assert all(report.figures[m] is None for m in METRICS if m != "refused")
    text = format_report(report)
    assert "refused (unanswerable) 0.000" in text and "conversation hit@3 n/a" in text
    assert "false refusals n/a" in text


def test_bounds_wording() -> None:
    figures: dict[str, float | None] = {"hit1": 0.75, "conv3": 1.0, "refused": None}
    failures, skipped = check_bounds(figures, {"hit1": 0.9, "refused": 0.5}, {"conv3": 0.5})
    assert failures == ["hit1 = 0.750, below --min 0.9", "conv3 = 1.000, above --max 0.5"]
    assert skipped == ["refused = n/a (no [[unanswerable]] entries), --min 0.5 not checked"]
    assert check_bounds(figures, {"hit1": 0.75}, {"conv3": 1.0}) == ([], [])


def test_max_failure_is_worded_as_a_bound(shared_index: Path) -> None:
    argv = ["eval", str(QUESTIONS / "dev.toml"), "--max", "refused=-1"]
    code, _, err = run([*argv, "--corpus", str(CORPUS), "--index", str(shared_index)])
    assert code == 1
    assert re.fullmatch(r"qabot: eval bound not met: refused = \d\.\d{3}, above --max -1\n", err), err


def test_report_ids_and_kinds_are_terminal_safe() -> None:
    items = [
        Item("q\x1b[31m1", "w\x1b]0;t\x07hy", ("qa",), passages=("p1",)),
        Item("u\x9b2J", "unanswerable", ("qu",), answerable=False),
    ]
    system = _system({"qa": ["p\x1b[2J2"], "qu": ["p\x1b[2J2"]})
    report = evaluate(items, system, 3, {"p1": "", "p\x1b[2J2": ""})
    for text in (format_report(report, report), format_misses(report)):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text), repr(text)
    misses = format_misses(report)
    assert "q1 [why]" in misses and "u [unanswerable]" in misses  # the C1 CSI "\x9b2J" goes whole


def _answering(replies: dict[str, tuple[str, str | None]]) -> System:
    """A system that ranks one passage and shows a given answer (None: refuses)."""

    def sys_(turns: Sequence[str], k: int, item: Item) -> Ranked:
        pid, sentence = replies[turns[-1]]
        return Ranked((pid,), ("",), (1.0,), sentence is not None, 0.001, sentence, gives_answers=True)

    return sys_


def test_answer1_judges_the_shown_sentence_with_the_passage_phrase_matching() -> None:
    items = [
        Item("a", "who", ("qa",), expect=("the envoy, ana reyes",)),
        Item("b", "who", ("qb",), expect=("rose by 4 per cent",)),
        Item("c", "when", ("qc",), expect=("in march 2021",)),
        Item("d", "when", ("qd",), passages=("p1",)),  # no phrase: not judged
        Item("u", "unanswerable", ("qu",), answerable=False),
    ]
    system = _answering(
        {
            # folded like passages: case, curly quotes and spacing do not matter
            "qa": ("p1", "It sent  THE ENVOY, Ana Reyes, to talk."),
            "qb": ("p1", "Prices fell sharply."),  # the passage may hold it; the sentence does not
            "qc": ("p1", None),  # refused: no answer shown
            "qd": ("p1", "Anything."),
            "qu": ("p1", "In March 2021 it did."),
        }
    )
    report = evaluate(items, system, 3, {"p1": "rose by 4 per cent"})
    assert report.figures["answer1"] == pytest.approx(1 / 3)
    assert report.by_kind["who"]["answer1"] == 0.5 and report.by_kind["when"]["answer1"] == 0.0
    assert "answer1" in format_report(report)


def test_answer1_is_not_judged_for_a_system_without_answer_sentences() -> None:
    items = [Item("a", "who", ("qa",), expect=("x",))]
    report = evaluate(items, _system({"qa": ["p1"]}), 3, {"p1": "x"})
    assert report.figures["hit1"] == 1.0 and report.figures["answer1"] is None


def test_sweep_prints_refusals_against_false_refusals_per_value(shared_index: Path) -> None:
    base = ["eval", str(QUESTIONS / "dev.toml"), "--corpus", str(CORPUS), "--index", str(shared_index)]
    code, out, err = run([*base, "--sweep", "coverage_floor=0:1:0.5", "--json"])
    assert code == 0, err
    points = [json.loads(line) for line in out.splitlines()]
    assert [p["value"] for p in points] == [0.0, 0.5, 1.0]
    assert [p["current"] for p in points] == [False, False, False]  # the shipped floor is 0.25
    figs = [next(iter(p["sets"].values())) for p in points]
    # a higher floor refuses more, of both kinds; at 1 nearly every answerable question goes
    assert [f["refused"] for f in figs] == sorted(f["refused"] for f in figs)
    assert [f["false_refusal"] for f in figs] == sorted(f["false_refusal"] for f in figs)
    assert figs[0]["false_refusal"] < figs[2]["false_refusal"]
    code, out, err = run([*base, "--sweep", "coverage_floor=0.15:0.25:0.1"])
    assert code == 0, err
    rows = [ln.split()[0] for ln in out.splitlines() if re.match(r"0\.[12]5", ln)]
    assert rows == ["0.15", "0.25"] and re.search(r"^0\.25 \*", out, re.M)  # the shipped floor
    assert "false refusals" in out and "answer1" in out


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("coverage_floor=0:1", "expected NAME=LO:HI:STEP"),
        ("coverage_floor=0:2:0.5", "coverage_floor must be between 0 and 1"),
        ("coverag_floor=0:1:0.5", "did you mean coverage_floor?"),
        ("coverage_floor=1:0:0.1", "needs LO <= HI"),
        ("coverage_floor=0:1:0.00001", "at most"),
    ],
)
def test_a_malformed_sweep_is_wrong_usage_naming_the_spec(spec: str, message: str) -> None:
    code, out, err = run(["eval", str(QUESTIONS / "dev.toml"), "--sweep", spec])
    assert code == 2 and f"--sweep {spec!r}" in err and message in err and not out
    assert "Traceback" not in err

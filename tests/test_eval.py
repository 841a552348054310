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

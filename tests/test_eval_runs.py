"""`qabot eval` over several sets, suites and corpora; formats, TREC files, and bad input."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

from qabot.errors import QuestionSetError
from qabot.evaluate import load, load_sets, trec_id
from tests.conftest import ROOT, run_cli

QUESTIONS = ROOT / "tests" / "questions"
Q = '[[question]]\nid = "q1"\nq = "Who decides on most of the sanctions?"\nexpect = ["broad discretion"]\n'


def _tiny_corpus(root: Path) -> Path:
    """A corpus of one briefing, written here, whose file name has a space."""
    corpus = root / "tiny corpus"
    corpus.mkdir()
    (corpus / "otter notes.md").write_text(
        '+++\ntitle = "Otter notes"\ndate = "2020-05-01"\n+++\n\n# Otter notes\n\n'
        "## Rivers\n\nSea otters crack shells with stones they keep in a pouch of loose skin.\n\n"
        "## Towns\n\nThe harbour town counts its otters every spring from the old pier.\n",
        encoding="utf-8",
    )
    return corpus


def test_several_sets_each_with_its_corpus(base: list[str], tmp_path: Path) -> None:
    corpus = _tiny_corpus(tmp_path)
    own = tmp_path / "otters.toml"
    own.write_text(
        'corpus = "tiny corpus"\n\n[[question]]\nid = "o1"\nq = "What do sea otters crack shells with?"\n'
        'expect = ["crack shells with stones"]\n',
        encoding="utf-8",
    )
    code, out, err = run_cli(["eval", str(QUESTIONS / "dev.toml"), str(own), "--baseline", *base])
    assert code == 0, err
    lines = out.splitlines()
    summary = [ln for ln in lines if ln.startswith(("set ", str(own), str(QUESTIONS)))]
    assert any(ln.split()[:2] == [str(own), "qabot"] and ln.split()[2] == "1.000" for ln in summary), out
    assert any(ln.split()[:2] == [str(QUESTIONS / "dev.toml"), "BM25"] for ln in summary)
    assert corpus.is_dir()
    code, out, err = run_cli(["eval", str(QUESTIONS / "dev.toml"), str(own), "--json", *base])
    objs = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and [o["set"] for o in objs] == [str(QUESTIONS / "dev.toml"), str(own)]
    assert objs[1]["counts"]["questions"] == 1 and objs[1]["hit1"] == 1.0


def test_a_suite_names_its_sets(base: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tiny_corpus(tmp_path)
    (tmp_path / "otters.toml").write_text(
        '[[question]]\nid = "o1"\nq = "Who counts the otters?"\nexpect = ["counts its otters"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("QABOT_TINY", str(tmp_path))
    suite = tmp_path / "suite.toml"
    suite.write_text(
        '[[set]]\nname = "dev"\nquestions = "' + str(QUESTIONS / "dev.toml") + '"\n\n'
        '[[set]]\nname = "otters"\nquestions = "${QABOT_TINY}/otters.toml"\n'
        'corpus = "${QABOT_UNSET_VAR:-tiny corpus}"\n',
        encoding="utf-8",
    )
    sets = load_sets([suite])
    assert [s.name for s in sets] == ["dev", "otters"] and sets[1].corpus == tmp_path / "tiny corpus"
    code, out, err = run_cli(["eval", str(suite), "--format", "markdown", *base])
    assert code == 0, err
    assert out.startswith("| set | system | hit@1 |") and "| otters | qabot | 1.000 |" in out
    assert "ms" not in out  # Markdown tables leave timings out: the same on every machine
    monkeypatch.delenv("QABOT_TINY")
    with pytest.raises(
        QuestionSetError, match=r"suite\.toml:5: key 'questions': environment variable QABOT_TINY"
    ):
        load_sets([suite])


def test_markdown_table_of_one_set(base: list[str]) -> None:
    code, out, err = run_cli(
        ["eval", str(QUESTIONS / "test.toml"), "--baseline", "--format", "markdown", *base]
    )
    assert code == 0, err
    assert out.startswith("| kind | n | hit@1 qabot / BM25 | hit@3 qabot / BM25 | MRR@10 qabot / BM25 |")
    assert "\n| all | " in out and re.search(r"refused \(unanswerable\) [01]\.\d{3} / ", out)


def test_trec_ids_with_spaces_stay_six_fields(tmp_path: Path) -> None:
    corpus = _tiny_corpus(tmp_path)
    qs = tmp_path / "qs.toml"
    qs.write_text(
        '[[question]]\nid = "q 1"\nq = "What do sea otters crack shells with?"\nexpect = ["stones"]\n',
        encoding="utf-8",
    )
    run_out, qrels = tmp_path / "run.txt", tmp_path / "qrels.txt"
    code, _, err = run_cli(
        ["eval", str(qs), "--corpus", str(corpus), "--run-out", str(run_out), "--qrels-out", str(qrels)]
    )
    assert code == 0, err
    rows = [ln.split() for ln in run_out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(r) == 6 for r in rows)
    assert unquote(rows[0][0]) == "q 1" and unquote(rows[0][2]).startswith("otter notes#p")
    judged = [ln.split() for ln in qrels.read_text(encoding="utf-8").splitlines()]
    assert judged and all(len(r) == 4 for r in judged)
    assert trec_id("a%b c\u2003d") == "a%25b%20c%E2%80%83d" and trec_id("plain#p1") == "plain#p1"


@pytest.mark.parametrize("flag", ["--run-out", "--qrels-out"])
def test_outputs_never_overwrite_the_question_set(base: list[str], tmp_path: Path, flag: str) -> None:
    qs = tmp_path / "set.toml"
    qs.write_text(Q, encoding="utf-8")
    for target in (qs, tmp_path / "." / "set.toml"):
        code, out, err = run_cli(["eval", str(qs), flag, str(target), *base])
        assert code == 2 and out == "" and "refusing to overwrite" in err
        assert qs.read_text(encoding="utf-8") == Q


@pytest.mark.parametrize("spec", ["hit1=nan", "hit1=inf", "hit1", "hit1=", "hit1=x", "bogus=1", "=0.5"])
def test_malformed_bounds_are_usage_errors(base: list[str], spec: str) -> None:
    for flag in ("--min", "--max"):
        code, out, err = run_cli(["eval", str(QUESTIONS / "dev.toml"), flag, spec, *base])
        assert code == 2 and out == "" and flag in err and "Traceback" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_full_disk_keeps_the_report(base: list[str]) -> None:
    code, out, err = run_cli(["eval", str(QUESTIONS / "dev.toml"), "--run-out", "/dev/full", *base])
    assert code == 1 and "hit1" in out and "refused (unanswerable)" in out
    assert err.startswith("qabot: error: cannot write /dev/full") and "Traceback" not in err


@pytest.mark.parametrize("phrase", ["\u200b", "\u200b \u200b", " \u00a0 ", "--", "\u2060"])
def test_expect_with_nothing_to_match_is_an_error(tmp_path: Path, phrase: str) -> None:
    qs = tmp_path / "set.toml"
    qs.write_text(
        Q + "\n" + Q.replace('"q1"', '"q2"').replace('"broad discretion"', f'"{phrase}"'), encoding="utf-8"
    )
    with pytest.raises(QuestionSetError) as exc:
        load(qs)
    message = str(exc.value)
    assert message.startswith(f"{qs}:6: key 'expect'") or message.startswith(f"{qs}:6: key 'expect' must be")


def test_expect_matching_no_passage_is_a_warning(base: list[str], tmp_path: Path) -> None:
    qs = tmp_path / "set.toml"
    qs.write_text(
        Q.replace('"broad discretion"', '"broad discretion", "words no briefing holds"'), encoding="utf-8"
    )
    code, _, err = run_cli(["eval", str(qs), *base])
    assert code == 0
    assert f"qabot: warning: {qs}:1: q1: expect phrase 'words no briefing holds' matches no passage" in err
    assert "broad discretion'" not in err


def test_a_20mb_question_is_cut_not_hung(base: list[str], tmp_path: Path) -> None:
    qs = tmp_path / "big.toml"
    big = "why did the Hanoi summit end early " * 600_000
    qs.write_text(f'[[question]]\nid = "big"\nq = "{big}"\nexpect = ["ended suddenly"]\n', encoding="utf-8")
    t0 = time.perf_counter()
    code, out, err = run_cli(["eval", str(qs), "--baseline", "--json", *base])
    assert code == 0, err[:300]
    assert json.loads(out)["counts"]["questions"] == 1
    assert time.perf_counter() - t0 < 30  # was a hang (issue 16); ~5 s, most of it TOML


def test_ten_thousand_questions_load_with_their_lines(tmp_path: Path) -> None:
    qs = tmp_path / "many.toml"
    qs.write_text(
        "".join(
            f'[[question]]\nid = "q{n}"\nq = "question {n}?"\nexpect = ["phrase {n}"]\n\n'
            for n in range(10_000)
        ),
        encoding="utf-8",
    )
    t0 = time.perf_counter()
    items = load(qs)
    assert time.perf_counter() - t0 < 15  # was ~140 s (issue 16); ~2 s
    assert len(items) == 10_000 and items[-1].where == f"{qs}:{5 * 9_999 + 1}"
    qs.write_text(qs.read_text(encoding="utf-8") + '[[question]]\nid = "q5"\nq = "again"\nexpect = ["x"]\n')
    with pytest.raises(
        QuestionSetError, match=rf"many\.toml:{5 * 10_000 + 1}: duplicate id 'q5' \(first used at "
    ):
        load(qs)


def test_time_keys_are_checked_and_carried(tmp_path: Path) -> None:
    qs = tmp_path / "t.toml"
    qs.write_text(Q + 'as_of = "2020-12-31"\nsince = 2019-01-01\n', encoding="utf-8")
    (item,) = load(qs)
    assert (item.as_of, item.since, item.until) == ("2020-12-31", "2019-01-01", None)
    for bad, words in (
        ('as_of = "2020-13-01"', "key 'as_of' must be a date as YYYY-MM-DD"),
        ('until = "soon"', "key 'until' must be a date"),
        ('since = "2021-01-01"\nuntil = "2020-01-01"', "key 'since' (2021-01-01) is after key 'until'"),
    ):
        qs.write_text(Q + bad + "\n", encoding="utf-8")
        with pytest.raises(QuestionSetError, match=r"t\.toml:1: ") as exc:
            load(qs)
        assert words in str(exc.value)
    for name in ("dev.toml", "test.toml"):
        assert any(it.as_of for it in load(ROOT / "tests" / "timeline" / name))


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("a = " + "[" * 5000 + "]" * 5000 + "\n", "nested too deeply"),
        ("corpus = 3\n" + Q, "key 'corpus' must be a folder name"),
        ('[[set]]\nname = "x"\n', "[[set]] is missing key 'questions'"),
        ('[[set]]\nquestions = "a.toml"\nbogus = "y"\n', "[[set]] has unknown key 'bogus'"),
    ],
)
def test_bad_sets_and_suites_are_one_line_errors(
    base: list[str], tmp_path: Path, body: str, words: str
) -> None:
    qs = tmp_path / "s.toml"
    qs.write_text(body, encoding="utf-8")
    code, out, err = run_cli(["eval", str(qs), *base])
    assert code == 1 and out == "" and err.count("\n") == 1 and words in err and str(qs) in err


def test_eval_without_a_set_is_usage() -> None:
    code, out, err = run_cli(["eval"])
    assert code == 2 and out == "" and "needs a question set" in err


def test_index_is_honoured_for_a_suite_over_one_corpus(tmp_path: Path) -> None:
    """`qabot eval SUITE.toml --index DIR`: the sets name their corpus themselves; when it
    is one corpus, DIR is its index (not the user cache). Over several, a notice says which
    index serves which corpus."""
    corpus = _tiny_corpus(tmp_path)
    qs = tmp_path / "otters.toml"
    qs.write_text(
        '[[question]]\nid = "o1"\nq = "Who counts the otters?"\nexpect = ["counts its otters"]\n',
        encoding="utf-8",
    )
    suite = tmp_path / "suite.toml"
    suite.write_text(f'[[set]]\nquestions = "otters.toml"\ncorpus = "{corpus.name}"\n', encoding="utf-8")
    ix = tmp_path / "ix"
    code, out, err = run_cli(["eval", str(suite), "--json", "--index", str(ix)])
    assert code == 0, err
    assert json.loads(out)["hit1"] == 1.0 and (ix / "manifest.json").is_file()
    assert not (Path(os.environ["QABOT_HOME"]) / "cache").exists()  # nothing built elsewhere
    other = tmp_path / "shipped.toml"
    other.write_text(f'[[set]]\nquestions = "{QUESTIONS / "dev.toml"}"\n', encoding="utf-8")
    code, _, err = run_cli(["eval", str(suite), str(other), "--json", "--index", str(tmp_path / "ix2")])
    assert code == 0, err
    assert f"this run is over several corpora; {tmp_path / 'ix2'} is the index of " in err
    assert f"and {corpus} uses " in err

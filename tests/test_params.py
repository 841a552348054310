"""Params: every query-time number in one place, changed by name, listed with its evidence."""

from __future__ import annotations

import ast
import json
import math
from pathlib import Path

import pytest

from qabot.errors import ParamError
from qabot.search.params import ABLATIONS, DEFAULT, Params
from tests.conftest import CORPUS, ROOT, run_cli

QUESTIONS = ROOT / "tests" / "questions"


def test_overrides_change_only_what_they_name() -> None:
    p = DEFAULT.with_overrides(["synonym_weight=0", " first_stage = 20 "])
    assert p.synonym_weight == 0.0 and p.first_stage == 20 and isinstance(p.first_stage, int)
    assert p.changed() == {"synonym_weight": 0.0, "first_stage": 20}
    assert DEFAULT.changed() == {} and DEFAULT.with_overrides([]) is DEFAULT
    assert set(p.as_dict()) == set(Params.names())


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("synonym_wieght=0", ["no parameter named 'synonym_wieght'", "did you mean synonym_weight?"]),
        ("nothing_like_it=1", ["no parameter named", "--params"]),
        ("coverage", ["expected NAME=VALUE"]),
        ("coverage=lots", ["coverage takes a number, not 'lots'"]),
        ("first_stage=2.5", ["first_stage takes a whole number"]),
        ("coverage=nan", ["coverage must be between 0 and 1"]),
        ("cue=inf", ["cue must be at least 0"]),
        ("alias_weight=-1", ["alias_weight must be at least 0"]),
        ("typo_edits=3", ["typo_edits must be between 0 and 2"]),
    ],
)
def test_bad_overrides_say_what_is_wrong(spec: str, words: list[str]) -> None:
    with pytest.raises(ParamError) as exc:
        DEFAULT.with_overrides([spec])
    for w in words:
        assert w in str(exc.value), str(exc.value)


def test_every_parameter_has_a_note_and_a_sane_default() -> None:
    for name, default, note in Params.describe():
        assert len(note) > 20, name
        assert math.isfinite(default) and default >= 0, name
        DEFAULT.with_overrides([f"{name}={default}"])  # a default is a valid value


def test_every_ablation_names_real_parameters() -> None:
    labels = [label for label, _ in ABLATIONS]
    assert len(set(labels)) == len(labels)
    for _, specs in ABLATIONS:
        assert DEFAULT.with_overrides(specs) != DEFAULT


def test_no_tuned_number_left_in_the_stages() -> None:
    """The stage modules take their numbers from Params: no float literal in their code
    (0.0 and 1.0 are arithmetic, not tuning)."""
    stages = ROOT / "qabot" / "search"
    for name in (
        "query.py",
        "rerank.py",
        "feedback.py",
        "abstain.py",
        "answer.py",
        "conversation.py",
        "pipeline.py",
    ):
        tree = ast.parse((stages / name).read_text(encoding="utf-8"))
        floats = [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, float) and n.value not in (0.0, 1.0)
        ]
        assert floats == [], (name, floats)


def test_eval_help_and_params_list_every_name(base: list[str]) -> None:
    code, out, _ = run_cli(["eval", "--help"])
    assert code == 0
    flat = " ".join(out.split())
    assert "--param NAME=VALUE" in flat and "--params" in flat and "qabot/search/pipeline.py" in flat
    code, out, _ = run_cli(["eval", "--params"])
    assert code == 0
    for name, default, _ in Params.describe():
        assert f"{name} = {default:g}" in out


def test_eval_param_changes_the_run_and_is_echoed(shared_index: Path) -> None:
    argv = [
        "eval",
        str(QUESTIONS / "dev.toml"),
        "--json",
        "--corpus",
        str(CORPUS),
        "--index",
        str(shared_index),
    ]
    code, out, err = run_cli(argv)
    shipped = json.loads(out)
    assert code == 0 and shipped["params_changed"] == {} and shipped["params"] == DEFAULT.as_dict()
    code, out, err = run_cli([*argv, "--param", "synonym_weight=0", "--param=coverage=0"])
    changed = json.loads(out)
    assert code == 0, err
    assert changed["params_changed"] == {"synonym_weight": 0.0, "coverage": 0.0}
    assert changed["params"]["synonym_weight"] == 0.0 and changed["hit1"] < shipped["hit1"]
    code, out, err = run_cli([*argv, "--param", "synonym_wieght=0"])
    assert code == 2 and out == "" and "did you mean synonym_weight?" in err and "Traceback" not in err

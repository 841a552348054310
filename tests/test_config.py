"""The config file and the precedence flag > environment > config > default (issue 13: 8, 15)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from qabot import config, locate
from qabot.config import ConfigError, color_mode, pager_command
from tests.conftest import CORPUS, run_cli


def home() -> Path:
    return Path(os.environ["QABOT_HOME"])


def write_config(text: str) -> Path:
    path = home() / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_where_the_config_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert locate.config_file() == home() / "config.toml"
    monkeypatch.delenv("QABOT_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert locate.config_file() == tmp_path / "xdg" / "qabot" / "config.toml"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert locate.config_file() == tmp_path / ".config" / "qabot" / "config.toml"
    monkeypatch.setenv("HOME", "")
    assert locate.config_file() is None  # no config, not an error


def test_every_key_is_read(tmp_path: Path) -> None:
    path = write_config(
        'k = 5\ncorpus = "briefs"\nindex = "/abs/ix"\ncolor = "never"\npager = false\nlog = false\n'
        '[style]\nmatch = "bold ansired"\n'
    )
    cfg = config.load(path)
    assert cfg.k == 5 and cfg.corpus == home() / "briefs" and cfg.index == Path("/abs/ix")
    assert (
        cfg.color == "never"
        and cfg.pager == ""
        and cfg.log is False
        and cfg.style == {"match": "bold ansired"}
    )
    assert config.load(tmp_path / "none.toml") == config.Config()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("k = 0\n", "k: must be a whole number from 1 to 100, not 0"),
        ('k = "five"\n', "k: must be a whole number"),
        ('colour = "never"\n', "unknown key 'colour' (did you mean color?)"),
        ('color = "sometimes"\n', 'color: must be "auto", "always" or "never"'),
        ("pager = 3\n", "pager: must be a command"),
        ('log = "yes"\n', "log: must be true or false"),
        ('[style]\nmatch = "bold blinking"\n', "style: match: unknown style word 'blinking'"),
        ('[style]\nheading = "bold"\n', "style: heading: unknown class"),
        ("k = \n", "Invalid value"),
    ],
)
def test_config_errors_name_the_file_and_the_key(text: str, says: str) -> None:
    path = write_config(text)
    with pytest.raises(ConfigError) as caught:
        config.load(path)
    assert str(caught.value).startswith(f"{path}: ") and says in str(caught.value)
    code, out, err = run_cli(["--corpus", str(CORPUS), "who is Biegun?"])
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith(f"qabot: error: {path}: ") and says in err


def test_unreadable_config_is_one_line(tmp_path: Path) -> None:
    (home() / "config.toml").mkdir()
    code, _, err = run_cli(["--corpus", str(CORPUS), "who is Biegun?"])
    assert code == 1 and "is a folder, not a config file" in err and err.count("\n") == 1
    (home() / "config.toml").rmdir()
    (home() / "config.toml").write_bytes(b"k = 3\n\xff\xfe")
    code, _, err = run_cli(["--corpus", str(CORPUS), "who is Biegun?"])
    assert code == 1 and "is not UTF-8" in err


def test_help_works_with_a_broken_config() -> None:
    write_config("k = nonsense\n")
    assert run_cli(["help", "config"])[0] == 0
    assert run_cli(["completion", "bash"])[0] == 0


def test_precedence_of_k_corpus_and_index(
    shared_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(f'k = 2\ncorpus = "{CORPUS}"\nindex = "{shared_index}"\n')
    code, out, err = run_cli(["--json", "why did the Hanoi summit end early?"])
    obj = json.loads(out)
    assert code == 0 and err == "" and len(obj["passages"]) == 2  # config k, config corpus and index
    four = json.loads(run_cli(["--json", "-k", "4", "why did the Hanoi summit end early?"])[1])
    assert len(four["passages"]) == 4  # flag wins
    # the environment wins over the config: an index folder named there is used (and built)
    monkeypatch.setenv("QABOT_INDEX", str(tmp_path / "env-ix"))
    code, _, err = run_cli(["--json", "why did the Hanoi summit end early?"])
    assert code == 0 and (tmp_path / "env-ix" / "manifest.json").exists()
    # and the flag over the environment
    code, _, err = run_cli(["--json", "--index", str(shared_index), "why did the Hanoi summit end early?"])
    assert code == 0 and err == ""


def test_eval_keeps_its_own_k(shared_index: Path, tmp_path: Path) -> None:
    from qabot.cli import settle
    from qabot.commandline import parse

    write_config("k = 2\n")
    ns = parse(["eval", "x.toml"], stdin_tty=True)
    settle(ns, env={})
    assert ns.k == 10  # the config's k is for answers; eval's k is a metric cutoff
    ns = parse(["ask", "x"], stdin_tty=True)
    settle(ns, env={})
    assert ns.k == 2


def test_color_precedence() -> None:
    assert color_mode(None, {}, None) == "auto"
    assert color_mode(None, {"NO_COLOR": ""}, None) == "auto"  # empty: not set (no-color.org)
    assert color_mode(None, {"NO_COLOR": "1"}, None) == "never"
    assert color_mode(None, {"NO_COLOR": "1"}, "always") == "never"  # environment over config
    assert color_mode("always", {"NO_COLOR": "1"}, None) == "always"  # the flag over both
    assert color_mode(None, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, None) == "always"
    assert color_mode(None, {"FORCE_COLOR": "0"}, None) == "auto"
    assert color_mode(None, {}, "never") == "never"


def test_empty_no_color_keeps_colour_and_colour_can_be_forced(
    base: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "")
    code, out, _ = run_cli([*base, "who is Biegun?"], out_tty=True)
    assert code == 0 and "\x1b[" in out
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli([*base, "who is Biegun?"], out_tty=True)[1]
    assert "\x1b[" in run_cli([*base, "--color=always", "who is Biegun?"], out_tty=True)[1]
    monkeypatch.delenv("NO_COLOR")
    assert "\x1b[" in run_cli([*base, "--color", "always", "who is Biegun?"])[1]  # forced off a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli([*base, "who is Biegun?"])[1]
    assert "\x1b[" not in run_cli([*base, "--no-color", "who is Biegun?"])[1]


def test_config_style_recolours_output(base: list[str]) -> None:
    write_config('color = "always"\n[style]\nmatch = "underline ansired"\n')
    code, out, _ = run_cli([*base, "who is Biegun?"])
    assert code == 0 and "\x1b[4;31m" in out and "\x1b[1;33m" not in out


def test_pager_precedence() -> None:
    assert pager_command(False, {}, None) == "less -FRX"
    assert pager_command(False, {"PAGER": "more"}, None) == "more"
    assert pager_command(False, {"PAGER": "more"}, "most") == "most"  # config over PAGER (git's order)
    assert pager_command(False, {"QABOT_PAGER": "lv", "PAGER": "more"}, "most") == "lv"
    assert pager_command(False, {"QABOT_PAGER": ""}, "most") == ""
    assert pager_command(False, {}, "") == "" and pager_command(False, {"PAGER": "cat"}, None) == ""
    assert pager_command(True, {"QABOT_PAGER": "lv"}, "most") == ""


def test_chat_keeps_the_last_k(shared_index: Path) -> None:
    from qabot.repl.state import remember_k, remembered_k

    assert remembered_k() is None
    remember_k(7)
    assert remembered_k() == 7
    (locate.state_dir() / "chat.json").write_text("{not json")
    assert remembered_k() is None

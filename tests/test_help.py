"""Help, man page and completion come from one command table; the README agrees with
``--help`` both ways (issue 13: 9, and the "README and --help agree" check)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess

import pytest

from qabot import helpgen
from qabot.commandline import BY_NAME, COMMANDS, COMMON, all_options
from tests.conftest import ROOT, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")
FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z-]*[a-z]|-[a-zA-Z])(?![\w-])")
#: The README sections that document the command line.
SECTIONS = ("## Quick start", "## Example", "## Chat", "## Command-line reference")


def section(title: str) -> str:
    start = README.index(title)
    end = README.find("\n## ", start + len(title))
    return README[start : end if end >= 0 else len(README)]


def help_outputs() -> dict[str, str]:
    outs = {"": run_cli(["--help"])[1]}
    for c in COMMANDS:
        code, out, _ = run_cli([c.name, "--help"])
        assert code == 0
        outs[c.name] = out
    return outs


def test_readme_and_help_agree_on_commands() -> None:
    top = run_cli(["--help"])[1]
    listed = set(re.findall(r"^  ([a-z]+)\b", top.partition("Commands:")[2].partition("\n\n")[0], re.M))
    ref = section("## Command-line reference")
    documented = set(re.findall(r"^\| `qabot ([a-z]+)\b", ref, re.M))
    assert listed == {c.name for c in COMMANDS}
    assert documented == listed


def readme_flags(text: str) -> set[str]:
    """The qabot options a README text names: in code spans that are a qabot command
    line (up to a pipe) or an option (`-k N`), and on `$ qabot` lines of examples."""
    found: set[str] = set()
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    spans += re.findall(r"^\$ (qabot .*)$", text, re.M)
    for span in spans:
        span = span.split("|")[0]
        if span.startswith(("qabot ", "-")):
            found |= set(FLAG.findall(span))
    return found


def test_readme_and_help_agree_on_options() -> None:
    in_help: set[str] = set()
    for out in help_outputs().values():
        in_help |= set(FLAG.findall(out))
    in_readme: set[str] = set().union(*(readme_flags(section(t)) for t in SECTIONS))
    table = {f for o in all_options() for f in o.flags}
    assert in_help >= table  # every option is in some --help
    unknown = {
        f for f in in_readme - in_help if sum(h.startswith(f) for h in in_help if f.startswith("--")) != 1
    }
    assert unknown == set(), "in the README, not in --help"
    missing = table - readme_flags(section("## Command-line reference"))
    assert missing == set(), "in --help, not in the README's reference"


def test_each_command_lists_only_the_common_options_it_uses() -> None:
    outs = help_outputs()
    assert "-k N" not in outs["sources"] and "-k N" not in outs["index"] and "-k N" not in outs["show"]
    assert "-k N" in outs["ask"] and "-k N" in outs["chat"]
    assert "default 10" in outs["eval"] and "default 3" not in outs["eval"]
    for name in ("hit1", "mrr", "ndcg", "false_refusal"):
        assert name in outs["eval"]
    assert (
        "Examples:" in outs["ask"] and "Exit codes:" in outs["ask"] and "--fail-on-no-answer" in outs["ask"]
    )
    assert "/why N" in outs["chat"] and "Ctrl-X Ctrl-E" in outs["chat"]


def test_every_option_of_the_table_is_in_its_commands_help() -> None:
    outs = help_outputs()
    for c in COMMANDS:
        for o in c.options:
            assert all(f in outs[c.name] for f in o.flags), (c.name, o.flags)
    for o in COMMON:
        assert all(f in outs[""] for f in o.flags), o.flags


def test_man_page_holds_every_command_option_and_chat_command() -> None:
    code, man, _ = run_cli(["help", "--man"])
    assert code == 0 and man.startswith(".TH QABOT 1")
    plain = man.replace("\\-", "-")
    for o in all_options():
        assert all(f in plain for f in o.flags), o.flags
    for c in COMMANDS:
        assert f"\\fB{c.name}" in man
    assert "/why N" in plain and "QABOT_HOME" in plain and "130" in plain
    if shutil.which("groff"):
        p = subprocess.run(
            ["groff", "-man", "-Tutf8", "-ww", "-z"], input=man, capture_output=True, text=True
        )
        assert p.returncode == 0 and p.stderr == "", p.stderr


def _bash_complete(words: list[str]) -> list[str]:
    script = helpgen.bash()
    line = " ".join(f"'{w}'" for w in words)
    show = 'printf "%s\\n" "${COMPREPLY[@]}"'
    cmd = f"{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _qabot; {show}"
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=20)
    assert p.returncode == 0, p.stderr
    return [w for w in p.stdout.splitlines() if w]


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completion_from_the_table() -> None:
    assert _bash_complete(["qabot", "s"]) == ["sources", "show"]
    assert _bash_complete(["qabot", "index", "--f"]) == ["--force"]
    assert "--fail-on-no-answer" in _bash_complete(["qabot", "why", "--fa"])  # a bare question is ask
    assert _bash_complete(["qabot", "--format", "a"]) == ["answer"]
    assert _bash_complete(["qabot", "--color", ""]) == ["auto", "always", "never"]
    assert _bash_complete(["qabot", "completion", ""]) == ["bash", "zsh", "fish"]
    assert "config" in _bash_complete(["qabot", "help", ""])
    assert _bash_complete(["qabot", "-k", ""]) == []  # a number: nothing to offer


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_parse(shell: str) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell}")
    script = helpgen.SHELLS[shell]()
    p = subprocess.run([shell, "-n"], input=script, capture_output=True, text=True, timeout=20)
    assert p.returncode == 0, p.stderr
    for c in COMMANDS:
        assert c.name in script


@pytest.mark.skipif(shutil.which("fish") is None, reason="no fish")
def test_fish_completes_commands_and_options() -> None:
    script = helpgen.fish()
    p = subprocess.run(["fish", "-c", f"{script}\ncomplete -C 'qabot index --f'\ncomplete -C 'qabot sh'"],
                       capture_output=True, text=True, timeout=20)  # fmt: skip
    assert "--force" in p.stdout and "show" in p.stdout


def test_completion_of_an_unknown_shell_is_wrong_usage() -> None:
    code, _, err = run_cli(["completion", "tcsh"])
    assert code == 2 and "bash, zsh or fish" in err


def test_the_table_gives_a_flag_one_meaning() -> None:
    seen: dict[str, bool] = {}
    for o in all_options():
        for f in o.flags:
            assert seen.setdefault(f, o.takes_value) == o.takes_value, f
    assert set(BY_NAME) == {c.name for c in COMMANDS}


def test_readme_chat_captures_fit_their_width_without_a_word_cut() -> None:
    from tests.conftest import CORPUS

    blocks = re.findall(r"```console\n(.*?)```", section("## Chat"), re.S)
    assert len(blocks) == 2
    words = set(re.findall(r"[\w'’-]+", " ".join(p.read_text("utf-8") for p in CORPUS.iterdir())))
    for block, width in zip(blocks, (80, 40), strict=True):
        lines = block.splitlines()
        assert max(len(line) for line in lines) <= width
        assert any(len(line) > width - 8 for line in lines), "captured at this width"
        for line, after in itertools.pairwise(lines):
            # a terminal cut fills the row and splits a word: both halves must be real words
            if len(line) == width and line[-1].isalnum() and after[:1].isalnum():
                tail, head = re.findall(r"[\w'’-]+", line)[-1], re.findall(r"[\w'’-]+", after)[0]
                assert tail in words and head in words, (line, after)

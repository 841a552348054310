"""Help, the man page and shell completion, all generated from :mod:`qabot.commandline`.

``qabot --help``, ``qabot COMMAND --help`` (= ``qabot help COMMAND``), ``qabot help
TOPIC``, ``qabot help --man`` and ``qabot completion bash|zsh|fish`` read the same
table, so a new option shows up in all of them at once and none can go stale.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from . import __version__
from .commandline import (
    BY_NAME,
    CHAT_COMMANDS,
    CHAT_KEYS,
    COMMANDS,
    COMMON,
    Cmd,
    Opt,
    all_options,
    options_of,
)

DESCRIPTION = (
    "Ask questions of a folder of analytical briefings and get the sentence that answers, "
    "with the passages it comes from, each cited (title, date, section, paragraph). "
    "BM25 retrieval over cleaned passages; no LLM, no network."
)
OPTIONS_NOTE = (
    "Options go anywhere: before or after the command, between and after the words of a "
    "question; -- ends them (qabot -- -5 degrees?)."
)
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("QABOT_CORPUS", "the corpus folder (as --corpus)"),
    ("QABOT_INDEX", "the index folder (as --index)"),
    ("QABOT_HOME", "one absolute folder for every user file: config.toml, cache/, state/, data/"),
    ("QABOT_PAGER", "the pager, before the config's pager and PAGER; empty for none"),
    ("PAGER", "the pager when neither QABOT_PAGER nor the config names one (default less -FRX)"),
    ("NO_COLOR", "set and not empty: no colour (unless --color=always)"),
    ("FORCE_COLOR", "set and not empty or 0: colour even off a terminal"),
    ("VISUAL, EDITOR", "the editor of the chat's /edit and Ctrl-X Ctrl-E"),
    (
        "XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME, XDG_DATA_HOME",
        "where user files go without QABOT_HOME",
    ),
)
FILES: tuple[tuple[str, str], ...] = (
    ("$XDG_CONFIG_HOME/qabot/config.toml", "the config file ($QABOT_HOME/config.toml)"),
    ("$XDG_CACHE_HOME/qabot/index-*", "indexes of corpora outside a checkout ($QABOT_HOME/cache)"),
    ("$XDG_STATE_HOME/qabot/history", "the chat's input history ($QABOT_HOME/state)"),
    ("$XDG_DATA_HOME/qabot/log.db", "the log of questions and answers, SQLite ($QABOT_HOME/data)"),
)
EXIT_CODES: tuple[tuple[str, str], ...] = (
    ("0", "done (also when a question had no answer in the briefings)"),
    ("1", "an error about your input or files (one line on stderr)"),
    ("2", "wrong usage"),
    ("3", "with --fail-on-no-answer: a question had no answer"),
    ("130", "interrupted"),
)
JSON_TEXT = (
    "With --json, ask and chat print one JSON object per question or turn (JSON Lines; "
    "indented and coloured on a terminal, one a line otherwise): question, query (what was "
    "searched after follow-up resolution), answered, answer (verbatim; null when not "
    "answered), reason (when not answered) and passages, each with rank, score, id, doc, "
    "title, date, section, paragraph, kind, text, matched (the passage's words that matched, "
    "as written) and stems (the matched index terms); with time words or --since/--until, "
    "time (since, until, prefer, words, events, undated_left_out). timeline --json prints one "
    "object: topic, query, found, entries (date, title, briefing, id, sentence, score). "
    "Errors are one object on stderr: "
    '{"error": "...", "exit": 1}. Characters that could steer a terminal are written as '
    "\\u escapes."
)
BARE_NOTE = (
    "A bare question is `ask`: all its words form one question. With no words, qabot opens the "
    "chat on a terminal and answers the lines of stdin otherwise."
)
TOPICS = ("config", "environment", "exit-codes", "json")


def _config_text() -> list[tuple[str, str]]:
    from .config import KEYS

    return [(f"{k.name} = {k.example}", k.help) for k in KEYS]


CONFIG_INTRO = (
    "The config file is TOML at $QABOT_HOME/config.toml when QABOT_HOME is set, else "
    "$XDG_CONFIG_HOME/qabot/config.toml (~/.config/qabot/config.toml). Every key is "
    "optional; a wrong key or value is an error naming the file and the key. A flag wins "
    "over the environment, the environment over the config file, the config file over the "
    "defaults. In the chat, -k wins over the last /k, and the last /k over the config's k."
)


# ---------------------------------------------------------------- text


def _para(text: str, width: int, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text, width, initial_indent=indent, subsequent_indent=indent, break_long_words=False,
        break_on_hyphens=False,
    )  # fmt: skip


def _rows(rows: Iterable[tuple[str, str]], width: int, left: int = 2) -> list[str]:
    """Two columns, the second wrapped under itself (or below when the first is wide)."""
    rows = list(rows)
    col = min(max((len(a) for a, _ in rows), default=0) + left + 2, max(width // 3, 12))
    out = []
    for a, b in rows:
        head = " " * left + a
        room = max(width - col, 20)
        lines = textwrap.wrap(b, room, break_long_words=False, break_on_hyphens=False) or [""]
        if len(head) + 2 > col:
            out.append(head)
            out += [" " * col + ln for ln in lines]
        else:
            out.append(head.ljust(col) + lines[0])
            out += [" " * col + ln for ln in lines[1:]]
    return out


def _examples(rows: Iterable[tuple[str, str]], width: int) -> list[str]:
    """``  qabot ... # what it does``, the note under the command when both do not fit."""
    rows = list(rows)
    col = max(len(a) for a, _ in rows) + 4
    out = []
    for a, b in rows:
        if col + 2 + len(b) <= width:
            out.append(f"  {a}".ljust(col) + f"# {b}")
        else:
            out += [f"  {a}", *_para(f"# {b}", width, "      ")]
    return out


def usage(cmd: Cmd) -> str:
    if cmd.name == "ask":
        return "usage: qabot [ask] [OPTIONS] QUESTION..."
    return f"usage: qabot {cmd.name} [OPTIONS]" + (f" {cmd.args}" if cmd.args else "")


def _opt_help(cmd: Cmd | None, o: Opt) -> str:
    return dict(cmd.extra).get(o.name, o.help) if cmd is not None else o.help


def common_rows(cmd: Cmd | None = None) -> list[tuple[str, str]]:
    """The common options a command uses (all of them for qabot's own help)."""
    opts = [o for o in COMMON if cmd is None or o.name in cmd.uses or o.name in ("help",)]
    return [(o.usage(), _opt_help(cmd, o)) for o in opts]


def main_help(width: int = 80) -> str:
    width = max(40, min(width, 100))
    lines = ["usage: qabot [OPTIONS] QUESTION...", "       qabot COMMAND [OPTIONS] [ARGS]", ""]
    lines += [*_para(DESCRIPTION, width), ""]
    lines += [*_para(BARE_NOTE, width), ""]
    lines += ["Commands:"]
    lines += _rows(((f"{c.name} {c.args}".strip(), c.summary) for c in COMMANDS), width)
    lines += ["", "Options of every command:"]
    lines += _rows(common_rows(), width)
    lines += ["", *_para(OPTIONS_NOTE, width)]
    lines += ["", "Examples:"]
    lines += _examples(BY_NAME["ask"].examples[:4], width)
    lines += ["", "Exit codes:"]
    lines += _rows(EXIT_CODES, width)
    lines += [
        "",
        *_para(f"More: qabot help COMMAND, qabot help {' | '.join(TOPICS)}, qabot help --man.", width),
    ]
    return "\n".join(lines) + "\n"


def command_help(cmd: Cmd, width: int = 80) -> str:
    width = max(40, min(width, 100))
    lines = [usage(cmd), "", *_para(cmd.description, width)]
    if cmd.options:
        lines += ["", "Options:", *_rows(((o.usage(), o.help) for o in cmd.options), width)]
    lines += ["", "Common options:", *_rows(common_rows(cmd), width)]
    if cmd.name == "chat":
        lines += ["", "In the chat:", *_rows(((c.usage, c.help) for c in CHAT_COMMANDS), width)]
        lines += ["", "Keys:", *_rows(CHAT_KEYS, width)]
    if cmd.examples:
        lines += ["", "Examples:", *_examples(cmd.examples, width)]
    if cmd.name in ("ask", "eval"):
        codes = [e for e in EXIT_CODES if cmd.name == "ask" or e[0] != "3"]
        lines += ["", "Exit codes:", *_rows(codes, width)]
    return "\n".join(lines) + "\n"


def topic_help(topic: str, width: int = 80) -> str:
    width = max(40, min(width, 100))
    if topic == "config":
        lines = [*_para(CONFIG_INTRO, width), "", "Keys:", *_rows(_config_text(), width)]
    elif topic == "environment":
        lines = ["Environment:", *_rows(ENVIRONMENT, width), "", "Files:", *_rows(FILES, width)]
    elif topic == "exit-codes":
        lines = ["Exit codes:", *_rows(EXIT_CODES, width)]
    else:
        lines = _para(JSON_TEXT, width)
    return "\n".join(lines) + "\n"


def help_text(topic: str | None, width: int = 80) -> str | None:
    """The help on ``topic`` (a command or a topic; None: qabot's), or None if unknown."""
    if topic is None:
        return main_help(width)
    if topic in BY_NAME:
        return command_help(BY_NAME[topic], width)
    if topic in TOPICS or topic in ("exit", "env"):
        return topic_help({"exit": "exit-codes", "env": "environment"}.get(topic, topic), width)
    return None


def help_json() -> dict[str, object]:
    """The command table for tools: each command with its words and options."""

    def opt(o: Opt) -> dict[str, object]:
        return {"flags": list(o.flags), "value": o.metavar, "help": o.help, "choices": list(o.choices)}

    return {
        "commands": [
            {"name": c.name, "args": c.args, "summary": c.summary, "options": [opt(o) for o in c.options]}
            for c in COMMANDS
        ],
        "common": [opt(o) for o in COMMON],
        "topics": list(TOPICS),
    }


# ---------------------------------------------------------------- man page


def _roff(text: str) -> str:
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)
    return "\\&" + text if text[:1] in (".", "'") else text


def _tp(head: str, body: str) -> list[str]:
    return [".TP", f"\\fB{_roff(head)}\\fR", _roff(body)]


def man_page() -> str:
    """The manual as a man page (roff), for ``qabot help --man | man -l -``."""
    out = [
        f'.TH QABOT 1 "" "qabot {__version__}" "User Commands"',
        ".SH NAME",
        "qabot \\- cited answers from a folder of analytical briefings",
        ".SH SYNOPSIS",
        ".B qabot",
        "[\\fIOPTIONS\\fR] \\fIQUESTION\\fR...",
        ".br",
        ".B qabot",
        "\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]",
        ".SH DESCRIPTION",
        _roff(DESCRIPTION),
        ".PP",
        _roff(OPTIONS_NOTE),
        ".SH COMMANDS",
    ]
    for c in COMMANDS:
        out += _tp(f"{c.name} {c.args}".strip(), c.description)
        if c.options:
            out.append(".RS")
            for o in c.options:
                out += _tp(o.usage(), o.help)
            out.append(".RE")
    out.append(".SH OPTIONS")
    for o in COMMON:
        out += _tp(o.usage(), o.help)
    out.append(".SH CHAT COMMANDS")
    for cc in CHAT_COMMANDS:
        out += _tp(cc.usage, cc.help)
    for key, what in CHAT_KEYS:
        out += _tp(key, what)
    out += [".SH CONFIGURATION", _roff(CONFIG_INTRO)]
    for a, b in _config_text():
        out += _tp(a, b)
    out.append(".SH ENVIRONMENT")
    for a, b in ENVIRONMENT:
        out += _tp(a, b)
    out.append(".SH FILES")
    for a, b in FILES:
        out += _tp(a, b)
    out += [".SH JSON OUTPUT", _roff(JSON_TEXT), ".SH EXIT STATUS"]
    for a, b in EXIT_CODES:
        out += _tp(a, b)
    out.append(".SH EXAMPLES")
    for c in COMMANDS:
        for ex, what in c.examples:
            out += _tp(ex, what)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- completion


def _value_words() -> dict[str, tuple[str, str]]:
    """Each value-taking flag: (``dir``/``file``/``choices``/``none``, the choices)."""
    out = {}
    for o in all_options():
        if not o.takes_value:
            continue
        kind = "choices" if o.choices else (o.complete or "none")
        for f in o.flags:
            out[f] = (kind, " ".join(o.choices))
    return out


def _flags(cmd: Cmd) -> list[str]:
    return [f for o in options_of(cmd) for f in o.flags]


def _word_choices(cmd: Cmd) -> str:
    if cmd.name == "help":
        return " ".join([*(c.name for c in COMMANDS), *TOPICS])
    return " ".join(cmd.word_values)


def _word_cases(file_case: str, choice_case: str) -> list[str]:
    """One case per command whose words complete: files, or fixed choices."""
    out = []
    for c in COMMANDS:
        if c.word_kind == "file":
            out.append(file_case.format(name=c.name))
        elif _word_choices(c):
            out.append(choice_case.format(name=c.name, choices=_word_choices(c)))
    return out


def bash() -> str:
    names = " ".join(c.name for c in COMMANDS)
    values = _value_words()
    cases = []
    for kind in ("dir", "file", "choices", "none"):
        flags = [f for f, (k, _) in values.items() if k == kind]
        if not flags or kind == "choices":
            continue
        action = {"dir": 'COMPREPLY=($(compgen -d -- "$cur"))', "file": 'COMPREPLY=($(compgen -f -- "$cur"))'}
        cases.append(f"        {'|'.join(flags)}) {action.get(kind, 'COMPREPLY=()')}; return ;;")
    for f, (k, choices) in values.items():
        if k == "choices":
            cases.append(f'        {f}) COMPREPLY=($(compgen -W "{choices}" -- "$cur")); return ;;')
    opts = [f'        {c.name}) opts="{" ".join(_flags(c))}" ;;' for c in COMMANDS]
    words = _word_cases(
        '        {name}) COMPREPLY=($(compgen -f -- "$cur")) ;;',
        '        {name}) COMPREPLY=($(compgen -W "{choices}" -- "$cur")) ;;',
    )
    return "\n".join(
        [
            "# bash completion for qabot (generated by `qabot completion bash`)",
            "_qabot() {",
            '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
            f'    local commands="{names}" cmd="" opts i',
            "    for ((i = 1; i < COMP_CWORD; i++)); do",
            '        case " $commands " in *" ${COMP_WORDS[i]} "*) cmd="${COMP_WORDS[i]}"; break ;; esac',
            "    done",
            '    case "$prev" in',
            *cases,
            "    esac",
            '    case "${cmd:-ask}" in',
            *opts,
            "    esac",
            '    if [[ "$cur" == -* ]]; then',
            '        COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
            "        return",
            "    fi",
            '    case "$cmd" in',
            '        "") COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;',
            *words,
            "    esac",
            "}",
            "complete -o default -F _qabot qabot",
            "",
        ]
    )


def _zq(text: str) -> str:
    """``text`` inside zsh single quotes."""
    return text.replace("'", "'\\''")


def zsh() -> str:
    cmds = " ".join(f"'{c.name}:{_zq(c.summary)}'" for c in COMMANDS)
    values = _value_words()
    cases = []
    for f, (k, choices) in values.items():
        action = {"dir": "_files -/", "file": "_files", "choices": f"compadd -- {choices}", "none": ":"}[k]
        cases.append(f"    ({f}) {action}; return ;;")
    opts = []
    for c in COMMANDS:
        items = " ".join(
            f"'{f.replace(':', chr(92) + ':')}:{_zq(o.help)}'" for o in options_of(c) for f in o.flags
        )
        opts.append(f"    ({c.name}) opts=({items}) ;;")
    words = _word_cases("    ({name}) _files ;;", "    ({name}) compadd -- {choices} ;;")
    names = "|".join(c.name for c in COMMANDS)
    return "\n".join(
        [
            "#compdef qabot",
            "# zsh completion for qabot (generated by `qabot completion zsh`)",
            "_qabot() {",
            "  local -a commands opts",
            f"  commands=({cmds})",
            "  local cmd='' i",
            "  for (( i = 2; i < CURRENT; i++ )); do",
            f"    case ${{words[i]}} in ({names}) cmd=${{words[i]}}; break ;; esac",
            "  done",
            "  case ${words[CURRENT-1]} in",
            *cases,
            "  esac",
            "  case ${cmd:-ask} in",
            *opts,
            "  esac",
            "  if [[ ${words[CURRENT]} == -* ]]; then",
            "    _describe -t options option opts",
            "    return",
            "  fi",
            "  case $cmd in",
            "    ('') _describe -t commands command commands ;;",
            *words,
            "  esac",
            "}",
            'if [[ "${funcstack[1]}" == _qabot ]]; then _qabot "$@"; else compdef _qabot qabot; fi',
            "",
        ]
    )


def _fq(text: str) -> str:
    """``text`` inside fish single quotes."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


def fish() -> str:
    lines = [
        "# fish completion for qabot (generated by `qabot completion fish`)",
        "complete -c qabot -f",
    ]
    names = " ".join(c.name for c in COMMANDS)
    for c in COMMANDS:
        cond = f"not __fish_seen_subcommand_from {names}"
        lines.append(f"complete -c qabot -n '{cond}' -a {c.name} -d '{_fq(c.summary)}'")
    for o in all_options():
        users = [c.name for c in COMMANDS if o in options_of(c)]
        cond = "" if len(users) == len(COMMANDS) else f" -n '__fish_seen_subcommand_from {' '.join(users)}'"
        if users == ["ask"]:  # a bare question is ask too
            cond = f" -n 'not __fish_seen_subcommand_from {' '.join(n for n in names.split() if n != 'ask')}'"
        flags = " ".join(f"-l {f[2:]}" if f.startswith("--") else f"-s {f[1:]}" for f in o.flags)
        value = ""
        if o.choices:
            value = f" -x -a '{' '.join(o.choices)}'"
        elif o.complete == "dir":
            value = " -x -a '(__fish_complete_directories)'"
        elif o.complete == "file":
            value = " -r -F"
        elif o.takes_value:
            value = " -x"
        lines.append(f"complete -c qabot{cond} {flags}{value} -d '{_fq(o.help)}'")
    for c in COMMANDS:
        if c.word_kind == "file":
            lines.append(f"complete -c qabot -n '__fish_seen_subcommand_from {c.name}' -F")
        elif _word_choices(c):
            lines.append(
                f"complete -c qabot -n '__fish_seen_subcommand_from {c.name}' -a '{_word_choices(c)}'"
            )
    return "\n".join(lines) + "\n"


SHELLS = {"bash": bash, "zsh": zsh, "fish": fish}

"""The one table of commands and options, and the parser that reads a command line by it.

Everything about qabot's command line is written once, in :data:`COMMANDS` and
:data:`COMMON`: the parser below, ``--help`` and ``qabot help TOPIC``, the man page
and the bash/zsh/fish completion scripts (:mod:`qabot.helpgen`) are generated from it,
so they cannot disagree. A new option is one :class:`Opt` in one tuple.

Parsing follows simonw/llm (click): options may come anywhere — before or after the
command name, between and after the words of a question — and ``--`` ends them. The
words left over are the command's arguments; for ``ask`` (and a bare question) they
form one question. A word that is not a command starts a bare question.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: The most passages an answer may show (``-k``, ``/k``, ``/more``).
MAX_K = 100


class UsageError(Exception):
    """Wrong usage (exit 2). ``command`` names the command whose usage line to print."""

    def __init__(self, message: str, command: str | None = None) -> None:
        super().__init__(message)
        self.command = command


# ---------------------------------------------------------------- value types


def k_value(text: str) -> int:
    try:
        k = int(text)
    except ValueError:
        raise ValueError(f"-k must be a whole number, not {text!r}") from None
    if not 1 <= k <= MAX_K:
        raise ValueError(f"-k must be between 1 and {MAX_K}, not {k}")
    return k


def count_value(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise ValueError(f"must be a whole number, not {text!r}") from None
    if n < 0:
        raise ValueError(f"must be 0 or more, not {n}")
    return n


def cid_value(text: str) -> int:
    try:
        n = int(text.strip().lstrip("#"))
    except ValueError:
        raise ValueError(f"a conversation id is a number from `qabot log`, not {text!r}") from None
    if n < 1:
        raise ValueError(f"a conversation id is a number from `qabot log`, not {text!r}")
    return n


def date_value(text: str) -> Any:
    """A ``--since``/``--until`` value (:mod:`qabot.timespec`), checked before any index opens."""
    from .timespec import parse as parse_date

    return parse_date(text)


# ---------------------------------------------------------------- the table


class Opt:
    """One option. ``metavar`` None: a flag; otherwise it takes the next word as its value.

    (The table's records are plain classes, not dataclasses or NamedTuples: this module
    is loaded by every ``qabot ask``, and those build each class by compiling code.)"""

    __slots__ = ("choices", "complete", "const", "convert", "dest", "flags", "help", "metavar", "repeat")

    def __init__(
        self,
        flags: tuple[str, ...],
        help: str,
        metavar: str | None = None,
        dest: str = "",
        convert: Callable[[str], Any] | None = None,
        choices: tuple[str, ...] = (),
        repeat: bool = False,  # the values are collected in a list
        const: Any = True,  # what a flag stores
        complete: str = "",  # for completion scripts: "dir", "file" or "" (choices complete themselves)
    ) -> None:
        self.flags, self.help, self.metavar, self.dest = flags, help, metavar, dest
        self.convert, self.choices, self.repeat, self.const, self.complete = (
            convert,
            choices,
            repeat,
            const,
            complete,
        )

    @property
    def name(self) -> str:
        return self.dest or self.flags[-1].lstrip("-").replace("-", "_")

    @property
    def takes_value(self) -> bool:
        return self.metavar is not None

    def usage(self) -> str:
        flags = ", ".join(self.flags)
        return f"{flags} {self.metavar}" if self.metavar else flags


class Cmd:
    """One command: its words (``args``, as shown in usage), help and options."""

    __slots__ = ("args", "description", "examples", "extra", "max_words", "min_words", "name", "options",
                 "summary", "uses", "word_kind", "word_values")  # fmt: skip

    def __init__(
        self,
        name: str,
        args: str,
        summary: str,
        description: str,
        options: tuple[Opt, ...] = (),
        uses: tuple[str, ...] = (),  # the common options that matter here (the rest are accepted, unused)
        examples: tuple[tuple[str, str], ...] = (),
        min_words: int = 0,
        max_words: int | None = None,  # None: any number
        word_values: tuple[str, ...] = (),  # fixed choices for the words (completion)
        word_kind: str = "",  # "file" for completion
        extra: tuple[tuple[str, str], ...] = (),  # per-command help of an option (a default that differs)
    ) -> None:
        self.name, self.args, self.summary, self.description = name, args, summary, description
        self.options, self.uses, self.examples = options, uses, examples
        self.min_words, self.max_words, self.word_values, self.word_kind = (
            min_words,
            max_words,
            word_values,
            word_kind,
        )
        self.extra = extra


K = Opt(("-k",), "passages per answer (default 3; config key k)", "N", dest="k", convert=k_value)
JSON = Opt(("--json",), "JSON for scripts: one object a line (indented on a terminal)", dest="json")
CORPUS = Opt(
    ("--corpus",),
    "folder of briefings (env QABOT_CORPUS; default: the shipped corpus)",
    "DIR",
    dest="corpus",
    convert=Path,
    complete="dir",
)
INDEX = Opt(
    ("--index",),
    "index folder (env QABOT_INDEX; default: index/ of the checkout or the user cache)",
    "DIR",
    dest="index",
    convert=Path,
    complete="dir",
)
COLOR = Opt(
    ("--color",),
    "colour: auto (a terminal, no NO_COLOR), always, never (also FORCE_COLOR)",
    "WHEN",
    dest="color",
    choices=("auto", "always", "never"),
)
NO_COLOR = Opt(("--no-color",), "no colour (same as --color=never)", dest="color", const="never")
NO_PAGER = Opt(("--no-pager",), "never page long output (default: less -FRX on a terminal)", dest="no_pager")
HELP = Opt(("-h", "--help"), "this help", dest="help")
VERSION = Opt(("--version",), "print the version and exit", dest="version")

NO_LOG = Opt(("--no-log",), "do not record this in the log (config: log = false)", dest="no_log")
#: Options every command accepts (so ``alias qabot='qabot -k 5'`` works with any command).
COMMON: tuple[Opt, ...] = (K, JSON, CORPUS, INDEX, COLOR, NO_COLOR, NO_PAGER, NO_LOG, HELP, VERSION)

SINCE = Opt(
    ("--since",),
    "only briefings dated on or after DATE (2019-02-26, 2019-02, 2019, or an age: 30d, 6w, 3m, 2y)",
    "DATE",
    dest="since",
    convert=date_value,
)
UNTIL = Opt(
    ("--until",),
    "only briefings dated on or before DATE (same forms; ages count back from the newest briefing "
    "when the archive is old)",
    "DATE",
    dest="until",
    convert=date_value,
)
CONTINUE = Opt(
    ("-c", "--continue"),
    "continue the last conversation (follow-ups build on it)",
    dest="continue_",
)
CID = Opt(("--cid",), "continue conversation ID (from `qabot log`)", "ID", dest="cid", convert=cid_value)
ASK_OPTIONS: tuple[Opt, ...] = (
    Opt(
        ("-q", "--question"),
        "a question; repeat for several (instead of words)",
        "QUESTION",
        dest="q",
        repeat=True,
    ),
    CONTINUE,
    CID,
    SINCE,
    UNTIL,
    Opt(
        ("--format",),
        "text (default), json, answer (the answer sentence only, a line per question), ids, markdown",
        "FORMAT",
        dest="format",
        choices=("text", "json", "answer", "ids", "markdown"),
    ),
    Opt(("--quiet",), "the answer sentence only and no notices (same as --format answer)", dest="quiet"),
    Opt(
        ("--fail-on-no-answer",),
        "exit 3 when a question has no answer in the briefings",
        dest="fail_on_no_answer",
    ),
)
_WHERE = ("corpus", "index")
_LOOK = ("color", "no_pager")

COMMANDS: tuple[Cmd, ...] = (
    Cmd(
        "ask",
        "QUESTION...",
        "answer a question (all its words form one); with none, each line of stdin",
        "Answers one question: all the words form it, as in a bare `qabot QUESTION...`. "
        "Several questions come as repeated -q, or as stdin lines (no words, or the word -): "
        "one answer per non-empty line, in order, flushed as each is ready.",
        ASK_OPTIONS,
        uses=("k", "json", *_WHERE, *_LOOK, "no_log"),
        examples=(
            ('qabot ask "why did Hanoi end?" -k 1', "one question, one passage"),
            ("qabot why did Hanoi end --json", "a bare question; JSON for scripts"),
            ("qabot -c and China?", "a follow-up to the last question"),
            ("qabot ask - < questions.txt", "a question a line"),
            ('qabot --quiet "who is Biegun?"', "the answer sentence alone"),
            ("qabot ask --since 30d what is new?", "the last 30 days of briefings"),
        ),
    ),
    Cmd(
        "chat",
        "",
        "a conversation with follow-ups (the REPL on a terminal)",
        "The chat: follow-ups build on the earlier questions until /new; /help lists its "
        "commands. With stdin piped, each line is one turn of one conversation. With stdin a "
        "terminal but stdout not (`qabot chat | tee log`) or with --json, it prompts on stderr "
        "and writes the turns to stdout as piped mode does.",
        (CONTINUE, CID, SINCE, UNTIL),
        uses=("k", "json", *_WHERE, "color", "no_log"),
        examples=(("qabot chat", "ask, follow up, /why 1, /save notes.md"), ("qabot chat -c", "resume")),
        max_words=0,
    ),
    Cmd(
        "timeline",
        "TOPIC...",
        "how a topic moved: the best passage per briefing, in date order",
        "Shows a topic through time: for each briefing on TOPIC (all the words form it), its "
        "date, title and the one sentence that best answers it, oldest first; undated "
        "briefings come last. Time words in TOPIC and --since/--until narrow the dates.",
        (SINCE, UNTIL),
        uses=("json", *_WHERE, *_LOOK),
        examples=(
            ('qabot timeline "sanctions relief"', "what each briefing said, in date order"),
            ("qabot timeline steel tariff --since 2021 --json", "a window, for scripts"),
        ),
        min_words=1,
    ),
    Cmd(
        "index",
        "",
        "build or refresh the index and report what changed",
        "Builds the index of the corpus, or refreshes it (only changed briefings are read "
        "again), with a progress bar on a terminal; --force rebuilds from scratch. ask, chat "
        "and the other commands do the same on demand.",
        (
            Opt(("--force",), "rebuild from scratch even when the index is fresh", dest="force"),
            Opt(("--verify",), "hash every briefing, check every index byte; repair", dest="verify"),
        ),
        uses=("json", *_WHERE),
        examples=(("qabot index --corpus ~/briefings", "index your own folder"),),
        max_words=0,
    ),
    Cmd(
        "sources",
        "",
        "list the briefings, numbered",
        "Lists the briefings: number, date, passages, title and id. `qabot show N` opens briefing N.",
        uses=("json", *_WHERE, *_LOOK),
        max_words=0,
    ),
    Cmd(
        "show",
        "ID...",
        "print a passage or a whole briefing in full",
        "Prints one passage (DOC#pN) or a whole briefing. A briefing is named by its "
        "number from `qabot sources`, its id (whole, a unique prefix, or shortened with … or "
        "...), its file name, or words of its title; DOC#pN names passage N of it.",
        uses=("json", *_WHERE, *_LOOK),
        examples=(
            ("qabot show 2", "briefing 2 of `qabot sources`"),
            ("qabot show abrupt finale#p3", "passage 3 of the briefing titled so"),
        ),
        min_words=1,
    ),
    Cmd(
        "eval",
        "QUESTIONS.toml...",
        "score retrieval against question sets, side by side",
        "Scores retrieval against TOML question sets (or suites of them, [[set]] questions=... "
        "corpus=...), each over its own corpus, and prints hit@1, hit@3, hit@k, MRR@k, nDCG@k, "
        "recall@k, answer1 (overall and per kind), refused, false_refusal and conv3, several sets side by "
        "side. Every number the question path uses is a parameter (--params lists them with "
        "their evidence; the stages are qabot/search/pipeline.py); --ablate switches each "
        "heuristic off in turn, --sweep runs a parameter over a range; exact figures are "
        "pinned in tests/pins (--check-pins). "
        "Exits 1 when a --min/--max bound is not met or the pins differ, 2 for a malformed "
        "bound or parameter.",
        (
            Opt(("-v", "--verbose"), "list every miss with its rank and the winning passage", dest="verbose"),
            Opt(("--baseline",), "also score plain BM25 (rank-bm25), side by side", dest="baseline"),
            Opt(
                ("--min",),
                "fail (exit 1) when METRIC is below X (hit1 hit3 hitk mrr ndcg recall answer1 refused conv3)",
                "METRIC=X",
                dest="min",
                repeat=True,
            ),
            Opt(
                ("--max",),
                "fail (exit 1) when METRIC is above X (e.g. false_refusal)",
                "METRIC=X",
                dest="max",
                repeat=True,
            ),
            Opt(
                ("--param",),
                "change a query-time parameter for this run (repeatable; --params lists them)",
                "NAME=VALUE",
                dest="param",
                repeat=True,
            ),
            Opt(("--params",), "list the parameters, their defaults and evidence, and exit", dest="params"),
            Opt(("--ablate",), "switch each heuristic off in turn and print the table", dest="ablate"),
            Opt(
                ("--sweep",),
                "run every set with parameter NAME at LO, LO+STEP, ... HI and print hit@1, answer1, "
                "refused and false refusals at each value (pick a threshold on dev)",
                "NAME=LO:HI:STEP",
                dest="sweep",
            ),
            Opt(
                ("--since",),
                "ask each question with no since key of its own as if with --since DATE",
                "DATE",
                dest="since",
                convert=date_value,
            ),
            Opt(
                ("--until",),
                "ask each question with no until key of its own as if with --until DATE",
                "DATE",
                dest="until",
                convert=date_value,
            ),
            Opt(
                ("--format",),
                "text (default), json (as --json) or markdown (the README's tables, no timings)",
                "FORMAT",
                dest="format",
                choices=("text", "json", "markdown"),
            ),
            Opt(
                ("--run-out",),
                "write a TREC run file (one set)",
                "FILE",
                dest="run_out",
                convert=Path,
                complete="file",
            ),
            Opt(
                ("--qrels-out",),
                "write TREC judgments (one set)",
                "FILE",
                dest="qrels_out",
                convert=Path,
                complete="file",
            ),
            Opt(
                ("--write-pins",),
                "record the exact figures in FILE (shipped parameters only)",
                "FILE",
                dest="write_pins",
                convert=Path,
                complete="file",
            ),
            Opt(
                ("--check-pins",),
                "compare the figures with FILE; exit 1 listing every difference",
                "FILE",
                dest="check_pins",
                convert=Path,
                complete="file",
            ),
        ),
        uses=("k", "json", *_WHERE, "no_pager"),
        examples=(
            ("qabot eval set.toml --min hit3=0.9", "a CI gate: exit 1 below 0.9"),
            ("qabot eval dev.toml other.toml --baseline", "two sets and plain BM25, side by side"),
            ("qabot eval dev.toml --param synonym_weight=0", "one heuristic off"),
            ("qabot eval tests/pins/questions.toml --check-pins tests/pins/questions.json", "pins"),
        ),
        word_kind="file",
        extra=(("k", "passages judged per question (default 10; the config's k does not apply)"),),
    ),
    Cmd(
        "inspect",
        "FILE",
        "show how a file was read",
        "Shows how FILE was read: title, date, author and site with where each came from, "
        "sections, passages, and every dropped line with its reason (lines repeated across "
        "the index's briefings counted as a build counts them). With --bench, FILE is a "
        "parse benchmark folder (pages/ and golden/) and the per-field figures are printed.",
        (
            Opt(("--bench",), "FILE is a parse benchmark folder: print its figures", dest="bench"),
            Opt(("-v", "--verbose"), "with --bench: every page, not only failures", dest="verbose"),
        ),
        uses=("json", *_WHERE, *_LOOK),
        examples=(("qabot inspect corpus/brief.txt", "where the title and date came from"),),
        min_words=1,
        max_words=1,
        word_kind="file",
    ),
    Cmd(
        "log",
        "[WORDS...]",
        "past questions and answers; words search them",
        "Lists the last questions asked (by ask and chat) with their answers, newest last, "
        "from the log database; words keep the entries whose question or answer holds them "
        "all. The log is on unless the config says log = false.",
        (
            Opt(
                ("-n", "--count"),
                "how many entries (default 10; 0 for all)",
                "N",
                dest="count",
                convert=count_value,
            ),
            Opt(("--cid",), "one conversation in full", "ID", dest="cid", convert=cid_value),
            Opt(("--path",), "print where the log database is and exit", dest="path"),
        ),
        uses=("json", *_LOOK),
        examples=(("qabot log Hanoi", "entries about Hanoi"), ("qabot log --cid 3", "conversation 3")),
    ),
    Cmd(
        "help",
        "[TOPIC]",
        "help on qabot, a command, or a topic",
        "Prints help: on qabot, on a command (`qabot help ask`, the same as `qabot ask "
        "--help`) or on a topic (config, environment, exit-codes, json). --man prints the "
        "whole manual as a man page (`qabot help --man | man -l -`).",
        (Opt(("--man",), "the manual as a man page (roff)", dest="man"),),
        uses=("no_pager",),
        max_words=1,
    ),
    Cmd(
        "completion",
        "SHELL",
        "print a shell completion script (bash, zsh, fish)",
        'Prints a completion script for SHELL. bash: eval "$(qabot completion bash)" in '
        "~/.bashrc; zsh: qabot completion zsh > a folder of $fpath as _qabot; fish: qabot "
        "completion fish > ~/.config/fish/completions/qabot.fish.",
        min_words=1,
        max_words=1,
        word_values=("bash", "zsh", "fish"),
    ),
)
BY_NAME: dict[str, Cmd] = {c.name: c for c in COMMANDS}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def options_of(cmd: Cmd) -> tuple[Opt, ...]:
    return COMMON + cmd.options


def all_options() -> list[Opt]:
    """Every option of every command, each once."""
    seen: dict[tuple[str, ...], Opt] = {}
    for c in COMMANDS:
        for o in options_of(c):
            seen.setdefault(o.flags, o)
    return list(seen.values())


# ---------------------------------------------------------------- parsing


class _Flags:
    """The flags of an option set, for lookups while reading argv."""

    def __init__(self, options: Sequence[Opt]) -> None:
        self.options = options

    def long(self, word: str) -> Opt | list[Opt] | None:
        """The option a ``--name`` (or a unique prefix of it) names; a list when ambiguous."""
        exact = [o for o in self.options if word in o.flags]
        if exact:
            return exact[0]
        cands = {f: o for o in self.options for f in o.flags if f.startswith("--") and f.startswith(word)}
        opts = list({id(o): o for o in cands.values()}.values())
        if len(opts) == 1:
            return opts[0]
        return [cands[f] for f in sorted(cands)] if opts else None

    def short(self, letter: str) -> Opt | None:
        return next((o for o in self.options if f"-{letter}" in o.flags), None)


class Scan:
    """argv split into options (with their values) and the remaining words."""

    def __init__(self) -> None:
        self.options: list[tuple[Opt, str, str | None]] = []  # (option, the flag as typed, its value)
        self.words: list[str] = []
        self.at: list[int] = []  # where each word stands in argv
        self.free = 0  # how many words came before a `--` (only those can name a command)


def _unknown(flag: str, known: Sequence[Opt], command: str | None) -> UsageError:
    import difflib

    flags = [f for o in known for f in o.flags]
    near = difflib.get_close_matches(flag, flags, n=1, cutoff=0.6)
    hint = f" (did you mean {near[0]}?)" if near else ""
    if flag[1:2].isdigit() or flag == "-":
        hint = " (a question that starts with - goes after --)"
    return UsageError(f"unrecognized option {flag}{hint}", command)


def scan(argv: Sequence[str], options: Sequence[Opt], command: str | None = None) -> Scan:
    """Split ``argv`` into options and words; ``--`` makes every later word a word.

    Long options take ``--name VALUE`` or ``--name=VALUE`` and may be shortened to a
    unique prefix; short ones ``-k 5``, ``-k5`` and bundled flags (``-cv``).
    """
    flags = _Flags(options)
    out = Scan()
    i = 0
    while i < len(argv):
        word = argv[i]
        i += 1
        if word == "--":
            out.at += range(i, len(argv))
            out.words += argv[i:]
            return out
        if word == "-" or not word.startswith("-"):
            out.at.append(i - 1)
            out.words.append(word)
            out.free += 1
            continue
        if word.startswith("--"):
            name, eq, value = word.partition("=")
            found = flags.long(name)
            if found is None:
                raise _unknown(name, options, command)
            if isinstance(found, list):
                names = ", ".join(o.flags[-1] for o in found)
                raise UsageError(f"ambiguous option {name}: it could be {names}", command)
            if not found.takes_value:
                if eq:
                    raise UsageError(f"option {found.flags[-1]} takes no value", command)
                out.options.append((found, name, None))
                continue
            if not eq:
                if i >= len(argv):
                    raise UsageError(f"option {found.flags[-1]}: expected one argument", command)
                value, i = argv[i], i + 1
            out.options.append((found, name, value))
            continue
        # short options, perhaps bundled: -cv, -k5, -k 5
        j = 1
        while j < len(word):
            opt = flags.short(word[j])
            if opt is None:
                raise _unknown(word if j == 1 else f"-{word[j]}", options, command)
            if not opt.takes_value:
                out.options.append((opt, f"-{word[j]}", None))
                j += 1
                continue
            value = word[j + 1 :]
            if value.startswith("=") and j == 1:  # -k=5, as argparse reads it
                value = value[1:]
            elif not value:
                if i >= len(argv):
                    raise UsageError(f"option -{word[j]}: expected one argument", command)
                value, i = argv[i], i + 1
            out.options.append((opt, f"-{word[j]}", value))
            break
    return out


class Route:
    """Which command a command line runs, and whether it was implied (``bare``: a bare
    question, `qabot why ...`, is ``ask`` without the word)."""

    __slots__ = ("bare", "command")

    def __init__(self, command: str, bare: bool) -> None:
        self.command, self.bare = command, bare


def route(argv: Sequence[str], stdin_tty: bool) -> Route:
    """The command ``argv`` names: its first word when that is a command; ``ask`` for a
    bare question; with no words, the chat on a terminal and ``ask`` (stdin) otherwise.

    Options are skipped with the union of every command's options (a flag means the same
    everywhere), so ``qabot --force index`` and ``qabot -k 2 why ...`` both route.
    """
    try:
        s: Scan | None = scan(argv, all_options())
    except UsageError:  # an unknown option: the command's own scan reports it
        s = None
    if s is None:
        words = [w for w in argv if not w.startswith("-")]
        first, free = (words[0] if words else None), len(words)
    else:
        first, free = (s.words[0] if s.words else None), s.free
    if first is not None and first in BY_NAME and free:
        return Route(first, bare=False)
    if first is not None:
        typo = mistyped_command(first) if s is not None and len(s.words) == 1 else None
        if typo:
            raise UsageError(f"invalid command {first!r} (did you mean {typo}?)")
        return Route("ask", bare=True)
    options = {o.name for o, _, _ in s.options} if s is not None else set()
    if options & {"help", "version"}:
        return Route("help", bare=True)
    if "q" in options or not stdin_tty:
        return Route("ask", bare=True)
    return Route("chat", bare=True)


def mistyped_command(word: str) -> str | None:
    """``qabot indx``: a lone lowercase word close to a command is a typo, not a question."""
    import difflib

    from .analysis import stopwords

    if not (word.isascii() and word.isalpha() and word.islower()) or word in stopwords():
        return None
    if word in ("quit", "exit"):
        return None
    near = difflib.get_close_matches(word, NAMES, n=1, cutoff=0.75)
    return near[0] if near else None


def defaults() -> dict[str, Any]:
    """Every option's unset value (None; [] for repeatable ones; False for flags)."""
    out: dict[str, Any] = {}
    for o in all_options():
        if o.repeat:
            out[o.name] = []
        else:
            out.setdefault(o.name, None if o.takes_value or o.const is not True else False)
    return out


def parse(argv: Sequence[str], stdin_tty: bool) -> argparse.Namespace:
    """``argv`` as a namespace: ``command``, every option's value (unset: None / False / [])
    and ``words``. Raises :class:`UsageError` for wrong usage."""
    r = route(argv, stdin_tty)
    cmd = BY_NAME[r.command]
    argv = list(argv)
    if not r.bare:  # drop the command's name (the first word before any `--`)
        at = scan(argv, all_options()).at[0]
        argv = argv[:at] + argv[at + 1 :]
    s = scan(argv, options_of(cmd), cmd.name)
    values = defaults()
    for opt, typed, value in s.options:
        if not opt.takes_value:
            values[opt.name] = opt.const
            continue
        assert value is not None
        if opt.choices and value not in opt.choices:
            raise UsageError(f"option {typed}: {value!r} is not one of {', '.join(opt.choices)}", cmd.name)
        converted: Any = value
        if opt.convert is not None:
            try:
                converted = opt.convert(value)
            except ValueError as exc:
                msg = str(exc)
                raise UsageError(
                    msg if msg.startswith(typed) else f"option {typed}: {msg}", cmd.name
                ) from None
        if opt.repeat:
            values[opt.name].append(converted)
        else:
            values[opt.name] = converted
    ns = argparse.Namespace(**values, command=cmd.name, words=s.words, bare=r.bare)
    if ns.help or ns.version or cmd.name == "help":
        return ns
    n = len(s.words)
    if n < cmd.min_words:
        what = cmd.args.strip("[]").rstrip(".") or "an argument"
        raise UsageError(f"{cmd.name} needs {what}", cmd.name)
    if cmd.max_words is not None and n > cmd.max_words:
        extra = " ".join(s.words[cmd.max_words :])
        raise UsageError(f"{cmd.name} takes {cmd.args or 'no arguments'}; unexpected: {extra}", cmd.name)
    return ns


# ---------------------------------------------------------------- the chat's own commands


class ChatCmd:
    """A slash command of the chat."""

    __slots__ = ("help", "name", "usage")

    def __init__(self, name: str, usage: str, help: str) -> None:
        self.name, self.usage, self.help = name, usage, help


CHAT_COMMANDS: tuple[ChatCmd, ...] = (
    ChatCmd("help", "/help", "this list of commands and keys"),
    ChatCmd("sources", "/sources", "the briefings, numbered"),
    ChatCmd("show", "/show N", "passage N of the last answer in full, with its neighbours"),
    ChatCmd("open", "/open DOC", "a whole briefing (number from /sources, id or title words); paged"),
    ChatCmd("more", "/more", "the next k passages for the last question"),
    ChatCmd("k", "/k N", "passages per answer (kept for later chats)"),
    ChatCmd("why", "/why N", "why passage N ranked: query, matched terms, BM25 shares"),
    ChatCmd("new", "/new", "forget the conversation (follow-ups start afresh)"),
    ChatCmd("since", "/since DATE", "only briefings dated on or after DATE (2019-02, 30d; off clears)"),
    ChatCmd("until", "/until DATE", "only briefings dated on or before DATE (off clears)"),
    ChatCmd("timeline", "/timeline TOPIC", "the best passage per briefing on TOPIC, in date order"),
    ChatCmd("history", "/history", "the questions asked in this session"),
    ChatCmd("edit", "/edit", "write questions in $VISUAL or $EDITOR (one a line; also Ctrl-X Ctrl-E)"),
    ChatCmd("save", "/save FILE.md", "the session as Markdown with citations"),
    ChatCmd("quit", "/quit", "leave (also /exit, Ctrl-D, or quit or exit alone on a line)"),
)
CHAT_ALIASES = {"exit": "quit", "q": "quit", "h": "help", "?": "help", "s": "show", "o": "open"}
#: Words that, typed alone on a chat line (any case), run the command instead of being
#: searched, as psql does with help, quit and exit; ``qabot ask`` declines them the same way.
BARE_WORDS = {"help": "help", "quit": "quit", "exit": "quit"}
CHAT_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab", "complete commands, words and names from the briefings"),
    ("Up / Ctrl-R", "earlier questions (kept across sessions)"),
    ("Right", "accept the grey suggestion from history"),
    ("Ctrl-X Ctrl-E", "edit the line in $VISUAL or $EDITOR; each line a question"),
    ("Ctrl-C", "clear the line, or cancel a search"),
    ("Ctrl-D", "leave (on an empty line)"),
    ("Ctrl-L", "clear the screen"),
)

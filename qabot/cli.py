"""The command line: ``main(argv) -> int``, a thin layer over :mod:`qabot.api`.

Exit codes: 0 done (also when a question had no answer), 1 an error about the user's
input or files (one line on stderr), 2 wrong usage, 130 interrupted. Answers go to
stdout; progress, notices and errors to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from .termio import MAX_K, Console, isatty, open_qa, progress_bar, stdin_lines

#: Each command's one-line help and its --help description.
COMMAND_HELP = {
    "ask": (
        "answer questions (arguments, or stdin lines)",
        "Answer each argument as one question; with no argument, each non-empty line of stdin.",
    ),
    "chat": (
        "interactive Q&A with follow-ups",
        "The chat REPL on a terminal; with stdin piped, one turn a line.",
    ),
    "index": ("build or refresh the index", "Build or refresh the index; report what changed."),
    "sources": ("list the briefings", "List the briefings: id, date, title, passage count."),
    "show": (
        "print a passage or a whole briefing",
        "Print one passage (DOC#pN) or a whole briefing (DOC) in full.",
    ),
    "eval": (
        "score retrieval against a question set",
        "Score retrieval against a TOML question set (see README).",
    ),
}
COMMANDS = tuple(COMMAND_HELP)
#: Options that take a value as the next word (``-k 5``, ``--corpus DIR``).
_TAKES_VALUE = ("-k", "--corpus", "--index")
#: The long options of the top-level parser (argparse accepts unique prefixes of them).
_LONG = ("--json", "--corpus", "--index", "--no-color", "--help", "--version")


class UsageError(Exception):
    """Wrong usage: reported like argparse's own errors, exit 2."""


class NotFound(Exception):
    """``qabot show`` of an id that names no passage or briefing: exit 1, one line."""


def _k(value: str) -> int:
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"-k must be a whole number, not {value!r}") from None
    if not 1 <= k <= MAX_K:
        raise argparse.ArgumentTypeError(f"-k must be between 1 and {MAX_K}, not {k}")
    return k


def _common(sub: bool) -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    d: Any = argparse.SUPPRESS if sub else None
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("-k", type=_k, default=d, metavar="N", help="passages per answer (default 3)")
    p.add_argument("--json", action="store_true", default=d, help="JSON Lines output for scripts")
    p.add_argument(
        "--corpus",
        type=Path,
        default=d,
        metavar="DIR",
        help="folder of briefings (env QABOT_CORPUS; default: the shipped corpus)",
    )
    p.add_argument(
        "--index",
        type=Path,
        default=d,
        metavar="DIR",
        help="index folder (env QABOT_INDEX; default: index/ beside the corpus or the user cache)",
    )
    p.add_argument("--no-color", action="store_true", default=d, help="no colour (also NO_COLOR, TERM=dumb)")
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qabot",
        parents=[_common(False)],
        description="Ask questions of a folder of analytical briefings; get cited answers.",
        epilog='A bare question works too: qabot "why did Hanoi end early?". '
        "With no command, qabot opens the chat on a terminal and answers stdin lines otherwise.",
    )
    parser.add_argument("--version", action="version", version=f"qabot {__version__}")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_common(True)]
    subparsers = {
        name: subs.add_parser(name, parents=common, help=short, description=long)
        for name, (short, long) in COMMAND_HELP.items()
    }
    subparsers["ask"].add_argument("questions", nargs="*", metavar="QUESTION")
    subparsers["index"].add_argument(
        "--force", action="store_true", help="rebuild even when the index is fresh"
    )
    subparsers["show"].add_argument("id", metavar="ID")
    from .evalcmd import add_arguments

    add_arguments(subparsers["eval"])
    return parser


def _takes_value(word: str) -> bool:
    """Whether ``word`` is an option whose value is the next word (``--corp`` too, as argparse
    accepts a unique prefix; ``--corpus=DIR`` and ``-k5`` carry their value)."""
    if word in _TAKES_VALUE:
        return True
    if not word.startswith("--") or "=" in word or len(word) < 3:
        return False
    matches = [o for o in _LONG if o.startswith(word)]
    return len(matches) == 1 and matches[0] in _TAKES_VALUE


def _route(argv: list[str], stdin_tty: bool) -> list[str]:
    """Insert the implied command: a bare question means ``ask``; nothing means chat/ask.

    Nothing is inserted after an option still waiting for its value (``qabot -k``):
    argparse then reports the missing value as a usage error.
    """
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            rest = argv[i + 1 :]
            if rest:
                return [*argv[:i], "ask", "--", " ".join(rest)]
            argv = argv[:i]  # a trailing `--` ends the options and adds nothing
            break
        if _takes_value(a):
            if i == len(argv) - 1:
                return argv  # `qabot --corpus`: the value is missing
            i += 2
            continue
        if a.startswith("-"):
            i += 1
            continue
        if a in COMMANDS:
            return argv
        if i == len(argv) - 1 and _mistyped_command(a):
            return argv  # a lone `qabot indx`: argparse reports "invalid choice", exit 2
        # a bare question: its words make one question, as in `llm "..."`
        return [*argv[:i], "ask", " ".join(argv[i:])]
    if any(a in ("-h", "--help", "--version") for a in argv):
        return argv
    return argv + (["chat"] if stdin_tty else ["ask"])


def _mistyped_command(word: str) -> bool:
    """``qabot indx``: a lone lowercase word close to a command is a typo, not a question."""
    import difflib

    from .analysis import stopwords

    return (
        word.isascii()
        and word.isalpha()
        and word.islower()
        and word not in stopwords()  # `qabot how`, `qabot what`: question words
        and bool(difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.75))
    )


# ---------------------------------------------------------------- commands


def cmd_ask(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render
    from .analysis import strip_control
    from .api import Answer
    from .termio import is_command

    if args.questions:
        questions: Iterator[str] = iter(args.questions)
        batch = len(args.questions) > 1
    elif isatty(stdin):
        raise UsageError("ask needs a question (as arguments, or one per line on stdin)")
    else:
        questions = (ln.strip() for ln in stdin_lines(stdin) if ln.strip())
        batch = True
    qa = open_qa(args, console)
    first = True
    for question in questions:
        # escape sequences are not words: "\x1b]0;title\x07" must not search for "title"
        question = strip_control(question)
        if is_command(question):  # `/help` in a batch: not searched, a pointer to chat
            reason = f"{question.split()[0]} is a chat command; try `qabot chat`"
            answer = Answer(question, "", False, None, reason, (), reason_code="chat_command")
        else:
            answer = qa.ask(question, k=args.k)
        if answer.notice:
            console.notify(f"qabot: {answer.notice}")
        if console.json:
            console.emit_json(render.answer_json(answer))
            continue
        # ids whole off a terminal, for `qabot show` and scripts (see qabot.render)
        fit = isatty(console.out)
        frags = render.answer_fragments(answer, console.width, qa.analyzer, qa.index, fit_ids=fit)
        if batch:
            head = [("class:label", "Q: "), ("", render.safe(question) + "\n")]
            frags = ([] if first else [("", "\n")]) + head + frags
        console.out.write(render.to_ansi(frags, console.color))
        console.out.flush()
        first = False
    return 0


def cmd_chat(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .repl import run

    return run(args, console, stdin)


def cmd_index(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import locate
    from .api import ensure_index

    corpus, index_dir, explicit = locate.resolve(args.corpus, args.index)
    existed = (index_dir / "manifest.json").exists()  # a first build needs no reason
    progress = progress_bar(console)
    try:
        folder, report = ensure_index(
            corpus,
            index_dir,
            explicit=explicit,
            notify=console.notify,
            progress=progress,
            force=args.force,
        )
    finally:
        if progress is not None:
            progress.close()
    if report is None:
        from .index import read_manifest

        m = read_manifest(folder) or {}
        summary = {"built": False, "index": str(folder), "docs": m.get("docs"), "passages": m.get("passages")}
        text = f"index is up to date: {m.get('docs')} briefings, {m.get('passages')} passages in {folder}"
    else:
        summary = {
            "built": True,
            "index": str(folder),
            "docs": report.docs,
            "passages": report.passages,
            "added": report.added,
            "changed": report.changed,
            "removed": report.removed,
            "reused": report.reused,
            "seconds": round(report.seconds, 3),
            "warnings": report.warnings,
        }
        why = f" ({report.reason})" if existed and report.reason else ""
        text = (
            f"indexed {report.docs} briefings, {report.passages} passages in {report.seconds:.2f}s{why}: "
            f"{len(report.added)} added, {len(report.changed)} changed, {len(report.removed)} removed, "
            f"{report.reused} unchanged\nindex: {folder}"
        )
    if console.json:
        console.emit_json(summary)
    else:
        print(text, file=console.out)
    return 0


def cmd_sources(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .render import safe

    qa = open_qa(args, console)
    docs = qa.index.docs
    if console.json:
        for d in docs:
            console.emit_json(
                {"id": d.doc_id, "date": d.date, "title": d.title, "passages": d.count, "file": d.file}
            )
        return 0
    for d in docs:
        print(
            f"{safe(d.date):<10}  {d.count:>4}  {safe(d.title)}\n            {safe(d.doc_id)}",
            file=console.out,
        )
    total = sum(d.count for d in docs)
    print(f"{len(docs)} briefings, {total} passages", file=console.out)
    return 0


def cmd_show(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render

    qa = open_qa(args, console)
    ix = qa.index
    target = args.id.strip()
    target = render.expand_id(target, ix.doc_index) or target  # an id shortened on screen
    i = ix.find(target)
    if i is not None:
        doc, passages = ix.doc_of(i), [ix.passage(i)]
    elif target in ix.doc_index:
        doc = ix.docs[ix.doc_index[target]]
        passages = render.doc_passages(ix, doc)
    else:
        import difflib

        ids = [d.doc_id for d in ix.docs]
        near = difflib.get_close_matches(target.partition("#")[0], ids, n=1)
        hint = f"; did you mean {near[0]}?" if near else "; `qabot sources` lists the briefings"
        raise NotFound(f"no passage or briefing with id {target!r}{hint}")
    if console.json:
        for p in passages:
            console.emit_json(render.passage_json(p, doc))
        return 0
    if i is None:
        frags = render.document_fragments(ix, doc, console.width)
    else:
        p = passages[0]
        frags = [("class:cite", render.citation(doc, p) + "\n")]
        frags += render.wrap(p.text, console.width)
        frags += [("class:dim", render.safe(p.pid) + "\n")]
    console.out.write(render.to_ansi(frags, console.color))
    return 0


def cmd_eval(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .evalcmd import run

    return run(args, console)


HANDLERS = {
    "ask": cmd_ask,
    "chat": cmd_chat,
    "index": cmd_index,
    "sources": cmd_sources,
    "show": cmd_show,
    "eval": cmd_eval,
}


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run qabot with ``argv``; return the exit code."""
    stdin = stdin or sys.stdin
    out, err = stdout or sys.stdout, stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(_route(argv, isatty(stdin)))
    except SystemExit as exc:  # argparse: usage errors (2), --help/--version (0)
        return int(exc.code or 0)
    handler = HANDLERS.get(args.command) if args.command else None
    if handler is None:  # nothing routed to a command (should not happen; never a KeyError)
        parser.print_usage(err)
        print("qabot: error: no command given", file=err)
        return 2
    if args.k is None:
        args.k = 10 if args.command == "eval" else 3
    console = Console(args, out, err)
    from .errors import BadUsage
    from .render import safe

    try:
        return handler(args, console, stdin)
    except (UsageError, BadUsage) as exc:
        parser.print_usage(err)
        print(f"qabot: error: {safe(str(exc))}", file=err)
        return 2
    except user_errors() as exc:
        print(f"qabot: error: {safe(str(exc))}", file=err)
        return 1
    except BrokenPipeError:
        # the reader went away (`qabot ask ... | head`): not an error worth a traceback
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        print(f"qabot: error:{safe(where)} {safe(str(exc.strerror or exc))}", file=err)
        return 1
    except KeyboardInterrupt:
        print("qabot: interrupted", file=err)
        return 130
    except Exception as exc:  # a bug: one line, never a traceback
        print(f"qabot: internal error: {safe(f'{type(exc).__name__}: {exc}')} (please report)", file=err)
        return 1


def user_errors() -> tuple[type[Exception], ...]:
    """The exceptions that report a problem with the user's input or files (exit 1).

    Each names the file, folder or id at fault in its message. Anything else reaching
    :func:`main` is a bug, reported as an internal error.
    """
    from .corpus import CorpusError, FileSkipped
    from .errors import QabotError
    from .index import IndexError_

    return (QabotError, CorpusError, FileSkipped, IndexError_, NotFound)

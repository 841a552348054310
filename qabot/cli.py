"""The command line: ``main(argv) -> int``, a thin layer over :mod:`qabot.bot`.

Exit codes: 0 done (also when a question had no answer), 1 an error about the user's
input or files (one line on stderr), 2 wrong usage, 130 interrupted. Answers go to
stdout; progress, notices and errors to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO, cast

from . import __version__

COMMANDS = ("ask", "chat", "index", "sources", "show", "eval")
MAX_K = 100


class UsageError(Exception):
    """Wrong usage: reported like argparse's own errors, exit 2."""


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
    ask = subs.add_parser(
        "ask",
        parents=common,
        help="answer questions (arguments, or stdin lines)",
        description="Answer each argument as one question; with no argument, each non-empty line of stdin.",
    )
    ask.add_argument("questions", nargs="*", metavar="QUESTION")
    subs.add_parser(
        "chat",
        parents=common,
        help="interactive Q&A with follow-ups",
        description="The chat REPL on a terminal; with stdin piped, one turn a line.",
    )
    idx = subs.add_parser(
        "index",
        parents=common,
        help="build or refresh the index",
        description="Build or refresh the index; report what changed.",
    )
    idx.add_argument("--force", action="store_true", help="rebuild even when the index is fresh")
    subs.add_parser(
        "sources",
        parents=common,
        help="list the briefings",
        description="List the briefings: id, date, title, passage count.",
    )
    show = subs.add_parser(
        "show",
        parents=common,
        help="print a passage or a whole briefing",
        description="Print one passage (DOC#pN) or a whole briefing (DOC) in full.",
    )
    show.add_argument("id", metavar="ID")
    ev = subs.add_parser(
        "eval",
        parents=common,
        help="score retrieval against a question set",
        description="Score retrieval against a TOML question set (see README).",
    )
    ev.add_argument("questions", type=Path, metavar="QUESTIONS.toml")
    ev.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    ev.add_argument("--baseline", action="store_true", help="also score plain BM25, side by side")
    ev.add_argument(
        "--min",
        action="append",
        default=[],
        metavar="METRIC=X",
        help="fail (exit 1) when METRIC is below X; repeatable",
    )
    ev.add_argument(
        "--max",
        action="append",
        default=[],
        metavar="METRIC=X",
        help="fail (exit 1) when METRIC is above X; repeatable",
    )
    ev.add_argument("--run-out", type=Path, metavar="FILE", help="write a TREC run file")
    ev.add_argument("--qrels-out", type=Path, metavar="FILE", help="write TREC judgments")
    return parser


def _route(argv: list[str], stdin_tty: bool) -> list[str]:
    """Insert the implied command: a bare question means ``ask``; nothing means chat/ask."""
    takes_value = {"-k", "--corpus", "--index"}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--":
            rest = argv[i + 1 :]
            return [*argv[:i], "ask", "--", " ".join(rest)] if rest else argv
        if a in takes_value:
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


# ---------------------------------------------------------------- io helpers


class Console:
    """Where output goes and how it looks (colour only on a TTY, never with NO_COLOR)."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.out, self.err = out, err
        self.json = bool(getattr(args, "json", False))
        self.color = (
            not getattr(args, "no_color", False)
            and "NO_COLOR" not in os.environ
            and os.environ.get("TERM") != "dumb"
            and _isatty(out)
        )
        self.width = max(40, min(shutil.get_terminal_size((80, 24)).columns, 100))

    def notify(self, message: str) -> None:
        from .render import safe

        print(safe(message), file=self.err, flush=True)

    def emit_json(self, obj: object) -> None:
        print(json.dumps(obj, ensure_ascii=False), file=self.out, flush=True)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def stdin_lines(stdin: TextIO) -> Iterator[str]:
    """Lines of stdin decoded leniently: a bad byte becomes U+FFFD, never a crash."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is None:
        yield from stdin
        return
    for raw in buffer:
        yield raw.decode("utf-8", errors="replace")


def _progress(console: Console) -> Any:
    """A build-progress callback: a prompt-toolkit bar on a TTY, nothing otherwise."""
    if not _isatty(console.err):
        return None
    from .progress import TerminalProgress

    return TerminalProgress(console.err)


def _open(args: argparse.Namespace, console: Console) -> Any:
    from .bot import QA
    from .index import IndexError_

    progress = _progress(console)
    try:
        try:
            return QA.open(args.corpus, args.index, notify=console.notify, progress=progress)
        except IndexError_ as exc:
            if "is damaged" not in str(exc):
                raise
            # files of the index were damaged in a way its manifest does not show:
            # rebuild it once from scratch (a read-only --index gets a clear error)
            _rebuild(args, console, progress, str(exc))
            return QA.open(args.corpus, args.index, notify=console.notify, progress=progress)
    finally:
        if progress is not None:
            progress.close()


def _rebuild(args: argparse.Namespace, console: Console, progress: Any, why: str) -> None:
    from . import locate
    from .bot import ensure_index

    corpus = args.corpus or locate.default_corpus()
    index_dir = args.index or locate.default_index(corpus)
    explicit = args.index is not None or bool(os.environ.get("QABOT_INDEX"))
    console.notify(f"qabot: {why}; rebuilding it")
    ensure_index(corpus, index_dir, explicit=explicit, notify=console.notify, progress=progress, force=True)


# ---------------------------------------------------------------- commands


def cmd_ask(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render
    from .analysis import strip_control

    if args.questions:
        questions: Iterator[str] = iter(args.questions)
        batch = len(args.questions) > 1
    elif _isatty(stdin):
        raise UsageError("ask needs a question (as arguments, or one per line on stdin)")
    else:
        questions = (ln.strip() for ln in stdin_lines(stdin) if ln.strip())
        batch = True
    qa = _open(args, console)
    first = True
    for question in questions:
        # escape sequences are not words: "\x1b]0;title\x07" must not search for "title"
        question = strip_control(question)
        answer = qa.ask(question, k=args.k)
        if _is_command(question):
            answer = replace(
                answer,
                answered=False,
                answer=None,
                results=(),
                reason=f"{question.split()[0]} is a chat command; try `qabot chat`",
            )
        if console.json:
            console.emit_json(render.answer_json(answer))
            continue
        frags = render.answer_fragments(answer, console.width, qa.analyzer, qa.index)
        if batch:
            head = [("class:label", "Q: "), ("", render.safe(question) + "\n")]
            frags = ([] if first else [("", "\n")]) + head + frags
        console.out.write(render.to_ansi(frags, console.color))
        console.out.flush()
        first = False
    return 0


def _is_command(line: str) -> bool:
    return line.startswith("/") and len(line.split()) <= 2 and line[1:2].isalpha()


def cmd_chat(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .repl import run

    return run(args, console, stdin)


def cmd_index(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import locate
    from .bot import ensure_index
    from .index import status

    corpus = args.corpus or locate.default_corpus()
    index_dir = args.index or locate.default_index(corpus)
    explicit = args.index is not None or "QABOT_INDEX" in os.environ
    before = status(corpus, index_dir) if (index_dir / "manifest.json").exists() else None
    progress = _progress(console)
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
        why = f" ({before.reason})" if before and before.reason else ""
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

    qa = _open(args, console)
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
    from .bot import Result

    qa = _open(args, console)
    ix = qa.index
    target = args.id.strip()
    i = ix.find(target)
    if i is not None:
        indices = [i]
    elif target in ix.doc_index:
        d = ix.docs[ix.doc_index[target]]
        indices = list(range(d.first, d.first + d.count))
    else:
        import difflib

        ids = [d.doc_id for d in ix.docs]
        near = difflib.get_close_matches(target.partition("#")[0], ids, n=1)
        hint = f"; did you mean {near[0]}?" if near else "; `qabot sources` lists the briefings"
        raise LookupError(f"no passage or briefing with id {render.safe(target)!r}{hint}")
    results = [Result(n + 1, 0.0, ix.passage(j), ix.doc_of(j), ()) for n, j in enumerate(indices)]
    if console.json:
        for r in results:
            obj = render.passage_json(r)
            del obj["rank"], obj["score"], obj["matched"]
            console.emit_json(obj)
        return 0
    frags: render.Fragments = []
    if len(results) > 1:
        d = results[0].doc
        frags += [("class:answer", render.safe(d.title) + "\n"), ("class:dim", f"{d.date} · {d.doc_id}\n")]
    section: object = object()
    for r in results:
        if len(results) > 1:
            if r.passage.section != section and r.passage.section:
                frags += [("", "\n"), ("class:label", render.safe(r.passage.section) + "\n")]
            section = r.passage.section
            frags += render.wrap(r.passage.text, console.width)
        else:
            frags += [("class:cite", render.citation(r.doc, r.passage) + "\n")]
            frags += render.wrap(r.passage.text, console.width)
            frags += [("class:dim", render.safe(r.passage.pid) + "\n")]
    console.out.write(render.to_ansi(frags, console.color))
    return 0


class _SafeText(io.TextIOBase):
    """A text stream that strips escape sequences and control characters on the way out."""

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    def write(self, text: str) -> int:
        from .render import safe

        self.inner.write(safe(text))
        return len(text)

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return _isatty(self.inner)


def cmd_eval(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .evaluate import run_cli

    # the report quotes ids, kinds and questions from a user's TOML file: keep the
    # terminal safe whatever the report code forgets (it has no colour to lose)
    plain = copy.copy(console)
    plain.out = cast(TextIO, _SafeText(console.out))
    return run_cli(args, plain, _open(args, console))


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
            args = parser.parse_args(_route(argv, _isatty(stdin)))
    except SystemExit as exc:  # argparse: usage errors (2), --help/--version (0)
        return int(exc.code or 0)
    if args.k is None:
        args.k = 10 if args.command == "eval" else 3
    console = Console(args, out, err)
    from .corpus import CorpusError, FileSkipped
    from .index import IndexError_

    try:
        return HANDLERS[args.command](args, console, stdin)
    except UsageError as exc:
        parser.print_usage(err)
        print(f"qabot: error: {exc}", file=err)
        return 2
    except (CorpusError, IndexError_, FileSkipped, LookupError, ValueError) as exc:  # QuestionSetError too
        from .render import safe

        print(f"qabot: error: {safe(str(exc))}", file=err)
        return 1
    except BrokenPipeError:
        # the reader went away (`qabot ask ... | head`): not an error worth a traceback
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        from .render import safe

        where = f" {exc.filename}" if exc.filename else ""
        print(f"qabot: error:{safe(where)} {exc.strerror or exc}", file=err)
        return 1
    except KeyboardInterrupt:
        print("qabot: interrupted", file=err)
        return 130

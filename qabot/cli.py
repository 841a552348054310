"""The command line: ``main(argv) -> int``, thin commands over :mod:`qabot.api`.

The command table (:mod:`qabot.commandline`) says what each command takes; this
module settles the values (flag > environment > config file > default, see
:mod:`qabot.config`), runs one small function per command and turns every failure
into one line and an exit code. Exit codes: 0 done (also when a question had no
answer), 1 an error about the user's input or files, 2 wrong usage, 3 a question
without an answer under ``--fail-on-no-answer``, 130 interrupted. Answers go to
stdout; progress, notices and errors to stderr (with ``--json``, an error is one JSON
object on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import __version__
from .commandline import BARE_WORDS, BY_NAME, MAX_K, NAMES, UsageError, parse
from .errors import BadUsage
from .log import Recorder
from .termio import ClosedStream, Console, Lines, isatty, open_qa, progress_bar

if TYPE_CHECKING:
    from .api import QA, Answer

__all__ = ["COMMANDS", "MAX_K", "UsageError", "main"]

#: The command names (documentation tests read them).
COMMANDS = NAMES
#: Exit status of ``--fail-on-no-answer`` when a question had no answer.
NO_ANSWER_EXIT = 3


# ---------------------------------------------------------------- settling the values


def settle(args: argparse.Namespace, env: os._Environ[str] | dict[str, str] | None = None) -> None:
    """Fill in what the command line left unset, from the environment and the config
    file (flag > environment > config > default); config errors name file and key."""
    from . import config, locate

    env = os.environ if env is None else env
    cfg = config.load(locate.config_file())
    args.config = cfg
    args.k_given = args.k is not None
    if args.k is None:
        args.k = 10 if args.command == "eval" else (cfg.k or 3)  # eval's k is a metric cutoff
    if args.corpus is None and not env.get("QABOT_CORPUS") and cfg.corpus is not None:
        args.corpus = cfg.corpus
    if args.index is None and not env.get("QABOT_INDEX") and cfg.index is not None:
        args.index = cfg.index
    args.color = config.color_mode(args.color, env, cfg.color)
    args.pager_cmd = config.pager_command(bool(args.no_pager), env, cfg.pager)
    args.styles = cfg.style
    args.log = config.log_enabled(bool(getattr(args, "no_log", False)), cfg.log)
    if getattr(args, "quiet", False) and args.format is None:
        args.format = "answer"
    if args.format is None:
        args.format = "json" if args.json else "text"
    args.json = args.json or args.format == "json"


# ---------------------------------------------------------------- ask


def _questions(args: argparse.Namespace, stdin: TextIO) -> tuple[Iterable[str], bool]:
    """The questions to answer and whether they are a batch (several, or stdin lines)."""
    words, qs = list(args.words), list(args.q or [])
    if words and qs:
        raise UsageError("give the question as words or with -q, not both", "ask")
    for q in qs:
        if not q.strip():
            raise UsageError("-q needs a question, not an empty one", "ask")
    if qs:
        return qs, len(qs) > 1
    if words == ["-"]:
        return (ln for ln in Lines(stdin) if ln.strip()), True
    if words:
        question = " ".join(words)
        if not question.strip():
            raise UsageError("the question is empty", "ask")
        return [question], False
    if isatty(stdin):
        raise UsageError("ask needs a question (as words, with -q, or one a line on stdin)", "ask")
    return (ln for ln in Lines(stdin) if ln.strip()), True


def _clean(question: str) -> str:
    """A question as typed, made printable: escape sequences (not words: "\\x1b]0;title"
    must not search for "title") and undecodable bytes of argv (as U+FFFD) go."""
    from .render import safe

    return safe(question)


def declined(question: str) -> Answer | None:
    """The reply to a line ``ask`` does not search: a chat command, or help/quit/exit alone."""
    from .api import Answer
    from .termio import is_command

    word = question.strip()
    if is_command(word):
        reason = f"{word.split()[0]} is a chat command; try `qabot chat`"
    elif word.lower() in BARE_WORDS:
        reason = f"{word!r} alone is a command word, not a question: `qabot help` for help"
    else:
        return None
    return Answer(question, "", False, None, reason, (), reason_code="chat_command")


def resume(qa: QA, args: argparse.Namespace, rec: Recorder, key: int = 0) -> list[Answer]:
    """The answers of the conversation ``-c``/``--cid`` continues, replayed (its last 20
    questions asked again, in order), so follow-ups build on it as in the chat."""
    if not (getattr(args, "continue_", False) or getattr(args, "cid", None)):
        return []
    history: list[Answer] = []
    for q in rec.resume(args.cid, key)[-20:]:
        history.append(qa.ask(q, k=args.k, history=tuple(history)))
    return history


def _emit_answer(
    args: argparse.Namespace,
    console: Console,
    qa: QA,
    answer: Answer,
    before: Sequence[Answer],
    head: str | None,
) -> str:
    """One answer in the chosen format; the text to print (streamed by the caller)."""
    from . import render

    if args.format == "json":
        return console.json_text(render.answer_json(answer, qa.analyzer)) + "\n"
    checked = render.checked(answer)
    if args.format == "answer":
        return render.safe_line(checked.answer or "") + "\n"
    if args.format == "ids":
        ids = "".join(render.safe_line(r.passage.pid) + "\n" for r in answer.results)
        return ids + ("\n" if head is not None else "")
    fit = isatty(console.out)  # ids whole off a terminal, for `qabot show` and scripts
    prev = before[-1] if before else None
    frags = render.answer_fragments(
        answer, console.width, qa.analyzer, qa.index, fit_ids=fit,
        following=render.following_names(qa.analyzer, answer, before),
        same_as_last=bool(prev is not None and answer.answer and prev.answer == answer.answer),
    )  # fmt: skip
    if head is not None:
        frags = [("class:label", "Q: "), ("", render.clip(render.safe_line(head), 200) + "\n"), *frags]
    return console.ansi(frags)


def cmd_ask(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render

    questions, batch = _questions(args, stdin)
    qa = open_qa(args, console, light=not batch)  # one question: numpy's import would dominate
    rec = Recorder(bool(args.log), str(qa.index.manifest.get("corpus", "")), console.notify)
    try:
        history = resume(qa, args, rec)
        follow = 0 in rec.cids
        turns: list[render.Turn] = []
        unanswered = 0
        paged = not batch and args.format == "text" and isatty(console.out) and bool(console.pager)
        for n, question in enumerate(questions):
            question = _clean(question)
            before = tuple(history)
            answer = declined(question) or qa.ask(
                question, k=args.k, history=before if follow else (), since=args.since, until=args.until
            )
            if answer.notice:  # the question was cut, and the like
                console.notify(f"qabot: {answer.notice}")
            if follow:
                history.append(answer)
            rec.add(answer, args.k, 0 if follow else None, light=not batch)
            if not render.checked(answer).answered:
                unanswered += 1
            if args.format == "markdown":
                turns.append(render.Turn(question, answer, 1))
                continue
            text = _emit_answer(
                args, console, qa, answer, before if follow else (), question if batch else None
            )
            if batch and n and args.format == "text":
                text = "\n" + text
            if paged:
                console.page(text)
            else:
                console.out.write(text)
                console.out.flush()
        if args.format == "markdown":
            console.page(render.session_markdown(turns, str(args.corpus or "")))
    finally:
        rec.close()
    return NO_ANSWER_EXIT if args.fail_on_no_answer and unanswered else 0


# ---------------------------------------------------------------- timeline


def cmd_timeline(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render

    topic = _clean(" ".join(args.words))
    if not topic.strip():
        raise UsageError("timeline needs a topic", "timeline")
    qa = open_qa(args, console)
    line = qa.timeline(topic, since=args.since, until=args.until)
    if line.undated:
        from .api import undated_notice

        console.notify(f"qabot: {undated_notice(line.undated)}")
    if console.json:
        console.emit_json(render.timeline_json(line))
        return 0
    console.page(console.ansi(render.timeline_fragments(line, console.width, isatty(console.out))))
    return 0


# ---------------------------------------------------------------- chat


def cmd_chat(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .repl import run

    return run(args, console, stdin)


# ---------------------------------------------------------------- index


def cmd_index(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import locate, render
    from .index import refresh

    corpus, index_dir, explicit = locate.resolve(args.corpus, args.index)
    existed = (index_dir / "manifest.json").exists()  # a first build needs no reason
    progress = progress_bar(console)
    try:
        # a rebuild that fails says FAILED (exit 1), never "up to date" over the old index
        folder, report = refresh(
            corpus,
            index_dir,
            explicit=explicit,
            notify=console.notify,
            progress=progress,
            force=args.force,
            verify=bool(getattr(args, "verify", False)),
            load_check=True,
            keep_previous=False,
        )
    finally:
        if progress is not None:
            progress.close()
    room = console.width - len("index: ") if isatty(console.out) else 10**6
    where = render.fit_path(str(folder), room)
    if report is None:
        from .index import read_manifest

        m = read_manifest(folder) or {}
        docs, passages = int(m.get("docs") or 0), int(m.get("passages") or 0)
        summary: dict[str, Any] = {"built": False, "index": str(folder), "docs": docs, "passages": passages}
        text = f"index is up to date: {render.plural(docs, 'briefing')}, {render.plural(passages, 'passage')}"
    else:
        summary = {
            "built": True,
            "rebuilt": bool(args.force),
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
        counts = f"{render.plural(report.docs, 'briefing')}, {render.plural(report.passages, 'passage')}"
        if args.force:
            text = f"rebuilt the index from scratch: {counts} in {report.seconds:.2f}s"
        else:
            why = f" ({report.reason})" if existed and report.reason else ""
            text = (
                f"indexed {counts} in {report.seconds:.2f}s{why}: {len(report.added)} added, "
                f"{len(report.changed)} changed, {len(report.removed)} removed, {report.reused} unchanged"
            )
    if console.json:
        console.emit_json(summary)
    else:
        width = console.width if isatty(console.out) else 10**6  # one line for scripts, wrapped for people
        console.write([*render.wrap(text, width), ("class:dim", f"index: {render.safe_line(where)}\n")])
    return 0


# ---------------------------------------------------------------- sources and show


def cmd_sources(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render

    qa = open_qa(args, console)
    docs = qa.index.docs
    if console.json:
        for n, d in enumerate(docs, start=1):
            console.emit_json(render.doc_json(n, d))
        return 0
    console.page(console.ansi(render.sources_fragments(docs, console.width, isatty(console.out))))
    return 0


def cmd_show(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render
    from .errors import LookupMiss

    qa = open_qa(args, console)
    ix = qa.index
    target = render.safe(" ".join(args.words))
    try:
        found = qa.lookup(target)
    except LookupMiss as exc:
        hint = ""
        if args.bare is False and len(args.words) > 1 and not any("#" in w for w in args.words):
            hint = f' (to ask a question that starts with "show": qabot ask "show {" ".join(args.words)}")'
        raise LookupMiss(f"{exc}{hint}", exc.suggestion) from None
    doc = found.doc
    if found.passage is None:
        passages, i = render.doc_passages(ix, doc), None
    else:
        assert found.index is not None
        i = found.index
        passages = [found.passage]
    if console.json:
        for p in passages:
            console.emit_json(render.passage_json(p, doc))
        return 0
    fit = isatty(console.out)
    if i is None:
        frags = render.document_fragments(ix, doc, console.width, fit)
    else:
        frags = render.passage_fragments(ix, i, console.width, fit)
    console.page(console.ansi(frags))
    return 0


# ---------------------------------------------------------------- eval


def cmd_eval(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from .evalcmd import run

    return run(args, console)


# ---------------------------------------------------------------- log


def cmd_log(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import render
    from .log import Log, log_path

    if args.path:
        print(log_path(), file=console.out)
        return 0
    book = Log()
    try:
        count = 0 if args.cid else (10 if args.count is None else args.count)
        entries = book.entries([render.safe(w) for w in args.words], count, args.cid)
    finally:
        book.close()
    if args.cid and not entries:
        from .log import LogError

        raise LogError(f"there is no conversation {args.cid} in the log")
    if console.json:
        for e in entries:
            console.emit_json(e.to_json())
        return 0
    if not entries:
        what = f" holding {' '.join(args.words)!r}" if args.words else ""
        print(f"no questions in the log{what} ({log_path()})", file=console.out)
        return 0
    console.page(console.ansi(log_fragments(entries, console.width, bool(args.cid))))
    return 0


def log_fragments(entries: Sequence[Any], width: int, full: bool) -> list[tuple[str, str]]:
    """Log entries under a line per conversation; ``full`` adds the passage ids."""
    from . import render

    frags: list[tuple[str, str]] = []
    conv = None
    for e in entries:
        if e.conversation != conv:
            if conv is not None:
                frags.append(("", "\n"))
            conv = e.conversation
            when = e.time.replace("T", " ")[:16]
            head = f"conversation {e.conversation} · {when}" + (f" · {e.corpus}" if e.corpus else "")
            frags.append(("class:dim", render.clip(render.safe_line(head), width) + "\n"))
        frags += render.wrap(
            render.safe_line(e.question), width, "    ", style="class:label", first=("", "  ")
        )
        if e.answered and e.answer:
            frags += render.wrap(render.safe_line(e.answer), width, "    ", first=("", "    "))
        else:
            frags += render.wrap(e.reason or "no answer", width, "    ", style="class:reason",
                                 first=("class:label", "    No answer: "))  # fmt: skip
        if full:
            for pid in e.passages:
                frags.append(("class:dim", "    " + render.short_id(render.safe_line(pid), width - 4) + "\n"))
    hint = "qabot -c QUESTION continues the last conversation; qabot log --cid N shows one"
    frags += [("", "\n"), *render.wrap(hint, width, style="class:dim")]
    return frags


# ---------------------------------------------------------------- help and completion


def cmd_help(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import helpgen

    if args.version:
        print(f"qabot {__version__}", file=console.out)
        return 0
    if args.man:
        console.out.write(helpgen.man_page())
        return 0
    if args.json and args.command == "help":
        console.emit_json(helpgen.help_json())
        return 0
    topic = args.words[0] if args.command == "help" and args.words else None
    if args.command != "help":
        topic = args.command if not args.bare else None
    text = helpgen.help_text(topic, console.columns)
    if text is None:
        known = ", ".join([*NAMES, *helpgen.TOPICS])
        hint = ""
        if len(args.words) > 1:  # `qabot help me understand the freeze`: a question
            hint = f' (to ask it: qabot ask "help {" ".join(args.words)}")'
        raise UsageError(f"no help on {topic!r}; topics: {known}{hint}", "help")
    console.page(text)
    return 0


def cmd_completion(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import helpgen

    shell = args.words[0]
    if shell not in helpgen.SHELLS:
        raise UsageError(f"completion is for bash, zsh or fish, not {shell!r}", "completion")
    console.out.write(helpgen.SHELLS[shell]())
    return 0


# ---------------------------------------------------------------- inspect


def cmd_inspect(args: argparse.Namespace, console: Console, stdin: TextIO) -> int:
    from . import inspectview, locate, render
    from .corpus import FileSkipped

    path = Path(args.words[0])
    if args.bench:
        from .corpus import bench

        if not (path / "golden").is_dir():
            raise FileSkipped(f"{render.safe(str(path))}: not a parse benchmark folder (no golden/ inside)")
        results = bench.run(path)
        if console.json:
            console.emit_json(bench.figures(results))
        else:
            console.page(render.safe(bench.report(results, verbose=args.verbose)))
        return 0
    if not path.is_file():
        raise FileSkipped(f"{render.safe(str(path))}: no such file")
    corpus, _, _ = locate.resolve(args.corpus, args.index)
    keys: list[tuple[str, frozenset[int]]] = []
    try:
        keys = open_qa(args, console).index.line_keys()
    except user_errors() as exc:
        console.notify(f"qabot: {render.safe(str(exc))}; lines repeated across briefings not counted")
    ins = inspectview.run(path, corpus, keys)
    if console.json:
        console.emit_json(inspectview.as_json(ins))
    else:
        console.page(render.safe(inspectview.as_text(ins, console.width)))
    return 0


HANDLERS: dict[str, Callable[[argparse.Namespace, Console, TextIO], int]] = {
    "ask": cmd_ask,
    "chat": cmd_chat,
    "timeline": cmd_timeline,
    "index": cmd_index,
    "sources": cmd_sources,
    "show": cmd_show,
    "eval": cmd_eval,
    "inspect": cmd_inspect,
    "log": cmd_log,
    "help": cmd_help,
    "completion": cmd_completion,
}
assert set(HANDLERS) == set(BY_NAME), "every command of the table has a handler"


# ---------------------------------------------------------------- main


def _streams(stdin: Any, stdout: Any, stderr: Any) -> tuple[Any, Any, Any]:
    """The three streams; a stream the shell closed (``>&-``) stands in as a
    :class:`ClosedStream`, and real ones write what their encoding lacks as escapes
    (``PYTHONIOENCODING=ascii``) instead of failing."""
    if stdout is None and stderr is None:
        for s in (sys.stdout, sys.stderr):
            with contextlib.suppress(AttributeError, ValueError, OSError):
                s.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    stdin = stdin if stdin is not None else (sys.stdin or ClosedStream("stdin"))
    out = stdout if stdout is not None else (sys.stdout or ClosedStream("stdout"))
    err = stderr if stderr is not None else sys.stderr
    if err is None:  # `2>&-`: errors cannot be shown, but they must not land in stdout
        err = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    return stdin, out, err


def _wants_json(argv: Sequence[str]) -> bool:
    words = list(argv[: argv.index("--")]) if "--" in argv else list(argv)
    return (
        "--json" in words
        or "--format=json" in words
        or any(a == "--format" and b == "json" for a, b in itertools.pairwise(words))
    )


def usage(cmd: Any) -> str:
    from .helpgen import usage as line  # only for errors: help text is not needed otherwise

    return line(cmd)


def _fail(err: TextIO, message: str, code: int, as_json: bool, usage: str | None = None) -> int:
    """Report an error in one line (or one JSON object) on stderr; return ``code``."""
    from .render import json_text, safe_line

    message = safe_line(message)
    try:
        if as_json:
            obj: dict[str, Any] = {"error": message, "exit": code}
            if usage:
                obj["usage"] = usage
            print(json_text(obj, ascii_only=True), file=err, flush=True)
        else:
            if usage:
                print(usage, file=err)
            prefix = "qabot: error:" if code != 130 else "qabot:"
            print(f"{prefix} {message}", file=err, flush=True)
    except (OSError, ValueError):
        pass  # stderr itself is gone: the exit code still tells
    return code


def run() -> NoReturn:
    """The ``qabot`` command (and ``python -m qabot``): :func:`main`, then exit.

    Before exiting, every object is moved to the collector's permanent generation
    (``gc.freeze``): the collection the interpreter runs at exit then skips the objects
    of the loaded index and lexicon, which the process's end frees anyway (about 15 ms
    of a one-shot ask). Buffers are still flushed and files closed as on any exit."""
    import gc

    code = main()
    gc.freeze()
    sys.exit(code)


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run qabot with ``argv``; return the exit code."""
    stdin, out, err = _streams(stdin, stdout, stderr)
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = _wants_json(argv)
    try:
        args = parse(argv, isatty(stdin))
    except UsageError as exc:
        cmd = BY_NAME.get(exc.command or "")
        return _fail(err, str(exc), 2, as_json, usage(cmd) if cmd else "usage: qabot [OPTIONS] QUESTION...")
    command = "help" if args.help or args.version else args.command
    try:
        if command not in ("help", "completion"):
            settle(args)
        else:
            args.color, args.pager_cmd = _light_settle(args)
        console = Console(args, out, err)
        return HANDLERS[command](args, console, stdin)
    except UsageError as exc:
        return _fail(err, str(exc), 2, as_json, usage(BY_NAME[exc.command or args.command]))
    except BadUsage as exc:  # a bad --param NAME=VALUE, a malformed --min: wrong usage
        return _fail(err, str(exc), 2, as_json, usage(BY_NAME[args.command]))
    except user_errors() as exc:
        return _fail(err, str(exc), 1, as_json)
    except BrokenPipeError:
        # the reader went away (`qabot ask ... | head`): not an error worth a traceback
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(err, f"{where}{exc.strerror or exc}", 1, as_json)
    except KeyboardInterrupt:
        return _fail(err, "interrupted", 130, as_json)
    except Exception as exc:  # a bug: one line, never a traceback
        from .render import safe_line

        message = f"internal error: {safe_line(f'{type(exc).__name__}: {exc}')} (please report)"
        if as_json:
            return _fail(err, message, 1, True)
        with contextlib.suppress(OSError, ValueError):
            print(f"qabot: {message}", file=err)
        return 1


def _light_settle(args: argparse.Namespace) -> tuple[str, str]:
    """Colour and pager for help and completion, which must work with a broken config."""
    from . import config

    return config.color_mode(args.color, os.environ, None), config.pager_command(
        bool(args.no_pager), os.environ, None
    )


def user_errors() -> tuple[type[Exception], ...]:
    """The exceptions that report a problem with the user's input or files (exit 1).

    Each names the file, folder or id at fault in its message. Anything else reaching
    :func:`main` is a bug, reported as an internal error.
    """
    from .corpus import CorpusError, FileSkipped
    from .errors import QabotError
    from .index import IndexError_

    # CorpusError, FileSkipped and IndexError_ are to derive from QabotError (ingest, index)
    return (QabotError, CorpusError, FileSkipped, IndexError_)

"""What the command line and the chat share: streams, the console, the pager, opening the index.

Both front ends import from here (never from each other): :class:`Console` says
where output goes, whether it has colour and how JSON looks; :class:`Lines` reads
stdin a line at a time (any line ending, bad bytes as U+FFFD, a bounded line length);
:func:`run_pager` pages long text; :func:`open_qa` finds, refreshes and loads the
index with a progress bar on a terminal, rebuilding it once when its files turn out
damaged. Nothing here imports prompt-toolkit or nltk, so ``qabot ask`` stays light.
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

from .commandline import MAX_K
from .errors import QabotError

if TYPE_CHECKING:
    from .api import QA
    from .progress import TerminalProgress

__all__ = ["MAX_K", "Console", "Lines", "is_command", "isatty", "open_qa", "progress_bar", "stdin_lines"]

#: A stdin line longer than this is cut while it is read (the rest up to its end is
#: skipped), so a run-away line never fills memory.
MAX_LINE_BYTES = 1 << 20


def isatty(stream: Any) -> bool:
    """Whether ``stream`` is a terminal (False for closed or fake streams)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def real_tty(stream: Any) -> bool:
    """Whether ``stream`` writes to a terminal file descriptor (a pager inherits the
    process's stdout, so a stream that only claims to be a terminal cannot be paged)."""
    try:
        return os.isatty(stream.fileno()) and stream.fileno() == 1
    except (AttributeError, ValueError, OSError):
        return False


class StreamClosed(QabotError):
    """stdin or stdout was closed when qabot started (``<&-``, ``>&-``): exit 1."""


class ClosedStream:
    """Stands in for a stream the shell closed: reading or writing it is a clear error."""

    encoding = "utf-8"

    def __init__(self, name: str) -> None:
        self.name = name

    def isatty(self) -> bool:
        return False

    def fail(self, *_: object) -> Any:
        raise StreamClosed(f"cannot use {self.name}: it is closed")

    write = read = readline = fail

    def flush(self) -> None:
        pass

    def __iter__(self) -> Iterator[str]:
        raise StreamClosed(f"cannot read {self.name}: it is closed")


class Lines:
    """stdin a line at a time, as each arrives: split at ``\\n``, ``\\r\\n`` or a lone
    ``\\r`` (so a CR-only file does not glue its questions together), undecodable bytes
    as U+FFFD, a line over :data:`MAX_LINE_BYTES` cut (``cut`` counts them).

    ``prompt`` is called before waiting for more input (the line-mode chat's prompt).
    """

    def __init__(self, stdin: Any, prompt: Callable[[], None] | None = None) -> None:
        self.stdin = stdin
        self.prompt = prompt
        self.cut = 0

    def _read(self) -> Callable[[int], bytes] | None:
        buffer = getattr(self.stdin, "buffer", None)
        if buffer is None:
            return None
        read: Callable[[int], bytes] = getattr(buffer, "read1", None) or buffer.read
        return read

    def __iter__(self) -> Iterator[str]:
        read = self._read()
        if read is None:  # a text stream without bytes underneath (tests, wrappers)
            for line in self.stdin:
                yield from line.replace("\r\n", "\n").replace("\r", "\n").splitlines()
            return
        pending = b""
        skip_lf = False  # the last chunk ended in \r: a \n starting the next belongs to it
        skipping = False  # inside a line already cut at MAX_LINE_BYTES
        while True:
            while True:
                if skip_lf and pending[:1] == b"\n":
                    pending = pending[1:]
                skip_lf = False
                ends = [i for i in (pending.find(b"\n"), pending.find(b"\r")) if i >= 0]
                if not ends:
                    break
                at = min(ends)
                line, sep, pending = pending[:at], pending[at : at + 1], pending[at + 1 :]
                if sep == b"\r":
                    if pending[:1] == b"\n":
                        pending = pending[1:]
                    elif not pending:
                        skip_lf = True
                if skipping:
                    skipping = False
                    continue
                yield line.decode("utf-8", errors="replace")
            if len(pending) > MAX_LINE_BYTES:
                if not skipping:
                    self.cut += 1
                    yield pending[:MAX_LINE_BYTES].decode("utf-8", errors="ignore")
                skipping, pending = True, b""
            if self.prompt is not None:
                self.prompt()
            try:
                chunk = read(1 << 16)
            except (ValueError, OSError) as exc:  # closed under us, or a bad descriptor
                raise StreamClosed(f"cannot read stdin: {getattr(exc, 'strerror', None) or exc}") from None
            if not chunk:
                break
            pending += chunk
        if pending and not skipping:
            yield pending.decode("utf-8", errors="replace")


def stdin_lines(stdin: Any) -> Iterator[str]:
    """Lines of stdin (:class:`Lines`)."""
    return iter(Lines(stdin))


def run_pager(command: str, text: str) -> bool:
    """Show ``text`` through ``command`` (LESS=FRX when unset, as git does); False when it
    could not run, so the caller prints the text instead."""
    import shlex
    import subprocess

    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    if not argv or not shutil.which(argv[0]):
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False
    try:
        assert proc.stdin is not None
        proc.stdin.write(text.encode("utf-8", errors="replace"))
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # the reader quit early
    while True:
        try:
            proc.wait()
            break
        except KeyboardInterrupt:  # less handles Ctrl-C itself; wait for it to finish
            continue
    return True


class Console:
    """Where output goes and how it looks.

    Colour follows ``args.color`` (auto, always, never: resolved by the CLI from
    ``--color``, FORCE_COLOR / NO_COLOR and the config); auto means a terminal whose TERM
    is not ``dumb``. JSON is one object a line, indented and coloured on a terminal.
    """

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        from .config import color_mode

        self.out, self.err = out, err
        self.json = bool(getattr(args, "json", False)) or getattr(args, "format", None) == "json"
        mode = getattr(args, "color", None)
        if getattr(args, "no_color", False) is True:
            mode = "never"
        if mode not in ("always", "never"):
            mode = color_mode(mode, os.environ, None)
        self.color = mode == "always" or (mode == "auto" and isatty(out) and os.environ.get("TERM") != "dumb")
        self.styles: dict[str, str] = dict(getattr(args, "styles", None) or {})
        self.pager: str = getattr(args, "pager_cmd", "") or ""
        self.quiet = bool(getattr(args, "quiet", False))
        size = shutil.get_terminal_size((80, 24))
        self.columns, self.rows = max(size.columns, 20), max(size.lines, 5)
        self.width = max(40, min(self.columns, 100))

    def notify(self, message: str) -> None:
        """A notice on stderr (progress, rebuilds, cut questions); none with --quiet."""
        from .render import safe

        if not self.quiet:
            print(safe(message), file=self.err, flush=True)

    def warn(self, message: str) -> None:
        """A warning on stderr, shown even with --quiet."""
        from .render import safe

        print(safe(message), file=self.err, flush=True)

    def json_text(self, obj: object, stream: Any = None) -> str:
        from . import render

        stream = stream if stream is not None else self.out
        pretty = isatty(stream)
        text = render.json_text(obj, indent=2 if pretty else None)
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):  # PYTHONIOENCODING=ascii and the like
            text = render.json_text(obj, indent=2 if pretty else None, ascii_only=True)
        if pretty and self.color and stream is self.out:
            text = render.to_ansi(render.json_fragments(text), True, self.styles)
        return text

    def emit_json(self, obj: object) -> None:
        print(self.json_text(obj), file=self.out, flush=True)

    def ansi(self, frags: Any) -> str:
        from .render import to_ansi

        return to_ansi(frags, self.color, self.styles)

    def write(self, frags: Any) -> None:
        self.out.write(self.ansi(frags))
        self.out.flush()

    def page(self, text: str) -> None:
        """Print ``text``, through the pager when stdout is a terminal it would overflow."""
        if self.pager and real_tty(self.out) and text.count("\n") >= self.rows - 1:
            self.out.flush()
            if run_pager(self.pager, text):
                return
        self.out.write(text)
        self.out.flush()


def progress_bar(console: Console) -> TerminalProgress | None:
    """A build-progress callback: a prompt-toolkit bar on a TTY, None otherwise.

    Callers ``close()`` the bar when the build is over.
    """
    if not isatty(console.err) or console.quiet:
        return None
    from .progress import TerminalProgress

    return TerminalProgress(console.err)


def is_command(line: str) -> bool:
    """A slash command is ``/`` followed by a letter (or ``?``); anything else is a question.

    The one rule for both front ends: chat runs such a line, ``qabot ask`` declines it.
    """
    s = line.strip()
    return len(s) > 1 and s[0] == "/" and (s[1].isalpha() or s[1] == "?")


def open_qa(args: argparse.Namespace, console: Console, light: bool = False) -> QA:
    """The corpus and index of ``args`` (``--corpus``/``--index``), fresh and loaded.

    A missing or stale index is built (with a progress bar on a terminal); a damaged
    one is rebuilt once from scratch (a read-only explicit ``--index`` gets a clear
    error instead). ``light``: read a small index without numpy (``qabot ask``).
    """
    from .api import QA
    from .search.params import DEFAULT

    params = DEFAULT
    cfg = getattr(args, "config", None)
    recency = getattr(cfg, "recency", None)
    if recency:  # the config's recency prior (eval opens its own QA, without it)
        import dataclasses

        params = dataclasses.replace(DEFAULT, recency_prior=recency)
    progress = progress_bar(console)
    try:
        return QA.open(args.corpus, args.index, params, notify=console.notify, progress=progress, light=light)
    finally:
        if progress is not None:
            progress.close()

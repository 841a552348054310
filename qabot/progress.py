"""A prompt-toolkit progress bar for index builds (only ever used on a TTY)."""

from __future__ import annotations

from typing import Any, TextIO


class TerminalProgress:
    """Callable ``(done, total, label)``; draws a bar on stderr with files done and ETA."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._bar: Any = None
        self._counter: Any = None

    def __call__(self, done: int, total: int, label: str) -> None:
        if self._bar is None:
            from prompt_toolkit.output import create_output
            from prompt_toolkit.shortcuts import ProgressBar

            self._bar = ProgressBar(title="qabot: indexing briefings", output=create_output(self.stream))
            self._bar.__enter__()
            self._counter = self._bar(label="files", total=total)
        self._counter.items_completed = done
        self._counter.label = "writing" if done >= total else "files"
        self._bar.invalidate()

    def close(self) -> None:
        if self._bar is not None:
            if self._counter is not None:
                self._counter.done = True
            self._bar.__exit__(None, None, None)
            self._bar = None

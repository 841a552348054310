"""The bottom toolbar: what is loaded, k, and what a follow-up would build on.

It fits the whole terminal row (never a fixed 100 columns) by dropping whole parts —
names of the follow-up first, then the ``/help`` hint — instead of cutting a word.
The corpus is shown short: "2 briefings" for the shipped ones, else the folder's name.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..api import Answer
from ..render import Fragments, plural, safe_line


def following(last: Answer | None, limit: int = 4) -> str:
    """``"Beijing, Kim"``: the entities of the last answer, or "" when there are none."""
    if last is None:
        return ""
    names = [safe_line(e) for e in dict.fromkeys(last.entities) if e.strip()]
    if len(names) > limit:
        names = [*names[:limit], "…"]
    return ", ".join(names)


def _length(frags: Fragments) -> int:
    return sum(len(t) for _, t in frags)


def toolbar_fragments(
    corpus: str,
    k: int,
    history: Sequence[Answer],
    width: int = 80,
    docs: int | None = None,
    window: str = "",
) -> Fragments:
    """`` notes/ · 12 briefings · k=3 · since 2019-02 · following: Beijing, Kim · /help``,
    fitted to ``width`` (``window``: the chat's /since and /until, kept before the names)."""
    what = " · ".join(
        p for p in (safe_line(corpus), plural(docs, "briefing") if docs is not None else "") if p
    )
    head: Fragments = [("class:toolbar", f" {what}" if what else ""), ("class:toolbar.key", " · k="),
                       ("class:toolbar", str(k))]  # fmt: skip
    if window:
        head += [("class:toolbar.key", " · "), ("class:toolbar", safe_line(window))]
    last = history[-1] if history else None
    names = [safe_line(e) for e in dict.fromkeys(last.entities) if e.strip()] if last else []
    tail: Fragments = [("class:toolbar.key", " · /help ")]
    for keep in range(len(names), -1, -1):  # as many whole names as fit
        if names:
            shown = ", ".join(names[:keep]) + (", …" if keep < len(names) else "")
            if keep == 0:
                shown = "…"
            mid: Fragments = [("class:toolbar.key", " · following: "), ("class:toolbar.follow", shown)]
        elif history:
            mid = [
                ("class:toolbar.key", " · following: "),
                ("class:toolbar", plural(len(history), "earlier turn")),
            ]
        else:
            mid = [("class:toolbar.key", " · "), ("class:toolbar", "new conversation")]
        for t in (tail, []):
            frags = head + mid + t
            if _length(frags) <= width:
                return frags
        if not names:
            break
    frags = head
    return frags if _length(frags) <= width else [("class:toolbar", f" k={k}")]

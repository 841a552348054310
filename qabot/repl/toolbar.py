"""The bottom toolbar: corpus, k, and what a follow-up would build on."""

from __future__ import annotations

from collections.abc import Sequence

from ..api import Answer
from ..render import Fragments, safe


def following(last: Answer | None, limit: int = 4) -> str:
    """``"Beijing, Kim"``: the entities of the last answer, or "" when there are none."""
    if last is None:
        return ""
    names = [safe(e) for e in dict.fromkeys(last.entities) if e.strip()]
    if len(names) > limit:
        names = [*names[:limit], "…"]
    return ", ".join(names)


def toolbar_fragments(corpus: str, k: int, history: Sequence[Answer], width: int = 80) -> Fragments:
    """`` corpus: corpus/ · k=3 · following: Beijing, Kim · /help``, cut to ``width``."""
    last = history[-1] if history else None
    frags: Fragments = [
        ("class:toolbar.key", " corpus: "),
        ("class:toolbar", safe(corpus)),
        ("class:toolbar.key", " · k="),
        ("class:toolbar", str(k)),
    ]
    follow = following(last)
    if follow:
        frags += [("class:toolbar.key", " · following: "), ("class:toolbar.follow", follow)]
    elif history:
        turns = f"{len(history)} earlier turn{'s' if len(history) != 1 else ''}"
        frags += [("class:toolbar.key", " · following: "), ("class:toolbar", turns)]
    else:
        frags += [("class:toolbar.key", " · "), ("class:toolbar", "new conversation")]
    frags.append(("class:toolbar.key", " · /help "))
    # keep it on one line
    out: Fragments = []
    used = 0
    for style, text in frags:
        if used + len(text) > width:
            out.append((style, text[: max(0, width - used - 1)] + "…"))
            break
        out.append((style, text))
        used += len(text)
    return out

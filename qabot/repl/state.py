"""What an interactive chat keeps between sessions besides its input history: the last /k.

``$XDG_STATE_HOME/qabot/chat.json`` (``$QABOT_HOME/state/chat.json``). A chat started
without ``-k`` uses the k of the last ``/k``, before the config's ``k``: the last
choice made in a chat is the one the next chat should keep. Piped chats (scripts)
neither read nor write it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .. import locate
from ..commandline import MAX_K


def _path() -> Path:
    return locate.state_dir() / "chat.json"


def remembered_k() -> int | None:
    """The k of the last ``/k`` of an interactive chat, if any (a bad file counts as none)."""
    try:
        data = json.loads(_path().read_text("utf-8"))
    except (OSError, ValueError, locate.PlaceError):
        return None
    k = data.get("k") if isinstance(data, dict) else None
    return k if isinstance(k, int) and not isinstance(k, bool) and 1 <= k <= MAX_K else None


def remember_k(k: int) -> None:
    """Keep ``k`` for later chats; quietly nothing when the state folder cannot be written."""
    try:
        path = _path()
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".chat.json.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"k": k}), encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, locate.PlaceError):
        pass

"""Key bindings for the chat prompt (Emacs editing keys come with prompt-toolkit).

- Ctrl-C clears a half-typed line and keeps the session; on an empty line it only
  reminds how to leave. (Ctrl-C during a search is a KeyboardInterrupt that the loop
  turns into "cancelled".)
- Ctrl-D on an empty line leaves; elsewhere it deletes the character under the cursor.
- Ctrl-L clears the screen and redraws the prompt.
"""

from __future__ import annotations

from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

#: What the prompt returns when Ctrl-C is pressed on an empty line.
CTRL_C_EMPTY = "\x03"


def key_bindings() -> KeyBindings:
    kb = KeyBindings()

    @Condition
    def empty() -> bool:
        from prompt_toolkit.application.current import get_app

        return not get_app().current_buffer.text

    @kb.add("c-c", eager=True)
    def _clear(event: KeyPressEvent) -> None:
        buf = event.current_buffer
        if buf.text:
            buf.reset()  # clear the line, keep the session
        else:
            event.app.exit(result=CTRL_C_EMPTY)

    @kb.add("c-d", filter=empty, eager=True)
    def _leave(event: KeyPressEvent) -> None:
        event.app.exit(exception=EOFError)

    @kb.add("c-l")
    def _clear_screen(event: KeyPressEvent) -> None:
        event.app.renderer.clear()

    return kb

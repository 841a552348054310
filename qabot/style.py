"""The colours of qabot's output: style classes, their defaults, and ANSI codes for them.

One vocabulary for both faces: ``ask`` turns a class into ANSI SGR codes
(:func:`sgr`), the chat hands the same strings to prompt-toolkit, and the config
file's ``[style]`` table overrides them (checked here, so a typo is an error naming
the key). Style strings use prompt-toolkit's words: ``bold``, ``italic``,
``underline``, ``reverse``, ``ansired`` … ``ansibrightwhite``, ``bg:ansiblue``,
``#ff8800``, ``bg:#203040``.
"""

from __future__ import annotations

STYLES: dict[str, str] = {
    "answer": "bold",
    "label": "bold",
    "rank": "bold",
    "cite": "ansicyan",
    "match": "bold ansiyellow",
    "dim": "ansibrightblack",
    "reason": "ansiyellow",
    "error": "ansired",
    "json-key": "bold ansiblue",
    "json-string": "ansigreen",
    "json-number": "ansicyan",
    "json-literal": "ansimagenta",
}
_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_WORDS = {
    "bold": "1",
    "italic": "3",
    "underline": "4",
    "reverse": "7",
    **{f"ansi{c}": str(30 + i) for i, c in enumerate(_COLOURS)},
    **{f"ansibright{c}": str(90 + i) for i, c in enumerate(_COLOURS)},
    **{f"bg:ansi{c}": str(40 + i) for i, c in enumerate(_COLOURS)},
    **{f"bg:ansibright{c}": str(100 + i) for i, c in enumerate(_COLOURS)},
}


def _hex(word: str) -> str | None:
    """``#rrggbb`` / ``bg:#rrggbb`` as 24-bit SGR codes; None when ``word`` is not one."""
    bg, _, rgb = word.rpartition(":")
    if bg not in ("", "bg") or len(rgb) != 7 or rgb[0] != "#":
        return None
    try:
        r, g, b = (int(rgb[i : i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return None
    return f"{48 if bg else 38};2;{r};{g};{b}"


def sgr(style: str) -> str:
    """The SGR parameters of a style string (``"bold ansiyellow"`` -> ``"1;33"``).

    Raises ValueError naming the first word it does not know.
    """
    codes = []
    for word in style.split():
        code = _WORDS.get(word) or _hex(word)
        if code is None:
            raise ValueError(f"unknown style word {word!r} (use e.g. bold, ansired, bg:ansiblue, #ff8800)")
        codes.append(code)
    return ";".join(codes)


def merged(overrides: dict[str, str]) -> dict[str, str]:
    """The default styles with the config's ``[style]`` table on top."""
    return {**STYLES, **overrides}

"""User text made safe to show: no control character ever reaches a terminal.

Text typed by the user or read from a file (a reflection, a customer's name, an
imported loss reason) may hold terminal control sequences: `ESC ] 0;title BEL`
retitles the window, `ESC [2J` clears it, OSC 52 writes the clipboard. Every
place that shows such text passes it through `shown` (a block: newline and
tab kept) or `one_line` (a name or a heading: newline and tab made visible too).

A C0 control (and DEL) is shown as its Unicode control picture (ESC as "␛",
BEL as "␇"), a C1 control (U+0080..U+009F, which some terminals obey in UTF-8)
as "<U+009B>", and the characters that reorder text on screen (bidi overrides
and isolates) the same way: visible, never obeyed, and never silently dropped.

`clean` is for text coming *into* the data (an import): it removes the
controls, keeping newline and tab, and says how many it removed.
"""

from __future__ import annotations

import re

# C0 (but newline and tab) + DEL, C1, line/paragraph separators, bidi controls.
_BLOCK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def shown(text: str) -> str:
    """`text` with every control character but newline and tab made visible."""
    return _BLOCK.sub(_picture, text)


def one_line(text: str) -> str:
    """`text` as one line: every control character, newline and tab too, made visible."""
    return _LINE.sub(_picture, text)


def safe_json(dumped: str) -> str:
    """JSON text (from json.dumps) with the controls JSON leaves raw escaped as \\uXXXX.

    json.dumps(ensure_ascii=False) escapes only U+0000..U+001F; DEL, the C1
    controls and the bidi controls would reach the terminal. Escaping them
    keeps the JSON valid and its values exactly the same.
    """
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def has_controls(text: str) -> bool:
    return _BLOCK.search(text) is not None


def clean(text: str) -> tuple[str, int]:
    """`text` without control characters (newline and tab kept), and how many went."""
    cleaned, count = _BLOCK.subn("", text)
    return cleaned, count


def count_controls(value: object) -> int:
    """How many texts in a JSON-like value (keys too) hold control characters."""
    if isinstance(value, str):
        return int(has_controls(value))
    if isinstance(value, dict):
        return sum(count_controls(k) + count_controls(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(count_controls(v) for v in value)
    return 0

"""No control character from user text reaches the terminal, in any widget.

Textual's Content and Rich's Text drop five control codes (BEL, BS, VT, FF, CR)
from every text they are given, but pass ESC and the rest through: a reflection
or an imported customer name holding `ESC ] 0;title` would retitle the window.
`make_terminal_safe` widens both tables, in place and once, so every C0 control
but tab and newline, DEL and the C1 controls are shown as a visible one-cell
symbol (the control pictures of coach.core.text: ESC as "␛"; U+FFFD for C1).
One cell for one character keeps every style span where it was. Textual itself
never puts a control character in text (it styles with spans), so nothing of
coach's own drawing changes. textual is pinned (pyproject), and a test checks
that both tables are still where this expects them.
"""

from __future__ import annotations

import rich.control
import rich.text
import textual.content

KEPT = {9, 10}  # tab and newline: the widgets lay them out
DROPPED = {13}  # carriage return: dropped, as Textual and Rich already do


def _visible(code: int) -> str | None:
    if code in DROPPED:
        return None
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟, ESC as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # a C1 control, which some terminals obey in UTF-8


TABLE: dict[int, str | None] = {
    code: _visible(code) for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if code not in KEPT
}


def make_terminal_safe() -> None:
    """Widen Textual's and Rich's control-code tables (idempotent)."""
    for table in (
        textual.content._CONTROL_STRIP_TRANSLATE,
        rich.control._CONTROL_STRIP_TRANSLATE,
    ):
        table.update(TABLE)  # type: ignore[arg-type]
    assert rich.text.strip_control_codes is rich.control.strip_control_codes

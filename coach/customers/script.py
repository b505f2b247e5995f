"""A short call script for the context card: open, add value, ask what more you can do.

One line of each part a day, each from its own content pool on the user's own
rotation (coach.content.rotation), so the words change from call to call but
stay the same all day. Every line keeps its content item, and so its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.content import rotation
from coach.content.library import Item
from coach.session import Coach

PARTS: tuple[tuple[str, str], ...] = (
    ("Open", "call-script-open"),
    ("Add value", "call-script-value"),
    ("Ask", "call-script-ask"),
)


@dataclass(frozen=True)
class ScriptLine:
    part: str  # "Open", "Add value", "Ask"
    item: Item

    @property
    def text(self) -> str:
        return self.item.text

    @property
    def source(self) -> str:
        return self.item.source_line


def call_script(coach: Coach, day: date) -> tuple[ScriptLine, ...]:
    """Today's script, one line per part (a part with no content is left out).

    May store the rotation's anchor (a small write): call it off the UI thread.
    """
    lines = []
    for part, pool in PARTS:
        item = rotation.pick_for(coach, pool, day)  # its record saved on the app's queue
        if item is not None:
            lines.append(ScriptLine(part, item))
    return tuple(lines)

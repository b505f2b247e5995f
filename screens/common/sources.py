"""How a screen credits a piece of content: "From <its sources>", muted and in italics."""

from __future__ import annotations

from textual.content import Content

from coach.content.library import Item

MUTED = "$foreground-muted"  # not $text-muted, whose auto colour a Content style shows white


def source_line(item: Item | None, muted: str = MUTED) -> Content:
    """The item's sources after "From " (nothing without an item), in the `muted` colour."""
    if item is None:
        return Content("")
    return Content.assemble(("From ", muted), (item.source_line, f"italic {muted}"))

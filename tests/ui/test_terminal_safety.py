"""User text never drives the terminal: control characters are shown, never sent."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.content import Content

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.journal.reflections import save_reflection
from coach.session import open_coach
from screens.app import make_app
from screens.common.terminal_safety import make_terminal_safe
from tests.ui.helpers import wait_for

HOSTILE = "Title \x1b]0;pwned\x07 clear \x1b[2J clip \x1b]52;c;aGk=\x07 c1 \x9b31m end"


def test_content_and_text_show_every_control_as_one_visible_cell() -> None:
    make_terminal_safe()
    for plain in (Content(HOSTILE).plain, Text(HOSTILE).plain):
        assert "\x1b" not in plain and "\x9b" not in plain and "\x07" not in plain
        assert "␛]0;pwned" in plain and "␛[2J" in plain and "\ufffd31m" in plain
    assert Content("tab\tand\nnewline").plain == "tab\tand\nnewline"
    assert len(Content("a\x1bb").plain) == 3  # one cell for one character: spans stay put


async def test_a_hostile_reflection_shows_literally_in_history(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    coach = open_coach(data_dir, clock=clock, library=library)
    save_reflection(coach, coach.today(), HOSTILE, None, mood=3)
    app = make_app(data_dir, clock=clock, library=library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("y")

        def shown() -> str:
            return app.export_screenshot()  # what the terminal would be sent, as SVG text

        await wait_for(pilot, lambda: "pwned" in shown(), "the entry in History")
        text = shown()
        assert "␛]0;pwned" in text and "\x1b" not in text and "\x9b" not in text

"""One muted colour: credits ("From <sources>") and quiet words look the same on every screen.

In a Content style `$text-muted` is Textual's "auto 60%", which Content does not resolve: it
renders as bright white, brighter than the text it should sit under. Screens write
`$foreground-muted` (screens/common/sources.py MUTED); .tcss rules keep `color: $text-muted`,
which CSS resolves.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rich.color import Color
from textual.widget import Widget

from coach.loss.losses import add_loss
from screens.app import CoachApp
from screens.loss.loss import LossScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, wait_for

SCREENS = Path(__file__).parents[2] / "screens"
QUOTED_AUTO = re.compile(r"""["'][^"']*\$text-muted[^"']*["']""")


def colour_of(widget: Widget, text: str) -> Color | None:
    """The colour of the first segment of the widget's lines that starts with `text`."""
    for y in range(widget.region.height):
        for segment in widget.render_line(y):
            if segment.text.startswith(text) and segment.style is not None:
                return segment.style.color
    raise AssertionError(f"{text!r} not shown in {widget!r}")


async def test_routine_and_loss_screens_credit_their_sources_in_one_muted_colour(
    app: CoachApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        assert app.coach is not None
        add_loss(app.coach, "Acme", date(2026, 11, 17), ["merger"])
        today_credit = colour_of(app.screen.query_one(".pane-source"), "From")
        today_text = colour_of(app.screen.query_one(".pane-title"), "Take a walk")
        await pilot.press("l")
        await settle(pilot)
        await wait_for(pilot, lambda: isinstance(app.screen, LossScreen), "the Loss screen")
        loss_credit = colour_of(app.screen.query_one("#loss-source"), "From")
    assert today_credit == loss_credit
    assert today_credit is not None and today_credit.triplet is not None
    assert today_credit != today_text
    assert max(today_credit.triplet) < 200  # muted: not the white an unresolved "auto" gives


def test_no_screen_styles_content_with_the_auto_colour() -> None:
    offenders = [
        f"{path.relative_to(SCREENS.parent)}:{number}"
        for path in sorted(SCREENS.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if QUOTED_AUTO.search(line)  # a style string; a DEFAULT_CSS rule is CSS, resolved
    ]
    assert offenders == [], "use $foreground-muted in Content styles (see the module docstring)"


async def test_an_archived_customer_is_muted_in_the_table(app: CoachApp) -> None:
    from rich.style import Style
    from rich.text import Text
    from textual.widgets import DataTable

    from coach.customers.customers import CustomerFields, add_customer, set_archived
    from screens.customers.customers import CustomersScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        assert app.coach is not None
        set_archived(app.coach, add_customer(app.coach, CustomerFields("Ann Lee")).id, True)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CustomersScreen), "Customers")
        await pilot.press("v")  # show the archived
        table = app.screen.query_one("#customer-table", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1, "the archived row")
        name = table.get_row_at(0)[0]
        assert isinstance(name, Text)
        colour = Style.parse(str(name.style)).color  # Rich can read it (it drops what it cannot)
        assert colour is not None and colour.triplet is not None
        assert max(colour.triplet) < 200

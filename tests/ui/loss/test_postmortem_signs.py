"""Pilot: the post-mortem asks which warning signs you missed; ticks are kept with the loss."""

from __future__ import annotations

from datetime import date

from textual.widgets import SelectionList

from coach.core.signs import WarningSign
from coach.loss import postmortem
from coach.loss.losses import add_loss, get_loss
from coach.session import Coach
from screens.app import CoachApp, make_app
from screens.loss.postmortem import SIGNS_STEP, PostmortemScreen
from tests.ui.helpers import settle, wait_for


async def test_missed_signs_are_ticked_saved_and_shown_again(app: CoachApp, coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["communication"])
    postmortem.set_position(coach, loss.id, SIGNS_STEP)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PostmortemScreen(loss.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PostmortemScreen) and screen.step == SIGNS_STEP
        signs = screen.query_one("#pm-signs", SelectionList)
        assert signs.display and not signs.selected
        signs.focus()
        await pilot.press("space")  # the first: went quiet for weeks
        await pilot.press("down", "down", "down", "space")  # complaints
        await wait_for(pilot, lambda: len(signs.selected) == 2, "two ticks")
        await settle(pilot)
        assert get_loss(coach, loss.id).missed_signs == (
            WarningSign.WENT_QUIET,
            WarningSign.COMPLAINTS,
        )
        # other steps do not ask
        await pilot.press("ctrl+n")
        assert not signs.display

    app2 = make_app(app.folder, clock=coach.clock, library=coach.library)  # a new session
    app2.BACKUP_DELAY = 3600
    async with app2.run_test(size=(80, 24)) as pilot:
        await app2.push_screen(PostmortemScreen(loss.id))
        await settle(pilot)
        await pilot.press("ctrl+b")  # back to the signs step
        shown = app2.screen.query_one("#pm-signs", SelectionList)
        assert shown.display
        assert set(shown.selected) == {"went-quiet", "complaints"}
        shown.focus()
        await pilot.press("space")  # untick went quiet
        await settle(pilot)
    assert get_loss(coach, loss.id).missed_signs == (WarningSign.COMPLAINTS,)

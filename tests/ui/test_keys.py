"""Finding your way: `?` and F1 open a list of every key; the Footer at 80 columns leads with it."""

from __future__ import annotations

import re

from textual.widgets import Static

from coach.core.config import config_path
from screens.app import CoachApp
from screens.journal.thought import ThoughtScreen
from screens.loss.loss import LossScreen
from screens.shell.keys import KeysScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import wait_for


def keys_text(app: CoachApp) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


async def test_question_mark_and_f1_list_every_screens_keys(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys screen")
        text = keys_text(app)
        for line in ("l  ", "Loss", "Reflect", "Customers", "Progress", "History", "Settings"):
            assert line in text
        assert "Rest today" in text  # Progress's own key
        assert "Log a help" in text  # Challenge's
        assert "Thought record" in text  # a screen opened from others (LINKS) too
        assert re.search(r"\^q +Quit", text)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "back on Today")
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys screen (F1)")
        await pilot.press("f1")
        await wait_for(pilot, lambda: not isinstance(app.screen, KeysScreen), "closed again")


async def test_the_keys_screen_shows_a_remapped_key(app: CoachApp) -> None:
    config_path().parent.mkdir(parents=True)
    config_path().write_text('[keymap]\n"go.walk" = "W"\n')
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, KeysScreen), "the keys screen")
        assert re.search(r"^  W +Walk$", keys_text(app), re.MULTILINE)


def footer_shown(app: CoachApp) -> list[str]:
    """The descriptions the Footer shows in full, left of the palette key."""
    from textual.widgets._footer import FooterKey

    keys = list(app.screen.query(FooterKey))
    palette = next((k for k in keys if "-command-palette" in k.classes), None)
    if palette is None or not palette.region.width:
        return []  # the Footer has not laid out yet (a loaded machine)
    return [
        k.description
        for k in keys
        if k is not palette and k.region.width and k.region.right <= palette.region.x
    ]


async def test_the_footer_at_80_columns_leads_with_keys_and_loss(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")

        def shown() -> list[str]:
            return footer_shown(app)

        await wait_for(pilot, lambda: bool(shown()), "the Footer laid out")
        # after Today's own keys: the keys screen (which lists the rest), then the loss
        assert shown()[-2:] == ["Keys", "Loss"]


async def test_tools_on_the_loss_screen_and_delete_on_a_thought_record_are_in_the_footer(
    app: CoachApp,
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, LossScreen), "the Loss screen")
        await wait_for(pilot, lambda: "Tools" in footer_shown(app), "o Tools in the Footer")
        assert footer_shown(app)[-1] == "Keys"  # still there at 80 columns: it lists the rest
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "back on Today")
        await pilot.press("r")  # Reflect, where ctrl+r opens a thought record
        await wait_for(pilot, lambda: not isinstance(app.screen, TodayScreen), "Reflect")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ThoughtScreen), "a thought record")
        await wait_for(pilot, lambda: "Delete" in footer_shown(app), "ctrl+delete in the Footer")
        assert "Keys" in footer_shown(app)

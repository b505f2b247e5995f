"""Type-ahead: keys typed straight after a key that moves focus, saves or opens a screen.

Each test presses its keys in one burst (`helpers.burst`), with no pause between them,
as a fast typist (or a pasted burst) sends them, and checks what reached the disk.
Textual runs non-priority bindings (enter on a list, ctrl+s, a screen's letter)
only once the key has bubbled back up to the app, and `focus()` waits a turn:
without `screens.shell.key_order` the keys behind such a key went to the old focus.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from coach.journal import reflections
from coach.journal.drafts import all_drafts
from coach.journal.reflections import reflections_between
from coach.loss.losses import add_loss, all_losses
from coach.routine.today import build_today
from screens.app import CoachApp
from screens.loss.postmortem import PostmortemScreen
from screens.today.today import TodayScreen
from tests.conftest import Reopen
from tests.ui.helpers import burst, drafts_saved, settle, wait_for


async def on_reflect_step(app: CoachApp, pilot: Pilot[int]) -> None:
    """Today, with Reflect highlighted in the step list (the list has the focus)."""
    assert isinstance(app.screen, TodayScreen)
    app.screen.select_step("reflect")
    await pilot.pause()


async def test_keys_after_enter_on_the_step_list_go_to_the_pane(
    reopen: Reopen, app: CoachApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await on_reflect_step(app, pilot)
        # m, n and space are Today's bindings: typed into the step list they would
        # start the morning, skip and tick a step
        burst(pilot, "enter", *"my notes ", "ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
    coach = reopen()
    [entry] = reflections_between(coach)
    assert entry.text == "my notes "
    assert [s.id for s in build_today(coach).steps if s.done] == ["reflect"]


async def test_keys_after_ctrl_s_stay_unsaved_and_are_kept(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await on_reflect_step(app, pilot)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: app.focused is not None and app.focused.id == "answer", "the answer"
        )
        burst(pilot, *"went", "ctrl+s", *"ty more")
        await settle(pilot)
        assert "not saved yet" in str(app.screen.query_one(".save-state").render())
        await drafts_saved(pilot)
        await pilot.press("ctrl+q")
    coach = reopen()
    [entry] = reflections_between(coach)
    assert entry.text == "went"  # what was in the field at ctrl+s, no more
    # what was typed after is not lost: it waits as the draft of the next save
    assert [d.text for d in all_drafts(coach)] == ["wentty more"]


@pytest.mark.parametrize("key_timeout", [None, 0.001], ids=["usual", "every-key-slow"])
async def test_keys_after_a_screen_opens_go_to_it(
    reopen: Reopen, app: CoachApp, monkeypatch: pytest.MonkeyPatch, key_timeout: float | None
) -> None:
    """Keys typed behind one that opens a screen go to that screen ("acts" was saved for
    "Facts"). A loaded machine can take more than KEY_TIMEOUT to open it: the keys
    behind still wait while the key's widget is there ("every-key-slow")."""
    from screens.shell import key_order

    if key_timeout is not None:
        monkeypatch.setattr(key_order, "KEY_TIMEOUT", key_timeout)
    coach = reopen()
    add_loss(coach, "Acme", date(2026, 11, 12), ["price"])
    app.BACKUP_DELAY = 3600
    async with app.run_test(size=(80, 24)) as pilot:
        burst(pilot, "l", "m", *"Facts first")
        await wait_for(pilot, lambda: isinstance(app.screen, PostmortemScreen), "the post-mortem")
        await pilot.press("escape")  # leaving saves the answer
        await settle(pilot)
        await pilot.press("ctrl+q")
    [loss] = all_losses(reopen())
    assert loss.postmortem.get("facts") == "Facts first"


async def test_keys_typed_while_the_reflection_saves_stay_unsaved(
    app: CoachApp,
    reopen: Reopen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """mark_saved records the text that was saved, not what the field holds when it lands."""
    started, go_on = threading.Event(), threading.Event()
    real_save = reflections.save_reflection

    def held_save(*args: object, **kwargs: object) -> reflections.Reflection:
        started.set()
        go_on.wait(30)  # released below, once the keys typed meanwhile are in the field
        return real_save(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reflections, "save_reflection", held_save)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_reflect_step(app, pilot)
        burst(pilot, "enter", *"went", "ctrl+s")
        await wait_for(pilot, started.is_set, "the reflection save to start")
        burst(pilot, *"ty more")
        answer = app.screen.query_one("#answer", TextArea)
        await wait_for(pilot, lambda: answer.text == "wentty more", "the keys typed meanwhile")
        go_on.set()
        await settle(pilot)
        assert answer.text == "wentty more"  # a reload after the save kept the field
        assert "not saved yet" in str(app.screen.query_one(".save-state").render())
        await pilot.press("ctrl+q")  # quitting keeps the rest as the draft
    coach = reopen()
    [entry] = reflections_between(coach)
    assert entry.text == "went"
    assert [d.text for d in all_drafts(coach)] == ["wentty more"]

"""A save that fails in the app: the text being typed stays in its field, the error shows."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from coach.routine import today as routine
from coach.session import Coach
from screens.app import CoachApp
from screens.today.reflect_pane import ReflectPane
from screens.today.today import TodayScreen
from tests.faults.helpers import ERRORS, inject, snapshot, temps
from tests.ui.helpers import drafts_saved, settle


@pytest.mark.parametrize(("call", "error"), [("write", "ENOSPC"), ("fsync", "EIO")])
async def test_a_failed_save_keeps_the_typed_text(
    app: CoachApp, coach: Coach, monkeypatch: pytest.MonkeyPatch, call: str, error: str
) -> None:
    routine.set_done(coach, coach.today(), "walk")  # something on disk to keep
    typed = "What I learned: ask earlier."
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TodayScreen)
        folder = app.folder
        assert snapshot(folder)
        app.screen.select_step("reflect")
        await pilot.pause()
        app.screen.query_one("#pane-reflect", ReflectPane).focus_first()
        await pilot.press(*typed)
        # the draft's autosave may land before the failing save (a slow machine): wait for it
        await drafts_saved(pilot)
        before = snapshot(folder)
        inject(monkeypatch, call, ERRORS[error])
        await pilot.press("ctrl+s")
        await settle(pilot)
        area = app.screen.query_one("#answer", TextArea)
        assert area.text == typed
        messages = [f"{n.title} {n.message}" for n in app._notifications]
        assert any("Could not save" in m and "nothing was changed" in m for m in messages)
        assert snapshot(folder) == before
        assert not temps(folder)
        # the disk recovers: the same text saves
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert area.text == typed
    assert any(typed in v.decode() for v in snapshot(folder).values())

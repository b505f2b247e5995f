"""Threads calling back into the app (saves, workers) once it is gone."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Callable
from concurrent.futures import Future

import pytest

from coach.core.errors import StoreWriteError
from screens.app import CoachApp
from screens.messages import SaveKind


def test_a_callback_after_the_loop_closed_is_refused_with_no_stray_coroutine(
    app: CoachApp,
) -> None:
    loop = asyncio.new_event_loop()
    loop.close()
    app._loop = loop  # as after the app ran: its loop is closed, a save finishes late
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with pytest.raises(RuntimeError, match="App is not running"):
            app.call_from_thread(print, "late")
        gc.collect()
    assert not [w for w in seen if "never awaited" in str(w.message)]


async def test_the_save_queue_stops_when_a_test_leaves_the_app(app: CoachApp) -> None:
    """Leaving run_test without quitting lets the app go: its saves thread ends."""
    async with app.run_test() as pilot:
        await pilot.pause()
        thread = app.saves._thread
        assert thread.is_alive()
    thread.join(5)
    assert not thread.is_alive()


async def test_a_save_that_fails_before_its_callback_is_attached_is_still_said(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save can finish (here: fail at once) before `save` attaches its callback: the
    callback then runs on the UI thread, and the failure is shown all the same."""

    def at_once(job: Callable[[], object]) -> Future[object]:
        future: Future[object] = Future()
        try:
            future.set_result(job())
        except Exception as exc:
            future.set_exception(exc)
        return future

    async with app.run_test() as pilot:
        await pilot.pause()
        monkeypatch.setattr(app.saves, "submit", at_once)

        def refused(_: object) -> None:
            raise StoreWriteError("coach.json", "the disk is full")

        app.save(SaveKind.REFLECTION, refused)
        await pilot.pause()
        messages = [f"{n.title} {n.message}" for n in app._notifications]
        assert any("Could not save" in m and "disk is full" in m for m in messages)

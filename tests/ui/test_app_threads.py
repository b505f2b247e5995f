"""Threads calling back into the app (saves, workers) once it is gone."""

from __future__ import annotations

import asyncio
import gc
import warnings

import pytest

from screens.app import CoachApp


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

"""Every way out: ctrl+q, SIGTERM and SIGHUP while typing keep every saved entry.

The app's saves run on an ordered queue off the UI thread; quitting by any
route drains it first. The Pilot tests hold the disk (fsync waits until the
test lets it go) so that saves are really pending when the user types on, quits
or the signal arrives, on an idle machine or a loaded one; the pty tests run the
real `coach` process and signal it from outside.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from coach.content.library import Library
from coach.core import atomic as atomic_module
from coach.core.clock import FixedClock
from coach.journal.drafts import all_drafts
from coach.journal.reflections import reflections_between
from coach.routine.today import build_today
from coach.session import open_coach
from screens.app import CoachApp
from screens.today.today import TodayScreen
from tests.conftest import Reopen
from tests.faults.pty_helper import Terminal

WAIT = 30.0  # seconds: a generous bound on a condition, never a pause


def stuck_disk(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The store's fsync waits until the test sets the returned event."""
    gate = threading.Event()
    real = os.fsync

    def stuck(fd: int) -> None:
        if not gate.wait(WAIT):
            raise OSError(5, "the test never let the disk go")
        real(fd)

    monkeypatch.setattr(atomic_module.os, "fsync", stuck)
    return gate


async def wait_until(condition: Callable[[], bool], what: str) -> None:
    """Let the event loop run until `condition()`; fail naming `what` after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen in {WAIT:.0f} s")
        await asyncio.sleep(0.01)


def notices(app: CoachApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def open_reflect(app: CoachApp, pilot: Pilot[int]) -> TextArea:
    assert isinstance(app.screen, TodayScreen)
    app.screen.select_step("reflect")
    await pilot.pause()
    app.screen.query_one("#pane-reflect").focus_first()  # type: ignore[attr-defined]
    return app.screen.query_one("#answer", TextArea)


async def quit_while_stuck(app: CoachApp, pilot: Pilot[int]) -> TextArea:
    """Tick the walk (its save sticks on the disk), type "written" on Reflect, then ctrl+q;
    wait for the notice that the quit waits on the saves. Returns the answer field."""
    await pilot.press("space")
    area = await open_reflect(app, pilot)
    await pilot.press(*"written", "ctrl+q")
    # the UI loop still runs: the notice comes up while the disk is stuck
    await wait_until(lambda: "Saving what you wrote" in notices(app), "the saving notice")
    return area


async def test_typing_fast_while_saves_are_pending_loses_nothing(
    app: CoachApp,
    reopen: Reopen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = stuck_disk(monkeypatch)  # the disk answers only when the test says so
    text = ""
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # tick the walk: its save sticks on the disk
        area = await open_reflect(app, pilot)
        for n in range(8):
            chunk = f"line {n} "
            await pilot.press(*chunk, "ctrl+s")
            text += chunk
            assert area.text == text  # the UI took every key while the disk was stuck
        await pilot.pause()
        assert app.saves.pending() >= 8, "saves did not queue up behind the stuck disk"
        gate.set()
        await pilot.press("ctrl+q")
    coach = reopen()
    assert [e.text for e in reflections_between(coach)] == [text]
    assert build_today(coach).step("walk").done


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
async def test_a_signal_drains_pending_saves_then_quits(
    app: CoachApp,
    reopen: Reopen,
    monkeypatch: pytest.MonkeyPatch,
    signum: int,
) -> None:
    gate = stuck_disk(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # tick the walk: its save sticks on the disk
        area = await open_reflect(app, pilot)
        await pilot.press(*"kept after the signal", "ctrl+s")
        await wait_until(lambda: app.saves.pending() >= 2, "the walk and the entry queued")
        assert signal.getsignal(signum) not in (signal.SIG_DFL, None), "no handler installed"
        os.kill(os.getpid(), signum)
        await wait_until(lambda: "Saving what you wrote" in notices(app), "the saving notice")
        assert app.return_code is None, "quit before the pending saves were on disk"
        gate.set()  # the disk answers: the app drains the queue, then quits by itself
        await wait_until(lambda: app.return_code is not None, "the quit")
        assert area.text == "kept after the signal"
    assert app.return_code == 0
    coach = reopen()
    [entry] = reflections_between(coach)
    assert entry.text == "kept after the signal"
    assert build_today(coach).step("walk").done


async def test_ctrl_q_on_a_stuck_disk_keeps_the_app_alive_and_says_so(
    app: CoachApp,
    reopen: Reopen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The wait for the disk runs beside the UI: it repaints, says why, then quits."""
    gate = stuck_disk(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        area = await quit_while_stuck(app, pilot)
        assert app.return_code is None and app.saves.pending() >= 1
        await pilot.press("ctrl+q")  # a second ctrl+q changes nothing
        gate.set()
        await wait_until(lambda: app.return_code is not None, "the quit")
        assert area.text == "written"
    assert app.return_code == 0
    coach = reopen()
    assert build_today(coach).step("walk").done
    assert [d.text for d in all_drafts(coach)] == ["written"]  # kept as the draft on quit


async def test_keys_typed_while_the_quit_waits_on_the_disk_are_kept(
    app: CoachApp,
    reopen: Reopen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The UI runs on while a quit waits on a stuck disk, so the field still takes keys:
    what is typed then is saved too (it was dropped: the draft was queued at ctrl+q only)."""
    gate = stuck_disk(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        area = await quit_while_stuck(app, pilot)
        await pilot.press(*" and more")
        assert area.text == "written and more"
        gate.set()
        await wait_until(lambda: app.return_code is not None, "the quit")
    assert app.return_code == 0
    coach = reopen()
    assert [d.text for d in all_drafts(coach)] == ["written and more"]


def test_a_save_queue_closed_twice_still_says_a_save_is_stuck() -> None:
    """run_app closes the queue again after the app quit: a stuck save must still show."""
    from coach.core.savequeue import SaveQueue

    gate = threading.Event()
    saves = SaveQueue()
    saves.submit(lambda: gate.wait(WAIT))
    try:
        assert not saves.close(timeout=0.05)
        assert not saves.close(timeout=0.05)  # was True: the warning was never printed
    finally:
        gate.set()
    assert saves.close(timeout=WAIT)


# -- the real process in a terminal -------------------------------------------------


WAYS_OUT = ["ctrl+q", "SIGTERM", "SIGHUP"]


def open_answer(term: Terminal) -> None:
    """Today up, then down to Reflect and enter: the answer field."""
    term.wait_for(b"November 2026")
    # no pause after enter: the keys typed next go to the answer (screens/shell/key_order.py)
    term.type(b"\x1b[B" * 3 + b"\r")


def wait_until_saved(data: Path, text: str, library: Library, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (data / "journal").is_dir():
            coach = open_coach(data, clock=FixedClock(Terminal.NOW), library=library)
            if [e.text for e in reflections_between(coach)] == [text]:
                return
        time.sleep(0.05)
    raise AssertionError(f"{text!r} was never saved")


@pytest.mark.parametrize("way", WAYS_OUT)
def test_the_real_app_keeps_saved_entries_on_every_way_out(
    tmp_path: Path, library: Library, way: str
) -> None:
    data = tmp_path / "data"
    with Terminal.coach(data, tmp_path / "config") as term:
        open_answer(term)
        term.type(b"saved first")
        # readiness, not a quiet spell: the field shows what was typed
        term.wait_for(b"saved first")
        term.type(b"\x13")  # ctrl+s
        wait_until_saved(data, "saved first", library)
        term.type(b" then more")
        term.wait_for(b"saved first then more")
        if way == "ctrl+q":
            term.type(b"\x11")
        elif way == "SIGTERM":
            term.signal(signal.SIGTERM)
        else:
            term.hang_up()
        status = term.wait_exit()
    assert status == 0, term.output[-2000:]
    coach = open_coach(data, clock=FixedClock(Terminal.NOW), library=library)
    [entry] = reflections_between(coach)
    # the saved entry survives; the typing after it was never saved (no draft yet)
    assert entry.text == "saved first"


def test_the_real_app_takes_a_burst_of_keys_in_order(tmp_path: Path, library: Library) -> None:
    """Type-ahead in a real terminal: down to Reflect, enter, the text and ctrl+s in one write.

    Before screens/shell/key_order.py the keys behind enter went to the step list (m, n and
    space are Today's bindings) and the text saved lacked its start."""
    data = tmp_path / "data"
    with Terminal.coach(data, tmp_path / "config") as term:
        term.wait_for(b"November 2026")
        term.type(b"\x1b[B" * 3 + b"\r" + b"my notes, in one go" + b"\x13")
        wait_until_saved(data, "my notes, in one go", library)
        term.type(b"\x11")
        assert term.wait_exit() == 0
    coach = open_coach(data, clock=FixedClock(Terminal.NOW), library=library)
    assert [s.id for s in build_today(coach).steps if s.done] == ["reflect"]


def test_closing_the_terminal_right_after_typing_ends_the_process(
    tmp_path: Path, library: Library
) -> None:
    """Issue 13 section 6: a hang-up before the draft timer fires once left a process
    blocked in the terminal driver's shutdown. It must save the text, then exit."""
    data = tmp_path / "data"
    with Terminal.coach(data, tmp_path / "config") as term:
        open_answer(term)
        term.type(b"typed just before the window closed")
        term.wait_for(b"window closed")
        term.hang_up()  # before the draft timer fires
        status = term.wait_exit(timeout=15.0)
    assert status == 0
    assert "typed just before the window closed" in (data / "coach.json").read_text()


# A terminal that goes away with no signal (issue 13 section 6): the input thread once
# looped on a dead terminal (select says readable, read gives nothing) at a third of a CPU,
# for ever. The process must save, then end, and use next to no CPU meanwhile.
CPU_AFTER_CLOSE = 3.0  # seconds of CPU time (not wall time: a loaded machine does not add)


def test_a_terminal_gone_while_idle_ends_the_process(tmp_path: Path, library: Library) -> None:
    data = tmp_path / "data"
    with Terminal.coach(data, tmp_path / "config") as term:
        term.wait_for(b"November 2026")
        term.close_terminal()
        status = term.wait_exit(timeout=30.0)
    assert status == 0, term.output[-2000:]
    assert term.cpu_after_close() < CPU_AFTER_CLOSE, f"spun: {term.cpu_after_close():.1f} s CPU"


def test_a_terminal_gone_mid_typing_keeps_the_save_and_ends_the_process(
    tmp_path: Path, library: Library
) -> None:
    data = tmp_path / "data"
    with Terminal.coach(data, tmp_path / "config") as term:
        open_answer(term)
        term.type(b"saved as the terminal went")
        term.wait_for(b"terminal went")
        term.close_terminal()  # before the draft timer fires: the quit queues the draft
        status = term.wait_exit(timeout=30.0)
    assert status == 0, term.output[-2000:]
    assert term.cpu_after_close() < CPU_AFTER_CLOSE, f"spun: {term.cpu_after_close():.1f} s CPU"
    assert "saved as the terminal went" in (data / "coach.json").read_text()

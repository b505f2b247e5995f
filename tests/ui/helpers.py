"""Small helpers for Pilot tests of coach screens: one `settle()`, one `text_of()`.

`settle()` never blocks the UI thread: a finished save calls back into the UI
(`call_from_thread`), so waiting for the queue on the UI thread would stall the
very callback it waits for. It polls instead, letting the app run between looks.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Protocol

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from screens.app import CoachApp
from screens.common.drafting import Autosave
from screens.common.steps import StepPane
from screens.today.today import TodayScreen


class SnapCompare(Protocol):
    """The `snap_compare` fixture (pytest-textual-snapshot), as it is called.

    The plugin annotates it as taking only the app; it also takes these keywords.
    """

    def __call__(
        self,
        app: App[Any],
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = None,
    ) -> bool: ...


DEADLINE = 20.0  # seconds: generous for a loaded CI machine; a healthy save takes milliseconds


def coach_app(pilot: Pilot[int]) -> CoachApp:
    app = pilot.app
    assert isinstance(app, CoachApp)
    return app


async def saves_done(pilot: Pilot[int], deadline: float = DEADLINE) -> None:
    """Wait, letting the app run, until every queued save has run and called back."""
    app = coach_app(pilot)
    # a save's `done` runs on the UI thread before the queue counts it finished
    await wait_for(pilot, lambda: not app.saves.pending(), "the queued saves", deadline)


async def wait_for(
    pilot: Pilot[int], ready: Callable[[], object], what: str, deadline: float = DEADLINE
) -> None:
    """Let the app run until `ready()` is true; fail naming `what` after `deadline` seconds."""
    give_up = time.monotonic() + deadline
    while not ready():
        if time.monotonic() > give_up:
            raise AssertionError(f"still waiting after {deadline}s for {what}")
        await pilot.pause(0.01)


async def open_step(pilot: Pilot[int], step_id: str, deadline: float = DEADLINE) -> StepPane:
    """Highlight a step on Today (as the arrow keys do); wait until its pane is built and shown.

    Today builds only the first step's pane before its first paint, the others when first shown.
    """
    screen = pilot.app.screen
    assert isinstance(screen, TodayScreen), f"Today is not the current screen: {screen!r}"
    screen.select_step(step_id)

    def shown() -> StepPane | None:
        pane = screen.built_pane(step_id)
        return pane if pane is not None and pane.display else None

    await wait_for(pilot, shown, f"the {step_id} pane on Today", deadline)
    pane = shown()
    assert pane is not None
    return pane


def pending_drafts(app: CoachApp) -> int:
    """How many autosaves (drafts, the post-mortem) wait for their debounce, on every screen."""
    return sum(
        isinstance(autosave := getattr(node, "autosave", None), Autosave) and autosave.pending
        for screen in app.screen_stack
        for node in screen.walk_children(with_self=True)
    )


async def drafts_saved(pilot: Pilot[int], deadline: float = DEADLINE) -> None:
    """Wait for the debounced draft saves (tests set drafting.DELAY short), then settle."""
    app = coach_app(pilot)
    await wait_for(pilot, lambda: not pending_drafts(app), "the draft autosaves", deadline)
    await settle(pilot, deadline)


async def settle(pilot: Pilot[int], deadline: float = DEADLINE) -> None:
    """Wait until saves, workers and the messages they post have all run.

    Twice round: a save's callback may start a worker (a reload), and a
    worker's message may queue another save.
    """
    app = coach_app(pilot)
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await saves_done(pilot, deadline)
        await pilot.pause()


def first_focus(monkeypatch: Any, screen: type[Screen[Any]]) -> list[str | None]:
    """The ids of the widgets `screen` (a class) is asked to focus, in order, from now on."""
    focused: list[str | None] = []
    set_focus = screen.set_focus

    def recording(self: Screen[Any], widget: Widget | None, *args: Any, **kwargs: Any) -> None:
        focused.append(widget.id if widget is not None else None)
        set_focus(self, widget, *args, **kwargs)

    monkeypatch.setattr(screen, "set_focus", recording)
    return focused


def text_of(app: App[object] | App[int], selector: str) -> str:
    """The plain text a Static on the current screen shows (markup already interpreted)."""
    return shown(app.screen.query_one(selector, Static))


def shown(widget: Widget) -> str:
    """The plain text a widget shows now (markup would already be interpreted here)."""
    assert isinstance(widget, Static)
    return str(widget.render())


def burst(pilot: Pilot[int], *keys: str) -> None:
    """Send keys the way a terminal does when they come fast: all queued at once.

    `pilot.press` pauses after each key until the process looks idle, so on an idle
    machine every key is handled before the next arrives. A fast typist, a paste
    or a loaded machine sends the next keys before the app has handled the first:
    this puts them all in the app's queue, in order, with no pause (the keys are
    made as `pilot.press` makes them).
    """
    app = pilot.app
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
            )
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app.post_message(event)

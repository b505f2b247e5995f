"""The cyclic GC's full collections happen on Today at idle, not while a screen opens.

Python's collector runs a full (oldest generation) collection every so often as
objects are made, and it walks every tracked object that is not frozen: at ten
years, once the screens have been opened, about 190,000 (Textual's strips and
caches, the parsed months, screens popped but not yet collected). That took
60-550 ms and landed in a screen's open at random, one open in two or three.
Start-up freezes what it made (`gc.freeze()` in screens/app.py), but what each
screen leaves is not frozen, so the walks grow again.

Here, when Today is back on top after another screen and no other screen has been
opened for `IDLE_SECONDS`, the
collector is run once over everything (`gc.unfreeze(); gc.collect()`) and what
survives is frozen (`gc.freeze()`): the collections during the next open walk only
what that open makes. Nothing leaks by freezing: the next idle collection unfreezes
everything first, so an object frozen while still alive (a popped screen that
Textual still held) is collected once it is garbage. Opening another screen before
the delay cancels it; while start-up keeps the collector paused, nothing is done.
Measured at ten years: the idle collection takes 100-250 ms of CPU on Today; no open
then held a full collection (each open's GC 10-30 ms, against 16-550 ms before).
"""

from __future__ import annotations

import gc
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.timer import Timer

IDLE_SECONDS = 0.3  # on Today this long, no other screen opened: the user is reading


class IdleCollector:
    """One per app: arms a timer when Today is back on top, collects when it fires."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.timer: Timer | None = None
        self.collections = 0  # how many idle collections ran (the benchmarks wait on it)
        self.away = False  # a screen other than Today was opened since the last collection

    def screen_changed(self, screen: Screen[Any]) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        if not is_home(screen):
            self.away = True
        elif self.away:  # back on Today (start-up's first Today is screens/app.py's affair)
            self.timer = self.app.set_timer(IDLE_SECONDS, self.collect, name="idle-gc")

    def collect(self) -> None:
        self.timer = None
        stack = self.app.screen_stack  # empty while the app quits: `app.screen` would raise
        if not gc.isenabled() or not stack or not is_home(stack[-1]):
            return  # start-up's pause (screens/app.py freezes when it ends), or not idle
        self.away = False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.collections += 1


def is_home(screen: Screen[Any]) -> bool:
    from screens.today.today import TodayScreen  # deferred: the app imports Today after start

    return isinstance(screen, TodayScreen)


def collect_when_idle(app: App[Any]) -> IdleCollector:
    """Collect on Today at idle from now on (call once, in the app's on_mount)."""
    collector = IdleCollector(app)
    app.screen_change_signal.subscribe(app, collector.screen_changed)
    return collector

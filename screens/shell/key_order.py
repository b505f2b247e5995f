"""Keys in order: each key is handled, bindings and all, before the next is sent on.

Textual forwards a key to the focused widget's queue and runs the widget's
non-priority bindings (enter on a list, ctrl+s, a screen's letter) only when the
key has bubbled back up to the app; `focus()` waits a turn too. Keys that arrive
meanwhile (a fast typist, a paste, a loaded machine) were forwarded to the old
focus: typed after enter on Today's step list they ran Today's bindings, typed
after ctrl+s they went into the text being saved, typed as a screen opened they
were lost ("acts" saved for "Facts").

`KeyOrderApp` holds each key until the one before has come all the way back:
a marker message follows the key up the same path (focused widget, its parents,
the screen, the app) and releases the next key when it reaches the app. A key
also waits while the current screen is still mounting, so it goes to the widget
that screen focuses. A marker that never comes back (its widget removed
meanwhile) releases the keys: its widget is checked every `KEY_TIMEOUT`, and a
marker still on its way to a widget that is there is waited for (a loaded machine
can take more than a second to open a screen) up to `KEY_LIMIT`.
"""

from __future__ import annotations

from collections import deque
from time import monotonic

from textual import events
from textual.app import App
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

KEY_TIMEOUT = 1.0  # seconds between looks at a key not yet back (milliseconds, mostly)
KEY_LIMIT = 15.0  # seconds: past this a key not back is taken as lost whatever its widget
MOUNT_POLL = 0.01  # seconds between looks at a screen that is still mounting


class KeyHandled(Message):
    """Follows a key up from the widget it was sent to; at the app, the key is done."""


class KeyOrderApp(App[int]):
    """App mixin: keys and pastes reach widgets one at a time, each after the last is done."""

    _held_input: deque[events.Key | events.Paste] | None = None
    _key_marker: KeyHandled | None = None
    _key_timer: Timer | None = None
    _key_target: Widget | None = None  # where the marker in flight was posted
    _key_sent_at = 0.0
    _key_poll: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if self._held_input is None:
                self._held_input = deque()
            self._held_input.append(event)
            await self._send_held_input()
            return
        await super().on_event(event)

    async def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        if message is self._key_marker and self._key_timer is not None:
            await self._key_done()

    async def _key_done(self) -> None:
        if self._key_timer is not None:
            self._key_timer.stop()
            self._key_timer = None
        # the next key goes behind what the key's handlers queued on the app meanwhile:
        # a focus() waits a turn there (a screen's on_mount, a pane opened)
        self.call_later(self._release)

    async def _release(self) -> None:
        self._key_marker = None
        await self._send_held_input()

    async def _send_held_input(self) -> None:
        held = self._held_input
        while held and self._key_marker is None and self._key_poll is None:
            if not self.screen.is_mounted:  # still mounting: its focus is not set yet
                self._key_poll = self.set_timer(MOUNT_POLL, self._screen_mounting)
                return
            event = held.popleft()
            await super().on_event(event)  # priority bindings, else forwarded to the focus
            target = self.focused or self.screen
            if not event.is_forwarded or not target.is_attached:
                # a priority binding took it: done, but the focus it asked for waits a turn
                self._key_marker = KeyHandled()
                self.call_later(self._release)
                return
            marker = self._key_marker = KeyHandled()
            target.post_message(marker)
            self._key_target, self._key_sent_at = target, monotonic()
            self._key_timer = self.set_timer(KEY_TIMEOUT, self._key_lost)

    async def _screen_mounting(self) -> None:
        if self.screen.is_mounted:
            # behind the focus the screen's on_mount asked for (focus() waits a turn);
            # `_key_poll` stays set till then, so no key overtakes
            self.call_later(self._screen_mounted)
        else:
            self._key_poll = self.set_timer(MOUNT_POLL, self._screen_mounting)

    async def _screen_mounted(self) -> None:
        self._key_poll = None
        await self._send_held_input()

    async def _key_lost(self) -> None:
        self._key_timer = None
        if self._key_marker is None:
            return
        target = self._key_target
        on_its_way = target is not None and target.is_attached  # a busy app, not a lost key
        if on_its_way and monotonic() - self._key_sent_at < KEY_LIMIT:
            self._key_timer = self.set_timer(KEY_TIMEOUT, self._key_lost)
            return
        await self._release()

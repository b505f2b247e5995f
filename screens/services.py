"""The one seam between the screens and the app: what the app offers, typed.

Screens and widgets reach the app's services (the Coach, the save queue, the walk
timer, navigation) only through `services_of(node)` or, on a screen, through
`CoachScreen`'s `.services`, `.coach` and `.save()`. CoachApp is the one
implementation; a test can drive a screen with any other App that subclasses
AppServices. This module imports no screen, so every screen may import it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from textual import events
from textual.dom import DOMNode
from textual.screen import Screen, ScreenResultType

from coach.core.errors import DataFileError
from coach.journal.reflections import Reflection
from coach.session import Coach
from coach.walk.timer import WalkTimer
from screens.messages import SaveKind

T = TypeVar("T")


class AppServices:
    """Mixed into CoachApp: the services its screens use. Not an ABC (Textual's metaclass)."""

    coach: Coach | None
    data_error: DataFileError | None
    walk_timer: WalkTimer | None
    # journal entries deleted in this session, newest last: u on History puts them back
    deleted_entries: list[Reflection]

    def save(
        self, kind: SaveKind, job: Callable[[Coach], T], done: Callable[[T], object] | None = None
    ) -> None:
        """Queue a save; the UI does not wait. `done` runs on the UI thread after."""
        raise NotImplementedError

    def action_go(self, name: str) -> None:
        """Open a destination of screens/navigation.py by name ("today", "walk", ...)."""
        raise NotImplementedError

    def action_open(self, name: str) -> None:
        """Open a screen of LINKS in screens/navigation.py on top of the current one."""
        raise NotImplementedError

    def show_data_error(self, error: DataFileError) -> None:
        """Stop using the data and say which file is damaged and how."""
        raise NotImplementedError

    def walk_timer_changed(self) -> None:
        """Queue a save of the walk timer's state."""
        raise NotImplementedError

    def find_good_backup(self, damaged: Path, found: Callable[[str | None], object]) -> None:
        """Off the UI thread: the newest good backup to restore over `damaged`, for `found`."""
        raise NotImplementedError

    def restore_after_error(self, failed: Callable[[str], object]) -> None:
        """Off the UI thread: restore the newest good backup, then open the data again."""
        raise NotImplementedError


def services_of(node: DOMNode) -> AppServices:
    """The app's services, for any widget or screen mounted in the coach app."""
    app = node.app
    if not isinstance(app, AppServices):
        raise TypeError(f"{type(node).__name__} needs the coach app, not {type(app).__name__}")
    return app


class CoachScreen(Screen[ScreenResultType]):
    """A screen of the coach app, with the app's services typed."""

    # Set by the app when every CSS source of the screen was loaded before it was pushed
    # (Today's, read with the app's; a screen opened before): its mount styles it fully.
    styled_at_mount = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first resume comes as the screen mounts. Textual's handler (it runs next,
        Textual 8.2.8) then styles every widget again: needed when the screen's .tcss
        was only loaded as it was pushed (the screen itself was styled without it), not
        when `styled_at_mount`."""
        if self.styled_at_mount:
            self.styled_at_mount = False  # later resumes restyle as Textual does
            event.refresh_styles = False

    @property
    def services(self) -> AppServices:
        return services_of(self)

    @property
    def coach(self) -> Coach | None:
        """The open Coach; None only before the data folder opened (or it failed to)."""
        return services_of(self).coach

    def save(
        self, kind: SaveKind, job: Callable[[Coach], T], done: Callable[[T], object] | None = None
    ) -> None:
        """Queue a save through the app (see AppServices.save)."""
        services_of(self).save(kind, job, done)

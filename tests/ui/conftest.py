"""Fixtures for Pilot and snapshot tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from coach.content.library import Library
from coach.core.clock import FixedClock
from screens.app import CoachApp, make_app


@pytest.fixture
def app(data_dir: Path, clock: FixedClock, library: Library) -> CoachApp:
    return make_app(data_dir, clock=clock, library=library)


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors stay lit: a blink caught by a snapshot taken late (a busy machine) is no change.

    The snapshots were taken in the lit half of the blink; without this they
    fail whenever run_before takes longer than the 0.5 s blink.
    """
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)

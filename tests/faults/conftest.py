"""Fixtures for fault tests: the app, as in tests/ui."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.content.library import Library
from coach.core.clock import FixedClock
from screens.app import CoachApp, make_app


@pytest.fixture
def app(data_dir: Path, clock: FixedClock, library: Library) -> CoachApp:
    made = make_app(data_dir, clock=clock, library=library)
    # The daily backup only where a test asks for it (BACKUP_DELAY): on a slow machine one
    # firing mid-test would change the folder the test compares.
    made.BACKUP_DELAY = 3600
    return made

"""Fixtures for Pilot and snapshot tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.content.library import Library
from coach.core.clock import FixedClock
from screens.app import CoachApp, make_app


@pytest.fixture
def app(data_dir: Path, clock: FixedClock, library: Library) -> CoachApp:
    return make_app(data_dir, clock=clock, library=library)

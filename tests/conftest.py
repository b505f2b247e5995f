"""Shared fixtures: every test gets its own data and config folders, and a fixed clock."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

import pytest
from dateutil import tz

from coach.content.library import Library, default_library
from coach.core.clock import FixedClock
from coach.routine.features import wire
from coach.session import Coach, open_coach


def zone(name: str) -> tzinfo:
    """A time zone by name; a missing zone database fails the test run loudly."""
    found = tz.gettz(name)
    assert found is not None, f"no time zone {name!r} on this machine"
    return found


ZONE = zone("Europe/London")


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's data and config."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("COACH_NOW", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def clock() -> FixedClock:
    """Sunday 22 November 2026, 08:30 in London."""
    return FixedClock(datetime(2026, 11, 22, 8, 30, tzinfo=ZONE))


@pytest.fixture(scope="session")
def library() -> Library:
    return default_library()


@pytest.fixture
def coach(data_dir: Path, clock: FixedClock, library: Library) -> Coach:
    return wire(open_coach(data_dir, clock=clock, library=library))

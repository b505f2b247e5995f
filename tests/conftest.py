"""Shared fixtures: every test gets its own data and config folders, and a fixed clock.

The suite runs on four pytest-xdist workers (pyproject.toml's addopts; `-n0` for one
process). Tests that fight for the CPU (a terminal in a pty, killed processes,
snapshots, building the wheel) share one worker ("heavy", see pytest_itemcollected),
so they never race each other; `-p no:xdist` turns the grouping off with xdist itself.

The environment is pinned before anything imports Textual (which reads NO_COLOR and
friends once, at import): a user's NO_COLOR, TERM, COLUMNS, LANG, TZ or COACH_*
setting never changes a result. Subprocesses started by tests inherit the same, and
bytecode is written even where PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
import time
from pathlib import Path

# Bytecode is kept, whatever the shell says (many CI images set PYTHONDONTWRITEBYTECODE):
# without it each worker rewrites every test module and each coach a test starts compiles
# coach, and Textual when uv installed it without bytecode, from source.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False
ROOT = Path(__file__).resolve().parent.parent
if "PYTEST_XDIST_WORKER" not in os.environ:  # once, before the workers start
    import compileall
    import sysconfig

    # What a fresh clone lacks, compiled here once (~4 s) rather than by every worker and
    # every coach the tests start at the same time; ~0.15 s when all is compiled.
    for _folder in (sysconfig.get_paths()["purelib"], ROOT / "coach", ROOT / "screens"):
        compileall.compile_dir(_folder, quiet=2)

KNOBS = {"COACH_KILL_RUNS"}  # the suite's own settings (HACKING.md), kept
HERMETIC = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
for _name in list(os.environ):
    if (
        _name in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "COLORTERM", "TERM_PROGRAM"}
        or (_name.startswith(("COACH_", "TEXTUAL_")) or _name in {"VISUAL", "EDITOR"})
        and _name not in KNOBS
        and not _name.startswith("TEXTUAL_SNAPSHOT_")  # the snapshot plugin's, for its workers
    ):
        del os.environ[_name]
os.environ.update(HERMETIC)
# The parsed content's cache (coach.content.library): one per test process, never the user's.
os.environ["COACH_CACHE_DIR"] = tempfile.mkdtemp(prefix="coach-test-cache-")
time.tzset()

from collections.abc import Callable  # noqa: E402
from datetime import datetime, tzinfo  # noqa: E402

import pytest  # noqa: E402
from dateutil import tz  # noqa: E402
from textual.css.model import RuleSet  # noqa: E402

from coach.content import rotation  # noqa: E402
from coach.content.library import Library, default_library  # noqa: E402
from coach.core.clock import FixedClock  # noqa: E402
from coach.loss.tools import WEEKLY_NOTE  # noqa: E402
from coach.routine.features import wire  # noqa: E402
from coach.session import Coach, open_coach  # noqa: E402
from screens.shell.css_cache import CssCache  # noqa: E402
from screens.shell.css_cache import install as install_css_cache  # noqa: E402


class _SharedCss(CssCache):
    """The CSS each test process parsed, kept for its next apps as a user's next start
    keeps it (screens/shell/css_cache.py): each app then starts as coach really does, and
    the suite does not parse the same sheets some 700 times. Never written to disk."""

    def add(self, key: str, rules: list[RuleSet]) -> None:
        super().add(key, rules)
        with self._lock:
            self.stored.update(self.added)
            self.added.clear()


install_css_cache(_SharedCss(Path(os.environ["COACH_CACHE_DIR"]) / "unused-css-cache"))


def zone(name: str) -> tzinfo:
    """A time zone by name; a missing zone database fails the test run loudly."""
    found = tz.gettz(name)
    assert found is not None, f"no time zone {name!r} on this machine"
    return found


ZONE = zone("Europe/London")


# Modules whose tests start terminals or processes and wait on them: one worker runs them all.
HEAVY_MODULES = {
    "tests/faults/test_disk_errors_tui.py",
    "tests/faults/test_encrypt_kills.py",
    "tests/faults/test_exits.py",
    "tests/faults/test_kill9.py",
    "tests/faults/test_permissions.py",
    "tests/faults/test_processes.py",
    "tests/faults/test_shrinking.py",
    "tests/packaging/test_wheel.py",
    "tests/ui/journal/test_draft_crash.py",
    "tests/unit/store/test_store_processes.py",
}


def is_heavy(item: pytest.Item) -> bool:
    where = item.path.resolve().relative_to(ROOT).as_posix()
    return where in HEAVY_MODULES or "snap_compare" in getattr(item, "fixturenames", ())


def pytest_collection_finish(session: pytest.Session) -> None:
    """The cyclic GC, tuned for a process that starts hundreds of apps.

    What collection made (Textual, hypothesis, every test module) lives as long as the
    process: it is frozen out of the collector, as coach freezes its start-up
    (screens/app.py). Each Pilot test's app is a web of cycles that only a full collection
    frees, and with Python's thresholds one ran after nearly every test, walking the whole
    heap: rarer, larger collections free the same. Measured on tests/ui, four workers:
    GC 28 s a worker before, 11-12 s after; 208 -> 157 s of CPU. No test relies on when
    the collector runs (those that do call gc.collect()).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 20, 50)


def pytest_itemcollected(item: pytest.Item) -> None:
    """Marked as each test is collected: before xdist reads the marks to schedule."""
    if is_heavy(item):
        item.add_marker(pytest.mark.xdist_group("heavy"))


@pytest.fixture(autouse=True)
def isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep tests away from the real user's data and config."""
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("COACH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("COACH_NOW", raising=False)


TEST_SEED = "5eed5eed5eed5eed"
REAL_NEW_SEED = rotation.new_seed


@pytest.fixture(autouse=True)
def fixed_rotation_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new folder walks the content in one known order, as the clock is fixed."""
    monkeypatch.setattr(rotation, "new_seed", lambda: TEST_SEED)


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


Reopen = Callable[[], Coach]


@pytest.fixture
def reopen(data_dir: Path, clock: FixedClock, library: Library) -> Reopen:
    """Open the test's folder afresh, as the next run of coach would (not wired: as stored)."""
    return lambda: open_coach(data_dir, clock=clock, library=library)


def own_notes(notes: tuple[str, ...]) -> tuple[str, ...]:
    """Today's notes but this week's skills refresh (coach.loss.tools), there every week."""
    return tuple(n for n in notes if not n.startswith(WEEKLY_NOTE))

"""Damaged data files stop the app on an error screen; user text is always shown literally."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from textual.widgets import Static, TextArea

from coach.content.library import Library, default_library
from coach.core.clock import FixedClock
from coach.core.paths import user_content_dir
from coach.routine.features import wire
from coach.routine.today import pick, set_done
from coach.session import open_coach
from screens.app import CoachApp, make_app
from screens.shell.error import DataErrorScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import open_step, settle, shown

DAY = date(2026, 11, 22)
MARKUP = "[bold red]x[/]"
LONDON = tz.gettz("Europe/London")


async def assert_error_screen(app: CoachApp, path: Path, words: str) -> None:
    await app.screen.wait_for_refresh()
    screen = app.screen
    assert isinstance(screen, DataErrorScreen)
    assert shown(screen.query_one("#error-path", Static)) == str(path)
    assert words in shown(screen.query_one("#error-problem", Static))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b'{"_meta": {"1": {"schema": 1}}, "walks": {', "not valid JSON"),
        (b"\x00\xff garbage \xfe", "not"),
        (b'{"walks": {}}', "wrong shape"),
        (b'{"_meta": {"1": {"schema": 99}}}', "newer coach"),
    ],
)
async def test_a_damaged_main_file_shows_the_error_screen_and_exits_1(
    app: CoachApp, data_dir: Path, content: bytes, words: str
) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "coach.json"
    path.write_bytes(content)
    async with app.run_test(size=(80, 24)) as pilot:
        await assert_error_screen(app, path, words)
        await pilot.press("t", "space", "m")  # nothing else is reachable
        assert isinstance(app.screen, DataErrorScreen)
        await pilot.press("q")
    assert app.return_value == 1
    assert path.read_bytes() == content


async def test_a_damaged_month_file_shows_the_error_screen(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    set_done(open_coach(data_dir, clock=clock, library=library), DAY, "walk")
    path = data_dir / "journal" / "2026-11.json"
    path.write_bytes(b"[1, 2")
    async with app.run_test(size=(80, 24)) as pilot:
        await assert_error_screen(app, path, "not valid JSON")
        await pilot.press("ctrl+q")
    assert app.return_value == 1
    assert path.read_bytes() == b"[1, 2"


async def test_a_file_damaged_while_the_app_is_open_stops_saves(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    set_done(open_coach(data_dir, clock=clock, library=library), DAY, "walk")
    path = data_dir / "journal" / "2026-11.json"
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TodayScreen)
        path.write_bytes(b"")
        await pilot.press("down", "space")  # the save finds the damage and refuses
        await settle(pilot)
        await assert_error_screen(app, path, "empty")
        home = app.screen_stack[1]
        assert isinstance(home, TodayScreen)
        home.check_external_changes()
        await pilot.pause()
        assert len(app.screen_stack) == 3  # one error screen, not one per check
        await pilot.press("q")
    assert app.return_value == 1
    assert path.read_bytes() == b""


async def test_a_typed_reflection_with_markup_is_kept_literally(
    app: CoachApp, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "enter", *MARKUP, "ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+q")
    entries = open_coach(data_dir, clock=clock, library=library).store.log("reflections").on(DAY)
    assert [e["text"] for e in entries] == [MARKUP]
    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)) as pilot:
        await open_step(pilot, "reflect")
        assert again.screen.query_one("#answer", TextArea).text == MARKUP


USER_ITEMS = """
[[items]]
id = "my-markup-walk"
pool = "walk"
text = "Walk to {markup} and back."
sources = ["Overcoming the Emotional Loss of Losing a Customer"]
advice = ["take-a-walk"]

[[items]]
id = "my-markup-cheer"
pool = "encouragement"
text = "You can do {markup} today."
sources = ["Losing A Client"]
advice = ["next-door-opens"]
""".replace("{markup}", MARKUP)


def first_day_showing(data_dir: Path, library: Library, pool: str, item_id: str) -> date:
    """The first day this folder's rotation (its first day: DAY) shows `item_id`."""
    clock = FixedClock(datetime(DAY.year, DAY.month, DAY.day, 8, 30, tzinfo=LONDON))
    coach = wire(open_coach(data_dir, clock=clock, library=library))
    for offset in range(400):
        day = DAY + timedelta(days=offset)
        item = pick(coach, pool, day)
        if item is not None and item.id == item_id:
            return day
    raise AssertionError(f"{item_id} never shows")


async def test_user_content_with_markup_is_shown_literally(data_dir: Path) -> None:
    user_content_dir().mkdir(parents=True)
    (user_content_dir() / "mine.toml").write_text(USER_ITEMS, encoding="utf-8")
    library = default_library()
    assert library.problems == []
    day = first_day_showing(data_dir, library, "walk", "my-markup-walk")
    clock = FixedClock(datetime(day.year, day.month, day.day, 8, 30, tzinfo=LONDON))
    app = make_app(data_dir, clock=clock)  # loads the user's content itself
    async with app.run_test(size=(80, 24)):
        pane = app.screen.query_one("#pane-walk")
        assert shown(pane.query_one(".pane-advice", Static)) == f"Walk to {MARKUP} and back."
    day = first_day_showing(data_dir, library, "encouragement", "my-markup-cheer")
    clock.set(clock.now().replace(year=day.year, month=day.month, day=day.day))
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)):
        text = shown(app.screen.query_one("#encouragement", Static))
        assert text.startswith(f"You can do {MARKUP} today.")


async def test_a_broken_user_content_file_is_reported_and_today_still_works(
    data_dir: Path, clock: FixedClock
) -> None:
    user_content_dir().mkdir(parents=True)
    broken = user_content_dir() / "oops.toml"
    broken.write_text('[[items]]\nid = "a"\npool = "nowhere"\n', encoding="utf-8")
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, TodayScreen)
        notes = [n for n in app._notifications if str(broken) in n.message]
        assert len(notes) == 1
        assert "line 1" in notes[0].message
        assert notes[0].severity == "warning"
        today = app.screen.today
        assert today is not None and all(step.advice is not None for step in today.steps)

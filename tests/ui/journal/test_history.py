"""Pilot tests for History: list, search, filters, open, edit, delete and undo, answers over time."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, Static, TextArea

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.core.fields import stored_moment
from coach.journal.reflections import reflections_between, save_reflection
from coach.session import Coach
from screens.app import CoachApp, make_app
from screens.common.confirm import ConfirmScreen
from screens.journal.answers import AnswerCard, AnswersScreen
from screens.journal.edit_entry import EditEntryScreen
from screens.journal.entry import EntryScreen
from screens.journal.history import HistoryScreen
from tests.conftest import Reopen
from tests.ui.helpers import SnapCompare, drafts_saved, wait_for
from tests.ui.journal_library import LESSON, journal_library

TRICKY = "[bold red]x[/] 😀 שלום עולם"


pytestmark = pytest.mark.usefixtures("quick_drafts")


@pytest.fixture
def journal(reopen: Reopen) -> Coach:
    coach = reopen()
    lesson = LESSON  # a fixed prompt: content edits never change these tests
    save_reflection(coach, date(2025, 11, 22), "I blamed myself.\nAll of it.", lesson, mood=1)
    save_reflection(coach, date(2026, 5, 2), "Le café helped. #calm", None, mood=3)
    save_reflection(coach, date(2026, 11, 20), "Priced too high; I see it now.", lesson, mood=4)
    save_reflection(coach, date(2026, 11, 21), TRICKY, None, mood=5, tags="odd")
    return coach


async def searched(pilot: Pilot[int]) -> None:
    """The search that typing started, then drafts and saves, are all done (see settle())."""

    def started() -> bool:
        screen = pilot.app.screen
        return not isinstance(screen, HistoryScreen) or not screen.search_pending

    await pilot.pause()  # the Input.Changed of a value set by the test arms the timer
    await wait_for(pilot, started, "the search to start")
    await drafts_saved(pilot)


def status(app: CoachApp) -> str:
    return str(app.screen.query_one("#history-status", Static).render())


def listed(app: CoachApp) -> list[str]:
    option_list = app.screen.query_one("#history-list", OptionList)
    return [
        str(option_list.get_option_at_index(i).prompt).split("\n")[1].strip()
        for i in range(option_list.option_count)
    ]


async def open_history(app: CoachApp, pilot: Pilot[int]) -> HistoryScreen:
    await pilot.press("y")
    await searched(pilot)
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


async def test_newest_first_and_user_text_literal(app: CoachApp, journal: Coach) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        assert status(app).startswith("4 entries, newest first")
        assert listed(app) == [
            TRICKY,
            "Priced too high; I see it now.",
            "Le café helped. #calm",
            "I blamed myself.",
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        assert str(app.screen.query_one("#entry-text", Static).render()) == TRICKY
        assert "5 bright" in str(app.screen.query_one("#entry-facts", Static).render())


async def test_search_and_filters(app: CoachApp, journal: Coach) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("ctrl+f", *"CAFE")
        await searched(pilot)
        assert listed(app) == ["Le café helped. #calm"] and status(app).startswith("1 entry match")
        screen.query_one("#history-search", Input).value = "unicorn"
        await searched(pilot)
        assert listed(app) == [] and status(app) == "Nothing matches."
        screen.query_one("#history-search", Input).value = ""
        screen.query_one("#filter-from", Input).value = "2026-01-01"
        screen.query_one("#filter-to", Input).value = "2026-11-20"
        await searched(pilot)
        assert listed(app) == ["Priced too high; I see it now.", "Le café helped. #calm"]
        screen.query_one("#filter-to", Input).value = "2026-13-01"
        await searched(pilot)
        assert "To: '2026-13-01' is not a real date" in status(app)
        screen.query_one("#filter-to", Input).value = ""
        screen.query_one("#filter-tag", Input).value = "#odd"
        await searched(pilot)
        assert listed(app) == [TRICKY]
        screen.query_one("#filter-tag", Input).value = ""
        screen.query_one("#filter-from", Input).value = ""
        screen.query_one("#filter-mood", Select).value = 1
        await searched(pilot)
        assert listed(app) == ["I blamed myself."]
        screen.query_one("#filter-mood", Select).clear()
        screen.query_one("#filter-prompt", Select).value = "pr-the-lesson"
        await searched(pilot)
        assert listed(app) == ["Priced too high; I see it now.", "I blamed myself."]


async def test_edit_keeps_the_date(
    app: CoachApp, reopen: Reopen, journal: Coach, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("down", "enter", "e")
        await pilot.pause()
        assert isinstance(app.screen, EditEntryScreen)
        area = app.screen.query_one(TextArea)
        area.select_all()
        await pilot.press(*"Se")
        area.insert("cond look")
        await pilot.press("ctrl+s")
        await searched(pilot)
        assert isinstance(app.screen, EntryScreen)
        assert str(app.screen.query_one("#entry-text", Static).render()) == "Second look"
        assert "edited 2026-11-25" in str(app.screen.query_one("#entry-facts", Static).render())
    entries = reflections_between(reopen())
    edited = next(e for e in entries if e.text == "Second look")
    assert (
        edited.day == date(2026, 11, 20)
        and edited.written_at is not None
        and stored_moment(edited.written_at).startswith("2026-11-22")
    )
    assert (
        edited.edited_at is not None
        and stored_moment(edited.edited_at).startswith("2026-11-25")
        and edited.mood == 4
    )


async def test_delete_asks_first_and_undo_puts_it_back(
    app: CoachApp, reopen: Reopen, journal: Coach
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("enter", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert isinstance(app.screen, EntryScreen)
        await pilot.press("d", "y")
        await searched(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert TRICKY not in listed(app) and len(listed(app)) == 3
        assert len(reflections_between(reopen())) == 3
        await pilot.press("u")
        await searched(pilot)
        assert listed(app)[0] == TRICKY
    entries = reflections_between(reopen())
    assert entries[-1].text == TRICKY and entries[-1].tags == ("odd",)


async def test_how_my_answers_changed(app: CoachApp, journal: Coach) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        await pilot.press("down", "enter", "a")
        await searched(pilot)
        assert isinstance(app.screen, AnswersScreen)
        cards = list(app.screen.query(AnswerCard))
        assert [c.entry.day for c in cards] == [date(2025, 11, 22), date(2026, 11, 20)]
        assert "2 answers, since 22 November 2025" in str(
            app.screen.query_one("#answers-count", Static).render()
        )


async def test_an_empty_journal_says_so(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        assert "Your journal is empty" in status(app)


def test_history_snapshot(
    snap_compare: SnapCompare,
    journal: Coach,
    data_dir: Path,
    clock: FixedClock,
    library: Library,
) -> None:
    app = make_app(data_dir, clock=clock, library=journal_library())

    async def open_it(pilot: Pilot[int]) -> None:
        await pilot.press("y")
        await searched(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_it)


async def test_a_100_kb_entry_opens_whole_and_literal(reopen: Reopen, app: CoachApp) -> None:
    big = ("A long morning, [b]literal[/b] 😀 שלום. " * 25 + "\n") * 110
    assert len(big.encode()) > 100_000
    save_reflection(reopen(), date(2026, 11, 1), big, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(app, pilot)
        assert listed(app)[0].startswith("A long morning, [b]literal[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#entry-text", Static).render()) == big


async def test_slash_starts_a_search_and_escape_leaves_the_field_first(
    app: CoachApp, journal: Coach
) -> None:
    from screens.today.today import TodayScreen

    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        await pilot.press("slash", *"cafe")  # "c" types, it does not open Customers
        await searched(pilot)
        assert app.screen is screen
        assert listed(app) == ["Le café helped. #calm"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(screen.focused, OptionList), "the list")
        assert app.screen is screen  # the first escape only left the search field
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "back on Today")


async def test_thought_records_are_listed_found_and_edited(
    app: CoachApp, reopen: Reopen, journal: Coach
) -> None:
    from coach.journal.thoughts import ThoughtFields, save_thought, thoughts_between
    from screens.journal.thought import ThoughtScreen

    save_thought(
        journal,
        date(2026, 11, 21),
        ThoughtFields(thought="[b]They[/b] think I'm useless", situation="Acme left by email"),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(app, pilot)
        assert status(app).startswith("4 entries and 1 thought record, newest first")
        # beside the entries of its day, newest first (the entry first: written at one moment)
        assert listed(app)[:3] == [
            TRICKY,
            "[b]They[/b] think I'm useless",
            "Priced too high; I see it now.",
        ]
        screen.query_one("#history-search", Input).value = "acme email"
        await searched(pilot)
        assert listed(app) == ["[b]They[/b] think I'm useless"]
        assert status(app).startswith("1 thought record match")
        screen.query_one("#history-search", Input).value = ""
        screen.query_one("#filter-tag", Input).value = "#odd"  # thought records have no tags
        await searched(pilot)
        assert listed(app) == [TRICKY]
        screen.query_one("#filter-tag", Input).value = ""
        await searched(pilot)
        screen.query_one("#history-list", OptionList).focus()
        await pilot.press("down", "enter")  # the thought record, under the entry of its day
        await wait_for(pilot, lambda: isinstance(app.screen, ThoughtScreen), "the record")
        app.screen.query_one("#thought-balanced", TextArea).insert("One client, not all.")
        await drafts_saved(pilot)
        await pilot.press("escape")
        await searched(pilot)
        assert isinstance(app.screen, HistoryScreen)
    [record] = thoughts_between(reopen())
    assert record.balanced == "One client, not all."
    assert record.thought == "[b]They[/b] think I'm useless"

"""Pilot tests for the Reflect screen: mood, writing, saving, prompts, drafts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.journal import prompts
from coach.journal.drafts import Draft, all_drafts, draft_key, load_draft, save_draft
from coach.journal.moods import mood_on
from coach.journal.reflections import reflections_between, save_reflection
from coach.routine.today import build_today, set_done
from coach.session import open_coach
from screens.app import CoachApp, make_app
from screens.common import drafting
from screens.common.mood_picker import MoodPicker
from screens.journal.reflect import ReflectScreen
from screens.today.reflect_pane import ReflectPane
from screens.today.today import TodayScreen
from tests.conftest import Reopen
from tests.ui.helpers import SnapCompare, drafts_saved, open_step, settle, text_of
from tests.ui.journal_library import journal_library

SUNDAY = date(2026, 11, 22)
MARKUP = "[bold red]x[/] stays literal"


pytestmark = pytest.mark.usefixtures("quick_drafts")


async def write(pilot: Pilot[int], text: str) -> None:
    """Type the first keys for real, then insert the rest (each key press costs time)."""
    await pilot.press(*text[:2])
    area = pilot.app.focused
    assert isinstance(area, TextArea)
    area.insert(text[2:])
    await pilot.pause()


async def write_and_save(pilot: Pilot[int], mood: str, text: str) -> None:
    """From Today: open Reflect, pick the mood, write the text, save, and wait for the save."""
    await pilot.press("r", mood)
    await write(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_check_in_write_and_save(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        screen = app.screen
        assert isinstance(screen, ReflectScreen) and screen.writing is not None
        prompt = screen.writing.prompt
        assert prompt is not None and text_of(app, "#prompt-text") == prompt.text
        assert "Dealing With" in text_of(app, "#prompt-source") or "From" in text_of(
            app, "#prompt-source"
        )
        assert isinstance(screen.focused, MoodPicker)  # the check-in comes before writing
        await pilot.press("4")
        assert isinstance(screen.focused, TextArea)
        await write(pilot, MARKUP)
        screen.query_one("#reflect-tags", Input).value = "acme"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(app, "#reflect-state") == "saved"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.today is not None and app.screen.today.step("reflect").done
    coach = reopen()
    [entry] = reflections_between(coach)
    assert (entry.text, entry.mood, entry.tags) == (MARKUP, 4, ("acme",))
    assert (entry.prompt_id, entry.prompt_text) == (prompt.id, prompt.text)
    assert mood_on(coach, SUNDAY, "before") == 4
    assert all_drafts(coach) == []


async def test_after_saving_the_mood_row_asks_how_you_feel_now(
    reopen: Reopen, app: CoachApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await write_and_save(pilot, "2", "heavy day")
        screen = app.screen
        picker = screen.query_one(MoodPicker)
        assert picker.label == "And now?" and picker.value is None
        picker.focus()
        await pilot.press("4")
        await settle(pilot)
    coach = reopen()
    assert (mood_on(coach, SUNDAY, "before"), mood_on(coach, SUNDAY, "after")) == (2, 4)
    assert reflections_between(coach)[0].mood == 2


async def test_a_mood_key_after_saving_answers_and_now_not_the_text(
    reopen: Reopen, app: CoachApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await write_and_save(pilot, "4", "a good talk #lessons")
        await pilot.press("5")  # straight away, as the README says: no click, no tab
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(TextArea).text == "a good talk #lessons"
        assert text_of(app, "#reflect-state") == "saved"
        assert isinstance(screen.focused, TextArea)  # back to the text once answered
    coach = reopen()
    assert (mood_on(coach, SUNDAY, "before"), mood_on(coach, SUNDAY, "after")) == (4, 5)
    [entry] = reflections_between(coach)
    assert entry.text == "a good talk #lessons" and all_drafts(coach) == []


async def test_another_pin_and_hide_from_the_keyboard(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "3")
        screen = app.screen
        assert isinstance(screen, ReflectScreen) and screen.writing is not None
        first = screen.writing.prompt
        await write(pilot, "words so far")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert screen.writing is not None
        second = screen.writing.prompt
        assert second is not None and second != first
        assert text_of(app, "#prompt-text") == second.text
        assert screen.query_one(TextArea).text == "words so far"  # the words move along
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert "pinned" in text_of(app, "#prompt-title")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert screen.writing is not None
        third = screen.writing.prompt
        assert third is not None and third not in (first, second)
        await pilot.press("ctrl+s")
        await settle(pilot)
    coach = reopen()
    choices = prompts.load_choices(coach)
    assert second.id in choices.hidden and second.id not in choices.pinned
    [entry] = reflections_between(coach)
    assert entry.prompt_id == third.id and entry.text == "words so far"
    assert [d.key for d in all_drafts(coach)] == []  # no stray drafts under old prompts


async def test_a_free_entry(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "5", "ctrl+o")
        await settle(pilot)
        assert "Free entry" in text_of(app, "#prompt-title")
        app.screen.query_one(TextArea).focus()
        await write(pilot, "just thinking #ideas")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = reflections_between(reopen())
    assert entry.is_free and entry.tags == ("ideas",) and entry.mood == 5


async def test_an_empty_reflection_is_not_saved(app: CoachApp, data_dir: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "3", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReflectScreen)
    assert not (data_dir / "journal").exists() or reflections_between(open_coach(data_dir)) == []


async def test_drafts_are_kept_as_you_type_and_come_back(
    app: CoachApp, reopen: Reopen, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "2")
        await write(pilot, "half a thought")
        await drafts_saved(pilot)
        coach = reopen()
        prompt = build_today(coach).prompt
        draft = load_draft(coach, draft_key(SUNDAY, prompt.id if prompt else None))
        assert draft is not None and draft.text == "half a thought" and draft.mood == 2
        assert not build_today(coach).step("reflect").done  # a draft is not a reflection
    again = make_app(data_dir, clock=clock, library=library)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert again.screen.query_one(TextArea).text == "half a thought"
        assert again.screen.query_one(MoodPicker).value == 2


async def test_quitting_mid_sentence_keeps_the_draft(
    app: CoachApp,
    reopen: Reopen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(drafting, "DELAY", 60)  # the debounce never fires: only quit saves
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "3")
        await write(pilot, "typed just now")
        await pilot.press("ctrl+q")
    [draft] = all_drafts(reopen())
    assert draft.text == "typed just now"


async def test_an_older_unsaved_draft_comes_back(
    app: CoachApp, reopen: Reopen, library: Library
) -> None:
    coach = reopen()
    saturday = date(2026, 11, 21)
    prompt = library.get("pr-the-lesson")
    assert prompt is not None
    save_draft(coach, Draft(saturday, "yesterday's words", prompt.id, prompt.text, mood=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "yesterday's words"
        assert "for Saturday 21 November" in text_of(app, "#prompt-title")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = reflections_between(reopen())
    assert (entry.day, entry.prompt_id, entry.text) == (saturday, prompt.id, "yesterday's words")


async def test_the_today_pane_keeps_drafts_and_moods_too(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        screen.select_step("reflect")
        await pilot.pause()
        screen.query_one("#pane-reflect", ReflectPane).focus_first()
        await write(pilot, "from the pane")
        await pilot.press("shift+tab", "5")
        await drafts_saved(pilot)
        [draft] = all_drafts(reopen())
        assert (draft.text, draft.mood) == ("from the pane", 5)
        await pilot.press("escape", "r")  # the Reflect screen picks up the same draft
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "from the pane"
        await pilot.press("ctrl+s")
        await settle(pilot)
    [entry] = reflections_between(reopen())
    assert (entry.text, entry.mood) == ("from the pane", 5)


async def test_after_the_routine_the_pane_asks_how_you_feel_now(
    reopen: Reopen, app: CoachApp
) -> None:
    coach = reopen()
    for step in ("walk", "call", "help"):
        set_done(coach, SUNDAY, step)
    save_reflection(coach, SUNDAY, "done for today", build_today(coach).prompt, mood=2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        pane = await open_step(pilot, "reflect")
        assert isinstance(pane, ReflectPane) and pane.after
        picker = pane.query_one(MoodPicker)
        assert picker.value is None
        picker.focus()
        await pilot.press("4")
        await settle(pilot)
    coach = reopen()
    assert (mood_on(coach, SUNDAY, "before"), mood_on(coach, SUNDAY, "after")) == (None, 4)
    assert reflections_between(coach)[0].mood == 2


def test_reflect_snapshot(
    snap_compare: SnapCompare,
    data_dir: Path,
    clock: FixedClock,
    library: Library,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(drafting, "DELAY", 60)  # a steady "not saved yet" in the picture
    app = make_app(data_dir, clock=clock, library=journal_library())

    async def typed(pilot: Pilot[int]) -> None:
        await pilot.press("r", "4")
        await write(pilot, "Called Bea. [bold]Not[/bold] bad. #calls")

    assert snap_compare(app, terminal_size=(80, 24), run_before=typed)


async def test_a_free_entry_after_saving_asks_its_own_mood(reopen: Reopen, app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await write_and_save(pilot, "4", "a good talk")
        await pilot.press("ctrl+o")
        await settle(pilot)
        screen = app.screen
        assert "Free entry" in text_of(app, "#prompt-title")
        picker = screen.query_one(MoodPicker)
        assert picker.value is None and screen.focused is picker
        await pilot.press("2")  # the mood, not the first letter of the text
        await settle(pilot)
        assert screen.query_one(TextArea).text == ""
        assert isinstance(screen.focused, TextArea)
        await write(pilot, "random worry")
        await pilot.press("ctrl+s")
        await settle(pilot)
    entries = reflections_between(reopen())
    free = next(e for e in entries if e.is_free)
    assert free.text == "random worry" and free.mood == 2

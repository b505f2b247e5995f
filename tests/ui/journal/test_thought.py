"""Pilot tests for the thought record: offered facts picked, saved as you type, reached from Reflect."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static, TextArea

from coach.challenge.helps import log_help
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.journal.thoughts import (
    PROMPT_ID,
    TRAP_POOL,
    ThoughtFields,
    ThoughtRecord,
    save_thought,
    thoughts_between,
)
from coach.session import Coach
from coach.walk.walks import log_walk
from screens.app import CoachApp, make_app
from screens.common import drafting
from screens.journal.reflect import ReflectScreen
from screens.journal.thought import NO_FACTS, ThoughtScreen
from tests.conftest import Reopen
from tests.ui.helpers import SnapCompare, drafts_saved, settle, text_of, wait_for
from tests.ui.loss.test_loss import palette_offers

SUNDAY = date(2026, 11, 22)  # the fixture's today
HELPED = "I helped 1 person this week: Cara"
WALKED = "I walked on 1 day this week (25 minutes)"


pytestmark = pytest.mark.usefixtures("quick_drafts")


@pytest.fixture
def week(reopen: Reopen) -> Coach:
    coach = reopen()
    log_help(coach, "Cara", "an intro", day=date(2026, 11, 17))
    log_walk(coach, date(2026, 11, 21), 25)
    return coach


async def open_thought(pilot: Pilot[int]) -> ThoughtScreen:
    await pilot.press("r")
    await settle(pilot)
    await pilot.press("ctrl+r")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ThoughtScreen), "the record")
    screen = pilot.app.screen
    assert isinstance(screen, ThoughtScreen)
    await wait_for(pilot, lambda: screen.facts or screen.is_mounted and _read(screen), "facts")
    return screen


async def open_kept(pilot: Pilot[int], kept: ThoughtRecord) -> ThoughtScreen:
    """A kept record opened on its screen."""
    await settle(pilot)
    pilot.app.push_screen(ThoughtScreen(kept))
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ThoughtScreen), "the record")
    screen = pilot.app.screen
    assert isinstance(screen, ThoughtScreen)
    return screen


def _read(screen: ThoughtScreen) -> bool:
    return "Reading" not in str(screen.query_one("#thought-no-facts", Static).render())


async def test_offered_evidence_is_picked_and_the_record_saved_as_typed(
    app: CoachApp, reopen: Reopen, week: Coach
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_thought(pilot)
        offered = screen.query_one("#thought-evidence", SelectionList)
        assert [str(offered.get_option_at_index(i).prompt) for i in range(2)] == [
            HELPED,
            WALKED,
        ]
        assert pilot.app.focused is screen.query_one("#thought-situation", TextArea)
        await pilot.press(*"Acme", "tab")  # situation, then on to the feelings
        assert isinstance(pilot.app.focused, Input)
        screen.query_one("#thought-feelings", Input).value = "anxious 80, ashamed 60"
        screen.query_one("#thought-thought", TextArea).insert("I'll lose all my clients")
        screen.query_one("#thought-against", TextArea).insert("Bea renewed")
        offered.focus()
        await pilot.press("space")  # picks the first fact offered
        screen.query_one("#thought-rerate", Input).value = "anxious 40"
        traps = screen.query_one("#thought-traps", SelectionList)
        traps.focus()
        traps.highlighted = [
            traps.get_option_at_index(i).value for i in range(traps.option_count)
        ].index("trap-catastrophizing")
        await pilot.press("space")
        assert text_of(pilot.app, "#thought-trap-line").startswith(
            "Catastrophizing: Jumping to the worst ending"
        )
        await drafts_saved(pilot)
        assert "saved" in text_of(pilot.app, "#thought-state")

        [record] = thoughts_between(reopen())
        assert record.day == SUNDAY
        assert record.situation == "Acme"
        assert [(f.name, f.strength) for f in record.feelings] == [("anxious", 80), ("ashamed", 60)]
        assert record.thought == "I'll lose all my clients"
        assert record.evidence_against == ("Bea renewed", HELPED)
        assert [(f.name, f.strength) for f in record.rerated] == [("anxious", 40)]
        assert record.traps == ("trap-catastrophizing",)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReflectScreen)
        # one record, saved again and again under one id
        assert len(thoughts_between(reopen())) == 1


async def test_a_half_typed_feeling_is_named_and_the_last_good_one_kept(
    app: CoachApp, reopen: Reopen, week: Coach
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_thought(pilot)
        feelings = screen.query_one("#thought-feelings", Input)
        feelings.value = "sad 70"
        await drafts_saved(pilot)
        feelings.value = "sad 70, angry"
        await drafts_saved(pilot)
        assert "a feeling is a name and 0-100" in text_of(pilot.app, "#thought-state")
        [record] = thoughts_between(reopen())
        assert [(f.name, f.strength) for f in record.feelings] == [("sad", 70)]


async def test_quitting_while_typing_keeps_every_word(
    app: CoachApp,
    reopen: Reopen,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(drafting, "DELAY", 60)  # the debounce never fires: only quit saves
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_thought(pilot)
        await pilot.press(*"Ac")
        screen.query_one("#thought-situation", TextArea).insert("me left today")
        await pilot.pause()
        await pilot.press("ctrl+q")
    [record] = thoughts_between(reopen())
    assert record.situation == "Acme left today"


async def test_nothing_is_offered_and_nothing_kept_without_logs(
    reopen: Reopen, app: CoachApp
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_thought(pilot)
        assert text_of(pilot.app, "#thought-no-facts") == NO_FACTS
        assert not screen.query_one("#thought-evidence").display
        await pilot.press("escape")  # opened and left: no record, the reflect step stays open
        await settle(pilot)
    assert thoughts_between(reopen()) == []


async def test_an_existing_record_opens_with_its_facts_picked(
    app: CoachApp, reopen: Reopen, week: Coach
) -> None:
    kept = save_thought(
        week,
        SUNDAY,
        ThoughtFields(thought="They think I'm useless", evidence_against=(WALKED, "Bea renewed")),
    )
    assert kept is not None
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_kept(pilot, kept)
        await wait_for(pilot, lambda: bool(screen.facts), "the facts")
        assert screen.query_one("#thought-evidence", SelectionList).selected == [WALKED]
        assert screen.query_one("#thought-against", TextArea).text == "Bea renewed"
        screen.query_one("#thought-balanced", TextArea).insert("One loss is one loss.")
        await drafts_saved(pilot)
    [record] = thoughts_between(reopen())
    assert record.id == kept.id
    assert record.balanced == "One loss is one loss."
    assert set(record.evidence_against) == {WALKED, "Bea renewed"}


async def test_the_feelings_prompt_offers_the_thought_record(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    prompt = library.items[PROMPT_ID]
    assert prompt.title == "Feelings aren't facts"
    only = Library(sources=library.sources)  # today's prompt is the feelings prompt
    for item in (replace(prompt, phase="any"), *library.pool(TRAP_POOL)):  # with no loss too
        only.add(item)
    app = make_app(data_dir, clock=clock, library=only)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        assert "ctrl+r opens a thought record" in text_of(pilot.app, "#prompt-text")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ThoughtScreen), "the record")
        await settle(pilot)


async def test_the_palette_command_opens_a_thought_record(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"New thought")
        await wait_for(pilot, lambda: palette_offers(app, "New thought record"), "the palette")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ThoughtScreen), "the record")
        await settle(pilot)


def test_thought_record_snapshot(
    snap_compare: SnapCompare, app: CoachApp, week: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafting, "DELAY", 60)  # a steady "not saved yet" in the picture

    async def opened(pilot: Pilot[int]) -> None:
        await pilot.app.run_action("app.open('thought')")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ThoughtScreen), "the record")
        screen = pilot.app.screen
        assert isinstance(screen, ThoughtScreen)
        await wait_for(pilot, lambda: bool(screen.facts), "the facts")
        await pilot.press(*"Lost")
        area = pilot.app.focused
        assert isinstance(area, TextArea)
        area.insert(" Acme. [bold]x[/] (literal)")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)


async def test_ctrl_delete_asks_first_then_deletes_the_record(
    app: CoachApp, reopen: Reopen, week: Coach
) -> None:
    from screens.common.confirm import ConfirmScreen
    from tests.ui.helpers import saves_done

    kept = save_thought(week, SUNDAY, ThoughtFields(thought="They think I'm useless"))
    assert kept is not None
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_kept(pilot, kept)
        await pilot.press("ctrl+delete")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), "the question")
        await pilot.press("n")  # keep it
        await wait_for(pilot, lambda: pilot.app.screen is screen, "back on the record")
        await saves_done(pilot)
        assert [r.id for r in thoughts_between(reopen())] == [kept.id]
        await pilot.press("ctrl+delete")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: not isinstance(pilot.app.screen, ThoughtScreen), "closed")
        await saves_done(pilot)
    assert thoughts_between(reopen()) == []

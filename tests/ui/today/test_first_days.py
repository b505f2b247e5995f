"""Today after a loss: the first-days card (days 0-2 only), the letter prompt opening the
private Letter, and the rotation record saved off the UI thread."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, OptionList

from coach.content import rotation
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.journal import prompts
from coach.journal.reflections import is_letter_prompt, reflections_between
from coach.loss.letters import letter_for
from coach.loss.losses import add_loss, most_recent
from coach.routine.features import wire
from coach.session import open_coach
from coach.store import Store
from screens.app import CoachApp, make_app
from screens.loss.letter import LetterScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import open_step, settle, shown, text_of


def quiet_app(data_dir: Path, clock: FixedClock, library: Library) -> CoachApp:
    made = make_app(data_dir, clock=clock, library=library)
    made.BACKUP_DELAY = 3600  # no daily backup mid-test (see tests/ui/conftest.py)
    return made


def lose_a_client(data_dir: Path, clock: FixedClock, library: Library, days_ago: int) -> None:
    """Record the loss on the day they left (today's picks lean on a loss recorded before
    today began; the first-days card on any loss at once)."""
    then = FixedClock(clock.now() - timedelta(days=days_ago))
    coach = wire(open_coach(data_dir, clock=then, library=library))
    add_loss(coach, "Acme", coach.today(), ["service"])


@pytest.mark.parametrize(("days_ago", "card"), [(0, True), (2, True), (3, False)])
async def test_the_first_days_card_shows_on_days_0_to_2(
    data_dir: Path, clock: FixedClock, library: Library, days_ago: int, card: bool
) -> None:
    lose_a_client(data_dir, clock, library, days_ago)
    app = quiet_app(data_dir, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and screen.today is not None
        assert screen.today.first_days is card
        widget = screen.query_one("#first-days")
        assert widget.display is card
        assert screen.query_one("#encouragement").display is not card
        if card:
            text = text_of(app, "#first-days")
            for word in ("Feel it", "Walk", "Talk"):
                assert word in text
            # calm and small: the card fits at 80x24 with the steps still in view
            assert widget.region.height <= 5
            assert widget.region.right <= 80
            steps = screen.query_one("#steps", OptionList)
            assert steps.region.height >= 8 and steps.region.bottom <= 23


async def test_a_loss_recorded_mid_day_leaves_the_encouragement_until_tomorrow(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    clock.set(clock.now().replace(hour=15))
    app = quiet_app(data_dir, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and screen.today is not None
        before = text_of(app, "#encouragement")
        coach = app.coach  # the app's own Coach, as the Loss screen records with
        assert coach is not None and before
        loss = add_loss(coach, "Acme", coach.today() - timedelta(days=5), ["competitor"])
        screen.reload()
        await settle(pilot)
        assert "day 5 since Acme left" in text_of(app, "#notes")  # Today did read it
        assert text_of(app, "#encouragement") == before
        assert screen.query_one("#encouragement").display
        clock.advance(timedelta(hours=14))  # 05:00: the next day leans on the loss
        screen.reload()
        await settle(pilot)
        assert screen.today.picks_lean == loss.lean(coach.today())


async def letter_day(data_dir: Path, clock: FixedClock, library: Library) -> CoachApp:
    """Day 1 after a loss, with every other prompt hidden: the day's prompt is the letter."""
    lose_a_client(data_dir, clock, library, 1)
    coach = wire(open_coach(data_dir, clock=clock, library=library))
    for item in library.pool("prompt"):
        if not is_letter_prompt(item):
            prompts.set_hidden(coach, item.id)
    return quiet_app(data_dir, clock, library)


@pytest.mark.parametrize("keys", [("enter", "enter"), ("ctrl+s",)])
async def test_the_letter_prompt_opens_the_letter_not_the_journal(
    data_dir: Path, clock: FixedClock, library: Library, keys: tuple[str, ...]
) -> None:
    app = await letter_day(data_dir, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and screen.today is not None
        assert screen.today.prompt is not None and is_letter_prompt(screen.today.prompt)
        pane = await open_step(pilot, "reflect")
        assert pane.has_class("-letter")
        assert not pane.query_one("#answer").display  # nowhere to type it into the journal
        assert "unsent letter" in shown(pane.query_one("#letter-note"))
        if keys == ("enter", "enter"):
            await pilot.press("enter")
            assert isinstance(app.focused, Button) and app.focused.id == "open-letter"
            await pilot.press("enter")
        else:
            await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, LetterScreen)
        await pilot.press(*"Dear Acme")
        await pilot.press("ctrl+s")
        await settle(pilot)
    coach = open_coach(data_dir, clock=clock, library=library)
    day = coach.today()
    assert reflections_between(coach, day - timedelta(days=9), day) == []  # never the journal
    loss = most_recent(coach, day)
    assert loss is not None
    letter = letter_for(coach, loss.id)
    assert letter is not None and letter.text == "Dear Acme"  # kept, privately


async def test_the_rotation_record_is_written_on_the_save_queue(
    app: CoachApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []
    real_save, real_anchor = rotation._save, rotation._store_anchor

    def save(store: Store, changes: dict[str, Any]) -> None:
        threads.append(threading.current_thread().name)
        real_save(store, changes)

    def anchor(store: Store, pool: str, anchor: rotation.Anchor) -> None:
        threads.append(threading.current_thread().name)
        real_anchor(store, pool, anchor)

    monkeypatch.setattr(rotation, "_save", save)
    monkeypatch.setattr(rotation, "_store_anchor", anchor)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = app.screen
        assert isinstance(first, TodayScreen) and first.today is not None
        assert app.coach is not None
        stored = app.coach.store.doc(rotation.DOC).get()
        assert stored.get("seed") and stored.get("walks")  # written, once the queue ran
    assert threads and set(threads) == {"coach-saves"}, threads

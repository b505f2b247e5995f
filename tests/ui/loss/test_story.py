"""Pilot: your story of the loss over time on the Loss screen (injected clock), and the
post-mortem's feelings step opening a thought record."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from textual.widgets import Input

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.loss import postmortem
from coach.loss.door import mark_checked_in
from coach.loss.losses import add_loss, get_loss
from coach.loss.story import story_of
from screens.app import CoachApp, make_app
from screens.journal.thought import ThoughtScreen
from screens.loss.postmortem import PostmortemScreen
from screens.loss.story import StoryScreen
from tests.conftest import ZONE, Reopen
from tests.ui.helpers import settle, text_of, wait_for


async def tell(data_dir: Path, clock: FixedClock, library: Library, answers: dict[str, str]) -> str:
    """Open the Loss screen, press k, answer, keep it; the story the screen then shows."""
    app = make_app(data_dir, clock=clock, library=library)
    app.BACKUP_DELAY = 3600
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, StoryScreen), "the story form")
        for field, value in answers.items():
            app.screen.query_one(f"#story-{field}", Input).value = value
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, StoryScreen), "the form to close")
        await settle(pilot)
        return text_of(app, "#loss-story")


async def test_the_story_timeline_across_check_ins(
    reopen: Reopen, data_dir: Path, clock: FixedClock, library: Library
) -> None:
    clock.set(datetime(2026, 8, 2, 9, 0, tzinfo=ZONE))
    coach = reopen()
    loss = add_loss(coach, "Acme", date(2026, 8, 1), ["price"])

    shown = await tell(
        data_dir, clock, library, {"cause": "It was all my [b]fault[/b]", "sure": "95"}
    )
    assert shown.splitlines()[:2] == [
        "Your story of it",
        "day 1                  It was all my [b]fault[/b]  (95% sure)",
    ]

    clock.advance(timedelta(days=10))
    for step in postmortem.STEPS:
        postmortem.save_answer(coach, loss.id, step, "written")
    shown = await tell(
        data_dir,
        clock,
        library,
        {"cause": "Price, and slow replies", "sure": "60", "words": "Your rates went up twice"},
    )
    assert "after the post-mortem  Price, and slow replies  (60% sure)" in shown
    assert "they said: Your rates went up twice" in shown

    clock.set(datetime(2026, 11, 2, 10, 0, tzinfo=ZONE))
    checkin = get_loss(coach, loss.id).checkins[0]
    mark_checked_in(coach, loss.id, checkin)
    shown = await tell(data_dir, clock, library, {"cause": "Their budget was cut", "sure": "70"})
    labels = [line.split("  ")[0].strip() for line in shown.splitlines()[1:] if line[:1] != " "]
    assert labels == ["day 1", "after the post-mortem", "3 months"]
    assert "Their budget was cut  (70% sure)" in shown
    assert "k  " not in shown  # nothing more is due
    kept = story_of(get_loss(reopen(), loss.id))
    assert [e.sure for e in kept] == [95, 60, 70]


async def test_a_bad_sureness_is_named_and_nothing_kept(reopen: Reopen, app: CoachApp) -> None:
    coach = reopen()
    loss = add_loss(coach, "Acme", date(2026, 11, 20), ["price"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert "k  What do you think caused it, today?" in text_of(app, "#loss-story")
        await pilot.press("k")
        await wait_for(pilot, lambda: isinstance(app.screen, StoryScreen), "the story form")
        app.screen.query_one("#story-cause", Input).value = "me"
        app.screen.query_one("#story-sure", Input).value = "120"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "how sure you are must be a whole number 0-100" in text_of(app, "#story-error")
        await pilot.press("escape")
        await settle(pilot)
    assert story_of(get_loss(reopen(), loss.id)) == []


async def test_the_feelings_step_opens_a_thought_record(reopen: Reopen, app: CoachApp) -> None:
    coach = reopen()
    loss = add_loss(coach, "Acme", date(2026, 11, 20), ["price"])
    postmortem.set_position(coach, loss.id, "feelings")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "m")
        await wait_for(pilot, lambda: isinstance(app.screen, PostmortemScreen), "the post-mortem")
        await settle(pilot)
        assert "ctrl+t: a thought record" in text_of(app, "#pm-source")
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, ThoughtScreen), "the record")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PostmortemScreen)  # back where you were

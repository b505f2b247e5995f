"""Your story of the loss: recorded, after the post-mortem, at each check-in (injected clock)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.loss import postmortem
from coach.loss.door import mark_checked_in
from coach.loss.losses import add_loss, get_loss
from coach.loss.story import Stage, record_story, story_due, story_of
from coach.session import Coach
from tests.conftest import ZONE


def test_the_story_over_time(coach: Coach, clock: FixedClock) -> None:
    clock.set(datetime(2026, 8, 2, 9, 0, tzinfo=ZONE))
    loss = add_loss(coach, "Acme", date(2026, 8, 1), ["price"])
    assert story_due(loss, coach.today()) == (Stage.RECORDED, None)
    loss = record_story(coach, loss.id, Stage.RECORDED, "It was all my fault", 95)
    assert story_due(loss, coach.today()) is None

    clock.advance(timedelta(days=10))
    for step in postmortem.STEPS:
        loss = postmortem.save_answer(coach, loss.id, step, "written")
    assert story_due(loss, coach.today()) == (Stage.POSTMORTEM, None)
    loss = record_story(
        coach, loss.id, Stage.POSTMORTEM, "Price, and slow replies", "60",
        words="Your rates went up twice",
    )  # fmt: skip

    clock.set(datetime(2026, 11, 1, 10, 0, tzinfo=ZONE))
    loss = mark_checked_in(coach, loss.id, date(2026, 11, 1))
    assert story_due(loss, coach.today()) == (Stage.CHECK_IN, date(2026, 11, 1))
    loss = record_story(coach, loss.id, Stage.CHECK_IN, "Their budget was cut", 70)
    assert story_due(loss, coach.today()) is None

    story = story_of(get_loss(coach, loss.id))
    assert [(e.label(loss), e.cause, e.sure) for e in story] == [
        ("day 1", "It was all my fault", 95),
        ("after the post-mortem", "Price, and slow replies", 60),
        ("3 months", "Their budget was cut", 70),
    ]
    assert story[1].words == "Your rates went up twice"
    assert story[2].checkin == date(2026, 11, 1)


def test_telling_a_moment_again_replaces_it(coach: Coach, clock: FixedClock) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 20), ["unknown"])
    record_story(coach, loss.id, Stage.RECORDED, "me", 90)
    clock.advance(timedelta(hours=2))
    loss = record_story(coach, loss.id, Stage.RECORDED, "maybe not me", None)
    assert [(e.cause, e.sure) for e in story_of(loss)] == [("maybe not me", None)]


@pytest.mark.parametrize(
    ("stage", "cause", "sure", "message"),
    [
        ("recorded", "  ", 50, "write what you think caused it"),
        ("recorded", "x", 101, "0-100"),
        ("recorded", "x", "lots", "0-100"),
        ("someday", "x", 5, "unknown moment"),
        ("check-in", "x", 5, "no check-in with Acme has come yet"),
    ],
)
def test_bad_answers_are_named(
    coach: Coach, stage: str, cause: str, sure: object, message: str
) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 20), ["unknown"])
    with pytest.raises(InputError, match=message):
        record_story(coach, loss.id, stage, cause, sure)  # type: ignore[arg-type]
    assert story_of(get_loss(coach, loss.id)) == []


def test_odd_stored_story_entries_are_skipped(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", date(2026, 11, 20), ["unknown"])
    with coach.store.transaction():
        coach.store.records("losses").update(
            loss.id,
            {
                "story": [
                    "junk",
                    {"stage": "nope"},
                    {"stage": "recorded", "cause": "x", "sure": 500},
                ]
            },
        )
    [entry] = story_of(get_loss(coach, loss.id))
    assert (entry.cause, entry.sure) == ("x", None)


def test_today_notes_when_a_story_answer_is_due(coach: Coach, clock: FixedClock) -> None:
    from coach.routine.today import build_today

    def story_notes() -> list[str]:
        return [n for n in build_today(coach).notes if "caused" in n]

    clock.set(datetime(2026, 8, 2, 9, 0, tzinfo=ZONE))
    loss = add_loss(coach, "Acme", date(2026, 8, 1), ["price"])
    assert story_notes() == ["When you are ready: what do you think caused Acme to leave? (l, k)"]
    clock.set(datetime(2026, 8, 16, 9, 0, tzinfo=ZONE))  # two weeks on: no longer asked
    assert story_notes() == []
    late = add_loss(coach, "Bigco", date(2026, 7, 1), ["price"])  # recorded six weeks on
    assert story_notes() == ["When you are ready: what do you think caused Bigco to leave? (l, k)"]
    record_story(coach, late.id, Stage.RECORDED, "Their budget", 50)
    loss = record_story(coach, loss.id, Stage.RECORDED, "It was all my fault", 95)
    for step in postmortem.STEPS:
        loss = postmortem.save_answer(coach, loss.id, step, "written")
    assert story_notes() == ["Post-mortem of Acme done: what do you think caused it now? (l, k)"]
    record_story(coach, loss.id, Stage.POSTMORTEM, "Price", 60)
    assert story_notes() == []

    clock.set(datetime(2026, 11, 1, 10, 0, tzinfo=ZONE))
    assert story_notes() == []  # the check-in is due, not made yet: the door's note says so
    mark_checked_in(coach, loss.id, date(2026, 11, 1))
    assert story_notes() == ["3 months since Acme left: what do you think caused it now? (l, k)"]
    clock.set(datetime(2026, 12, 2, 10, 0, tzinfo=ZONE))  # a month and a day on
    assert story_notes() == []
    clock.set(datetime(2026, 11, 20, 10, 0, tzinfo=ZONE))
    record_story(coach, loss.id, Stage.CHECK_IN, "Their budget was cut", 70)
    assert story_notes() == []

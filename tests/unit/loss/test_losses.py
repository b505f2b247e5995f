"""Losses: recording, reasons, day N since (at the rollover hour), phases, notes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.content.library import SHOWN_IN, Phase
from coach.core.clock import FixedClock
from coach.core.errors import InputError
from coach.loss.losses import (
    EARLY_DAYS,
    REASONS,
    STEADY_DAYS,
    Loss,
    add_loss,
    all_losses,
    find_loss,
    most_recent,
    parse_reason,
    phase_item,
    since_notes,
)
from coach.routine import today as routine
from coach.session import Coach
from tests.conftest import ZONE


def test_a_loss_round_trips_with_default_checkins(coach: Coach) -> None:
    loss = add_loss(
        coach, "  Acme Ltd ", date(2026, 11, 20), ["price", "competitor", "price"], tenure="3 years"
    )
    stored = all_losses(coach)
    assert stored == [loss]
    assert loss.client == "Acme Ltd"
    assert loss.reasons == ("price", "competitor")
    assert loss.tenure == "3 years"
    assert loss.checkins == (date(2027, 2, 20), date(2027, 5, 20), date(2027, 11, 20))


@pytest.mark.parametrize(
    ("client", "left", "reasons", "problem"),
    [
        ("", date(2026, 11, 1), ["price"], "name is empty"),
        ("Acme", date(2026, 11, 23), ["price"], "in the future"),
        ("Acme", date(2026, 11, 1), [], "at least one reason"),
        ("Acme", date(2026, 11, 1), ["greed"], "unknown reason 'greed'"),
    ],
)
def test_bad_losses_are_refused_and_nothing_is_saved(
    coach: Coach, client: str, left: date, reasons: list[str], problem: str
) -> None:
    with pytest.raises(InputError, match=problem):
        add_loss(coach, client, left, reasons)
    assert all_losses(coach) == []


def test_unknown_reason_lists_the_valid_ones() -> None:
    with pytest.raises(InputError) as info:
        parse_reason("bad-luck")
    for reason in REASONS:
        assert reason in str(info.value)


def test_every_reason_has_words_and_a_known_advice_id(coach: Coach) -> None:
    assert set(REASONS) == {
        "acquisition",
        "merger",
        "out-of-business",
        "their-situation",
        "price",
        "competitor",
        "service",
        "missed-deadlines",
        "communication",
        "too-busy",
        "unknown",
    }
    for reason in REASONS.values():
        assert reason.words
        assert reason.advice in coach.library.advice_ids


def test_most_recent_loss_is_the_latest_date_left(coach: Coach) -> None:
    add_loss(coach, "Old", date(2024, 3, 1), ["merger"])
    add_loss(coach, "New", date(2026, 10, 1), ["price"])
    add_loss(coach, "Middle", date(2025, 6, 1), ["service"])
    latest = most_recent(coach)
    assert latest is not None and latest.client == "New"
    assert [x.client for x in all_losses(coach)] == ["New", "Middle", "Old"]
    assert find_loss(coach, "middle").client == "Middle"
    with pytest.raises(InputError, match="no loss recorded for 'Nobody'"):
        find_loss(coach, "Nobody")


def test_day_n_since_turns_over_at_the_rollover_hour(coach: Coach, clock: FixedClock) -> None:
    add_loss(coach, "Acme", date(2026, 11, 19), ["price"])
    clock.set(datetime(2026, 11, 23, 3, 59, tzinfo=ZONE))  # still Sunday 22nd for the user
    assert since_notes(coach, coach.today()) == ["day 3 since Acme left"]
    clock.set(datetime(2026, 11, 23, 4, 0, tzinfo=ZONE))  # the rollover hour: Monday
    assert since_notes(coach, coach.today()) == ["day 4 since Acme left"]


def test_the_note_reaches_today(coach: Coach) -> None:
    assert not any("since" in n for n in routine.build_today(coach).notes)
    add_loss(coach, "Acme", date(2026, 11, 20), ["price"])
    assert "day 2 since Acme left" in routine.build_today(coach).notes


def test_on_the_day_itself(coach: Coach) -> None:
    add_loss(coach, "Acme", date(2026, 11, 22), ["unknown"])
    assert since_notes(coach, coach.today()) == ["Acme left today"]


@given(st.integers(min_value=0, max_value=4000))
def test_phase_is_early_for_two_weeks_then_later(days: int) -> None:
    left = date(2020, 1, 1)
    loss = Loss(id="x", client="A", left=left, reasons=("price",))
    day = left + timedelta(days=days)
    assert loss.days_since(day) == days
    expected = (
        "first-days"
        if days < 3
        else "early"
        if days < EARLY_DAYS
        else "later"
        if days < STEADY_DAYS
        else "steady"
    )
    assert loss.phase(day) == expected


def test_phase_items_lean_on_the_phase(coach: Coach) -> None:
    lib = coach.library
    for offset in range(30):
        day = date(2026, 11, 1) + timedelta(days=offset)
        for phase in (Phase.EARLY, Phase.LATER):
            item = phase_item(lib, "loss-advice", day, phase)
            assert item is not None and item.phase in SHOWN_IN[phase]
            enc = phase_item(lib, "encouragement", day, phase)
            assert enc is not None and enc.phase in SHOWN_IN[phase]


def test_todays_encouragement_leans_on_the_latest_loss(coach: Coach, clock: FixedClock) -> None:
    clock.set(datetime(2026, 11, 20, 18, 0, tzinfo=ZONE))  # recorded before the days below
    add_loss(coach, "Acme", date(2026, 11, 20), ["price"])
    for offset in range(20):
        clock.set(datetime(2026, 11, 22, 9, 0, tzinfo=ZONE) + timedelta(days=offset))
        today = routine.build_today(coach)
        shown = SHOWN_IN[all_losses(coach)[0].phase(today.day)]
        assert today.encouragement is not None
        assert today.encouragement.phase in shown


def test_a_damaged_loss_record_is_skipped_not_fatal(coach: Coach) -> None:
    with coach.store.transaction():
        coach.store.records("losses").insert({"client": "Broken", "left": "soon"})
    add_loss(coach, "Fine", date(2026, 11, 1), ["price"])
    assert [x.client for x in all_losses(coach)] == ["Fine"]


def test_history_generator_records_a_worked_through_loss(coach: Coach) -> None:
    from random import Random

    from benchmarks.history import GENERATORS, losses

    class Certain(Random):
        def random(self) -> float:
            return 0.0

    assert losses.generate in GENERATORS
    losses.generate(coach, date(2026, 1, 5), Certain(1))
    [loss] = all_losses(coach)
    assert loss.left == date(2026, 1, 5)
    assert len(loss.postmortem) == 8 and loss.thank_you and loss.return_policy


def test_leaning_skip_hides_the_other_phase_only_after_a_loss(coach: Coach) -> None:
    from coach.loss.losses import leaning_skip

    day = coach.today()

    def skipped_phases() -> set[str]:
        items = [coach.library.get(i) for i in leaning_skip(coach, "prompt", day)]
        return {i.phase for i in items if i is not None and not i.lean}

    assert skipped_phases() == {"early", "first-days"}  # no loss: nothing about the first weeks
    add_loss(coach, "Acme", day, ["price"])
    assert skipped_phases() == {"later", "steady"}
    skip = leaning_skip(coach, "prompt", day)
    items = [coach.library.get(i) for i in skip]
    leans = {i.lean for i in items if i is not None and i.phase in SHOWN_IN[Phase.FIRST_DAYS]}
    assert "not-lapse" not in leans  # price: "it may not be you" may be said
    lapse = [i.id for i in coach.library.pool("prompt") if i.lean == "lapse"]
    assert lapse and set(lapse) <= skip  # ...and "own your slip" is not


def test_today_shows_the_first_days_card_on_days_0_to_2_only(
    coach: Coach, clock: FixedClock
) -> None:
    add_loss(coach, "Acme", date(2026, 11, 22), ["acquisition"])
    cards = []
    for offset in range(5):
        clock.set(datetime(2026, 11, 22, 9, 0, tzinfo=ZONE) + timedelta(days=offset))
        cards.append(routine.build_today(coach).first_days)
    assert cards == [True, True, True, False, False]


def test_loss_advice_leans_on_the_reasons(coach: Coach) -> None:
    from coach.loss.losses import loss_advice

    day = coach.today()
    lapse = add_loss(coach, "Acme", day - timedelta(days=5), ["service"])
    outside = add_loss(coach, "Bigco", day - timedelta(days=5), ["acquisition"])
    for offset in range(40):
        shown = loss_advice(coach, lapse, day + timedelta(days=offset))
        assert shown is not None, offset
        assert shown.lean != "not-lapse", shown.id
    pool = coach.library.pool("loss-advice")
    assert any(i.lean == "not-lapse" for i in pool)
    from coach.loss.losses import lean_skip

    assert "la-maybe-not-you" in lean_skip(coach.library, "loss-advice", lapse.lean(day))
    # after an acquisition it may well not be them
    assert "la-maybe-not-you" not in lean_skip(coach.library, "loss-advice", outside.lean(day))


def test_outside_reasons_beside_a_lapse_never_say_it_was_not_you(coach: Coach) -> None:
    from coach.loss.losses import lean_skip

    day = coach.today()
    mixed = add_loss(coach, "Bigco", day - timedelta(days=20), ["acquisition", "communication"])
    skip = lean_skip(coach.library, "loss-advice", mixed.lean(day))
    assert {"la-landscape", "la-maybe-not-you"} <= skip
    outside = add_loss(coach, "Bought", day - timedelta(days=20), ["acquisition"])
    assert "la-landscape" not in lean_skip(coach.library, "loss-advice", outside.lean(day))

"""The rotation record's writes: queued (as the app does) or written at once (the CLI),
and the door, letter and call-idea pools walked per user."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from coach.content import rotation
from coach.content.library import Item
from coach.customers.calls import call_plan
from coach.loss.door import door_advice
from coach.loss.letters import NOWHERE, letter_guidance
from coach.session import Coach
from tests.conftest import TEST_SEED


def queued(coach: Coach) -> list[Callable[[], None]]:
    jobs: list[Callable[[], None]] = []
    rotation.writes_of(coach).defer = jobs.append
    return jobs


def test_a_queued_pick_writes_nothing_until_the_queue_runs(coach: Coach) -> None:
    jobs = queued(coach)
    day = coach.today()
    first = rotation.pick_for(coach, "walk", day)
    enc = rotation.pick_for(coach, "encouragement", day)
    assert first is not None and enc is not None
    assert coach.store.doc(rotation.DOC).get() == {}  # the UI thread wrote nothing
    assert rotation.writes_of(coach).seed == (TEST_SEED, day)
    assert len(jobs) == 3  # the seed once for every pool, and each pool's first anchor
    # until it is on disk, the picks read what was queued: the same item all day
    assert rotation.pick_for(coach, "walk", day) == first
    assert len(jobs) == 3  # and queue nothing again
    for job in jobs:
        job()
    stored = coach.store.doc(rotation.DOC).get()
    assert stored["seed"] == TEST_SEED and stored["first_day"] == day.isoformat()
    assert rotation.writes_of(coach).seed is None
    assert rotation.pick_for(coach, "walk", day) == first


def test_a_moved_anchor_is_queued_and_read_back_before_it_is_written(coach: Coach) -> None:
    day = coach.today()
    rotation.pick_for(coach, "walk", day)  # written at once: no queue yet
    jobs = queued(coach)
    narrow = rotation.pick_for(coach, "walk", day + timedelta(days=1), lambda i: i.id != "x")
    assert narrow is not None
    everything = lambda item: item.id != narrow.id  # noqa: E731 - the set changes: a new anchor
    pick = rotation.pick_for(coach, "walk", day + timedelta(days=2), everything)
    queued_anchor = rotation.writes_of(coach).walks["walk"]
    assert jobs and narrow.id not in queued_anchor.ids

    def stored_ids() -> list[str]:
        return list(coach.store.doc(rotation.DOC).get()["walks"]["walk"]["ids"])

    assert narrow.id in stored_ids()  # the move is not on disk yet
    assert rotation.pick_for(coach, "walk", day + timedelta(days=2), everything) == pick
    for job in jobs:
        job()
    assert narrow.id not in stored_ids()
    assert rotation.writes_of(coach).walks == {}


def test_without_a_queue_the_record_is_written_at_once(coach: Coach) -> None:
    rotation.pick_for(coach, "walk", coach.today())
    assert coach.store.doc(rotation.DOC).get()["seed"] == TEST_SEED


@pytest.mark.parametrize(
    ("pool", "pick"),
    [
        ("door-open", door_advice),
        ("unsent-letter", letter_guidance),
        ("call-value-idea", lambda coach, day: call_plan(coach, day).idea),
    ],
)
def test_door_letter_and_call_idea_go_round_without_repeats(
    coach: Coach, pool: str, pick: Callable[..., Item | None]
) -> None:
    size = len([i for i in coach.library.pool(pool) if i.id != NOWHERE])
    assert size >= 3
    day = coach.today()
    shown = []
    for n in range(size):
        item = pick(coach, day + timedelta(days=n))
        assert item is not None and item == pick(coach, day + timedelta(days=n))  # all day
        shown.append(item.id)
    assert len(set(shown)) == size, shown  # every item once before any comes back
    assert NOWHERE not in shown
    assert pick(coach, day + timedelta(days=size)) == pick(coach, day)  # then round again


def test_loss_advice_goes_round_without_repeats_each_loss_on_its_own_walk(coach: Coach) -> None:
    from coach.loss.losses import add_loss, loss_advice

    day = coach.today()
    lapse = add_loss(coach, "Acme", day - timedelta(days=200), ["service"])
    outside = add_loss(coach, "Bigco", day - timedelta(days=200), ["acquisition"])
    size = len([i for i in coach.library.pool("loss-advice") if lapse.lean(day).allows(i)])
    assert size >= 3
    shown = []
    for n in range(size):
        when = day + timedelta(days=n)
        item = loss_advice(coach, lapse, when)
        loss_advice(coach, outside, when)  # looking at another loss moves nothing
        assert item is not None and item == loss_advice(coach, lapse, when)  # all day
        shown.append(item.id)
    assert len(set(shown)) == size, shown  # every item once before any comes back
    walks = coach.store.doc(rotation.DOC).get()["walks"]
    assert f"loss-advice:{lapse.id}" in walks and f"loss-advice:{outside.id}" in walks


def test_loss_advice_in_the_app_queues_its_record(coach: Coach) -> None:
    from coach.loss.losses import add_loss, loss_advice

    loss = add_loss(coach, "Acme", coach.today(), ["price"])
    jobs = queued(coach)
    assert loss_advice(coach, loss, coach.today()) is not None
    assert coach.store.doc(rotation.DOC).get() == {} and jobs  # the UI thread wrote nothing
    for job in jobs:
        job()
    assert f"loss-advice:{loss.id}" in coach.store.doc(rotation.DOC).get()["walks"]

"""The check-up of every other best customer, and what Today shows for the call step."""

from __future__ import annotations

from datetime import date

from coach.content.library import Library
from coach.customers import checkup
from coach.customers.calls import call_plan
from coach.customers.checkup import (
    last_checkup,
    lessons,
    questions,
    queue,
    save_checkup,
)
from coach.customers.customers import CustomerFields, add_customer, get_customer
from coach.customers.touches import log_touch
from coach.routine.today import build_today
from coach.session import Coach

TODAY = date(2026, 11, 22)


def test_one_question_per_reason_and_the_next_one_next_time(coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("Ann"))
    first = questions(coach.library, ann)
    assert [q.reason for q in first] == list(checkup.REASONS)
    save_checkup(coach, ann.id, answers={}, at_risk=False)
    again = questions(coach.library, get_customer(coach, ann.id))  # type: ignore[arg-type]
    assert [q.reason for q in again] == list(checkup.REASONS)
    assert again[0].id != first[0].id  # communication has more than one question


def test_checkup_marks_at_risk_and_dates_it(coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("Ann"))
    bob = add_customer(coach, CustomerFields("Bob"))
    log_touch(coach, ann.id, day=date(2026, 11, 21))
    assert [c.name for c in queue(coach)] == ["Ann", "Bob"]
    saved = save_checkup(
        coach,
        bob.id,
        answers={"chk-dl-late": " two weeks late in October ", "chk-price-rates": " "},
        notes="call this week",
        at_risk=True,
    )
    assert saved.answers == {"chk-dl-late": "two weeks late in October"}
    after = get_customer(coach, bob.id)
    assert after is not None and after.at_risk and after.last_checkup == TODAY
    assert last_checkup(coach, after) == saved
    assert [c.name for c in queue(coach)] == ["Ann", "Bob"]  # Bob was just checked
    assert call_plan(coach, TODAY).customer == after  # at risk: first in today's call


def test_lessons_come_from_providers_and_a_broken_one_is_skipped(coach: Coach) -> None:
    def good(_: Coach) -> list[str]:
        return ["Acme left over slow replies: answer within a day."]

    def broken(_: Coach) -> list[str]:
        raise RuntimeError("bug elsewhere")

    assert lessons(coach, [broken, good]) == ["Acme left over slow replies: answer within a day."]


def test_user_content_with_a_new_reason_is_asked_too(coach: Coach, library: Library) -> None:
    from dataclasses import replace

    extra = replace(library.pool("checkup-question")[0], id="my-own", reason="scope-creep")
    lib = Library(items=dict(library.items), pools={k: list(v) for k, v in library.pools.items()})
    lib.add(extra)
    ann = add_customer(coach, CustomerFields("Ann"))
    assert [q.reason for q in questions(lib, ann)][-1] == "scope-creep"


def test_today_shows_due_follow_ups_and_the_call(coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("Ann", "Acme"))
    add_customer(coach, CustomerFields("Bob"))
    log_touch(coach, ann.id, day=date(2026, 11, 1), follow_up=TODAY)
    today = build_today(coach)
    assert "Follow up with Ann (today)" in today.notes
    assert today.step("call").detail == "Bob · never called"
    assert not today.step("call").done
    log_touch(coach, ann.id, day=TODAY)
    today = build_today(coach)
    assert today.step("call").done  # a touch today is the call step done
    assert today.step("call").detail == "Reached Ann (Acme) today"
    assert not any("Follow up" in note for note in today.notes)

"""`coach calendar`: items removed since the last export come back cancelled, so calendars drop them."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from coach.cli import main
from coach.core.clock import FixedClock
from coach.customers.calendar import (
    KEEP_CANCELLED_DAYS,
    Event,
    export_calendar,
    plan_export,
    previous_export,
)
from coach.customers.customers import CustomerFields, add_customer, set_archived
from coach.customers.touches import log_touch
from coach.routine.features import calendar_events
from coach.session import Coach

TODAY = date(2026, 11, 22)


def parsed(path: Path) -> dict[str, tuple[str, int, date, str]]:
    """uid -> (status, sequence, day, summary), as icalendar reads the file back."""
    cal = Calendar.from_ical(path.read_bytes())
    return {
        str(e["uid"]): (
            str(e["status"]),
            int(e.decoded("sequence")),
            e.decoded("dtstart"),
            str(e["summary"]),
        )
        for e in cal.walk("VEVENT")
    }


def export(coach: Coach, path: Path) -> tuple[int, int]:
    return export_calendar(coach, path, calendar_events(coach, coach.today()), coach.clock.now())


def test_a_removed_follow_up_is_cancelled_with_the_same_uid(
    coach: Coach, clock: FixedClock, tmp_path: Path
) -> None:
    ann = add_customer(coach, CustomerFields("Ann"))
    log_touch(coach, ann.id, day=TODAY, follow_up=TODAY + timedelta(days=3))
    target = tmp_path / "coach.ics"
    assert export(coach, target) == (2, 0)
    first = parsed(target)
    follow = f"follow-up-{ann.id}@coach.local"
    due = f"due-{ann.id}@coach.local"
    assert first[follow] == ("CONFIRMED", 0, TODAY + timedelta(days=3), "Follow up with Ann")
    assert first[due][:2] == ("CONFIRMED", 0)

    log_touch(coach, ann.id, day=TODAY)  # no follow-up now: the event is gone
    assert export(coach, target) == (1, 1)
    second = parsed(target)
    assert set(second) == set(first)  # same UIDs, never a new one
    assert second[follow] == ("CANCELLED", 1, TODAY + timedelta(days=3), "Follow up with Ann")
    assert second[due] == first[due]  # unchanged: same sequence

    # exported again unchanged: the cancellation is repeated, its sequence not bumped again
    assert export(coach, target) == (1, 1)
    assert parsed(target) == second


def test_archiving_a_customer_cancels_their_events_and_a_moved_event_is_bumped(
    coach: Coach, tmp_path: Path
) -> None:
    ann = add_customer(coach, CustomerFields("Ann"))
    bob = add_customer(coach, CustomerFields("Bob"))
    log_touch(coach, bob.id, day=TODAY - timedelta(days=3))
    target = tmp_path / "coach.ics"
    export(coach, target)
    set_archived(coach, ann.id)
    log_touch(coach, bob.id, day=TODAY)  # Bob's due day moves
    export(coach, target)
    found = parsed(target)
    assert found[f"due-{ann.id}@coach.local"][:2] == ("CANCELLED", 1)
    assert found[f"due-{bob.id}@coach.local"][:2] == ("CONFIRMED", 1)


def test_each_file_has_its_own_record(coach: Coach, tmp_path: Path) -> None:
    ann = add_customer(coach, CustomerFields("Ann"))
    one, two = tmp_path / "one.ics", tmp_path / "two.ics"
    export(coach, one)
    set_archived(coach, ann.id)
    assert export(coach, two) == (0, 0)  # two.ics never held Ann: nothing to cancel
    assert export(coach, one) == (0, 1)
    assert previous_export(coach, two) == {}


def test_cancellations_are_forgotten_after_a_while() -> None:
    event = Event("due:x", TODAY, "Time to reach X")
    kept = plan_export({}, [event], TODAY).record
    gone = plan_export(kept, [], TODAY)
    assert [c.sequence for c in gone.cancelled] == [1]
    later = plan_export(gone.record, [], TODAY + timedelta(days=KEEP_CANCELLED_DAYS))
    assert len(later.cancelled) == 1
    forgotten = plan_export(later.record, [], TODAY + timedelta(days=KEEP_CANCELLED_DAYS + 1))
    assert forgotten.cancelled == () and forgotten.record == {}
    back = plan_export(gone.record, [event], TODAY + timedelta(days=5))
    assert back.cancelled == () and back.sequences == {event.uid: 2}  # back: bumped again


@pytest.mark.parametrize(
    "damaged",
    [None, "x", {"seq": "1", "day": "2026-11-22"}, {"seq": 1, "day": "soon"}, {"seq": -1}],
)
def test_a_damaged_record_entry_is_forgotten_not_a_crash(damaged: object) -> None:
    plan = plan_export({"due-x@coach.local": damaged}, [], TODAY)
    assert plan.cancelled == () and plan.record == {}


def test_the_cli_says_how_many_were_cancelled(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T09:00:00+00:00")
    assert main(["customer", "add", "Ann"]) == 0
    assert main(["customer", "add", "Bob"]) == 0
    target = tmp_path / "coach.ics"
    assert main(["calendar", "-o", str(target)]) == 0
    assert "Wrote 2 events to" in capsys.readouterr().out
    assert main(["customer", "archive", "Bob"]) == 0
    capsys.readouterr()
    assert main(["calendar", "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Wrote 1 event and 1 cancelled (gone since the last export)" in out

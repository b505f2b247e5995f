"""`coach calendar`: the ICS file read back by icalendar, the right events, stable UIDs, 0600."""

from __future__ import annotations

import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from coach.cli import main
from coach.core.clock import FixedClock
from coach.customers.cadence import set_cadence
from coach.customers.calendar import to_ics, write_ics
from coach.customers.customers import CustomerFields, add_customer, snooze
from coach.customers.touches import log_touch
from coach.loss.losses import add_loss
from coach.routine.features import calendar_events
from coach.session import Coach

TODAY = date(2026, 11, 22)


def events_of(data: bytes) -> dict[str, tuple[date, str]]:
    cal = Calendar.from_ical(data)
    found: dict[str, tuple[date, str]] = {}
    for e in cal.walk("VEVENT"):
        start = e.decoded("dtstart")
        assert e.decoded("dtend") == start + timedelta(days=1)  # all-day
        found[str(e["uid"])] = (start, str(e["summary"]))
    return found


def seed(coach: Coach) -> dict[str, str]:
    ann = add_customer(coach, CustomerFields("Ann", "Acme", why="first big order"))
    bob = add_customer(coach, CustomerFields("Bob"))
    cy = add_customer(coach, CustomerFields("Cy"))
    set_cadence(coach, ann.id, "1w", "3w")
    log_touch(coach, ann.id, day=TODAY - timedelta(days=2), follow_up=TODAY + timedelta(days=5))
    log_touch(coach, bob.id, day=TODAY - timedelta(days=30))  # overdue: due today
    snooze(coach, cy.id, date(2027, 1, 15))
    loss = add_loss(coach, "Globex", date(2026, 11, 1), ["price"])
    return {"ann": ann.id, "bob": bob.id, "cy": cy.id, "loss": loss.id}


def test_events_and_stable_uids(coach: Coach, clock: FixedClock) -> None:
    ids = seed(coach)
    first = events_of(to_ics(calendar_events(coach, TODAY), clock.now()))
    assert first == {
        f"follow-up-{ids['ann']}@coach.local": (date(2026, 11, 27), "Follow up with Ann"),
        f"due-{ids['ann']}@coach.local": (date(2026, 11, 27), "Time to reach Ann (1-week rhythm)"),
        f"due-{ids['bob']}@coach.local": (TODAY, "Time to reach Bob (2-week rhythm)"),
        f"snooze-{ids['cy']}@coach.local": (date(2027, 1, 15), "Cy is back in your rotation"),
        **{
            f"checkin-{ids['loss']}-{day}@coach.local": (date.fromisoformat(day), summary)
            for day, summary in (
                ("2027-02-01", "Check in with Globex: 3 months since they left"),
                ("2027-05-01", "Check in with Globex: 6 months since they left"),
                ("2027-11-01", "Check in with Globex: 12 months since they left"),
            )
        },
    }
    # a touch moves Bob's due day: the next export has the same UIDs, one event moved
    log_touch(coach, ids["bob"], day=TODAY)
    clock.advance(timedelta(hours=1))
    second = events_of(to_ics(calendar_events(coach, TODAY), clock.now()))
    assert set(second) == set(first)
    moved = {uid for uid in first if first[uid] != second[uid]}
    assert moved == {f"due-{ids['bob']}@coach.local"}
    assert second[f"due-{ids['bob']}@coach.local"][0] == date(2026, 12, 6)


def test_same_data_same_bytes(coach: Coach, clock: FixedClock) -> None:
    seed(coach)
    events = calendar_events(coach, TODAY)
    assert to_ics(events, clock.now()) == to_ics(list(reversed(events)), clock.now())


def test_cli_writes_a_private_file_atomically(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T09:00:00+00:00")
    assert main(["customer", "add", "Ann", "--every", "2w"]) == 0
    out_file = tmp_path / "coach.ics"
    out_file.write_text("old")
    out_file.chmod(0o644)
    assert main(["calendar", "--output", str(out_file)]) == 0
    assert "Wrote 1 event to" in capsys.readouterr().out
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    (only,) = events_of(out_file.read_bytes()).values()
    assert only == (TODAY, "Time to reach Ann (2-week rhythm)")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert main(["calendar", "--output", str(out_file)]) == 0  # again: same single event
    assert len(events_of(out_file.read_bytes())) == 1


@pytest.mark.parametrize(
    ("where", "message"),
    [("folder", "is a folder"), ("missing/coach.ics", "does not exist")],
)
def test_bad_output_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, message: str
) -> None:
    (tmp_path / "folder").mkdir()
    assert main(["calendar", "--output", str(tmp_path / where)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_failed_write_is_named_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from coach.core import atomic
    from coach.core.errors import InputError

    target = tmp_path / "coach.ics"
    target.write_bytes(b"old")

    def full_disk(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "write", full_disk)
    with pytest.raises(InputError, match="cannot write .*No space left on device"):
        write_ics(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["coach.ics"]  # no temp left behind

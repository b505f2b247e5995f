"""Today's optional notes from the tools: talk to one of your people on days 0-13 after a
loss, and this week's skills refresh (the same all week, this user's order), each naming
its article; read through an injected clock, so no test depends on the day it runs."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.loss import tools
from coach.loss.losses import add_loss
from coach.routine.features import wire
from coach.routine.today import build_today, set_done
from coach.session import Coach, open_coach
from tests.cli_helpers import run
from tests.conftest import ZONE

DAY = date(2026, 11, 22)
EMOTIONAL = "Overcoming the Emotional Loss of Losing a Customer"
HUGHES = "Dealing With the Loss of a Client"


def coach_on(data_dir: Path, library: Library, day: date) -> Coach:
    """The folder opened with its clock at 08:30 on `day`."""
    clock = FixedClock(datetime(day.year, day.month, day.day, 8, 30, tzinfo=ZONE))
    return wire(open_coach(data_dir, clock=clock, library=library))


def talk(coach: Coach) -> list[str]:
    return [n for n in build_today(coach).notes if n.startswith("Talk to someone")]


def weekly(coach: Coach) -> list[str]:
    return [n for n in build_today(coach).notes if n.startswith("This week: ")]


def test_talk_shows_on_days_0_to_13_after_a_loss_only(data_dir: Path, library: Library) -> None:
    first = coach_on(data_dir, library, DAY)
    assert talk(first) == []  # no loss: no nudge
    add_loss(first, "Acme", DAY, ["service"])
    tools.set_people(first, "Sam: always straight with me\nPriya")
    shown = {n: talk(coach_on(data_dir, library, DAY + timedelta(days=n))) for n in range(16)}
    assert [n for n, notes in shown.items() if notes] == list(range(14))
    for notes in shown.values():
        assert all(note.endswith(f"your people) — {EMOTIONAL}") for note in notes)
    assert shown[0] in (
        [f"Talk to someone who encourages you: Sam, or Priya? {tools.TALK_KEYS} — {EMOTIONAL}"],
        [f"Talk to someone who encourages you: Priya, or Sam? {tools.TALK_KEYS} — {EMOTIONAL}"],
    )  # the name, not what they are good for


def test_talk_walks_your_people_in_your_order_a_step_a_day(
    data_dir: Path, library: Library
) -> None:
    coach = coach_on(data_dir, library, DAY)
    add_loss(coach, "Acme", DAY, ["price"])
    listed = tools.set_people(coach, "\n".join(["Ann", "Bob", "Cy", "Dee", "Eve"]))
    days = [tools.people_today(coach, DAY + timedelta(days=n)) for n in range(5)]
    assert {names[0] for names in days} == set(listed)  # everyone before anyone again
    for today, tomorrow in zip(days, days[1:], strict=False):
        assert today[1] == tomorrow[0]  # one step a day: tomorrow opens with today's second
    assert tools.people_today(coach, DAY + timedelta(days=5)) == days[0]
    assert tools.people_today(coach, DAY) == days[0]  # the same all day
    # the Tools screen's "Today, perhaps" names the same person as Today
    assert f"Today, perhaps: {days[0][0]}" in tools.talk_to_someone(coach, DAY)
    tools.set_people(coach, "Ann")
    assert tools.people_today(coach, DAY) == ["Ann"]
    assert talk(coach) == [
        f"Talk to someone who encourages you: Ann? {tools.TALK_KEYS} — {EMOTIONAL}"
    ]


def test_an_empty_list_asks_for_a_name(data_dir: Path, library: Library) -> None:
    coach = coach_on(data_dir, library, DAY)
    add_loss(coach, "Acme", DAY - timedelta(days=5), ["merger"])
    [note] = talk(coach)
    assert "Add a name (o, then e)" in note and note.endswith(EMOTIONAL)
    tools.set_people(coach, "")  # cleared: asks again
    assert talk(coach) == [note]


def test_user_text_in_a_name_is_shown_as_one_line(data_dir: Path, library: Library) -> None:
    coach = coach_on(data_dir, library, DAY)
    add_loss(coach, "Acme", DAY, ["price"])
    tools.set_people(coach, "\x1b[31mSam\x07: ok")
    [note] = talk(coach)
    assert "\x1b" not in note and "\x07" not in note and "␛[31mSam␇?" in note


def test_the_skills_refresh_changes_weekly_in_your_order(data_dir: Path, library: Library) -> None:
    pool = {i.text: i for i in library.pool("skills-refresh")}
    first = coach_on(data_dir, library, DAY)
    assert weekly(first) == []  # a first run: Today welcomes the newcomer instead
    set_done(first, DAY, "walk")
    weeks = []  # tick a step: no longer new
    for n in range(len(pool)):
        days = [
            weekly(coach_on(data_dir, library, DAY + timedelta(weeks=n, days=d))) for d in (0, 6)
        ]
        assert days[0] == days[1] and len(days[0]) == 1  # the same all week
        text, source = days[0][0].removeprefix("This week: ").rsplit(" — ", 1)
        assert source == pool[text].source_line and HUGHES in source
        weeks.append(text)
    assert sorted(weeks) == sorted(pool)  # a new one each week, none again until all were shown


def test_no_skills_refresh_in_the_first_days(data_dir: Path, library: Library) -> None:
    coach = coach_on(data_dir, library, DAY)
    add_loss(coach, "Acme", DAY - timedelta(days=1), ["service"])
    assert weekly(coach) == []  # days 0-2: feelings, the walk, someone to talk to
    assert len(talk(coach)) == 1
    assert len(weekly(coach_on(data_dir, library, DAY + timedelta(days=2)))) == 1  # day 3


def test_the_steps_and_the_count_are_unchanged(data_dir: Path, library: Library) -> None:
    coach = coach_on(data_dir, library, DAY)
    add_loss(coach, "Acme", DAY - timedelta(days=4), ["service"])
    today = build_today(coach)
    assert len(talk(coach)) == 1 and len(weekly(coach)) == 1
    assert [s.id for s in today.steps] == ["walk", "call", "help", "reflect"]
    assert today.done_count == 0


def test_coach_today_prints_the_notes_as_text_and_json(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    library: Library,
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    coach = coach_on(data_dir, library, DAY)
    add_loss(coach, "Acme", DAY - timedelta(days=4), ["service"])
    tools.set_people(coach, "Sam: my old mentor")
    expected = f"Talk to someone who encourages you: Sam? {tools.TALK_KEYS} — {EMOTIONAL}"
    code, out, err = run(capsys, "today")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert f"  {expected}" in lines and "  day 4 since Acme left" in lines
    assert [n for n in lines if n.startswith("  This week: ")]
    assert lines.index(f"  {expected}") < lines.index("[ ] Take a walk")
    code, out, err = run(capsys, "today", "--json")
    notes = json.loads(out)["notes"]
    assert expected in notes and any(n.startswith("This week: ") for n in notes)

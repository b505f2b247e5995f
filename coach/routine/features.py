"""The one list that wires the features into Today, reminders, status, the check-up and Progress.

Features never import each other or coach.routine: each offers plain
functions, and this module is the only place that puts them together. To add a
note on Today, a reminder or a check-up lesson, add the feature's function to
the tuple here.

What Today shows at first paint (the steps' logs and the notes) is imported
with this module; what only a command or another screen reads (the calendar,
the check-up, the walk reminder) is imported inside the entry that uses it, on
its first call: the list stays one list, and the app's start does not pay for
them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from coach.challenge import helps
from coach.content import rotation
from coach.core.notices import Due
from coach.core.signs import WarningSign
from coach.customers import cadence, calls, customers, touches
from coach.days import ticks
from coach.days.steps import STEP_TITLES, StepId
from coach.journal import prompts, reflections, thoughts
from coach.loss import door, letters, losses, postmortem, story, tools
from coach.session import Coach
from coach.walk import walks

if TYPE_CHECKING:
    from coach.customers import calendar, checkup

DayNote = Callable[[Coach, date], list[str]]
Reminder = Callable[[Coach, datetime], list[Due]]
Lesson = Callable[[Coach], list[str]]
CalendarSource = Callable[[Coach, date], "list[calendar.Event]"]


def wire(coach: Coach) -> Coach:
    """Give an opened Coach what features read through it: the Lean of the day's picks
    (from the latest loss recorded before the day began)."""
    coach.kept(rotation.LeanSource).find = losses.day_lean
    return coach


def no_detail(coach: Coach, day: date) -> str:
    return ""


def _letter_was_the_prompt(coach: Coach, day: date) -> bool:
    """Today offered the unsent letter as `day`'s prompt (it opens the Letter, not the journal)."""
    prompt = prompts.prompt_for(coach, day, letter=True)
    return prompt is not None and reflections.is_letter_prompt(prompt)


def _letter_days(coach: Coach, first: date, last: date) -> set[date]:
    """Days a letter was kept when that day's prompt was the letter: it answered the prompt."""
    return {d for d in letters.kept_days(coach, first, last) if _letter_was_the_prompt(coach, d)}


def _reflected_on(coach: Coach, day: date) -> bool:
    """The reflect step counts journal entries, thought records and the prompted letter."""
    return (
        reflections.logged_on(coach, day)
        or thoughts.logged_on(coach, day)
        or bool(_letter_days(coach, day, day))
    )


def _reflected_days(coach: Coach, first: date, last: date) -> set[date]:
    return (
        reflections.logged_days(coach, first, last)
        | thoughts.logged_days(coach, first, last)
        | _letter_days(coach, first, last)
    )


@dataclass(frozen=True)
class StepFeature:
    """What the routine needs of the feature behind one step."""

    id: StepId
    pool: str  # the content pool its daily advice comes from
    logged_on: Callable[[Coach, date], bool]  # the feature's own log has an entry that day
    logged_days: Callable[[Coach, date, date], set[date]]  # ... on these days, first to last
    detail: Callable[[Coach, date], str]  # the line beside its advice on Today

    @property
    def title(self) -> str:
        return STEP_TITLES[self.id]


STEPS: tuple[StepFeature, ...] = (
    StepFeature(StepId.WALK, "walk", walks.logged_on, walks.logged_days, walks.walk_detail),
    StepFeature(StepId.CALL, "call", touches.logged_on, touches.logged_days, calls.call_detail),
    StepFeature(StepId.HELP, "help", helps.logged_on, helps.logged_days, helps.help_detail),
    StepFeature(StepId.REFLECT, "prompt", _reflected_on, _reflected_days, no_detail),
)
STEP_FEATURES: dict[StepId, StepFeature] = {s.id: s for s in STEPS}


def step_done(coach: Coach, day: date, step: StepId) -> bool:
    """The one answer to "is this step done on this day": ticked by hand, or logged."""
    return step in ticks.ticks_on(coach, day).done or STEP_FEATURES[step].logged_on(coach, day)


def done_steps(coach: Coach, day: date) -> dict[StepId, bool]:
    """Each step of `day`, done or not (one read of the day's ticks)."""
    ticked = ticks.ticks_on(coach, day).done
    return {s.id: s.id in ticked or s.logged_on(coach, day) for s in STEPS}


def done_between(coach: Coach, first: date, last: date) -> dict[date, frozenset[StepId]]:
    """The steps done on each day from `first` to `last` (days with none are left out)."""
    out: dict[date, set[StepId]] = {
        d: set(t.done) for d, t in ticks.ticks_between(coach, first, last).items()
    }
    for step in STEPS:
        for day in step.logged_days(coach, first, last):
            out.setdefault(day, set()).add(step.id)
    return {d: frozenset(s) for d, s in out.items() if s}


def _walk_due(coach: Coach, now: datetime) -> list[Due]:
    from coach.walk import reminder  # imported on the first reminder: no start pays for it

    return reminder.walk_due(coach, now, lambda day: step_done(coach, day, StepId.WALK))


def _weekly_skills_notes(coach: Coach, day: date) -> list[str]:
    """This week's skills refresh, but not on a first run: a newcomer's Today welcomes them
    (it shows the welcome only while there are no notes; see routine.today.is_first_run)."""
    newcomer = not coach.store.months() and not losses.all_losses(coach)
    if newcomer and not customers.all_customers(coach):
        return []
    return tools.skills_notes(coach, day)


# One-line notes under Today's encouragement, in this order.
NOTES: tuple[DayNote, ...] = (
    helps.week_closed_note,
    calls.follow_up_notes,
    losses.since_notes,
    door.checkin_notes,
    story.story_notes,  # what do you think caused it now?
    reflections.on_this_day_notes,  # a month ago, a year ago
    tools.talk_notes,  # optional, days 0-13 after a loss: talk to one of your people
    _weekly_skills_notes,  # optional, the same all week: refresh your skills
)

# What `coach remind` and the app show as due.
REMINDERS: tuple[Reminder, ...] = (
    _walk_due,
    door.checkin_reminders,
    calls.follow_up_reminders,
    cadence.quiet_reminders,
)

# Lessons at the top of the customers' check-up.
LESSONS: tuple[Lesson, ...] = (postmortem.lessons,)


# Warning signs missed before a loss: each is a rule on the customers' check-up.
WARNING_SIGNS: tuple[Callable[[Coach], list[tuple[WarningSign, str]]], ...] = (
    postmortem.missed_signs,
)


def checkup_warnings(coach: Coach, day: date) -> list[checkup.Flag]:
    """The best customers showing a sign you missed before a loss."""
    from coach.customers import checkup  # imported with the check-up, not at start

    missed = [found for source in WARNING_SIGNS for found in source(coach)]
    return checkup.warning_flags(coach, day, missed)


def checkup_rules(coach: Coach) -> dict[WarningSign, str]:
    """Each warning sign missed before a loss, once, with the client it was missed with."""
    from coach.customers import checkup

    return checkup.rules(found for source in WARNING_SIGNS for found in source(coach))


def checkup_lessons(coach: Coach) -> list[str]:
    """Every lesson for the check-up; a failing provider never blocks the check-up."""
    from coach.customers import checkup

    return checkup.lessons(coach, LESSONS)


def _checkin_events(coach: Coach, day: date) -> list[calendar.Event]:
    """The 3/6/12-month check-ins after each loss that are not made yet."""
    from coach.customers import calendar  # imported by `coach calendar`, not at start

    return [
        calendar.Event(
            f"checkin:{loss.id}:{when.isoformat()}",
            when,
            f"Check in with {loss.client}: {door.months_after(loss, when)} since they left",
        )
        for loss in losses.all_losses(coach)
        for when in door.open_checkins(loss)
    ]


def _customer_events(coach: Coach, day: date) -> list[calendar.Event]:
    """Each customer's next call as an event (coach.customers.calendar)."""
    from coach.customers import calendar

    return calendar.customer_events(coach, day)


# What `coach calendar` exports.
CALENDAR: tuple[CalendarSource, ...] = (_customer_events, _checkin_events)


def calendar_events(coach: Coach, day: date) -> list[calendar.Event]:
    """Every event for the calendar file, seen from `day`."""
    return [event for source in CALENDAR for event in source(coach, day)]

"""Walks: logging them, minutes per week against the goal, and streaks of walking days.

Walks live in the dated log "walks", one record per walk, on the user's logical
day (the day rolls over at the rollover hour). A record holds `minutes`
(1..600), an optional `note`, and `started_at`/`ended_at` when it was timed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from coach.core.errors import InputError
from coach.core.weeks import week_start
from coach.core.words import plural
from coach.session import Coach
from coach.store import Record
from coach.walk.summary import walked_days

LOG = "walks"
MIN_MINUTES = 1
MAX_MINUTES = 600
MAX_NOTE = 2000


@dataclass(frozen=True)
class Walk:
    """One walk the user took."""

    id: str
    day: date
    minutes: int
    note: str = ""
    started_at: datetime | None = None
    ended_at: datetime | None = None

    @property
    def timed(self) -> bool:
        return self.started_at is not None


@dataclass(frozen=True)
class WalkDay:
    """All walks of one day."""

    day: date
    walks: tuple[Walk, ...]

    @property
    def minutes(self) -> int:
        return sum(w.minutes for w in self.walks)


@dataclass(frozen=True)
class WalkWeek:
    """A week of walks: its first day, minutes walked and days with a walk."""

    start: date
    minutes: int
    days: int

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)


@dataclass(frozen=True)
class Streak:
    """A run of consecutive days with a walk (length 0: no run)."""

    length: int
    first: date | None = None
    last: date | None = None


@dataclass(frozen=True)
class WalkStats:
    """What the walk log, the Today pane and `coach walk --json` show."""

    day: date
    today: tuple[Walk, ...]
    week_start: date
    week_minutes: int
    daily_goal: int
    current: Streak
    longest: Streak | None  # None when not computed (it reads all history)

    @property
    def today_minutes(self) -> int:
        return sum(w.minutes for w in self.today)

    @property
    def week_goal(self) -> int:
        return week_goal(self.daily_goal)


@dataclass(frozen=True)
class WalkLog:
    """The Walk screen's log: the stats, recent walks by day and the recent weeks."""

    stats: WalkStats
    days: tuple[WalkDay, ...]  # newest first; days without a walk left out
    weeks: tuple[WalkWeek, ...]  # newest first; every week of the span, walked or not


# -- records -> dataclasses ----------------------------------------------------
def _moment(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def walk_from(record: Record) -> Walk | None:
    """A Walk from a stored record; None for a record without a usable date."""
    try:
        day = date.fromisoformat(str(record.get("date", "")))
    except ValueError:
        return None
    minutes = record.get("minutes")
    note = record.get("note")
    return Walk(
        id=str(record.get("id", "")),
        day=day,
        minutes=minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else 0,
        note=note if isinstance(note, str) else "",
        started_at=_moment(record.get("started_at")),
        ended_at=_moment(record.get("ended_at")),
    )


def _walks(records: Iterable[Record]) -> list[Walk]:
    return [w for w in map(walk_from, records) if w is not None]


# -- reading -------------------------------------------------------------------
def walks_on(coach: Coach, day: date) -> list[Walk]:
    return _walks(coach.store.log(LOG).on(day))


def walks_between(coach: Coach, first: date | None, last: date | None) -> list[Walk]:
    """Walks with first <= day <= last, oldest first (either end may be open)."""
    return _walks(coach.store.log(LOG).between(first, last))


def by_day(walks: Iterable[Walk]) -> list[WalkDay]:
    """Walks grouped by day, newest day first."""
    days: dict[date, list[Walk]] = {}
    for walk in walks:
        days.setdefault(walk.day, []).append(walk)
    return [WalkDay(day, tuple(days[day])) for day in sorted(days, reverse=True)]


def by_week(walks: Iterable[Walk], first_weekday: int = 0) -> list[WalkWeek]:
    """Minutes and walking days per week, newest week first."""
    minutes: dict[date, int] = {}
    days: dict[date, set[date]] = {}
    for walk in walks:
        start = week_start(walk.day, first_weekday)
        minutes[start] = minutes.get(start, 0) + walk.minutes
        days.setdefault(start, set()).add(walk.day)
    return [WalkWeek(s, minutes[s], len(days[s])) for s in sorted(minutes, reverse=True)]


def week_goal(daily_goal: int) -> int:
    """The week's goal: the daily walk goal (settings.walk_goal_minutes) on every day."""
    return daily_goal * 7


def week_minutes(coach: Coach, day: date) -> tuple[date, int]:
    """The first day of the week holding `day`, and the minutes walked from then to `day`."""
    start = week_start(day, coach.settings.week_start)
    return start, sum(w.minutes for w in walks_between(coach, start, day))


def logged_on(coach: Coach, day: date) -> bool:
    """True when a walk is logged on `day` (a ticked step is the routine's business)."""
    return bool(coach.store.log(LOG).on(day))


def count_by_day(coach: Coach, first: date | None, last: date | None) -> Counter[date]:
    """How many walks were logged on each day from `first` to `last` (ticks are not walks)."""
    return Counter(w.day for w in walks_between(coach, first, last))


def logged_days(coach: Coach, first: date, last: date) -> set[date]:
    """The days from `first` to `last` with a walk logged."""
    return {w.day for w in walks_between(coach, first, last)}


# -- streaks -------------------------------------------------------------------
def _month_first(day: date) -> date:
    return day.replace(day=1)


def _month_last(day: date) -> date:
    nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return nxt - timedelta(days=1)


def current_streak(coach: Coach, day: date, limit: int | None = None) -> Streak:
    """Consecutive walking days up to `day` (or up to yesterday while today has none yet).

    Reads month by month backwards and stops at the first day without a walk,
    so a short streak costs one or two month files, never all history. With
    `limit`, stops counting after that many days (for cheap summaries).
    """
    months: dict[date, set[date]] = {}
    earliest = coach.store.months()
    if not earliest:
        return Streak(0)
    floor = date.fromisoformat(earliest[0] + "-01")

    def has_walk(d: date) -> bool:
        key = _month_first(d)
        if key not in months:
            months[key] = {w.day for w in walks_between(coach, key, _month_last(key))}
        return d in months[key]

    last = day if has_walk(day) else day - timedelta(days=1)
    cursor, length = last, 0
    while cursor >= floor and has_walk(cursor):
        length += 1
        if limit is not None and length >= limit:
            break
        cursor -= timedelta(days=1)
    if length == 0:
        return Streak(0)
    return Streak(length, last - timedelta(days=length - 1), last)


def longest_of(days: Iterable[date]) -> Streak:
    """The longest run of consecutive days in `days` (the latest run wins a tie)."""
    best = Streak(0)
    run_first: date | None = None
    previous: date | None = None
    for d in sorted(set(days)):
        if previous is None or d - previous != timedelta(days=1):
            run_first = d
        previous = d
        assert run_first is not None
        length = (d - run_first).days + 1
        if length >= best.length:
            best = Streak(length, run_first, d)
    return best


def longest_streak(coach: Coach, day: date | None = None) -> Streak:
    """The longest run of walking days up to `day`, from month summaries (coach.walk.summary):
    only months changed since the last call are read. Call it off the UI thread."""

    def month_days(key: str) -> list[date]:
        first = date.fromisoformat(key + "-01")
        return [w.day for w in walks_between(coach, first, _month_last(first))]

    return longest_of(d for d in walked_days(coach, month_days) if day is None or d <= day)


def walk_stats(coach: Coach, day: date | None = None, *, longest: bool = True) -> WalkStats:
    """Today's walks, this week's minutes against the goal and the streaks."""
    day = day or coach.today()
    start, minutes = week_minutes(coach, day)
    return WalkStats(
        day=day,
        today=tuple(walks_on(coach, day)),
        week_start=start,
        week_minutes=minutes,
        daily_goal=coach.settings.walk_goal_minutes,
        current=current_streak(coach, day),
        longest=longest_streak(coach, day) if longest else None,
    )


def walk_log(coach: Coach, day: date | None = None, weeks: int = 8) -> WalkLog:
    """The last `weeks` weeks of walks and the stats. Reads all history for the longest streak."""
    day = day or coach.today()
    first_weekday = coach.settings.week_start
    this_week = week_start(day, first_weekday)
    first = this_week - timedelta(weeks=weeks - 1)
    walks = walks_between(coach, first, day)
    found = {w.start: w for w in by_week(walks, first_weekday)}
    all_weeks = [this_week - timedelta(weeks=n) for n in range(weeks)]
    return WalkLog(
        stats=walk_stats(coach, day),
        days=tuple(by_day(walks)),
        weeks=tuple(found.get(start, WalkWeek(start, 0, 0)) for start in all_weeks),
    )


# The strict streak of days walked back to back; Progress's forgiving one is the "routine streak".
STREAK_NAME = "Walking streak"


def streak_words(length: int, capped: bool = False, in_a_row: str = " in a row") -> str:
    """'no streak yet', '1 day in a row', '12 days in a row' ('60+ days' when capped)."""
    if length == 0:
        return "no streak yet"
    if capped:
        return f"{length}+ days{in_a_row}"
    return f"{plural(length, 'day')}{in_a_row}"


def walk_detail(coach: Coach, day: date) -> str:
    """One line for Today: minutes this week against the goal, and the streak when there is one."""
    limit = 62  # at most two or three month files on Today
    _, minutes = week_minutes(coach, day)
    goal = week_goal(coach.settings.walk_goal_minutes)
    streak = current_streak(coach, day, limit=limit)
    line = f"{minutes} of {goal} min this week"
    if streak.length:
        line += f" · walked {streak_words(streak.length, capped=streak.length >= limit)}"
    return line


# -- writing -------------------------------------------------------------------
def check_minutes(minutes: object) -> int:
    """The minutes as an int, or InputError naming the problem."""
    if isinstance(minutes, str):
        text = minutes.strip()
        if not text.isdigit():
            raise InputError(
                f"minutes must be a whole number {MIN_MINUTES}..{MAX_MINUTES}, not {minutes!r}"
            )
        minutes = int(text)
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        raise InputError(
            f"minutes must be a whole number {MIN_MINUTES}..{MAX_MINUTES}, not {minutes!r}"
        )
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InputError(f"minutes must be {MIN_MINUTES}..{MAX_MINUTES}, not {minutes}")
    return minutes


def _check_note(note: str) -> str:
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"the note is too long ({len(note)} characters; at most {MAX_NOTE})")
    return note


def log_walk(
    coach: Coach,
    day: date,
    minutes: int,
    note: str = "",
    *,
    started_at: datetime | None = None,
    ended_at: datetime | None = None,
) -> Walk:
    """Save a walk on `day` (today or earlier). Raises InputError for bad values."""
    minutes = check_minutes(minutes)
    today = coach.today()
    if day > today:
        raise InputError(f"{day.isoformat()} is in the future: log walks for today or earlier")
    note = _check_note(note)
    record: Record = {
        "minutes": minutes,
        "note": note,
        "logged_at": coach.clock.now().isoformat(timespec="seconds"),
    }
    if started_at is not None:
        record["started_at"] = started_at.isoformat(timespec="seconds")
    if ended_at is not None:
        record["ended_at"] = ended_at.isoformat(timespec="seconds")
    with coach.store.transaction():
        saved = coach.store.log(LOG).insert(day, record)
    walk = walk_from(saved)
    assert walk is not None
    return walk


def edit_walk(
    coach: Coach, walk: Walk, *, minutes: int | None = None, note: str | None = None
) -> Walk:
    """Change a walk's minutes or note (the day and times stay as they were)."""
    changes: Record = {}
    if minutes is not None:
        changes["minutes"] = check_minutes(minutes)
    if note is not None:
        changes["note"] = _check_note(note)
    if not changes:
        return walk
    with coach.store.transaction():
        if coach.store.log(LOG).get(walk.day, walk.id) is None:
            raise InputError("that walk is no longer in the log (deleted elsewhere?)")
        coach.store.log(LOG).update(walk.day, walk.id, changes)
    return replace(walk, **changes)


def remove_walk(coach: Coach, walk: Walk) -> None:
    """Delete one walk."""
    with coach.store.transaction():
        coach.store.log(LOG).remove(walk.day, walk.id)

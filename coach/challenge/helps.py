"""The help-someone challenge: how many people can you help with what you know this week?

Helps live in the dated log "helps" (who, how, client). The goal (default 5)
can change; a change applies from the current week on and past weeks keep the
goal they had: the goal history is a list of {from_week, goal} in the
"challenge" document, which also remembers which closed week's result the user
has already seen.

Today reads only the current week (one or two month files); the history of all
weeks is for the Challenge screen, which loads it in a worker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime

from coach.core.errors import InputError
from coach.core.fields import text_or_empty
from coach.core.weeks import Week, week_of, week_start, weeks_between
from coach.core.words import plural
from coach.session import Coach
from coach.settings import save_settings
from coach.store import Record, month_key
from coach.store.memo import MonthMemo

__all__ = [
    "GOAL_RANGE",
    "Help",
    "History",
    "ThisWeek",
    "WeekResult",
    "delete_help",
    "closed_week_news",
    "edit_help",
    "goal_for",
    "helped_this_week",
    "history",
    "log_help",
    "mark_seen",
    "pending_result",
    "set_goal",
    "this_week",
    "week_start",
]

LOG = "helps"
DOC = "challenge"
GOAL_RANGE = range(1, 101)
MAX_TEXT = 500


@dataclass(frozen=True)
class Help:
    """One person helped: who, what you helped them with, on which logical day."""

    id: str
    day: date
    who: str
    how: str
    client: bool = False


@dataclass(frozen=True)
class WeekResult:
    """A week's score against the goal it had."""

    week: Week
    count: int
    goal: int

    @property
    def met(self) -> bool:
        return self.count >= self.goal

    @property
    def to_go(self) -> int:
        return max(0, self.goal - self.count)


@dataclass(frozen=True)
class ThisWeek:
    """The week in play: its helps, goal and days left."""

    week: Week
    today: date
    goal: int
    helps: tuple[Help, ...]

    @property
    def count(self) -> int:
        return len(self.helps)

    @property
    def to_go(self) -> int:
        return max(0, self.goal - self.count)

    @property
    def met(self) -> bool:
        return self.count >= self.goal

    @property
    def days_left(self) -> int:
        return self.week.days_left(self.today)

    @property
    def result(self) -> WeekResult:
        return WeekResult(self.week, self.count, self.goal)


@dataclass(frozen=True)
class History:
    """Closed weeks (oldest first, from the first week with a help), the best week, the streak."""

    weeks: tuple[WeekResult, ...]
    current: WeekResult
    best: WeekResult | None
    streak: int


# -- reading -------------------------------------------------------------------
_text = text_or_empty


def help_from(record: Record) -> Help | None:
    """A Help from a stored record; None for a record too damaged to show."""
    try:
        day = date.fromisoformat(record["date"])
    except (KeyError, TypeError, ValueError):
        return None
    return Help(
        id=str(record.get("id", "")),
        day=day,
        who=_text(record.get("who")),
        how=_text(record.get("how")),
        client=record.get("client") is True,
    )


def helps_between(coach: Coach, first: date | None, last: date | None) -> list[Help]:
    """Helps with first <= day <= last, oldest first (reads only the months in range)."""
    helps = (help_from(r) for r in coach.store.log(LOG).between(first, last))
    return [h for h in helps if h is not None]


def logged_on(coach: Coach, day: date) -> bool:
    """True when anyone's help is logged on `day` (it ticks the help step)."""
    return bool(coach.store.log(LOG).on(day))


def count_by_day(coach: Coach, first: date | None, last: date | None) -> Counter[date]:
    """How many helps were logged on each day from `first` to `last`."""
    return Counter(h.day for h in helps_between(coach, first, last))


class HelpDays(MonthMemo[tuple[tuple[date, int], ...]]):
    """Each day's count of helps, per month file, kept while the file is unchanged."""


def _month_counts(coach: Coach, key: str) -> tuple[tuple[date, int], ...]:
    counted = Counter(h.day for h in map(help_from, coach.store.log(LOG).in_month(key)) if h)
    return tuple(sorted(counted.items()))


def counts_through(coach: Coach, last: date) -> Counter[date]:
    """How many helps were logged on each day up to `last`: each month read once while its
    file is unchanged (`HelpDays`), so a later call reads only the months saved since."""
    memo = coach.kept(HelpDays)
    hi = month_key(last)
    out: Counter[date] = Counter()
    for key in coach.store.months():
        if key <= hi:
            for day, n in memo.of(coach.store, key, lambda k: _month_counts(coach, k), ()):
                if day <= last:
                    out[day] += n
    return out


def logged_days(coach: Coach, first: date, last: date) -> set[date]:
    return set(count_by_day(coach, first, last))


def current_week(coach: Coach, day: date | None = None) -> Week:
    return week_of(day or coach.today(), coach.settings.week_start)


def helped_this_week(coach: Coach, day: date) -> int:
    """How many people were helped in the week holding `day`, up to `day`."""
    return len(helps_between(coach, current_week(coach, day).start, day))


def _state(coach: Coach) -> Record:
    return coach.store.doc(DOC).get()


def _goal_entries(state: Record) -> list[tuple[date, int]]:
    """The goal history as (from_week, goal), oldest first; bad entries are ignored."""
    entries = []
    for raw in state.get("goals", []) if isinstance(state.get("goals"), list) else []:
        try:
            start, goal = date.fromisoformat(raw["from_week"]), raw["goal"]
        except (KeyError, TypeError, ValueError):
            continue
        if isinstance(goal, int) and not isinstance(goal, bool) and goal in GOAL_RANGE:
            entries.append((start, goal))
    return sorted(entries)


def _goal_in(entries: list[tuple[date, int]], week: Week, default: int) -> int:
    goal = default
    for start, value in entries:
        if start > week.start:
            break
        goal = value
    return goal


def goal_for(coach: Coach, week: Week) -> int:
    """The goal a week had: the last change made on or before it (else the settings' goal)."""
    return _goal_in(_goal_entries(_state(coach)), week, coach.settings.help_goal)


def this_week(coach: Coach, day: date | None = None) -> ThisWeek:
    """The week in play for `day` (default: today): cheap, reads one or two months."""
    day = day or coach.today()
    week = current_week(coach, day)
    return ThisWeek(
        week=week,
        today=day,
        goal=goal_for(coach, week),
        helps=tuple(helps_between(coach, week.start, week.end)),
    )


def week_results(
    coach: Coach, weeks: list[Week], helps: list[Help], by_day: Counter[date] | None = None
) -> list[WeekResult]:
    """Each week's count and goal, from helps already read (or their counts by day)."""
    first_weekday = coach.settings.week_start
    counts = Counter(week_start(h.day, first_weekday) for h in helps)
    for day, n in (by_day or {}).items():
        counts[week_start(day, first_weekday)] += n
    entries = _goal_entries(_state(coach))
    default = coach.settings.help_goal
    return [WeekResult(w, counts[w.start], _goal_in(entries, w, default)) for w in weeks]


def best_week(results: list[WeekResult]) -> WeekResult | None:
    """The week with the most helps; on a tie the earlier week keeps the record. None if no help."""
    best: WeekResult | None = None
    for result in results:
        if result.count > 0 and (best is None or result.count > best.count):
            best = result
    return best


def streak(closed: list[WeekResult], current: WeekResult) -> int:
    """Weeks in a row that met their goal, up to now. The week in play adds to the streak
    once met, and does not break it while it is still open."""
    count = 1 if current.met else 0
    for result in reversed(closed):
        if not result.met:
            break
        count += 1
    return count


def history(coach: Coach, day: date | None = None) -> History:
    """Every closed week since the first help: reads all months, so call it from a worker."""
    day = day or coach.today()
    now = this_week(coach, day)
    last_closed = now.week.previous()
    helped = counts_through(coach, last_closed.end)
    weeks = weeks_between(current_week(coach, min(helped)), last_closed) if helped else []
    closed = week_results(coach, weeks, [], helped)
    current = now.result
    return History(
        weeks=tuple(closed),
        current=current,
        best=best_week([*closed, current]),
        streak=streak(closed, current),
    )


# -- the closed week's result, shown once ------------------------------------------
def _last_result(coach: Coach, day: date) -> WeekResult:
    last = current_week(coach, day).previous()
    count = len(helps_between(coach, last.start, last.end))
    return WeekResult(last, count, goal_for(coach, last))


def pending_result(coach: Coach, day: date | None = None) -> WeekResult | None:
    """Last week's result if the user has not seen it yet (and has played at all)."""
    day = day or coach.today()
    state = _state(coach)
    if state.get("seen_week") == current_week(coach, day).previous().start.isoformat():
        return None
    result = _last_result(coach, day)
    if result.count == 0 and not state.get("seen_week"):
        return None  # never played: no score to report
    return result


class ReportedWeeks(set[date]):
    """Weeks whose result this open has already reported: the result stays in view for the
    rest of the open (Today reloads often), and the next open is quiet."""


def closed_week_news(coach: Coach, day: date | None = None) -> WeekResult | None:
    """Last week's result while it is news: not yet seen, or first reported by this open."""
    day = day or coach.today()
    reported = coach.kept(ReportedWeeks)
    pending = pending_result(coach, day)
    if pending is not None:
        reported.add(pending.week.start)
        return pending
    last = current_week(coach, day).previous()
    return _last_result(coach, day) if last.start in reported else None


def result_message(result: WeekResult) -> str:
    """A closed week's result in one honest sentence and a line of encouragement."""
    if result.met:
        extra = result.count - result.goal
        beyond = f", {extra} beyond your goal" if extra else ""
        helped = plural(result.count, "person")
        return f"Last week you helped {helped}{beyond}. Goal met, well played."
    if result.count == 0:
        return f"Last week no one was counted against your goal of {result.goal}. A fresh week starts now."
    short = result.to_go
    return (
        f"Last week you helped {plural(result.count, 'person')}, {short} short of your goal of "
        f"{result.goal}. {'So close. ' if short == 1 else ''}A new week, a new game."
    )


def help_detail(coach: Coach, day: date) -> str:
    """Today's line beside the help step: this week's count against the goal."""
    week = this_week(coach, day)
    if week.met:
        return f"{week.count} of {week.goal} this week: goal met"
    return f"{week.count} of {week.goal} this week, {week.to_go} to go"


def week_closed_note(coach: Coach, day: date) -> list[str]:
    """The Today note for a week that closed since the last visit (until marked seen)."""
    result = closed_week_news(coach, day)
    return [result_message(result)] if result is not None else []


def mark_seen(coach: Coach, week: Week) -> None:
    """Remember that the user has seen the result of `week`: the next open stays quiet."""
    with coach.store.transaction():
        coach.store.doc(DOC).update({"seen_week": week.start.isoformat()})


# -- writing -----------------------------------------------------------------------
def check_help(coach: Coach, who: str, how: str, day: date | None) -> tuple[str, str, date]:
    """Clean and check a help's fields; raise InputError naming what is wrong."""
    who, how = who.strip(), how.strip()
    if not who:
        raise InputError("say whom you helped: the name is empty")
    if not how:
        raise InputError("say what you helped with: the description is empty")
    if len(who) > MAX_TEXT or len(how) > MAX_TEXT:
        raise InputError(f"keep the name and description under {MAX_TEXT} characters")
    today = coach.today()
    day = day or today
    if day > today:
        raise InputError(f"{day.isoformat()} is in the future: log a help once it happened")
    return who, how, day


def log_help(
    coach: Coach,
    who: str,
    how: str,
    client: bool = False,
    day: date | None = None,
    now: datetime | None = None,
) -> Help:
    """Log one person helped (day defaults to today; a future day is refused)."""
    who, how, day = check_help(coach, who, how, day)
    stamp = (now or coach.clock.now()).isoformat(timespec="seconds")
    with coach.store.transaction():
        record = coach.store.log(LOG).insert(
            day, {"who": who, "how": how, "client": client, "logged_at": stamp}
        )
    found = help_from(record)
    assert found is not None
    return found


def edit_help(
    coach: Coach, old: Help, who: str, how: str, client: bool, day: date | None = None
) -> Help:
    """Change a help; a new day moves it (same id) to that day's month file."""
    who, how, day = check_help(coach, who, how, day or old.day)
    log = coach.store.log(LOG)
    with coach.store.transaction():
        record = log.get(old.day, old.id)
        if record is None:
            raise InputError(f"that help ({old.who}, {old.day.isoformat()}) is no longer there")
        record.update({"who": who, "how": how, "client": client})
        if day != old.day:
            log.remove(old.day, old.id)
        log.put(day, record)
    return Help(old.id, day, who, how, client)


def delete_help(coach: Coach, old: Help) -> None:
    """Delete a help for good."""
    with coach.store.transaction():
        coach.store.log(LOG).remove(old.day, old.id)


def set_goal(coach: Coach, goal: int, day: date | None = None) -> int:
    """Set the goal from the current week on; past weeks keep theirs. Returns the goal."""
    if isinstance(goal, bool) or not isinstance(goal, int) or goal not in GOAL_RANGE:
        raise InputError(f"the goal must be a whole number from 1 to 100, not {goal!r}")
    week = current_week(coach, day)
    with coach.store.transaction():
        state = _state(coach)
        entries = _goal_entries(state)
        if not entries:
            # Weeks before the first change keep the goal they were played with.
            entries = [(date.min, coach.settings.help_goal)]
        entries = [(s, g) for s, g in entries if s < week.start] + [(week.start, goal)]
        coach.store.doc(DOC).update(
            {"goals": [{"from_week": s.isoformat(), "goal": g} for s, g in entries]}
        )
        save_settings(coach.store, replace(coach.settings, help_goal=goal))
    return goal

"""Progress: what the history says about recovering, for the Progress screen and `coach status`.

A day *counts* for the streak when its core steps are done: the walk, the
reflection, and either the call or helping someone (`is_core`). A step is done
on a day when it was ticked or its own log has an entry (coach.routine.features).

`build_progress` reads every month of history (about 15 ms for ten years):
call it from a worker. `current_streak_of` walks back one month at a time and
stops at the break, so it is cheap enough for the CLI. Both keep each month's
marks (`ProgressCache`, keyed by the month file's signature: every log a mark
is made of lives in its month's file), so a later open reads only the months
that changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from coach.challenge import helps
from coach.core.atomic import atomic_write, ensure_private_dir
from coach.core.weeks import week_of, week_start, weeks_between
from coach.core.words import plural
from coach.customers import touches
from coach.days import rest_days
from coach.days.steps import STEP_IDS, StepId
from coach.journal import reflections
from coach.loss.losses import most_recent
from coach.progress import streak
from coach.routine import features
from coach.session import Coach
from coach.store import month_key
from coach.store.storage import Signature, signature
from coach.walk import walks as walk_log

HEATMAP_WEEKS = 53
TREND_WEEKS = 26
LEVELS = ("full", "core", "partial", "none", "rest", "future")
MONTH_KEY = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def is_core(done: frozenset[str]) -> bool:
    """The routine's core: walk, reflect, and call or help."""
    return {"walk", "reflect"} <= done and bool({"call", "help"} & done)


@dataclass(frozen=True, slots=True)
class DayMark:
    """One day of history as progress sees it (slots: ten years keep ~3,650 of them, one
    object each for the cyclic GC to walk rather than two)."""

    day: date
    done: frozenset[str] = frozenset()
    rest: bool = False
    mood: float | None = None  # the day's average of every mood noted
    helped: int = 0  # helps logged that day (the challenge counts these)
    touches: tuple[str, ...] = ()  # kinds of customer contact logged: call, meeting, message
    walks: int = 0  # walks logged that day (a ticked walk step is not a walk)
    entries: int = 0  # reflection entries written that day

    @property
    def level(self) -> str:
        if len(self.done) == len(STEP_IDS):
            return "full"
        if is_core(self.done):
            return "core"
        if self.rest:
            return "rest"
        return "partial" if self.done else "none"

    @property
    def state(self) -> streak.Day:
        if is_core(self.done):
            return streak.Day.COUNTED
        return streak.Day.REST if self.rest else streak.Day.MISSED


def marks_between(coach: Coach, first: date | None, last: date | None) -> dict[date, DayMark]:
    """Each day's mark from `first` to `last`, from what every feature logged (one read each)."""
    lo, hi = first or date.min, last or date.max
    done = features.done_between(coach, lo, hi)
    rest = rest_days.rest_between(coach, first, last)
    mood = reflections.moods_by_day(coach, first, last)
    helped = helps.count_by_day(coach, first, last)
    kinds = touches.kinds_by_day(coach, first, last)
    walked = walk_log.count_by_day(coach, first, last)
    written = reflections.count_by_day(coach, first, last)
    out = {}
    for day in set(done) | rest | set(mood):
        steps = done.get(day, frozenset())
        out[day] = DayMark(
            day=day,
            done=steps,
            rest=day in rest,
            mood=_average(mood.get(day, [])),
            helped=helped[day],
            touches=tuple(kinds.get(day, [])),
            walks=walked[day],
            entries=written[day],
        )
    return out


def _month_bounds(key: str) -> tuple[date, date]:
    first = date(int(key[:4]), int(key[5:]), 1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, following - timedelta(days=1)


def _month_back(key: str) -> str:
    year, month = int(key[:4]), int(key[5:])
    year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return f"{year:04d}-{month:02d}"


# -- the months' marks, kept between runs ----------------------------------------------
# Progress reads every month of history on its first open in a process (~400 ms CPU at
# ten years), though every month but the current one rarely changes. Each month's marks
# are written to `<cache folder>/progress/<hash of the data folder>.json` with the month
# file's signature, so the next process reads only the months whose file changed.
# Private (0600 in a 0700 folder), replaced atomically; a damaged or foreign file is
# ignored (and written again), and an encrypted folder keeps none (its marks, moods
# among them, would be in the clear).

KEPT_FORMAT = 2  # 2: each day as [day of month, steps as bits of STEP_IDS, ...]: ~4x faster to read
Months = dict[str, tuple[Signature, dict[date, DayMark]]]
_STEP_BITS: dict[str, int] = {step: 1 << n for n, step in enumerate(STEP_IDS)}
_DONE_OF_MASK = tuple(
    frozenset(s for s, bit in _STEP_BITS.items() if mask & bit)
    for mask in range(1 << len(STEP_IDS))
)


def kept_path(coach: Coach) -> Path | None:
    if coach.store.encrypted:
        return None
    from coach.core.paths import cache_dir

    folder = os.path.realpath(coach.store.folder)
    name = hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / "progress" / f"{name}.json"


def _kept_json(mark: DayMark) -> list[Any]:
    return [
        mark.day.day,
        sum(_STEP_BITS.get(s, 0) for s in mark.done),
        mark.rest,
        mark.mood,
        mark.helped,
        list(mark.touches),
        mark.walks,
        mark.entries,
    ]


def _kept_marks(key: str, rows: Any) -> dict[date, DayMark]:
    """One month's marks from its kept rows; ValueError when a row is not a day's mark."""
    year, month = int(key[:4]), int(key[5:])
    out: dict[date, DayMark] = {}
    for dom, mask, rest, mood, helped, touched, walks, entries in rows:
        # `type(x) is int` leaves out bool; every check inline: ten years are ~3,650 rows
        if not (
            type(dom) is int
            and type(mask) is int
            and 0 <= mask < len(_DONE_OF_MASK)
            and type(rest) is bool
            and (mood is None or type(mood) is float or type(mood) is int)
            and type(helped) is int
            and type(walks) is int
            and type(entries) is int
            and type(touched) is list
            and all(type(t) is str for t in touched)
        ):
            raise ValueError("not a day's mark")
        day = date(year, month, dom)
        out[day] = DayMark(
            day,
            _DONE_OF_MASK[mask],
            rest,
            None if mood is None else float(mood),
            helped,
            tuple(touched),
            walks,
            entries,
        )
    return out


def load_kept(coach: Coach) -> Months:
    """The kept months of this folder; empty when there are none (or they are damaged)."""
    path = kept_path(coach)
    if path is None:
        return {}
    try:
        body = json.loads(path.read_bytes())
        if (
            not isinstance(body, dict)
            or body.get("format") != KEPT_FORMAT
            or body.get("steps") != list(STEP_IDS)
        ):
            return {}
        out: Months = {}
        for key, (sig, rows) in body["months"].items():
            if not (
                isinstance(key, str)
                and MONTH_KEY.fullmatch(key)
                and isinstance(sig, list)
                and len(sig) == 3
                and all(type(n) is int for n in sig)
            ):
                return {}
            out[key] = ((sig[0], sig[1], sig[2]), _kept_marks(key, rows))
        return out
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return {}


def save_kept(coach: Coach, months: Months) -> None:
    """Keep these months for the next process; a failure costs only the next first open."""
    path = kept_path(coach)
    if path is None:
        return
    body = {
        "format": KEPT_FORMAT,
        "steps": list(STEP_IDS),
        "months": {
            key: [list(sig), [_kept_json(m) for _, m in sorted(marks.items())]]
            for key, (sig, marks) in sorted(months.items())
        },
    }
    try:
        ensure_private_dir(path.parent)
        atomic_write(path, json.dumps(body, separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass


class ProgressCache:
    """Each month's marks, kept while the folder is open: month key -> (the month
    file's signature, the marks of every day of that month)."""

    def __init__(self) -> None:
        self.months: dict[str, tuple[Signature, dict[date, DayMark]]] = {}
        self.lock = threading.Lock()
        self.loaded = False  # the kept months (load_kept) read into `months` once
        # the last Progress `cached_progress` built, with what it was built from (the day,
        # the main file's and every month file's signature): the next open, nothing
        # changed, shows it again rather than summarising ten years again (~40 ms)
        self.built: tuple[tuple[Any, ...], Progress] | None = None


def month_marks(coach: Coach, key: str) -> dict[date, DayMark]:
    """The marks of one month ("YYYY-MM"), read again only when its file has changed."""
    sig = coach.store.month_signature(key)
    if sig is None:
        return {}
    cache = coach.kept(ProgressCache)
    with cache.lock:
        hit = cache.months.get(key)
    if hit is not None and hit[0] == sig:
        return hit[1]
    marks = marks_between(coach, *_month_bounds(key))
    with cache.lock:
        cache.months[key] = (sig, marks)
    return marks


def _load_once(coach: Coach, cache: ProgressCache) -> None:
    """The kept months (load_kept) into `cache`, once per open folder; call with its lock."""
    if not cache.loaded:
        cache.loaded = True
        for k, hit in load_kept(coach).items():
            cache.months.setdefault(k, hit)


STALE_MONTHS = 3  # more months changed than this: one read of all history beats one per month


def _sig_of(hit: tuple[Signature, dict[date, DayMark]] | None) -> Signature | None:
    return hit[0] if hit is not None else None


def _marks_through(coach: Coach, today: date) -> dict[date, DayMark]:
    """The marks of every month up to today's, from the cache where a month is unchanged.

    Many changed months (the first open) are read in one pass over the history, as
    one read per month would list the month files once per month and feature."""
    last = month_key(today)
    keys = [k for k in coach.store.months() if k <= last]
    sigs = {k: coach.store.month_signature(k) for k in keys}
    cache = coach.kept(ProgressCache)
    with cache.lock:
        _load_once(coach, cache)
        known = {k: cache.months.get(k) for k in keys}
    stale = [k for k in keys if sigs[k] is not None and _sig_of(known[k]) != sigs[k]]
    if stale:
        try:
            return _read_through(coach, cache, keys, sigs, known, stale, last)
        finally:
            with cache.lock:
                kept = dict(cache.months)
            save_kept(coach, kept)
    return _read_through(coach, cache, keys, sigs, known, stale, last)


def _read_through(
    coach: Coach,
    cache: ProgressCache,
    keys: list[str],
    sigs: dict[str, Signature | None],
    known: dict[str, tuple[Signature, dict[date, DayMark]] | None],
    stale: list[str],
    last: str,
) -> dict[date, DayMark]:
    out: dict[date, DayMark] = {}
    if len(stale) > STALE_MONTHS:
        fresh = marks_between(coach, None, _month_bounds(last)[1])
        by_month: dict[str, dict[date, DayMark]] = {k: {} for k in keys}
        for day, mark in fresh.items():
            by_month.setdefault(month_key(day), {})[day] = mark
        with cache.lock:
            for k in keys:
                if (sig := sigs[k]) is not None:
                    cache.months[k] = (sig, by_month[k])
        return fresh
    for k in keys:
        hit = known[k]
        if k in stale or hit is None:
            out.update(month_marks(coach, k))
        else:
            out.update(hit[1])
    return out


def marks_backwards(coach: Coach, today: date) -> Iterator[DayMark]:
    """Every day from today back to the first month of history, one month file at a time."""
    keys = coach.store.months()
    if not keys:
        return
    first = keys[0]
    present = set(keys)
    key = month_key(today)
    day = today
    while key >= first:
        marks = month_marks(coach, key) if key in present else {}
        while month_key(day) == key:
            yield marks.get(day) or DayMark(day)
            day -= timedelta(days=1)
        key = _month_back(key)


def current_streak_of(coach: Coach, today: date | None = None) -> int:
    """The routine streak reaching today, reading only as many months as it spans."""
    today = today or coach.today()
    return streak.current_streak(m.state for m in marks_backwards(coach, today))


@dataclass(frozen=True)
class Recovery:
    """What the user did since their most recent client left."""

    client: str
    since: date
    days: int
    walks: int  # walks logged, not steps ticked
    helped: int  # people helped, as logged
    calls: int
    meetings: int
    messages: int
    reflections: int  # entries written, not days

    def sentence(self) -> str:
        """'Since Acme left: 4 walks, 5 people helped, 6 calls, 2 meetings, 6 reflection entries.'"""
        parts = [
            plural(self.walks, "walk"),
            plural(self.helped, "person", "people") + " helped",
            plural(self.calls, "call"),
            plural(self.meetings, "meeting"),
        ]
        if self.messages:
            parts.append(plural(self.messages, "message"))
        parts.append(plural(self.reflections, "reflection entry"))
        return f"Since {self.client} left: {', '.join(parts)}."


@dataclass(frozen=True)
class HelpWeeks:
    """The help challenge's weeks: this week, the recent weeks, weeks that met the goal."""

    count: int
    goal: int
    recent: tuple[int, ...]
    met: int
    played: int
    streak: int
    best: int

    @property
    def met_this_week(self) -> bool:
        return self.count >= self.goal

    def weeks_sentence(self) -> str:
        """The challenge so far, where every figure agrees: weeks with a result are the closed
        weeks plus this one once its goal is met, so "in a row" never exceeds "met in"."""
        met = self.met + self.met_this_week
        scored = self.played + self.met_this_week
        if scored == 0:
            return f"Your first week of the challenge · best week {plural(self.best, 'person', 'people')}"
        parts = [f"Goal met in {met} of {plural(scored, 'week')}"]
        if self.streak:
            parts.append(f"{plural(self.streak, 'week')} in a row")
        parts.append(f"best week {plural(self.best, 'person', 'people')}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Progress:
    """Everything the Progress screen shows."""

    today: date
    first_weekday: int
    heatmap: tuple[tuple[date, str], ...]  # oldest first, whole weeks
    streak: int
    longest: int
    weekly: dict[str, tuple[int, ...]]  # step -> days done per week, last TREND_WEEKS
    moods: tuple[float | None, ...]  # weekly average mood, last TREND_WEEKS; None: no mood noted
    mood_now: float | None  # average of the last four weeks
    mood_before: float | None  # average of the four weeks before those
    touches: dict[str, int]  # kind -> count, all time
    help: HelpWeeks | None
    recovery: Recovery | None
    rest_today: bool = False
    days_recorded: int = 0
    levels: Counter[str] = field(default_factory=Counter)


def _average(values: list[int] | list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _help_weeks(coach: Coach, today: date, marks: dict[date, DayMark]) -> HelpWeeks | None:
    """The challenge's weeks from helps already read, scored by coach.challenge.helps's own rules."""
    helped = {d: m.helped for d, m in marks.items() if m.helped}
    if not helped:
        return None
    first_weekday = coach.settings.week_start
    counts: Counter[date] = Counter()
    for day, n in helped.items():
        counts[day - timedelta(days=(day.weekday() - first_weekday) % 7)] += n
    now = week_of(today, first_weekday)
    weeks = weeks_between(week_of(min(helped), first_weekday), now)
    goals = helps.week_results(coach, weeks, [])  # each week's goal, as it was then
    results = [helps.WeekResult(r.week, counts[r.week.start], r.goal) for r in goals]
    closed, current = results[:-1], results[-1]
    best = helps.best_week(results)
    return HelpWeeks(
        count=current.count,
        goal=current.goal,
        recent=tuple(r.count for r in results[-TREND_WEEKS:]),
        met=sum(r.met for r in closed),
        played=len(closed),
        streak=helps.streak(closed, current),
        best=best.count if best else 0,
    )


def cached_progress(coach: Coach, today: date | None = None) -> Progress | None:
    """The Progress when every month up to today's is kept, in memory or in the kept file
    (load_kept, read once), at its month file's current signature: about 60 ms at ten
    years on a first open, so the screen shows it at once, painted once. Else None: then
    `build_progress` in a worker, as it reads month files. Nothing changed since the last
    one (no file, not the day): that same Progress, under a millisecond."""
    today = today or coach.today()
    cache = coach.kept(ProgressCache)
    last = month_key(today)
    sigs = []
    with cache.lock:
        _load_once(coach, cache)
        for key in coach.store.months():
            if key <= last:
                hit = cache.months.get(key)
                sig = coach.store.month_signature(key)
                if sig is not None and (hit is None or hit[0] != sig):
                    return None
                sigs.append((key, sig))
        state = (today, signature(coach.store.main_path), tuple(sigs))
        if cache.built is not None and cache.built[0] == state:
            return cache.built[1]
    # the signatures were taken first: a save meanwhile makes the next open build again
    built = build_progress(coach, today)
    with cache.lock:
        cache.built = (state, built)
    return built


def build_progress(coach: Coach, today: date | None = None) -> Progress:
    """Read all history once and summarise it. Slow-ish: run it in a worker."""
    today = today or coach.today()
    first_weekday = coach.settings.week_start
    marks = {day: mark for day, mark in _marks_through(coach, today).items() if day <= today}
    first = min(marks, default=today)
    span = [first + timedelta(days=n) for n in range((today - first).days + 1)]
    states = [(marks.get(d) or DayMark(d)).state for d in span]

    this_week = week_start(today, first_weekday)
    start = this_week - timedelta(weeks=HEATMAP_WEEKS - 1)
    heatmap = tuple(
        (d, "future" if d > today else (marks.get(d) or DayMark(d)).level)
        for d in (start + timedelta(days=n) for n in range(HEATMAP_WEEKS * 7))
    )

    trend_start = this_week - timedelta(weeks=TREND_WEEKS - 1)
    weekly: dict[str, list[int]] = {s: [0] * TREND_WEEKS for s in STEP_IDS}
    moods_by_week: list[list[float]] = [[] for _ in range(TREND_WEEKS)]
    for day, mark in marks.items():
        if day >= trend_start:
            index = (day - trend_start).days // 7
            for step in mark.done:
                weekly[step][index] += 1
            if mark.mood is not None:
                moods_by_week[index].append(mark.mood)
    moods = tuple(_average(w) for w in moods_by_week)

    contacts: Counter[str] = Counter()
    for mark in marks.values():
        # A call step ticked with no touch logged still counts as the call it stands for.
        contacts.update(mark.touches or (["call"] if StepId.CALL in mark.done else []))

    recovery = None
    loss = most_recent(coach, today)
    if loss is not None:
        client, since = loss.client, loss.left
        after = [m for d, m in marks.items() if d >= since]
        recovery = Recovery(
            client=client,
            since=since,
            days=(today - since).days,
            walks=sum(m.walks for m in after),
            helped=sum(m.helped for m in after),
            calls=sum(m.touches.count("call") for m in after),
            meetings=sum(m.touches.count("meeting") for m in after),
            messages=sum(m.touches.count("message") for m in after),
            reflections=sum(m.entries for m in after),
        )

    return Progress(
        today=today,
        first_weekday=first_weekday,
        heatmap=heatmap,
        streak=streak.current_streak(reversed(states)),
        longest=streak.longest_streak(states),
        weekly={s: tuple(v) for s, v in weekly.items()},
        moods=moods,
        mood_now=_average([v for w in moods_by_week[-4:] for v in w]),
        mood_before=_average([v for w in moods_by_week[-8:-4] for v in w]),
        touches=dict(contacts),
        help=_help_weeks(coach, today, marks),
        recovery=recovery,
        rest_today=bool(marks.get(today) and marks[today].rest),
        days_recorded=len(marks),
        levels=Counter(level for _, level in heatmap),
    )

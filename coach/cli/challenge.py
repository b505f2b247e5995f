"""`coach helped` logs a person helped; `coach challenge` shows (or sets the goal of) the game."""

from __future__ import annotations

import argparse
from typing import Any

from coach.cli.output import print_json
from coach.core.text import one_line
from coach.core.words import plural

RECENT = 12  # past weeks listed unless --all


def register(sub: argparse._SubParsersAction) -> None:
    helped = sub.add_parser("helped", help="log a person you helped this week")
    helped.add_argument("name", metavar="NAME", help="whom you helped")
    helped.add_argument("--how", required=True, metavar="TEXT", help="what you helped with")
    helped.add_argument("--client", action="store_true", help="they are a client of yours")
    helped.add_argument(
        "--date", metavar="YYYY-MM-DD", default="", help="the day you helped (default: today)"
    )
    helped.set_defaults(handler=run_helped)

    challenge = sub.add_parser("challenge", help="this week's help challenge and past weeks")
    challenge.add_argument("--json", action="store_true", help="print one JSON object")
    challenge.add_argument(
        "--goal", type=int, metavar="N", help="set the weekly goal (1..100) from this week on"
    )
    challenge.add_argument(
        "--all", action="store_true", help=f"list every past week (default: the last {RECENT})"
    )
    challenge.set_defaults(handler=run_challenge)


def run_helped(args: argparse.Namespace) -> int:
    from coach.challenge import helps as challenge
    from coach.cli import open_from_args
    from coach.core.dates import parse_day

    coach = open_from_args(args)
    day = parse_day(args.date, coach.today(), what="--date") if args.date else None
    entry = challenge.log_help(coach, args.name, args.how, client=args.client, day=day)
    week = challenge.this_week(coach)
    counted = entry.day in week.week
    note = "" if counted else f" (on {entry.day.isoformat()}, in an earlier week)"
    print(f"Logged: you helped {entry.who}{note}. {week.count} of {week.goal} this week.")
    return 0


def run_challenge(args: argparse.Namespace) -> int:
    from coach.challenge import helps as challenge
    from coach.cli import open_from_args
    from coach.core.errors import InputError

    if args.goal is not None and args.goal not in challenge.GOAL_RANGE:
        raise InputError(f"the goal must be a whole number from 1 to 100, not {args.goal}")
    coach = open_from_args(args)
    if args.goal is not None:
        challenge.set_goal(coach, args.goal)
        print(f"Goal set: {args.goal} people a week, from this week on.")
        return 0
    past = challenge.history(coach)
    now = challenge.this_week(coach)
    if args.json:
        print_json(_payload(now, past))
        return 0
    print(f"This week ({now.week.label()}): {now.count} of {now.goal} helped", end="")
    print(", goal met" if now.met else f", {now.to_go} to go", end="")
    print(f"; {plural(now.days_left, 'day')} left (counting today)")
    for entry in now.helps:
        client = " (client)" if entry.client else ""
        print(one_line(f"  {entry.day:%a %d %b}  {entry.who}{client}: {entry.how}"))
    if not past.weeks:
        print("\nNo past weeks yet.")
        return 0
    print(f"\nStreak: {plural(past.streak, 'week')} meeting the goal")
    if past.best is not None:
        print(f"Best week: {past.best.week.label()}, {past.best.count} helped")
    met = sum(r.met for r in past.weeks)
    print(f"{plural(len(past.weeks), 'week')} played, {met} met their goal")
    shown = past.weeks if args.all else past.weeks[-RECENT:]
    more = len(past.weeks) - len(shown)
    print(f"\nPast weeks{f' (the last {len(shown)}; --all for every week)' if more else ''}:")
    for result in reversed(shown):
        mark = "met" if result.met else f"{result.to_go} short"
        print(f"  {result.week.label():<28} {result.count:>3} of {result.goal:<3} {mark}")
    return 0


def _result(result: Any) -> dict[str, Any]:
    return {
        "start": result.week.start.isoformat(),
        "end": result.week.end.isoformat(),
        "count": result.count,
        "goal": result.goal,
        "met": result.met,
    }


def _payload(now: Any, past: Any) -> dict[str, Any]:
    return {
        "week": {
            **_result(now.result),
            "days_left": now.days_left,
            "to_go": now.to_go,
            "entries": [
                {
                    "id": h.id,
                    "date": h.day.isoformat(),
                    "who": h.who,
                    "how": h.how,
                    "client": h.client,
                }
                for h in now.helps
            ],
        },
        "past_weeks": [_result(r) for r in past.weeks],
        "best_week": _result(past.best) if past.best else None,
        "streak": past.streak,
    }

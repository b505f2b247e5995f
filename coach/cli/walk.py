"""`coach walk`: log a walk, or show today's walk, this week's minutes and the streaks."""

from __future__ import annotations

import argparse
from typing import Any

from coach.cli.output import print_json
from coach.core.errors import InputError
from coach.core.words import plural


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "walk",
        help="log a walk, or show your walks",
        description="Log a walk with --minutes, or show today's walk, the week and the streaks.",
    )
    parser.add_argument("--minutes", metavar="N", help="log a walk of N minutes (1..600)")
    parser.add_argument("--note", metavar="TEXT", default="", help="a note for the walk")
    parser.add_argument(
        "--date",
        metavar="DAY",
        help="the day of the walk: YYYY-MM-DD, yesterday, friday... (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.dates import parse_day
    from coach.walk.walks import check_minutes, log_walk, walk_stats

    if args.minutes is None and (args.date or args.note):
        raise InputError("--date and --note go with --minutes N (the walk to log)")
    minutes = check_minutes(args.minutes) if args.minutes is not None else None
    coach = open_from_args(args)
    today = coach.today()
    day = parse_day(args.date, today, what="--date") if args.date else today
    if minutes is not None:
        walk = log_walk(coach, day, minutes, args.note)
        if not args.json:
            print(f"Logged a {walk.minutes}-minute walk on {walk.day:%A %-d %B %Y}.")
    # after logging, the reply names the week and the current streak, which walks back only
    # until it breaks; the longest comes from month summaries (coach.walk.summary), which
    # read only the months changed since, so `coach walk` shows it at little cost
    stats = walk_stats(coach, longest=args.json or minutes is None)
    if args.json:
        print_json(stats_json(stats))
    elif minutes is None:
        print_stats(stats)
    else:
        from coach.walk.walks import STREAK_NAME, streak_words

        print(
            f"This week: {stats.week_minutes} of {stats.week_goal} minutes. "
            f"{STREAK_NAME}: {streak_words(stats.current.length)}."
        )
    return 0


def stats_json(stats: Any) -> dict[str, Any]:
    def when(moment: Any) -> str | None:
        return moment.isoformat(timespec="seconds") if moment else None

    longest = stats.longest.length if stats.longest else None
    return {
        "date": stats.day.isoformat(),
        "today": {
            "walked": bool(stats.today),
            "minutes": stats.today_minutes,
            "walks": [
                {
                    "minutes": w.minutes,
                    "note": w.note,
                    "started_at": when(w.started_at),
                    "ended_at": when(w.ended_at),
                }
                for w in stats.today
            ],
        },
        "week": {
            "start": stats.week_start.isoformat(),
            "minutes": stats.week_minutes,
            "goal": stats.week_goal,
            "daily_goal": stats.daily_goal,
        },
        "streak": {"current": stats.current.length, "longest": longest},
    }


def print_stats(stats: Any) -> None:
    from coach.walk.walks import STREAK_NAME, streak_words

    if stats.today:
        print(f"Today: walked {plural(stats.today_minutes, 'minute')}.")
    else:
        print("Today: no walk yet.")
    print(
        f"This week (from {stats.week_start:%a %-d %b}): {stats.week_minutes} of {stats.week_goal} minutes."
    )
    print(f"{STREAK_NAME}: {streak_words(stats.current.length)}.", end="")
    if stats.longest and stats.longest.length:
        print(f" Longest: {streak_words(stats.longest.length)}.")
    else:
        print()

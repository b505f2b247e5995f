"""`coach calendar --output coach.ics`: your follow-ups, due days and check-ins as a calendar file.

Import the file into the calendar you already use; export again whenever you
like: each event keeps its UID, so the calendar updates it rather than adding
a copy.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "calendar",
        help="write follow-ups, due days and check-ins as an iCalendar (.ics) file",
        description="Write follow-ups, snoozes ending, each best customer's next due day "
        "and the check-ins after a loss as all-day events. Re-exporting updates the "
        "same events. The file is private (0600).",
    )
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help="e.g. coach.ics")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.customers.calendar import to_ics, write_ics
    from coach.routine.features import calendar_events

    coach = open_from_args(args)
    events = calendar_events(coach, coach.today())
    path = Path(args.output).expanduser()
    write_ics(path, to_ics(events, coach.clock.now()))
    print(f"Wrote {len(events)} event{'s' if len(events) != 1 else ''} to {path}.")
    return 0

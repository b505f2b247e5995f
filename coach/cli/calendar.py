"""`coach calendar --output coach.ics`: your follow-ups, due days and check-ins as a calendar file.

Import the file into the calendar you already use; export again whenever you
like: each event keeps its UID, so the calendar updates it rather than adding
a copy, and an event gone since the last export to that file is written as
cancelled, so the calendar drops it.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "calendar",
        help="write follow-ups, due days and check-ins as an iCalendar (.ics) file",
        description="Write follow-ups, snoozes ending, each best customer's next due day "
        "and the check-ins after a loss as all-day events. Re-exporting updates the "
        "same events; events gone since the last export to the file are written as "
        "cancelled so your calendar drops them. The file is private (0600).",
    )
    parser.add_argument("--output", "-o", required=True, metavar="FILE", help="e.g. coach.ics")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.words import plural
    from coach.customers.calendar import export_calendar
    from coach.routine.features import calendar_events

    coach = open_from_args(args)
    events = calendar_events(coach, coach.today())
    path = Path(args.output).expanduser()
    live, cancelled = export_calendar(coach, path, events, coach.clock.now())
    gone = f" and {cancelled} cancelled (gone since the last export)" if cancelled else ""
    print(f"Wrote {plural(live, 'event')}{gone} to {path}.")
    return 0

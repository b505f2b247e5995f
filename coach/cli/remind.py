"""`coach remind`: print what is due now. Exit 0 when nothing is, 3 when something is.

For shell profiles and cron: `coach remind --notify` also sends a desktop
notification (when notify-send is installed).
"""

from __future__ import annotations

import argparse

DUE_EXIT = 3


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "remind",
        help="print what is due now (exit 3 when something is)",
        description="Print what is due now: exit 0 when nothing is, 3 when something is.",
    )
    parser.add_argument(
        "--notify", action="store_true", help="also send a desktop notification (notify-send)"
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing when nothing is due")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import sys

    from coach.cli import open_from_args
    from coach.routine.reminders import due_now
    from coach.store.crypto import Locked

    try:
        # never asks: cron has no terminal, a shell profile must not stop at a prompt
        coach = open_from_args(args, ask=False)
    except Locked:
        print("coach: locked (encrypted data; see coach encrypt --help)", file=sys.stderr)
        return 0
    due = due_now(coach)
    if not due:
        if not args.quiet:
            print("Nothing due now.")
        return 0
    for item in due:
        print(f"coach: {item.text}")
    if args.notify:
        from coach.core.notify import desktop_notify

        title = "coach" if len(due) == 1 else f"coach: {len(due)} things due"
        desktop_notify(title, "\n".join(item.text for item in due))
    return DUE_EXIT

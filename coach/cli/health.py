"""`coach status` (one line for a prompt), `coach doctor` (a health check), `coach rest`."""

from __future__ import annotations

import argparse
import os

from coach.cli.output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    status = sub.add_parser("status", help="today's routine in one line, for a shell prompt")
    status.add_argument("--json", action="store_true", help="print one JSON object")
    status.set_defaults(handler=run_status)
    doctor = sub.add_parser("doctor", help="check the data, the backups and the content")
    doctor.set_defaults(handler=run_doctor)
    rest = sub.add_parser("rest", help="mark today (or --date) as a rest day")
    rest.add_argument("--date", metavar="DAY", help="a past day: YYYY-MM-DD, yesterday, friday...")
    rest.add_argument("--undo", action="store_true", help="it is not a rest day after all")
    rest.set_defaults(handler=run_rest)


def run_status(args: argparse.Namespace) -> int:
    from coach.cli import make_clock
    from coach.content.library import Library
    from coach.core.config import data_folder
    from coach.routine.status import keep, status
    from coach.session import Coach
    from coach.store import Store
    from coach.store.crypto import PASSPHRASE_ENV, Locked, WrongPassphrase

    try:  # never asks: a shell prompt must not stop at a passphrase prompt
        store = Store(data_folder(args.data_dir))
    except (Locked, WrongPassphrase) as exc:
        if isinstance(exc, WrongPassphrase) and os.environ.get(PASSPHRASE_ENV):
            raise
        # locked, or the keyring's passphrase is out of date (any other command says so)
        if args.json:
            print_json({"locked": True})
        else:
            print("coach: locked")
        return 0
    coach = Coach(store=store, library=Library(), clock=make_clock())
    result = status(coach)
    keep(coach, result)  # the next `coach status` prints it without opening the store
    if args.json:
        print_json(result.as_json())
    else:
        print(result.line())
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    from coach.cli import make_clock, passphrase_for
    from coach.core.config import data_folder
    from coach.data.doctor import run_doctor as doctor
    from coach.store.crypto import Locked, StaleKeyring

    folder = data_folder(args.data_dir)
    try:
        passphrase = passphrase_for(folder)
    except (Locked, StaleKeyring):
        passphrase = None  # no terminal to ask on: the report says so (and what to do)
    from coach.cli.progress import progress_bar

    with progress_bar("Checking") as bar:
        report = doctor(folder, make_clock().now(), passphrase=passphrase, on_progress=bar)
    print(report.render())
    return 1 if report.problems else 0


def run_rest(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.dates import parse_day
    from coach.days.rest_days import set_rest

    coach = open_from_args(args)
    today = coach.today()
    day = parse_day(args.date, today, what="--date") if args.date else today
    set_rest(coach, day, not args.undo)
    if args.undo:
        print(f"{day:%A %-d %B} is not a rest day.")
    else:
        print(f"{day:%A %-d %B} is a rest day: your routine streak waits for you.")
    return 0

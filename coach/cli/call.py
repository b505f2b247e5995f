"""`coach call NAME`: log a call, meeting or message with a best customer."""

from __future__ import annotations

import argparse

from coach.core.dates import describe as describe_day
from coach.core.dates import parse_when
from coach.customers.customers import all_customers, labels, resolve
from coach.customers.touches import KINDS, describe, log_touch


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("call", help="log a call, meeting or message with a best customer")
    parser.add_argument("name", metavar="NAME", help='the customer (e.g. "Ann" or "Ann (Acme)")')
    parser.add_argument("--kind", choices=KINDS, default="call")
    parser.add_argument("--value", default="", metavar="TEXT", help="what value you added")
    parser.add_argument("--note", default="", metavar="TEXT", help="how it went")
    parser.add_argument(
        "--follow-up", default=None, metavar="WHEN", help='e.g. "in 2 weeks", "next friday"'
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    today = coach.today()
    follow_up = parse_when(args.follow_up, today) if args.follow_up is not None else None
    customers = all_customers(coach, archived=False)
    customer = resolve(customers, args.name)
    touch = log_touch(
        coach,
        customer.id,
        kind=args.kind,
        value=args.value,
        outcome=args.note,
        follow_up=follow_up,
        day=today,
    )
    line = describe(touch).replace(touch.who, labels(customers)[customer.id], 1)
    print(f"Logged: {line}.")
    if follow_up:
        print(f"Follow up {describe_day(follow_up, today)} ({follow_up.isoformat()}).")
    return 0

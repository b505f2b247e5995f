"""`coach customer add|edit|list|snooze|context|archive|history|delete`: best customers."""

from __future__ import annotations

import argparse
from dataclasses import replace

from coach.cli.output import print_json
from coach.core.dates import Lean, describe, parse_day, since
from coach.core.errors import InputError
from coach.core.text import one_line
from coach.customers.cadence import Standing, parse_gap, set_cadence, standing
from coach.customers.customers import (
    Customer,
    CustomerFields,
    add_customer,
    all_customers,
    delete_customer,
    edit_customer,
    get_customer,
    labels,
    problems,
    resolve,
    set_archived,
    snooze,
)

GAP_HELP = 'e.g. "2w", "10 days", "1 month", "quarterly" (default: Settings)'


def _cadence_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--every", default=None, metavar="GAP", help=f"your rhythm, {GAP_HELP}")
    parser.add_argument(
        "--at-most", default=None, metavar="GAP", help="the longest gap that is still fine"
    )


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("customer", help="add or list your best customers")
    actions = parser.add_subparsers(dest="customer_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a best customer")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--company", default="", metavar="C")
    add.add_argument("--phone", default="", metavar="P")
    add.add_argument("--email", default="", metavar="E")
    add.add_argument("--why", default="", metavar="TEXT", help="why they matter to you")
    _cadence_options(add)
    add.set_defaults(handler=run_add)

    edit = actions.add_parser("edit", help="change a customer's details or cadence")
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--rename", default=None, metavar="NEW", help="a new name")
    for option in ("company", "phone", "email", "why", "notes"):
        edit.add_argument(f"--{option}", default=None, metavar="TEXT")
    _cadence_options(edit)
    edit.set_defaults(handler=run_edit)

    snoozing = actions.add_parser(
        "snooze", help="leave a customer out of the rotation until a day (no contact is faked)"
    )
    snoozing.add_argument("name", metavar="NAME")
    until = snoozing.add_mutually_exclusive_group(required=True)
    until.add_argument("--until", metavar="WHEN", help='e.g. "15 jan", "in 3 weeks"')
    until.add_argument("--clear", action="store_true", help="end the snooze now")
    snoozing.set_defaults(handler=run_snooze)

    card = actions.add_parser("context", help="before the call: what to remember about them")
    card.add_argument("name", metavar="NAME")
    card.add_argument("--json", action="store_true", help="print one JSON object")
    card.set_defaults(handler=run_context)

    listing = actions.add_parser("list", help="list your best customers")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.add_argument("--all", action="store_true", help="include archived customers")
    listing.set_defaults(handler=run_list)

    archive = actions.add_parser("archive", help="archive a customer (nothing is deleted)")
    archive.add_argument("name", metavar="NAME")
    archive.set_defaults(handler=run_archive)

    past = actions.add_parser(
        "history", help="touches, newest first: one customer's, or everyone's (deleted too)"
    )
    past.add_argument("name", metavar="NAME", nargs="?")
    past.add_argument("--json", action="store_true", help="print one JSON array")
    past.set_defaults(handler=run_history)

    delete = actions.add_parser(
        "delete", help="remove a customer from the list (their touches stay, with their name)"
    )
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", action="store_true", help="do not ask first")
    delete.set_defaults(handler=run_delete)


def run_add(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    values = CustomerFields(args.name, args.company, args.phone, args.email, args.why)
    _check_gaps(args)
    found = problems(values)  # a bad field is named before anything is saved
    if found:
        raise InputError("{}: {}".format(*next(iter(found.items()))))
    customer = add_customer(coach, values)
    if args.every is not None or args.at_most is not None:
        try:
            set_cadence(coach, customer.id, args.every, args.at_most)
        except InputError:
            delete_customer(coach, customer.id)  # all or nothing: no half-added customer
            raise
    label = labels(all_customers(coach, archived=False))[customer.id]
    print(f"Added {label} ({_rhythm_words(coach, customer.id)}).")
    return 0


def _check_gaps(args: argparse.Namespace) -> None:
    if args.every:
        parse_gap(args.every, what="--every")
    if args.at_most:
        parse_gap(args.at_most, what="--at-most")


def _rhythm_words(coach, customer_id: str) -> str:
    customer = get_customer(coach, customer_id)
    assert customer is not None
    s = standing(customer, coach.today(), coach.settings)
    return f"every {s.cadence.every.plain}, at most {s.cadence.at_most.plain}"


def run_edit(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    customer = _find(coach, args.name, archived=True)
    _check_gaps(args)
    old = customer.fields
    values = replace(
        old,
        **{
            k: v
            for k, v in (
                ("name", args.rename),
                ("company", args.company),
                ("phone", args.phone),
                ("email", args.email),
                ("why", args.why),
                ("notes", args.notes),
            )
            if v is not None
        },
    )
    if values != old:
        found = problems(values)
        if found:
            raise InputError("{}: {}".format(*next(iter(found.items()))))
    if args.every is not None or args.at_most is not None:
        set_cadence(coach, customer.id, args.every, args.at_most)
    if values != old:
        edit_customer(coach, customer.id, values)
    print(f"Saved {values.cleaned().name} ({_rhythm_words(coach, customer.id)}).")
    return 0


def run_snooze(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    customer = _find(coach, args.name)
    if args.clear:
        snooze(coach, customer.id, None)
        print(f"{customer.name} is back in the rotation.")
        return 0
    today = coach.today()
    until = parse_day(args.until, today, what="--until", lean=Lean.FUTURE)
    if until <= today:
        raise InputError(f"--until: {args.until!r} is today; snooze until a later day")
    snooze(coach, customer.id, until)
    print(f"Snoozed {customer.name} until {describe(until, today)} ({until.isoformat()}).")
    print("No contact was logged: their rhythm still counts from the last real touch.")
    return 0


def run_context(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.customers import context
    from coach.routine.features import checkup_lessons, checkup_warnings

    coach = open_from_args(args)
    customer = _find(coach, args.name, archived=True)
    today = coach.today()
    flags = [f.line for f in checkup_warnings(coach, today) if f.customer.id == customer.id]
    card = context.context(coach, customer, today, checkup_lessons(coach), flags)
    if args.json:
        print_json(context.as_json(card))
        return 0
    for line in context.lines(card):
        print(line)
    return 0


def as_json(customer: Customer, label: str, s: Standing) -> dict[str, object]:
    def iso(value: object) -> object:
        return value.isoformat() if value is not None else None  # type: ignore[attr-defined]

    return {
        "id": customer.id,
        "name": customer.name,
        "label": label,
        "company": customer.company,
        "phone": customer.phone,
        "email": customer.email,
        "why": customer.why,
        "notes": customer.notes,
        "archived": customer.archived,
        "at_risk": customer.at_risk,
        "last_contact": iso(customer.last_contact),
        "follow_up": iso(customer.follow_up),
        "last_checkup": iso(customer.last_checkup),
        "snoozed_until": iso(customer.snoozed_until),
        "every": s.cadence.every.code,
        "at_most": s.cadence.at_most.code,
        "own_cadence": bool(customer.every or customer.at_most),
        "last_touch": iso(customer.last_contact),
        "next_due": iso(s.next_due),
        "quiet_after": iso(s.quiet_after),
        "state": s.state.value if not customer.archived else "archived",
        "why_now": s.why,
    }


def run_list(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    customers = all_customers(coach, archived=args.all)
    names = labels(customers)
    customers.sort(key=lambda c: names[c.id].casefold())
    today = coach.today()
    where = {c.id: standing(c, today, coach.settings) for c in customers}
    if args.json:
        print_json([as_json(c, names[c.id], where[c.id]) for c in customers])
        return 0
    if not customers:
        print("No best customers yet. Add one: coach customer add NAME --company C")
        return 0
    for c in customers:
        marks = ("! " if c.at_risk else "  ") + one_line(names[c.id])
        if c.archived:
            marks += " [archived]"
        else:
            marks += f" [{where[c.id].state.value}]"
        line = f"{marks}  (last contact: {since(c.last_contact, today)}"
        if c.follow_up:
            line += f"; follow up {describe(c.follow_up, today)}"
        print(line + ")")
    return 0


def _find(coach, name: str, archived: bool = False) -> Customer:
    return resolve(all_customers(coach, archived=archived), name)


def run_archive(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    customer = _find(coach, args.name)
    set_archived(coach, customer.id, True)
    print(f"Archived {customer.name}. Their history is kept.")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.customers.touches import describe as describe_touch
    from coach.customers.touches import history

    coach = open_from_args(args)
    customer_id = _find(coach, args.name, archived=True).id if args.name else None
    touches = history(coach, customer_id)
    if args.json:
        rows = [
            {
                "date": t.day.isoformat(),
                "customer_id": t.customer_id,
                "customer": t.who,
                "kind": t.kind,
                "value": t.value,
                "how_it_went": t.outcome,
                "follow_up": t.follow_up.isoformat() if t.follow_up else None,
            }
            for t in touches
        ]
        print_json(rows)
        return 0
    if not touches:
        print("No touches logged yet.")
    for t in touches:
        print(f"{t.day.isoformat()}  {one_line(describe_touch(t))}")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    customer = _find(coach, args.name, archived=True)
    if not args.yes:
        try:
            answer = input(f"Delete {customer.name}? Their touches stay in your journal. [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            raise InputError("not deleted (answer y to delete, or pass --yes)")
    delete_customer(coach, customer.id)
    print(f"Deleted {customer.name}. Their touches stay in your journal under their name.")
    return 0

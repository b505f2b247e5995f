"""`coach customer add|list|archive|delete`: your best customers from the shell."""

from __future__ import annotations

import argparse

from coach.cli.output import print_json
from coach.core.dates import describe, since
from coach.core.errors import InputError
from coach.core.text import one_line
from coach.customers.customers import (
    Customer,
    CustomerFields,
    add_customer,
    all_customers,
    delete_customer,
    labels,
    resolve,
    set_archived,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("customer", help="add or list your best customers")
    actions = parser.add_subparsers(dest="customer_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a best customer")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--company", default="", metavar="C")
    add.add_argument("--phone", default="", metavar="P")
    add.add_argument("--email", default="", metavar="E")
    add.add_argument("--why", default="", metavar="TEXT", help="why they matter to you")
    add.set_defaults(handler=run_add)

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
    customer = add_customer(coach, values)
    label = labels(all_customers(coach, archived=False))[customer.id]
    print(f"Added {label}.")
    return 0


def as_json(customer: Customer, label: str) -> dict[str, object]:
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
    }


def run_list(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    customers = all_customers(coach, archived=args.all)
    names = labels(customers)
    customers.sort(key=lambda c: names[c.id].casefold())
    if args.json:
        print_json([as_json(c, names[c.id]) for c in customers])
        return 0
    if not customers:
        print("No best customers yet. Add one: coach customer add NAME --company C")
        return 0
    today = coach.today()
    for c in customers:
        marks = ("! " if c.at_risk else "  ") + one_line(names[c.id])
        if c.archived:
            marks += " [archived]"
        line = f"{marks}  (last contact: {since(c.last_contact, today)}"
        if c.follow_up:
            line += f"; follow up {describe(c.follow_up, today)}"
        print(line + ")")
    return 0


def _find(coach, name: str, archived: bool = False) -> Customer:  # type: ignore[no-untyped-def]
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

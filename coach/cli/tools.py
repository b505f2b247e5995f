"""`coach tools [show TOOL|people]`: the questionnaire, meeting kit, messages and more."""

from __future__ import annotations

import argparse

from coach.cli.output import print_json
from coach.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    from coach.loss.tools import TOOL_IDS

    parser = sub.add_parser(
        "tools",
        help="the questionnaire, meeting agenda, messages, your people, skills refresh",
        description="Without an action: list the tools. `show TOOL` prints one (for the most "
        "recent loss unless --loss names another); --output saves it to a private file.",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array")
    parser.set_defaults(handler=run_list)
    actions = parser.add_subparsers(
        dest="tools_command", metavar="ACTION", parser_class=type(parser)
    )
    show = actions.add_parser("show", help="print one tool's text")
    show.add_argument("tool", metavar="TOOL", choices=TOOL_IDS, help=", ".join(TOOL_IDS))
    show.add_argument("--loss", metavar="NAME", help="the lost client (default: the latest)")
    show.add_argument("--output", "-o", metavar="FILE", help="save it to this file (0600)")
    show.set_defaults(handler=run_show)
    people = actions.add_parser(
        "people",
        help="your people to talk to: show them, or set the list",
        description="With PERSON arguments: the list becomes those, one each "
        "(e.g. 'Ann: always straight with me'). --clear empties it.",
    )
    people.add_argument("person", nargs="*", metavar="PERSON")
    people.add_argument("--clear", action="store_true", help="empty the list")
    people.set_defaults(handler=run_people)


def run_list(args: argparse.Namespace) -> int:
    from coach.loss.tools import TOOLS

    if args.json:
        print_json([{"id": t.id, "title": t.title, "help": t.help} for t in TOOLS])
        return 0
    width = max(len(t.id) for t in TOOLS)
    for t in TOOLS:
        print(f"{t.id:<{width}}  {t.title}: {t.help}")
    print("\ncoach tools show TOOL prints one; --output FILE saves it.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.textfile import save_text
    from coach.loss.losses import find_loss, most_recent
    from coach.loss.tools import render, sources_of, tool

    coach = open_from_args(args)
    chosen = tool(args.tool)
    loss = None
    if chosen.needs_loss:
        loss = find_loss(coach, args.loss) if args.loss else most_recent(coach, coach.today())
    elif args.loss:
        raise InputError(f"--loss goes with a tool for a lost client, not {chosen.id}")
    text = render(coach, chosen.id, loss, coach.today())
    if args.output:
        path = save_text(args.output, text)
        print(f"Saved {chosen.title.lower()} to {path}")
        return 0
    print(text, end="")
    print(f"\n— {'; '.join(sources_of(coach.library, chosen.id, loss))}")
    return 0


def run_people(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.loss.tools import people, set_people

    coach = open_from_args(args)
    if args.clear and args.person:
        raise InputError("--clear empties the list: give no PERSON with it")
    if args.clear or args.person:
        found = set_people(coach, "\n".join(args.person))
        print(f"Your people: {len(found)}." if found else "Your list of people is empty.")
        return 0
    listed = people(coach)
    if not listed:
        print("Your list is empty: coach tools people 'Ann: always straight with me' ...")
    for person in listed:
        print(f"- {person}")
    return 0

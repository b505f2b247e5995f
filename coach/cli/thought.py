"""`coach thought add|list|evidence`: thought records ("Feelings aren't facts")."""

from __future__ import annotations

import argparse
from typing import Any

from coach.cli.output import print_json
from coach.core.errors import InputError
from coach.core.text import one_line


def plain(text: str) -> str:
    """User text made safe to print: control characters (escapes) shown, never obeyed."""
    return one_line(text)


def _feeling(text: str) -> Any:
    from coach.journal.thoughts import parse_feeling

    try:
        return parse_feeling(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "thought",
        help="thought records: weigh a hot thought against the facts",
        description="Feelings aren't facts. Every field may be left out.",
    )
    parser.set_defaults(handler=lambda args: parser.error("choose add, list or evidence"))
    actions = parser.add_subparsers(
        dest="thought_command", metavar="ACTION", parser_class=type(parser)
    )

    add = actions.add_parser("add", help="keep a thought record")
    add.add_argument("--situation", default="", help="what happened, in facts")
    add.add_argument(
        "--feeling",
        action="append",
        default=[],
        type=_feeling,
        metavar="NAME:0-100",
        help="a feeling and how strong it is (repeatable), e.g. anxious:80",
    )
    add.add_argument(
        "--thought", default="", help="the hot thought, e.g. 'I'll lose all my clients'"
    )
    add.add_argument(
        "--for", dest="evidence_for", action="append", default=[], metavar="FACT",
        help="a fact for the thought (repeatable)",
    )  # fmt: skip
    add.add_argument(
        "--against", action="append", default=[], metavar="FACT",
        help="a fact against it (repeatable); see `coach thought evidence`",
    )  # fmt: skip
    add.add_argument("--balanced", default="", help="a balanced thought")
    add.add_argument(
        "--rerate", action="append", default=[], type=_feeling, metavar="NAME:0-100",
        help="a feeling re-rated after (repeatable)",
    )  # fmt: skip
    add.add_argument(
        "--trap", action="append", default=[], metavar="ID",
        help="a thinking trap (repeatable): all-or-nothing, mind-reading, catastrophizing, "
        "personalisation, emotional-reasoning",
    )  # fmt: skip
    add.add_argument("--date", metavar="DAY", help="today (default), yesterday or YYYY-MM-DD")
    add.set_defaults(handler=run_add)

    listing = actions.add_parser("list", help="list thought records, oldest first")
    listing.add_argument("--json", action="store_true", help="print one JSON array")
    listing.add_argument("--search", metavar="WORDS", default="", help="words that must all appear")
    listing.set_defaults(handler=run_list)

    evidence = actions.add_parser(
        "evidence", help="the facts from your own logs coach would offer today"
    )
    evidence.add_argument("--json", action="store_true", help="print one JSON array")
    evidence.set_defaults(handler=run_evidence)


def run_add(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.core.dates import Lean, parse_day
    from coach.journal.thoughts import ThoughtFields, save_thought

    coach = open_from_args(args)
    today = coach.today()
    day = parse_day(args.date, today, what="--date", lean=Lean.PAST) if args.date else today
    values = ThoughtFields(
        situation=args.situation,
        feelings=tuple(args.feeling),
        thought=args.thought,
        evidence_for=tuple(args.evidence_for),
        evidence_against=tuple(args.against),
        balanced=args.balanced,
        rerated=tuple(args.rerate),
        traps=tuple(args.trap),
    )
    record = save_thought(coach, day, values)
    if record is None:
        raise InputError("the thought record is empty: give at least one field, e.g. --thought")
    print(f"Kept your thought record for {record.day:%A} {record.day.day} {record.day:%B %Y}.")
    return 0


def print_record(coach: Any, record: Any) -> None:
    """A thought record as text, every user line made safe (also `coach journal`)."""
    from coach.journal.thoughts import shift, trap_titles

    print(f"── {record.day:%a} {record.day.day} {record.day:%b %Y}")
    rows = [
        ("situation", record.situation),
        ("feelings", ", ".join(map(str, record.feelings))),
        ("thought", record.thought),
        *(("for", line) for line in record.evidence_for),
        *(("against", line) for line in record.evidence_against),
        ("balanced", record.balanced),
        ("re-rated", ", ".join(map(str, record.rerated))),
        ("traps", ", ".join(trap_titles(coach.library, record))),
    ]
    for label, value in rows:
        if value:
            print(f"  {label}: {plain(value)}")
    for name, before, after in shift(record):
        print(f"  {plain(name)}: {before} → {after}")
    print()


def run_list(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.journal.search import search_thoughts

    coach = open_from_args(args)
    records = list(reversed(search_thoughts(coach, args.search)))
    if args.json:
        print_json([r.to_record() for r in records])
        return 0
    if not records:
        if args.search:
            print("No thought records match.")
            return 0
        print("No thought records yet. Start one: coach thought add --thought '...'")
        return 0
    for record in records:
        print_record(coach, record)
    return 0


def run_evidence(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args
    from coach.routine.evidence import evidence

    coach = open_from_args(args)
    facts = evidence(coach)
    if args.json:
        rows = [{"kind": str(f.kind), "date": f.day.isoformat(), "text": f.text} for f in facts]
        print_json(rows)
        return 0
    if not facts:
        print("Nothing logged yet to draw on: walks, calls and helps you log show up here.")
        return 0
    print("Facts from your own logs (evidence against the hot thought):")
    for fact in facts:
        print(f"  - {plain(fact.text)}")
    return 0

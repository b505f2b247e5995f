"""`coach today`: today's routine as plain text or JSON."""

from __future__ import annotations

import argparse

from coach.cli.output import print_json
from coach.core.text import one_line
from coach.routine.today import build_today


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("today", help="print today's routine")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    today = build_today(coach)
    if args.json:
        payload = {
            "date": today.day.isoformat(),
            "steps": [
                {
                    "id": s.id,
                    "title": s.title,
                    "done": s.done,
                    "advice": s.advice.text if s.advice else "",
                }
                for s in today.steps
            ],
        }
        print_json(payload)
        return 0
    print(f"{today.day:%A %d %B %Y}  ({today.done_count} of {len(today.steps)} done)")
    if today.encouragement:
        print(f"\n  {today.encouragement.text}")
    for step in today.steps:
        mark = "x" if step.done else " "
        print(f"\n[{mark}] {step.title}")
        if step.detail and step.id != "reflect":
            print(f"    {one_line(step.detail)}")
        if step.advice:
            print(f"    {step.advice.text}")
    return 0

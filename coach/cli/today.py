"""`coach today`: today's routine as plain text or JSON."""

from __future__ import annotations

import argparse

from coach.cli.output import print_json
from coach.content.library import Item, Lean
from coach.core.text import one_line
from coach.journal.reflections import is_letter_prompt
from coach.loss.tools import first_days_card
from coach.routine.today import build_today


def item_json(item: Item | None, lean: Lean) -> dict[str, str] | None:
    """One picked item as --json shows it: what, from where, and why it was chosen today."""
    if item is None:
        return None
    return {
        "id": item.id,
        "text": item.text,
        "source": item.source_line,
        "advice": ", ".join(item.advice),
        "phase": item.phase,
        "why": lean.why(),
    }


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
            "phase": today.lean.phase,
            "reasons": list(today.lean.reasons),
            "encouragement": item_json(today.encouragement, today.lean),
            "notes": list(today.notes),
            # days 0-2 after a loss Today shows this card in place of the encouragement
            "first_days": (
                [
                    {"id": i.id, "title": i.title, "text": i.text, "source": i.source_line}
                    for i in first_days_card(coach.library)
                ]
                if today.first_days
                else None
            ),
            "steps": [
                {
                    "id": s.id,
                    "title": s.title,
                    "done": s.done,
                    "detail": s.detail,
                    "advice": s.advice.text if s.advice else "",
                    "item": item_json(s.advice, today.lean),
                }
                for s in today.steps
            ],
        }
        print_json(payload)
        return 0
    print(f"{today.day:%A %d %B %Y}  ({today.done_count} of {len(today.steps)} done)")
    if today.first_days:  # days 0-2 after a loss: the first-days card, as on Today
        print("\n  The first days. Go gently:")
        for item in first_days_card(coach.library):
            print(f"  {item.title} · {item.text}")
    elif today.encouragement:
        print(f"\n  {today.encouragement.text}")
    for step in today.steps:
        mark = "x" if step.done else " "
        print(f"\n[{mark}] {step.title}")
        if step.detail and step.id != "reflect":
            print(f"    {one_line(step.detail)}")
        if step.advice:
            print(f"    {step.advice.text}")
            if step.id == "reflect" and is_letter_prompt(step.advice) and not today.reflection:
                print("    (private: write it on the Letter page of the app, l then u)")
    return 0

"""`coach today`: today's routine as plain text or JSON."""

from __future__ import annotations

import argparse
import json
from datetime import date

from coach.content.library import Item, Lean
from coach.core import statusline
from coach.core.text import one_line, safe_json
from coach.journal.reflections import is_letter_prompt
from coach.loss.tools import first_days_card
from coach.routine.status import keep_output
from coach.routine.today import build_today
from coach.session import Coach
from coach.store.core import JOURNAL_DIR


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


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("today", help="print today's routine")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coach.cli import open_from_args

    coach = open_from_args(args)
    # A warning about the user's content is printed each time: nothing is kept then.
    outputs = render(coach) if coach.library.problems else keep(coach)
    print(outputs["json" if args.json else "text"], end="")
    return 0


def render(coach: Coach) -> dict[str, str]:
    """Today as `coach today` prints it ("text") and as `coach today --json` ("json")."""
    today = build_today(coach)
    payload = {
        "date": today.day.isoformat(),
        "phase": today.lean.phase,
        "reasons": list(today.lean.reasons),
        "encouragement": item_json(today.encouragement, today.picks_lean),
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
                "item": item_json(s.advice, today.picks_lean),
            }
            for s in today.steps
        ],
    }
    lines = [f"{today.day:%A %d %B %Y}  ({today.done_count} of {len(today.steps)} done)"]
    if today.first_days:  # days 0-2 after a loss: the first-days card, as on Today
        lines.append("\n  The first days. Go gently:")
        lines.extend(f"  {item.title} · {item.text}" for item in first_days_card(coach.library))
    elif today.encouragement:
        lines.append(f"\n  {today.encouragement.text}")
    if today.notes:  # the notes under the encouragement, as on Today
        lines.append("")
        lines.extend(f"  {one_line(note)}" for note in today.notes)
    for step in today.steps:
        mark = "x" if step.done else " "
        lines.append(f"\n[{mark}] {step.title}")
        if step.detail and step.id != "reflect":
            lines.append(f"    {one_line(step.detail)}")
        if step.advice:
            lines.append(f"    {step.advice.text}")
            if step.id == "reflect" and is_letter_prompt(step.advice) and not today.reflection:
                lines.append("    (private: write it on the Letter page of the app, l then u)")
    return {
        "text": "\n".join(lines) + "\n",
        "json": safe_json(json.dumps(payload, ensure_ascii=False)) + "\n",
    }


def keep(coach: Coach) -> dict[str, str]:
    """render(coach), kept for the fast `coach today` (coach.cli.quick), signed by every
    data file and every content file (and the folders' listings: a file added is a miss)."""
    from coach.core.paths import builtin_content_dir, user_content_dir

    folder = coach.store.folder

    def rows(day: date) -> list[str]:
        found = statusline.sign_folder(folder, ".json")  # coach.json and its conflict copies
        found += statusline.sign_folder(folder / JOURNAL_DIR, ".json")
        found += statusline.sign(folder, statusline.ALWAYS_ABSENT)
        for content in (builtin_content_dir(), user_content_dir()):
            found += statusline.sign_folder(content, ".toml")
        return found

    def outputs(day: date) -> dict[str, str]:
        made = render(coach)
        if json.loads(made["json"])["date"] != day.isoformat():
            raise ValueError("the day rolled over while rendering")  # a miss
        return made

    made = keep_output(coach, statusline.TODAY_FILE, rows, outputs)
    return made if made is not None else render(coach)

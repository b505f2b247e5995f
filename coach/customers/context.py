"""Before the call: one card with what to remember about a customer.

The last three touches (the value you added, how it went), the open follow-up,
why they matter, where they stand against their cadence, lessons from your
post-mortems (handed in: they come from another feature, wired by
coach.routine.features), an idea of value to add and a short call script.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coach.content import rotation
from coach.content.library import Item
from coach.customers.cadence import Standing, standing
from coach.customers.calls import IDEA_POOL
from coach.customers.customers import Customer, label_of
from coach.customers.script import ScriptLine, call_script
from coach.customers.touches import Touch, describe, history
from coach.session import Coach

LAST_TOUCHES = 3


@dataclass(frozen=True)
class Context:
    customer: Customer
    label: str
    standing: Standing
    touches: tuple[Touch, ...]  # newest first, at most three
    lessons: tuple[str, ...]
    idea: Item | None
    warnings: tuple[str, ...] = ()  # signs missed before a loss that this customer shows
    script: tuple[ScriptLine, ...] = ()  # open, add value, ask what more you can do

    @property
    def follow_up(self) -> date | None:
        return self.customer.follow_up


def context(
    coach: Coach,
    customer: Customer,
    day: date,
    lessons: list[str],
    warnings: list[str] | None = None,
) -> Context:
    """The card for `customer` on `day`. Reads the customer's touches: call it in a worker.

    `lessons` and `warnings` come from other features (coach.routine.features wires them).
    """
    return Context(
        customer=customer,
        label=label_of(coach, customer),
        standing=standing(customer, day, coach.settings),
        touches=tuple(history(coach, customer.id)[:LAST_TOUCHES]),
        lessons=tuple(lessons),
        idea=rotation.pick_for(coach, IDEA_POOL, day),
        warnings=tuple(warnings or ()),
        script=call_script(coach, day),
    )


def as_json(card: Context) -> dict[str, object]:
    s = card.standing
    return {
        "id": card.customer.id,
        "label": card.label,
        "why_they_matter": card.customer.why,
        "state": s.state.value,
        "why_now": s.why,
        "every": s.cadence.every.code,
        "at_most": s.cadence.at_most.code,
        "next_due": s.next_due.isoformat() if s.next_due else None,
        "follow_up": card.follow_up.isoformat() if card.follow_up else None,
        "last_touches": [
            {
                "date": t.day.isoformat(),
                "kind": t.kind.value,
                "value": t.value,
                "how_it_went": t.outcome,
            }
            for t in card.touches
        ],
        "lessons": list(card.lessons),
        "warning_signs": list(card.warnings),
        "idea": card.idea.text if card.idea else None,
        "script": [
            {"part": line.part, "text": line.text, "source": line.source} for line in card.script
        ],
    }


def lines(card: Context) -> list[str]:
    """The card as plain lines (the CLI prints them; the screen shows them literally)."""
    c = card.customer
    out = [card.label + (f" ({c.company})" if c.company and c.company not in card.label else "")]
    out.append(f"  {card.standing.why}")
    if c.why:
        out.append(f"Why they matter: {c.why}")
    if card.follow_up:
        out.append(f"Open follow-up: {card.follow_up.isoformat()}")
    out.append("Last touches:" if card.touches else "Last touches: none logged yet")
    out += [f"  {t.day.isoformat()}  {describe(t)}" for t in card.touches]
    if card.warnings:
        out.append("Warning signs you missed before:")
        out += [f"  ! {warning}" for warning in card.warnings]
    if card.lessons:
        out.append("Lessons from your post-mortems:")
        out += [f"  - {lesson}" for lesson in card.lessons]
    if card.idea:
        out.append(f"An idea of value to add: {card.idea.text}")
    if card.script:
        out.append("A short call script:")
        for line in card.script:
            out += [f"  {line.part}: {line.text}", f"    (from {line.source})"]
    return out

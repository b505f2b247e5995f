"""Something due now, in words for the user: the walk, a follow-up, a check-in.

Features return these from their reminder providers; `coach.routine.features`
lists the providers, and `coach remind` and the app show what they return.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Due:
    """One thing due now, in words for the user."""

    kind: str  # "walk", "follow-up", "check-in", ...
    text: str

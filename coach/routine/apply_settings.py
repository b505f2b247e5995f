"""Saving settings from the Settings screen, with the rules other features attach to them."""

from __future__ import annotations

from coach.challenge.helps import set_goal
from coach.session import Coach
from coach.settings import Settings, save_settings


def apply_settings(coach: Coach, new: Settings) -> Settings:
    """Save `new`; a changed help goal goes through the challenge so past weeks keep theirs."""
    with coach.store.transaction():
        if new.help_goal != coach.settings.help_goal:
            set_goal(coach, new.help_goal)
        save_settings(coach.store, new)
    return new

"""Backups as the rest of coach sees them: the daily copy on first open, and restore.

The work happens in coach/store/backup.py (the only code that touches data files);
this module supplies the user's day and clock.
"""

from __future__ import annotations

from coach.session import Coach
from coach.store.backup import Backup, ensure_daily


def daily_backup(coach: Coach) -> Backup | None:
    """Make today's backup if this is the first open of the user's day (cheap otherwise)."""
    return ensure_daily(coach.store.folder, coach.today(), coach.clock.now())

"""Backups as the rest of coach sees them: the daily copy on first open, and restore.

The work happens in coach/store/backup.py (the only code that touches data files);
this module supplies the user's day and clock.
"""

from __future__ import annotations

from coach.session import Coach
from coach.store.backup import Backup, ensure_daily, seal_plain_backups


def daily_backup(coach: Coach) -> Backup | None:
    """Make today's backup if this is the first open of the user's day (cheap otherwise).

    An encrypted folder's backups written in plain JSON by a machine that had not yet
    seen the encryption (come through the sync tool) are encrypted here too.
    """
    made = ensure_daily(coach.store.folder, coach.today(), coach.clock.now())
    if coach.store.cipher is not None:
        seal_plain_backups(coach.store.folder, coach.store.cipher)
    return made


def merge_sync_conflicts(coach: Coach) -> list[str]:
    """Fold a sync tool's conflict copies into the data (coach.store.sync); what was merged.

    Run on open, beside the daily backup: the copies end up in backups/conflicts/.
    Lines for copies that were not merged say why and what to do (coach.store.sync).
    """
    from coach.store.sync import find_conflicts, merge_conflicts

    if not find_conflicts(coach.store.folder):
        return []
    report = merge_conflicts(coach.store)
    return [f"merged {line}" for line in report.merged] + [
        f"not merged {line}" for line in report.skipped
    ]

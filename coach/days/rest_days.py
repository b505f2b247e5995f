"""Rest days: days the user chose to rest. They neither break nor extend the streak.

Stored in the dated log "rests", one record per day with the day as its id, so
marking a day twice keeps one record.
"""

from __future__ import annotations

from datetime import date

from coach.core.errors import InputError
from coach.core.fields import optional_date
from coach.session import Coach

LOG = "rests"


def is_rest(coach: Coach, day: date) -> bool:
    return bool(coach.store.log(LOG).on(day))


def rest_between(coach: Coach, first: date | None, last: date | None) -> set[date]:
    """The rest days from `first` to `last`."""
    days = (optional_date(r.get("date")) for r in coach.store.log(LOG).between(first, last))
    return {d for d in days if d is not None}


def set_rest(coach: Coach, day: date, rest: bool = True) -> None:
    """Mark (or unmark) a day as a rest day. Today and past days only."""
    if day > coach.today():
        raise InputError(f"{day.isoformat()} is in the future: mark today or a past day")
    log = coach.store.log(LOG)
    with coach.store.transaction():
        if rest:
            log.put(day, {"id": day.isoformat()})
        else:
            for record in log.on(day):
                log.remove(day, record["id"])

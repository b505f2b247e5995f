"""Keeping the door open: check-ins after a loss and a plan for if they come back.

Check-in dates default to 3, 6 and 12 months after the client left
(dateutil's relativedelta: 31 August + 6 months is 28 or 29 February).
"""

from __future__ import annotations

from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from coach.content import rotation
from coach.content.library import Item
from coach.core.clock import logical_day
from coach.core.dates import Lean, parse_day
from coach.core.errors import InputError
from coach.core.notices import Due
from coach.core.words import plural
from coach.loss.losses import Loss, all_losses, get_loss, update_loss
from coach.session import Coach


def parse_checkins(text: str, left: date, today: date) -> list[date]:
    """Dates typed as "2027-02-22, in 6 months, 3 jan" (each after `left`), or InputError."""
    parts = [p for p in text.replace(";", ",").split(",") if p.strip()]
    days = sorted({checkin_day(p, today) for p in parts})
    for day in days:
        if day <= left:
            raise InputError(
                f"check-in {day.isoformat()} is not after the day they left ({left.isoformat()})"
            )
    return days


def checkin_day(text: str, today: date) -> date:
    """One check-in date. Check-ins are about the future, so a date without a year or a
    weekday reads forward ("3 jan" typed in December is next January, not the January
    before the loss); a date that can only be past (an ISO date, "last friday") is kept:
    the field lists the planned check-ins, overdue and made ones too, and saving them
    again must not fail (`parse_checkins` still wants each after the day they left)."""
    try:
        return parse_day(text, today, what="each check-in", lean=Lean.FUTURE)
    except InputError:  # in the past (or unreadable: then EITHER says so, with its hint)
        return parse_day(text, today, what="each check-in", lean=Lean.EITHER)


def set_checkins(coach: Coach, loss_id: str, days: list[date]) -> Loss:
    loss = get_loss(coach, loss_id)
    done = [d.isoformat() for d in loss.checkins_done if d in days]
    return update_loss(
        coach, loss_id, {"checkins": [d.isoformat() for d in days], "checkins_done": done}
    )


def mark_checked_in(coach: Coach, loss_id: str, day: date) -> Loss:
    """Record that the check-in of `day` was made."""
    loss = get_loss(coach, loss_id)
    if day not in loss.checkins:
        raise InputError(f"no check-in planned on {day.isoformat()}")
    done = sorted({*loss.checkins_done, day})
    return update_loss(coach, loss_id, {"checkins_done": [d.isoformat() for d in done]})


def set_return_policy(coach: Coach, loss_id: str, text: str) -> Loss:
    """What the user will do if the client comes back, decided now."""
    return update_loss(coach, loss_id, {"return_policy": text.strip()})


def open_checkins(loss: Loss) -> list[date]:
    return [d for d in loss.checkins if d not in loss.checkins_done]


def next_checkin(loss: Loss) -> date | None:
    pending = open_checkins(loss)
    return pending[0] if pending else None


def due_checkins(coach: Coach, day: date) -> list[tuple[Loss, date]]:
    """Check-ins on or before `day` not yet made, oldest first."""
    due = [(loss, d) for loss in all_losses(coach) for d in open_checkins(loss) if d <= day]
    return sorted(due, key=lambda pair: (pair[1], pair[0].client))


def months_after(loss: Loss, day: date) -> str:
    delta = relativedelta(day, loss.left)
    months = delta.years * 12 + delta.months
    return plural(months, "month") if months else "a few weeks"


def checkin_line(loss: Loss, day: date, today: date) -> str:
    when = "today" if day == today else f"since {day:%-d %B}"
    return f"Check in with {loss.client} ({when}): {months_after(loss, day)} since they left"


def checkin_notes(coach: Coach, day: date) -> list[str]:
    """Today's notes: every check-in that is due."""
    return [checkin_line(loss, d, day) for loss, d in due_checkins(coach, day)]


def checkin_reminders(coach: Coach, now: datetime) -> list[Due]:
    """For `coach remind`: check-ins due by the user's logical day."""
    day = logical_day(now, coach.settings.rollover_hour)
    return [Due("check-in", checkin_line(loss, d, day)) for loss, d in due_checkins(coach, day)]


DOOR_POOL = "door-open"


def door_advice(coach: Coach, day: date) -> Item | None:
    """Today's advice on keeping the door open: this user's order, no repeats, same all day."""
    return rotation.pick_for(coach, DOOR_POOL, day)

"""Your story of the loss: what you think caused it, and how sure you are, over time.

Coach asks when the loss is recorded, after the post-mortem (with the client's
own words, if you got them) and at each 3/6/12-month check-in. The answers are
kept on the loss (field "story"), so the Loss screen can set them side by side
and the user can see self-blame soften or a real lesson stand. One answer per
moment: answering again replaces that moment's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from coach.core.errors import InputError
from coach.core.fields import (
    EPOCH,
    optional_date,
    optional_datetime,
    percent,
    stored_moment,
    text_or_empty,
)
from coach.loss.door import months_after
from coach.loss.losses import EARLY_DAYS, Loss, all_losses, get_loss, update_loss
from coach.loss.postmortem import STEPS, answered
from coach.session import Coach
from coach.store import Record

MAX_TEXT = 2000


class Stage(StrEnum):
    """The moments coach asks for the story."""

    RECORDED = "recorded"
    POSTMORTEM = "post-mortem"
    CHECK_IN = "check-in"


@dataclass(frozen=True)
class StoryEntry:
    """What the user thought caused the loss at one moment."""

    stage: Stage
    at: datetime
    cause: str
    sure: int | None = None  # 0-100
    words: str = ""  # the client's own words, when the user got them
    checkin: date | None = None  # the check-in this answer belongs to

    def label(self, loss: Loss) -> str:
        """'day 1', 'after the post-mortem', '3 months'."""
        if self.stage is Stage.POSTMORTEM:
            return "after the post-mortem"
        if self.stage is Stage.CHECK_IN and self.checkin is not None:
            return months_after(loss, self.checkin)
        return f"day {max(1, (self.at.date() - loss.left).days)}"

    def to_record(self) -> Record:
        record: Record = {
            "stage": str(self.stage),
            "at": stored_moment(self.at),
            "cause": self.cause,
            "sure": self.sure,
            "words": self.words,
        }
        if self.checkin is not None:
            record["checkin"] = self.checkin.isoformat()
        return record

    @property
    def key(self) -> tuple[Stage, date | None]:
        return (self.stage, self.checkin)


def _entry_from(raw: Any) -> StoryEntry | None:
    if not isinstance(raw, dict):
        return None
    try:
        stage = Stage(str(raw.get("stage")))
    except ValueError:
        return None
    sure = raw.get("sure")
    return StoryEntry(
        stage=stage,
        at=optional_datetime(raw.get("at")) or EPOCH,
        cause=text_or_empty(raw.get("cause")),
        sure=sure
        if isinstance(sure, int) and not isinstance(sure, bool) and 0 <= sure <= 100
        else None,
        words=text_or_empty(raw.get("words")),
        checkin=optional_date(raw.get("checkin")),
    )


def story_of(loss: Loss) -> list[StoryEntry]:
    """The answers over time, oldest first."""
    entries = [e for raw in loss.story if (e := _entry_from(raw)) is not None]
    return sorted(entries, key=lambda e: (e.at, e.stage))


def check_sure(value: object) -> int:
    return percent(value, "how sure you are")


def record_story(
    coach: Coach,
    loss_id: str,
    stage: Stage | str,
    cause: str,
    sure: int | str | None = None,
    *,
    words: str = "",
    checkin: date | None = None,
    now: datetime | None = None,
) -> Loss:
    """Keep what the user thinks caused the loss now (replacing this moment's earlier answer)."""
    try:
        stage = Stage(stage)
    except ValueError:
        raise InputError(
            f"unknown moment {stage!r} (valid: {', '.join(s.value for s in Stage)})"
        ) from None
    cause = cause.strip()
    if not cause:
        raise InputError("write what you think caused it, even 'I don't know yet'")
    if len(cause) > MAX_TEXT or len(words) > MAX_TEXT:
        raise InputError(f"keep the story under {MAX_TEXT} characters")
    moment = (now or coach.clock.now()).replace(microsecond=0)
    with coach.store.transaction():
        loss = get_loss(coach, loss_id)
        if stage is Stage.CHECK_IN:
            checkin = checkin or _latest_checkin(loss, moment.date())
        else:
            checkin = None
        entry = StoryEntry(
            stage,
            moment,
            cause,
            check_sure(sure) if sure is not None else None,
            words.strip(),
            checkin,
        )
        kept = [raw for raw in loss.story if (_entry_from(raw) or entry).key != entry.key]
        return update_loss(coach, loss_id, {"story": [*kept, entry.to_record()]})


def _latest_checkin(loss: Loss, day: date) -> date:
    passed = [d for d in loss.checkins if d <= day]
    if not passed:
        raise InputError(f"no check-in with {loss.client} has come yet")
    return passed[-1]


def story_due(loss: Loss, day: date) -> tuple[Stage, date | None] | None:
    """The moment coach should ask for the story now, if any."""
    have = {e.key for e in story_of(loss)}
    if (Stage.RECORDED, None) not in have:
        return (Stage.RECORDED, None)
    if len(answered(loss)) == len(STEPS) and (Stage.POSTMORTEM, None) not in have:
        return (Stage.POSTMORTEM, None)
    for checkin in loss.checkins_done:
        if checkin <= day and (Stage.CHECK_IN, checkin) not in have:
            return (Stage.CHECK_IN, checkin)
    return None


CHECKIN_NOTE_DAYS = 30  # a check-in's question stays on Today this long after its date
KEYS = "(l, k)"  # the Loss screen, then Your story


def story_note(loss: Loss, day: date) -> str | None:
    """Today's line when a story answer is due on `loss`, or None.

    The first answer is asked for in the two weeks after the loss (or its recording) only and a check-in's for a month,
    so an unanswered question never stays on Today for good.
    """
    due = story_due(loss, day)
    if due is None:
        return None
    stage, checkin = due
    if stage is Stage.RECORDED:
        asked_from = max(loss.left, loss.recorded_at.date())  # a loss recorded late: from then
        if (day - asked_from).days >= EARLY_DAYS:
            return None
        return f"When you are ready: what do you think caused {loss.client} to leave? {KEYS}"
    if stage is Stage.POSTMORTEM:
        return f"Post-mortem of {loss.client} done: what do you think caused it now? {KEYS}"
    if checkin is None or day - checkin > timedelta(days=CHECKIN_NOTE_DAYS):
        return None
    return (
        f"{months_after(loss, checkin)} since {loss.client} left: "
        f"what do you think caused it now? {KEYS}"
    )


def story_notes(coach: Coach, day: date) -> list[str]:
    """Today's notes: each loss whose story answer is due."""
    return [note for loss in all_losses(coach) if (note := story_note(loss, day)) is not None]

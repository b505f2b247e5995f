"""Lost clients: recording a loss, its reasons in words, and how long ago it was.

Losses live in `store.records(TABLE)` (the main file: a handful over the
years). Each loss carries its own post-mortem answers, close-checklist ticks,
thank-you note and check-in dates; the unsent letter is a separate private
record (coach/letters.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta

from coach.content import rotation
from coach.content.library import Item, Lean, Library, Phase
from coach.core.clock import day_start
from coach.core.errors import InputError
from coach.core.fields import EPOCH, optional_date, optional_datetime, text_or_empty, texts_or_empty
from coach.core.signs import WarningSign, stored_signs
from coach.session import Coach
from coach.store import Record

TABLE = "losses"
PHASE_WORDS = {
    Phase.FIRST_DAYS: "the first days",
    Phase.EARLY: "early days",
    Phase.LATER: "later days",
    Phase.STEADY: "steady days",
}
FIRST_DAYS = 3  # days 0-2: feelings, the walk, someone to talk to; no post-mortem yet
EARLY_DAYS = 14  # the first two weeks are "early": feelings first, learning later
STEADY_DAYS = 180  # a loss this old no longer sets the tone: the user is steady


@dataclass(frozen=True)
class Reason:
    """Why a client left, as the CLI names it and as the screen says it."""

    id: str
    words: str
    advice: str  # the ADVICE-MAP id that speaks to it
    group: str  # how the advice leans: landscape, lapse (their own), market, unknown


REASONS: dict[str, Reason] = {
    r.id: r
    for r in (
        Reason("acquisition", "They were acquired", "landscape-changes", "landscape"),
        Reason("merger", "They merged with another company", "landscape-changes", "landscape"),
        Reason("out-of-business", "They went out of business", "landscape-changes", "landscape"),
        Reason("their-situation", "Their own situation changed", "maybe-not-you", "landscape"),
        Reason("price", "Price", "objective-review", "market"),
        Reason("competitor", "A competitor's rates or offer", "objective-review", "market"),
        Reason("service", "Lapses in my service", "why-it-went-bad", "lapse"),
        Reason("missed-deadlines", "Missed deadlines", "why-it-went-bad", "lapse"),
        Reason("communication", "Communication", "why-it-went-bad", "lapse"),
        Reason("too-busy", "I was too busy with another client", "objective-review", "lapse"),
        Reason("unknown", "I don't know yet", "ask-why", "unknown"),
    )
}


def parse_reason(text: str) -> str:
    """A reason id from user text, or InputError listing the valid ones."""
    key = text.strip().lower()
    if key not in REASONS:
        raise InputError(f"unknown reason {text!r} (valid: {', '.join(REASONS)})")
    return key


@dataclass(frozen=True)
class Loss:
    """One lost client and everything coach keeps about working through it."""

    id: str
    client: str
    left: date
    reasons: tuple[str, ...]
    tenure: str = ""  # how long they were a client, in the user's words
    value: str = ""  # optional: what the work was worth
    said: str = ""  # what they said when they left
    postmortem: dict[str, str] = field(default_factory=dict)
    postmortem_step: str = ""  # where the post-mortem resumes
    close_ticks: tuple[str, ...] = ()
    thank_you: str = ""
    checkins: tuple[date, ...] = ()
    checkins_done: tuple[date, ...] = ()
    return_policy: str = ""
    recorded_at: datetime = EPOCH  # when it was recorded (breaks a tie of two same-day losses)
    missed_signs: tuple[WarningSign, ...] = ()  # the post-mortem: signs seen too late
    story: tuple[Record, ...] = ()  # what the user thought caused it, over time (loss/story.py)

    @property
    def reason_words(self) -> tuple[str, ...]:
        return tuple(REASONS[r].words for r in self.reasons if r in REASONS)

    def days_since(self, day: date) -> int:
        return max(0, (day - self.left).days)

    def phase(self, day: date) -> Phase:
        """First days (0-2), early (to two weeks), later, then steady after months."""
        days = self.days_since(day)
        if days < FIRST_DAYS:
            return Phase.FIRST_DAYS
        if days < EARLY_DAYS:
            return Phase.EARLY
        return Phase.LATER if days < STEADY_DAYS else Phase.STEADY

    def lean(self, day: date) -> Lean:
        """How today's content leans: this loss's phase and its reasons."""
        groups = frozenset(REASONS[r].group for r in self.reasons if r in REASONS)
        return Lean(self.phase(day), groups, self.reasons)

    def since_line(self, day: date) -> str:
        """ "day 3 since Acme left", as Today shows it."""
        n = self.days_since(day)
        if n == 0:
            return f"{self.client} left today"
        return f"day {n} since {self.client} left"


def _dates(values: Any) -> tuple[date, ...]:
    found = (optional_date(v) for v in values) if isinstance(values, list) else ()
    return tuple(sorted({d for d in found if d is not None}))


def loss_from(record: Record) -> Loss | None:
    """A Loss from its stored record; None when the record is unusable. A field of an
    unexpected type reads as empty (core.fields), never as its repr."""
    left = optional_date(record.get("left"))
    if left is None:
        return None
    answers = record.get("postmortem")
    return Loss(
        id=str(record.get("id", "")),
        client=text_or_empty(record.get("client")) or "(no name)",
        left=left,
        reasons=tuple(r for r in texts_or_empty(record.get("reasons")) if r in REASONS),
        tenure=text_or_empty(record.get("tenure")),
        value=text_or_empty(record.get("value")),
        said=text_or_empty(record.get("said")),
        postmortem=(
            {str(k): v for k, v in answers.items() if isinstance(v, str)}
            if isinstance(answers, dict)
            else {}
        ),
        postmortem_step=text_or_empty(record.get("postmortem_step")),
        close_ticks=texts_or_empty(record.get("close_ticks")),
        thank_you=text_or_empty(record.get("thank_you")),
        checkins=_dates(record.get("checkins")),
        checkins_done=_dates(record.get("checkins_done")),
        return_policy=text_or_empty(record.get("return_policy")),
        recorded_at=optional_datetime(record.get("recorded_at")) or EPOCH,
        missed_signs=stored_signs(record.get("missed_signs")),
        story=tuple(s for s in _list(record.get("story")) if isinstance(s, dict)),
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def all_losses(coach: Coach) -> list[Loss]:
    """Every recorded loss, most recent first."""
    losses = [loss for r in coach.store.records(TABLE).all() if (loss := loss_from(r))]
    return sorted(losses, key=lambda loss: (loss.left, loss.recorded_at, loss.id), reverse=True)


def most_recent(coach: Coach, day: date | None = None) -> Loss | None:
    """The one "latest loss" every screen names: the last to leave (on or before `day`).

    Two clients that left on the same day: the one recorded last.
    """
    losses = [loss for loss in all_losses(coach) if day is None or loss.left <= day]
    return losses[0] if losses else None


def get_loss(coach: Coach, loss_id: str) -> Loss:
    record = coach.store.records(TABLE).get(loss_id)
    loss = loss_from(record) if record else None
    if loss is None:
        raise InputError("that loss is no longer recorded")
    return loss


def find_loss(coach: Coach, name: str) -> Loss:
    """The loss of the client called `name` (case-insensitive); the latest if several."""
    wanted = name.strip().casefold()
    matches = [loss for loss in all_losses(coach) if loss.client.casefold() == wanted]
    if not matches:
        known = ", ".join(sorted({loss.client for loss in all_losses(coach)})) or "none yet"
        raise InputError(f"no loss recorded for {name!r} (recorded: {known})")
    return matches[0]


DEFAULT_MONTHS = (3, 6, 12)


def default_checkins(left: date, months: tuple[int, ...] = DEFAULT_MONTHS) -> list[date]:
    """Check-in dates `months` after the day they left (31 August + 6 months: end of February)."""
    return [left + relativedelta(months=m) for m in months]


def add_loss(
    coach: Coach,
    client: str,
    left: date,
    reasons: list[str] | tuple[str, ...],
    *,
    tenure: str = "",
    value: str = "",
    said: str = "",
) -> Loss:
    """Record a loss; check-ins default to 3, 6 and 12 months after it."""
    client = client.strip()
    if not client:
        raise InputError("the client's name is empty")
    chosen = list(dict.fromkeys(parse_reason(r) for r in reasons))
    if not chosen:
        raise InputError(f"choose at least one reason (valid: {', '.join(REASONS)})")
    today = coach.today()
    if left > today:
        raise InputError(f"the date they left ({left.isoformat()}) is in the future")
    record = {
        "client": client,
        "left": left.isoformat(),
        "reasons": chosen,
        "tenure": tenure.strip(),
        "value": value.strip(),
        "said": said.strip(),
        "recorded_at": coach.clock.now().isoformat(timespec="seconds"),
        "checkins": [d.isoformat() for d in default_checkins(left)],
    }
    with coach.store.transaction():
        stored = coach.store.records(TABLE).insert(record)
    loss = loss_from(stored)
    assert loss is not None
    return loss


def update_loss(coach: Coach, loss_id: str, changes: Record) -> Loss:
    """Apply changes to a stored loss (raises InputError if it is gone)."""
    with coach.store.transaction():
        table = coach.store.records(TABLE)
        if table.get(loss_id) is None:
            raise InputError("that loss is no longer recorded")
        table.update(loss_id, changes)
    return get_loss(coach, loss_id)


def off_phase_ids(library: Library, pool: str, phase: Phase | None) -> set[str]:
    """Ids of `pool` items that do not suit `phase` (steady when there is no loss)."""
    lean = Lean(phase or Phase.STEADY)
    return {i.id for i in library.pool(pool) if not lean.allows(i)}


def phase_item(library: Library, pool: str, day: date, phase: Phase) -> Item | None:
    """Today's item of `pool` for a phase: items of that phase or of any phase."""
    return library.daily(pool, day, skip=off_phase_ids(library, pool, phase))


def lean_skip(library: Library, pool: str, lean: Lean) -> set[str]:
    """Ids of `pool` items that do not suit `lean` (its phase, its reasons)."""
    return {i.id for i in library.pool(pool) if not lean.allows(i)}


ADVICE_POOL = "loss-advice"


def loss_advice(coach: Coach, loss: Loss, day: date) -> Item | None:
    """Today's advice on one loss: for its phase, and never "it may not be you" after a lapse.

    On this user's rotation (no repeats until the pool is used up, the same all day), each
    loss on its own walk, as each leans its own way. May store the walk's anchor (a small
    write, queued in the app).
    """
    return rotation.pick_for(
        coach, ADVICE_POOL, day, loss.lean(day).allows, walk=f"{ADVICE_POOL}:{loss.id}"
    )


def current_lean(coach: Coach, day: date) -> Lean:
    """How today's content leans: the latest loss's phase and reasons (steady without one)."""
    return _lean_of(most_recent(coach, day), day)


def _lean_of(loss: Loss | None, day: date) -> Lean:
    if loss is None or loss.phase(day) == Phase.STEADY:
        return Lean(Phase.STEADY)
    return loss.lean(day)


def day_lean(coach: Coach, day: date) -> Lean:
    """How `day`'s daily picks lean: as `current_lean`, but only on losses recorded before
    the day began (its rollover hour), so a loss recorded at 15:00 leaves the encouragement,
    the advice and the prompt as they were until the next day. (The first-days card, which
    is not a pick, reads `current_lean` and may appear at once.) One change is made at once:
    a loss that puts the user in their first days turns the picks gentle as soon as it is
    recorded, so no "where did you fall short" lands on the day the client left."""
    calendar = coach.calendar()
    start = day_start(day, calendar.clock.now().tzinfo or UTC, calendar.rollover_hour)
    known = [loss for loss in all_losses(coach) if loss.left <= day and loss.recorded_at < start]
    before = _lean_of(known[0] if known else None, day)
    if before.phase != Phase.FIRST_DAYS:
        now = current_lean(coach, day)
        if now.phase == Phase.FIRST_DAYS:
            return now
    return before


def leaning_skip(coach: Coach, pool: str, day: date) -> set[str]:
    """What a daily pick from `pool` should skip to lean on the latest loss's phase and reasons.

    Any feature can use it: `library.daily(pool, day, skip=leaning_skip(...) | own)`.
    """
    return lean_skip(coach.library, pool, current_lean(coach, day))


def current_phase(coach: Coach, day: date) -> Phase | None:
    """The phase of the most recent loss, or None when there is none."""
    loss = most_recent(coach, day)
    return loss.phase(day) if loss else None


def since_notes(coach: Coach, day: date) -> list[str]:
    """Today's note: how long since the most recent loss."""
    loss = most_recent(coach, day)
    return [loss.since_line(day)] if loss else []

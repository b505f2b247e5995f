"""The one live date preview: under any date field, the day what is typed means.

`DatePreview` watches an Input by id and, as the user types, shows the day
coach.core.dates.parse_day reads ("yesterday (2026-11-21)", "Tue 15 Dec
(2026-12-15)") or its honest message ("… is in the past"). The form still
checks the field itself on submit; `days()` gives what the preview shows.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from textual.content import Content
from textual.widgets import Input, Static

from coach.core.dates import Lean, parse_day
from coach.core.errors import InputError

Parse = Callable[[str], list[date]]


def preview_words(day: date, today: date) -> str:
    """A day as the preview shows it: "today (2026-11-22)", "Fri 20 Nov (2026-11-20)"."""
    near = {today: "today", today + timedelta(days=1): "tomorrow"}
    near[today - timedelta(days=1)] = "yesterday"
    label = near.get(day) or f"{day:%a} {day.day} {day:%b}" + (
        f" {day.year}" if day.year != today.year else ""
    )
    return f"{label} ({day.isoformat()})"


class DatePreview(Static):
    """The preview line under the Input `#<target>`; red while what is typed is wrong."""

    DEFAULT_CSS = """
    DatePreview {
        height: auto;
        color: $text-muted;
        &.-error { color: $error; }
    }
    """

    def __init__(
        self,
        target: str,
        today: date | Callable[[], date],
        *,
        what: str = "date",
        lean: Lean = Lean.PAST,
        parse: Parse | None = None,
        label: str = "",
        id: str | None = None,
    ) -> None:
        """`today` is a day or asks the Coach each time (a screen left open past midnight);
        `parse` reads several dates at once (door check-ins); else one day by `lean`;
        `label` goes before the day (History's "From …", where the field's own label is far)."""
        super().__init__(id=id or f"{target}-preview", classes="field-hint date-preview")
        self.target = target
        self.label = label
        self._today = today
        self.parse: Parse = parse or (
            lambda text: [parse_day(text, self.today, what=what, lean=lean)] if text.strip() else []
        )

    @property
    def today(self) -> date:
        return self._today if isinstance(self._today, date) else self._today()

    def on_mount(self) -> None:
        field = self.screen.query_one(f"#{self.target}", Input)
        self.watch(field, "value", self.show)

    def days(self, text: str) -> list[date]:
        """The days `text` means; InputError says what is wrong with it."""
        return self.parse(text)

    def show(self, text: str) -> None:
        try:
            days = self.days(text)
        except InputError as exc:
            message = str(exc)
            self.update(Content(message[:1].upper() + message[1:]))
            self.set_class(True, "-error")
            return
        self.set_class(False, "-error")
        words = ", ".join(preview_words(d, self.today) for d in days)
        self.update(Content(f"{self.label} {words}" if self.label and words else words))

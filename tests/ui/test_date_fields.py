"""Every date field previews the day it reads, live, with the same words (screens/common/date_field).

Sunday 22 November 2026 is today (the test clock).
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from coach.loss.losses import add_loss
from screens.app import CoachApp
from screens.common.date_field import DatePreview, preview_words
from screens.loss.door import DoorScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, wait_for

# (typed, what a past-leaning field shows)
PAST = [
    ("yesterday", "yesterday (2026-11-21)"),
    ("friday", "Fri 20 Nov (2026-11-20)"),
    ("2 days ago", "Fri 20 Nov (2026-11-20)"),
    ("30 nov", "Sun 30 Nov 2025 (2025-11-30)"),  # a past field: last year's 30 Nov
    ("tomorrow", "is in the future"),
    ("31 feb", "cannot read '31 feb'"),
    ("2026-02-30", "is not a real date"),
]

# (keys that open the form, the date field's id)
FIELDS = [
    (("l", "a"), "loss-left"),
    (("w",), "form-date"),
    (("h", "a"), "day"),
]


async def type_into(pilot: Pilot[int], app: CoachApp, field_id: str, text: str) -> str:
    field = app.screen.query_one(f"#{field_id}", Input)
    field.value = text
    preview = app.screen.query_one(f"#{field_id}-preview", DatePreview)
    await wait_for(pilot, lambda: preview.visual is not None, "the preview")
    await pilot.pause()
    return str(preview.render())


@pytest.mark.parametrize(("keys", "field_id"), FIELDS, ids=[f for _, f in FIELDS])
async def test_every_past_date_field_previews_the_same_way(
    app: CoachApp, keys: tuple[str, ...], field_id: str
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await wait_for(pilot, lambda: bool(app.screen.query(f"#{field_id}")), field_id)
        shown = str(app.screen.query_one(f"#{field_id}-preview", DatePreview).render())
        assert shown == "today (2026-11-22)"  # the field starts on today, and says so
        for typed, expected in PAST:
            assert expected in await type_into(pilot, app, field_id, typed), typed


async def test_door_check_ins_preview_each_date(app: CoachApp) -> None:
    assert app.coach is None
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        assert app.coach is not None
        add_loss(app.coach, "Acme", date(2026, 11, 1), ["merger"])
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DoorScreen), "the door")
        shown = await type_into(pilot, app, "door-dates", "in 2 weeks, 3 jan 2027")
        assert shown == "Sun 6 Dec (2026-12-06), Sun 3 Jan 2027 (2027-01-03)"
        shown = await type_into(pilot, app, "door-dates", "in -3 days")
        assert "cannot read 'in -3 days'" in shown
        shown = await type_into(pilot, app, "door-dates", "2026-10-01")
        assert "not after the day they left" in shown


def test_preview_words() -> None:
    today = date(2026, 11, 22)
    assert preview_words(today, today) == "today (2026-11-22)"
    assert preview_words(date(2026, 11, 23), today) == "tomorrow (2026-11-23)"
    assert preview_words(date(2027, 1, 3), today) == "Sun 3 Jan 2027 (2027-01-03)"

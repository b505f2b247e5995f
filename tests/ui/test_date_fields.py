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
from screens.customers.touch_form import TouchForm
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
        shown = await type_into(pilot, app, "door-dates", "3 jan")  # about the future
        assert shown == "Sun 3 Jan 2027 (2027-01-03)"


# (typed, what a future-leaning field shows): the touch form's follow-up
FUTURE = [
    ("tomorrow", "tomorrow (2026-11-23)"),
    ("friday", "Fri 27 Nov (2026-11-27)"),
    ("in 2 weeks", "Sun 6 Dec (2026-12-06)"),
    ("3 jan", "Sun 3 Jan 2027 (2027-01-03)"),  # a future field: next year's 3 Jan
    ("yesterday", "is in the past"),
    ("31 feb", "cannot read '31 feb'"),
    ("", ""),  # optional: nothing typed, nothing said
]


async def test_the_follow_up_field_previews_with_the_shared_preview(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        app.push_screen(TouchForm("Ann", date(2026, 11, 22)))
        await wait_for(pilot, lambda: bool(app.screen.query("#touch-when")), "the touch form")
        preview = app.screen.query_one("#touch-when", DatePreview)
        for typed, expected in FUTURE:
            app.screen.query_one("#touch-follow-up", Input).value = typed
            await wait_for(pilot, lambda: preview.visual is not None, "the preview")
            await pilot.pause()
            shown = str(preview.render())
            assert expected in shown if expected else shown == "", typed
            assert preview.has_class("-error") is (expected.startswith(("is", "cannot"))), typed


def test_preview_words() -> None:
    today = date(2026, 11, 22)
    assert preview_words(today, today) == "today (2026-11-22)"
    assert preview_words(date(2026, 11, 23), today) == "tomorrow (2026-11-23)"
    assert preview_words(date(2027, 1, 3), today) == "Sun 3 Jan 2027 (2027-01-03)"


# (typed, what History's From shows): a filter reads either way, past or future
EITHER = [
    ("yesterday", "From yesterday (2026-11-21)"),
    ("friday", "From Fri "),
    ("2026-05-02", "From Sat 2 May (2026-05-02)"),
    ("tomorrow", "From tomorrow (2026-11-23)"),
    ("31 feb", "cannot read '31 feb'"),
    ("", ""),  # no filter: nothing said
]


@pytest.mark.parametrize("field_id", ["filter-from", "filter-to"])
async def test_historys_from_and_to_preview_with_the_shared_preview(
    app: CoachApp, field_id: str
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await pilot.press("y")
        await wait_for(pilot, lambda: bool(app.screen.query(f"#{field_id}")), "History")
        label = "From" if field_id == "filter-from" else "To"
        for typed, expected in EITHER:
            shown = await type_into(pilot, app, field_id, typed)
            expected = expected.replace("From", label, 1)
            assert expected in shown if expected else shown == "", typed
            preview = app.screen.query_one(f"#{field_id}-preview", DatePreview)
            assert preview.has_class("-error") is expected.startswith("cannot"), typed

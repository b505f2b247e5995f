"""One form style: a focus ring on every field, sensible first focus, space never submits,
unticked boxes readable (screens/common/forms.py, forms.tcss, app.tcss)."""

from __future__ import annotations

from datetime import date

import pytest
from textual.color import Color
from textual.containers import Horizontal
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Label

from coach.customers.customers import CustomerFields, add_customer
from screens.app import CoachApp
from screens.challenge.help_forms import HelpForm
from screens.common.forms import FORMS_TCSS, FormScreen
from screens.customers.customer_form import FIELDS, CustomerForm
from screens.customers.touch_form import TouchForm
from screens.loss.record_loss import RecordLossScreen
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, wait_for


async def open_form(app: CoachApp, pilot: Pilot[int], *keys: str) -> FormScreen[object]:
    await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
    await wait_for(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
    screen = app.screen
    assert isinstance(screen, FormScreen)
    return screen


def ring(field: Input) -> tuple[str, Color]:
    kind, color = field.styles.border_left
    return kind, color


async def test_the_focused_field_has_a_ring_the_others_do_not(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, "l", "a")
        assert isinstance(form, RecordLossScreen)
        first, second = list(form.query(Input))[:2]
        assert form.focused is first
        assert ring(first)[0] == "outer" and ring(second)[0] == "blank"
        await pilot.press("tab")
        await settle(pilot)
        assert form.focused is second
        assert ring(second)[0] == "outer" and ring(first)[0] == "blank"


async def test_space_on_a_focused_save_does_not_submit(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, "h", "a")
        assert isinstance(form, HelpForm)
        form.query_one("#who", Input).value = "Lena"
        form.query_one("#how", Input).value = "an intro to a buyer"
        save = form.query_one(".form-save", Button)
        save.focus()
        await pilot.press("space")
        await settle(pilot)
        assert app.screen is form  # still open, nothing saved
        assert "ctrl+s" in str(save.label)  # every Save names its key
        await pilot.press("enter")  # enter on the button does press it
        await wait_for(pilot, lambda: app.screen is not form, "the form to close")


async def test_the_touch_form_opens_on_the_value_field(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        assert app.coach is not None
        add_customer(app.coach, CustomerFields("Bo Chen", "Chen Print"))
        form = await open_form(app, pilot, "c", "n")
        assert isinstance(form, TouchForm)
        assert form.focused is form.query_one("#touch-value", Input)


def luminance(color: Color) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(fore: Color, back: Color) -> float:
    """WCAG contrast ratio of text `fore` (maybe translucent) over `back`."""
    shown = back.blend(fore.with_alpha(1.0), fore.a)
    hi, lo = sorted((luminance(shown), luminance(back)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


async def test_an_unticked_box_is_readable(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_form(app, pilot, "h", "a")
        box = form.query_one("#client", Checkbox)
        assert not box.value
        style = box.get_visual_style("toggle--button")
        assert style.foreground is not None and style.background is not None
        fore = style.foreground
        back = style.background
        assert contrast(fore, back) >= 3.0, (fore, back)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
async def test_the_customer_form_has_the_one_row_style_and_fits(
    app: CoachApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        form = await open_form(app, pilot, "c", "a")
        assert isinstance(form, CustomerForm)
        loss_rows = RecordLossScreen(date(2026, 11, 22)).css_path
        assert FORMS_TCSS in loss_rows and FORMS_TCSS in form.css_path  # one style sheet
        rows = list(form.query(".form-row").results(Horizontal))
        assert len(rows) == 6
        labels = [row.query_one(".form-label", Label) for row in rows]
        fields = [row.query_one(Input) for row in rows]
        # each label beside its field, as on the record-loss form; one column of fields
        assert all(lab.region.y == f.region.y for lab, f in zip(labels, fields, strict=True))
        assert len({f.region.x for f in fields}) == 1
        assert all(f.region.x >= lab.region.right for lab, f in zip(labels, fields, strict=True))
        assert all(str(lab.render()) in {label for _, label, _ in FIELDS} for lab in labels)
        save = form.query_one(".form-save", Button)
        assert form.region.contains_region(save.region)  # nothing to scroll for at 80x24

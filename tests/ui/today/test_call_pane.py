"""Today's call step: the suggested customer, "log a touch" and "not today"."""

from __future__ import annotations

from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, Static

from coach.customers.customers import CustomerFields, add_customer, get_customer
from coach.customers.touches import history, log_touch
from coach.session import Coach
from screens.app import CoachApp
from screens.customers.touch_form import TouchForm
from screens.today.call_pane import CallPane
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, shown, text_of, wait_for


async def open_call_step(app: CoachApp, pilot: Pilot[int]) -> CallPane:
    assert isinstance(app.screen, TodayScreen)
    await pilot.press("down")
    await pilot.pause()
    return app.screen.query_one(CallPane)


async def test_log_a_touch_from_today(app: CoachApp, coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("Ann", "Acme", why="[bold red]x[/]"))
    log_touch(coach, ann.id, day=date(2026, 11, 15))  # within the 2-week rhythm: not due
    add_customer(coach, CustomerFields("Ann", "Bolt"))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_call_step(app, pilot)
        assert "Ann (Bolt)" in text_of(app, "#call-who")  # never contacted comes first
        assert "no contact logged yet" in text_of(app, "#call-who")
        await pilot.press("enter")  # focus the pane: "Log a touch"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TouchForm)
        await pilot.press(*"sent an intro")
        app.screen.query_one("#touch-follow-up", Input).value = "someday"
        await pilot.click("#touch-save")
        await pilot.pause()
        assert isinstance(app.screen, TouchForm)  # refused, with the reason shown
        assert "cannot read 'someday'" in text_of(app, "#touch-when")
        app.screen.query_one("#touch-follow-up", Input).value = "next friday"
        await pilot.pause()
        assert "Fri 27 Nov" in text_of(app, "#touch-when")
        await pilot.click("#touch-save")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.today is not None and app.screen.today.step("call").done
        assert "Next: Ann (Acme)" in text_of(app, "#call-who")
        assert "[bold red]x[/]" in text_of(app, "#call-why")  # user text shown literally
        del pane
    (touch,) = history(coach)[:1]
    assert touch.who == "Ann (Bolt)" and touch.value == "sent an intro"
    assert touch.follow_up == date(2026, 11, 27)


async def test_not_today_moves_on(app: CoachApp, coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("Ann"))
    add_customer(coach, CustomerFields("Bob"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_call_step(app, pilot)
        assert "Ann" in text_of(app, "#call-who")
        await pilot.click("#call-skip")
        await settle(pilot)
        assert "Bob" in text_of(app, "#call-who")
    skipped = get_customer(coach, ann.id)
    assert skipped is not None and skipped.snoozed_until == date(2026, 11, 23)


async def test_no_customers_yet(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_call_step(app, pilot)
        assert "Add your best customers" in text_of(app, "#call-who")
        assert app.screen.query_one("#call-log").disabled


async def test_two_enters_never_log_an_empty_touch(app: CoachApp, coach: Coach) -> None:
    add_customer(coach, CustomerFields("Ann", "Acme"))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_call_step(app, pilot)
        await pilot.press("enter")  # focus the pane: "Log a touch"
        await pilot.press("enter")  # the form opens on the value field
        await pilot.pause()
        assert isinstance(app.screen, TouchForm)
        await pilot.press("enter")  # an empty value: asked for, not saved
        await settle(pilot)
        assert isinstance(app.screen, TouchForm)
        assert "what value you added" in text_of(app, "#touch-error")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert app.screen.today is not None and not app.screen.today.step("call").done
    assert history(coach) == []


async def test_context_card_before_the_call(app: CoachApp, coach: Coach) -> None:
    from screens.customers.context_card import ContextCard

    ann = add_customer(coach, CustomerFields("Ann", "Acme", why="[bold]first[/] big order"))
    log_touch(coach, ann.id, day=date(2026, 11, 1), value="sent the article", outcome="warm")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_call_step(app, pilot)
        await pilot.press("enter")  # into the pane ("Log a touch" focused)
        await pilot.press("i")  # before the call
        await pilot.pause()
        assert isinstance(app.screen, ContextCard)
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: app.screen.query(".context-line"), "the card")
        body = "\n".join(shown(line) for line in app.screen.query(".context-line").results(Static))
        assert "7 days past your 2-week rhythm" in body
        assert "Why they matter: [bold]first[/] big order" in body  # user text literally
        assert "2026-11-01  called Ann (Acme): sent the article; warm" in body
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_every_call_button_fits_at_80x24(app: CoachApp, coach: Coach) -> None:
    add_customer(coach, CustomerFields("Ann", "Acme"))
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_call_step(app, pilot)
        row = pane.query_one(".pane-buttons")
        for button in row.query("Button"):
            assert button.region.right <= row.region.right, button.id


async def test_the_why_line_and_buttons_above_the_fold_at_80x24(
    app: CoachApp, coach: Coach
) -> None:
    """Why today against their rhythm, and every button on screen with a long reason and contacts."""
    ann = add_customer(
        coach,
        CustomerFields(
            "Ann Lee",
            "Acme Corporation",
            "+44 20 7946 0000",
            "ann@acme.example",
            why="Our first big order; she refers others to us every quarter, and more " * 3,
        ),
    )
    log_touch(coach, ann.id, day=date(2026, 11, 5))  # 17 days: 3 past a 2-week rhythm
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_call_step(app, pilot)
        who = text_of(app, "#call-who")
        assert "3 days past your 2-week rhythm" in who
        assert "last contact" not in who
        footer_top = app.screen.query_one("Footer").region.y
        visible = pane.region
        for button in pane.query(".pane-buttons Button"):
            assert visible.contains_region(button.region), button.id
            assert button.region.bottom <= footer_top, button.id

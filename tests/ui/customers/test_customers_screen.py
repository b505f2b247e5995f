"""Pilot and snapshot tests for the Customers screen, its forms, the history and the check-up."""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, DataTable, Input

from coach.customers import checkup
from coach.customers.customers import CustomerFields, add_customer, all_customers, get_customer
from coach.customers.touches import history, log_touch
from coach.routine import features
from coach.session import Coach
from screens.app import CoachApp
from screens.common.confirm import ConfirmScreen
from screens.customers.checkup import CheckupScreen
from screens.customers.customer_form import CustomerForm
from screens.customers.customer_history import CustomerHistory
from screens.customers.customers import CustomersScreen
from screens.customers.touch_form import TouchForm
from screens.today.today import TodayScreen
from tests.ui.helpers import SnapCompare, settle, text_of


def rows(app: CoachApp) -> list[list[str]]:
    table = app.screen.query_one("#customer-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def open_customers(app: CoachApp, pilot: Pilot[int]) -> CustomersScreen:
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, CustomersScreen)
    return app.screen


def seed(coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("Ann Lee", "Acme", "+44 20 7946 0000", why="first"))
    bolt = add_customer(coach, CustomerFields("Ann Lee", "Bolt & Co"))
    bob = add_customer(coach, CustomerFields("Bob Stone", "Stone & Co", notes="likes tea"))
    cara = add_customer(coach, CustomerFields("Cara Okafor", "Northwind"))
    log_touch(coach, bob.id, day=date(2026, 11, 1), follow_up=date(2026, 11, 20))
    log_touch(coach, bolt.id, day=date(2026, 10, 1), follow_up=date(2026, 12, 4))
    log_touch(coach, ann.id, day=date(2026, 9, 1))
    checkup.set_at_risk(coach, cara.id, True)


async def test_add_a_customer_with_inline_validation(app: CoachApp, coach: Coach) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_customers(app, pilot)
        assert "No best customers yet" in text_of(app, "#customer-detail")
        await pilot.press("a")
        assert isinstance(app.screen, CustomerForm)
        await pilot.press("ctrl+s")
        assert text_of(app, "#error-name") == "a name is needed"
        assert isinstance(app.screen, CustomerForm)
        await pilot.press(*"[bold red]x[/]")
        app.screen.query_one("#field-email", Input).value = "not-an-email"
        await pilot.press("ctrl+s")
        assert text_of(app, "#error-name") == ""
        assert "'not-an-email' is not an email address" in text_of(app, "#error-email")
        assert app.screen.focused is app.screen.query_one("#field-email")
        app.screen.query_one("#field-email", Input).value = "x@acme.test"
        app.screen.query_one("#field-company", Input).value = "Acme"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert rows(app) == [["[bold red]x[/]", "Acme", "never", "", "due"]]  # never reached
    (added,) = all_customers(coach)
    assert added.name == "[bold red]x[/]" and added.email == "x@acme.test"


async def test_log_a_call_from_the_list(app: CoachApp, coach: Coach) -> None:
    seed(coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customers(app, pilot)
        # sorted for the next call: at risk, gone quiet (most overdue first), then due
        assert [r[0] for r in rows(app)] == ["Cara Okafor", "Ann Lee", "Ann Lee", "Bob Stone"]
        assert [r[4] for r in rows(app)] == ["at risk", "quiet", "quiet", "due"]
        assert rows(app)[1][1] == "Acme" and rows(app)[3][3] == "due 20 Nov"
        await pilot.press("down", "down")  # Ann Lee of Bolt & Co: namesakes told apart
        await pilot.press("n")
        assert isinstance(app.screen, TouchForm)
        assert "Ann Lee (Bolt & Co)" in text_of(app, "#touch-title")
        await pilot.press(*"asked what more")
        await pilot.click("#touch-kind RadioButton:last-of-type")
        app.screen.query_one("#touch-follow-up", Input).value = "in 2 weeks"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        bolt_row = next(r for r in rows(app) if r[1] == "Bolt & Co")
        assert bolt_row[2:4] == ["today", "Sun 6 Dec"]
    bolt = next(c for c in all_customers(coach) if c.company == "Bolt & Co")
    (latest, _) = history(coach, bolt.id)
    assert (latest.kind, latest.value, latest.follow_up) == (
        "message",
        "asked what more",
        date(2026, 12, 6),
    )


async def test_sort_filter_and_history(app: CoachApp, coach: Coach) -> None:
    seed(coach)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_customers(app, pilot)
        await pilot.press("s")  # by name
        assert [r[1] for r in rows(app)] == ["Acme", "Bolt & Co", "Stone & Co", "Northwind"]
        await pilot.press("s", "s")  # by follow-up: soonest first, none last
        assert [r[1] for r in rows(app)][:2] == ["Stone & Co", "Bolt & Co"]
        await pilot.press("slash", *"tea")
        assert [r[0] for r in rows(app)] == ["Bob Stone"]
        assert "likes tea" in text_of(app, "#customer-detail")
        await pilot.press("enter")  # back to the table
        await pilot.press("enter")  # history
        await settle(pilot)
        assert isinstance(app.screen, CustomerHistory)
        assert text_of(app, "#history-summary") == "1 touch; last contact 3 weeks ago"
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("escape")  # clears the filter first
        assert len(rows(app)) == 4


async def test_archive_and_delete_keep_history(app: CoachApp, coach: Coach) -> None:
    seed(coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customers(app, pilot)
        await pilot.press("x")  # archive Cara (first row)
        await settle(pilot)
        assert [r[0] for r in rows(app)] == ["Ann Lee", "Ann Lee", "Bob Stone"]
        await pilot.press("v")
        assert rows(app)[-1][0] == "Cara Okafor" and rows(app)[-1][4] == "archived"
        await pilot.press("v")
        await pilot.press("down", "down")  # Bob Stone
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # cancel: nothing happens
        await settle(pilot)
        assert len(rows(app)) == 3
        await pilot.press("delete")
        await pilot.click("#confirm-delete")
        await settle(pilot)
        assert [r[0] for r in rows(app)] == ["Ann Lee", "Ann Lee"]
    assert "Bob Stone" not in [c.name for c in all_customers(coach)]
    assert [t.who for t in history(coach) if t.customer_name == "Bob Stone"] == [
        "Bob Stone (Stone & Co)"
    ]
    cara = next(c for c in all_customers(coach) if c.name == "Cara Okafor")
    assert cara.archived


async def test_the_checkup_flow(
    app: CoachApp, coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(coach)
    monkeypatch.setattr(features, "LESSONS", (lambda _: ["Acme left over slow replies."],))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customers(app, pilot)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, CheckupScreen)
        assert "Acme left over slow replies." in text_of(app, "#checkup-lessons")
        first = app.screen.current
        assert first is not None and first.name == "Ann Lee"
        assert "1 of 4" in text_of(app, "#checkup-who")
        await pilot.press(*"last real talk in the spring")
        app.screen.query_one("#checkup-notes", Input).value = "call this week"
        app.screen.query_one("#checkup-risk", Checkbox).value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "2 of 4" in text_of(app, "#checkup-who")
        await pilot.press("ctrl+n")  # skip the second
        await settle(pilot)
        assert "3 of 4" in text_of(app, "#checkup-who")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        assert [r[4] for r in rows(app)][:2] == ["at risk", "at risk"]
    after = get_customer(coach, first.id)
    assert after is not None and after.at_risk and after.last_checkup == date(2026, 11, 22)
    saved = checkup.last_checkup(coach, after)
    assert saved is not None and saved.notes == "call this week"
    assert list(saved.answers.values()) == ["last real talk in the spring"]


def test_customers_screen_snapshot(snap_compare: SnapCompare, coach: Coach, app: CoachApp) -> None:
    """At 80x24: an at-risk row, two gone quiet (red, $error) and one due (yellow, $warning)."""
    seed(coach)

    async def open_screen(pilot: Pilot[int]) -> None:
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_screen)


async def test_edit_and_mark_at_risk(app: CoachApp, coach: Coach) -> None:
    seed(coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customers(app, pilot)
        await pilot.press("down")  # Ann Lee of Acme
        await pilot.press("e")
        assert isinstance(app.screen, CustomerForm)
        assert app.screen.query_one("#field-company", Input).value == "Acme"
        app.screen.query_one("#field-name", Input).value = ""
        await pilot.press("ctrl+s")
        assert text_of(app, "#error-name") == "a name is needed"
        app.screen.query_one("#field-name", Input).value = "Ann Lee-Park"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert rows(app)[1][:3] == ["Ann Lee-Park", "Acme", "2 months ago"]
        await pilot.press("exclamation_mark")
        await settle(pilot)
        # both at risk now: the never-contacted one still comes first
        assert [(r[0], r[4]) for r in rows(app)][:2] == [
            ("Cara Okafor", "at risk"),
            ("Ann Lee-Park", "at risk"),
        ]
    ann = next(c for c in all_customers(coach) if c.company == "Acme")
    assert ann.name == "Ann Lee-Park" and ann.at_risk
    assert [t.customer_id for t in history(coach, ann.id)] == [ann.id]  # history untouched


async def test_escape_with_an_empty_filter_goes_back_to_today(app: CoachApp, coach: Coach) -> None:
    """The bug mypy found: `run_action` was never awaited, so escape did nothing here."""
    seed(coach)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_customers(app, pilot)
        await pilot.press("slash", *"bob")
        await pilot.press("escape")  # first escape clears the filter and leaves the field
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        assert app.screen.query_one("#customer-filter", Input).value == ""
        await pilot.press("escape")  # the filter is empty now: back to Today
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_history_shows_what_you_wrote_in_full(
    app: CoachApp, coach: Coach, size: tuple[int, int]
) -> None:
    value = "checked in about the renewal and sent the article on onboarding [b]x[/b]"
    outcome = "warm, she mentioned a colleague at Northwind who might need us in spring"
    ann = add_customer(coach, CustomerFields("Ann Lee", "Acme"))
    log_touch(coach, ann.id, day=date(2026, 11, 2), value="first call", outcome="short")
    log_touch(
        coach,
        ann.id,
        day=date(2026, 11, 9),
        value=value,
        outcome=outcome,
        follow_up=date(2026, 12, 4),
    )
    async with app.run_test(size=size) as pilot:
        await open_customers(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerHistory)
        table = app.screen.query_one("#history-table", DataTable)
        assert "4 Dec 2026" in [str(c) for c in table.get_row_at(0)]  # the follow-up column
        detail = text_of(app, "#history-detail")
        assert value in detail and outcome in detail  # whole, and literal
        assert "Friday 4 December 2026" in detail
        await pilot.press("down")
        await pilot.pause()
        assert "first call" in text_of(app, "#history-detail")

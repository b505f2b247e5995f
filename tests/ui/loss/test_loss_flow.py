"""Pilot flow: record a loss, post-mortem (interrupted, resumed), close, letter, door."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, SelectionList, Static, TextArea

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.loss import postmortem
from coach.loss.letters import letter_for
from coach.loss.losses import add_loss, all_losses, get_loss
from screens.app import CoachApp, make_app
from screens.common.confirm import ConfirmScreen
from screens.common.save_file import SaveFileScreen
from screens.loss.close import CloseScreen
from screens.loss.door import DoorScreen
from screens.loss.letter import GOES_NOWHERE, LetterScreen
from screens.loss.loss import LossScreen
from screens.loss.postmortem import PostmortemScreen
from tests.conftest import Reopen
from tests.ui.helpers import SnapCompare, settle, wait_for


def area(app: CoachApp, selector: str) -> TextArea:
    return app.screen.query_one(selector, TextArea)


async def test_record_postmortem_close_letter(
    reopen: Reopen, data_dir: Path, clock: FixedClock, library: Library, tmp_path: Path
) -> None:
    app = make_app(data_dir, clock=clock, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        # record
        await pilot.press("l", "a")
        form = app.screen
        form.query_one("#loss-client", Input).value = "Acme"
        form.query_one("#loss-left", Input).value = "2026-11-18"
        form.query_one("#loss-reasons", SelectionList).select("communication")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)

        # post-mortem: facts, then feelings in their own field
        await pilot.press("m")
        assert isinstance(app.screen, PostmortemScreen)
        assert app.screen.step == "facts"
        await pilot.press(*"They left")
        await pilot.press("ctrl+n")
        assert app.screen.step == "feelings"
        assert area(app, "#pm-answer").text == ""
        await pilot.press(*"Stung")
        await pilot.press("escape")  # interrupted: leave mid-way
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)
        assert "2 of 8 steps written" in str(app.screen.query_one("#loss-rows", Static).render())

    # a new session resumes where the user left off
    app = make_app(data_dir, clock=clock, library=library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "m")
        screen = app.screen
        assert isinstance(screen, PostmortemScreen)
        assert screen.step == "feelings"
        assert area(app, "#pm-answer").text == "Stung"
        await pilot.press("ctrl+b")
        assert area(app, "#pm-answer").text == "They left"
        for _ in range(5):
            await pilot.press("ctrl+n")
        assert screen.step == "questions"
        questions = str(screen.query_one("#pm-questions", Static).render())
        for item in postmortem.questions_for(library, ("communication",)):
            assert item.text in questions
        await pilot.press(*"Why?")
        await pilot.press("ctrl+o")
        assert "1. " in app.clipboard and "Why?" in app.clipboard
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, SaveFileScreen)
        target = tmp_path / "questions.txt"
        app.screen.query_one("#savefile-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PostmortemScreen)
        assert target.read_text(encoding="utf-8") == app.clipboard
        await pilot.press("ctrl+n", "ctrl+n")
        assert screen.step == "lessons"
        await pilot.press(*"Call monthly")
        await pilot.press("ctrl+n")  # finish
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)

        # close it graciously
        await pilot.press("g")
        assert isinstance(app.screen, CloseScreen)
        await pilot.press("space", "down", "space")
        note = area(app, "#close-note")
        assert note.text.startswith("Dear Acme,") or "Acme" in note.text.splitlines()[0]
        note.load_text("Dear Acme, thank you for four good years.")
        await pilot.press("ctrl+s", "ctrl+o")
        assert app.clipboard == "Dear Acme, thank you for four good years."
        await settle(pilot)
        await pilot.press("escape")

        # the unsent letter
        await pilot.press("u")
        assert isinstance(app.screen, LetterScreen)
        assert GOES_NOWHERE in str(app.screen.query_one("#letter-nowhere", Static).render())
        await pilot.press(*"Unheard")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert "kept, private" in str(app.screen.query_one("#loss-rows", Static).render())

    coach = reopen()
    [loss] = all_losses(coach)
    assert loss.postmortem["facts"] == "They left"
    assert loss.postmortem["feelings"] == "Stung"
    assert loss.postmortem["questions"] == "Why?"
    assert postmortem.lessons(coach) == ["Call monthly (from Acme)"]
    assert len(loss.close_ticks) == 2
    assert loss.thank_you == "Dear Acme, thank you for four good years."
    letter = letter_for(coach, loss.id)
    assert letter is not None and letter.text == "Unheard"


async def test_autosave_keeps_an_answer_without_leaving(reopen: Reopen, app: CoachApp) -> None:
    loss = add_loss(reopen(), "Acme", date(2026, 11, 1), ["price"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "m")
        await pilot.press(*"Quiet")
        await pilot.pause(1.3)  # typing stopped: the step saves itself
        await settle(pilot)
        coach = reopen()
        assert get_loss(coach, loss.id).postmortem == {"facts": "Quiet"}
        assert str(app.screen.query_one("#pm-state", Static).render()) == "saved"


async def test_let_it_go_asks_then_deletes(reopen: Reopen, app: CoachApp) -> None:
    coach = reopen()
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["price"])
    from coach.loss.letters import save_letter

    save_letter(coach, loss.id, "Words for Quentin only")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "u")
        assert area(app, "#letter-text").text == "Words for Quentin only"
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep it after all
        assert isinstance(app.screen, LetterScreen)
        await pilot.press(
            "ctrl+l", "tab", "enter"
        )  # focus starts on "Keep it": move to "Let it go"
        await settle(pilot)
        assert isinstance(app.screen, LetterScreen)
        assert area(app, "#letter-text").text == ""
    assert b"Quentin" not in coach.store.main_path.read_bytes()


async def test_door_checkins_edit_and_tick(reopen: Reopen, app: CoachApp) -> None:
    coach = reopen()
    loss = add_loss(coach, "Acme", date(2026, 8, 22), ["merger"])  # first check-in today
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert "check in now" in str(app.screen.query_one("#loss-rows", Static).render())
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DoorScreen)
        assert "due now" in str(screen.query_one("#door-checkins", Static).render())
        await pilot.press("ctrl+t")
        await settle(pilot)
        dates = screen.query_one("#door-dates", Input)
        dates.value = "2026-07-01"
        await pilot.press("ctrl+s")
        assert "not after the day they left" in str(
            screen.query_one("#door-error", Static).render()
        )
        dates.value = "2026-11-22, 2027-01-10"
        screen.query_one("#door-policy", TextArea).load_text("Same rates, fresh start.")
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = get_loss(coach, loss.id)
    assert stored.checkins == (date(2026, 11, 22), date(2027, 1, 10))
    assert stored.checkins_done == (date(2026, 11, 22),)
    assert stored.return_policy == "Same rates, fresh start."


def test_postmortem_screen_snapshot(
    app: CoachApp, reopen: Reopen, snap_compare: SnapCompare
) -> None:
    coach = reopen()
    loss = add_loss(coach, "Acme Ltd", date(2026, 11, 17), ["acquisition", "communication"])
    postmortem.save_answer(coach, loss.id, "facts", "The email came on Tuesday.")
    postmortem.save_answer(coach, loss.id, "feelings", "Stung, then oddly relieved.")
    postmortem.set_position(coach, loss.id, "questions")

    async def open_postmortem(pilot: Pilot[int]) -> None:
        await pilot.press("l", "m")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_postmortem)


async def test_nothing_typed_is_lost_when_leaving_by_another_key_or_quitting(
    reopen: Reopen, app: CoachApp
) -> None:
    coach = reopen()
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["price"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "u")
        await wait_for(pilot, lambda: isinstance(app.screen, LetterScreen), "the letter")
        await pilot.press(*"Gone")
        app.action_go("today")  # straight home, as the palette does
        await settle(pilot)
        await pilot.press("l", "m")  # keys typed before the page is up go to the Loss screen
        await wait_for(pilot, lambda: isinstance(app.screen, PostmortemScreen), "the post-mortem")
        await pilot.press(*"Facts")
        await pilot.press("ctrl+q")  # quit before the autosave fires
    coach = reopen()
    letter = letter_for(coach, loss.id)
    assert letter is not None and letter.text == "Gone"
    assert get_loss(coach, loss.id).postmortem == {"facts": "Facts"}


async def test_close_and_door_keep_edits_made_before_escape(reopen: Reopen, app: CoachApp) -> None:
    coach = reopen()
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["price"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "g", "escape")  # an untouched draft is not saved
        await settle(pilot)
        assert get_loss(coach, loss.id).thank_you == ""
        await pilot.press("g", "tab", *"Hi", "escape")
        await settle(pilot)
        assert get_loss(coach, loss.id).thank_you.startswith("Hi")
        await pilot.press("d")
        app.screen.query_one("#door-dates", Input).value = "2026-10-01"
        await pilot.press("escape")  # a bad date: the screen stays and says why
        assert isinstance(app.screen, DoorScreen)
        app.screen.query_one("#door-dates", Input).value = "2027-03-01"
        app.screen.query_one("#door-policy", TextArea).load_text("A call first.")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LossScreen)
    stored = get_loss(coach, loss.id)
    assert stored.checkins == (date(2027, 3, 1),)
    assert stored.return_policy == "A call first."


async def test_lessons_show_in_the_customer_checkup(reopen: Reopen, app: CoachApp) -> None:
    from coach.customers.customers import CustomerFields, add_customer
    from screens.customers.checkup import CheckupScreen

    coach = reopen()
    add_customer(coach, CustomerFields("Ann Lee"))
    loss = add_loss(coach, "Acme", date(2026, 11, 1), ["communication"])
    postmortem.save_answer(coach, loss.id, "lessons", "Reply within a day")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CheckupScreen())
        await settle(pilot)
        lessons = str(app.screen.query_one("#checkup-lessons", Static).render())
        assert "Reply within a day (from Acme)" in lessons

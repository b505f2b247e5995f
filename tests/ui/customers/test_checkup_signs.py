"""Pilot: signs missed before a loss are rules on the check-up, flagging the customers showing them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import SelectionList

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.core.signs import WarningSign
from coach.customers.customers import CustomerFields, add_customer, get_customer
from coach.customers.touches import log_touch
from coach.loss import postmortem
from coach.loss.losses import add_loss
from coach.routine.features import wire
from coach.session import open_coach
from screens.app import make_app
from screens.customers.checkup import CheckupScreen
from tests.ui.helpers import settle, text_of


async def test_checkup_flags_a_customer_with_no_touch_in_30_days(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    later = FixedClock(clock.now() + timedelta(days=40))  # the clock the app runs on
    today = later.now().date()
    coach = wire(open_coach(data_dir, clock=later, library=library))
    ann = add_customer(coach, CustomerFields("Ann Lee"))
    bob = add_customer(coach, CustomerFields("Bob Stone"))
    log_touch(coach, ann.id, day=today - timedelta(days=31))
    log_touch(coach, bob.id, day=today - timedelta(days=29))
    loss = add_loss(coach, "Acme", today - timedelta(days=20), ["communication"])
    postmortem.set_missed_signs(coach, loss.id, ["went-quiet", "complaints"])

    app = make_app(data_dir, clock=later, library=library)
    app.BACKUP_DELAY = 3600
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(CheckupScreen())
        await settle(pilot)
        rules = text_of(app, "#checkup-rules")
        assert "Went quiet for weeks (missed with Acme): no touch in 30 days" in rules
        assert "Ann Lee (no touch in 31 days)" in rules
        assert "Bob Stone" not in rules
        assert "Complaints (missed with Acme): ticked at the check-up" in rules
        screen = app.screen
        assert isinstance(screen, CheckupScreen)
        assert screen.current is not None and screen.current.id == ann.id
        assert "went quiet for weeks (no touch in 31 days)" in text_of(app, "#checkup-who")
        # coach cannot see complaints in the logs: the check-up asks
        signs = screen.query_one("#checkup-signs", SelectionList)
        assert [signs.get_option_at_index(i).value for i in range(signs.option_count)] == [
            "complaints"
        ]
        signs.select("complaints")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.current is not None and screen.current.id == bob.id
        assert "went quiet" not in text_of(app, "#checkup-who")
        assert not signs.selected  # Bob starts unticked
    seen = get_customer(coach, ann.id)
    assert seen is not None and seen.signs_seen == (WarningSign.COMPLAINTS,)

"""Warning signs missed before a loss become check-up rules that flag the right customers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.core.errors import InputError
from coach.core.signs import WarningSign
from coach.customers.checkup import save_checkup
from coach.customers.customers import CustomerFields, add_customer, set_archived
from coach.customers.touches import log_touch
from coach.loss.losses import add_loss, get_loss
from coach.loss.postmortem import missed_signs, set_missed_signs
from coach.routine.features import checkup_warnings
from coach.session import Coach

TODAY = date(2026, 11, 22)


def test_signs_are_kept_with_the_loss(coach: Coach) -> None:
    loss = add_loss(coach, "Globex", date(2026, 11, 1), ["price"])
    set_missed_signs(coach, loss.id, ["went-quiet", "Complaints", "went-quiet"])
    assert get_loss(coach, loss.id).missed_signs == (
        WarningSign.WENT_QUIET,
        WarningSign.COMPLAINTS,
    )
    with pytest.raises(InputError, match="unknown warning sign 'gossip' \\(valid: went-quiet"):
        set_missed_signs(coach, loss.id, ["gossip"])
    assert missed_signs(coach) == [
        (WarningSign.WENT_QUIET, "Globex"),
        (WarningSign.COMPLAINTS, "Globex"),
    ]


def test_rules_flag_the_right_customers(coach: Coach) -> None:
    quiet = add_customer(coach, CustomerFields("Quiet"))
    fresh = add_customer(coach, CustomerFields("Fresh"))
    moaner = add_customer(coach, CustomerFields("Moaner"))
    gone = add_customer(coach, CustomerFields("Archived"))
    add_customer(coach, CustomerFields("Never"))
    log_touch(coach, quiet.id, day=TODAY - timedelta(days=30))
    log_touch(coach, fresh.id, day=TODAY - timedelta(days=29))
    log_touch(coach, moaner.id, day=TODAY - timedelta(days=2))
    log_touch(coach, gone.id, day=date(2026, 1, 1))
    set_archived(coach, gone.id)
    save_checkup(
        coach, moaner.id, answers={}, at_risk=False, day=TODAY - timedelta(days=1),
        signs_seen=[WarningSign.COMPLAINTS, WarningSign.COMPETITOR],
    )  # fmt: skip
    save_checkup(  # the payments sign was seen, but no loss taught it: no rule
        coach, fresh.id, answers={}, at_risk=False, signs_seen=[WarningSign.SLOW_PAYMENTS]
    )
    assert checkup_warnings(coach, TODAY) == []  # no post-mortem named a sign yet
    loss = add_loss(coach, "Globex", date(2026, 11, 1), ["price"])
    set_missed_signs(coach, loss.id, ["went-quiet", "complaints"])
    flags = [(f.customer.name, f.sign, f.evidence) for f in checkup_warnings(coach, TODAY)]
    assert flags == [
        ("Quiet", WarningSign.WENT_QUIET, "no touch in 30 days"),
        ("Moaner", WarningSign.COMPLAINTS, "noted at the check-up on 2026-11-21"),
        ("Never", WarningSign.WENT_QUIET, "no touch logged yet"),
    ]
    line = checkup_warnings(coach, TODAY)[0].line
    assert line == "Quiet: went quiet for weeks (no touch in 30 days); missed with Globex"
    # a new check-up without the sign clears it
    save_checkup(coach, moaner.id, answers={}, at_risk=False)
    assert [f.customer.name for f in checkup_warnings(coach, TODAY)] == ["Quiet", "Never"]

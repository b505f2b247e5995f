"""Where two screens used to answer the same question two ways, they now share one answer."""

from __future__ import annotations

from datetime import timedelta

from coach.days.steps import StepId
from coach.progress.progress import build_progress
from coach.routine import features
from coach.routine.status import status
from coach.routine.today import build_today, set_done
from coach.session import Coach
from coach.walk.walks import log_walk


def test_two_losses_on_one_day_are_named_alike_by_today_and_progress(coach: Coach) -> None:
    left = (coach.today() - timedelta(days=3)).isoformat()
    with coach.store.transaction():
        table = coach.store.records("losses")
        # "b" is recorded first, "a" a day later: the later record is the latest loss,
        # though its id sorts first and it comes last in the file.
        table.insert(
            {
                "id": "b",
                "client": "Bo Ltd",
                "left": left,
                "reasons": ["price"],
                "recorded_at": "2026-11-19T09:00:00+00:00",
            }
        )
        table.insert(
            {
                "id": "a",
                "client": "Acme",
                "left": left,
                "reasons": ["price"],
                "recorded_at": "2026-11-20T09:00:00+00:00",
            }
        )
    today = build_today(coach)
    progress = build_progress(coach)
    assert "day 3 since Acme left" in today.notes
    assert progress.recovery is not None and progress.recovery.client == "Acme"


def test_a_step_is_done_alike_for_today_status_and_progress(coach: Coach) -> None:
    day = coach.today()
    log_walk(coach, day, 20)  # logged: the walk is done
    set_done(coach, day, "help")  # ticked by hand: the help step is done
    expected = {StepId.WALK: True, StepId.CALL: False, StepId.HELP: True, StepId.REFLECT: False}
    assert features.done_steps(coach, day) == expected
    assert {s.id: s.done for s in build_today(coach).steps} == expected
    assert status(coach).done == expected
    assert {s: features.step_done(coach, day, s) for s in StepId} == expected
    marks = build_progress(coach)
    assert dict(marks.heatmap)[day] == "partial"

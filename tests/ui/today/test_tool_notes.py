"""Today shows the tools' optional notes under the encouragement: talk to one of your
people (days 0-13 after a loss) and this week's skills refresh; the steps stay four."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.loss import tools
from coach.loss.losses import add_loss
from coach.routine.features import wire
from coach.session import open_coach
from screens.app import make_app
from screens.today.today import TodayScreen
from tests.ui.helpers import settle, text_of, wait_for


async def test_today_shows_talk_to_someone_and_this_weeks_skills(
    data_dir: Path, clock: FixedClock, library: Library
) -> None:
    coach = wire(open_coach(data_dir, clock=clock, library=library))
    add_loss(coach, "Acme", coach.today() - timedelta(days=5), ["service"])
    tools.set_people(coach, "Sam: my old mentor\nPriya")
    app = make_app(data_dir, clock=clock, library=library)
    app.BACKUP_DELAY = 3600  # no daily backup mid-test (see tests/ui/conftest.py)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen) and screen.today is not None
        assert screen.query_one("#notes").display
        notes = text_of(app, "#notes")
        assert "day 5 since Acme left" in notes
        assert "Talk to someone who encourages you: " in notes
        assert "Sam" in notes and "Priya" in notes and "my old mentor" not in notes
        assert "This week: " in notes
        assert len(screen.today.steps) == 4 and screen.today.done_count == 0

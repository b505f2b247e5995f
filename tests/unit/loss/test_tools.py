"""The tools the articles suggest: every one renders, its content has sources, your people
are checked, the skills refresh walks one a week, and `coach tools` prints and saves them."""

from __future__ import annotations

import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.content.library import TOOL_POOLS
from coach.core.errors import InputError
from coach.loss import tools
from coach.loss.losses import REASONS, add_loss
from coach.session import Coach
from tests.cli_helpers import run

DAY = date(2026, 11, 22)


def test_every_tool_item_has_an_article_and_an_advice_id(coach: Coach) -> None:
    lib = coach.library
    for pool in TOOL_POOLS:
        items = lib.pool(pool)
        assert items, f"no items in {pool}"
        for item in items:
            assert item.sources and all(s in lib.sources for s in item.sources), item.id
            assert item.advice and all(a in lib.advice_ids for a in item.advice), item.id
            assert item.origin.endswith("tools.toml"), item.id


@pytest.mark.parametrize("tool_id", tools.TOOL_IDS)
def test_every_tool_renders_for_a_loss(coach: Coach, tool_id: str) -> None:
    loss = add_loss(coach, "Acme {x}", DAY - timedelta(days=4), ["price"])
    text = tools.render(coach, tool_id, loss, DAY)
    assert text.strip() and "{client}" not in text
    if tools.tool(tool_id).needs_loss:
        assert "Acme {x}" in text  # filled in literally, braces and all
    assert tools.sources_of(coach.library, tool_id, loss)


def test_loss_tools_need_a_loss_and_say_so(coach: Coach) -> None:
    with pytest.raises(InputError, match="record one first"):
        tools.render(coach, "meeting", None, DAY)
    with pytest.raises(InputError, match="there is no tool 'nope'"):
        tools.tool("nope")


@pytest.mark.parametrize("reason", list(REASONS))
def test_the_questionnaire_asks_open_questions_for_each_reason(coach: Coach, reason: str) -> None:
    own = [q for q in coach.library.pool("client-question") if q.reason == reason]
    assert len(own) >= 2
    closed = ("Did ", "Was ", "Were ", "Would you ", "Could you ", "Is ", "Do ", "Are ")
    assert not [q.id for q in own if q.text.startswith(closed)]


def test_the_check_in_messages_carry_the_loss_dates(coach: Coach) -> None:
    loss = add_loss(coach, "Acme", DAY, ["merger"])
    text = tools.checkin_messages(coach.library, loss)
    for due in loss.checkins:
        assert due.isoformat() in text
    assert text.index("At 3 months") < text.index("At 6 months") < text.index("At 12 months")


def test_your_people_are_checked_and_kept(coach: Coach) -> None:
    assert "add one name" in tools.talk_to_someone(coach, DAY)
    kept = tools.set_people(coach, "- Ann: always straight with me\n\nBob\nBob\n")
    assert kept == ["Ann: always straight with me", "Bob"]
    assert tools.people(coach) == kept
    text = tools.talk_to_someone(coach, DAY)
    assert "- Ann: always straight with me" in text and "reach out today" in text
    with pytest.raises(InputError, match="12 people at most"):
        tools.set_people(coach, "\n".join(f"P{n}" for n in range(13)))
    with pytest.raises(InputError, match="person 2 is 81 characters"):
        tools.set_people(coach, "Ann\n" + "x" * 81)
    assert tools.people(coach) == kept  # a refused list changes nothing


def test_the_skills_refresh_is_one_a_week_without_repeats(coach: Coach) -> None:
    pool = coach.library.pool("skills-refresh")
    start = coach.today()
    weeks = [tools.skills_suggestion(coach, start + timedelta(weeks=n)) for n in range(len(pool))]
    assert len({w.id for w in weeks if w}) == len(pool)  # every one before any comes back
    same_week = tools.skills_suggestion(coach, start + timedelta(days=6))
    assert same_week == weeks[0]  # the same all week
    assert tools.skills_suggestion(coach, start + timedelta(weeks=len(pool))) == weeks[0]


def test_the_first_days_card_is_feel_walk_talk(coach: Coach) -> None:
    titles = [i.title for i in tools.first_days_card(coach.library)]
    assert titles == ["Feel it", "Walk", "Talk"]


@pytest.fixture
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")


@pytest.mark.usefixtures("pinned_now")
def test_coach_tools_lists_shows_and_saves(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "tools")
    assert code == 0 and all(t in out for t in tools.TOOL_IDS)
    code, _, err = run(capsys, "tools", "show", "questionnaire")
    assert code != 0 and "record one first" in err and "Traceback" not in err
    assert run(capsys, "loss", "add", "Acme", "--reason", "service")[0] == 0
    code, out, _ = run(capsys, "tools", "show", "questionnaire")
    assert code == 0 and out.startswith("A few questions for Acme") and "— Losing A Client" in out
    target = tmp_path / "out" / "meeting.txt"
    code, _, err = run(capsys, "tools", "show", "meeting", "--output", str(target))
    assert code != 0 and "does not exist" in err  # a missing folder is named, not made
    target.parent.mkdir()
    code, out, _ = run(capsys, "tools", "show", "meeting", "-o", str(target))
    assert code == 0 and str(target) in out
    assert target.read_text().startswith("The post-break-up meeting with Acme")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    code, _, err = run(capsys, "tools", "show", "skills", "--loss", "Acme")
    assert code != 0 and "--loss goes with" in err
    code, _, err = run(capsys, "tools", "show", "nope")
    assert code == 2 and "invalid choice" in err


@pytest.mark.usefixtures("pinned_now")
def test_coach_tools_people(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "tools", "people")
    assert code == 0 and "empty" in out
    code, out, _ = run(capsys, "tools", "people", "Ann: mentor", "Bob")
    assert code == 0 and "2" in out
    code, out, _ = run(capsys, "tools", "people")
    assert out.splitlines() == ["- Ann: mentor", "- Bob"]
    code, _, err = run(capsys, "tools", "people", "x" * 90)
    assert code != 0 and "keep each line under 80" in err
    code, out, _ = run(capsys, "tools", "people", "--clear")
    assert code == 0 and "empty" in out


@pytest.mark.usefixtures("pinned_now")
@pytest.mark.parametrize(("left", "card"), [("2026-11-22", True), ("2026-11-19", False)])
def test_coach_today_shows_the_first_days_card_on_days_0_to_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, left: str, card: bool
) -> None:
    assert run(capsys, "loss", "add", "Acme", "--reason", "price", "--date", left)[0] == 0
    code, out, _ = run(capsys, "today")
    assert code == 0
    assert ("The first days. Go gently:" in out) is card
    assert ("Walk · Twenty minutes outside" in out) is card


@pytest.mark.usefixtures("pinned_now")
@pytest.mark.parametrize(("left", "card"), [("2026-11-22", True), ("2026-11-19", False)])
def test_coach_today_json_has_the_first_days_card_on_days_0_to_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path, left: str, card: bool
) -> None:
    assert run(capsys, "loss", "add", "Acme", "--reason", "price", "--date", left)[0] == 0
    code, out, _ = run(capsys, "today", "--json")
    assert code == 0
    payload = json.loads(out)
    assert any("Acme left" in note for note in payload["notes"])
    if not card:
        assert payload["first_days"] is None
        return
    titles = [line["title"] for line in payload["first_days"]]
    assert "Walk" in titles and all(
        line["text"] and line["source"] for line in payload["first_days"]
    )

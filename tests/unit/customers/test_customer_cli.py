"""`coach customer` and `coach call` from the shell: output, and clear errors with exit 2."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest

from coach.cli import main
from coach.customers.touches import history
from coach.routine.reminders import due_now
from coach.session import Coach, open_coach
from tests.cli_helpers import run


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T09:00:00+00:00")


def test_add_list_and_call(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, "customer", "add", "Ann Lee", "--company", "Acme", "--why", "first")[0] == 0
    assert run(capsys, "customer", "add", "Bob", "--email", "bob@x.io")[0] == 0
    code, out, _ = run(
        capsys, "call", "ann lee", "--kind", "meeting", "--value", "an intro", "--note", "warm",
        "--follow-up", "in 2 weeks",
    )  # fmt: skip
    assert code == 0
    assert out.splitlines() == [
        "Logged: met Ann Lee: an intro; warm.",
        "Follow up Sun 6 Dec (2026-12-06).",
    ]
    code, out, _ = run(capsys, "customer", "list", "--json")
    listed = {c["name"]: c for c in json.loads(out)}
    assert listed["Ann Lee"]["last_contact"] == "2026-11-22"
    assert listed["Ann Lee"]["follow_up"] == "2026-12-06"
    assert listed["Bob"]["last_contact"] is None and listed["Bob"]["email"] == "bob@x.io"
    code, out, _ = run(capsys, "customer", "list")
    assert "Ann Lee [ok]  (last contact: today; follow up Sun 6 Dec)" in out
    assert "Bob [due]  (last contact: never)" in out


def test_ambiguous_name_lists_candidates_and_exits_2(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "customer", "add", "Ann", "--company", "Acme")
    run(capsys, "customer", "add", "Ann", "--company", "Bolt")
    code, out, err = run(capsys, "call", "Ann")
    assert code == 2 and out == ""
    assert err.strip() == 'coach: "Ann" could be 2 customers: "Ann (Acme)", "Ann (Bolt)"; say which'
    code, _, err = run(capsys, "call", "Zed")
    assert code == 2 and 'no customer is called "Zed"' in err and '"Ann (Bolt)"' in err
    code, out, _ = run(capsys, "call", "Ann (Bolt)")
    assert code == 0 and out == "Logged: called Ann (Bolt).\n"


def test_bad_values_are_one_line_errors(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    clock,
    library,
) -> None:
    run(capsys, "customer", "add", "Ann")
    code, _, err = run(capsys, "call", "Ann", "--follow-up", "someday")
    assert code == 2 and err.count("\n") == 1 and "'someday'" in err
    code, _, err = run(capsys, "customer", "add", "Cy", "--email", "nope")
    assert code == 2 and "email: 'nope' is not an email address" in err
    with pytest.raises(SystemExit) as info:
        main(["call", "Ann", "--kind", "fax"])
    assert info.value.code == 2
    coach = open_coach(data_dir, clock=clock, library=library)
    assert history(coach) == []  # nothing was logged by the failed calls


def test_archive_and_delete_keep_touches(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    clock,
    library,
) -> None:
    run(capsys, "customer", "add", "Ann")
    run(capsys, "call", "Ann", "--value", "sent notes")
    assert run(capsys, "customer", "archive", "Ann")[0] == 0
    assert run(capsys, "customer", "list")[1].startswith("No best customers yet")
    assert "[archived]" in run(capsys, "customer", "list", "--all")[1]
    code, _, err = run(capsys, "call", "Ann")
    assert code == 2
    assert run(capsys, "customer", "delete", "Ann", "--yes")[0] == 0
    assert run(capsys, "customer", "history")[1] == "2026-11-22  called Ann: sent notes\n"
    assert json.loads(run(capsys, "customer", "history", "--json")[1])[0]["customer"] == "Ann"
    coach = open_coach(data_dir, clock=clock, library=library)
    assert [t.who for t in history(coach)] == ["Ann"]


def test_due_follow_ups_in_remind(coach: Coach) -> None:
    from datetime import date

    from coach.customers.customers import CustomerFields, add_customer
    from coach.customers.touches import log_touch

    ann = add_customer(coach, CustomerFields("Ann", "Acme"))
    add_customer(coach, CustomerFields("Bob"))
    log_touch(coach, ann.id, day=date(2026, 11, 1), follow_up=date(2026, 11, 20))
    due = due_now(coach)
    assert [(d.kind, d.text) for d in due if d.kind == "follow-up"] == [
        ("follow-up", "Follow up with Ann (overdue since Fri 20 Nov)")
    ]


def test_cadence_snooze_list_and_context(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "customer", "add", "Ann", "--every", "1w", "--at-most", "2w")
    assert (code, out) == (0, "Added Ann (every 1 week, at most 2 weeks).\n")
    assert run(capsys, "customer", "add", "Bob", "--why", "first big order")[0] == 0
    assert run(capsys, "call", "bob", "--value", "sent the article", "--note", "warm")[0] == 0
    code, out, _ = run(capsys, "customer", "edit", "bob", "--every", "monthly")
    assert (code, out) == (0, "Saved Bob (every 1 month, at most 4 weeks).\n")
    code, out, _ = run(capsys, "customer", "list", "--json")
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["Ann"] | {} == rows["Ann"]
    assert (rows["Ann"]["every"], rows["Ann"]["at_most"], rows["Ann"]["state"]) == (
        "1w",
        "2w",
        "due",
    )
    assert rows["Bob"]["every"] == "1m" and rows["Bob"]["at_most"] == "28d"
    assert rows["Bob"]["last_touch"] == "2026-11-22" and rows["Bob"]["next_due"] == "2026-12-22"
    assert rows["Bob"]["state"] == "ok"
    code, out, _ = run(capsys, "customer", "snooze", "ann", "--until", "in 3 weeks")
    assert code == 0 and "until Sun 13 Dec (2026-12-13)" in out and "No contact was logged" in out
    rows = {r["name"]: r for r in json.loads(run(capsys, "customer", "list", "--json")[1])}
    assert rows["Ann"]["state"] == "snoozed" and rows["Ann"]["last_touch"] is None
    assert run(capsys, "customer", "snooze", "ann", "--clear")[0] == 0
    rows = {r["name"]: r for r in json.loads(run(capsys, "customer", "list", "--json")[1])}
    assert rows["Ann"]["state"] == "due" and rows["Ann"]["snoozed_until"] is None
    code, out, _ = run(capsys, "customer", "context", "bob", "--json")
    card = json.loads(out)
    assert card["why_they_matter"] == "first big order"
    assert card["last_touches"] == [
        {"date": "2026-11-22", "kind": "call", "value": "sent the article", "how_it_went": "warm"}
    ]
    assert card["why_now"] == "due in 30 days (1-month rhythm)"
    assert card["lessons"] == [] and card["warning_signs"] == []
    code, out, _ = run(capsys, "customer", "context", "bob")
    assert code == 0 and "Why they matter: first big order" in out
    assert "2026-11-22  called Bob: sent the article; warm" in out


def test_context_shows_lessons_and_warning_signs(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    from datetime import date, datetime

    from coach.core.clock import FixedClock
    from coach.loss.losses import add_loss
    from coach.loss.postmortem import save_answer, set_missed_signs

    assert run(capsys, "customer", "add", "Ann")[0] == 0
    coach = open_coach(data_dir, clock=FixedClock(datetime(2026, 11, 22, 9, tzinfo=UTC)))
    loss = add_loss(coach, "Globex", date(2026, 11, 1), ["price"])
    set_missed_signs(coach, loss.id, ["went-quiet"])
    save_answer(coach, loss.id, "lessons", "ask about budgets early")
    code, out, _ = run(capsys, "customer", "context", "Ann", "--json")
    card = json.loads(out)
    assert card["lessons"] == ["ask about budgets early (from Globex)"]
    assert card["warning_signs"] == [
        "Ann: went quiet for weeks (no touch logged yet); missed with Globex"
    ]
    out = run(capsys, "customer", "context", "Ann")[1]
    assert "  ! Ann: went quiet for weeks (no touch logged yet); missed with Globex" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("customer", "add", "Cy", "--every", "soon"), "--every: cannot read 'soon'"),
        (("customer", "add", "Cy", "--every", "4w", "--at-most", "1w"), "shorter than the rhythm"),
        (("customer", "edit", "Ann", "--at-most", "2x"), "--at-most: cannot read '2x'"),
        (("customer", "snooze", "Ann", "--until", "yesterday"), "--until: 'yesterday'"),
        (("customer", "snooze", "Ann", "--until", "today"), "snooze until a later day"),
        (("customer", "snooze", "Zed", "--until", "friday"), 'no customer is called "Zed"'),
    ],
)
def test_cadence_errors_are_clear(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: tuple[str, ...], message: str
) -> None:
    assert run(capsys, "customer", "add", "Ann")[0] == 0
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err
    names = [r["name"] for r in json.loads(run(capsys, "customer", "list", "--json")[1])]
    assert names == ["Ann"]  # a refused add leaves nothing behind


def test_remind_lists_who_went_quiet(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-10-01T12:00:00+00:00")
    assert run(capsys, "customer", "add", "Ann", "--every", "1w", "--at-most", "2w")[0] == 0
    assert run(capsys, "call", "Ann")[0] == 0
    monkeypatch.setenv("COACH_NOW", "2026-11-22T12:00:00+00:00")
    code, out, _ = run(capsys, "remind")
    assert code == 3
    assert "coach: Ann: gone quiet: 38 days past your 2-week maximum" in out.splitlines()

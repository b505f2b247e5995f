"""A wrong system clock never stops a command (issue 13, section 3): data written
while the clock said 1970 or 2100 reads fine once it is right again, and the other
way round; a pinned time coach cannot count from is refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main

RIGHT = "2026-11-22T08:30:00"
WRITES = [
    ("walk", "--minutes", "5"),
    ("reflect", "--free", "--text", "hi"),
    ("helped", "X", "--how", "y"),
    ("rest",),
    ("customer", "add", "Zed"),
    ("call", "Zed", "--note", "x", "--follow-up", "friday"),
    ("loss", "add", "Beta", "--reason", "price"),
    ("backup",),
]
READS = [
    ("today",),
    ("journal",),
    ("customer", "list"),
    ("customer", "history"),
    ("loss", "list"),
    ("loss", "show", "Beta"),
    ("challenge",),
    ("walk",),
    ("status",),
    ("remind",),
    ("doctor",),
    ("export",),
    ("reflect",),
    ("backup", "--list"),
    *WRITES[:4],
]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("1970-01-01T00:00:00", RIGHT),
        ("2100-06-01T12:00:00", RIGHT),
        (RIGHT, "1970-01-01T00:00:00"),
        (RIGHT, "2100-06-01T12:00:00"),
    ],
)
def test_a_wrong_clock_never_stops_a_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    first: str,
    then: str,
) -> None:
    folder = tmp_path / "data"
    monkeypatch.setenv("COACH_NOW", first)
    for argv in WRITES:
        assert main(["--data-dir", str(folder), *argv]) == 0, argv
    monkeypatch.setenv("COACH_NOW", then)
    for argv in READS:
        code = main(["--data-dir", str(folder), *argv])
        # doctor says 1 when the newest backup is "from the future"; remind 3 when due
        assert code in (0, 1, 3), argv
        assert code == 0 or argv[0] in ("doctor", "remind"), (argv, capsys.readouterr())


@pytest.mark.parametrize("pinned", ["9999-12-31T23:00:00", "0001-01-01T00:30:00"])
def test_a_time_coach_cannot_count_from_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], pinned: str
) -> None:
    monkeypatch.setenv("COACH_NOW", pinned)
    assert main(["--data-dir", str(tmp_path / "data"), "today"]) == 2
    assert "between the years" in capsys.readouterr().err

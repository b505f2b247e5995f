"""Long commands show a progress bar on stderr when it is a terminal, and nothing when piped."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from coach.cli import main
from coach.journal.reflections import save_reflection
from coach.session import Coach
from tests.cli_helpers import run


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def history(coach: Coach) -> Coach:
    for month in range(1, 13):
        save_reflection(coach, date(2025, month, 10), f"called Ann {month}", None)
    return coach


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["export", "--format", "markdown"],
        ["journal"],
        ["journal", "--search", "ann"],
        ["journal", "--json"],
    ],
)
def test_piped_commands_print_no_progress(
    history: Coach, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 0 and "Ann" in out
    assert err == ""


@pytest.mark.parametrize(
    "argv, label", [(["export"], "Exporting"), (["journal", "--json"], "Searching")]
)
def test_on_a_terminal_a_bar_is_drawn_on_stderr_and_stdout_stays_clean(
    history: Coach,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    label: str,
) -> None:
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(argv) == 0
    drawn = terminal.getvalue()
    assert label in drawn and "12/12" in drawn
    assert drawn.endswith("\x1b[2K")  # and wiped when done
    data = json.loads(capsys.readouterr().out)  # the bar never reaches stdout
    assert data


def test_the_model_reports_progress_without_rich() -> None:
    import subprocess

    code = (
        "import sys, io; from coach.data import stream; from coach.journal import search; "
        "assert 'rich' not in sys.modules, sorted(m for m in sys.modules if 'rich' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def _backup_and_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[str, str]:
    assert run(capsys, "backup")[0] == 0
    backup = run(capsys, "backup", "--list")[1].split()[-1]
    export = tmp_path / "all.json"
    assert run(capsys, "export", "--output", str(export))[0] == 0
    return backup, str(export)


LONG_COMMANDS = {
    "backup": (["backup"], "Backing up"),
    "restore": (["restore", "{backup}", "--yes"], "Restoring"),
    "import": (["import", "{export}"], "Importing"),
    "doctor": (["doctor"], "Checking"),
}


@pytest.mark.parametrize("which", sorted(LONG_COMMANDS))
def test_long_commands_draw_a_bar_only_on_a_terminal(
    history: Coach,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    which: str,
) -> None:
    backup, export = _backup_and_export(capsys, tmp_path)
    argv, label = LONG_COMMANDS[which]
    argv = [a.format(backup=backup, export=export) for a in argv]
    code, _, err = run(capsys, *argv)
    assert code in (0, 1)  # doctor exits 1 on a problem; none of its lines are a bar
    assert label not in err and "\x1b" not in err
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    main(argv)
    assert label in terminal.getvalue()

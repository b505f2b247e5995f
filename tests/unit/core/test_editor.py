"""Long text in your own editor: a fake $EDITOR script edits a private temp file that is then gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.cli import main
from coach.core.editor import EditorError, edit_text, editor_command
from coach.journal.reflections import reflections_on
from coach.session import Coach


def fake_editor(tmp_path: Path, body: str) -> Path:
    """A tiny shell script standing in for the user's editor; `$1` is the file to edit."""
    script = tmp_path / "fake-editor"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o700)
    return script


def test_round_trip_through_a_private_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = tmp_path / "seen"
    script = fake_editor(
        tmp_path,
        f'stat -c "%a %n" "$1" "$(dirname "$1")" > "{seen}"\n'
        f'cat "$1" > "{seen}.before"\n'
        'printf "Today I called Bo.\\nIt went well. #calls\\n" > "$1"',
    )
    monkeypatch.setenv("EDITOR", str(script))
    text = edit_text("a draft")
    assert text == "Today I called Bo.\nIt went well. #calls\n"
    assert (tmp_path / "seen.before").read_text() == "a draft"
    file_line, folder_line = seen.read_text().splitlines()
    assert file_line.startswith("600 ") and folder_line.startswith("700 ")
    assert not Path(file_line.split(" ", 1)[1]).parent.exists()  # removed after


def test_visual_wins_and_options_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "nano")
    monkeypatch.setenv("VISUAL", "code --wait")
    assert editor_command() == ["code", "--wait"]
    script = fake_editor(tmp_path, 'printf "%s" "$1" > /dev/null; printf "from visual" > "$2"')
    monkeypatch.setenv("VISUAL", f"{script} --flag")
    assert edit_text() == "from visual"


def test_no_editor_a_missing_one_and_a_failing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(EditorError, match=r"set \$VISUAL or \$EDITOR"):
        edit_text("x")
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    with pytest.raises(EditorError, match="was not found"):
        edit_text("x")
    monkeypatch.setenv("EDITOR", str(fake_editor(tmp_path, 'echo changed > "$1"; exit 3')))
    with pytest.raises(EditorError, match="exited with code 3: nothing was kept"):
        edit_text("x")


def test_cli_reflect_edit_saves_what_the_editor_wrote(
    coach: Coach,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    monkeypatch.setenv(
        "EDITOR", str(fake_editor(tmp_path, 'printf "Walked and felt lighter." > "$1"'))
    )
    assert main(["reflect", "--edit", "--mood", "4"]) == 0
    assert "Saved your reflection" in capsys.readouterr().out
    (entry,) = reflections_on(coach, coach.today())
    assert entry.text == "Walked and felt lighter." and entry.mood == 4


def test_cli_reflect_edit_with_nothing_written_saves_nothing(
    coach: Coach,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    monkeypatch.setenv("EDITOR", str(fake_editor(tmp_path, ': > "$1"')))
    assert main(["reflect", "--edit"]) == 0
    assert "nothing was saved" in capsys.readouterr().out
    assert reflections_on(coach, coach.today()) == []
    monkeypatch.delenv("EDITOR")
    assert main(["reflect", "--edit"]) == 1
    err = capsys.readouterr().err
    assert "set $VISUAL or $EDITOR" in err and "Traceback" not in err

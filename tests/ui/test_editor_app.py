"""ctrl+e in a long text field opens your own editor (a fake $EDITOR script) and reads it back."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from screens.app import CoachApp
from screens.journal.reflect import ReflectScreen
from tests.ui.helpers import wait_for


def fake_editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-editor"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o700)
    return str(script)


async def test_ctrl_e_writes_the_reflection_in_your_editor(
    app: CoachApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "seen"
    monkeypatch.setenv(
        "EDITOR",
        fake_editor(
            tmp_path, f'cat "$1" > "{seen}"; printf "started here\\nand went on\\n" > "$1"'
        ),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "3")  # the mood, then the text has focus
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea), "the text")
        await pilot.press(*"started")
        await pilot.press("ctrl+e")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text == "started here\nand went on"
        assert seen.read_text() == "started"  # the editor got what was typed
        assert isinstance(app.screen, ReflectScreen) and app.focused is area


async def test_ctrl_e_without_an_editor_says_so_and_keeps_the_text(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r", "3")
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea), "the text")
        await pilot.press(*"kept")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "kept"
        assert any("set $VISUAL or $EDITOR" in str(n.message) for n in app._notifications)


async def test_ctrl_e_in_a_one_line_field_still_goes_to_the_end(app: CoachApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "3")
        tags = app.screen.query_one("#reflect-tags", Input)
        tags.focus()
        await pilot.press(*"abc", "home", "ctrl+e", "x")
        assert tags.value == "abcx"

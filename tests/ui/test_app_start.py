"""`coach` with no command: what stops the app before it takes over the terminal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.cli import main
from coach.core import paths
from screens.app import CoachApp


def test_broken_built_in_content_stops_the_app_before_it_starts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(paths.builtin_content_dir(), content)
    (content / "prompts.toml").write_text('[[items]]\nid = "p"\npool = "prompt"\n')
    monkeypatch.setattr(paths, "builtin_content_dir", lambda: content)

    def no_terminal(self: CoachApp) -> None:
        raise AssertionError("the app must not start")

    monkeypatch.setattr(CoachApp, "run", no_terminal)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert f"{content / 'prompts.toml'}, line 1" in err

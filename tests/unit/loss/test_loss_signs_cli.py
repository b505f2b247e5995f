"""`coach loss signs NAME --sign ID ...`: keep the warning signs missed before a loss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.core.signs import WarningSign
from coach.loss.losses import find_loss
from coach.session import open_coach
from tests.cli_helpers import run


@pytest.fixture(autouse=True)
def pinned_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")


def test_set_show_and_clear_signs(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, "loss", "add", "Acme", "--reason", "service")[0] == 0
    code, out, _ = run(capsys, "loss", "signs", "Acme")
    assert code == 0 and "No warning signs kept as missed with Acme." in out
    code, out, _ = run(
        capsys, "loss", "signs", "acme", "--sign", "Went-Quiet", "--sign", "competitor"
    )
    assert code == 0
    assert "went-quiet: went quiet for weeks" in out and "competitor: a competitor" in out
    stored = find_loss(open_coach(data_dir), "Acme").missed_signs
    assert stored == (WarningSign.WENT_QUIET, WarningSign.COMPETITOR)
    code, out, _ = run(capsys, "loss", "show", "Acme", "--json")
    assert json.loads(out)["missed_signs"] == ["went-quiet", "competitor"]
    code, out, _ = run(capsys, "loss", "signs", "Acme", "--clear", "--json")
    assert code == 0 and json.loads(out) == {"client": "Acme", "missed_signs": []}
    assert find_loss(open_coach(data_dir), "Acme").missed_signs == ()


def test_a_bad_sign_is_named_and_nothing_changes(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "loss", "add", "Acme", "--reason", "service")
    run(capsys, "loss", "signs", "Acme", "--sign", "complaints")
    code, out, err = run(capsys, "loss", "signs", "Acme", "--sign", "ghosted")
    assert code != 0 and "Traceback" not in err
    assert "unknown warning sign 'ghosted'" in err and "went-quiet" in err
    assert find_loss(open_coach(data_dir), "Acme").missed_signs == (WarningSign.COMPLAINTS,)
    code, _, err = run(capsys, "loss", "signs", "Acme", "--sign", "complaints", "--clear")
    assert code != 0 and "--clear or --sign, not both" in err

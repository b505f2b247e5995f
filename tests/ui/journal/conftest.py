"""Fixtures for the journal's Pilot tests."""

from __future__ import annotations

import pytest

from screens.common import drafting


@pytest.fixture
def quick_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts save soon after typing: `drafts_saved()` waits for them.

    A module takes it with `pytestmark = pytest.mark.usefixtures("quick_drafts")`.
    """
    monkeypatch.setattr(drafting, "DELAY", 0.05)

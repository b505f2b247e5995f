"""The app on an encrypted folder: opened with its passphrase; without one it exits, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.store import Store, crypto
from coach.store.rekey import rekey
from screens.app import make_app

MARKER = "quartz-zebra private words"


@pytest.fixture
def encrypted(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    store = Store(data_dir)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": MARKER})
    rekey(data_dir, None, crypto.Cipher("pw"))
    return data_dir


async def test_the_app_opens_an_encrypted_folder_with_its_passphrase(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    app = make_app(encrypted, clock=clock, library=library)
    app.passphrase = crypto.unlock(encrypted, "pw")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.coach is not None and app.coach.store.encrypted
        assert app.screen.__class__.__name__ == "TodayScreen"


@pytest.mark.parametrize("passphrase", [None, "wrong"])
async def test_without_the_passphrase_the_app_exits_with_a_message(
    encrypted: Path, clock: FixedClock, library: Library, passphrase: str | None
) -> None:
    app = make_app(encrypted, clock=clock, library=library)
    app.passphrase = passphrase
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = [str(r) for r in app._exit_renderables]  # what Textual prints after the app
    assert app.return_code == 1
    assert app.coach is None
    expected = "is encrypted: give its passphrase" if passphrase is None else "wrong passphrase"
    assert len(said) == 1 and said[0].startswith("coach: ") and expected in said[0], said

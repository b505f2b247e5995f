"""The app on an encrypted folder: opened with its passphrase; without one the unlock
screen asks for it (right, wrong, quit, remember); a wrong one given exits, no traceback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Static

from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.store import Store, crypto
from coach.store.rekey import rekey
from screens.app import CoachApp, make_app
from screens.common.unlock import UnlockScreen
from tests.faults.helpers import snapshot
from tests.ui.helpers import wait_for
from tests.unit.store import fake_keyring

MARKER = "quartz-zebra private words"


@pytest.fixture
def encrypted(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)  # the folder records it: a cheap unlock
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    store = Store(data_dir)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": MARKER})
    rekey(data_dir, None, crypto.Cipher("pw"))
    return data_dir


def _app(folder: Path, clock: FixedClock, library: Library) -> CoachApp:
    app = make_app(folder, clock=clock, library=library)
    app.BACKUP_DELAY = 3600  # the folder stays as the test made it
    return app


async def test_the_app_opens_an_encrypted_folder_with_its_passphrase(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    app = _app(encrypted, clock, library)
    app.passphrase = crypto.unlock(encrypted, "pw")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.coach is not None and app.coach.store.encrypted
        assert app.screen.__class__.__name__ == "TodayScreen"


async def test_a_wrong_passphrase_given_exits_with_a_message(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    app = _app(encrypted, clock, library)
    app.passphrase = "wrong"  # $COACH_PASSPHRASE, or a keyring's stale one
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said = [str(r) for r in app._exit_renderables]  # what Textual prints after the app
    assert app.return_code == 1
    assert app.coach is None
    assert len(said) == 1 and said[0].startswith("coach: ") and "wrong passphrase" in said[0]


async def _type_passphrase(pilot: Pilot[int], app: CoachApp, text: str) -> None:
    await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), "the unlock screen")
    field = app.screen.query_one("#unlock-passphrase", Input)
    await wait_for(pilot, lambda: field.has_focus and not field.disabled, "the passphrase field")
    await pilot.press(*text, "enter")


async def at_today(pilot: Pilot[int], app: CoachApp) -> None:
    """Today has opened and mounted its panes (quitting mid-mount is another matter)."""
    await wait_for(pilot, lambda: type(app.screen).__name__ == "TodayScreen", "Today")
    await wait_for(pilot, lambda: app.screen.query("#walk-start"), "Today's panes")


def _message(app: CoachApp) -> str:
    return str(app.screen.query_one("#unlock-message", Static).content)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_with_no_passphrase_known_the_unlock_screen_opens_the_data(
    encrypted: Path, clock: FixedClock, library: Library, size: tuple[int, int]
) -> None:
    app = _app(encrypted, clock, library)
    async with app.run_test(size=size) as pilot:
        await _type_passphrase(pilot, app, "pw")
        await at_today(pilot, app)
        assert app.coach is not None and app.coach.store.encrypted
        assert not any(isinstance(s, UnlockScreen) for s in app.screen_stack)
        assert "pw" not in [w.value for w in app.screen.query(Input)]


async def test_a_wrong_passphrase_says_so_writes_nothing_and_asks_again(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    before = snapshot(encrypted)
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_passphrase(pilot, app, "nope")
        await wait_for(pilot, lambda: "Wrong passphrase" in _message(app), "the wrong message")
        assert app.screen.query_one("#unlock-passphrase", Input).value == ""
        assert app.coach is None
        assert snapshot(encrypted) == before
        await _type_passphrase(pilot, app, "pw")  # the right one still opens it
        await at_today(pilot, app)


async def test_an_empty_passphrase_is_not_tried(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_passphrase(pilot, app, "")
        assert "Type the passphrase first" in _message(app)
        assert app.screen.query_one("#unlock-passphrase", Input).disabled is False
        assert app.coach is None


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_the_unlock_screen_quits_without_touching_the_data(
    encrypted: Path, clock: FixedClock, library: Library, key: str
) -> None:
    before = snapshot(encrypted)
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), "the unlock screen")
        await pilot.press(key)
        await wait_for(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.return_code == 0 and app.coach is None
    assert snapshot(encrypted) == before


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> Iterator[fake_keyring.MemoryKeyring]:
    yield from fake_keyring.install(monkeypatch)


async def test_the_remember_box_keeps_the_passphrase_so_the_next_open_does_not_ask(
    encrypted: Path, clock: FixedClock, library: Library, keyring: fake_keyring.MemoryKeyring
) -> None:
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_passphrase(pilot, app, "")  # focus is in the field
        await pilot.press("tab", "space")  # tick "Remember it in the system keyring"
        assert app.screen.query_one("#unlock-remember", Checkbox).value is True
        await pilot.press("shift+tab", "p", "w", "enter")
        await at_today(pilot, app)
    assert list(keyring.kept.values()) == ["pw"]
    again = _app(encrypted, clock, library)
    async with again.run_test(size=(80, 24)) as pilot:
        await at_today(pilot, again)
        assert not any(isinstance(s, UnlockScreen) for s in again.screen_stack)


async def test_without_a_keyring_no_remember_box_is_offered(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), "the unlock screen")
        assert not app.screen.query("#unlock-remember")


async def test_the_keys_screen_and_destinations_do_nothing_harmful_while_locked(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), "the unlock screen")
        await pilot.press("f1")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "KeysScreen", "the keys")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), "the unlock screen")
        app.action_go("journal")  # the palette's "Open ..." while locked: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and app.coach is None
        await _type_passphrase(pilot, app, "pw")
        await at_today(pilot, app)


async def test_the_key_is_derived_off_the_ui_thread(
    encrypted: Path, clock: FixedClock, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While scrypt runs (held here until the test lets it go) the screen still answers."""
    release = threading.Event()
    derive = crypto._derive
    threads: list[str] = []

    def held(*args: object) -> bytes:
        threads.append(threading.current_thread().name)
        release.wait(timeout=30)
        return derive(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(crypto, "_derive", held)
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_passphrase(pilot, app, "pw")
        await wait_for(pilot, lambda: threads, "scrypt to start")
        field = app.screen.query_one("#unlock-passphrase", Input)
        await wait_for(pilot, lambda: "Checking" in _message(app), "the checking message")
        assert field.disabled and app.coach is None  # the UI answered while scrypt waits
        await pilot.pause()
        release.set()
        await at_today(pilot, app)
    assert threads[0] != threading.main_thread().name and len(threads) == 1


async def test_an_out_of_date_passphrase_in_the_keyring_asks_and_replaces_it(
    encrypted: Path, clock: FixedClock, library: Library, keyring: fake_keyring.MemoryKeyring
) -> None:
    crypto.remember(encrypted, "the old one")  # changed on the other machine since
    app = _app(encrypted, clock, library)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), "the unlock screen")
        text = str(app.screen.query_one("#unlock-text", Static).content)
        assert "no longer opens this data" in text
        assert app.screen.query_one("#unlock-remember", Checkbox).value is True
        await _type_passphrase(pilot, app, "pw")
        await at_today(pilot, app)
    assert list(keyring.kept.values()) == ["pw"]


def test_the_cli_leaves_an_out_of_date_keyring_passphrase_to_the_unlock_screen(
    encrypted: Path, keyring: fake_keyring.MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.cli import unlocked

    crypto.remember(encrypted, "the old one")
    assert unlocked(encrypted) is None  # the app asks, saying why
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "wrong")
    with pytest.raises(crypto.WrongPassphrase):
        unlocked(encrypted)  # a wrong $COACH_PASSPHRASE is the user's to fix: exit 1
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "pw")
    assert unlocked(encrypted) is not None


def test_the_unlock_screen_at_80x24(
    snap_compare,
    encrypted: Path,
    clock: FixedClock,
    library: Library,
    keyring: fake_keyring.MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Calm and readable: what it is, one field, the keys (the folder under ~: stable)."""
    monkeypatch.setenv("HOME", str(encrypted.parent))
    app = _app(encrypted, clock, library)

    async def locked(pilot: Pilot[int]) -> None:
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen), "the unlock screen")
        field = app.screen.query_one("#unlock-passphrase", Input)
        await wait_for(pilot, lambda: field.has_focus, "the passphrase field")
        await pilot.press(*"pw-typed", "tab")  # typed (shown as dots), then on the box
        await pilot.press("shift+tab")

    assert snap_compare(app, terminal_size=(80, 24), run_before=locked)


async def test_a_damaged_encrypted_folder_restores_its_backup_with_the_passphrase_given(
    encrypted: Path, clock: FixedClock, library: Library
) -> None:
    """$COACH_PASSPHRASE (a string, not yet a Cipher) and a damaged file: the error screen
    still reads the sealed backups, finds the good one and restores it."""
    from coach.session import open_coach
    from coach.store.backup import make_backup
    from screens.common.confirm import ConfirmScreen
    from screens.shell.error import LOOKING, NO_BACKUP, DataErrorScreen
    from screens.today.today import TodayScreen
    from tests.ui.helpers import shown

    made = make_backup(encrypted, clock.now(), "manual")
    (encrypted / "coach.json").write_bytes(b"not sealed, not json")
    app = _app(encrypted, clock, library)
    app.passphrase = "pw"
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DataErrorScreen), "the error screen")
        line = lambda: shown(app.screen.query_one("#error-backup", Static))  # noqa: E731
        await wait_for(pilot, lambda: line() != LOOKING, "the look for a backup")
        assert line() != NO_BACKUP and made.path.name in line()
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "are you sure")
        await pilot.press("shift+tab", "enter")  # Restore
        await wait_for(pilot, lambda: isinstance(app.screen, TodayScreen), "Today, opened again")
        await pilot.press("ctrl+q")
    coach = open_coach(encrypted, clock=clock, library=library, passphrase="pw")
    assert MARKER in (coach.store.records("customers").get("c1") or {}).get("name", "")

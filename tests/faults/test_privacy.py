"""Privacy: the data folder is 0700, every file in it 0600, and coach never opens a socket."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from coach.cli import main
from coach.content.library import Library
from coach.core.clock import FixedClock
from coach.routine import today as routine
from coach.session import open_coach
from screens.app import make_app
from screens.today.today import TodayScreen
from tests.ui.helpers import saves_done

NETWORK = (socket.AF_INET, socket.AF_INET6)


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail any attempt to make a network socket or look up a host; record attempts."""
    attempts: list[str] = []
    real = socket.socket

    class GuardedSocket(real):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family in (-1, *NETWORK) and kwargs.get("fileno") is None and len(args) < 3:
                attempts.append(f"socket({family!r})")
                raise NetworkUsed(f"coach tried to open a network socket ({family!r})")
            super().__init__(family, *args, **kwargs)

    def refuse(name: str):
        def refused(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args!r}")
            raise NetworkUsed(f"coach tried socket.{name}")

        return refused

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def modes(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): stat.S_IMODE(p.stat().st_mode)
        for p in [folder, *folder.rglob("*")]
    }


def assert_private(folder: Path) -> None:
    found = modes(folder)
    assert len(found) > 2
    for name, mode in found.items():
        is_dir = (folder / name).is_dir()
        assert mode == (0o700 if is_dir else 0o600), f"{name} is {mode:o}"


def test_the_cli_keeps_files_private_and_offline(
    tmp_path: Path, no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00")
    old = os.umask(0o022)  # a usual umask: coach must not rely on a strict one
    try:
        for argv in (
            ["today"],
            ["today", "--json"],
            ["walk", "--help"],
        ):
            try:
                code = main(["--data-dir", str(folder), *argv])
            except SystemExit as exc:  # --help
                code = int(exc.code or 0)
            assert code == 0, argv
        coach = open_coach(folder)
        routine.set_done(coach, coach.today(), "walk")
        assert main(["--data-dir", str(folder), "backup"]) == 0
    finally:
        os.umask(old)
    assert_private(folder)
    assert no_network == []


async def test_the_app_keeps_files_private_and_offline(
    data_dir: Path, clock: FixedClock, library: Library, no_network: list[str]
) -> None:
    old = os.umask(0o022)
    try:
        app = make_app(data_dir, clock=clock, library=library)
        async with app.run_test(size=(80, 24)) as pilot:
            assert isinstance(app.screen, TodayScreen)
            await pilot.press("space")  # tick a step: a save
            await saves_done(pilot)  # never drain() on the UI thread: a save's callback needs it
            app.screen.select_step("reflect")
            await pilot.pause()
            app.screen.query_one("#pane-reflect").focus_first()  # type: ignore[attr-defined]
            await pilot.press(*"private words", "ctrl+s")
            await saves_done(pilot)
            await pilot.pause()
            await pilot.press("ctrl+q")
    finally:
        os.umask(old)
    assert_private(data_dir)
    assert no_network == []


def test_the_guard_catches_a_socket(no_network: list[str]) -> None:
    """The guard itself works: a test that cannot fail is a defect."""
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))
    assert len(no_network) == 2

"""A daily backup written in plain JSON by a machine that had not yet seen the encryption
turned on, brought into the encrypted folder's backups/ by the sync tool: doctor names it
(without the key), the next open with the passphrase encrypts it in place, atomically."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.store import Store, backup, crypto
from coach.store.backup import list_backups, make_backup, plain_backups, read_backup
from coach.store.rekey import rekey
from coach.store.storage import plaintext
from tests.cli_helpers import run
from tests.unit.store.test_encryption import every_byte

SECRET = "wombat-5813 written on the laptop"
NOW = datetime(2026, 11, 22, 7, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    monkeypatch.setenv("COACH_NOW", "2026-11-22T08:30:00+00:00")
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr("coach.cli.encrypt.ask", lambda prompt: None)  # no terminal


def synced_plain_backup(tmp_path: Path) -> tuple[Path, Path]:
    """The data folder, encrypted with "pw", and the plain daily zip the laptop synced in."""
    here = tmp_path / "data"
    store = Store(here)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": SECRET})
    laptop = tmp_path / "laptop"
    shutil.copytree(here, laptop)
    rekey(here, None, crypto.Cipher("pw"))
    made = make_backup(laptop, NOW, "daily")  # the laptop has not seen the encryption
    target = here / "backups" / made.path.name
    target.parent.mkdir(mode=0o700, exist_ok=True)
    shutil.copy2(made.path, target)
    return here, target


def contents(path: Path, cipher: crypto.Cipher) -> dict[str, bytes]:
    return {n: plaintext(path, raw, cipher) for n, raw in read_backup(path, cipher).items()}


def secret_in(folder: Path) -> list[str]:
    return [n for n, raw in every_byte(folder).items() if SECRET.encode() in raw]


def test_doctor_names_it_even_locked_and_the_next_open_encrypts_it_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    here, zipped = synced_plain_backup(tmp_path)
    assert [b.path for b in plain_backups(here)] == [zipped]
    assert secret_in(here) == [f"backups/{zipped.name}!coach.json"]
    code, out, _ = run(capsys, "doctor")  # locked: no passphrase anywhere
    assert code == 1
    assert f"PROBLEM  backups/{zipped.name}: written unencrypted" in out
    cipher = crypto.unlock(here, "pw")
    before, mtime = contents(zipped, cipher), zipped.stat().st_mtime_ns
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "pw")
    code, _, err = run(capsys, "customer", "list")  # any command: today's backup, then this
    assert code == 0, err
    assert plain_backups(here) == [] and secret_in(here) == []
    assert zipped.is_file() and zipped.stat().st_mtime_ns == mtime  # same name, same time
    assert contents(zipped, cipher) == before  # the same data, now under the key
    assert "written unencrypted" not in run(capsys, "doctor")[1]
    assert [p.name for p in (here / "backups").iterdir() if p.name.endswith(".tmp")] == []


def test_a_failure_while_sealing_leaves_the_zip_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, zipped = synced_plain_backup(tmp_path)
    raw = zipped.read_bytes()
    cipher = crypto.unlock(here, "pw")

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", full_disk)
    assert backup.seal_plain_backups(here, cipher) == []
    assert zipped.read_bytes() == raw  # untouched, and no temp left beside it
    assert sorted(p.name for p in (here / "backups").iterdir()) == [zipped.name]
    monkeypatch.undo()
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    assert [b.path for b in backup.seal_plain_backups(here, cipher)] == [zipped]
    assert backup.seal_plain_backups(here, cipher) == []  # done once: nothing more to do


def test_a_zip_this_key_cannot_read_is_left_as_it_is(tmp_path: Path) -> None:
    here, zipped = synced_plain_backup(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(tmp_path / "laptop", other, ignore=shutil.ignore_patterns("backups"))
    rekey(other, None, crypto.Cipher("theirs"))
    theirs = make_backup(other, NOW.replace(hour=6), "manual")
    with backup.zipfile.ZipFile(theirs.path) as a, backup.zipfile.ZipFile(zipped) as b:
        assert crypto.sealed(a.read("coach.json")) and not crypto.sealed(b.read("coach.json"))
    mixed = here / "backups" / theirs.path.name
    shutil.copy2(theirs.path, mixed)
    cipher = crypto.unlock(here, "pw")
    assert [b.path for b in backup.seal_plain_backups(here, cipher)] == [zipped]
    assert mixed.read_bytes() == theirs.path.read_bytes()  # another key's: not touched
    assert {b.path for b in list_backups(here)} == {zipped, mixed}
    assert os.stat(zipped).st_mode & 0o777 == 0o600

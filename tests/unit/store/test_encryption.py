"""Encryption at rest: every feature on encrypted data, nothing readable on disk, the switch."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

from coach.session import open_coach
from coach.store import Store, crypto
from coach.store.backup import data_files, list_backups
from coach.store.dump import dump
from tests.cli_helpers import run

NOW = "2026-11-22T08:30:00+00:00"
MARKER = "zebra-quartz-7391 my private lesson"  # a reflection that must never be on disk
PASS = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fast_and_headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap scrypt (the format records it), no system keyring, a pinned clock."""
    monkeypatch.setattr(crypto, "DEFAULT_LOG_N", 10)
    monkeypatch.setenv(crypto.KEYRING_ENV, "0")
    monkeypatch.setenv("COACH_NOW", NOW)
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv(crypto.NEW_PASSPHRASE_ENV, raising=False)


def every_byte(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, zip members unpacked (so compression hides nothing)."""
    out: dict[str, bytes] = {}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        raw = path.read_bytes()
        out[name] = raw
        if zipfile.is_zipfile(io.BytesIO(raw)):
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                for member in archive.namelist():
                    out[f"{name}!{member}"] = archive.read(member)
    return out


def leaks(folder: Path, text: str) -> list[str]:
    needle = text.encode()
    return [name for name, raw in every_byte(folder).items() if needle in raw]


def fill(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """Use features through the CLI: walk, reflection, customer, call, loss, help, rest."""
    for argv in (
        ("walk", "--minutes", "25", "--note", "park"),
        ("reflect", "--text", MARKER, "--mood", "3", "--tag", "lessons"),
        ("reflect", "--free", "--text", "an older entry", "--date", "2026-10-03"),
        ("customer", "add", "Ann Example"),
        ("rest", "--date", "2026-11-20"),
        ("backup",),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, out, err)


def encrypted(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder used through the CLI, then encrypted; $COACH_PASSPHRASE left set."""
    fill(capsys, data_dir)
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, PASS)
    assert run(capsys, "encrypt", "--enable")[0] == 0


def public_dump(folder: Path) -> dict[str, Any]:
    return dump(Store(folder, os.environ.get(crypto.PASSPHRASE_ENV)))


def test_encrypt_use_everything_decrypt_gives_the_same_data(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(capsys, data_dir)
    assert leaks(data_dir, MARKER), "the test must see the marker in plain data"
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, PASS)
    code, out, err = run(capsys, "encrypt", "--enable")
    assert code == 0, err
    assert "cannot be recovered" in out
    assert leaks(data_dir, MARKER) == []
    assert (data_dir / crypto.MARKER).exists()
    for name in data_files(data_dir):
        assert crypto.sealed((data_dir / name).read_bytes()), name
    # every feature still works on the encrypted folder
    for argv in (
        ("walk", "--minutes", "10", "--date", "yesterday"),
        ("reflect", "--free", "--text", "zebra-quartz-7391 again", "--date", "2026-11-21"),
        ("call", "--help"),
        ("backup",),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
    code, out, err = run(capsys, "journal", "--search", "zebra-quartz")
    assert code == 0 and "my private lesson" in out and "again" in out
    code, out, err = run(capsys, "export", "--format", "json")
    assert code == 0 and MARKER in out  # an export is decrypted: the user asked for it
    code, out, err = run(capsys, "doctor")
    assert "encrypted (passphrase accepted)" in out and "PROBLEM" not in out, out
    code, out, err = run(capsys, "status", "--json")
    assert code == 0 and "locked" not in out
    assert leaks(data_dir, "zebra-quartz") == [], "plaintext written while encrypted"
    assert len(list_backups(data_dir)) >= 2
    before = public_dump(data_dir)
    code, out, err = run(capsys, "encrypt", "--change-passphrase")
    assert code == 2 and "new passphrase is needed" in err  # no terminal, no env: usage
    monkeypatch.setenv(crypto.NEW_PASSPHRASE_ENV, "another one")
    code, out, err = run(capsys, "encrypt", "--change-passphrase")
    assert code == 0, err
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "another one")
    assert public_dump(data_dir) == before
    assert leaks(data_dir, "zebra-quartz") == []
    code, out, err = run(capsys, "encrypt", "--disable")
    assert code == 0, err
    assert not (data_dir / crypto.MARKER).exists()
    monkeypatch.delenv(crypto.PASSPHRASE_ENV)
    assert public_dump(data_dir) == before
    for name in data_files(data_dir):
        json.loads((data_dir / name).read_bytes())  # plain JSON again
    code, out, err = run(capsys, "journal", "--search", "zebra-quartz")
    assert "again" in out


def test_restore_of_an_encrypted_backup(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(capsys, data_dir, monkeypatch)
    before = public_dump(data_dir)
    newest = list_backups(data_dir)[-1]
    assert run(capsys, "walk", "--minutes", "40")[0] == 0
    code, out, err = run(capsys, "restore", str(newest.path), "--yes")
    assert code == 0, err
    assert public_dump(data_dir) == before
    assert leaks(data_dir, "zebra-quartz") == []


def test_a_wrong_passphrase_is_a_clear_message_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(capsys, data_dir, monkeypatch)
    files = every_byte(data_dir)
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, "not it")
    monkeypatch.setenv(crypto.NEW_PASSPHRASE_ENV, "new one")
    for argv in (
        ("walk", "--minutes", "5"),
        ("journal",),
        ("encrypt", "--disable"),
        ("encrypt", "--change-passphrase"),
        ("status",),
        ("remind",),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 1, (argv, out, err)
        assert "wrong passphrase (nothing was changed)" in err, (argv, err)
        assert "Traceback" not in err
    assert every_byte(data_dir) == files
    with pytest.raises(crypto.WrongPassphrase):
        Store(data_dir, "not it")


def test_status_and_remind_never_ask_they_say_locked(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted(capsys, data_dir, monkeypatch)
    monkeypatch.delenv(crypto.PASSPHRASE_ENV)
    asked: list[str] = []
    monkeypatch.setattr("coach.cli.encrypt.ask", lambda prompt: asked.append(prompt))
    assert run(capsys, "status") == (0, "coach: locked\n", "")
    assert json.loads(run(capsys, "status", "--json")[1]) == {"locked": True}
    code, out, err = run(capsys, "remind")
    assert (code, out) == (0, "") and "locked" in err
    assert asked == []
    code, out, err = run(capsys, "walk", "--minutes", "5")  # asks (no terminal: None)
    assert code == 1 and "is encrypted: give its passphrase" in err
    assert asked == ["Passphrase for your coach data: "]


# the keyring itself: tests/unit/store/test_keyring.py (through keyring.set_keyring)


def test_no_keyring_is_said_clearly(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(capsys, data_dir)
    monkeypatch.setenv(crypto.PASSPHRASE_ENV, PASS)
    code, out, err = run(capsys, "encrypt", "--enable", "--remember")
    assert code == 1 and "no system keyring is available" in err
    assert crypto.encrypted(data_dir)  # the encryption itself is done
    monkeypatch.setenv(crypto.KEYRING_ENV, "1")
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    if os.uname().sysname == "Linux":
        assert crypto.keyring_available() is False  # headless: not even asked


def test_the_file_format_decrypts_by_hand_as_the_readme_says(data_dir: Path) -> None:
    """The README's recipe, with nothing but `cryptography`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    store = Store(data_dir)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": MARKER})
    from coach.store.rekey import rekey

    rekey(data_dir, None, crypto.Cipher(PASS))
    raw = (data_dir / "coach.json").read_bytes()
    header, body = raw[:40], raw[40:]
    assert header[:8] == b"COACHENC" and header[8] == 1
    n, r, p = 2 ** header[9], header[10], header[11]
    salt, nonce = header[12:28], header[28:40]
    key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(PASS.encode())
    plain = json.loads(AESGCM(key).decrypt(nonce, body, header))
    assert plain["customers"]["1"]["name"] == MARKER


def test_a_damaged_encrypted_file_is_named_not_a_wrong_passphrase(data_dir: Path) -> None:
    from coach.core.errors import DataFileError
    from coach.store.rekey import rekey

    store = Store(data_dir)
    with store.transaction():
        store.records("customers").put({"id": "c1", "name": "Ann"})
    rekey(data_dir, None, crypto.Cipher(PASS))
    path = data_dir / "coach.json"
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(DataFileError, match="damaged"):
        Store(data_dir, PASS)


def test_a_plain_folder_does_not_import_cryptography(data_dir: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from coach.session import open_coach; from pathlib import Path; "
        f"c = open_coach(Path({str(data_dir)!r})); c.today(); "
        "print('cryptography' in sys.modules, 'keyring' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_another_process_encrypting_stops_this_ones_plain_save(data_dir: Path) -> None:
    from coach.core.errors import StoreWriteError
    from coach.store.rekey import rekey

    coach = open_coach(data_dir)
    with coach.store.transaction():
        coach.store.records("customers").put({"id": "c1", "name": "Ann"})
    rekey(data_dir, None, crypto.Cipher(PASS))
    with pytest.raises(StoreWriteError, match="open coach again"), coach.store.transaction():
        coach.store.records("customers").put({"id": "c2", "name": MARKER})
    assert leaks(data_dir, MARKER) == []

"""Encryption at rest: a passphrase, scrypt, AES-256-GCM, from the `cryptography` library.

An encrypted file is a 40-byte header and the ciphertext:

    offset  size  field
    0       8     magic b"COACHENC"
    8       1     format version (1)
    9       1     scrypt log2(n)
    10      1     scrypt r
    11      1     scrypt p
    12      16    salt
    28      12    nonce (random, new for every write)
    40      ...   AES-256-GCM ciphertext and its 16-byte tag; the header is the AAD

The key is scrypt(passphrase, salt, n, r, p, 32 bytes). Every file of a folder
uses the folder's salt, so the key is derived once per open and kept in memory
(in the Store's Cipher), never on disk. A folder is encrypted when it holds
`.coach.crypt`: an encrypted small JSON document that also checks the
passphrase. The README shows how to decrypt a file by hand with `cryptography`.

This module imports `cryptography` only when a key is derived or a file sealed
or opened, so an unencrypted folder never loads it.
"""

from __future__ import annotations

import json
import os
import struct
import sys
from pathlib import Path
from typing import Any

from coach.core.errors import CoachError, DataFileError

MAGIC = b"COACHENC"
VERSION = 1
HEADER = struct.Struct(">8sBBBB16s12s")  # magic, version, log2 n, r, p, salt, nonce
MARKER = ".coach.crypt"
MARKER_BODY = {"format": "coach-crypt", "version": VERSION}
PASSPHRASE_ENV = "COACH_PASSPHRASE"
NEW_PASSPHRASE_ENV = "COACH_NEW_PASSPHRASE"
OTHER_PASSPHRASE_ENV = "COACH_OTHER_PASSPHRASE"  # coach encrypt --merge-copy: the copy's
KEYRING_ENV = "COACH_KEYRING"  # "0": never touch the system keyring
KEYRING_SERVICE = "coach"
# scrypt's cost: 2**15 * 8 * 128 bytes = 32 MiB and about 0.1 s per open.
DEFAULT_LOG_N = 15
DEFAULT_R = 8
DEFAULT_P = 1
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32


class Locked(CoachError):
    """The data folder is encrypted and no passphrase was given (none in env or keyring)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        super().__init__(
            f"the data in {folder} is encrypted: give its passphrase "
            f"(${PASSPHRASE_ENV}, the system keyring via 'coach encrypt --remember', "
            "or type it when coach asks)"
        )


class WrongPassphrase(CoachError):
    """The passphrase does not open this folder's data; nothing was read or written.

    `foreign`: the passphrase opens the folder (its marker) but not this file, which
    is under another key: encryption was changed on two machines at once.
    """

    def __init__(self, path: Path, foreign: bool = False) -> None:
        self.path = Path(path)
        self.foreign = foreign
        if foreign:
            super().__init__(
                f"{path}: encrypted with another passphrase than the rest of this folder "
                "(the encryption was changed on two machines at once?). Nothing was changed. "
                "To keep both sides: move this file out of the data folder, open coach, then "
                "run 'coach encrypt --merge-copy FILE' with the file's new place (it asks for "
                "that other passphrase)"
            )
        else:
            super().__init__(f"{path}: wrong passphrase (nothing was changed)")


def stale_keyring_text(folder: Path) -> str:
    return (
        f"the passphrase kept in the system keyring no longer opens the data in {folder} "
        "(was it changed on another machine?); nothing was changed. To keep the current one "
        "in the keyring, run 'coach encrypt --remember' on a terminal and type it "
        f"(or set ${PASSPHRASE_ENV} for scripts)"
    )


class StaleKeyring(WrongPassphrase):
    """The passphrase kept in the keyring no longer opens the folder (changed on another
    machine), and no one is there to type the current one; nothing was read or written."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = marker_path(folder)
        self.foreign = False
        CoachError.__init__(self, stale_keyring_text(folder))


def sealed(raw: bytes) -> bool:
    """True when these bytes are an encrypted coach file."""
    return raw[: len(MAGIC)] == MAGIC


def salt_of(raw: bytes) -> bytes:
    """The salt in an encrypted file's header."""
    return raw[12 : 12 + SALT_BYTES]


def marker_path(folder: Path) -> Path:
    return Path(folder) / MARKER


def encrypted(folder: Path) -> bool:
    """True when the folder's data is encrypted (its marker file exists)."""
    return marker_path(folder).exists()


def _derive(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt  # heavy: only when encrypted

    kdf = Scrypt(salt=salt, length=KEY_BYTES, n=2**log_n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))


class Cipher:
    """A passphrase and the keys derived from it (one per salt), kept in memory only.

    Seals with the folder's salt and parameters; opens a file of any salt the
    passphrase fits.
    """

    def __init__(
        self,
        passphrase: str,
        salt: bytes | None = None,
        log_n: int | None = None,
        r: int = DEFAULT_R,
        p: int = DEFAULT_P,
    ) -> None:
        self._passphrase = passphrase
        self.salt = salt if salt is not None else os.urandom(SALT_BYTES)
        self.log_n = DEFAULT_LOG_N if log_n is None else log_n
        self.r, self.p = r, p
        self._keys: dict[tuple[bytes, int, int, int], bytes] = {}
        self.checked = False  # True once it opened a folder's marker (unlock)

    @property
    def passphrase(self) -> str:
        return self._passphrase

    def _key(self, salt: bytes, log_n: int, r: int, p: int) -> bytes:
        found = self._keys.get((salt, log_n, r, p))
        if found is None:
            found = _derive(self._passphrase, salt, log_n, r, p)
            self._keys[(salt, log_n, r, p)] = found
        return found

    def seal(self, plain: bytes) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # heavy: deferred

        nonce = os.urandom(NONCE_BYTES)
        header = HEADER.pack(MAGIC, VERSION, self.log_n, self.r, self.p, self.salt, nonce)
        key = self._key(self.salt, self.log_n, self.r, self.p)
        return header + AESGCM(key).encrypt(nonce, plain, header)

    def open(self, path: Path, raw: bytes) -> bytes:
        """The plaintext of an encrypted file; WrongPassphrase or DataFileError if it fails."""
        from cryptography.exceptions import InvalidTag  # heavy: deferred
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(raw) < HEADER.size + 16:
            raise DataFileError(path, "an encrypted file cut short (damaged)")
        magic, version, log_n, r, p, salt, nonce = HEADER.unpack_from(raw)
        if magic != MAGIC:
            raise DataFileError(path, "not an encrypted coach file")
        if version != VERSION:
            raise DataFileError(path, f"encrypted in an unknown format (version {version})")
        if not (10 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise DataFileError(path, "encrypted with unexpected key parameters (damaged)")
        key = self._key(salt, log_n, r, p)
        try:
            return AESGCM(key).decrypt(nonce, raw[HEADER.size :], raw[: HEADER.size])
        except InvalidTag:
            if salt == self.salt:
                raise DataFileError(
                    path, "encrypted, but does not decrypt: the file is damaged"
                ) from None
            raise WrongPassphrase(path, foreign=self.checked) from None

    def marker(self) -> bytes:
        """The bytes of `.coach.crypt` for this passphrase and salt."""
        return self.seal(json.dumps(MARKER_BODY).encode())


def unlock(folder: Path, passphrase: str | Cipher) -> Cipher:
    """The folder's Cipher, its passphrase checked against `.coach.crypt`.

    Given a Cipher already unlocked for this folder, its derived key is reused.

    Raises WrongPassphrase (nothing read or written) or DataFileError (marker damaged).
    """
    path = marker_path(folder)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from exc
    if not sealed(raw) or len(raw) < HEADER.size:
        raise DataFileError(path, "not coach's encryption marker (damaged)")
    _, _, log_n, r, p, salt, _ = HEADER.unpack_from(raw)
    if isinstance(passphrase, Cipher) and (passphrase.salt, passphrase.log_n) == (salt, log_n):
        cipher = passphrase
    else:
        text = passphrase.passphrase if isinstance(passphrase, Cipher) else passphrase
        cipher = Cipher(text, salt, log_n, r, p)
    try:
        body = cipher.open(path, raw)
    except DataFileError:
        raise WrongPassphrase(path) from None  # the marker's salt is the folder's: no damage
    try:
        ok = json.loads(body).get("format") == MARKER_BODY["format"]
    except (ValueError, AttributeError):
        ok = False
    if not ok:
        raise DataFileError(path, "not coach's encryption marker")
    cipher.checked = True
    return cipher


# -- where the passphrase comes from -------------------------------------------------
def _keyring() -> Any | None:
    """The system keyring, or None when there is none usable (checked quickly, never hangs).

    Off with COACH_KEYRING=0. On Linux without a D-Bus session (a server, cron, a
    container) the Secret Service cannot answer, so it is not even asked.
    """
    if os.environ.get(KEYRING_ENV, "1") == "0":
        return None
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return None
    try:
        import keyring  # deferred: only for an encrypted folder
        from keyring.backends import fail
    except Exception:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
        return None
    return backend


def keyring_available() -> bool:
    return _keyring() is not None


def _account(folder: Path) -> str:
    return str(Path(folder).resolve())


def from_keyring(folder: Path) -> str | None:
    backend = _keyring()
    if backend is None:
        return None
    try:
        found = backend.get_password(KEYRING_SERVICE, _account(folder))
    except Exception:
        return None
    return found if isinstance(found, str) and found else None


def remember(folder: Path, passphrase: str) -> bool:
    """Keep the passphrase in the system keyring; False when there is none usable."""
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(KEYRING_SERVICE, _account(folder), passphrase)
    except Exception:
        return False
    return True


def forget(folder: Path) -> None:
    """Remove the folder's passphrase from the keyring (if it is there)."""
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(KEYRING_SERVICE, _account(folder))
    except Exception:
        return


def known_passphrase(folder: Path) -> str | None:
    """The passphrase from $COACH_PASSPHRASE, else the keyring, else None (never asks)."""
    return os.environ.get(PASSPHRASE_ENV) or from_keyring(folder)


def open_folder(folder: Path, passphrase: str | Cipher | None = None) -> Cipher | None:
    """None for an unencrypted folder; else its Cipher (Locked when no passphrase is known,
    StaleKeyring when only the keyring's is and it no longer fits)."""
    if not encrypted(folder):
        return None
    given = passphrase or os.environ.get(PASSPHRASE_ENV)
    if given:
        return unlock(folder, given)
    kept = from_keyring(folder)
    if not kept:
        raise Locked(folder)
    try:
        return unlock(folder, kept)
    except WrongPassphrase:
        raise StaleKeyring(folder) from None  # changed on another machine: say what to do

"""`coach encrypt`: turn encryption at rest on or off, change the passphrase, keep it in the keyring.

Passphrases come from $COACH_PASSPHRASE (the current one) and
$COACH_NEW_PASSPHRASE (a new one) for scripts, else the system keyring (the
current one), else a prompt on a terminal (typed twice when new). With none
of these the command stops with a message, exit 1, nothing written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from coach.core.errors import CoachError, InputError

TYPE_CHECKING = False  # typing.TYPE_CHECKING (not imported: it is slow)
if TYPE_CHECKING:
    from coach.store.crypto import Cipher


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "encrypt",
        help="encrypt the data and backups with a passphrase (or decrypt, or change it)",
        description="Encrypt every data file and backup with a key derived from a passphrase "
        "(scrypt, AES-256-GCM). A forgotten passphrase cannot be recovered. With no option, "
        "say whether the data is encrypted.",
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument("--enable", action="store_true", help="encrypt the data and backups")
    what.add_argument("--disable", action="store_true", help="decrypt them back to plain JSON")
    what.add_argument("--change-passphrase", action="store_true", help="choose a new passphrase")
    what.add_argument(
        "--forget", action="store_true", help="remove the passphrase from the system keyring"
    )
    what.add_argument(
        "--merge-copy",
        metavar="FILE",
        type=Path,
        help="merge a copy of a data file encrypted with another passphrase (two machines "
        "changed the encryption at once; coach says when); asks for that passphrase, or "
        "takes $COACH_OTHER_PASSPHRASE",
    )
    p.add_argument(
        "--remember",
        action="store_true",
        help="keep the passphrase in the system keyring, so coach opens without asking",
    )
    p.set_defaults(handler=run_encrypt)


def ask(prompt: str) -> str | None:
    """A passphrase typed on the terminal (not echoed); None when there is no terminal."""
    if not sys.stdin.isatty():
        return None
    import getpass  # only when asking

    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


PROMPT = "Passphrase for your coach data: "
STALE_PROMPT = (
    "The passphrase kept in the system keyring no longer opens your coach data "
    "(was it changed on another machine?).\n" + PROMPT
)
KEEP_PROMPT = "Keep this passphrase in the system keyring instead of the old one? [Y/n] "


def confirm(prompt: str) -> bool:
    """A yes (the default) or no typed on the terminal; False when there is no terminal."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(prompt)
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in ("", "y", "yes")


def current_cipher(folder: Path, *, offer_keep: bool = True) -> Cipher:
    """The folder's Cipher, its passphrase checked: from $COACH_PASSPHRASE, the keyring or
    a prompt. A wrong one raises WrongPassphrase (nothing written); none, Locked.

    A keyring passphrase that no longer opens the folder (changed on another machine):
    on a terminal, ask for the current one and (with `offer_keep`) offer to keep it in the
    keyring instead; without a terminal, StaleKeyring says what to do.
    """
    from coach.store import crypto

    given = os.environ.get(crypto.PASSPHRASE_ENV)
    if given:
        return crypto.unlock(folder, given)
    kept = crypto.from_keyring(folder)
    if kept:
        try:
            return crypto.unlock(folder, kept)
        except crypto.WrongPassphrase:
            pass
        typed = ask(STALE_PROMPT)
        if typed is None:
            raise crypto.StaleKeyring(folder)
        cipher = crypto.unlock(folder, typed)  # wrong: exit 1, the keyring kept as it was
        if offer_keep and confirm(KEEP_PROMPT):
            if crypto.remember(folder, typed):
                print("coach: the passphrase in the system keyring is replaced", file=sys.stderr)
            else:
                print("coach: the system keyring could not be written", file=sys.stderr)
        return cipher
    typed = ask(PROMPT)
    if not typed:
        raise crypto.Locked(folder)
    return crypto.unlock(folder, typed)


def _new_passphrase() -> str:
    from coach.store import crypto

    given = os.environ.get(crypto.NEW_PASSPHRASE_ENV)
    if given:
        return given
    first = ask("New passphrase: ")
    if first is None:
        raise InputError(
            f"a new passphrase is needed: type it on a terminal or set ${crypto.NEW_PASSPHRASE_ENV}"
        )
    if not first:
        raise InputError("an empty passphrase would protect nothing")
    if ask("The same passphrase again: ") != first:
        raise InputError("the two passphrases differ: nothing was changed")
    return first


def run_encrypt(args: argparse.Namespace) -> int:
    from coach.core.config import data_folder
    from coach.store import crypto
    from coach.store.rekey import rekey

    folder = data_folder(args.data_dir)
    on = crypto.encrypted(folder)
    if args.forget:
        crypto.forget(folder)
        print("the passphrase is no longer in the system keyring")
        return 0
    if args.merge_copy is not None:
        return _merge_copy(folder, args.merge_copy)
    if not (args.enable or args.disable or args.change_passphrase):
        if args.remember:
            cipher = current_cipher(folder, offer_keep=False)  # a wrong one is not kept
            return _remember(folder, cipher.passphrase)
        print(f"the data in {folder} is {'encrypted' if on else 'not encrypted'}")
        return 0
    if args.enable:
        if on:
            raise CoachError("the data is already encrypted (--change-passphrase changes it)")
        given = os.environ.get(crypto.NEW_PASSPHRASE_ENV) or os.environ.get(crypto.PASSPHRASE_ENV)
        passphrase = given or _new_passphrase()
        done = rekey(folder, None, crypto.Cipher(passphrase))
        print(f"encrypted {done.files} data files and {done.backups} backups.")
        print("Keep the passphrase safe: a forgotten passphrase cannot be recovered.")
        return _remember(folder, passphrase) if args.remember else 0
    if not on:
        raise CoachError("the data is not encrypted (coach encrypt --enable encrypts it)")
    old = current_cipher(folder)  # wrong: exit 1, nothing written
    if args.disable:
        done = rekey(folder, old, None)
        crypto.forget(folder)
        print(f"decrypted {done.files} data files and {done.backups} backups.")
        return 0
    kept = crypto.from_keyring(folder) is not None
    passphrase = _new_passphrase()
    done = rekey(folder, old, crypto.Cipher(passphrase))
    print(f"re-encrypted {done.files} data files and {done.backups} backups.")
    return _remember(folder, passphrase) if args.remember or kept else 0


def _remember(folder: Path, passphrase: str) -> int:
    from coach.store import crypto

    if crypto.remember(folder, passphrase):
        print("the passphrase is kept in the system keyring")
        return 0
    print(
        "coach: no system keyring is available here (no desktop session, or "
        f"{crypto.KEYRING_ENV}=0): set ${crypto.PASSPHRASE_ENV} instead",
        file=sys.stderr,
    )
    return 1


def _merge_copy(folder: Path, copy: Path) -> int:
    """Merge one copy made under another passphrase (coach.store.sync.merge_copy)."""
    from coach.store import Store, crypto
    from coach.store.sync import merge_copy

    if not copy.is_absolute() and not copy.exists():
        copy = folder / copy  # as coach names it: backups/conflicts/... in the data folder
    if not copy.is_file():
        raise InputError(f"{copy}: no such file")
    store = Store(folder, current_cipher(folder) if crypto.encrypted(folder) else None)
    other = None
    head = copy.read_bytes()[: crypto.HEADER.size]
    ours = store.cipher is not None and crypto.salt_of(head) == store.cipher.salt
    if crypto.sealed(head) and not ours:
        other = os.environ.get(crypto.OTHER_PASSPHRASE_ENV) or ask(
            f"The passphrase {copy.name} was encrypted with: "
        )
    print(merge_copy(store, copy, other))
    return 0

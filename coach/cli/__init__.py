"""The `coach` command. Parses arguments before importing anything heavy:
the Textual app is imported only when the TUI is opened.
"""

from __future__ import annotations

import gc
import os
import sys

# Only what `coach status` needs at every shell prompt is imported here (not even typing:
# it pulls in re and collections); argparse, the errors and each command's module are
# imported when used.
TYPE_CHECKING = False  # typing.TYPE_CHECKING, which mypy reads alike
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from types import ModuleType

    from coach.cli.parser import Parser

NOW_ENV = "COACH_NOW"  # an ISO datetime that pins "now": for tests and benchmarks


def _command_modules() -> list[ModuleType]:
    from coach.cli import (
        backup,
        calendar,
        call,
        challenge,
        config,
        customer,
        encrypt,
        exchange,
        health,
        loss,
        reflect,
        remind,
        thought,
        today,
        tools,
        walk,
    )

    return [
        today,
        walk,
        remind,
        challenge,
        exchange,
        backup,
        loss,
        reflect,
        thought,
        customer,
        call,
        calendar,
        health,
        config,
        encrypt,
        tools,
    ]


# Which module of coach/cli registers each command word: `coach status` imports only
# coach.cli.health, not every command's domain. A word missing here (a module just
# appended to _command_modules()) still works: it falls back to the full parser.
# tests/unit/cli/test_cli_table.py checks this table against what each module registers.
COMMANDS: dict[str, str] = {
    "today": "today",
    "walk": "walk",
    "remind": "remind",
    "helped": "challenge",
    "challenge": "challenge",
    "export": "exchange",
    "import": "exchange",
    "backup": "backup",
    "restore": "backup",
    "loss": "loss",
    "reflect": "reflect",
    "journal": "reflect",
    "thought": "thought",
    "customer": "customer",
    "call": "call",
    "status": "health",
    "doctor": "health",
    "rest": "health",
    "encrypt": "encrypt",
    "calendar": "calendar",
    "config": "config",
    "tools": "tools",
}


def __getattr__(name: str):
    if name == "Parser":  # argparse is imported only when a parser is built
        from coach.cli.parser import Parser

        return Parser
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_parser(commands: bool = True, only: ModuleType | None = None) -> Parser:
    """The full parser; with commands=False only the global options (quick to build);
    with `only`, the commands of that one module."""
    from coach.cli.parser import build_parser

    return build_parser(commands, only)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line (coach.cli.parser)."""
    from coach.cli.parser import parse_args

    return parse_args(argv)


def make_clock():
    """The system clock, or a fixed one when COACH_NOW is set."""
    from datetime import datetime

    from coach.core.clock import FixedClock, SystemClock
    from coach.core.errors import InputError

    pinned = os.environ.get(NOW_ENV)
    if not pinned:
        return SystemClock()
    from dateutil import tz

    try:
        moment = datetime.fromisoformat(pinned)
    except ValueError:
        raise InputError(f"{NOW_ENV} must be an ISO date and time, not {pinned!r}") from None
    if not 1900 <= moment.year <= 9000:  # near year 1 or 9999 day arithmetic overflows
        raise InputError(
            f"{NOW_ENV} must be a time between the years 1900 and 9000, not {pinned!r}"
        )
    return FixedClock(moment if moment.tzinfo else moment.replace(tzinfo=tz.tzlocal()))


def open_from_args(args: argparse.Namespace, ask: bool = True, *, backup_first: bool = False):
    """Open the Coach for the data folder the arguments name.

    An encrypted folder takes its passphrase from $COACH_PASSPHRASE or the keyring,
    else (when `ask` and on a terminal) a prompt; none raises crypto.Locked.
    The first open of the day backs the data up: after the command's output (main
    does it), so the user never waits for it; before the command with
    backup_first, for a command that rewrites data in bulk (import).
    """
    from coach.core.config import data_folder
    from coach.routine.features import wire
    from coach.routine.status import keep_on_saves
    from coach.session import open_coach

    folder = data_folder(args.data_dir)
    passphrase = passphrase_for(folder) if ask else None
    coach = keep_on_saves(wire(open_coach(folder, clock=make_clock(), passphrase=passphrase)))
    if coach.store.tightened:
        print(
            f"coach: note: {coach.store.folder} could be read by other users; "
            "it is now private to you (mode 0700)",
            file=sys.stderr,
        )
    for problem in coach.library.problems:  # the user's own content files; ours still load
        print(f"coach: warning: {problem} (that file was skipped)", file=sys.stderr)
    _say_backup_failure(coach.store.folder)
    if backup_first:
        _daily_backup(coach)
    else:
        args.backup_after = coach
    _merge_sync_conflicts(coach)
    return coach


def passphrase_for(folder):
    """An encrypted folder's Cipher, its passphrase checked ($COACH_PASSPHRASE, the keyring,
    else typed on the terminal; a keyring's that is out of date asks again: see
    coach.cli.encrypt.current_cipher). None for an unencrypted folder (one stat;
    `cryptography` is not imported).
    """
    from coach.store import crypto

    if not crypto.encrypted(folder):
        return None
    from coach.cli.encrypt import current_cipher

    return current_cipher(folder)


def unlocked(folder):
    """An encrypted folder's Cipher from $COACH_PASSPHRASE or the keyring, checked before
    the app takes the terminal; else None (the app's unlock screen asks for it).

    A wrong $COACH_PASSPHRASE stops here: exit 1.
    """
    from coach.store import crypto

    if not crypto.encrypted(folder) or not crypto.known_passphrase(folder):
        return None
    try:
        return crypto.open_folder(folder)
    except crypto.WrongPassphrase:
        if os.environ.get(crypto.PASSPHRASE_ENV):
            raise
        return None  # the keyring's is out of date: the app's unlock screen says so and asks


def _daily_backup(coach, *, detached: bool = False) -> None:
    """The first open of the day backs up the data; a failure warns and carries on.

    Detached (after the command exited), the warning is kept for the next open to print.
    """
    from coach.core import statusline
    from coach.core.errors import CoachError
    from coach.data.backups import daily_backup, note_backup_failure

    try:
        daily_backup(coach)
    except (CoachError, OSError) as exc:
        # A kept `coach today` skips the backup: the next one must try (and warn) again.
        statusline.forget(coach.store.folder, statusline.TODAY_FILE)
        if detached:
            note_backup_failure(coach.store.folder, str(exc))
        else:
            print(f"coach: warning: today's backup failed: {exc}", file=sys.stderr)


def _say_backup_failure(folder) -> None:
    """The warning of a backup that failed after its command had exited."""
    from coach.data.backups import take_backup_failure

    failure = take_backup_failure(folder)
    if failure is not None:
        print(f"coach: warning: the last daily backup failed: {failure}", file=sys.stderr)


def _merge_sync_conflicts(coach) -> None:
    """A sync tool's conflict copies are merged on open; say what was merged."""
    from coach.core.errors import CoachError
    from coach.data.backups import merge_sync_conflicts

    try:
        lines = merge_sync_conflicts(coach)
    except (CoachError, OSError) as exc:
        print(f"coach: warning: a sync conflict copy could not be merged: {exc}", file=sys.stderr)
        return
    for line in lines:
        print(f"coach: {line}", file=sys.stderr)


def fail(message: str, code: int) -> int:
    print(f"coach: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run a command, or open the app when none is given."""
    words = list(sys.argv[1:] if argv is None else argv)
    if "status" in words or "today" in words:
        from coach.cli.quick import kept_status, kept_today

        if kept_status(words) or kept_today(words):  # printed what is kept: no store opened
            return 0
    if not words:  # plain `coach`, the app: nothing to parse (argparse is ~8 ms of its start)
        return _run(lambda: _run_app(None, exit_process=argv is None))
    args = parse_args(words)
    if args.command is None:
        return _run(lambda: _run_app(args.data_dir, exit_process=argv is None))
    from coach.cli.output import safe_output

    with safe_output():
        try:
            return _run(lambda: int(args.handler(args)))
        finally:
            # its warning, if any, goes through SafeStream too
            _backup_after(args, detach=argv is None)


def _backup_after(args: argparse.Namespace, *, detach: bool) -> None:
    """Today's backup, once the command has printed what the user asked for.

    A real `coach` process (`detach`) leaves it to a child process, so neither the user
    nor a pipe reading the output waits for it; called in-process (tests), it runs here.
    """
    coach = getattr(args, "backup_after", None)
    if coach is None:
        return
    try:
        if detach:
            from coach.cli.detach import run_detached

            if run_detached(lambda: _daily_backup(coach, detached=True)):
                return
        sys.stdout.flush()
        _daily_backup(coach)
    except (KeyboardInterrupt, BrokenPipeError, ValueError):
        pass  # interrupted, or stdout already gone: tomorrow's first command backs up


def _run(command) -> int:
    from coach.core.errors import (
        CoachError,
        ContentError,
        DataFileError,
        InputError,
        StoreWriteError,
    )

    try:
        return int(command())
    except DataFileError as exc:
        return fail(f"{exc}\nThe file was left exactly as it is.", 1)
    except StoreWriteError as exc:
        return fail(str(exc), 1)
    except ContentError as exc:
        return fail(f"content error: {exc}", 1)
    except InputError as exc:
        return fail(str(exc), 2)
    except CoachError as exc:
        return fail(str(exc), 1)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `coach journal | head`: the reader left; stay quiet like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run_app(data_dir: str | None, exit_process: bool = False) -> int:
    # Start-up allocates many long-lived objects (Textual, widgets, styles): pausing
    # the cyclic GC until the first screen has painted saves repeated useless passes.
    # The app resumes it (and freezes the start-up objects out of later passes).
    gc.disable()
    try:
        from coach.core.dataclass_code import FILE, keep_compiled
        from coach.core.paths import cache_dir

        # before the app's imports: their dataclasses' methods come compiled from the last start
        kept_code = keep_compiled(cache_dir() / FILE)
        from coach.core.config import data_folder
        from screens.app import run_app

        folder = data_folder(data_dir)
        code = run_app(
            folder,
            clock=make_clock(),
            resume_gc=True,
            passphrase=unlocked(folder),
            start_caches=[kept_code],
        )
        if exit_process:
            # The app has quit: every save is on disk (run_app drained and closed the
            # queue) and the terminal is restored. Skip tearing down the interpreter
            # object by object (about 80 ms with Textual loaded): the user is waiting.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())

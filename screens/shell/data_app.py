"""What the app does with the data folder as a whole, from the palette and on a timer.

CoachApp mixes in DataAppFeatures:
- backup, export, import and restore (coach/data does the work) run off the UI
  thread, queued behind pending saves so they see everything typed so far;
- a watch that notices another coach process (say `coach walk` in another
  terminal) saved: every few seconds a worker compares the data files'
  signatures with the store's, and the open screen gets `DataChanged`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from textual import work
from textual.screen import ModalScreen

from coach.core.clock import Clock, SystemClock
from coach.core.errors import CoachError, DataFileError
from coach.core.savequeue import SaveQueue
from coach.session import Cipher, Coach, Passphrase
from screens.messages import DataChanged
from screens.services import AppServices

if TYPE_CHECKING:
    from textual.app import App

T = TypeVar("T")

DATA_WATCH_SECONDS = 2.0


class DataAppFeatures(AppServices):
    """Mixed into CoachApp: the palette's backup/export/import/restore and the data watch."""

    saves: SaveQueue
    folder: Path
    passphrase: Passphrase | None
    _clock: Clock | None
    _months_seen: tuple[str, ...] | None = None

    @property
    def _textual_app(self) -> App[int]:
        return cast("App[int]", self)

    # -- noticing other processes' saves ---------------------------------------
    def start_data_watch(self) -> None:
        """Call once the Coach is open."""
        if self.coach is not None:
            self._months_seen = tuple(self.coach.store.months())  # one listdir
        self._textual_app.set_interval(DATA_WATCH_SECONDS, self.check_data_changes)

    @work(thread=True, exclusive=True, group="data-watch", exit_on_error=False)
    def check_data_changes(self) -> None:
        """Stat the data files off the UI thread; tell the open screen if they changed."""
        coach = self.coach
        if coach is None or self.data_error is not None:
            return
        months = tuple(coach.store.months())  # a new month's file counts too
        new_month = months != self._months_seen
        self._months_seen = months
        if coach.store.changed() or new_month:
            self._textual_app.call_from_thread(self.data_changed)

    def data_changed(self) -> None:
        """Tell the screens shown under any dialog to read their data again."""
        for screen in reversed(self._textual_app.screen_stack):
            screen.post_message(DataChanged())
            if not isinstance(screen, ModalScreen):
                break  # the screen the user sees; the ones below re-read on resume

    # -- the palette's commands --------------------------------------------------
    def action_backup_now(self) -> None:
        from coach.data.backups import backup_now

        self._run_data("Backup", backup_now, lambda made: f"Backed up to {made.path}")

    def action_export_data(self) -> None:
        from screens.common.path_prompt import PathPromptScreen

        coach = self.coach
        if coach is None or self.data_error is not None:
            return
        suggested = f"~/coach-export-{coach.today().isoformat()}.json"

        def chosen(path_text: str | None) -> None:
            if path_text:
                self._export(path_text)

        self._textual_app.push_screen(
            PathPromptScreen(
                "Export your data",
                "JSON (coach import reads it back), or Markdown for a name ending in .md. "
                "The unsent letter stays out. The file is private to you.",
                suggested,
                "Export",
            ),
            chosen,
        )

    def _export(self, path_text: str) -> None:
        from coach.data.exchange import export_to

        self._run_data(
            "Export",
            lambda coach: export_to(coach.store, coach.clock.now(), path_text),
            lambda path: f"Exported to {path}",
        )

    def action_import_data(self) -> None:
        from screens.common.path_prompt import PathPromptScreen

        if self.coach is None or self.data_error is not None:
            return

        def chosen(path_text: str | None) -> None:
            if path_text:
                self._import(path_text)

        self._textual_app.push_screen(
            PathPromptScreen(
                "Import a coach export",
                "Adds what is missing from a coach JSON export; nothing of yours is changed. "
                "A backup is made first.",
                "",
                "Import",
            ),
            chosen,
        )

    def _import(self, path_text: str) -> None:
        from coach.data.backups import backup_now
        from coach.data.exchange import import_typed

        def job(coach: Coach) -> str:
            # the file is checked in full first: a bad one changes nothing, not even backups
            return import_typed(coach.store, path_text, lambda: backup_now(coach)).summary()

        self._run_data("Import", job, lambda summary: summary[0].upper() + summary[1:], True)

    def action_restore_backup(self) -> None:
        if self.coach is None or self.data_error is not None:
            return
        self._offer_restore()

    @work(thread=True, exclusive=True, group="data-restore", exit_on_error=False)
    def _offer_restore(self) -> None:
        from coach.data.backups import newest_backup

        coach = self.coach
        if coach is None:
            return
        try:
            newest = newest_backup(coach)
        except OSError:
            newest = None
        suggested = str(newest.path) if newest is not None else ""
        self._textual_app.call_from_thread(self._ask_restore_path, suggested)

    def _ask_restore_path(self, suggested: str) -> None:
        from screens.common.path_prompt import PathPromptScreen

        hint = (
            "The newest backup is filled in; backups are in the backups folder of your data."
            if suggested
            else "There are no backups in your data folder yet: type the path of one."
        )
        self._textual_app.push_screen(
            PathPromptScreen("Restore a backup", hint, suggested, "Restore"),
            self._confirm_restore,
        )

    def _confirm_restore(self, path_text: str | None) -> None:
        from screens.common.confirm import ConfirmScreen, yes_no

        if not path_text:
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self._restore(path_text)

        self._textual_app.push_screen(
            ConfirmScreen(
                "Replace all your data with this backup's?",
                yes_no("Restore", "Keep my data"),
                title="Restore a backup",
                detail=f"{path_text}\nYour data as it is now is backed up first.",
                danger=True,
            ),
            answered,
        )

    def _restore(self, path_text: str) -> None:
        from coach.data.backups import restore_backup

        self._run_data(
            "Restore",
            lambda coach: restore_backup(coach, path_text),
            lambda done: f"Restored {done[0]}. Your data as it was is in {done[1].path}",
            True,
        )

    # -- the damaged-data screen's restore (screens/shell/error.py) ------------------------
    def _folder_cipher(self) -> Cipher | None:
        """The Cipher that reads the folder's backups (a worker's: it may derive the key).

        A passphrase given as text ($COACH_PASSPHRASE) is only checked when the data opens,
        so on damaged data it is unlocked here, against the folder's marker."""
        if self.coach is not None:
            return self.coach.store.cipher
        if self.passphrase is None or isinstance(self.passphrase, Cipher):
            return self.passphrase
        from coach.session import unlock_folder

        try:
            self.passphrase = unlock_folder(self.folder, self.passphrase)
        except CoachError:  # a wrong passphrase, a damaged marker: no backup can be read
            return None
        return self.passphrase

    def find_good_backup(self, damaged: Path, found: Callable[[str | None], object]) -> None:
        self._find_good_backup(damaged, found)

    def restore_after_error(self, failed: Callable[[str], object]) -> None:
        self._restore_after_error(failed)

    @work(thread=True, exclusive=True, group="data-restore", exit_on_error=False)
    def _find_good_backup(self, damaged: Path, found: Callable[[str | None], object]) -> None:
        from coach.data.backups import offer_restore

        try:
            backup = offer_restore(self.folder, damaged, self._folder_cipher())
        except (CoachError, OSError):
            backup = None
        shown = None if backup is None else f"{backup.path.name}, made {backup.day:%-d %b %Y}"
        self._textual_app.call_from_thread(found, shown)

    @work(thread=True, exclusive=True, group="data-restore", exit_on_error=False)
    def _restore_after_error(self, failed: Callable[[str], object]) -> None:
        from coach.data.backups import restore_newest_good

        app, folder, cipher = self._textual_app, self.folder, self._folder_cipher()
        now = (self._clock or SystemClock()).now()
        try:
            # on the save queue: behind any save still running
            good, safety = self.saves.submit(
                lambda: restore_newest_good(folder, now, cipher)
            ).result()
        except (CoachError, OSError) as exc:
            app.call_from_thread(failed, str(exc) or "the disk refused")
            return
        app.call_from_thread(
            app.notify,
            f"Restored {good.path.name}. Your data as it was, the damaged file too, "
            f"is in {safety.path}",
            title="Restore",
            timeout=15,
            markup=False,
        )
        app.call_from_thread(self.reopen_data)

    def reopen_data(self) -> None:
        """Open the data folder again, as at start (after a restore)."""
        raise NotImplementedError

    def _run_data(
        self,
        title: str,
        job: Callable[[Coach], T],
        say: Callable[[T], str],
        changes_data: bool = False,
    ) -> None:
        coach = self.coach
        if coach is None or self.data_error is not None:
            return
        self._textual_app.notify(f"{title}: working…", title=title, timeout=3)
        self._data_worker(coach, title, job, say, changes_data)

    @work(thread=True, group="data", exit_on_error=False)
    def _data_worker(
        self,
        coach: Coach,
        title: str,
        job: Callable[[Coach], T],
        say: Callable[[T], str],
        changes_data: bool,
    ) -> None:
        """Run `job` on the save queue (behind what is being saved) and say how it went."""
        app = self._textual_app
        try:
            result = self.saves.submit(lambda: job(coach)).result()
        except DataFileError as exc:
            app.call_from_thread(self.show_data_error, exc)
            return
        except (CoachError, OSError) as exc:
            message = str(exc)
            app.call_from_thread(
                app.notify,
                message[0].upper() + message[1:] if message else title + " failed",
                title=f"{title} did not happen",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        app.call_from_thread(app.notify, say(result), title=title, timeout=10, markup=False)
        if changes_data:
            app.call_from_thread(self._reread_all)

    def _reread_all(self) -> None:
        for screen in self._textual_app.screen_stack:
            screen.post_message(DataChanged())

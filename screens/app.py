"""The coach Textual app: opens the data folder, shows Today, owns the save queue."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePath
from typing import Any, ClassVar, Protocol, TypeVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.driver import Driver
from textual.screen import Screen

from coach.content import rotation
from coach.content.library import Library
from coach.core.clock import Clock
from coach.core.errors import CoachError, DataFileError
from coach.core.savequeue import SaveQueue
from coach.journal.reflections import Reflection
from coach.routine.features import wire
from coach.routine.status import keep_on_saves
from coach.session import (
    Cipher,
    Coach,
    Passphrase,
    WrongPassphrase,
    needs_passphrase,
    open_coach,
    stale_keyring,
)
from screens.common.footer_updates import coalesce_footer_updates
from screens.common.terminal_safety import make_terminal_safe
from screens.messages import Saved, SaveFailed, SaveKind
from screens.navigation import DESTINATIONS, FOOTER_ORDER, LINKS
from screens.services import AppServices, CoachScreen
from screens.shell.config_app import ConfigAppFeatures
from screens.shell.data_app import DataAppFeatures
from screens.shell.editor_app import EditorAppFeatures
from screens.shell.idle_gc import IdleCollector, collect_when_idle
from screens.shell.key_order import KeyOrderApp
from screens.walk.walk_app import SNOOZE_BINDING, WalkAppFeatures

make_terminal_safe()  # user text never drives the terminal, in any widget
coalesce_footer_updates()  # the Footer rebuilds only when its keys change

T = TypeVar("T")
ScreenT = TypeVar("ScreenT", bound=Screen[Any])

TODAY_TCSS = "today/today.tcss"  # TodayScreen.CSS_PATH, as the app's path names it


class StartCache(Protocol):
    """What start-up compiles or parses, kept in the cache folder for the next start."""

    @property
    def added(self) -> Mapping[str, object]:
        """What is new since the file was read: keep() writes it."""
        ...

    def keep(self) -> None: ...


QUIT_NOTICE_AFTER = 1.0  # seconds of saving on quit before the app says it is still saving
QUIT_DRAIN_LIMIT = 25.0  # seconds for each of the quit's two waits on a slow disk
QUIT_WAIT_LIMIT = 60.0  # seconds: past this a stuck disk's save is left to run_app's warning


def coach_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens."""
    from screens.commands import CoachCommands  # deferred: no start pays for the palette

    return CoachCommands


class CoachApp(
    KeyOrderApp,
    WalkAppFeatures,
    DataAppFeatures,
    ConfigAppFeatures,
    EditorAppFeatures,
    AppServices,
    App[int],
):
    """One person's morning routine, in a terminal."""

    TITLE = "coach"
    BACKUP_DELAY = 2.0  # seconds after start before today's backup (tests set it shorter)
    # Today's .tcss with the app's: Textual parses a screen's CSS_PATH when the screen is
    # first pushed, and then reparses every stylesheet source from scratch and restyles
    # the app; Today is always the first screen, so its rules are read with the app's
    # (pushing it then parses nothing). Other screens' .tcss load when they first open.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", TODAY_TCSS]
    COMMANDS = App.COMMANDS | {coach_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *sorted(
            [
                # not in the Footer (a priority binding would lead it): `?` and the palette name it
                Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
                Binding("question_mark,f1", "keys", "Keys", id="keys"),
                *[
                    Binding(
                        d.key,
                        f"go('{d.name}')",
                        d.title,
                        id=f"go.{d.name}",
                        show=d.name != "today" and d.footer,
                    )
                    for d in DESTINATIONS
                ],
                SNOOZE_BINDING,
                Binding(
                    "ctrl+e",
                    "edit_externally",
                    "Your editor",
                    id="editor",
                    show=False,
                    priority=True,
                ),
            ],
            key=lambda b: FOOTER_ORDER.index(b.id or "") if b.id in FOOTER_ORDER else 99,
        )
    ]
    # every screen gets -narrow/-wide; at 80 columns the Footer packs its keys tighter
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    def __init__(
        self, folder: Path, *, clock: Clock | None = None, library: Library | None = None
    ) -> None:
        super().__init__()
        self.folder = Path(folder)
        self._clock = clock
        self._library = library
        self.coach: Coach | None = None
        self.saves = SaveQueue()
        self.data_error: DataFileError | None = None
        self._quitting = False
        self._quit_task: asyncio.Task[None] | None = None
        self._data_started = False
        self.deleted_entries: list[Reflection] = []  # History's undo, for this session
        self.resume_gc = False  # run_app sets it when start-up ran with the GC paused
        self.passphrase: Passphrase | None = None  # an encrypted folder's (CLI or unlock screen)
        # run_app's: what start-up compiles and parses, kept between starts (CSS, dataclasses)
        self.start_caches: list[StartCache] = []
        self.idle_gc: IdleCollector | None = None  # full GC collections on Today at idle

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, but one that quits when the terminal goes (screens.shell.terminal_driver)."""
        from screens.shell.terminal_driver import coach_driver

        return coach_driver(super().get_driver_class())

    def on_mount(self) -> None:
        self._install_exit_signals()
        self.apply_config()
        self.idle_gc = collect_when_idle(self)
        if self.resume_gc:
            self.set_timer(1.0, self._resume_gc)  # Today has painted well before
        if self.start_caches:  # once the first screen is styled, off the UI thread
            self.set_timer(self.BACKUP_DELAY, self._keep_start_caches)
        if self.passphrase is None and needs_passphrase(self.folder):
            from screens.common.unlock import UnlockScreen  # deferred: only when encrypted

            self.push_screen(UnlockScreen(self.folder), self._unlocked)
            return
        # after Textual's start batch: a frame made inside it is dropped, so Today's first
        # full frame was lost and the first one written was a partial update (half of Today)
        self.call_next(self._open_data)

    def _unlocked(self, cipher: Cipher | None) -> None:
        """The unlock screen's answer: open the data with its key, or quit (escape)."""
        if cipher is None:
            self.exit(0)
            return
        self.passphrase = cipher
        self._open_data()

    def _open_data(self) -> None:
        try:
            self.coach = keep_on_saves(
                wire(
                    open_coach(
                        self.folder,
                        clock=self._clock,
                        library=self._library,
                        passphrase=self.passphrase,
                    )
                )
            )
        except DataFileError as exc:
            self.show_data_error(exc)
            return
        except WrongPassphrase as exc:
            if self.passphrase is None and not exc.foreign and stale_keyring(self.folder):
                from screens.common.unlock import STALE, UnlockScreen  # deferred: only encrypted

                self.push_screen(UnlockScreen(self.folder, note=STALE), self._unlocked)
                return
            from rich.text import Text

            self.exit(return_code=1, message=Text(f"coach: {exc}"))
            return
        except CoachError as exc:  # an encrypted folder: no passphrase, or a wrong one
            from rich.text import Text

            self.exit(return_code=1, message=Text(f"coach: {exc}"))
            return
        # the daily picks' rotation record is a save like the others: never on the UI thread
        self.coach.kept(rotation.Writes).defer = self._queue_write
        # deferred: Today (and the routine it reads) loads only once the data folder opened
        from screens.today.today import TodayScreen

        self.push_screen(self.prepared(TodayScreen()))
        if self._data_started:
            return  # opened again after a restore (reopen_data): the timers already run
        self._data_started = True
        self.start_walk_features()
        self.start_data_watch()  # `coach` in another terminal: the open screen re-reads
        # once the first screen is settled: a backup never competes with the first paint
        self.set_timer(self.BACKUP_DELAY, self.backup_daily)
        self.set_interval(30 * 60, self.backup_daily)  # left open overnight: still one a day
        for problem in self.coach.library.problems:
            self.notify(
                str(problem),
                title="A content file of yours has a problem",
                severity="warning",
                timeout=10,
                markup=False,
            )

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def backup_daily(self) -> None:
        """The first open of the user's day merges sync conflicts and copies the data to
        backups/ (off the UI thread)."""
        from coach.data.backups import merge_sync_conflicts, take_backup_failure

        if self.coach is None:
            return
        failure = take_backup_failure(self.coach.store.folder)  # one a `coach` command left
        if failure is not None:
            self._backup_failed(RuntimeError(failure), "The last daily backup failed")
        try:
            for line in merge_sync_conflicts(self.coach):
                self.call_from_thread(self.notify, line, title="Sync", timeout=10, markup=False)
        except (CoachError, OSError) as exc:
            self._backup_failed(exc, "Sync conflicts were not merged")
            return
        # The copy runs in a daemon thread of its own: a worker runs in asyncio's executor,
        # which quitting joins, and a big history's backup would hold the quit. A copy cut
        # short by the exit leaves only a temp file (the next backup removes it).
        threading.Thread(target=self._backup_now, name="coach-daily-backup", daemon=True).start()

    def _backup_now(self) -> None:
        from coach.data.backups import daily_backup

        if self.coach is None:
            return
        try:
            daily_backup(self.coach)
        except (CoachError, OSError) as exc:
            self._backup_failed(exc, "Today's backup failed")

    def _backup_failed(self, exc: Exception, title: str) -> None:
        with contextlib.suppress(RuntimeError):  # the app has already quit
            self.call_from_thread(
                self.notify, str(exc), title=title, severity="warning", timeout=10, markup=False
            )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands but the two coach has its own of (Quit, Keys)."""
        from screens.commands import without_duplicates  # deferred: the palette is open

        yield from without_duplicates(super().get_system_commands(screen))

    def prepared(self, screen: ScreenT) -> ScreenT:
        """`screen`, to be pushed, set up so that Textual styles its widgets once, not 2-3 times.

        Its breakpoint classes (width: -narrow/-wide, height: Today's -short/-tall) are set
        before it mounts: Textual sets them on the screen's first resize, after every widget
        was styled, and styles them all again (about a fifth of the styling before Today's
        first paint). When its CSS is loaded already, its first resume restyles nothing
        (CoachScreen).
        """
        if isinstance(screen, CoachScreen) and not screen.CSS:
            screen.styled_at_mount = all(
                self.stylesheet.has_source(str(path)) for path in screen.css_path
            )
        for own, apps, cells in (
            (screen.HORIZONTAL_BREAKPOINTS, self.HORIZONTAL_BREAKPOINTS, self.size.width),
            (screen.VERTICAL_BREAKPOINTS, self.VERTICAL_BREAKPOINTS, self.size.height),
        ):
            breakpoints = (apps if own is None else own) or []
            chosen = next(
                (n for edge, n in sorted(breakpoints, reverse=True) if cells >= edge), None
            )
            for _edge, name in breakpoints:
                screen.set_class(name == chosen, name, update=False)
        return screen

    def action_keys(self) -> None:
        """The keys screen: every screen's keys and the destinations (`?` or F1)."""
        from screens.shell.keys import KeysScreen

        if not isinstance(self.screen, KeysScreen):
            self.push_screen(KeysScreen())

    def action_go(self, name: str) -> None:
        """Open a destination screen; Today is home, everything else opens on top."""
        if self.coach is None or self.data_error is not None:
            return
        from importlib import import_module

        dest = next(d for d in DESTINATIONS if d.name == name)
        module_name, class_name = dest.target.split(":")
        screen_class = getattr(import_module(module_name), class_name)
        home = self.screen_stack[1] if len(self.screen_stack) > 1 else None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if name != "today" and not isinstance(home, screen_class):
            self.push_screen(self.prepared(screen_class()))

    def action_open(self, name: str) -> None:
        """Open a screen of LINKS on top of the current one (nothing is popped)."""
        if self.coach is None or self.data_error is not None:
            return
        from importlib import import_module

        module_name, class_name = LINKS[name][1].split(":")
        self.push_screen(self.prepared(getattr(import_module(module_name), class_name)()))

    def reopen_data(self) -> None:
        """Open the data again, as at start: the damaged-data screen restored a backup."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.data_error = None
        self.coach = None
        self._open_data()

    def show_data_error(self, error: DataFileError) -> None:
        """Stop using the data and say which file is damaged and how."""
        from screens.shell.error import DataErrorScreen

        if self.data_error is not None:
            return  # already showing one; the first error is the one to fix
        self.data_error = error
        self.push_screen(DataErrorScreen(error))

    def save(
        self, kind: SaveKind, job: Callable[[Coach], T], done: Callable[[T], object] | None = None
    ) -> None:
        """Queue a save; the UI does not wait. `done` runs on the UI thread after."""
        coach = self.coach
        if coach is None:
            return
        future = self.saves.submit(lambda: job(coach))

        def finished(_: object) -> None:
            error = future.exception()
            if error is None:
                self._on_ui_thread(self._saved, kind, future.result(), done)
            else:
                self._on_ui_thread(self._save_failed, kind, error)

        future.add_done_callback(finished)

    def _on_ui_thread(self, callback: Callable[..., object], *args: Any) -> None:
        """Run `callback` on the UI thread, after what runs there now. A save that finished
        before its `done` callback was attached calls it here, on the UI thread itself,
        where `call_from_thread` refuses (the message of a failed save was lost)."""
        if self._thread_id == threading.get_ident():
            self.call_later(callback, *args)
        else:
            self.call_from_thread(callback, *args)

    def _queue_write(self, job: Callable[[], None]) -> None:
        """A model write with no message to the screens (the rotation record)."""
        with contextlib.suppress(RuntimeError):  # quitting: the queue is closed
            self.saves.submit(job)

    def _saved(self, kind: SaveKind, result: T, done: Callable[[T], object] | None) -> None:
        if done is not None:
            done(result)
        self.screen.post_message(Saved(kind))

    def _save_failed(self, kind: SaveKind, error: BaseException) -> None:
        if isinstance(error, DataFileError):
            self.show_data_error(error)
            return
        message = str(error) if isinstance(error, CoachError) else repr(error)
        self.notify(
            message,
            title=f"Could not save {kind.what}",
            severity="error",
            timeout=15,
            markup=False,
        )
        self.screen.post_message(SaveFailed(kind, message))

    def _keep_start_caches(self) -> None:
        def keep() -> None:
            for cache in self.start_caches:
                cache.keep()

        threading.Thread(target=keep, name="coach-start-caches", daemon=True).start()

    def _resume_gc(self) -> None:
        if self.resume_gc:
            self.resume_gc = False
            gc.freeze()  # start-up objects live as long as the app: skip them from now on
            gc.enable()

    def _install_exit_signals(self) -> None:
        """SIGTERM and SIGHUP (a closed terminal, tmux kill-session) quit like ctrl+q.

        Textual installs no handlers for them; without these the process would
        die with saves still queued.
        """
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            # not in the main thread, or a platform without these signals: skip
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, self._exit_signal, signum)

    def _exit_signal(self, signum: int) -> None:
        if not self._quitting:
            self._quitting = True
            self.call_next(self.action_quit)

    def flush_drafts(self) -> None:
        """Queue every unsaved draft: widgets that keep one have `flush_draft()`."""
        for screen in self.screen_stack:
            for node in screen.walk_children(with_self=True):
                flush = getattr(node, "flush_draft", None)
                if callable(flush):
                    with contextlib.suppress(RuntimeError):  # saves already closed
                        flush()

    async def action_quit(self) -> None:
        """Quit once every pending save is on disk (screens first queue what is typed).

        The wait runs beside the UI, not in this handler: a stuck disk would
        otherwise freeze the app (no repaint, no message) for as long as it sticks.
        """
        if self._quit_task is not None:
            return  # already on its way out
        self._quitting = True
        self._queue_unsaved()
        self._quit_task = asyncio.create_task(self._quit_when_saved())

    def _queue_unsaved(self) -> None:
        """Queue what is typed and not yet saved, on every screen (each saves only a change)."""
        for screen in self.screen_stack:
            flush = getattr(screen, "save_unsaved", None)
            if callable(flush):
                with contextlib.suppress(RuntimeError):  # saves already closed
                    flush()
        self.flush_drafts()

    def call_from_thread(self, callback: Any, *args: Any, **kwargs: Any) -> Any:
        """Textual's, but a thread calling back after the event loop closed (a save or a
        worker finishing after the app, as after a Pilot test) gets Textual's "App is not
        running" before a coroutine is made that nothing would ever await."""
        loop = self._loop
        if loop is not None and loop.is_closed():
            raise RuntimeError("App is not running")
        return super().call_from_thread(callback, *args, **kwargs)

    async def _shutdown(self) -> None:
        """Shutting down (a Pilot test leaving `run_test`, or anything else that ends the
        app) while a quit still waits for its saves: let that quit finish first, so what
        the user typed before ctrl+q is on disk before the app is gone. (Textual 8.2.8's
        App._shutdown; re-check on an upgrade, as for screens/common/terminal_safety.py.)"""
        task = self._quit_task
        if task is not None and not task.done() and task is not asyncio.current_task():
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(task), QUIT_WAIT_LIMIT)
        await super()._shutdown()
        # no wait: the saves still queued run on, then the thread stops and lets the app go
        # (run_app waits for them); a Pilot test's app would otherwise live on in its thread
        self.saves.close(timeout=0)

    async def _quit_when_saved(self) -> None:
        if not await asyncio.to_thread(self.saves.drain, QUIT_NOTICE_AFTER):
            self.notify(
                "Saving what you wrote: coach quits as soon as the disk has it.",
                title="Quitting",
                timeout=60,
            )
            # the UI runs on while the disk is slow: keep what is typed meanwhile too
            if await asyncio.to_thread(self.saves.drain, QUIT_DRAIN_LIMIT):
                self._queue_unsaved()
        await asyncio.to_thread(self.saves.close, QUIT_DRAIN_LIMIT)
        for cache in self.start_caches:  # only when this start had something new
            if cache.added:
                await asyncio.to_thread(cache.keep)
        self.exit(1 if self.data_error else 0)


def make_app(
    folder: Path, *, clock: Clock | None = None, library: Library | None = None
) -> CoachApp:
    """Build the app: what `coach` runs and what tests drive."""
    return CoachApp(folder, clock=clock, library=library)


def run_app(
    folder: Path,
    *,
    clock: Clock | None = None,
    resume_gc: bool = False,
    passphrase: Passphrase | None = None,
    start_caches: Iterable[StartCache] = (),
) -> int:
    """Run the app; broken built-in content stops here, before the terminal is taken over.

    resume_gc: the caller paused the garbage collector for start-up; turn it back
    on once the first screen has painted. start_caches: the caller's (the compiled
    dataclass code), written with the parsed CSS once the app has started.
    """
    from coach.content.library import default_library
    from coach.core.paths import cache_dir
    from screens.shell.css_cache import FILE, CssCache, install

    app = make_app(folder, clock=clock, library=default_library())
    css = CssCache(cache_dir() / FILE)
    install(css)  # the CSS parsed by earlier starts (screens/shell/css_cache.py)
    app.start_caches = [css, *start_caches]
    app.resume_gc = resume_gc
    app.passphrase = passphrase
    result = app.run()
    if not app.saves.close():
        import sys

        print(
            "coach: a save was still running when coach quit (the disk did not answer "
            "for 30 seconds); it may not have been kept.",
            file=sys.stderr,
        )
        return 1
    return int(result or 0)

"""The Today screen: the date, a line of encouragement and the four steps."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import var
from textual.widget import AwaitMount
from textual.widgets import ContentSwitcher, Footer, Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from coach.core.errors import DataFileError
from coach.journal import reflections
from coach.loss import tools
from coach.loss.losses import most_recent
from coach.routine import today as routine
from coach.routine.today import Step, Today
from coach.session import Coach
from screens.common.steps import StepPane
from screens.messages import DataChanged, Saved, SaveFailed, SaveKind
from screens.services import CoachScreen

if TYPE_CHECKING:
    from screens.today.reflect_pane import ReflectPane

# Each step's pane on Today, "module:Class", imported when the pane is first built (the
# call and help panes bring their forms along). A feature screen may swap in a richer pane here.
PANES: dict[str, str] = {
    "walk": "screens.today.walk_pane:WalkPane",
    "call": "screens.today.call_pane:CallPane",
    "help": "screens.today.help_pane:HelpPane",
    "reflect": "screens.today.reflect_pane:TodayReflectPane",
}


def pane_class(step_id: str) -> type[StepPane]:
    module_name, class_name = PANES[step_id].split(":")
    pane = getattr(import_module(module_name), class_name)
    assert isinstance(pane, type) and issubclass(pane, StepPane), PANES[step_id]
    return pane


FIRST_STEP = routine.STEP_IDS[0]  # highlighted when Today opens

DONE_MARK = "✓"
OPEN_MARK = "○"


ADVICE_LINES = 4  # of each step's advice in the list, on a tall wide terminal


def step_label(step: Step, width: int = 30, *, advice: bool = False) -> Content:
    """A step in the list: its mark and title, and under them its detail (all literal text).

    The detail is wrapped here, to `width` columns, so its lines stay indented. With
    `advice` (160x50: room for the whole day at a glance) the start of the step's advice too.
    """
    if step.done:
        label = Content.assemble((f"{DONE_MARK} ", "bold $success"), step.title)
    else:
        label = Content.assemble(f"{OPEN_MARK} ", step.title)
    if step.detail:
        lines = textwrap.wrap(step.detail, max(width - 2, 12))  # less the indent
        detail = "\n".join(f"  {line}" for line in lines)
        label = Content.assemble(label, "\n", (detail, "$foreground-muted"))
    if advice and step.advice is not None:
        lines = textwrap.wrap(
            step.advice.text, max(width - 2, 12), max_lines=ADVICE_LINES, placeholder=" …"
        )
        text = "\n".join(f"  {line}" for line in lines)
        label = Content.assemble(label, "\n", (text, "italic $foreground-muted"))
    return label


NOTES_SHORT = 3  # lines of notes at 80x24
NOTES_TALL = 8


def fit_notes(notes: tuple[str, ...], limit: int) -> list[str]:
    """At most `limit` lines: the first notes, then a count of the rest."""
    if len(notes) <= limit:
        return list(notes)
    shown = list(notes[: limit - 1])
    return [*shown, f"… and {len(notes) - len(shown)} more (`coach today` prints them all)"]


# Shown on Today while the data folder is empty: where to start, and how to find the rest.
WELCOME = Content.assemble(
    ("Welcome. Lost a client? Press ", "bold"),
    ("l", "bold $accent"),
    (" to record it", "bold"),
    ": the days ahead lean on it.\nFour steps a day: walk, call, help, reflect · ",
    ("space", "bold $accent"),
    " done · ",
    ("?", "bold $accent"),
    " every key",
)


class TodayScreen(CoachScreen[None]):
    """Home: today's routine. Other screens open on top of it."""

    CSS_PATH = "today.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]  # with -wide: 160x50 (today.tcss)
    BINDINGS = [
        Binding("space", "toggle_done", "Done", id="today.done"),
        Binding("m", "start_morning", "Start my morning", id="today.morning"),
        Binding("n", "skip_step", "Skip", id="today.skip"),
        Binding("ctrl+s", "save_reflection", "Save", id="today.save"),
        Binding("escape", "focus_steps", "Steps", id="today.steps", show=False),
        # priority, so the pane has focus before the next key is sent on (screens/shell/key_order.py):
        # the list's own enter would move it only after the keys typed behind it
        Binding("enter", "open_step", "Open", id="today.open", show=False, priority=True),
    ]

    today: var[Today | None] = var(None, init=False)
    morning: var[bool] = var(False, init=False)

    def __init__(self) -> None:
        super().__init__()
        self._entry_ids: dict[date, str] = {}  # today's entry that the reflect pane saves into
        self._shown_once = False
        self._panes: dict[str, StepPane] = {}  # built so far (mounted or mounting), by step
        self._mounting: dict[str, AwaitMount] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today-top"):
            yield Static(WELCOME, id="welcome")
            yield Static(id="encouragement")
            yield Static(id="first-days")
            yield Static(id="notes")
            with Horizontal(id="progress-row"):
                yield Static(id="progress-label")
                yield ProgressBar(
                    total=len(routine.STEP_IDS),
                    show_eta=False,
                    show_percentage=False,
                    id="progress",
                )
        with Horizontal(id="today-body"):
            yield OptionList(
                *[Option(routine.STEP_TITLES[s], id=s) for s in routine.STEP_IDS], id="steps"
            )
            # only the first step's pane before the first paint; the others when first shown
            with ContentSwitcher(initial=f"pane-{FIRST_STEP}", id="panes"):
                yield self._new_pane(FIRST_STEP)
        yield Footer()

    def on_screen_resume(self) -> None:
        # the first resume is the first showing (on_mount loaded); later ones are
        # returns from another screen, which may have saved something (a reflection)
        if self._shown_once:
            self.reload()
        self._shown_once = True

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#steps", OptionList).highlighted = 0
        self.query_one("#steps", OptionList).focus()
        self.set_interval(30, self.check_rollover)
        self.set_interval(3, self.check_external_changes)

    # -- data ----------------------------------------------------------------
    def reload(self) -> None:
        """Read today's state again; a damaged data file stops the app on the error screen."""
        coach = self.coach
        if coach is None or self.services.data_error is not None:
            return
        try:
            self.today = routine.build_today(coach)
        except DataFileError as error:
            self.services.show_data_error(error)

    def watch_today(self, today: Today | None) -> None:
        if today is None:
            return
        self.sub_title = f"{today.day:%A %-d %B %Y}"
        self.app.sub_title = self.sub_title
        enc = today.encouragement
        if enc is not None:
            line = Content.assemble(
                enc.text, (f"\n— {enc.source_line}", "italic $foreground-muted")
            )
            self.query_one("#encouragement", Static).update(line)
        self.show_notes(today.notes)
        # notes mean there is history. On a first run the welcome takes the encouragement's
        # place (the same two lines), so the steps and panes keep their room at 80x24.
        welcome = today.first_run and not today.notes
        self.query_one("#welcome").display = welcome
        first_days = today.first_days and not welcome
        self.query_one("#encouragement").display = not welcome and not first_days
        self.show_first_days(first_days)
        self.query_one("#progress-label", Static).update(
            f"{today.done_count} of {len(today.steps)} done"
        )
        self.query_one("#progress", ProgressBar).update(progress=today.done_count)
        self.label_steps()
        for step in today.steps:
            pane = self.built_pane(step.id)
            if pane is not None:
                self.show_step(pane, step, today)

    def show_step(self, pane: StepPane, step: Step, today: Today) -> None:
        try:
            pane.show(step, today)  # a richer pane may read the store
        except DataFileError as error:
            self.services.show_data_error(error)

    # -- panes: built when first shown -----------------------------------------
    def _new_pane(self, step_id: str) -> StepPane:
        pane = pane_class(step_id)(step_id, id=f"pane-{step_id}")
        self._panes[step_id] = pane
        return pane

    def built_pane(self, step_id: str) -> StepPane | None:
        """The step's pane once it is built and mounted; None before it is first shown."""
        pane = self._panes.get(step_id)
        return pane if pane is not None and pane.is_mounted else None

    async def pane(self, step_id: str) -> StepPane:
        """The step's pane, built (and shown today's state) on first use."""
        pane = self._panes.get(step_id)
        if pane is not None:
            mounting = self._mounting.get(step_id)
            if mounting is not None:  # a second caller while the first builds it
                await mounting
            return pane
        pane = self._new_pane(step_id)
        pane.display = False  # the switcher shows it when it becomes current
        self._mounting[step_id] = mounting = self.query_one("#panes", ContentSwitcher).mount(pane)
        await mounting
        del self._mounting[step_id]
        today = self.today
        if today is not None:
            self.show_step(pane, today.step(step_id), today)
        return pane

    async def open_step(self, step_id: str, *, focus: bool = False) -> StepPane:
        """Show a step's pane (building it the first time); `focus`: into it."""
        pane = await self.pane(step_id)
        self.query_one("#panes", ContentSwitcher).current = f"pane-{step_id}"
        if focus:
            pane.focus_first()
        return pane

    def show_first_days(self, shown: bool) -> None:
        """Days 0-2 after a loss: feel it, walk, talk, in the encouragement's place."""
        card = self.query_one("#first-days", Static)
        card.display = shown
        coach = self.coach
        if not shown or coach is None:
            return
        lines = [Content.styled("The first days. Go gently:", "bold")]
        for item in tools.first_days_card(coach.library):
            lines.append(Content.assemble((f"{item.title} · ", "bold $accent"), item.text))
        card.update(Content("\n").join(lines))

    def show_notes(self, notes: tuple[str, ...]) -> None:
        """Notes take one line each, and only a few lines: the steps must stay in view."""
        widget = self.query_one("#notes", Static)
        limit = NOTES_SHORT if self.size.height < 32 else NOTES_TALL
        widget.update(Content("\n".join(fit_notes(notes, limit))))
        widget.display = bool(notes)

    def label_steps(self) -> None:
        """Show each step's mark, title and detail in the list, wrapped to its width."""
        if self.today is None:
            return
        steps = self.query_one("#steps", OptionList)
        padding = steps.get_component_styles("option-list--option").padding.width
        width = steps.scrollable_content_region.width
        if width <= 0:  # not laid out yet (the first paint): the width today.tcss gives it
            outer = steps.styles.width
            cells = outer.cells if outer is not None else None
            width = (cells or 34) - steps.styles.gutter.width
        width -= padding
        advice = self.has_class("-wide") and self.has_class("-tall")  # the breakpoints
        for step in self.today.steps:
            steps.replace_option_prompt(step.id, step_label(step, width, advice=advice))

    def on_resize(self) -> None:
        self.call_after_refresh(self.label_steps)
        if self.today is not None:
            self.show_notes(self.today.notes)

    def check_rollover(self) -> None:
        """Follow the clock past the rollover hour when the app stays open overnight."""
        coach = self.coach
        if coach is None or self.today is None or self.services.data_error is not None:
            return
        try:
            day = coach.today()  # the rollover hour is a setting, read from the main file
        except DataFileError as error:
            self.services.show_data_error(error)
            return
        if day != self.today.day:
            self.morning = False
            self.reload()
            self.notify("A new day. Good morning.", timeout=5)

    def check_external_changes(self) -> None:
        """Show what another coach process saved (a CLI command, cron, a second window)."""
        coach = self.coach
        if coach is not None and self.services.data_error is None and coach.store.changed():
            self.reload()

    def on_data_changed(self, _: DataChanged) -> None:
        """The app's data watch (screens/shell/data_app.py) saw another process's save."""
        self.reload()

    # -- selection -----------------------------------------------------------
    @property
    def current_step(self) -> str:
        steps = self.query_one("#steps", OptionList)
        index = steps.highlighted or 0
        option_id = steps.get_option_at_index(index).id
        return option_id or routine.STEP_IDS[0]

    def select_step(self, step_id: str) -> None:
        steps = self.query_one("#steps", OptionList)
        steps.highlighted = routine.STEP_IDS.index(step_id)

    @on(OptionList.OptionHighlighted, "#steps")
    async def show_pane(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            await self.open_step(event.option.id)

    @on(OptionList.OptionSelected, "#steps")
    async def open_pane(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            await self.open_step(event.option.id, focus=True)

    async def action_open_step(self) -> None:
        """Enter on the step list: into the step's pane, before the next key is sent on."""
        await self.open_step(self.current_step, focus=True)

    # -- actions ---------------------------------------------------------------
    def action_focus_steps(self) -> None:
        self.query_one("#steps", OptionList).focus()

    def action_toggle_done(self) -> None:
        self.set_step_done(self.current_step, None)

    @on(StepPane.DoneToggled)
    def pane_done(self, event: StepPane.DoneToggled) -> None:
        self.set_step_done(event.step_id, event.done)

    def set_step_done(self, step_id: str, done: bool | None) -> None:
        """Tick (or untick) a step: the screen updates now, the save follows."""
        today = self.today
        if today is None:
            return
        new_state = (not today.step(step_id).done) if done is None else done
        day = today.day
        self.save(
            SaveKind.PROGRESS,
            lambda coach: routine.set_done(coach, day, step_id, new_state),
            done=lambda _: self.after_step_change(step_id, new_state),
        )
        self._apply_local_done(step_id, new_state)

    def _apply_local_done(self, step_id: str, done: bool) -> None:
        today = self.today
        if today is None:
            return
        steps = tuple(
            Step(s.id, s.title, done if s.id == step_id else s.done, s.advice, s.detail)
            for s in today.steps
        )
        self.today = replace(today, steps=steps)

    def after_step_change(self, step_id: str, done: bool) -> None:
        self.reload()
        if self.morning and done:
            self.advance_morning()

    async def action_save_reflection(self) -> None:
        from screens.today.reflect_pane import ReflectPane  # loaded with the pane, when built

        pane = await self.pane("reflect")  # not opened yet: it holds the day's draft, if any
        if isinstance(pane, ReflectPane):
            pane.save()

    def on_reflect_pane_save_requested(self, event: ReflectPane.SaveRequested) -> None:
        # ReflectPane.SaveRequested, by name: the pane's module loads with the pane
        self.save_reflection(event)

    def save_reflection(self, event: ReflectPane.SaveRequested) -> None:
        today = self.today
        if today is None:
            return
        day, prompt, text, mood = today.day, today.prompt, event.text, event.mood
        if today.reflection:
            self._entry_ids.setdefault(day, today.reflection.id)
        if not text.strip():
            self.notify("Write something first: the reflection is empty.", severity="warning")
            return
        entry_ids = self._entry_ids

        def save(coach: Coach) -> reflections.Reflection:
            # Runs on the save queue, in order: a save queued before the previous one
            # finished still updates the entry that one created, never adds a second.
            entry_id = entry_ids.get(day)
            if entry_id and reflections.get_reflection(coach, day, entry_id) is None:
                entry_id = None  # deleted meanwhile (journal screen, CLI): a new entry
            entry = reflections.save_reflection(coach, day, text, prompt, mood, entry_id=entry_id)
            entry_ids[day] = entry.id
            return entry

        def saved(_: reflections.Reflection) -> None:
            from screens.today.reflect_pane import ReflectPane  # built: it asked for the save

            pane = self.built_pane("reflect")
            if isinstance(pane, ReflectPane):
                pane.mark_saved(text)  # what was saved, not what the field holds by now
            self.after_step_change("reflect", True)

        self.save(SaveKind.REFLECTION, save, done=saved)

    def on_today_reflect_pane_letter_requested(self, _message: object) -> None:
        # TodayReflectPane.LetterRequested, by name: the pane's module loads with the pane
        self.open_letter()

    def open_letter(self) -> None:
        """The day's prompt is the unsent letter: write it on its private page."""
        coach, today = self.coach, self.today
        if coach is None or today is None:
            return
        loss = most_recent(coach, today.day)
        if loss is None:
            self.notify("Record the loss first (l): the letter is to that client.", timeout=5)
            return
        from screens.loss.letter import LetterScreen  # deferred: a screen Today rarely opens

        self.app.push_screen(LetterScreen(loss.id))

    @on(StepPane.Changed)
    def pane_changed(self) -> None:
        self.reload()

    @on(Saved)
    def saved(self, event: Saved) -> None:
        if event.kind is SaveKind.REFLECTION:
            self.notify("Reflection saved.", timeout=3)

    @on(SaveFailed)
    def save_failed(self, event: SaveFailed) -> None:
        self.reload()

    # -- start my morning --------------------------------------------------------
    def skipped(self) -> tuple[str, ...]:
        coach, today = self.coach, self.today
        if coach is None or today is None:
            return ()
        return routine.skipped_steps(coach, today.day)

    def action_start_morning(self) -> None:
        today = self.today
        if today is None:
            return
        if today.next_step() is None:
            self.notify("Every step is done today. Well done.", timeout=5)
            return
        self.morning = True
        self.advance_morning(resume=True)

    def advance_morning(self, resume: bool = False) -> None:
        today = self.today
        if today is None:
            return
        step = today.next_step(self.skipped()) or today.next_step()
        if step is None:
            self.morning = False
            self.notify("That's your morning done. Go well.", title="All done", timeout=6)
            return
        position = routine.STEP_IDS.index(step.id) + 1
        self.select_step(step.id)
        self.call_next(self.open_step, step.id, focus=True)
        verb = "Picking up at" if resume else "Next:"
        self.notify(f"{verb} step {position} of 4, {step.title.lower()}.", timeout=4)

    def action_skip_step(self) -> None:
        today = self.today
        if today is None:
            return
        step_id = self.current_step
        skipped = tuple(dict.fromkeys((*self.skipped(), step_id)))
        day = today.day
        self.save(
            SaveKind.PROGRESS,
            lambda coach: routine.set_skipped(coach, day, skipped),
            done=lambda _: self.advance_morning() if self.morning else None,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip_step":
            return self.morning or None
        if action == "open_step":  # only on the step list: enter elsewhere is the widget's
            return self.focused is self.query_one("#steps", OptionList)
        return True

    def watch_morning(self, _: bool) -> None:
        self.refresh_bindings()

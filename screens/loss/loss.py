"""The Loss screen: every lost client, and where the selected one stands."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import var
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.loss import closing, door, postmortem
from coach.loss.forget import forget_loss
from coach.loss.letters import letter_for
from coach.loss.losses import Loss, add_loss, all_losses, loss_advice
from coach.loss.story import record_story, story_due
from screens.common.sources import source_line
from screens.loss.record_loss import NewLoss, RecordLossScreen
from screens.loss.story import StoryAnswer, StoryScreen, story_lines
from screens.messages import DataChanged, Saved, SaveFailed, SaveKind
from screens.services import CoachScreen

PHASE_WORDS = {
    "first-days": "the first days",
    "early": "early days",
    "later": "later days",
    "steady": "steady days",
}


def loss_option(loss: Loss) -> Option:
    prompt = Content.assemble(loss.client, "\n", (f"{loss.left:%-d %b %Y}", "$foreground-muted"))
    return Option(prompt, id=loss.id)


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def row(label: str, value: str, key: str = "") -> Content:
    """One line of the overview: a label, its value, and the key that opens it."""
    parts: list[str | tuple[str, str]] = [(f"{label:<13}", "bold"), f"{value:<30}"]
    if key:
        parts.append((key, "$foreground-muted"))
    return Content.assemble(*parts)


class LossScreen(CoachScreen[None]):
    """The losses list, recording a loss, and the selected loss's overview."""

    CSS_PATH = "loss.tcss"
    BINDINGS = [
        Binding("a", "record", "Add", id="loss.record"),  # short: the Footer at 80 columns
        Binding("m", "postmortem", "Post-mortem", id="loss.postmortem"),
        Binding("g", "close", "Close", id="loss.close"),
        Binding("u", "letter", "Letter", id="loss.letter"),
        Binding("d", "door", "Door", id="loss.door"),
        Binding("k", "story", "Story", id="loss.story"),
        Binding("o", "tools", "Tools", id="loss.tools"),
        Binding("delete", "forget", "Forget", id="loss.forget", show=False),
        Binding("escape", "app.go('today')", "Today", id="loss.back", show=False),
    ]

    losses: var[list[Loss]] = var(list, init=False)
    selected: var[Loss | None] = var(None, init=False)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="loss-body"):
            yield OptionList(id="losses")
            with VerticalScroll(id="overview"):
                yield Static(id="loss-title")
                yield Static(id="loss-when")
                yield Static(id="loss-why")
                yield Static(id="loss-facts")
                yield Static(id="loss-rows")
                yield Static(id="loss-story")
                yield Static(id="loss-advice")
                yield Static(id="loss-source")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "The loss"
        self.query_one("#losses", OptionList).border_title = "Losses"
        self.reload()
        self.query_one("#losses", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.reload(self.selected.id if self.selected else None)

    def on_data_changed(self, _: DataChanged) -> None:
        """Another coach process saved: read the losses again."""
        self.reload()

    # -- data ----------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        coach = self.coach
        if coach is None:
            return
        current = select or (self.selected.id if self.selected else None)
        losses = all_losses(coach)
        option_list = self.query_one("#losses", OptionList)
        option_list.clear_options()
        option_list.add_options([loss_option(loss) for loss in losses])
        self.losses = losses
        ids = [loss.id for loss in losses]
        if losses:
            option_list.highlighted = ids.index(current) if current in ids else 0
        self.selected = next((x for x in losses if x.id == current), losses[0] if losses else None)
        self.show(self.selected)

    @on(OptionList.OptionHighlighted, "#losses")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.selected = next((x for x in self.losses if x.id == event.option.id), None)
        self.show(self.selected)

    def show(self, loss: Loss | None) -> None:
        coach = self.coach
        title = self.query_one("#loss-title", Static)
        others = (
            "#loss-when",
            "#loss-why",
            "#loss-facts",
            "#loss-rows",
            "#loss-advice",
            "#loss-story",
        )
        if loss is None or coach is None:
            title.update(Content("No losses recorded."))
            self.query_one("#loss-when", Static).update(
                Content(
                    "When a client leaves, press a to record it. coach then helps you "
                    "understand it, close it graciously and keep the door open."
                )
            )
            for selector in others[1:]:
                self.query_one(selector, Static).update("")
            self.query_one("#loss-source", Static).update("")
            self.refresh_bindings()
            return
        today = coach.today()
        phase = loss.phase(today)
        title.update(Content(loss.client))
        self.query_one("#loss-when", Static).update(
            Content.assemble(
                (upper_first(loss.since_line(today)), "$accent"),
                (
                    f"  ·  {PHASE_WORDS[phase]}\nLeft on {loss.left:%A %-d %B %Y}",
                    "$foreground-muted",
                ),
            )
        )
        self.query_one("#loss-why", Static).update(
            Content("Why: " + (postmortem.reasons_in_words(loss) or "not said"))
        )
        facts = [f"Client for {loss.tenure}" if loss.tenure else "", loss.value]
        line = "  ·  ".join(f for f in facts if f)
        if loss.said:
            line = (line + "\n" if line else "") + f"They said: “{loss.said}”"
        facts_widget = self.query_one("#loss-facts", Static)
        facts_widget.update(Content(line))
        facts_widget.display = bool(line)
        letter = letter_for(coach, loss.id)
        nxt = door.next_checkin(loss)
        if nxt is None:
            door_text = "no check-ins planned"
        elif nxt <= today:
            door_text = f"check in now (due {nxt:%-d %b %Y})"
        else:
            door_text = f"next check-in {nxt:%-d %b %Y}"
        close_text = closing.ticked_line(coach.library, loss)
        if loss.thank_you.strip():
            close_text += ", note written"
        rows = [
            row("Post-mortem", postmortem.progress_line(loss), "m"),
            row("Close it", close_text, "g"),
            row("Letter", "kept, private" if letter else "not written", "u"),
            row("Door", door_text, "d"),
        ]
        self.query_one("#loss-rows", Static).update(Content("\n").join(rows))
        story = story_lines(loss, today)
        self.query_one("#loss-story", Static).update(story)
        self.query_one("#loss-story").display = bool(story.plain)
        advice = loss_advice(coach, loss, today)  # its phase and its reasons
        self.query_one("#loss-advice", Static).update(Content(advice.text if advice else ""))
        self.query_one("#loss-source", Static).update(source_line(advice))
        self.refresh_bindings()

    # -- actions ---------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("postmortem", "close", "letter", "door", "forget"):
            return self.selected is not None or None
        if action == "story":
            coach, loss = self.coach, self.selected
            due = loss is not None and coach is not None and story_due(loss, coach.today())
            return bool(due) or None
        return True

    def action_record(self) -> None:
        coach = self.coach
        if coach is None:
            return
        self.app.push_screen(RecordLossScreen(coach.today()), self._record)

    def _record(self, new: NewLoss | None) -> None:
        if new is None:
            return
        self.save(
            SaveKind.LOSS,
            lambda coach: add_loss(
                coach,
                new.client,
                new.left,
                new.reasons,
                tenure=new.tenure,
                value=new.value,
                said=new.said,
            ),
            done=lambda loss: self._recorded(loss),
        )

    def _recorded(self, loss: Loss) -> None:
        self.reload(loss.id)
        self.notify(
            "Recorded. Take it one step at a time: k says what you think caused it, "
            "m starts the post-mortem.",
            title=loss.client,
            timeout=5,
            markup=False,
        )

    def action_forget(self) -> None:
        """Remove a loss recorded by mistake (asks first; its letter goes too)."""
        from screens.common.confirm import ConfirmScreen, yes_no  # deferred: a screen

        loss = self.selected
        if loss is None:
            return
        question = (
            f"Forget the loss of {loss.client}? Its post-mortem, note, check-ins and "
            "letter are deleted for good, backups included. This is for a loss recorded by "
            "mistake."
        )

        def answer(sure: str | None) -> None:
            if sure == "yes":
                self.save(SaveKind.FORGET_LOSS, lambda coach: forget_loss(coach, loss.id))

        self.app.push_screen(ConfirmScreen(question, yes_no("Forget it", "Keep it")), answer)

    def _open(self, module: str, name: str) -> None:
        from importlib import import_module

        if self.selected is None:
            return
        screen_class = getattr(import_module(module), name)
        self.app.push_screen(screen_class(self.selected.id))

    def action_postmortem(self) -> None:
        self._open("screens.loss.postmortem", "PostmortemScreen")

    def action_close(self) -> None:
        self._open("screens.loss.close", "CloseScreen")

    def action_letter(self) -> None:
        self._open("screens.loss.letter", "LetterScreen")

    def action_door(self) -> None:
        self._open("screens.loss.door", "DoorScreen")

    def action_tools(self) -> None:
        """Tools on top of this screen, the loss tools written for the selected loss."""
        from screens.loss.tools import ToolsScreen  # deferred: a screen

        self.app.push_screen(ToolsScreen(loss_id=self.selected.id if self.selected else None))

    def action_story(self) -> None:
        """Ask for the story that is due now: at the start, after the post-mortem, at check-ins."""
        coach, loss = self.coach, self.selected
        due = story_due(loss, coach.today()) if loss is not None and coach is not None else None
        if loss is None or due is None:
            return

        def answered(answer: StoryAnswer | None) -> None:
            if answer is None:
                return
            self.save(
                SaveKind.LOSS,
                lambda coach: record_story(
                    coach,
                    loss.id,
                    answer.stage,
                    answer.cause,
                    answer.sure,
                    words=answer.words,
                    checkin=answer.checkin,
                ),
                done=lambda saved: self.reload(saved.id),
            )

        self.app.push_screen(StoryScreen(*due), answered)

    @on(Saved)
    @on(SaveFailed)
    def _after_save(self) -> None:
        """A save from a page just closed may land after this screen resumed."""
        self.reload()

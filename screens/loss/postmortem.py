"""The post-mortem, one step at a time. Each step saves as you go and the next visit resumes."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, SelectionList, Static, TextArea

from coach.loss import postmortem
from coach.loss.postmortem import STEPS
from screens.common.drafting import Autosave
from screens.common.sources import source_line
from screens.loss.loss_page import LossPage
from screens.messages import Saved, SaveKind

AUTOSAVE_SECONDS = 1.0
DONE_DOT, HERE_DOT, OPEN_DOT = "●", "◉", "○"
SIGNS_STEP = "why"  # where it went wrong: which warning signs were missed


class PostmortemScreen(LossPage):
    """Facts, feelings, why, feedback, both sides, questions, a broker, lessons."""

    CSS_PATH = "postmortem.tcss"
    BINDINGS = [
        Binding("ctrl+n", "step(1)", "Next", id="postmortem.next"),
        Binding("ctrl+b", "step(-1)", "Back", id="postmortem.back"),
        Binding("ctrl+s", "save", "Save", id="postmortem.save"),
        Binding("ctrl+o", "copy_questions", "Copy questions", id="postmortem.copy"),
        Binding("ctrl+r", "save_questions", "Questions to file", id="postmortem.file"),
        Binding("ctrl+t", "thought_record", "Thought record", id="postmortem.thought"),
        Binding("escape", "leave", "Done for now", id="postmortem.leave"),
    ]

    def __init__(self, loss_id: str) -> None:
        super().__init__(loss_id)
        self.step = STEPS[0]
        self.answers: dict[str, str] = {}
        self._saved: dict[str, str] = {}
        self.autosave = Autosave(self, self.action_save, lambda: AUTOSAVE_SECONDS)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pm-guide"):
            yield Static(id="pm-step")
            yield Static(id="pm-guidance")
            yield Static(id="pm-source")
            yield Static(id="pm-questions")
            with Horizontal(id="pm-question-buttons"):
                yield Button("Copy questionnaire", id="pm-copy", compact=True)
                yield Button("Save to a file", id="pm-file", compact=True)
            yield Static(
                "Which warning signs did you miss? (space to tick; each becomes a check-up rule)",
                id="pm-signs-label",
            )
            yield SelectionList[str](
                *[(Content(words), sign.value) for sign, words in postmortem.sign_question()],
                id="pm-signs",
                compact=True,
            )
        yield TextArea(id="pm-answer", soft_wrap=True, show_line_numbers=False)
        with Horizontal(id="pm-buttons"):
            yield Button("← Back", id="pm-back", compact=True)
            yield Static(id="pm-state")
            yield Button("Next →", id="pm-next", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        loss = self.load_loss()
        if loss is None:
            return
        self.sub_title = f"Post-mortem · {loss.client}"
        self.answers = dict(loss.postmortem)
        self._saved = dict(loss.postmortem)
        signs = self.query_one("#pm-signs", SelectionList)
        with signs.prevent(SelectionList.SelectedChanged):
            for sign in loss.missed_signs:
                signs.select(sign.value)
        self.show_step(postmortem.resume_step(loss))
        self.query_one("#pm-answer", TextArea).focus()

    # -- showing a step --------------------------------------------------------
    def show_step(self, step: str) -> None:
        coach, loss = self.coach, self.loss
        if coach is None or loss is None:
            return
        self.step = step
        index = STEPS.index(step)
        dots = " ".join(
            HERE_DOT if s == step else DONE_DOT if self.answers.get(s, "").strip() else OPEN_DOT
            for s in STEPS
        )
        title = postmortem.step_title(coach.library, step)
        self.query_one("#pm-step", Static).update(
            Content.assemble(
                (f"Step {index + 1} of {len(STEPS)}  ", "$foreground-muted"),
                (title, "bold $primary"),
                (f"   {dots}", "$accent"),
            )
        )
        item = postmortem.guidance(coach.library, step)
        self.query_one("#pm-guidance", Static).update(Content(item.text if item else ""))
        source = source_line(item)
        if step == "feelings":  # the thought record weighs the hottest thought against facts
            source = Content.assemble(source, ("\nctrl+t: a thought record", "$accent"))
        self.query_one("#pm-source", Static).update(source)
        asking = step == "questions"
        questions = self.query_one("#pm-questions", Static)
        questions.display = asking
        self.query_one("#pm-question-buttons").display = asking
        if asking:
            found = postmortem.questions_for(coach.library, loss.reasons)
            lines = [f"{n}. {q.text}" for n, q in enumerate(found, 1)]
            questions.update(
                Content.assemble(
                    (
                        "Questions from the reasons you gave (add your own below):\n",
                        "$foreground-muted",
                    ),
                    "\n".join(lines),
                )
            )
        self.query_one("#pm-signs-label").display = step == SIGNS_STEP
        self.query_one("#pm-signs").display = step == SIGNS_STEP
        area = self.query_one("#pm-answer", TextArea)
        area.load_text(self.answers.get(step, ""))
        area.border_title = "Your answer" if step not in ("facts", "feelings") else title
        self.query_one("#pm-back", Button).disabled = index == 0
        self.query_one("#pm-next", Button).label = "Next →" if index < len(STEPS) - 1 else "Finish"
        self.query_one("#pm-guide", VerticalScroll).scroll_home(animate=False)
        self._update_state()
        self.refresh_bindings()

    def _update_state(self) -> None:
        dirty = self.answers.get(self.step, "") != self._saved.get(self.step, "")
        written = bool(self._saved.get(self.step, "").strip())
        text = "saving…" if dirty else ("saved" if written else "")
        self.query_one("#pm-state", Static).update(text)

    # -- saving ----------------------------------------------------------------
    @on(TextArea.Changed, "#pm-answer")
    def _changed(self, event: TextArea.Changed) -> None:
        if self.answers.get(self.step, "") == event.text_area.text:
            return
        self.answers[self.step] = event.text_area.text
        self._update_state()
        self.autosave.changed()

    def action_save(self) -> None:
        """Save the current step if it changed (also runs a second after typing stops)."""
        self.autosave.cancel()
        step, text = self.step, self.answers.get(self.step, "")
        if text == self._saved.get(step, ""):
            return
        self._saved[step] = text
        loss_id = self.loss_id
        self.save(
            SaveKind.POSTMORTEM,
            lambda coach: postmortem.save_answer(coach, loss_id, step, text),
        )

    @on(SelectionList.SelectedChanged, "#pm-signs")
    def _signs_changed(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Each tick saves at once, through the post-mortem's model."""
        chosen, loss_id = list(event.selection_list.selected), self.loss_id
        self.save(
            SaveKind.POSTMORTEM,
            lambda coach: postmortem.set_missed_signs(coach, loss_id, chosen),
        )

    def save_unsaved(self) -> None:
        """Nothing typed is lost."""
        self.action_save()

    @on(Saved)
    def _saved_now(self, event: Saved) -> None:
        if event.kind is SaveKind.POSTMORTEM:
            self._update_state()

    def action_step(self, delta: int) -> None:
        index = STEPS.index(self.step) + delta
        self.action_save()
        if index >= len(STEPS):
            self.notify(
                "Post-mortem written. Your lessons now join the best-customer check-up.",
                title="Well done",
                timeout=6,
            )
            self.app.pop_screen()
            return
        if index < 0:
            return
        step, loss_id = STEPS[index], self.loss_id
        self.save(
            SaveKind.POSTMORTEM_PLACE, lambda coach: postmortem.set_position(coach, loss_id, step)
        )
        self.show_step(step)
        self.query_one("#pm-answer", TextArea).focus()

    # -- the questionnaire -------------------------------------------------------
    def questionnaire(self) -> str:
        coach, loss = self.coach, self.loss
        if coach is None or loss is None:
            return ""
        current = {**loss.postmortem, **self.answers}
        from dataclasses import replace

        return postmortem.questionnaire(coach.library, replace(loss, postmortem=current))

    def action_thought_record(self) -> None:
        """Feelings aren't facts: weigh the hottest thought in a thought record (journal)."""
        self.action_save()
        self.services.action_open("thought")

    def action_copy_questions(self) -> None:
        self.app.copy_to_clipboard(self.questionnaire())
        self.notify(
            "Questionnaire copied (if your terminal allows it); ctrl+r saves to a file.",
            timeout=6,
        )

    def action_save_questions(self) -> None:
        self.save_to_file("the questionnaire", self.questionnaire(), "questions")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy_questions", "save_questions"):
            return self.step == "questions"
        if action == "thought_record":
            return self.step == "feelings"
        if action == "step" and parameters == (-1,):
            return self.step != STEPS[0] or None
        return True

    @on(Button.Pressed, "#pm-next")
    def _next(self) -> None:
        self.action_step(1)

    @on(Button.Pressed, "#pm-back")
    def _back(self) -> None:
        self.action_step(-1)

    @on(Button.Pressed, "#pm-copy")
    def _copy(self) -> None:
        self.action_copy_questions()

    @on(Button.Pressed, "#pm-file")
    def _file(self) -> None:
        self.action_save_questions()

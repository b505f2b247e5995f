"""The unsent letter: a private page for words to the client that go nowhere."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static, TextArea

from coach.loss.letters import let_go, letter_for, letter_guidance, save_letter
from screens.common.confirm import ConfirmScreen, yes_no
from screens.common.sources import source_line
from screens.loss.loss_page import LossPage
from screens.messages import Saved, SaveKind

GOES_NOWHERE = (
    "This letter goes nowhere. It is never sent, shared or shown to anyone, and "
    "exports leave it out. It is just for you."
)


class LetterScreen(LossPage):
    """Write it all out; keep it privately, or let it go."""

    CSS_PATH = "letter.tcss"
    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep it", id="letter.keep"),
        Binding("ctrl+l", "let_go", "Let it go", id="letter.letgo"),
        Binding("escape", "leave", "Back", id="letter.leave"),
    ]

    def __init__(self, loss_id: str) -> None:
        super().__init__(loss_id)
        self._saved = ""
        self._text = ""  # what the editor holds, kept here so it can be saved on the way out

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(GOES_NOWHERE, id="letter-nowhere")
        yield Static(id="letter-guidance")
        yield Static(id="letter-source")
        yield TextArea(id="letter-text", soft_wrap=True, show_line_numbers=False)
        with Horizontal(id="letter-buttons"):
            yield Button("Keep it", id="letter-keep", variant="primary", compact=True)
            yield Button("Let it go", id="letter-letgo", compact=True)
            yield Static(id="letter-state")
        yield Footer()

    def on_mount(self) -> None:
        coach, loss = self.coach, self.load_loss()
        if coach is None or loss is None:
            return
        self.sub_title = f"Unsent letter · {loss.client}"
        item = letter_guidance(coach, coach.today())
        self.query_one("#letter-guidance", Static).update(Content(item.text if item else ""))
        self.query_one("#letter-source", Static).update(source_line(item))
        letter = letter_for(coach, loss.id)
        self._saved = letter.text if letter else ""
        area = self.query_one("#letter-text", TextArea)
        area.border_title = f"Dear {loss.client},"
        area.load_text(self._saved)
        self._text = self._saved
        area.focus()
        self._update_state()

    @property
    def text(self) -> str:
        return self._text

    @on(TextArea.Changed, "#letter-text")
    def _changed(self, event: TextArea.Changed) -> None:
        self._text = event.text_area.text
        self._update_state()

    def _update_state(self) -> None:
        if self.text != self._saved:
            state = "not kept yet"
        elif self._saved:
            state = "kept, privately"
        else:
            state = ""
        self.query_one("#letter-state", Static).update(state)

    def action_keep(self) -> None:
        text, loss_id = self.text, self.loss_id
        if not text.strip():
            self.notify("Nothing written yet.", severity="warning", timeout=3)
            return
        self.save(SaveKind.LETTER, lambda coach: save_letter(coach, loss_id, text))
        self._saved = text

    @on(Saved)
    def _saved_now(self, event: Saved) -> None:
        if event.kind is SaveKind.LETTER:
            self._update_state()
            self.notify("Kept, privately. It goes nowhere.", timeout=3)
        elif event.kind is SaveKind.LET_GO:
            self._saved = self._text = ""
            self.query_one("#letter-text", TextArea).load_text("")
            self._update_state()
            self.notify("Let go. The letter is gone for good.", timeout=4)

    def action_let_go(self) -> None:
        question = (
            "Let it go? The letter will be deleted for good, from your data and from every "
            "backup: it cannot be brought back."
        )
        self.app.push_screen(ConfirmScreen(question, yes_no("Let it go", "Keep it")), self._let_go)

    def _let_go(self, answer: str | None) -> None:
        if answer != "yes":
            return
        loss_id = self.loss_id
        self.save(SaveKind.LET_GO, lambda coach: let_go(coach, loss_id))

    def save_unsaved(self) -> None:
        """Keep what was typed."""
        if self.text.strip() and self.text != self._saved:
            self.action_keep()

    @on(Button.Pressed, "#letter-keep")
    def _keep_pressed(self) -> None:
        self.action_keep()

    @on(Button.Pressed, "#letter-letgo")
    def _letgo_pressed(self) -> None:
        self.action_let_go()

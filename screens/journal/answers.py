"""How my answers changed: every answer to one prompt, side by side, oldest on the left."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Static

from coach.core.words import plural
from coach.journal.reflections import Reflection
from coach.journal.search import answers_to
from screens.services import CoachScreen


class AnswerCard(VerticalScroll):
    """One answer: its date and mood, then the text."""

    def __init__(self, entry: Reflection) -> None:
        super().__init__(classes="answer-card")
        self.entry = entry
        self.can_focus = True

    def compose(self) -> ComposeResult:
        entry = self.entry
        head = f"{entry.day:%a} {entry.day.day} {entry.day:%b %Y}"
        if entry.mood_label:
            head += f"  ·  {entry.mood_label}"
        yield Static(Content(head), classes="answer-date")
        yield Static(Content(entry.text), classes="answer-text")


class AnswersScreen(CoachScreen[None]):
    """All answers to one prompt in time order; left/right to move through them."""

    BINDINGS = [
        Binding("left", "app.focus_previous", "Earlier", id="answers.earlier"),
        Binding("right", "app.focus_next", "Later", id="answers.later"),
        Binding("escape", "app.pop_screen", "Back", id="answers.back"),
    ]
    CSS_PATH = "answers.tcss"

    def __init__(self, prompt_id: str, prompt_text: str) -> None:
        super().__init__()
        self.prompt_id = prompt_id
        self.prompt_text = prompt_text

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(self.prompt_text), id="answers-prompt")
        yield Static("Loading…", id="answers-count")
        yield HorizontalScroll(id="answers-row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "How my answers changed"
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        coach = self.coach
        if coach is not None:
            answers = answers_to(coach, self.prompt_id)
            self.post_message(self.Loaded(answers))

    @dataclass
    class Loaded(Message):
        """The worker read every answer to the prompt."""

        answers: list[Reflection]

    @on(Loaded)
    async def _show(self, event: Loaded) -> None:
        answers = event.answers
        count = len(answers)
        first = f", since {answers[0].day:%-d %B %Y}" if answers else ""
        self.query_one("#answers-count", Static).update(
            f"{plural(count, 'answer')}{first}, oldest first"
        )
        row = self.query_one("#answers-row", HorizontalScroll)
        await row.mount_all([AnswerCard(entry) for entry in answers])
        if answers:
            cards = list(row.query(AnswerCard))
            cards[-1].focus()

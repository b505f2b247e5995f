"""The check-up: go through every other best customer against the reasons clients leave."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Header, Input, SelectionList, Static

from coach.content.library import Item
from coach.core.dates import since
from coach.core.signs import SIGN_WORDS, WarningSign
from coach.customers import checkup
from coach.customers.customers import Customer, labels
from coach.routine.features import checkup_lessons, checkup_rules, checkup_warnings
from screens.messages import SaveKind
from screens.services import CoachScreen


class CheckupScreen(CoachScreen[None]):
    """One customer at a time: a question per reason, notes, an at-risk mark."""

    CSS_PATH = "checkup.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save & next", id="checkup.save", priority=True),
        Binding("ctrl+n", "skip", "Skip", id="checkup.skip", priority=True),
        Binding("escape", "finish", "Finish", id="checkup.finish"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.queue: list[Customer] = []
        self.names: dict[str, str] = {}
        self.position = 0
        self.questions: list[Item] = []
        self.reviewed = 0
        self.marked = 0
        self.flags: list[checkup.Flag] = []
        self.asked: list[WarningSign] = []  # learned signs coach cannot see: the check-up asks

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="checkup-lessons")
        yield Static(id="checkup-rules")
        yield Static(id="checkup-who")
        with VerticalScroll(id="checkup-body"):
            yield Static(id="checkup-intro")
            yield Vertical(id="checkup-questions")
            yield Static("Notes", classes="checkup-label")
            yield Input(placeholder="anything to do about it?", id="checkup-notes", compact=True)
            yield Static(
                "Do they show a sign you missed before? (space to tick)",
                id="checkup-signs-label",
                classes="checkup-label",
            )
            yield SelectionList[str](id="checkup-signs", compact=True)
            yield Checkbox("At risk: call them first until this is cleared", id="checkup-risk")
            with Horizontal(id="checkup-buttons"):
                yield Button("Save & next", id="checkup-save", variant="primary", compact=True)
                yield Button("Skip", id="checkup-skip", compact=True)
                yield Button("Finish", id="checkup-finish", compact=True)
        yield Footer()

    async def on_mount(self) -> None:
        self.sub_title = "Check-up"
        coach = self.coach
        if coach is None:
            return
        lessons = checkup_lessons(coach)
        box = self.query_one("#checkup-lessons", Static)
        if lessons:
            box.update(
                Content.assemble(("What your losses taught you", "bold"))
                + Content("\n" + "\n".join(f"• {line}" for line in lessons))
            )
        box.display = bool(lessons)
        self.show_rules()
        self.queue = checkup.queue(coach)
        self.names = labels(self.queue)
        self.query_one("#checkup-intro", Static).update(
            "Would they leave for the reasons clients leave? "
            "A few words each; leave blank what does not apply."
        )
        await self.show_customer()

    def show_rules(self) -> None:
        """Each learned sign as a rule, with the best customers showing it now."""
        coach = self.coach
        if coach is None:
            return
        learned = checkup_rules(coach)
        self.flags = checkup_warnings(coach, coach.today()) if learned else []
        self.asked = [sign for sign in learned if not checkup.coach_sees(sign)]
        names = labels(checkup.queue(coach))
        box = self.query_one("#checkup-rules", Static)
        text = Content.assemble(("Warning signs you missed before, now rules", "bold"))
        for sign, client in learned.items():
            showing = [
                f"{names.get(f.customer.id, f.customer.name)} ({f.evidence})"
                for f in self.flags
                if f.sign is sign
            ]
            text += Content("\n• " + checkup.rule_line(sign, client))
            if showing:
                text += Content.assemble(("\n  ! ", "bold $warning"), ", ".join(showing))
        box.update(text)
        box.display = bool(learned)
        signs = self.query_one("#checkup-signs", SelectionList)
        signs.clear_options()
        signs.add_options([(Content(SIGN_WORDS[sign]), sign.value) for sign in self.asked])
        signs.display = bool(self.asked)
        self.query_one("#checkup-signs-label").display = bool(self.asked)

    @property
    def current(self) -> Customer | None:
        return self.queue[self.position] if self.position < len(self.queue) else None

    async def show_customer(self) -> None:
        customer = self.current
        who = self.query_one("#checkup-who", Static)
        if customer is None:
            self.finish()
            return
        coach = self.coach
        if coach is None:
            return
        today = coach.today()
        checked = customer.last_checkup.strftime("%-d %b %Y") if customer.last_checkup else "never"
        who.update(
            Content.assemble(
                (f"{self.position + 1} of {len(self.queue)}  ", "$foreground-muted"),
                (self.names.get(customer.id, customer.name), "bold"),
                (
                    f"  ·  last contact {since(customer.last_contact, today)}"
                    f"  ·  last check-up {checked}",
                    "$foreground-muted",
                ),
                *[
                    part
                    for f in self.flags
                    if f.customer.id == customer.id
                    for part in (("\n! ", "bold $warning"), f"{SIGN_WORDS[f.sign]} ({f.evidence})")
                ],
            )
        )
        self.questions = checkup.questions(coach.library, customer)
        box = self.query_one("#checkup-questions", Vertical)
        await box.remove_children()
        widgets: list[Widget] = []
        for item in self.questions:
            widgets.append(
                Static(
                    Content.assemble((checkup.reason_label(item.reason) + ": ", "bold $accent"))
                    + Content(item.text),
                    classes="checkup-question",
                )
            )
            widgets.append(Input(id=f"answer-{item.id}", compact=True, classes="checkup-answer"))
        await box.mount_all(widgets)
        self.query_one("#checkup-notes", Input).value = ""
        self.query_one("#checkup-risk", Checkbox).value = customer.at_risk
        signs = self.query_one("#checkup-signs", SelectionList)
        signs.deselect_all()
        for sign in customer.signs_seen:
            if sign in self.asked:
                signs.select(sign.value)
        self.query_one("#checkup-body", VerticalScroll).scroll_home(animate=False)
        self.call_after_refresh(self.focus_first_answer)

    def focus_first_answer(self) -> None:
        answers = self.query(".checkup-answer")
        if answers:
            answers.first().focus()

    def answers(self) -> dict[str, str]:
        return {
            item.id: self.query_one(f"#answer-{item.id}", Input).value for item in self.questions
        }

    @on(Button.Pressed, "#checkup-save")
    async def action_save(self) -> None:
        customer = self.current
        if customer is None:
            return
        answers = self.answers()
        notes = self.query_one("#checkup-notes", Input).value
        at_risk = self.query_one("#checkup-risk", Checkbox).value
        seen = [WarningSign(v) for v in self.query_one("#checkup-signs", SelectionList).selected]
        self.save(
            SaveKind.CHECKUP,
            lambda coach: checkup.save_checkup(
                coach, customer.id, answers=answers, notes=notes, at_risk=at_risk, signs_seen=seen
            ),
        )
        self.reviewed += 1
        self.marked += at_risk
        await self.next()

    @on(Input.Submitted, ".checkup-answer")
    def answer_done(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#checkup-skip")
    async def action_skip(self) -> None:
        await self.next()

    async def next(self) -> None:
        self.position += 1
        await self.show_customer()

    @on(Button.Pressed, "#checkup-finish")
    def action_finish(self) -> None:
        self.finish()

    def finish(self) -> None:
        if self.reviewed:
            risk = f"; {self.marked} at risk, first in today's call" if self.marked else ""
            self.notify(f"Check-up saved for {self.reviewed}{risk}.", timeout=6)
        elif not self.queue:
            self.notify("Add your best customers first, then check on them.", timeout=6)
        self.dismiss()

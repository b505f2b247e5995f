"""The Customers screen: your best customers, when you last spoke, what is due, who may be at risk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Horizontal
from textual.content import Content
from textual.reactive import var
from textual.widgets import DataTable, Footer, Header, Input, Static

from coach.core.dates import describe, since
from coach.customers.cadence import State, standing, urgency_key
from coach.customers.calls import not_today
from coach.customers.checkup import set_at_risk
from coach.customers.customers import (
    Customer,
    CustomerFields,
    add_customer,
    all_customers,
    delete_customer,
    edit_customer,
    labels,
    set_archived,
)
from coach.settings import Settings
from screens.common.confirm import Choice, ConfirmScreen
from screens.customers.customer_form import CustomerForm
from screens.customers.touch_form import TouchDraft, TouchForm
from screens.messages import DataChanged, SaveFailed, SaveKind
from screens.services import CoachScreen

SORTS: tuple[tuple[str, str], ...] = (
    ("call", "next call"),
    ("name", "name"),
    ("contact", "last contact"),
    ("follow-up", "follow-up"),
    ("risk", "risk"),
)
COLUMNS = (("name", "Name"), ("company", "Company"), ("contact", "Last contact"))
COLUMNS_END = (("follow-up", "Follow-up"), ("risk", "State"))
# how each state of the cadence shows: due in the warning colour, gone quiet in the error one
STATE_STYLES = {
    State.AT_RISK: ("error", "bold"),
    State.QUIET: ("error", ""),
    State.DUE: ("warning", ""),
    State.SNOOZED: ("foreground-muted", ""),
    State.OK: ("", ""),
}


SortKey = Callable[[Customer], tuple[Any, ...]]


def sort_key(mode: str, names: dict[str, str], day: date, settings: Settings) -> SortKey:
    """The ordering of a sort mode (archived customers always last)."""

    def name(c: Customer) -> str:
        return names.get(c.id, c.name).casefold()

    keys: dict[str, SortKey] = {
        "call": lambda c: (c.archived, urgency_key(standing(c, day, settings))),
        "name": lambda c: (c.archived, name(c)),
        "contact": lambda c: (c.archived, c.last_contact or date.min, name(c)),
        "follow-up": lambda c: (c.archived, c.follow_up is None, c.follow_up or date.max, name(c)),
        "risk": lambda c: (c.archived, not c.at_risk, name(c)),
    }
    return keys[mode]


def matches(customer: Customer, label: str, words: str) -> bool:
    """True when every word of the filter is in the name, company, why or notes."""
    haystack = " ".join((label, customer.company, customer.why, customer.notes)).casefold()
    return all(word in haystack for word in words.casefold().split())


class CustomersScreen(CoachScreen[None]):
    """List, sort, filter; add, edit, archive, delete; history; log a touch; the check-up."""

    CSS_PATH = "customers.tcss"
    BINDINGS = [
        Binding("a", "add", "Add", id="customers.add"),
        Binding("e", "edit", "Edit", id="customers.edit"),
        Binding("n", "log_touch", "Log touch", id="customers.log"),
        Binding("enter", "history", "History", id="customers.history"),
        Binding("k", "checkup", "Check-up", id="customers.checkup"),
        Binding("s", "sort", "Sort", id="customers.sort"),
        Binding("slash", "filter", "Filter", id="customers.filter"),
        Binding("x", "archive", "Archive", id="customers.archive"),
        Binding("delete", "delete", "Delete", id="customers.delete"),
        Binding("v", "show_archived", "Archived", id="customers.archived", show=False),
        Binding("z", "not_today", "Not today", id="customers.not_today", show=False),
        Binding("exclamation_mark", "toggle_risk", "At risk", id="customers.risk", show=False),
        Binding("escape", "back", "Back", id="customers.back", show=False),
    ]

    sort: var[str] = var("call", init=False)
    show_archived: var[bool] = var(False, init=False)
    filter_text: var[str] = var("", init=False)

    def __init__(self) -> None:
        super().__init__()
        self.customers: list[Customer] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="customers-bar"):
            yield Input(
                placeholder="Filter by name, company or notes  (/)",
                id="customer-filter",
                compact=True,
            )
            yield Static(id="customers-sort")
        yield DataTable(id="customer-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="customer-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Best customers"
        table = self.query_one("#customer-table", DataTable)
        for key, label in (*COLUMNS, *COLUMNS_END):
            table.add_column(label, key=key)
        self.reload()
        table.focus()
        self.watch(self.app, "theme", lambda _: self.refill(), init=False)

    def on_screen_resume(self) -> None:
        self.reload()

    def on_data_changed(self, _: DataChanged) -> None:
        """Another coach process saved (say `coach call`): read the customers again."""
        self.reload()

    # -- data ------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the customers (the small main file; never the touch history)."""
        coach = self.coach
        if coach is None:
            return
        self.customers = all_customers(coach)
        self.refill()

    @property
    def today(self) -> date:
        coach = self.coach
        assert coach is not None
        return coach.today()

    @property
    def settings(self) -> Settings:
        coach = self.coach
        assert coach is not None
        return coach.settings

    def shown(self) -> list[Customer]:
        names = labels(c for c in self.customers if not c.archived or self.show_archived)
        listed = [
            c
            for c in self.customers
            if (self.show_archived or not c.archived) and matches(c, names[c.id], self.filter_text)
        ]
        return sorted(listed, key=sort_key(self.sort, names, self.today, self.settings))

    def watch_sort(self) -> None:
        self.refill()

    def watch_show_archived(self) -> None:
        self.refill()

    def watch_filter_text(self) -> None:
        self.refill()

    def refill(self) -> None:
        """Rebuild the table, keeping the cursor on the same customer when it is still shown."""
        table = self.query_one("#customer-table", DataTable)
        current = self.selected
        today = self.today
        names = labels(c for c in self.customers if not c.archived or self.show_archived)
        table.clear()
        for c in self.shown():
            table.add_row(*self.cells(c, names[c.id], today), key=c.id)
        if current is not None and current.id in table.rows:
            table.move_cursor(row=table.get_row_index(current.id))
        sort_label = dict(SORTS)[self.sort]
        extra = "  ·  archived shown" if self.show_archived else ""
        self.query_one("#customers-sort", Static).update(
            Content.assemble("sorted by ", (sort_label, "bold"), extra)
        )
        total = sum(not c.archived for c in self.customers)
        shown = f"{len(table.rows)} of {total}" if self.filter_text else f"{total}"
        table.border_title = f"{shown} best customer{'s' if total != 1 else ''}"
        self.show_detail()
        self.refresh_bindings()

    def style(self, variable: str, extra: str = "") -> str:
        """A Rich style from a theme variable (DataTable cells are Rich Text).

        Rich reads neither "auto" nor a colour with alpha (Rich drops a style it cannot
        read): a see-through colour is laid over the background first.
        """
        variables = self.app.theme_variables
        value = variables.get(variable, "")
        if value:
            colour = Color.parse(value)
            if colour.a < 1:
                colour = Color.parse(variables.get("background", "#000000")) + colour
            value = colour.hex6
        return f"{extra} {value}".strip()

    def cells(self, c: Customer, label: str, today: date) -> list[Text]:
        """One row; user text goes in as plain Text, never parsed as markup."""
        muted = self.style("foreground-muted")
        state = standing(c, today, self.settings).state
        variable, weight = STATE_STYLES[state]
        marked = self.style(variable, weight) if variable else ""
        # the Company column tells namesakes apart; only a repeat needs its number
        number = label.rsplit(" #", 1)[1] if " #" in label and label != c.name else ""
        name_style = muted if c.archived else marked if state is not State.SNOOZED else ""
        name = Text(f"{c.name} #{number}" if number else c.name, style=name_style)
        contact = Text(since(c.last_contact, today))
        if c.follow_up is None:
            follow = Text("")
        elif c.follow_up <= today:
            due = "today" if c.follow_up == today else f"due {c.follow_up:%-d %b}"
            follow = Text(due, style=self.style("warning", "bold"))
        else:
            follow = Text(describe(c.follow_up, today))
        if c.archived:
            risk = Text("archived", style=muted)
        elif state is State.OK:
            risk = Text("")
        else:
            risk = Text(state.value, style=marked)
        return [name, Text(c.company), contact, follow, risk]

    @property
    def selected(self) -> Customer | None:
        table = self.query_one("#customer-table", DataTable)
        if not table.row_count:
            return None
        try:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001  # the cursor can be past the end while refilling
            return None
        return next((c for c in self.customers if c.id == key), None)

    @on(DataTable.RowHighlighted)
    def show_detail(self) -> None:
        detail = self.query_one("#customer-detail", Static)
        c = self.selected
        if c is None:
            if not self.customers:
                detail.update("No best customers yet. Press a to add the first one.")
            else:
                detail.update("Nobody matches the filter.")
            return
        today = self.today
        first: list[str | tuple[str, str]] = [("Why: ", "bold"), c.why or "(not written yet)"]
        bits = [b for b in (c.phone, c.email) if b]
        checked = c.last_checkup.strftime("%-d %b %Y") if c.last_checkup else "never"
        second = "  ·  ".join([*bits, f"last check-up: {checked}"])
        if c.snoozed(today):
            second += "  ·  not today"
        parts: list[str | tuple[str, str]] = [*first, "\n", (second, "$foreground-muted")]
        if c.notes:
            parts += ["\n", ("Notes: ", "bold"), c.notes.splitlines()[0]]
        detail.update(Content.assemble(*parts))
        self.refresh_bindings()

    # -- actions -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        needs_row = {
            "edit",
            "log_touch",
            "history",
            "archive",
            "delete",
            "not_today",
            "toggle_risk",
        }
        if action in needs_row and self.is_mounted:
            return True if self.selected is not None else None
        return True

    def action_back(self) -> None:
        field = self.query_one("#customer-filter", Input)
        if field.has_focus or field.value:
            field.value = ""
            self.query_one("#customer-table", DataTable).focus()
            return
        self.services.action_go("today")

    def action_filter(self) -> None:
        self.query_one("#customer-filter", Input).focus()

    @on(Input.Changed, "#customer-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value

    @on(Input.Submitted, "#customer-filter")
    def filter_done(self) -> None:
        self.query_one("#customer-table", DataTable).focus()

    def action_sort(self) -> None:
        modes = [m for m, _ in SORTS]
        self.sort = modes[(modes.index(self.sort) + 1) % len(modes)]

    def action_show_archived(self) -> None:
        self.show_archived = not self.show_archived

    def _saved(self, message: str = "") -> Callable[[object], None]:
        """A save's `done`: read the customers again and say what happened."""

        def done(_: object) -> None:
            self.reload()
            if message:
                self.notify(message, timeout=4, markup=False)

        return done

    def action_add(self) -> None:
        def added(values: CustomerFields | None) -> None:
            if values is None:
                return
            self.save(
                SaveKind.NEW_CUSTOMER,
                lambda coach: add_customer(coach, values),
                done=self._after_add,
            )

        self.app.push_screen(CustomerForm(), added)

    def _after_add(self, customer: Customer) -> None:
        self.reload()
        table = self.query_one("#customer-table", DataTable)
        if customer.id in table.rows:
            table.move_cursor(row=table.get_row_index(customer.id))
        self.notify(f"Added {customer.name}.", timeout=3, markup=False)

    def action_edit(self) -> None:
        customer = self.selected
        if customer is None:
            return
        customer_id = customer.id

        def edited(values: CustomerFields | None) -> None:
            if values is None:
                return
            self.save(
                SaveKind.CUSTOMER,
                lambda coach: edit_customer(coach, customer_id, values),
                done=self._saved(),
            )

        self.app.push_screen(CustomerForm(customer.fields), edited)

    def _label(self, customer: Customer) -> str:
        return labels(c for c in self.customers if not c.archived or c.id == customer.id).get(
            customer.id, customer.name
        )

    def action_log_touch(self) -> None:
        customer = self.selected
        if customer is None:
            return
        customer_id, day = customer.id, self.today

        def logged(draft: TouchDraft | None) -> None:
            if draft is None:
                return
            self.save(
                SaveKind.TOUCH,
                lambda coach: draft.log(coach, customer_id, day),
                done=self._saved("Touch logged."),
            )

        self.app.push_screen(TouchForm(self._label(customer), day), logged)

    def action_archive(self) -> None:
        customer = self.selected
        if customer is None:
            return
        archived, customer_id = not customer.archived, customer.id
        verb = "Archived" if archived else "Brought back"
        self.save(
            SaveKind.CUSTOMER,
            lambda coach: set_archived(coach, customer_id, archived),
            done=self._saved(f"{verb} {customer.name}. Nothing was deleted."),
        )

    def action_toggle_risk(self) -> None:
        customer = self.selected
        if customer is None:
            return
        customer_id, at_risk = customer.id, not customer.at_risk
        message = "first in today's call" if at_risk else "no longer marked at risk"
        self.save(
            SaveKind.AT_RISK,
            lambda coach: set_at_risk(coach, customer_id, at_risk),
            done=self._saved(f"{customer.name}: {message}."),
        )

    def action_not_today(self) -> None:
        customer = self.selected
        if customer is None:
            return
        customer_id, day = customer.id, self.today
        self.save(
            SaveKind.NOT_TODAY,
            lambda coach: not_today(coach, customer_id, day),
            done=self._saved(f"Not today: {customer.name} comes back tomorrow."),
        )

    def action_delete(self) -> None:
        customer = self.selected
        if customer is None:
            return
        customer_id, name = customer.id, self._label(customer)

        def answered(choice: str | None) -> None:
            if choice == "archive":
                self.save(
                    SaveKind.CUSTOMER,
                    lambda coach: set_archived(coach, customer_id, True),
                    done=self._saved(f"Archived {name}."),
                )
            elif choice == "delete":
                self.save(
                    SaveKind.CUSTOMER_DELETION,
                    lambda coach: delete_customer(coach, customer_id),
                    done=self._saved(f"Deleted {name}. Their touches stay in your journal."),
                )

        keep = "" if customer.archived else "Archiving instead keeps them, out of the way."
        choices = [
            Choice("cancel", "Cancel"),
            *([] if customer.archived else [Choice("archive", "Archive instead", "primary")]),
            Choice("delete", "Delete", "error"),
        ]
        question = Content.assemble("Delete ", (name, "bold"), "?")
        detail = (
            "They leave your list for good. Every call, meeting and message you logged "
            f"stays in your journal under their name.\n{keep}"
        )
        self.app.push_screen(
            ConfirmScreen(question, choices, detail=detail.strip(), safe="cancel", danger=True),
            answered,
        )

    def action_history(self) -> None:
        customer = self.selected
        if customer is None:
            return
        from screens.customers.customer_history import CustomerHistory  # deferred: a screen

        self.app.push_screen(CustomerHistory(customer, self._label(customer)))

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_history()

    def action_checkup(self) -> None:
        from screens.customers.checkup import CheckupScreen  # deferred: a screen

        self.app.push_screen(CheckupScreen())

    @on(SaveFailed)
    def save_failed(self) -> None:
        self.reload()

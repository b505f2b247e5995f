"""Add or edit a best customer: a modal form that checks each field as you save."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Static

from coach.customers.customers import CustomerFields, problems
from screens.common.forms import FORMS_TCSS, FormScreen

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "Name", "who you talk to"),
    ("company", "Company", "optional"),
    ("phone", "Phone", "optional"),
    ("email", "Email", "optional"),
    ("why", "Why they matter", "what makes them one of your best"),
    ("notes", "Notes", "anything worth remembering"),
)


class CustomerForm(FormScreen[CustomerFields]):
    """Returns the fields typed, once they are valid; None when cancelled."""

    CSS_PATH = [FORMS_TCSS, "customer_form.tcss"]
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="customer-form.cancel"),
        Binding("ctrl+s", "submit", "Save", id="customer-form.save"),
    ]

    def __init__(self, values: CustomerFields | None = None) -> None:
        super().__init__()
        self.values = values

    def compose(self) -> ComposeResult:
        title = "Edit customer" if self.values else "Add a best customer"
        with VerticalScroll(id="customer-box", classes="form-box"):
            yield Static(title, id="customer-form-title", classes="form-title -above-rows")
            for name, label, placeholder in FIELDS:  # one row each, as on every form
                value = getattr(self.values, name) if self.values else ""
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="form-label")
                    yield Input(value, placeholder=placeholder, id=f"field-{name}", compact=True)
                yield Static(id=f"error-{name}", classes="field-error")
            yield from self.buttons("Save", prefix="customer")

    def on_mount(self) -> None:
        self.query_one("#field-name", Input).focus()

    def typed(self) -> CustomerFields:
        return CustomerFields(
            **{name: self.query_one(f"#field-{name}", Input).value for name, _, _ in FIELDS}
        )

    def show_problems(self, found: dict[str, str]) -> None:
        for name, _, _ in FIELDS:
            error = self.query_one(f"#error-{name}", Static)
            error.update(Content(found.get(name, "")))
            error.set_class(name in found, "-shown")
        if found:
            self.query_one(f"#field-{next(iter(found))}", Input).focus()

    @on(Input.Submitted)
    def action_submit(self) -> None:
        values = self.typed()
        found = problems(values)
        self.show_problems(found)
        if not found:
            self.dismiss(values.cleaned())

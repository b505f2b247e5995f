"""The tools the articles suggest: a list on the left, the chosen tool's text on the right.

Each text can be copied or saved to a private file; "Talk to someone" keeps the
user's own list of people, edited here. Loss tools are for the loss the Loss screen
had selected (its `o`), else the most recent loss.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from coach.core.errors import InputError
from coach.loss import tools
from coach.loss.losses import Loss, all_losses, most_recent
from screens.messages import SaveKind
from screens.services import CoachScreen


class ToolsScreen(CoachScreen[None]):
    """Questionnaire, meeting kit, messages, your people, this week's skills refresh."""

    CSS_PATH = "tools.tcss"
    BINDINGS = [
        Binding("ctrl+o", "copy", "Copy", id="tools.copy"),
        Binding("ctrl+r", "save_file", "Save to a file", id="tools.save"),
        Binding("e", "edit_people", "Edit your people", id="tools.people"),
        Binding("ctrl+s", "keep_people", "Keep the list", id="tools.keep", show=False),
        Binding("escape", "leave", "Back", id="tools.leave"),
    ]

    def __init__(self, tool_id: str = tools.TOOL_IDS[0], loss_id: str | None = None) -> None:
        """`loss_id`: the loss the loss tools are for (the Loss screen's `o`); else the latest."""
        super().__init__()
        self.tool_id = tools.tool(tool_id).id
        self.loss_id = loss_id
        self.loss: Loss | None = None
        self.text = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="tools-body"):
            yield OptionList(*[Option(t.title, id=t.id) for t in tools.TOOLS], id="tools-list")
            with Vertical(id="tools-right"):
                yield Static(id="tools-help")
                with VerticalScroll(id="tools-scroll"):
                    yield Static(id="tools-text")
                yield TextArea(id="tools-people", soft_wrap=True, show_line_numbers=False)
                yield Static(id="tools-source")
        yield Footer()

    def on_mount(self) -> None:
        coach = self.coach
        if coach is None:
            return
        self.sub_title = "Tools"
        chosen = [x for x in all_losses(coach) if x.id == self.loss_id]
        self.loss = chosen[0] if chosen else most_recent(coach, coach.today())
        self.query_one("#tools-people").display = False
        listing = self.query_one("#tools-list", OptionList)
        listing.highlighted = tools.TOOL_IDS.index(self.tool_id)
        listing.focus()
        self.show_tool(self.tool_id)

    @property
    def editing(self) -> bool:
        return bool(self.query_one("#tools-people").display)

    def action_show_tool(self, tool_id: str) -> None:
        """Show a tool by id (the palette's entries)."""
        self.query_one("#tools-list", OptionList).highlighted = tools.TOOL_IDS.index(tool_id)

    @on(OptionList.OptionHighlighted, "#tools-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.show_tool(event.option.id)

    def show_tool(self, tool_id: str) -> None:
        coach = self.coach
        if coach is None:
            return
        chosen = tools.tool(tool_id)
        self.tool_id = chosen.id
        self.stop_editing()
        about = chosen.help
        if chosen.needs_loss and self.loss is not None:
            about = f"{about} · for {self.loss.client}"
        self.query_one("#tools-help", Static).update(Content(about))
        try:
            self.text = tools.render(coach, chosen.id, self.loss, coach.today())
        except InputError as exc:
            self.text = ""
            self.query_one("#tools-text", Static).update(Content(f"{exc}."))
        else:
            self.query_one("#tools-text", Static).update(Content(self.text))
        sources = "; ".join(tools.sources_of(coach.library, chosen.id, self.loss))
        self.query_one("#tools-source", Static).update(
            Content.assemble(("From ", "$foreground-muted"), (sources, "italic $foreground-muted"))
        )
        self.refresh_bindings()

    # -- copy and save -----------------------------------------------------------
    def action_copy(self) -> None:
        if not self.text:
            self.notify("Nothing to copy yet: record the loss first.", severity="warning")
            return
        self.app.copy_to_clipboard(self.text)
        self.notify(f"{tools.tool(self.tool_id).title} is on the clipboard.", timeout=4)

    def action_save_file(self) -> None:
        from screens.common.save_file import SaveFileScreen  # deferred: a screen

        if not self.text:
            self.notify("Nothing to save yet: record the loss first.", severity="warning")
            return
        chosen = tools.tool(self.tool_id)
        name = self.loss.client if (self.loss and chosen.needs_loss) else ""
        name = name.replace("/", "-").replace(" ", "-")
        suggested = f"~/{chosen.stem}-{name}.txt" if name else f"~/{chosen.stem}.txt"
        self.app.push_screen(SaveFileScreen(chosen.title.lower(), self.text, suggested))

    # -- your people -------------------------------------------------------------
    def action_edit_people(self) -> None:
        coach = self.coach
        if coach is None:
            return
        if self.tool_id != "people":
            listing = self.query_one("#tools-list", OptionList)
            with self.prevent(OptionList.OptionHighlighted):  # shown here, not on the message
                listing.highlighted = tools.TOOL_IDS.index("people")
            self.show_tool("people")
        area = self.query_one("#tools-people", TextArea)
        area.load_text("\n".join(tools.people(coach)))
        area.border_title = "One person a line · ctrl+s keeps it · esc cancels"
        area.display = True
        self.query_one("#tools-scroll").display = False
        area.focus()
        self.refresh_bindings()

    def stop_editing(self) -> None:
        self.query_one("#tools-people").display = False
        self.query_one("#tools-scroll").display = True

    def action_keep_people(self) -> None:
        if not self.editing:
            return
        text = self.query_one("#tools-people", TextArea).text
        try:
            tools.parse_people(text)  # a clear message now, before anything is queued
        except InputError as exc:
            self.notify(str(exc), title="Your people", severity="warning", markup=False)
            return
        self.save(
            SaveKind.PEOPLE,
            lambda coach: tools.set_people(coach, text),
            done=lambda _: self._people_kept(),
        )

    def _people_kept(self) -> None:
        self.notify("Your people are kept.", timeout=3)
        self.show_tool("people")
        self.query_one("#tools-list", OptionList).focus()

    def action_leave(self) -> None:
        if self.editing:
            self.stop_editing()
            self.query_one("#tools-list", OptionList).focus()
            self.refresh_bindings()
            return
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep_people":
            return self.editing or None
        if action in ("copy", "save_file"):
            return (not self.editing and bool(self.text)) or None
        if action == "edit_people":
            return not self.editing or None
        return True

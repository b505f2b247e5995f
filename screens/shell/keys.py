"""The keys screen (`?` or F1): every key coach has, the global destinations first.

It reads each screen's BINDINGS from its class (screens/navigation.py names them), so a
new binding shows here with no change; a key remapped in the config file shows as
remapped. Nothing here is a widget tree per binding: one Content per screen.
"""

from __future__ import annotations

from importlib import import_module

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from screens.navigation import DESTINATIONS, FOOTER_ORDER, LINKS


def _bindings(bindings: list[BindingType]) -> list[Binding]:
    out: list[Binding] = []
    for item in bindings:
        if isinstance(item, Binding):
            out.append(item)
        elif isinstance(item, tuple) and len(item) >= 2:
            out.append(Binding(*item))
    return out


class KeysScreen(ModalScreen[None]):
    """A list of every key, by screen; escape, `?` or F1 closes it."""

    CSS_PATH = "keys.tcss"
    BINDINGS = [
        Binding("escape,question_mark,f1,q", "dismiss", "Close", id="keys.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="keys-box") as box:
            box.border_title = "Keys  (escape closes)"
            yield Static(self._section("Anywhere (outside a text field)", self._global()))
            places = [(f"{d.title}  ({d.key})", d.target) for d in DESTINATIONS]
            for title, target in [*places, *LINKS.values()]:
                module_name, class_name = target.split(":")
                screen_class = getattr(import_module(module_name), class_name)
                rows = [
                    (self._keys(b), b.description or b.action)
                    for b in _bindings(list(screen_class.BINDINGS))
                    if b.description
                ]
                if rows:
                    yield Static(self._section(title, rows))
        yield Footer()

    def _keys(self, binding: Binding) -> str:
        keymap: dict[str, str] = getattr(self.app, "_keymap", {}) or {}
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        return " ".join(self.app.get_key_display(Binding(k, "")) for k in keys.split(","))

    def _global(self) -> list[tuple[str, str]]:
        by_id = {b.id: b for b in _bindings(list(self.app.BINDINGS)) if b.id}
        rows = [(self._keys(by_id[i]), by_id[i].description) for i in FOOTER_ORDER if i in by_id]
        if "quit" in by_id:
            rows[-1] = (self._keys(by_id["quit"]), "Quit (every pending save finishes first)")
        today = by_id.get("go.today")
        if today is not None:
            rows.insert(1, (self._keys(today), "Today"))
        if "editor" in by_id:
            rows.append(
                (self._keys(by_id["editor"]), "In a long text field: write in your own editor")
            )
        return [*rows, ("ctrl+p", "Command palette: everything coach can do")]

    @staticmethod
    def _section(title: str, rows: list[tuple[str, str]]) -> Content:
        width = max((len(k) for k, _ in rows), default=0) + 2
        parts: list[tuple[str, str] | str] = [(title, "bold")]
        for keys, words in rows:
            parts += ["\n  ", (keys.ljust(width), "bold $accent"), words]
        return Content.assemble(*parts)

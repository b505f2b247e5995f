"""The Footer rebuilds only when the keys it shows change.

Textual's Footer recomposes (every FooterKey removed, made, mounted and styled
again) on each `bindings_updated` signal of its screen: every focus change, every
mount, every reactive that refreshes bindings, each scheduling its own recompose.
Before Today first painted that was 16 rebuilds, and opening a screen cost several
more (about 38% of opening Reflect). `coalesce_footer_updates` replaces
`Footer.bindings_changed`, in place and once, with one that schedules at most one
rebuild at a time and skips it when the keys the Footer would show (key, its
display, description, action, group, enabled, tooltip of each key it shows, and
the palette's key) are those it shows. A change of a hidden binding (focus
moving between widgets whose keys the Footer does not show) rebuilds nothing.
Textual's first compose is empty (its keys come with the first signal, after the
screen mounted): here the first compose shows the keys at once, so a screen's first
frame has its Footer, and the signal then rebuilds nothing unless focus changed the keys.
Each FooterKey's `compact` also starts True while the Footer's is False: every key
was styled with `-compact`, then at once styled again without it when `data_bind`
copied the Footer's value. The keys bound to the Footer now start with its value
(the palette's key, bound to nothing, stays compact as in Textual).
textual is pinned (pyproject); tests/ui/test_footer_updates.py checks that the
Footer still follows focus, keymaps and enabled keys, and that it rebuilds less.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PENDING = "_coach_rebuild_pending"
SHOWN = "_coach_shown_keys"


def shown_keys(footer: Footer) -> tuple[Any, ...]:
    """What the Footer's compose reads, as one comparable value.

    Its compose shows the bindings with `show` set, and the command palette's
    binding; a binding it leaves out changes nothing it shows.
    """
    app = footer.app
    palette = app.COMMAND_PALETTE_BINDING
    keys = tuple(
        (
            binding.key,
            app.get_key_display(binding),
            binding.description,
            binding.action,
            binding.group,
            binding.show,
            enabled,
            tooltip,
        )
        for key, (_node, binding, enabled, tooltip) in footer.screen.active_bindings.items()
        if binding.show or key == palette
    )
    return (footer.show_command_palette, app.ENABLE_COMMAND_PALETTE, keys)


def _bindings_changed(self: Footer, screen: Screen[Any]) -> None:
    self._bindings_ready = True
    if not screen.app.app_focus:
        return
    if self.is_attached and screen is self.screen and not getattr(self, PENDING, False):
        setattr(self, PENDING, True)
        self.call_after_refresh(_rebuild, self)


async def _rebuild(footer: Footer) -> None:
    setattr(footer, PENDING, False)
    if not footer.is_attached:
        return
    keys = shown_keys(footer)
    if keys == getattr(footer, SHOWN, None):
        return
    setattr(footer, SHOWN, keys)
    await footer.recompose()


_textual_compose = Footer.compose


def _compose(self: Footer) -> Iterator[Widget]:
    if not self._bindings_ready and self.is_attached:
        # the first compose shows the keys at once: the screen's first frame has them.
        # A screen's check_action may query a widget not mounted yet: then Textual's
        # way (empty until the first signal). A key it answers differently once mounted
        # differs from SHOWN, so that signal rebuilds.
        try:
            keys = shown_keys(self)
        except NoMatches:
            return
        self.set_reactive(Footer._bindings_ready, True)
        setattr(self, SHOWN, keys)
    for widget in _textual_compose(self):
        if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
            widget.set_reactive(FooterKey.compact, self.compact)  # as data_bind will set it
        yield widget


def coalesce_footer_updates() -> None:
    """Install the coalescing bindings_changed on Textual's Footer (idempotent)."""
    Footer.bindings_changed = _bindings_changed  # type: ignore[method-assign]
    Footer.compose = _compose  # type: ignore[method-assign]

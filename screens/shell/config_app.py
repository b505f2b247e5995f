"""The config file in the app: its theme and keymap applied at start, a new theme remembered.

The rules (what a good value is, where the file lives, how it is rewritten) are in
coach/core/config.py; here only what Textual knows: which themes exist.
"""

from __future__ import annotations

from textual import work
from textual.app import App
from textual.theme import Theme

from coach.core.config import ConfigError, load_config, remember_theme


class ConfigAppFeatures(App[int]):
    """Mixed into CoachApp: call `apply_config()` once, on mount."""

    _remembered_theme: str | None = None

    def apply_config(self) -> None:
        """Apply the config file's theme and keymap; a bad value warns and is left out."""
        try:
            config = load_config()
        except ConfigError as exc:
            self._config_warning(str(exc))
            return
        if config.theme is not None:
            if config.theme in self.available_themes:
                self.theme = config.theme
            else:
                known = ", ".join(sorted(self.available_themes))
                self._config_warning(f"theme {config.theme!r} is not a theme here ({known})")
        self._remembered_theme = self.theme
        if config.keymap:
            self.set_keymap(config.keymap)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self._remembered_theme:
            self._remembered_theme = theme.name
            self.remember_theme(theme.name)

    @work(thread=True, exclusive=True, group="config", exit_on_error=False)
    def remember_theme(self, name: str) -> None:
        """Write the theme into the config file (off the UI thread)."""
        try:
            remember_theme(name)
        except (ConfigError, OSError) as exc:
            self.call_from_thread(self._config_warning, f"the theme was not remembered: {exc}")

    def _config_warning(self, text: str) -> None:
        self.notify(text, title="Your config file", severity="warning", timeout=10, markup=False)

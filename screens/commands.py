"""Command palette entries for coach (ctrl+p)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider

from coach.loss import tools
from screens.navigation import DESTINATIONS

# Textual's own entries that coach replaces: its Quit skips the pending saves
# (coach's waits for them), its Keys is a help panel (coach's is the `?` screen)
REPLACED_SYSTEM_COMMANDS = frozenset({"Quit", "Keys"})


def without_duplicates(commands: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's system commands less the ones coach has its own of."""
    return (c for c in commands if c.title not in REPLACED_SYSTEM_COMMANDS)


class CoachCommands(Provider):
    """Everything a user can do from the palette, by name."""

    def _commands(self) -> list[tuple[str, str, str]]:
        # (name, help, action): actions run against the current screen then the app
        return [
            ("Start my morning", "Go through today's steps one by one", "screen.start_morning"),
            ("Mark step done", "Tick the highlighted step of the routine", "screen.toggle_done"),
            ("Save reflection", "Save what you wrote for today's prompt", "screen.save_reflection"),
            (
                "Record a lost client",
                "On the Loss screen: record a client who left",
                "screen.record",
            ),
            ("Post-mortem", "On the Loss screen: work through why they left", "screen.postmortem"),
            ("Unsent letter", "On the Loss screen: the letter that goes nowhere", "screen.letter"),
            (
                "Forget this loss",
                "On the Loss screen: delete a loss recorded by mistake",
                "screen.forget",
            ),
            (
                "New thought record",
                "Feelings aren't facts: weigh a hot thought against your own week",
                "app.open('thought')",
            ),
            ("Log a help", "On the Challenge screen: log someone you helped", "screen.log_help"),
            (
                "Set the weekly help goal",
                "On the Challenge screen: how many people to help each week",
                "screen.set_goal",
            ),
            ("Add a best customer", "On Customers: add someone to call", "screen.add"),
            ("Log a touch", "On Customers: log a call, meeting or message", "screen.log_touch"),
            ("Check-up", "On Customers: review every best customer for risk", "screen.checkup"),
            *[(t.title, f"On Tools: {t.help}", f"screen.show_tool('{t.id}')") for t in tools.TOOLS],
            *[(f"Open {d.title}", d.help, f"app.go('{d.name}')") for d in DESTINATIONS],
            ("Keys", "Every key, by screen, and where each key takes you (? or F1)", "app.keys"),
            ("Back up now", "Copy your data to a backup file now", "app.backup_now"),
            (
                "Export your data",
                "Write everything to a JSON (or Markdown) file you name",
                "app.export_data",
            ),
            ("Import a coach export", "Add what is missing from a JSON export", "app.import_data"),
            (
                "Restore a backup",
                "Replace your data with a backup's (yours is backed up first)",
                "app.restore_backup",
            ),
            ("Snooze walk reminder", "Remind me about the walk later", "app.snooze_walk"),
            ("Quit", "Quit coach (pending saves finish first)", "app.quit"),
        ]

    async def discover(self) -> Hits:
        for name, help_text, action in self._commands():
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )

    async def _run(self, action: str) -> None:
        await self.app.run_action(action, self.screen)

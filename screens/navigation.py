"""Where a user can go from anywhere: one line per screen.

The app turns each Destination into a key binding (shown in the Footer) and a
command palette entry. Screens are imported only when first opened, so start-up
pays for Today alone.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Destination:
    name: str  # action argument and screen name
    key: str  # the key that opens it from anywhere but a text field
    title: str  # shown in the Footer and the palette
    help: str  # the palette's one-line description
    target: str  # "module:ScreenClass", imported on first use
    footer: bool = True  # shown in the Footer (the keys screen and the palette list every one)


DESTINATIONS: list[Destination] = [
    Destination("today", "t", "Today", "Today's routine", "screens.today.today:TodayScreen"),
    Destination(
        "walk", "w", "Walk", "The walk timer and your walk log", "screens.walk.walk:WalkScreen"
    ),
    Destination(
        "settings",
        "s",
        "Settings",
        "Reminder time, walk goal, day rollover and more",
        "screens.settings.settings:SettingsScreen",
    ),
    Destination(
        "loss",
        "l",
        "Loss",
        "Record a lost client, the post-mortem, closing it, keeping the door open",
        "screens.loss.loss:LossScreen",
    ),
    Destination(
        "challenge",
        "h",
        "Challenge",
        "The help-someone challenge: this week's count, ideas and past weeks",
        "screens.challenge.challenge:ChallengeScreen",
    ),
    Destination(
        "reflect",
        "r",
        "Reflect",
        "Write today's reflection",
        "screens.journal.reflect:ReflectScreen",
    ),
    Destination(
        "history",
        "y",
        "History",
        "Your journal: read, search, edit; how your answers changed",
        "screens.journal.history:HistoryScreen",
    ),
    Destination(
        "customers",
        "c",
        "Customers",
        "Your best customers: today's call, touches, follow-ups and the check-up",
        "screens.customers.customers:CustomersScreen",
    ),
    Destination(
        "progress",
        "p",
        "Progress",
        "Your year, your streak and your recovery since the loss",
        "screens.progress.progress:ProgressScreen",
    ),
    Destination(
        "tools",
        "o",
        "Tools",
        "The questionnaire, the meeting kit, messages to send, your people, skills refresh",
        "screens.loss.tools:ToolsScreen",
        footer=False,
    ),
]


# Screens one feature's screens may open on top of the current one (the post-mortem's link to
# the thought record), by name: `services.action_open(name)`. No global key, nothing popped.
LINKS: dict[str, tuple[str, str]] = {  # name: (title on the keys screen, "module:Class")
    "thought": ("Thought record", "screens.journal.thought:ThoughtScreen"),
}


# The Footer shows the app's keys in this order, after the screen's own: at 80 columns only
# the first few fit, so the keys screen comes first (it lists the rest), then the places a
# newcomer needs most. Quit is last: ctrl+q works everywhere and the keys screen names it.
FOOTER_ORDER: tuple[str, ...] = (
    "keys",
    "go.loss",
    "go.reflect",
    "go.walk",
    "go.customers",
    "go.challenge",
    "go.progress",
    "go.history",
    "go.settings",
    "quit",
)

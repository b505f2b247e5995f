"""The tools the articles suggest, as text to copy, save or send.

Each tool turns content (content/tools.toml) into plain text for one loss (the
questionnaire, the meeting kit, the heart-to-heart, the check-in messages) or for
the user (talk to someone, with their own list of people; this week's skills
refresh). `{client}` is filled in; `[brackets]` are left for the user to fill.
Your people live in `store.doc(DOC)`: `{"people": ["Ann: always straight with me", ...]}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from coach.content import rotation
from coach.content.library import Item, Library, Phase
from coach.core.errors import InputError
from coach.core.text import one_line
from coach.loss.losses import Loss, current_lean
from coach.session import Coach

DOC = "people"
PEOPLE_WALK = "talk-people"  # the user's people, on this user's own circle
TALK_PHASES = frozenset({Phase.FIRST_DAYS, Phase.EARLY})  # days 0-13 after a loss
TALK_KEYS = "(o for Tools, e to edit your people)"
WEEKLY_NOTE = "This week: "  # how the skills refresh opens on Today
MAX_PEOPLE = 12
MAX_PERSON = 80  # characters a line: a name and what they are good for


@dataclass(frozen=True)
class Tool:
    id: str
    title: str
    help: str
    needs_loss: bool
    stem: str  # the file name a save suggests: ~/<stem>-<client>.txt


TOOLS: tuple[Tool, ...] = (
    Tool(
        "questionnaire",
        "Questions for the client",
        "A short questionnaire to send: open questions for the reasons they left",
        True,
        "questions",
    ),
    Tool(
        "meeting",
        "The post-break-up meeting",
        "An agenda, and messages to a colleague who could set it up and to their contact",
        True,
        "meeting",
    ),
    Tool(
        "heart-to-heart",
        "A heart-to-heart",
        "When the break-up went badly: a message, or what to say face to face",
        True,
        "heart-to-heart",
    ),
    Tool(
        "checkins",
        "Check-in messages",
        "A light message for the 3, 6 and 12-month check-ins",
        True,
        "check-ins",
    ),
    Tool(
        "people",
        "Talk to someone",
        "Your own short list of people who lift you up, and today's nudge",
        False,
        "people",
    ),
    Tool(
        "skills",
        "Refresh your skills",
        "This week's suggestion: half an hour on your craft or your clients' industry",
        False,
        "skills",
    ),
)
TOOL_IDS = tuple(t.id for t in TOOLS)


def first_days_card(library: Library) -> list[Item]:
    """The lines of Today's card on days 0-2 after a loss: feel it, walk, talk."""
    return _ordered(library, "first-days")


def tool(tool_id: str) -> Tool:
    """The tool named `tool_id`, or InputError naming the ones there are."""
    found = next((t for t in TOOLS if t.id == tool_id), None)
    if found is None:
        raise InputError(f"there is no tool {tool_id!r} (tools: {', '.join(TOOL_IDS)})")
    return found


def _fill(text: str, loss: Loss | None) -> str:
    # plain replacement: a client's name may hold braces
    return text.replace("{client}", loss.client) if loss else text


def _ordered(library: Library, pool: str) -> list[Item]:
    """A pool in its `step` order (numbers as numbers), then by id."""

    def key(item: Item) -> tuple[int, str, str]:
        return (int(item.step) if item.step.isdigit() else 999, item.step, item.id)

    return sorted(library.pool(pool), key=key)


def _part(library: Library, step: str) -> str:
    found = [i for i in library.pool("questionnaire-part") if i.step == step]
    return found[0].text if found else ""


def client_questions(library: Library, reasons: tuple[str, ...]) -> list[Item]:
    """Open questions for the client: each reason's in turn, then those for every loss."""
    pool = library.pool("client-question")
    out: list[Item] = []
    for reason in (*dict.fromkeys(reasons), "any"):
        out.extend(i for i in pool if i.reason == reason)  # in the content file's order
    return out


def client_questionnaire(library: Library, loss: Loss, own: list[str] | None = None) -> str:
    """The questionnaire to send the client: intro, open questions, a rating, thanks.

    `own`: the user's own questions (the post-mortem's), asked after the reasons' ones.
    """
    questions = [q.text for q in client_questions(library, loss.reasons)]
    extra = [q for q in own or [] if q not in questions]
    general = [q.text for q in library.pool("client-question") if q.reason == "any"]
    # the user's own questions go before the closing "anything else" ones
    body = (
        [q for q in questions if q not in general] + extra + [q for q in questions if q in general]
    )
    lines = [f"A few questions for {loss.client}", ""]
    intro = _part(library, "intro")
    if intro:
        lines += [intro, ""]
    lines += [f"{n}. {text}" for n, text in enumerate(body, 1)]
    rating = _part(library, "rating")
    if rating:
        lines += ["", rating]
    closing = _part(library, "closing")
    if closing:
        lines += ["", closing]
    return "\n".join(lines) + "\n"


def _section(title: str, text: str) -> list[str]:
    return [title, "-" * len(title), text, ""]


def meeting_kit(library: Library, loss: Loss) -> str:
    """The post-break-up meeting: two messages to set it up, then a 30-minute agenda."""
    lines = [f"The post-break-up meeting with {loss.client}", ""]
    for item in sorted(library.pool("meeting-message"), key=lambda i: (i.step != "broker", i.id)):
        lines += _section(item.title or "A message", _fill(item.text, loss))
    lines += ["The agenda (about 30 minutes)", "-" * 29]
    for n, item in enumerate(_ordered(library, "meeting-agenda"), 1):
        lines.append(f"{n}. {item.title}: {item.text}" if item.title else f"{n}. {item.text}")
    return "\n".join(lines) + "\n"


def heart_to_heart(library: Library, loss: Loss) -> str:
    """When the break-up went badly: a letter, and what to say face to face."""
    lines = [f"A heart-to-heart with {loss.client}", ""]
    for item in sorted(library.pool("heart-to-heart"), key=lambda i: i.id, reverse=True):
        lines += _section(item.title or "A message", _fill(item.text, loss))
    return "\n".join(lines).rstrip() + "\n"


def checkin_messages(library: Library, loss: Loss) -> str:
    """A message for each check-in, with its date when the loss has one that far out."""
    lines = [f"Check-in messages for {loss.client}", ""]
    for item in _ordered(library, "checkin-message"):
        title = item.title or f"At {item.step} months"
        due = _checkin_near(loss, item.step)
        if due is not None:
            title = f"{title} ({due.isoformat()})"
        lines += _section(title, _fill(item.text, loss))
    return "\n".join(lines).rstrip() + "\n"


def _checkin_near(loss: Loss, months: str) -> date | None:
    """The loss's check-in closest to `months` after they left (None without one)."""
    if not months.isdigit() or not loss.checkins:
        return None
    target = int(months) * 30.44
    best = min(loss.checkins, key=lambda d: abs((d - loss.left).days - target))
    return best if abs((best - loss.left).days - target) < 45 else None


# -- your people ---------------------------------------------------------------------


def people(coach: Coach) -> list[str]:
    """The user's own list of people to talk to (malformed entries read as none)."""
    raw = coach.store.doc(DOC).get().get("people")
    return [p for p in raw if isinstance(p, str) and p.strip()] if isinstance(raw, list) else []


def parse_people(text: str) -> list[str]:
    """One person a line ("Ann: always straight with me"); InputError names what is wrong."""
    found = [line.strip(" -*\t") for line in text.splitlines()]
    found = list(dict.fromkeys(p for p in found if p))
    if len(found) > MAX_PEOPLE:
        raise InputError(f"keep the list short: {MAX_PEOPLE} people at most ({len(found)} given)")
    for n, person in enumerate(found, 1):
        if len(person) > MAX_PERSON:
            raise InputError(
                f"person {n} is {len(person)} characters: keep each line under {MAX_PERSON}"
            )
    return found


def set_people(coach: Coach, text: str) -> list[str]:
    """Replace the list with the lines of `text` (an empty text clears it)."""
    found = parse_people(text)
    with coach.store.transaction():
        coach.store.doc(DOC).update({"people": found})
    return found


def talk_to_someone(coach: Coach, day: date) -> str:
    """Your people, and today's nudge to reach one of them (or to name one)."""
    listed = people(coach)
    nudge = [
        i
        for i in coach.library.pool("talk-to-someone")
        if i.step == ("listed" if listed else "empty")
    ]
    lines = ["Talk to someone who lifts you up", ""]
    if nudge:
        lines += [nudge[0].text, ""]
    if listed:
        lines += ["Your people:", *(f"- {p}" for p in listed)]
        lines += ["", f"Today, perhaps: {people_today(coach, day, 1)[0]}"]
    else:
        lines.append("Your list is empty: add a few names, one a line (e on the Tools screen).")
    return "\n".join(lines) + "\n"


def people_today(coach: Coach, day: date, count: int = 2) -> list[str]:
    """`count` of your people for `day`, walked in this user's own order from their first
    day (one step a day, the same all day): everyone comes round before anyone again."""
    listed = people(coach)
    if not listed:
        return []
    state = rotation.load(coach.store, day, rotation.writes_of(coach))
    order = rotation.circle(state.seed, PEOPLE_WALK, listed)
    start = (day - state.first_day).days
    return [order[(start + k) % len(order)] for k in range(min(count, len(order)))]


def person_name(entry: str) -> str:
    """ "Ann: always straight with me" -> "Ann", as one line (the whole entry without a name)."""
    name = entry.split(":", 1)[0].strip()
    return one_line(name or entry.strip())


def talk_notes(coach: Coach, day: date) -> list[str]:
    """Today's optional nudge on days 0-13 after a loss: one or two of your people by name,
    or ask for a name when the list is empty; with the article it comes from."""
    if current_lean(coach, day).phase not in TALK_PHASES:
        return []
    names = [person_name(p) for p in people_today(coach, day)]
    step = "listed" if names else "empty"
    item = next((i for i in coach.library.pool("talk-to-someone") if i.step == step), None)
    if item is None:  # no content for it: no note (every note names its article)
        return []
    if names:
        ask = f"Talk to someone who encourages you: {', or '.join(names)}? {TALK_KEYS}"
    else:
        ask = "Talk to someone who encourages you: who lifts you up? Add a name (o, then e)"
    return [f"{ask} — {item.source_line}"]


# -- refresh your skills -------------------------------------------------------------


def skills_suggestion(coach: Coach, day: date) -> Item | None:
    """This week's suggestion: this user's order, one a week, none again until all were shown."""
    items = {i.id: i for i in coach.library.pool("skills-refresh")}
    if not items:
        return None
    state = rotation.load(coach.store, day, rotation.writes_of(coach))
    order = rotation.circle(state.seed, "skills-refresh", items)
    weeks = (day - state.first_day).days // 7
    return items[order[weeks % len(order)]]


def skills_notes(coach: Coach, day: date) -> list[str]:
    """Today's optional weekly suggestion (the same all week, this user's order), with the
    article it comes from; none in the first days after a loss (feelings first)."""
    if current_lean(coach, day).phase == Phase.FIRST_DAYS:
        return []
    item = skills_suggestion(coach, day)
    return [f"{WEEKLY_NOTE}{item.text} — {item.source_line}"] if item else []


def skills_refresh(coach: Coach, day: date) -> str:
    item = skills_suggestion(coach, day)
    lines = ["Refresh your skills: this week", ""]
    lines.append(item.text if item else "No suggestions are loaded.")
    return "\n".join(lines) + "\n"


def render(coach: Coach, tool_id: str, loss: Loss | None, day: date) -> str:
    """The text of a tool (for a loss when it needs one); InputError when it has none."""
    chosen = tool(tool_id)
    if chosen.needs_loss and loss is None:
        raise InputError(
            f"{chosen.title} needs a lost client: record one first (l in the app, coach loss add)"
        )
    by_loss: dict[str, Callable[[Library, Loss], str]] = {
        "questionnaire": lambda lib, lo: client_questionnaire(lib, lo, own_questions(lo)),
        "meeting": meeting_kit,
        "heart-to-heart": heart_to_heart,
        "checkins": checkin_messages,
    }
    if chosen.id in by_loss:
        assert loss is not None
        return by_loss[chosen.id](coach.library, loss)
    if chosen.id == "people":
        return talk_to_someone(coach, day)
    return skills_refresh(coach, day)


def own_questions(loss: Loss) -> list[str]:
    """The questions the user wrote in the post-mortem, one a line."""
    lines = loss.postmortem.get("questions", "").splitlines()
    return [q.strip(" -*\t") for q in lines if q.strip(" -*\t")]


def sources_of(library: Library, tool_id: str, loss: Loss | None = None) -> list[str]:
    """The articles a tool's content comes from (shown under it): for a loss, only the
    questions its reasons ask."""
    pools = {
        "questionnaire": ("questionnaire-part", "client-question"),
        "meeting": ("meeting-message", "meeting-agenda"),
        "heart-to-heart": ("heart-to-heart",),
        "checkins": ("checkin-message",),
        "people": ("talk-to-someone",),
        "skills": ("skills-refresh",),
    }[tool(tool_id).id]
    used = [item for pool in pools for item in library.pool(pool)]
    if tool_id == "questionnaire" and loss is not None:
        asked = {q.id for q in client_questions(library, loss.reasons)}
        used = [i for i in used if i.pool != "client-question" or i.id in asked]
    return list(dict.fromkeys(s for item in used for s in item.sources))

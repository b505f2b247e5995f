"""The per-user rotation: a simulation of daily users over many start and loss dates,
plus the stored seed, content changes, and the checks on the written content."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.content import rotation
from coach.content.library import Item, Lean, Library, Phase
from coach.journal.reflections import is_letter_prompt
from coach.loss.losses import REASONS, STEADY_DAYS, Loss
from coach.session import Coach
from tests.conftest import REAL_NEW_SEED, TEST_SEED

# one worker runs this module: its simulated users (`runs`, ~3.5 s) are built once, not per worker
pytestmark = pytest.mark.xdist_group("rotation")

DAILY_POOLS = (
    "prompt",
    "encouragement",
    "walk",
    "walk-thought",
    "call",
    "call-value-idea",
    "help",
    "help-idea",
)
GOAL = {"prompt": 30}  # days without a repeat; every other pool: 14
OTHER_GOAL = 14
LEARNING = {
    "learn-from-it",
    "why-it-went-bad",
    "objective-review",
    "feedback-truth",
    "open-minded-postmortem",
    "ask-why",
    "no-anomalies",
}
REASON_SETS = (
    ("service",),
    ("missed-deadlines", "communication"),
    ("acquisition",),
    ("acquisition", "communication"),  # outside and a lapse: no "it was not you"
    ("out-of-business",),
    ("price", "competitor"),
    ("too-busy",),
    ("their-situation",),
    ("unknown",),
)
LOSS_OFFSETS = (None, 0, 9, 40, -(STEADY_DAYS - 20))  # no loss, on day 0, 9, 40, months before
DAYS = 220  # first days, early, later (past 30 days) and steady for the old loss


def eligible_ids(library: Library, pool: str, lean: Lean) -> tuple[str, ...]:
    return tuple(
        i.id
        for i in library.pool(pool)
        if lean.allows(i) and not (pool == "prompt" and is_letter_prompt(i))
    )


def simulate(library: Library, seed: str, first: date, loss: Loss | None) -> list[tuple]:
    """One daily user: (day number, phase, reasons, pool, item id) for every pick."""
    anchors: dict[str, rotation.Anchor] = {}
    shown = []
    for n in range(DAYS):
        day = first + timedelta(days=n)
        lean = loss.lean(day) if loss and loss.left <= day else Lean()
        if lean.phase == Phase.STEADY:
            lean = Lean()
        for pool in DAILY_POOLS:
            ids = eligible_ids(library, pool, lean)
            item_id, moved = rotation.pick_id(seed, first, pool, ids, day, anchors.get(pool))
            if moved is not None:
                anchors[pool] = moved
            shown.append((n, lean.phase, lean.groups, pool, item_id))
    return shown


@pytest.fixture(scope="module")
def runs(library: Library) -> list[list[tuple]]:
    out = []
    for k in range(20):
        first = date(2026, 1, 1) + timedelta(days=37 * k)
        for j, offset in enumerate(LOSS_OFFSETS):
            reasons = REASON_SETS[(k + j) % len(REASON_SETS)]
            loss = None
            if offset is not None:
                loss = Loss(
                    id="x", client="Acme", left=first + timedelta(days=offset), reasons=reasons
                )
            out.append(simulate(library, f"user-{k}", first, loss))
    return out


@pytest.fixture(scope="module")
def library() -> Library:
    from coach.content.library import default_library

    return default_library()


def test_no_repeat_within_the_goal_in_any_pool_and_phase(runs: list[list[tuple]]) -> None:
    shortest: dict[tuple[str, str], int] = {}
    for shown in runs:
        last_seen: dict[tuple[str, str], int] = {}
        phase_of: dict[str, object] = {}
        for n, phase, _groups, pool, item_id in shown:
            if phase_of.get(pool) != phase:  # a new phase starts its own count
                phase_of[pool] = phase
                last_seen = {k: v for k, v in last_seen.items() if k[0] != pool}
            key = (pool, item_id)
            if key in last_seen:
                gap = n - last_seen[key]
                shortest[(pool, phase)] = min(shortest.get((pool, phase), gap), gap)
            last_seen[key] = n
    for (pool, phase), gap in sorted(shortest.items()):
        assert gap >= GOAL.get(pool, OTHER_GOAL), (pool, phase, gap)
    # the long phases did run long enough to repeat: the measure is not empty
    assert {("prompt", Phase.LATER), ("prompt", Phase.STEADY)} <= set(shortest)


def test_no_learning_or_post_mortem_prompt_in_the_first_days(
    runs: list[list[tuple]], library: Library
) -> None:
    first_days = [
        library.get(item_id)
        for shown in runs
        for _n, phase, _g, pool, item_id in shown
        if pool == "prompt" and phase == Phase.FIRST_DAYS
    ]
    assert first_days  # the simulation does cover days 0-2
    for item in first_days:
        assert item is not None and not (set(item.advice) & LEARNING), item
        assert item.phase in ("first-days", "early", "any"), item.id


def test_never_it_may_not_be_you_after_a_lapse_of_their_own(
    runs: list[list[tuple]], library: Library
) -> None:
    by_group: dict[str, set[str]] = defaultdict(set)
    for shown in runs:
        for _n, _phase, groups, _pool, item_id in shown:
            item = library.get(item_id)
            assert item is not None
            if "lapse" in groups:
                assert item.lean != "not-lapse", item.id
            if item.lean and not item.lean.startswith("not-"):
                assert item.lean in groups, item.id  # landscape items only after landscape...
            if item.lean == "landscape":
                assert "lapse" not in groups, item.id  # ...and never beside a lapse
            for group in groups:
                by_group[group].add(item.lean)
    assert "lapse" in by_group["lapse"]  # the user who slipped is told to own it
    assert "landscape" in by_group["landscape"]  # the acquired client: it may not be you
    assert "market" in by_group["market"]


def test_a_new_folder_gets_a_random_seed_outside_the_tests() -> None:
    seeds = {REAL_NEW_SEED() for _ in range(5)}
    assert len(seeds) == 5 and all(len(s) == 16 for s in seeds)


def test_each_user_has_their_own_order() -> None:
    ids = [f"i{n}" for n in range(20)]
    assert rotation.circle("a", "prompt", ids) != rotation.circle("b", "prompt", ids)
    assert rotation.circle("a", "prompt", ids) != rotation.circle("a", "walk", ids)


def test_the_walk_starts_on_the_first_day_and_goes_round_once() -> None:
    ids = [f"i{n}" for n in range(10)]
    first = date(2026, 3, 1)
    shown = [
        rotation.pick_id("s", first, "p", ids, first + timedelta(days=n), None)[0]
        for n in range(20)
    ]
    assert shown[:10] == rotation.circle("s", "p", ids)
    assert shown[10:] == shown[:10]


@pytest.mark.parametrize("change", ["add", "remove"])
def test_a_change_of_content_goes_on_from_where_the_walk_stood(change: str) -> None:
    first = date(2026, 3, 1)
    ids = [f"i{n}" for n in range(12)]
    anchor = None
    shown = []
    for n in range(30):
        if n == 7:
            ids = ids + ["new-1", "new-2"] if change == "add" else ids[2:]
        item_id, moved = rotation.pick_id("s", first, "p", ids, first + timedelta(days=n), anchor)
        anchor = moved or anchor
        shown.append(item_id)
    # days 0-6 were not forgotten: the walk goes on, no item comes back before the pool is used
    first_repeat = next(n for n in range(30) if shown[n] in shown[:n])
    assert first_repeat >= len(ids) - 2, shown


def test_the_seed_and_first_day_are_stored_once(coach: Coach) -> None:
    day = coach.today()
    first = rotation.daily(coach.store, coach.library, "walk", day)
    stored = coach.store.doc(rotation.DOC).get()
    assert stored["first_day"] == day.isoformat() and stored["seed"] == TEST_SEED
    later = rotation.daily(coach.store, coach.library, "walk", day + timedelta(days=3))
    assert coach.store.doc(rotation.DOC).get()["seed"] == stored["seed"]
    assert rotation.daily(coach.store, coach.library, "walk", day) == first  # the same all day
    assert later != first


def test_an_unwritable_folder_still_gets_a_pick(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coach.core.errors import StoreWriteError

    def refuse(*args: object, **kwargs: object) -> None:
        raise StoreWriteError("coach.json", "disk full")

    monkeypatch.setattr(coach.store, "transaction", refuse)
    assert rotation.daily(coach.store, coach.library, "walk", coach.today()) is not None


# --- the written content ---------------------------------------------------------------

RUNS = Path(__file__).parents[2] / "fixtures" / "articles" / "eight-word-runs.txt"


def words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.findall(r"[a-z0-9']+", text)


def copied_runs(item: Item, known: set[str]) -> list[str]:
    text = item.text
    if item.quote_by:  # a quote the articles quote (Chiat, Churchill) may stay a quote
        text = re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)
    w = words(text)
    runs = [" ".join(w[i : i + 8]) for i in range(len(w) - 7)]
    return [r for r in runs if hashlib.sha256(r.encode()).hexdigest()[:16] in known]


def test_no_item_copies_eight_words_in_a_row_from_the_articles(library: Library) -> None:
    known = {line for line in RUNS.read_text().splitlines() if line and not line.startswith("#")}
    assert len(known) > 3000
    copied = {i.id: runs for i in library.items.values() if (runs := copied_runs(i, known))}
    assert copied == {}


def test_the_copy_check_can_fail() -> None:
    known = {line for line in RUNS.read_text().splitlines() if line and not line.startswith("#")}
    lifted = Item(
        id="x",
        pool="prompt",
        text="Thank your client from the bottom of your heart, and actually mean it!",
        sources=("How to Handle Client Rejection",),
        advice=("gracious-thanks",),
    )
    assert copied_runs(lifted, known)


def test_every_daily_pool_has_enough_for_its_goal_in_every_phase(library: Library) -> None:
    for pool in DAILY_POOLS:
        for phase in (Phase.EARLY, Phase.LATER, Phase.STEADY):
            for reasons in REASON_SETS:
                groups = frozenset(REASONS[r].group for r in reasons)
                lean = Lean(phase, groups if phase != Phase.STEADY else frozenset())
                n = len(eligible_ids(library, pool, lean))
                goal = GOAL.get(pool, OTHER_GOAL) if phase != Phase.EARLY else 11
                assert n >= goal, (pool, phase, reasons, n)


# ADVICE-MAP.md's "from" column: which articles give each piece of advice
FROM = {
    "gracious-thanks": ("000", "003", "004"),
    "learn-from-it": ("000",),
    "no-burnt-bridges": ("000",),
    "not-personal": ("000", "002", "003"),
    "next-door-opens": ("000",),
    "maybe-not-you": ("001",),
    "feedback-truth": ("001",),
    "positive-self-talk": ("001",),
    "return-policy": ("001",),
    "high-road": ("001", "003"),
    "unsent-letter": ("001",),
    "sharpen-skills": ("001",),
    "dont-dwell": ("001",),
    "losing-starts-early": ("002",),
    "why-it-went-bad": ("002",),
    "ask-why": ("002",),
    "objective-review": ("002",),
    "stay-professional": ("002",),
    "landscape-changes": ("003",),
    "feelings-not-facts": ("003",),
    "third-party": ("003",),
    "open-minded-postmortem": ("003",),
    "high-ground": ("003",),
    "no-anomalies": ("003",),
    "not-yet": ("003",),
    "end-on-a-great-note": ("004",),
    "take-a-walk": ("004",),
    "talk-to-a-motivator": ("004",),
    "help-someone-game": ("004",),
    "call-best-customer": ("004",),
    "trust-the-work": ("004",),
}
ARTICLES = {
    "How to Handle Client Rejection": "000",
    "Dealing With the Loss of a Client": "001",
    "Losing A Client": "002",
    "Breaking Up Is Hard To Do": "003",
    "Overcoming the Emotional Loss of Losing a Customer": "004",
}


def test_every_item_is_attributed_to_an_article_its_advice_really_comes_from(
    library: Library,
) -> None:
    assert set(FROM) == set(library.advice_ids)
    for item in library.items.values():
        articles = {ARTICLES[s] for s in item.sources}
        carried = {a for advice in item.advice for a in FROM[advice]}
        assert articles <= carried, (item.id, articles, carried)

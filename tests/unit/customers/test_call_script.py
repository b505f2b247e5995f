"""The short call script: open, add value, ask what more you can do; each line with its source."""

from __future__ import annotations

from datetime import date, timedelta

from coach.content import rotation
from coach.content.library import Library
from coach.customers import context
from coach.customers.customers import CustomerFields, add_customer
from coach.customers.script import PARTS, call_script
from coach.session import Coach

DAY = date(2026, 11, 22)


def test_every_part_has_content_from_the_articles(library: Library) -> None:
    for part, pool in PARTS:
        items = library.pool(pool)
        assert len(items) >= 3, part
        for item in items:
            assert item.sources and all(s in library.sources for s in item.sources), item.id
            assert "call-best-customer" in item.advice or item.advice, item.id


def test_the_script_opens_adds_value_and_asks(coach: Coach) -> None:
    script = call_script(coach, DAY)
    assert [line.part for line in script] == ["Open", "Add value", "Ask"]
    for line, (_, pool) in zip(script, PARTS, strict=True):
        assert line.item.pool == pool
        assert line.source == "; ".join(line.item.sources) and line.source
    ask = coach.library.pool("call-script-ask")
    assert any("anything more I can help you with" in item.text for item in ask)


def test_the_script_is_on_the_users_rotation(coach: Coach) -> None:
    today = call_script(coach, DAY)
    assert call_script(coach, DAY) == today  # the same all day
    for (_, pool), line in zip(PARTS, today, strict=True):
        assert rotation.daily(coach.store, coach.library, pool, DAY) == line.item
    days = [call_script(coach, DAY + timedelta(days=n)) for n in range(3)]
    for index, (_, pool) in enumerate(PARTS):
        shown = {script[index].item.id for script in days}
        assert shown == {item.id for item in coach.library.pool(pool)}  # no repeat in 3 days


def test_the_context_card_shows_the_script_with_sources(coach: Coach) -> None:
    ann = add_customer(coach, CustomerFields("Ann"))
    card = context.context(coach, ann, DAY, [])
    lines = context.lines(card)
    at = lines.index("A short call script:")
    first = card.script[0]
    assert lines[at + 1] == f"  Open: {first.text}"
    assert lines[at + 2] == f"    (from {first.source})"
    script = context.as_json(card)["script"]
    assert isinstance(script, list)
    assert [s["part"] for s in script] == ["Open", "Add value", "Ask"]

"""Thought records: the model, saving as typed, search, export/import and the reflect step."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.errors import InputError
from coach.data import exchange
from coach.days.steps import StepId
from coach.journal import thoughts as T
from coach.journal.search import search_thoughts
from coach.routine.features import done_between, step_done
from coach.session import Coach, open_coach

SUNDAY = date(2026, 11, 22)


def full() -> T.ThoughtFields:
    return T.ThoughtFields(
        situation="Acme emailed: they are moving to a competitor.",
        feelings=(T.Feeling("anxious", 80), T.Feeling("ashamed", 60)),
        thought="I'll lose all my clients",
        evidence_for=("Acme left",),
        evidence_against=("Ann (Bolt) answered on 3 Nov: went well",),
        balanced="One client left; the others are still answering.",
        rerated=(T.Feeling("anxious", 40),),
        traps=("catastrophizing", "trap-personalisation"),
    )


def test_a_full_record_round_trips_and_reads_back(coach: Coach) -> None:
    saved = T.save_thought(coach, SUNDAY, full())
    assert saved is not None
    [stored] = T.thoughts_on(coach, SUNDAY)
    assert stored == saved
    assert stored.traps == ("trap-catastrophizing", "trap-personalisation")
    assert T.shift(stored) == [("anxious", 80, 40)]
    assert T.trap_titles(coach.library, stored) == ["Catastrophizing", "Personalisation"]
    assert stored.headline == "I'll lose all my clients"


def test_every_field_may_be_skipped_and_an_empty_record_is_not_kept(coach: Coach) -> None:
    assert T.save_thought(coach, SUNDAY, T.ThoughtFields()) is None
    assert T.thoughts_on(coach, SUNDAY) == []
    only = T.save_thought(coach, SUNDAY, T.ThoughtFields(thought="I'm useless"))
    assert only is not None and T.thoughts_on(coach, SUNDAY) == [only]


def test_saving_as_you_type_updates_one_record_and_emptying_it_removes_it(coach: Coach) -> None:
    first = T.save_thought(coach, SUNDAY, T.ThoughtFields(situation="Acme"), record_id="abc")
    assert first is not None and first.id == "abc" and first.edited_at is None
    second = T.save_thought(
        coach,
        SUNDAY,
        T.ThoughtFields(situation="Acme left", thought="all of them"),
        record_id="abc",
    )
    assert second is not None and second.written_at == first.written_at
    assert second.edited_at is not None
    assert [t.situation for t in T.thoughts_on(coach, SUNDAY)] == ["Acme left"]
    assert T.save_thought(coach, SUNDAY, T.ThoughtFields(), record_id="abc") is None
    assert T.thoughts_on(coach, SUNDAY) == []


def test_a_thought_record_counts_for_the_reflect_step(coach: Coach) -> None:
    assert not step_done(coach, SUNDAY, StepId.REFLECT)
    T.save_thought(coach, SUNDAY, T.ThoughtFields(thought="x"))
    assert step_done(coach, SUNDAY, StepId.REFLECT)
    assert done_between(coach, SUNDAY, SUNDAY) == {SUNDAY: frozenset({StepId.REFLECT})}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("anxious", "NAME:0-100"),
        ("anxious:101", "0-100"),
        ("anxious:-1", "0-100"),
        (":50", "NAME:0-100"),
        ("anxious:８０", "0-100"),  # full-width digits are not a number here
    ],
)
def test_bad_feelings_are_named(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        T.parse_feeling(text)


def test_bad_fields_are_refused_with_a_clear_message(coach: Coach) -> None:
    with pytest.raises(InputError, match="unknown thinking trap 'nope'"):
        T.save_thought(coach, SUNDAY, T.ThoughtFields(traps=("nope",)))
    with pytest.raises(InputError, match="in the future"):
        T.save_thought(coach, date(2026, 11, 23), T.ThoughtFields(thought="x"))
    with pytest.raises(InputError, match="longer than"):
        T.save_thought(coach, SUNDAY, T.ThoughtFields(thought="x" * (T.MAX_TEXT + 1)))
    assert T.thoughts_between(coach) == []


def test_feelings_typed_in_one_field() -> None:
    assert T.parse_feelings("anxious 80, ashamed:60; Anxious 70") == (
        T.Feeling("Anxious", 70),  # typed twice: the last one counts
        T.Feeling("ashamed", 60),
    )
    with pytest.raises(InputError, match="'sad'"):
        T.parse_feelings("sad")


def test_every_trap_has_a_plain_line_and_a_source(coach: Coach) -> None:
    found = T.traps(coach.library)
    assert {t.id for t in found} >= {
        "trap-all-or-nothing",
        "trap-mind-reading",
        "trap-catastrophizing",
        "trap-personalisation",
        "trap-emotional-reasoning",
    }
    for trap in found:
        assert trap.title and trap.text and trap.sources and "\n" not in trap.text


def test_odd_stored_fields_are_read_leniently() -> None:
    record = {
        "id": "x",
        "date": "2026-11-22",
        "feelings": [{"name": "sad", "strength": 900}, "junk", {"name": "", "strength": 5}],
        "for": ["ok", 3],
        "thought": 7,
    }
    parsed = T.from_record(record)
    assert parsed is not None
    assert parsed.feelings == (T.Feeling("sad", 100),)
    assert parsed.evidence_for == ("ok",)
    assert parsed.thought == ""
    assert T.from_record({"date": "2026-11-22"}) is None
    assert T.from_record({"id": "x", "date": "nope"}) is None


feelings = st.builds(
    T.Feeling,
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Z")), min_size=1, max_size=10),
    st.integers(0, 100),
)
lines = st.lists(st.text(min_size=1, max_size=30).filter(str.strip).map(str.strip), max_size=4)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    situation=st.text(max_size=60),
    thought=st.text(max_size=60),
    feels=st.lists(feelings, max_size=3, unique_by=lambda f: f.name.casefold()),
    against=lines,
)
def test_any_record_round_trips_through_the_store(
    coach: Coach, situation: str, thought: str, feels: list[T.Feeling], against: list[str]
) -> None:
    values = T.ThoughtFields(
        situation=situation,
        thought=thought,
        feelings=tuple(feels),
        evidence_against=tuple(dict.fromkeys(against)),
    )
    saved = T.save_thought(coach, SUNDAY, values, record_id="h")
    if saved is None:
        assert values.is_empty
        assert T.get_thought(coach, SUNDAY, "h") is None
        return
    assert T.get_thought(coach, SUNDAY, "h") == saved
    assert T.from_record(saved.to_record()) == saved
    assert saved.evidence_against == tuple(dict.fromkeys(against))


@settings(max_examples=60, deadline=None)
@given(name=st.text(max_size=12), strength=st.integers(-5, 105))
def test_parse_feeling_accepts_exactly_named_feelings_0_to_100(name: str, strength: int) -> None:
    text = f"{name}:{strength}"
    clean = " ".join(name.split())
    if clean and ":" not in name and 0 <= strength <= 100:
        assert T.parse_feeling(text) == T.Feeling(clean, strength)
    else:
        with pytest.raises(InputError):
            T.parse_feeling(text)


def test_search_finds_thought_records(coach: Coach) -> None:
    T.save_thought(coach, date(2026, 10, 2), T.ThoughtFields(thought="Nobody will hire me"))
    T.save_thought(coach, SUNDAY, full())
    assert [t.thought for t in search_thoughts(coach, "CLIENTS")] == ["I'll lose all my clients"]
    assert [t.day for t in search_thoughts(coach, "")] == [SUNDAY, date(2026, 10, 2)]
    assert [t.day for t in search_thoughts(coach, "anxious")] == [SUNDAY]  # feelings too
    assert search_thoughts(coach, "competitor bolt")  # situation and evidence
    assert search_thoughts(coach, "hire zebra") == []


def test_export_and_import_carry_thought_records(coach: Coach, tmp_path: Path) -> None:
    saved = T.save_thought(coach, SUNDAY, full())
    now = datetime(2026, 11, 22, 9, 0, tzinfo=tz.UTC)
    path = tmp_path / "export.json"
    path.write_text(exchange.to_json(exchange.export_data(coach.store, now)), encoding="utf-8")
    other = open_coach(tmp_path / "other", clock=coach.clock, library=coach.library)
    exchange.import_file(other.store, path)
    assert T.thoughts_between(other) == [saved]
    exchange.import_file(other.store, path)  # again: nothing doubled
    assert T.thoughts_between(other) == [saved]


def test_history_generator_writes_thought_records(coach: Coach) -> None:
    from random import Random

    from benchmarks.history import GENERATORS, thoughts

    assert thoughts.generate in GENERATORS
    start = date(2026, 10, 1)
    for n in range(40):
        thoughts.generate(coach, start + timedelta(days=n), Random(1))
    kept = T.thoughts_between(coach)
    assert kept and all(t.thought in thoughts.HOT and t.feelings for t in kept)

"""Export and import: complete, deterministic, private by default, hostile input refused."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil import tz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.clock import FixedClock
from coach.core.text import clean
from coach.data import exchange
from coach.data.exchange import ImportFileError
from coach.journal.reflections import save_reflection
from coach.routine import today as routine
from coach.session import Coach, open_coach
from coach.store.dump import dump

NOW = datetime(2026, 11, 22, 8, 30, tzinfo=tz.UTC)
LATER = datetime(2027, 1, 5, 9, 0, tzinfo=tz.UTC)


def fill(coach: Coach) -> None:
    day = date(2026, 11, 20)
    routine.set_done(coach, day, "walk")
    save_reflection(coach, day, "Felt [bold red]x[/] better", None, mood=4)
    with coach.store.transaction():
        coach.store.records("customers").insert({"name": "Ann", "company": "Acme"})
        coach.store.records("letters").insert({"text": "never sent", "private": True})
        coach.store.log("walks").insert(date(2025, 3, 1), {"minutes": 25})
        coach.store.doc("settings").update({"help_goal": 6})


def export_text(coach: Coach, now: datetime = NOW, **kw: bool) -> str:
    return exchange.to_json(exchange.export_data(coach.store, now, **kw))


def without_stamp(text: str) -> dict:
    data = json.loads(text)
    data.pop("exported_at")
    return data


def test_export_is_versioned_sorted_and_only_the_stamp_changes(coach: Coach) -> None:
    fill(coach)
    first, second = export_text(coach), export_text(coach, LATER)
    data = json.loads(first)
    assert data["format"] == "coach-export" and data["version"] == 1
    assert data["exported_at"] == "2026-11-22T08:30:00+00:00"
    assert [r["date"] for r in data["logs"]["walks"]] == ["2025-03-01"]
    assert data["documents"]["settings"]["help_goal"] == 6
    assert "_meta" not in data["documents"] and "_meta" not in data["records"]
    diff = [a for a, b in zip(first.splitlines(), second.splitlines(), strict=True) if a != b]
    assert len(diff) == 1 and "exported_at" in diff[0]


def test_private_records_are_left_out_unless_asked(coach: Coach) -> None:
    fill(coach)
    assert "never sent" not in export_text(coach)
    assert "letters" not in json.loads(export_text(coach))["records"]
    assert "never sent" in export_text(coach, include_private=True)
    md = exchange.to_markdown(exchange.export_data(coach.store, NOW))
    assert "never sent" not in md and "Felt [bold red]x[/] better" in md


def test_round_trip_into_an_empty_store_is_identical(coach: Coach, tmp_path: Path) -> None:
    fill(coach)
    path = tmp_path / "export.json"
    path.write_text(export_text(coach, include_private=True))
    other = open_coach(tmp_path / "other", clock=coach.clock, library=coach.library)
    result = exchange.import_file(other.store, path)
    assert result.report.added == {
        "customers": 1,
        "letters": 1,
        "settings": 1,
        "days": 1,
        "reflections": 1,
        "walks": 1,
    }
    assert without_stamp(export_text(other, LATER, include_private=True)) == without_stamp(
        path.read_text()
    )
    again = exchange.import_file(other.store, path)
    assert again.report.total_added == 0 and again.report.unchanged == 6
    assert "nothing new" in again.summary()


def test_import_keeps_what_is_already_there(coach: Coach, tmp_path: Path) -> None:
    fill(coach)
    path = tmp_path / "export.json"
    path.write_text(export_text(coach))
    ann = coach.store.records("customers").all()[0]
    with coach.store.transaction():
        coach.store.records("customers").update(ann["id"], {"company": "Acme Ltd"})
        coach.store.doc("settings").update({"help_goal": 9})
    result = exchange.import_file(coach.store, path)
    assert result.report.kept == {"customers": 1}
    kept = coach.store.records("customers").get(ann["id"])
    assert kept is not None and kept["company"] == "Acme Ltd"
    assert coach.store.doc("settings").get()["help_goal"] == 9


def test_dry_run_changes_nothing(coach: Coach, tmp_path: Path) -> None:
    fill(coach)
    path = tmp_path / "export.json"
    path.write_text(export_text(coach))
    other = open_coach(tmp_path / "other", clock=coach.clock, library=coach.library)
    result = exchange.import_file(other.store, path, dry_run=True)
    assert result.report.total_added == 5
    assert result.summary().startswith("would add")
    assert dump(other.store) == {"documents": {}, "records": {}, "logs": {}}


def valid() -> dict:
    return {
        "format": "coach-export",
        "version": 1,
        "exported_at": "2026-11-22T08:30:00+00:00",
        "documents": {},
        "records": {"customers": [{"id": "a", "name": "Ann"}]},
        "logs": {"walks": [{"id": "w", "date": "2026-11-01", "minutes": 3}]},
    }


def hostile_cases() -> list[tuple[str, object, str]]:
    cases: list[tuple[str, object, str]] = []
    d = valid()
    d["version"] = 2
    cases.append(("wrong version", d, "version 2"))
    d = valid()
    d["format"] = "something"
    cases.append(("wrong format", d, "not a coach export"))
    d = valid()
    d["records"]["customers"].append({"id": "a", "name": "Bob"})
    cases.append(("duplicate ids", d, "used twice"))
    d = valid()
    d["records"]["customers"][0]["name"] = "x" * 300_000
    cases.append(("huge string", d, "too long"))
    d = valid()
    d["extra"] = 1
    cases.append(("unknown field", d, "unknown field"))
    d = valid()
    d["logs"]["walks"][0]["date"] = "2026-02-30"
    cases.append(("bad date", d, "YYYY-MM-DD"))
    d = valid()
    d["records"]["customers"][0].pop("id")
    cases.append(("no id", d, "needs an id"))
    d = valid()
    d["records"]["../etc"] = []
    cases.append(("bad table name", d, "not a table name"))
    d = valid()
    d["logs"]["walks"] = {"id": "x"}
    cases.append(("wrong shape", d, "must be a list"))
    d = valid()
    d["records"]["customers"][0]["deep"] = json.loads("[" * 20 + "]" * 20)
    cases.append(("deep nesting", d, "nested too deeply"))
    cases.append(("not an object", [1, 2], "expected a JSON object"))
    return cases


@pytest.mark.parametrize(("name", "data", "message"), hostile_cases(), ids=lambda v: str(v)[:20])
def test_hostile_exports_are_refused_with_no_change(
    coach: Coach, tmp_path: Path, name: str, data: object, message: str
) -> None:
    fill(coach)
    before = dump(coach.store)
    files_before = {p: p.read_bytes() for p in coach.store.files()}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ImportFileError, match=message):
        exchange.import_file(coach.store, path)
    assert dump(coach.store) == before
    assert {p: p.read_bytes() for p in coach.store.files()} == files_before


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "not valid JSON"),
        (b"{nope", "not valid JSON"),
        (b"\xff\xfe", "not text"),
        (b'{"format": "coach-export", "format": "x"}', "appears twice"),
        (b'{"a": NaN}', "NaN"),
        (b"[" * 100_000, "nested too deeply|not valid JSON"),
    ],
)
def test_malformed_files_are_refused(
    coach: Coach, tmp_path: Path, raw: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(raw)
    with pytest.raises(ImportFileError, match=message):
        exchange.import_file(coach.store, path)
    assert dump(coach.store)["logs"] == {}


def test_csv_one_file_per_kind(coach: Coach, tmp_path: Path) -> None:
    fill(coach)
    written = exchange.write_csv(exchange.export_data(coach.store, NOW), tmp_path / "csv")
    names = sorted(p.name for p in written)
    assert names == ["customers.csv", "days.csv", "reflections.csv", "settings.csv", "walks.csv"]
    text = (tmp_path / "csv" / "reflections.csv").read_text()
    assert text.splitlines()[0].startswith("id,date,")
    assert "Felt [bold red]x[/] better" in text


# Any text but the control characters import removes (coach.core.text.clean): those
# have their own test in tests/faults/test_escapes.py.
texts = st.text(max_size=40).map(lambda t: clean(t)[0])
record = st.fixed_dictionaries(
    {"text": texts},
    optional={
        "note": texts,
        "n": st.integers(-(10**12), 10**12),
        "ok": st.booleans(),
        "tags": st.lists(texts, max_size=3),
    },
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    customers=st.lists(record, max_size=4),
    walks=st.lists(st.tuples(st.dates(date(2000, 1, 1), date(2030, 12, 31)), record), max_size=6),
    name=texts,
)
def test_round_trip_with_arbitrary_text(
    tmp_path_factory: pytest.TempPathFactory, customers: list, walks: list, name: str
) -> None:
    root = tmp_path_factory.mktemp("rt")
    clock = FixedClock(NOW)
    from coach.content.library import Library

    first = open_coach(root / "a", clock=clock, library=Library())
    with first.store.transaction():
        for c in customers:
            first.store.records("customers").insert(c)
        for day, w in walks:
            first.store.log("walks").insert(day, w)
        first.store.doc("settings").update({"your_name": name})
    path = root / "e.json"
    path.write_text(export_text(first))
    second = open_coach(root / "b", clock=clock, library=Library())
    exchange.import_file(second.store, path)
    assert without_stamp(export_text(second, LATER)) == without_stamp(path.read_text())
    assert dump(second.store) == dump(first.store)

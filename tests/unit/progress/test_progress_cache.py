"""Progress keeps each month's marks by the month file's signature."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.progress import progress
from coach.routine import today as routine
from coach.session import Coach, open_coach

TODAY = date(2026, 11, 22)
LAST_MONTH = date(2026, 10, 20)


def test_an_unchanged_month_is_not_read_again(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine.set_done(coach, LAST_MONTH, "walk")
    routine.set_done(coach, TODAY, "walk")
    first = progress.build_progress(coach, TODAY)
    read: list[date] = []
    real = progress.marks_between

    def counting(c: Coach, lo: date | None, hi: date | None) -> dict[date, progress.DayMark]:
        assert lo is not None
        read.append(lo)
        return real(c, lo, hi)

    monkeypatch.setattr(progress, "marks_between", counting)
    assert progress.build_progress(coach, TODAY) == first
    assert read == []
    routine.set_done(coach, TODAY, "reflect")  # only November's file changes
    again = progress.build_progress(coach, TODAY)
    assert read == [date(2026, 11, 1)]
    assert again.weekly["reflect"][-1] == 1
    assert again.days_recorded == first.days_recorded


def test_a_month_changed_behind_the_cache_is_read_again(coach: Coach) -> None:
    for n in (1, 2):
        routine.set_done(coach, TODAY - timedelta(days=n), "walk")
    assert progress.build_progress(coach, TODAY).weekly["walk"][-1] == 2
    other = open_coach(coach.store.folder, clock=coach.clock, library=coach.library)
    routine.set_done(other, TODAY - timedelta(days=3), "walk")  # another process, same folder
    assert progress.build_progress(coach, TODAY).days_recorded == 3


def test_days_after_today_in_its_month_are_left_out(coach: Coach) -> None:
    routine.set_done(coach, TODAY + timedelta(days=2), "walk")
    routine.set_done(coach, TODAY, "walk")
    assert progress.build_progress(coach, TODAY).days_recorded == 1
    assert progress.build_progress(coach, TODAY + timedelta(days=2)).days_recorded == 2


# -- kept between runs (the cache folder) ---------------------------------------------


def history(coach: Coach) -> None:
    """Marks of every kind over three months, moods and rest days among them."""
    from coach.days import rest_days
    from coach.journal.reflections import save_reflection

    for n in range(0, 70, 3):
        day = TODAY - timedelta(days=n)
        routine.set_done(coach, day, "walk")
        routine.set_done(coach, day, "call" if n % 2 else "help")
    rest_days.set_rest(coach, TODAY - timedelta(days=40))
    save_reflection(coach, TODAY - timedelta(days=33), "Better.", None, mood=4)


def new_process(coach: Coach) -> Coach:
    return open_coach(coach.store.folder, clock=coach.clock, library=coach.library)


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[date | None]:
    read: list[date | None] = []
    real = progress.marks_between

    def counting(c: Coach, lo: date | None, hi: date | None) -> dict[date, progress.DayMark]:
        read.append(lo)
        return real(c, lo, hi)

    monkeypatch.setattr(progress, "marks_between", counting)
    return read


def test_a_new_process_reads_only_the_months_that_changed(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    history(coach)
    first = progress.build_progress(coach, TODAY)
    kept = progress.kept_path(coach)
    assert kept is not None and oct(kept.stat().st_mode & 0o777) == "0o600"
    assert oct(kept.parent.stat().st_mode & 0o777) == "0o700"
    read = counting_reads(monkeypatch)
    assert progress.build_progress(new_process(coach), TODAY) == first
    assert read == []  # every month from the kept file
    routine.set_done(coach, TODAY, "reflect")  # November's file changes
    again = progress.build_progress(new_process(coach), TODAY)
    assert read == [date(2026, 11, 1)]
    monkeypatch.setenv("COACH_CACHE_DIR", str(kept.parent.parent / "elsewhere"))
    assert again == progress.build_progress(new_process(coach), TODAY)  # as read from scratch
    assert again.weekly["reflect"][-1] == 1


KEPT = b'{"format": 2, "steps": ["walk", "call", "help", "reflect"], "months": {%s}}'


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\xff not json",
        b'{"format": 1, "months": {"2026-11": [[1, 2, 3], [["2026-11-01", ["walk"], false, null, 0, [], 0, 0]]]}}',
        b'{"format": 2, "steps": ["walk"], "months": {}}',
        KEPT % b'"2026-11": [[1, 2], []]',
        KEPT % b'"2026-11": [[1, 2, 3], [[1, 1]]]',
        KEPT % b'"2026-11": [[1, 2, 3], [[1, 99, false, null, 0, [], 0, 0]]]',
        KEPT % b'"2026-11": [[1, 2, 3], [[31, 1, false, null, 0, [], 0, 0]]]',
        KEPT % b'"2026-11": [[1, 2, 3], [[1, 1, 0, null, 0, [], 0, 0]]]',
        KEPT % b'"2026-11": [[1, 2, 3], [[1, 1, false, "4", 0, [], 0, 0]]]',
        KEPT % b'"2026-11": [[1, 2, 3], [[1, 1, false, null, true, [], 0, 0]]]',
        KEPT % b'"2026-11": [[1, 2, 3], [[1, 1, false, null, 0, [3], 0, 0]]]',
        KEPT % b'"2026-13": [[1, 2, 3], []]',
        b'{"format": 3, "months": {}}',
    ],
)
def test_a_damaged_kept_file_is_ignored_and_written_again(
    coach: Coach, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    history(coach)
    first = progress.build_progress(coach, TODAY)
    kept = progress.kept_path(coach)
    assert kept is not None
    kept.write_bytes(damage)
    assert progress.build_progress(new_process(coach), TODAY) == first
    read = counting_reads(monkeypatch)
    assert progress.build_progress(new_process(coach), TODAY) == first
    assert read == []  # written again whole


def test_a_past_month_changed_by_another_process_is_read_again(coach: Coach) -> None:
    history(coach)
    first = progress.build_progress(coach, TODAY)
    routine.set_done(new_process(coach), TODAY - timedelta(days=31), "reflect")  # October
    assert progress.build_progress(new_process(coach), TODAY) != first


def test_an_encrypted_folder_keeps_nothing(coach: Coach, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(type(coach.store), "encrypted", property(lambda self: True))
    history(coach)
    progress.build_progress(coach, TODAY)
    assert progress.kept_path(coach) is None
    from coach.core.paths import cache_dir

    assert not (cache_dir() / "progress").exists()


def test_a_kept_file_reads_back_as_the_marks_it_holds(coach: Coach) -> None:
    """The damaged files above differ from this one by one field each."""
    kept = progress.kept_path(coach)
    assert kept is not None
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_bytes(KEPT % b'"2026-11": [[1, 2, 3], [[1, 9, false, 4, 2, ["call"], 1, 0]]]')
    assert progress.load_kept(new_process(coach)) == {
        "2026-11": (
            (1, 2, 3),
            {
                date(2026, 11, 1): progress.DayMark(
                    date(2026, 11, 1),
                    frozenset({"walk", "reflect"}),
                    False,
                    4.0,
                    2,
                    ("call",),
                    1,
                    0,
                )
            },
        )
    }


# -- shown at once when every month is in memory ------------------------------------------


def test_cached_progress_only_when_every_month_is_kept_and_unchanged(coach: Coach) -> None:
    history(coach)
    assert progress.cached_progress(coach, TODAY) is None  # nothing read yet
    first = progress.build_progress(coach, TODAY)
    assert progress.cached_progress(coach, TODAY) == first
    routine.set_done(coach, TODAY, "reflect")  # this process saved: November changed
    assert progress.cached_progress(coach, TODAY) is None
    again = progress.build_progress(coach, TODAY)
    assert progress.cached_progress(coach, TODAY) == again != first
    routine.set_done(new_process(coach), TODAY - timedelta(days=31), "call")  # the CLI, October
    assert progress.cached_progress(coach, TODAY) is None
    assert progress.build_progress(coach, TODAY) != again


def test_cached_progress_sees_a_new_month_file(coach: Coach) -> None:
    routine.set_done(coach, TODAY, "walk")
    progress.build_progress(coach, TODAY)
    assert progress.cached_progress(coach, TODAY) is not None
    routine.set_done(new_process(coach), date(2026, 9, 3), "walk")  # a month with no file before
    assert progress.cached_progress(coach, TODAY) is None


def test_cached_progress_is_built_again_only_when_a_file_or_the_day_changed(
    coach: Coach, monkeypatch: pytest.MonkeyPatch
) -> None:
    history(coach)
    progress.build_progress(coach, TODAY)  # every month read: kept in memory
    first = progress.cached_progress(coach, TODAY)
    assert first is not None
    builds: list[date | None] = []
    real = progress.build_progress

    def counting(c: Coach, today: date | None = None) -> progress.Progress:
        builds.append(today)
        return real(c, today)

    monkeypatch.setattr(progress, "build_progress", counting)
    assert progress.cached_progress(coach, TODAY) is first  # nothing changed: not built
    assert builds == []
    tomorrow = progress.cached_progress(coach, TODAY + timedelta(days=1))
    assert builds == [TODAY + timedelta(days=1)]
    assert tomorrow is not None and tomorrow.today == TODAY + timedelta(days=1)
    settings = coach.settings
    with coach.store.transaction() as store:  # the main file (settings, losses, goals)
        store.doc("settings").update({"week_start": (settings.week_start + 1) % 7})
    moved = progress.cached_progress(coach, TODAY)
    assert builds[-1] == TODAY
    assert moved is not None and moved.first_weekday != first.first_weekday

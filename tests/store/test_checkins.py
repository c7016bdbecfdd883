"""The daily check-in: today's is written field by field; earlier days are read-only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bounceback.clock import FixedClock, today
from bounceback.store.checkins import NOTE_CAP, PastDayError
from bounceback.store.db import Store
from bounceback.store.errors import ValidationError


def test_first_save_creates_the_day_and_later_saves_change_only_their_field(
    store: Store, clock: FixedClock
) -> None:
    day = today(clock)
    assert store.checkins.today() is None
    first = store.checkins.save(day, mood=4)
    assert (first.day, first.mood, first.control, first.note) == (day, 4, "", "")
    clock.advance(90)
    second = store.checkins.save(day, control="  Two tailored applications\n")
    assert (second.id, second.mood, second.control) == (first.id, 4, "Two tailored applications")
    assert second.updated_at == clock.now()
    third = store.checkins.save(day, note="Slept badly.\nStill going.", mood=None)
    assert (third.mood, third.note) == (None, "Slept badly.\nStill going.")
    assert store.checkins.today() == third


@pytest.mark.parametrize("mood", [0, 6, -1, True, 3.5, "4"])
def test_mood_is_a_whole_number_from_one_to_five(store: Store, clock: FixedClock,
                                                 mood: object) -> None:
    with pytest.raises(ValidationError) as caught:
        store.checkins.save(today(clock), mood=mood)  # type: ignore[arg-type]
    assert "mood" in caught.value.errors
    assert store.checkins.today() is None


def test_caps_and_hostile_text(store: Store, clock: FixedClock) -> None:
    day = today(clock)
    with pytest.raises(ValidationError) as caught:
        store.checkins.save(day, control="x" * 501, note="y" * (NOTE_CAP + 1))
    assert set(caught.value.errors) == {"control", "note"}
    saved = store.checkins.save(day, control="[/] \x1b[2J\u202e[@click=app.quit]x[/]",
                                note="[bold]x\x07\nline two")
    assert saved.control == "[/] [2J[@click=app.quit]x[/]"
    assert saved.note == "[bold]x\nline two"


def test_earlier_days_are_read_only(store: Store, clock: FixedClock) -> None:
    day = today(clock)
    store.checkins.save(day, mood=3, control="yesterday's plan")
    clock.advance(24 * 3600)
    with pytest.raises(PastDayError):
        store.checkins.save(day, mood=5)
    assert store.checkins.get(day).mood == 3  # type: ignore[union-attr]
    assert store.checkins.yesterday() == store.checkins.get(day)
    assert store.checkins.today() is None
    with pytest.raises(PastDayError):
        store.checkins.save(day + timedelta(days=5), mood=5)  # nor a future one


def test_recent_lists_oldest_first(store: Store, clock: FixedClock) -> None:
    for mood in (2, 3, 4):
        store.checkins.save(today(clock), mood=mood)
        clock.advance(24 * 3600)
    assert [c.mood for c in store.checkins.recent(2)] == [4]
    assert [c.mood for c in store.checkins.recent(3)] == [3, 4]
    assert [c.mood for c in store.checkins.recent(30)] == [2, 3, 4]


def test_the_day_is_the_local_one(tmp_path: Path) -> None:
    # 23:30 UTC on 24 October is 01:30 on the 25th in Berlin (summer time ends that night)
    clock = FixedClock(datetime(2026, 10, 24, 23, 30, tzinfo=UTC), tz=ZoneInfo("Europe/Berlin"))
    store = Store.open(tmp_path / "c.db", clock)
    try:
        saved = store.checkins.save(date(2026, 10, 25), mood=2)
        assert saved.day == date(2026, 10, 25)
        with pytest.raises(PastDayError):
            store.checkins.save(date(2026, 10, 24), mood=2)
        clock.advance(23 * 3600)  # 22:30 UTC = 23:30 CET: the 25-hour day is not over yet
        assert store.checkins.save(date(2026, 10, 25), mood=3).mood == 3
        clock.advance(3600)
        assert store.checkins.today() is None  # 00:30 on the 26th
    finally:
        store.close()

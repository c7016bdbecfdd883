"""The system clock's zone is a real zone with daylight-saving rules, read as the C library does.

Every test points `TZ` or the /etc/localtime link at a place of its own; nothing depends on
the machine's real zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bounceback import clock as clock_module
from bounceback.clock import FixedClock, SystemClock, local_day, local_zone, time_left, today

ZONEINFO = Path("/usr/share/zoneinfo")
WINTER = datetime(2026, 1, 15, 12, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 12, tzinfo=UTC)
needs_zoneinfo = pytest.mark.skipif(not (ZONEINFO / "Europe" / "Berlin").exists(),
                                    reason="no system zoneinfo folder here")


@pytest.fixture(autouse=True)
def _fresh_zone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No TZ and no /etc/localtime unless a test sets them; nothing cached between tests."""
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(clock_module, "LOCALTIME", tmp_path / "localtime")
    clock_module._cached.cache_clear()
    yield
    clock_module._cached.cache_clear()


def offsets(tz: object) -> tuple[timedelta | None, timedelta | None]:
    return WINTER.astimezone(tz).utcoffset(), SUMMER.astimezone(tz).utcoffset()  # type: ignore[arg-type]


def test_tz_names_a_zone_with_its_daylight_saving_rules(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    zone = local_zone()
    assert zone.name == "Europe/Berlin" and not zone.fixed and zone.source == "from TZ"
    # the old clock took one fixed offset for the whole year: winter's, or summer's
    assert offsets(SystemClock().tz) == (timedelta(hours=1), timedelta(hours=2))


@pytest.mark.parametrize("value", [":America/New_York", "America/New_York"])
def test_tz_with_or_without_the_colon(monkeypatch, value: str) -> None:
    monkeypatch.setenv("TZ", value)
    assert offsets(SystemClock().tz) == (timedelta(hours=-5), timedelta(hours=-4))


@needs_zoneinfo
def test_tz_as_a_path_to_a_zone_file(monkeypatch) -> None:
    monkeypatch.setenv("TZ", str(ZONEINFO / "Europe" / "Berlin"))
    zone = local_zone()
    assert zone.name == "Europe/Berlin" and offsets(zone.zone)[1] == timedelta(hours=2)


def test_an_empty_tz_means_utc(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "")
    assert local_zone().zone is UTC


def test_an_unknown_tz_falls_back_to_the_current_offset_and_says_why(monkeypatch, caplog) -> None:
    caplog.set_level("INFO", logger="bounceback.clock")
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    zone = local_zone()
    assert zone.fixed
    assert "'Nowhere/Atlantis' is not a zone name" in zone.source
    assert "no daylight-saving rules" in zone.source
    assert "time zone unknown" in caplog.text
    assert SystemClock().tz.utcoffset(None) is not None  # still a usable zone


@needs_zoneinfo
def test_the_localtime_link_names_the_zone(tmp_path: Path) -> None:
    (tmp_path / "localtime").symlink_to(ZONEINFO / "America" / "New_York")
    zone = local_zone()
    assert zone.name == "America/New_York" and "localtime" in zone.source
    assert offsets(SystemClock().tz) == (timedelta(hours=-5), timedelta(hours=-4))


@needs_zoneinfo
def test_a_changed_link_is_followed_while_running(tmp_path: Path) -> None:
    """A laptop that moved zones: the next look at the clock uses the new zone."""
    link = tmp_path / "localtime"
    link.symlink_to(ZONEINFO / "Europe" / "Berlin")
    clock = SystemClock()
    assert str(clock.tz) == "Europe/Berlin"
    link.unlink()
    link.symlink_to(ZONEINFO / "Asia" / "Tokyo")
    assert str(clock.tz) == "Asia/Tokyo"


@needs_zoneinfo
def test_a_copied_localtime_file_keeps_its_rules(tmp_path: Path) -> None:
    (tmp_path / "localtime").write_bytes((ZONEINFO / "Europe" / "Berlin").read_bytes())
    zone = local_zone()
    assert not zone.fixed
    assert offsets(zone.zone) == (timedelta(hours=1), timedelta(hours=2))


def test_without_tz_or_localtime_the_fixed_offset_says_why() -> None:
    zone = local_zone()
    assert zone.fixed and "no TZ and no readable" in zone.source
    assert "(" in zone.describe()


def test_local_day_follows_the_real_zone_across_the_change(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    clock = FixedClock(datetime(2026, 3, 29, 22, 30, tzinfo=UTC), SystemClock().tz)
    assert today(clock).isoformat() == "2026-03-30"  # 00:30 summer time
    autumn = datetime(2026, 10, 25, 22, 30, tzinfo=UTC)
    assert local_day(clock, autumn).isoformat() == "2026-10-25"  # 23:30 winter time


def test_fixed_clock_jump_moves_wall_time_only() -> None:
    clock = FixedClock(WINTER, ZoneInfo("Europe/Berlin"))
    mono = clock.monotonic()
    clock.jump(-3600)
    assert clock.now() == WINTER - timedelta(hours=1) and clock.monotonic() == mono
    clock.move_to(ZoneInfo("Asia/Tokyo"))
    assert str(clock.tz) == "Asia/Tokyo"


def test_time_left_is_never_more_than_the_window() -> None:
    length = timedelta(minutes=15)
    deadline = WINTER + length
    assert time_left(deadline, WINTER, length) == length
    assert time_left(deadline, WINTER - timedelta(days=1), length) == length
    assert time_left(deadline, WINTER + timedelta(minutes=5), length) == timedelta(minutes=10)
    assert time_left(deadline, deadline + timedelta(seconds=1), length) == timedelta(0)


def test_the_daily_backup_is_named_by_the_local_date(tmp_path: Path) -> None:
    from bounceback.cli import _daily_backup
    from bounceback.store.db import Store

    # 23:30 UTC on 24 November is already the 25th in Berlin
    clock = FixedClock(datetime(2026, 11, 24, 23, 30, tzinfo=UTC), ZoneInfo("Europe/Berlin"))
    path = tmp_path / "data" / "b.db"
    Store.open(path, clock).close()
    assert _daily_backup(path, clock) == []
    names = sorted(p.name for p in (tmp_path / "data" / "backups").glob("daily-*.db"))
    assert names == ["daily-2026-11-25.db"]
    clock.move_to(ZoneInfo("America/New_York"))  # 18:30 on the 24th there
    assert _daily_backup(path, clock) == []
    names = sorted(p.name for p in (tmp_path / "data" / "backups").glob("daily-*.db"))
    assert names == ["daily-2026-11-24.db", "daily-2026-11-25.db"]


def test_where_names_the_zone_days_are_counted_in(monkeypatch, capsys, tmp_path) -> None:
    from bounceback.cli import main

    monkeypatch.setenv("TZ", "America/New_York")
    assert main(["where", "--db", str(tmp_path / "x.db")]) == 0
    assert "days in:  America/New_York (from TZ)" in capsys.readouterr().out

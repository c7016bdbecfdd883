"""Clock protocol and the system clock: everything time-dependent takes one.

Calendar days are the person's local days in a real time zone (with its daylight-saving
rules), never a fixed offset captured once: an offset taken in winter puts every summer
evening an hour off, and a week of activity that crosses a change on the wrong day.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import time as time_of_day
from functools import lru_cache
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

LOCALTIME = Path("/etc/localtime")
"""Where Unix-like systems keep the machine's zone (usually a link into a zoneinfo folder)."""


class Clock(Protocol):
    """Wall time (aware UTC), the local zone, and a monotonic counter for timers."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never goes backwards."""
        ...

    @property
    def tz(self) -> tzinfo:
        """The zone calendar days are counted in."""
        ...


class LocalZone:
    """The machine's zone and, in words, where it came from (or why it is only an offset)."""

    __slots__ = ("fixed", "source", "zone")

    def __init__(self, zone: tzinfo, source: str, *, fixed: bool = False) -> None:
        """`fixed`: only the current UTC offset is known (no daylight-saving rules)."""
        self.zone = zone
        self.source = source
        self.fixed = fixed

    @property
    def name(self) -> str:
        """"Europe/Berlin", or "UTC+01:00" for a fixed offset."""
        key = getattr(self.zone, "key", None)
        return str(key) if key else str(self.zone)

    def describe(self) -> str:
        """One line for `bounceback where`: the zone and its source."""
        return f"{self.name} ({self.source})"


def _zone_key(path: str) -> str | None:
    """"Europe/Berlin" from a path such as /usr/share/zoneinfo/Europe/Berlin (None if none)."""
    marker = "zoneinfo/"
    at = path.rfind(marker)
    return path[at + len(marker):] if at >= 0 else None


def _from_name(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def _from_file(path: str, key: str | None) -> ZoneInfo | None:
    try:
        with open(path, "rb") as f:
            return ZoneInfo.from_file(f, key=key or path)
    except (OSError, ValueError):
        return None


def _current_offset() -> tzinfo:
    return datetime.now().astimezone().tzinfo or UTC


def _fixed_offset(reason: str) -> LocalZone:
    """The current offset only: right today, wrong across the next daylight-saving change."""
    offset = _current_offset()
    # info, not warning: nothing may print over the full-screen app; `bounceback where` says it
    log.info("time zone unknown (%s): days use the fixed offset %s", reason, offset)
    return LocalZone(offset, f"{reason}; only the current offset, no daylight-saving rules",
                     fixed=True)


def _resolve(tz_env: str | None, link: str | None, localtime_exists: bool) -> LocalZone:
    """The zone the C library would use: `TZ` first, then /etc/localtime, as glibc does."""
    if tz_env is not None:
        name = tz_env.removeprefix(":").strip()
        if not name:
            return LocalZone(UTC, "TZ is set but empty, which means UTC")
        zone = _from_file(name, _zone_key(name)) if name.startswith("/") else _from_name(name)
        if zone is not None:
            return LocalZone(zone, "from TZ")
        return _fixed_offset(f"TZ={name[:60]!r} is not a zone name this system knows")
    if link is not None:
        key = _zone_key(link)
        zone = _from_name(key) if key else None
        if zone is not None:
            return LocalZone(zone, f"from {LOCALTIME}")
    if localtime_exists:
        key = None
        # Debian and friends name the zone beside a copied (not linked) file
        with contextlib.suppress(OSError, UnicodeDecodeError):
            key = Path("/etc/timezone").read_text(encoding="utf-8").strip() or None
        zone = _from_file(str(LOCALTIME), key if key and _from_name(key) else None)
        if zone is not None:
            return LocalZone(zone, f"from {LOCALTIME}")
    return _fixed_offset(f"no TZ and no readable {LOCALTIME}")


@lru_cache(maxsize=8)
def _cached(tz_env: str | None, link: str | None, signature: tuple[int, ...] | None
            ) -> LocalZone:
    return _resolve(tz_env, link, signature is not None)


def local_zone() -> LocalZone:
    """The machine's zone now, with its rules (zoneinfo), from `TZ` or /etc/localtime.

    Read again when `TZ` or /etc/localtime changes (a laptop that moved zones), cheaply: one
    environment lookup and one readlink/stat per call. Without either, the current fixed
    offset, with the reason in `LocalZone.source` (shown by `bounceback where`, and logged).
    """
    tz_env = os.environ.get("TZ")
    link: str | None = None
    signature: tuple[int, ...] | None = None
    if tz_env is None:
        try:
            link = os.readlink(LOCALTIME)
            signature = ()
        except OSError:
            try:
                st = LOCALTIME.stat()
                signature = (st.st_ino, st.st_size, st.st_mtime_ns)
            except OSError:
                signature = None
        if link is not None and not os.path.isabs(link):
            link = os.path.normpath(os.path.join(LOCALTIME.parent, link))
    found = _cached(tz_env, link, signature)
    if found.fixed:  # at least follow the offset as it changes (warned about once)
        return LocalZone(_current_offset(), found.source, fixed=True)
    return found


class SystemClock:
    """The real clock, in the machine's local zone (with its daylight-saving rules)."""

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """time.monotonic()."""
        return time.monotonic()

    @property
    def tz(self) -> tzinfo:
        """The machine's zone as it is now (see `local_zone`)."""
        return local_zone().zone


class FixedClock:
    """A clock that only moves when told to: tests, snapshots and the demo's fixed date."""

    def __init__(self, start: datetime, tz: tzinfo = UTC) -> None:
        """Start at `start` (must be timezone-aware)."""
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start.astimezone(UTC)
        self._mono = 1000.0
        self._tz = tz

    def now(self) -> datetime:
        """The frozen current time."""
        return self._now

    def monotonic(self) -> float:
        """The frozen monotonic counter."""
        return self._mono

    @property
    def tz(self) -> tzinfo:
        """The configured zone."""
        return self._tz

    def advance(self, seconds: float) -> None:
        """Move both wall time and the monotonic counter forward."""
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def jump(self, seconds: float) -> None:
        """Set the wall clock forward or (negative) back; the monotonic counter does not move.

        What a person changing the system time, or a bad NTP step, does to a real clock.
        """
        self._now += timedelta(seconds=seconds)

    def move_to(self, tz: tzinfo) -> None:
        """Change the zone (the person travelled, or changed the system's zone)."""
        self._tz = tz


def today(clock: Clock) -> date:
    """The local calendar day according to `clock`."""
    return clock.now().astimezone(clock.tz).date()


def local(clock: Clock, moment: datetime) -> datetime:
    """`moment` shown in the clock's zone."""
    return moment.astimezone(clock.tz)


def today_at(clock: Clock, at: time_of_day) -> datetime:
    """`at` o'clock on the clock's local today, as an aware UTC moment (for a typed time).

    A time a daylight-saving change skips reads as the same wall time after the change.
    """
    day = today(clock)
    return datetime.combine(day, at, tzinfo=clock.tz).astimezone(UTC)


def local_day(clock: Clock, moment: datetime) -> date:
    """The local calendar day `moment` falls on, in the clock's zone now (stored with activity)."""
    return moment.astimezone(clock.tz).date()


def time_left(deadline: datetime, now: datetime, length: timedelta) -> timedelta:
    """Time from `now` to `deadline`, never below zero and never above `length`.

    A wall clock set back makes `deadline - now` longer than the whole window; capping it at
    the window's length means a countdown can never show more time than it was started with.
    """
    return min(max(deadline - now, timedelta(0)), length)

"""Clock protocol and the system clock: everything time-dependent takes one."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, tzinfo
from typing import Protocol


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


class SystemClock:
    """The real clock, in the machine's local zone."""

    def now(self) -> datetime:
        """The current time in UTC."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """time.monotonic()."""
        return time.monotonic()

    @property
    def tz(self) -> tzinfo:
        """The local zone as the OS reports it now."""
        local = datetime.now().astimezone().tzinfo
        assert local is not None
        return local


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
        from datetime import timedelta

        self._now += timedelta(seconds=seconds)
        self._mono += seconds


def today(clock: Clock) -> date:
    """The local calendar day according to `clock`."""
    return clock.now().astimezone(clock.tz).date()


def local(clock: Clock, moment: datetime) -> datetime:
    """`moment` shown in the clock's zone."""
    return moment.astimezone(clock.tz)

"""Comebacks and rough patches: the person's own evidence of resilience, and when to go gently.

A comeback is a "no" followed by a sent application within `COMEBACK_DAYS` days: the playbook's
"the best time to apply is right after a rejection", counted from the person's own data, never
invented. A rough patch is a stretch where the data says to be gentle: several no's close
together, strong feelings twice, or low moods three days running. Pure functions of plain rows.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

COMEBACK_DAYS = 3
"""A send within this many days of a no (the same day counts) is a comeback."""
ROUGH_NOS = 3
ROUGH_NOS_DAYS = 7
"""`ROUGH_NOS` no's received within `ROUGH_NOS_DAYS` days (today included) make a rough patch."""
HIGH_INTENSITY = 8
HIGH_INTENSITY_TIMES = 2
HIGH_INTENSITY_DAYS = 14
"""A no rated `HIGH_INTENSITY`+ (0-10, before the ritual) twice within 14 days: a rough patch."""
LOW_MOOD = 2
LOW_MOOD_DAYS = 3
"""A mood of `LOW_MOOD` or less (1-5) on `LOW_MOOD_DAYS` days running, ending today or
yesterday: a rough patch."""


@dataclass(frozen=True, slots=True)
class No:
    """A rejection as the comeback record reads it."""

    received_on: date
    company: str
    application_id: int | None = None
    intensity: int | None = None  # before the ritual
    logged_at: datetime | None = None  # when it was written down (a send before, same day, no)


@dataclass(frozen=True, slots=True)
class Send:
    """An application reaching "applied", on the person's local day."""

    day: date
    company: str
    application_id: int
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Comeback:
    """A no, and the application that went out after it within the comeback days."""

    no: No
    send: Send

    @property
    def days(self) -> int:
        """Days from the no to the send (0: the same day)."""
        return (self.send.day - self.no.received_on).days

    @property
    def text(self) -> str:
        """"Nov 23: a no from Copperline, and Rivermint went out 1 day later"."""
        when = "the same day" if self.days == 0 else \
            f"{self.days} day{'s' if self.days != 1 else ''} later"
        return (f"{self.no.received_on:%b} {self.no.received_on.day}: a no from "
                f"{self.no.company}, and {self.send.company} went out {when}")


def comebacks(nos: Sequence[No], sends: Sequence[Send],
              within: int = COMEBACK_DAYS) -> list[Comeback]:
    """Each no answered by a send within `within` days (the first such send), newest first.

    The rejected application itself never counts as its own comeback, nor does one sent
    earlier on the day the no was written down (it went out before the no came).
    """
    ordered = sorted(sends, key=lambda s: (s.day, s.application_id))
    days = [s.day for s in ordered]
    found: list[Comeback] = []
    for no in nos:
        i = bisect_left(days, no.received_on)
        while i < len(ordered) and ordered[i].day <= no.received_on + timedelta(days=within):
            send = ordered[i]
            before = (send.day == no.received_on and send.at is not None
                      and no.logged_at is not None and send.at < no.logged_at)
            if send.application_id != no.application_id and not before:
                found.append(Comeback(no, send))
                break
            i += 1
    found.sort(key=lambda c: (c.no.received_on, c.send.day), reverse=True)
    return found


@dataclass(frozen=True, slots=True)
class RoughPatch:
    """Why Today goes gently: one plain sentence about the data, never about the person."""

    reason: str


def rough_patch(today: date, nos: Sequence[No], moods: Sequence[tuple[date, int | None]]
                ) -> RoughPatch | None:
    """A rough patch by the documented thresholds, or None. `moods`: (day, mood 1-5) pairs."""
    recent = [n for n in nos if today - timedelta(days=ROUGH_NOS_DAYS - 1) <= n.received_on
              <= today]
    if len(recent) >= ROUGH_NOS:
        return RoughPatch(f"{len(recent)} no's in the last {ROUGH_NOS_DAYS} days")
    strong = [n for n in nos if n.intensity is not None and n.intensity >= HIGH_INTENSITY
              and today - timedelta(days=HIGH_INTENSITY_DAYS - 1) <= n.received_on <= today]
    if len(strong) >= HIGH_INTENSITY_TIMES:
        return RoughPatch(f"two no's hit hard in the last {HIGH_INTENSITY_DAYS} days")
    by_day = {day: mood for day, mood in moods}
    for end in (today, today - timedelta(days=1)):
        run = [by_day.get(end - timedelta(days=i)) for i in range(LOW_MOOD_DAYS)]
        if all(m is not None and m <= LOW_MOOD for m in run):
            return RoughPatch(f"low moods {LOW_MOOD_DAYS} days running")
    return None

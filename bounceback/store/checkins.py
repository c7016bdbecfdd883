"""The daily check-in: one row per calendar day. Today's can be changed all day; earlier days are
kept as they were written (a record of how it went, not something to tidy up later)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from bounceback.clock import today
from bounceback.sanitize import clean_text
from bounceback.store.autosave import refuse_stale
from bounceback.store.drafts import check_length
from bounceback.store.errors import ValidationError
from bounceback.store.mapping import columns, to_record
from bounceback.store.models import CheckIn
from bounceback.store.records import CheckInRecord

if TYPE_CHECKING:
    from bounceback.store.database import Database

CONTROL_CAP = 500
NOTE_CAP = 20_000
_UNSET: Any = object()


class PastDayError(ValidationError):
    """A check-in for a day that is over: earlier days are read-only."""


def checkin_values(*, mood: int | None = _UNSET, control: str = _UNSET,
                   note: str = _UNSET) -> dict[str, Any]:
    """The given fields cleaned (one line for `control`), or ValidationError naming each bad one."""
    changes: dict[str, Any] = {}
    errors: dict[str, str] = {}
    if mood is not _UNSET:
        if mood is not None and (isinstance(mood, bool) or not isinstance(mood, int)
                                 or not 1 <= mood <= 5):
            errors["mood"] = "Mood is a whole number from 1 to 5."
        changes["mood"] = mood
    if control is not _UNSET:
        changes["control"] = clean_text(control, single_line=True).strip()
        check_length(errors, "control", "That line", changes["control"], CONTROL_CAP)
    if note is not _UNSET:
        changes["note"] = clean_text(note)
        check_length(errors, "note", "The note", changes["note"], NOTE_CAP)
    if errors:
        raise ValidationError(errors)
    return changes


def _record(c: CheckIn) -> CheckInRecord:
    assert c.id is not None
    return to_record(CheckInRecord, c)


class CheckInRepo:
    """Read check-ins; write today's, field by field, the moment something changes."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def get(self, day: date) -> CheckInRecord | None:
        """The check-in of `day`, if there is one."""
        c = columns(CheckIn)
        with self._db.read() as s:
            row = s.scalars(select(CheckIn).where(c.day == day)).first()
            return _record(row) if row is not None else None

    def today(self) -> CheckInRecord | None:
        """Today's check-in (by the store's clock), if started."""
        return self.get(today(self._db.clock))

    def yesterday(self) -> CheckInRecord | None:
        """Yesterday's check-in, if there was one."""
        return self.get(today(self._db.clock) - timedelta(days=1))

    def recent(self, days: int) -> list[CheckInRecord]:
        """Check-ins of the last `days` days including today, oldest first."""
        c = columns(CheckIn)
        since = today(self._db.clock) - timedelta(days=max(days, 1) - 1)
        with self._db.read() as s:
            rows = s.scalars(
                select(CheckIn).where(c.day >= since).order_by(c.day)
            ).all()
            return [_record(r) for r in rows]

    def save(
        self, day: date, *, mood: int | None = _UNSET, control: str = _UNSET,
        note: str = _UNSET, base: Mapping[str, str] | None = None,
    ) -> CheckInRecord:
        """Create or update the check-in of `day`, which must be today; only given fields change.

        PastDayError when `day` is over (a screen left open past midnight asks this): the
        earlier check-in stays exactly as it was. `base`: per text field, what this window
        last saw stored; a field saved differently elsewhere since refuses the whole save with
        TextConflictError (a check-in not started yet holds empty lines).
        """
        if day != today(self._db.clock):
            raise PastDayError({"day": "That day is over; its check-in is kept as it was."})
        changes = checkin_values(mood=mood, control=control, note=note)
        now = self._db.clock.now()
        c = columns(CheckIn)
        with self._db.write() as s:
            row = s.scalars(select(CheckIn).where(c.day == day)).first()
            stored = {"control": row.control, "note": row.note} if row is not None else {}
            texts = {k: v for k, v in changes.items() if k in ("control", "note")}
            refuse_stale("Today's check-in", stored, texts, base)
            if row is None:
                row = CheckIn(day=day, created_at=now, updated_at=now)
                s.add(row)
            for name, value in changes.items():
                setattr(row, name, value)
            row.updated_at = now
            s.flush()
            return _record(row)

"""Wallow windows: a bounded time to feel it, with a stored deadline.

The deadline is wall time in UTC, so a restart resumes the countdown. A wall clock set back
would stretch `ends_at - now` past the window's length: the countdown caps what it shows at
the length (`clock.time_left`) and moves the deadline with the clock (`move_deadline`), so a
window never lasts longer than it was started for. "Newest" means the highest id, not the
latest wall time, which a clock set back would reorder.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from bounceback.sanitize import clean_text
from bounceback.store.autosave import refuse_stale
from bounceback.store.errors import NotFoundError, ValidationError
from bounceback.store.mapping import columns, table, to_record
from bounceback.store.models import Rejection, WallowWindow
from bounceback.store.records import ScheduledWindow, WallowRecord

if TYPE_CHECKING:
    from bounceback.store.database import Database

VENT_CAP = 200_000
MIN_MINUTES, MAX_MINUTES = 5, 30


def check_window(errors: dict[str, str], minutes: int, started_at: datetime | None = None,
                 ends_at: datetime | None = None) -> None:
    """Record a message for a window length out of range, or a deadline that does not match it.

    The countdown shows `ends_at` minus now out of `minutes`: a deadline later than the length
    would show more time left than the window holds.
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not (
        MIN_MINUTES <= minutes <= MAX_MINUTES
    ):
        errors["minutes"] = f"Choose between {MIN_MINUTES} and {MAX_MINUTES} minutes."
    elif started_at is not None and ends_at is not None and (
        ends_at != started_at + timedelta(minutes=minutes)
    ):
        errors["ends_at"] = "The window must end exactly its minutes after it started."


def check_vent(errors: dict[str, str], text: str) -> None:
    """Record a message when the vent box holds more than it may."""
    if len(text) > VENT_CAP:
        errors["vent_text"] = f"The vent box holds {VENT_CAP:,} characters."


class WallowRepo:
    """Start, autosave, resume and end wallow windows."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def start(self, rejection_id: int, minutes: int) -> WallowRecord:
        """Open a window ending `minutes` from now; the deadline is what survives a restart."""
        errors: dict[str, str] = {}
        check_window(errors, minutes)
        if errors:
            raise ValidationError(errors)
        now = self._db.clock.now()
        window = WallowWindow(
            rejection_id=rejection_id, started_at=now, minutes=minutes,
            ends_at=now + timedelta(minutes=minutes),
        )
        with self._db.write() as s:
            case = s.get(Rejection, rejection_id)
            if case is None or case.deleted_at is not None:
                raise NotFoundError(rejection_id)
            case.flow_step = "wallow"
            case.window_opens_at = case.window_minutes = None  # a planned window opens now
            s.add(window)
            s.flush()
            assert window.id is not None
            window_id = window.id
        return self.get(window_id)

    def schedule(self, rejection_id: int, opens_at: datetime, minutes: int) -> ScheduledWindow:
        """Plan the case's window for later (`opens_at`, aware); the case waits at the wallow step.

        Planning again moves it; `start` (now, or when the time comes) clears it.
        """
        errors: dict[str, str] = {}
        check_window(errors, minutes)
        now = self._db.clock.now()
        if opens_at.tzinfo is None:
            raise ValueError("schedule needs an aware datetime")
        if opens_at <= now:
            errors["window_opens_at"] = "That time has already passed: choose a later one."
        if errors:
            raise ValidationError(errors)
        with self._db.write() as s:
            case = s.get(Rejection, rejection_id)
            if case is None or case.deleted_at is not None:
                raise NotFoundError(rejection_id)
            case.window_opens_at = opens_at
            case.window_minutes = minutes
            case.flow_step = "wallow"
            case.updated_at = now
            company = case.company
        return ScheduledWindow(rejection_id, company, opens_at, minutes)

    def ritual_first(self, rejection_id: int, minutes: int) -> None:
        """The person asked for the ritual before the window: keep the length, go to the ritual.

        The window then runs after the ritual (`start`, which clears the kept length).
        """
        errors: dict[str, str] = {}
        check_window(errors, minutes)
        if errors:
            raise ValidationError(errors)
        with self._db.write() as s:
            case = s.get(Rejection, rejection_id)
            if case is None or case.deleted_at is not None:
                raise NotFoundError(rejection_id)
            case.flow_step = "ritual"
            case.window_opens_at = None
            case.window_minutes = minutes
            case.updated_at = self._db.clock.now()

    def cancel_schedule(self, rejection_id: int) -> None:
        """Forget the planned time; the case goes back to the first step (nothing else changes)."""
        with self._db.write() as s:
            case = s.get(Rejection, rejection_id)
            if case is None:
                raise NotFoundError(rejection_id)
            if case.window_opens_at is not None and case.flow_step == "wallow":
                case.flow_step = "acknowledge"
            case.window_opens_at = case.window_minutes = None
            case.updated_at = self._db.clock.now()

    def next_scheduled(self, after: datetime | None = None) -> ScheduledWindow | None:
        """The planned window that opens first (due or not), on a case not deleted; or None.

        `after`: only one planned to open later than that (the app's start: what came due
        while it was closed is offered on Today, never opened by itself).
        """
        r = columns(Rejection)
        later = () if after is None else (r.window_opens_at > after,)
        with self._db.read() as s:
            case = s.scalars(
                select(Rejection)
                .where(r.window_opens_at.is_not(None), r.deleted_at.is_(None), *later)
                .order_by(r.window_opens_at, r.id)
            ).first()
            if case is None or case.window_opens_at is None or case.id is None:
                return None
            return ScheduledWindow(case.id, case.company, case.window_opens_at,
                                   case.window_minutes or 15)

    def get(self, window_id: int) -> WallowRecord:
        """One window."""
        with self._db.read() as s:
            window = s.get(WallowWindow, window_id)
            if window is None:
                raise NotFoundError(window_id)
            return _record(window)

    def open_window(self) -> WallowRecord | None:
        """The newest window not yet ended (running, or run out while the app was closed).

        A window whose case was deleted does not count: that "no" was recorded by mistake.
        """
        w = columns(WallowWindow)
        r = columns(Rejection)
        with self._db.read() as s:
            window = s.scalars(
                select(WallowWindow)
                .join(table(Rejection), r.id == w.rejection_id)
                .where(w.ended_at.is_(None), r.deleted_at.is_(None))
                .order_by(w.id.desc())
            ).first()
            return _record(window) if window is not None else None

    def for_rejection(self, rejection_id: int) -> WallowRecord | None:
        """The latest window of a case."""
        w = columns(WallowWindow)
        with self._db.read() as s:
            window = s.scalars(
                select(WallowWindow).where(w.rejection_id == rejection_id)
                .order_by(w.id.desc())
            ).first()
            return _record(window) if window is not None else None

    def save_vent(self, window_id: int, text: str, base: str | None = None) -> str:
        """Autosave the vent box (called, debounced, as the person types); the text stored.

        `base`: the text this window last saw stored. If another window saved something else
        since, nothing is written and TextConflictError carries what is stored now.
        """
        text = clean_text(text)
        errors: dict[str, str] = {}
        check_vent(errors, text)
        if errors:
            raise ValidationError(errors)
        with self._db.write() as s:
            window = s.get(WallowWindow, window_id)
            if window is None:
                raise NotFoundError(window_id)
            refuse_stale("The vent box", {"vent_text": window.vent_text}, {"vent_text": text},
                         None if base is None else {"vent_text": base})
            window.vent_text = text
        return text

    def move_deadline(self, window_id: int, ends_at: datetime) -> WallowRecord:
        """Store a deadline moved because the wall clock was set back (the countdown saw it).

        Kept between now and the window's length from now, with the start moved along
        (`started_at + minutes == ends_at` stays true on the clock's new timeline); a window
        that already ended is left as it is.
        """
        now = self._db.clock.now()
        with self._db.write() as s:
            window = s.get(WallowWindow, window_id)
            if window is None:
                raise NotFoundError(window_id)
            if window.ended_at is None:
                length = timedelta(minutes=window.minutes)
                window.ends_at = min(max(ends_at, now), now + length)
                window.started_at = window.ends_at - length
        return self.get(window_id)

    def finish(self, window_id: int, *, early: bool) -> WallowRecord:
        """Close the window (at its deadline, or now when ended early); the case moves on."""
        now = self._db.clock.now()
        with self._db.write() as s:
            window = s.get(WallowWindow, window_id)
            if window is None:
                raise NotFoundError(window_id)
            if window.ended_at is None:
                window.ended_at = now if early else min(now, window.ends_at)
                window.ended_early = early and now < window.ends_at
            case = s.get(Rejection, window.rejection_id)
            if case is not None and case.flow_step in ("acknowledge", "wallow"):
                case.flow_step = "ritual"
        return self.get(window_id)


def _record(w: WallowWindow) -> WallowRecord:
    assert w.id is not None
    return to_record(WallowRecord, w)

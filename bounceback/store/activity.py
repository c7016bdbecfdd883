"""What the person did on which local calendar day, read from the tables the activity lives in.

Times are stored in UTC; a "day" is the person's own calendar day. Activity carries the local day
it happened on, stored at that moment (`StageEvent.local_day`, `Win.local_day`; the feedback and
help days are dates already), so a later change of time zone (a trip, a move) never shifts the
past week's counts to other days. Rows without one (imported from an old export) fall back to
their UTC time in the clock's zone now: each day is turned into its UTC bounds (local midnight
to the next local midnight: 23 or 25 hours across a daylight-saving change) and timestamps are
put on their local day in Python, never with SQL date functions that know nothing of zones.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select

from bounceback.domain import GoalSource, Stage
from bounceback.store.mapping import columns, table
from bounceback.store.models import Application, HelpAct, Rejection, StageEvent, Win
from bounceback.store.records import LatestRejection

if TYPE_CHECKING:
    from bounceback.store.database import Reader

ActivityCounts = dict[GoalSource, Counter[date]]
"""For each countable activity, how many happened on each local day."""


def day_bounds(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """UTC instants [start, end) covering local days `first` to `last` in zone `tz`."""
    start = datetime.combine(first, time(), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(), tzinfo=tz).astimezone(UTC)
    return start, end


def _on_days(stored: Any, moment: Any, first: date, last: date, lo: datetime, hi: datetime
             ) -> Any:
    """Rows whose stored local day is in [first, last], or, without one, whose time is in
    [lo, hi) (the same days in the zone now)."""
    return or_(
        and_(stored >= first, stored <= last),
        and_(stored.is_(None), moment >= lo, moment < hi),
    )


def _day(stored: date | None, moment: datetime, tz: tzinfo) -> date:
    return stored if stored is not None else moment.astimezone(tz).date()


def activity_counts(store: Reader, first: date, last: date) -> ActivityCounts:
    """Per source, the count on each local day from `first` to `last` (inclusive).

    - applications: applications that reached "applied" that day (a StageEvent, on its stored
      local day; each application once per day however often it was moved back and forth;
      deleted ones out)
    - feedback_asked: feedback requests marked asked that day (`Rejection.feedback_asked_on`;
      deleted cases out)
    - wins: wins written down that day (`Win.local_day`, deleted ones out)
    - help: help given that day (`HelpAct.happened_on`, the day it happened)
    """
    tz = store.clock.tz
    lo, hi = day_bounds(first, last, tz)
    e = columns(StageEvent)
    a = columns(Application)
    r = columns(Rejection)
    w = columns(Win)
    h = columns(HelpAct)
    counts: ActivityCounts = {source: Counter() for source in GoalSource}
    with store.read() as s:
        conn = s.connection()
        applied = conn.execute(
            select(e.application_id, e.local_day, e.at)
            .join(table(Application), a.id == e.application_id)
            .where(e.stage == Stage.APPLIED, a.deleted_at.is_(None),
                   _on_days(e.local_day, e.at, first, last, lo, hi))
        ).all()
        sent = {(app_id, _day(day, at, tz)) for app_id, day, at in applied}
        counts[GoalSource.APPLICATIONS].update(day for _, day in sent)
        for day, n in conn.execute(
            select(r.feedback_asked_on, func.count())
            .where(r.feedback_asked_on >= first, r.feedback_asked_on <= last,
                   r.deleted_at.is_(None))
            .group_by(r.feedback_asked_on)
        ).all():
            counts[GoalSource.FEEDBACK_ASKED][day] = n
        for day, created in conn.execute(
            select(w.local_day, w.created_at).where(
                w.deleted_at.is_(None), _on_days(w.local_day, w.created_at, first, last, lo, hi))
        ).all():
            counts[GoalSource.WINS][_day(day, created, tz)] += 1
        for day, n in conn.execute(
            select(h.happened_on, func.count())
            .where(h.happened_on >= first, h.happened_on <= last)
            .group_by(h.happened_on)
        ).all():
            counts[GoalSource.HELP][day] = n
    return counts


def latest_rejection(store: Reader) -> LatestRejection | None:
    """The newest rejection (by the day it came), with the applications sent since it was logged.

    "Sent since" counts applications that reached applied after the rejection was written
    down, so the nudge to keep moving stops the moment one goes out.
    """
    r = columns(Rejection)
    e = columns(StageEvent)
    a = columns(Application)
    with store.read() as s:
        conn = s.connection()
        row = conn.execute(
            select(r.id, r.company, r.received_on, r.created_at)
            .where(r.deleted_at.is_(None))
            .order_by(r.received_on.desc(), r.id.desc()).limit(1)
        ).first()
        if row is None:
            return None
        sent = conn.execute(
            select(func.count(func.distinct(e.application_id)))
            .join(table(Application), a.id == e.application_id)
            .where(e.stage == Stage.APPLIED, e.at > row[3], a.deleted_at.is_(None))
        ).scalar_one()
    return LatestRejection(id=row[0], company=row[1], received_on=row[2], sent_since=sent)


def comeback_rows(store: Reader) -> tuple[
        list[tuple[date, str, int | None, int | None, datetime]],
        list[tuple[date, str, int, datetime]]]:
    """The rows the comeback record reads: live rejections as (received on, company,
    application id, intensity before, logged at), and each live application's first
    "applied" as (local day, company, application id, moment)."""
    r, e, a = columns(Rejection), columns(StageEvent), columns(Application)
    with store.read() as s:
        conn = s.connection()
        nos = [(d, c, i, n, at) for d, c, i, n, at in conn.execute(
            select(r.received_on, r.company, r.application_id, r.intensity_before,
                   r.created_at)
            .where(r.deleted_at.is_(None)))]
        rows = conn.execute(
            select(e.local_day, e.at, a.company, a.id)
            .join(table(Application), a.id == e.application_id)
            .where(e.stage == Stage.APPLIED, a.deleted_at.is_(None))
            .order_by(e.id)).all()
    tz = store.clock.tz
    first: dict[int, tuple[date, str, int, datetime]] = {}
    for stored, moment, company, app_id in rows:
        first.setdefault(app_id, (_day(stored, moment, tz), company, app_id, moment))
    return nos, list(first.values())

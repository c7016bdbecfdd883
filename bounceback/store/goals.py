"""Daily goals and their per-day counts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import and_, select

from bounceback.store.models import Goal, GoalDay
from bounceback.store.records import GoalToday

if TYPE_CHECKING:
    from bounceback.store.db import Store


class GoalRepo:
    """Read goals with their count for a day."""

    def __init__(self, store: Store) -> None:
        """Bind to a store."""
        self._store = store

    def for_day(self, day: date) -> list[GoalToday]:
        """Every active goal with its count on `day` (which days apply is the playbook's call)."""
        g = Goal.__table__.c  # type: ignore[attr-defined]
        d = GoalDay.__table__.c  # type: ignore[attr-defined]
        query = (
            select(g.id, g.title, g.target, g.unit, g.rrule, g.starts_on, d.count, d.rest)
            .select_from(Goal.__table__.outerjoin(  # type: ignore[attr-defined]
                GoalDay.__table__, and_(d.goal_id == g.id, d.day == day)))  # type: ignore[attr-defined]
            .where(g.active.is_(True))
            .order_by(g.position, g.id)
        )
        with self._store.read() as s:
            rows = s.connection().execute(query).all()
        return [
            GoalToday(id=r[0], title=r[1], target=r[2], unit=r[3], rrule=r[4], starts_on=r[5],
                      count=r[6] or 0, rest=bool(r[7]))
            for r in rows
        ]

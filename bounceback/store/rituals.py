"""Rituals: the person's pre-planned positive actions, and which one was done when."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from bounceback.store.drafts import required_line
from bounceback.store.errors import NotFoundError
from bounceback.store.mapping import columns, table, to_record
from bounceback.store.models import Rejection, Ritual, RitualDone
from bounceback.store.records import RitualRecord

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database


def ritual_title(text: str) -> str:
    """One line, trimmed, within the cap; ValidationError (field "title") otherwise."""
    return required_line(text, "title", "A ritual", 200)


class RitualRepo:
    """Add, rename, reorder, retire rituals; record one done."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def seed(self, titles: Sequence[str]) -> bool:
        """Add `titles` when there has never been a ritual; True if it did (`Store.open` seeds)."""
        now = self._db.clock.now()
        if self._db.readonly:  # browsing only: first-run seeding waits
            return False
        with self._db.write() as s:
            if s.scalars(select(func.count()).select_from(Ritual)).one():
                return False
            add_rituals(s, titles, now)
        return True

    def all(self, include_retired: bool = False) -> list[RitualRecord]:
        """Rituals in their order (retired ones last, when included)."""
        r = columns(Ritual)
        query = select(Ritual).order_by(r.retired, r.position, r.id)
        if not include_retired:
            query = query.where(r.retired.is_(False))
        with self._db.read() as s:
            return [
                to_record(RitualRecord, x)
                for x in s.scalars(query)
            ]

    def add(self, title: str) -> RitualRecord:
        """A new ritual at the end of the list."""
        title = ritual_title(title)
        with self._db.write() as s:
            last = s.scalars(select(func.max(columns(Ritual).position))).one()
            now = self._db.clock.now()
            ritual = Ritual(title=title, position=(last or 0) + 1, created_at=now)
            s.add(ritual)
            s.flush()
            assert ritual.id is not None
            return to_record(RitualRecord, ritual)

    def rename(self, ritual_id: int, title: str) -> None:
        """Change a ritual's words."""
        title = ritual_title(title)
        with self._db.write() as s:
            self._get(s, ritual_id).title = title

    def set_retired(self, ritual_id: int, retired: bool) -> None:
        """Retire (hide from offers, keep history) or bring back."""
        with self._db.write() as s:
            self._get(s, ritual_id).retired = retired

    def move(self, ritual_id: int, delta: int) -> None:
        """Move a ritual up (-1) or down (+1) among the active ones."""
        order = [r.id for r in self.all()]
        if ritual_id not in order:
            return
        i = order.index(ritual_id)
        j = max(0, min(len(order) - 1, i + delta))
        order.insert(j, order.pop(i))
        with self._db.write() as s:
            for position, rid in enumerate(order):
                self._get(s, rid).position = position

    def mark_done(self, ritual_id: int, rejection_id: int | None) -> None:
        """Record that a ritual was done (for which rejection)."""
        with self._db.write() as s:
            self._get(s, ritual_id)
            s.add(RitualDone(ritual_id=ritual_id, rejection_id=rejection_id,
                             done_at=self._db.clock.now()))

    def last_done_id(self) -> int | None:
        """The ritual done most recently (the rotation never offers it first again)."""
        d = columns(RitualDone)
        with self._db.read() as s:
            row = s.connection().execute(
                select(d.ritual_id).order_by(d.id.desc()).limit(1)  # latest by sequence
            ).first()
        return row[0] if row else None

    def done_for(self, rejection_id: int) -> list[str]:
        """Titles of the rituals done for a case."""
        d = columns(RitualDone)
        r = columns(Ritual)
        with self._db.read() as s:
            rows = s.connection().execute(
                select(r.title).join_from(table(RitualDone), table(Ritual),
                                          d.ritual_id == r.id)
                .where(d.rejection_id == rejection_id).order_by(d.id)
            ).all()
        return [row[0] for row in rows]

    def effect_rows(self) -> list[tuple[int, int, int]]:
        """(ritual id, intensity before, intensity after) for each ritual done for a case
        rated both before and after (deleted cases left out), oldest first."""
        d = columns(RitualDone)
        c = columns(Rejection)
        query = (select(d.ritual_id, c.intensity_before, c.intensity_after)
                 .join_from(table(RitualDone), table(Rejection), d.rejection_id == c.id)
                 .where(c.intensity_before.is_not(None), c.intensity_after.is_not(None),
                        c.deleted_at.is_(None))
                 .order_by(d.id))
        with self._db.read() as s:
            return [(int(a), int(b), int(c_)) for a, b, c_ in s.connection().execute(query)]

    @staticmethod
    def _get(s: Session, ritual_id: int) -> Ritual:
        ritual = s.get(Ritual, ritual_id)
        if ritual is None:
            raise NotFoundError(ritual_id)
        return ritual


def add_rituals(s: Session, titles: Sequence[str], now: datetime) -> None:
    """Add rituals with `titles`, in that order."""
    for i, title in enumerate(titles):
        s.add(Ritual(title=title, position=i, created_at=now))

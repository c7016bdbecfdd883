"""Strengths — worth, not work: skills, qualities and values that no job title grants."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select

from bounceback.domain import StrengthKind
from bounceback.store.drafts import required_line
from bounceback.store.errors import NotFoundError
from bounceback.store.mapping import columns, to_record
from bounceback.store.models import Strength
from bounceback.store.records import StrengthRecord

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database

TEXT_CAP = 300


def strength_text(text: str) -> str:
    """One line, trimmed, within the cap; ValidationError (field "text") otherwise."""
    return required_line(text, "text", "A strength", TEXT_CAP)


def _record(x: Strength) -> StrengthRecord:
    assert x.id is not None
    return to_record(StrengthRecord, x)


class StrengthRepo:
    """A short list the person keeps by hand: add, edit, delete, reorder within a kind."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def all(self) -> list[StrengthRecord]:
        """Every strength, grouped by kind (skill, quality, value), in the person's order."""
        c = columns(Strength)
        with self._db.read() as s:
            rows = s.scalars(select(Strength).order_by(c.position, c.id)).all()
        order = list(StrengthKind)
        records = [_record(x) for x in rows]
        records.sort(key=lambda r: order.index(r.kind))  # stable: keeps position order
        return records

    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever the list changes (count, last id, text and order)."""
        return tuple((r.id, r.text, r.kind, r.position) for r in self.all())

    def add(self, text: str, kind: StrengthKind, position: int | None = None) -> StrengthRecord:
        """A new strength at the end of its kind (or at `position`, for an undo)."""
        value = strength_text(text)
        c = columns(Strength)
        with self._db.write() as s:
            if position is None:
                last = s.scalars(select(func.max(c.position))).one()
                position = (last if last is not None else -1) + 1
            else:
                for other in s.scalars(select(Strength).where(c.position >= position)):
                    other.position += 1
            strength = Strength(text=value, kind=kind, position=position,
                                created_at=self._db.clock.now())
            s.add(strength)
            s.flush()
            return _record(strength)

    def edit(self, strength_id: int, text: str, kind: StrengthKind | None = None) -> StrengthRecord:
        """New words (and optionally a different kind) for a strength."""
        value = strength_text(text)
        with self._db.write() as s:
            strength = self._get(s, strength_id)
            strength.text = value
            if kind is not None:
                strength.kind = kind
            s.flush()
            return _record(strength)

    def delete(self, strength_id: int) -> StrengthRecord:
        """Remove a strength; returns it so the screen can offer an undo (`add` with position)."""
        with self._db.write() as s:
            strength = self._get(s, strength_id)
            record = _record(strength)
            s.delete(strength)
        return record

    def reorder(self, strength_id: int, delta: int) -> None:
        """Move a strength up (-1) or down (+1) among those of its kind."""
        records = self.all()
        mine = next((r for r in records if r.id == strength_id), None)
        if mine is None:
            raise NotFoundError(strength_id)
        group = [r.id for r in records if r.kind is mine.kind]
        i = group.index(strength_id)
        j = max(0, min(len(group) - 1, i + delta))
        if i == j:
            return
        group.insert(j, group.pop(i))
        order = [r.id for r in records if r.kind is not mine.kind] + group
        with self._db.write() as s:
            for position, sid in enumerate(order):
                self._get(s, sid).position = position

    @staticmethod
    def _get(s: Session, strength_id: int) -> Strength:
        strength = s.get(Strength, strength_id)
        if strength is None:
            raise NotFoundError(strength_id)
        return strength

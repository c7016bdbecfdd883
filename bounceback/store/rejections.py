"""Rejections: logging a "no" (tracked or not) and keeping the case as the flow fills it in."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from bounceback.clock import local_day, today
from bounceback.domain import RejectionKind, Stage
from bounceback.store.autosave import refuse_stale
from bounceback.store.drafts import validate_changes
from bounceback.store.errors import ConflictError, NotFoundError
from bounceback.store.mapping import columns, record_columns, to_record
from bounceback.store.models import Application, Rejection, StageEvent
from bounceback.store.records import RejectionRecord, RejectionRow

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database

Judge = Callable[[Sequence[Stage]], tuple[Stage, int, RejectionKind]]
"""Reads a stage history: (stage reached, interview rounds, kind). The playbook supplies it."""

class RejectionRepo:
    """Log rejections and edit their cases."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def log_for_application(
        self, app_id: int, judge: Judge, note: str = "", *, move: bool = True
    ) -> RejectionRecord:
        """Move the application to rejected (history kept) and open its case, in one commit.

        `judge` reads the history (the playbook's triage rules; the store holds no judgement).
        With `move=False` the stage is left alone: a case for a ghosting, or for an application
        already rejected whose case was removed.
        """
        now = self._db.clock.now()
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None or app.deleted_at is not None:
                raise NotFoundError(app_id)
            history = [Stage(e.stage) for e in self._events(s, app_id)]
            reached, rounds, kind = judge(history)
            if move:
                app.stage = Stage.REJECTED
                app.last_activity_at = now
                app.updated_at = now
                s.add(StageEvent(application_id=app_id, stage=Stage.REJECTED, at=now, note=note,
                                 local_day=local_day(self._db.clock, now)))
            case = Rejection(
                application_id=app_id, company=app.company, role=app.role,
                received_on=today(self._db.clock), stage_reached=reached,
                interview_rounds=rounds, kind=kind, created_at=now, updated_at=now,
            )
            s.add(case)
            s.flush()
            assert case.id is not None
            case_id = case.id
        return self.get(case_id)

    def log_untracked(
        self, company: str, role: str, reached: Stage, kind: RejectionKind
    ) -> RejectionRecord:
        """A "no" for a job that was never tracked: just enough to learn from it."""
        clean = validate_changes({"company": company, "role": role})
        now = self._db.clock.now()
        case = Rejection(
            company=clean["company"], role=clean["role"], received_on=today(self._db.clock),
            stage_reached=reached, kind=kind,
            created_at=now, updated_at=now,
        )
        with self._db.write() as s:
            s.add(case)
            s.flush()
            assert case.id is not None
            case_id = case.id
        return self.get(case_id)

    def get(self, case_id: int) -> RejectionRecord:
        """The whole case (with the contact's name from the application, if tracked).

        A deleted case is NotFoundError, as if it were gone (until `restore`).
        """
        with self._db.read() as s:
            case = _live(s, case_id)
            contact = ""
            if case.application_id is not None:
                app = s.get(Application, case.application_id)
                contact = app.contact_name if app is not None else ""
            return _record(case, contact)

    def update(self, case_id: int, version: int | None = None,
               base: Mapping[str, str] | None = None, **changes: Any) -> RejectionRecord:
        """Save some fields; with `version`, refuse a stale edit (ConflictError).

        `base` (the flow's autosaved sentences): per text field, what this window last saw
        stored; a field saved differently elsewhere since refuses the save (TextConflictError).
        """
        clean = validate_changes(changes)
        with self._db.write() as s:
            case = _live(s, case_id)
            if version is not None and case.version != version:
                raise ConflictError("This rejection")
            if base is not None:
                refuse_stale("This rejection", {k: getattr(case, k) for k in base},
                             {k: v for k, v in clean.items() if k in base}, base)
            for name, value in clean.items():
                setattr(case, name, value)
            case.updated_at = self._db.clock.now()
            try:
                s.flush()
            except StaleDataError as exc:
                raise ConflictError("This rejection") from exc
        return self.get(case_id)

    def delete(self, case_id: int) -> None:
        """Take a case out of the casebook, the pattern and every count (undo: `restore`).

        Soft: the row, its wallow window and rituals stay, so nothing written is lost.
        """
        with self._db.write() as s:
            case = _live(s, case_id)
            case.deleted_at = self._db.clock.now()

    def restore(self, case_id: int) -> RejectionRecord:
        """Bring a deleted case back."""
        with self._db.write() as s:
            case = s.get(Rejection, case_id)
            if case is None:
                raise NotFoundError(case_id)
            case.deleted_at = None
        return self.get(case_id)

    def last_deleted(self) -> RejectionRow | None:
        """The most recently deleted case (what `u` brings back), or None."""
        r = columns(Rejection)
        found = self._rows(r.deleted_at.is_not(None), order=(r.deleted_at.desc(), r.id.desc()),
                           limit=1)
        return found[0] if found else None

    def case_for_application(self, app_id: int) -> RejectionRecord | None:
        """The newest case of a tracked application that is not deleted, or None."""
        r = columns(Rejection)
        found = self._rows(r.application_id == app_id, r.deleted_at.is_(None),
                           order=(r.created_at.desc(), r.id.desc()), limit=1)
        return self.get(found[0].id) if found else None

    def paused(self) -> tuple[RejectionRecord | None, int]:
        """The flow left unfinished most recently, and how many are unfinished in all.

        Imported cases never had a flow, so they are not "paused".
        """
        r = columns(Rejection)
        found = self._rows(r.flow_step != "done", r.deleted_at.is_(None), r.imported.is_(False),
                           order=(r.updated_at.desc(), r.id.desc()))
        return (self.get(found[0].id) if found else None), len(found)

    def rows(self) -> list[RejectionRow]:
        """Every case not deleted, newest first (columns only)."""
        r = columns(Rejection)
        return self._rows(r.deleted_at.is_(None), order=(r.received_on.desc(), r.id.desc()))

    def _rows(self, *where: Any, order: tuple[Any, ...], limit: int | None = None
              ) -> list[RejectionRow]:
        query = select(*record_columns(Rejection, RejectionRow)).where(*where).order_by(
            *order).limit(limit)
        with self._db.read() as s:
            result = s.connection().execute(query).all()
        return [RejectionRow(*x) for x in result]

    def count(self, excluding: int | None = None) -> int:
        """How many cases are not deleted, leaving out case `excluding` (one COUNT, for a
        screen that only needs the number)."""
        r = columns(Rejection)
        query = select(func.count()).where(r.deleted_at.is_(None))
        if excluding is not None:
            query = query.where(r.id != excluding)
        with self._db.read() as s:
            return int(s.connection().execute(query).scalar_one())

    def recent_kinds(self, limit: int = 8) -> list[RejectionKind]:
        """Kinds of the latest `limit` rejections, newest first (for the pattern)."""
        return [row.kind for row in self.rows()[:limit]]

    def counts_since(self, since: date) -> dict[RejectionKind, int]:
        """How many of each kind were received on or after `since`."""
        counts = dict.fromkeys(RejectionKind, 0)
        for row in self.rows():
            if row.received_on >= since:
                counts[row.kind] += 1
        return counts

    def history(self, case_id: int) -> list[tuple[Stage, Any, str]]:
        """The tracked application's stage history as (stage, at, note), oldest first."""
        case = self.get(case_id)
        if case.application_id is None:
            return []
        with self._db.read() as s:
            return [(e.stage, e.at, e.note) for e in self._events(s, case.application_id)]

    @staticmethod
    def _events(s: Session, app_id: int) -> list[StageEvent]:
        return list(
            s.scalars(
                select(StageEvent)
                .where(columns(StageEvent).application_id == app_id)
                # by its own sequence, not wall time (which a clock set back reorders)
                .order_by(columns(StageEvent).id)
            )
        )


def _live(s: Session, case_id: int) -> Rejection:
    case = s.get(Rejection, case_id)
    if case is None or case.deleted_at is not None:
        raise NotFoundError(case_id)
    return case


def _record(case: Rejection, contact: str) -> RejectionRecord:
    assert case.id is not None
    return to_record(
        RejectionRecord, case, contact_name=contact, feelings=tuple(case.feelings),
        causes=tuple(case.causes), out_of_control=tuple(case.out_of_control),
    )

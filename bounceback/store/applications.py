"""Applications and their append-only stage history."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm.exc import StaleDataError

from bounceback.clock import local_day, today
from bounceback.domain import Stage
from bounceback.sanitize import clean_text
from bounceback.store.drafts import ApplicationDraft, check_date, check_length
from bounceback.store.errors import ConflictError, NotFoundError, ValidationError
from bounceback.store.mapping import columns, record_columns, table, to_record
from bounceback.store.models import Application, Material, StageEvent
from bounceback.store.records import ApplicationDetail, ApplicationRow, StageEventRecord

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database
    from bounceback.store.materials import MaterialRepo
    from bounceback.store.settings import SettingsRepo

_DRAFT_FIELDS = tuple(f.name for f in fields(ApplicationDraft) if f.name != "stage")
# A Pipeline row's columns in ApplicationRow's field order: each result row is one as it is.
_ROW_COLUMNS = record_columns(Application, ApplicationRow)
# Stages at or past "applied": reaching one means the application was sent.
_SENT = frozenset(Stage) - {Stage.SAVED}


def search_fold(company: str, role: str, notes: str) -> str:
    """The casefolded text the Pipeline filter matches against."""
    return "\n".join((company, role, notes)).casefold()


class ApplicationRepo:
    """Create, read, edit, move, delete (softly) and restore applications."""

    def __init__(self, db: Database, settings: SettingsRepo, materials: MaterialRepo) -> None:
        """Bind to a database; `settings` gives the follow-up days for a new application,
        `materials` the resume version current on the day one is sent."""
        self._db = db
        self._settings = settings
        self._materials = materials

    # ---- reading -------------------------------------------------------------------------

    def rows(self) -> list[ApplicationRow]:
        """Every live application as a light row (six-ish columns, no ORM objects)."""
        query = select(*_ROW_COLUMNS).where(columns(Application).deleted_at.is_(None))
        with self._db.read() as s:
            result = s.connection().execute(query).all()
        return [ApplicationRow(*r) for r in result]

    def row(self, app_id: int) -> ApplicationRow:
        """One light row (after an edit, so a screen updates without reloading everything)."""
        a = columns(Application)
        query = select(*_ROW_COLUMNS).where(a.id == app_id, a.deleted_at.is_(None))
        with self._db.read() as s:
            r = s.connection().execute(query).first()
        if r is None:
            raise NotFoundError(app_id)
        return ApplicationRow(*r)

    def get(self, app_id: int) -> ApplicationDetail:
        """All fields and the stage history."""
        with self._db.read() as s:
            return self._detail(s, self._live(s, app_id))

    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever any application is added, edited, moved, deleted or restored."""
        a = columns(Application)
        query = select(
            func.count(), func.max(a.updated_at), func.max(a.deleted_at),
            func.max(a.last_activity_at), func.sum(a.version),
            func.count(a.deleted_at),
        )
        with self._db.read() as s:
            return tuple(s.connection().execute(query).one())

    def count(self) -> int:
        """How many live applications there are."""
        return len(self.rows())

    # ---- writing -------------------------------------------------------------------------

    def create(self, draft: ApplicationDraft, note: str = "") -> ApplicationDetail:
        """Validate and store a new application with its first stage event."""
        draft = draft.validated(today(self._db.clock))
        now = self._db.clock.now()
        applied_on = draft.applied_on
        if applied_on is None and draft.stage in _SENT:
            applied_on = today(self._db.clock)
        values = {name: getattr(draft, name) for name in _DRAFT_FIELDS}
        values["applied_on"] = applied_on
        values["next_action"], values["next_action_on"] = self._next_action_defaults(
            draft.next_action, draft.next_action_on, draft.stage, applied_on
        )
        if draft.resume_id is None and applied_on is not None:
            values["resume_id"] = self._current_resume(applied_on)
        app = Application(
            **values,
            stage=draft.stage,
            search_fold=search_fold(draft.company, draft.role, draft.notes),
            last_activity_at=now,
            created_at=now,
            updated_at=now,
        )
        with self._db.write() as s:
            self._check_resume(s, app.resume_id)
            s.add(app)
            s.flush()
            assert app.id is not None
            s.add(StageEvent(application_id=app.id, stage=draft.stage, at=now, note=note,
                             local_day=local_day(self._db.clock, now)))
        return self.get(app.id)

    def update(self, app_id: int, draft: ApplicationDraft, version: int) -> ApplicationDetail:
        """Save edited fields; ConflictError if the row changed since `version` was read."""
        draft = draft.validated(today(self._db.clock))
        with self._db.write() as s:
            app = self._live(s, app_id)
            if app.version != version:
                raise ConflictError("This application")
            self._check_resume(s, draft.resume_id)
            for name in _DRAFT_FIELDS:
                setattr(app, name, getattr(draft, name))
            app.search_fold = search_fold(draft.company, draft.role, draft.notes)
            app.updated_at = self._db.clock.now()
            try:
                s.flush()
            except StaleDataError as exc:  # another writer got in between our read and write
                raise ConflictError("This application") from exc
        return self.get(app_id)

    def move(self, app_id: int, stage: Stage, note: str = "") -> ApplicationDetail:
        """Append a stage event and make it the current stage (history is never rewritten)."""
        now = self._db.clock.now()
        # read before the write: the version current today, if this move is the sending
        resume_id = self._current_resume(today(self._db.clock)) if stage in _SENT else None
        with self._db.write() as s:
            app = self._live(s, app_id)
            app.stage = stage
            app.last_activity_at = now
            app.updated_at = now
            if stage in _SENT and app.applied_on is None:
                app.applied_on = today(self._db.clock)
                app.next_action, app.next_action_on = self._next_action_defaults(
                    app.next_action, app.next_action_on, stage, app.applied_on
                )
                if app.resume_id is None:
                    app.resume_id = resume_id
            s.add(StageEvent(application_id=app_id, stage=stage, at=now, note=note,
                             local_day=local_day(self._db.clock, now)))
        return self.get(app_id)

    def advance(self, app_id: int) -> ApplicationDetail | None:
        """Move one step along the happy path; None when there is no next step."""
        current = self.get(app_id)
        if current.stage is Stage.GHOSTED:
            return self.back(app_id)  # hearing back from a ghost reopens it
        nxt = stage_after(current, forward=True)
        if nxt is None:
            return None
        return self.move(app_id, nxt)

    def back(self, app_id: int) -> ApplicationDetail | None:
        """Return to the stage before the current one (reopens a ghosted or closed row)."""
        detail = self.get(app_id)
        previous = stage_after(detail, forward=False)
        if previous is None:
            return None
        return self.move(app_id, previous, note=f"back from {detail.stage.label}")

    def set_next_action(self, app_id: int, action: str, on: date | None) -> ApplicationDetail:
        """Give an application a dated next action (a check-back), keeping everything else."""
        action = clean_text(action, single_line=True).strip()
        errors: dict[str, str] = {}
        check_length(errors, "next_action", "Next action", action, 500)
        check_date(errors, "next_action_on", "Next action date", on)
        if errors:
            raise ValidationError(errors)
        with self._db.write() as s:
            app = self._live(s, app_id)
            app.next_action, app.next_action_on = action, on
            app.updated_at = self._db.clock.now()
        return self.get(app_id)

    def delete(self, app_id: int) -> None:
        """Hide an application (undoable with `restore`; history and rejections are kept)."""
        with self._db.write() as s:
            app = self._live(s, app_id)
            app.deleted_at = self._db.clock.now()

    def restore(self, app_id: int) -> ApplicationDetail:
        """Bring back a deleted application."""
        with self._db.write() as s:
            app = s.get(Application, app_id)
            if app is None:
                raise NotFoundError(app_id)
            app.deleted_at = None
        return self.get(app_id)

    def job_profile(self, app_id: int) -> dict[str, Any] | None:
        """The stored key terms of the job description (as `set_job_profile` left them)."""
        a = columns(Application)
        with self._db.read() as s:
            found = s.connection().execute(
                select(a.job_profile).where(a.id == app_id)).first()
        if found is None:
            raise NotFoundError(app_id)
        return found[0]

    def set_job_profile(self, app_id: int, profile: dict[str, Any] | None) -> None:
        """Store the description's key terms; a derived value, so neither the version (no
        conflict with an open form) nor `updated_at` changes."""
        a = columns(Application)
        with self._db.write() as s:
            s.connection().execute(
                table(Application).update().where(a.id == app_id).values(job_profile=profile))

    # ---- helpers -------------------------------------------------------------------------

    def _current_resume(self, day: date) -> int | None:
        current = self._materials.current(on=day)
        return None if current is None else current.id

    @staticmethod
    def _check_resume(s: Session, resume_id: int | None) -> None:
        if resume_id is not None and s.get(Material, resume_id) is None:
            raise ValidationError({"resume_id": "That resume version is no longer there."})

    def _next_action_defaults(
        self, action: str, action_on: date | None, stage: Stage, applied_on: date | None
    ) -> tuple[str, date | None]:
        """A follow-up `follow_up_days` after applying unless the user chose a date."""
        if action_on is not None or applied_on is None or stage is not Stage.APPLIED:
            return action, action_on
        days = self._settings.get().follow_up_days
        return action or "Follow up", applied_on + timedelta(days=days)

    @staticmethod
    def _live(s: Session, app_id: int) -> Application:
        app = s.get(Application, app_id)
        if app is None or app.deleted_at is not None:
            raise NotFoundError(app_id)
        return app

    @staticmethod
    def _detail(s: Session, app: Application) -> ApplicationDetail:
        events = s.scalars(
            select(StageEvent)
            .where(columns(StageEvent).application_id == app.id)
            # by its own sequence: a wall clock set back must not reorder what happened
            .order_by(columns(StageEvent).id)
        ).all()
        return to_record(ApplicationDetail, app, history=tuple(
            to_record(StageEventRecord, e) for e in events))


def stage_after(detail: ApplicationDetail, *, forward: bool) -> Stage | None:
    """Where `]` (forward) or `[` would move an application, or None; screens ask before moving.

    Forward walks the happy path, except that hearing back from a ghost reopens it to the stage
    before; back returns to the stage before the current one.
    """
    if forward and detail.stage is not Stage.GHOSTED:
        return detail.stage.next
    return previous_stage(detail.history)


def previous_stage(history: tuple[StageEventRecord, ...]) -> Stage | None:
    """The stage held before the current run of the last stage in `history`."""
    if not history:
        return None
    current = history[-1].stage
    for event in reversed(history):
        if event.stage is not current:
            return event.stage
    return None


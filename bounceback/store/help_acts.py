"""Helping someone else: a log of introductions, mentoring and reviews, with how often lately."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import func, select

from bounceback.clock import today
from bounceback.domain import HelpKind
from bounceback.sanitize import clean_text
from bounceback.store.drafts import Check, check_date, check_length, check_required
from bounceback.store.errors import NotFoundError, ValidationError
from bounceback.store.mapping import columns, record_columns, to_record
from bounceback.store.models import HelpAct
from bounceback.store.records import HelpActRecord, HelpCounts

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database


@dataclass(frozen=True)
class HelpDraft:
    """What the help form hands the store: who, what, which kind, which day."""

    who: str
    what: str = ""
    kind: HelpKind = HelpKind.OTHER
    happened_on: date | None = None  # None: today

    CAPS: ClassVar[dict[str, tuple[str, int, bool]]] = {
        "who": ("Who", 200, True),
        "what": ("What", 20_000, False),
    }

    def checked(self, check: Check) -> HelpDraft:
        """`validated` against the check's today."""
        return self.validated(check.today)

    def validated(self, today: date | None = None) -> HelpDraft:
        """Cleaned (control characters out, `who` on one line), or ValidationError per field.

        With `today`, an empty date becomes today and a later one is refused.
        """
        who = clean_text(self.who, single_line=True).strip()
        draft = replace(self, who=who, what=clean_text(self.what).strip("\n"))
        errors: dict[str, str] = {}
        check_required(errors, "who", "Who you helped", draft.who)
        for name, (label, cap, _) in self.CAPS.items():
            if name not in errors:
                check_length(errors, name, label, getattr(draft, name), cap)
        check_date(errors, "happened_on", "The date", draft.happened_on)
        if today is not None:
            if draft.happened_on is None:
                draft = replace(draft, happened_on=today)
            elif draft.happened_on > today and "happened_on" not in errors:
                errors["happened_on"] = "That date is in the future — log it once it happened."
        if errors:
            raise ValidationError(errors)
        return draft


def week_start(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def _record(x: HelpAct) -> HelpActRecord:
    assert x.id is not None
    return to_record(HelpActRecord, x)


class HelpRepo:
    """Log, list, fix and remove help given; count it by this week and this month."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    def log(self, draft: HelpDraft) -> HelpActRecord:
        """Record one act of help (an empty date is today, by the store's clock)."""
        draft = draft.validated(today(self._db.clock))
        assert draft.happened_on is not None
        act = HelpAct(kind=draft.kind, who=draft.who, what=draft.what,
                      happened_on=draft.happened_on, created_at=self._db.clock.now())
        with self._db.write() as s:
            s.add(act)
            s.flush()
            return _record(act)

    def update(self, act_id: int, draft: HelpDraft) -> HelpActRecord:
        """Fix a logged act."""
        draft = draft.validated(today(self._db.clock))
        assert draft.happened_on is not None
        with self._db.write() as s:
            act = self._get(s, act_id)
            act.kind, act.who, act.what = draft.kind, draft.who, draft.what
            act.happened_on = draft.happened_on
            s.flush()
            return _record(act)

    def delete(self, act_id: int) -> HelpActRecord:
        """Remove an act; returns it so the screen can offer an undo (log it again)."""
        with self._db.write() as s:
            act = self._get(s, act_id)
            record = _record(act)
            s.delete(act)
        return record

    def all(self) -> list[HelpActRecord]:
        """Every act, newest first."""
        c = columns(HelpAct)
        with self._db.read() as s:
            rows = s.connection().execute(
                select(*record_columns(HelpAct, HelpActRecord))
                .order_by(c.happened_on.desc(), c.id.desc())
            ).all()
        return [HelpActRecord(*r) for r in rows]

    def get(self, act_id: int) -> HelpActRecord:
        """One act."""
        with self._db.read() as s:
            return _record(self._get(s, act_id))

    def counts(self) -> HelpCounts:
        """Acts this calendar week (from Monday), this calendar month, and in all, by the clock."""
        day = today(self._db.clock)
        c = columns(HelpAct)
        week, month = week_start(day), day.replace(day=1)
        query = select(
            func.count(c.id).filter(c.happened_on >= week, c.happened_on <= day),
            func.count(c.id).filter(c.happened_on >= month, c.happened_on <= day),
            func.count(c.id),
        )
        with self._db.read() as s:
            r = s.connection().execute(query).one()
        return HelpCounts(week=r[0], month=r[1], total=r[2])

    def fingerprint(self) -> tuple[object, ...]:
        """Changes whenever an act is logged, fixed or removed (the log is short: read it)."""
        return tuple(self.all())

    @staticmethod
    def _get(s: Session, act_id: int) -> HelpAct:
        act = s.get(HelpAct, act_id)
        if act is None:
            raise NotFoundError(act_id)
        return act

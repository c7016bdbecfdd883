"""Daily goals: the templates (create, edit, retire, seed) and their per-day counts and rest days.

Which days a goal applies to, and how a day went, is the playbook's judgement; the store only
keeps the rule text and the numbers. The rule is checked by a function the caller passes in
(the playbook's `rrule_problem`), because the store may not import the playbook.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import and_, func, select

from bounceback.clock import today
from bounceback.domain import GoalSource
from bounceback.sanitize import clean_text
from bounceback.store.activity import activity_counts
from bounceback.store.drafts import Check, check_length, check_required
from bounceback.store.errors import NotFoundError, ValidationError
from bounceback.store.mapping import columns, record_columns, table, to_record
from bounceback.store.models import Goal, GoalDay, GoalPlan
from bounceback.store.records import GoalDayRecord, GoalPlanRecord, GoalRecord, GoalToday

if TYPE_CHECKING:
    from sqlmodel import Session

    from bounceback.store.database import Database

RuleCheck = Callable[[str], str | None]
"""Why a repeat rule cannot be used, or None when it is fine (`playbook.goals.rrule_problem`)."""

MAX_TARGET = 10_000
MAX_COUNT = 100_000


def check_plan(errors: dict[str, str], target: int, rrule: str, rule_problem: RuleCheck) -> None:
    """Record a message for a target out of range or a repeat rule the playbook cannot use."""
    if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= MAX_TARGET:
        errors["target"] = f"Target: a whole number, 1 to {MAX_TARGET:,}."
    if "rrule" not in errors:
        problem = rule_problem(rrule)
        if problem:
            errors["rrule"] = problem


def check_count(errors: dict[str, str], count: int) -> None:
    """Record a message for a day's count that is negative or past MAX_COUNT."""
    if count > MAX_COUNT:
        errors["count"] = f"A day's count stops at {MAX_COUNT:,}."
    elif count < 0:
        errors["count"] = "A day's count is never below zero."


def check_counted_day(errors: dict[str, str], day: date, today: date) -> None:
    """Record a message for a day that has not happened yet (it cannot be counted)."""
    if day > today:
        errors["day"] = "A day that hasn't happened yet can't be counted."


@dataclass(frozen=True)
class GoalDraft:
    """The editable fields of a goal, and the rules they must pass before anything is saved."""

    title: str
    target: int = 1
    unit: str = ""
    rrule: str = "FREQ=DAILY"
    auto_source: GoalSource | None = None

    CAPS: ClassVar[dict[str, tuple[str, int]]] = {
        "title": ("A goal", 200), "unit": ("The unit", 50), "rrule": ("The rule", 500),
    }

    def checked(self, check: Check) -> GoalDraft:
        """`validated` with the playbook's repeat-rule check the check carries."""
        return self.validated(check.rule_problem)

    def validated(self, rule_problem: RuleCheck) -> GoalDraft:
        """Cleaned (one line each, trimmed), or ValidationError naming every bad field."""
        clean: dict[str, Any] = {
            name: clean_text(getattr(self, name), single_line=True).strip() for name in self.CAPS
        }
        draft = replace(self, **clean)
        errors: dict[str, str] = {}
        check_required(errors, "title", "A title", draft.title)
        for name, (label, cap) in self.CAPS.items():
            if name not in errors:
                check_length(errors, name, label, getattr(draft, name), cap)
        check_plan(errors, draft.target, draft.rrule, rule_problem)
        if errors:
            raise ValidationError(errors)
        return draft


def _record(g: Goal, plans: Mapping[int, Sequence[GoalPlanRecord]]) -> GoalRecord:
    """The goal with its plans from `plans` (or the one its own numbers make, without any)."""
    assert g.id is not None
    own = tuple(plans.get(g.id, ())) or (to_record(GoalPlanRecord, g, goal_id=g.id),)
    return to_record(GoalRecord, g, plans=own)


def _plans(s: Session, goal_ids: Sequence[int] | None = None) -> dict[int, list[GoalPlanRecord]]:
    """Every plan of the given goals (all goals when None), oldest first per goal."""
    p = columns(GoalPlan)
    query = select(*record_columns(GoalPlan, GoalPlanRecord)).order_by(p.goal_id, p.starts_on)
    if goal_ids is not None:
        query = query.where(p.goal_id.in_(list(goal_ids)))
    out: dict[int, list[GoalPlanRecord]] = {}
    for row in s.connection().execute(query):
        plan = GoalPlanRecord(*row)
        out.setdefault(plan.goal_id, []).append(plan)
    return out


def _replan(s: Session, goal: Goal, day: date) -> None:
    """Record the goal's (new) target and days as its plan from `day` on.

    A second change on the same day rewrites that day's plan; changing back to what held
    before leaves no plan behind, so the history only lists real changes.
    """
    assert goal.id is not None
    p = columns(GoalPlan)
    rows = list(s.scalars(
        select(GoalPlan).where(p.goal_id == goal.id).order_by(p.starts_on)
    ))
    earlier = [r for r in rows if r.starts_on < day]
    todays = next((r for r in rows if r.starts_on == day), None)
    same_as_before = bool(earlier) and (earlier[-1].target, earlier[-1].rrule) == (
        goal.target, goal.rrule)
    if todays is not None:
        if same_as_before:
            s.delete(todays)
        else:
            todays.target, todays.rrule = goal.target, goal.rrule
    elif not same_as_before:
        s.add(GoalPlan(goal_id=goal.id, starts_on=day, target=goal.target, rrule=goal.rrule))


def _day_record(d: GoalDay) -> GoalDayRecord:
    return to_record(GoalDayRecord, d)


class GoalRepo:
    """Goal templates and their days: counts set by hand or by the app's own activity."""

    def __init__(self, db: Database) -> None:
        """Bind to a database."""
        self._db = db

    # ---- templates -----------------------------------------------------------------------

    def all(self, include_retired: bool = False) -> list[GoalRecord]:
        """Goals in their order (retired ones last, when included), each with its plans."""
        g = columns(Goal)
        query = select(Goal).order_by(g.active.desc(), g.position, g.id)
        if not include_retired:
            query = query.where(g.active.is_(True))
        with self._db.read() as s:
            goals = list(s.scalars(query))
            plans = _plans(s)
        return [_record(x, plans) for x in goals]

    def get(self, goal_id: int) -> GoalRecord:
        """One goal, retired or not, with its plans."""
        with self._db.read() as s:
            return _record(self._get(s, goal_id), _plans(s, [goal_id]))

    def create(self, draft: GoalDraft, rule_problem: RuleCheck) -> GoalRecord:
        """A new goal at the end of the list, starting today (it owes nothing for earlier days)."""
        draft = draft.validated(rule_problem)
        g = columns(Goal)
        with self._db.write() as s:
            last = s.scalars(select(func.max(g.position))).one()
            goal = Goal(
                title=draft.title, target=draft.target, unit=draft.unit, rrule=draft.rrule,
                auto_source=draft.auto_source, position=(last if last is not None else -1) + 1,
                active=True, starts_on=today(self._db.clock),
                created_at=self._db.clock.now(),
            )
            s.add(goal)
            s.flush()
            _replan(s, goal, goal.starts_on)
            s.flush()
            return self._with_plans(s, goal)

    def update(self, goal_id: int, draft: GoalDraft, rule_problem: RuleCheck) -> GoalRecord:
        """Save edited fields; a new target or new days hold from today on.

        Past days keep the plan they had (a new `goal_plan` row starts today), so raising a
        target never turns a day that met the old one into a miss.
        """
        draft = draft.validated(rule_problem)
        with self._db.write() as s:
            goal = self._get(s, goal_id)
            replan = (goal.target, goal.rrule) != (draft.target, draft.rrule)
            goal.title, goal.target, goal.unit = draft.title, draft.target, draft.unit
            goal.rrule, goal.auto_source = draft.rrule, draft.auto_source
            if replan:
                _replan(s, goal, max(today(self._db.clock), goal.starts_on))
            s.flush()
            return self._with_plans(s, goal)

    @staticmethod
    def _with_plans(s: Session, goal: Goal) -> GoalRecord:
        assert goal.id is not None
        return _record(goal, _plans(s, [goal.id]))

    def retire(self, goal_id: int) -> GoalRecord:
        """Stop showing a goal; its days stay (undone with `restore`)."""
        return self._set_active(goal_id, False)

    def restore(self, goal_id: int) -> GoalRecord:
        """Bring a retired goal back."""
        return self._set_active(goal_id, True)

    def _set_active(self, goal_id: int, active: bool) -> GoalRecord:
        with self._db.write() as s:
            goal = self._get(s, goal_id)
            goal.active = active
            s.flush()
            return self._with_plans(s, goal)

    def seed(self, drafts: Sequence[GoalDraft], rule_problem: RuleCheck) -> bool:
        """Add `drafts` when there has never been a goal; True if it did (`Store.open` seeds).

        Checked with a read first, so the usual case (goals exist) takes no write lock.
        """
        if self._db.readonly or self._count():  # browsing only: first-run seeding waits
            return False
        valid = [d.validated(rule_problem) for d in drafts]
        start, now = today(self._db.clock), self._db.clock.now()
        with self._db.write() as s:
            if s.scalars(select(func.count()).select_from(Goal)).one():
                return False
            add_goals(s, valid, start, now)
        return True

    def _count(self) -> int:
        with self._db.read() as s:
            return int(s.scalars(select(func.count()).select_from(Goal)).one())

    # ---- days ----------------------------------------------------------------------------

    def for_day(self, day: date) -> list[GoalToday]:
        """Every active goal with its count on `day` (which days apply is the playbook's call)."""
        g = columns(Goal)
        d = columns(GoalDay)
        query = (
            select(g.id, g.title, g.target, g.unit, g.rrule, g.starts_on, d.count, d.rest)
            .select_from(table(Goal).outerjoin(
                table(GoalDay), and_(d.goal_id == g.id, d.day == day)))
            .where(g.active.is_(True))
            .order_by(g.position, g.id)
        )
        with self._db.read() as s:
            rows = s.connection().execute(query).all()
            plans = _plans(s, [r[0] for r in rows])
        return [
            GoalToday(id=r[0], title=r[1], target=r[2], unit=r[3], rrule=r[4], starts_on=r[5],
                      count=r[6] or 0, rest=bool(r[7]),
                      plans=tuple(plans.get(r[0], ())) or (
                          GoalPlanRecord(r[0], r[5], r[2], r[4]),))
            for r in rows
        ]

    def days(self, first: date, last: date) -> list[GoalDayRecord]:
        """Every stored goal day from `first` to `last` (inclusive): the history views read this."""
        d = columns(GoalDay)
        query = (select(*record_columns(GoalDay, GoalDayRecord))
                 .where(d.day >= first, d.day <= last).order_by(d.day, d.goal_id))
        with self._db.read() as s:
            rows = s.connection().execute(query).all()
        return [GoalDayRecord(*r) for r in rows]

    def history(self, days: int) -> list[GoalDayRecord]:
        """The stored goal days of the last `days` days, today included (oldest first)."""
        last = today(self._db.clock)
        return self.days(last - timedelta(days=max(days, 1) - 1), last)

    def adjust(self, goal_id: int, day: date, delta: int) -> GoalDayRecord:
        """Add `delta` (often +1 or -1) to the day's count; it never goes below zero."""
        return self._change(goal_id, day, lambda row: _set_count(row, row.count + delta))

    def set_count(self, goal_id: int, day: date, count: int) -> GoalDayRecord:
        """Set the day's count (`space` on Today sets it to the target)."""
        return self._change(goal_id, day, lambda row: _set_count(row, count))

    def set_rest(self, goal_id: int, day: date, rest: bool) -> GoalDayRecord:
        """Mark the day a rest day for this goal (or not): rest days are never missed days."""
        def apply(row: GoalDay) -> None:
            row.rest = rest

        return self._change(goal_id, day, apply)

    def toggle_rest(self, goal_id: int, day: date) -> GoalDayRecord:
        """Flip the rest flag of the day."""
        def apply(row: GoalDay) -> None:
            row.rest = not row.rest

        return self._change(goal_id, day, apply)

    def _change(self, goal_id: int, day: date, apply: Callable[[GoalDay], None]) -> GoalDayRecord:
        errors: dict[str, str] = {}
        check_counted_day(errors, day, today(self._db.clock))
        if errors:
            raise ValidationError(errors)
        with self._db.write() as s:
            self._get(s, goal_id)
            row = self._day(s, goal_id, day)
            apply(row)
            s.flush()
            return _day_record(row)

    @staticmethod
    def _day(s: Session, goal_id: int, day: date) -> GoalDay:
        d = columns(GoalDay)
        row = s.scalars(
            select(GoalDay).where(d.goal_id == goal_id, d.day == day)
        ).first()
        if row is None:
            row = GoalDay(goal_id=goal_id, day=day, count=0, rest=False)
            s.add(row)
        return row

    def sync_auto(self, first: date, last: date) -> int:
        """Store what automatic goals counted from the app's own activity, `first` to `last`.

        Run when Today or Goals loads (over the last week, so something logged late at night
        still lands on its day). The count goes into `GoalDay.count`, so the history keeps it;
        a rest flag set by hand is left alone. Reads first and writes only what changed;
        returns how many days were written.
        """
        goals = [g for g in self.all() if g.auto_source is not None]
        if not goals or self._db.readonly:  # read-only: show what is stored
            return 0
        counts = activity_counts(self._db, first, last)
        stored = {(r.goal_id, r.day): r.count for r in self.days(first, last)}
        changes: list[tuple[int, date, int]] = []
        for goal in goals:
            assert goal.auto_source is not None
            per_day = counts[goal.auto_source]
            day = max(first, goal.starts_on)
            while day <= last:
                want = min(per_day.get(day, 0), MAX_COUNT)
                have = stored.get((goal.id, day))
                if (have is None and want) or (have is not None and have != want):
                    changes.append((goal.id, day, want))
                day += timedelta(days=1)
        if changes:
            with self._db.write() as s:
                for goal_id, day, want in changes:
                    self._day(s, goal_id, day).count = want
        return len(changes)

    @staticmethod
    def _get(s: Session, goal_id: int) -> Goal:
        goal = s.get(Goal, goal_id)
        if goal is None:
            raise NotFoundError(goal_id)
        return goal


def add_goals(s: Session, drafts: Sequence[GoalDraft], start: date, now: datetime) -> None:
    """Add validated `drafts` in their order, each starting on `start` with its first plan."""
    for i, d in enumerate(drafts):
        goal = Goal(title=d.title, target=d.target, unit=d.unit, rrule=d.rrule,
                    auto_source=d.auto_source, position=i, active=True, starts_on=start,
                    created_at=now)
        s.add(goal)
        s.flush()
        _replan(s, goal, start)


def _set_count(row: GoalDay, count: int) -> None:
    """A count between 0 and MAX_COUNT (a `-` on zero stays zero)."""
    errors: dict[str, str] = {}
    check_count(errors, max(0, count))
    if errors:
        raise ValidationError(errors)
    row.count = max(0, count)

"""Planning an import (the dry run and its report) and applying it in ONE transaction.

Applying reads the file again and stores each row as it is read, in batches; the SHA-256 of
what it read must equal the dry run's, or everything is rolled back. A JSON export needs a
database without data of its own: one that holds only the goals and rituals the app added on
its first start, never changed, counts as empty, and the import replaces them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bounceback.domain import FeedbackStatus, GoalSource, Stage
from bounceback.sanitize import clean_text
from bounceback.store import mapping
from bounceback.store.applications import search_fold
from bounceback.store.models import (
    Application,
    Goal,
    GoalPlan,
    Rejection,
    Ritual,
    StageEvent,
    metadata,
)
from bounceback.store.portability.common import (
    MAX_SHOWN_PROBLEMS,
    ImportPlan,
    ImportRefused,
    ImportRules,
    Source,
    counts_text,
)
from bounceback.store.portability.csv_import import PlannedApplication, csv_pass
from bounceback.store.portability.json_import import JsonPass, exported_tables
from bounceback.store.portability.source import TextStream, source_for

if TYPE_CHECKING:
    from bounceback.store.db import Store

BATCH = 500
_STARTER_TABLES = ("goal", "goal_plan", "ritual")
_HOLDS_DATA = ("this database already holds data; import a JSON export into a new one "
               "(--db NEW.db) so nothing is mixed or replaced.")
_CHANGED = "the file changed since it was checked; nothing was imported. Check it again."


def plan_import(path: Path, today: date, rules: ImportRules) -> ImportPlan:
    """Read and check a file without touching any database (the dry run)."""
    return _plan(source_for(path), today, rules)


def plan_bytes(data: bytes, today: date, rules: ImportRules) -> ImportPlan:
    """Plan an import of our JSON or of a CSV held in memory."""
    return _plan(Source(data=data), today, rules)


def _kind(source: Source) -> str:
    """"json" or "csv", from the first character that is not white space."""
    for chunk in TextStream(source):
        text = chunk.lstrip()
        if text:
            return "json" if text.startswith("{") else "csv"
    raise ImportRefused("the file is empty.")


def _plan(source: Source, today: date, rules: ImportRules) -> ImportPlan:
    plan = ImportPlan(kind=_kind(source), source=source, rules=rules, today=today)
    plan.digest = JsonPass(plan).run() if plan.kind == "json" else csv_pass(plan)
    return plan


def planned_applications(plan: ImportPlan) -> list[PlannedApplication]:
    """A CSV plan's rows exactly as they would be stored, read again (tests, small files)."""
    rows: list[PlannedApplication] = []
    csv_pass(_scratch(plan), rows.append)
    return rows


def _scratch(plan: ImportPlan) -> ImportPlan:
    return ImportPlan(kind=plan.kind, source=plan.source, rules=plan.rules, today=plan.today)


def report_lines(plan: ImportPlan, limit: int = MAX_SHOWN_PROBLEMS) -> list[str]:
    """The dry-run report, one line each (text from the file is shortened and cleaned)."""
    kind = "a bounceback JSON export" if plan.kind == "json" else "a CSV table"
    lines = [f"This is {kind}.", f"Would add: {counts_text(plan.counts)}."]
    if plan.new_cases:
        n = plan.new_cases
        lines.append(f"{n:,} application{'s' if n != 1 else ''} ended rejected: each gets its "
                     "case in the casebook (kind read from its stages, marked imported, no "
                     "first-aid flow).")
    if plan.ignored_columns:
        what = "tables" if plan.kind == "json" else "columns"
        lines.append(f"Ignored {what}: {', '.join(plan.ignored_columns)}.")
    for text, n in plan.unknown_stages.items():
        lines.append(f"Unknown stage \"{text}\" in {n} row{'s' if n != 1 else ''}.")
    if plan.problem_count:
        lines.append(f"{plan.problem_count:,} problem(s); nothing will be imported until "
                     "they are fixed:")
        lines.extend(f"  {p.describe()}" for p in plan.problems[:limit])
        if plan.problem_count > limit:
            lines.append(f"  … and {plan.problem_count - limit:,} more.")
    else:
        lines.append("No problems found.")
    # the last guard: nothing from the file reaches a terminal raw (indents are kept)
    return [clean_text(line, single_line=True) for line in lines]


def target_problem(store: Store, plan: ImportPlan) -> str | None:
    """Why this database cannot take the plan (a JSON export needs an empty one), or None."""
    if plan.kind != "json":
        return None
    with store.read() as s:
        return _target(s.connection(), plan.rules)[0]


def target_note(store: Store, plan: ImportPlan) -> str | None:
    """What the import replaces in this database (its untouched starters), or None."""
    if plan.kind != "json":
        return None
    with store.read() as s:
        problem, starters = _target(s.connection(), plan.rules)
    if problem or not starters:
        return None
    return ("This database holds only the goals and rituals it was given on its first start, "
            "never changed: the import replaces them with the file's.")


def _target(conn: sa.Connection, rules: ImportRules) -> tuple[str | None, bool]:
    """(why the database cannot take a JSON export, whether it holds starters to replace)."""
    for table in exported_tables():
        if table.name in (*_STARTER_TABLES, "setting"):
            continue
        if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar():
            return _HOLDS_DATA, False
    g = mapping.columns(Goal)
    p = mapping.columns(GoalPlan)
    r = mapping.columns(Ritual)
    goals = conn.execute(sa.select(g.id, g.title, g.target, g.unit, g.rrule, g.auto_source,
                                   g.active, g.starts_on).order_by(g.position, g.id)).all()
    plans = conn.execute(sa.select(p.goal_id, p.starts_on, p.target, p.rrule)).all()
    rituals = conn.execute(sa.select(r.title, r.retired).order_by(r.position, r.id)).all()
    if goals and not _starter_goals(goals, plans, rules):
        return _HOLDS_DATA, False
    if rituals and (any(retired for _, retired in rituals)
                    or [title for title, _ in rituals] != list(rules.starter_rituals)):
        return _HOLDS_DATA, False
    return None, bool(goals or rituals)


def _starter_goals(goals: Sequence[Any], plans: Sequence[Any], rules: ImportRules) -> bool:
    """The goals are the starters, as seeded: same words, numbers and days, one plan each."""
    want = [(d.title, d.target, d.unit, d.rrule, d.auto_source) for d in rules.starter_goals]
    have = [(x.title, x.target, x.unit, x.rrule,
             GoalSource(x.auto_source) if x.auto_source is not None else None) for x in goals]
    if have != want or not all(x.active for x in goals):
        return False
    expected = sorted((x.id, x.starts_on, x.target, x.rrule) for x in goals)
    return sorted(tuple(row) for row in plans) == expected


def apply_import(store: Store, plan: ImportPlan) -> dict[str, int]:
    """Store the plan in ONE transaction (all or nothing); returns rows added per table.

    An application that ended rejected and has no case in the file gets one, so the casebook
    and the pattern agree with the pipeline: the rules' `judge` (the playbook's; the store
    holds no judgement) reads its stages, and the case is marked imported, its flow done.
    """
    if not plan.ok:
        raise ImportRefused(f"{plan.problem_count:,} problem(s) in the file; nothing was "
                            "imported.")
    counts = dict(plan.counts)
    try:
        with store.write() as s:
            conn = s.connection()
            # a hand-made file may list a table before the one it points at: check at COMMIT
            conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            if plan.kind == "json":
                _replace_starters(conn, plan.rules)
                writer = _Batches(conn)
                check = _scratch(plan)
                digest = JsonPass(check, writer.add).run()
                writer.flush()
                if digest != plan.digest or not check.ok:
                    raise ImportRefused(_CHANGED)
                _plan_goals_without_plans(conn)  # a v1 export has no goal_plan table
                opened = _open_cases(conn, None, plan.rules, store)
            else:
                inserter = _Applications(conn, store.clock.now())
                check = _scratch(plan)
                digest = csv_pass(check, inserter.add)
                inserter.flush()
                if digest != plan.digest or not check.ok:
                    raise ImportRefused(_CHANGED)
                opened = _open_cases(conn, inserter.rejected, plan.rules, store)
    except IntegrityError as exc:
        raise ImportRefused("the file's rows refer to records that are not in it (or repeat "
                            "one); nothing was imported.") from exc
    if opened:
        counts["rejection"] = counts.get("rejection", 0) + opened
    return counts


def _replace_starters(conn: sa.Connection, rules: ImportRules) -> None:
    problem, _ = _target(conn, rules)  # again, inside the write transaction
    if problem:
        raise ImportRefused(problem)
    for name in ("goal_plan", "goal", "ritual", "setting"):  # the file brings its own
        conn.execute(sa.delete(metadata().tables[name]))


class _Batches:
    """Rows inserted a batch at a time (one batch per table and set of columns)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.key: tuple[str, frozenset[str]] | None = None
        self.table: sa.Table | None = None
        self.rows: list[dict[str, Any]] = []

    def add(self, table: sa.Table, row: dict[str, Any]) -> None:
        key = (table.name, frozenset(row))
        if key != self.key:
            self.flush()
            self.key, self.table = key, table
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.rows and self.table is not None:
            self.conn.execute(sa.insert(self.table), self.rows)
        self.rows = []


class _Applications:
    """CSV rows inserted a batch at a time, each with its stage history."""

    def __init__(self, conn: sa.Connection, now: datetime) -> None:
        self.conn, self.now = conn, now
        self.batch: list[PlannedApplication] = []
        self.rejected: list[int] = []  # new applications that ended rejected

    def add(self, item: PlannedApplication) -> None:
        self.batch.append(item)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        now, a = self.now, mapping.table(Application)
        rows = []
        for item in self.batch:
            d = item.draft
            rows.append({
                "company": d.company, "role": d.role, "location": d.location, "url": d.url,
                "source": d.source, "contact_name": d.contact_name,
                "contact_email": d.contact_email, "applied_on": d.applied_on,
                "next_action": d.next_action, "next_action_on": d.next_action_on,
                "description": d.description, "notes": d.notes, "stage": d.stage,
                "search_fold": search_fold(d.company, d.role, d.notes),
                "last_activity_at": now, "created_at": now, "updated_at": now,
            })
        ids = self.conn.execute(sa.insert(a).returning(a.c.id, sort_by_parameter_order=True),
                                rows).scalars().all()
        events = [{"application_id": app_id, "stage": stage, "at": at or now, "note": ""}
                  for app_id, item in zip(ids, self.batch, strict=True)
                  for stage, at in item.history]
        if events:
            self.conn.execute(sa.insert(mapping.table(StageEvent)), events)
        self.rejected.extend(app_id for app_id, item in zip(ids, self.batch, strict=True)
                             if item.draft.stage is Stage.REJECTED)
        self.batch = []


def _plan_goals_without_plans(conn: sa.Connection) -> None:
    """Give every goal without a plan one from its first day (as the v2 upgrade does)."""
    g = mapping.columns(Goal)
    p = mapping.columns(GoalPlan)
    conn.execute(sa.insert(mapping.table(GoalPlan)).from_select(
        ["goal_id", "starts_on", "target", "rrule"],
        sa.select(g.id, g.starts_on, g.target, g.rrule).where(
            ~sa.exists().where(p.goal_id == g.id)),
    ))


def _open_cases(conn: sa.Connection, app_ids: Sequence[int] | None, rules: ImportRules,
                store: Store) -> int:
    """A case for each imported application that ended rejected and has none; how many.

    `app_ids` None: every application (a JSON import fills an empty database).
    """
    a = mapping.columns(Application)
    r = mapping.columns(Rejection)
    # any case, even one the person deleted, means "already handled": never a second one
    query = sa.select(a.id, a.company, a.role, a.applied_on).where(
        a.stage == Stage.REJECTED, a.deleted_at.is_(None),
        ~sa.exists().where(r.application_id == a.id),
    ).order_by(a.id)
    if app_ids is None:
        candidates = list(conn.execute(query).all())  # read all before writing any case
    else:
        candidates = []
        for start in range(0, len(app_ids), BATCH):
            chunk = list(app_ids[start:start + BATCH])
            candidates.extend(conn.execute(query.where(a.id.in_(chunk))).all())
    for start in range(0, len(candidates), BATCH):
        _cases_for(conn, candidates[start:start + BATCH], rules, store)
    return len(candidates)


def _cases_for(conn: sa.Connection, apps: Sequence[Any], rules: ImportRules,
               store: Store) -> None:
    e = mapping.columns(StageEvent)
    events: dict[int, list[tuple[Stage, datetime]]] = {}
    for app_id, stage, at in conn.execute(
        sa.select(e.application_id, e.stage, e.at)
        .where(e.application_id.in_([x.id for x in apps])).order_by(e.application_id, e.id)
    ):
        events.setdefault(app_id, []).append((Stage(stage), at))
    now, tz = store.clock.now(), store.clock.tz
    rows = []
    for app in apps:
        history = events.get(app.id, [])
        reached, rounds, kind = rules.judge([stage for stage, _ in history])
        ended = [at for stage, at in history if stage is Stage.REJECTED]
        received = (ended[-1].astimezone(tz).date() if ended
                    else app.applied_on or now.astimezone(tz).date())
        rows.append({
            "application_id": app.id, "company": app.company, "role": app.role,
            "received_on": received, "stage_reached": reached, "interview_rounds": rounds,
            "kind": kind, "feedback_status": FeedbackStatus.NOT_ASKED, "flow_step": "done",
            "imported": True, "created_at": now, "updated_at": now,
        })
    conn.execute(sa.insert(mapping.table(Rejection)), rows)


def import_file(store: Store, path: Path, today: date,
                rules: ImportRules) -> tuple[ImportPlan, dict[str, int]]:
    """Plan and apply in one go (the CLI shows the plan first)."""
    plan = plan_import(path, today, rules)
    return plan, apply_import(store, plan)

"""A JSON import obeys the forms' rules (issue 10, item 10) and a fresh database takes it (12).

Every record of a JSON export passes the same validation as the form that would have typed it;
a bad value refuses the whole import, naming the record (kind, index, id) and the field, and the
database is untouched. What is accepted opens: a reopened store and the Today and Goals loaders.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bounceback.clock import FixedClock
from bounceback.domain import HelpKind, MaterialKind, RoundKind, StrengthKind, WinCategory
from bounceback.playbook.goals import describe_days, rrule_problem
from bounceback.playbook.rituals import DEFAULT_RITUALS
from bounceback.playbook.triage import judge
from bounceback.screens.goals import build_views
from bounceback.screens.today_data import load_today
from bounceback.starters import import_rules, starters
from bounceback.store import portability as p
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.goals import GoalDraft
from bounceback.store.help_acts import HelpDraft
from bounceback.store.interviews import RoundDraft
from bounceback.store.portability.json_import import exported_tables
from bounceback.store.wins import WinDraft

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
TODAY = date(2026, 11, 25)
RULES = import_rules()


def _one_of_each(store: Store) -> None:
    """A record in every table, written through the repositories as a person would."""
    store.materials.add(MaterialKind.RESUME, "Resume 2026", "Jo Doe\njo@example.com\nExperience")
    app_id = store.applications.create(ApplicationDraft(company="Acme", role="Dev",
                                                        applied_on=date(2026, 11, 2))).id
    store.applications.create(ApplicationDraft(company="Beta", role="QA"))
    store.interviews.add(app_id, RoundDraft(date(2026, 11, 10), RoundKind.TECHNICAL, "Kim",
                                            6, "fine", (("Tell me about a conflict", True),)),
                         TODAY)
    store.interviews.save_answer("Tell me about a conflict", "The release-freeze story.")
    case = store.rejections.log_for_application(app_id, judge)
    window = store.wallow.start(case.id, 15)
    store.wallow.save_vent(window.id, "so unfair")
    store.wallow.finish(window.id, early=True)
    store.rejections.update(case.id, intensity_before=7, intensity_after=4,
                            feelings=["sad"], flow_step="done")
    store.rituals.seed(DEFAULT_RITUALS)
    store.rituals.mark_done(store.rituals.all()[0].id, case.id)
    store.wins.create(WinDraft("Shipped it", WinCategory.SOLVED, date(2026, 10, 1),
                               tags=("payments",)))
    store.strengths.add("Patient", StrengthKind.QUALITY)
    store.help.log(HelpDraft("Sam", "an intro", HelpKind.INTRODUCTION, date(2026, 11, 20)))
    goal = store.goals.create(GoalDraft("Walk", target=2, unit="walks"), rrule_problem)
    store.goals.set_count(goal.id, TODAY, 1)
    store.checkins.save(TODAY, mood=3, control="one thing", note="ok")
    store.settings.update(wallow_minutes=20)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An export holding one record (or so) of every table."""
    store = Store.open(tmp_path_factory.mktemp("base") / "b.db", FixedClock(NOW))
    try:
        _one_of_each(store)
        data = p.export_data(store)
    finally:
        store.close()
    assert all(data["tables"][t.name] for t in exported_tables()), data
    return data


def _bytes(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode()


def _opens(path: Path, clock: FixedClock) -> None:
    """What the app does on start: reopen the store, load Today and Goals, judge every goal."""
    store = Store.open(path, clock, starters=starters())
    try:
        data = load_today(store, TODAY)
        data.lines(), data.today_tally(), data.yesterday_tally()
        views = build_views(store.goals.all(), store.goals.history(28), TODAY)
        for view in views:
            view.glyphs(7)
            describe_days(view.goal.rrule)
        store.settings.get()
        store.rejections.paused()
        for row in store.rejections.rows():
            store.rejections.get(row.id)
        for row in store.applications.rows():
            store.applications.get(row.id)
        store.wins.rows()
    finally:
        store.close()


def _rows(path: Path) -> int:
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return sum(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0
                       for t in exported_tables())
    finally:
        engine.dispose()


# ---- item 10: out-of-range values named, nothing stored ---------------------------------

CASES = [
    ("wallow_window", "minutes", 0, "Choose between 5 and 30 minutes"),
    ("wallow_window", "minutes", 999, "Choose between 5 and 30 minutes"),
    ("goal", "rrule", "FREQ=BOGUS", "Not a repeat rule"),
    ("goal", "rrule", "FREQ=HOURLY", "Not a repeat rule"),
    ("goal_plan", "rrule", "nonsense", "Not a repeat rule"),
    ("goal", "target", 0, "Target: a whole number"),
    ("goal_plan", "target", 10**6, "Target: a whole number"),
    ("goal_day", "count", -3, "never below zero"),
    ("goal_day", "count", 10**7, "stops at"),
    ("check_in", "mood", 999, "Mood is a whole number from 1 to 5"),
    ("check_in", "control", "x" * 501, "the limit is 500"),
    ("setting", "wallow_minutes", 0, "between 5 and 30"),
    ("setting", "stale_days", -1, "between 1 and 365"),
    ("setting", "min_active", 10**5, "between 0 and 100"),
    ("setting", "id", 2, "one settings row"),
    ("rejection", "intensity_before", 11, "from 0 to 10"),
    ("rejection", "flow_step", "teleport", "flow step is one of"),
    ("rejection", "company", "   ", "required"),
    ("application", "contact_email", "nope", "email address"),
    ("application", "applied_on", "2027-06-01", "future"),
    ("win", "title", "", "required"),
    ("win", "happened_on", "2099-01-01", "future"),
    ("win", "tags", [f"t{i}" for i in range(30)], "the limit is 20"),
    ("help_act", "happened_on", "2030-01-01", "future"),
    ("strength", "text", "\x1b\x07 \u202e", "required"),
    ("ritual", "title", "", "required"),
    ("application", "created_at", "0001-01-01T00:00:00+01:00", "date and time"),
    ("stage_event", "at", "9999-12-31T23:00:00-05:00", "date and time"),
    ("rejection", "received_on", "1900-01-01", "between 1970 and 2100"),
    ("application", "last_activity_at", "2026-11-25T09:00:00", "no time zone"),
]


@pytest.mark.parametrize(("table", "field", "value", "message"), CASES)
def test_an_out_of_range_value_refuses_the_import_naming_record_and_field(
        base, tmp_path, table, field, value, message):
    data = copy.deepcopy(base)
    data["tables"][table][0][field] = value
    plan = p.plan_bytes(_bytes(data), TODAY, RULES)
    described = [x.describe() for x in plan.problems]
    label = p.table_label(table)
    record_id = data["tables"][table][0]["id"]
    assert any(d.startswith(f"{label} 1 (id {record_id}), {field}: ") and message in d
               for d in described), described
    assert not plan.ok
    assert any(line.startswith(f"  {label} 1 (id {record_id}), {field}:")
               for line in p.report_lines(plan))
    fresh = Store.open(tmp_path / "fresh.db", FixedClock(NOW))
    with pytest.raises(p.ImportRefused, match="nothing was imported"):
        p.apply_import(fresh, plan)
    fresh.close()
    assert _rows(tmp_path / "fresh.db") == 0


def test_the_untouched_export_imports_and_opens(base, tmp_path):
    plan = p.plan_bytes(_bytes(base), TODAY, RULES)
    assert plan.ok, p.report_lines(plan)
    store = Store.open(tmp_path / "x.db", FixedClock(NOW))
    p.apply_import(store, plan)
    store.close()
    _opens(tmp_path / "x.db", FixedClock(NOW))


def test_a_record_pointing_at_a_missing_one_is_named(base):
    data = copy.deepcopy(base)
    data["tables"]["wallow_window"][0]["rejection_id"] = 4242
    data["tables"]["goal_day"].append(dict(data["tables"]["goal_day"][0], id=99))
    plan = p.plan_bytes(_bytes(data), TODAY, RULES)
    described = [x.describe() for x in plan.problems]
    assert "wallow window 1 (id 1), rejection_id: points at rejection case 4242, which is not " \
           "in the file" in described
    assert any(d.startswith("goal day 2 (id 99), day: a second goal day") for d in described)


def test_a_bad_json_date_names_field_and_record_not_overflow(base):
    data = copy.deepcopy(base)
    data["tables"]["check_in"][0]["updated_at"] = "0001-01-01T00:30:00+01:00"
    plan = p.plan_bytes(_bytes(data), TODAY, RULES)
    (problem,) = plan.problems
    assert (problem.table, problem.line, problem.field) == ("check_in", 1, "updated_at")
    assert "Overflow" not in problem.message


# ---- generated exports: refused with a named field, or the app opens --------------------

def _value_for(col: sa.Column[Any]) -> st.SearchStrategy[Any]:
    kind = col.type
    if isinstance(kind, sa.Boolean):
        return st.booleans()
    if isinstance(kind, sa.Integer):
        return st.one_of(st.integers(-50, 200), st.sampled_from([0, -1, 10**6, 2**62, 2**31]))
    if isinstance(kind, sa.Date):
        return st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat) | \
            st.sampled_from(["1969-12-31", "2100-12-31", "2101-01-01", "2026-11-26",
                             "2026-11-27"])
    if isinstance(kind, sa.DateTime):
        zones = st.sampled_from([UTC, *(timezone_for(h) for h in (-12, -5, 5, 14))])
        return st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30), timezones=zones) \
            .map(datetime.isoformat)
    if isinstance(kind, sa.Enum):
        return st.sampled_from([*kind.enums, "", "bogus"])
    if isinstance(kind, sa.JSON):
        return st.lists(st.text(max_size=60), max_size=25)
    if col.name == "rrule":
        return st.sampled_from(["FREQ=DAILY", "FREQ=HOURLY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
                                "FREQ=WEEKLY;COUNT=0", "FREQ=DAILY;INTERVAL=0", "",
                                "FREQ=MONTHLY;BYMONTHDAY=31", "RRULE:FREQ=WEEKLY;BYDAY=XX",
                                "FREQ=DAILY;UNTIL=19700101"]) | st.text(max_size=30)
    return st.text(max_size=40) | st.sampled_from(["", " ", "\x1b]52;c;eA==\x07", "[/]", "x" * 600])


def timezone_for(hours: int):  # type: ignore[no-untyped-def]
    """A fixed UTC offset."""
    from datetime import timezone

    return timezone(timedelta(hours=hours))


_COLUMNS = [(t.name, c) for t in exported_tables()
            for c in t.columns if not c.primary_key and not c.foreign_keys]


@st.composite
def _mutations(draw: st.DrawFn) -> list[tuple[str, str, Any]]:
    picks = draw(st.lists(st.sampled_from(_COLUMNS), min_size=1, max_size=3))
    return [(table, col.name, draw(_value_for(col))) for table, col in picks]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=_mutations())
def test_generated_exports_are_refused_by_field_or_open_fine(base, tmp_path_factory, changes):
    data = copy.deepcopy(base)
    for table, name, value in changes:
        data["tables"][table][0][name] = value
    plan = p.plan_bytes(_bytes(data), TODAY, RULES)
    folder = tmp_path_factory.mktemp("gen")
    store = Store.open(folder / "g.db", FixedClock(NOW))
    try:
        if not plan.ok:
            tables = {t for t, _, _ in changes}
            for problem in plan.problems:
                assert problem.table in tables and problem.field and problem.message
            with pytest.raises(p.ImportRefused):
                p.apply_import(store, plan)
            return
        p.apply_import(store, plan)
    finally:
        store.close()
    if plan.ok:
        _opens(folder / "g.db", FixedClock(NOW))


# ---- item 12: starters never block an import into a fresh database -----------------------

def _first_start(path: Path) -> None:
    """What opening the app on a new database adds: the starter goals and rituals."""
    store = Store.open(path, FixedClock(NOW), starters=starters())
    try:
        assert len(store.goals.all()) == 3
        assert [r.title for r in store.rituals.all()] == list(DEFAULT_RITUALS)
    finally:
        store.close()


def test_a_json_export_imports_into_a_database_with_only_its_starters(base, tmp_path):
    _first_start(tmp_path / "new.db")
    store = Store.open(tmp_path / "new.db", FixedClock(NOW))
    try:
        plan = p.plan_bytes(_bytes(base), TODAY, RULES)
        assert p.target_problem(store, plan) is None
        assert "replaces them" in (p.target_note(store, plan) or "")
        p.apply_import(store, plan)
        assert [g.title for g in store.goals.all()] == ["Walk"]  # the file's, not the starters
        assert [r.title for r in store.rituals.all()] == list(DEFAULT_RITUALS)
        assert p.export_data(store)["tables"] == base["tables"]
    finally:
        store.close()


@pytest.mark.parametrize("touch", ["rename", "count", "retire ritual", "settings stay"])
def test_starters_the_person_changed_still_block_it(base, tmp_path, touch):
    _first_start(tmp_path / "new.db")
    store = Store.open(tmp_path / "new.db", FixedClock(NOW))
    try:
        goal = store.goals.all()[0]
        if touch == "rename":
            store.goals.update(goal.id, GoalDraft("My own goal", goal.target, goal.unit,
                                                  goal.rrule, goal.auto_source), rrule_problem)
        elif touch == "count":
            store.goals.set_count(goal.id, TODAY, 1)
        elif touch == "retire ritual":
            store.rituals.set_retired(store.rituals.all()[0].id, True)
        else:  # settings alone are not data: the import brings its own
            store.settings.update(stale_days=30)
        plan = p.plan_bytes(_bytes(base), TODAY, RULES)
        if touch == "settings stay":
            assert p.target_problem(store, plan) is None
            p.apply_import(store, plan)
            assert store.settings.get().stale_days == base["tables"]["setting"][0]["stale_days"]
            return
        assert "already holds data" in (p.target_problem(store, plan) or "")
        before = p.export_data(store)["tables"]
        with pytest.raises(p.ImportRefused, match="already holds data"):
            p.apply_import(store, plan)
        assert p.export_data(store)["tables"] == before
    finally:
        store.close()

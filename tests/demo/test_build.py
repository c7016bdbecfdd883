"""The demo data: coherent histories, rejections that match them, determinism, scale, safety."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, text

from bounceback.clock import FixedClock, today
from bounceback.demo import DemoSummary, build_demo
from bounceback.domain import (
    FEELING_WORDS,
    FeedbackStatus,
    RejectionKind,
    Stage,
    WinCategory,
)
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.models import (
    Answer,
    Application,
    CheckIn,
    Goal,
    GoalDay,
    HelpAct,
    InterviewQuestion,
    InterviewRound,
    Material,
    Rejection,
    Ritual,
    RitualDone,
    Setting,
    StageEvent,
    Strength,
    WallowWindow,
    Win,
)

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
ALL_TABLES = (
    Application, StageEvent, Rejection, WallowWindow, Ritual, RitualDone, Win, Strength, HelpAct,
    Goal, GoalDay, CheckIn, Setting, Material, InterviewRound, InterviewQuestion, Answer,
)


def open_store(where: Path, clock: FixedClock | None = None) -> Store:
    """A fresh store in a tmp folder."""
    return Store.open(where / "d" / "b.db", clock or FixedClock(NOW))


def rows(store: Store, model: type) -> list[Any]:
    """Every row of a table as typed Core rows (aware datetimes, enums as values), by id."""
    table = model.__table__  # type: ignore[attr-defined]
    with store.read() as s:
        return list(s.connection().execute(select(table).order_by(table.c.id)).mappings())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, DemoSummary]:
    """One default demo shared by the read-only tests."""
    store = open_store(tmp_path_factory.mktemp("demo"))
    summary = build_demo(store)
    yield store, summary
    store.close()


def histories(store: Store) -> dict[int, list[Any]]:
    """Stage events per application, in time order."""
    by_app: dict[int, list[Any]] = defaultdict(list)
    for event in sorted(rows(store, StageEvent), key=lambda e: (e["at"], e["id"])):
        by_app[event["application_id"]].append(event)
    return by_app


def test_summary_counts_match_the_tables(demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    assert summary.applications == len(rows(store, Application)) == 40
    assert summary.stage_events == len(rows(store, StageEvent))
    assert summary.rejections == len(rows(store, Rejection)) == 13
    # every case has had its window and ritual but the one planned for this evening
    assert summary.wallow_windows == summary.rituals_done == summary.rejections - 1
    assert (summary.rituals, summary.goals, summary.settings) == (5, 3, 1)
    assert summary.wins == 14 and summary.strengths == 6 and summary.help_acts == 6
    assert summary.check_ins == len(rows(store, CheckIn)) > 40
    assert summary.total == sum(len(rows(store, m)) for m in ALL_TABLES)


def test_every_stage_is_present(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    stages = Counter(Stage(a["stage"]) for a in rows(store, Application))
    assert set(stages) == set(Stage)
    assert stages[Stage.OFFER] == 1
    assert stages[Stage.ACCEPTED] == 1  # a short bridge contract; the search goes on


def test_histories_are_monotonic_and_end_in_the_current_stage(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, _ = demo
    clock = store.clock
    by_app = histories(store)
    rounds_seen = set()
    for app in rows(store, Application):
        events = by_app[app["id"]]
        times = [e["at"] for e in events]
        assert all(t.tzinfo is not None and t.utcoffset() == timedelta(0) for t in times)
        assert times == sorted(times) and len(set(times)) == len(times)
        assert times[-1] <= clock.now()
        assert Stage(events[-1]["stage"]) is Stage(app["stage"])
        assert app["last_activity_at"] == times[-1] == app["updated_at"]
        assert app["created_at"] == times[0]
        applied = [e["at"] for e in events if e["stage"] == Stage.APPLIED]
        expected_applied = applied[0].astimezone(clock.tz).date() if applied else None
        assert app["applied_on"] == expected_applied
        assert (app["applied_on"] is None) == (app["stage"] == Stage.SAVED)
        if app["stage"] == Stage.INTERVIEWING:
            rounds_seen.add(sum(1 for e in events if e["stage"] == Stage.INTERVIEWING))
        assert app["url"].startswith("https://example.com/")
        assert not app["contact_email"] or app["contact_email"].endswith("@example.com")
        assert app["search_fold"] == app["search_fold"].casefold()
    assert rounds_seen == {1, 2, 3}


def test_active_applications_have_next_actions_due_past_today_and_ahead(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, _ = demo
    day = today(store.clock)
    now = store.clock.now()
    active = [a for a in rows(store, Application) if not Stage(a["stage"]).is_closed]
    closed = [a for a in rows(store, Application) if Stage(a["stage"]).is_closed]
    assert all(a["next_action"] and a["next_action_on"] for a in active)
    assert all(not a["next_action"] and a["next_action_on"] is None for a in closed)
    dues = [a["next_action_on"] for a in active]
    assert any(d < day for d in dues) and any(d == day for d in dues)
    assert any(d > day for d in dues)
    quiet = [(now - a["last_activity_at"]).days for a in active]
    assert sum(14 < q <= 21 for q in quiet) >= 3  # stale
    assert sum(q > 21 for q in quiet) >= 2  # looking ghosted


def test_one_case_waits_for_its_wallow_window_this_evening(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, _ = demo
    planned = store.wallow.next_scheduled()
    assert planned is not None and planned.company == "Wrenfield Analytics"
    local = planned.opens_at.astimezone(store.clock.tz)
    assert local.date() == today(store.clock) and local.hour == 18  # the tests' clock: 09:30
    case = store.rejections.get(planned.rejection_id)
    assert (case.flow_step, case.intensity_after, case.received_on) == (
        "wallow", None, today(store.clock))
    assert store.wallow.for_rejection(case.id) is None and not store.rituals.done_for(case.id)


def test_rejections_match_the_history_they_came_from(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    by_app = histories(store)
    apps = {a["id"]: a for a in rows(store, Application)}
    rejected = {i for i, a in apps.items() if a["stage"] == Stage.REJECTED}
    rejections = [r for r in rows(store, Rejection) if r["window_opens_at"] is None]
    tracked = [r for r in rejections if r["application_id"] is not None]
    assert {r["application_id"] for r in tracked} == rejected
    assert sum(r["application_id"] is None for r in rejections) == 1
    expected_kind = {
        Stage.APPLIED: RejectionKind.EARLY,
        Stage.SCREENING: RejectionKind.MID,
        Stage.INTERVIEWING: RejectionKind.MID,
        Stage.FINAL_ROUND: RejectionKind.FINAL,
    }
    for r in rejections:
        # two interview rounds or more: the resume did its job; a final-round (fit) case
        expected = RejectionKind.FINAL if r["interview_rounds"] >= 2 \
            else expected_kind[Stage(r["stage_reached"])]
        assert RejectionKind(r["kind"]) is expected
        assert r["flow_step"] == "done"
        assert r["feelings"] and set(r["feelings"]) <= set(FEELING_WORDS)
        assert r["intensity_after"] < r["intensity_before"]
        if r["application_id"] is None:
            continue
        events = by_app[r["application_id"]]
        assert events[-1]["stage"] == Stage.REJECTED
        assert Stage(r["stage_reached"]) is Stage(events[-2]["stage"])
        assert r["received_on"] == events[-1]["at"].astimezone(store.clock.tz).date()
        assert r["interview_rounds"] == sum(e["stage"] == Stage.INTERVIEWING for e in events)
        assert r["company"] == apps[r["application_id"]]["company"]
        assert r["created_at"] > events[-1]["at"]
    kinds = Counter(RejectionKind(r["kind"]) for r in rejections)
    assert kinds[RejectionKind.EARLY] > len(rejections) / 2
    assert kinds[RejectionKind.FINAL] == 3  # two reached the final round, one had 2+ rounds
    latest = sorted(rejections, key=lambda r: r["received_on"])[-8:]
    assert sum(r["kind"] == RejectionKind.EARLY for r in latest) >= 6


def test_feedback_statuses_are_varied_and_coherent(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    day = today(store.clock)
    rejections = rows(store, Rejection)
    assert {FeedbackStatus(r["feedback_status"]) for r in rejections} == set(FeedbackStatus)
    for r in rejections:
        status = FeedbackStatus(r["feedback_status"])
        assert (r["feedback_asked_on"] is None) == (status is FeedbackStatus.NOT_ASKED)
        assert bool(r["feedback_text"]) == (status is FeedbackStatus.RECEIVED)
        if r["feedback_asked_on"] is not None:
            assert r["received_on"] <= r["feedback_asked_on"] < day
        if status in (FeedbackStatus.NO_REPLY, FeedbackStatus.LET_GO):
            assert (day - r["feedback_asked_on"]).days >= 14


def test_each_rejection_had_a_finished_wallow_window_and_a_ritual(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, _ = demo
    # all but the one planned for this evening
    rejections = {r["id"]: r for r in rows(store, Rejection) if r["window_opens_at"] is None}
    windows = rows(store, WallowWindow)
    assert sorted(w["rejection_id"] for w in windows) == sorted(rejections)
    for w in windows:
        assert w["minutes"] == 15
        assert w["ends_at"] == w["started_at"] + timedelta(minutes=15)
        assert w["started_at"] < w["ended_at"] <= w["ends_at"] < store.clock.now()
        assert w["ended_early"] == (w["ended_at"] < w["ends_at"])
        assert w["started_at"] >= rejections[w["rejection_id"]]["created_at"]
    assert any(w["vent_text"] for w in windows)
    done = sorted(rows(store, RitualDone), key=lambda d: d["done_at"])
    assert sorted(d["rejection_id"] for d in done) == sorted(rejections)
    assert all(a["ritual_id"] != b["ritual_id"] for a, b in zip(done, done[1:], strict=False))
    rituals = rows(store, Ritual)
    assert [r["position"] for r in rituals] == list(range(5))


def test_confidence_file(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    wins = rows(store, Win)
    assert {WinCategory(w["category"]) for w in wins} == set(WinCategory)
    assert sum(w["pinned"] for w in wins) == 2
    assert len({w["happened_on"].year for w in wins}) >= 5
    assert any("40%" in w["impact"] for w in wins)
    for w in wins:
        assert w["tags"]
        for part in (w["title"], w["story"], w["impact"], *w["tags"]):
            assert part.casefold() in w["search_fold"]
    assert len({s["kind"] for s in rows(store, Strength)}) == 3
    helps = rows(store, HelpAct)
    start = today(store.clock) - timedelta(weeks=8)
    assert all(start <= h["happened_on"] < today(store.clock) for h in helps)


def test_goals_and_check_ins_cover_past_days_only(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    day = today(store.clock)
    goals = rows(store, Goal)
    assert [(g["title"], g["target"], g["unit"], g["rrule"], g["auto_source"]) for g in goals] == [
        ("Apply to targeted roles", 2, "applications", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR",
         "applications"),
        ("Send a networking email", 1, "email", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", None),
        ("Learning", 30, "minutes", "FREQ=DAILY", None),
    ]
    assert all(g["starts_on"] == day - timedelta(weeks=8) for g in goals)
    goal_days = rows(store, GoalDay)
    assert all(g["starts_on"] <= d["day"] < day for g in goals for d in goal_days)
    assert any(d["rest"] for d in goal_days)
    learning = [d for d in goal_days if d["goal_id"] == 3 and not d["rest"]]
    met = sum(d["count"] >= 30 for d in learning)
    assert met > len(learning) / 2 and any(0 < d["count"] < 30 for d in learning)
    # The automatic goal agrees with the pipeline: one count per application sent that day.
    sent = Counter(
        e["at"].astimezone(store.clock.tz).date()
        for e in rows(store, StageEvent) if e["stage"] == Stage.APPLIED
    )
    for d in goal_days:
        if d["goal_id"] == 1:
            assert d["count"] == sent[d["day"]]
            assert d["day"].weekday() < 5
    check_ins = rows(store, CheckIn)
    assert all(c["day"] < day and 1 <= c["mood"] <= 5 and c["control"] for c in check_ins)
    assert len(check_ins) >= 40
    first, last = check_ins[: len(check_ins) // 2], check_ins[len(check_ins) // 2 :]
    assert sum(c["mood"] for c in last) / len(last) > sum(c["mood"] for c in first) / len(first)
    assert rows(store, Setting)[0]["wallow_minutes"] == 15


def test_database_is_clean(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    with store.read() as s:
        conn = s.connection()
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def dump(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every demo table."""
    return {m.__name__: [dict(r) for r in rows(store, m)] for m in ALL_TABLES}


def test_same_seed_and_clock_give_the_same_rows(tmp_path: Path) -> None:
    first, second, other = (open_store(tmp_path / n) for n in "abc")
    build_demo(first)
    build_demo(second)
    build_demo(other, seed=8)
    assert dump(first) == dump(second)
    assert dump(first) != dump(other)


@pytest.mark.parametrize(
    "clock",
    [
        # Late evening in Los Angeles (already tomorrow in UTC), weeks after a DST change.
        FixedClock(datetime(2026, 11, 25, 7, 30, tzinfo=UTC), ZoneInfo("America/Los_Angeles")),
        # Just after midnight in Tokyo, on a Sunday.
        FixedClock(datetime(2026, 3, 7, 15, 5, tzinfo=UTC), ZoneInfo("Asia/Tokyo")),
    ],
    ids=["los-angeles-evening", "tokyo-after-midnight"],
)
def test_other_zones_keep_everything_in_the_past(tmp_path: Path, clock: FixedClock) -> None:
    store = open_store(tmp_path, clock)
    build_demo(store)
    now, day = clock.now(), today(clock)
    for app in rows(store, Application):
        assert app["last_activity_at"] <= now
    for event in rows(store, StageEvent):
        assert event["at"] <= now
    assert all(c["day"] < day for c in rows(store, CheckIn))
    assert all(d["day"] < day for d in rows(store, GoalDay))
    assert all(d["done_at"] < now for d in rows(store, RitualDone))
    assert all(r["updated_at"] < now for r in rows(store, Rejection))
    assert {Stage(a["stage"]) for a in rows(store, Application)} == set(Stage)
    for events in histories(store).values():
        times = [e["at"] for e in events]
        assert len(set(times)) == len(times)


def test_scale_writes_exactly_n_applications(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    summary = build_demo(store, scale=2000)
    assert summary.applications == 2000 == len(rows(store, Application))
    assert summary.rejections == 400 == len(rows(store, Rejection))
    assert summary.wins == 400
    assert summary.rituals == 5 and summary.goals == 3 and summary.check_ins > 40
    assert {Stage(a["stage"]) for a in rows(store, Application)} == set(Stage)
    by_app = histories(store)
    assert len(by_app) == 2000
    assert all(Stage(by_app[a["id"]][-1]["stage"]) is Stage(a["stage"])
               for a in rows(store, Application))
    with store.read() as s:
        assert s.connection().execute(text("PRAGMA foreign_key_check")).all() == []


def test_small_scales(tmp_path: Path) -> None:
    assert build_demo(open_store(tmp_path / "zero"), scale=0).applications == 0
    tiny = build_demo(open_store(tmp_path / "tiny"), scale=3)
    assert (tiny.applications, tiny.rejections) == (3, 0)
    with pytest.raises(ValueError):
        build_demo(open_store(tmp_path / "neg"), scale=-1)


def test_refuses_a_store_with_data(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.applications.create(ApplicationDraft(company="Real Co", role="Engineer"))
    with pytest.raises(ValueError, match="empty"):
        build_demo(store)
    assert len(rows(store, Application)) == 1  # nothing half-written
    assert rows(store, Win) == []


def test_refuses_to_run_twice(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    build_demo(store)
    before = dump(store)
    with pytest.raises(ValueError):
        build_demo(store)
    assert dump(store) == before


def test_keeps_existing_settings(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.settings.update(wallow_minutes=20)
    summary = build_demo(store)
    assert summary.settings == 0
    assert store.settings.get().wallow_minutes == 20
    assert {w["minutes"] for w in rows(store, WallowWindow)} == {20}


def test_two_resume_versions_and_each_sent_application_records_the_one_current_then(
        demo: tuple[Store, DemoSummary]) -> None:
    store, summary = demo
    assert summary.materials == 2
    draft, rewrite = sorted(store.materials.all(), key=lambda r: r.id)
    assert draft.retired and not rewrite.retired and draft.added_on < rewrite.added_on
    for row in store.applications.rows():
        app = store.applications.get(row.id)
        if app.applied_on is None:
            assert app.resume_id is None
        else:
            current = store.materials.current(on=app.applied_on)
            assert current is not None and app.resume_id == current.id
    uses = store.materials.uses()
    assert uses[draft.id] > 5 and uses[rewrite.id] > 5


def test_interview_rounds_give_the_final_round_detective_evidence(
        demo: tuple[Store, DemoSummary]) -> None:
    """Every interview in a history is a round written up; the final-round no's share
    questions that keep coming back, some flagged shaky, two answered in the bank."""
    from bounceback.screens.bounce.rounds_evidence import final_apps, recurring

    store, summary = demo
    interviews = {(e["application_id"], e["at"]) for e in rows(store, StageEvent)
                  if e["stage"] in ("interviewing", "final_round")}
    assert summary.interview_rounds == len(rows(store, InterviewRound)) == len(interviews)
    finals = final_apps(store)
    assert len(finals) >= 3
    assert all(store.interviews.rounds_for(app_id) for app_id in finals)
    found = recurring(store)
    texts = [r.text for r in found]
    assert texts[0] == "Tell me about a time you disagreed with a teammate"
    assert "Why do you want to work here?" in texts
    assert found[0].asked_in == len(finals)
    assert any(q["shaky"] for q in rows(store, InterviewQuestion))
    assert len(rows(store, Answer)) == 2
    assert store.interviews.answer_for(found[0].text) is not None
    assert store.interviews.answer_for("Why do you want to work here?") is None  # no answer yet
    for r in rows(store, InterviewRound):
        assert r["held_on"] <= today(store.clock)

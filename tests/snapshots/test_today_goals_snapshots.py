"""Pinned looks of Today and Goals on the demo data at 120x40, clock fixed at 2026-11-25 09:30."""

from __future__ import annotations

from bounceback.clock import today
from bounceback.domain import Stage
from bounceback.playbook.triage import judge
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.widgets.wallow_timer import WallowTimer
from tests.snapshots.conftest import SIZE, SMALL, ready
from tests.ui.conftest import settle


def test_today_fresh_day(snap_compare, demo_home):
    """The morning: no check-in yet (the mood has focus), nothing counted, follow-ups due."""
    assert snap_compare(demo_home, terminal_size=SIZE, run_before=ready)


def test_today_finished_day(snap_compare, demo_store: Store, demo_home):
    """Checked in and every goal met (done before the app opened: no toast in the picture)."""
    day = today(demo_store.clock)
    demo_store.checkins.save(day, mood=4, control="Tailor two applications, then a long walk",
                             note="Slept well. The Sorrelworks call is on Friday.")
    for company in ("Kestrel Health", "Mapleforge"):
        demo_store.applications.create(ApplicationDraft(company=company, role="Product Engineer"))
    by_title = {g.title: g for g in demo_store.goals.all()}
    demo_store.goals.set_count(by_title["Send a networking email"].id, day, 1)
    demo_store.goals.set_count(by_title["Learning"].id, day, 45)
    assert snap_compare(demo_home, terminal_size=SIZE, run_before=ready)


def test_today_with_an_open_wallow_window(snap_compare, demo_store: Store, demo_home):
    """A "no" landed this morning; its wallow window runs here with the time left."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        row = next(r for r in demo_store.applications.rows() if r.stage is Stage.SCREENING)
        case = demo_store.rejections.log_for_application(row.id, judge)
        demo_store.rejections.update(case.id, feelings=["disappointed", "tired"])
        demo_store.wallow.start(case.id, 15)
        demo_store.clock.advance(3 * 60 + 20)  # type: ignore[attr-defined]
        pilot.app.screen.reload()
        await settle(pilot)
        pilot.app.screen.query_one(WallowTimer).tick()
        await pilot.press("escape")
        await pilot.pause()

    assert snap_compare(demo_home, terminal_size=SIZE, run_before=run)


def test_goals_week_view(snap_compare, demo_home):
    """The goal templates, and the highlighted goal's last 7 and 28 days and strength."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("escape", "5")
        await settle(pilot)
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(demo_home, terminal_size=SIZE, run_before=run)


# ---- 80x24 and the light theme ----------------------------------------------------------------


def test_today_at_80x24(snap_compare, demo_home):
    """Every panel in sight: a compact check-in at its door, goals that keep their titles."""
    assert snap_compare(demo_home, terminal_size=SMALL, run_before=ready)


def test_today_check_in_open_at_80x24(snap_compare, demo_home):
    """`c 4 tab`: the mood is rated and the line has the focus."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("c", "4", "tab", *"Tailor one application")
        await pilot.pause()

    assert snap_compare(demo_home, terminal_size=SMALL, run_before=run)


def test_goals_at_80x24(snap_compare, demo_home):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)

    assert snap_compare(demo_home, terminal_size=SMALL, run_before=run)


def test_goal_form_at_80x24(snap_compare, demo_home):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("5", "e")
        await settle(pilot)

    assert snap_compare(demo_home, terminal_size=SMALL, run_before=run)


def test_today_in_the_light_theme(snap_compare, demo_home):
    async def run(pilot):  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await settle(pilot)

    assert snap_compare(demo_home, terminal_size=SIZE, run_before=run)


def test_goals_in_the_light_theme(snap_compare, demo_home):
    async def run(pilot):  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)

    assert snap_compare(demo_home, terminal_size=SIZE, run_before=run)

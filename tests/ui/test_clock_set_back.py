"""A wall clock set back during or before a wallow window (issue 10, item 14): the countdown on
the wallow screen and on Today never shows more than the window, and the deadline it keeps is
stored, so a restart agrees. Time only moves through the fake clock and `tick()`.
"""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Digits

from bounceback.domain import Stage
from bounceback.playbook.triage import judge
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.today import TodayScreen
from bounceback.widgets.wallow_timer import WallowTimer
from tests.ui.conftest import add, screen_text, settle

DAY = 86_400


async def test_a_clock_set_back_mid_window_keeps_the_time_left_and_stores_it(
    pilot, store, clock
):  # type: ignore[no-untyped-def]
    app_id = add(store, "Initrode", "Designer")
    store.applications.move(app_id, Stage.SCREENING)
    pilot.app.screen.reload()
    await settle(pilot)
    await pilot.press("r", "enter", "ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WallowScreen)
    timer = screen.query_one(WallowTimer)
    clock.advance(300)
    timer.tick()
    clock.jump(-(DAY - 360))  # the report: the countdown then read 1454:00
    timer.tick()
    await settle(pilot)
    assert timer.query_one(Digits).value == "10:00"
    case_id = store.rejections.case_for_application(app_id).id
    window = store.wallow.for_rejection(case_id)
    assert window.ends_at == clock.now() + timedelta(minutes=10)
    assert window.ends_at - window.started_at == timedelta(minutes=15)
    clock.advance(600)
    timer.tick()
    await settle(pilot)
    assert screen.time_up and "Time's up" in screen_text(pilot.app)
    assert store.wallow.for_rejection(case_id).ended_at == clock.now()


async def test_opened_after_the_clock_went_back_past_the_start_today_shows_the_full_window(
    make_home_app, store, clock
):  # type: ignore[no-untyped-def]
    case = store.rejections.log_untracked("Initrode", "Designer", Stage.APPLIED, judge([])[2])
    store.wallow.start(case.id, 15)
    clock.advance(120)
    clock.jump(-DAY)  # between two runs of the app
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)  # an open window is resumed on start
        assert app.screen.query_one(WallowTimer).query_one(Digits).value == "15:00"
        await pilot.press("escape", "escape")  # out of the box, then "later": back to Today
        await settle(pilot)
        today_screen = app.screen
        assert isinstance(today_screen, TodayScreen)
        timer = today_screen.query_one(WallowTimer)
        assert timer.query_one(Digits).value == "15:00"  # not 1455:00
        assert "Your time to feel it — Initrode" in screen_text(app)
        window = store.wallow.for_rejection(case.id)
        assert window.ends_at == clock.now() + timedelta(minutes=15)
        clock.advance(60)
        timer.tick()
        clock.jump(-3 * DAY)  # and once more while Today shows the countdown
        timer.tick()
        await settle(pilot)
        assert timer.query_one(Digits).value == "14:00"
        assert store.wallow.for_rejection(case.id).ends_at == clock.now() + timedelta(minutes=14)
        clock.advance(14 * 60)
        timer.tick()
        await settle(pilot)
        assert "Time's up — enter when ready" in screen_text(app)

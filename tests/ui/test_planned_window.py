"""A wallow window planned for later: typed at step 1, shown on Today, opened on time (or by g)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Input

from bounceback.app import BouncebackApp
from bounceback.domain import RejectionKind, Stage
from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.today import TodayScreen
from tests.ui.conftest import screen_text, settle
from tests.ui.test_bounce_flow import start_flow
from tests.ui.toasts import toasts_of

SIX_PM = datetime(2026, 11, 25, 18, tzinfo=UTC)  # the clock says 09:30 UTC, its zone is UTC


def flat(app: BouncebackApp) -> str:
    """The screen as one line of words."""
    return " ".join(screen_text(app).split())


async def plan(pilot, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Type `typed` in When and press ctrl+s."""
    box = pilot.app.screen.query_one("#ack-when", Input)
    box.focus()
    await pilot.pause()
    await pilot.press(*typed, "ctrl+s")
    await settle(pilot)


async def test_a_time_today_plans_the_window_and_today_shows_it(pilot, store, clock) -> None:  # type: ignore[no-untyped-def]
    await start_flow(pilot, store)
    await pilot.press("3")  # an intensity; the minutes stay the default, 15
    await plan(pilot, "18:00")

    (row,) = store.rejections.rows()
    case = store.rejections.get(row.id)
    assert (case.window_opens_at, case.window_minutes, case.flow_step) == (SIX_PM, 15, "wallow")
    assert store.wallow.open_window() is None
    assert not isinstance(pilot.app.screen, AcknowledgeScreen)  # the flow paused
    assert any("Your wallow window opens at 18:00" in t for t in toasts_of(pilot.app))

    await pilot.press("1")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TodayScreen)
    text = flat(pilot.app)
    assert "Wallow window, planned" in text
    assert "Your wallow window opens at 18:00 (g starts it now) — Initrode" in text


async def test_it_opens_by_itself_when_its_time_comes(pilot, store, clock) -> None:  # type: ignore[no-untyped-def]
    await start_flow(pilot, store)
    await plan(pilot, "6pm")
    clock.advance(8 * 3600)  # 17:30: not yet
    pilot.app.check_planned_window()  # what the app's look at its clock does
    await settle(pilot)
    assert store.wallow.open_window() is None

    clock.advance(30 * 60)
    pilot.app.check_planned_window()
    await settle(pilot)

    assert isinstance(pilot.app.screen, WallowScreen)
    window = store.wallow.open_window()
    assert window is not None and window.started_at == SIX_PM and window.minutes == 15
    assert store.rejections.get(window.rejection_id).window_opens_at is None
    assert any("opens now, as you planned — Initrode" in t for t in toasts_of(pilot.app))


async def test_g_on_today_starts_a_planned_window_now(home, store, clock) -> None:  # type: ignore[no-untyped-def]
    case = store.rejections.log_untracked("Globex", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    store.wallow.schedule(case.id, SIX_PM, 20)
    home.app.screen.reload()
    await settle(home)
    assert "Your wallow window opens at 18:00 (g starts it now) — Globex" in flat(home.app)

    await home.press("g")
    await settle(home)

    assert isinstance(home.app.screen, WallowScreen)
    window = store.wallow.open_window()
    assert window is not None and (window.started_at, window.minutes) == (clock.now(), 20)
    assert store.wallow.next_scheduled() is None


async def test_after_a_restart_past_its_time_today_offers_it(make_home_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    case = store.rejections.log_untracked("Globex", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    store.wallow.schedule(case.id, clock.now() + timedelta(hours=1), 15)
    clock.advance(3 * 3600)  # bounceback was closed when it came due
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.check_planned_window()
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)  # not opened by itself after the fact
        assert store.wallow.open_window() is None
        assert "Planned for 10:30: g starts it now — Globex" in flat(app)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, WallowScreen)
        assert store.wallow.open_window() is not None


async def test_a_bad_or_past_time_is_said_where_it_was_typed(pilot, store) -> None:  # type: ignore[no-untyped-def]
    await start_flow(pilot, store)
    for typed, says in (("25:00", "25:00 is not a time of day: hours go 0–23."),
                        ("soon", "Couldn't read that time. Try: 18:00, 6pm"),
                        ("08:00", "08:00 has already passed today: type a later time")):
        box = pilot.app.screen.query_one("#ack-when", Input)
        box.value = ""
        await plan(pilot, typed)
        assert isinstance(pilot.app.screen, AcknowledgeScreen)
        assert says in flat(pilot.app)
        assert box.value == typed  # nothing lost
    (row,) = store.rejections.rows()
    case = store.rejections.get(row.id)
    assert (case.window_opens_at, case.flow_step) == (None, "acknowledge")
    assert store.wallow.open_window() is None


async def test_empty_or_now_starts_the_window_as_before(pilot, store) -> None:  # type: ignore[no-untyped-def]
    await start_flow(pilot, store)
    await plan(pilot, "now")
    assert isinstance(pilot.app.screen, WallowScreen)
    assert store.wallow.open_window() is not None


async def test_a_company_name_like_markup_shows_literally(home, store, clock) -> None:  # type: ignore[no-untyped-def]
    case = store.rejections.log_untracked("[bold]x[/]", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    store.wallow.schedule(case.id, SIX_PM, 15)
    home.app.screen.reload()
    await settle(home)
    assert "(g starts it now) — [bold]x[/]" in flat(home.app)
    clock.advance(9 * 3600)
    home.app.check_planned_window()
    await settle(home)
    assert isinstance(home.app.screen, WallowScreen)
    assert any("as you planned — [bold]x[/]." in t for t in toasts_of(home.app))

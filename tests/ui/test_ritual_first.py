"""The ritual first when asked, one strength and a nudge to help after it, and the calm-day
invitation to plan rituals before any bad news."""

from __future__ import annotations

from textual.widgets import Select

from bounceback.app import BouncebackApp
from bounceback.domain import RejectionKind, Stage, StrengthKind
from bounceback.screens.bounce.detective import DetectiveScreen
from bounceback.screens.bounce.ritual import RitualScreen
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.help_form import HelpForm
from bounceback.screens.ritual_editor import RitualEditor
from bounceback.screens.ritual_invite import RitualInvite
from bounceback.screens.today import TodayScreen
from tests.ui.conftest import screen_text, settle
from tests.ui.test_bounce_flow import start_flow


def flat(app: BouncebackApp) -> str:
    """The screen as one line of words."""
    return " ".join(screen_text(app).split())


async def test_ctrl_r_runs_the_ritual_first_then_the_window_then_the_detective(  # type: ignore[no-untyped-def]
    pilot, store
) -> None:
    await start_flow(pilot, store)
    assert "^r Ritual first" in screen_text(pilot.app)
    pilot.app.screen.query_one("#ack-minutes", Select).value = 25
    await pilot.press("ctrl+r")
    await settle(pilot)

    assert isinstance(pilot.app.screen, RitualScreen)
    (row,) = store.rejections.rows()
    case = store.rejections.get(row.id)
    assert (case.flow_step, case.window_minutes) == ("ritual", 25)
    assert store.wallow.for_rejection(row.id) is None
    assert "^s Next: wallow window" in screen_text(pilot.app)
    assert "Next: detective" not in screen_text(pilot.app)
    await pilot.press("enter", "3")  # the first ritual done, re-rated 3
    await settle(pilot)

    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WallowScreen)
    window = store.wallow.open_window()
    assert window is not None and window.minutes == 25
    assert store.rejections.get(row.id).window_minutes is None

    await pilot.press("ctrl+s", "y")  # end it early: the ritual is done, so the detective
    await settle(pilot)
    assert isinstance(pilot.app.screen, DetectiveScreen)
    assert store.rejections.get(row.id).flow_step == "detective"


async def test_after_the_ritual_a_strength_and_a_nudge_to_help(pilot, store) -> None:  # type: ignore[no-untyped-def]
    store.strengths.add("[bold]Patient with people who are stuck", StrengthKind.QUALITY)
    await start_flow(pilot, store)
    await pilot.press("ctrl+s")  # the window
    await settle(pilot)
    await pilot.press("ctrl+s", "y")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RitualScreen)
    text = flat(pilot.app)
    assert "And who you are: ♦ [bold]Patient with people who are stuck (quality)" in text
    assert "Then help someone:" in text and "h logs it." in text
    assert "^s Next: detective" in screen_text(pilot.app)

    await pilot.press("h")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HelpForm)
    await pilot.press(*"Priya")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, RitualScreen)
    assert [a.who for a in store.help.all()] == ["Priya"]


async def test_a_first_start_with_no_bad_news_invites_planning_rituals(store, clock) -> None:  # type: ignore[no-untyped-def]
    app = BouncebackApp(open_store=lambda: store, clock=clock, invite_rituals=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RitualInvite)
        assert "Plan your rituals while things are calm?" in flat(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RitualEditor)
    assert store.settings.get().rituals_planned_at == clock.now()

    again = BouncebackApp(open_store=lambda: store, clock=clock, invite_rituals=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, TodayScreen)  # asked once, never again


async def test_later_is_remembered_and_bad_news_first_means_no_invitation(  # type: ignore[no-untyped-def]
    store, clock
) -> None:
    app = BouncebackApp(open_store=lambda: store, clock=clock, invite_rituals=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert store.settings.get().rituals_planned_at is not None


async def test_no_invitation_once_a_rejection_is_logged_or_without_the_flag(  # type: ignore[no-untyped-def]
    store, clock
) -> None:
    quiet = BouncebackApp(open_store=lambda: store, clock=clock)  # the demo, embedded apps
    async with quiet.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(quiet.screen, TodayScreen)
    store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    app = BouncebackApp(open_store=lambda: store, clock=clock, invite_rituals=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, RitualInvite)
    assert store.settings.get().rituals_planned_at is None

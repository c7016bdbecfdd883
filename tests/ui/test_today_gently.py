"""Today in a rough patch goes gently; comebacks show in the confidence-file panel (issue 13)."""

from __future__ import annotations

from datetime import timedelta

from textual.containers import Vertical

from bounceback.clock import today
from bounceback.domain import RejectionKind, Stage
from bounceback.screens.today import TodayScreen
from bounceback.store.db import Store
from bounceback.store.models import CheckIn
from tests.ui.conftest import add, screen_text, settle


def _nos(store: Store, n: int) -> None:
    for i in range(n):
        store.rejections.log_untracked(f"No{i} Co", "Dev", Stage.APPLIED, RejectionKind.EARLY)


def _order(app) -> list[str]:  # type: ignore[no-untyped-def]
    left = app.screen.query_one("#today-left", Vertical)
    return [c.id for c in left.children]


async def test_three_nos_this_week_put_the_confidence_file_first(home, store) -> None:  # type: ignore[no-untyped-def]
    app = home.app
    assert _order(app) == ["today-checkin", "today-pipeline", "today-boost"]
    _nos(store, 3)
    add(store, "Saved Co", "Analyst", stage=Stage.SAVED)
    app.screen.reload()
    await settle(home)
    text = " ".join(screen_text(app).split())
    assert "Go gently today (3 no's in the last 7 days)" in text
    assert "R makes it a rest day for every goal" in text
    assert _order(app) == ["today-checkin", "today-boost", "today-pipeline"]
    screen = app.screen
    assert isinstance(screen, TodayScreen)
    assert not screen.query_one("#today-keep-moving").display  # no nudges today
    assert not screen.query_one("#today-flags").display


async def test_low_moods_three_days_running_also_go_gently(home, store, clock) -> None:  # type: ignore[no-untyped-def]
    day = today(clock)
    with store.write() as s:  # past days: a check-in can no longer be written on them
        for back in (1, 2, 3):
            s.add(CheckIn(day=day - timedelta(days=back), mood=1, created_at=clock.now(),
                          updated_at=clock.now()))
    home.app.screen.reload()
    await settle(home)
    assert "low moods 3 days running" in screen_text(home.app)


async def test_a_calm_week_shows_the_usual_order(home, store) -> None:  # type: ignore[no-untyped-def]
    _nos(store, 2)
    home.app.screen.reload()
    await settle(home)
    assert "Go gently" not in screen_text(home.app)
    assert _order(home.app) == ["today-checkin", "today-pipeline", "today-boost"]


async def test_a_comeback_is_shown_as_evidence(home, store, clock) -> None:  # type: ignore[no-untyped-def]
    store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    clock.advance(3600)
    add(store, "Beta Corp", "Analyst")  # applied after the no was written down
    home.app.screen.reload()
    await settle(home)
    line = str(home.app.screen.query_one("#today-comeback").render())
    assert "a no from Acme, and Beta Corp went out the same day — your first comeback" in \
        " ".join(line.split())


async def test_the_wins_screen_counts_comebacks_from_the_data(home, store, clock) -> None:  # type: ignore[no-untyped-def]
    wins = home.app.screen
    await home.press("4")
    await settle(home)
    wins = home.app.screen
    assert not wins.query_one("#wins-comebacks").display  # none yet: nothing is invented
    store.rejections.log_untracked("Acme", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    clock.advance(3600)
    add(store, "Beta [b]Corp", "Analyst")
    wins.reload()
    await settle(home)
    text = " ".join(screen_text(home.app).split())
    assert "↺ 1 comeback — a no answered by an application within 3 days." in text
    assert "a no from Acme, and Beta [b]Corp went out the same day" in text


async def test_before_an_interview_today_shows_the_questions_to_prepare(home, store, clock) -> None:  # type: ignore[no-untyped-def]
    from bounceback.domain import RoundKind
    from bounceback.store.drafts import ApplicationDraft
    from bounceback.store.interviews import RoundDraft

    day = today(clock)
    assert not home.app.screen.query_one("#today-prep").display
    app = store.applications.create(ApplicationDraft(
        "Acme [b]", "Dev", stage=Stage.INTERVIEWING, next_action="Round 2",
        next_action_on=day + timedelta(days=1)))
    store.interviews.add(app.id, RoundDraft(day, RoundKind.PHONE,
                                            questions=(("Why us?", True),)), day)
    home.app.screen.reload()
    await settle(home)
    text = " ".join(screen_text(home.app).split())
    assert "Before your interviews" in text and "Before Acme [b] (tomorrow)" in text
    line = " ".join(str(home.app.screen.query_one("#today-prep-lines").render()).split())
    assert line == "• Before Acme [b] (tomorrow): 1 question you were shaky on — Why us? " \
        "(no answer yet)"

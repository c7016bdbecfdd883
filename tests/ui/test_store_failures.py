"""Issue 9, defect 10: a refused store call is never announced as done, and a failed reload
never ends the app.

A read-only database (the store refuses every write, see test_readonly.py for how it is made)
stands for any refusal: disk full, a locked file. Toasts are read through a wrapper around the
public `App.notify`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.demo import build_demo
from bounceback.screens.case import CaseScreen
from bounceback.screens.goals import GoalsScreen
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.strengths import StrengthLine
from bounceback.screens.wins import WinsScreen
from bounceback.starters import starters
from bounceback.store.db import Store
from bounceback.store.errors import StoreError
from bounceback.store.seeding import seed_starters
from tests.ui.conftest import PipelineFirstApp, capture_toasts, screen_text, settle
from tests.ui.test_readonly import _unwritable

HOSTILE_ERROR = "[bold]secret vent text[/] \x1b[2J"


@pytest.fixture
def ro_store(tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The demo, reopened read-only: every write is refused with a "Not saved" message."""
    path = tmp_path / "data" / "bounceback.db"
    seed = Store.open(path, clock)
    build_demo(seed, scale=12)
    seed_starters(seed.db, starters())
    seed.close()
    _unwritable(monkeypatch, path)
    store = Store.open(path, clock)
    assert store.readonly
    yield store
    store.close()


async def _answer_yes(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert type(pilot.app.screen).__name__ == "ConfirmModal"
    await pilot.press("y")
    await settle(pilot)


def _refused(said: list[str]) -> None:
    assert any("Not saved" in m for m in said), said
    assert not any("undo" in m.casefold() for m in said), said


async def test_refused_delete_on_the_pipeline_is_not_announced_and_arms_no_undo(ro_store, clock):
    app = PipelineFirstApp(open_store=lambda: ro_store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        said = capture_toasts(app)
        row = screen.current
        assert row is not None
        await pilot.press("delete")
        await _answer_yes(pilot)
        _refused(said)
        assert not any(m.startswith("Deleted") for m in said)
        assert screen.check_action("undo", ()) is False
        await pilot.press("u")
        await settle(pilot)
        assert not any(m.startswith("Restored") for m in said)
        assert app.is_running
        assert ro_store.applications.get(row.id).company == row.company  # still stored
        assert row.id in [item.row.id for item in screen.table.rows]  # still listed


async def test_refused_removals_on_wins_and_goals_arm_no_undo(ro_store, clock):
    app = BouncebackApp(open_store=lambda: ro_store, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = capture_toasts(app)
        app.action_go("wins")
        await settle(pilot)
        wins = app.screen
        assert isinstance(wins, WinsScreen)
        win = wins.current
        assert win is not None
        await pilot.press("delete")
        await _answer_yes(pilot)
        _refused(said)
        assert wins.check_action("undo", ()) is False
        assert ro_store.wins.get(win.id).title == win.title

        said.clear()
        await pilot.press("s")  # strengths: remove the first one
        await settle(pilot)
        line = app.focused
        assert isinstance(line, StrengthLine) and line.record is not None
        await pilot.press("delete")
        await _answer_yes(pilot)
        _refused(said)
        assert not any(m.startswith("Removed") for m in said)
        assert wins.check_action("undo", ()) is False
        assert line.record.text in [s.text for s in ro_store.strengths.all()]

        said.clear()
        await pilot.press("l")  # the help log
        await settle(pilot)
        acts = ro_store.help.all()
        await pilot.press("delete")
        await _answer_yes(pilot)
        _refused(said)
        assert wins.check_action("undo", ()) is False
        assert ro_store.help.all() == acts

        said.clear()
        app.action_go("goals")
        await settle(pilot)
        goals = app.screen
        assert isinstance(goals, GoalsScreen)
        before = ro_store.goals.all()
        await pilot.press("delete")
        await _answer_yes(pilot)
        _refused(said)
        assert not any(m.startswith("Retired") for m in said)
        assert goals.check_action("undo", ()) is False
        assert ro_store.goals.all() == before
        assert app.is_running


@pytest.mark.parametrize(("mode", "repo", "method"), [
    ("pipeline", "applications", "rows"),
    ("rejections", "rejections", "rows"),
    ("wins", "wins", "rows"),
    ("goals", "goals", "sync_auto"),
])
async def test_a_reload_that_raises_keeps_the_app_and_says_so_calmly(
    make_home_app, store, monkeypatch, mode, repo, method
):
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = capture_toasts(app)

        def broken(*_args: object, **_kwargs: object) -> None:
            raise RuntimeError(HOSTILE_ERROR)

        monkeypatch.setattr(getattr(store, repo), method, broken)
        app.action_go(mode)
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert app.current_mode == mode and app.screen.is_mounted
        (message,) = said
        assert message.startswith("Something went wrong while reading your data (RuntimeError)")
        assert "secret" not in message and "Traceback" not in screen_text(app)


async def test_a_store_error_in_a_reload_is_shown_in_the_stores_own_words(
    make_home_app, store, monkeypatch
):
    rejection = store.rejections.log_untracked("Acme", "Dev", *_applied())
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        said = capture_toasts(app)

        def locked(*_args: object) -> None:
            raise StoreError("The database is busy in another window; try again in a moment.")

        monkeypatch.setattr(store.rejections, "history", locked)
        app.push_screen(CaseScreen(rejection.id))
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, CaseScreen)
        assert said == ["The database is busy in another window; try again in a moment."]


def _applied() -> tuple[Any, Any]:
    from bounceback.domain import Stage
    from bounceback.playbook.triage import classify

    return Stage.APPLIED, classify([Stage.APPLIED])

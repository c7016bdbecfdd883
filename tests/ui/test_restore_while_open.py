"""Issue 10, item 3: a restore while the app is open (`bounceback restore` in a shell, or another
window) never crashes the open app and never loses what is on screen.

The restore runs through the real command line (`cli.main(["restore", ...])`). The open app
refuses to write into the restored data (DatabaseReplacedError), reopens it off the event loop,
says so plainly, and then saves what the boxes hold against the restored data: a text that
differs there asks what to keep; a record the backup does not have keeps the text on screen.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bounceback.cli import main
from bounceback.clock import FixedClock, today
from bounceback.domain import RejectionKind, Stage
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.modals import ConfirmModal
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.reopen import REOPENED
from bounceback.screens.text_conflict import TextConflictModal
from bounceback.screens.today import TodayScreen
from bounceback.screens.unsaved import QuitQuestion
from bounceback.store.db import Store
from bounceback.store.maintenance import backup_database
from bounceback.widgets.goal_list import GoalList
from tests.ui.conftest import capture_toasts, screen_text, settle

NETWORK = "Reach out to someone in your network"


def open_window(store: Store, vent: str = "") -> int:
    """A rejection with a running wallow window (the app opens straight into it)."""
    case = store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY)
    window = store.wallow.start(case.id, 15)
    if vent:
        store.wallow.save_vent(window.id, vent)
    return window.id


def restore_from_the_shell(store: Store, backup: Path, clock: FixedClock) -> None:
    """`bounceback restore BACKUP --db PATH`, as typed in another terminal."""
    clock.advance(1)  # the copy kept aside is named by the second
    assert main(["restore", str(backup), "--db", str(store.path)], clock=clock) == 0


async def test_restore_under_the_vent_box_keeps_the_text_and_asks_what_to_keep(
    make_home_app, store: Store, clock: FixedClock
) -> None:
    assert store.path is not None
    window_id = open_window(store, "Before the backup.")
    backup = backup_database(store.path, None, clock.now())
    app = make_home_app()
    async with app.run_test(size=(80, 24)) as pilot:
        said = capture_toasts(app)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WallowScreen)
        await pilot.press("end", *" After it.")
        screen.save_vent()
        assert store.wallow.get(window_id).vent_text == "Before the backup. After it."

        restore_from_the_shell(store, backup, clock)
        await pilot.press(*" Still typing.")  # the next keystrokes: no crash...
        screen.save_vent()
        await settle(pilot)  # ...nothing written into the restored data; reopened
        assert app.is_running
        assert any(REOPENED in s for s in said)
        assert isinstance(app.screen, TextConflictModal)  # the box asks what to keep
        assert "Restored from a backup" in screen_text(app)
        assert "In the restored backup" in screen_text(app)
        assert screen.vent.text == "Before the backup. After it. Still typing."
        await pilot.press("down", "enter")  # keep mine
        await settle(pilot)
        assert app.screen is screen
        assert store.wallow.get(window_id).vent_text == (
            "Before the backup. After it. Still typing.")
        assert not store.replaced()


async def test_restore_of_a_backup_without_the_window_keeps_the_text_on_screen(
    make_home_app, store: Store, clock: FixedClock
) -> None:
    """The crash of issue 10: the backup predates the window, so the next save found no row
    (NotFoundError) and took the app down with what was typed."""
    assert store.path is not None
    backup = backup_database(store.path, None, clock.now())  # before the rejection
    open_window(store)
    app = make_home_app()
    async with app.run_test(size=(80, 24)) as pilot:
        said = capture_toasts(app)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WallowScreen)
        await pilot.press(*"I wanted that job")
        screen.save_vent()
        restore_from_the_shell(store, backup, clock)
        await pilot.press(*" so much")
        screen.save_vent()
        await settle(pilot)
        assert app.is_running and app.screen is screen
        assert screen.vent.text == "I wanted that job so much"
        assert any(REOPENED in s for s in said)
        assert any("can't be saved: its record is not in the data" in s for s in said)
        await pilot.press("escape", "escape")  # out of the box, then "Later": asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is screen and screen.vent.text == "I wanted that job so much"
        clock.advance(16 * 60)  # the window runs out: closing it finds nothing, calmly
        screen.query_one("#wallow-timer").tick()  # type: ignore[attr-defined]
        await settle(pilot)
        assert app.is_running and screen.vent.text == "I wanted that job so much"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitQuestion)  # quit asks before losing it too


async def test_a_restore_is_noticed_when_a_screen_comes_back_and_today_keeps_typing(
    make_home_app, store: Store, clock: FixedClock
) -> None:
    assert store.path is not None
    store.checkins.save(today(clock), control="backed up")
    backup = backup_database(store.path, None, clock.now())
    store.checkins.save(today(clock), control="after the backup")
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        said = capture_toasts(app)
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        restore_from_the_shell(store, backup, clock)
        await pilot.press("2")  # another screen comes up: the app looks, and reopens
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert any(REOPENED in s for s in said)
        assert not store.replaced()
        await pilot.press("1")
        await settle(pilot)
        assert "backed up" in screen_text(app)  # nothing was typed here: the restored line
        await pilot.press("c", "tab", "end", *" again")
        app.screen.checkin.flush()
        await settle(pilot)
        assert store.checkins.today().control == "backed up again"


async def test_restore_noticed_by_a_write_elsewhere_reopens_once(
    make_home_app, store: Store, clock: FixedClock
) -> None:
    """Any write that meets the restored data (here a goal count) is refused calmly, and the
    app reopens; the same key then works."""
    assert store.path is not None
    backup = backup_database(store.path, None, clock.now() - timedelta(seconds=5))
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        said = capture_toasts(app)
        await settle(pilot)
        restore_from_the_shell(store, backup, clock)
        goals = app.screen.query_one(GoalList)
        goals.focus()
        goals.cursor = next(i for i, g in enumerate(goals.lines) if g.title == NETWORK)
        await pilot.pause()
        await pilot.press("plus")
        await settle(pilot)
        assert app.is_running
        assert any("restored from a backup" in s and s.startswith("Not saved") for s in said)
        assert sum(REOPENED in s for s in said) == 1
        await pilot.press("plus")
        await settle(pilot)
        counts = {g.title: g.count for g in store.goals.for_day(today(clock))}
        assert counts[NETWORK] == 1

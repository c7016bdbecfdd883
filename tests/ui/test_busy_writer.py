"""Issue 10, item 5: a write blocked by another writer never freezes the screen.

Another window holds the write lock (`BEGIN IMMEDIATE` on a second connection). A save made on
the screen's thread gives up within a beat and waits on the write lane instead; meanwhile the
app answers keys and draws other screens. Once the lock is released the save lands, in order.
No wall-clock assertion anywhere: the lane is awaited through the app's workers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.domain import RejectionKind, Stage
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.today import TodayScreen
from bounceback.screens.unsaved import QuitQuestion
from bounceback.screens.wins import WinsScreen
from bounceback.screens.writes import STILL_BUSY
from bounceback.store.db import Store
from tests.ui.conftest import capture_toasts, screen_text, settle


@pytest.fixture
def other_window(store: Store) -> Iterator[sqlite3.Connection]:
    """A second connection to the same file, ready to hold the write lock."""
    conn = sqlite3.connect(str(store.path), isolation_level=None, check_same_thread=False)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def open_window(store: Store) -> int:
    case = store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY)
    return store.wallow.start(case.id, 15).id


async def test_a_held_lock_never_freezes_the_screen_and_the_vent_lands_after(
    make_home_app, store: Store, other_window: sqlite3.Connection
) -> None:
    window_id = open_window(store)
    app = make_home_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, WallowScreen)
        other_window.execute("BEGIN IMMEDIATE")  # another window in the middle of a write
        await pilot.press(*"still here")
        screen.save_vent()  # the beat after the last key: busy, so it waits off the loop
        assert screen.vent_pending
        await pilot.press(*" and more")  # typing goes on...
        screen.save_vent()  # ...and is queued behind the waiting save
        await pilot.press("escape", "2")  # the app answers keys and draws meanwhile
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert "Pipeline" in screen_text(app)
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, WinsScreen)
        assert store.wallow.get(window_id).vent_text == ""  # still waiting for the lock
        assert screen.vent_pending

        other_window.execute("COMMIT")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert store.wallow.get(window_id).vent_text == "still here and more"
        assert not screen.vent_pending


async def test_check_in_line_waits_for_the_lock_while_the_goals_still_answer(
    make_home_app, store: Store, other_window: sqlite3.Connection, clock: FixedClock
) -> None:
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        checkin = app.screen.checkin
        other_window.execute("BEGIN IMMEDIATE")
        await pilot.press("c", "tab", *"one small thing", "enter")  # enter: done, to the goals
        await pilot.pause()
        assert checkin.pending
        assert app.focused is app.screen.goal_list  # the keys went on being answered
        assert store.checkins.today() is None
        other_window.execute("COMMIT")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert store.checkins.today().control == "one small thing"
        assert not checkin.pending


async def test_a_form_saved_while_the_lock_is_held_waits_with_the_form_open(
    pilot, store: Store, other_window: sqlite3.Connection
) -> None:
    await pilot.press("n", *"Globex", "tab", *"Platform")
    form = pilot.app.screen
    assert isinstance(form, ApplicationForm)
    other_window.execute("BEGIN IMMEDIATE")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert pilot.app.screen is form  # open, answering, and saying what happens
    assert "Saving… another window is writing" in screen_text(pilot.app)
    await pilot.press("escape")  # a save on its way is not dropped half-way
    await pilot.pause()
    assert pilot.app.screen is form
    # the fields are held still meanwhile: what ctrl+s saw is what is saved, and nothing
    # typed now can be dropped when the form closes
    await pilot.press(*"x Engineer")
    await pilot.pause()
    assert pilot.app.screen is form
    assert form.query_one("#input-role", Input).value == "Platform"
    assert store.applications.rows() == []
    other_window.execute("COMMIT")
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)
    assert [(r.company, r.role) for r in store.applications.rows()] == [
        ("Globex", "Platform")]  # what ctrl+s saved, once


async def test_a_lock_that_never_comes_free_is_said_calmly_and_the_text_stays(
    tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lane waits its full turns; then one calm line, the text on screen, quit asks."""
    monkeypatch.setattr("bounceback.store.engine.BUSY_TIMEOUT_MS", 50)
    monkeypatch.setattr("bounceback.screens.writes.LANE_TRIES", 2)
    store = Store.open(tmp_path / "data" / "b.db", clock)
    window_id = open_window(store)
    holder = sqlite3.connect(str(store.path), isolation_level=None, check_same_thread=False)
    app = BouncebackApp(open_store=lambda: store, clock=clock)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            said = capture_toasts(app)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, WallowScreen)
            holder.execute("BEGIN IMMEDIATE")
            await pilot.press(*"[/] kept")
            screen.save_vent()
            await app.workers.wait_for_complete()  # the lane gave up
            await pilot.pause()
            assert STILL_BUSY in said
            assert not any("locked" in s for s in said)  # never SQLite's own words
            assert screen.vent.text == "[/] kept"
            assert store.wallow.get(window_id).vent_text == ""
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, QuitQuestion)  # it would be lost: quit asks
            await pilot.press("n")
            await pilot.pause()
            holder.execute("COMMIT")
            await pilot.press("!")  # the next change saves it all
            screen.save_vent()
            await settle(pilot)
            assert store.wallow.get(window_id).vent_text == "[/] kept!"
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
        store.close()

"""Pinned looks of the shell and the Pipeline at 120x40 with a fixed clock."""

from __future__ import annotations

from bounceback.app import BouncebackApp
from bounceback.store.errors import CorruptDatabaseError
from tests.snapshots.conftest import SIZE, ready
from tests.ui.conftest import settle


def test_pipeline_empty(snap_compare, empty_app):
    assert snap_compare(empty_app, terminal_size=SIZE, run_before=ready)


def test_pipeline_with_demo_data(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=ready)


def test_pipeline_all_view_filtered(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f", "slash", *"engineer")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_new_application_form(snap_compare, empty_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("n", "tab", *"Staff Engineer", "ctrl+s")
        await pilot.pause()

    assert snap_compare(empty_app, terminal_size=SIZE, run_before=run)


def test_application_detail(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f", "slash", *"sorrelworks", "enter", "enter")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_help(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_open_error_screen(snap_compare):
    def fail():  # type: ignore[no-untyped-def]
        raise CorruptDatabaseError(
            "/home/ana/.local/share/bounceback/bounceback.db failed its integrity check; it was "
            "left untouched. Newest backup: /home/ana/.local/share/bounceback/backups/daily.db"
        )

    assert snap_compare(BouncebackApp(open_store=fail), terminal_size=SIZE, run_before=ready)


def test_light_theme(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)

"""Pinned looks of the shell and the Pipeline at 120x40 with a fixed clock."""

from __future__ import annotations

from bounceback.app import BouncebackApp
from bounceback.store.errors import CorruptDatabaseError
from tests.snapshots.conftest import SIZE, SMALL, ready
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


# ---- 80x24: the smallest terminal we support ------------------------------------------------


def test_pipeline_at_80x24(snap_compare, demo_app):
    """Names keep >= 12 characters; Applied, then Quiet, give way first."""
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=ready)


def test_application_detail_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("f", "slash", *"sorrelworks", "enter", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_application_form_at_80x24(snap_compare, demo_app):
    """The edit form: it scrolls; its keys stay in sight."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_stage_picker_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_delete_confirmation_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_help_at_80x24_fits_and_scrolls(snap_compare, demo_app):
    """Defect 12: help was wider than the terminal and could not be scrolled."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        await pilot.press("pagedown")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_open_error_screen_at_80x24(snap_compare):
    def fail():  # type: ignore[no-untyped-def]
        raise CorruptDatabaseError(
            "/home/ana/.local/share/bounceback/bounceback.db failed its integrity check; it was "
            "left untouched. Newest backup: /home/ana/.local/share/bounceback/backups/daily.db"
        )

    assert snap_compare(BouncebackApp(open_store=fail), terminal_size=SMALL, run_before=ready)

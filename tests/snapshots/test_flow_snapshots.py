"""Pinned looks of each bounce-back step, on demo data at a fixed clock (120x40)."""

from __future__ import annotations

import pytest

from bounceback.playbook.triage import judge
from bounceback.screens.bounce.base import screen_for
from bounceback.screens.bounce.untracked import UntrackedForm
from bounceback.screens.bounce.wallow import WallowScreen
from bounceback.screens.draft_form import form_check
from tests.snapshots.conftest import SIZE, SMALL
from tests.ui.conftest import settle


async def _reject_top_row(pilot) -> int:  # type: ignore[no-untyped-def]
    """Press r on the Pipeline's first row; returns the new case id."""
    await settle(pilot)
    await pilot.press("r", "enter")  # r asks first; enter records it
    await settle(pilot)
    return pilot.app.store.rejections.rows()[0].id


def test_acknowledge(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _reject_top_row(pilot)
        await pilot.press("space", "down", "space", "6")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_wallow_window(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _reject_top_row(pilot)
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WallowScreen)
        await pilot.press(*"I was sure this one would work out.")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize("step", ["ritual", "detective", "feedback", "moving"])
def test_flow_step(snap_compare, demo_app, step):
    async def run(pilot):  # type: ignore[no-untyped-def]
        case_id = await _reject_top_row(pilot)
        pilot.app.switch_screen(screen_for(step, case_id))
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


# ---- 80x24: every step, the untracked form and the ritual editor ------------------------------


async def _case_for_top_row(pilot) -> int:  # type: ignore[no-untyped-def]
    """A fresh case for the Pipeline's first row, made in the store (no keys: only the look)."""
    await settle(pilot)
    store = pilot.app.store
    row = store.applications.rows()[0]
    return store.rejections.log_for_application(row.id, judge).id


@pytest.mark.parametrize("step", ["acknowledge", "ritual", "detective", "feedback", "moving"])
def test_flow_step_at_80x24(snap_compare, demo_app, step):
    """The step bar names only the current step; the body scrolls."""

    async def run(pilot):  # type: ignore[no-untyped-def]
        case_id = await _case_for_top_row(pilot)
        pilot.app.push_screen(screen_for(step, case_id))
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_wallow_window_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        case_id = await _case_for_top_row(pilot)
        pilot.app.store.wallow.start(case_id, 15)
        pilot.app.push_screen(WallowScreen(case_id))
        await settle(pilot)
        await pilot.press(*"Not again.")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_untracked_rejection_form_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.push_screen(UntrackedForm(lambda _draft, _force: None, form_check(pilot.app)))
        await settle(pilot)
        await pilot.press(*"Initech")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_ritual_editor_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.action_edit_rituals()
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)

"""Pinned looks of each bounce-back step, on demo data at a fixed clock (120x40)."""

from __future__ import annotations

import pytest

from bounceback.screens.bounce import screen_for
from bounceback.screens.bounce.wallow import WallowScreen
from tests.snapshots.conftest import SIZE
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

"""Pinned looks of issue 13's first aid: step 1 with a time typed in When, Today with the demo's
window planned for 18:00, the ritual step with a strength and the nudge to help, and the
calm-day invitation — demo data, fixed clock, 80x24 and 120x40, dark and light."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.snapshots.conftest import SIZE, SMALL
from tests.ui.conftest import settle

LOOKS = [
    pytest.param(SIZE, "textual-dark", id="120x40-dark"),
    pytest.param(SMALL, "textual-dark", id="80x24-dark"),
    pytest.param(SIZE, "textual-light", id="120x40-light"),
    pytest.param(SMALL, "textual-light", id="80x24-light"),
]


async def _acknowledge(pilot, theme: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.theme = theme
    await settle(pilot)
    await pilot.press("r", "enter")  # record the highlighted application's "no"
    await settle(pilot)


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_acknowledge_with_a_time_in_when(snap_compare, demo_app, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _acknowledge(pilot, theme)
        await pilot.press("space", "6")
        pilot.app.screen.query_one("#ack-when", Input).focus()
        await pilot.press(*"18:00")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run)


def test_acknowledge_says_a_bad_time_where_it_was_typed(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _acknowledge(pilot, "textual-dark")
        pilot.app.screen.query_one("#ack-when", Input).focus()
        await pilot.press(*"25:00", "ctrl+s")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_today_with_the_window_planned_for_the_evening(snap_compare, demo_home, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        pilot.app.theme = theme
        await settle(pilot)

    assert snap_compare(demo_home, terminal_size=size, run_before=run)


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_ritual_first_with_a_strength_and_the_help_nudge(snap_compare, demo_app, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _acknowledge(pilot, theme)
        await pilot.press("ctrl+r")
        await settle(pilot)
        # the strength and the help line, below the wins
        pilot.app.screen.query_one("#ritual-body").scroll_end(animate=False)
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run)


@pytest.mark.parametrize(("size", "theme"), [LOOKS[0], LOOKS[3]])
def test_the_calm_day_invitation(snap_compare, demo_app, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        pilot.app.theme = theme
        await settle(pilot)
        await pilot.press("ctrl+p", *"plan rituals calm")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run)

"""Pinned looks of the interview pieces: the round form, the detail with its rounds, the
final-round detective's evidence and the answer bank — demo data, fixed clock, 120x40 and
80x24, dark and light."""

from __future__ import annotations

import pytest

from tests.snapshots.conftest import SIZE, SMALL
from tests.ui.conftest import settle

LOOKS = [pytest.param(size, theme, id=f"{size[0]}x{size[1]}-{theme.split('-')[-1]}")
         for size in (SIZE, SMALL) for theme in ("textual-dark", "textual-light")]
AMBERVALE = ("down",) * 6  # the demo's Pipeline row interviewing after two rounds


async def _start(pilot, theme: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.theme = theme
    await settle(pilot)


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_round_form(snap_compare, demo_app, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _start(pilot, theme)
        await pilot.press(*AMBERVALE, "i")
        await settle(pilot)
        await pilot.press("tab", "down", "down", "enter", "tab", *"6", "tab",
                          *"Dana [/] and two engineers", "tab",
                          *"!Design a rate limiter", "enter", *"Why us?")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run)


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_detail_with_rounds(snap_compare, demo_app, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _start(pilot, theme)
        await pilot.press(*AMBERVALE, "enter")
        await settle(pilot)
        pilot.app.screen.query_one("#detail-rounds-heading").scroll_visible(animate=False, top=True)
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run)


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_final_round_detective(snap_compare, demo_app, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _start(pilot, theme)
        await pilot.press(*AMBERVALE, "r")
        await settle(pilot)
        await pilot.press("y")  # record the no
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s", "y")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        pilot.app.screen.query_one("#rounds-evidence").scroll_visible(animate=False, top=True)
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run)


@pytest.mark.parametrize(("size", "theme"), LOOKS)
def test_answer_bank(snap_compare, demo_app, size, theme):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _start(pilot, theme)
        pilot.app.action_answer_bank()
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=size, run_before=run)

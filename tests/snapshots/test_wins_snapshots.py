"""Pinned looks of Wins: the catalog, a win read full-screen, the empty file, the forms, the
strengths and the help log — demo data, 120x40, fixed clock."""

from __future__ import annotations

from tests.snapshots.conftest import SIZE
from tests.ui.conftest import settle


async def _wins(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)


def test_wins_catalog_with_demo_data(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_wins)


def test_wins_searched_and_detail_follows(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("slash", *"incidents", "enter", "down")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_win_reader(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("down", "down", "down", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_wins_empty_file(snap_compare, empty_app):
    assert snap_compare(empty_app, terminal_size=SIZE, run_before=_wins)


def test_win_form_with_an_error_and_a_completion(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("n", "tab", "tab", *"someday", "tab", *"the whole team thanked me",
                          "tab", *"mentoring, lea", "ctrl+s")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_strengths_section_editing_in_place(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("s", "down", "down", "down", "enter", "end", *" (most days)")
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_help_given_section(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_help_form(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _wins(pilot)
        await pilot.press("h", *"Jordan (bootcamp friend)")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)

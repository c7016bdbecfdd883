"""Pinned looks of the casebook, a case and the case form: demo data, 120x40, fixed clock."""

from __future__ import annotations

from tests.snapshots.conftest import SIZE, SMALL
from tests.ui.conftest import settle


async def _casebook(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)


async def _case(pilot) -> None:  # type: ignore[no-untyped-def]
    """A mid-stage case with a reply, lessons and a vent: every section has something."""
    await _casebook(pilot)
    await pilot.press("slash", *"nimbusforge", "enter", "enter")
    await settle(pilot)


def test_casebook_with_demo_data(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_casebook)


def test_casebook_filtered_by_kind(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _casebook(pilot)
        await pilot.press("k", "k", "k")  # final
        await pilot.pause()

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


def test_case_screen(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SIZE, run_before=_case)


def test_case_form(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _case(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)


# ---- 80x24 and the light theme ----------------------------------------------------------------


def test_casebook_at_80x24(snap_compare, demo_app):
    """Company and kind keep their room; Feeling gives way first."""
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=_casebook)


def test_case_screen_at_80x24(snap_compare, demo_app):
    assert snap_compare(demo_app, terminal_size=SMALL, run_before=_case)


def test_case_form_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _case(pilot)
        await pilot.press("e")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_casebook_in_the_light_theme(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        pilot.app.theme = "textual-light"
        await _casebook(pilot)

    assert snap_compare(demo_app, terminal_size=SIZE, run_before=run)

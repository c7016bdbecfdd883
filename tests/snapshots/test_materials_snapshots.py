"""Pinned looks of Materials: a few versions with the highlighted one's health and text, the
empty screen, and the add-from-file form with a bad file — fixed clock, 120x40 and 80x24, dark
and light."""

from __future__ import annotations

import pytest

from bounceback.clock import FixedClock
from bounceback.domain import MaterialKind
from bounceback.starters import starters
from bounceback.store.db import Store
from tests.snapshots.conftest import SIZE, SMALL
from tests.ui.conftest import NOW, PipelineFirstApp, settle
from tests.ui.monkey import keys_for

RESUME = """Sam Rivera
sam.rivera@example.com | (503) 555-0142 | linkedin.com/in/samrivera
EXPERIENCE
Data Analyst, Northwind Traders, 2021-2025
- Built the weekly revenue dashboard used by 40 managers across 6 regions
- Responsible for data quality checks
- Cut month-end close from 6 days to 3 with automated reconciliations in SQL
- Worked on the pricing model
Analyst, Contoso, 2018-2021
- Trained 12 new analysts on Excel and Tableau
EDUCATION
B.A. Economics, Portland State University
SKILLS
SQL, Excel, Tableau, Python, dbt
"""
LETTER = """Dear hiring team,

I would love to bring my numbers-first analysis to Acme's pricing team.
"""


def _versions(store: Store) -> None:
    store.materials.add(MaterialKind.RESUME, "Generalist [2024]", RESUME.replace(
        "EXPERIENCE", "WHAT I DID"), file_name="generalist.docx")
    old = store.materials.add(MaterialKind.RESUME, "Before the rewrite", RESUME[:200])
    store.materials.retire(old.id)
    store.materials.add(MaterialKind.COVER_LETTER, "Letter for Acme", LETTER)
    store.materials.add(MaterialKind.RESUME, "Analyst, numbers first", RESUME,
                        file_name="sam-analyst.pdf", pages=1)


@pytest.fixture
def versions_app(tmp_path):  # type: ignore[no-untyped-def]
    """Four versions (one retired, one cover letter) and nothing else, whatever the demo holds."""
    clock = FixedClock(NOW)
    store = Store.open(tmp_path / "versions.db", clock, starters=starters())
    _versions(store)
    return PipelineFirstApp(open_store=lambda: store, clock=clock)


async def _materials(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("M")
    await settle(pilot)


async def _light(pilot) -> None:  # type: ignore[no-untyped-def]
    pilot.app.theme = "textual-light"
    await _materials(pilot)


def test_materials(snap_compare, versions_app):
    assert snap_compare(versions_app, terminal_size=SIZE, run_before=_materials)


def test_materials_at_80x24(snap_compare, versions_app):
    assert snap_compare(versions_app, terminal_size=SMALL, run_before=_materials)


def test_materials_light(snap_compare, versions_app):
    assert snap_compare(versions_app, terminal_size=SIZE, run_before=_light)


def test_materials_light_at_80x24(snap_compare, versions_app):
    assert snap_compare(versions_app, terminal_size=SMALL, run_before=_light)


def test_materials_retired_version(snap_compare, versions_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _materials(pilot)
        await pilot.press("down", "down")
        await settle(pilot)

    assert snap_compare(versions_app, terminal_size=SIZE, run_before=run)


def test_materials_empty(snap_compare, empty_app):
    assert snap_compare(empty_app, terminal_size=SIZE, run_before=_materials)


def test_materials_empty_at_80x24(snap_compare, empty_app):
    assert snap_compare(empty_app, terminal_size=SMALL, run_before=_materials)


async def _bad_file(pilot) -> None:  # type: ignore[no-untyped-def]
    await _materials(pilot)
    await pilot.press("a", *keys_for("/nowhere/resume.pdf"), "tab", *keys_for("Kept label"),
                      "ctrl+s")
    await settle(pilot)


def test_file_form_with_a_bad_file(snap_compare, versions_app):
    assert snap_compare(versions_app, terminal_size=SIZE, run_before=_bad_file)


def test_file_form_with_a_bad_file_at_80x24(snap_compare, versions_app):
    assert snap_compare(versions_app, terminal_size=SMALL, run_before=_bad_file)


def test_paste_form_at_80x24(snap_compare, versions_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _materials(pilot)
        await pilot.press("p", "tab", *keys_for("For Acme"), "ctrl+s")
        await settle(pilot)

    assert snap_compare(versions_app, terminal_size=SMALL, run_before=run)


def test_relabel_form_at_80x24(snap_compare, versions_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await _materials(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(versions_app, terminal_size=SMALL, run_before=run)

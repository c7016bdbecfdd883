"""Pinned looks of the palette's data dialogs at 80x24: export (format, path), import (path,
preview). Demo data, fixed clock; paths are relative or under a fixed home so nothing varies."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.snapshots.conftest import SMALL
from tests.ui.conftest import settle


@pytest.fixture
def fixed_home(monkeypatch: pytest.MonkeyPatch) -> None:
    """The export's suggested path names the home folder: keep it the same on every machine."""
    monkeypatch.setenv("HOME", "/home/ana")


def test_export_format_picker_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.action_export_data()
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_export_path_prompt_at_80x24(snap_compare, demo_app, fixed_home):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.action_export_data()
        await settle(pilot)
        await pilot.press("enter")  # JSON
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_import_prompt_at_80x24(snap_compare, demo_app):
    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.action_import_data()
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)


def test_import_preview_at_80x24(snap_compare, demo_app, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch):
    """A CSV with one good row and one bad one: the report wraps and names the line."""
    (tmp_path / "applications.csv").write_text(
        "company,role,stage,applied_on\n"
        "Initech,Platform Engineer,applied,2026-11-02\n"
        ",Data Engineer,screening,not a date\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    async def run(pilot):  # type: ignore[no-untyped-def]
        await settle(pilot)
        pilot.app.action_import_data()
        await settle(pilot)
        await pilot.press(*"applications.csv", "enter")
        await settle(pilot)

    assert snap_compare(demo_app, terminal_size=SMALL, run_before=run)

"""The palette's "data: Import…" (preview, then `y`) and "data: Export…" (asks before replacing)."""

from __future__ import annotations

import json

from textual.widgets import Input

from bounceback.screens.data_transfer import ImportPreviewModal
from bounceback.screens.modals import ConfirmModal, PickerModal
from tests.ui.conftest import add, screen_text, settle
from tests.ui.toasts import toasts_of


async def _answer_prompt(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one("#prompt-input", Input).value = text
    await pilot.press("enter")
    await settle(pilot)


async def test_palette_lists_the_data_commands(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "data: Import…" in titles and "data: Export…" in titles


async def test_import_previews_then_imports_on_y(make_app, store, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Employer,Title,Status,Salary\nAcme,Dev,onsite,1\nBeta,QA,hired,2\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import_data()
        await settle(pilot)
        await _answer_prompt(pilot, str(path))
        assert isinstance(app.screen, ImportPreviewModal) and app.screen.can_import
        text = screen_text(app)
        assert "Would add: 2 application" in text and "Ignored columns: Salary" in text
        assert store.applications.count() == 0  # nothing before `y`
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, ImportPreviewModal)
    assert sorted(r.company for r in store.applications.rows()) == ["Acme", "Beta"]


async def test_a_bad_file_shows_problems_literally_and_y_does_nothing(make_app, store, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("company,role,status\n[/],[bold]x,[@click=app.quit]x[/]\n")
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.action_import_data()
        await settle(pilot)
        await _answer_prompt(pilot, str(path))
        assert isinstance(app.screen, ImportPreviewModal) and not app.screen.can_import
        assert 'line 2, stage: unknown stage "[@click=app.quit]x[/]"' in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ImportPreviewModal)  # still open: nothing to import
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running
    assert store.applications.count() == 0


async def test_a_refused_file_is_a_notification(make_app, store, tmp_path):
    path = tmp_path / "b.bin"
    path.write_bytes(b"\x00\x01")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import_data()
        await settle(pilot)
        await _answer_prompt(pilot, str(path))
        assert not isinstance(app.screen, ImportPreviewModal)
        assert any("binary" in said for said in toasts_of(app)), (toasts_of(app), screen_text(app))


async def test_export_json_asks_before_replacing(make_app, store, tmp_path):
    add(store, "[/] Acme")
    out = tmp_path / "export.json"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_export_data()
        await settle(pilot)
        assert isinstance(app.screen, PickerModal)
        await pilot.press("enter")  # JSON is first
        await settle(pilot)
        await _answer_prompt(pilot, str(out))
        data = json.loads(out.read_text())
        assert data["tables"]["application"][0]["company"] == "[/] Acme"
        assert out.stat().st_mode & 0o777 == 0o600
        out.write_text("mine")
        app.action_export_data()
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await _answer_prompt(pilot, str(out))
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        await settle(pilot)
        assert out.read_text() == "mine"


async def test_export_csv_to_a_folder(make_app, store, tmp_path):
    add(store, "=cmd|' /C calc'!A0")
    folder = tmp_path / "csv"
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_export_data()
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        await _answer_prompt(pilot, str(folder))
    text = (folder / "applications.csv").read_text()
    assert "'=cmd" in text and (folder / "rejections.csv").exists()


async def test_the_preview_wraps_long_problems_and_names_things_plainly(make_app, store, tmp_path):
    """At 80x24 every word of a long problem is on screen, and no table name shows."""
    path = tmp_path / "t.csv"
    path.write_text("company,role,status\nAcme,Dev,applied\nBeta,QA,Somewhere over the rainbow\n")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.action_import_data()
        await settle(pilot)
        await _answer_prompt(pilot, str(path))
        assert isinstance(app.screen, ImportPreviewModal)
        text = screen_text(app)
        assert "1 application, 1 stage history entry" in text
        assert "stage_event" not in text
        # the end of the long "known: ..." list wraps onto the screen instead of being cut
        assert "no response" in text and "line 3, stage:" in text
        width = max(len(line.rstrip()) for line in text.splitlines())
        assert width <= 80


async def test_an_imported_rejection_lands_in_the_casebook_without_a_flow(make_app, store,
                                                                          tmp_path):
    from bounceback.screens.rejections import RejectionsScreen

    path = tmp_path / "t.csv"
    path.write_text("company,role,status\nAcme,Dev,rejected\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_import_data()
        await settle(pilot)
        await _answer_prompt(pilot, str(path))
        assert "1 application ended rejected" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert store.wallow.open_window() is None
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, RejectionsScreen)
        assert "Acme" in screen_text(app)
    (case,) = store.rejections.rows()
    assert store.rejections.get(case.id).flow_step == "done"


async def test_a_json_export_imports_into_a_new_database_over_its_starter_goals(
        make_home_app, store, clock, tmp_path):
    """Opening the app first adds starter goals; they no longer block the import (issue 10)."""
    from bounceback.playbook.goals import rrule_problem
    from bounceback.store.db import Store
    from bounceback.store.goals import GoalDraft
    from bounceback.store.portability import export_json

    other = Store.open(tmp_path / "other.db", clock)
    add(other, "Acme")
    other.goals.create(GoalDraft("Walk the dog", target=1), rrule_problem)
    export_json(other, tmp_path / "a.json")
    other.close()
    app = make_home_app()  # Today: the first open seeds the starter goals
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(store.goals.all()) == 3
        app.action_import_data()
        await settle(pilot)
        await _answer_prompt(pilot, str(tmp_path / "a.json"))
        assert isinstance(app.screen, ImportPreviewModal) and app.screen.can_import
        assert "the import replaces them" in " ".join(screen_text(app).split())
        await pilot.press("y")
        await settle(pilot)
    assert [g.title for g in store.goals.all()] == ["Walk the dog"]
    assert [r.company for r in store.applications.rows()] == ["Acme"]

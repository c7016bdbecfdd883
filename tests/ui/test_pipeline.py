"""Pipeline driven through Pilot: each test checks what is on screen and what was stored."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from bounceback.domain import RejectionKind, Stage
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
from bounceback.screens.modals import ConfirmModal, PickerModal
from bounceback.screens.pipeline import PipelineScreen
from bounceback.widgets.record_table import RecordTable
from tests.ui.conftest import add, screen_text, settle


def table(app) -> RecordTable:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#pipeline-table", RecordTable)


def shown_companies(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.row.company for item in table(app).rows]


async def test_empty_pipeline_invites_the_first_application(pilot):
    assert isinstance(pilot.app.screen, PipelineScreen)
    assert "No applications yet — press n to add your first." in screen_text(pilot.app)


async def test_add_application_with_the_keyboard(pilot, store):
    await pilot.press("n")
    assert isinstance(pilot.app.screen, ApplicationForm)
    assert pilot.app.focused.id == "input-company"
    await pilot.press(*"Globex", "tab", *"Platform Engineer")
    await pilot.press("ctrl+s")
    await settle(pilot)
    rows = store.applications.rows()
    assert [(r.company, r.role, r.stage) for r in rows] == [
        ("Globex", "Platform Engineer", Stage.APPLIED)
    ]
    # applied today, follow-up a week later (Setting follow_up_days = 7)
    assert rows[0].applied_on.isoformat() == "2026-11-25"
    assert rows[0].next_action_on.isoformat() == "2026-12-02"
    text = screen_text(pilot.app)
    assert "Globex" in text and "Platform Engineer" in text and "Dec 2 · Follow up" in text


async def test_required_fields_are_refused_inline_and_nothing_typed_is_lost(pilot, store):
    await pilot.press("n", "tab", *"Data Analyst")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ApplicationForm)
    assert "Company is required." in screen_text(pilot.app)
    assert pilot.app.screen.query_one("#input-role", Input).value == "Data Analyst"
    assert pilot.app.focused.id == "input-company"
    assert store.applications.rows() == []


async def test_unreadable_date_is_refused_with_an_example_then_accepted(pilot, store):
    await pilot.press("n", *"Initech", "tab", *"QA")
    form = pilot.app.screen
    form.query_one("#input-applied_on", Input).focus()
    await pilot.press(*"the day after never")
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "Couldn't read that date." in screen_text(pilot.app)
    assert store.applications.rows() == []
    form.query_one("#input-applied_on", Input).value = ""
    await pilot.press(*"20/11/2026")
    assert "Fri Nov 20, 2026" in screen_text(pilot.app)
    await pilot.press("ctrl+s")
    await settle(pilot)
    (row,) = store.applications.rows()
    assert row.applied_on.isoformat() == "2026-11-20"
    assert row.next_action_on.isoformat() == "2026-11-27"


async def test_escape_asks_before_discarding_typed_text(pilot, store):
    await pilot.press("n", *"Hooli")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("n")  # keep editing
    await pilot.pause()
    assert pilot.app.screen.query_one("#input-company", Input).value == "Hooli"
    await pilot.press("escape", "y")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)
    assert store.applications.rows() == []


async def test_escape_on_an_untouched_form_closes_without_asking(pilot):
    await pilot.press("n", "escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, PipelineScreen)


async def test_edit_saves_and_shows_the_change(make_app, store):
    app_id = add(store, "Umbrella", "Backend Dev")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ApplicationForm)
        form.query_one("#input-role", Input).value = "Staff Backend Dev"
        form.query_one("#input-notes", TextArea).text = "Met Ana at the meetup"
        await pilot.press("ctrl+s")
        await settle(pilot)
        detail = store.applications.get(app_id)
        assert detail.role == "Staff Backend Dev"
        assert detail.notes == "Met Ana at the meetup"
        assert "Staff Backend Dev" in screen_text(app)


async def test_stale_edit_is_shown_as_a_conflict_and_keeps_both_texts(make_app, store):
    app_id = add(store, "Vandelay", "Importer")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        form = app.screen
        form.query_one("#input-role", Input).value = "Mine: Senior Importer"
        # another window saves first
        other = store.applications.get(app_id)
        from bounceback.store.drafts import ApplicationDraft

        store.applications.update(
            app_id, ApplicationDraft(company="Vandelay", role="Theirs: Exporter"), other.version
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationForm)
        assert "changed this application in another window" in screen_text(app)
        assert store.applications.get(app_id).role == "Theirs: Exporter"
        assert form.query_one("#input-role", Input).value == "Mine: Senior Importer"
        await pilot.press("ctrl+s")  # the user chooses theirs → mine
        await settle(pilot)
        assert store.applications.get(app_id).role == "Mine: Senior Importer"


async def test_stage_moves_append_history_and_ghosted_reopens(make_app, store):
    app_id = add(store, "Stark", "ML Engineer")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert store.applications.get(app_id).stage is Stage.SCREENING
        assert "screening" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PickerModal)
        # the picker opens on the current stage; go down to "ghosted" (the last entry)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert store.applications.get(app_id).stage is Stage.GHOSTED
        assert isinstance(app.screen, ConfirmModal)  # first aid is offered, never forced
        await pilot.press("n")
        await settle(pilot)
        assert store.rejections.rows() == []
        # ghosted is closed: hidden from the active view, shown under "all"
        assert "Stark" not in shown_companies(app)
        await pilot.press("f")
        await pilot.pause()
        assert "Stark" in shown_companies(app)
        await pilot.press("right_square_bracket")  # they wrote back: reopen
        await settle(pilot)
        detail = store.applications.get(app_id)
        assert detail.stage is Stage.SCREENING
        assert [e.stage for e in detail.history] == [
            Stage.APPLIED, Stage.SCREENING, Stage.GHOSTED, Stage.SCREENING,
        ]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert store.applications.get(app_id).stage is Stage.GHOSTED
        await pilot.press("escape")
        await settle(pilot)
        assert store.rejections.rows() == []


async def test_filter_as_you_type_and_escape_clears(make_app, store):
    for company, notes in (("Acme", ""), ("Globex", "referral from acme alumni"), ("Initech", "")):
        add(store, company, notes=notes)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ACME")
        await pilot.pause()
        assert sorted(shown_companies(app)) == ["Acme", "Globex"]  # notes match too
        assert "2 shown of 3" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown_companies(app)) == 3
        assert app.focused is table(app)


async def test_view_cycles_active_all_closed(make_app, store):
    add(store, "Open Co")
    closed = add(store, "Closed Co")
    store.applications.move(closed, Stage.WITHDRAWN)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown_companies(app) == ["Open Co"]
        await pilot.press("f")
        await pilot.pause()
        assert sorted(shown_companies(app)) == ["Closed Co", "Open Co"]
        await pilot.press("f")
        await pilot.pause()
        assert shown_companies(app) == ["Closed Co"]
        assert "view: closed" in screen_text(app)


async def test_delete_asks_then_undo_restores(make_app, store):
    app_id = add(store, "Soylent", "Chef")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert store.applications.rows() == []
        assert "Soylent" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert [r.id for r in store.applications.rows()] == [app_id]
        assert "Soylent" in screen_text(app)


async def test_r_records_the_rejection_and_keeps_the_history(make_app, store):
    app_id = add(store, "Cyberdyne", "SRE")
    store.applications.move(app_id, Stage.SCREENING)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmModal"  # asks first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AcknowledgeScreen)
        assert "it got as far as screening" in screen_text(app)
        detail = store.applications.get(app_id)
        assert detail.stage is Stage.REJECTED
        assert [e.stage for e in detail.history] == [
            Stage.APPLIED, Stage.SCREENING, Stage.REJECTED,
        ]
        (case,) = store.rejections.rows()
        assert (case.company, case.kind) == ("Cyberdyne", RejectionKind.MID)


async def test_row_keys_are_hidden_without_a_row(pilot):
    keys = {b.binding.action for b in pilot.app.active_bindings.values()}
    assert "new" in keys
    assert not {"edit", "advance", "reject", "delete", "undo"} & keys


async def test_enter_opens_the_detail_with_history(make_app, store):
    app_id = add(store, "Wayne Enterprises", "Analyst", description="Build dashboards")
    store.applications.move(app_id, Stage.SCREENING, note="recruiter call")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ApplicationDetailScreen)
        text = screen_text(app)
        assert "Wayne Enterprises — Analyst" in text
        assert "recruiter call" in text and "Build dashboards" in text
        assert "2026-11-25 09:30  applied" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)


async def test_help_lists_the_pipeline_keys(pilot):
    await pilot.press("question_mark")
    await pilot.pause()
    text = screen_text(pilot.app)
    for words in ("Keys — Pipeline", "Add an application", "Filter by company", "Leave bounceback"):
        assert words in text


async def test_mode_keys_do_nothing_inside_a_text_field(pilot):
    await pilot.press("slash", "2", "1")
    await pilot.pause()
    assert pilot.app.screen.query_one("#pipeline-filter-input", Input).value == "21"

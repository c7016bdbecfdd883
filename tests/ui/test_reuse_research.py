"""Issue 12: reuse your research. From an application (a "no", usually), `a` starts a new one for
a similar role with exactly what the person ticks carried over; the old one is untouched."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, Input, TextArea

from bounceback.domain import Stage
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.reuse_research import ReuseResearchModal
from bounceback.store.db import Store
from tests.ui.conftest import add, screen_text, settle
from tests.ui.toasts import toasts_of

OLD = dict(location="Berlin", source="LinkedIn", url="https://acme.example/jobs/1",
           contact_name="Dana Lee", contact_email="dana@acme.example",
           notes="Team of 8, ships weekly; CTO likes Rust.", description="Python, Kafka, SQL.")


def rejected(store: Store, company: str = "Acme", **kw: Any) -> int:
    app_id = add(store, company, role="Backend Engineer", **{**OLD, **kw})
    store.applications.move(app_id, Stage.REJECTED)
    return app_id


async def closed_view(pilot: Any) -> None:
    await pilot.press("f", "f")  # active → all → closed
    await settle(pilot)


async def test_a_on_the_pipeline_carries_exactly_what_is_ticked(make_app, store):
    old_id = rejected(store)
    before = store.applications.get(old_id)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await closed_view(pilot)
        await pilot.press("a")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ReuseResearchModal)
        text = screen_text(app)
        assert "Reuse your research from Acme — Backend Engineer" in text
        assert "Company: Acme" in text and "Contact: Dana Lee · dana@acme.example" in text
        assert "Notes (your research): Team of 8" in text and "Job description: 3 words" in text
        assert "Source: LinkedIn" in text and "Location: Berlin" in text
        # ticked at first: all but the posting itself
        ticks = {box.id: box.value for box in modal.query(Checkbox)}
        assert ticks == {"reuse-company": True, "reuse-contact": True, "reuse-notes": True,
                         "reuse-description": False, "reuse-source": True,
                         "reuse-location": True}
        await pilot.press("down", "down", "space")  # untick the notes
        await pilot.press("down", "space")  # tick the description
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        assert form.query_one("#input-company", Input).value == "Acme"
        assert form.query_one("#input-role", Input).value == ""
        assert form.query_one("#input-notes", TextArea).text == ""
        assert form.query_one("#input-description", TextArea).text == "Python, Kafka, SQL."
        assert not form.unsaved_changes()  # escape here would lose nothing typed
        form.query_one("#input-role", Input).focus()
        await pilot.press(*"Platform Engineer", "ctrl+s")
        await settle(pilot)
        assert "Added Acme — Platform Engineer, with the research from Acme — Backend " \
               "Engineer." in toasts_of(app)
        text = screen_text(app)
        assert "view: all" in text and "Platform Engineer" in text  # the new one is shown
    new = next(store.applications.get(r.id) for r in store.applications.rows()
               if r.id != old_id)
    assert (new.company, new.role, new.stage) == ("Acme", "Platform Engineer", Stage.APPLIED)
    assert (new.location, new.source, new.contact_name, new.contact_email) == (
        "Berlin", "LinkedIn", "Dana Lee", "dana@acme.example")
    assert (new.notes, new.url, new.description) == ("", "", "Python, Kafka, SQL.")
    after = store.applications.get(old_id)
    assert after == before  # the old application is untouched


async def test_a_on_the_detail_and_only_what_it_holds_is_offered(make_app, store):
    old_id = rejected(store, location="", source="", contact_name="", contact_email="",
                      description="")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(ApplicationDetailScreen(old_id))
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ReuseResearchModal)
        assert {box.id for box in modal.query(Checkbox)} == {"reuse-company", "reuse-notes"}
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("tab", *"SRE", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationDetailScreen)  # back where it started
    new = next(store.applications.get(r.id) for r in store.applications.rows()
               if r.id != old_id)
    assert (new.company, new.role, new.notes) == ("Acme", "SRE", OLD["notes"])


async def test_escape_starts_nothing(make_app, store):
    rejected(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await closed_view(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReuseResearchModal)
        await pilot.press("a", "ctrl+s")  # into the form, then out of it
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ApplicationForm)
    assert len(store.applications.rows()) == 1
    assert store.form_drafts.all() == []


async def test_markup_in_what_is_carried_shows_literally_and_is_stored_as_typed(make_app, store):
    old_id = rejected(store, company="[/]Acme", notes="[bold]research[/] [@click=app.quit]x[/]",
                      contact_name="[b]Dana")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await closed_view(pilot)
        await pilot.press("a")
        await settle(pilot)
        text = screen_text(app)
        assert "Reuse your research from [/]Acme — Backend Engineer" in text
        assert "Notes (your research): [bold]research[/] [@click=app.quit]x[/]" in text
        assert "Contact: [b]Dana" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.screen.query_one("#input-role", Input).focus()
        await pilot.press(*"QA", "ctrl+s")
        await settle(pilot)
        assert app.is_running
    new = next(store.applications.get(r.id) for r in store.applications.rows()
               if r.id != old_id)
    assert (new.company, new.contact_name) == ("[/]Acme", "[b]Dana")
    assert new.notes == "[bold]research[/] [@click=app.quit]x[/]"

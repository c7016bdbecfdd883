"""Issue 12 (the app half): the resume that went out, chosen in the application form, and the
keyword gap where a person meets it, on the application's detail and in its modal."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import Input, Select, TextArea

from bounceback.domain import MaterialKind
from bounceback.matching import NO_DESCRIPTION, NO_RESUME, description_digest
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.application_form import NO_RESUME as NONE_CHOSEN
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.keeps_draft import KeepsDraft
from bounceback.screens.keyword_gap import KeywordGapModal
from bounceback.store.db import Store
from tests.ui.conftest import add, screen_text, settle

DESCRIPTION = """Senior Backend Engineer at Acme

Requirements:
- 5+ years of Python
- Experience with PostgreSQL and Kubernetes
- gRPC and REST APIs
- Terraform is a plus
"""
RESUME = """Jane Doe
jane@example.com | +1 555 123 4567 | github.com/jane

Experience
- Built Python services on Postgres serving 2M users
- Designed REST APIs
Education
BSc Computer Science
Skills
Python, Postgres, Docker
"""
RESUME_2 = RESUME.replace("Docker", "Docker, Kubernetes, gRPC, Terraform")
HOSTILE_LINE = "- Know [/] and [@click=app.quit]x[/] and [bold]Kafka"


def resumes(store: Store) -> tuple[int, int]:
    """An older version (Nov 1) and the current one (Nov 20)."""
    old = store.materials.add(MaterialKind.RESUME, "Backend v1", RESUME,
                              added_on=date(2026, 11, 1)).id
    new = store.materials.add(MaterialKind.RESUME, "Backend v2 cloud", RESUME_2,
                              added_on=date(2026, 11, 20)).id
    return old, new


async def open_detail(pilot: Any) -> ApplicationDetailScreen:
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ApplicationDetailScreen)
    return screen


# ---- the form ----------------------------------------------------------------------------------


async def test_a_new_application_starts_on_the_current_version_and_stores_it(make_app, store):
    old, new = resumes(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        assert form.query_one("#input-resume", Select).value == str(new)
        assert "Resume sent" in screen_text(app)
        assert "Backend v2 cloud · added Nov 20, 2026" in screen_text(app)
        await pilot.press(*"Acme", "tab", *"Engineer", "ctrl+s")
        await settle(pilot)
    (row,) = store.applications.rows()
    assert store.applications.get(row.id).resume_id == new


async def test_another_version_or_none_is_stored_and_an_edit_starts_on_the_stored_one(
        make_app, store):
    old, new = resumes(store)
    store.materials.retire(old)
    app_id = add(store, "Globex")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        select = app.screen.query_one("#input-resume", Select)
        assert select.value == str(new)  # filled in by the store on the day it was sent
        labels = [str(label) for label, _ in select._options]
        assert any("Backend v1" in x and "(retired)" in x for x in labels)
        assert labels[-1] == "none recorded"
        select.value = str(old)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.applications.get(app_id).resume_id == old
        await pilot.press("e")
        await settle(pilot)
        select = app.screen.query_one("#input-resume", Select)
        assert select.value == str(old)
        select.value = NONE_CHOSEN
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert store.applications.get(app_id).resume_id is None


async def test_the_resume_choice_is_kept_in_the_draft_and_picked_up(make_app, make_home_app,
                                                                     store):
    old, _new = resumes(store)
    async with make_app().run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Initech")
        form = pilot.app.screen
        assert isinstance(form, KeepsDraft)
        form.query_one("#input-resume", Select).value = str(old)
        await pilot.pause()
        form.save_draft_now()
        (kept,) = store.form_drafts.all()
        assert kept.values["resume"] == str(old)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # pick it up
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        assert form.query_one("#input-company", Input).value == "Initech"
        assert form.query_one("#input-resume", Select).value == str(old)
        await pilot.press("tab", *"QA", "ctrl+s")
        await settle(pilot)
    (row,) = store.applications.rows()
    assert store.applications.get(row.id).resume_id == old


async def test_a_saved_description_has_its_key_terms_computed_after_the_save(make_app, store):
    resumes(store)
    app_id = add(store, "Acme")
    assert store.applications.job_profile(app_id) is None
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        area = app.screen.query_one("#input-description", TextArea)
        area.load_text(DESCRIPTION)
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = store.applications.job_profile(app_id)
    assert stored is not None
    assert stored["digest"] == description_digest("Acme", DESCRIPTION)


# ---- the detail --------------------------------------------------------------------------------


async def test_the_detail_shows_the_resume_sent_and_the_match(make_app, store):
    resumes(store)
    add(store, "Acme", description=DESCRIPTION)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_detail(pilot)
        text = screen_text(app)
        assert "Resume sent  Backend v2 cloud · added Nov 20, 2026" in text
        assert "Match  6 of 7 key terms (1 under another name); missing: Backend" in text
        assert "k: keyword gap" in text


async def test_without_a_description_or_a_resume_the_detail_says_how_to_add_it(make_app, store):
    add(store, "Acme")  # no resume kept, no description
    add(store, "Globex", description=DESCRIPTION)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for company, reason in (("Acme", NO_DESCRIPTION), ("Globex", NO_RESUME)):
            row = next(r for r in store.applications.rows() if r.company == company)
            app.push_screen(ApplicationDetailScreen(row.id))
            await settle(pilot)
            text = " ".join(screen_text(app).split())
            assert reason[:60] in text, company
            assert "Resume sent none recorded" in text
            await pilot.press("escape")
            await settle(pilot)


# ---- the keyword gap modal ---------------------------------------------------------------------


async def test_k_lists_missing_variant_and_present_with_their_lines_and_the_health(make_app,
                                                                                    store):
    old, new = resumes(store)
    app_id = add(store, "Acme", description=DESCRIPTION, resume_id=old)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_detail(pilot)
        assert "3 of 7 key terms (1 under another name); missing: Kubernetes" in \
            " ".join(screen_text(app).split())
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, KeywordGapModal)
        text = screen_text(app)
        assert "Keyword gap — Acme — Engineer" in text
        assert "Resume: Backend v1 · added Nov 1, 2026 — the one sent with this application" \
            in text
        assert "Missing (4)" in text and "✗ Kubernetes" in text
        assert "line 5: Experience with PostgreSQL and Kubernetes" in text
        assert "Under another name (1)" in text and "~ PostgreSQL — you wrote Postgres" in text
        assert "Present (" in text and "✓ Python" in text
        # most important first within a group, as the engine ranked them
        assert text.index("Kubernetes") < text.index("Terraform")
        await pilot.press("end")
        await settle(pilot)
        assert "Resume health — Backend v1" in screen_text(app)
        assert "v: compare another version" in screen_text(app)

        await pilot.press("v")  # the other version: the gap closes
        await settle(pilot)
        text = screen_text(app)
        assert "Resume: Backend v2 cloud · added Nov 20, 2026 — not the one sent" in text
        assert "Missing (1)" in text and "✓ Kubernetes" in text and "✓ Terraform" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationDetailScreen)
    assert store.applications.get(app_id).resume_id == old  # comparing never changes it


async def test_markup_in_every_string_is_shown_literally(make_app, store):
    store.materials.add(MaterialKind.RESUME, "[bold]mine[/]", RESUME + "\n[/] [b]x\n")
    add(store, "[/]Acme", role="[@click=app.quit]Eng[/]",
        description=DESCRIPTION + HOSTILE_LINE + "\n")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_detail(pilot)
        assert "Resume sent  [bold]mine[/]" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        text = screen_text(app)
        assert "Keyword gap — [/]Acme — [@click=app.quit]Eng[/]" in text
        assert "Resume: [bold]mine[/]" in text
        assert "Kafka" in text
        assert "[/] and [@click=app.quit]x[/] and [bold]Kafka" in text
        assert app.is_running


async def test_the_form_shows_the_match_under_the_description(make_app, store):
    old, _new = resumes(store)
    add(store, "Acme", description=DESCRIPTION)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        form.query_one("#field-description").scroll_visible(animate=False)
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Match with Backend v2 cloud: 6 of 7 key terms (1 under another name)" in text
        form.query_one("#input-resume", Select).value = str(old)
        form.match_now()  # what the pause after a change runs
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        assert "Match with Backend v1: 3 of 7 key terms (1 under another name); missing: " \
               "Kubernetes" in text
        form.query_one("#input-description", TextArea).load_text("")
        form.match_now()
        await settle(pilot)
        assert "Match with" not in screen_text(app)
        await pilot.press("escape", "y")
        await settle(pilot)


async def test_a_busy_database_is_said_on_the_line_and_in_the_modal(make_app, store,
                                                                    monkeypatch):
    from bounceback import matching
    from bounceback.store.errors import BusyError

    resumes(store)
    add(store, "Acme", description=DESCRIPTION)

    def busy(*_a: Any, **_k: Any) -> None:
        raise BusyError("busy")

    monkeypatch.setattr(matching, "profile_for", busy)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_detail(pilot)
        assert "Could not compare just now" in screen_text(app)
        await pilot.press("k")
        await settle(pilot)
        assert "Could not compare just now" in screen_text(app)
        assert app.is_running


async def test_none_chosen_on_a_new_application_records_the_current_one_when_sent(make_app,
                                                                                   store):
    _old, new = resumes(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Acme", "tab", *"Engineer")
        form = app.screen
        assert isinstance(form, ApplicationForm)
        form.query_one("#input-resume", Select).value = NONE_CHOSEN
        await settle(pilot)
        assert "none chosen: the version current on the day it is sent is recorded" in \
            " ".join(screen_text(app).split())
        await pilot.press("ctrl+s")
        await settle(pilot)
    (row,) = store.applications.rows()
    assert store.applications.get(row.id).resume_id == new  # sent today: today's version

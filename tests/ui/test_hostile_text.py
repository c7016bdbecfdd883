"""Markup, escape sequences, emoji and huge pastes in every Pipeline field: shown literally."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.pipeline import PipelineScreen
from bounceback.widgets.form import Field
from tests.ui.conftest import HOSTILE, add, screen_text, settle

SINGLE = ("company", "role", "location", "source", "url", "contact_name", "next_action")
LONG = ("description", "notes")


async def paste(pilot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put text in a field the way a terminal paste does."""
    widget.focus()
    await pilot.pause()
    if isinstance(widget, TextArea):
        widget.text = ""
        await pilot.pause()
        widget.insert(text)  # what TextArea does with a bracketed paste
    else:
        widget.value = ""
        widget.post_message(events.Paste(text))
    await pilot.pause()


@pytest.mark.parametrize("text", [t for t in HOSTILE if len(t) < 1000])
async def test_hostile_text_in_every_field_is_stored_and_shown_literally(pilot, store, text):
    await pilot.press("n")
    form = pilot.app.screen
    for name in SINGLE:
        await paste(pilot, form.query_one(f"#input-{name}", Input), f"{name}:{text}")
    for name in LONG:
        await paste(pilot, form.query_one(f"#input-{name}", TextArea), f"{name}:{text}")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen), screen_text(pilot.app)
    expected = text.replace("\x1b", "")  # ESC is stripped on input; nothing else changes
    (row,) = store.applications.rows()
    detail = store.applications.get(row.id)
    for name in SINGLE + LONG:
        assert getattr(detail, name) == f"{name}:{expected}"
    shown = screen_text(pilot.app)
    assert f"company:{expected}" in shown
    assert "\x1b" not in shown
    # clicking the row must not run an embedded action
    await pilot.click("#pipeline-table", offset=(2, 1))
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.is_running
    assert isinstance(pilot.app.screen, ApplicationDetailScreen)
    text_now = screen_text(pilot.app)
    assert f"notes:{expected}" in text_now and f"role:{expected}" in text_now


async def test_ten_thousand_characters(pilot, store):
    huge = "x" * 10_000
    await pilot.press("n")
    form = pilot.app.screen
    for name in SINGLE:
        await paste(pilot, form.query_one(f"#input-{name}", Input), huge)
    for name in LONG:
        await paste(pilot, form.query_one(f"#input-{name}", TextArea), huge)
    await pilot.press("ctrl+s")
    await pilot.pause()
    # single-line fields have caps: refused where typed, nothing truncated or lost
    assert isinstance(pilot.app.screen, ApplicationForm)
    assert "Company is 10,000 characters;" in screen_text(pilot.app)
    errors = {f.field_name: str(f.query_one(".field-error").render()) for f in form.query(Field)}
    assert errors["company"] == "Company is 10,000 characters; the limit is 200."
    assert errors["url"] == "Link is 10,000 characters; the limit is 2,000."
    assert all(form.query_one(f"#input-{n}", Input).value == huge for n in SINGLE)
    assert store.applications.rows() == []
    for name in SINGLE:
        await paste(pilot, form.query_one(f"#input-{name}", Input), f"short {name}")
    await pilot.press("ctrl+s")
    await settle(pilot)
    (row,) = store.applications.rows()
    detail = store.applications.get(row.id)
    assert detail.description == huge and detail.notes == huge


async def test_hostile_names_from_the_database_render_safely(make_app, store):
    for text in HOSTILE:
        add(store, text[:200], text[:200], notes=text)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "[@click=app.quit]x[/]" in shown and "[bold]x" in shown and "[/]" in shown
        for _ in HOSTILE:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("escape", "down")
            await pilot.pause()
        assert app.is_running

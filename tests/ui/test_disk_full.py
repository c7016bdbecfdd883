"""Battery item 6 through the UI: a save that hits a full disk keeps the form and the text."""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from textual.widgets import Input, TextArea

from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.pipeline import PipelineScreen
from tests.ui.conftest import screen_text, settle


def cap_pages(store, extra_pages: int | None) -> None:  # type: ignore[no-untyped-def]
    """Cap every new connection at its current size plus `extra_pages`; None lifts the cap."""
    store.engine.dispose()
    for fn in getattr(store, "_test_caps", []):
        event.remove(store.engine, "connect", fn)
    store._test_caps = []
    if extra_pages is None:
        return

    def cap(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + extra_pages}")

    event.listen(store.engine, "connect", cap)
    store._test_caps.append(cap)


async def test_disk_full_keeps_the_form_and_the_text_then_saves(make_app, store):
    notes = "DISTINCTIVE notes line\n" * 8_000  # ~180 KB, under the cap
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ApplicationForm)
        form.query_one("#input-company", Input).value = "Full Disk Inc"
        form.query_one("#input-role", Input).value = "Writer"
        form.query_one("#input-notes", TextArea).text = notes
        cap_pages(store, 2)
        try:
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.is_running
            assert app.screen is form
            banner = str(form.query_one("#form-banner").render())
            assert banner.startswith("Not saved: the disk holding") and "is full" in banner
            assert "Your text is still here" in banner and "DISTINCTIVE" not in banner
            assert "Not saved: the disk" in screen_text(app)  # shown, not only set
            assert form.query_one("#input-company", Input).value == "Full Disk Inc"
            assert form.query_one("#input-role", Input).value == "Writer"
            assert form.query_one("#input-notes", TextArea).text == notes
        finally:
            cap_pages(store, None)
        assert store.applications.rows() == []
        await pilot.press("ctrl+s")  # the same save, now with room
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen), screen_text(app)
        (row,) = store.applications.rows()
        detail = store.applications.get(row.id)
        assert (detail.company, detail.role, detail.notes) == ("Full Disk Inc", "Writer", notes)

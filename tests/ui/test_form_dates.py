"""Dates in the application form: a future "applied on" is refused; a year left out leans the
way the field looks (issue 9, defect 15). The clock sits at the turn of the year."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from textual.widgets import Input

from bounceback.clock import FixedClock
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.pipeline import PipelineScreen
from bounceback.store.db import Store
from tests.ui.conftest import PipelineFirstApp, screen_text, settle

DEC_30 = datetime(2026, 12, 30, 10, tzinfo=UTC)


@pytest.fixture
def year_end_app(tmp_path):  # type: ignore[no-untyped-def]
    clock = FixedClock(DEC_30)
    store = Store.open(tmp_path / "data" / "b.db", clock)
    yield PipelineFirstApp(open_store=lambda: store, clock=clock), store
    store.close()


async def new_application(pilot, applied: str, next_on: str) -> ApplicationForm:  # type: ignore[no-untyped-def]
    await pilot.press("n", *"Initech", "tab", *"QA")
    form = pilot.app.screen
    assert isinstance(form, ApplicationForm)
    form.query_one("#input-applied_on", Input).value = applied
    form.query_one("#input-next_action_on", Input).value = next_on
    await pilot.pause()
    return form


async def test_applied_tomorrow_is_refused_where_it_was_typed(year_end_app):
    app, store = year_end_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        form = await new_application(pilot, "tomorrow", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is form
        assert "Applied on can't be in the future." in screen_text(pilot.app)
        assert store.applications.rows() == []
        assert form.query_one("#input-company", Input).value == "Initech"  # nothing lost
        form.query_one("#input-applied_on", Input).value = "today"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PipelineScreen)
    (row,) = store.applications.rows()
    assert row.applied_on == date(2026, 12, 30)


async def test_jan_5_on_dec_30_is_next_january_for_the_next_action(year_end_app):
    app, store = year_end_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await new_application(pilot, "Dec 28", "Jan 5")
        text = screen_text(pilot.app)
        assert "Tue Jan 5, 2027" in text  # the hint says how it was read, as it is typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PipelineScreen)
    (row,) = store.applications.rows()
    detail = store.applications.get(row.id)
    assert detail.next_action_on == date(2027, 1, 5)
    assert detail.applied_on == date(2026, 12, 28)


async def test_a_past_date_without_a_year_is_last_year_for_applied_on(year_end_app):
    app, store = year_end_app
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await new_application(pilot, "Jan 5", "")
        assert "Mon Jan 5, 2026" in screen_text(pilot.app)
        await pilot.press("ctrl+s")
        await settle(pilot)
    (row,) = store.applications.rows()
    assert store.applications.get(row.id).applied_on == date(2026, 1, 5)

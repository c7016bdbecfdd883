"""Issue 9, defect 1: editing from the application detail (Pipeline or Today) never crashes.

The detail redraws itself when the edit form closes; it used to remove its children without
waiting and mount new ones with the same ids (`DuplicateIds 'detail-title'`), which ended the app.
"""

from __future__ import annotations

from textual.widgets import Input

from bounceback.clock import today
from bounceback.screens.application_detail import ApplicationDetailScreen
from bounceback.screens.application_form import ApplicationForm
from bounceback.screens.today import TodayScreen
from bounceback.widgets.record_table import RecordTable
from tests.ui.conftest import add, screen_text, settle


async def _retype_role(pilot, role: str) -> None:  # type: ignore[no-untyped-def]
    form = pilot.app.screen
    assert isinstance(form, ApplicationForm)
    form.query_one("#input-role", Input).value = role
    await pilot.pause()


async def test_pipeline_detail_edit_then_escape_or_save_keeps_the_app_alive(make_app, store):
    app_id = add(store, "Globex", role="Engineer")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ApplicationDetailScreen)

        await pilot.press("e")  # open the form and leave it untouched
        await settle(pilot)
        assert isinstance(pilot.app.screen, ApplicationForm)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.is_running and pilot.app.return_code is None
        assert isinstance(pilot.app.screen, ApplicationDetailScreen)
        assert "Globex — Engineer" in screen_text(pilot.app)

        for role in ("Staff Engineer", "Principal Engineer"):  # twice: the redraw repeats cleanly
            await pilot.press("e")
            await settle(pilot)
            await _retype_role(pilot, role)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert pilot.app.is_running and pilot.app.return_code is None
            assert isinstance(pilot.app.screen, ApplicationDetailScreen)
            assert f"Globex — {role}" in screen_text(pilot.app)
            assert store.applications.get(app_id).role == role
        assert len(pilot.app.screen.query("#detail-title")) == 1


async def test_today_follow_up_detail_edit_escape_and_save(make_home_app, store, clock):
    app_id = add(store, "Umbrella", role="Analyst", next_action="Send the portfolio",
                 next_action_on=today(clock))
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        app.screen.query_one("#today-followups-table", RecordTable).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ApplicationDetailScreen)
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ApplicationDetailScreen)

        await pilot.press("e")
        await settle(pilot)
        await _retype_role(pilot, "Lead Analyst")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, ApplicationDetailScreen)
        assert "Umbrella — Lead Analyst" in screen_text(app)
        assert store.applications.get(app_id).role == "Lead Analyst"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)

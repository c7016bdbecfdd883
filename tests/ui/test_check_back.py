"""Keep the door open: a no the person could not control may reopen; a dated check-back."""

from __future__ import annotations

from datetime import date, timedelta

from bounceback.domain import RejectionKind, Stage
from bounceback.playbook.triage import CHECK_BACK_DAYS, judge
from bounceback.screens.bounce.base import screen_for
from bounceback.screens.bounce.moving import KeepMovingScreen
from bounceback.screens.modals import PickerModal
from bounceback.store.db import Store
from tests.ui.conftest import add, screen_text, settle

TODAY = date(2026, 11, 25)


def _case(store: Store, causes: list[str], company: str = "Acme") -> int:
    app_id = add(store, company, "Data Analyst")
    store.applications.move(app_id, Stage.FINAL_ROUND)
    case = store.rejections.log_for_application(app_id, judge)
    store.rejections.update(case.id, causes=causes, out_of_control=causes, flow_step="moving")
    return case.id


async def _moving(app, pilot, case_id: int) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.push_screen(screen_for("moving", case_id))
    await settle(pilot)
    assert isinstance(app.screen, KeepMovingScreen)


async def test_a_budget_freeze_offers_a_check_back_as_a_new_saved_application(
        make_app, store) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store, ["budget_cut"])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _moving(app, pilot, case_id)
        text = " ".join(screen_text(app).split())
        assert "Keep the door open" in text and "Budget cut or headcount freeze" in text
        assert "Feb 23, 2027 (in 3 months)" in text
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, PickerModal)
        await pilot.press("enter")
        await settle(pilot)
    saved = [r for r in store.applications.rows() if r.stage is Stage.SAVED]
    (row,) = saved
    assert row.company == "Acme" and row.next_action_on == TODAY + timedelta(days=CHECK_BACK_DAYS)
    assert row.next_action == "Check back with Acme (budget cut or headcount freeze)"


async def test_the_check_back_can_go_on_an_open_application_there(make_app, store) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store, ["internal_candidate"])
    other = add(store, "ACME ", "Platform Engineer")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _moving(app, pilot, case_id)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
    detail = store.applications.get(other)
    assert detail.next_action == "Check back with Acme (an internal candidate got the role)"
    assert detail.next_action_on == TODAY + timedelta(days=CHECK_BACK_DAYS)
    assert not any(r.stage is Stage.SAVED for r in store.applications.rows())


async def test_due_it_shows_on_today(make_home_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store, ["budget_cut"])
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _moving(app, pilot, case_id)
        await pilot.press("b", "enter")
        await settle(pilot)
    clock.advance(CHECK_BACK_DAYS * 86400)
    later = make_home_app()
    async with later.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "today    Acme                Data Analyst      Check back with Ac…" in \
            screen_text(later)  # the follow-ups due, on the day


async def test_without_such_a_cause_there_is_no_offer(make_app, store) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store, ["interview_answers"])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _moving(app, pilot, case_id)
        assert "Keep the door open" not in screen_text(app)
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, KeepMovingScreen)
    assert store.rejections.get(case_id).kind is RejectionKind.FINAL

"""RejectionRepo: a case logged by mistake can be deleted and restored, and a deleted case leaves
the casebook, the pattern, Today's nudges and every count, with nothing written lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bounceback.clock import FixedClock
from bounceback.domain import RejectionKind, Stage
from bounceback.playbook.triage import judge
from bounceback.store.activity import activity_counts, latest_rejection
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import NotFoundError
from bounceback.store.portability import export_csv


def _app(store: Store, company: str, stage: Stage = Stage.SCREENING) -> int:
    app_id = store.applications.create(ApplicationDraft(company=company, role="Dev")).id
    store.applications.move(app_id, stage)
    return app_id


def test_a_deleted_case_leaves_every_count_and_restore_brings_it_all_back(
    store: Store, clock: FixedClock, tmp_path
) -> None:
    kept = store.rejections.log_for_application(_app(store, "Kept"), judge)
    app_id = _app(store, "Mistake")
    wrong = store.rejections.log_for_application(app_id, judge)
    store.rejections.update(wrong.id, feedback_status="asked", feedback_asked_on=clock.now().date())
    window = store.wallow.start(wrong.id, 10)
    store.wallow.save_vent(window.id, "typed before noticing")
    day = clock.now().date()
    assert latest_rejection(store).id == wrong.id
    assert activity_counts(store, day, day)["feedback_asked"][day] == 1

    store.rejections.delete(wrong.id)

    assert [r.id for r in store.rejections.rows()] == [kept.id]
    assert store.rejections.recent_kinds() == [RejectionKind.MID]
    assert store.rejections.counts_since(day - timedelta(days=30))[RejectionKind.MID] == 1
    assert store.wallow.open_window() is None  # the mistake's window does not come back
    assert latest_rejection(store).id == kept.id
    assert activity_counts(store, day, day)["feedback_asked"][day] == 0
    assert store.rejections.case_for_application(app_id) is None
    assert store.rejections.paused() == (store.rejections.get(kept.id), 1)
    with pytest.raises(NotFoundError):
        store.rejections.get(wrong.id)
    with pytest.raises(NotFoundError):
        store.rejections.update(wrong.id, lessons="x")
    with pytest.raises(NotFoundError):
        store.rejections.delete(wrong.id)
    export_csv(store, tmp_path / "out")
    assert "Mistake" not in (tmp_path / "out" / "rejections.csv").read_text()
    assert store.rejections.last_deleted().id == wrong.id

    restored = store.rejections.restore(wrong.id)

    assert restored.feedback_status.value == "asked"
    assert {r.id for r in store.rejections.rows()} == {kept.id, wrong.id}
    assert store.wallow.open_window().vent_text == "typed before noticing"
    assert store.rejections.last_deleted() is None


def test_last_deleted_is_the_newest_deletion(store: Store, clock: FixedClock) -> None:
    first = store.rejections.log_untracked("One", "", Stage.APPLIED, RejectionKind.EARLY)
    second = store.rejections.log_untracked("Two", "", Stage.APPLIED, RejectionKind.EARLY)
    store.rejections.delete(second.id)
    clock.advance(5)
    store.rejections.delete(first.id)
    assert store.rejections.last_deleted().id == first.id


def test_a_case_without_moving_the_stage_for_a_ghosting(store: Store) -> None:
    app_id = _app(store, "Silent", Stage.INTERVIEWING)
    store.applications.move(app_id, Stage.GHOSTED)
    case = store.rejections.log_for_application(app_id, judge, move=False)
    detail = store.applications.get(app_id)
    assert detail.stage is Stage.GHOSTED
    assert [e.stage for e in detail.history][-1] is Stage.GHOSTED
    assert (case.stage_reached, case.kind) == (Stage.INTERVIEWING, RejectionKind.MID)
    assert store.rejections.case_for_application(app_id).id == case.id


def test_paused_is_the_latest_unfinished_flow_never_an_imported_or_done_one(
    store: Store, clock: FixedClock
) -> None:
    assert store.rejections.paused() == (None, 0)
    older = store.rejections.log_untracked("Older", "", Stage.APPLIED, RejectionKind.EARLY)
    clock.advance(60)
    newer = store.rejections.log_untracked("Newer", "", Stage.APPLIED, RejectionKind.EARLY)
    store.rejections.update(newer.id, flow_step="detective")
    case, count = store.rejections.paused()
    assert (case.id, case.flow_step, count) == (newer.id, "detective", 2)
    store.rejections.update(newer.id, flow_step="done")
    assert store.rejections.paused()[0].id == older.id
    with store.write() as s:  # an imported case never had a flow to pause
        from bounceback.store.models import Rejection

        s.get(Rejection, older.id).imported = True
    assert store.rejections.paused() == (None, 0)


def test_received_day_is_kept_on_restore(store: Store) -> None:
    case = store.rejections.log_untracked("Dated", "", Stage.APPLIED, RejectionKind.EARLY)
    store.rejections.delete(case.id)
    assert store.rejections.restore(case.id).received_on == date(2026, 11, 25)


def test_count_leaves_out_deleted_cases_and_the_one_asked(store) -> None:  # type: ignore[no-untyped-def]
    from bounceback.domain import RejectionKind, Stage

    cases = [store.rejections.log_untracked(f"C{i}", "Dev", Stage.APPLIED, RejectionKind.EARLY)
             for i in range(3)]
    store.rejections.delete(cases[0].id)
    assert store.rejections.count() == 2
    assert store.rejections.count(excluding=cases[1].id) == 1

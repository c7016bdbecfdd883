"""The demo follows the playbook's rules: what it shows is what the app itself would judge."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bounceback.clock import FixedClock, today
from bounceback.demo import build_demo, words
from bounceback.domain import FeedbackStatus, RejectionKind, Stage
from bounceback.playbook.feedback import FeedbackAction, feedback_state
from bounceback.playbook.pipeline import Thresholds, silence
from bounceback.playbook.triage import CAUSES_BY_KEY, causes_for, judge, pattern
from bounceback.store.db import Store
from bounceback.store.models import Application, Rejection, StageEvent

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def rows(store: Store, model: type) -> list[Any]:
    """Every row of a table as typed Core rows, by id."""
    table = model.__table__  # type: ignore[attr-defined]
    with store.read() as s:
        return list(s.connection().execute(select(table).order_by(table.c.id)).mappings())


def built(tmp_path: Path, scale: int | None = None, **settings: int) -> Store:
    """A demo store (default or scaled) built under the given settings."""
    store = Store.open(tmp_path / "d" / "b.db", FixedClock(NOW))
    if settings:
        store.settings.update(**settings)
    build_demo(store, scale=scale)
    return store


@pytest.mark.parametrize("scale", [None, 300])
def test_the_nudge_goes_exactly_to_the_rows_the_pipeline_calls_quiet(
    tmp_path: Path, scale: int | None
) -> None:
    # Before the demo used the pipeline's rule, a saved row quiet for 15+ days got "one polite
    # nudge" (nothing was ever sent), and a row quiet for exactly 14 days did not.
    store = built(tmp_path, scale)
    day = today(store.clock)
    thresholds = Thresholds()
    with_action = [a for a in rows(store, Application) if a["next_action"]]
    assert with_action
    for a in with_action:
        last = a["last_activity_at"].astimezone(store.clock.tz).date()
        quiet = silence(Stage(a["stage"]), last, day, thresholds)
        assert (a["next_action"] == words.STALE_ACTION) == (quiet is not None), a
    store.close()


@pytest.mark.parametrize("scale", [None, 300])
def test_no_reply_and_let_go_only_after_the_case_offered_it(
    tmp_path: Path, scale: int | None
) -> None:
    store = built(tmp_path, scale)
    yesterday = today(store.clock) - timedelta(days=1)
    closed = (FeedbackStatus.NO_REPLY, FeedbackStatus.LET_GO)
    for r in rows(store, Rejection):
        if FeedbackStatus(r["feedback_status"]) in closed:
            state = feedback_state(FeedbackStatus.ASKED, r["feedback_asked_on"], yesterday, 14)
            assert state is FeedbackAction.LET_GO_OFFER, r
    store.close()


def test_the_demo_honours_the_users_own_settings(tmp_path: Path) -> None:
    store = built(tmp_path, follow_up_days=10, feedback_let_go_days=30)
    applied = [a for a in rows(store, Application) if a["stage"] == Stage.APPLIED]
    assert applied
    for a in applied:
        assert a["next_action_on"] == a["applied_on"] + timedelta(days=10)
    yesterday = today(store.clock) - timedelta(days=1)
    for r in rows(store, Rejection):
        if r["feedback_status"] in (FeedbackStatus.NO_REPLY, FeedbackStatus.LET_GO):
            assert (yesterday - r["feedback_asked_on"]).days >= 30
    store.close()


def test_every_case_is_judged_by_the_detective(tmp_path: Path) -> None:
    store = built(tmp_path, 300)
    history: dict[int, list[Any]] = defaultdict(list)
    for e in sorted(rows(store, StageEvent), key=lambda e: (e["at"], e["id"])):
        history[e["application_id"]].append(Stage(e["stage"]))
    for r in rows(store, Rejection):
        kind = RejectionKind(r["kind"])
        if r["application_id"] is not None:
            reached, rounds, judged = judge(history[r["application_id"]])
            assert (Stage(r["stage_reached"]), r["interview_rounds"], kind) == (
                reached, rounds, judged)
        keys = {c.key for c in causes_for(kind)}
        assert set(r["causes"]) <= keys
        assert set(r["out_of_control"]) <= set(r["causes"])
        assert all(CAUSES_BY_KEY[k].out_of_control for k in r["out_of_control"])
    store.close()


def test_the_detectives_pattern_is_the_one_the_demo_promises(tmp_path: Path) -> None:
    store = built(tmp_path)
    newest_first = sorted(rows(store, Rejection), key=lambda r: r["received_on"], reverse=True)
    found = pattern([RejectionKind(r["kind"]) for r in newest_first])
    assert found is not None and found.dominant is RejectionKind.EARLY
    assert found.counts[RejectionKind.EARLY] >= 6
    store.close()

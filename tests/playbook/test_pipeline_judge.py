"""The one judge of a pipeline: flags, silence, order and the counts every screen shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from bounceback.domain import Stage
from bounceback.playbook.health import HealthLevel
from bounceback.playbook.pipeline import (
    Flag,
    PipelineSummary,
    Thresholds,
    follow_ups,
    judge_rows,
    send_next,
    summary,
)

TODAY = date(2026, 11, 25)
RULES = Thresholds(stale_days=14, ghost_days=21)


@dataclass(frozen=True)
class Row:
    """A playbook-side row: the judge needs no store."""

    company: str
    stage: Stage
    last_activity_at: datetime
    next_action_on: date | None = None


def quiet_for(days: int) -> datetime:
    """Noon UTC `days` before today."""
    return datetime(2026, 11, 25, 12, tzinfo=UTC) - timedelta(days=days)


def test_judge_rows_flags_and_sorts_most_urgent_first() -> None:
    rows = [
        Row("Active", Stage.APPLIED, quiet_for(1)),
        Row("Closed", Stage.REJECTED, quiet_for(1)),
        Row("Ghost", Stage.APPLIED, quiet_for(30)),
        Row("Due", Stage.APPLIED, quiet_for(1), TODAY),
        Row("Stale", Stage.APPLIED, quiet_for(15)),
        Row("Late", Stage.APPLIED, quiet_for(1), TODAY - timedelta(days=2)),
        Row("Saved", Stage.SAVED, quiet_for(40)),
    ]
    judged = judge_rows(rows, TODAY, UTC, RULES)
    assert [(j.row.company, j.flag) for j in judged] == [
        ("Late", Flag.OVERDUE), ("Due", Flag.DUE), ("Ghost", Flag.GHOSTED),
        ("Stale", Flag.STALE), ("Active", Flag.ACTIVE), ("Saved", Flag.SAVED),
        ("Closed", Flag.CLOSED),
    ]
    assert judged[2].quiet == 30 and judged[2].status == "looks ghosted"


def test_an_overdue_row_quiet_too_long_still_counts_as_ghosted() -> None:
    rows = [Row("Both", Stage.APPLIED, quiet_for(25), TODAY - timedelta(days=1))]
    (judged,) = judge_rows(rows, TODAY, UTC, RULES)
    assert judged.flag is Flag.OVERDUE and judged.silence is Flag.GHOSTED
    assert judged.status == "overdue, looks ghosted"
    assert summary([judged]) == PipelineSummary(active=1, overdue=1, ghosted=1)


def test_summary_counts_active_saved_and_follow_ups() -> None:
    rows = [
        Row("A", Stage.APPLIED, quiet_for(1)),
        Row("B", Stage.INTERVIEWING, quiet_for(15)),
        Row("C", Stage.APPLIED, quiet_for(2), TODAY),
        Row("S1", Stage.SAVED, quiet_for(3)),
        Row("S2", Stage.SAVED, quiet_for(3), TODAY),
        Row("X", Stage.REJECTED, quiet_for(40), TODAY),
    ]
    judged = judge_rows(rows, TODAY, UTC, RULES)
    counts = summary(judged)
    assert counts == PipelineSummary(active=3, saved=2, due=2, stale=1, closed=1)
    assert counts.follow_ups == 2
    assert [j.row.company for j in follow_ups(judged)] == ["C", "S2"]
    assert counts.health(3).level is HealthLevel.OK
    assert counts.health(5).level is not HealthLevel.OK


def test_quiet_days_are_counted_in_the_local_day() -> None:
    # 23:30 UTC on the 10th is already the 11th in UTC+2: 14 quiet days there, 15 in UTC
    row = Row("Edge", Stage.APPLIED, datetime(2026, 11, 10, 23, 30, tzinfo=UTC))
    (in_utc,) = judge_rows([row], TODAY, UTC, RULES)
    (east,) = judge_rows([row], TODAY, timezone(timedelta(hours=2)), RULES)
    assert (in_utc.quiet, east.quiet) == (15, 14)
    assert in_utc.flag is Flag.STALE and east.flag is Flag.STALE


def test_send_next_puts_planned_dates_first_then_names() -> None:
    rows = [
        Row("zeta", Stage.SAVED, quiet_for(1)),
        Row("Alpha", Stage.SAVED, quiet_for(1)),
        Row("Later", Stage.SAVED, quiet_for(1), TODAY + timedelta(days=3)),
        Row("Sent", Stage.APPLIED, quiet_for(1), TODAY),
    ]
    assert [r.company for r in send_next(judge_rows(rows, TODAY, UTC, RULES))] == [
        "Later", "Alpha", "zeta",
    ]


def test_nothing_to_judge_is_an_empty_summary() -> None:
    assert judge_rows([], TODAY, UTC, RULES) == []
    assert summary([]) == PipelineSummary()

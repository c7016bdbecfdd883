"""The demo's planned wallow window: a "no" read this morning at work, its window set for 18:00.

Today shows "Your wallow window opens at 18:00 (g starts it now)". The case is untracked (a
job never logged), acknowledged and waiting at the wallow step: no window has run, no ritual
yet, nothing of the later steps filled in.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo

from bounceback.demo.habits import Row
from bounceback.domain import FeedbackStatus, Stage
from bounceback.playbook.triage import classify

COMPANY, ROLE = "Wrenfield Analytics", "Data Platform Engineer"
OPENS = time(18)
"""The planned opening, local time (later when the demo is built after 17:00)."""


def opens_at(now: datetime, tz: tzinfo) -> datetime:
    """18:00 local today, or (built in the evening) the first full hour at least an hour away."""
    local_now = now.astimezone(tz)
    planned = datetime.combine(local_now.date(), OPENS, tzinfo=tz)
    if planned - local_now < timedelta(hours=1):
        planned = (local_now + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
    return planned.astimezone(UTC)


def planned_case(case_id: int, now: datetime, tz: tzinfo, minutes: int) -> Row:
    """The rejection row: read 50 minutes ago, first aid paused at step 2 until its window."""
    created = now - timedelta(minutes=50)
    return {
        "id": case_id, "application_id": None, "company": COMPANY, "role": ROLE,
        "received_on": created.astimezone(tz).date(), "stage_reached": Stage.APPLIED,
        "interview_rounds": 0, "kind": classify([Stage.APPLIED]), "kind_override_reason": "",
        "feelings": ["disappointed", "anxious"],
        "feeling_note": "Read it between two meetings. It can wait for this evening.",
        "intensity_before": 6, "intensity_after": None, "causes": [], "out_of_control": [],
        "lessons": "", "next_steps": "", "feedback_status": FeedbackStatus.NOT_ASKED,
        "feedback_asked_on": None, "feedback_text": "", "flow_step": "wallow",
        "created_at": created, "updated_at": created + timedelta(minutes=3), "version": 1,
        "window_opens_at": opens_at(now, tz), "window_minutes": minutes,
    }


def add_planned_case(rejections: list[Row], now: datetime, tz: tzinfo, minutes: int) -> None:
    """Append the planned case; every row then names the plan's columns (one insert)."""
    rejections.append(planned_case(len(rejections) + 1, now, tz, minutes))
    for row in rejections:
        row.setdefault("window_opens_at", None)
        row.setdefault("window_minutes", None)


__all__ = ["COMPANY", "add_planned_case", "opens_at", "planned_case"]

"""What the Rejections casebook shows, read off the event loop, and its pure row helpers.

`load` runs in the screen's worker thread and returns a plain `RejectionsData`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bounceback.dates import format_date
from bounceback.domain import FeedbackStatus, RejectionKind
from bounceback.playbook.feedback import FeedbackAction, feedback_state
from bounceback.playbook.triage import Pattern, kind_label, pattern
from bounceback.store.records import RejectionRow
from bounceback.widgets.record_table import Column

if TYPE_CHECKING:
    from bounceback.store.db import Store

PATTERN_WINDOW, PATTERN_MINIMUM = 8, 4
COLUMNS = (
    Column("Received", width=10),
    Column("Company", ratio=3, min_width=16),
    Column("Role", ratio=4, min_width=12, priority=1),
    Column("Kind", width=20, min_width=19, ratio=1),
    Column("Feeling", width=7, priority=2),
    Column("Feedback", width=21, min_width=13, ratio=2),
)

def feeling_label(before: int | None, after: int | None) -> str:
    """"7 → 4" (a missing rating is a dash)."""
    if before is None and after is None:
        return ""
    return f"{'–' if before is None else before} → {'–' if after is None else after}"


@dataclass(frozen=True, slots=True)
class CaseItem:
    """A casebook row with what the filters need, computed once per load."""

    row: RejectionRow
    fold: str
    let_go_offer: bool

    @property
    def feedback(self) -> str:
        """The feedback status, plus the gentle offer to stop waiting when it is due."""
        label = self.row.feedback_status.label
        return f"{label} · let it go?" if self.let_go_offer else label


def build_items(rows: list[RejectionRow], today: date, let_go_days: int) -> list[CaseItem]:
    """Wrap the rows (already newest first) with their search text and let-go offer."""
    return [
        CaseItem(
            row,
            f"{row.company} {row.role}".casefold(),
            feedback_state(row.feedback_status, row.feedback_asked_on, today, let_go_days)
            is FeedbackAction.LET_GO_OFFER,
        )
        for row in rows
    ]


@dataclass(frozen=True, slots=True)
class Overview:
    """What the header says about all cases: the pattern and the counts by kind."""

    total: int
    pattern: Pattern | None
    last_30: dict[RejectionKind, int]
    last_90: dict[RejectionKind, int]


@dataclass(frozen=True, slots=True)
class RejectionsData:
    """One load: the cases, the overview, and whether a delete can be undone."""

    items: list[CaseItem]
    overview: Overview
    can_undo: bool


def load(store: Store, today: date) -> RejectionsData:
    """Read the cases and the overview (call from a worker thread)."""
    repo = store.rejections
    settings = store.settings.get()
    items = build_items(repo.rows(), today, settings.feedback_let_go_days)
    overview = Overview(
        len(items),
        pattern(repo.recent_kinds(PATTERN_WINDOW), window=PATTERN_WINDOW,
                minimum=PATTERN_MINIMUM),
        repo.counts_since(today - timedelta(days=30)),
        repo.counts_since(today - timedelta(days=90)),
    )
    return RejectionsData(items, overview, repo.last_deleted() is not None)


def row_cells(item: CaseItem, today: date) -> tuple[tuple[str, ...], str]:
    """A case's table cells and its tone (a case let go is greyed)."""
    row = item.row
    cells = (
        format_date(row.received_on, today), row.company, row.role,
        kind_label(row.kind), feeling_label(row.intensity_before, row.intensity_after),
        item.feedback,
    )
    return cells, "closed" if row.feedback_status is FeedbackStatus.LET_GO else ""

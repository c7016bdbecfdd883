"""What the Pipeline shows, read off the event loop and judged by the playbook, and its rows.

`load` runs in the screen's worker thread and returns a plain `PipelineData`; the rest are
pure helpers that turn a judged row into table cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import TYPE_CHECKING

from bounceback.dates import format_date
from bounceback.playbook.pipeline import (
    FLAG_LABELS,
    Flag,
    Judged,
    PipelineSummary,
    Thresholds,
    judge_rows,
    summary,
)
from bounceback.store.records import ApplicationRow, Settings
from bounceback.widgets.record_table import Column

if TYPE_CHECKING:
    from bounceback.store.db import Store

PipelineItem = Judged[ApplicationRow]
"""A row with its judgement, computed once per load."""

TONES = {
    Flag.OVERDUE: "overdue", Flag.DUE: "due", Flag.GHOSTED: "ghosted", Flag.STALE: "stale",
    Flag.CLOSED: "closed", Flag.SAVED: "saved", Flag.ACTIVE: "",
}
# at 80 columns Applied gives way first, then Quiet, then Next action; names keep >= 12
COLUMNS = (
    Column("Company", ratio=3, min_width=14),
    Column("Role", ratio=3, min_width=12),
    Column("Stage", width=12),
    Column("Applied", width=10, priority=3),
    Column("Quiet", width=5, align_right=True, priority=2),
    Column("Next action", ratio=3, min_width=12, priority=1),
    Column("Status", width=22, min_width=14, ratio=3),
)


@dataclass(frozen=True, slots=True)
class PipelineData:
    """One load: the judged rows, the settings they were judged by, the counts line."""

    items: list[PipelineItem]
    settings: Settings
    counts: str
    fingerprint: object = None


def build_items(
    rows: list[ApplicationRow], today: date, tz: tzinfo | None, settings: Settings
) -> list[PipelineItem]:
    """Judge and sort every row (once per load, not per keystroke)."""
    return judge_rows(rows, today, tz, Thresholds(settings.stale_days, settings.ghost_days))


def judge_store(store: Store, today: date, settings: Settings) -> list[PipelineItem]:
    """Every live application judged by `settings` (Pipeline, Today and Keep moving; in a
    thread where one is at hand)."""
    return build_items(store.applications.rows(), today, store.clock.tz, settings)


def fingerprint(store: Store, today: date) -> object:
    """A cheap stamp of the table: an unchanged one need not be re-read (call in a thread)."""
    return (store.applications.fingerprint(), today)


def load(store: Store, today: date) -> PipelineData:
    """Read and judge every application (call from a worker thread)."""
    stamp = fingerprint(store, today)
    settings = store.settings.get()
    items = judge_store(store, today, settings)
    return PipelineData(items, settings, count_text(summary(items)), stamp)


def count_text(counts: PipelineSummary) -> str:
    """The counts part of the summary line: active, then only the flags that occur."""
    parts = [f"{counts.active:,} active"]
    parts += [f"{n:,} {FLAG_LABELS[f]}" for f, n in (
        (Flag.OVERDUE, counts.overdue), (Flag.DUE, counts.due), (Flag.STALE, counts.stale),
        (Flag.GHOSTED, counts.ghosted)) if n]
    return " · ".join(parts)


def row_cells(item: PipelineItem, today: date) -> tuple[tuple[str, ...], str]:
    """A row's table cells and its tone."""
    row = item.row
    if row.next_action_on is not None:
        nxt = f"{format_date(row.next_action_on, today)} · {row.next_action}".strip(" ·")
    else:
        nxt = row.next_action
    quiet = "" if item.flag is Flag.CLOSED else f"{item.quiet}d"
    cells = (
        row.company, row.role, row.stage.label, format_date(row.applied_on, today),
        quiet, nxt, item.status,
    )
    return cells, TONES[item.flag]

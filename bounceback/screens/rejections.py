"""Screen 3, Rejections: the detective's casebook — every "no", its kind, feedback and pattern."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, Input, Static, TextArea

from bounceback.domain import FeedbackStatus, RejectionKind
from bounceback.playbook.triage import kind_label
from bounceback.screens.base import NumberedScreen, hidden
from bounceback.screens.rejections_data import (
    COLUMNS,
    PATTERN_MINIMUM,
    PATTERN_WINDOW,
    CaseItem,
    Overview,
    RejectionsData,
    row_cells,
)
from bounceback.screens.rejections_data import load as load_rejections
from bounceback.widgets.record_table import RecordTable
from bounceback.widgets.safe import template

if TYPE_CHECKING:
    from bounceback.store.db import Store

_KIND_ORDER: tuple[RejectionKind | None, ...] = (None, *RejectionKind)
_STATUS_ORDER: tuple[FeedbackStatus | None, ...] = (None, *FeedbackStatus)
EMPTY = ('No rejections logged — and none needed. When a "no" arrives, press r on its row in '
         "the Pipeline (or n here): first aid comes before any analysis.")
NO_MATCH = "Nothing matches — escape clears the filter, k and s change kind and feedback."


class RejectionsScreen(NumberedScreen):
    """The casebook: a table of cases, filters by kind and feedback, the pattern on top."""

    MODE_NAME = "rejections"
    HELP_TITLE = "Rejections"
    AUTO_FOCUS = "#rejections-table"  # from the first frame: early keys never reach the filter

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "log", "Log a rejection", id="rejections-log",
                tooltip="Log a rejection for a job you never tracked (first aid follows)"),
        Binding("slash", "filter", "Filter", id="rejections-filter",
                tooltip="Filter by company or role as you type"),
        # priority: the table's own `k` (cursor up) would swallow it; arrows still move
        Binding("k", "cycle_kind", "Kind", id="rejections-kind", priority=True,
                tooltip="Show all, or one kind: resume not seen / talks didn't land / "
                "made the last few"),
        Binding("s", "cycle_status", "Feedback", id="rejections-status",
                tooltip="Show all, or one feedback status at a time"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="rejections-clear"),
        Binding("delete", "delete", "Delete", show=False, id="rejections-delete",
                tooltip="Delete the highlighted case (logged by mistake?); u brings it back"),
        Binding("u", "undo", "Undo delete", show=False, id="rejections-undo",
                tooltip="Bring back the case deleted last"),
    ]

    def __init__(self) -> None:
        """Start empty; cases load when the screen is shown."""
        super().__init__()
        self._items: list[CaseItem] = []
        self._overview = Overview(0, None, {}, {})
        self._kind: RejectionKind | None = None
        self._status: FeedbackStatus | None = None
        self._query = ""
        self._loaded = False
        self._can_undo = False

    def compose(self) -> ComposeResult:
        """Mode bar, the header (filters, pattern, counts), filter box, table, footer."""
        yield self.mode_bar()
        yield Static(id="rejections-header")
        yield hidden(Input(placeholder="filter: company or role (escape clears)",
                           id="rejections-filter-input"))
        yield RecordTable(
            COLUMNS, self._format, key=lambda item: item.row.id,
            empty_message="Loading…", id="rejections-table",
        )
        yield Footer()

    @property
    def table(self) -> RecordTable:
        """The casebook table."""
        return self.query_one("#rejections-table", RecordTable)

    # ---- loading --------------------------------------------------------------------------

    def on_mount(self) -> None:
        """The table has focus (unless an early key already moved it, e.g. `/`)."""
        if self.focused is None:
            self.table.focus()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Reload whenever the screen comes back (mode switch, a closed case or flow)."""
        self.reload()

    LOADS = True

    def load(self, store: Store, today: date, **_: Any) -> Any:
        """In the worker: the cases and the overview."""
        return load_rejections(store, today)

    def show(self, data: RejectionsData, **_: Any) -> None:
        """Draw a load."""
        self._items = data.items
        self._overview = data.overview
        self._loaded = True
        self._can_undo = data.can_undo
        self._refilter(fresh=True)
        self.refresh_bindings()

    # ---- filtering ------------------------------------------------------------------------

    def _visible(self) -> list[CaseItem]:
        kind, status, query = self._kind, self._status, self._query
        return [
            item for item in self._items
            if (kind is None or item.row.kind is kind)
            and (status is None or item.row.feedback_status is status)
            and (not query or query in item.fold)
        ]

    def _refilter(self, fresh: bool = False) -> None:
        visible = self._visible()
        if self._loaded:
            self.table.empty_message = NO_MATCH if self._items else EMPTY
        self.table.set_rows(visible, fresh=fresh)
        self._summarize(len(visible))

    def _summarize(self, shown: int) -> None:
        o = self._overview
        line1 = template(
            "[b]Rejections[/b]  $counts   [dim]kind:[/dim] [b]$kind[/b] [dim](k)[/dim]   "
            "[dim]feedback:[/dim] [b]$status[/b] [dim](s)[/dim]$filter",
            counts=f"{shown:,} shown of {o.total:,}",
            kind=kind_label(self._kind) if self._kind else "all",
            status=self._status.label if self._status else "all",
            filter=f"   filter: {self._query}" if self._query else "",
        )
        if o.pattern is not None:
            line2 = template("[b $accent]Pattern[/]  $message", message=o.pattern.message)
        else:
            more = PATTERN_MINIMUM - min(o.total, PATTERN_WINDOW)
            line2 = template(
                "[b $accent]Pattern[/]  [dim]$more more case$s before the casebook claims a "
                "pattern — a few rejections are noise, not a trend.[/dim]",
                more=str(more), s="" if more == 1 else "s",
            )
        line3 = self._counts(o.last_30, o.last_90)
        self.query_one("#rejections-header", Static).update(
            Content("\n").join([line1, line2, line3])
        )

    @staticmethod
    def _counts(last_30: dict[RejectionKind, int], last_90: dict[RejectionKind, int]) -> Content:
        """"30/90 days: resume not seen 6/9 · talks didn't land 1/3 · …" (plain words)."""
        parts = " · ".join(f"{kind_label(kind)} {last_30.get(kind, 0)}/{last_90.get(kind, 0)}"
                           for kind in RejectionKind)
        return Content.assemble(("30/90 days: ", "$text-muted"), parts)

    @on(Input.Changed, "#rejections-filter-input")
    def _typed(self, event: Input.Changed) -> None:
        self._query = " ".join(event.value.split()).casefold()
        self._refilter()

    @on(Input.Submitted, "#rejections-filter-input")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_filter(self) -> None:
        """Show the filter box and type into it."""
        box = self.query_one("#rejections-filter-input", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        """Empty the filter and return to the table."""
        box = self.query_one("#rejections-filter-input", Input)
        box.value = ""
        box.display = False
        self._query = ""
        self._refilter()
        self.table.focus()

    def action_cycle_kind(self) -> None:
        """all → resume not seen → talks didn't land → made the last few."""
        self._kind = _KIND_ORDER[(_KIND_ORDER.index(self._kind) + 1) % len(_KIND_ORDER)]
        self._refilter()

    def action_cycle_status(self) -> None:
        """all → not asked → asked → received → no reply → let go."""
        i = _STATUS_ORDER.index(self._status)
        self._status = _STATUS_ORDER[(i + 1) % len(_STATUS_ORDER)]
        self._refilter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`k` is a priority key, so let it through to a text field; escape only with a filter."""
        if action == "cycle_kind":
            return not isinstance(self.focused, Input | TextArea)
        if action == "clear_filter":
            return bool(self._query) or self.query_one("#rejections-filter-input").display
        if action == "delete":
            return self.is_mounted and self.table.current is not None
        if action == "undo":
            return self._can_undo
        return True

    # ---- rows -----------------------------------------------------------------------------

    def _format(self, item: CaseItem) -> tuple[tuple[str, ...], str]:
        return row_cells(item, self.today())

    @on(RecordTable.Selected, "#rejections-table")
    def _selected(self, event: RecordTable.Selected) -> None:
        from bounceback.screens.case import CaseScreen

        self.app.push_screen(CaseScreen(event.row.row.id))

    # ---- actions --------------------------------------------------------------------------

    def action_log(self) -> None:
        """A "no" for a job that was never tracked: the bounce-back flow takes it from here."""
        from bounceback.screens.bounce.entry import log_untracked_rejection

        log_untracked_rejection(self)

    def action_delete(self) -> None:
        """Delete the highlighted case after asking; u brings it back."""
        from bounceback.screens.case_removal import ask_delete_case

        item: CaseItem | None = self.table.current
        if item is not None:
            ask_delete_case(self, item.row.id, item.row.company, self.reload)

    def action_undo(self) -> None:
        """Bring back the case deleted last."""
        from bounceback.screens.case_removal import undo_delete

        undo_delete(self)
        self.reload()

    def palette_commands(self) -> list[Any]:
        """Casebook entries for ctrl+p."""
        from textual.app import SystemCommand

        return [
            SystemCommand("rejections: Log a rejection",
                          "A \"no\" for a job you never tracked", self.action_log),
            SystemCommand("rejections: Filter", "Filter by company or role", self.action_filter),
            SystemCommand("rejections: Cycle kind", "All, or one kind at a time",
                          self.action_cycle_kind),
            SystemCommand("rejections: Cycle feedback status", "All / one status at a time",
                          self.action_cycle_status),
        ]

"""Screen 2, Pipeline: every application, sorted by what needs attention, worked by keyboard."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, Input, Static

from bounceback.dates import format_date
from bounceback.domain import Stage, StageView
from bounceback.playbook.pipeline import Flag
from bounceback.screens.application_detail import ApplicationDetailScreen, open_edit_form
from bounceback.screens.application_open import open_new_form
from bounceback.screens.base import NumberedScreen, hidden
from bounceback.screens.bounce.stage_moves import reject, take_over
from bounceback.screens.modals import ConfirmModal, PickerModal
from bounceback.screens.pipeline_data import (
    COLUMNS,
    PipelineData,
    PipelineItem,
    fingerprint,
    row_cells,
)
from bounceback.screens.pipeline_data import load as load_pipeline
from bounceback.store.records import ApplicationDetail, ApplicationRow
from bounceback.widgets.record_table import RecordTable
from bounceback.widgets.safe import template

if TYPE_CHECKING:
    from bounceback.store.db import Store

_VIEW_ORDER = (StageView.ACTIVE, StageView.ALL, StageView.CLOSED)
_GONE = "That application no longer exists (deleted in another window?)."
class PipelineScreen(NumberedScreen):
    """The applications table with filter, stage moves, and the rejection hook."""

    MODE_NAME = "pipeline"
    HELP_TITLE = "Pipeline"
    AUTO_FOCUS = "#pipeline-table"  # from the first frame: early keys never reach the filter

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New", id="pipeline-new", tooltip="Add an application"),
        Binding("slash", "filter", "Filter", id="pipeline-filter",
                tooltip="Filter by company, role or notes as you type"),
        Binding("f", "cycle_view", "View", id="pipeline-view",
                tooltip="Show active / all / closed applications"),
        Binding("right_square_bracket", "advance", "Advance", id="pipeline-advance",
                tooltip="Move to the next stage (reopens a ghosted one)"),
        Binding("r", "reject", "Rejected", id="pipeline-reject",
                tooltip="A no came in: asks first, then records it and opens first aid"),
        Binding("e", "edit", "Edit", show=False, id="pipeline-edit",
                tooltip="Edit the highlighted application"),
        Binding("left_square_bracket", "back", "Back a stage", show=False, id="pipeline-back",
                tooltip="Return to the previous stage in its history"),
        Binding("m", "move", "Move to…", show=False, id="pipeline-move",
                tooltip="Pick any stage (withdrawn, ghosted, another interview round…)"),
        Binding("M", "materials", "Materials", show=False, id="pipeline-materials",
                tooltip="Materials: your resume and cover-letter versions"),
        Binding("delete", "delete", "Delete", show=False, id="pipeline-delete",
                tooltip="Delete the highlighted application (undo with u)"),
        Binding("a", "again", "Reuse research", show=False, id="pipeline-reuse",
                tooltip="Start a new application for a similar role, carrying over what you "
                        "choose from the highlighted one"),
        Binding("i", "round", "Write up a round", show=False, id="pipeline-round",
                tooltip="Write up an interview round of the highlighted application"),
        Binding("u", "undo", "Undo delete", show=False, id="pipeline-undo",
                tooltip="Bring back the application you just deleted"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="pipeline-clear"),
    ]

    def __init__(self) -> None:
        """Start empty; rows load when the screen is shown."""
        super().__init__()
        self._items: list[PipelineItem] = []
        self._view = StageView.ACTIVE
        self._query = ""
        self._undo_id: int | None = None
        self._loaded = False
        self._counts = ""
        self._fingerprint: object = None
        self._had_row = False

    def compose(self) -> ComposeResult:
        """Mode bar, summary, filter box, the table, a preview line, the footer."""
        yield self.mode_bar()
        yield Static(id="pipeline-summary")
        yield hidden(Input(placeholder="filter: company, role or notes (escape clears)",
                           id="pipeline-filter-input"))
        yield RecordTable(
            COLUMNS, self._format, key=lambda item: item.row.id,
            empty_message="Loading…", id="pipeline-table",
        )
        yield Static(id="pipeline-preview")
        yield Footer()

    @property
    def table(self) -> RecordTable:
        """The applications table."""
        return self.query_one("#pipeline-table", RecordTable)

    @property
    def current(self) -> ApplicationRow | None:
        """The highlighted application."""
        item = self.table.current
        return item.row if item is not None else None

    # ---- loading --------------------------------------------------------------------------

    def on_mount(self) -> None:
        """The table has focus (unless an early key already moved it, e.g. `/`)."""
        if self.focused is None:
            self.table.focus()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Reload whenever the screen comes back (mode switch, closed modal) if data changed."""
        self.reload(force=False)

    LOADS = True

    def load(self, store: Store, today: date, *, force: bool = True, **_: Any) -> Any:
        """In the worker: read and judge the rows; the kept rows stay on screen meanwhile.

        Coming back to the screen (force=False) first compares a cheap fingerprint of the
        table, so an unchanged pipeline is not re-read, re-judged and re-drawn.
        """
        if not force and self._loaded and fingerprint(store, today) == self._fingerprint:
            return None
        return load_pipeline(store, today)

    def show(self, data: PipelineData, *, keep_id: int | None = None, **_: Any) -> None:
        """Draw a load, keeping `keep_id` highlighted when it is still there."""
        self._items = data.items
        self._fingerprint = data.fingerprint
        self._counts = data.counts
        self._loaded = True
        self.table.empty_message = "No applications yet — press n to add your first."
        self._refilter(keep_id=keep_id, fresh=True)

    # ---- filtering ------------------------------------------------------------------------

    def _visible(self) -> list[PipelineItem]:
        query, view = self._query, self._view
        out = []
        for item in self._items:
            closed = item.flag is Flag.CLOSED
            if view is StageView.ACTIVE and closed or view is StageView.CLOSED and not closed:
                continue
            if query and query not in item.row.search_fold:
                continue
            out.append(item)
        return out

    def _refilter(self, keep_id: int | None = None, fresh: bool = False) -> None:
        visible = self._visible()
        if self._loaded and not visible and self._items:
            self.table.empty_message = "Nothing matches — escape clears the filter, f changes view."
        elif self._loaded:
            self.table.empty_message = "No applications yet — press n to add your first."
        self.table.set_rows(visible, keep_key=keep_id, fresh=fresh)
        self._summarize(len(visible))

    def _summarize(self, shown: int) -> None:
        text = template(
            "[b]Pipeline[/b]  $counts   [dim]view:[/dim] [b]$view[/b] [dim](f)[/dim]",
            counts=f"{shown:,} shown of {len(self._items):,} · {self._counts}",
            view=self._view.value,
        )  # the filter text itself stays visible in its box while a filter is active
        self.query_one("#pipeline-summary", Static).update(text)

    @on(Input.Changed, "#pipeline-filter-input")
    def _typed(self, event: Input.Changed) -> None:
        self._query = " ".join(event.value.split()).casefold()
        self._refilter()

    @on(Input.Submitted, "#pipeline-filter-input")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_filter(self) -> None:
        """Show the filter box and type into it."""
        box = self.query_one("#pipeline-filter-input", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        """Empty the filter and return to the table."""
        box = self.query_one("#pipeline-filter-input", Input)
        box.value = ""
        box.display = False
        self._query = ""
        self._refilter()
        self.table.focus()

    def action_cycle_view(self) -> None:
        """active → all → closed."""
        self._view = _VIEW_ORDER[(_VIEW_ORDER.index(self._view) + 1) % len(_VIEW_ORDER)]
        self._refilter()

    # ---- rows -----------------------------------------------------------------------------

    def _format(self, item: PipelineItem) -> tuple[tuple[str, ...], str]:
        return row_cells(item, self.today())

    @on(RecordTable.Highlighted, "#pipeline-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        item: PipelineItem | None = event.row
        preview = self.query_one("#pipeline-preview", Static)
        if item is None:
            preview.update("")
        else:
            row = item.row
            preview.update(template(
                "[b]$company[/b] — $role  [dim]·[/dim] $stage  [dim]·[/dim] "
                "last activity $quiet ago$next",
                company=row.company, role=row.role, stage=row.stage.label,
                quiet=f"{item.quiet}d",
                next=f"  · next: {row.next_action} {format_date(row.next_action_on, self.today())}"
                if row.next_action or row.next_action_on else "",
            ))
        if (item is not None) != self._had_row:  # row keys appear or vanish with a row
            self._had_row = item is not None
            self.refresh_bindings()

    @on(RecordTable.Selected, "#pipeline-table")
    def _selected(self, event: RecordTable.Selected) -> None:
        self.app.push_screen(ApplicationDetailScreen(event.row.row.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row actions only with a highlighted row; undo only after a delete."""
        if action in {"edit", "advance", "back", "move", "reject", "delete", "again", "round"}:
            return self.is_mounted and self.current is not None
        if action == "undo":
            return self._undo_id is not None
        if action == "clear_filter":
            return bool(self._query) or self.query_one("#pipeline-filter-input").display
        return True

    # ---- actions --------------------------------------------------------------------------

    def record_missing(self) -> None:
        """A row vanished under us (deleted in another window): show the list as it is."""
        self.reload()

    def action_new(self) -> None:
        """Open the form for a new application."""
        def done(detail: ApplicationDetail) -> None:
            self.say(f"Added {detail.company} — {detail.role}.")
            self.reload(keep_id=detail.id)

        open_new_form(self, done)

    def action_again(self) -> None:
        """A new application for a similar role, carrying over the research chosen."""
        from bounceback.screens.reuse_research import reuse_research

        def done(new: ApplicationDetail) -> None:
            if self._view is StageView.CLOSED:  # the new one is open: show it highlighted
                self._view = StageView.ALL
            self.reload(keep_id=new.id)

        row = self.current
        loaded = None if row is None else self.attempt(self.store.applications.get, row.id,
                                                       gone=_GONE)
        if loaded is not None and loaded.ok:
            reuse_research(self, loaded.value, done)

    def action_edit(self) -> None:
        """Edit the highlighted application."""
        row = self.current
        if row is None:
            return
        loaded = self.attempt(self.store.applications.get, row.id, gone=_GONE)
        if loaded.ok:
            open_edit_form(self, loaded.value)

    def _moved(self, detail: ApplicationDetail | None, verb: str = "") -> None:
        if detail is None:
            return
        self.say(f"{detail.company} → {detail.stage.label}{verb}")
        self.reload(keep_id=detail.id)

    def _moved_on(self, detail: ApplicationDetail | None, verb: str = "") -> None:
        """A move forward: at interviewing (again), offer to write up the round (never
        blocking: the move is already saved)."""
        self._moved(detail, verb)
        if detail is not None and detail.stage is Stage.INTERVIEWING:
            from bounceback.screens.round_form import offer_round

            offer_round(self, detail.id, detail.company)

    def action_round(self) -> None:
        """Write up an interview round of the highlighted application."""
        from bounceback.screens.round_form import open_round_form

        row = self.current
        if row is not None:
            open_round_form(self, row.id, row.company)

    def action_advance(self) -> None:
        """One step along the happy path."""
        row = self.current
        if row is None or take_over(self, row, "advance", self._moved_on):
            return
        moved = self.attempt(self.store.applications.advance, row.id, gone=_GONE)
        if not moved.ok:
            return
        if moved.value is None and row.stage.next is None and row.stage is not Stage.GHOSTED:
            self.say(f"{row.stage.label.capitalize()} has no next stage; m picks any stage.")
        self._moved_on(moved.value)

    def action_back(self) -> None:
        """Back to the stage before (reopens)."""
        row = self.current
        if row is None or take_over(self, row, "back", self._moved):
            return
        moved = self.attempt(self.store.applications.back, row.id, gone=_GONE)
        if not moved.ok:
            return
        if moved.value is None:
            self.say("Nothing earlier in its history.")
        self._moved(moved.value)

    def action_move(self) -> None:
        """Pick any stage."""
        row = self.current
        if row is None:
            return
        def label(stage: Stage) -> Content:
            if stage is row.stage:
                note = "  (another round)" if stage is Stage.INTERVIEWING else "  ← now"
                return Content(stage.label + note)
            return Content(stage.label)

        choices = [(stage, label(stage)) for stage in Stage]
        start = list(Stage).index(row.stage)

        def picked(stage: Stage | None) -> None:
            if stage is None or stage is row.stage and stage is not Stage.INTERVIEWING:
                return
            if not take_over(self, row, stage, self._moved_on):  # asks around rejected/ghosted
                moved = self.attempt(self.store.applications.move, row.id, stage, gone=_GONE)
                if moved.ok:
                    self._moved_on(moved.value)

        self.app.push_screen(
            PickerModal(template("Move [b]$company[/b] to…", company=row.company), choices, start),
            picked,
        )

    def action_materials(self) -> None:
        """The resume and cover-letter versions (a screen of its own, pushed over this one)."""
        from bounceback.screens.materials import open_materials

        open_materials(self.app)

    def action_reject(self) -> None:
        """A "no" landed: ask, then record it (history intact) and open the bounce-back flow."""
        row = self.current
        if row is not None:
            reject(self, row, self._moved)

    def action_delete(self) -> None:
        """Delete after a confirmation; undo brings it back."""
        row = self.current
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            # undo is armed and success announced only after the store really deleted it
            if yes and self.attempt(self.store.applications.delete, row.id, gone=_GONE).ok:
                self._undo_id = row.id
                self.refresh_bindings()
                self.say(f"Deleted {row.company} — {row.role}. Press u to undo.", timeout=8)
                self.reload()

        self.app.push_screen(
            ConfirmModal(template("Delete [b]$company[/b] — $role?", company=row.company,
                                  role=row.role), yes="Delete"),
            answered,
        )

    def action_undo(self) -> None:
        """Restore the last deleted application."""
        if self._undo_id is None:
            return
        restored = self.attempt(self.store.applications.restore, self._undo_id, gone=_GONE)
        if restored.ok or restored.missing:  # a refusal (read-only, disk full) keeps undo armed
            self._undo_id = None
            self.refresh_bindings()
        if restored.ok:
            self.say(f"Restored {restored.value.company} — {restored.value.role}.")
            self.reload(keep_id=restored.value.id)

    def palette_commands(self) -> list[Any]:
        """Pipeline entries for ctrl+p."""
        from textual.app import SystemCommand

        return [
            SystemCommand("pipeline: New application", "Add an application", self.action_new),
            SystemCommand("pipeline: Filter", "Filter as you type", self.action_filter),
            SystemCommand("pipeline: Change view", "Active / all / closed", self.action_cycle_view),
            SystemCommand("rejections: Log a rejection for an untracked job",
                          "Company, role, how far it got — then first aid",
                          lambda: _log_untracked(self)),
        ]


def _log_untracked(screen: NumberedScreen) -> None:
    from bounceback.screens.bounce.entry import log_untracked_rejection

    log_untracked_rejection(screen)

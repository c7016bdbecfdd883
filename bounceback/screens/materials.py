"""Materials: the resume and cover-letter versions a person keeps, each with its health.

A pushed screen (`M` on the Pipeline, or "materials: Resume versions" in ctrl+p), not a
numbered mode. The table lists every version; beside it (below it at 80 columns) the
highlighted version's health findings, each with the line it is about, then its text as it
was read. Versions are never edited: add a new one, relabel, retire or bring one back.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from bounceback.domain import MaterialKind
from bounceback.screens.base import NumberedScreen, hidden
from bounceback.screens.materials_data import (
    COLUMNS,
    MaterialItem,
    MaterialsData,
    fingerprint,
    header_content,
    health_rows,
    row_cells,
)
from bounceback.screens.materials_data import load as load_materials
from bounceback.screens.outcome import Outcome, refusal_message
from bounceback.screens.registry import MODES
from bounceback.screens.writes import write_soon
from bounceback.widgets.mode_bar import DEMO_NOTE, ModeBar
from bounceback.widgets.record_table import RecordTable
from bounceback.widgets.safe import readonly_banner, template

if TYPE_CHECKING:
    from bounceback.screens.material_forms import LabelDraft, MaterialDraft
    from bounceback.store.db import Store
    from bounceback.store.records import MaterialRecord

_GONE = "That version no longer exists (was the database restored in another window?)."
EMPTY = (
    "No resume versions yet.\n\n"
    "Keep each version of your resume here (and your cover letters). The detective compares a "
    "job description with the resume that went out, word by word, and each application "
    "remembers which version was sent, so you can tell later whether a new version brought "
    "more interviews. Each version gets a health check: can an applicant tracking system read "
    "it, can a recruiter reach you, are the headings standard, do the bullet points carry "
    "numbers.\n\n"
    "Press a to add one from a file (.pdf, .docx, .txt or .md), or p to paste the text.\n"
    "From a terminal: bounceback resume add FILE [--label L]"
)


class _Reader(TextArea, can_focus=False):
    """The version's text, numbered and wrapped; drawn line by line as it scrolls into view
    (a 200,000-character paste stays quick). The detail pane around it does the scrolling."""

    def __init__(self, id: str) -> None:
        """Read-only, soft-wrapped, with line numbers (health findings name lines)."""
        super().__init__("", read_only=True, soft_wrap=True, show_line_numbers=True,
                         show_cursor=False, id=id)


class MaterialsScreen(NumberedScreen):
    """Resume and cover-letter versions: a table, the highlighted one's health and text."""

    HELP_TITLE = "Materials"
    AUTO_FOCUS = "#materials-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="materials-back",
                tooltip="Back to where you came from"),
        Binding("a", "add_file", "Add file", id="materials-add-file",
                tooltip="Add a version from a file (.pdf, .docx, .txt, .md)"),
        Binding("p", "paste", "Paste", id="materials-paste",
                tooltip="Add a version by pasting its text"),
        Binding("l,e", "relabel", "Relabel", id="materials-relabel",
                tooltip="Give the highlighted version a new label"),
        Binding("x", "retire", "Retire / back", id="materials-retire",
                tooltip="Retire the highlighted version (kept, no longer current) or bring "
                "it back"),
    ]

    def __init__(self, mode: str = "") -> None:
        """`mode` is the numbered screen it was opened from (lit in the mode bar)."""
        super().__init__()
        self._mode = mode
        self._items: list[MaterialItem] = []
        self._loaded = False
        self._fingerprint: object = None
        self._shown: int | None = None  # the version the detail shows

    def mode_bar(self) -> ModeBar:
        """The numbered screens, with the one Materials was opened from lit."""
        reason = self.store.readonly_reason
        return ModeBar([(m.key, m.name, m.title) for m in MODES], self._mode,
                       banner=readonly_banner(reason) if reason else None,
                       note=DEMO_NOTE if self.bb.demo else "")

    def compose(self) -> ComposeResult:
        """Mode bar, summary, the table beside the detail (or an explanation), the footer."""
        yield self.mode_bar()
        yield Static(Content.styled("Materials", "bold"), id="materials-summary")
        yield hidden(Static(Content(EMPTY), id="materials-empty"))
        with Horizontal(id="materials-columns"):
            yield RecordTable(COLUMNS, self._format, key=lambda item: item.record.id,
                              empty_message="Loading…", id="materials-table")
            with VerticalScroll(id="materials-detail"):
                yield Static(id="materials-head")
                yield Vertical(id="materials-health")
                yield Static(Content.styled("Text as it was read", "bold $accent"),
                             id="materials-text-title")
                yield _Reader(id="materials-text")
        yield Footer()

    @property
    def table(self) -> RecordTable:
        """The versions table."""
        return self.query_one("#materials-table", RecordTable)

    @property
    def current(self) -> MaterialItem | None:
        """The highlighted version."""
        item: MaterialItem | None = self.table.current
        return item

    # ---- loading --------------------------------------------------------------------------

    def on_mount(self) -> None:
        """The table has focus."""
        if self.focused is None:
            self.table.focus()

    def on_screen_resume(self, event: ScreenResume) -> None:
        """Read again when the screen comes back (cheap when nothing changed)."""
        super().on_screen_resume(event)
        self.reload(force=False)

    LOADS = True

    def load(self, store: Store, today: date, *, force: bool = True, **_: Any) -> Any:
        """In the worker: the versions and their health, unless nothing changed."""
        if not force and self._loaded and fingerprint(store, today) == self._fingerprint:
            return None
        return load_materials(store, today)

    def show(self, data: MaterialsData, *, keep_id: int | None = None, **_: Any) -> None:
        """Draw a load, keeping `keep_id` (else the same version) highlighted."""
        self._items = data.items
        self._fingerprint = data.fingerprint
        self._loaded = True
        self._shown = None
        empty = not self._items
        self.query_one("#materials-empty").display = empty
        self.query_one("#materials-columns").display = not empty
        self.table.empty_message = "No versions yet: a adds one from a file, p by pasting."
        self.table.set_rows(self._items, keep_key=keep_id, fresh=True)
        if not empty and self.focused is None:  # the first version: the table was hidden
            self.table.focus()
        self._draw_detail(self.table.current)
        self._summarize()
        self.refresh_bindings()

    def _summarize(self) -> None:
        resumes = [i for i in self._items if i.record.kind is MaterialKind.RESUME]
        current = next((i for i in resumes if i.current), None)
        retired = sum(1 for i in self._items if i.record.retired)
        counts = f"{len(resumes)} resume version{'s' * (len(resumes) != 1)}"
        letters = len(self._items) - len(resumes)
        if letters:
            counts += f" · {letters} cover letter{'s' * (letters != 1)}"
        if retired:
            counts += f" · {retired} retired"
        self.query_one("#materials-summary", Static).update(template(
            "[b]Materials[/b]  $counts   [dim]current resume:[/dim] $current",
            counts=counts, current=current.record.label if current else "none"))

    # ---- rows and detail ------------------------------------------------------------------

    def _format(self, item: MaterialItem) -> tuple[tuple[str, ...], str]:
        return row_cells(item, self.today())

    @on(RecordTable.Highlighted, "#materials-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        self._draw_detail(event.row)
        self.refresh_bindings()

    @on(RecordTable.Selected, "#materials-table")
    def _selected(self) -> None:
        """enter: read the version (the arrows then scroll it; tab or shift+tab goes back)."""
        self.query_one("#materials-detail", VerticalScroll).focus()

    def _draw_detail(self, item: MaterialItem | None) -> None:
        key = item.record.id if item is not None else None
        if key == self._shown and key is not None:
            return
        self._shown = key
        head = self.query_one("#materials-head", Static)
        health = self.query_one("#materials-health", Vertical)
        text = self.query_one("#materials-text", _Reader)
        health.remove_children()
        if item is None:
            head.update("")
            text.load_text("")
            return
        head.update(header_content(item, self.today()))
        heading = Static(Content.styled("Resume health", "bold $accent"),
                         classes="materials-heading")
        rows = [Horizontal(Static(level, classes="finding-level"),
                           Static(words, classes="finding-text"), classes="finding")
                for level, words in health_rows(item)]
        health.mount_all([heading, *rows] if item.health is not None else rows)
        text.load_text(item.record.text)
        self.query_one("#materials-detail", VerticalScroll).scroll_home(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Relabel and retire only with a highlighted version."""
        if action in {"relabel", "retire"}:
            return self.is_mounted and self._loaded and self.current is not None
        return True

    def record_missing(self) -> None:
        """A version vanished under us: show the list as it is."""
        self.reload()

    # ---- actions --------------------------------------------------------------------------

    def _kind_now(self) -> MaterialKind:
        """The highlighted version's kind (a resume before the table is there)."""
        if not self.is_mounted:  # a kept draft reopens its form as the screen opens
            return MaterialKind.RESUME
        item = self.current
        return item.record.kind if item is not None else MaterialKind.RESUME

    def _add(self, draft: MaterialDraft, _force: bool) -> MaterialRecord:
        return self.store.materials.add(draft.kind, draft.label, draft.text,
                                        file_name=draft.file_name, pages=draft.pages)

    def _added(self, record: MaterialRecord | None) -> None:
        if record is None:
            return
        where = f" from {record.file_name}" if record.file_name else ""
        note = (" New applications from today record it as the version that went out."
                if record.kind is MaterialKind.RESUME and not record.retired else "")
        self.say(f"Added the {record.kind.label} {record.label}{where}.{note}", timeout=8)
        self.reload(keep_id=record.id)

    def action_add_file(self) -> None:
        """A version from a file: path, label, kind."""
        from bounceback.screens.draft_form import form_check
        from bounceback.screens.material_forms import FileMaterialForm

        self.app.push_screen(FileMaterialForm(self._add, form_check(self.app), self._kind_now()),
                             self._added)

    def action_paste(self) -> None:
        """A version pasted in: text, label, kind."""
        from bounceback.screens.draft_form import form_check
        from bounceback.screens.material_forms import PasteMaterialForm

        self.app.push_screen(PasteMaterialForm(self._add, form_check(self.app),
                                               self._kind_now()), self._added)

    def action_relabel(self) -> None:
        """A new label for the highlighted version."""
        item = self.current
        if item is not None:
            self.open_relabel(item.record)

    def open_relabel(self, record: MaterialRecord) -> None:
        """The relabel form for `record` (also how a kept draft of it is reopened)."""
        from bounceback.screens.draft_form import form_check
        from bounceback.screens.material_forms import RelabelForm

        repo = self.store.materials

        def save(draft: LabelDraft, _force: bool) -> MaterialRecord:
            return repo.relabel(record.id, draft.label)

        def done(saved: MaterialRecord | None) -> None:
            if saved is not None:
                self.say(f"Relabelled: {saved.label}")
                self.reload(keep_id=saved.id)

        self.app.push_screen(RelabelForm(save, form_check(self.app), record), done)

    def action_retire(self) -> None:
        """Retire the highlighted version, or bring a retired one back (said in a toast)."""
        item = self.current
        if item is None:
            return
        record = item.record

        def done(outcome: Outcome[MaterialRecord]) -> None:
            if not outcome.ok:
                assert outcome.error is not None
                self.say(refusal_message(outcome.error, _GONE), severity="warning", timeout=8)
                if outcome.missing:
                    self.reload()
                return
            saved = outcome.value
            if saved.retired:
                self.say(f"Retired the {saved.kind.label} {saved.label}: kept with the "
                         "applications that used it, no longer current. x brings it back.",
                         timeout=8)
            else:
                self.say(f"Brought back the {saved.kind.label} {saved.label}.", timeout=8)
            if self.is_mounted:
                self.reload(keep_id=saved.id)

        write_soon(self.bb.write_lane, self.store.materials.retire, record.id,
                   not record.retired, done=done)

    def palette_commands(self) -> list[Any]:
        """Materials entries for ctrl+p."""
        from textual.app import SystemCommand

        return [
            SystemCommand("materials: Add from a file", "A resume or cover letter: .pdf, "
                          ".docx, .txt or .md", self.action_add_file),
            SystemCommand("materials: Paste a version", "Paste the text of a resume or cover "
                          "letter", self.action_paste),
        ]


def open_materials(app: App[Any]) -> MaterialsScreen | None:
    """Push the Materials screen over the current one (not over a form or question, and never a
    second one); returns it, or None when it was not opened."""
    if any(isinstance(s, MaterialsScreen) for s in app.screen_stack):
        return None
    if isinstance(app.screen, ModalScreen):
        from bounceback.widgets.safe import notify

        notify(app, "Close this first (escape), then open Materials.", severity="warning")
        return None
    screen = MaterialsScreen(str(app.current_mode or ""))
    app.push_screen(screen)
    return screen

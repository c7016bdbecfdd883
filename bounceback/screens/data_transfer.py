"""The palette's "data: Import…" and "data: Export…".

Import: ask for a path, read and check the file off the event loop, show the dry-run report in
a modal, and import on `y` (one transaction: all or nothing). Export: pick json or csv, ask
where, ask before replacing, write at 0600. User text reaches the screen only through
`content()`/`template()`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from bounceback.clock import today
from bounceback.screens.host import host
from bounceback.screens.save_file import save_file
from bounceback.widgets.safe import content, notify, template

if TYPE_CHECKING:
    from bounceback.store.portability import ImportPlan


class ImportPreviewModal(ModalScreen[bool]):
    """The dry-run report; `y` imports (only when the file has no problems), `n`/escape not."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Import", id="import-yes"),
        Binding("n,escape", "answer(False)", "Cancel", id="import-no"),
    ]

    DEFAULT_CSS = """
    ImportPreviewModal { align: center middle; }
    ImportPreviewModal > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    ImportPreviewModal #import-title { text-style: bold; margin-bottom: 1; width: 1fr; }
    ImportPreviewModal VerticalScroll { height: auto; max-height: 24; }
    ImportPreviewModal .import-line { width: 1fr; }
    ImportPreviewModal .import-problem { padding-left: 2; }
    ImportPreviewModal #import-hint { margin-top: 1; width: 1fr; }
    """

    def __init__(self, path: Path, lines: list[str], can_import: bool) -> None:
        """`lines` come from `report_lines` (they may quote the file's text)."""
        super().__init__()
        self._path = path
        self._lines = lines
        self.can_import = can_import

    def compose(self) -> ComposeResult:
        """Title, report, and what the keys do."""
        with Vertical():
            yield Label(template("Import from [b]$path[/b]", path=str(self._path)),
                        id="import-title")
            with VerticalScroll(id="import-report"):
                for line in self._lines:
                    # long lines wrap (width 1fr); a problem's wrapped lines keep its indent
                    problem = line.startswith("  ")
                    yield Label(content(line.strip()),
                                classes="import-line import-problem" if problem else "import-line")
            hint = ("Press y to import all of it (one step: all or nothing), n to cancel."
                    if self.can_import else
                    "Nothing can be imported as it is; fix the file and try again. (n closes)")
            yield Label(Content(hint), id="import-hint")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`y` does nothing when the file cannot be imported."""
        return not (action == "answer" and parameters == (True,) and not self.can_import)

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes and self.can_import)


def import_data(app: App[Any]) -> None:
    """Prompt for a file, preview it, import on `y`."""
    from bounceback.screens.modals import TextPromptModal

    def answered(text: str | None) -> None:
        if text is None or not text.strip():
            return
        path = Path(text.strip()).expanduser()
        app.run_worker(lambda: _plan(app, path), thread=True, exit_on_error=False,
                       name="import-plan")

    app.push_screen(
        TextPromptModal(Content("Import which file? (a bounceback JSON export, or a CSV from a "
                                "spreadsheet or another tracker)"),
                        placeholder="a file path, e.g. ~/applications.csv"),
        answered,
    )


def _plan(app: App[Any], path: Path) -> None:
    """In a thread: read and check the file, then show the preview on the event loop."""
    from bounceback.starters import import_rules
    from bounceback.store.portability import (
        ImportRefused,
        plan_import,
        target_note,
        target_problem,
    )

    store = host(app).store
    try:
        plan = plan_import(path, today(host(app).clock), import_rules())
        problem = target_problem(store, plan)
        note = target_note(store, plan)
    except ImportRefused as exc:
        app.call_from_thread(notify, app, f"Not imported: {exc.message}", severity="error",
                             timeout=10)
        return
    app.call_from_thread(_preview, app, path, plan, problem, note)


def _preview(app: App[Any], path: Path, plan: ImportPlan, problem: str | None,
             note: str | None = None) -> None:
    from bounceback.store.portability import report_lines

    lines = report_lines(plan)
    if note:
        lines.append(note)
    if problem:
        lines.append(f"This database cannot take it: {problem}")

    def decided(yes: bool | None) -> None:
        if yes:
            app.run_worker(lambda: _apply(app, plan), thread=True, exit_on_error=False,
                           name="import-apply")

    app.push_screen(ImportPreviewModal(path, lines, plan.ok and problem is None), decided)


def _apply(app: App[Any], plan: ImportPlan) -> None:
    """In a thread: one transaction; say how it went."""
    from bounceback.store.errors import StoreError
    from bounceback.store.portability import ImportRefused, apply_import, counts_text

    try:
        counts = apply_import(host(app).store, plan)
    except ImportRefused as exc:
        app.call_from_thread(notify, app, f"Not imported: {exc.message}", severity="error",
                             timeout=10)
        return
    except StoreError as exc:
        app.call_from_thread(notify, app, exc.message, severity="error", timeout=10)
        return
    app.call_from_thread(notify, app, f"Imported: {counts_text(counts)}.", timeout=8)


def default_export_path(app: App[Any], fmt: str) -> Path:
    """~/bounceback-<today>.json, or the folder ~/bounceback-<today>-csv."""
    day = today(host(app).clock).isoformat()
    return Path.home() / (f"bounceback-{day}.json" if fmt == "json" else f"bounceback-{day}-csv")


def export_data(app: App[Any]) -> None:
    """Pick a format, ask where, confirm a replacement, write, and say how it went."""
    from bounceback.screens.modals import PickerModal

    choices = [
        ("json", Content("JSON: everything, for a backup or another computer")),
        ("csv", Content("CSV: applications.csv and rejections.csv, for a spreadsheet")),
    ]
    app.push_screen(PickerModal(Content("Export your data as"), choices),
                    lambda fmt: _ask_path(app, fmt) if fmt else None)


def _ask_path(app: App[Any], fmt: str) -> None:
    from bounceback.store.portability import CSV_FILES

    def write(path: Path, overwrite: bool) -> str:
        from bounceback.store.portability import export_csv, export_json

        export = export_json if fmt == "json" else export_csv
        counts = export(host(app).store, path, overwrite=overwrite)
        return f"Exported {sum(counts.values()):,} rows to {path}."

    what = "file" if fmt == "json" else "folder (applications.csv and rejections.csv)"
    save_file(app, Content(f"Write the {fmt.upper()} export to this {what}:"),
              default_export_path(app, fmt), write, placeholder="a path",
              example="bounceback.json", files=CSV_FILES if fmt == "csv" else (), links=False,
              replace="[b]$path[/b] already holds an export. Replace it?")

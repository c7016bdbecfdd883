"""The Materials screen's three small forms: add a version from a file, add one by pasting, and
relabel one. Each is a `DraftForm`: the opener passes the save, the field says what is wrong.

A file is read (`documents.read_document`) in a worker thread when ctrl+s is pressed; a file
that cannot be read puts its one line under the path, with everything typed kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, TextArea

from bounceback.domain import MaterialKind
from bounceback.screens.draft_form import DraftForm
from bounceback.screens.materials_data import default_label
from bounceback.store.errors import ValidationError
from bounceback.store.materials import material_label, material_text
from bounceback.widgets.form import Field
from bounceback.widgets.safe import template

if TYPE_CHECKING:
    from bounceback.documents import Document
    from bounceback.store.drafts import Check
    from bounceback.store.records import MaterialRecord

KIND_CHOICES = [(kind.label, kind.value) for kind in MaterialKind]
PATH_PLACEHOLDER = "e.g. ~/Documents/resume.pdf  (.pdf, .docx, .txt or .md)"
LABEL_PLACEHOLDER = "e.g. Data analyst, numbers first  (empty: the file's name)"
NO_PATH = "Type the path of the file: a .pdf, .docx, .txt or .md (~ works)."
READING = "Reading the file…"


@dataclass(frozen=True)
class MaterialDraft:
    """What the add forms hand the store: a kind, a label, the text and where it came from."""

    kind: MaterialKind
    label: str
    text: str
    file_name: str = ""
    pages: int | None = None

    def checked(self, check: Check) -> MaterialDraft:
        """Label and text cleaned by the store's own rules; ValidationError names each field.

        An empty label becomes the file's name (or the kind and the day), as on the CLI.
        """
        label = self.label if self.label.strip() else default_label(self.file_name, self.kind,
                                                                      check.today)
        errors: dict[str, str] = {}
        values: dict[str, str] = {}
        for name, rule, raw in (("label", material_label, label),
                                ("text", material_text, self.text)):
            try:
                values[name] = rule(raw)
            except ValidationError as exc:
                errors.update(exc.errors)
        if errors:
            raise ValidationError(errors)
        return replace(self, label=values["label"], text=values["text"])


@dataclass(frozen=True)
class LabelDraft:
    """A new label for a version."""

    label: str

    def checked(self, check: Check) -> LabelDraft:
        """The label cleaned (one line, not empty, within the cap)."""
        return LabelDraft(material_label(self.label))


AddFn = Callable[[MaterialDraft, bool], "MaterialRecord"]


def _kind_select(kind: MaterialKind, id: str) -> Select[str]:
    return Select(KIND_CHOICES, value=kind.value, allow_blank=False, id=id)


class PasteMaterialForm(DraftForm[MaterialDraft, "MaterialRecord"]):
    """A version typed or pasted in: its text, a label and whether it is a resume."""

    AUTO_FOCUS = "#material-text"
    DRAFT_FORM = "material"
    THING = "this version"

    def __init__(self, save: AddFn, check: Check,
                 kind: MaterialKind = MaterialKind.RESUME) -> None:
        """`save` keeps the version (the Materials screen binds the store's `add`)."""
        super().__init__(save, check)
        self._kind = kind

    def compose(self) -> ComposeResult:
        """Title; the text; label and kind side by side."""
        with Vertical(id="form-box"):
            yield Label(Content.styled("Paste a resume or cover letter", "bold"),
                        id="form-title")
            yield Label("", id="form-banner")
            yield Field("Text *  (paste it here: what an ATS would read)", TextArea(
                "", id="material-text", soft_wrap=True, tab_behavior="focus",
                placeholder="Paste the whole text of your resume"), name="text")
            with Horizontal(classes="form-row"):
                yield Field("Label", Input("", id="material-label",
                                           placeholder="e.g. Analyst, numbers first"),
                            name="label")
                yield Field("Kind", _kind_select(self._kind, "material-kind"), name="kind")
            yield Footer()

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> MaterialDraft:
        """The draft from what was pasted (the store's rules check it)."""
        return MaterialDraft(MaterialKind(values["kind"]), values["label"], values["text"])


class FileMaterialForm(DraftForm[MaterialDraft, "MaterialRecord"]):
    """A version read from a file: its path, a label (empty: the file's name) and its kind."""

    AUTO_FOCUS = "#material-path"
    DRAFT_FORM = "material-file"
    THING = "this version"

    def __init__(self, save: AddFn, check: Check,
                 kind: MaterialKind = MaterialKind.RESUME) -> None:
        """`save` keeps the version (the Materials screen binds the store's `add`)."""
        super().__init__(save, check)
        self._kind = kind
        self.reading = False

    def compose(self) -> ComposeResult:
        """Title; the path; label and kind side by side."""
        with Vertical(id="form-box"):
            yield Label(Content.styled("Add a resume or cover letter from a file", "bold"),
                        id="form-title")
            yield Label("", id="form-banner")
            yield Field("File *", Input("", id="material-path", placeholder=PATH_PLACEHOLDER),
                        name="path")
            with Horizontal(classes="form-row"):
                yield Field("Label", Input("", id="material-label",
                                           placeholder=LABEL_PLACEHOLDER), name="label")
                yield Field("Kind", _kind_select(self._kind, "material-kind"), name="kind")
            yield Label(Content("The text is kept as it was read, the way an applicant tracking "
                                "system reads it; the file itself stays where it is."),
                        id="material-file-note")
            yield Footer()

    def action_save(self) -> None:
        """Read the file in a worker (a PDF may take a moment), then save what it gave."""
        if self.reading or self.saving.waiting:
            return
        values = self._values()
        path = values["path"].strip()
        errors: dict[str, str] = {} if path else {"path": NO_PATH}
        if values["label"].strip():  # a bad label is said before the file is read
            try:
                material_label(values["label"])
            except ValidationError as exc:
                errors.update(exc.errors)
        if errors:
            self.show_errors(errors)
            return
        self.show_errors({})
        self.reading = True
        self.banner(READING, "warning")
        self.run_worker(lambda: self._read(path), thread=True, exit_on_error=False,
                        name="material-read")

    def _read(self, path: str) -> None:
        """In the worker: the document, or its one line of trouble, back on the event loop."""
        from bounceback.documents import DocumentError, read_document

        try:
            document = read_document(path)
        except DocumentError as exc:
            self.app.call_from_thread(self._read_failed, exc.message)
            return
        self.app.call_from_thread(self._read_done, document)

    def _read_failed(self, message: str) -> None:
        self.reading = False
        if self.is_mounted:
            self.show_errors({"path": message})

    def _read_done(self, document: Document) -> None:
        self.reading = False
        if not self.is_mounted:
            return
        self.banner("")
        values = self._values()
        draft = MaterialDraft(MaterialKind(values["kind"]), values["label"], document.text,
                              document.name, document.pages)
        try:
            draft = draft.checked(self.check)
        except ValidationError as exc:
            # a text problem is the file's: say it where the file was named
            errors = dict(exc.errors)
            if "text" in errors:
                errors["path"] = errors.pop("text")
            self.show_errors(errors)
            return
        self.saving.run(self._save, draft, False, done=self._saved)

    def _saved(self, outcome: Any) -> None:
        if not outcome.ok and isinstance(outcome.error, ValidationError) \
                and "text" in outcome.error.errors:
            errors = dict(outcome.error.errors)
            errors["path"] = errors.pop("text")
            self.show_errors(errors)
            return
        super()._saved(outcome)

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> MaterialDraft:
        """Not used: the draft is built once the file has been read (`action_save`)."""
        raise NotImplementedError


class RelabelForm(DraftForm[LabelDraft, "MaterialRecord"]):
    """A new label for one version (its text never changes: add a new version instead)."""

    AUTO_FOCUS = "#material-label"
    DRAFT_FORM = "material-label"
    THING = "this version"

    def __init__(self, save: Callable[[LabelDraft, bool], MaterialRecord], check: Check,
                 record: MaterialRecord) -> None:
        """`record` is the version being relabelled."""
        super().__init__(save, check)
        self._record = record

    def draft_target(self) -> tuple[int | None, int | None]:
        """The version being relabelled (versions have no edit counter)."""
        return self._record.id, None

    def compose(self) -> ComposeResult:
        """Title and the one field."""
        r = self._record
        with Vertical(id="form-box"):
            yield Label(template("Relabel the $kind [b]$label[/b]", kind=r.kind.label,
                                 label=r.label), id="form-title")
            yield Label("", id="form-banner")
            yield Field("Label *", Input(r.label, id="material-label"), name="label")
            yield Footer()

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> LabelDraft:
        """The typed label."""
        return LabelDraft(values["label"])

    def nothing_to_save(self, draft: LabelDraft) -> bool:
        """The same label again: nothing to write."""
        return draft.label == self._record.label

    def gone_line(self) -> str:
        """The version went away (it cannot be deleted, but a restore could replace the file)."""
        return "This version no longer exists; escape closes the form."

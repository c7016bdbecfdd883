"""The application form: new and edit, with inline errors and nothing typed ever lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Select, TextArea

from bounceback.dates import DATE_EXAMPLES, DateParseError, parse_date
from bounceback.domain import PROGRESSION, Stage
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import ConflictError, NotFoundError, StoreError, ValidationError
from bounceback.store.records import ApplicationDetail
from bounceback.widgets.form import Field
from bounceback.widgets.safe import content

SaveFn = Callable[[ApplicationDraft, bool], ApplicationDetail]
"""Persist a draft; the bool is "overwrite even if it changed elsewhere"."""

_TEXT_FIELDS = (
    ("company", "Company *"), ("role", "Role *"), ("location", "Location"),
    ("source", "Source (where you found it)"), ("url", "Link"),
    ("contact_name", "Contact name"), ("contact_email", "Contact email"),
    ("next_action", "Next action"),
)
_DATE_FIELDS = (("applied_on", "Applied on"), ("next_action_on", "Next action date"))
_LONG_FIELDS = (("description", "Job description"), ("notes", "Notes"))


class ApplicationForm(ModalScreen[ApplicationDetail | None]):
    """Add or edit an application. ctrl+s saves, escape cancels (asking if anything changed)."""

    AUTO_FOCUS = "#input-company"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form-cancel"),
    ]

    def __init__(
        self, save: SaveFn, today: date, initial: ApplicationDetail | None = None
    ) -> None:
        """`save` persists; `initial` is the application being edited (None for new)."""
        super().__init__()
        self._save = save
        self._today = today
        self._initial = initial
        self._force = False
        self._start_values: dict[str, str] = {}

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Short fields in pairs, then the two long texts."""
        title = "New application" if self._initial is None else "Edit application"
        with Vertical(id="form-box"):
            yield Label(Content.styled(title, "bold"), id="form-title")
            yield Label("", id="form-banner")
            with VerticalScroll(id="form-body"):
                fields = self._fields()
                pairs = [
                    ("company", "role"), ("location", "source"), ("url",),
                    ("contact_name", "contact_email"), ("stage", "applied_on"),
                    ("next_action", "next_action_on"), ("description",), ("notes",),
                ]
                for pair in pairs:
                    shown = [fields[name] for name in pair if name in fields]
                    if shown:
                        with Horizontal(classes="form-row"):
                            yield from shown
            yield Footer()

    def _fields(self) -> dict[str, Field]:
        d = self._initial
        fields: dict[str, Field] = {}
        for name, label in _TEXT_FIELDS:
            value = getattr(d, name) if d else ""
            fields[name] = Field(label, Input(value, id=f"input-{name}"), name=name)
        for name, label in _DATE_FIELDS:
            value = getattr(d, name) if d else None
            text = value.isoformat() if value else ""
            fields[name] = Field(
                label, Input(text, id=f"input-{name}", placeholder="e.g. Nov 20, +7d"), name=name
            )
        for name, label in _LONG_FIELDS:
            value = getattr(d, name) if d else ""
            area = TextArea(value, id=f"input-{name}", soft_wrap=True, tab_behavior="focus")
            fields[name] = Field(label, area, name=name)
        if d is None:  # later moves append history, so the stage is chosen only on create
            options = [(s.label, s.value) for s in PROGRESSION[:-1]]
            select: Select[str] = Select(
                options, value=Stage.APPLIED.value, allow_blank=False, id="input-stage"
            )
            fields["stage"] = Field("Stage", select, name="stage")
        return fields

    def on_mount(self) -> None:
        """Remember what was there to know if anything changed; hint at the date defaults."""
        self._start_values = self._values()
        if self._initial is None:
            # query, not query_one: a form pushed while the app is quitting has no children
            for field in self.query("#field-applied-on").results(Field):
                field.set_hint("empty: today, if applied")
            for field in self.query("#field-next-action-on").results(Field):
                field.set_hint("empty: a follow-up a week after applying")

    # ---- values ---------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        return {f.field_name: f.value for f in self.query(Field)}

    def _draft(self) -> ApplicationDraft:
        """Build a draft, raising ValidationError for dates that cannot be read."""
        values = self._values()
        errors: dict[str, str] = {}
        dates: dict[str, date | None] = {}
        for name, _ in _DATE_FIELDS:
            try:
                dates[name] = parse_date(values[name], self._today)
            except DateParseError:
                errors[name] = f"Couldn't read that date. Try: {DATE_EXAMPLES}"
        if errors:
            raise ValidationError(errors)
        stage = Stage(values["stage"]) if "stage" in values else Stage.APPLIED
        return ApplicationDraft(
            **{name: values[name] for name, _ in _TEXT_FIELDS + _LONG_FIELDS},
            applied_on=dates["applied_on"],
            next_action_on=dates["next_action_on"],
            stage=stage,
        )

    @on(Input.Changed)
    def _date_hint(self, event: Input.Changed) -> None:
        """Echo how a typed date was understood, as it is typed."""
        field = event.input.parent
        if not isinstance(field, Field) or field.field_name not in dict(_DATE_FIELDS):
            return
        field.set_error(None)
        if not event.value.strip():
            field.set_hint(None)
            return
        try:
            parsed = parse_date(event.value, self._today)
        except DateParseError:
            field.set_hint(None)
            return
        if parsed is not None:
            field.set_hint(f"→ {parsed:%a %b} {parsed.day}, {parsed.year}")

    # ---- actions --------------------------------------------------------------------------

    def _show_errors(self, errors: dict[str, str]) -> None:
        first: Field | None = None
        for field in self.query(Field):
            message = errors.get(field.field_name)
            field.set_error(message)
            if message and first is None:
                first = field
        if first is not None:
            first.control.focus()
            first.scroll_visible()
        self._banner(f"{len(errors)} field(s) need a look — see the red lines." if errors else "")

    def _banner(self, message: str, tone: str = "error") -> None:
        banner = self.query_one("#form-banner", Label)
        banner.update(content(message))
        banner.set_classes(f"-{tone}" if message else "")

    def action_save(self) -> None:
        """Validate, save through the screen's callback, and close; on trouble keep it all."""
        try:
            draft = self._draft().validated()
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return
        self._show_errors({})
        try:
            saved = self._save(draft, self._force)
        except ValidationError as exc:
            self._show_errors(exc.errors)
        except ConflictError:
            self._force = True
            self._banner(
                "Someone changed this application in another window since you opened it. "
                "Your text is still here: ctrl+s again saves yours over theirs, "
                "escape keeps theirs."
            )
        except NotFoundError:
            self._banner("This application was deleted elsewhere; copy anything you need, "
                         "then escape.")
        except StoreError as exc:
            self._banner(exc.message)
        else:
            self.dismiss(saved)

    def action_cancel(self) -> None:
        """Close; if anything was typed, ask first."""
        if self._values() == self._start_values:
            self.dismiss(None)
            return
        from bounceback.screens.modals import ConfirmModal

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal(Content("Discard what you typed?"), yes="Discard", no="Keep editing"),
            answered,
        )

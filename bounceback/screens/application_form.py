"""The application form: new and edit, with inline errors and nothing typed ever lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, TextArea

from bounceback.dates import Lean
from bounceback.domain import PROGRESSION, Stage
from bounceback.screens.draft_form import DraftForm
from bounceback.store.drafts import ApplicationDraft, Check
from bounceback.store.records import ApplicationDetail
from bounceback.widgets.form import Field

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


class ApplicationForm(DraftForm[ApplicationDraft, ApplicationDetail]):
    """Add or edit an application. ctrl+s saves, escape cancels (asking if anything changed)."""

    AUTO_FOCUS = "#input-company"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = tuple(name for name, _ in _DATE_FIELDS)
    # "Jan 5" typed on Dec 30: sent last January, but the next action is next January
    DATE_LEAN: ClassVar[dict[str, Lean]] = {"applied_on": "past", "next_action_on": "future"}
    THING = "this application"
    DRAFT_FORM = "application"

    def __init__(
        self, save: SaveFn, check: Check, initial: ApplicationDetail | None = None
    ) -> None:
        """`save` persists; `initial` is the application being edited (None for new)."""
        super().__init__(save, check)
        self._initial = initial

    def draft_target(self) -> tuple[int | None, int | None]:
        """The application being edited (and the version it was read at), if any."""
        d = self._initial
        return (d.id, d.version) if d is not None else (None, None)

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
        super().on_mount()
        if self._initial is None:
            # query, not query_one: a form pushed while the app is quitting has no children
            for field in self.query("#field-applied-on").results(Field):
                field.set_hint("empty: today, if applied")
            for field in self.query("#field-next-action-on").results(Field):
                field.set_hint("empty: a follow-up a week after applying")

    # ---- values ---------------------------------------------------------------------------

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> ApplicationDraft:
        """The draft from what was typed; unreadable dates go into `errors`."""
        stage = Stage(values["stage"]) if "stage" in values else Stage.APPLIED
        texts: dict[str, Any] = {name: values[name] for name, _ in _TEXT_FIELDS + _LONG_FIELDS}
        return ApplicationDraft(
            company=texts.pop("company"), role=texts.pop("role"), **texts,
            applied_on=self.read_date(values, "applied_on", errors),
            next_action_on=self.read_date(values, "next_action_on", errors),
            stage=stage,
        )

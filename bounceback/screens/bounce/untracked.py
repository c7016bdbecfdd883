"""Log a rejection for a job that was never tracked: company, role, how far it got."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select

from bounceback.domain import PROGRESSION, Stage
from bounceback.screens.draft_form import DraftForm
from bounceback.store.drafts import Check, UntrackedDraft
from bounceback.store.records import RejectionRecord
from bounceback.widgets.form import Field

_REACHED = [s for s in PROGRESSION if s not in (Stage.SAVED, Stage.ACCEPTED)]

SaveFn = Callable[[UntrackedDraft, bool], RejectionRecord]
"""Log the case (the opener judges its kind from the stage reached)."""


class UntrackedForm(DraftForm[UntrackedDraft, RejectionRecord]):
    """Three quick fields; ctrl+s logs the case and returns it."""

    AUTO_FOCUS = "#untracked-company"
    DRAFT_FORM = "untracked"
    DRAFT_BANNER = "#untracked-banner"
    THING = "this rejection"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Log it", id="untracked-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="untracked-cancel",
                tooltip="Close without logging (asks first if you typed something)"),
    ]

    def __init__(self, save: SaveFn, check: Check) -> None:
        """Nothing typed yet; `save` logs a valid draft."""
        super().__init__(save, check)

    def compose(self) -> ComposeResult:
        """Company, role, stage reached."""
        with Vertical(id="form-box"):
            yield Label(Content.styled("A no for a job you didn't track", "bold"))
            yield Label("", id="untracked-banner")
            yield Field("Company *", Input(id="untracked-company"), name="company")
            yield Field("Role", Input(id="untracked-role"), name="role")
            yield Field("How far did it get?", Select(
                [(s.label, s.value) for s in _REACHED], value=Stage.APPLIED.value,
                allow_blank=False, id="untracked-stage"), name="stage")
            yield Footer()

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> UntrackedDraft:
        """The three fields as typed."""
        return UntrackedDraft(values["company"], values["role"], Stage(values["stage"]))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field (three fields need no count above them)."""
        for field in self.query(Field):
            field.set_error(errors.get(field.field_name))

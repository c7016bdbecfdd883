"""Log a rejection for a job that was never tracked: company, role, how far it got."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select

from bounceback.domain import PROGRESSION, Stage
from bounceback.playbook.triage import classify
from bounceback.screens.keeps_draft import KeepsDraft
from bounceback.screens.outcome import Outcome
from bounceback.screens.writes import FormSave
from bounceback.store.errors import StoreError, ValidationError
from bounceback.store.records import RejectionRecord
from bounceback.widgets.form import Field
from bounceback.widgets.safe import content

_REACHED = [s for s in PROGRESSION if s not in (Stage.SAVED, Stage.ACCEPTED)]


class UntrackedForm(KeepsDraft[int | None]):
    """Three quick fields; ctrl+s logs the case and returns its id."""

    AUTO_FOCUS = "#untracked-company"
    DRAFT_FORM = "untracked"
    DRAFT_BANNER = "#untracked-banner"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Log it", id="untracked-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="untracked-cancel",
                tooltip="Close without logging (asks first if you typed something)"),
    ]

    def __init__(self) -> None:
        """Nothing typed yet."""
        super().__init__()
        self._start: dict[str, str] = {}
        self.saving = FormSave(self, self._say)

    def compose(self) -> ComposeResult:
        """Company, role, stage reached."""
        with Vertical(id="untracked-box"):
            yield Label(Content.styled("A no for a job you didn't track", "bold"))
            yield Label("", id="untracked-banner")
            yield Field("Company *", Input(id="untracked-company"), name="company")
            yield Field("Role", Input(id="untracked-role"), name="role")
            yield Field("How far did it get?", Select(
                [(s.label, s.value) for s in _REACHED], value=Stage.APPLIED.value,
                allow_blank=False, id="untracked-stage"), name="stage")
            yield Footer()

    def action_save(self) -> None:
        """Log it, or show what's wrong where it was typed."""
        values = self._values()
        reached = Stage(values["stage"])
        self.saving.run(self.app.store.rejections.log_untracked,  # type: ignore[attr-defined]
                        values["company"], values["role"], reached, classify([reached]),
                        done=self._logged)

    def _logged(self, outcome: Outcome[RejectionRecord]) -> None:
        """Close with the new case; on a refusal keep what was typed and say why."""
        if outcome.ok:
            self.dismiss(outcome.value.id)
            return
        exc = outcome.error
        if isinstance(exc, ValidationError):
            for field in self.query(Field):
                field.set_error(exc.errors.get(field.field_name))
        elif isinstance(exc, StoreError):
            self._say(exc.message)

    def _say(self, message: str, _tone: str = "error") -> None:
        self.query_one("#untracked-banner", Label).update(content(message))

    def on_mount(self) -> None:
        """Remember the starting values, to know whether anything was typed."""
        self._start = self._values()

    def _values(self) -> dict[str, str]:
        return {f.field_name: f.value for f in self.query(Field)}

    def action_cancel(self) -> None:
        """Close without logging; if anything was typed, ask first."""
        from bounceback.screens.draft_form import close_asking_if_changed

        if not self.saving.holds_cancel():
            close_asking_if_changed(self, self.unsaved_changes())

    def unsaved_changes(self) -> bool:
        """Something was typed and not logged (quit asks before losing it)."""
        return self.is_mounted and self._values() != self._start

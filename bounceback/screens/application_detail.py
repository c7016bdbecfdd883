"""One application in full: every field and its stage history with dates."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, Label, Static

from bounceback.clock import local
from bounceback.dates import format_date
from bounceback.screens.base import ModeScreen
from bounceback.store.errors import NotFoundError
from bounceback.store.records import ApplicationDetail
from bounceback.widgets.safe import content, template


class ApplicationDetailScreen(ModeScreen):
    """Read-only view of one application; `e` edits, escape goes back."""

    HELP_TITLE = "Application"
    MODE_NAME = "pipeline"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="detail-back"),
        Binding("e", "edit", "Edit", id="detail-edit", tooltip="Edit this application"),
    ]

    def __init__(self, app_id: int) -> None:
        """Show application `app_id` (loaded on every resume)."""
        super().__init__()
        self.app_id = app_id
        self.detail: ApplicationDetail | None = None

    def compose(self) -> ComposeResult:
        """Mode bar, a scrolling body, the footer."""
        yield self.mode_bar()
        yield VerticalScroll(id="detail-body")
        yield Footer()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Load fresh (an edit may just have happened)."""
        try:
            self.detail = self.store.applications.get(self.app_id)
        except NotFoundError:
            self.say("That application no longer exists.", "warning")
            self.app.pop_screen()
            return
        body = self.query_one("#detail-body", VerticalScroll)
        body.remove_children()
        body.mount_all(list(self._widgets(self.detail)))
        body.focus()

    def _widgets(self, d: ApplicationDetail) -> list[Static | Label]:
        today = self.today()
        out: list[Static | Label] = [
            Label(template("[b]$company[/b] — $role", company=d.company, role=d.role),
                  id="detail-title"),
        ]
        rounds = d.interview_rounds
        facts = [
            ("Stage", d.stage.label + (f", round {rounds}" if rounds else "")),
            ("Applied", format_date(d.applied_on, today) or "—"),
            ("Location", d.location or "—"),
            ("Source", d.source or "—"),
            ("Link", d.url or "—"),
            ("Contact", " · ".join(x for x in (d.contact_name, d.contact_email) if x) or "—"),
            ("Next action", " ".join(
                x for x in (d.next_action, format_date(d.next_action_on, today)) if x) or "—"),
        ]
        for label, value in facts:
            out.append(Static(Content.assemble((f"{label:>12}  ", "$text-muted"), content(value)),
                              classes="detail-fact"))
        out.append(Label(Content.styled("History", "bold"), classes="detail-heading"))
        for event in d.history:
            when = local(self.bb.clock, event.at)
            line = Content.assemble(
                (f"{when:%Y-%m-%d %H:%M}  ", "$text-muted"),
                (event.stage.label, "bold"),
                "  " if event.note else "",
                content(event.note),
            )
            out.append(Static(line, classes="detail-history"))
        for heading, text in (("Job description", d.description), ("Notes", d.notes)):
            out.append(Label(Content.styled(heading, "bold"), classes="detail-heading"))
            out.append(Static(content(text) if text else Content.styled("—", "$text-muted"),
                              classes="detail-text"))
        return out

    def action_edit(self) -> None:
        """Edit this application."""
        from bounceback.screens.pipeline import open_edit_form

        if self.detail is not None:
            open_edit_form(self, self.detail)

"""Step 5, Feedback: one short, polite request — copy it, save it, and track the answer."""

from __future__ import annotations

import re
from functools import partial
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, urlencode

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Label, TextArea

from bounceback.domain import BounceStep, FeedbackStatus
from bounceback.playbook.feedback import (
    FeedbackAction,
    feedback_email,
    feedback_state,
    subject_line,
)
from bounceback.screens.bounce.base import FlowStep
from bounceback.store.errors import NotFoundError, StoreError, ValidationError
from bounceback.store.records import RejectionRecord
from bounceback.widgets.safe import template


def default_draft_path(company: str, day: str) -> Path:
    """~/bounceback-feedback-<company>-<date>.txt, the company reduced to safe characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", company.casefold()).strip("-")[:40] or "company"
    return Path.home() / f"bounceback-feedback-{slug}-{day}.txt"


class FeedbackScreen(FlowStep):
    """The drafted email; c copy, s save to a file, a asked, n not asking; e edits the text."""

    STEP = BounceStep.FEEDBACK
    HELP_TITLE = "Feedback request"
    AUTO_FOCUS = None

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next_step", "Next: keep moving", id="feedback-next", priority=True,
                tooltip="On to what is still moving"),
        Binding("c", "copy", "Copy", id="feedback-copy", tooltip="Copy the email to the clipboard"),
        Binding("m", "mail", "Mail app", id="feedback-mail",
                tooltip="Open a new email to the contact in your mail app (mailto:)"),
        Binding("s", "save_file", "Save to file", id="feedback-save",
                tooltip="Save the email to a .txt file (0600; asks before overwriting)"),
        Binding("a", "asked", "Mark asked", id="feedback-asked",
                tooltip="You sent it: the case records today's date"),
        Binding("n", "not_asking", "Not asking", id="feedback-skip", show=False,
                tooltip="Decide not to ask (that is fine too)"),
        Binding("e", "edit", "Edit", id="feedback-edit", tooltip="Edit the email text"),
        Binding("escape", "stop_editing", "Done editing", id="feedback-escape",
                tooltip="Stop editing the email (the keys work again)"),
        Binding("escape", "leave", "Later", show=False, id="feedback-leave",
                tooltip="Leave the flow; the case keeps its place"),
    ]

    def __init__(self, case_id: int) -> None:
        """The feedback step of case `case_id`."""
        super().__init__(case_id)
        self._drafted = ""  # the email as drafted: replaced by a signed one only if untouched

    def compose(self) -> ComposeResult:
        """Recipient, subject, the email, and where the request stands."""
        case = self.case()
        self.recipient = self._recipient(case)
        yield self.step_bar()
        with Vertical(id="feedback-body"):
            yield Label(Content.styled(
                "One short, polite ask. It's for your growth, not to change their mind.", "bold"))
            yield Label(template("[dim]To:[/dim] $to", to=self.recipient) if self.recipient
                        else Content.styled("To: no address saved for the contact — add it "
                                            "on the application, or type it in your mail app.",
                                            "$text-muted"), id="feedback-to")
            yield Label(template("[dim]Subject:[/dim] $subject",
                                 subject=subject_line(case.role, case.company)),
                        id="feedback-subject")
            self._drafted = self._draft(case)
            email = TextArea(self._drafted, id="feedback-email", soft_wrap=True,
                             tab_behavior="focus")
            email.can_focus = False  # keys first; `e` edits
            yield email
            yield Label("", id="feedback-status")
        yield Footer()

    def on_mount(self) -> None:
        """Show where the request stands; ask once for the name to sign with."""
        self._show_status(self.case())
        if self.store.settings.get().your_name is None:
            self.call_after_refresh(self._ask_name)

    def _draft(self, case: RejectionRecord) -> str:
        return feedback_email(case.contact_name, case.role, case.company,
                              sender=self.store.settings.get().your_name or "", kind=case.kind)

    def _recipient(self, case: RejectionRecord) -> str:
        """The contact's address from the application, when there is one."""
        if case.application_id is None:
            return ""
        try:
            return self.store.applications.get(case.application_id).contact_email
        except NotFoundError:
            return ""

    def _ask_name(self) -> None:
        """Asked once: the name the email is signed with (palette "settings: Your name"
        changes it later); escape means "leave it unsigned" and is not asked again."""
        from bounceback.screens.modals import TextPromptModal

        def answered(name: str | None) -> None:
            try:
                self.store.settings.set_your_name(name or "")
            except ValidationError as exc:
                self.say(next(iter(exc.errors.values())), "warning")
                return
            except StoreError as exc:
                self.say(exc.message, "error")
                return
            area = self.query_one("#feedback-email", TextArea)
            if name and area.text == self._drafted:  # untouched: sign it
                self._drafted = self._draft(self.case())
                area.load_text(self._drafted)

        self.app.push_screen(TextPromptModal(
            Content("How do you sign your emails? (asked once; escape leaves them unsigned)"),
            placeholder="e.g. Sam Rivera"), answered)

    @property
    def email(self) -> str:
        """The email as it stands (edits included)."""
        return self.query_one("#feedback-email", TextArea).text

    def _show_status(self, case: RejectionRecord) -> None:
        settings = self.store.settings.get()
        state = feedback_state(case.feedback_status, case.feedback_asked_on, self.today(),
                               settings.feedback_let_go_days)
        label = case.feedback_status.label
        when = f" on {case.feedback_asked_on:%b %d}" if case.feedback_asked_on else ""
        advice = {
            FeedbackAction.ASK: "Send it once, when you're ready; a copy or a file is a key away.",
            FeedbackAction.WAITING: "Asked once — that's enough. Many companies can't reply.",
            FeedbackAction.LET_GO_OFFER: f"No answer in {settings.feedback_let_go_days} days: "
            "time to let this one go, kindly.",
            FeedbackAction.CLOSED: "This one is settled.",
        }[state]
        self.query_one("#feedback-status", Label).update(template(
            "[b]Feedback:[/b] $label$when  [dim]$advice[/dim]", label=label, when=when,
            advice=advice))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Letter keys act only while the email is not being edited."""
        editing = isinstance(self.focused, TextArea)
        if action in {"copy", "mail", "save_file", "asked", "not_asking", "edit"}:
            return not editing
        if action == "stop_editing":
            return editing
        if action == "leave":
            return not editing
        return True

    def action_edit(self) -> None:
        """Type into the email."""
        area = self.query_one("#feedback-email", TextArea)
        area.can_focus = True
        area.focus()
        self.refresh_bindings()

    def action_stop_editing(self) -> None:
        """Back to the keys."""
        area = self.query_one("#feedback-email", TextArea)
        area.can_focus = False
        self.set_focus(None)
        self.refresh_bindings()

    def action_copy(self) -> None:
        """Put the email on the clipboard: the system's tool when there is one (it can say
        whether it worked), otherwise the terminal's (which cannot)."""
        case = self.case()
        text = f"Subject: {subject_line(case.role, case.company)}\n\n{self.email}"
        self.run_worker(partial(self._copy, text), thread=True, exit_on_error=False,
                        group="feedback-copy")

    def _copy(self, text: str) -> None:
        from bounceback.clipboard import COPIED, SENT_TO_TERMINAL, copy_with_tool

        tool = copy_with_tool(text)

        def done() -> None:
            if tool is None:
                self.app.copy_to_clipboard(text)
            self.say(COPIED if tool is not None else SENT_TO_TERMINAL,
                     timeout=None if tool is not None else 10)

        self.app.call_from_thread(done)

    def action_mail(self) -> None:
        """Open a new email in the person's mail app, addressed and filled in (mailto:)."""
        case = self.case()
        query = urlencode({"subject": subject_line(case.role, case.company),
                           "body": self.email}, quote_via=quote)
        url = f"mailto:{quote(self.recipient, safe='@')}?{query}"
        from bounceback.clipboard import MAIL_OPENED, NO_MAIL_APP, open_detached

        if self.app.is_web:  # served in a browser: the browser opens it on the person's side
            self.app.open_url(url)
            self.say(MAIL_OPENED)
        elif open_detached(url):
            self.say(MAIL_OPENED)
        else:
            self.say(NO_MAIL_APP, "warning", timeout=10)

    def action_save_file(self) -> None:
        """Ask where, then write it at 0600 (asking before overwriting)."""
        from bounceback.screens.save_file import save_file

        case = self.case()
        default = default_draft_path(case.company, self.today().isoformat())
        text = f"Subject: {subject_line(case.role, case.company)}\n\n{self.email}"

        def write(path: Path, overwrite: bool) -> str:
            from bounceback.files import write_private_text

            write_private_text(path, text, overwrite=overwrite)
            return f"Saved to {path}."

        save_file(self.app, Content("Save the email to which file?"), default, write,
                  example=default.name)

    def action_asked(self) -> None:
        """Record the one ask, with today's date."""
        if self.save(feedback_status=FeedbackStatus.ASKED, feedback_asked_on=self.today()):
            self._show_status(self.case())

    def action_not_asking(self) -> None:
        """Decide not to ask."""
        if self.save(feedback_status=FeedbackStatus.LET_GO):
            self._show_status(self.case())

    def action_next_step(self) -> None:
        """On to keep moving."""
        self.go_next()

    def action_leave(self) -> None:
        """Leave the flow like every other step; the case keeps its step."""
        self.app.pop_screen()

"""One rejection case in full: what happened, how it felt, what it taught, where feedback stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.widget import Widget
from textual.widgets import Footer, Label, Static

from bounceback.clock import local
from bounceback.dates import format_date
from bounceback.domain import BounceStep, FeedbackStatus, Stage
from bounceback.playbook.feedback import FeedbackAction, feedback_state
from bounceback.playbook.triage import (
    CAUSES_BY_KEY,
    KIND_SUMMARY,
    classify,
    kind_headline,
    kind_label,
)
from bounceback.screens.base import NumberedScreen
from bounceback.screens.rejections_data import feeling_label
from bounceback.store.drafts import CaseChanges
from bounceback.store.errors import NotFoundError
from bounceback.store.records import RejectionRecord, WallowRecord
from bounceback.widgets.safe import content, template

if TYPE_CHECKING:
    from bounceback.store.db import Store

_MUTED = "$text-muted"
_GONE = "That rejection no longer exists."
_CASE_GONE = object()  # what a load returns when the case was deleted meanwhile
_QUICK = {  # action: (new status, toast)
    "asked": (FeedbackStatus.ASKED,
              "Marked asked today. One ask is the rule; silence after a while is an answer too."),
    "no_reply": (FeedbackStatus.NO_REPLY, "Marked no reply. That is an answer; l lets it go."),
    "let_go": (FeedbackStatus.LET_GO, "Let go. The lesson stays in the casebook."),
}
_QUICK_FROM = {
    "asked": {FeedbackStatus.NOT_ASKED},
    "no_reply": {FeedbackStatus.ASKED},
    "let_go": {FeedbackStatus.NOT_ASKED, FeedbackStatus.ASKED, FeedbackStatus.NO_REPLY},
}


@dataclass(frozen=True, slots=True)
class CaseFile:
    """Everything the case screen shows, read in one go off the event loop."""

    record: RejectionRecord
    history: list[tuple[Stage, datetime, str]]
    vent: WallowRecord | None
    rituals: list[str]
    let_go_days: int


class CaseScreen(NumberedScreen):
    """Read one case; `e` edits every field; a / v / x / l move the feedback along."""

    MODE_NAME = "rejections"
    HELP_TITLE = "Rejection case"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="case-back", tooltip="Back to the casebook"),
        Binding("e", "edit", "Edit", id="case-edit", tooltip="Edit every field of this case"),
        Binding("a", "feedback('asked')", "Asked today", id="case-asked",
                tooltip="You sent the one feedback request today"),
        Binding("v", "reply", "Reply received", id="case-reply",
                tooltip="They answered: paste their reply into the case"),
        Binding("x", "feedback('no_reply')", "No reply", id="case-no-reply",
                tooltip="No answer to the request"),
        Binding("l", "feedback('let_go')", "Let it go", id="case-let-go",
                tooltip="Stop waiting for feedback on this one"),
        Binding("g", "resume_flow", "Go on with the flow", id="case-resume",
                tooltip="Pick up the bounce-back flow where this case paused"),
        Binding("delete", "delete", "Delete", show=False, id="case-delete",
                tooltip="Delete this case (logged by mistake?); u in the casebook brings it back"),
    ]

    def __init__(self, case_id: int, *, edit: bool = False) -> None:
        """Show case `case_id` (loaded on every resume); `edit` opens the form once loaded."""
        super().__init__()
        self.case_id = case_id
        self.file: CaseFile | None = None
        self._edit_when_loaded = edit

    @property
    def record(self) -> RejectionRecord | None:
        """The case as last loaded."""
        return self.file.record if self.file is not None else None

    def compose(self) -> ComposeResult:
        """Mode bar, a scrolling body, the footer."""
        yield self.mode_bar()
        yield VerticalScroll(Label(Content.styled("Loading…", _MUTED)), id="case-body")
        yield Footer()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Load fresh (an edit or a quick key may just have happened)."""
        self.reload()

    LOADS = True

    def load(self, store: Store, today: date, **_: Any) -> Any:
        """In the worker: the case, its history, vent text and rituals (GONE if deleted)."""
        try:
            return CaseFile(
                store.rejections.get(self.case_id), store.rejections.history(self.case_id),
                store.wallow.for_rejection(self.case_id), store.rituals.done_for(self.case_id),
                store.settings.get().feedback_let_go_days,
            )
        except NotFoundError:
            return _CASE_GONE

    def show(self, data: CaseFile | object, **_: Any) -> None:
        """Draw the case, or say it is gone."""
        if isinstance(data, CaseFile):
            # _show awaits the old widgets' removal, so it runs as a callback
            self.call_later(self._show, data)
        else:
            self._gone()

    def _gone(self) -> None:
        self.say(_GONE, "warning")
        self.record_missing()

    def record_missing(self) -> None:
        """The case is gone: back to the casebook (if this screen is still the one shown)."""
        if self.app.screen is self:
            self.app.pop_screen()

    async def _show(self, case_file: CaseFile) -> None:
        self.file = case_file
        body = self.query_one("#case-body", VerticalScroll)
        keep = body.scroll_y
        with self.app.batch_update():
            await body.remove_children()
            await body.mount_all(self._widgets(case_file))
        body.call_after_refresh(body.scroll_to, y=keep, animate=False)
        if self.focused is None:
            body.focus()
        self.refresh_bindings()
        if self._edit_when_loaded:  # opened to pick up a draft of the case form
            self._edit_when_loaded = False
            self.action_edit()

    # ---- drawing --------------------------------------------------------------------------

    def _widgets(self, f: CaseFile) -> list[Widget]:
        r, today = f.record, self.today()
        out: list[Widget] = [Label(template(
            "[b]$company[/b] — $role", company=r.company, role=r.role or "(no role noted)"),
            classes="case-title")]
        ago = (today - r.received_on).days
        when = "today" if ago == 0 else f"{ago} day{'s' if ago != 1 else ''} ago"
        rounds = f" · {r.interview_rounds} interview round{'s' if r.interview_rounds != 1 else ''}"
        reached = r.stage_reached.label + (rounds if r.interview_rounds else "")
        if r.application_id is None:
            reached += "  (a job you never tracked)"
        out += [
            _fact("Received", f"{format_date(r.received_on, today)} · {when}"),
            _fact("Reached", reached),
            _fact("Kind", kind_headline(r.kind)),
            Static(Content.styled(KIND_SUMMARY[r.kind].explanation, _MUTED), classes="case-note"),
        ]
        judged = classify([r.stage_reached], r.interview_rounds)
        if r.kind is not judged:
            why = r.kind_override_reason or "no reason noted"
            out.append(_fact("Changed", f"from {kind_label(judged)} by you — {why}"))
        elif r.kind_override_reason:
            out.append(_fact("Kind note", r.kind_override_reason))
        if r.flow_step != BounceStep.DONE:
            out.append(_fact("Flow", f"paused at the {r.flow_step} step"))

        out.append(_heading("How it felt"))
        out += [
            _fact("Feelings", ", ".join(r.feelings) or "—"),
            _fact("Intensity", (feeling_label(r.intensity_before, r.intensity_after)
                                + "  (before → after the ritual)") if
                  r.intensity_before is not None or r.intensity_after is not None else "—"),
            _fact("In a line", r.feeling_note or "—"),
            _fact("Rituals", " · ".join(f.rituals) or "none recorded"),
        ]
        out.append(_heading("The vent"))
        out.append(_vent(f.vent))

        out.append(_heading("What might have played a part"))
        out += _causes(r)
        for heading, text in (("Lessons", r.lessons), ("Next steps", r.next_steps)):
            out.append(_heading(heading))
            out.append(_text(text))

        out.append(_heading("Feedback"))
        out.append(_fact("Status", self._feedback_line(r, f.let_go_days)))
        if r.feedback_text or r.feedback_status is FeedbackStatus.RECEIVED:
            out.append(_fact("Their reply", ""))
            out.append(_text(r.feedback_text, empty="not pasted in yet — v adds it"))

        out.append(_heading("Stage history"))
        if not f.history:
            out.append(_text("", empty="No history: this job was never in the Pipeline."))
        for stage, at, note in f.history:
            stamp = local(self.bb.clock, at)
            out.append(Static(Content.assemble(
                (f"{stamp:%Y-%m-%d %H:%M}  ", _MUTED), (stage.label, "bold"),
                "  " if note else "", content(note)), classes="case-history"))
        return out

    def _feedback_line(self, r: RejectionRecord, let_go_days: int) -> str:
        today = self.today()
        line = r.feedback_status.label
        if r.feedback_asked_on is not None:
            asked = f"asked {format_date(r.feedback_asked_on, today)}"
            line = asked if r.feedback_status is FeedbackStatus.ASKED else f"{line} · {asked}"
        state = feedback_state(r.feedback_status, r.feedback_asked_on, today, let_go_days)
        hint = {
            FeedbackAction.ASK: "  — one short, polite request is worth sending (a once sent)",
            FeedbackAction.WAITING: "  — waiting (v when they reply, x if they don't)",
            FeedbackAction.LET_GO_OFFER: "  — silence is an answer too: let it go? (l)",
            FeedbackAction.CLOSED: "",
        }[state]
        return line + hint

    # ---- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the feedback moves that make sense from where the case stands."""
        if action in ("edit", "reply", "delete"):
            return self.record is not None
        if action == "resume_flow":
            return self.record is not None and self.record.flow_step != BounceStep.DONE
        if action == "feedback":
            r = self.record
            return r is not None and r.feedback_status in _QUICK_FROM[str(parameters[0])]
        return True

    def action_resume_flow(self) -> None:
        """Go on where the case paused: its step screen if one is open anywhere, else a new one."""
        from bounceback.screens.bounce.entry import resume_case

        r = self.record
        if r is not None and r.flow_step != BounceStep.DONE:
            resume_case(self.bb, r.id)

    def action_delete(self) -> None:
        """Delete this case after asking, and go back to the casebook (u there undoes it)."""
        from bounceback.screens.case_removal import ask_delete_case

        r = self.record
        if r is not None:
            ask_delete_case(self, r.id, r.company, self._deleted)

    def _deleted(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()

    def action_feedback(self, move: str) -> None:
        """a / x / l: one keypress moves the feedback status (asked also records today)."""
        r = self.record
        if r is None or r.feedback_status not in _QUICK_FROM[move]:
            return
        status, toast = _QUICK[move]
        changes: dict[str, Any] = {"feedback_status": status}
        if status is FeedbackStatus.ASKED:
            changes["feedback_asked_on"] = self.today()
        saved = self.attempt(
            lambda: self.store.rejections.update(r.id, version=r.version, **changes),
            gone=_GONE, conflict="This case changed in another window; here is the latest. "
                                 "Press the key again if it still applies.")
        if saved.missing:
            return
        if saved.ok:
            self.say(toast)
        self.reload()

    def action_edit(self, status: FeedbackStatus | None = None, focus: str = "company") -> None:
        """Open the form on every field of the case."""
        from bounceback.screens.case_form import CaseForm
        from bounceback.screens.draft_form import form_check

        r = self.record
        if r is None:
            return
        repo = self.store.rejections

        def save(draft: CaseChanges, force: bool) -> RejectionRecord:
            version = repo.get(r.id).version if force else r.version
            return repo.update(r.id, version=version, **draft.changes)

        def done(saved: RejectionRecord | None) -> None:
            if saved is not None:
                self.say(f"Saved the case: {saved.company}.")

        form = CaseForm(r, save, form_check(self.app), status=status, focus=focus)
        self.app.push_screen(form, done)

    def action_reply(self) -> None:
        """They answered: the form opens on the reply box with the status set to received."""
        self.action_edit(FeedbackStatus.RECEIVED, "feedback_text")

    def palette_commands(self) -> list[Any]:
        """Case entries for ctrl+p."""
        from textual.app import SystemCommand

        return [SystemCommand("case: Edit", "Edit every field of this case", self.action_edit)]


def _fact(label: str, value: str) -> Static:
    return Static(Content.assemble((f"{label:>11}  ", _MUTED), content(value)),
                  classes="case-fact")


def _heading(text: str) -> Label:
    return Label(Content.styled(text, "bold"), classes="case-heading")


def _text(text: str, empty: str = "—") -> Static:
    body = content(text) if text.strip() else Content.styled(empty, _MUTED)
    return Static(body, classes="case-text")


def _vent(window: WallowRecord | None) -> Static:
    if window is None:
        return _text("", empty="No wallow window was opened for this one.")
    how = "ended early" if window.ended_early else "ran its course"
    if window.ended_at is None:
        how = "still open"
    head = Content.styled(f"{window.minutes}-minute window, {how}.\n", _MUTED)
    body = content(window.vent_text) if window.vent_text.strip() else Content.styled(
        "Nothing written — feeling it counts too.", _MUTED)
    return Static(Content.assemble(head, body), classes="case-text")


def _causes(r: RejectionRecord) -> list[Widget]:
    out: list[Widget] = []
    for key in r.causes:
        cause = CAUSES_BY_KEY.get(key)
        if cause is None:  # written in the person's own words
            out.append(Static(Content.assemble(("• ", _MUTED), content(key)), classes="case-text"))
            continue
        tag = ("  outside your control", "$warning") if cause.out_of_control else ""
        out.append(Static(Content.assemble(
            ("• ", _MUTED), (cause.label, "bold"), tag, "\n", ("  fix: ", _MUTED), cause.fix,
        ), classes="case-text case-cause"))
    for item in r.out_of_control:
        if item in r.causes:
            continue
        label = CAUSES_BY_KEY[item].label if item in CAUSES_BY_KEY else item
        out.append(Static(Content.assemble(
            ("• ", _MUTED), content(label), ("  outside your control", "$warning")),
            classes="case-text"))
    if not out:
        out.append(_text("", empty="Nothing ticked yet — e opens the checklist."))
    return out

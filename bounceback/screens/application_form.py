"""The application form: new and edit, with inline errors and nothing typed ever lost."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, TextArea

from bounceback.dates import Lean
from bounceback.domain import PROGRESSION, Stage
from bounceback.screens.draft_form import DraftForm
from bounceback.store.drafts import ApplicationDraft, Check
from bounceback.store.records import ApplicationDetail, MaterialRecord
from bounceback.widgets.form import Field
from bounceback.widgets.safe import content

if TYPE_CHECKING:
    from textual.timer import Timer

    from bounceback.playbook.keywords import JobProfile

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
MATCH_DELAY = 0.6
"""Seconds of quiet typing before the match under the job description is computed again."""
NO_RESUME = "none"
"""The resume Select's value for "no version recorded" (a draft keeps the value as text)."""


def resume_options(resumes: Sequence[MaterialRecord], *,
                   new: bool) -> list[tuple[Content, str]]:
    """The "Resume sent" choices: every version (label, added date, retired marked), then none."""
    options = []
    for r in resumes:
        label = Content.assemble(content(r.label), (f" · added {r.added_on:%b} "
                                                    f"{r.added_on.day}, {r.added_on.year}",
                                                    "$text-muted"),
                                 (" (retired)", "$text-warning") if r.retired else "")
        options.append((label, str(r.id)))
    options.append((Content("none chosen" if new else "none recorded"), NO_RESUME))
    return options


class ApplicationForm(DraftForm[ApplicationDraft, ApplicationDetail]):
    """Add or edit an application. ctrl+s saves, escape cancels (asking if anything changed)."""

    AUTO_FOCUS = "#input-company"
    DATE_FIELDS: ClassVar[tuple[str, ...]] = tuple(name for name, _ in _DATE_FIELDS)
    # "Jan 5" typed on Dec 30: sent last January, but the next action is next January
    DATE_LEAN: ClassVar[dict[str, Lean]] = {"applied_on": "past", "next_action_on": "future"}
    THING = "this application"
    DRAFT_FORM = "application"

    def __init__(
        self, save: SaveFn, check: Check, initial: ApplicationDetail | None = None, *,
        resumes: Sequence[MaterialRecord] = (), current_resume: int | None = None,
        prefill: ApplicationDraft | None = None,
    ) -> None:
        """`save` persists; `initial` is the application being edited (None for new).

        `resumes` are the versions to choose from; a new application starts on
        `current_resume`, an edit on the one it recorded. `prefill` fills a new form (research
        carried over from another application); such a form does not pick up an old draft.
        """
        super().__init__(save, check)
        self._initial = initial
        self._resumes = tuple(resumes)
        self._current_resume = current_resume
        self._prefill = prefill
        self._match_timer: Timer | None = None
        self._profile: tuple[tuple[str, str], JobProfile] | None = None
        if prefill is not None:
            self.picks_up_drafts = False

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
                    ("contact_name", "contact_email"), ("stage", "applied_on"), ("resume",),
                    ("next_action", "next_action_on"), ("description",), ("notes",),
                ]
                for pair in pairs:
                    shown = [fields[name] for name in pair if name in fields]
                    if shown:
                        with Horizontal(classes="form-row"):
                            yield from shown
            yield Footer()

    def _fields(self) -> dict[str, Field]:
        d: ApplicationDetail | ApplicationDraft | None = self._initial or self._prefill
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
        fields["resume"] = self._resume_field()
        return fields

    def _resume_field(self) -> Field:
        initial = self._initial
        new = initial is None
        chosen = self._current_resume if initial is None else initial.resume_id
        known = {r.id for r in self._resumes}
        value = str(chosen) if chosen in known else NO_RESUME
        select: Select[str] = Select(resume_options(self._resumes, new=new), value=value,
                                     allow_blank=False, id="input-resume")
        return Field("Resume sent", select, name="resume")

    def on_mount(self) -> None:
        """Remember what was there to know if anything changed; hint at the date defaults."""
        super().on_mount()
        if self._initial is None:
            # query, not query_one: a form pushed while the app is quitting has no children
            for field in self.query("#field-applied-on").results(Field):
                field.set_hint("empty: today, if applied")
            for field in self.query("#field-next-action-on").results(Field):
                field.set_hint("empty: a follow-up a week after applying")
        self._resume_hint()
        self.call_after_refresh(self.match_now)  # once the Select shows its value

    @on(Select.Changed, "#input-resume")
    def _resume_chosen(self) -> None:
        """The resume hint and the match follow the choice."""
        self._resume_hint()
        self._match_soon()

    # ---- the match under the job description (computed off the event loop) ---------------

    @on(TextArea.Changed, "#input-description")
    @on(Input.Changed, "#input-company")
    def _match_soon(self) -> None:
        """Compare again after a pause in typing (a long posting takes a few tens of ms)."""
        if self._match_timer is not None:
            self._match_timer.stop()
        self._match_timer = self.set_timer(MATCH_DELAY, self.match_now)

    def match_now(self) -> None:
        """Compare the description with the chosen resume version in a worker; the line under
        the description says how many of the job's key terms the resume carries."""
        self._match_timer = None
        if not self.is_mounted:
            return
        values = self._values()
        chosen = values.get("resume", NO_RESUME)
        resume_id = int(chosen) if chosen.isdigit() else (
            self._current_resume if self._initial is None else None)
        resume = next((r for r in self._resumes if r.id == resume_id), None)
        description, company = values.get("description", ""), values.get("company", "")
        if resume is None or not description.strip():
            self._show_match(None)
            return
        self.run_worker(partial(self._match, description, company, resume), thread=True,
                        exclusive=True, exit_on_error=False, group="form-match",
                        name="form-match")

    def _match(self, description: str, company: str, resume: MaterialRecord) -> None:
        from bounceback.playbook.keywords import compare, job_profile, summarize

        key = (description, company)
        if self._profile is None or self._profile[0] != key:  # a resume change reuses it
            self._profile = (key, job_profile(description, company))
        summary = summarize(compare(self._profile[1], resume.text))
        self.app.call_from_thread(self._show_match, f"Match with {resume.label}: "
                                                    f"{summary.text}")

    def _show_match(self, line: str | None) -> None:
        for field in self.query("#field-description").results(Field):
            field.set_hint(line)

    def _resume_hint(self) -> None:
        for field in self.query("#field-resume").results(Field):
            if not self._resumes:
                field.set_hint("no resume kept yet: add one under Materials to compare it "
                               "with the job")
            elif field.value == NO_RESUME and self._initial is None:
                field.set_hint("none chosen: the version current on the day it is sent is "
                               "recorded")
            else:
                field.set_hint(None)

    # ---- values ---------------------------------------------------------------------------

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> ApplicationDraft:
        """The draft from what was typed; unreadable dates go into `errors`."""
        stage = Stage(values["stage"]) if "stage" in values else Stage.APPLIED
        texts: dict[str, Any] = {name: values[name] for name, _ in _TEXT_FIELDS + _LONG_FIELDS}
        resume = values.get("resume", NO_RESUME)
        return ApplicationDraft(
            company=texts.pop("company"), role=texts.pop("role"), **texts,
            applied_on=self.read_date(values, "applied_on", errors),
            next_action_on=self.read_date(values, "next_action_on", errors),
            stage=stage,
            resume_id=int(resume) if resume.isdigit() else None,
        )

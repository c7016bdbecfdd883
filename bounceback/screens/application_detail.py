"""One application in full: every field and its stage history with dates."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Footer, Label, Static

from bounceback.clock import local
from bounceback.dates import format_date
from bounceback.screens.application_open import open_edit_form
from bounceback.screens.base import NumberedScreen
from bounceback.screens.keyword_gap import KeywordGapModal, match_line, resume_line
from bounceback.store.errors import StoreError
from bounceback.store.records import ApplicationDetail, RoundRecord
from bounceback.widgets.safe import content, template

if TYPE_CHECKING:
    from bounceback.matching import Fit
    from bounceback.store.db import Store

BUSY = "Could not compare just now (the database is busy); it is tried again when you come back."

__all__ = ["ApplicationDetailScreen", "DetailBody", "open_edit_form"]


class DetailBody(VerticalScroll):
    """The scrolling fields of one application, rebuilt whenever `detail` changes.

    Textual recomposes a widget on its own message queue and awaits the removal of the old
    children before mounting the new ones, so two redraws can never overlap (ids stay unique).
    """

    detail: reactive[ApplicationDetail | None] = reactive(None, recompose=True)
    rounds: reactive[tuple[RoundRecord, ...]] = reactive((), recompose=True)

    def __init__(self, build: Callable[[ApplicationDetail], list[Widget]], id: str) -> None:
        """`build` turns a detail into the widgets to show."""
        super().__init__(id=id)
        self._build = build

    def compose(self) -> ComposeResult:
        """The fields, once a detail is set."""
        if self.detail is not None:
            yield from self._build(self.detail)


class ApplicationDetailScreen(NumberedScreen):
    """Read-only view of one application; `e` edits, escape goes back."""

    HELP_TITLE = "Application"
    MODE_NAME = "pipeline"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="detail-back"),
        Binding("e", "edit", "Edit", id="detail-edit", tooltip="Edit this application"),
        Binding("k", "keywords", "Keyword gap", id="detail-keywords",
                tooltip="The job's key terms against your resume: missing, under another name, "
                        "present"),
        Binding("a", "again", "Reuse research", id="detail-reuse",
                tooltip="Start a new application for a similar role, carrying over what you "
                        "choose (company, contact, notes…)"),
        Binding("i", "round", "Round", id="detail-round",
                tooltip="Write up an interview round: who, how it went, the questions asked"),
        Binding("I", "fix_round", "Fix a round", show=False, id="detail-fix-round",
                tooltip="Change a round you wrote up (picks one when there are several)"),
        Binding("x", "remove_round", "Remove a round", show=False, id="detail-remove-round",
                tooltip="Remove a round you wrote up (asks first)"),
    ]

    def __init__(self, app_id: int) -> None:
        """Show application `app_id` (loaded on every resume)."""
        super().__init__()
        self.app_id = app_id
        self.detail: ApplicationDetail | None = None
        self.rounds: tuple[RoundRecord, ...] = ()
        self._match: Content = Content.styled("…", "$text-muted")
        self._resume: Content = Content.styled("…", "$text-muted")

    def compose(self) -> ComposeResult:
        """Mode bar, a scrolling body, the footer."""
        yield self.mode_bar()
        yield DetailBody(self._widgets, id="detail-body")
        yield Footer()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Load fresh (an edit may just have happened); the body redraws only on a change."""
        loaded = self.attempt(self.store.applications.get, self.app_id,
                              gone="That application no longer exists.")
        if not loaded.ok:
            if loaded.missing and self.is_current:
                self.app.pop_screen()
            return
        self.detail = loaded.value
        rounds = self.attempt(self.store.interviews.rounds_for, self.app_id)
        self.rounds = tuple(rounds.value) if rounds.ok else ()
        body = self.query_one(DetailBody)
        body.detail = self.detail
        body.rounds = self.rounds
        self.refresh_bindings()
        body.focus()
        self.run_worker(partial(self._fit, self.store, self.detail), thread=True,
                        exclusive=True, exit_on_error=False, group="detail-match",
                        name="detail-match")

    def _fit(self, store: Store, detail: ApplicationDetail) -> None:
        """In a worker: the job's key terms against the resume that went out (cached profile)."""
        from bounceback.matching import Fit, fit_for

        try:
            fit = fit_for(store, detail)
        except StoreError:  # busy, or gone meanwhile: say so on the line, no toast
            fit = Fit(None, reason=BUSY)
        self.app.call_from_thread(self._show_match, detail, fit)

    def _show_match(self, detail: ApplicationDetail, fit: Fit) -> None:
        if detail != self.detail:
            return  # an older load: the newer one draws its own
        self._match = match_line(fit)
        self._resume = resume_line(fit.resume)
        for line in self.query("#detail-match").results(Static):
            line.update(self._match)
        for line in self.query("#detail-resume").results(Static):
            line.update(self._resume)

    @staticmethod
    def _fact(label: str, value: Content) -> Content:
        return Content.assemble((f"{label:>12}  ", "$text-muted"), value)

    def _widgets(self, d: ApplicationDetail) -> list[Widget]:
        today = self.today()
        out: list[Widget] = [
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
            out.append(Static(self._fact(label, content(value)), classes="detail-fact"))
        for label, line, name in (("Resume sent", self._resume, "detail-resume"),
                                  ("Match", self._match, "detail-match")):
            # its own column, so a long line wraps under itself and not under the labels
            out.append(Horizontal(Static(self._fact(label, Content()), classes="detail-label"),
                                  Static(line, id=name, classes="detail-value"),
                                  classes="detail-fact-row"))
        out.extend(self._round_widgets())
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

    def _round_widgets(self) -> list[Widget]:
        """Each round: date · kind · how it went · who, then its shaky questions."""
        from bounceback.screens.round_form import round_title

        rounds = self.rounds
        keys = "(i writes one up, I fixes, x removes)" if rounds else "(i writes one up)"
        out: list[Widget] = [Label(Content.assemble(("Interview rounds", "bold"), "  ",
                                                    (keys, "$text-muted")),
                                   classes="detail-heading", id="detail-rounds-heading")]
        if not rounds:
            out.append(Static(Content.styled(
                "None written up yet. After a round, note who was in it, how it went and the "
                "questions you remember: the final-round detective learns from them.",
                "$text-muted"), classes="detail-text"))
        for r in rounds:
            shaky = [q.text for q in r.questions if q.shaky]
            count = f"  ({len(r.questions)} question{'s' * (len(r.questions) != 1)}" + (
                f", {len(shaky)} shaky)" if shaky else ")") if r.questions else ""
            out.append(Static(Content.assemble(round_title(r), (count, "$text-muted")),
                              classes="detail-round"))
            for text in shaky:
                out.append(Static(Content.assemble(("    shaky: ", "$text-warning"), content(text)),
                                  classes="detail-round-question"))
        return out

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Fixing or removing a round needs one to be written up."""
        if action in {"fix_round", "remove_round"}:
            return bool(self.rounds)
        return True

    def _pick_round(self, title: str, then: Callable[[RoundRecord], None]) -> None:
        """The only round, or the one picked (newest first)."""
        from bounceback.screens.modals import PickerModal
        from bounceback.screens.round_form import round_title

        rounds = list(reversed(self.rounds))
        if len(rounds) == 1:
            then(rounds[0])
            return

        def picked(record: RoundRecord | None) -> None:
            if record is not None:
                then(record)

        self.app.push_screen(PickerModal(Content(title), [(r, round_title(r)) for r in rounds],
                                         0), picked)

    def action_round(self) -> None:
        """Write up a new interview round of this application."""
        from bounceback.screens.round_form import open_round_form

        if self.detail is not None:
            open_round_form(self, self.detail.id, self.detail.company)

    def action_fix_round(self) -> None:
        """Change a round already written up."""
        from bounceback.screens.round_form import open_round_form

        detail = self.detail
        if detail is not None:
            self._pick_round("Fix which round?", lambda r: open_round_form(
                self, detail.id, detail.company, r))

    def action_remove_round(self) -> None:
        """Remove a round (asks first)."""
        from bounceback.screens.round_form import delete_round

        self._pick_round("Remove which round?", lambda r: delete_round(
            self, r, self._rounds_changed))

    def _rounds_changed(self) -> None:
        rounds = self.attempt(self.store.interviews.rounds_for, self.app_id)
        if rounds.ok:
            self.rounds = tuple(rounds.value)
            self.query_one(DetailBody).rounds = self.rounds
            self.refresh_bindings()

    def action_edit(self) -> None:
        """Edit this application."""
        if self.detail is not None:
            open_edit_form(self, self.detail)

    def action_keywords(self) -> None:
        """The keyword gap of this application against its resume (or another version)."""
        if self.detail is not None:
            self.app.push_screen(KeywordGapModal(self.detail))

    def action_again(self) -> None:
        """A new application for a similar role, with the research chosen carried over."""
        from bounceback.screens.reuse_research import reuse_research

        if self.detail is not None:
            reuse_research(self, self.detail, lambda _saved: None)

"""Step 4, Detective: what kind of "no" this was, likely causes with fixes, and the pattern."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Label, OptionList, SelectionList, TextArea

from bounceback.domain import BounceStep, RejectionKind
from bounceback.playbook.triage import KIND_SUMMARY, causes_for, kind_headline, pattern
from bounceback.screens.bounce.base import FlowStep
from bounceback.screens.bounce.evidence import Evidence, EvidencePanel, load_evidence, with_fix
from bounceback.screens.bounce.rounds_evidence import (
    RoundsEvidence,
    RoundsPanel,
    load_rounds_evidence,
)
from bounceback.store.records import RejectionRecord
from bounceback.widgets.safe import content, template

if TYPE_CHECKING:
    from bounceback.store.db import Store


def stage_line(case: RejectionRecord) -> str:
    """"It got as far as interviewing (2 rounds)"."""
    rounds = case.interview_rounds
    extra = f" ({rounds} interview round{'s' if rounds != 1 else ''})" if rounds else ""
    return f"It got as far as {case.stage_reached.label}{extra}."


class DetectiveScreen(FlowStep):
    """Read the data: the kind (overridable), a checklist of causes, lessons, next step."""

    STEP = BounceStep.DETECTIVE
    HELP_TITLE = "Detective"
    LOADS = True  # the evidence: the job's words (early) or the interview rounds (final)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next_step", "Next: feedback", id="detective-next", priority=True,
                tooltip="Save and draft a feedback request"),
        Binding("k", "override", "Change kind", id="detective-override",
                tooltip="Disagree with the classification? Pick the kind and say why"),
        Binding("w", "better_answer", "Better answer", id="detective-answer",
                tooltip="Write a better answer to the highlighted question (kept in your "
                        "answer bank)"),
        Binding("b", "answer_bank", "Answer bank", show=False, id="detective-bank",
                tooltip="Open the answer bank: every answer you prepared, searchable"),
        Binding("escape", "leave", "Later", show=False, id="detective-leave",
                tooltip="Leave the flow; the case keeps its place"),
    ]

    def __init__(self, case_id: int) -> None:
        """The detective step of case `case_id`."""
        super().__init__(case_id)

    def compose(self) -> ComposeResult:
        """Verdict on the process (never the person), checklist, notes, pattern."""
        case = self.case()
        self.text_autosave("detective-lessons", "lessons", "Your lessons", case.lessons)
        self.text_autosave("detective-next-steps", "next_steps", "Your next step",
                           case.next_steps)
        yield self.step_bar()
        with VerticalScroll(id="detective-body"):
            yield Label("", id="detective-kind")
            yield Label("", id="detective-explain")
            yield Label("", id="detective-pattern")
            yield Label(Content.styled(
                "What might have played a part? Tick what fits (space); each comes with a fix.",
                "bold"), classes="detective-heading")
            yield SelectionList[str](id="detective-causes")
            yield Label("", id="detective-fix")
            yield EvidencePanel()
            yield RoundsPanel()
            yield Label(Content.styled("Lessons — what you'd keep or change", "bold"),
                        classes="detective-heading")
            yield TextArea(case.lessons, id="detective-lessons", soft_wrap=True,
                           tab_behavior="focus")
            yield Label(Content.styled("One next step you control", "bold"),
                        classes="detective-heading")
            yield TextArea(case.next_steps, id="detective-next-steps", soft_wrap=True,
                           tab_behavior="focus")
        yield Footer()

    def on_mount(self) -> None:
        """Fill in from the stored case; the evidence is compared in a worker."""
        self._show(self.case())
        self.query_one("#detective-causes").focus()

    def load(self, store: Store, today: date, **options: Any
             ) -> Evidence | RoundsEvidence | None:
        """In a worker: the early-stage evidence, or the final-round one (None for a mid no)."""
        case = store.rejections.get(self.case_id)
        if case.kind is RejectionKind.EARLY:
            return load_evidence(store, case)
        if case.kind is RejectionKind.FINAL:
            return load_rounds_evidence(store, case)
        return None

    def show(self, data: Any, **options: Any) -> None:
        """Draw the evidence, ticking the fixes already in the next steps."""
        if isinstance(data, RoundsEvidence):
            self.query_one(RoundsPanel).show(data)
        elif isinstance(data, Evidence):
            panel = self.query_one(EvidencePanel)
            panel.show(data, self.query_one("#detective-next-steps", TextArea).text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The answer keys belong to a final-round case."""
        if action in {"better_answer", "answer_bank"}:
            return self.is_mounted and self.query_one(RoundsPanel).display
        return True

    @on(OptionList.OptionHighlighted, "#rounds-questions")
    def _question_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one(RoundsPanel).show_answer(event.option_index)

    def action_better_answer(self) -> None:
        """Write (or improve) the answer to the highlighted question; the panel then reloads."""
        from bounceback.screens.answer_bank import open_answer_form

        item = self.query_one(RoundsPanel).highlighted()
        open_answer_form(self, item.text if item is not None else "", item.answer if item else None,
                         lambda saved: self.reload() if saved is not None else None)

    def action_answer_bank(self) -> None:
        """Open the answer bank over the flow."""
        from bounceback.screens.answer_bank import open_answer_bank

        open_answer_bank(self.app)

    @on(SelectionList.SelectionHighlighted, "#evidence-fixes")
    def _fix_highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self.query_one(EvidencePanel).show_why(event.selection_index)

    @on(SelectionList.SelectionToggled, "#evidence-fixes")
    def _fix_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        """A ticked fix becomes a line of the next steps (saved like typing); untick removes it."""
        fix = self.query_one(EvidencePanel).fix(event.selection.value)
        if fix is None:
            return
        area = self.query_one("#detective-next-steps", TextArea)
        on = event.selection.value in event.selection_list.selected
        new = with_fix(area.text, fix, on)
        if new != area.text:
            area.replace(new, (0, 0), area.document.end)

    def _show(self, case: RejectionRecord) -> None:
        early = case.kind is RejectionKind.EARLY
        final = case.kind is RejectionKind.FINAL
        panel = self.query_one(EvidencePanel)
        rounds = self.query_one(RoundsPanel)
        if (early and (panel.evidence is None or not panel.display)
                or final and (rounds.evidence is None or not rounds.display)):
            self.reload()
        panel.display = early
        rounds.display = final
        self.refresh_bindings()
        summary = KIND_SUMMARY[case.kind]
        self.query_one("#detective-kind", Label).update(template(
            "[b]$title[/b] [dim]($gloss)[/dim]  $stage",
            title=summary.title, gloss=summary.gloss, stage=stage_line(case)))
        explain = summary.explanation
        if case.kind_override_reason:
            explain += f"\nYou changed the kind: {case.kind_override_reason}"
        self.query_one("#detective-explain", Label).update(content(explain))
        found = pattern(self.store.rejections.recent_kinds(8))
        self.query_one("#detective-pattern", Label).update(
            content(found.message) if found is not None else
            Content.styled("A pattern needs a few more cases before it means anything.",
                           "$text-muted"))
        causes = self.query_one("#detective-causes", SelectionList)
        causes.clear_options()
        for cause in causes_for(case.kind):
            tag = "  (outside your control)" if cause.out_of_control else ""
            label = Content.assemble(cause.label, Content.styled(tag, "$text-muted"))
            causes.add_option((label, cause.key, cause.key in case.causes))
        causes.highlighted = 0
        self._show_fix(0)

    def _show_fix(self, index: int | None) -> None:
        causes = causes_for(self.case().kind)
        if index is None or not 0 <= index < len(causes):
            return
        self.query_one("#detective-fix", Label).update(
            template("[b]The fix:[/b] $fix", fix=causes[index].fix))

    @on(SelectionList.SelectionHighlighted, "#detective-causes")
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        self._show_fix(event.selection_index)

    @on(SelectionList.SelectedChanged, "#detective-causes")
    def _causes(self, event: SelectionList.SelectedChanged[str]) -> None:
        chosen = list(event.selection_list.selected)
        kind = self.case().kind
        outside = [c.key for c in causes_for(kind) if c.out_of_control and c.key in chosen]
        self.save(causes=chosen, out_of_control=outside)

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        for autosave in self.autosaves:
            if autosave.box is event.text_area:
                autosave.typed()

    def action_override(self) -> None:
        """Pick another kind, then say why."""
        from bounceback.screens.modals import PickerModal, TextPromptModal

        case = self.case()

        def reason_given(kind: RejectionKind, reason: str | None) -> None:
            if reason is None:
                return
            if self.save(kind=kind, kind_override_reason=reason, causes=[], out_of_control=[]):
                self._show(self.case())

        def picked(kind: RejectionKind | None) -> None:
            if kind is None or kind is case.kind:
                return
            self.app.push_screen(
                TextPromptModal(Content("Why is it a different kind? (one line, for future you)"),
                                placeholder="e.g. they never read past the take-home"),
                lambda reason: reason_given(kind, reason),
            )

        choices = [(k, Content(kind_headline(k))) for k in RejectionKind]
        self.app.push_screen(
            PickerModal(Content("What kind of no was it?"), choices,
                        list(RejectionKind).index(case.kind)),
            picked,
        )

    def action_next_step(self) -> None:
        """Save and go to the feedback request."""
        self.go_next()

    def action_leave(self) -> None:
        """Leave the flow."""
        def leave() -> None:
            self.app.pop_screen()

        self.leave_then(leave)

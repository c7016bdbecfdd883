"""Step 6, Keep moving: the pipeline after this "no", what to send next, today's goals."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from bounceback.domain import BounceStep, Stage
from bounceback.playbook.goals import targets_by_day
from bounceback.playbook.health import HealthLevel
from bounceback.playbook.pipeline import send_next, summary
from bounceback.playbook.triage import CHECK_BACK_DAYS, check_back_action, door_open_causes
from bounceback.screens.bounce.base import FlowStep
from bounceback.screens.pipeline_data import judge_store
from bounceback.store.drafts import ApplicationDraft
from bounceback.widgets.safe import template

NEXT_UP = 5
"""How many saved applications to suggest sending next."""


class KeepMovingScreen(FlowStep):
    """Pipeline health, the saved applications to send next, today's goals; enter → Pipeline."""

    STEP = BounceStep.MOVING
    HELP_TITLE = "Keep moving"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+s", "finish", "Back to the Pipeline", id="moving-finish",
                priority=True, tooltip="Close the flow and return to your applications"),
        # not priority: on the "send next" list, enter opens the highlighted application first
        Binding("enter", "finish", "Back to the Pipeline", show=False, id="moving-enter",
                tooltip="With nothing to open here, enter closes the flow too"),
        Binding("b", "check_back", "Check back later", id="moving-check-back",
                tooltip="The door may reopen: a dated check-back on Today when it is due"),
    ]

    def compose(self) -> ComposeResult:
        """Health first, then the next sends, then goals."""
        yield self.step_bar()
        yield VerticalScroll(id="moving-body")
        yield Footer()

    def on_mount(self) -> None:
        """The case is done; show what is still moving."""
        self.save(flow_step=BounceStep.DONE.value)
        settings = self.store.settings.get()
        judged = judge_store(self.store, self.today(), settings)
        health = summary(judged).health(settings.min_active)
        saved = send_next(judged)
        body = self.query_one("#moving-body", VerticalScroll)
        tone = "$success" if health.level is HealthLevel.OK else "$warning"
        widgets: list[Static | Label | OptionList] = [
            Label(Content.styled(
                "One \"no\" is one data point. Here's what is still in motion.", "bold")),
            Label(Content.styled(health.message, tone), id="moving-health"),
            Label(Content.styled("Send next", "bold $accent"), classes="moving-heading"),
        ]
        if saved:
            widgets.append(OptionList(*[
                Option(template("[b]$company[/b] — $role", company=r.company, role=r.role),
                       id=str(r.id))
                for r in saved[:NEXT_UP]
            ], id="moving-saved"))
        else:
            widgets.append(Label("Nothing saved yet: find two roles worth tailoring for today."))
        today = self.today()
        widgets += self._door_open(today)
        goals = [g for g in self.store.goals.for_day(today)
                 if targets_by_day(g.plans, today, today)]
        if goals:
            widgets.append(Label(Content.styled("Today's goals", "bold $accent"),
                                 classes="moving-heading"))
            widgets += [
                Static(template("• $title: $count / $target $unit", title=g.title,
                                count=str(g.count), target=str(g.target), unit=g.unit),
                       classes="moving-goal")
                for g in goals
            ]
        widgets.append(Label(Content.styled(
            "The best time to send the next one is today. Enter opens one; ctrl+s (or escape) "
            "takes you to the Pipeline." if saved else
            "The best time to send the next one is today. Enter takes you to the Pipeline.",
            "$text-muted"), classes="moving-heading"))
        body.mount_all(widgets)
        if saved:
            self.call_after_refresh(self.query_one("#moving-saved").focus)

    def _door_open(self, today: date) -> list[Static | Label | OptionList]:
        """When a ticked cause may reopen (budget, internal candidate, role paused): offer
        a dated check-back, in the playbook's words "keep the door open"."""
        causes = door_open_causes(self.case().causes)
        if not causes:
            return []
        when = today + timedelta(days=CHECK_BACK_DAYS)
        return [
            Label(Content.styled("Keep the door open", "bold $accent"), classes="moving-heading"),
            Static(template(
                "$cause: roles like this often come back. [b]b[/b] puts \"check back with "
                "$company\" on Today for $when (in 3 months).", cause=causes[0].label,
                company=self.case().company, when=f"{when:%b} {when.day}, {when.year}"),
                id="moving-door"),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`b` only when a ticked cause leaves the door open."""
        if action == "check_back":
            return bool(door_open_causes(self.case().causes))
        return True

    def action_check_back(self) -> None:
        """Choose where the check-back goes: a new saved application, or an open one there."""
        from bounceback.screens.modals import PickerModal

        case = self.case()
        fold = case.company.casefold().strip()
        open_there = [r for r in self.store.applications.rows()
                      if r.company.casefold().strip() == fold and not r.stage.is_closed]
        choices: list[tuple[int, Content]] = [
            (0, template("As a new saved application for $company", company=case.company))]
        choices += [(r.id, template("On your application: $role ($stage)", role=r.role,
                                    stage=r.stage.label)) for r in open_there]
        self.app.push_screen(PickerModal(Content("Where should the check-back go?"), choices),
                             self._check_back_to)

    def _check_back_to(self, target: int | None) -> None:
        if target is None:
            return
        case = self.case()
        when = self.today() + timedelta(days=CHECK_BACK_DAYS)
        action = check_back_action(case.company, door_open_causes(case.causes))
        store = self.store
        if target == 0:
            outcome = self.attempt(store.applications.create, ApplicationDraft(
                company=case.company, role=case.role or "(role to be seen)", stage=Stage.SAVED,
                next_action=action, next_action_on=when,
                notes=f"A no on {case.received_on.isoformat()}; the door may open again."))
        else:
            outcome = self.attempt(store.applications.set_next_action, target, action, when)
        if outcome.ok:
            self.say(f"Check-back set for {when:%b} {when.day}: Today shows it when it is due.")

    @on(OptionList.OptionSelected, "#moving-saved")
    def _open(self, event: OptionList.OptionSelected) -> None:
        """Enter on a "send next" application opens it."""
        from bounceback.screens.application_detail import ApplicationDetailScreen

        if event.option.id is not None:
            self.app.push_screen(ApplicationDetailScreen(int(event.option.id)))

    def action_finish(self) -> None:
        """Close the flow and show the Pipeline itself, never a step left behind there.

        A flow the person walked away from mid-way (the palette, a digit) may still sit on the
        Pipeline's stack; it is closed (its text written first), and its case stays paused for
        Today to offer.
        """
        self.app.pop_screen()
        if self.bb.current_mode != "pipeline":
            self.bb.action_go("pipeline")
        for screen in reversed(self.app.get_screen_stack("pipeline")[1:]):
            if not isinstance(screen, FlowStep):
                break
            screen.flush_pending()
            self.app.pop_screen()

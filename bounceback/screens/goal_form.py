"""The goal form: a small daily goal, new or edited, with inline errors and nothing typed lost."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select

from bounceback.domain import GoalSource
from bounceback.playbook.goals import DAILY_RRULE, WEEKDAYS_RRULE, describe_days
from bounceback.screens.draft_form import DraftForm
from bounceback.store.drafts import Check
from bounceback.store.goals import GoalDraft
from bounceback.store.records import GoalRecord
from bounceback.widgets.form import Field

SaveFn = Callable[[GoalDraft, bool], GoalRecord]
"""Persist a valid draft (the screen binds create or update); goals have no version to force."""

_DAYS = (("every day", DAILY_RRULE), ("weekdays", WEEKDAYS_RRULE), ("custom rule", "custom"))
_BY_HAND = "hand"
RULE_EXAMPLE = "FREQ=WEEKLY;BYDAY=MO,WE,FR"


class GoalForm(DraftForm[GoalDraft, GoalRecord]):
    """Add or edit a goal. ctrl+s saves, escape cancels (asking if anything changed)."""

    AUTO_FOCUS = "#goal-title"
    DRAFT_FORM = "goal"
    THING = "this goal"

    def __init__(self, save: SaveFn, check: Check, initial: GoalRecord | None = None) -> None:
        """`save` persists; `initial` is the goal being edited (None for a new one)."""
        super().__init__(save, check)
        self._initial = initial

    def draft_target(self) -> tuple[int | None, int | None]:
        """The goal being edited, if any (goals have no version)."""
        return (self._initial.id if self._initial is not None else None), None

    def compose(self) -> ComposeResult:
        """Title; target and unit; which days (and the custom rule); how it is counted."""
        g = self._initial
        days, rule = DAILY_RRULE, ""
        if g is not None:
            described = describe_days(g.rrule)
            days = {"every day": DAILY_RRULE, "weekdays": WEEKDAYS_RRULE}.get(described, "custom")
            rule = g.rrule if days == "custom" else ""
        source = g.auto_source.value if g is not None and g.auto_source is not None else _BY_HAND
        with Vertical(id="form-box"):
            yield Label(Content.styled("New goal" if g is None else "Edit goal", "bold"),
                        id="form-title")
            yield Label("", id="form-banner")
            yield Field("Goal *  (small, concrete, yours to do)",
                        Input(g.title if g else "", id="goal-title",
                              placeholder="e.g. Send one networking email"), name="title")
            with Horizontal(classes="form-row"):
                yield Field("Target per day *", Input(str(g.target) if g else "1",
                                                      id="goal-target"), name="target")
                yield Field("Unit", Input(g.unit if g else "", id="goal-unit",
                                          placeholder="e.g. emails, minutes"), name="unit")
            with Horizontal(classes="form-row"):
                yield Field("Which days", Select(
                    [(label, value) for label, value in _DAYS], value=days, allow_blank=False,
                    id="goal-days"), name="days")
                yield Field("Counted", Select(
                    [("by hand (+ / - on Today)", _BY_HAND)]
                    + [(f"by itself: {s.label}", s.value) for s in GoalSource],
                    value=source, allow_blank=False, id="goal-source"), name="auto_source")
            yield Field(f"Custom rule (an RRULE, e.g. {RULE_EXAMPLE})",
                        Input(rule, id="goal-rule", placeholder=RULE_EXAMPLE), name="rrule")
            yield Footer()

    def on_mount(self) -> None:
        """The rule box shows only for a custom rule."""
        self._show_rule()

    @on(Select.Changed, "#goal-days")
    def _show_rule(self) -> None:
        for field in self.query("#field-rrule").results(Field):
            field.display = self._days() == "custom"

    def _days(self) -> str:
        value = self.query_one("#goal-days", Select).value
        return str(value) if value is not Select.BLANK else DAILY_RRULE

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> GoalDraft:
        """The draft from what was typed; a target or a rule that cannot be read goes into
        `errors`, shown with whatever else the goal's rules find."""
        target_text = values["target"].strip().replace(",", "")
        if not target_text.isdigit():
            errors["target"] = "Target: a whole number, like 1 or 30."
        days = self._days()
        rule = values["rrule"] if days == "custom" else days
        if days == "custom" and not rule.strip():
            errors["rrule"] = f"Type a rule, for example {RULE_EXAMPLE}."
        source = values["auto_source"]
        return GoalDraft(
            title=values["title"], target=int(target_text) if target_text.isdigit() else 1,
            unit=values["unit"], rrule=rule,
            auto_source=None if source in ("", _BY_HAND) else GoalSource(source),
        )

    def gone_line(self) -> str:
        """The goal was retired or removed elsewhere."""
        return "This goal no longer exists; escape closes the form."

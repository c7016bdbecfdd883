"""A small form for logging a time you helped someone (`h` on Wins), or fixing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Label, Select, TextArea

from bounceback.domain import HelpKind
from bounceback.screens.draft_form import DraftForm
from bounceback.widgets.form import Field

if TYPE_CHECKING:
    from bounceback.store.drafts import Check
    from bounceback.store.help_acts import HelpDraft
    from bounceback.store.records import HelpActRecord


class HelpForm(DraftForm["HelpDraft", "HelpActRecord"]):
    """Who, what, which kind, when (empty: today)."""

    AUTO_FOCUS = "#input-who"
    DATE_FIELDS = ("happened_on",)
    THING = "this entry"
    DRAFT_FORM = "help"

    def __init__(
        self,
        save: Callable[[HelpDraft, bool], HelpActRecord],
        check: Check,
        initial: HelpActRecord | None = None,
    ) -> None:
        """`initial` is the act being fixed (None to log a new one)."""
        super().__init__(save, check)
        self._initial = initial

    def draft_target(self) -> tuple[int | None, int | None]:
        """The act being fixed, if any (acts have no version)."""
        return (self._initial.id if self._initial is not None else None), None

    def compose(self) -> ComposeResult:
        """Who; what; kind and when."""
        a = self._initial
        with Vertical(id="form-box"):
            yield Label(Content.styled(
                "You helped someone" if a is None else "Fix this entry", "bold"), id="form-title")
            yield Label("", id="form-banner")
            with Vertical(id="form-body"):
                yield Field("Who did you help? *", Input(
                    a.who if a else "", id="input-who",
                    placeholder="e.g. Sam, a former teammate"), name="who")
                yield Field("What did you do?", TextArea(
                    a.what if a else "", id="input-what", soft_wrap=True, tab_behavior="focus",
                ), name="what")
                with Horizontal(classes="form-row"):
                    yield Field("Kind", Select(
                        [(k.label, k.value) for k in HelpKind],
                        value=(a.kind if a else HelpKind.MENTORING).value, allow_blank=False,
                        id="input-kind"), name="kind")
                    yield Field("When", Input(
                        a.happened_on.isoformat() if a else "", id="input-happened_on",
                        placeholder="empty: today, or Nov 20"), name="happened_on")
            yield Footer()

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> HelpDraft:
        """Read the fields; an unreadable date is refused where it was typed."""
        from bounceback.store.help_acts import HelpDraft

        happened_on = self.read_date(values, "happened_on", errors)
        return HelpDraft(who=values["who"], what=values["what"], kind=HelpKind(values["kind"]),
                         happened_on=happened_on)

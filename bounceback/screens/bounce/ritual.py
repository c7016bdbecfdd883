"""Step 3, Ritual: do the thing you planned for this moment, re-rate, then see your evidence."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from bounceback.domain import BounceStep
from bounceback.playbook.daily import rotate
from bounceback.playbook.rituals import (
    MIN_USES,
    RitualEffect,
    best_ritual,
    effect_text,
    ritual_effects,
    ritual_offer,
)
from bounceback.playbook.wins import pick_wins
from bounceback.screens.bounce.base import FlowStep
from bounceback.screens.bounce.flow import after_ritual
from bounceback.store.errors import StoreError, ValidationError
from bounceback.store.records import WinCard
from bounceback.widgets.intensity import IntensityScale
from bounceback.widgets.safe import content, one_line, template


class RitualScreen(FlowStep):
    """Offered rituals in rotation; enter marks one done; a digit re-rates; three wins."""

    STEP = BounceStep.RITUAL
    HELP_TITLE = "Ritual"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next_step", "Next: detective", id="ritual-next", priority=True,
                tooltip="Save and look at what this rejection says"),
        Binding("ctrl+s", "window_next", "Next: wallow window", id="ritual-window",
                priority=True, tooltip="You asked for the ritual first: now the wallow window"),
        Binding("h", "log_help", "Log help", id="ritual-log-help",
                tooltip="Log a time you helped someone (Wins' help log)"),
        Binding("e", "edit_rituals", "Edit rituals", id="ritual-edit",
                tooltip="Add, rename, reorder or retire your rituals"),
        Binding("escape", "leave", "Later", show=False, id="ritual-leave",
                tooltip="Leave the flow; the case keeps its place"),
        *[Binding(str(n), f"rate({n})", f"Rate {n}", show=False, id=f"ritual-rate-{n}")
          for n in range(10)],
    ]

    def __init__(self, case_id: int) -> None:
        """The ritual step of case `case_id`."""
        super().__init__(case_id)
        self._done: int | None = None
        self._window_waits = False  # the ritual came first (ctrl+r): the window follows it

    def compose(self) -> ComposeResult:
        """Rituals, the re-rating, and the wins (or a quick add when there are none)."""
        case = self.case()
        # ritual_first keeps the window's length on the case until the window starts
        self._window_waits = case.window_minutes is not None and case.window_opens_at is None
        yield self.step_bar()
        with VerticalScroll(id="ritual-body"):
            yield Label(Content.styled("Now the thing you planned for moments like this.", "bold"))
            yield Label("Pick one, go and do it, then press enter on it.", classes="ritual-hint")
            yield OptionList(id="ritual-options")
            yield Label("", id="ritual-best")
            yield Label("", id="ritual-done")
            yield Label(template(
                "How strong is it now, 0–10? [dim](before: $before)[/dim]",
                before=str(case.intensity_before) if case.intensity_before is not None else "—",
            ), classes="ritual-label")
            yield IntensityScale(case.intensity_after, id="ritual-intensity")
            yield Label(Content.styled("Evidence, not opinion: things you have done well",
                                       "bold"), id="ritual-wins-title")
            yield Vertical(id="ritual-wins")
            yield Label(self._strength(), id="ritual-strength")
            yield Label(Content.assemble(
                Content.styled("Then help someone: ", "bold"),
                "an intro, a resume read, ten minutes of advice. It is the fastest way back to "
                "feeling useful. ", Content.styled("h logs it.", "$text-muted")),
                id="ritual-help")
        yield Footer()

    def _strength(self) -> Content:
        """One strength (worth, not work): today's, as Today picks it."""
        strengths = self.store.strengths.all()
        index = rotate(len(strengths), self.today())
        if index is None:
            return Content.styled("Add a strength no job title gives you on Wins (4).",
                                  "$text-muted")
        chosen = strengths[index]
        return template("[b]And who you are:[/b] [b $accent]♦[/] $text [dim]($kind)[/dim]",
                        text=one_line(chosen.text, 200), kind=chosen.kind.value)

    def on_mount(self) -> None:
        """Fill the offer and the wins."""
        self._fill_offer()
        try:
            wins = self.store.wins.show(pick_wins, 3)
        except StoreError:  # busy: the same pick, not remembered as shown this time
            wins = self.store.wins.show(pick_wins, 3, remember=False)
        self._show_wins(wins)
        self.query_one("#ritual-options").focus()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """The ritual editor may have changed the list."""
        if self.is_mounted:
            self._fill_offer()

    def _fill_offer(self) -> None:
        rituals = {r.id: r for r in self.store.rituals.all()}
        offer = ritual_offer(list(rituals), self.store.rituals.last_done_id(), count=5)
        effects = {e.ritual_id: e for e in ritual_effects(self.store.rituals.effect_rows())}
        best = best_ritual([e for e in effects.values() if e.ritual_id in rituals])
        if best is not None and best.ritual_id not in offer:
            offer = [best.ritual_id, *offer[:4]]  # what helps most is always on offer
        options = self.query_one("#ritual-options", OptionList)
        options.clear_options()
        options.add_options(
            [Option(self._option(rituals[rid].title, effects.get(rid)), id=str(rid))
             for rid in offer]
            or [Option(Content("No rituals yet — press e to plan one."), disabled=True)]
        )
        options.highlighted = 0
        self.query_one("#ritual-best", Label).update(
            template("[b]What has helped you most:[/b] $title — $effect.",
                     title=rituals[best.ritual_id].title, effect=effect_text(best))
            if best is not None else Content.styled(
                f"After {MIN_USES} rated uses, each ritual shows how much it eases the "
                "feeling for you.", "$text-muted"))

    @staticmethod
    def _option(title: str, effect: RitualEffect | None) -> Content:
        if effect is None:
            return content(title)
        return Content.assemble(content(title),
                                Content.styled(f"  · {effect_text(effect)}", "$text-muted"))

    def _show_wins(self, wins: list[WinCard]) -> None:
        box = self.query_one("#ritual-wins", Vertical)
        box.remove_children()
        if not wins:
            box.mount(Label("Your confidence file is empty. Name one thing you did well — "
                            "any size counts:"),
                      Input(placeholder="e.g. Untangled the release process for my team",
                            id="ritual-quick-win"))
            return
        box.mount_all([
            Static(template(
                "[b]•[/b] $title[dim]$impact  ($category)[/dim]",
                title=w.title, impact=f" — {w.impact}" if w.impact else "",
                category=("pinned, " if w.pinned else "") + w.category.label,
            ), classes="ritual-win")
            for w in wins
        ])

    @on(OptionList.OptionSelected, "#ritual-options")
    def _ritual_done(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        ritual_id = int(event.option.id)
        try:
            self.store.rituals.mark_done(ritual_id, self.case_id)
        except StoreError as exc:
            self.say(exc.message, "error")
            return
        self._done = ritual_id
        self.query_one("#ritual-done", Label).update(template(
            "[b $success]Done:[/] $title. Well done for doing it.",
            title=str(event.option.prompt)))
        self.query_one("#ritual-intensity").focus()

    @on(IntensityScale.Changed, "#ritual-intensity")
    def _rated(self, event: IntensityScale.Changed) -> None:
        if event.value is not None:
            self.save(intensity_after=event.value)

    @on(Input.Submitted, "#ritual-quick-win")
    def _quick_win(self, event: Input.Submitted) -> None:
        try:
            win = self.store.wins.quick_add(event.value)
        except ValidationError as exc:
            self.say(next(iter(exc.errors.values())), "warning")
            return
        except StoreError as exc:
            self.say(exc.message, "error")
            return
        self.say("Added to your confidence file.")
        self._show_wins([win])

    def action_rate(self, value: int) -> None:
        """A digit re-rates the feeling."""
        self.query_one("#ritual-intensity", IntensityScale).set_value(value)

    def action_edit_rituals(self) -> None:
        """Open the ritual editor."""
        from bounceback.screens.ritual_editor import RitualEditor

        self.app.push_screen(RitualEditor())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+s names where it goes: the detective, or the window when the ritual came first."""
        if action == "next_step":
            return not self._window_waits
        if action == "window_next":
            return self._window_waits
        return True

    def action_log_help(self) -> None:
        """Log a time you helped someone (the form Wins' help log uses)."""
        from bounceback.screens.help_log import open_help_form

        open_help_form(self)

    def _add_typed_win(self) -> None:
        for quick in self.query("#ritual-quick-win").results(Input):
            if quick.value.strip():
                quick.post_message(Input.Submitted(quick, quick.value))

    def action_next_step(self) -> None:
        """On to the detective."""
        self._add_typed_win()
        self.go_to(after_ritual(self._window_waits))

    def action_window_next(self) -> None:
        """The ritual came first: now the wallow window, for the length chosen at step 1."""
        self._add_typed_win()
        if not self.settle():
            return
        case = self.case()
        minutes = case.window_minutes or self.store.settings.get().wallow_minutes
        try:
            self.store.wallow.start(self.case_id, minutes)
        except (StoreError, ValidationError) as exc:
            self.say(getattr(exc, "message", str(exc)), "error", timeout=10)
            return
        from bounceback.screens.bounce.wallow import WallowScreen

        self.app.switch_screen(WallowScreen(self.case_id))

    def action_leave(self) -> None:
        """Leave the flow; the case keeps its step."""
        self.app.pop_screen()

    def unsaved_changes(self) -> bool:
        """A first win typed in the quick box and not added yet (quit asks before losing it)."""
        return any(box.value.strip() for box in self.query("#ritual-quick-win").results(Input))

    def flush_pending(self) -> None:
        """Everything else here is saved as it changes."""

"""Screen 1, Today: the morning check-in, today's goals, and what in the search needs you today.

The screen the app opens on. The check-in is entered on purpose and then made for the keyboard:
`c 4 tab <one line> enter` is a whole check-in (digits rate the mood only inside it and switch
screens everywhere else, so a habitual `2` never records a mood). Everything is saved the moment
it changes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import ScreenResume, ScreenSuspend
from textual.widgets import Footer, Label, Static

from bounceback.clock import local
from bounceback.playbook.daily import SOURCE_WHERE, should_celebrate
from bounceback.playbook.wins import pick_wins
from bounceback.screens import today_panels as panels
from bounceback.screens.base import NumberedScreen, hidden
from bounceback.screens.outcome import Outcome, refusal_message
from bounceback.screens.today_checkin import CheckInPanel
from bounceback.screens.today_data import TodayData, count_map, load_today
from bounceback.screens.writes import write_soon
from bounceback.store.checkins import PastDayError
from bounceback.store.errors import NotFoundError, StoreError, ValidationError
from bounceback.store.records import CheckInRecord, GoalDayRecord, GoalRecord, WinCard
from bounceback.widgets.goal_list import GoalList
from bounceback.widgets.record_table import RecordTable
from bounceback.widgets.wallow_timer import WallowTimer

if TYPE_CHECKING:
    from bounceback.store.db import Store

NEW_DAY_CHECK = 60.0
"""Seconds between looks at the clock for midnight while Today is open."""

CELEBRATION = "Every goal for today is done. Small steps, kept: that is how momentum is built."


class WallowPanel(Vertical, can_focus=True):
    """The open wallow window, or the flow paused most recently: `enter` goes on with it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.go_on", "Go on", id="today-wallow-open",
                tooltip="Back to your wallow window, or on with the flow where it paused"),
    ]


class TodayScreen(NumberedScreen):
    """Check-in, today's goals, follow-ups, pipeline health, one win and one strength."""

    MODE_NAME = "today"
    HELP_TITLE = "Today"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "check_in", "Check in", id="today-check-in",
                tooltip="Into the check-in: a digit rates the mood, ⌫ clears it, tab moves on"),
        Binding("w", "another_boost", "Another win", id="today-boost",
                tooltip="Show another win and another strength from your confidence file"),
        Binding("escape", "leave_check_in", "Leave check-in", show=False, id="today-leave",
                tooltip="Leave the check-in (digits switch screens again)"),
        Binding("R", "rest_all", "Rest day", show=False, id="today-rest-all",
                tooltip="Make today a rest day for every goal (again to undo)"),
        Binding("g", "go_on", "Go on with the flow", id="today-go-on",
                tooltip="Back to the wallow window, or on with the flow where it paused"),
    ]

    def __init__(self) -> None:
        """Nothing read yet; the first load happens on mount."""
        super().__init__()
        self.data: TodayData | None = None
        self._win: WinCard | None = None
        self._boost_offset = 0
        self._all_met: bool | None = None
        self._celebrated_on: date | None = None
        self._window_id: int | None = None

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Two columns of panels between the mode bar and the footer."""
        yield self.mode_bar()
        yield Static(id="today-header")
        yield hidden(Static(id="today-rough"))
        with Horizontal(id="today-columns"):
            with Vertical(id="today-left"):
                checkin = CheckInPanel(self._save_mood, self._save_line, self.bb.clock,
                                       refused=self._line_refused, id="today-checkin",
                                       classes="today-panel")
                checkin.border_title = "Check-in"
                yield checkin
                with Vertical(id="today-pipeline", classes="today-panel") as panel:
                    panel.border_title = "Pipeline"
                    yield Static(id="today-health")
                    yield Static(id="today-flags")
                    yield Static(id="today-keep-moving")
                with Vertical(id="today-boost", classes="today-panel") as panel:
                    panel.border_title = "From your confidence file"
                    yield Static(id="today-win")
                    yield Static(id="today-strength")
                    yield Static(id="today-comeback")
            with Vertical(id="today-right"):
                with hidden(WallowPanel(id="today-wallow", classes="today-panel")) as panel:
                    panel.border_title = "Wallow window"
                    yield Label("", id="today-wallow-line")
                with Vertical(id="today-goals", classes="today-panel") as panel:
                    panel.border_title = "Today's goals"
                    yield GoalList("Loading…", id="today-goal-list")
                    yield Label("", id="today-goals-hint")
                with hidden(Vertical(id="today-prep", classes="today-panel")) as panel:
                    panel.border_title = "Before your interviews"
                    yield Static(id="today-prep-lines")
                with Vertical(id="today-followups", classes="today-panel") as panel:
                    panel.border_title = "Follow-ups due"
                    yield RecordTable(panels.FOLLOWUP_COLUMNS, panels.followup_cells,
                                      key=lambda f: f.row.id, empty_message="Loading…",
                                      id="today-followups-table")
        yield Footer()

    @property
    def goal_list(self) -> GoalList:
        """Today's goals."""
        return self.query_one("#today-goal-list", GoalList)

    @property
    def checkin(self) -> CheckInPanel:
        """The check-in panel."""
        return self.query_one(CheckInPanel)

    def on_mount(self) -> None:
        """Read today's check-in at once (one tiny query) so the focus lands in the right place."""
        stored = self.store.checkins.get(self.today())
        self.checkin.fill(stored)
        # never the mood picker: its digit keys would turn a habitual `2` into a mood
        if stored is None or stored.mood is None:
            self.checkin.focus()  # the closed door: "enter or c: check in"
        else:
            self.goal_list.focus()
        self.reload()
        # left open overnight, the screen turns to the new day by itself (no query until then)
        self.set_interval(NEW_DAY_CHECK, self._maybe_new_day)

    def _maybe_new_day(self) -> None:
        if self.data is not None and self.data.day != self.today() and self.is_current:
            self.reload()

    # ---- loading --------------------------------------------------------------------------

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Fresh numbers whenever the screen comes back (a mode switch, a closed modal)."""
        if self.data is not None:
            self.reload()

    def on_screen_suspend(self, _event: ScreenSuspend) -> None:
        """Leaving: write what was typed now rather than a beat later."""
        self.checkin.flush()

    def flush_pending(self) -> None:
        """Quitting: write the check-in lines now, waiting for the lock if it is busy."""
        if self.is_mounted:
            self.checkin.flush_blocking()

    def unsaved_changes(self) -> bool:
        """A check-in line that could not be saved (busy, changed elsewhere): quit asks."""
        return self.is_mounted and self.checkin.unsaved

    def database_reopened(self) -> None:
        """The database was restored elsewhere and reopened: save what waits, read again."""
        if self.is_mounted:
            self.checkin.retry()
        super().database_reopened()

    LOADS = True

    def load(self, store: Store, today: date, *, new_win: bool = False, **_: Any) -> Any:
        """In the worker: everything Today shows, and a win (another one with `new_win`)."""
        data = load_today(store, today)
        win = self._win
        if new_win or win is None or self.data is None or self.data.day != today:
            shown = store.wins.show(pick_wins, 1)
            win = shown[0] if shown else None
        return data, win

    def show(self, data: tuple[TodayData, WinCard | None], **_: Any) -> None:
        """Draw a load; the old numbers stayed on screen meanwhile."""
        self._draw(*data)

    def _draw(self, data: TodayData, win: WinCard | None) -> None:
        checkin = self.checkin
        if self.data is not None and self.data.day != data.day:
            self._all_met = None  # a new day starts unjudged
            checkin.fill(data.checkin)
        elif not checkin.pending and not checkin.query_one("#today-control").has_focus:
            checkin.fill(data.checkin, mood_only=checkin.mood.has_focus)
        self.data, self._win = data, win
        self.query_one("#today-header", Static).update(panels.header(data))
        self._draw_goals()
        table = self.query_one("#today-followups-table", RecordTable)
        table.empty_message = "Nothing due today. The pipeline can wait."
        table.set_rows(list(data.followups))
        self.query_one("#today-followups").border_subtitle = (
            f"{len(data.followups)} · enter opens" if data.followups else "")
        self.query_one("#today-health", Static).update(panels.health(data))
        gentle = data.rough is not None  # a rough patch asks nothing more of the person
        for widget_id, text in (("#today-flags", panels.quiet_flags(data)),
                                ("#today-keep-moving", panels.keep_moving(data)),
                                ("#today-rough", panels.rough_line(data))):
            static = self.query_one(widget_id, Static)
            static.update(text or "")
            static.display = text is not None and (widget_id == "#today-rough" or not gentle)
        self._order_panels(gentle)
        prep = panels.prep_lines(data)
        self.query_one("#today-prep").display = prep is not None
        self.query_one("#today-prep-lines", Static).update(prep or "")
        self._draw_boost()
        self._draw_wallow()

    # ---- drawing --------------------------------------------------------------------------

    def _draw_goals(self) -> None:
        data = self.data
        assert data is not None
        self.goal_list.empty_message = (
            "Nothing scheduled today. Rest counts too (5 changes your goals).")
        self.goal_list.set_lines(data.lines())
        done = data.today_tally()
        hint = "+/- count · space done · r rest day · auto goals count themselves"
        if data.rough is not None:
            hint = "Go gently: R makes today a rest day for every goal. Rest counts."
        if done.all_met:
            hint = "All done for today. Anything more is a bonus."
        self.query_one("#today-goals-hint", Label).update(Content.styled(hint, "$text-muted"))
        self.query_one("#today-goals").border_subtitle = (
            f"{done.met} of {done.due} met" if done.due else "")
        if should_celebrate(self._all_met, done.all_met, self._celebrated_on, data.day):
            self._celebrated_on = data.day
            self.say(CELEBRATION, timeout=6)
        self._all_met = done.all_met

    def _order_panels(self, gentle: bool) -> None:
        """In a rough patch the confidence file comes before the pipeline's numbers."""
        left = self.query_one("#today-left", Vertical)
        boost, pipeline = self.query_one("#today-boost"), self.query_one("#today-pipeline")
        if gentle == (left.children.index(boost) < left.children.index(pipeline)):
            return
        if gentle:
            left.move_child(boost, before=pipeline)
        else:
            left.move_child(boost, after=pipeline)

    def _draw_boost(self) -> None:
        assert self.data is not None
        self.query_one("#today-win", Static).update(panels.win_line(self._win))
        self.query_one("#today-strength", Static).update(
            panels.strength_line(self.data, self._boost_offset))
        comeback = panels.comeback_line(self.data)
        line = self.query_one("#today-comeback", Static)
        line.update(comeback or "")
        line.display = comeback is not None

    def _draw_wallow(self) -> None:
        data = self.data
        assert data is not None
        panel = self.query_one("#today-wallow", WallowPanel)
        window = data.window
        panel.display = window is not None or data.paused is not None or data.planned is not None
        if window is None or self._window_id != window.id:
            for timer in panel.query(WallowTimer):
                timer.remove()
        self.refresh_bindings()
        if window is None and data.planned is not None:
            self._window_id = None
            panel.border_title = "Wallow window, planned"
            panel.border_subtitle = "enter or g: start it now"
            due = data.planned.opens_at <= self.bb.clock.now()
            at = f"{local(self.bb.clock, data.planned.opens_at):%H:%M}"
            self.query_one("#today-wallow-line", Label).update(panels.planned_line(data, at, due))
            return
        if window is None:
            self._window_id = None
            panel.border_title = "Bouncing back, paused"
            panel.border_subtitle = "enter or g: go on"
            self.query_one("#today-wallow-line", Label).update(panels.paused_line(data))
            return
        panel.border_title = "Wallow window"
        over = window.ends_at <= self.bb.clock.now()
        panel.border_subtitle = (
            "enter: on to your ritual" if over else "enter: back to the vent box")
        self.query_one("#today-wallow-line", Label).update(panels.wallow_line(data, over))
        if self._window_id != window.id:
            self._window_id = window.id
            if not over:
                panel.mount(WallowTimer(self.bb.clock, window.ends_at, window.minutes * 60,
                                        feeling=data.window_feeling, id="today-wallow-timer"))

    @on(WallowTimer.DeadlineMoved)
    def _wallow_moved(self, event: WallowTimer.DeadlineMoved) -> None:
        from bounceback.screens.bounce.wallow import remember_deadline

        if self.data is not None and self.data.window is not None:  # the clock was set back
            remember_deadline(self.store, self.data.window, event.timer.ends_at)

    @on(WallowTimer.Finished)
    def _wallow_over(self) -> None:
        # Only words change: focus and whatever is being typed here stay put.
        self.query_one("#today-wallow-line", Label).update(
            Content.styled("Time's up — enter when ready. You gave it its space.",
                           "bold $success"))
        self.query_one("#today-wallow").border_subtitle = "enter: on to your ritual"

    # ---- check-in -------------------------------------------------------------------------

    def _checkin_day(self) -> date:
        return self.today() if self.data is None else self.data.day

    def _save_line(self, field: str, text: str, base: str) -> CheckInRecord:
        """One check-in line, over the text this window last saw stored (any thread)."""
        changes: dict[str, Any] = {field: text}
        return self.store.checkins.save(self._checkin_day(), base={field: base}, **changes)

    def _line_refused(self, error: Exception) -> bool:
        """A new day started while the screen was open: say so, show the new day."""
        if isinstance(error, PastDayError):
            self.say("A new day has started: yesterday's check-in stays as it was.", "warning")
            self.reload()
            return True
        return False

    def _save_mood(self, mood: int | None) -> None:
        """Write today's mood (off the event loop if another window holds the lock)."""
        def done(outcome: Outcome[CheckInRecord]) -> None:
            if outcome.ok:
                if self.is_mounted:
                    self.checkin.show_saved(outcome.value)
            elif outcome.error is not None and not self._line_refused(outcome.error):
                self.say(refusal_message(outcome.error), "error", timeout=10)

        write_soon(self.bb.write_lane, partial(self.store.checkins.save, mood=mood),
                   self._checkin_day(), done=done)

    @on(CheckInPanel.Done)
    def _checked_in(self) -> None:
        self.goal_list.focus()

    def action_check_in(self) -> None:
        """Focus the mood picker."""
        self.checkin.mood.focus()

    def action_leave_check_in(self) -> None:
        """Leave the check-in for the goals (the digits switch screens again)."""
        self.checkin.flush()
        self.goal_list.focus()

    def extra_help_bindings(self) -> list[Binding]:
        """`?` lists the goal keys even while the check-in (not the goal list) has focus."""
        return [b for b in Binding.make_bindings(GoalList.BINDINGS) if b.show]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape only means something in (or at the door of) the check-in."""
        if action == "leave_check_in":
            return self.is_mounted and self.checkin.has_focus_within
        if action == "go_on":
            return self.data is not None and (
                self.data.window is not None or self.data.paused is not None
                or self.data.planned is not None)
        return True

    # ---- goals ----------------------------------------------------------------------------

    def _goal_write(self, goal_id: int, action: Any, *args: Any) -> None:
        """Write one goal day, then redraw the goals from what was stored (no full reload)."""
        data = self.data
        if data is None:
            return
        if data.day != self.today():
            self.reload()
            return
        try:
            record: GoalDayRecord = action(goal_id, data.day, *args)
        except NotFoundError:
            self.say("That goal no longer exists.", "warning")
            self.reload()
            return
        except ValidationError as exc:
            self.say(" ".join(exc.errors.values()), "warning")
            return
        except StoreError as exc:
            self.say(exc.message, "error", timeout=10)
            return
        self.data = replace(data, counts={**data.counts, **count_map([record])})
        self._draw_goals()

    def _goal(self, goal_id: int) -> GoalRecord | None:
        data = self.data
        return next((g for g in data.goals if g.id == goal_id), None) if data else None

    def _counts_itself(self, goal: GoalRecord | None) -> bool:
        """Automatic goals are not counted by hand: say where their count comes from."""
        if goal is None or goal.auto_source is None:
            return False
        self.say(f"This one counts itself: {SOURCE_WHERE[goal.auto_source]}.", timeout=6)
        return True

    @on(GoalList.Adjust)
    def _adjust(self, event: GoalList.Adjust) -> None:
        if not self._counts_itself(self._goal(event.goal_id)):
            self._goal_write(event.goal_id, self.store.goals.adjust, event.delta)

    @on(GoalList.Done)
    def _done(self, event: GoalList.Done) -> None:
        goal = self._goal(event.goal_id)
        if goal is None or self._counts_itself(goal):
            return
        line = next((g for g in self.goal_list.lines if g.goal_id == goal.id), None)
        if line is not None and line.count >= goal.target:
            self.say("Already done. - takes one off if that was a slip.")
            return
        self._goal_write(goal.id, self.store.goals.set_count, goal.target)

    @on(GoalList.RestToggled)
    def _rest(self, event: GoalList.RestToggled) -> None:
        self._goal_write(event.goal_id, self.store.goals.toggle_rest)

    def action_rest_all(self) -> None:
        """Rest day for every goal scheduled today; if they all rest already, undo it."""
        lines = self.goal_list.lines
        resting = bool(lines) and all(line.rest for line in lines)
        for line in lines:
            self._goal_write(line.goal_id, self.store.goals.set_rest, not resting)
        if lines:
            self.say("Back at it: rest day undone." if resting else
                     "Rest day. Nothing is missed today; your habit strength stays where it is.")

    # ---- elsewhere ------------------------------------------------------------------------

    @on(RecordTable.Selected, "#today-followups-table")
    def _open_followup(self, event: RecordTable.Selected) -> None:
        from bounceback.screens.application_detail import ApplicationDetailScreen

        self.app.push_screen(ApplicationDetailScreen(event.row.row.id))

    def action_go_on(self) -> None:
        """Back to the open wallow window, or on with the flow paused most recently.

        Wherever its step screen already is (another mode's stack) is where this goes, so a
        finished flow never leaves an old step behind (`bounce.resume_case`).
        """
        from bounceback.screens.bounce.entry import go_on

        if not go_on(self.bb):
            self.say("Nothing is paused any more.")
            self.reload()

    def action_another_boost(self) -> None:
        """Another win (stamped shown, so the rotation moves on) and the next strength."""
        self._boost_offset += 1
        self.reload(new_win=True)

    def palette_commands(self) -> list[Any]:
        """Today entries for ctrl+p."""
        from textual.app import SystemCommand

        from bounceback.screens.bounce.entry import log_untracked_rejection

        return [
            SystemCommand("today: Check in", "Mood, what you control, a note",
                          self.action_check_in),
            SystemCommand("today: Another win and strength", "Rotate the confidence file",
                          self.action_another_boost),
            SystemCommand("today: Rest day for every goal", "Nothing is missed today",
                          self.action_rest_all),
            SystemCommand("rejections: Log a rejection for an untracked job",
                          "Company, role, how far it got — then first aid",
                          lambda: log_untracked_rejection(self)),
        ]

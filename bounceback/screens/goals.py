"""Screen 5, Goals: small daily goals, how the last weeks went, and a forgiving habit strength."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, Static

from bounceback.dates import format_date
from bounceback.playbook.daily import STRENGTH_DAYS, statuses, strength
from bounceback.playbook.goals import (
    DayStatus,
    WeekSummary,
    describe_days,
    rrule_problem,
    week_summary,
)
from bounceback.screens.base import NumberedScreen
from bounceback.screens.modals import ConfirmModal
from bounceback.screens.today_data import AUTO_SYNC_DAYS
from bounceback.store.records import GoalDayRecord, GoalRecord
from bounceback.widgets.goal_list import GLYPHS, STATUS_STYLES
from bounceback.widgets.record_table import Column, RecordTable
from bounceback.widgets.safe import content, template

if TYPE_CHECKING:
    from bounceback.store.db import Store

# the week view under the table repeats Days and Counted, so they give way first when narrow
COLUMNS = (
    Column("Goal", ratio=4, min_width=24),
    Column("Target", width=18, min_width=14, ratio=1),
    Column("Days", width=12, priority=1),
    Column("Counted", width=24, min_width=12, ratio=1, priority=2),
    Column("Last 7", width=7),
    Column("Strength", width=11),
)
_GONE = "That goal no longer exists (retired or deleted in another window?)."
OPEN_GLYPH = "◌"
INDENT = " " * 16  # the week view's label column
EXPLAIN = (
    "A met day closes a tenth of the gap to 100%, a partly met day half that; a missed day "
    "costs a tenth of what you have, so no single day can zero it. Rest days and days off "
    "leave it where it is."
)


def meter(value: float, width: int) -> str:
    """`████░░` for a 0..1 value."""
    filled = max(0, min(width, round(value * width)))
    return "█" * filled + "░" * (width - filled)


def target_text(goal: GoalRecord) -> str:
    """"2 applications"."""
    return f"{goal.target} {goal.unit}".strip()


def counted_text(goal: GoalRecord) -> str:
    """"by hand" or "auto: applications sent"."""
    return "by hand" if goal.auto_source is None else f"auto: {goal.auto_source.label}"


@dataclass(frozen=True, slots=True)
class GoalView:
    """One goal with its last four weeks judged (oldest day first) and its strength."""

    goal: GoalRecord
    days: tuple[date, ...]  # the last 28 days, oldest first
    statuses: tuple[DayStatus, ...]
    counts: tuple[tuple[int, bool] | None, ...]
    strength: float

    @property
    def open_today(self) -> bool:
        """Nothing counted yet today: the day is still open, not missed."""
        return bool(self.statuses) and self.statuses[-1] is DayStatus.MISSED

    def _finished(self, days: int) -> tuple[DayStatus, ...]:
        recent = self.statuses[-days:]
        return recent[:-1] if self.open_today else recent

    @property
    def week(self) -> WeekSummary:
        """The last 7 days tallied (an untouched today is left out, as in the strength)."""
        return week_summary(self._finished(7))

    @property
    def month(self) -> WeekSummary:
        """The last 28 days tallied."""
        return week_summary(self._finished(28))

    def glyphs(self, days: int) -> list[tuple[str, str]]:
        """(glyph, style) for the last `days` days; an untouched today is `◌`, still open."""
        out = [(GLYPHS[s], STATUS_STYLES[s]) for s in self.statuses[-days:]]
        if self.open_today:
            out[-1] = (OPEN_GLYPH, "$text-muted")
        return out


def build_views(
    goals: Sequence[GoalRecord], records: Sequence[GoalDayRecord], today: date
) -> list[GoalView]:
    """Judge every goal's last 28 days and its strength (pure: no store, no screen)."""
    by_goal: dict[int, dict[date, tuple[int, bool]]] = {}
    for r in records:
        by_goal.setdefault(r.goal_id, {})[r.day] = (r.count, r.rest)
    first = today - timedelta(days=27)
    days = tuple(first + timedelta(days=i) for i in range(28))
    views = []
    for goal in goals:
        mine = by_goal.get(goal.id, {})
        judged = statuses(goal.plans, mine, first, today)  # each day by its own day's plan
        views.append(GoalView(
            goal, days, tuple(judged), tuple(mine.get(d) for d in days),
            strength(goal.plans, mine, today),
        ))
    return views


def load_goals(store: Store, today: date) -> list[GoalView]:
    """Recount the automatic goals and judge them all (in a worker thread)."""
    store.goals.sync_auto(today - timedelta(days=AUTO_SYNC_DAYS - 1), today)
    records = store.goals.days(today - timedelta(days=STRENGTH_DAYS - 1), today)
    return build_views(store.goals.all(), records, today)


class GoalsScreen(NumberedScreen):
    """The goal templates, and the week view of the highlighted one."""

    MODE_NAME = "goals"
    HELP_TITLE = "Goals"
    AUTO_FOCUS = "#goals-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New", id="goals-new", tooltip="Add a small daily goal"),
        Binding("e", "edit", "Edit", id="goals-edit", tooltip="Edit the highlighted goal"),
        Binding("delete", "retire", "Retire", id="goals-retire",
                tooltip="Retire the highlighted goal (its history stays; u brings it back)"),
        Binding("u", "undo", "Undo retire", show=False, id="goals-undo",
                tooltip="Bring back the goal you just retired"),
    ]

    def __init__(self) -> None:
        """Start empty; goals load when the screen is shown."""
        super().__init__()
        self._today: date | None = None
        self._undo_id: int | None = None

    def compose(self) -> ComposeResult:
        """Mode bar, summary, the goals table, the week view, footer."""
        yield self.mode_bar()
        yield Static(id="goals-summary")
        yield RecordTable(COLUMNS, self._format, key=lambda v: v.goal.id,
                          empty_message="Loading…", id="goals-table")
        yield Static(id="goals-detail")
        yield Footer()

    @property
    def table(self) -> RecordTable:
        """The goals table."""
        return self.query_one("#goals-table", RecordTable)

    def on_mount(self) -> None:
        """The table has focus (unless an early key already moved it)."""
        if self.focused is None:
            self.table.focus()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Reload on every return (counts change on Today, activity elsewhere)."""
        self.reload()

    LOADS = True

    def load(self, store: Store, today: date, **_: Any) -> Any:
        """In the worker: every goal judged over its last four weeks."""
        return today, load_goals(store, today)

    def show(self, data: tuple[date, list[GoalView]], *, keep_id: int | None = None,
             **_: Any) -> None:
        """Draw a load, keeping `keep_id` highlighted when it is still there."""
        today, views = data
        self._today = today
        self.table.empty_message = "No goals. Press n for a small one you can do on a bad day."
        self.table.set_rows(views, keep_key=keep_id)
        met = sum(1 for v in views if v.statuses[-1] is DayStatus.MET)
        due = sum(1 for v in views
                  if v.statuses[-1] not in (DayStatus.REST, DayStatus.NOT_SCHEDULED))
        self.query_one("#goals-summary", Static).update(template(
            "[b]Goals[/b]  $count   [dim]today:[/dim] $today   [dim]· change today's counts"
            " on Today (1)[/dim]",
            count=f"{len(views)} active", today=f"{met} of {due} met" if due else "nothing due",
        ))
        self._show_detail(self.table.current)

    def _format(self, view: GoalView) -> tuple[tuple[str, ...], str]:
        goal = view.goal
        last7 = "".join(glyph for glyph, _ in view.glyphs(7))
        return (
            goal.title, target_text(goal), describe_days(goal.rrule), counted_text(goal), last7,
            f"{meter(view.strength, 6)} {round(view.strength * 100):>3}%",
        ), ""

    @on(RecordTable.Highlighted, "#goals-table")
    def _highlighted(self, event: RecordTable.Highlighted) -> None:
        self._show_detail(event.row)
        self.refresh_bindings()

    @on(RecordTable.Selected, "#goals-table")
    def _selected(self) -> None:
        self.action_edit()

    def _show_detail(self, view: GoalView | None) -> None:
        detail = self.query_one("#goals-detail", Static)
        if view is None or self._today is None:
            detail.update("")
            return
        detail.update(week_view(view, self._today, narrow=self.has_class("-narrow")))

    def on_resize(self) -> None:
        """The week view lays its tallies out for the width (app.tcss sets -narrow)."""
        self._show_detail(self.table.current)

    # ---- actions --------------------------------------------------------------------------

    @property
    def current(self) -> GoalRecord | None:
        """The highlighted goal."""
        view = self.table.current if self.is_mounted else None
        return view.goal if view is not None else None

    def record_missing(self) -> None:
        """A goal vanished under us: show the list as it is."""
        self.reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row keys only with a highlighted goal; undo only after a retire."""
        if action in {"edit", "retire"}:
            return self.current is not None
        if action == "undo":
            return self._undo_id is not None
        return True

    def open_form(self, initial: GoalRecord | None) -> None:
        """The goal form: a new goal, or `initial` to edit (a draft kept for it comes back)."""
        from bounceback.screens.draft_form import form_check
        from bounceback.screens.goal_form import GoalForm

        repo = self.store.goals

        def save(draft: Any, _force: bool) -> GoalRecord:
            if initial is None:
                return repo.create(draft, rrule_problem)
            return repo.update(initial.id, draft, rrule_problem)

        def done(goal: GoalRecord | None) -> None:
            if goal is not None:
                self.say(f"Saved: {goal.title}.")
                self.reload(keep_id=goal.id)

        self.app.push_screen(GoalForm(save, form_check(self.app), initial), done)

    def action_new(self) -> None:
        """A new goal (it starts today)."""
        self.open_form(None)

    def action_edit(self) -> None:
        """Edit the highlighted goal."""
        if self.current is not None:
            self.open_form(self.current)

    def action_retire(self) -> None:
        """Retire after a confirmation; `u` brings it back."""
        goal = self.current
        if goal is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes or not self.attempt(self.store.goals.retire, goal.id, gone=_GONE).ok:
                return
            self._undo_id = goal.id
            self.say(f"Retired {goal.title}. Its days are kept; u brings it back.", timeout=8)
            self.reload()

        self.app.push_screen(ConfirmModal(
            template("Retire [b]$title[/b]? Its history stays.", title=goal.title),
            yes="Retire"), answered)

    def action_undo(self) -> None:
        """Bring back the goal just retired."""
        if self._undo_id is None:
            return
        goal_id, self._undo_id = self._undo_id, None
        restored = self.attempt(self.store.goals.restore, goal_id,
                                gone="That goal can't be brought back: it no longer exists.")
        if restored.ok:
            self.say(f"Back: {restored.value.title}.")
            self.reload(keep_id=goal_id)

    def palette_commands(self) -> list[Any]:
        """Goals entries for ctrl+p."""
        from textual.app import SystemCommand

        return [SystemCommand("goals: New goal", "A small daily goal", self.action_new)]


def week_view(view: GoalView, today: date, narrow: bool = False) -> Content:
    """The highlighted goal: what it is, its last 7 and 28 days, and its habit strength.

    `narrow` (under 100 columns) puts each tally on its own line instead of after the days.
    """
    goal = view.goal
    muted = "$text-muted"
    days = describe_days(goal.rrule)
    days = goal.rrule if days == "custom" else days
    lines: list[Content] = [
        Content.assemble(content(goal.title, "bold"), "  ", content(
            f"{target_text(goal)} a day · {days} · {counted_text(goal)} "
            f"· since {format_date(goal.starts_on, today)}", muted)),
    ]
    if len(goal.plans) > 1:  # say the change, so a past day judged by its old target is no surprise
        before, latest = goal.plans[-2], goal.plans[-1]
        was = describe_days(before.rrule)
        until = format_date(latest.starts_on - timedelta(days=1), today)
        amount = f"{before.target} {goal.unit}".rstrip()
        lines.append(content(
            f"until {until}: {amount} a day · {before.rrule if was == 'custom' else was}"
            " — each day is judged by the plan it had", muted))
    lines.append(Content(""))
    week = list(zip(view.days[-7:], view.statuses[-7:], view.counts[-7:], view.glyphs(7),
                    strict=True))
    names = "".join(f"{'today' if d == today else d.strftime('%a')[:2]:<6}"
                    for d, _, _, _ in week)
    lines.append(Content.assemble(("Last 7 days     ", "bold"), (names, muted)))
    glyphs: list[str | tuple[str, str]] = [INDENT]
    numbers = ""
    for _, status, stored, (glyph, style) in week:
        glyphs.append((f"{glyph:<6}", style))
        shown = "" if status is DayStatus.NOT_SCHEDULED else (
            "rest" if stored and stored[1] else str(stored[0] if stored else 0))
        numbers += f"{shown:<6}"
    if not narrow:
        glyphs.append((view.week.message, muted))
    lines += [Content.assemble(*glyphs), Content.assemble(INDENT, (numbers, muted))]
    if narrow:
        lines.append(Content.assemble(INDENT, (view.week.message, muted)))
    lines.append(Content(""))
    month: list[str | tuple[str, str]] = [("Last 28 days    ", "bold")]
    for i, (glyph, style) in enumerate(view.glyphs(28)):
        month.append((glyph, style))
        if i % 7 == 6:
            month.append(" ")
    if narrow:
        lines += [Content.assemble(*month), Content.assemble(INDENT, (view.month.message, muted))]
    else:
        month.append((f"  {view.month.message}", muted))
        lines += [Content.assemble(*month)]
    lines.append(Content(""))
    lines.append(Content.assemble(
        ("Habit strength  ", "bold"), (meter(view.strength, 20), "$accent"),
        f" {round(view.strength * 100)}%"))
    lines.append(Content.styled(EXPLAIN, muted))
    if not narrow:  # at 80x24 every row counts: the legend follows at once
        lines.append(Content(""))
    gap = "  " if narrow else "   "
    lines.append(Content.assemble(*[
        part for status, word in (
            (DayStatus.MET, "met"), (DayStatus.PARTIAL, "partly"), (DayStatus.MISSED, "missed"),
            (DayStatus.REST, "rest day"), (DayStatus.NOT_SCHEDULED, "not scheduled"))
        for part in ((GLYPHS[status], STATUS_STYLES[status]), (f" {word}{gap}", muted))
    ], (OPEN_GLYPH, muted), (" today, still open", muted)))
    return Content("\n").join(lines)

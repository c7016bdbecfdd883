"""The words on Today's panels, built from `TodayData` as safe Content (user text never markup).

Plain functions, so the screen only decides where each line goes.
"""

from __future__ import annotations

from textual.content import Content

from bounceback.playbook.daily import MOOD_WORDS, rotate
from bounceback.playbook.health import HealthLevel
from bounceback.playbook.pipeline import Flag
from bounceback.screens.bounce.flow import bar_step, number
from bounceback.screens.today_data import FollowUp, TodayData
from bounceback.store.records import WinCard
from bounceback.widgets.record_table import Column
from bounceback.widgets.safe import one_line, template

FOLLOWUP_COLUMNS = (
    Column("When", width=8),
    Column("Company", ratio=3, min_width=12),
    Column("Role", ratio=3, min_width=10, priority=2),
    Column("Next action", ratio=4, min_width=10, priority=1),
)


def header(data: TodayData) -> Content:
    """"Wednesday, November 25   Yesterday: 2 of 3 goals met · mood 4 (good)"."""
    mood = data.yesterday_mood
    feel = f"mood {mood} ({MOOD_WORDS[mood]})" if mood is not None else "no check-in"
    return template(
        "[b]$day[/b]   [dim]Yesterday:[/dim] $goals · $mood",
        day=f"{data.day:%A}, {data.day:%B} {data.day.day}",
        goals=data.yesterday_tally().line, mood=feel,
    )


def followup_cells(item: FollowUp) -> tuple[tuple[str, ...], str]:
    """A follow-up row: when (today / 3d late), company, role, next action; and its tone."""
    row = item.row
    when = "today" if item.flag is Flag.DUE else f"{item.late_days}d late"
    tone = "overdue" if item.flag is Flag.OVERDUE else "due"
    return (when, row.company, row.role, row.next_action or "Follow up"), tone


def health(data: TodayData) -> Content:
    """Active applications against the minimum, green when covered."""
    tone = "$success" if data.health.level is HealthLevel.OK else "$warning"
    return Content.styled(data.health.message, tone)


def quiet_flags(data: TodayData) -> Content | None:
    """"4 stale · 2 look ghosted — …", or None when nothing has gone quiet."""
    quiet = []
    if data.stale:
        quiet.append(f"{data.stale} stale")
    if data.ghosted:
        quiet.append(f"{data.ghosted} look{'s' if data.ghosted == 1 else ''} ghosted")
    if not quiet:
        return None
    return Content.styled(" · ".join(quiet) + " — a nudge or a decision (2 Pipeline)",
                          "$text-muted")


def keep_moving(data: TodayData) -> Content | None:
    """The nudge after a recent "no" with nothing sent since, naming what to send next."""
    nudge = data.keep_moving
    if nudge is None:
        return None
    when = {0: "today", 1: "yesterday"}.get(nudge.days_ago, f"{nudge.days_ago} days ago")
    if nudge.next_company:
        return template(
            "[b $accent]Keep moving.[/] A \"no\" from $company $when, nothing sent since. "
            "Next up: [b]$next[/b] — $role.",
            company=nudge.company, when=when, next=nudge.next_company, role=nudge.next_role,
        )
    return template(
        "[b $accent]Keep moving.[/] A \"no\" from $company $when, nothing sent since. "
        "Find one role worth tailoring today.", company=nudge.company, when=when,
    )


def win_line(win: WinCard | None) -> Content:
    """★ the win — its impact."""
    if win is None:
        return Content.styled("No wins yet. Name one thing you did well on Wins (4).",
                              "$text-muted")
    impact = f" — {one_line(win.impact, 120)}" if win.impact else ""
    return template("[b $accent]★[/] $title[dim]$impact[/dim]",
                    title=one_line(win.title, 160), impact=impact)


def strength_line(data: TodayData, offset: int) -> Content:
    """♦ today's strength (a new one each day; `offset` steps further)."""
    index = rotate(len(data.strengths), data.day, offset)
    if index is None:
        return Content.styled("Add a strength no job title gives you on Wins (4).",
                              "$text-muted")
    chosen = data.strengths[index]
    return template("[b $accent]♦[/] $text [dim]($kind)[/dim]",
                    text=one_line(chosen.text, 200), kind=chosen.kind.value)


def wallow_line(data: TodayData, over: bool) -> Content:
    """"Your time to feel it — company" (or "Time's up — enter when ready" once it passed)."""
    return template("$what [dim]— $company[/dim]",
                    what="Time's up — enter when ready" if over else "Your time to feel it",
                    company=data.window_company or "a rejection")


def planned_line(data: TodayData, at: str, due: bool) -> Content:
    """"Your wallow window opens at 18:00 (g starts it now)" — or, once its time has passed
    while bounceback was closed, "Planned for 18:00: g starts it now"."""
    if data.planned is None:
        return Content("")
    what = (f"Planned for {at}: g starts it now" if due
            else f"Your wallow window opens at {at} (g starts it now)")
    return template("$what [dim]— $company[/dim]", what=what,
                    company=data.planned.company or "a rejection")


def paused_line(data: TodayData) -> Content:
    """"Initrode — paused at step 3, Ritual. enter goes on" (and how many others wait)."""
    paused = data.paused
    if paused is None:
        return Content("")
    step = bar_step(paused.step)
    others = paused.count - 1
    return template(
        "[b]$company[/b] — paused at step $n, $title. [dim]$more[/dim]",
        company=paused.company, n=str(number(step)), title=step.label,
        more=f"({others} more paused in Rejections)" if others > 0 else "",
    )


def rough_line(data: TodayData) -> Content | None:
    """Going gently: why (the data, never the person) and what Today does about it."""
    if data.rough is None:
        return None
    return template(
        "[b $warning]Go gently today[/] [dim]($reason)[/dim]: strengths and comebacks first; "
        "R makes it a rest day for every goal.", reason=data.rough.reason)


def comeback_line(data: TodayData) -> Content | None:
    """↺ the latest comeback, and how many there have been: resilience, from the data."""
    if not data.comebacks:
        return None
    latest, n = data.comebacks[0], len(data.comebacks)
    total = f" — {n} comebacks so far" if n > 1 else " — your first comeback"
    return template("[b $accent]↺[/] $text[dim]$total[/dim]", text=latest.text, total=total)


PREP_SHOWN = 1
"""Interviews shown on Today's prep panel (the rest are counted): a reminder, not a plan."""


def prep_lines(data: TodayData) -> Content | None:
    """Before the next interviews: the questions that keep coming back, answered or not."""
    if not data.prep:
        return None
    shown = "\n".join(f"• {line}" for line in data.prep[:PREP_SHOWN])
    more = len(data.prep) - PREP_SHOWN
    tail = (f"\n  and {more} more interview{'s' if more != 1 else ''} in the next days — the "
            "answer bank is in the palette") if more > 0 else ""
    return template("$lines$more", lines=shown, more=tail)

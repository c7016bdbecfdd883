"""WallowTimer: the live countdown of the wallow window, computed from a persisted deadline.

Textual's `set_interval` silently drops ticks after an event-loop stall of a second or more
(DESIGN.md, "Performance budget"), so a countdown that decrements a counter drifts 13-15 s per
minute under load. This widget never counts: every tick asks the injected clock for the time and
shows `ends_at - now`. A stall, a dropped tick or a restart of the whole app therefore costs
nothing; the next tick is exact.

The deadline is wall time (so a restart resumes it), and a wall clock can be set back. The time
shown never exceeds the window's length, and a clock set back never adds time: while the timer
runs, the monotonic clock says how much really passed, and the deadline moves with the wall
clock to keep exactly what was left; found already set back past the window's start (after a
restart), the window runs its full length from now. Either way the timer posts
`DeadlineMoved` so the screen can store the new deadline. A clock set forward (or a laptop
that slept) uses the time up, as the stored deadline says.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, Label, ProgressBar

from bounceback.clock import Clock, time_left
from bounceback.widgets.safe import content, one_line

TICK_SECONDS = 0.25
"""How often the display is refreshed. Four times a second keeps the seconds digit from
visibly lagging the real second; accuracy does not depend on it (see the module docstring)."""

JUMP_SLACK = 2.0
"""Seconds by which the wall clock may run ahead of the monotonic one between two readings
before it counts as having been set back (ordinary clock slewing is far smaller)."""


def format_remaining(seconds: float) -> str:
    """`MM:SS` for a number of seconds left, rounded UP to the whole second.

    Rounding up means the display reads 00:00 only when no time is left at all: 0.5 s left shows
    00:01, and a fresh 15-minute window that has run 0.8 s still shows 15:00. Minutes are not
    capped at 59, so a longer window reads e.g. 90:00.
    """
    whole = max(0, math.ceil(seconds))
    minutes, secs = divmod(whole, 60)
    return f"{minutes:02d}:{secs:02d}"


class WallowTimer(Widget):
    """A big MM:SS countdown to `ends_at`, a bar of time elapsed, and the feeling that was named.

    The widget only renders and talks (STYLE.md habit 2): it posts `WallowTimer.Finished` once
    when the deadline is reached and leaves the bell, the notification, the stored `ended_at` and
    moving on to the screen. There is deliberately no way to extend the window from here: the
    deadline only ever moves to follow a wall clock that was set back, never giving more time
    than was left (`DeadlineMoved`), so a longer window has to be a visible, persisted choice.
    """

    DEFAULT_CSS = """
    WallowTimer {
        height: auto;
        width: 1fr;
        padding: 1 2;
    }
    WallowTimer > Digits {
        width: 100%;
        text-align: center;
        color: $accent;
    }
    WallowTimer > ProgressBar {
        /* full width so its own horizontal layout can center the fixed-width bar */
        width: 100%;
        align-horizontal: center;
        margin: 1 0 0 0;
    }
    WallowTimer > ProgressBar Bar > .bar--bar { color: $accent; }
    WallowTimer > ProgressBar Bar > .bar--complete { color: $accent; }
    WallowTimer > Label {
        width: 100%;
        margin: 1 0 0 0;
        text-align: center;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    WallowTimer.-finished > Digits { color: $text-muted; }
    """

    remaining: reactive[float] = reactive(0.0, init=False)
    """Seconds left (never negative), recomputed from the clock at every tick."""

    class DeadlineMoved(Message):
        """The wall clock was set back, so the deadline moved to keep the time left (store it)."""

        def __init__(self, timer: WallowTimer) -> None:
            """Carry the timer; its `ends_at` is the new deadline."""
            super().__init__()
            self.timer = timer

        @property
        def control(self) -> WallowTimer:
            """The timer that posted this."""
            return self.timer

    class Finished(Message):
        """The deadline was reached (posted once, also when it had passed before mounting)."""

        def __init__(self, timer: WallowTimer) -> None:
            """Carry the timer that finished."""
            super().__init__()
            self.timer = timer

        @property
        def control(self) -> WallowTimer:
            """The timer that posted this."""
            return self.timer

    def __init__(
        self,
        clock: Clock,
        ends_at: datetime,
        total_seconds: float,
        feeling: str = "",
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """Count down to `ends_at` (aware; the caller persisted it) on `clock`.

        `total_seconds` is the window's full length, used only for the progress bar, so a timer
        rebuilt after a restart shows the same bar as before, and caps the time shown (a clock
        set back never shows more than the whole window). `feeling` is user text and is shown
        literally, never as markup.
        """
        if ends_at.tzinfo is None:
            # A naive deadline would be read in the machine's zone and be off by hours.
            raise ValueError("WallowTimer needs a timezone-aware ends_at")
        if total_seconds <= 0:
            raise ValueError("total_seconds must be positive")
        super().__init__(name=name, id=id, classes=classes)
        self._clock = clock
        self.ends_at = ends_at
        self.total_seconds = float(total_seconds)
        self.feeling = feeling
        self._finished = False
        self._stopped = False
        self._ticker: Timer | None = None
        # (monotonic, seconds left) at the last reading: what a clock set back is checked against
        self._mark: tuple[float, float] | None = None
        self._moved = False
        # Known before mounting, so the first frame already shows the right time.
        self.set_reactive(WallowTimer.remaining, self._seconds_left())

    # ---- state ----------------------------------------------------------------------------

    @property
    def finished(self) -> bool:
        """True once the deadline has been reached and Finished was posted."""
        return self._finished

    @property
    def running(self) -> bool:
        """True while the display is being refreshed (mounted, not finished, not stopped)."""
        return self._ticker is not None

    @property
    def elapsed(self) -> float:
        """Seconds of the window already used, between 0 and `total_seconds`."""
        return min(self.total_seconds, max(0.0, self.total_seconds - self.remaining))

    def _seconds_left(self) -> float:
        # Wall time against the persisted wall-time deadline: the same arithmetic works in a
        # fresh process after a restart, which a monotonic reading from a past run cannot do.
        now, mono = self._clock.now(), self._clock.monotonic()
        raw = (self.ends_at - now).total_seconds()
        length = timedelta(seconds=self.total_seconds)
        left = time_left(self.ends_at, now, length).total_seconds()
        moved = raw > self.total_seconds  # the window's start lies ahead of the clock
        if self._mark is not None:
            then, left_then = self._mark
            # what is really left: the monotonic clock never jumps
            expected = max(0.0, left_then - max(0.0, mono - then))
            if left > expected + JUMP_SLACK:
                left, moved = expected, True
        if moved:
            self.ends_at = now + timedelta(seconds=left)
            self._moved = True
        self._mark = (mono, left)
        return left

    # ---- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Digits, the elapsed bar, and the feeling line."""
        yield Digits(format_remaining(self.remaining))
        bar = ProgressBar(total=self.total_seconds, show_eta=False, show_percentage=False)
        bar.progress = self.elapsed
        yield bar
        label = Label(content("You named: " + one_line(self.feeling, 200)))
        label.display = bool(self.feeling.strip())
        yield label

    def on_mount(self) -> None:
        """Catch up with the clock (the deadline may already be past), then start ticking."""
        self.tick()
        if not self._finished and not self._stopped:
            self._ticker = self.set_interval(TICK_SECONDS, self.tick, name="wallow-timer")

    def watch_remaining(self, remaining: float) -> None:
        """Show the new time left on the digits and the bar."""
        self.query_one(Digits).update(format_remaining(remaining))
        self.query_one(ProgressBar).update(progress=self.elapsed)

    # ---- actions --------------------------------------------------------------------------

    def tick(self) -> None:
        """Recompute the time left from the clock; post Finished the first time it is zero.

        Called by the interval and by tests after moving a fake clock. Does nothing once the
        timer has finished or been stopped, which is what makes Finished a one-time message.
        """
        if self._finished or self._stopped:
            return
        self.remaining = self._seconds_left()
        if self._moved:
            self._moved = False
            self.post_message(self.DeadlineMoved(self))
        if self.remaining <= 0:
            self._finished = True
            self.add_class("-finished")
            self._stop_ticker()
            self.post_message(self.Finished(self))

    def stop(self) -> None:
        """Stop for good (the person ended early): the display freezes and Finished never comes."""
        self._stopped = True
        self._stop_ticker()

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

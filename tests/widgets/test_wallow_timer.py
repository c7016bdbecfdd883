"""WallowTimer: exact time left from a deadline on a fixed clock; Finished once; text is literal.

Nothing here waits for a window to pass: the clock is a FixedClock moved with `advance()`, and
`tick()` is called by hand, which is exactly what the interval does.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Digits, Label, ProgressBar

from bounceback.clock import FixedClock
from bounceback.widgets.wallow_timer import WallowTimer, format_remaining

START = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
WINDOW = 15 * 60


class Host(App[None]):
    """Mounts one timer and records every Finished it posts."""

    def __init__(self, timer: WallowTimer) -> None:
        super().__init__()
        self.timer = timer
        self.finished: list[WallowTimer.Finished] = []
        self.moved: list[datetime] = []

    def compose(self) -> ComposeResult:
        yield self.timer

    @on(WallowTimer.Finished)
    def record(self, event: WallowTimer.Finished) -> None:
        self.finished.append(event)

    @on(WallowTimer.DeadlineMoved)
    def record_move(self, event: WallowTimer.DeadlineMoved) -> None:
        assert event.control is self.timer
        self.moved.append(event.timer.ends_at)


def make(clock: FixedClock, *, minutes: float = 15, feeling: str = "",
         ends_at: datetime | None = None) -> WallowTimer:
    """A timer whose deadline is `minutes` after START unless `ends_at` is given."""
    deadline = ends_at or START + timedelta(minutes=minutes)
    return WallowTimer(clock, deadline, minutes * 60, feeling)


def shown(timer: WallowTimer) -> str:
    return timer.query_one(Digits).value


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(900, "15:00"), (899.2, "15:00"), (839, "13:59"), (60, "01:00"), (0.5, "00:01"),
     (0.000001, "00:01"), (0, "00:00"), (-3, "00:00"), (5400, "90:00")],
)
def test_format_rounds_up_so_zero_means_no_time_left(seconds: float, text: str) -> None:
    assert format_remaining(seconds) == text


async def test_exact_time_left_as_the_clock_moves(clock: FixedClock) -> None:
    timer = make(clock)
    async with Host(timer).run_test() as pilot:
        await pilot.pause()
        assert shown(timer) == "15:00" and timer.remaining == WINDOW
        clock.advance(61)
        timer.tick()
        await pilot.pause()
        assert shown(timer) == "13:59" and timer.remaining == WINDOW - 61
        clock.advance(14 * 60 + 59.5 - 61)
        timer.tick()
        await pilot.pause()
        assert shown(timer) == "00:01" and timer.remaining == 0.5
        assert not timer.finished
        clock.advance(0.5)
        timer.tick()
        await pilot.pause()
        assert shown(timer) == "00:00" and timer.remaining == 0
        assert timer.finished


async def test_finished_is_posted_exactly_once(clock: FixedClock) -> None:
    timer = make(clock)
    app = Host(timer)
    async with app.run_test() as pilot:
        clock.advance(WINDOW - 1)
        timer.tick()
        await pilot.pause()
        assert app.finished == []
        clock.advance(1)
        for _ in range(5):
            timer.tick()
            clock.advance(10)
            await pilot.pause()
        assert len(app.finished) == 1
        assert app.finished[0].timer is timer and app.finished[0].control is timer
        assert timer.finished and not timer.running
        assert shown(timer) == "00:00"


async def test_deadline_already_past_posts_finished_on_mount(clock: FixedClock) -> None:
    timer = make(clock, ends_at=START - timedelta(minutes=3))
    app = Host(timer)
    async with app.run_test() as pilot:
        await pilot.pause()
        timer.tick()
        await pilot.pause()
        assert len(app.finished) == 1
        assert timer.finished and not timer.running
        assert timer.remaining == 0 and shown(timer) == "00:00"
        assert timer.query_one(ProgressBar).progress == timer.total_seconds


async def test_a_timer_rebuilt_after_a_restart_resumes_from_the_deadline(
    clock: FixedClock,
) -> None:
    ends_at = START + timedelta(minutes=15)
    first = Host(WallowTimer(clock, ends_at, WINDOW))
    async with first.run_test() as pilot:
        await pilot.pause()
        assert shown(first.timer) == "15:00"
    clock.advance(300)  # the app was closed for five minutes
    second = Host(WallowTimer(clock, ends_at, WINDOW))
    async with second.run_test() as pilot:
        await pilot.pause()
        assert shown(second.timer) == "10:00"
        assert second.timer.remaining == 600
        assert second.timer.running and second.finished == []


async def test_stalls_cause_no_drift(clock: FixedClock) -> None:
    timer = make(clock)
    async with Host(timer).run_test() as pilot:
        for _ in range(100):
            clock.advance(3)  # a 3 s stall: the interval dropped every tick in between
            timer.tick()
            expected = (timer.ends_at - clock.now()).total_seconds()
            assert timer.remaining == expected
        await pilot.pause()
        assert timer.remaining == WINDOW - 300
        assert shown(timer) == "10:00"


async def test_the_interval_drives_the_display_without_manual_ticks(clock: FixedClock) -> None:
    timer = make(clock)
    async with Host(timer).run_test() as pilot:
        assert timer.running
        clock.advance(61)
        # Wait for the interval by a condition, not a duration: however slow the machine,
        # the test only ends early when the display is right (the cap is a generous 2,000
        # yields, so only an interval that never fires fails it).
        for _ in range(2000):
            if shown(timer) == "13:59":
                break
            await pilot.pause()
        assert shown(timer) == "13:59"


async def test_stop_freezes_the_display_and_never_finishes(clock: FixedClock) -> None:
    timer = make(clock)
    app = Host(timer)
    async with app.run_test() as pilot:
        clock.advance(120)
        timer.tick()
        timer.stop()
        assert not timer.running
        clock.advance(WINDOW)
        timer.tick()  # exactly what the interval would do: nothing, once stopped
        await pilot.pause()
        assert shown(timer) == "13:00"
        assert app.finished == [] and not timer.finished


@pytest.mark.parametrize("feeling", ["[bold]x", "[/]", "[@click=app.quit]x[/]", "a\nb\x1b[2J"])
async def test_feeling_text_is_shown_literally(clock: FixedClock, feeling: str) -> None:
    timer = make(clock, feeling=feeling)
    app = Host(timer)
    async with app.run_test() as pilot:
        await pilot.pause()
        label = timer.query_one(Label)
        expected = " ".join(feeling.replace("\x1b", "").split())
        assert label.display
        assert label.render().plain == f"You named: {expected}"  # type: ignore[union-attr]
        await pilot.click(Label)
        await pilot.pause()
        assert app.is_running


async def test_feeling_words_are_listed(clock: FixedClock) -> None:
    timer = make(clock, feeling="disappointed, anxious")
    async with Host(timer).run_test() as pilot:
        await pilot.pause()
        label = timer.query_one(Label)
        assert label.render().plain == "You named: disappointed, anxious"  # type: ignore[union-attr]


async def test_no_feeling_hides_the_line(clock: FixedClock) -> None:
    timer = make(clock)
    async with Host(timer).run_test() as pilot:
        await pilot.pause()
        assert not timer.query_one(Label).display


async def test_progress_is_the_share_of_the_window_used(clock: FixedClock) -> None:
    timer = make(clock, minutes=10)
    async with Host(timer).run_test() as pilot:
        bar = timer.query_one(ProgressBar)
        await pilot.pause()
        assert bar.total == 600 and bar.progress == 0 and bar.percentage == 0
        for step in (30, 150.5, 299.5, 120):
            clock.advance(step)
            timer.tick()
            await pilot.pause()
            elapsed = (clock.now() - START).total_seconds()
            assert bar.progress == elapsed
            assert bar.percentage == pytest.approx(elapsed / 600)
        clock.advance(60)
        timer.tick()
        await pilot.pause()
        assert bar.progress == 600 and bar.percentage == 1


def test_a_naive_deadline_or_empty_window_is_refused(clock: FixedClock) -> None:
    with pytest.raises(ValueError):
        WallowTimer(clock, datetime(2026, 11, 25, 9, 45), WINDOW)
    with pytest.raises(ValueError):
        WallowTimer(clock, START, 0)


# ---- a wall clock set back (issue 10, item 14) -----------------------------------------------

DAY = 86_400


async def test_a_clock_set_back_a_day_mid_window_keeps_the_time_that_was_left(
    clock: FixedClock,
) -> None:
    """The 1454:00 report: 5 minutes in, the clock went back a day less 6 minutes."""
    timer = make(clock)
    app = Host(timer)
    async with app.run_test() as pilot:
        clock.advance(300)
        timer.tick()
        clock.jump(-(DAY - 360))
        timer.tick()
        await pilot.pause()
        assert shown(timer) == "10:00" and timer.remaining == 600
        assert timer.ends_at == clock.now() + timedelta(seconds=600)
        assert app.moved == [timer.ends_at]  # once, with the new deadline to store
        clock.advance(599)
        timer.tick()
        await pilot.pause()
        assert shown(timer) == "00:01" and app.finished == []
        clock.advance(1)
        timer.tick()
        await pilot.pause()
        assert len(app.finished) == 1 and len(app.moved) == 1


async def test_a_clock_set_back_a_little_adds_no_time_either(clock: FixedClock) -> None:
    timer = make(clock)
    app = Host(timer)
    async with app.run_test() as pilot:
        clock.advance(600)
        timer.tick()
        clock.jump(-240)  # four minutes back: the window would otherwise last 19 minutes
        timer.tick()
        await pilot.pause()
        assert timer.remaining == 300 and shown(timer) == "05:00"
        assert app.moved == [clock.now() + timedelta(seconds=300)]


async def test_a_timer_opened_on_a_clock_set_back_past_the_start_runs_the_full_window(
    clock: FixedClock,
) -> None:
    """After a restart nothing says how much was left: never more than the whole window."""
    ends_at = START + timedelta(minutes=15)
    clock.jump(-DAY)
    timer = WallowTimer(clock, ends_at, WINDOW)
    app = Host(timer)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert shown(timer) == "15:00" and timer.remaining == WINDOW  # not 1455:00
        assert timer.query_one(ProgressBar).progress == 0
        assert app.moved == [clock.now() + timedelta(minutes=15)]
        clock.advance(WINDOW)
        timer.tick()
        await pilot.pause()
        assert timer.finished and len(app.finished) == 1


async def test_a_clock_set_forward_uses_the_time_up_without_moving_the_deadline(
    clock: FixedClock,
) -> None:
    timer = make(clock)
    app = Host(timer)
    async with app.run_test() as pilot:
        clock.jump(600)  # or a laptop that slept ten minutes
        timer.tick()
        await pilot.pause()
        assert timer.remaining == 300 and app.moved == []
        assert timer.ends_at == START + timedelta(minutes=15)


@pytest.mark.parametrize("seed", range(5))
async def test_whatever_the_clock_does_the_time_shown_never_exceeds_the_window(
    clock: FixedClock, seed: int,
) -> None:
    import random

    rng = random.Random(seed)
    timer = make(clock)
    async with Host(timer).run_test() as pilot:
        for _ in range(60):
            if rng.random() < 0.3:
                clock.jump(rng.uniform(-3 * DAY, 120))
            else:
                clock.advance(rng.uniform(0, 20))
            timer.tick()
            assert 0 <= timer.remaining <= WINDOW
            assert timer.ends_at - clock.now() <= timedelta(seconds=WINDOW)
        await pilot.pause()
        minutes, seconds = map(int, shown(timer).split(":"))
        assert minutes * 60 + seconds <= WINDOW

"""How long a search keystroke takes on Wins with 2,000 wins; never run by pytest.

    .venv/bin/python benchmarks/wins_search.py [--reps N]

Builds `bounceback demo --scale 10000` (10,000 applications, 2,000 wins) in a temporary folder,
opens the app in-process at 120x40 (App.run_test), goes to Wins, and for each keystroke of a few
searches prints, as medians over N repetitions (default 5):

- filter: `WinFilter.apply` over the 2,000 prepared rows (the pure work of a keystroke);
- refilter + draw: the catalog's `refilter()` (filter, table rows, header) plus rendering every
  visible table line, as a repaint does;
- keystroke (Pilot): pressing the key through Pilot until the app has processed it and
  refreshed; Pilot's own overhead is printed too (an unbound key), so compare the two.

The budget (DESIGN.md) is 50 ms for a filter keystroke's repaint.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SEARCHES = ("leak", "python", "led 5", "billing p95", "zzz")
BUDGET_MS = 50.0


def ms(seconds: float) -> str:
    """Seconds as milliseconds, one decimal."""
    return f"{seconds * 1000:.2f}"


async def run(reps: int) -> int:
    """Build the data, drive the screen, print the table; exit status 1 over budget."""
    from bounceback.app import BouncebackApp
    from bounceback.clock import SystemClock
    from bounceback.demo import build_demo
    from bounceback.screens.wins import WinsScreen
    from bounceback.store.db import Store

    clock = SystemClock()
    folder = Path(tempfile.mkdtemp(prefix="bounceback-bench-"))
    start = time.perf_counter()
    store = Store.open(folder / "bench.db", clock)
    summary = build_demo(store, scale=10_000)
    print(f"demo database: {summary.applications:,} applications, {summary.wins:,} wins "
          f"({time.perf_counter() - start:.1f} s to build)")

    app = BouncebackApp(open_store=lambda: store, clock=clock)
    pure: dict[str, list[float]] = defaultdict(list)
    draw: dict[str, list[float]] = defaultdict(list)
    pilot_keys: dict[str, list[float]] = defaultdict(list)
    shown: dict[str, int] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.action_go("wins")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WinsScreen), screen
        catalog = screen.catalog
        assert len(catalog.items) == summary.wins, "the wins did not load"
        table = catalog.table
        height = table.size.height

        idle: list[float] = []
        for _ in range(reps * 5):  # Pilot's own cost: a key nothing is bound to
            t0 = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            idle.append(time.perf_counter() - t0)
        for _ in range(reps):
            for search in SEARCHES:
                await pilot.press("slash")
                await pilot.pause()
                typed = ""
                for key in search:
                    typed += key
                    t0 = time.perf_counter()
                    await pilot.press("space" if key == " " else key)
                    await pilot.pause()
                    pilot_keys[typed].append(time.perf_counter() - t0)
                    assert catalog.filter.query == " ".join(typed.split()), typed
                    t0 = time.perf_counter()
                    visible = catalog.filter.apply(catalog.items)
                    pure[typed].append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    catalog.refilter()
                    for y in range(height):
                        table.render_line(y)
                    draw[typed].append(time.perf_counter() - t0)
                    shown[typed] = len(visible)
                await pilot.press("escape")
                await pilot.pause()
    store.close()

    header = f"{'search so far':<16}{'shown':>7}{'filter ms':>12}{'refilter+draw ms':>19}" \
             f"{'keystroke (Pilot) ms':>23}"
    print(f"\n{len(SEARCHES)} searches, {reps} repetitions, medians; table height {height} lines")
    print(header)
    print("-" * len(header))
    worst = 0.0
    for typed in pure:
        d = statistics.median(draw[typed])
        worst = max(worst, d)
        print(f"{typed!r:<16}{shown[typed]:>7,}{ms(statistics.median(pure[typed])):>12}"
              f"{ms(d):>19}{ms(statistics.median(pilot_keys[typed])):>23}")
    all_draw = [x for values in draw.values() for x in values]
    all_pilot = [x for values in pilot_keys.values() for x in values]
    print(f"\nper keystroke over all: refilter+draw median {ms(statistics.median(all_draw))} ms, "
          f"max {ms(max(all_draw))} ms; Pilot median {ms(statistics.median(all_pilot))} ms "
          f"(an unbound key through Pilot: {ms(statistics.median(idle))} ms)")
    verdict = "within" if worst <= BUDGET_MS / 1000 else "OVER"
    print(f"budget: {BUDGET_MS:.0f} ms per filter keystroke repaint — {verdict}")
    return 0 if worst <= BUDGET_MS / 1000 else 1


def main() -> int:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions (default 5)")
    return asyncio.run(run(max(1, parser.parse_args().reps)))


if __name__ == "__main__":
    sys.exit(main())

"""Measure bounceback against DESIGN.md "Performance budget" and print the figures as tables.

Run by hand, never by pytest:  .venv/bin/python benchmarks/run.py [--quick] [--reps N]

1. builds an empty (migrated) database and a 10k one (`bounceback demo --scale 10000`) in a
   temporary folder;
2. starts each program in a real pty (tmux, 120x40) and polls `tmux capture-pane` every ~5 ms
   for its first frame and for its data; baselines run in the same rounds, interleaved;
3. reads the peak RSS (VmHWM) of each program's python process once its data is visible;
4. drives the Pipeline in-process (App.run_test) for filter keystrokes, view cycles, the
   detail screen and the full reload.

Every figure is the median of N repetitions (5, or 2 with --quick).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = Path(sys.executable)
BOUNCEBACK = PYTHON.parent / "bounceback"
WIDTH, HEIGHT = 120, 40
POLL_S = 0.005  # capture-pane period
LAUNCH_TIMEOUT_S = 20.0  # per program start, first frame to data
RSS_SETTLE_S = 0.3  # after data is visible, before VmHWM is read
EXIT_TIMEOUT_S = 3.0  # after kill-session, before SIGKILL
INPROCESS_TIMEOUT_S = 120.0

# DESIGN.md budgets
BUDGET_FIRST_FRAME = 1.2
BUDGET_DATA = 1.3
BUDGET_REPAINT_MS = 50.0
BUDGET_MEMORY_MB = 60.0


class BenchError(Exception):
    """A benchmark step failed; the message says which and why."""


# ---- helpers ---------------------------------------------------------------------------------


def median(values: list[float]) -> float:
    """The median (NaN for no values)."""
    return statistics.median(values) if values else float("nan")


def ms(seconds: float) -> str:
    """Seconds as a millisecond figure."""
    if seconds != seconds:  # NaN
        return "—"
    value = seconds * 1000
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def table(title: str, header: list[str], rows: list[list[str]]) -> str:
    """A plain-text table; the first column left-aligned, the rest right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        parts = [str(cells[0]).ljust(widths[0])]
        parts += [str(c).rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    rule = "-" * len(line(header))
    return "\n".join([title, rule, line(header), rule, *(line(r) for r in rows), rule])


def indent(text: str) -> str:
    """A captured screen, trimmed and indented for an error message."""
    lines = [ln.rstrip() for ln in text.splitlines() if ln.strip()]
    return textwrap.indent("\n".join(lines[-15:]) or "(blank)", "    | ")


def run_checked(argv: list[str], what: str, timeout: float = 120.0) -> str:
    """Run a command to completion; raise BenchError with its stderr when it fails."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              check=False)
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"{what}: no result within {timeout:.0f}s") from exc
    if done.returncode != 0:
        raise BenchError(f"{what} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return done.stdout


# ---- processes -------------------------------------------------------------------------------


def children_map() -> dict[int, list[int]]:
    """ppid -> pids, from /proc."""
    out: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: split after the last ")"
        fields = stat[stat.rfind(")") + 2:].split()
        out[int(fields[1])].append(int(entry))
    return out


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants, parents first."""
    kids = children_map()
    tree, queue = [], [pid]
    while queue:
        p = queue.pop(0)
        tree.append(p)
        queue.extend(kids.get(p, []))
    return tree


def python_pid(pane_pid: int) -> int | None:
    """The python process in a pane (the pane's shell may have exec'd it or forked it)."""
    for p in process_tree(pane_pid):
        try:
            if "python" in Path(os.readlink(f"/proc/{p}/exe")).name:
                return p
        except OSError:
            continue
    return None


def vm_hwm_kb(pid: int) -> int | None:
    """Peak resident set size of `pid` in kB (None when it is gone)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            stat = fh.read()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2:].split()[0] != "Z"


class Tmux:
    """A private tmux server (its own socket, no user config) for this run only."""

    def __init__(self) -> None:
        self.socket = f"bounceback-bench-{os.getpid()}"
        self.socket_path: Path | None = None
        self.started = False

    def cmd(self, *args: str, timeout: float = 5.0) -> subprocess.CompletedProcess[str]:
        """One tmux client command against our server."""
        try:
            return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null", *args],
                                  capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"tmux {args[0]} did not answer within {timeout:.0f}s") from exc

    def start(self) -> None:
        """Start the server with an idle keeper session (so no run pays for server start)."""
        if shutil.which("tmux") is None:
            raise BenchError("tmux is not installed (apt-get install tmux)")
        done = self.cmd("new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT),
                        "-s", "keeper", "cat")
        if done.returncode != 0:
            raise BenchError(f"could not start tmux: {done.stderr.strip()}")
        self.started = True
        where = self.cmd("display-message", "-p", "-t", "keeper", "#{socket_path}").stdout.strip()
        self.socket_path = Path(where) if where else None
        # a program that dies keeps its pane, so a timeout can show what it printed
        self.cmd("set-window-option", "-g", "remain-on-exit", "on")

    def new(self, name: str, argv: list[str]) -> None:
        """A detached 120x40 session running `argv`."""
        done = self.cmd("new-session", "-d", "-x", str(WIDTH), "-y", str(HEIGHT), "-s", name,
                        "-c", str(ROOT), shlex.join(argv))
        if done.returncode != 0:
            raise BenchError(f"tmux new-session {name} failed: {done.stderr.strip()}")

    def capture(self, name: str) -> str:
        """The visible screen text of session `name`."""
        done = self.cmd("capture-pane", "-p", "-t", name)
        if done.returncode != 0:
            raise BenchError(f"tmux session {name} vanished: {done.stderr.strip()}")
        return done.stdout

    def pane_pid(self, name: str) -> int | None:
        """The pid tmux started in session `name`."""
        done = self.cmd("list-panes", "-t", name, "-F", "#{pane_pid}")
        try:
            return int(done.stdout.split()[0])
        except (IndexError, ValueError):
            return None

    def kill(self, name: str) -> None:
        """Kill session `name` and wait until its processes are gone (SIGKILL after a wait)."""
        pane = self.pane_pid(name)
        pids = process_tree(pane) if pane is not None else []
        self.cmd("kill-session", "-t", name)
        deadline = time.perf_counter() + EXIT_TIMEOUT_S
        while any(alive(p) for p in pids) and time.perf_counter() < deadline:
            time.sleep(0.01)
        for p in pids:
            if alive(p):
                with_note = f"pid {p} outlived kill-session by {EXIT_TIMEOUT_S:.0f}s; SIGKILL"
                print(f"  note: {with_note}", file=sys.stderr)
                with contextlib.suppress(OSError):
                    os.kill(p, signal.SIGKILL)

    def close(self) -> None:
        """Stop our private server (only ours: it has its own socket)."""
        if self.started:
            self.cmd("kill-server")
            self.started = False
        if self.socket_path is not None and self.socket_path.name == self.socket:
            self.socket_path.unlink(missing_ok=True)  # tmux leaves the socket file behind


# ---- part 1: databases -----------------------------------------------------------------------


def build_databases(folder: Path) -> tuple[Path, Path]:
    """An empty migrated database and a 10k demo one, each in its own folder (own backups/)."""
    empty = folder / "empty" / "bounceback.db"
    big = folder / "10k" / "bounceback.db"
    empty.parent.mkdir()
    big.parent.mkdir()
    run_checked([str(PYTHON), "-c",
                 "import sys; from pathlib import Path; from bounceback.clock import SystemClock;"
                 " from bounceback.store.db import Store;"
                 " Store.open(Path(sys.argv[1]), SystemClock()).close()", str(empty)],
                "creating the empty database")
    if not BOUNCEBACK.exists():
        raise BenchError(f"{BOUNCEBACK} not found; install the package into this venv")
    run_checked([str(BOUNCEBACK), "demo", "--out", str(big), "--scale", "10000"],
                "bounceback demo --scale 10000")
    return empty, big


# ---- part 2/3: programs in a real terminal ---------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A program started in tmux: what marks its first frame and its data."""

    key: str
    label: str
    argv: list[str]
    first: str | None  # None: any non-blank screen
    data: str


@dataclass
class Launch:
    """One start: seconds to first frame and to data; peak RSS in kB."""

    first: float
    data: float
    hwm_kb: int | None


@dataclass
class CaseResult:
    """All starts of one case."""

    cold: Launch | None = None
    runs: list[Launch] = field(default_factory=list)
    error: str | None = None


def launch(tmux: Tmux, name: str, case: Case) -> Launch:
    """Start `case` in a fresh session, time its first frame and its data, read its RSS."""
    first_t: float | None = None
    screen = ""
    t0 = time.perf_counter()  # process start: just before tmux new-session
    tmux.new(name, case.argv)
    try:
        deadline = t0 + LAUNCH_TIMEOUT_S
        next_poll = t0
        while True:
            screen = tmux.capture(name)
            now = time.perf_counter()
            if first_t is None and (case.first in screen if case.first else screen.strip()):
                first_t = now - t0
            if first_t is not None and case.data in screen:
                data_t = now - t0
                break
            if now > deadline:
                want = f"first frame ({case.first or 'any text'!r})" if first_t is None else (
                    f"data ({case.data!r})")
                raise BenchError(f"{case.label}: {want} not visible after "
                                 f"{LAUNCH_TIMEOUT_S:.0f}s; last screen:\n{indent(screen)}")
            next_poll += POLL_S
            delay = next_poll - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            else:
                next_poll = time.perf_counter()
        pane = tmux.pane_pid(name)
        pid = python_pid(pane) if pane is not None else None
        hwm = None
        if pid is not None:
            time.sleep(RSS_SETTLE_S)
            hwm = vm_hwm_kb(pid)
        return Launch(first_t, data_t, hwm)
    finally:
        tmux.kill(name)


def terminal_rounds(cases: list[Case], reps: int) -> dict[str, CaseResult]:
    """One cold (unmeasured) start per case, then `reps` interleaved rounds."""
    results = {c.key: CaseResult() for c in cases}
    tmux = Tmux()
    try:
        tmux.start()
        for round_no in range(reps + 1):
            shift = round_no % len(cases)  # rotate the order: no case always goes first
            for case in cases[shift:] + cases[:shift]:
                result = results[case.key]
                if result.error:
                    continue
                try:
                    run = launch(tmux, f"{case.key}-{round_no}", case)
                except BenchError as exc:
                    result.error = str(exc)
                    print(f"  FAILED: {exc}", file=sys.stderr)
                    continue
                if round_no == 0:
                    result.cold = run
                else:
                    result.runs.append(run)
            print(f"  terminal round {round_no}/{reps} done"
                  f"{' (cold, not counted)' if round_no == 0 else ''}", file=sys.stderr)
    finally:
        tmux.close()
    return results


# ---- part 4/5: in-process Pipeline -----------------------------------------------------------

QUIET_S = 0.15  # no paint, no worker and no loop stall for this long: the action has settled
STALL_S = 0.02  # a poll that comes back this late means the event loop was busy
ACTION_TIMEOUT_S = 15.0


@dataclass
class Interaction:
    """One user action, measured through Pilot and by watching the frames it causes."""

    result: str = "table"  # which frame shows the result: "table" (redrawn) or "first"
    pilot: list[float] = field(default_factory=list)
    first_paint: list[float] = field(default_factory=list)
    result_paint: list[float] = field(default_factory=list)
    last_paint: list[float] = field(default_factory=list)
    paints: list[int] = field(default_factory=list)


@dataclass
class InProcess:
    """Everything part 4/5 measured."""

    interactions: dict[str, Interaction] = field(default_factory=lambda: defaultdict(Interaction))
    work: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    notes: list[str] = field(default_factory=list)


class PaintClock:
    """Records when the app hands a frame to its driver (`App._display`, headless too), when
    `table` got new rows and when it drew lines (to find the frame that shows the new rows)."""

    def __init__(self, app: Any, table: Any) -> None:
        self.times: list[float] = []
        self.table_sets: list[float] = []
        self.table_draws: list[float] = []
        original = app._display
        self.render_line = table.render_line  # the unwrapped ones, for direct timing
        self.set_rows = table.set_rows

        def render_line(y: int) -> Any:
            self.table_draws.append(time.perf_counter())
            return self.render_line(y)

        def set_rows(*args: Any, **kwargs: Any) -> Any:
            self.table_sets.append(time.perf_counter())
            return self.set_rows(*args, **kwargs)

        table.render_line = render_line
        table.set_rows = set_rows

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.times.append(time.perf_counter())

        app._display = display


def key_char(key: str) -> str | None:
    """The character Pilot would attach to `key`."""
    import unicodedata

    try:
        from textual.keys import REPLACED_KEYS, _get_unicode_name_from_key

        return unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
    except (ImportError, KeyError):
        return key if len(key) == 1 else None


async def keystroke_to_paint(
    app: Any, paints: PaintClock, key: str
) -> tuple[list[float], float | None]:
    """Send `key` as the driver would; once the app has settled (no frame, no running worker and
    no event-loop stall for QUIET_S) return the frames it caused and the first frame after the
    table got new rows and redrew, in seconds after the key."""
    from textual import events
    from textual.worker import WorkerState

    paints.times.clear()
    paints.table_draws.clear()
    paints.table_sets.clear()
    event = events.Key(key, key_char(key))
    event.set_sender(app)
    start = time.perf_counter()
    app._driver.send_message(event)
    quiet_from = previous = start
    while True:
        await asyncio.sleep(0.002)
        now = time.perf_counter()
        working = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)
        if working or now - previous > STALL_S:
            quiet_from = now
        previous = now
        if paints.times:
            quiet_from = max(quiet_from, paints.times[-1])
        if now - quiet_from >= QUIET_S:
            break
        if now - start > ACTION_TIMEOUT_S:
            raise BenchError(f"in-process: key {key!r} did not settle within "
                             f"{ACTION_TIMEOUT_S:.0f}s")
    frames = [t - start for t in paints.times]
    table_frame = None
    if paints.table_sets:
        changed = paints.table_sets[0]
        drawn = next((t - start for t in paints.table_draws if t >= changed), None)
        if drawn is not None:
            table_frame = next((f for f in frames if f >= drawn), None)
    return frames, table_frame


async def inprocess(db: Path, reps: int) -> InProcess:
    """Filter keystrokes, view cycles, detail push/pop and reload on the 10k database."""
    try:
        return await _inprocess(db, reps)
    except AttributeError as exc:
        raise BenchError(f"in-process: the Pipeline's internals changed ({exc}); update "
                         "benchmarks/run.py") from exc


async def _inprocess(db: Path, reps: int) -> InProcess:
    from bounceback.app import BouncebackApp
    from bounceback.clock import SystemClock
    from bounceback.playbook.pipeline import summary
    from bounceback.screens.pipeline import PipelineScreen
    from bounceback.screens.pipeline_data import PipelineData, build_items, count_text
    from bounceback.store.db import Store

    clock = SystemClock()
    app = BouncebackApp(open_store=lambda: Store.open(db, clock), clock=clock)
    out = InProcess()

    async with app.run_test(size=(WIDTH, HEIGHT)) as pilot:
        t0 = time.perf_counter()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.action_go("pipeline")  # the app opens on Today; this part is about the Pipeline
        screen = app.screen
        while not (isinstance(screen, PipelineScreen) and screen._loaded):
            if time.perf_counter() - t0 > 30:
                raise BenchError(f"in-process: the Pipeline did not load within 30 s (screen: "
                                 f"{screen!r})")
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            screen = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        out.notes.append(f"headless start (run_test to Pipeline filled): "
                         f"{ms(time.perf_counter() - t0)} ms")
        pipeline: PipelineScreen = screen
        table = pipeline.table
        paints = PaintClock(app, table)

        def expect(ok: bool, what: str) -> None:
            if not ok:
                raise BenchError(f"in-process: {what} (screen {app.screen!r}, query "
                                 f"{pipeline._query!r}, view {pipeline._view.value})")

        async def settle() -> None:
            await app.workers.wait_for_complete()
            await pilot.pause()

        async def act(name: str, key: str, via_pilot: bool, result: str = "table") -> None:
            record = out.interactions[name]
            record.result = result
            if via_pilot:
                start = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                record.pilot.append(time.perf_counter() - start)
                await settle()
            else:
                frames, table_frame = await keystroke_to_paint(app, paints, key)
                record.paints.append(len(frames))
                if frames:
                    record.first_paint.append(frames[0])
                    record.last_paint.append(frames[-1])
                shown_at = frames[0] if result == "first" and frames else table_frame
                if shown_at is not None:
                    record.result_paint.append(shown_at)

        shown: dict[str, int] = {}
        for _ in range(reps):
            for via_pilot in (True, False):
                await act("no-op key (z, unbound)", "z", via_pilot, "first")
                await act("open filter box (/)", "slash", via_pilot, "first")
                typed = ""
                for key in "eng":
                    typed += key
                    await act("filter keystroke (e, n, g)", key, via_pilot)
                    expect(pipeline._query == typed, f"the filter did not become {typed!r}")
                    shown[typed] = len(table.rows)
                await act("clear filter (escape)", "escape", via_pilot)
                expect(pipeline._query == "", "escape did not clear the filter")
                for _ in range(3):
                    await act("view cycle (f)", "f", via_pilot)
                expect(pipeline._view.value == "active", "three f did not come back to active")
                await act("push detail (enter)", "enter", via_pilot, "first")
                expect(app.screen is not pipeline, "enter did not open the detail screen")
                await act("pop back to Pipeline (escape)", "escape", via_pilot, "first")
                expect(app.screen is pipeline, "escape did not return to the Pipeline")
                await settle()

        # the pure work of a keystroke, called directly: _refilter + drawing every visible line
        height = table.size.height

        def draw() -> None:
            for y in range(height):
                paints.render_line(y)

        def refilter_and_draw() -> None:
            pipeline._refilter()
            draw()

        def apply_and_draw(items: list[Any], settings: Any) -> None:
            pipeline.show(PipelineData(items, settings, count_text(summary(items))))
            draw()

        def timed(name: str, action: Callable[..., Any], *args: Any) -> Any:
            start = time.perf_counter()
            result = action(*args)
            out.work[name].append(time.perf_counter() - start)
            return result

        for _ in range(reps):
            for query in ("e", "en", "eng", ""):
                pipeline._query = query
                timed("_refilter() + render_line() per visible line", refilter_and_draw)
            await settle()
            pipeline._query = "e"
            visible = timed("  part: _visible() (scans 10k)", pipeline._visible)
            timed("  part: _summarize() (scans 10k)", pipeline._summarize, len(visible))
            timed("  part: table.set_rows()", partial(paints.set_rows, visible, fresh=False))
            timed("  part: render visible lines, warm cache", draw)
            table._cache.clear()
            timed("  part: render visible lines, cold cache", draw)
            pipeline._query = ""
            pipeline._refilter()
            await settle()

        # the full reload (a worker thread, as on every return to the screen) and its parts
        for _ in range(reps):
            start = time.perf_counter()
            worker = pipeline.reload()
            assert worker is not None
            await worker.wait()
            await pilot.pause()
            out.work["reload(): worker + repaint (Pilot)"].append(time.perf_counter() - start)
            store = app.store
            settings = timed("  part: settings.get()", store.settings.get)
            rows = timed("  part: applications.rows()", store.applications.rows)
            items = timed("  part: build_items() (judge + sort)", build_items, rows,
                          pipeline.today(), clock.tz, settings)
            timed("  part: _apply() + render (fresh cache)", apply_and_draw, items, settings)
            await settle()

        out.notes.append(f"{len(pipeline._items):,} rows loaded; the active view shows "
                         + ", ".join(f"{q!r}: {n:,}" for q, n in shown.items())
                         + f"; the table is {height} lines high")
    return out


# ---- report ----------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    """Budget column text."""
    return "ok" if ok else "OVER"


def report_terminal(cases: list[Case], results: dict[str, CaseResult], reps: int) -> None:
    """Startup, ratios and memory tables."""
    rows = []
    for case in cases:
        r = results[case.key]
        if r.error and not r.runs:
            rows.append([case.label, "FAILED", "", "", "", "", ""])
            continue
        firsts = [x.first for x in r.runs]
        datas = [x.data for x in r.runs]
        hwm = [x.hwm_kb / 1024 for x in r.runs if x.hwm_kb is not None]
        cold = r.cold
        rows.append([
            case.label,
            ms(median(firsts)),
            ms(median(datas)),
            f"{ms(min(datas))}-{ms(max(datas))}" if datas else "—",
            f"{ms(cold.first)} / {ms(cold.data)}" if cold else "—",
            f"{median(hwm):.1f}" if hwm else "—",
            str(len(r.runs)),
        ])
    print(table(
        f"Startup in a real terminal (tmux {WIDTH}x{HEIGHT}, capture-pane every "
        f"{POLL_S * 1000:.0f} ms; median of {reps}; ms from just before tmux new-session)",
        ["program", "first frame", "data visible", "data range", "cold run (1st/data)",
         "peak RSS MB", "n"],
        rows,
    ))
    print("  first frame: 'hello' (minimal), any text (query app), 'bounceback' (StartupScreen);"
          "\n  data: 'hello', 'rows: N', Today's pipeline line 'active —' (bounceback)."
          "\n  cold run: the first, uncounted start of each (cold caches; bounceback's daily "
          "backup).")
    for case in cases:
        if results[case.key].error:
            print(f"  ERROR {case.label}: {results[case.key].error}")
    print()

    def med(key: str, attr: str) -> float:
        runs = results[key].runs
        return median([getattr(x, attr) for x in runs]) if runs else float("nan")

    ratio_rows = []
    for db in ("empty", "10k"):
        ratio = med(f"bb-{db}", "first") / med("minimal", "first")
        ratio_rows.append([f"first frame: bounceback ({db}) / minimal app", f"{ratio:.2f}x",
                           f"<= {BUDGET_FIRST_FRAME}x", verdict(ratio <= BUDGET_FIRST_FRAME)])
    for db in ("empty", "10k"):
        ratio = med(f"bb-{db}", "data") / med(f"query-{db}", "data")
        ratio_rows.append([f"Today with data: bounceback ({db}) / minimal+query ({db})",
                           f"{ratio:.2f}x", f"<= {BUDGET_DATA}x", verdict(ratio <= BUDGET_DATA)])
    ratio = med("bb-10k", "data") / med("minimal", "first")
    ratio_rows.append(["data visible: bounceback (10k) / minimal app first frame",
                       f"{ratio:.2f}x", "(info)", ""])
    print(table("Ratios (medians of the same run)", ["figure", "ratio", "budget", ""],
                ratio_rows))
    print()

    def hwm(key: str) -> float:
        runs = [x.hwm_kb for x in results[key].runs if x.hwm_kb is not None]
        return median([float(k) for k in runs]) / 1024 if runs else float("nan")

    mem_rows = [
        ["bounceback, 10k db (after data visible)", f"{hwm('bb-10k'):.1f}"],
        ["bounceback, empty db", f"{hwm('bb-empty'):.1f}"],
        ["minimal Textual app", f"{hwm('minimal'):.1f}"],
        ["minimal + sqlmodel query, 10k db", f"{hwm('query-10k'):.1f}"],
    ]
    diff = hwm("bb-10k") - hwm("minimal")
    mem_rows.append(["difference: bounceback 10k - minimal",
                     f"{diff:+.1f}  (budget <= {BUDGET_MEMORY_MB:.0f} MB: "
                     f"{verdict(diff <= BUDGET_MEMORY_MB)})"])
    print(table(f"Peak RSS (VmHWM of the python process, {RSS_SETTLE_S * 1000:.0f} ms after data "
                "visible; median, MB)", ["program", "MB"], mem_rows))
    print()


def report_inprocess(result: InProcess, reps: int) -> None:
    """Interaction, direct-call and reload tables."""
    rows = []
    for name, r in result.interactions.items():
        budgeted = "no-op" not in name

        def worst(values: list[float], budgeted: bool = budgeted) -> str:
            if not budgeted or not values:
                return ""
            return verdict(max(values) * 1000 < BUDGET_REPAINT_MS)

        rows.append([
            name,
            ms(median(r.pilot)), ms(max(r.pilot)) if r.pilot else "—",
            ms(median(r.first_paint)),
            ms(median(r.result_paint)), ms(max(r.result_paint)) if r.result_paint else "—",
            ms(median(r.last_paint)), ms(max(r.last_paint)) if r.last_paint else "—",
            f"{median([float(n) for n in r.paints]):.0f}" if r.paints else "—",
            worst(r.result_paint), worst(r.last_paint),
        ])
    print(table(
        f"Interactions, 10k db, in-process (App.run_test {WIDTH}x{HEIGHT}, headless; "
        f"{reps} rounds; ms after the key)",
        ["action", "Pilot med", "Pilot max", "1st frame", "shown", "shown max", "settled",
         "settled max", "frames", "shown<50", "settled<50"],
        rows,
    ))
    print("  Pilot: `await pilot.press(k); await pilot.pause()` (includes Pilot's idle polling:"
          " see the no-op key).\n"
          "  Frames: the key event is sent as the driver sends it; a frame is the app handing an"
          " update to the\n  driver (App._display). 1st frame: the first one. shown: the frame "
          "that shows the result (the first\n  frame after the table got new rows and redrew; for "
          "push/pop the first frame). settled: the last frame\n  before "
          f"{QUIET_S * 1000:.0f} ms without frames, workers or event-loop stalls "
          "(footer, preview, reloads).\n  frames: frames per action (median).")
    print()
    rows = [[name, ms(median(v)), ms(max(v)), str(len(v))] for name, v in result.work.items()]
    print(table("Direct calls on the 10k Pipeline (no event loop in between; ms)",
                ["work", "median", "max", "n"], rows))
    for note in result.notes:
        print(f"  {note}")
    print()


def report_open_parts(parts: dict[str, list[float]], reps: int) -> None:
    """The data-visible path in pieces."""
    rows = [[name, ms(median(v)), ms(max(v))] for name, v in parts.items()]
    total = sum(median(v) for v in parts.values())
    rows.append(["sum of medians", ms(total), ""])
    print(table(f"bounceback's path to data, 10k db, fresh process without UI (benchmarks/"
                f"open_parts.py; median of {reps}; ms)", ["step", "median", "max"], rows))
    print()


# ---- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Run everything once; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 repetitions instead of 5")
    parser.add_argument("--reps", type=int, help="repetitions per figure (overrides --quick)")
    args = parser.parse_args(argv)
    reps = args.reps or (2 if args.quick else 5)
    if reps < 1:
        parser.error("--reps must be at least 1")

    started = time.perf_counter()
    print(f"bounceback benchmarks: python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
          f"{reps} repetitions", file=sys.stderr)
    load_start = "/".join(f"{x:.2f}" for x in os.getloadavg())
    folder = Path(tempfile.mkdtemp(prefix="bounceback-bench-"))
    failed = False
    try:
        t = time.perf_counter()
        empty, big = build_databases(folder)
        print(f"  databases built in {time.perf_counter() - t:.1f}s", file=sys.stderr)

        py = str(PYTHON)
        cases = [
            Case("minimal", "minimal Textual app", [py, str(HERE / "minimal_app.py")],
                 "hello", "hello"),
            Case("query-empty", "minimal + sqlmodel query, empty db",
                 [py, str(HERE / "query_app.py"), str(empty)], None, "rows: "),
            Case("query-10k", "minimal + sqlmodel query, 10k db",
                 [py, str(HERE / "query_app.py"), str(big)], None, "rows: "),
            # the app opens on Today: its pipeline panel ("19 active — …") is drawn from data
            Case("bb-empty", "bounceback, empty db", [str(BOUNCEBACK), "--db", str(empty)],
                 "bounceback", "active —"),
            Case("bb-10k", "bounceback, 10k db", [str(BOUNCEBACK), "--db", str(big)],
                 "bounceback", "active —"),
        ]
        results = terminal_rounds(cases, reps)
        failed |= any(r.error for r in results.values())

        parts: dict[str, list[float]] = defaultdict(list)
        try:
            for _ in range(reps):
                out = run_checked([py, str(HERE / "open_parts.py"), str(big)],
                                  "benchmarks/open_parts.py", timeout=60)
                for name, seconds in json.loads(out.strip().splitlines()[-1]).items():
                    parts[name].append(seconds)
            print("  open parts done", file=sys.stderr)
        except (BenchError, ValueError) as exc:
            print(f"  FAILED: open parts: {exc}", file=sys.stderr)
            failed = True

        inproc: InProcess | None = None
        try:
            inproc = asyncio.run(asyncio.wait_for(inprocess(big, reps), INPROCESS_TIMEOUT_S))
            print("  in-process part done", file=sys.stderr)
        except TimeoutError:
            print(f"  FAILED: the in-process part did not finish within "
                  f"{INPROCESS_TIMEOUT_S:.0f}s", file=sys.stderr)
            failed = True
        except BenchError as exc:
            print(f"  FAILED: {exc}", file=sys.stderr)
            failed = True

        print(f"bounceback benchmarks: python {sys.version.split()[0]}, {os.cpu_count()} cpus, "
              f"{reps} repetitions; load average at start {load_start}, at end "
              f"{'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
        print()
        report_terminal(cases, results, reps)
        if parts:
            report_open_parts(parts, reps)
        if inproc is not None:
            report_inprocess(inproc, reps)
    except BenchError as exc:
        print(f"benchmark failed: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"total run time {time.perf_counter() - started:.0f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

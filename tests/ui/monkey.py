"""The key monkey: seeded random keys through the real app, biased so every screen is reached.

Shared by `tests/ui/test_monkey.py` (a short run in CI) and `benchmarks/monkey.py` (long runs
by hand). A run is a list of *tokens*: Pilot key names, plus `@advance:SECONDS`, which moves
the fake clock on and ticks the countdowns on screen (so a wallow window can run out without
anyone waiting). Replaying the tokens on a fresh demo database repeats the run, and a failure
is shrunk to the shortest tail of tokens that still fails from a fresh app.

Nothing here waits on the wall clock: keys are followed by "let the workers finish", and time
only moves when a token says so.
"""

from __future__ import annotations

import random
import sqlite3
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.demo import build_demo
from bounceback.screens.registry import MODES
from bounceback.store.db import Store
from bounceback.widgets.wallow_timer import WallowTimer

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
"""The demo's "today" (the same moment as the UI tests' fixed clock)."""

ADVANCE = "@advance:"
"""Token prefix: move the fake clock on by this many seconds and tick the visible countdowns."""

_CHAR_KEYS = {
    " ": "space", "-": "minus", "/": "slash", "[": "left_square_bracket",
    "]": "right_square_bracket", ".": "full_stop", "~": "tilde", "@": "at", ",": "comma",
    ":": "colon", "?": "question_mark", "+": "plus", "_": "underscore", "'": "apostrophe",
    "!": "exclamation_mark", "=": "equals_sign",
}

# The quit keys (q, ctrl+q, ctrl+c) are left out: `q` quits from any screen that is not a text
# field, and a monkey that quits has stopped testing. Nothing here suspends the app or opens
# another program (no ctrl+z, no function keys).
RANDOM_KEYS: tuple[str, ...] = (
    *[c for c in "abcdefghijklmnoprstuvwxyz"],
    *[c for c in "ABCDEFGHIJKLMNOPRSTUVWXYZ"][::3],  # a few capitals (Today's `R`, …)
    *"0123456789",
    "enter", "enter", "escape", "escape", "escape", "tab", "tab", "shift+tab",
    "up", "down", "down", "left", "right", "home", "end", "pageup", "pagedown",
    "ctrl+s", "ctrl+s", "slash", "left_square_bracket", "right_square_bracket",
    "plus", "minus", "question_mark", "space", "space", "backspace", "delete",
)

WORDS = ("Acme", "x", "[/]", "[bold]x", "2026-12-01", "Jan 5", "tomorrow", "Northwind",
         "hello world", "99", "-3", "a,b")
"""What the monkey types into fields: plain words, markup, dates good and odd (never a `q`)."""

PALETTE = ("go to today", "go to pipeline", "go to rejections", "go to wins", "go to goals",
           "edit rituals", "add win", "export brag", "data import", "data export", "app help",
           "untracked job", "new application", "today check in")
"""Palette searches whose first hit is one of our commands (never Quit or Screenshot)."""

IMPORT_FILES = {
    "in.csv": "company,role,status,date applied\n"
              "Monkey Ltd,Engineer,rejected,2026-10-01\nBanana Co,Analyst,applied,2026-11-02\n",
    "bad.csv": "company,role,date applied\nOops,Dev,not a date\n",
}
"""Files put in the (temporary) home folder, so the import dialog has something to read."""

_CLASS = {spec.name: spec.target.partition(":")[2] for spec in MODES}
MAIN_SCREENS = frozenset(_CLASS.values())
"""The class names of the numbered screens."""


def keys_for(text: str) -> list[str]:
    """The Pilot key names that type `text`."""
    return [c if c.isalnum() else _CHAR_KEYS[c] for c in text]


def prepare_home(home: Path) -> None:
    """Put the import files in `home` (the tests' and the script's temporary HOME)."""
    for name, text in IMPORT_FILES.items():
        (home / name).write_text(text, encoding="utf-8")


def make_demo_db(path: Path) -> Path:
    """A demo database at `path`, built at the fixed moment NOW; returns the path."""
    store = Store.open(path, FixedClock(NOW))
    try:
        build_demo(store)
    finally:
        store.close()
    return path


def copy_db(source: Path, target: Path) -> Path:
    """A consistent copy of a closed database (the backup API, never a file copy)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return target


def db_problems(path: Path) -> list[str]:
    """`integrity_check` and `foreign_key_check` through a connection of our own."""
    conn = sqlite3.connect(path)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    problems = [] if integrity == ["ok"] else [f"integrity_check: {integrity}"]
    problems += [f"foreign_key_check: {row}" for row in orphans]
    return problems


def screen_name(app: BouncebackApp) -> str:
    """The class name of the screen on top, or "" when there is none."""
    try:
        return type(app.screen).__name__
    except Exception:  # no screen while starting or after exiting
        return ""


def is_down(app: BouncebackApp) -> bool:
    """The app has exited (a crash sets return code 1; a quit sets 0)."""
    return app.return_code is not None or not app.is_running


# ---- choosing keys ----------------------------------------------------------------------------

Macro = Callable[[random.Random], list[str]]


def _word(rng: random.Random) -> list[str]:
    return keys_for(rng.choice(WORDS))


def _keys(*keys: str) -> Macro:
    return lambda _rng: list(keys)


def _digit(rng: random.Random) -> list[str]:
    return [rng.choice("0123456789")]


_FORM: list[tuple[int, Macro]] = [
    (4, _word), (3, _keys("tab")), (1, _keys("shift+tab")), (2, _keys("ctrl+s")),
    (2, _keys("escape")), (1, lambda r: [*keys_for(r.choice(("2026-12-01", "Jan 5", "2099-01-01"))),
                                         "tab"]),
]

SCREEN_MACROS: dict[str, list[tuple[int, Macro]]] = {
    "TodayScreen": [(3, lambda r: ["c", r.choice("12345"), "tab", *_word(r), "enter"]),
                    (1, _keys("w")), (1, _keys("R")), (2, _keys("escape", "plus")),
                    (1, _keys("escape", "space")), (1, _keys("escape", "minus")),
                    (1, _keys("escape", "r")), (1, _keys("tab", "enter")),
                    (1, _keys("@advance:901"))],
    "PipelineScreen": [(3, _keys("r")), (3, _keys("enter")), (2, _keys("enter", "e")),
                       (2, _keys("n")), (2, _keys("e")), (2, _keys("m")),
                       (2, _keys("right_square_bracket")), (1, _keys("left_square_bracket")),
                       (2, _keys("delete")), (1, _keys("u")), (1, _keys("f")),
                       (1, lambda r: ["slash", *_word(r)]),
                       (2, lambda r: ["down"] * r.randint(1, 6))],
    "ApplicationDetailScreen": [(3, _keys("e")), (2, _keys("escape"))],
    "RejectionsScreen": [(4, _keys("enter")), (2, _keys("n")), (1, _keys("k")), (1, _keys("s")),
                         (1, lambda r: ["slash", *_word(r)]),
                         (2, lambda r: ["down"] * r.randint(1, 4))],
    "CaseScreen": [(2, _keys("e")), (1, _keys("a")), (1, _keys("v")), (1, _keys("x")),
                   (1, _keys("l")), (2, _keys("g")), (2, _keys("escape"))],
    "WinsScreen": [(3, _keys("enter")), (2, _keys("n")), (2, _keys("h")), (2, _keys("s")),
                   (2, _keys("l")), (1, _keys("w")), (1, _keys("p")), (2, _keys("e")),
                   (1, _keys("delete")), (1, _keys("u")), (1, _keys("c")), (1, _keys("t")),
                   (1, lambda r: ["slash", *_word(r)])],
    "WinReaderScreen": [(2, _keys("left")), (2, _keys("right")), (2, _keys("e")),
                        (1, _keys("p")), (2, _keys("escape"))],
    "GoalsScreen": [(3, _keys("n")), (2, _keys("e")), (2, _keys("delete")), (1, _keys("u")),
                    (2, _keys("down"))],
    "ApplicationForm": _FORM, "WinForm": _FORM, "HelpForm": _FORM, "GoalForm": _FORM,
    "CaseForm": _FORM, "UntrackedForm": _FORM,
    "ConfirmModal": [(3, _keys("y")), (2, _keys("n")), (1, _keys("enter")), (1, _keys("escape"))],
    "PickerModal": [(3, _keys("down", "enter")), (2, _keys("enter")), (1, _keys("escape"))],
    "TextPromptModal": [(2, _keys("enter")), (1, _keys("escape")),
                        (3, lambda r: [*keys_for(r.choice(("~/in.csv", "~/bad.csv", "~/nope"))),
                                       "enter"]),
                        (1, lambda r: ["ctrl+u", *keys_for("~/out.md"), "enter"])],
    "ImportPreviewModal": [(2, _keys("y")), (1, _keys("n"))],
    "AcknowledgeScreen": [(2, _digit), (2, _keys("space")), (1, _keys("down")),
                          (3, _keys("ctrl+s")), (1, _keys("escape")),
                          (1, lambda r: ["tab", "tab", *_word(r)])],
    "WallowScreen": [(3, _word), (3, _keys("@advance:901")), (1, _keys("@advance:60")),
                     (1, _keys("escape")), (1, _keys("ctrl+s"))],
    "RitualScreen": [(2, _keys("enter")), (2, _digit), (3, _keys("ctrl+s")), (1, _keys("e")),
                     (1, _keys("escape")), (1, _keys("down"))],
    "DetectiveScreen": [(2, _keys("k")), (1, _keys("space")), (1, _keys("tab")),
                        (3, _keys("ctrl+s")), (1, _keys("escape"))],
    "FeedbackScreen": [(1, _keys("c")), (1, _keys("s")), (1, _keys("a")), (1, _keys("n")),
                       (1, lambda r: ["e", *_word(r), "escape"]), (3, _keys("ctrl+s"))],
    "KeepMovingScreen": [(3, _keys("enter"))],
    "RitualEditor": [(2, _keys("n")), (1, _keys("r")), (1, _keys("left_square_bracket")),
                     (1, _keys("right_square_bracket")), (1, _keys("x")),
                     (2, _keys("escape")), (1, _keys("down"))],
    "HelpScreen": [(3, _keys("escape")), (1, _keys("down"))],
}
"""Per screen: weighted key sequences that move a person somewhere (or finish what is open)."""


STUCK = 24
"""Steps in a row on modals and forms before the monkey leaves (escape, then yes to discard)."""


class KeyChooser:
    """Seeded: a random key most of the time; otherwise a move that makes coverage real."""

    def __init__(self, seed: int) -> None:
        """All choices come from one `random.Random(seed)`."""
        self.rng = random.Random(seed)
        self._streak = 0  # steps in a row away from the numbered screens

    def next_chunk(self, app: BouncebackApp, visited: Counter[str]) -> list[str]:
        """The next few tokens, chosen with a look at the screen on top and where it has been."""
        rng, name = self.rng, screen_name(app)
        self._streak = 0 if name in MAIN_SCREENS else self._streak + 1
        if name == "CommandPalette":  # typing on would search for (and might run) Quit
            return ["escape"]
        if self._streak > STUCK:  # a person stuck in modals gives up and leaves (discarding)
            return ["escape", "y"] if name != "ConfirmModal" else ["y"]
        unseen = [m for m in MODES if not visited[_CLASS[m.name]]]
        if unseen and rng.random() < 0.06:  # a newcomer looks at every screen early on
            return ["escape", rng.choice(unseen).key]
        roll = rng.random()
        if roll < 0.45:
            return [rng.choice(RANDOM_KEYS)]
        if roll < 0.53:  # switch screens, often to the one seen least; maybe leave a field first
            digit = rng.choice("12345")
            if rng.random() < 0.5:
                digit = min(MODES, key=lambda m: (visited[_CLASS[m.name]], rng.random())).key
            return ["escape", digit] if rng.random() < 0.5 else [digit]
        if roll < 0.56:
            return ["ctrl+p", *keys_for(rng.choice(PALETTE)), "down", "enter"]
        if roll < 0.60:
            return [f"{ADVANCE}{rng.choice((30, 600, 901, 3600, 86400))}"]
        if roll < 0.66 and len(app.screen_stack) > 3:
            return ["escape"]
        macros = SCREEN_MACROS.get(name)
        if not macros:
            return [rng.choice(RANDOM_KEYS)]
        weights = [w for w, _ in macros]
        macro = rng.choices([m for _, m in macros], weights)[0]
        return macro(rng)


# ---- running ----------------------------------------------------------------------------------


@dataclass
class Run:
    """What one monkey run did and found."""

    seed: int | None
    size: tuple[int, int]
    tokens: list[str] = field(default_factory=list)
    visited: Counter[str] = field(default_factory=Counter)
    failure: str | None = None
    signature: str | None = None  # the failure's kind, to recognise it when shrinking
    failed_at: int | None = None  # tokens[:failed_at] were pressed when it showed

    @property
    def keys(self) -> int:
        """Keys pressed (clock moves not counted)."""
        return sum(1 for t in self.tokens if not t.startswith(ADVANCE))

    @property
    def failing_tokens(self) -> list[str]:
        """The tokens up to the failure (all of them when there was none)."""
        return self.tokens[: self.failed_at] if self.failed_at is not None else list(self.tokens)

    def replay_line(self) -> str:
        """How to repeat this run by hand."""
        size = f"{self.size[0]}x{self.size[1]}"
        if self.seed is not None:
            return f"benchmarks/monkey.py --seed {self.seed} --keys {self.keys} --size {size}"
        return f"benchmarks/monkey.py --size {size} --replay '{' '.join(self.tokens)}'"

    def report(self) -> str:
        """Seed, keys, screens, and the failure with its keys (for a failing test's message)."""
        lines = [f"monkey seed={self.seed} size={self.size[0]}x{self.size[1]} keys={self.keys}",
                 f"replay: {self.replay_line()}",
                 "screens visited: " + ", ".join(f"{n}×{c}" for n, c in self.visited.most_common())]
        if self.failure:
            lines += [f"FAILED after token {self.failed_at}: {self.signature}",
                      "last 40 tokens: " + " ".join(self.failing_tokens[-40:]),
                      "all tokens: " + " ".join(self.failing_tokens), self.failure]
        return "\n".join(lines)


class _Failed(Exception):
    """Stops the key loop: something went wrong (the details are on the Run)."""


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _apply(pilot: Pilot[Any], clock: FixedClock, token: str) -> None:
    """Press one key, or move the clock and tick the countdowns that are on screen."""
    app = pilot.app
    if token.startswith(ADVANCE):
        clock.advance(float(token[len(ADVANCE):]))
        for timer in app.screen.query(WallowTimer):
            timer.tick()
        await _settle(pilot)
        return
    await pilot.press(token)
    await app.workers.wait_for_complete()


def stack_problem(stack: Sequence[Screen[Any]], mode: str) -> str | None:
    """Why a mode's screen stack is not sane, or None.

    Sane: the mode's own screen at the bottom, no screen (or screen class) twice, and no modal
    hidden under a full screen (a question nobody can see or answer).
    """
    if not stack:
        return "no screen at all"
    base = _CLASS.get(mode)
    if base is not None and type(stack[0]).__name__ != base:
        return f"{type(stack[0]).__name__} at the bottom instead of {base}"
    if len({id(s) for s in stack}) != len(stack):
        return "the same screen is on the stack twice"
    names = [type(s).__name__ for s in stack]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        return f"{', '.join(twice)} twice on the stack"
    for below, above in zip(stack, stack[1:], strict=False):
        if isinstance(below, ModalScreen) and not isinstance(above, ModalScreen):
            return f"{type(below).__name__} (a modal) hidden under {type(above).__name__}"
    return None


async def _responsive(pilot: Pilot[Any]) -> str | None:
    """ctrl+p opens the palette and escape closes it: the app still answers keys."""
    app = pilot.app
    if screen_name(app) == "CommandPalette":
        await pilot.press("escape")
        await _settle(pilot)
    depth = len(app.screen_stack)
    await pilot.press("ctrl+p")
    await _settle(pilot)
    if screen_name(app) != "CommandPalette":
        return f"ctrl+p did not open the palette (top: {screen_name(app)})"
    await pilot.press("escape")
    await _settle(pilot)
    if len(app.screen_stack) != depth:
        return "escape did not close the palette"
    return None


async def run_monkey(
    db: Path,
    *,
    seed: int | None = None,
    keys: int = 0,
    size: tuple[int, int] = (80, 24),
    replay: Sequence[str] | None = None,
    on_token: Callable[[int, str, str], None] | None = None,
) -> Run:
    """Drive the app on the database at `db`: `keys` seeded keys, or exactly `replay`.

    Never raises for what the app does: a crash, an exit, a failed worker, an insane screen
    stack, an unresponsive app or a damaged database is put on the returned Run.
    """
    run = Run(seed, size)
    clock = FixedClock(NOW)
    store = Store.open(db, clock)
    worker_errors: list[str] = []
    seen_workers: set[int] = set()

    def hook(message: Message) -> None:
        if (isinstance(message, Worker.StateChanged) and message.state is WorkerState.ERROR
                and id(message.worker) not in seen_workers):
            seen_workers.add(id(message.worker))
            worker_errors.append(f"worker {message.worker.name!r} failed: "
                                 f"{message.worker.error!r}")

    def fail(signature: str, detail: str = "") -> None:
        if run.failure is None:
            run.signature, run.failure = signature, detail or signature
            run.failed_at = len(run.tokens)
        raise _Failed

    source: Iterator[str] | None = iter(replay) if replay is not None else None
    chooser = KeyChooser(seed if seed is not None else 0)
    app = BouncebackApp(open_store=lambda: store, clock=clock)
    try:
        async with app.run_test(size=size, message_hook=hook) as pilot:
            await _settle(pilot)
            run.visited[screen_name(app)] += 1
            while True:
                if source is not None:
                    token = next(source, None)
                    if token is None:
                        break
                    chunk = [token]
                elif run.keys >= keys:
                    break
                else:
                    chunk = chooser.next_chunk(app, run.visited)
                for token in chunk:
                    if source is None and run.keys >= keys:
                        break  # exactly `keys` keys, even in the middle of a move
                    run.tokens.append(token)
                    try:
                        await _apply(pilot, clock, token)
                    except Exception:
                        if not is_down(app):
                            raise
                    name = screen_name(app)
                    if on_token is not None:
                        on_token(len(run.tokens), token, name)
                    if is_down(app):
                        fail(f"the app exited (return code {app.return_code})")
                    if worker_errors:
                        fail(worker_errors[0].split(":")[0], "\n".join(worker_errors))
                    run.visited[name] += 1
            await _settle(pilot)
            problem = (stack_problem(app.screen_stack, app.current_mode)
                       or await _responsive(pilot))
            if problem:
                fail(problem)
    except _Failed:
        pass
    except Exception as exc:  # what run_test re-raises: the app's own crash
        if run.failed_at is None or run.signature is None or "exited" in run.signature:
            run.failed_at = len(run.tokens)
        run.signature = f"{type(exc).__name__}: {str(exc)[:200]}"
        run.failure = "".join(traceback.format_exception(exc))
    finally:
        store.close()
    problems = db_problems(db)
    if problems and run.failure is None:
        run.signature, run.failure, run.failed_at = "database damaged", "\n".join(problems), \
            len(run.tokens)
    return run


async def shortest_tail(
    tokens: Sequence[str],
    signature: str,
    fresh_db: Callable[[], Path],
    size: tuple[int, int],
    log: Callable[[str], None] = lambda _m: None,
) -> list[str] | None:
    """The shortest tail of `tokens` that still fails the same way from a fresh app.

    Doubles the tail until it fails, then bisects between the last length that passed and the
    first that failed. None when even the whole sequence does not fail again (a race).
    """
    kind = signature.split(":")[0]

    async def fails(n: int) -> bool:
        result = await run_monkey(fresh_db(), size=size, replay=tokens[len(tokens) - n:])
        same = result.signature is not None and result.signature.split(":")[0] == kind
        verdict = f"fails ({result.signature})" if same else "passes"
        log(f"  tail of {n:>5} tokens: {verdict}")
        return same

    total = len(tokens)
    passed, n = 0, 1
    while n < total and not await fails(n):
        passed, n = n, n * 2
    if n >= total:
        n = total
        if not await fails(n):
            return None
    while n - passed > 1:
        mid = (passed + n) // 2
        if await fails(mid):
            n = mid
        else:
            passed = mid
    return list(tokens[total - n:])


"""Every binding on every screen: reach a place from a fresh app, press each of its keys.

A *place* is a screen or modal and the keys that reach it from a fresh app on demo data. For a
place, one app is started, the place reached, and its `app.active_bindings` read. Then each key
is pressed from the place's state, followed by a few escapes, and the app is checked: alive (or
quit cleanly when the key means quit), no failed worker, every touched screen stack sane (the
mode's screen at the bottom, no screen twice, no modal hidden under a full screen, no modal left
open on a screen the person switched away from). Between keys the state is re-established: when
the escapes did not already bring it back, every touched stack is unwound and the place is
reached again; when that does not give the same state (or the app went down), a fresh app is
started. Used by `tests/ui/test_every_binding.py`; `python -m tests.ui.binding_tour` prints the
table of keys per place.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual.message import Message
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.store.db import Store
from tests.ui.monkey import NOW, copy_db, is_down, keys_for, screen_name, stack_problem

ESCAPES = 2
"""Escapes pressed after each key (an even number: a form or the wallow window that asks
"discard?" / "end it?" on the first is back where it was after the second)."""

QUIT_ACTIONS = frozenset({"quit", "app.quit"})
"""Actions after which the app is expected to end (cleanly, return code 0)."""



def _palette(search: str) -> tuple[str, ...]:
    return ("ctrl+p", *keys_for(search), "down", "enter")


@dataclass(frozen=True)
class Place:
    """A screen or modal: its class name and the keys that reach it from a fresh app."""

    name: str
    screen: str
    keys: tuple[str, ...] = ()
    opener: str = "demo"  # "demo" | "blocked" (still opening) | "broken" (cannot open)
    fresh: bool = False  # after a key that did not come back: a fresh app, not an unwind


    @property
    def escape_quits(self) -> bool:
        """On the open-error screen escape means quit: no escapes after a key there."""
        return self.opener == "broken"


PIPELINE = ("escape", "2")
REJECTIONS = ("escape", "3")
WINS = ("escape", "4")
GOALS = ("escape", "5")
ACK = (*PIPELINE, "r")
WALLOW = (*ACK, "ctrl+s")
RITUAL = (*WALLOW, "ctrl+s", "y")  # end the window early (it asks first)
DETECTIVE = (*RITUAL, "ctrl+s")
FEEDBACK = (*DETECTIVE, "ctrl+s")
# the demo's seventh Pipeline row is interviewing after two rounds: its no is a final-round case
DETECTIVE_FINAL = (*PIPELINE, *("down",) * 6, "r", "ctrl+s", "ctrl+s", "y", "ctrl+s")
ANSWER_BANK = _palette("answer bank")
MATERIALS = (*PIPELINE, "M")
# a version pasted first, so the place has a row whatever the demo holds (relabel and retire
# need one)
_PASTE_ONE = ("p", *keys_for("Pasted resume text"), "ctrl+s")
MATERIALS_ONE = (*MATERIALS, *_PASTE_ONE)

PLACES: tuple[Place, ...] = (
    Place("startup", "StartupScreen", opener="blocked"),
    Place("open-error", "OpenErrorScreen", opener="broken"),
    Place("today-checkin", "TodayScreen", ("c",)),
    Place("today", "TodayScreen", ("escape",)),
    # popping the flow's screens by hand to get back here would leave its window open and
    # start a second one on the way back (a state no person can reach): a fresh app per key
    Place("today-wallow-open", "TodayScreen", (*WALLOW, *_palette("go to today")), fresh=True),
    Place("pipeline", "PipelineScreen", PIPELINE),
    Place("pipeline-filter", "PipelineScreen", (*PIPELINE, "slash")),
    Place("rejections", "RejectionsScreen", REJECTIONS),
    Place("wins", "WinsScreen", WINS),
    Place("wins-strengths", "WinsScreen", (*WINS, "s")),
    Place("wins-help-log", "WinsScreen", (*WINS, "l")),
    Place("goals", "GoalsScreen", GOALS),
    Place("application-detail", "ApplicationDetailScreen", (*PIPELINE, "enter")),
    Place("keyword-gap", "KeywordGapModal", (*PIPELINE, "enter", "k")),
    Place("reuse-research", "ReuseResearchModal", (*PIPELINE, "a")),
    Place("application-form-new", "ApplicationForm", (*PIPELINE, "n")),
    Place("application-form-edit", "ApplicationForm", (*PIPELINE, "e")),
    Place("application-form-from-detail", "ApplicationForm", (*PIPELINE, "enter", "e")),
    Place("confirm-delete", "ConfirmModal", (*PIPELINE, "delete")),
    Place("picker-move", "PickerModal", (*PIPELINE, "m")),
    Place("help", "HelpScreen", (*PIPELINE, "question_mark")),
    Place("palette", "CommandPalette", (*PIPELINE, "ctrl+p")),
    # the newest case is the demo's "no" from this morning, its window planned for the evening
    Place("case", "CaseScreen", (*REJECTIONS, "down", "enter")),
    Place("case-planned", "CaseScreen", (*REJECTIONS, "enter")),
    Place("case-form", "CaseForm", (*REJECTIONS, "down", "enter", "e")),
    Place("untracked-form", "UntrackedForm", (*REJECTIONS, "n")),
    Place("acknowledge", "AcknowledgeScreen", ACK),
    Place("wallow", "WallowScreen", WALLOW),
    Place("wallow-end-confirm", "ConfirmModal", (*WALLOW, "ctrl+s")),
    Place("ritual", "RitualScreen", RITUAL),
    Place("ritual-first", "RitualScreen", (*ACK, "ctrl+r")),
    Place("help-form-from-ritual", "HelpForm", (*RITUAL, "h")),
    Place("ritual-editor-from-flow", "RitualEditor", (*RITUAL, "e")),
    Place("detective", "DetectiveScreen", DETECTIVE),
    Place("detective-kind-picker", "PickerModal", (*DETECTIVE, "k")),
    Place("detective-final", "DetectiveScreen", DETECTIVE_FINAL),
    Place("detective-answer-form", "AnswerForm", (*DETECTIVE_FINAL, "w")),
    Place("application-detail-rounds", "ApplicationDetailScreen",
          (*PIPELINE, *("down",) * 6, "enter")),
    Place("round-form", "RoundForm", (*PIPELINE, "i")),
    Place("round-form-from-detail", "RoundForm", (*PIPELINE, "enter", "i")),
    # the sixth row is at screening: one step on is interviewing, and the round form is offered
    Place("round-offer", "ConfirmModal", (*PIPELINE, *("down",) * 5, "right_square_bracket")),
    Place("answer-bank", "AnswerBankScreen", ANSWER_BANK),
    Place("answer-bank-form", "NewAnswerForm", (*ANSWER_BANK, "a")),
    Place("feedback", "FeedbackScreen", FEEDBACK),
    Place("feedback-editing", "FeedbackScreen", (*FEEDBACK, "e")),
    Place("feedback-save-prompt", "TextPromptModal", (*FEEDBACK, "s")),
    Place("keep-moving", "KeepMovingScreen", (*FEEDBACK, "ctrl+s")),
    Place("win-reader", "WinReaderScreen", (*WINS, "enter")),
    Place("win-form", "WinForm", (*WINS, "n")),
    Place("help-form", "HelpForm", (*WINS, "h")),
    Place("goal-form", "GoalForm", (*GOALS, "n")),
    Place("goal-retire-confirm", "ConfirmModal", (*GOALS, "delete")),
    Place("ritual-editor", "RitualEditor", _palette("edit rituals")),
    Place("ritual-invite", "RitualInvite", _palette("plan rituals calm")),
    Place("brag-export-prompt", "TextPromptModal", _palette("export brag")),
    Place("import-prompt", "TextPromptModal", _palette("data import")),
    Place("import-preview", "ImportPreviewModal", (*_palette("data import"),
                                                   *keys_for("~/in.csv"), "enter")),
    Place("export-format-picker", "PickerModal", _palette("data export")),
    Place("materials", "MaterialsScreen", MATERIALS_ONE),
    Place("materials-from-palette", "MaterialsScreen",
          (*_palette("materials resume versions"), *_PASTE_ONE)),
    Place("materials-file-form", "FileMaterialForm", (*MATERIALS, "a")),
    Place("materials-paste-form", "PasteMaterialForm", (*MATERIALS, "p")),
    Place("materials-relabel-form", "RelabelForm", (*MATERIALS_ONE, "l")),
)
"""Every screen and modal, each reached the way a person would (keys from a fresh app)."""

PLACE_BY_NAME = {p.name: p for p in PLACES}

WIDGET_TOUR = {
    "Input": "pipeline-filter", "CommandInput": "pipeline-filter", "TextArea": "wallow",
    "OptionList": "picker-move", "CommandList": "picker-move", "SelectionList": "acknowledge",
    "VerticalScroll": "application-detail", "Tabs": "wins", "Button": "confirm-delete",
    "Select": "acknowledge", "MoodPicker": "today-checkin", "RecordTable": "pipeline",
}
"""Textual's own widget keys (bindings without an id: cursor moves, text editing) are the same
wherever the widget is, so they are pressed at one place each, not on every form."""


def keys_to_press(place: Place, active: dict[str, Any]) -> list[str]:
    """Which of the place's active keys the tour presses, quit last.

    One key per binding (`k` is the same binding as `up`), one quit key per place (`q` and
    `ctrl+q` run the same action), and Textual's own widget keys only at the place WIDGET_TOUR
    names for the widget.
    """
    keys: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    quit_key = None
    for key, found in active.items():
        binding, node = found.binding, found.node
        owner = type(node).__name__
        textual_widget = binding.id is None and not isinstance(node, Screen | BouncebackApp)
        if textual_widget and WIDGET_TOUR.get(owner, place.name) != place.name:
            continue
        if binding.action in QUIT_ACTIONS:
            quit_key = key if quit_key is None or key == "ctrl+q" else quit_key
            continue
        same = (owner, binding.action, binding.description)
        if same in seen:
            continue
        seen.add(same)
        keys.append(key)
    return keys + ([quit_key] if quit_key else [])


@dataclass
class Outcome:
    """What pressing one key at a place did."""

    key: str
    action: str
    problem: str | None = None  # None: the app is alive and sane (or quit when it should)


@dataclass
class TourResult:
    """A place's active keys (as first reached) and the outcome of each key pressed."""

    place: Place
    active: dict[str, str] = field(default_factory=dict)  # key -> "Owner: action #id"
    to_press: list[str] = field(default_factory=list)
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    unreachable: str | None = None


class _Down(Exception):
    """The app went down (the details are in the outcome)."""


def _broken_db(folder: Path) -> Path:
    path = folder / "broken.db"
    path.write_bytes(b"this is not a database" * 100)
    return path


class _Session:
    """One app on a fresh copy of the demo database, at a place."""

    def __init__(self, place: Place, template: Path, folder: Path, n: int) -> None:
        self.place = place
        self.clock = FixedClock(NOW)
        self.gate = threading.Event()
        self.worker_errors: list[str] = []
        self.store: Store | None = None
        db = (_broken_db(folder) if place.opener == "broken"
              else copy_db(template, folder / f"{place.name}-{n}.db"))

        def opener() -> Store:
            if place.opener == "blocked":
                self.gate.wait(timeout=60)  # released by the tour; the timeout only avoids a hang
            self.store = Store.open(db, self.clock)
            return self.store

        self.app = BouncebackApp(open_store=opener, clock=self.clock)
        self.touched: set[str] = set()
        self.phase = ""  # what the tour was doing, for a problem's description

    def hook(self, message: Message) -> None:
        """Collect workers that failed without taking the app down (exit_on_error=False)."""
        if isinstance(message, Worker.StateChanged) and message.state is WorkerState.ERROR:
            if self.place.opener == "broken" and message.worker.name == "open-store":
                return  # that failure is the place itself
            text = f"worker {message.worker.name!r} failed: {message.worker.error!r}"
            if text not in self.worker_errors:
                self.worker_errors.append(text)

    async def settle(self, pilot: Pilot[Any]) -> None:
        """Let the screen, the workers and the repaint finish; note the mode."""
        await pilot.pause()
        if self.gate.is_set() or self.place.opener != "blocked":  # the opener waits on the gate
            await self.app.workers.wait_for_complete()
        await pilot.pause()
        if not is_down(self.app):
            self.touched.add(self.app.current_mode)

    async def press(self, pilot: Pilot[Any], *keys: str) -> None:
        """Keys, then let their workers finish; _Down if the app is down."""
        if is_down(self.app):
            raise _Down
        self.touched.add(self.app.current_mode)
        await pilot.press(*keys)
        if is_down(self.app):
            self.gate.set()  # a thread still opening must not hold up the shutdown
            raise _Down
        if self.gate.is_set() or self.place.opener != "blocked":
            await self.app.workers.wait_for_complete()
        self.touched.add(self.app.current_mode)

    async def reach(self, pilot: Pilot[Any]) -> str | None:
        """Walk to the place; why not, or None."""
        await self.settle(pilot)
        keys = self.place.keys
        for i, key in enumerate(keys):
            await self.press(pilot, key)
            then = keys[i + 1] if i + 1 < len(keys) else None
            if (screen_name(self.app) == "ConfirmModal" and then not in ("y", "n")
                    and not (then is None and self.place.screen == "ConfirmModal")):
                await self.press(pilot, "y")  # a question asked on the way (`r` asks first)
        await self.settle(pilot)
        if screen_name(self.app) != self.place.screen:
            return f"could not reach {self.place.name}: on {screen_name(self.app)}"
        return None

    def state(self) -> tuple[Any, ...]:
        """What "the same state" means: the mode, the stack's classes, the focused widget."""
        focused = self.app.focused
        return (self.app.current_mode, tuple(type(s).__name__ for s in self.app.screen_stack),
                None if focused is None else (type(focused).__name__, focused.id))

    async def check_stacks(self, pilot: Pilot[Any], unwind_to: str | None) -> str | None:
        """Every touched stack sane; no modal left open on a stack the person switched away from.

        The other touched modes are visited (as a person coming back to them would) and, with
        `unwind_to`, every touched stack is then popped down to its mode screen, ending on
        mode `unwind_to`. Without it, the app is left on the mode it was on.
        """
        app = self.app
        current = app.current_mode
        problems = []
        problem = stack_problem(app.screen_stack, current)
        if problem:
            problems.append(f"on {current}: {problem}")
        for mode in sorted(self.touched - {current, "_default"}):
            self.phase = f"on coming back to {mode}"
            await app.switch_mode(mode)
            await self.settle(pilot)
            stack = app.screen_stack
            problem = stack_problem(stack, mode)
            if problem:
                problems.append(f"on {mode}: {problem}")
            left = [type(s).__name__ for s in stack if isinstance(s, ModalScreen)]
            if left:
                problems.append(f"{', '.join(left)} left open on {mode} after switching to "
                                f"{current}")
            if unwind_to is not None:
                await self._pop_all(pilot)
        self.phase = "while going back to the place"
        if unwind_to is None:
            if app.current_mode != current:
                await app.switch_mode(current)
                await self.settle(pilot)
        else:
            if app.current_mode != current:
                await app.switch_mode(current)
            await self._pop_all(pilot)
            if app.current_mode != unwind_to:
                await app.switch_mode(unwind_to)
            await self.settle(pilot)
            self.touched = {unwind_to}
        return "; ".join(problems) or None

    async def _pop_all(self, pilot: Pilot[Any]) -> None:
        while len(self.app.screen_stack) > 1:
            await self.app.pop_screen()
        await self.settle(pilot)


def _summary(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}"


async def tour(
    place: Place,
    template: Path,
    folder: Path,
    keys: Sequence[str] | None = None,
    size: tuple[int, int] = (80, 24),
    log: Callable[[str], None] = lambda _m: None,
) -> TourResult:
    """Press `keys` (default: `keys_to_press`) at `place`, each from the place's own state."""
    result = TourResult(place)
    pending: list[str] | None = list(keys) if keys is not None else None
    sessions = 0
    while True:
        sessions += 1
        if sessions > 2 * len(result.to_press or pending or [1]) + 5:
            raise RuntimeError(f"the tour of {place.name} does not make progress")
        session = _Session(place, template, folder, sessions)
        current: str | None = None  # the key being pressed (with its escapes and checks)
        last: str | None = None  # the key whose after-effects are being unwound
        try:
            async with session.app.run_test(size=size, message_hook=session.hook) as pilot:
                why = await session.reach(pilot)
                if why:
                    result.unreachable = why
                    return result
                if not result.active:
                    found = session.app.active_bindings
                    result.active = {
                        k: f"{type(a.node).__name__}: {a.binding.action}"
                           f"{' #' + a.binding.id if a.binding.id else ''}"
                           f"{'' if a.enabled else ' (disabled)'}"
                        for k, a in found.items()}
                    result.to_press = keys_to_press(place, dict(found))
                    if pending is None:
                        pending = list(result.to_press)
                    actions = {k: a.binding.action for k, a in found.items()}
                    pending.sort(key=lambda k: actions.get(k, "") in QUIT_ACTIONS)
                home, home_focus = session.state(), session.app.focused
                while pending:
                    current = pending[0]
                    action = result.active.get(current, "?").split(": ", 1)[-1]
                    outcome = Outcome(current, action)
                    result.outcomes[current] = outcome
                    log(f"{place.name}: {current}")
                    session.phase = "on the key"
                    await session.press(pilot, current)
                    session.phase = "during the escapes after it"
                    if not place.escape_quits:
                        await session.press(pilot, *["escape"] * ESCAPES)
                    await session.settle(pilot)
                    if place.opener == "blocked":
                        session.phase = "when the data opened"
                        session.gate.set()
                        await session.settle(pilot)
                        await session.settle(pilot)
                        if screen_name(session.app) == "StartupScreen":
                            outcome.problem = "still on the startup screen after opening"
                    back = (session.touched - {"_default"} == {home[0]}
                            and session.state() == home)
                    unwind_to = (None if back or place.opener != "demo" or place.fresh
                                 else home[0])
                    outcome.problem = "; ".join(filter(None, (
                        outcome.problem, *session.worker_errors,
                        await session.check_stacks(pilot, unwind_to)))) or None
                    session.worker_errors.clear()
                    if is_down(session.app):
                        raise _Down
                    pending.pop(0)
                    current, last = None, current
                    if back and place.opener != "blocked":
                        continue  # the escapes brought it back already
                    if place.opener != "demo" or place.fresh:
                        break  # no way back to a starting app but a fresh one
                    if await session.reach(pilot):
                        break
                    if session.state() != home and home_focus is not None \
                            and home_focus.is_attached:
                        session.app.set_focus(home_focus)  # the screen kept its own focus
                        await session.settle(pilot)
                    if session.state() != home:
                        break
                    last = None
        except _Down:
            pass
        except Exception as exc:
            blamed = current or last
            if blamed is None:
                raise
            note = f" ({session.phase})" if session.phase != "on the key" else ""
            outcome = result.outcomes[blamed]
            outcome.problem = "; ".join(x for x in (outcome.problem, _summary(exc) + note) if x)
            if current is not None:
                pending.remove(current)
            current = None
        finally:
            session.gate.set()
        if current is not None:  # the app went down on this key without an exception
            outcome = result.outcomes[current]
            pending.remove(current)
            quits = any(q in outcome.action for q in QUIT_ACTIONS)
            if not (quits and session.app.return_code == 0):
                outcome.problem = f"the app exited (return code {session.app.return_code})"
        if not pending:
            return result


def main() -> None:
    """Print, per place, the keys the tour presses (to paste into test_every_binding.py)."""
    import asyncio
    import os
    import sys
    import tempfile

    from tests.ui.monkey import make_demo_db, prepare_home

    folder = Path(tempfile.mkdtemp(prefix="binding-tour-"))
    os.environ["HOME"] = str(folder)
    prepare_home(folder)
    template = make_demo_db(folder / "template.db")
    names = sys.argv[1:] or [p.name for p in PLACES]
    for name in names:
        result = asyncio.run(tour(PLACE_BY_NAME[name], template, folder, keys=[]))
        print(f'    "{name}": "{" ".join(result.to_press)}",', flush=True)
        if result.unreachable:
            print(f"    # {result.unreachable}")


if __name__ == "__main__":
    main()

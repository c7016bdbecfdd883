"""BouncebackApp: the shell — modes, global keys, palette commands. Screens do the work."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from textual import events, on
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState

from bounceback.clock import Clock, SystemClock
from bounceback.screens.host import HostApp
from bounceback.screens.registry import DEFAULT_MODE, MODES
from bounceback.screens.reopen import ReplacedWatch
from bounceback.screens.startup import OpenErrorScreen, StartupScreen
from bounceback.screens.writes import WriteLane
from bounceback.themes import ThemeMemory, offer_checked_themes
from bounceback.widgets.mode_bar import DEMO_NOTE
from bounceback.widgets.text_entry import (
    clean_paste,
    insert_typed,
    scrub_input,
    scrub_text_area,
    takes_typed,
)

if TYPE_CHECKING:
    from bounceback.screens.unsaved import SignalExit
    from bounceback.store.db import Store
    from bounceback.store.records import FormDraftRecord, WallowRecord


PLANNED_CHECK = 20.0
"""Seconds between looks at the clock for a wallow window planned for later (one small query)."""


class BouncebackApp(HostApp):
    """The app. `open_store` runs in a thread after the first frame; tests pass a ready one."""

    TITLE = "bounceback"
    CSS_PATH = "app.tcss"
    # every screen gets -narrow under 100 columns and -short under 32 rows (app.tcss uses them)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Keys for this screen"),
        Binding("q", "quit", "Quit", id="quit",
                tooltip="Leave bounceback (asks first if a form holds text you typed)"),
        *[
            Binding(m.key, f"go('{m.name}')", m.title, show=False, id=f"go-{m.name}",
                    tooltip=f"Go to {m.title}")
            for m in MODES
        ],
    ]

    def __init__(
        self, open_store: Callable[[], Store], clock: Clock | None = None, *, demo: bool = False,
        invite_rituals: bool = False,
    ) -> None:
        """Keep the opener; nothing touches the disk until the first frame is up.

        `demo`: the store is `bounceback demo`'s throwaway database (every screen says so).
        `invite_rituals`: the person's own bounceback (the CLI) may invite them, once, to plan
        their rituals on a calm day (`screens/ritual_invite.py`).
        """
        super().__init__()
        self.demo = demo
        self.invite_rituals = invite_rituals
        self.opened_at: datetime | None = None  # a plan due before this is offered, not opened
        self._open_store = open_store
        self.clock: Clock = clock or SystemClock()
        self._store: Store | None = None
        self.open_failed = False
        self.open_error = ""
        offer_checked_themes(self)
        self.theme_memory = ThemeMemory(self)
        self.write_lane = WriteLane(self)  # writes that wait for another window's lock
        self.replaced_watch = ReplacedWatch(self)  # a restore under the open app
        # the screen each key in flight was typed at (a key stopped by a widget just expires)
        self._key_screens: WeakKeyDictionary[events.Key, Screen[Any]] = WeakKeyDictionary()
        self.signal_exit: SignalExit | None = None

    def get_driver_class(self) -> type[Driver]:
        """Textual's choice of driver, able to set the window title (see `terminal.py`)."""
        from bounceback.terminal import titled

        return titled(super().get_driver_class())

    @property
    def store(self) -> Store:
        """The opened store (screens only exist once it is)."""
        assert self._store is not None, "store used before it was opened"
        return self._store

    @property
    def ready(self) -> bool:
        """True once the database is open and the modes exist."""
        return self._store is not None

    def on_mount(self) -> None:
        """Draw the loading state, then open the database off the event loop.

        SIGTERM and SIGHUP (the terminal closed) now leave as `q` does, keeping what was typed.
        """
        from bounceback.screens.unsaved import SHUTDOWN_GRACE, SignalExit

        self.signal_exit = SignalExit(self, grace=None if self.is_headless else SHUTDOWN_GRACE)
        self.signal_exit.install()
        self.theme_memory.watch()
        self.push_screen(StartupScreen())
        # start after the first frame is out: the thread's imports would hold the GIL over it
        self.call_after_refresh(self._start_opening)

    def _start_opening(self) -> None:
        self.run_worker(self._open, thread=True, exit_on_error=False, name="open-store")

    def _open(self) -> tuple[Store, WallowRecord | None, list[FormDraftRecord]]:
        """In a thread: open the store; look for a wallow window and form drafts left open."""
        store = self._open_store()
        for mode in MODES:  # import the screens here, not on the event loop
            mode.preload()
        return store, store.wallow.open_window(), store.form_drafts.all()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Go to the default screen when the store opened; explain when it did not."""
        if event.worker.name != "open-store":
            if event.state is WorkerState.ERROR:
                self.worker_failed(event.worker)
            return
        if event.state is WorkerState.SUCCESS:
            result: tuple[Store, WallowRecord | None, list[FormDraftRecord]] = (
                event.worker.result)  # type: ignore[assignment]
            if not self.screen_stack:  # quit while it opened: nothing left to switch from
                result[0].close()
                return
            self._store, window, drafts = result
            self.replaced_watch.attach(self._store)
            self.theme_memory.attach(self._store)
            for mode in MODES:
                self.add_mode(mode.name, mode.factory())
            self.switch_mode(DEFAULT_MODE)
            from bounceback.widgets.safe import notify

            if self._store.readonly:
                notify(self, f"read-only: {self._store.readonly_reason} — browsing only",  # type: ignore[arg-type]
                       severity="warning", timeout=10)
            for note in self._store.notes:  # e.g. permissions tightened: said once, then done
                notify(self, note, severity="warning", timeout=10)  # type: ignore[arg-type]
            self._store.notes.clear()
            if window is not None:
                self.call_after_refresh(self._resume_flow, window)
            if drafts:  # after the flow is back: what forms held when bounceback closed
                self.call_after_refresh(self._offer_drafts, drafts)
            elif window is None and self.invite_rituals:
                self.call_after_refresh(self._invite_rituals)
            if self.opened_at is None:  # once, even when opened again after an error
                self.set_interval(PLANNED_CHECK, self.check_planned_window)
            self.opened_at = self.clock.now()
        elif event.state is WorkerState.ERROR:
            self.open_failed = True
            self.open_error = _error_message(event.worker.error)
            path = getattr(event.worker.error, "path", None)
            self.switch_screen(OpenErrorScreen(
                self.open_error, path, self._reopen, lambda: self.clock.now()
            ))

    def worker_failed(self, worker: Worker[Any]) -> None:
        """The one funnel for failed workers (all run with `exit_on_error=False`).

        Screens pass theirs on (worker messages do not bubble): one calm toast, no traceback,
        no user text, and the screen stays as it was.
        """
        from bounceback.screens.outcome import background_failure
        from bounceback.widgets.safe import notify

        notify(self, background_failure(worker.error), severity="error", timeout=10)  # type: ignore[arg-type]

    def _reopen(self) -> None:
        """Try opening again (after a restore from the error screen)."""
        self.open_failed = False
        self.open_error = ""
        self.switch_screen(StartupScreen())
        self.run_worker(self._open, thread=True, exit_on_error=False, name="open-store")

    def _offer_drafts(self, drafts: list[FormDraftRecord]) -> None:
        from bounceback.screens.draft_offer import offer_drafts

        offer_drafts(self, drafts)

    def _invite_rituals(self) -> None:
        from bounceback.screens.ritual_invite import invite_rituals

        invite_rituals(self)

    def _show_invitation(self) -> None:
        from bounceback.screens.ritual_invite import show_invitation

        show_invitation(self)

    def check_planned_window(self) -> None:
        """Every PLANNED_CHECK seconds: a wallow window planned for now opens by itself."""
        if self.ready and self.opened_at is not None and not self.store.readonly:
            if isinstance(self.screen, ModalScreen):  # a question, a form or the palette is
                return  # open: the window waits for it (next check), never opens under it
            from bounceback.screens.bounce.entry import open_when_due

            open_when_due(self, self.opened_at)

    def _resume_flow(self, window: WallowRecord) -> None:
        """A wallow window left open brings you straight back to it."""
        from bounceback.screens.bounce.entry import resume_window

        resume_window(self, window)

    def crash_time(self) -> datetime:
        """A crash report is dated by the app's clock."""
        return self.clock.now()

    def save_typing(self) -> None:
        """Before a crash report: every autosave and form draft is written (best effort)."""
        from bounceback.screens.unsaved import flush_everything

        flush_everything(self)

    async def action_quit(self) -> None:
        """Quit (`q`, `ctrl+q`, the palette): autosaves are written, typed text is asked about."""
        from bounceback.screens.unsaved import quit_safely

        quit_safely(self)

    def action_edit_rituals(self) -> None:
        """Open the ritual editor (palette)."""
        from bounceback.screens.ritual_editor import RitualEditor

        self.push_screen(RitualEditor())

    def action_materials(self) -> None:
        """Open the resume and cover-letter versions (palette, `M` on the Pipeline)."""
        from bounceback.screens.materials import open_materials

        open_materials(self)

    def action_your_name(self) -> None:
        """Ask for the name feedback emails are signed with (palette)."""
        from bounceback.screens.your_name import ask_your_name

        ask_your_name(self)

    def action_answer_bank(self) -> None:
        """Open the interview answer bank (palette, `b` in the final-round detective)."""
        from bounceback.screens.answer_bank import open_answer_bank

        open_answer_bank(self)

    def action_add_win(self) -> None:
        """Open the win form from anywhere (palette)."""
        from bounceback.screens.win_form import open_win_form

        open_win_form(self)

    def action_export_brag(self) -> None:
        """Ask where, then write the brag document (palette)."""
        from bounceback.screens.brag_export import export_brag_document

        export_brag_document(self)

    def action_import_data(self) -> None:
        """Ask for a file, preview the import, import on `y` (palette)."""
        from bounceback.screens.data_transfer import import_data

        import_data(self)

    def action_export_data(self) -> None:
        """Ask for a format and a path, then export (palette)."""
        from bounceback.screens.data_transfer import export_data

        export_data(self)

    # ---- keys land where they were typed; no escape byte from a paste reaches the terminal ----

    async def on_event(self, event: events.Event) -> None:
        """Keep each key on the screen it was typed at; clean a paste before a field sees it.

        A key goes to the widget focused when it arrives; its bindings run when it bubbles back
        up here. In a burst an earlier key may have switched screens or opened a modal by then:
        such a key is dropped, never run on a screen it was not typed at. Characters Textual's
        fields would drop (a zero-width joiner) are inserted here.
        """
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                self._key_screens[event] = self.screen
            elif self._key_screens.pop(event, self.screen) is not self.screen:
                return
        if isinstance(event, events.Paste) and not event.is_forwarded:
            cleaned = clean_paste(event.text, self.focused)
            if cleaned != event.text:
                event = events.Paste(cleaned)
        elif (isinstance(event, events.Key) and not event.is_forwarded
              and event.character is not None and takes_typed(self.focused, event.character)):
            # a zero-width joiner (or such) Textual's fields would drop: inserted in the field's
            # own queue, after the keys of the same burst already forwarded to it (in order)
            field = self.focused
            assert field is not None
            field.call_later(insert_typed, field, event.character)
            return
        await super().on_event(event)

    @on(Input.Changed)
    def _scrub_input(self, event: Input.Changed) -> None:
        """Backstop for text that arrived another way (a programmatic paste, an insert)."""
        scrub_input(event.input)

    @on(TextArea.Changed)
    def _scrub_text_area(self, event: TextArea.Changed) -> None:
        """The same backstop for multi-line fields (cursor and order kept)."""
        scrub_text_area(event.text_area)

    def on_app_focus(self, _event: events.AppFocus) -> None:
        """Back in this window: was the database restored elsewhere meanwhile?"""
        self.replaced_watch.look()

    def on_unmount(self) -> None:
        """Give the signals back; let writes still waiting for the lock land; close the database."""
        if self.signal_exit is not None:
            self.signal_exit.remove()
        self.write_lane.close()
        if self._store is not None:
            self._store.close()

    def action_command_palette(self) -> None:
        """The palette, unless one is already open anywhere on this stack.

        Textual asks only whether the top screen is a palette; one left under a screen that
        opened above it (a command's screen, the planned window) made a second `ctrl+p` insert
        a second palette with the same id: DuplicateIds (found by the key monkey, seed 5).
        """
        if any(screen.has_class("--textual-command-palette") for screen in self.screen_stack):
            return
        super().action_command_palette()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Mode keys do nothing until the data is open."""
        if action == "go":
            return self.ready
        return True

    def action_go(self, mode: str) -> None:
        """Switch to a numbered screen."""
        if self.ready and self.current_mode != mode:
            self.switch_mode(mode)

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from bounceback.screens.help import HelpScreen, help_rows

        title = getattr(self.screen, "HELP_TITLE", self.screen.__class__.__name__)
        foot = DEMO_NOTE if self.demo else "what you enter is saved as you go"
        self.push_screen(HelpScreen(title, help_rows(self), foot))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, the mode switches, and the current screen's own commands."""
        yield from super().get_system_commands(screen)
        if not self.ready:
            return
        for mode in MODES:
            yield SystemCommand(
                f"app: Go to {mode.title}", f"Switch to screen {mode.key}",
                lambda name=mode.name: self.action_go(name),
            )
        yield SystemCommand("app: Help", "Keys for this screen", self.action_help)
        yield SystemCommand("rituals: Edit rituals", "Plan what you do right after bad news",
                            self.action_edit_rituals)
        yield SystemCommand("rituals: Plan rituals on a calm day", "Why to choose them before "
                            "any bad news, and the editor", self._show_invitation)
        yield SystemCommand("materials: Resume versions", "Your resume and cover-letter "
                            "versions: add, read their health, relabel, retire",
                            self.action_materials)
        yield SystemCommand("settings: Your name for emails", "The name your feedback "
                            "requests are signed with", self.action_your_name)
        yield SystemCommand("interviews: Answer bank", "Better answers to the questions that "
                            "keep coming back: search, add, edit", self.action_answer_bank)
        yield SystemCommand("wins: Add win", "Catch a win the moment it happens",
                            self.action_add_win)
        yield SystemCommand("wins: Export brag document",
                            "Wins, strengths and help given, as a Markdown file",
                            self.action_export_brag)
        yield SystemCommand("data: Import…", "A bounceback JSON export or a CSV: preview, then "
                            "import all or nothing", self.action_import_data)
        yield SystemCommand("data: Export…", "Everything as JSON, or applications and "
                            "rejections as CSV", self.action_export_data)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()


def _error_message(error: BaseException | None) -> str:
    """The store's own message, or a generic one that carries no user text."""
    message = getattr(error, "message", None)
    if isinstance(message, str):
        return message
    return f"Unexpected error while opening the database ({type(error).__name__})."

"""BouncebackApp: the shell — modes, global keys, palette commands. Screens do the work."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, TextArea
from textual.worker import Worker, WorkerState

from bounceback.clock import Clock, SystemClock
from bounceback.sanitize import strip_unsafe
from bounceback.screens.registry import DEFAULT_MODE, MODES
from bounceback.screens.startup import OpenErrorScreen, StartupScreen
from bounceback.themes import ThemeMemory, offer_checked_themes

if TYPE_CHECKING:
    from bounceback.store.db import Store
    from bounceback.store.records import WallowRecord


class BouncebackApp(App[None]):
    """The app. `open_store` runs in a thread after the first frame; tests pass a ready one."""

    TITLE = "bounceback"
    CSS_PATH = "app.tcss"
    # every screen gets -narrow under 100 columns and -short under 32 rows (app.tcss uses them)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="Keys for this screen"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Leave bounceback (all is saved)"),
        *[
            Binding(m.key, f"go('{m.name}')", m.title, show=False, id=f"go-{m.name}",
                    tooltip=f"Go to {m.title}")
            for m in MODES
        ],
    ]

    def __init__(self, open_store: Callable[[], Store], clock: Clock | None = None) -> None:
        """Keep the opener; nothing touches the disk until the first frame is up."""
        super().__init__()
        self._open_store = open_store
        self.clock: Clock = clock or SystemClock()
        self._store: Store | None = None
        self.open_failed = False
        self.open_error = ""
        offer_checked_themes(self)
        self.theme_memory = ThemeMemory(self)

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
        """Draw the loading state, then open the database off the event loop."""
        self.theme_memory.watch()
        self.push_screen(StartupScreen())
        # start after the first frame is out: the thread's imports would hold the GIL over it
        self.call_after_refresh(self._start_opening)

    def _start_opening(self) -> None:
        self.run_worker(self._open, thread=True, exit_on_error=False, name="open-store")

    def _open(self) -> tuple[Store, WallowRecord | None]:
        """In a thread: open the store and look for a wallow window left open."""
        store = self._open_store()
        for mode in MODES:  # import the screens here, not on the event loop
            mode.preload()
        return store, store.wallow.open_window()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Go to the default screen when the store opened; explain when it did not."""
        if event.worker.name != "open-store":
            return
        if event.state is WorkerState.SUCCESS:
            result: tuple[Store, WallowRecord | None] = event.worker.result  # type: ignore[assignment]
            self._store, window = result
            self.theme_memory.attach(self._store)
            for mode in MODES:
                self.add_mode(mode.name, mode.factory())
            self.switch_mode(DEFAULT_MODE)
            if self._store.readonly:
                from bounceback.widgets.safe import notify

                notify(self, f"read-only: {self._store.readonly_reason} — browsing only",  # type: ignore[arg-type]
                       severity="warning", timeout=10)
            if window is not None:
                self.call_after_refresh(self._resume_flow, window)
        elif event.state is WorkerState.ERROR:
            self.open_failed = True
            self.open_error = _error_message(event.worker.error)
            path = getattr(event.worker.error, "path", None)
            self.switch_screen(OpenErrorScreen(
                self.open_error, path, self._reopen, lambda: self.clock.now()
            ))

    def _reopen(self) -> None:
        """Try opening again (after a restore from the error screen)."""
        self.open_failed = False
        self.open_error = ""
        self.switch_screen(StartupScreen())
        self.run_worker(self._open, thread=True, exit_on_error=False, name="open-store")

    def _resume_flow(self, window: WallowRecord) -> None:
        """A wallow window left open brings you straight back to it."""
        from bounceback.screens.bounce import resume_window

        resume_window(self, window)

    def action_edit_rituals(self) -> None:
        """Open the ritual editor (palette)."""
        from bounceback.screens.ritual_editor import RitualEditor

        self.push_screen(RitualEditor())

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

    # ---- no escape byte from a paste ever reaches the terminal -------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Clean a terminal paste before any field sees (and paints) it."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            cleaned = strip_unsafe(event.text)
            if cleaned != event.text:
                event = events.Paste(cleaned)
        await super().on_event(event)

    @on(Input.Changed)
    def _scrub_input(self, event: Input.Changed) -> None:
        """Backstop for text that arrived another way (a programmatic paste, an insert)."""
        cleaned = strip_unsafe(event.value)
        if cleaned != event.value:
            event.input.value = cleaned

    @on(TextArea.Changed)
    def _scrub_text_area(self, event: TextArea.Changed) -> None:
        """The same backstop for multi-line fields."""
        text = event.text_area.text
        cleaned = strip_unsafe(text)
        if cleaned != text:
            event.text_area.text = cleaned

    def on_unmount(self) -> None:
        """Close the database's connections."""
        if self._store is not None:
            self._store.close()

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
        from bounceback.screens.help import HelpScreen

        keys: dict[str, list[str]] = {}
        texts: dict[str, str] = {}
        for active in self.active_bindings.values():
            binding = active.binding
            # ours carry ids; Textual's own scrolling/focus plumbing would only add noise
            if binding.id is None and binding.action != "command_palette":
                continue
            group = binding.id or binding.action  # "up,k" arrives as two keys of one binding
            keys.setdefault(group, []).append(self.get_key_display(binding))
            texts[group] = binding.tooltip or binding.description
        rows = [(" ".join(keys[g]), texts[g]) for g in keys]
        title = getattr(self.screen, "HELP_TITLE", self.screen.__class__.__name__)
        self.push_screen(HelpScreen(title, rows))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands, the mode switches, and the current screen's own commands."""
        yield from super().get_system_commands(screen)
        if not self.ready:
            return
        for mode in MODES:
            yield SystemCommand(
                f"app: Go to {mode.title}", f"Switch to screen {mode.key}",
                lambda name=mode.name: self.action_go(name),  # type: ignore[misc]
            )
        yield SystemCommand("app: Help", "Keys for this screen", self.action_help)
        yield SystemCommand("rituals: Edit rituals", "Plan what you do right after bad news",
                            self.action_edit_rituals)
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

"""What shows before the data is ready: a brief loading state, or why it cannot open."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label

from bounceback.widgets.safe import content, notify, template

if TYPE_CHECKING:
    from collections.abc import Callable


class StartupScreen(Screen[None]):
    """The first frame: drawn before SQLModel is even imported."""

    def compose(self) -> ComposeResult:
        """A title and a spinner."""
        with Middle(), Center():
            yield Label(Content.styled("bounceback", "bold $accent"), id="startup-title")
            # no spinner: its animation competes with the opening thread for the GIL
            yield Label(Content("opening your data…"), id="startup-note")


def list_backups(db_path: Path) -> list[Path]:
    """The backups beside `db_path` that pass their check, newest first (by modification time).

    A damaged or half-written file, another program's database or anything reached through a
    symlinked backups folder is never offered.
    """
    from bounceback.paths import backup_dir
    from bounceback.store.backups import checked_backups

    return checked_backups(backup_dir(db_path))


class OpenErrorScreen(Screen[None]):
    """The database could not be opened: say what happened and what to do, never crash.

    With the database's path known, `r` lists its backups (newest first) and, after a
    confirmation, restores the chosen one (the current file is kept aside) and reopens.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "app.quit", "Quit", id="quit"),
        Binding("r", "restore", "Restore a backup", id="open-error-restore",
                tooltip="Choose a backup to bring back (the current file is kept aside)"),
    ]

    def __init__(
        self,
        message: str,
        db_path: Path | None = None,
        reopen: Callable[[], None] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        """`message` is the store's one-line explanation (it may contain a path)."""
        super().__init__()
        self._message = message
        self._db_path = db_path
        self._reopen = reopen
        self._now = now

    def compose(self) -> ComposeResult:
        """The message, the hints, and the quit key."""
        with Middle(), Center():
            yield Label(Content.styled("bounceback could not open your data", "bold $error"))
            yield Label(content(self._message), id="open-error-message")
            here = " (or press r here)" if self.check_action("restore", ()) else ""
            yield Label(
                Content(
                    "Nothing was changed. `bounceback check` inspects the file; "
                    f"`bounceback restore FILE` brings back a backup{here}; "
                    "`bounceback --db PATH` opens another file."
                ),
                id="open-error-hint",
            )
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`r` only when there is a file to restore into."""
        if action == "restore":
            return self._db_path is not None and self._reopen is not None
        return True

    def action_restore(self) -> None:
        """List the checked backups, newest first; restore the chosen one after a confirmation."""
        if self._db_path is None:
            return
        path = self._db_path

        def look() -> None:  # each backup is checked (quick_check): off the event loop
            backups = list_backups(path)
            self.app.call_from_thread(self._offer, backups)

        self.run_worker(look, thread=True, exit_on_error=False, group="list-backups",
                        exclusive=True)

    def _offer(self, backups: list[Path]) -> None:
        """The picker of checked backups, or a note that there is none."""
        from bounceback.screens.modals import PickerModal

        if not backups:
            notify(self.app, "No backup that passes its check was found beside the database.",
                   severity="warning")
            return
        choices = [
            (b, content(f"{b.name}  ({datetime.fromtimestamp(b.stat().st_mtime):%Y-%m-%d %H:%M})"))
            for b in backups
        ]
        self.app.push_screen(
            PickerModal(Content("Restore which backup? (newest first)"), choices),
            self._confirm,
        )

    def _confirm(self, backup: Path | None) -> None:
        from bounceback.screens.modals import ConfirmModal

        if backup is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._restore(backup)

        self.app.push_screen(
            ConfirmModal(
                template(
                    "Restore [b]$name[/b]? The current file is kept aside in the backups "
                    "folder first.",
                    name=backup.name,
                ),
                yes="Restore",
            ),
            answered,
        )

    def _restore(self, backup: Path) -> None:
        from bounceback.store.errors import StoreError
        from bounceback.store.maintenance import restore_database

        assert self._db_path is not None and self._reopen is not None
        now = self._now() if self._now is not None else datetime.now().astimezone()
        try:
            aside = restore_database(backup, self._db_path, now)
        except StoreError as exc:
            notify(self.app, exc.message, severity="error", timeout=15)
            return
        kept = f" The previous file is kept at {aside}." if aside else ""
        notify(self.app, f"Restored {backup.name}.{kept}", timeout=15)
        self._reopen()

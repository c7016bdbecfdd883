"""The colour themes bounceback offers, and remembering the one the person chose.

Only themes whose every text passes WCAG AA contrast (4.5:1; checked by
`tests/snapshots/test_contrast.py`) are offered in the palette's theme switcher. The choice is
saved in `setting.theme` the moment it changes and applied as soon as the store opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.theme import Theme

if TYPE_CHECKING:
    from textual.app import App

    from bounceback.store.db import Store

OFFERED_THEMES = ("textual-dark", "textual-light")
"""The themes checked for contrast; the first is the default."""


def offer_checked_themes(app: App[Any]) -> None:
    """Drop Textual's other built-in themes from the switcher: their contrast is unchecked."""
    for name in list(app.available_themes):
        if name not in OFFERED_THEMES:
            app.unregister_theme(name)


class ThemeMemory:
    """Applies the saved theme when the store opens, and saves every later change."""

    def __init__(self, app: App[Any]) -> None:
        """Remember for `app`; nothing is watched before `watch`, nor saved before `attach`."""
        self._app = app
        self._store: Store | None = None
        self._saved = ""

    def watch(self) -> None:
        """Start watching theme changes (a signal needs the app running: call from on_mount)."""
        self._app.theme_changed_signal.subscribe(self._app, self._changed)

    def attach(self, store: Store) -> None:
        """The store is open: show its theme (an unknown or empty name keeps the default)."""
        from bounceback.store.errors import StoreError

        try:
            saved = store.settings.get().theme
        except StoreError:  # a theme is not worth failing the start for
            saved = ""
        self._saved = saved
        self._store = store
        if saved in self._app.available_themes and saved != self._app.theme:
            self._app.theme = saved

    def _changed(self, theme: Theme) -> None:
        """Save the new theme (a read-only store, or a failed write, only loses the choice)."""
        store = self._store
        if store is None or store.readonly or theme.name == self._saved:
            return
        from bounceback.store.errors import StoreError, ValidationError

        try:
            store.settings.set_theme(theme.name)
        except (StoreError, ValidationError):
            return
        self._saved = theme.name

"""The colour themes bounceback offers, and remembering the one the person chose.

We offer Textual's two built-in themes, `textual-dark` and `textual-light`, with a few colours
tuned so that every text on every screen passes WCAG AA contrast (4.5:1; measured on exported
screenshots by `tests/snapshots/test_contrast.py`). Stylesheets use only theme variables
(`$accent`, `$warning`, `$text-muted`, ...), so these tunings reach every screen. No other theme
is offered: its contrast is unchecked. The choice is saved in `setting.theme` the moment it
changes and applied as soon as the store opens.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual.theme import BUILTIN_THEMES, Theme

if TYPE_CHECKING:
    from textual.app import App

    from bounceback.store.db import Store

OFFERED_THEMES = ("textual-dark", "textual-light")
"""The themes checked for contrast; the first is the default."""

TUNING: dict[str, dict[str, Any]] = {
    # dark: the red of overdue rows and the blue of rest days were too dim on the dark surfaces
    "textual-dark": {
        "error": "#E4708C",
        "secondary": "#4F8FC9",
        "variables": {
            "text-muted": "auto 66%",
            "block-cursor-foreground": "#FFFFFF",
            "block-cursor-background": "#0063B0",
            "block-cursor-blurred-background": "#0178D4 20%",
        },
    },
    # light: orange, green and light blue text on light grey were 1.3-3:1; these darker shades
    # keep the hues and reach 4.5:1 on the darkest panel and under the row cursor
    "textual-light": {
        "accent": "#7A4800",
        "warning": "#7A4800",
        "error": "#A3203F",
        "success": "#19602F",
        "secondary": "#005A9E",
        "variables": {
            "text-muted": "auto 72%",
            "footer-key-foreground": "#004578",
            "block-cursor-blurred-background": "#004578 12%",
        },
    },
}
"""What differs from Textual's own theme of the same name."""


def checked_theme(name: str) -> Theme:
    """Textual's built-in theme `name` with our contrast tuning applied."""
    base = BUILTIN_THEMES[name]
    tuning = dict(TUNING.get(name, {}))
    variables = {**base.variables, **tuning.pop("variables", {})}
    return replace(base, variables=variables, **tuning)


def offer_checked_themes(app: App[Any]) -> None:
    """Register the tuned themes under their usual names and drop the unchecked ones."""
    for name in list(app.available_themes):
        if name not in OFFERED_THEMES:
            app.unregister_theme(name)
    for name in OFFERED_THEMES:
        app.register_theme(checked_theme(name))


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

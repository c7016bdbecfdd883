"""The name feedback emails are signed with: asked once by the feedback step, changed here."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.content import Content

from bounceback.screens.host import host
from bounceback.store.errors import StoreError, ValidationError
from bounceback.widgets.safe import notify


def ask_your_name(app: App[Any]) -> None:
    """A prompt filled with the current name; enter saves (empty: unsigned), escape keeps it."""
    from bounceback.screens.modals import TextPromptModal

    bb = host(app)
    current = bb.store.settings.get().your_name or ""

    def answered(name: str | None) -> None:
        if name is None:
            return
        try:
            saved = bb.store.settings.set_your_name(name)
        except ValidationError as exc:
            notify(app, next(iter(exc.errors.values())), severity="warning")
            return
        except StoreError as exc:
            notify(app, exc.message, severity="error")
            return
        notify(app, f"Emails are signed “{saved.your_name}”." if saved.your_name
               else "Emails are left unsigned.")

    app.push_screen(TextPromptModal(
        Content("How do you sign your emails? (empty: leave them unsigned)"),
        placeholder="e.g. Sam Rivera", value=current), answered)

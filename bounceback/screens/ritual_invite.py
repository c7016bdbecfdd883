"""The calm-day invitation: before any bad news, choose the rituals you will do right after it.

Shown by itself once, at a start of the person's own bounceback (never the demo) while no
rejection has been logged and the rituals were never planned. Either answer is remembered
(`settings.mark_rituals_planned`), so it is never asked again by itself; the palette's
"rituals: Plan rituals on a calm day" shows it again and "rituals: Edit rituals" stays.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from bounceback.screens.host import HostApp
from bounceback.store.errors import StoreError
from bounceback.widgets.safe import notify

INVITATION = (
    "A calm day is the best time to decide what you will do right after a \"no\": a walk, "
    "a call to a friend, twenty minutes of something you are good at. bounceback offers "
    "these the moment bad news comes, so you never have to think of them then."
)


class RitualInvite(ModalScreen[bool]):
    """"Plan my rituals now" (p, enter) or "Later" (l, escape); True means plan now."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "answer(True)", "Plan my rituals now", id="ritual-invite-plan",
                tooltip="Open the ritual editor: add, rename, reorder or retire rituals"),
        Binding("l,escape", "answer(False)", "Later", id="ritual-invite-later",
                tooltip="Not now; the palette's \"rituals: Edit rituals\" opens them any time"),
    ]

    DEFAULT_CSS = """
    RitualInvite { align: center middle; }
    RitualInvite > Vertical {
        width: 66; max-width: 95%; height: auto; padding: 1 2;
        border: round $accent; background: $surface;
    }
    RitualInvite #ritual-invite-title { text-style: bold; margin-bottom: 1; }
    RitualInvite #ritual-invite-text { width: 100%; margin-bottom: 1; }
    RitualInvite Horizontal { height: auto; align-horizontal: right; }
    RitualInvite Button { margin-left: 2; }
    """

    def compose(self) -> ComposeResult:
        """A sentence of why, and two answers."""
        with Vertical():
            yield Label("Plan your rituals while things are calm?", id="ritual-invite-title")
            yield Label(INVITATION, id="ritual-invite-text")
            yield Label(Content.styled("Asked once. ctrl+p → \"rituals\" brings them back.",
                                       "$text-muted"))
            with Horizontal():
                yield Button("Later (l)", id="later")
                yield Button("Plan my rituals now (p, enter)", id="plan", variant="primary")

    def on_mount(self) -> None:
        """Enter plans: the person was invited, not warned."""
        self.query_one("#plan", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "plan")

    def action_answer(self, plan: bool) -> None:
        """Close with the answer."""
        self.dismiss(plan)


def invite_rituals(app: HostApp) -> bool:
    """Invite the person to plan rituals when it fits (see the module); True when shown."""
    store = app.store
    try:
        if (store.readonly or store.settings.get().rituals_planned_at is not None
                or store.rejections.rows()):
            return False
    except StoreError:
        return False
    show_invitation(app)
    return True


def show_invitation(app: HostApp) -> None:
    """The invitation itself (also the palette's "rituals: Plan rituals on a calm day")."""
    store = app.store

    def answered(plan: bool | None) -> None:
        try:
            store.settings.mark_rituals_planned()
        except StoreError as exc:  # asked again next time; nothing else is lost
            notify(app, exc.message, severity="warning")  # type: ignore[arg-type]
        if plan:
            from bounceback.screens.ritual_editor import RitualEditor

            app.push_screen(RitualEditor())

    app.push_screen(RitualInvite(), answered)

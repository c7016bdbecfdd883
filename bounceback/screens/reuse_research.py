"""Reuse your research: from an application (a "no" usually), start a new one for a similar role
carrying over what the person ticks (company, contact, notes, description, source, location).

The old application is only read. The new one opens in the normal form, prefilled and with the
role empty, and is saved (or not) there like any new application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label

from bounceback.store.drafts import ApplicationDraft
from bounceback.widgets.safe import content, one_line, template

if TYPE_CHECKING:
    from bounceback.screens.base import NumberedScreen
    from bounceback.store.records import ApplicationDetail


@dataclass(frozen=True, slots=True)
class Carry:
    """One thing that can be carried over: its name, the fields it fills, ticked at first?"""

    name: str
    title: str
    fields: tuple[str, ...]
    ticked: bool = True


CARRIES = (
    Carry("company", "Company", ("company",)),
    Carry("contact", "Contact", ("contact_name", "contact_email")),
    Carry("notes", "Notes (your research)", ("notes",)),
    Carry("description", "Job description", ("description",), ticked=False),
    Carry("source", "Source", ("source",)),
    Carry("location", "Location", ("location",)),
)
"""In the order shown; a similar role usually has its own posting, so that one starts off."""


def preview(carry: Carry, detail: ApplicationDetail) -> str:
    """What would be carried, as one short line ("" when the old application has none)."""
    if carry.name == "description":
        words = len(detail.description.split())
        return f"{words:,} words" if words else ""
    values = [getattr(detail, name) for name in carry.fields]
    return one_line(" · ".join(v for v in values if v.strip()), 60)


def carried_draft(detail: ApplicationDetail, chosen: frozenset[str]) -> ApplicationDraft:
    """A new application's draft holding exactly the chosen fields of `detail` (role empty)."""
    values = {name: getattr(detail, name) for carry in CARRIES if carry.name in chosen
              for name in carry.fields}
    return ApplicationDraft(company=values.pop("company", ""), role="", **values)


class ReuseResearchModal(ModalScreen[frozenset[str] | None]):
    """Tick what to carry over; ctrl+s opens the new application, escape changes nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start it", id="reuse-start", priority=True,
                tooltip="Open the new application with what is ticked"),
        Binding("escape", "cancel", "Cancel", id="reuse-cancel",
                tooltip="Close; nothing is created"),
        Binding("down", "app.focus_next", "Next", show=False, id="reuse-next",
                tooltip="The next tick (tab too)"),
        Binding("up", "app.focus_previous", "Previous", show=False, id="reuse-previous",
                tooltip="The tick before (shift+tab too)"),
    ]

    def __init__(self, detail: ApplicationDetail) -> None:
        """Offer what `detail` holds."""
        super().__init__()
        self.detail = detail
        self.offered = [(c, preview(c, detail)) for c in CARRIES]
        self.offered = [(c, text) for c, text in self.offered if text]

    def compose(self) -> ComposeResult:
        """Title, the ticks, the button and keys."""
        d = self.detail
        with Vertical(id="reuse-box"):
            yield Label(template("[b]Reuse your research[/b] from $company — $role",
                                 company=d.company, role=d.role), id="reuse-title")
            yield Label(Content("A new application for a similar role starts with what you "
                                "tick; this one stays as it is."), id="reuse-explain")
            with Vertical(id="reuse-fields"):
                for carry, text in self.offered:
                    label = Content.assemble((f"{carry.title}: ", "bold"), content(text))
                    yield Checkbox(label, carry.ticked, id=f"reuse-{carry.name}")
                if not self.offered:
                    yield Label(Content("This application holds nothing to carry over."))
            yield Button("Start the new application (ctrl+s)", id="reuse-go")
            yield Label(Content("↑↓: move · space: tick or untick · ctrl+s: start · "
                                "escape: cancel"), id="reuse-keys")

    def on_mount(self) -> None:
        """The first tick has focus."""
        boxes = list(self.query(Checkbox))
        (boxes[0] if boxes else self.query_one("#reuse-go", Button)).focus()

    @property
    def chosen(self) -> frozenset[str]:
        """The names of what is ticked now."""
        return frozenset(c.name for c, _ in self.offered
                         if self.query_one(f"#reuse-{c.name}", Checkbox).value)

    @on(Button.Pressed, "#reuse-go")
    def action_start(self) -> None:
        """Close with what is ticked."""
        self.dismiss(self.chosen)

    def action_cancel(self) -> None:
        """Close without starting anything."""
        self.dismiss(None)


def reuse_research(screen: NumberedScreen, detail: ApplicationDetail,
                   done: Callable[[ApplicationDetail], None]) -> None:
    """Ask what to carry over from `detail`, then open the new application's form with it."""
    from bounceback.screens.application_open import open_new_form

    def saved(new: ApplicationDetail) -> None:
        screen.say(f"Added {new.company} — {new.role}, with the research from "
                   f"{detail.company} — {detail.role}.")
        done(new)

    def picked(chosen: frozenset[str] | None) -> None:
        if chosen is not None:
            open_new_form(screen, saved, carried_draft(detail, chosen))

    screen.app.push_screen(ReuseResearchModal(detail), picked)

"""One win, read full-screen (`enter` on Wins), and how a win is drawn wherever it is read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.widgets import Footer, Static

from bounceback.clock import local
from bounceback.dates import format_date
from bounceback.screens.base import NumberedScreen
from bounceback.store.errors import NotFoundError
from bounceback.store.records import WinDetail, WinRow
from bounceback.widgets.safe import content

PIN = "★"
"""Marks a pinned win, in the catalog's rows and the reader's title."""

_MUTED = "$text-muted"


def win_content(win: WinRow | WinDetail, today: date, *, full: bool = False) -> Content:
    """A win as text: title, what kind and when, the impact, the tags, then the whole story."""
    meta = [win.category.label]
    if win.happened_on is not None:
        meta.append(format_date(win.happened_on, today) if not full else
                    f"{win.happened_on:%A} {win.happened_on.day} {win.happened_on:%B %Y}")
    if win.pinned:
        meta.append("pinned")
    title = Content.assemble((f"{PIN} ", "bold $accent") if win.pinned else "",
                             content(win.title, "bold"))
    lines: list[Content] = [title, Content.styled(" · ".join(meta), _MUTED)]
    if full:
        lines.append(Content(""))
    if win.impact:
        lines.append(Content.assemble(("Impact  ", "bold $success"), content(win.impact)))
    if win.tags:
        lines.append(Content.assemble(("Tags    ", _MUTED), content(" · ".join(win.tags))))
    lines.append(Content(""))
    if win.story.strip():
        lines.append(content(win.story.strip("\n")))
    else:
        lines.append(Content.styled(
            "No story written yet — e adds one: the situation, what you did, what changed.",
            f"{_MUTED} italic"))
    return Content("\n").join(lines)


class WinReaderScreen(NumberedScreen):
    """Read a win with room to breathe; ← → walk through the wins as listed."""

    MODE_NAME = "wins"
    HELP_TITLE = "Win"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="reader-back", tooltip="Back to the list"),
        Binding("left,left_square_bracket", "step(-1)", "Previous", id="reader-previous",
                priority=True, tooltip="The win before this one in the list"),
        Binding("right,right_square_bracket", "step(1)", "Next", id="reader-next", priority=True,
                tooltip="The next win in the list"),
        Binding("e", "edit", "Edit", id="reader-edit", tooltip="Edit this win"),
        Binding("p", "pin", "Pin", id="reader-pin", tooltip="Pin or unpin this win"),
    ]

    def __init__(self, ids: Sequence[int], index: int = 0) -> None:
        """Show `ids[index]`; the neighbours are the catalog's order when it was opened."""
        super().__init__()
        self.ids = list(ids)
        self.index = max(0, min(index, len(self.ids) - 1))
        self.win: WinDetail | None = None

    def compose(self) -> ComposeResult:
        """Mode bar, the page, the footer."""
        yield self.mode_bar()
        with VerticalScroll(id="reader-body"), Vertical(id="reader-card"):
            yield Static(id="reader-text")
        yield Footer()

    def on_screen_resume(self, _event: ScreenResume) -> None:
        """Load fresh (an edit or a pin may just have happened)."""
        self.reload()

    def reload(self, **_: Any) -> None:
        """Read the current win (one row, on the event loop so a step shows at once) and draw
        it; skip wins deleted meanwhile."""
        while self.ids:
            try:
                self.win = self.store.wins.get(self.ids[self.index])
                break
            except NotFoundError:
                del self.ids[self.index]
                self.index = max(0, min(self.index, len(self.ids) - 1))
        if not self.ids or self.win is None:
            self.say("That win no longer exists.", "warning")
            self.app.pop_screen()
            return
        w, today = self.win, self.today()
        self.query_one("#reader-text", Static).update(win_content(w, today, full=True))
        card = self.query_one("#reader-card", Vertical)
        card.border_title = f"win {self.index + 1} of {len(self.ids)}"
        written = format_date(local(self.bb.clock, w.created_at).date(), today)
        shown = (f" · last shown {format_date(local(self.bb.clock, w.last_shown_at).date(), today)}"
                 if w.last_shown_at else "")
        card.border_subtitle = f"written down {written}{shown}"
        body = self.query_one("#reader-body", VerticalScroll)
        body.scroll_home(animate=False)
        body.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No previous on the first win, no next on the last."""
        if action == "step" and parameters:
            target = self.index + int(parameters[0])  # type: ignore[call-overload]
            return 0 <= target < len(self.ids)
        return True

    def action_step(self, delta: int) -> None:
        """Go to the neighbouring win."""
        target = self.index + delta
        if 0 <= target < len(self.ids):
            self.index = target
            self.reload()

    def action_edit(self) -> None:
        """Edit this win (the page reloads when the form closes)."""
        from bounceback.screens.win_form import open_win_form

        if self.win is not None:
            open_win_form(self.app, self.win)

    def action_pin(self) -> None:
        """Pin or unpin."""
        if self.win is None:
            return
        if self.attempt(self.store.wins.set_pinned, self.win.id, not self.win.pinned,
                        gone="That win no longer exists (deleted in another window?).").ok:
            self.reload()

    def record_missing(self) -> None:
        """The win went away meanwhile: show the next one (or go back)."""
        self.reload()

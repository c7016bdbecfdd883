"""The `?` help: every key of the screen you came from, and the global ones."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static


class HelpScreen(ModalScreen[None]):
    """A list of (keys, what they do) for the screen underneath."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="help-close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90; height: auto; max-height: 90%; border: thick $accent;
        background: $surface; padding: 1 2;
    }
    HelpScreen #help-title { text-style: bold; margin-bottom: 1; }
    HelpScreen VerticalScroll { height: auto; max-height: 32; }
    HelpScreen .help-row { height: auto; }
    HelpScreen .help-keys { width: 14; text-align: right; margin-right: 2; }
    HelpScreen .help-text { width: 1fr; }
    HelpScreen #help-foot { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, rows: Sequence[tuple[str, str]], foot: str = "") -> None:
        """`rows` are (key display, description) pairs; `foot` is the last line's end."""
        super().__init__()
        self._title = title
        self._rows = rows
        self._foot = foot

    def compose(self) -> ComposeResult:
        """Title, then one line per key."""
        with Vertical():
            yield Label(Content(f"Keys — {self._title}"), id="help-title")
            with VerticalScroll():
                for keys, description in self._rows:
                    with Horizontal(classes="help-row"):  # a long description wraps under itself
                        yield Static(Content.styled(keys, "bold $accent"), classes="help-keys")
                        yield Static(Content(description), classes="help-text")
            foot = " · ".join(x for x in ("escape closes · ctrl+p lists every command",
                                          self._foot) if x)
            yield Label(Content(foot), id="help-foot")


def help_rows(app: App[Any]) -> list[tuple[str, str]]:
    """(keys, what they do) for the screen on top: the screen's own keys, the keys it lists
    although their widget is not focused (`extra_help_bindings()`), then the global keys.

    Only bindings with an id are listed (Textual's own focus and scrolling plumbing would be
    noise), and the palette key.
    """
    keys: dict[str, list[str]] = {}
    texts: dict[str, str] = {}

    def add(bindings: Iterable[Binding]) -> None:
        seen = {key for group in keys.values() for key in group}
        for binding in bindings:
            if binding.id is None and binding.action != "command_palette":
                continue
            group = binding.id or binding.action  # "up,k" arrives as two keys of one binding
            shown = app.get_key_display(binding)
            if shown not in seen:
                keys.setdefault(group, []).append(shown)
                texts[group] = binding.tooltip or binding.description

    active = list(app.active_bindings.values())
    add(a.binding for a in active if a.node is not app)
    extra = getattr(app.screen, "extra_help_bindings", None)
    if extra is not None:
        add(extra())
    add(a.binding for a in active if a.node is app)
    return [(" ".join(keys[g]), texts[g]) for g in keys]

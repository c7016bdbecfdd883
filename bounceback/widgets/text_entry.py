"""Keep unsafe code points out of text fields without moving the cursor or reordering text.

The app routes every paste, every typed-but-unprintable character and every field change
through these helpers (`BouncebackApp`), so all Inputs and TextAreas behave the same.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, TextArea

from bounceback.sanitize import clean_text, is_typable, is_unsafe, strip_unsafe

_MANY = 64  # unsafe code points beyond which a field's text is replaced, not edited in place


def clean_paste(text: str, target: Widget | None) -> str:
    """A paste as the target field should receive it.

    A single-line Input gets the lines joined with spaces (Textual would keep only the first
    line and silently drop the rest); a TextArea keeps its line breaks.
    """
    return clean_text(text, single_line=isinstance(target, Input))


def takes_typed(target: Widget | None, char: str) -> bool:
    """True if `char` is one Textual's fields would drop and `target` is a field to type into."""
    return is_typable(char) and (isinstance(target, Input) or (
        isinstance(target, TextArea) and not target.read_only))


def insert_typed(target: Widget | None, char: str) -> bool:
    """Insert a typed character Textual would drop (e.g. the zero-width joiner). True if done."""
    if not takes_typed(target, char):
        return False
    if isinstance(target, Input):
        first, last = sorted(target.selection)
        target.replace(char, first, last)
        return True
    if isinstance(target, TextArea) and not target.read_only:
        start, end = target.selection
        result = target.replace(char, start, end, maintain_selection_offset=False)
        target.move_cursor(result.end_location)
        return True
    return False


def scrub_input(field: Input) -> None:
    """Remove unsafe code points from an Input; the cursor keeps its place among the rest."""
    value = field.value
    cleaned = strip_unsafe(value)
    if cleaned == value:
        return
    cursor = field.cursor_position
    before = len(strip_unsafe(value[:cursor]))
    field.value = cleaned
    field.cursor_position = before


def scrub_text_area(area: TextArea) -> None:
    """Remove unsafe code points from a TextArea by deleting exactly them.

    Deleting in place (last first) keeps the cursor, the selection and the undo history;
    replacing the whole text would send the cursor to the start, and the next words typed
    would land before the pasted ones.
    """
    text = area.text
    cleaned = strip_unsafe(text)
    if cleaned == text:
        return
    if len(text) - len(cleaned) > _MANY:
        # one edit per code point would re-scan a long text each time: swap the text instead,
        # and put the cursor back where it was among the characters that stay
        row, column = area.cursor_location
        before = strip_unsafe(area.document.get_text_range((0, 0), (row, column)))
        area.text = cleaned
        lines = before.split("\n")
        area.move_cursor((len(lines) - 1, len(lines[-1])))
        return
    document = area.document
    for row in range(document.line_count - 1, -1, -1):
        line = document.get_line(row)
        for column in range(len(line) - 1, -1, -1):
            if is_unsafe(line[column]):
                area.delete((row, column), (row, column + 1), maintain_selection_offset=True)

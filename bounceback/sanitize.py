"""Strip what must never reach the terminal from user text (input and render both use it)."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides/isolates
# that can make text display in a different order than it is stored.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean_text(text: str, *, single_line: bool = False) -> str:
    """Remove control characters and bidi overrides; single-line fields also lose newlines.

    Carriage returns become newlines first so a pasted Windows text keeps its line breaks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNSAFE.sub("", text)
    if single_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def strip_unsafe(text: str) -> str:
    """Only remove what must never reach the terminal (a field being edited keeps its shape)."""
    return _UNSAFE.sub("", text)

"""Strip what must never reach the terminal from user text (input and render both use it)."""

from __future__ import annotations

import re
import unicodedata

# Removed everywhere, one code point at a time (nothing else is touched, order is kept):
# - C0 controls except tab and newline, DEL and the C1 controls: they drive the terminal
#   (ESC starts escape sequences, 0x9B is an 8-bit CSI);
# - the bidi marks, embeddings, overrides and isolates, including U+061C (Arabic letter mark),
#   which can make text display in another order than it is stored;
# - U+2028/U+2029 (line/paragraph separator): Textual splits lines on them, terminals do not;
# - the tag characters U+E0000-E007F: invisible, the classic way to hide text inside text.
#   (They also spell the subdivision flags, e.g. Scotland: those degrade to the black flag,
#   which terminals draw in one cell pair anyway; most of them cannot draw the sequence.)
# The zero-width joiner and non-joiner (U+200D/U+200C) are kept: emoji such as the
# technologist and Persian or Indic words need them.
UNSAFE_PATTERN = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\U000e0000-\U000e007f"
)
_UNSAFE = re.compile(f"[{UNSAFE_PATTERN}]")
# Every way a pasted text may end a line; they all become "\n" before anything is removed.
_LINE_BREAK = re.compile("\r\n|[\r\u2028\u2029]")
# Typed characters that Textual's fields drop because Python calls them unprintable
# (format characters, spaces other than " ", private use, code points newer than Python's table).
_TYPABLE_CATEGORIES = frozenset({"Cf", "Zs", "Co", "Cn"})


def is_unsafe(char: str) -> bool:
    """True for a code point that `strip_unsafe` removes."""
    return _UNSAFE.fullmatch(char) is not None


def clean_text(text: str, *, single_line: bool = False) -> str:
    """Remove control characters and bidi overrides; single-line fields also lose newlines.

    Line breaks (CRLF, CR, U+2028, U+2029) become "\\n" first, so a pasted Windows text keeps
    its lines; single-line fields then turn newlines and tabs into spaces (no word is glued to
    the next). Everything else is `strip_unsafe`.
    """
    if text.isascii() and text.isprintable():  # the usual case: nothing to strip or join
        return text
    text = strip_unsafe(_LINE_BREAK.sub("\n", text))
    if single_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


def strip_unsafe(text: str) -> str:
    """Only remove what must never reach the terminal (a field being edited keeps its shape)."""
    return _UNSAFE.sub("", text)


def is_typable(char: str) -> bool:
    """A single typed character a text field should insert though Textual calls it unprintable.

    The zero-width joiner is the one that matters most (typed emoji sequences arrive one code
    point per key); control characters stay keys (tab, enter, ctrl+...), never text.
    """
    return (
        len(char) == 1
        and not char.isprintable()
        and unicodedata.category(char) in _TYPABLE_CATEGORIES
        and not is_unsafe(char)
    )

"""Keep a bracketed paste in one piece: escape characters inside it are dropped before parsing.

A terminal wraps pasted text in `ESC[200~` … `ESC[201~`. Textual's input parser ends the paste
at any escape character inside it, so pasted text holding one (copied from a log, a terminal,
a web page) arrives as stray key presses first (which can trigger bindings) and the start of the
paste last: the words land out of order. The sanitiser would remove the escape anyway, so
dropping it at the door changes nothing else. `PasteGuard` is pure and stateful (a marker or an
escape can be split across two reads); `bounceback.terminal` feeds terminal input through it.
"""

from __future__ import annotations

START = "\x1b[200~"
"""Where a bracketed paste begins."""

END = "\x1b[201~"
"""Where it ends."""


class PasteGuard:
    """Feed terminal input in chunks; get the same input back with escapes removed inside pastes.

    Outside a paste nothing is held back (a lone escape is the Escape key, which the parser
    times out on its own); inside one, a trailing piece that may begin the end marker waits for
    the next chunk.
    """

    def __init__(self) -> None:
        """Outside a paste, nothing seen yet."""
        self.in_paste = False
        self._tail = ""  # the last few characters passed outside a paste (a split start marker)
        self._held = ""  # inside a paste: a trailing piece that may begin the end marker

    def feed(self, data: str) -> str:
        """The input to parse now, in order, with escapes dropped inside bracketed pastes."""
        out: list[str] = []
        text = data
        while text:
            if not self.in_paste:
                probe = self._tail + text
                at = probe.find(START)
                if at < 0:
                    out.append(text)
                    self._tail = probe[-(len(START) - 1):]
                    break
                cut = at + len(START) - len(self._tail)  # > 0: the tail alone is too short
                out.append(text[:cut])
                text, self._tail, self.in_paste = text[cut:], "", True
            else:
                text, self._held = self._held + text, ""
                at = text.find(END)
                if at < 0:
                    keep = _partial_suffix(text, END)
                    out.append(_drop_escapes(text[:len(text) - keep]))
                    self._held = text[len(text) - keep:]
                    break
                out.append(_drop_escapes(text[:at]) + END)
                text, self.in_paste = text[at + len(END):], False
        return "".join(out)

    def flush(self) -> str:
        """Whatever is held back (at the end of input)."""
        held, self._held = self._held, ""
        return _drop_escapes(held)


def _drop_escapes(text: str) -> str:
    return text.replace("\x1b", "")


def _partial_suffix(text: str, marker: str) -> int:
    """How many characters at the end of `text` could begin `marker` (0 if none)."""
    for size in range(min(len(marker) - 1, len(text)), 0, -1):
        if marker.startswith(text[len(text) - size:]):
            return size
    return 0

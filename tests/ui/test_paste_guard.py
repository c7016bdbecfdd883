"""A pasted text holding escape characters arrives as one paste, in order (issue 9 defect 9).

Textual's parser ends a bracketed paste at any escape inside it: the rest arrived first as key
presses (which can fire bindings) and the start of the paste last. `PasteGuard` drops those
escapes before the parser sees them; the app's driver runs its input through it.
"""

from __future__ import annotations

import hashlib
import inspect
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual._xterm_parser import XTermParser

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.paste_guard import END, START, PasteGuard
from bounceback.terminal_input import run_guarded_input_thread
from tests.ui.conftest import NOW

PASTED = "first word\x1b[2Jsecond\x07 third\x1b]2;x\x07 fourth"
"""Copied from a terminal log: a clear-screen, a bell, a title change."""

TEXTUAL_LOOP_SHA256 = "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c"
"""Textual's `LinuxDriver.run_input_thread` that bounceback/terminal_input.py copies."""


def parse(data: str, chunks: list[int] | None = None, guarded: bool = True) -> list[events.Event]:
    """What Textual's parser makes of `data`, read in pieces of the given sizes."""
    parser, guard, out = XTermParser(), PasteGuard(), []
    sizes = iter(chunks or [len(data)])
    i = 0
    while i < len(data):
        size = max(1, next(sizes, len(data)))
        piece = data[i:i + size]
        out += parser.feed(guard.feed(piece) if guarded else piece)
        i += size
    out += parser.feed(guard.flush())
    out += parser.tick()
    return out


def test_without_the_guard_the_paste_is_cut_and_reordered() -> None:
    """The defect, as Textual does it on its own (if this starts failing, Textual fixed it)."""
    got = parse(f"{START}{PASTED}{END}", guarded=False)
    assert not isinstance(got[0], events.Paste)  # keys first: the paste's start comes last
    assert isinstance(got[-1], events.Paste) and got[-1].text == "first word"


def test_a_paste_with_escapes_is_one_paste_in_order() -> None:
    got = parse(f"{START}{PASTED}{END}")
    assert len(got) == 1 and isinstance(got[0], events.Paste)
    assert got[0].text == PASTED.replace("\x1b", "")


@given(st.text(alphabet=st.sampled_from("ab \x1b[]~0125\x07\n")), st.text(alphabet="xy\x1b[A"),
       st.lists(st.integers(min_value=1, max_value=7), max_size=40))
def test_the_guard_drops_escapes_inside_pastes_only_however_input_is_split(
    pasted: str, typed: str, chunks: list[int]
) -> None:
    """Whatever the read sizes: typed input passes untouched, a paste loses exactly its escapes."""
    pasted = pasted.replace(END, "")  # a paste cannot hold its own end marker
    data = f"{typed}{START}{pasted}{END}{typed}"
    guard, out, i = PasteGuard(), [], 0
    for size in chunks or [len(data)]:
        out.append(guard.feed(data[i:i + size]))
        i += size
    out.append(guard.feed(data[i:]))
    out.append(guard.flush())
    assert "".join(out) == f"{typed}{START}{pasted.replace(chr(27), '')}{END}{typed}"


def test_a_lone_escape_key_is_never_held_back() -> None:
    """Outside a paste the Escape key goes straight to the parser (it times out on its own)."""
    guard = PasteGuard()
    assert guard.feed("\x1b") == "\x1b"
    assert guard.feed("\x1b[20") == "\x1b[20"  # maybe a paste's start: still passed on


def app_driver() -> type:
    """The driver class the app runs in a real terminal."""
    app = BouncebackApp(open_store=lambda: None, clock=FixedClock(NOW))  # type: ignore[arg-type]
    return app.get_driver_class()


def linux_base() -> type:
    """Textual's Linux driver class, as the app's driver inherits it."""
    return next(c for c in app_driver().__mro__ if c.__name__ == "LinuxDriver")


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver")
def test_the_apps_terminal_driver_reads_through_the_guard() -> None:
    assert app_driver().run_input_thread is not linux_base().run_input_thread
    assert run_guarded_input_thread.__module__ == "bounceback.terminal_input"


@pytest.mark.skipif(sys.platform == "win32", reason="the Linux driver")
def test_textuals_input_loop_is_the_one_we_copied() -> None:
    """Fails on a Textual upgrade that changes the loop: re-read bounceback/terminal_input.py."""
    source = inspect.getsource(linux_base().run_input_thread)
    assert hashlib.sha256(source.encode()).hexdigest() == TEXTUAL_LOOP_SHA256, (
        "Textual's LinuxDriver.run_input_thread changed: bring bounceback/terminal_input.py's "
        "copy up to date (or drop it if Textual now keeps pastes whole), then update the hash")

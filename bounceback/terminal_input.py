"""The Linux driver's input loop with `PasteGuard` in front of the parser (pastes stay whole).

Textual has no public hook between reading the terminal and parsing it, so `run_input_thread`
below is Textual's own loop (textual 8.2, `LinuxDriver.run_input_thread`) with one change: the
decoded input goes through a `PasteGuard` before `XTermParser.feed`. The parser and its helpers
are private Textual modules, imported only here; tests/ui/test_paste_guard.py fails loudly when
Textual's loop changes, so an upgrade re-reads this copy instead of silently losing the guard.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from typing import Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser

from bounceback.paste_guard import PasteGuard


def run_guarded_input_thread(driver: Any) -> None:
    """Wait for input and dispatch events, escapes inside a bracketed paste dropped first."""
    selector = selectors.SelectSelector()
    selector.register(driver.fileno, selectors.EVENT_READ)
    fileno = driver.fileno
    guard = PasteGuard()
    parser = XTermParser(driver._debug)
    decode = getincrementaldecoder("utf-8")().decode

    def process_selector_events(
        selector_events: list[tuple[selectors.SelectorKey, int]], final: bool = False
    ) -> None:
        for last, (_key, mask) in loop_last(selector_events):
            if mask & selectors.EVENT_READ:
                unicode_data = decode(os.read(fileno, 1024 * 4), final=final and last)
                if not unicode_data:  # stdin is piped and ended
                    break
                for event in parser.feed(guard.feed(unicode_data)):
                    driver.process_message(event)
        for event in parser.tick():
            driver.process_message(event)

    try:
        while not driver.exit_event.is_set():
            process_selector_events(selector.select(0.1))
        selector.unregister(driver.fileno)
        process_selector_events(selector.select(0.1), final=True)
    finally:
        selector.close()
        try:
            for _event in parser.feed(guard.flush()):
                pass
            for _event in parser.feed(""):
                pass
        except (EOFError, ParseError):
            pass

"""Pastes and typed text reach fields and the store exactly, in order, minus the unsafe code points.

Pastes are posted to the app the way the terminal driver posts them; typed characters are
Key events as the driver makes them (one per code point, so an emoji sequence is several keys).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, TextArea

from bounceback.clock import FixedClock
from bounceback.store.db import Store
from tests.test_sanitize import PIECES, lines_normalised, without_unsafe
from tests.ui.conftest import PipelineFirstApp, settle

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
pastes = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(PIECES)), max_size=8).map(
    "".join
)


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` one code point per key, as a terminal sends it."""
    for char in text:
        pilot.app.post_message(events.Key(f"char-{ord(char):x}", char))
        await pilot.pause()


async def paste_between(pilot, widget, pasted: str) -> None:  # type: ignore[no-untyped-def]
    """Type "ab", put the cursor between a and b, paste, type "Z": a<paste>Zb."""
    widget.focus()
    await pilot.pause()
    await pilot.press("a", "b", "left")
    pilot.app.post_message(events.Paste(pasted))
    await pilot.pause()
    await pilot.press("Z")
    await pilot.pause()


async def paste_into_new_applications(
    store: Store, pasted: list[str]
) -> list[tuple[str, str, str, str]]:
    """For each text: paste into Company (an Input) and Notes (a TextArea) of a new application
    and save; what each field showed and what was stored. One app for all (a start is slow)."""
    results = []
    app = PipelineFirstApp(open_store=lambda: store, clock=FixedClock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for text in pasted:
            await pilot.press("n")
            await settle(pilot)
            company = app.screen.query_one("#input-company", Input)
            notes = app.screen.query_one("#input-notes", TextArea)
            await paste_between(pilot, company, text)
            await paste_between(pilot, notes, text)
            shown = (company.value, notes.text)
            app.screen.query_one("#input-role", Input).focus()
            await pilot.press("r", "ctrl+s")
            await settle(pilot)
            (row,) = store.applications.rows()
            saved = store.applications.get(row.id)
            store.applications.delete(row.id)
            results.append((*shown, saved.company, saved.notes))
    return results


@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pasted=st.lists(pastes, min_size=2, max_size=4))
def test_a_paste_is_stored_as_typed_minus_the_unsafe_code_points_in_order(store, pasted):
    results = asyncio.run(paste_into_new_applications(store, pasted))
    for text, (shown_company, shown_notes, saved_company, saved_notes) in zip(
        pasted, results, strict=True
    ):
        kept = without_unsafe(lines_normalised(text))
        one_line = kept.replace("\n", " ").replace("\t", " ")  # an Input gets every line, joined
        assert shown_company == f"a{one_line}Zb"
        assert shown_notes == f"a{kept}Zb"
        assert saved_company == f"a{one_line}Zb".strip()
        assert saved_notes == f"a{kept}Zb"


@pytest.mark.parametrize(
    "pasted",
    ["Acme\x1b[2J Corp", "first\x01 second third", "one\u2028two", "\u061cx\U000e0041y"],
)
async def test_a_paste_with_control_characters_keeps_its_words_in_order(pilot, store, pasted):
    """The defect: the first word moved to the end (cursor reset by the field scrubbers)."""
    await pilot.press("n")
    await settle(pilot)
    company = pilot.app.screen.query_one("#input-company", Input)
    notes = pilot.app.screen.query_one("#input-notes", TextArea)
    for widget in (company, notes):
        widget.focus()
        await pilot.pause()
        # a field that got unsafe text another way (an insert): scrubbed with the cursor in place
        if isinstance(widget, Input):
            widget.insert_text_at_cursor(pasted)
        else:
            widget.insert(pasted)
        await pilot.pause()
        await pilot.press("space", "X")
    kept = without_unsafe(lines_normalised(pasted))
    assert company.value == without_unsafe(pasted) + " X"
    assert notes.text == kept + " X"


async def test_typed_emoji_keep_their_zero_width_joiner(pilot, store):
    technologist = "\U0001f469\u200d\U0001f4bb"
    await pilot.press("n")
    await settle(pilot)
    await type_text(pilot, f"Dev {technologist}\u00a0co")
    await pilot.press("tab")
    await type_text(pilot, "Role")
    notes = pilot.app.screen.query_one("#input-notes", TextArea)
    notes.focus()
    await pilot.pause()
    await type_text(pilot, f"x {technologist} mi\u200cdoonam \u2028\u202e.")
    await pilot.press("ctrl+s")
    await settle(pilot)
    (row,) = store.applications.rows()
    saved = store.applications.get(row.id)
    assert saved.company == f"Dev {technologist}\u00a0co"
    assert saved.notes == f"x {technologist} mi\u200cdoonam ."


async def test_many_unsafe_characters_are_scrubbed_at_once_keeping_the_cursor(pilot, store):
    await pilot.press("n")
    await settle(pilot)
    notes = pilot.app.screen.query_one("#input-notes", TextArea)
    notes.focus()
    await pilot.pause()
    await pilot.press("a", "b", "left")
    notes.insert("x\x01" * 500 + "\ny\x1b")
    await pilot.pause()
    await pilot.press("Z")
    assert notes.text == "a" + "x" * 500 + "\nyZb"


async def test_a_joiner_typed_in_a_burst_stays_in_its_place(pilot, store):
    """Keys reach the app as fast as a terminal sends them (tmux, a fast typist): the joiner
    the app inserts itself lands after the letters before it, not at the field's start."""
    from textual._xterm_parser import XTermParser

    technologist = "\U0001f469\u200d\U0001f4bb"
    await pilot.press("n")
    await settle(pilot)
    for event in XTermParser().feed(f"[/]Acme {technologist} co"):  # as the driver reads them
        pilot.app.post_message(event)
    await settle(pilot)
    company = pilot.app.screen.query_one("#input-company", Input)
    assert company.value == f"[/]Acme {technologist} co"

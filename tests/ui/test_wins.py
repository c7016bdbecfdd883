"""Wins (screen 4) driven through Pilot: each test checks what is on screen and what was stored."""

from __future__ import annotations

import stat
from datetime import date

import pytest
from textual.widgets import Input, Select, TextArea

from bounceback.domain import HelpKind, StrengthKind, WinCategory
from bounceback.screens.help_form import HelpForm
from bounceback.screens.modals import ConfirmModal, PickerModal, TextPromptModal
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.strengths import StrengthLine, StrengthsPane
from bounceback.screens.win_form import WinForm, complete_last_tag
from bounceback.screens.win_reader import WinReaderScreen
from bounceback.screens.wins import WinsScreen
from bounceback.store.help_acts import HelpDraft
from bounceback.store.wins import WinDraft
from bounceback.widgets.form import Field
from bounceback.widgets.record_table import RecordTable
from tests.ui.conftest import HOSTILE, screen_text, settle
from tests.ui.test_hostile_text import paste
from tests.ui.toasts import toasts_of


def add_win(store, title: str, **kw: object) -> int:  # type: ignore[no-untyped-def]
    """Create a win directly in the store; returns its id."""
    return store.wins.create(WinDraft(title=title, **kw)).id  # type: ignore[arg-type]


def toasts(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(toasts_of(app))


def shown(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.row.title for item in app.screen.query_one("#wins-table", RecordTable).rows]


async def open_wins(pilot) -> WinsScreen:  # type: ignore[no-untyped-def]
    pilot.app.action_go("wins")  # the digit works too, but not from a focused text field
    await settle(pilot)
    assert isinstance(pilot.app.screen, WinsScreen)
    return pilot.app.screen


# ---- catalog ---------------------------------------------------------------------------------


async def test_empty_file_invites_the_first_win(pilot):
    await open_wins(pilot)
    text = screen_text(pilot.app)
    assert "Your confidence file starts here." in text
    assert "any size counts" in text
    keys = {b.binding.action for b in pilot.app.active_bindings.values()}
    assert "new" in keys and not {"search", "pin", "edit", "delete", "undo"} & keys


async def test_add_a_win_with_the_keyboard(pilot, store):
    add_win(store, "Earlier win", tags=("python", "leadership"))
    await open_wins(pilot)
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, WinForm)
    assert pilot.app.focused.id == "input-title"
    await pilot.press(*"Mentored two juniors")
    form.query_one("#input-category", Select).value = WinCategory.LED.value
    date_box = form.query_one("#input-happened_on", Input)
    date_box.value = ""
    date_box.focus()
    await pilot.press(*"20/11/2026")
    assert "Fri Nov 20, 2026" in screen_text(pilot.app)
    form.query_one("#input-impact", Input).focus()
    await pilot.press(*"both promoted")
    await pilot.pause()
    assert "Any number to add?" in screen_text(pilot.app)  # the nudge toward a number
    form.query_one("#input-tags", Input).focus()
    await pilot.press(*"mentoring, lea")
    await pilot.pause()
    await pilot.press("right")  # accept the completion from existing tags
    assert form.query_one("#input-tags", Input).value == "mentoring, leadership"
    form.query_one("#input-story", TextArea).text = "Weekly pairing.\nReviewed their designs."
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WinsScreen)
    row = next(r for r in store.wins.rows() if r.title == "Mentored two juniors")
    assert (row.category, row.happened_on, row.impact, row.tags, row.story) == (
        WinCategory.LED, date(2026, 11, 20), "both promoted", ("mentoring", "leadership"),
        "Weekly pairing.\nReviewed their designs.")
    text = screen_text(pilot.app)
    assert "Mentored two juniors" in text and "Weekly pairing." in text  # detail pane


async def test_title_is_required_and_bad_dates_are_refused_inline(pilot, store):
    await open_wins(pilot)
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    form.query_one("#input-impact", Input).value = "kept"
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "A title is required." in screen_text(pilot.app)
    assert pilot.app.focused.id == "input-title"
    await pilot.press(*"Shipped it")
    form.query_one("#input-happened_on", Input).value = "the day after never"
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "Couldn't read that date. Try:" in screen_text(pilot.app)
    form.query_one("#input-happened_on", Input).value = "tomorrow"
    await pilot.pause()
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert "in the future" in screen_text(pilot.app)
    assert store.wins.rows() == []
    assert form.query_one("#input-impact", Input).value == "kept"
    form.query_one("#input-happened_on", Input).value = ""
    await pilot.pause()
    await pilot.press("ctrl+s")
    await settle(pilot)
    (row,) = store.wins.rows()
    assert (row.title, row.impact, row.happened_on) == ("Shipped it", "kept", None)


async def test_escape_asks_before_discarding(pilot, store):
    await open_wins(pilot)
    await pilot.press("n", *"Half a thought", "escape")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("y")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WinsScreen)
    assert store.wins.rows() == []


async def test_search_as_you_type_across_story_impact_and_tags(make_app, store):
    add_win(store, "Fixed the leak", story="A heap snapshot found it", tags=("debugging",))
    add_win(store, "Led the rewrite", impact="checkout errors down 60%", tags=("payments",))
    add_win(store, "Learned Go", tags=("go", "Debugging"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        await pilot.press("slash", *"HEAP")
        assert shown(app) == ["Fixed the leak"]
        await pilot.press(*["backspace"] * 4, *"60%")
        assert shown(app) == ["Led the rewrite"]
        await pilot.press(*["backspace"] * 3, *"debugging")
        assert sorted(shown(app)) == ["Fixed the leak", "Learned Go"]
        await pilot.press(*" go")  # every word must match
        assert shown(app) == ["Learned Go"]
        assert "1 shown of 3" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown(app)) == 3
        assert app.focused is app.screen.query_one("#wins-table")


async def test_category_and_tag_filters(make_app, store):
    add_win(store, "Led it", category=WinCategory.LED, tags=("team",))
    add_win(store, "Solved it", category=WinCategory.SOLVED, tags=("team", "sql"))
    add_win(store, "Shipped it", category=WinCategory.SHIPPED)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        await pilot.press("c")
        assert shown(app) == ["Led it"]
        assert "kind: led a project" in screen_text(app)
        await pilot.press("c")
        assert shown(app) == ["Solved it"]
        for _ in range(5):  # shipped, overcame, praise, learned... back to all
            await pilot.press("c")
        assert len(shown(app)) == 3
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PickerModal)
        assert "team (2)" in screen_text(app)
        await pilot.press("down", "enter")  # the most used tag comes first
        await pilot.pause()
        assert sorted(shown(app)) == ["Led it", "Solved it"]
        assert "tag: team" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(shown(app)) == 3


async def test_pin_moves_the_win_first_and_marks_it(make_app, store):
    add_win(store, "Older", happened_on=date(2020, 1, 1))
    newer = add_win(store, "Newer", happened_on=date(2026, 1, 1))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        assert shown(app) == ["Newer", "Older"]
        await pilot.press("down", "p")
        await settle(pilot)
        assert shown(app) == ["Older", "Newer"]
        assert store.wins.row(shown_id := store.wins.rows()[0].id).pinned
        assert shown_id != newer
        assert "★ Older" in screen_text(app)
        assert app.screen.current.title == "Older"  # the cursor followed it
        await pilot.press("p")
        await settle(pilot)
        assert not any(r.pinned for r in store.wins.rows())


async def test_delete_asks_then_undo_restores(make_app, store):
    win_id = add_win(store, "Keep me")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert store.wins.rows() == []
        assert "Keep me" not in shown(app)
        assert "Deleted Keep me. Press u to undo." in toasts(app)
        await pilot.press("u")
        await settle(pilot)
        assert [r.id for r in store.wins.rows()] == [win_id]
        assert "Keep me" in shown(app)


async def test_detail_follows_the_cursor_and_enter_reads_full_screen(make_app, store):
    add_win(store, "First", happened_on=date(2026, 2, 1), story="The first story.")
    add_win(store, "Second", happened_on=date(2025, 2, 1), story="The second story.")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        assert "The first story." in screen_text(app)
        await pilot.press("down")
        await pilot.pause()
        assert "The second story." in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WinReaderScreen)
        assert "win 2 of 2" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert "The first story." in screen_text(app) and "win 1 of 2" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        assert store.wins.rows()[0].pinned
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WinsScreen)
        assert "★ First" in screen_text(app)
        assert app.screen.current.title == "First"
        await pilot.press("enter", "right", "escape")
        await settle(pilot)
        assert app.screen.current.title == "Second"  # the cursor is on the win last read


async def test_edit_saves_and_a_stale_edit_is_a_conflict(make_app, store):
    win_id = add_win(store, "Draft title")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, WinForm)
        form.query_one("#input-title", Input).value = "Mine"
        detail = store.wins.get(win_id)
        store.wins.update(win_id, WinDraft(title="Theirs"), detail.version)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "changed this win in another window" in screen_text(app)
        assert store.wins.get(win_id).title == "Theirs"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.wins.get(win_id).title == "Mine"
        assert "Mine" in shown(app)


# ---- strengths -------------------------------------------------------------------------------


def lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [x.record.text for x in app.screen.query(StrengthLine) if x.record is not None]


async def test_strengths_are_added_and_edited_in_place(pilot, store):
    await open_wins(pilot)
    await pilot.press("s")
    await pilot.pause()
    assert "Worth, not work" in screen_text(pilot.app)
    assert isinstance(pilot.app.focused, StrengthLine)
    await pilot.press("n", *"Explaining hard things", "enter")
    await settle(pilot)
    assert pilot.app.focused.record.text == "Explaining hard things"  # back on the list
    await pilot.press("n", *"Debugging", "enter")
    await settle(pilot)
    assert [(s.text, s.kind) for s in store.strengths.all()] == [
        ("Explaining hard things", StrengthKind.SKILL), ("Debugging", StrengthKind.SKILL)]
    assert lines(pilot.app) == ["Explaining hard things", "Debugging"]
    await pilot.press("home")  # not bound: focus stays on the add line
    pane = pilot.app.screen.query_one(StrengthsPane)
    pane.focus_line(store.strengths.all()[0].id)
    await pilot.press("enter")
    await pilot.pause()
    box = pilot.app.screen.query_one(".strength-input", Input)
    assert box.value == "Explaining hard things"
    box.value = "Explaining hard things simply"
    await pilot.press("enter")
    await settle(pilot)
    assert store.strengths.all()[0].text == "Explaining hard things simply"
    await pilot.press("enter")
    await pilot.pause()
    pilot.app.screen.query_one(".strength-input", Input).value = "thrown away"
    await pilot.press("escape")  # cancels the edit
    await pilot.pause()
    assert store.strengths.all()[0].text == "Explaining hard things simply"
    assert "Explaining hard things simply" in screen_text(pilot.app)
    assert "Strengths 2" in screen_text(pilot.app)


async def test_strengths_remove_and_undo_and_reorder(make_app, store):
    for text in ("one", "two"):
        store.strengths.add(text, StrengthKind.VALUE)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one(StrengthsPane).focus_line(store.strengths.all()[1].id)
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert [s.text for s in store.strengths.all()] == ["two", "one"]
        assert app.focused.record.text == "two"
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert [s.text for s in store.strengths.all()] == ["one"]
        await pilot.press("u")
        await settle(pilot)
        assert [s.text for s in store.strengths.all()] == ["two", "one"]
        assert lines(app) == ["two", "one"]


# ---- help given ------------------------------------------------------------------------------


async def test_h_logs_help_from_the_catalog_and_the_counts_move(make_app, store):
    store.help.log(HelpDraft(who="Old friend", happened_on=date(2026, 10, 2)))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_wins(pilot)
        await pilot.press("h")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HelpForm) and app.focused.id == "input-who"
        await pilot.press(*"Sam")
        form.query_one("#input-what", TextArea).text = "Mock interview\nand notes"
        form.query_one("#input-kind", Select).value = HelpKind.MENTORING.value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WinsScreen) and app.screen.section == "help"
        (act, _) = store.help.all()
        assert (act.who, act.what, act.kind, act.happened_on) == (
            "Sam", "Mock interview\nand notes", HelpKind.MENTORING, date(2026, 11, 25))
        text = screen_text(app)
        assert "This week 1  ·  this month 1  ·  in all 2" in text
        assert "Sam" in text and "Mock interview and notes" in text
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#input-who", Input).value = "Sam K."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.help.all()[0].who == "Sam K."
        await pilot.press("delete", "y")
        await settle(pilot)
        assert [a.who for a in store.help.all()] == ["Old friend"]
        await pilot.press("u")
        await settle(pilot)
        assert [a.who for a in store.help.all()] == ["Sam K.", "Old friend"]


# ---- from anywhere ---------------------------------------------------------------------------


async def run_command(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def test_palette_quick_add_from_the_pipeline(pilot, store):
    pilot.app.action_go("pipeline")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)
    await run_command(pilot, "wins: Add win")
    assert isinstance(pilot.app.screen, WinForm)
    await pilot.press(*"Got the offer call")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, PipelineScreen)
    (row,) = store.wins.rows()
    assert (row.title, row.happened_on) == ("Got the offer call", date(2026, 11, 25))
    await open_wins(pilot)
    assert "Got the offer call" in screen_text(pilot.app)


async def test_palette_export_writes_a_private_file_and_asks_before_replacing(pilot, store,
                                                                              tmp_path):
    add_win(store, "[bold]Shipped[/bold]", impact="cut build time 40%")
    out = tmp_path / "brag.md"
    await run_command(pilot, "wins: Export brag document")
    prompt = pilot.app.screen
    assert isinstance(prompt, TextPromptModal)
    prompt.query_one(Input).value = str(out)
    await pilot.press("enter")
    await settle(pilot)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "**\\[bold\\]Shipped\\[/bold\\]**" in out.read_text()
    assert f"Brag document written to {out} (1 wins" in toasts(pilot.app)
    await run_command(pilot, "wins: Export brag document")
    pilot.app.screen.query_one(Input).value = str(out)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmModal)
    await pilot.press("n")
    await settle(pilot)
    assert "Shipped" in out.read_text()


def test_tag_completion_completes_only_the_last_tag() -> None:
    tags = ["python", "Leadership", "payments"]
    assert complete_last_tag("pyt", tags) == "python"
    assert complete_last_tag("ci, LEA", tags) == "ci, LEAdership"  # typed case is kept
    assert complete_last_tag("python, p", tags) == "python, payments"  # no repeat
    assert complete_last_tag("python,", tags) is None
    assert complete_last_tag("python", tags) is None  # already whole
    assert complete_last_tag("zzz", tags) is None


# ---- user text is untrusted ------------------------------------------------------------------


@pytest.mark.parametrize("text", [t for t in HOSTILE if len(t) < 1000])
async def test_hostile_text_in_every_win_field_is_stored_and_shown_literally(pilot, store, text):
    await open_wins(pilot)
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    for name in ("title", "impact", "tags"):
        await paste(pilot, form.query_one(f"#input-{name}", Input), f"{name}:{text}")
    await paste(pilot, form.query_one("#input-story", TextArea), f"story:{text}")
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WinsScreen), screen_text(pilot.app)
    expected = text.replace("\x1b", "")  # ESC is stripped on input; nothing else changes
    (row,) = store.wins.rows()
    assert (row.title, row.impact, row.tags, row.story) == (
        f"title:{expected}", f"impact:{expected}", (f"tags:{expected}",), f"story:{expected}")
    shown_text = screen_text(pilot.app)
    for name in ("title", "impact", "story"):
        assert f"{name}:{expected}" in shown_text  # table and detail pane
    assert "\x1b" not in shown_text
    await pilot.click("#wins-table", offset=(4, 1))  # an embedded action must not run
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.is_running and isinstance(pilot.app.screen, WinReaderScreen)
    assert f"story:{expected}" in screen_text(pilot.app)
    await pilot.press("escape", "t")
    await pilot.pause()
    assert f"tags:{expected} (1)" in screen_text(pilot.app)  # the tag picker
    await pilot.press("end", "enter")
    await pilot.pause()
    assert shown(pilot.app) == [f"title:{expected}"]


async def test_ten_thousand_characters_are_refused_where_capped_and_kept_where_not(pilot,
                                                                                  store):
    huge = "x" * 10_000
    await open_wins(pilot)
    await pilot.press("n")
    await pilot.pause()
    form = pilot.app.screen
    for name in ("title", "impact", "tags"):
        await paste(pilot, form.query_one(f"#input-{name}", Input), huge)
    await paste(pilot, form.query_one("#input-story", TextArea), huge)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, WinForm)
    errors = {f.field_name: str(f.query_one(".field-error").render()) for f in form.query(Field)}
    assert errors["title"] == "Title is 10,000 characters; the limit is 200."
    assert errors["impact"] == "Impact is 10,000 characters; the limit is 500."
    assert errors["tags"] == "A tag is 10,000 characters; the limit is 50."
    assert errors["story"] == ""
    assert store.wins.rows() == []
    for name in ("title", "impact", "tags"):
        await paste(pilot, form.query_one(f"#input-{name}", Input), f"short {name}")
    await pilot.press("ctrl+s")
    await settle(pilot)
    (row,) = store.wins.rows()
    assert row.story == huge
    await pilot.press("s", "n")
    await pilot.pause()
    await paste(pilot, pilot.app.screen.query_one(".strength-input", Input), huge)
    await pilot.press("enter")
    await pilot.pause()
    assert "A strength is 10,000 characters; the limit is 300." in toasts(pilot.app)
    assert store.strengths.all() == []
    assert pilot.app.screen.query_one(".strength-input", Input).value == huge  # kept


@pytest.mark.parametrize("text", [t for t in HOSTILE if len(t) < 1000])
async def test_hostile_strengths_and_help_are_stored_and_shown_literally(pilot, store, text):
    expected = text.replace("\x1b", "")
    await open_wins(pilot)
    await pilot.press("s", "n")
    await pilot.pause()
    await paste(pilot, pilot.app.screen.query_one(".strength-input", Input), text)
    await pilot.press("enter")
    await settle(pilot)
    assert [s.text for s in store.strengths.all()] == [expected]
    assert f"• {expected}" in screen_text(pilot.app)
    await pilot.press("h")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, HelpForm)
    await paste(pilot, form.query_one("#input-who", Input), f"who:{text}")
    await paste(pilot, form.query_one("#input-what", TextArea), f"what:{text}")
    await pilot.press("ctrl+s")
    await settle(pilot)
    (act,) = store.help.all()
    assert (act.who, act.what) == (f"who:{expected}", f"what:{expected}")
    shown_text = screen_text(pilot.app)
    assert f"who:{expected}" in shown_text and f"what:{expected}" in shown_text
    await pilot.press("delete")
    await pilot.pause()
    assert f"who:{expected}" in screen_text(pilot.app)  # the confirmation quotes it literally
    await pilot.press("n")
    await pilot.pause()
    assert pilot.app.is_running

"""The casebook (screen 3) and the case screen through Pilot: screen text and stored rows."""

from __future__ import annotations

import re
import sys
import types
from contextlib import asynccontextmanager
from datetime import date, timedelta

import pytest
from textual.widgets import Input, Select, SelectionList, TextArea

from bounceback.domain import FeedbackStatus, RejectionKind, Stage
from bounceback.playbook.triage import judge
from bounceback.screens.case import CaseScreen
from bounceback.screens.case_form import CaseForm
from bounceback.screens.modals import ConfirmModal
from bounceback.screens.rejections import RejectionsScreen
from bounceback.widgets.record_table import RecordTable
from tests.ui.conftest import HOSTILE, add, screen_text, settle

TODAY = date(2026, 11, 25)


def log(store, company: str, *stages: Stage, role: str = "Engineer") -> int:  # type: ignore[no-untyped-def]
    """A tracked application walked through `stages`, then rejected; returns the case id."""
    app_id = add(store, company, role)
    for stage in stages:
        store.applications.move(app_id, stage)
    return store.rejections.log_for_application(app_id, judge).id


def untracked(store, company: str, role: str = "Analyst") -> int:  # type: ignore[no-untyped-def]
    """A "no" for a job that was never tracked; returns the case id."""
    return store.rejections.log_untracked(company, role, Stage.APPLIED, RejectionKind.EARLY).id


def shown(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Companies in the casebook table, top to bottom."""
    return [item.row.company for item in app.screen.query_one(RecordTable).rows]


@asynccontextmanager
async def running(make_app, *keys: str):  # type: ignore[no-untyped-def]
    """The app at 120x40 with `keys` pressed one by one, each followed by a settle."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        yield pilot


@pytest.fixture
async def casebook(make_app):  # type: ignore[no-untyped-def]
    """A running app already on screen 3 (create rows before requesting it)."""
    async with running(make_app, "3") as pilot:
        yield pilot


async def test_three_opens_an_empty_casebook_kindly(casebook):
    assert isinstance(casebook.app.screen, RejectionsScreen)
    text = screen_text(casebook.app)
    assert "No rejections logged — and none needed." in text
    assert "4 more cases before the casebook claims a pattern" in text


async def test_list_shows_every_case_with_its_kind_newest_first(store, make_app):
    untracked(store, "Initech")
    log(store, "Globex", Stage.SCREENING)
    log(store, "Hooli", Stage.SCREENING, Stage.INTERVIEWING, Stage.FINAL_ROUND)
    async with running(make_app, "3") as pilot:
        app = pilot.app
        assert shown(app) == ["Hooli", "Globex", "Initech"]
        assert [r.company for r in store.rejections.rows()] == shown(app)
        text = screen_text(app)
        assert "resume not seen" in text  # plain words first; no jargon in the list
        assert "talks didn't land" in text
        assert "made the last few" in text
        assert "marketing" not in text and "product-fit" not in text
        assert "not asked" in text and "3 shown of 3" in text


async def test_kind_and_feedback_filters(store, make_app):
    untracked(store, "Initech")
    asked = log(store, "Globex", Stage.SCREENING)
    log(store, "Hooli", Stage.FINAL_ROUND)
    store.rejections.update(asked, feedback_status=FeedbackStatus.ASKED,
                            feedback_asked_on=TODAY)
    async with running(make_app, "3") as pilot:
        app = pilot.app
        await pilot.press("k")
        assert shown(app) == ["Initech"]
        assert "kind: resume not seen (k)" in screen_text(app)
        await pilot.press("k", "k")
        assert shown(app) == ["Hooli"]
        await pilot.press("k")  # back to all
        assert len(shown(app)) == 3
        await pilot.press("s")
        assert shown(app) == ["Hooli", "Initech"]
        assert "feedback: not asked (s)" in screen_text(app)
        await pilot.press("s")
        assert shown(app) == ["Globex"]
        await pilot.press("k")  # early and asked: nothing
        assert shown(app) == []
        assert "Nothing matches" in screen_text(app)


async def test_text_filter_and_k_types_into_it(store, make_app):
    untracked(store, "Kinko Kraft")
    untracked(store, "Globex")
    async with running(make_app, "3") as pilot:
        app = pilot.app
        await pilot.press("slash", *"kinko")
        assert app.screen.query_one("#rejections-filter-input", Input).value == "kinko"
        assert shown(app) == ["Kinko Kraft"]
        assert "kind: all" in screen_text(app)  # k went into the box, not the kind filter
        await pilot.press("escape")
        assert len(shown(app)) == 2


async def test_pattern_appears_only_with_four_cases(store, make_app):
    for name in ("A", "B", "C"):
        untracked(store, name)
    async with running(make_app, "3") as pilot:
        app = pilot.app
        text = screen_text(app)
        assert "1 more case before the casebook claims a pattern" in text
        assert "of the last" not in text
        untracked(store, "D")
        await pilot.press("2", "3")  # coming back reloads
        await settle(pilot)
        text = screen_text(app)
        assert "4 of the last 4 ended before any interview" in text
        assert "more case" not in text


async def test_counts_over_30_and_90_days(store, make_app):
    untracked(store, "Now")
    old = untracked(store, "Forty days ago")
    older = log(store, "Long ago", Stage.SCREENING)
    store.rejections.update(old, received_on=TODAY - timedelta(days=40))
    store.rejections.update(older, received_on=TODAY - timedelta(days=120))
    async with running(make_app, "3") as pilot:
        app = pilot.app
        text = screen_text(app)
        assert ("30/90 days: resume not seen 1/2 · talks didn't land 0/0 · "
                "made the last few 0/0") in text


async def test_let_go_offer_in_the_list(store, make_app):
    case = untracked(store, "Silent Co")
    store.rejections.update(case, feedback_status=FeedbackStatus.ASKED,
                            feedback_asked_on=TODAY - timedelta(days=20))
    async with running(make_app, "3") as pilot:
        app = pilot.app
        assert "asked · let it go?" in screen_text(app)


async def test_enter_opens_the_case_with_history_vent_and_rituals(store, make_app):
    case = log(store, "Globex", Stage.SCREENING, Stage.INTERVIEWING, Stage.INTERVIEWING,
               role="Platform Engineer")
    window = store.wallow.start(case, 15)
    store.wallow.save_vent(window.id, "Two rounds and a form letter. Ouch.")
    store.wallow.finish(window.id, early=True)
    ritual = store.rituals.add("Walk to the river")
    store.rituals.mark_done(ritual.id, case)
    store.rejections.update(case, intensity_before=7, intensity_after=4, feelings=["sad"],
                            lessons="Tighter STAR stories.")
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        assert isinstance(app.screen, CaseScreen)
        text = screen_text(app)
        for expected in (
            "Globex — Platform Engineer", "interviewing · 2 interview rounds",
            # two rounds: the resume did its job; a no after them is about fit (issue 13)
            "You made the last few; small things decided (a product-fit problem)",
            "your materials and your story work", "7 → 4", "sad",
            "Two rounds and a form letter. Ouch.", "ended early", "Walk to the river",
            "Tighter STAR stories.",
        ):
            assert expected in text, expected
        await pilot.press("end")  # the history is at the bottom
        await pilot.pause()
        text = screen_text(app)
        assert "Stage history" in text and "  rejected" in text
        assert len(re.findall(r"\d\d:\d\d  interviewing", text)) == 2  # one line per round
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RejectionsScreen)


async def test_editing_fields_saves_them(store, make_app):
    case = untracked(store, "Initech", "QA")
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CaseForm)
        assert app.focused.id == "input-company"
        form.query_one("#input-role", Input).value = "Senior QA"
        form.query_one("#input-received_on", Input).value = "Nov 20"
        form.query_one("#input-feelings", Input).value = "sad, determined"
        form.query_one("#input-intensity_before", Input).value = "8"
        form.query_one("#input-intensity_after", Input).value = "3"
        form.query_one("#input-lessons", TextArea).text = "Lead with numbers."
        form.query_one("#input-next_steps", TextArea).text = "Rewrite the summary."
        form.query_one("#input-feedback_status", Select).value = FeedbackStatus.ASKED.value
        form.query_one("#input-feedback_asked_on", Input).value = "yesterday"
        form.query_one("#input-causes", SelectionList).select("keywords_missing")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        saved = store.rejections.get(case)
        assert saved.role == "Senior QA"
        assert saved.received_on == date(2026, 11, 20)
        assert saved.feelings == ("sad", "determined")
        assert (saved.intensity_before, saved.intensity_after) == (8, 3)
        assert saved.lessons == "Lead with numbers." and saved.next_steps == "Rewrite the summary."
        assert saved.feedback_status is FeedbackStatus.ASKED
        assert saved.feedback_asked_on == date(2026, 11, 24)
        assert saved.causes == ("keywords_missing",)
        text = screen_text(app)
        assert "Initech — Senior QA" in text and "8 → 3" in text and "Lead with numbers." in text
        assert "Keywords from the job description are missing" in text
        assert "List the skills and tools" in text  # the fix is shown with the cause


async def test_kind_override_and_out_of_control_cause(store, make_app):
    case = untracked(store, "Initech")
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#input-kind", Select).value = RejectionKind.FINAL.value
        await pilot.pause()
        form.query_one("#input-kind_override_reason", Input).value = "Met the whole team"
        form.query_one("#input-causes", SelectionList).select("internal_candidate")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = store.rejections.get(case)
        assert saved.kind is RejectionKind.FINAL
        assert saved.kind_override_reason == "Met the whole team"
        assert saved.causes == ("internal_candidate",)
        assert saved.out_of_control == ("internal_candidate",)
        text = screen_text(app)
        assert "You made the last few; small things decided (a product-fit problem)" in text
        assert "from resume not seen by you — Met the whole team" in text
        assert "An internal candidate got the role  outside your control" in text


async def test_intensity_eleven_is_refused_inline(store, make_app):
    case = untracked(store, "Initech")
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#input-lessons", TextArea).text = "keep me"
        form.query_one("#input-intensity_after", Input).value = "11"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Intensity is a whole number from 0 to 10." in screen_text(app)
        assert app.focused.id == "input-intensity_after"
        assert form.query_one("#input-lessons", TextArea).text == "keep me"
        assert store.rejections.get(case).intensity_after is None
        assert store.rejections.get(case).lessons == ""


async def test_escape_asks_before_discarding_an_edit(store, make_app):
    case = untracked(store, "Initech")
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        await pilot.press("e", "end", *" Corp", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        assert store.rejections.get(case).company == "Initech"


async def test_stale_edit_shows_a_conflict_then_overwrites(store, make_app):
    case = untracked(store, "Initech")
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#input-lessons", TextArea).text = "Mine"
        store.rejections.update(case, lessons="Theirs")  # another window saves first
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "changed in another window" in screen_text(app)
        assert store.rejections.get(case).lessons == "Theirs"
        assert form.query_one("#input-lessons", TextArea).text == "Mine"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.rejections.get(case).lessons == "Mine"


async def test_quick_keys_move_the_feedback_status(store, make_app):
    case = untracked(store, "Initech")
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        assert "not asked" in screen_text(app)
        await pilot.press("x")  # no reply makes no sense before asking
        await settle(pilot)
        assert store.rejections.get(case).feedback_status is FeedbackStatus.NOT_ASKED
        await pilot.press("a")
        await settle(pilot)
        saved = store.rejections.get(case)
        assert (saved.feedback_status, saved.feedback_asked_on) == (FeedbackStatus.ASKED, TODAY)
        assert "asked Nov 25" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert store.rejections.get(case).feedback_status is FeedbackStatus.NO_REPLY
        assert "let it go? (l)" in screen_text(app)
        await pilot.press("l")
        await settle(pilot)
        assert store.rejections.get(case).feedback_status is FeedbackStatus.LET_GO
        assert "let go · asked Nov 25" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "let go" in screen_text(app)


async def test_v_opens_the_form_on_the_reply(store, make_app):
    case = untracked(store, "Initech")
    store.rejections.update(case, feedback_status=FeedbackStatus.ASKED, feedback_asked_on=TODAY)
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)
        assert app.focused.id == "input-feedback_text"
        await pilot.press(*"Strong, but we hired internally.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = store.rejections.get(case)
        assert saved.feedback_status is FeedbackStatus.RECEIVED
        assert saved.feedback_text == "Strong, but we hired internally."
        assert "Strong, but we hired internally." in screen_text(app)


async def test_n_and_the_palette_hand_over_to_the_flow(casebook, monkeypatch):
    calls: list[object] = []
    fake = types.ModuleType("bounceback.screens.bounce.entry")
    fake.log_untracked_rejection = calls.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bounceback.screens.bounce.entry", fake)
    await casebook.press("n")
    assert calls == [casebook.app.screen]
    titles = [c.title for c in casebook.app.screen.palette_commands()]
    assert "rejections: Log a rejection" in titles
    next(c for c in casebook.app.screen.palette_commands()
         if c.title == "rejections: Log a rejection").callback()
    assert len(calls) == 2


@pytest.mark.parametrize("text", [t for t in HOSTILE if len(t) < 1000])
async def test_hostile_text_is_shown_literally(store, make_app, text):
    case = untracked(store, f"co:{text}")
    store.rejections.update(case, lessons=f"lesson:{text}", feedback_text=f"reply:{text}",
                            causes=[f"cause:{text}"], feelings=[f"f:{text}"])
    expected = text.replace("\x1b", "")
    async with running(make_app, "3") as pilot:
        app = pilot.app
        assert f"co:{expected}" in screen_text(app)
        await pilot.click("#rejections-table", offset=(15, 1))
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.is_running and isinstance(app.screen, CaseScreen)
        shown_text = screen_text(app)
        for part in ("co:", "lesson:", "reply:", "cause:", "f:"):
            assert f"{part}{expected}" in shown_text, part
        assert "\x1b" not in shown_text
        await pilot.click("#case-body", offset=(10, 2))
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, CaseForm)
        await pilot.press("ctrl+s")  # nothing changed: closes without writing
        await settle(pilot)
        assert pilot.app.is_running and isinstance(app.screen, CaseScreen)
        saved = store.rejections.get(case)
        assert (saved.company, saved.lessons) == (f"co:{expected}".strip(), f"lesson:{expected}")


async def test_ten_thousand_characters_are_refused_where_capped(store, make_app):
    case = untracked(store, "Initech")
    huge = "x" * 10_000
    async with running(make_app, "3", "enter") as pilot:
        app = pilot.app
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#input-company", Input).value = huge
        form.query_one("#input-lessons", TextArea).text = huge
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # company is capped at 200: refused, nothing truncated
        assert "Company is 10,000 characters; the limit is 200." in screen_text(app)
        assert form.query_one("#input-lessons", TextArea).text == huge
        assert store.rejections.get(case).company == "Initech"
        form.query_one("#input-company", Input).value = "Initech"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.rejections.get(case).lessons == huge  # lessons hold 20,000
        assert pilot.app.is_running and isinstance(app.screen, CaseScreen)

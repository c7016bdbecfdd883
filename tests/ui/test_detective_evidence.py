"""The early-stage detective shows the job's words against the resume that went out (issue 12)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import SelectionList, TextArea

from bounceback.domain import MaterialKind, RejectionKind, Stage
from bounceback.playbook.triage import judge
from bounceback.screens.bounce.detective import DetectiveScreen
from bounceback.screens.bounce.evidence import NOT_TRACKED
from bounceback.screens.case import CaseScreen
from bounceback.store.db import Store
from tests.ui.conftest import add, screen_text, settle

PAIR = Path(__file__).parents[1] / "data" / "keywords" / "01-backend-engineer"
JOB = (PAIR / "job.md").read_text(encoding="utf-8")
RESUME = (PAIR / "resume.txt").read_text(encoding="utf-8")


def _case(store: Store, *, description: str = JOB, resume: str | None = RESUME,
          stage: Stage = Stage.APPLIED) -> int:
    if resume is not None:
        store.materials.add(MaterialKind.RESUME, "Backend [v1]", resume)
    app_id = add(store, "Ledgerline", "Backend engineer", description=description, stage=stage)
    case = store.rejections.log_for_application(app_id, judge)
    store.rejections.update(case.id, flow_step="detective")
    return case.id


async def _detective(app, pilot, case_id: int) -> DetectiveScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.push_screen(CaseScreen(case_id))
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(app.screen, DetectiveScreen)
    return app.screen


def _next_steps(store: Store, case_id: int) -> str:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute("select next_steps from rejection where id = ?",
                            (case_id,)).fetchone()[0]
    finally:
        conn.close()


async def test_an_early_no_shows_the_gap_and_a_ticked_fix_becomes_a_next_step(
        make_app, store, clock) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _detective(app, pilot, case_id)
        text = screen_text(app)
        assert "The evidence" in text and "key terms" in text
        assert "Backend [v1]" in text  # the label, markup and all, shown literally
        fixes = screen.query_one("#evidence-fixes", SelectionList)
        keys = [fixes.get_option_at_index(i).value for i in range(fixes.option_count)]
        assert "variant:PostgreSQL" in keys and any(k.startswith("missing:") for k in keys)
        fixes.focus()
        fixes.highlighted = keys.index("variant:PostgreSQL")
        await pilot.press("space")
        await settle(pilot)
        area = screen.query_one("#detective-next-steps", TextArea)
        line = "• Resume: write “PostgreSQL” as the posting does (you wrote “Postgres”)"
        assert area.text.splitlines() == [line]
        await pilot.press("ctrl+s")  # moving on saves what waits
        await settle(pilot)
    assert _next_steps(store, case_id).splitlines() == [line]


async def test_a_ticked_fix_is_shown_ticked_and_unticking_removes_only_its_line(
        make_app, store) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(store)
    line = "• Resume: write “PostgreSQL” as the posting does (you wrote “Postgres”)"
    store.rejections.update(case_id, next_steps=f"Call Sam\n{line}")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _detective(app, pilot, case_id)
        fixes = screen.query_one("#evidence-fixes", SelectionList)
        assert "variant:PostgreSQL" in fixes.selected
        keys = [fixes.get_option_at_index(i).value for i in range(fixes.option_count)]
        fixes.focus()
        fixes.highlighted = keys.index("variant:PostgreSQL")
        await pilot.press("space")
        await settle(pilot)
        assert screen.query_one("#detective-next-steps", TextArea).text == "Call Sam"
        await pilot.press("escape")
        await settle(pilot)
    assert _next_steps(store, case_id) == "Call Sam"


async def test_without_a_resume_or_description_it_says_how_to_add_them(
        make_app, store) -> None:  # type: ignore[no-untyped-def]
    no_resume = _case(store, resume=None)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _detective(app, pilot, no_resume)
        assert "No resume version is recorded" in screen_text(app)
        assert not screen.query_one("#evidence-fixes", SelectionList).display


async def test_an_untracked_no_and_a_later_stage_no(make_app, store) -> None:  # type: ignore[no-untyped-def]
    untracked = store.rejections.log_untracked("Nowhere Ltd", "Dev", Stage.APPLIED,
                                               RejectionKind.EARLY)
    store.rejections.update(untracked.id, flow_step="detective")
    later = _case(store, stage=Stage.INTERVIEWING)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _detective(app, pilot, later)
        assert "The evidence" not in screen_text(app)  # a product-fit question, not the resume
        assert screen.query_one("#evidence").display is False
        await pilot.press("escape")
        await settle(pilot)
        await _detective(app, pilot, untracked.id)
        assert NOT_TRACKED[:40] in screen_text(app)

"""Every way into and out of `rejected` (and `ghosted`) asks first and keeps the stage history and
the casebook in step; a case logged by mistake can be deleted and brought back (issue 9, defects
3 and 4). Each test checks the screen and the stored rows."""

from __future__ import annotations

from textual.widgets import OptionList

from bounceback.domain import Stage
from bounceback.playbook.triage import judge
from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
from bounceback.screens.case import CaseScreen
from bounceback.screens.modals import ConfirmModal, PickerModal
from bounceback.screens.pipeline import PipelineScreen
from bounceback.screens.rejections import RejectionsScreen
from tests.ui.conftest import add, screen_text, settle


async def on_row(pilot, store, company: str, *stages: Stage) -> int:  # type: ignore[no-untyped-def]
    """One application walked through `stages`, shown (highlighted) on the Pipeline."""
    app_id = add(store, company, "Designer")
    for stage in stages:
        store.applications.move(app_id, stage)
    pilot.app.screen.reload()
    await settle(pilot)
    return app_id


def stages(store, app_id: int) -> list[Stage]:  # type: ignore[no-untyped-def]
    return [e.stage for e in store.applications.get(app_id).history]


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def pick(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    """Choose the option of the open picker whose text starts with `label`."""
    options = pilot.app.screen.query_one(OptionList)
    index = next(i for i in range(options.option_count)
                 if str(options.get_option_at_index(i).prompt).startswith(label))
    options.highlighted = index
    await press(pilot, "enter")


# ---- r ---------------------------------------------------------------------------------------


async def test_a_stray_r_asks_first_and_escape_or_n_records_nothing(pilot, store):
    app_id = await on_row(pilot, store, "Initrode", Stage.SCREENING)
    for decline in ("escape", "n"):
        await press(pilot, "r")
        assert isinstance(pilot.app.screen, ConfirmModal)
        assert "A no from Initrode — Designer?" in screen_text(pilot.app)
        await press(pilot, decline)
        assert isinstance(pilot.app.screen, PipelineScreen)
    assert stages(store, app_id) == [Stage.APPLIED, Stage.SCREENING]
    assert store.rejections.rows() == []
    await press(pilot, "r", "y")  # y says yes as well as enter
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    assert stages(store, app_id)[-1] is Stage.REJECTED
    assert len(store.rejections.rows()) == 1


async def test_other_confirmations_still_start_on_the_safe_answer(pilot, store):
    app_id = await on_row(pilot, store, "Keepme")
    await press(pilot, "delete", "enter")  # enter on "Delete …?" keeps it
    assert [r.id for r in store.applications.rows()] == [app_id]


async def test_r_on_a_rejected_row_whose_case_was_removed_offers_a_new_case(pilot, store):
    app_id = await on_row(pilot, store, "Removed", Stage.INTERVIEWING)
    case = store.rejections.log_for_application(app_id, judge)
    store.rejections.delete(case.id)
    pilot.app.screen.reload()
    await settle(pilot)
    pilot.app.screen.action_cycle_view()  # "all": rejected rows show too
    await settle(pilot)
    await press(pilot, "r")
    assert "is rejected but has no case" in screen_text(pilot.app)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    assert stages(store, app_id).count(Stage.REJECTED) == 1  # no second "rejected" event
    (row,) = store.rejections.rows()
    assert row.id != case.id


# ---- m, [ and ] into rejected -------------------------------------------------------------------


async def test_m_to_rejected_asks_the_same_question_then_opens_first_aid(pilot, store):
    app_id = await on_row(pilot, store, "Picker Co", Stage.SCREENING, Stage.INTERVIEWING)
    await press(pilot, "m")
    await pick(pilot, "rejected")
    assert isinstance(pilot.app.screen, ConfirmModal)
    await press(pilot, "escape")  # declined: the picker's choice records nothing
    assert stages(store, app_id) == [Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING]
    assert store.rejections.rows() == []
    await press(pilot, "m")
    await pick(pilot, "rejected")
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    assert "it got as far as interviewing" in screen_text(pilot.app)
    assert stages(store, app_id) == [
        Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.REJECTED]
    case = store.rejections.case_for_application(app_id)
    assert case is not None and case.stage_reached is Stage.INTERVIEWING


async def test_back_into_rejected_asks_and_a_kept_case_is_not_doubled(pilot, store):
    app_id = await on_row(pilot, store, "Bouncy", Stage.SCREENING)
    case = store.rejections.log_for_application(app_id, judge)
    store.rejections.update(case.id, flow_step="done")
    pilot.app.screen.reload()
    await settle(pilot)
    pilot.app.screen.action_cycle_view()  # "all": rejected rows show too
    await settle(pilot)
    # out of rejected: the move happens, then "remove its case too?" — enter keeps it
    await press(pilot, "left_square_bracket")
    assert isinstance(pilot.app.screen, ConfirmModal)
    assert "Bouncy is back in play. Remove its case" in screen_text(pilot.app)
    await press(pilot, "enter")
    assert stages(store, app_id)[-1] is Stage.SCREENING
    assert [r.id for r in store.rejections.rows()] == [case.id]
    # and back in with [: the same no (its case), not a second case
    await press(pilot, "left_square_bracket")
    assert isinstance(pilot.app.screen, PickerModal)
    await pick(pilot, "The same no")
    assert stages(store, app_id)[-1] is Stage.REJECTED
    assert [r.id for r in store.rejections.rows()] == [case.id]
    assert isinstance(pilot.app.screen, PipelineScreen)  # that flow was finished


async def test_back_into_rejected_without_a_case_records_one_after_asking(pilot, store):
    # an old "rejected" from before every path asked: no case behind it
    app_id = await on_row(pilot, store, "Old Data", Stage.SCREENING, Stage.REJECTED,
                          Stage.SCREENING)
    await press(pilot, "left_square_bracket")
    assert isinstance(pilot.app.screen, ConfirmModal)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    assert stages(store, app_id)[-1] is Stage.REJECTED
    assert store.rejections.case_for_application(app_id) is not None


async def test_leaving_rejected_can_remove_a_case_logged_by_mistake(pilot, store):
    app_id = await on_row(pilot, store, "Oops", Stage.SCREENING)
    kept = store.rejections.log_for_application(add(store, "Real No"), judge)
    await press(pilot, "r", "enter")  # the stray r, said yes to
    await press(pilot, "escape")  # out of the flow
    pilot.app.screen.action_cycle_view()
    await settle(pilot)
    pilot.app.screen.table.move_to_key(app_id)
    await press(pilot, "m")
    await pick(pilot, "screening")
    await press(pilot, "y")  # remove its case
    assert stages(store, app_id) == [Stage.APPLIED, Stage.SCREENING, Stage.REJECTED,
                                     Stage.SCREENING]
    assert [r.id for r in store.rejections.rows()] == [kept.id]
    assert store.rejections.recent_kinds() == [kept.kind]  # the pattern never sees it
    await press(pilot, "3", "u")  # the casebook's undo brings it back
    assert {r.company for r in store.rejections.rows()} == {"Real No", "Oops"}


# ---- ghosted ----------------------------------------------------------------------------------


async def test_ghosted_offers_first_aid_and_never_forces_it(pilot, store):
    quiet = await on_row(pilot, store, "Silent", Stage.SCREENING)
    await press(pilot, "m")
    await pick(pilot, "ghosted")
    assert isinstance(pilot.app.screen, ConfirmModal)
    assert "No word from Silent" in screen_text(pilot.app)
    await press(pilot, "enter")  # enter says not now
    assert isinstance(pilot.app.screen, PipelineScreen)
    assert stages(store, quiet)[-1] is Stage.GHOSTED
    assert store.rejections.rows() == []
    other = await on_row(pilot, store, "Also Silent", Stage.INTERVIEWING)
    pilot.app.screen.table.move_to_key(other)
    await press(pilot, "m")
    await pick(pilot, "ghosted")
    await press(pilot, "y")
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    assert stages(store, other) == [Stage.APPLIED, Stage.INTERVIEWING, Stage.GHOSTED]
    case = store.rejections.case_for_application(other)
    assert case is not None and case.stage_reached is Stage.INTERVIEWING


# ---- deleting a case and undo -------------------------------------------------------------------


async def test_delete_a_case_from_the_casebook_and_undo(pilot, store):
    for name in ("One", "Two", "Three", "Four"):
        store.rejections.log_for_application(add(store, name), judge)
    mistake = store.rejections.log_for_application(add(store, "Mistake"), judge)
    await press(pilot, "3")
    assert isinstance(pilot.app.screen, RejectionsScreen)
    assert "5 shown of 5" in screen_text(pilot.app)
    pilot.app.screen.table.move_to_key(mistake.id)
    await press(pilot, "delete")
    assert "Delete the case for Mistake?" in screen_text(pilot.app)
    await press(pilot, "y")
    text = screen_text(pilot.app)
    assert "4 shown of 4" in text and "Mistake" not in text.split("Pattern")[1]
    assert "4 of the last 4" in text  # the pattern counts only what is left
    assert mistake.id not in [r.id for r in store.rejections.rows()]
    await press(pilot, "u")
    assert "5 shown of 5" in screen_text(pilot.app)
    assert mistake.id in [r.id for r in store.rejections.rows()]


async def test_delete_a_case_from_the_case_screen(pilot, store):
    case = store.rejections.log_for_application(add(store, "Wrong One"), judge)
    await press(pilot, "3", "enter")
    assert isinstance(pilot.app.screen, CaseScreen)
    await press(pilot, "delete")
    await press(pilot, "enter")  # enter keeps it
    assert isinstance(pilot.app.screen, CaseScreen)
    await press(pilot, "delete", "y")
    assert isinstance(pilot.app.screen, RejectionsScreen)
    assert store.rejections.rows() == []
    await press(pilot, "u")
    assert [r.id for r in store.rejections.rows()] == [case.id]


async def test_advance_from_ghosted_back_into_rejected_asks_too(pilot, store):
    # ] on a ghosted row reopens it to the stage before — here an old "rejected" without a case
    app_id = await on_row(pilot, store, "Ghost Of A No", Stage.REJECTED, Stage.GHOSTED)
    pilot.app.screen.action_cycle_view()  # "all": closed rows show too
    await settle(pilot)
    await press(pilot, "right_square_bracket")
    assert isinstance(pilot.app.screen, ConfirmModal)
    await press(pilot, "n")  # nothing recorded, nothing moved
    assert stages(store, app_id) == [Stage.APPLIED, Stage.REJECTED, Stage.GHOSTED]
    await press(pilot, "right_square_bracket", "enter")
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    assert stages(store, app_id)[-1] is Stage.REJECTED
    assert store.rejections.case_for_application(app_id) is not None

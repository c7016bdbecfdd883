"""First aid knows the person: the comebacks counted, final-round words, the new feeling words."""

from __future__ import annotations

from bounceback.domain import RejectionKind, Stage
from bounceback.screens.bounce.acknowledge import AcknowledgeScreen
from tests.ui.conftest import screen_text, settle
from tests.ui.test_bounce_flow import start_flow


async def test_the_first_step_counts_the_nos_already_come_back_from(pilot, store) -> None:  # type: ignore[no-untyped-def]
    for company in ("Acme", "Beta"):
        store.rejections.log_untracked(company, "Dev", Stage.APPLIED, RejectionKind.EARLY)
    await start_flow(pilot, store, stage=Stage.APPLIED)
    assert isinstance(pilot.app.screen, AcknowledgeScreen)
    text = " ".join(screen_text(pilot.app).split())
    assert "It hurts for real" in text and "You have come back from 2 before this one." in text
    assert "stings more" not in text


async def test_a_final_round_no_gets_its_own_words(pilot, store) -> None:  # type: ignore[no-untyped-def]
    await start_flow(pilot, store, stage=Stage.FINAL_ROUND)
    text = " ".join(screen_text(pilot.app).split())
    assert "You made the last few: being that close is why this one stings more." in text
    assert "It is the first one logged here" in text


async def test_defeated_and_doubting_myself_can_be_named(pilot, store) -> None:  # type: ignore[no-untyped-def]
    await start_flow(pilot, store, stage=Stage.APPLIED)
    words = ["disappointed", "frustrated", "angry", "embarrassed", "anxious", "sad", "numb",
             "confused", "defeated", "doubting myself"]
    await pilot.press(*["down"] * words.index("defeated"), "space", "down", "space")
    await settle(pilot)
    (row,) = store.rejections.rows()
    assert store.rejections.get(row.id).feelings == ("defeated", "doubting myself")

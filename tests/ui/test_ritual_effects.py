"""Which ritual works for you: the ritual step shows each one's measured effect (issue 13)."""

from __future__ import annotations

from textual.widgets import OptionList

from bounceback.domain import RejectionKind, Stage
from bounceback.playbook.rituals import MIN_USES
from bounceback.screens.bounce.ritual import RitualScreen
from bounceback.store.db import Store
from tests.ui.conftest import screen_text, settle


def _rated_uses(store: Store, ritual_id: int, drops: list[tuple[int, int]]) -> None:
    for before, after in drops:
        case = store.rejections.log_untracked("Old Co", "Dev", Stage.APPLIED, RejectionKind.EARLY)
        store.rejections.update(case.id, intensity_before=before, intensity_after=after,
                                flow_step="done")
        store.rituals.mark_done(ritual_id, case.id)


def test_the_store_reads_only_uses_rated_before_and_after(store: Store) -> None:
    walk = store.rituals.all()[0]
    _rated_uses(store, walk.id, [(8, 5)])
    unrated = store.rejections.log_untracked("X", "Y", Stage.APPLIED, RejectionKind.EARLY)
    store.rituals.mark_done(walk.id, unrated.id)
    store.rituals.mark_done(walk.id, None)
    assert store.rituals.effect_rows() == [(walk.id, 8, 5)]


async def test_the_ritual_that_helps_most_is_named_and_offered(make_app, store) -> None:  # type: ignore[no-untyped-def]
    rituals = store.rituals.all()
    walk, call = rituals[0], rituals[1]
    _rated_uses(store, walk.id, [(8, 7), (7, 6), (6, 5)])  # eases by 1.0
    _rated_uses(store, call.id, [(9, 4), (8, 4), (7, 4)])  # eases by 4.0
    case = store.rejections.log_untracked("Now Co", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    store.rejections.update(case.id, flow_step="ritual")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(RitualScreen(case.id))
        await settle(pilot)
        text = screen_text(app)
        assert (f"What has helped you most: {call.title} — eases it by 4.0 on average "
                "(3 times).") in text
        options = app.screen.query_one("#ritual-options", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert any(p.startswith(call.title) and "eases it by 4.0" in p for p in prompts)
        assert any(p.startswith(walk.title) and "eases it by 1.0" in p for p in prompts)


async def test_before_three_uses_it_says_what_will_appear(make_app, store) -> None:  # type: ignore[no-untyped-def]
    case = store.rejections.log_untracked("Now Co", "Dev", Stage.APPLIED, RejectionKind.EARLY)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(RitualScreen(case.id))
        await settle(pilot)
        assert f"After {MIN_USES} rated uses" in screen_text(app)

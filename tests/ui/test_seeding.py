"""Drawing a screen never seeds: the starters were put in when the store opened."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from bounceback.playbook.rituals import DEFAULT_RITUALS
from bounceback.playbook.triage import judge
from bounceback.screens.bounce.ritual import RitualScreen
from bounceback.store.db import Store
from tests.ui.conftest import add, screen_text, settle


async def test_drawing_the_ritual_step_takes_no_write(make_home_app, store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    case = store.rejections.log_for_application(add(store, "Hooli", "PM"), judge)
    app = make_home_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        real_show = store.wins.show
        # the wins it shows are stamped on purpose (rotation); everything else is under test
        monkeypatch.setattr(store.wins, "show",
                            lambda pick, count=3, **_: real_show(pick, count, remember=False))
        writes: list[int] = []
        real_write = store.db.write

        def counting():  # type: ignore[no-untyped-def]
            writes.append(1)
            return real_write()

        monkeypatch.setattr(store.db, "write", counting)
        for _ in range(2):  # drawn twice: once on the way in, once after a return
            app.push_screen(RitualScreen(case.id))
            await settle(pilot)
            assert isinstance(app.screen, RitualScreen)
            options = app.screen.query_one("#ritual-options", OptionList)
            assert options.option_count == len(DEFAULT_RITUALS)
            assert DEFAULT_RITUALS[0][:30] in screen_text(app)
            app.pop_screen()
            await settle(pilot)
        assert writes == []

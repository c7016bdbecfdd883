"""Ritual rotation: never the same twice in a row when there is a choice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bounceback.playbook.rituals import (
    DEFAULT_RITUALS,
    RitualEffect,
    best_ritual,
    effect_text,
    next_ritual,
    ritual_effects,
    ritual_offer,
)


def test_empty_list_offers_nothing() -> None:
    assert next_ritual([], None) is None
    assert next_ritual([], 3) is None
    assert ritual_offer([], None) == []
    assert ritual_offer([], 3) == []


def test_single_ritual_is_offered_even_if_done_last_time() -> None:
    assert next_ritual([7], None) == 7
    assert next_ritual([7], 7) == 7
    assert ritual_offer([7], 7) == [7]


def test_first_time_starts_at_the_top() -> None:
    assert next_ritual([4, 2, 9], None) == 4
    assert ritual_offer([4, 2, 9], None) == [4, 2, 9]


def test_rotation_moves_on_and_wraps() -> None:
    ids = [4, 2, 9]
    assert next_ritual(ids, 4) == 2
    assert next_ritual(ids, 2) == 9
    assert next_ritual(ids, 9) == 4


def test_retired_last_ritual_restarts_at_the_top() -> None:
    assert next_ritual([4, 2, 9], 99) == 4


def test_two_rituals_alternate() -> None:
    assert next_ritual([1, 2], 1) == 2
    assert next_ritual([1, 2], 2) == 1
    assert ritual_offer([1, 2], 1) == [2]


def test_offer_starts_at_rotation_point_and_leaves_out_the_last_one() -> None:
    ids = [1, 2, 3, 4, 5]
    assert ritual_offer(ids, 2) == [3, 4, 5]
    assert ritual_offer(ids, 4) == [5, 1, 2]
    assert ritual_offer(ids, 4, count=10) == [5, 1, 2, 3]
    assert ritual_offer(ids, None, count=10) == ids


@pytest.mark.parametrize("count", [0, -1])
def test_offer_with_no_room_is_empty(count: int) -> None:
    assert ritual_offer([1, 2, 3], 1, count=count) == []


@given(st.lists(st.integers(0, 50), min_size=2, unique=True), st.data())
def test_never_the_same_twice_in_a_row(ids: list[int], data: st.DataObject) -> None:
    last = data.draw(st.sampled_from(ids))
    assert next_ritual(ids, last) != last
    offer = ritual_offer(ids, last, count=data.draw(st.integers(1, 10)))
    assert offer and last not in offer
    assert offer[0] == next_ritual(ids, last)
    assert len(offer) == len(set(offer))


@given(st.lists(st.integers(0, 50), min_size=1, unique=True))
def test_walking_the_rotation_visits_every_ritual(ids: list[int]) -> None:
    seen: list[int] = []
    last: int | None = None
    for _ in ids:
        last = next_ritual(ids, last)
        assert last is not None
        seen.append(last)
    assert sorted(seen) == sorted(ids)


def test_defaults_are_five_short_rituals() -> None:
    assert len(DEFAULT_RITUALS) == 5
    assert len(set(DEFAULT_RITUALS)) == 5
    assert all(0 < len(r) <= 80 for r in DEFAULT_RITUALS)


# ---- which ritual works for you -------------------------------------------------------------


def test_an_effect_needs_three_rated_uses_and_is_the_mean_drop() -> None:
    rows = [(1, 8, 5), (1, 6, 4), (1, 7, 6),  # drops 3, 2, 1 -> 2.0 over 3
            (2, 9, 2), (2, 9, 3)]  # only two uses: not shown yet
    assert ritual_effects(rows) == [RitualEffect(1, 3, 2.0)]


def test_the_most_helpful_comes_first_and_ties_go_to_more_uses() -> None:
    rows = [(1, 5, 4)] * 3 + [(2, 6, 3)] * 3 + [(3, 6, 3)] * 4
    effects = ritual_effects(rows)
    assert [e.ritual_id for e in effects] == [3, 2, 1]
    assert best_ritual(effects) == RitualEffect(3, 4, 3.0)


def test_nothing_is_suggested_when_no_ritual_has_eased_it() -> None:
    effects = ritual_effects([(1, 4, 4)] * 3 + [(2, 3, 5)] * 3)
    assert best_ritual(effects) is None
    assert effect_text(effects[0]) == "leaves it where it was, on average (3 times)"
    assert effect_text(effects[1]) == "raised it by 2.0 on average (3 times)"
    assert effect_text(RitualEffect(9, 4, 2.25)) == "eases it by 2.2 on average (4 times)"

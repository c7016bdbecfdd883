"""Picking wins: pinned first, then never shown, then least recently shown, stable by id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from bounceback.playbook.wins import pick_wins

T0 = datetime(2026, 11, 1, 12, 0)


def test_empty_and_zero_count() -> None:
    assert pick_wins([]) == []
    assert pick_wins([(1, False, None)], count=0) == []


def test_pinned_first_then_never_shown_then_oldest_shown() -> None:
    wins = [
        (1, False, T0),
        (2, False, None),
        (3, True, T0 + timedelta(days=5)),
        (4, False, T0 - timedelta(days=3)),
        (5, True, None),
    ]
    assert pick_wins(wins, count=5) == [5, 3, 2, 4, 1]
    assert pick_wins(wins) == [5, 3, 2]


def test_ties_fall_back_to_id() -> None:
    wins = [(9, False, None), (3, False, None), (5, False, T0), (4, False, T0)]
    assert pick_wins(wins, count=4) == [3, 9, 4, 5]


def test_fewer_candidates_than_count() -> None:
    assert pick_wins([(2, False, T0)], count=3) == [2]


def test_naive_and_aware_times_compare_as_utc() -> None:
    aware_earlier = datetime(2026, 11, 1, 13, 0, tzinfo=timezone(timedelta(hours=2)))  # 11:00Z
    wins = [(1, False, T0), (2, False, aware_earlier), (3, False, T0.replace(tzinfo=UTC))]
    assert pick_wins(wins) == [2, 1, 3]


_times = st.one_of(st.none(), st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1)))
_candidates = st.lists(
    st.tuples(st.integers(0, 10_000), st.booleans(), _times),
    unique_by=lambda c: c[0],
)


@given(_candidates, st.integers(0, 12))
def test_pick_wins_properties(cands: list[tuple[int, bool, datetime | None]], count: int) -> None:
    picked = pick_wins(cands, count=count)
    by_id = {c[0]: c for c in cands}
    assert len(picked) == min(count, len(cands))
    assert len(set(picked)) == len(picked)
    assert set(picked) <= set(by_id)
    # A pinned win is left out for an unpinned one only to keep one place rotating.
    if any(not by_id[i][1] for i in picked) and any(c[1] and c[0] not in picked for c in cands):
        assert sum(1 for i in picked if by_id[i][1]) == count - 1
    # Within the unpinned choices, a never-shown win always beats a shown one.
    unpinned_left = [c for c in cands if not c[1] and c[0] not in picked]
    if any(by_id[i][2] is not None and not by_id[i][1] for i in picked):
        assert all(c[2] is not None for c in unpinned_left)


@given(_candidates)
def test_pick_wins_is_stable_under_input_order(
    cands: list[tuple[int, bool, datetime | None]],
) -> None:
    assert pick_wins(cands, count=5) == pick_wins(list(reversed(cands)), count=5)


def test_three_pinned_wins_do_not_freeze_the_pick() -> None:
    """With pinned wins filling every place, one place still rotates through the others."""
    shown: dict[int, datetime | None] = dict.fromkeys(range(1, 8))
    pinned = {1, 2, 3}
    seen: set[int] = set()
    for day in range(6):
        picked = pick_wins([(i, i in pinned, shown[i]) for i in shown], count=3)
        assert sum(1 for i in picked if i in pinned) == 2
        seen.update(picked)
        for i in picked:
            shown[i] = T0 + timedelta(days=day)
    assert seen == set(shown)  # every win had its turn

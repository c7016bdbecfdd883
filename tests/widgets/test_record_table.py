"""RecordTable's column layout: names keep their minimum, secondary columns give way first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bounceback.screens.goals import COLUMNS as GOAL_COLUMNS
from bounceback.screens.pipeline import COLUMNS as PIPELINE_COLUMNS
from bounceback.screens.rejections_data import COLUMNS as REJECTION_COLUMNS
from bounceback.screens.win_catalog import COLUMNS as WIN_COLUMNS
from bounceback.widgets.record_table import Column, layout_widths


def _used(widths: list[int]) -> int:
    shown = [w for w in widths if w]
    return sum(shown) + len(shown) - 1


def _by_label(columns: tuple[Column, ...], widths: list[int]) -> dict[str, int]:
    return {c.label: w for c, w in zip(columns, widths, strict=True)}


def test_the_pipeline_at_80_columns_keeps_names_and_drops_applied_first() -> None:
    """Defect 12: at 80x24 company names had 5 characters while Status took 22."""
    widths = _by_label(PIPELINE_COLUMNS, layout_widths(PIPELINE_COLUMNS, 80))
    assert widths["Applied"] == 0
    assert widths["Company"] >= 14 and widths["Role"] >= 12 and widths["Next action"] >= 12
    assert widths["Status"] <= widths["Company"]
    assert _used(layout_widths(PIPELINE_COLUMNS, 80)) == 80


def test_the_pipeline_at_120_columns_shows_everything_with_status_whole() -> None:
    widths = _by_label(PIPELINE_COLUMNS, layout_widths(PIPELINE_COLUMNS, 120))
    assert all(widths.values())
    assert widths["Status"] == len("overdue, looks ghosted")


def test_columns_give_way_by_priority_as_the_width_shrinks() -> None:
    hidden_at = {}
    for total in range(120, 30, -1):
        for column, width in zip(PIPELINE_COLUMNS, layout_widths(PIPELINE_COLUMNS, total),
                                 strict=True):
            if width == 0:
                hidden_at.setdefault(column.label, total)
    order = sorted(hidden_at, key=lambda label: -hidden_at[label])
    assert order == ["Applied", "Quiet", "Next action"]


def test_goal_and_win_titles_keep_room_at_80_columns() -> None:
    goals = _by_label(GOAL_COLUMNS, layout_widths(GOAL_COLUMNS, 78))
    assert goals["Goal"] >= 24 and goals["Counted"] == 0 and goals["Strength"] == 11
    wins = _by_label(WIN_COLUMNS, layout_widths(WIN_COLUMNS, 78))
    assert wins["Win"] >= 30 and wins["Tags"] == 0
    rejections = _by_label(REJECTION_COLUMNS, layout_widths(REJECTION_COLUMNS, 78))
    assert rejections["Company"] >= 16 and rejections["Kind"] >= 19


def test_a_fixed_column_with_a_ratio_grows_only_to_its_width() -> None:
    columns = (Column("name", ratio=1, min_width=12), Column("tag", width=10, min_width=4,
                                                              ratio=1))
    assert layout_widths(columns, 17) == [12, 4]
    assert layout_widths(columns, 21) == [14, 6]
    assert layout_widths(columns, 100) == [89, 10]


@given(total=st.integers(min_value=1, max_value=400))
def test_the_widths_always_fill_the_row_exactly_when_the_minimums_fit(total: int) -> None:
    for columns in (PIPELINE_COLUMNS, GOAL_COLUMNS, WIN_COLUMNS, REJECTION_COLUMNS):
        widths = layout_widths(columns, total)
        assert all(w >= 0 for w in widths)
        essential = [c for c in columns if c.priority == 0]
        if sum(c.least for c in essential) + len(essential) - 1 <= total:
            assert _used(widths) == total
            for column, width in zip(columns, widths, strict=True):
                assert width == 0 or column.least <= width <= column.most

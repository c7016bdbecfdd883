"""Demo fixtures: the tests' frozen clock (the same "now" as the store tests)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bounceback.clock import FixedClock


@pytest.fixture
def clock() -> FixedClock:
    """The tests' frozen "now": 2026-11-25 09:00 UTC."""
    return FixedClock(datetime(2026, 11, 25, 9, tzinfo=UTC))

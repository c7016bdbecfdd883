"""Which wins from the confidence file to show after a "no": pinned, then least recently seen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime


def _as_utc_naive(when: datetime) -> datetime:
    # Stored times are UTC; some drivers hand them back naive, some aware. Comparing the
    # two kinds raises, so both become naive UTC before sorting.
    if when.tzinfo is None:
        return when
    return when.astimezone(UTC).replace(tzinfo=None)


def pick_wins(candidates: Sequence[tuple[int, bool, datetime | None]], count: int = 3) -> list[int]:
    """Ids of up to `count` wins: pinned first, then never shown, then least recently shown.

    Each candidate is (id, pinned, last_shown_at). The same order applies inside the pinned
    group, and ties fall back to the id so the choice is stable between runs. Rotating by
    "least recently shown" means every win gets its turn before any repeats. Pinned wins take
    at most `count - 1` places when other wins exist, so three pinned wins cannot freeze the
    pick: one place always rotates through the rest of the file.
    """
    if count <= 0:
        return []

    def key(c: tuple[int, bool, datetime | None]) -> tuple[bool, bool, datetime, int]:
        win_id, pinned, shown = c
        if shown is None:
            return (not pinned, False, datetime.min, win_id)
        return (not pinned, True, _as_utc_naive(shown), win_id)

    ordered = sorted(candidates, key=key)
    pinned = [c for c in ordered if c[1]]
    others = [c for c in ordered if not c[1]]
    room = count - 1 if others and count > 1 else count
    chosen = pinned[:room]
    chosen += others[: count - len(chosen)]
    chosen += pinned[room:][: count - len(chosen)]  # not enough others: more pinned ones
    return [c[0] for c in sorted(chosen, key=key)]

"""Ritual rotation: offer the user's own pre-planned rituals, never the same one twice in a row."""

from __future__ import annotations

from collections.abc import Sequence

# Offered on first run; the user edits, reorders or retires them. Each is short, needs no
# planning and gets you away from the screen for a few minutes.
DEFAULT_RITUALS: tuple[str, ...] = (
    "Take a fifteen-minute walk outside",
    "Call or message a friend who is on your side",
    "Make a good coffee or tea and drink it away from the screen",
    "Put on one song you love, loud",
    "Write down three things that went right this week",
)


def next_ritual(ritual_ids_in_order: Sequence[int], last_done_id: int | None) -> int | None:
    """The ritual after the last one done, wrapping around; the first when none is known.

    With two or more rituals this is never `last_done_id`; with exactly one it is that one
    (repeating beats offering nothing); with none it is None. A last-done ritual that has
    since been retired restarts the rotation at the top.
    """
    if not ritual_ids_in_order:
        return None
    if last_done_id is None or last_done_id not in ritual_ids_in_order:
        return ritual_ids_in_order[0]
    i = list(ritual_ids_in_order).index(last_done_id)
    return ritual_ids_in_order[(i + 1) % len(ritual_ids_in_order)]


def ritual_offer(
    ritual_ids_in_order: Sequence[int], last_done_id: int | None, count: int = 3
) -> list[int]:
    """Up to `count` rituals to offer, starting at the rotation point, in rotation order.

    The last one done is left out whenever something else exists, so the user is not
    nudged into repeating it; a single ritual is still offered.
    """
    start = next_ritual(ritual_ids_in_order, last_done_id)
    if start is None or count <= 0:
        return []
    ids = list(dict.fromkeys(ritual_ids_in_order))  # drop accidental duplicates, keep order
    i = ids.index(start)
    rotated = ids[i:] + ids[:i]
    if len(rotated) > 1 and last_done_id in rotated:
        rotated.remove(last_done_id)
    return rotated[:count]

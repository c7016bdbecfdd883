"""Ritual rotation: offer the user's own pre-planned rituals, never the same one twice in a row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


MIN_USES = 3
"""Uses (rated before and after) a ritual needs before its effect is shown: fewer is noise."""


@dataclass(frozen=True, slots=True)
class RitualEffect:
    """How much one ritual eased the feeling, on average, over the times it was rated."""

    ritual_id: int
    uses: int
    mean_drop: float  # intensity before minus after; positive means it eased


def ritual_effects(rows: Iterable[tuple[int, int, int]],
                   min_uses: int = MIN_USES) -> list[RitualEffect]:
    """Per ritual with at least `min_uses` rated uses, the mean drop in intensity (before
    minus after the ritual), the most helpful first (ties: more uses, then lower id).

    A case with two rituals done counts for both: the person did both before re-rating.
    """
    drops: dict[int, list[int]] = {}
    for ritual_id, before, after in rows:
        drops.setdefault(ritual_id, []).append(before - after)
    effects = [RitualEffect(rid, len(d), sum(d) / len(d))
               for rid, d in drops.items() if len(d) >= min_uses]
    effects.sort(key=lambda e: (-e.mean_drop, -e.uses, e.ritual_id))
    return effects


def best_ritual(effects: Sequence[RitualEffect]) -> RitualEffect | None:
    """The ritual that has helped most, when any has measurably helped (a mean drop > 0)."""
    if effects and effects[0].mean_drop > 0:
        return effects[0]
    return None


def effect_text(effect: RitualEffect) -> str:
    """"eases it by 2.3 on average (4 times)"."""
    size = f"{abs(effect.mean_drop):.1f}"
    if size == "0.0":
        return f"leaves it where it was, on average ({effect.uses} times)"
    verb = "eases it by" if effect.mean_drop > 0 else "raised it by"
    return f"{verb} {size} on average ({effect.uses} times)"

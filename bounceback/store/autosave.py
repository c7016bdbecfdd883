"""Autosaved text is written only over the text its window last saw (compare-and-set).

A window remembers, per field, the text it loaded or last saved (its *base*). A save passes that
base along; when the stored text is neither the base nor the new text, someone else saved in
between, and the save is refused with TextConflictError carrying what is stored now, so the
person can choose. Forms get the same protection from version columns; an autosave compares
the text itself, which needs no schema and never refuses a save that would change nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from bounceback.store.errors import TextConflictError


def refuse_stale(what: str, stored: Mapping[str, str], new: Mapping[str, str],
                 base: Mapping[str, str] | None) -> None:
    """Raise TextConflictError for the fields of `new` changed elsewhere since `base`.

    `base` None: no comparison (the person chose to keep theirs over a change made elsewhere).
    """
    if base is None:
        return
    theirs = {
        name: stored.get(name, "")
        for name, text in new.items()
        if name in base and stored.get(name, "") not in (base[name], text)
    }
    if theirs:
        raise TextConflictError(what, theirs)

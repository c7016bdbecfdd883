"""One way to run a store call from the UI: trouble becomes a calm toast, never a traceback,
and the caller learns whether the call really happened before it announces anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from textual.app import App

from bounceback.store.errors import ConflictError, NotFoundError, StoreError, ValidationError
from bounceback.widgets.safe import notify

T = TypeVar("T")

GONE = "That entry no longer exists (deleted in another window?)."
"""What a missing record is called when the caller has no better words."""

REFUSALS = (StoreError, NotFoundError, ValidationError, ConflictError)
"""What a store call may refuse with; anything else is a bug and is not swallowed here."""


class Outcome(Generic[T]):
    """What a store call came to: `ok` and its `value`, or the `error` it was refused with."""

    __slots__ = ("_value", "error", "ok")

    def __init__(self, ok: bool, value: T | None = None, error: Exception | None = None) -> None:
        """Use `Outcome.done` / `Outcome.refused`."""
        self.ok = ok
        self._value = value
        self.error = error

    @classmethod
    def done(cls, value: T) -> Outcome[T]:
        """The call happened and returned `value`."""
        return cls(True, value)

    @classmethod
    def refused(cls, error: Exception) -> Outcome[Any]:
        """The store said no; nothing was changed."""
        return cls(False, None, error)

    @property
    def value(self) -> T:
        """The call's result; asking for it after a refusal is a programming error."""
        if not self.ok:
            raise ValueError("the store call was refused: there is no value")
        return self._value  # type: ignore[return-value]

    @property
    def missing(self) -> bool:
        """Refused because the record is not there (deleted in another window?)."""
        return isinstance(self.error, NotFoundError)

    def __repr__(self) -> str:
        """For test failures: never the value (it may hold user text)."""
        return "Outcome(ok)" if self.ok else f"Outcome(refused: {type(self.error).__name__})"


def refusal_message(error: Exception, gone: str = GONE, conflict: str | None = None) -> str:
    """The toast for a refused call: the store's own words, or ours for a missing record."""
    if isinstance(error, NotFoundError):
        return gone
    if isinstance(error, ConflictError):
        return conflict or str(error)
    if isinstance(error, ValidationError):
        return " ".join(error.errors.values())
    return getattr(error, "message", None) or str(error)


def background_failure(error: BaseException | None) -> str:
    """A failed worker in one calm sentence: the store's own words, else only the error's kind
    (an exception's text may quote user data)."""
    message = getattr(error, "message", None)
    if isinstance(message, str):
        return message
    return (f"Something went wrong while reading your data ({type(error).__name__}). Nothing "
            "was lost; what you see may be out of date, and switching screens tries again.")


def attempt(
    app: App[Any], call: Callable[..., T], *args: Any, gone: str = GONE,
    conflict: str | None = None,
) -> Outcome[T]:
    """Run `call(*args)`; a refusal is shown as a toast and returned, never raised."""
    try:
        return Outcome.done(call(*args))
    except REFUSALS as exc:
        severity = "error" if isinstance(exc, StoreError) else "warning"
        notify(app, refusal_message(exc, gone, conflict), severity=severity,
               timeout=10 if severity == "error" else 8)
        return Outcome.refused(exc)

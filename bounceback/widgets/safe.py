"""Show user text safely: every widget that displays user text goes through these helpers.

Textual renders a plain `str` as markup, so a company named `[/]` would crash the app and
`[@click=app.quit]` would run an action. Measured rules (DATA-SAFETY.md): Label/Static/OptionList
take `Content`; DataTable cells take `Text`; `notify()` takes a str with markup=False. Control
characters and bidi overrides are stripped again at render, whatever the store holds.
"""

from __future__ import annotations

from textual.app import App
from textual.content import Content

from bounceback.sanitize import clean_text


def content(text: str, style: str = "") -> Content:
    """User text as Content: never parsed as markup."""
    plain = Content(clean_text(text))
    return plain.stylize(style) if style else plain


def template(markup: str, **values: object) -> Content:
    """Our markup with user values substituted as literal text (`$name` placeholders)."""
    safe = {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}
    return Content.from_markup(markup, **safe)


def notify(app: App[object], message: str, *, severity: str = "information",
           timeout: float | None = None, title: str = "") -> None:
    """A toast whose message may contain user text (markup off)."""
    app.notify(
        clean_text(message),
        title=title,
        severity=severity,  # type: ignore[arg-type]
        timeout=timeout,
        markup=False,
    )


def one_line(text: str, limit: int = 80) -> str:
    """A single display line: newlines flattened, cut with an ellipsis past `limit`."""
    flat = " ".join(clean_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def readonly_banner(reason: str) -> Content:
    """The banner of a store opened read-only: "read-only: <why> — browsing only"."""
    return template("[bold $warning]read-only:[/] $why — browsing only", why=reason)

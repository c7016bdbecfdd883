"""The win form (new and edit) and the quick add that opens it from anywhere."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Footer, Input, Label, Select, TextArea

from bounceback.domain import WinCategory
from bounceback.screens.draft_form import DraftForm, form_check
from bounceback.screens.host import host
from bounceback.widgets.form import Field
from bounceback.widgets.safe import notify

if TYPE_CHECKING:
    from bounceback.store.drafts import Check
    from bounceback.store.records import WinDetail
    from bounceback.store.wins import WinDraft

IMPACT_PLACEHOLDER = "a number makes it land: cut build time 40%, led 5 people, saved 3 days"
IMPACT_NUDGE = "Any number to add? How many people, how much faster, how much saved?"


def complete_last_tag(value: str, tags: Sequence[str]) -> str | None:
    """`value` with its last comma-separated tag completed from `tags` (None: nothing fits).

    What was typed keeps its case; a tag already in the list is not offered again.
    """
    head, sep, last = value.rpartition(",")
    typed = last.lstrip()
    if not typed:
        return None
    used = {t.strip().casefold() for t in head.split(",")} if sep else set()
    folded = typed.casefold()
    for tag in tags:
        key = tag.casefold()
        if len(tag) > len(typed) and key.startswith(folded) and key not in used:
            return value + tag[len(typed):]
    return None


class TagSuggester(Suggester):
    """Completes the tag being typed after the last comma from the tags already in use."""

    def __init__(self, tags: Sequence[str]) -> None:
        """`tags` most used first (the first that fits is offered)."""
        # case-sensitive: the Input gets back exactly what was typed, plus the completion
        super().__init__(use_cache=True, case_sensitive=True)
        self._tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        """The value with its last tag completed."""
        return complete_last_tag(value, self._tags)


class WinForm(DraftForm["WinDraft", "WinDetail"]):
    """Add or edit a win: title, category, date, impact, tags, the story."""

    AUTO_FOCUS = "#input-title"
    DATE_FIELDS = ("happened_on",)
    THING = "this win"
    DRAFT_FORM = "win"

    def __init__(
        self,
        save: Callable[[WinDraft, bool], WinDetail],
        check: Check,
        tags: Sequence[str] = (),
        initial: WinDetail | None = None,
    ) -> None:
        """`tags` feed the completion; `initial` is the win being edited (None for new)."""
        super().__init__(save, check)
        self._tags = tags
        self._initial = initial

    def draft_target(self) -> tuple[int | None, int | None]:
        """The win being edited (and the version it was read at), if any."""
        d = self._initial
        return (d.id, d.version) if d is not None else (None, None)

    def compose(self) -> ComposeResult:
        """Title; category and date; impact; tags; the story."""
        from bounceback.store.wins import format_tags

        d = self._initial
        title = "New win" if d is None else "Edit win"
        when = (d.happened_on if d else self._today) or None
        category = (d.category if d else WinCategory.SOLVED).value
        with Vertical(id="form-box"):
            yield Label(Content.styled(title, "bold"), id="form-title")
            yield Label("", id="form-banner")
            with VerticalScroll(id="form-body"):
                yield Field("What did you do? *", Input(
                    d.title if d else "", id="input-title",
                    placeholder="e.g. Untangled the release process for my team"), name="title")
                with Horizontal(classes="form-row"):
                    yield Field("Kind of win", Select(
                        [(c.label, c.value) for c in WinCategory],
                        value=category, allow_blank=False, id="input-category",
                    ), name="category")
                    yield Field("When", Input(
                        when.isoformat() if when else "", id="input-happened_on",
                        placeholder="e.g. Mar 3, 2025-03-03, last friday (empty: no date)",
                    ), name="happened_on")
                yield Field("Impact", Input(d.impact if d else "", id="input-impact",
                                            placeholder=IMPACT_PLACEHOLDER), name="impact")
                yield Field("Tags", Input(
                    format_tags(d.tags) if d else "", id="input-tags",
                    placeholder="comma separated, e.g. leadership, python (→ completes)",
                    suggester=TagSuggester(self._tags),
                ), name="tags")
                yield Field("The story: the situation, what you did, what changed", TextArea(
                    d.story if d else "", id="input-story", soft_wrap=True, tab_behavior="focus",
                ), name="story")
            yield Footer()

    def build_draft(self, values: dict[str, str], errors: dict[str, str]) -> WinDraft:
        """Read the fields; a date that cannot be read is refused where it was typed."""
        from bounceback.store.wins import WinDraft, parse_tags

        happened_on = self.read_date(values, "happened_on", errors)
        return WinDraft(
            title=values["title"], category=WinCategory(values["category"]),
            happened_on=happened_on, impact=values["impact"], tags=parse_tags(values["tags"]),
            story=values["story"],
        )

    @on(Input.Changed, "#input-impact")
    def _nudge(self, event: Input.Changed) -> None:
        """A quiet nudge toward a number once something without one is typed."""
        field = event.input.parent
        if isinstance(field, Field):
            text = event.value.strip()
            field.set_hint(IMPACT_NUDGE if text and not any(c.isdigit() for c in text) else None)


def open_win_form(
    app: App[Any], initial: WinDetail | None = None,
    done: Callable[[WinDetail | None], None] | None = None,
) -> None:
    """Open the form on `app` (new, or editing `initial`) saving through the app's store."""
    store = host(app).store
    repo = store.wins
    version = initial.version if initial else 0

    def save(draft: WinDraft, force: bool) -> WinDetail:
        if initial is None:
            return repo.create(draft)
        expected = repo.get(initial.id).version if force else version
        return repo.update(initial.id, draft, expected)

    def closed(saved: WinDetail | None) -> None:
        if saved is not None:
            verb = "Added to your confidence file" if initial is None else "Saved"
            notify(app, f"{verb}: {saved.title}")
        if done is not None:
            done(saved)

    app.push_screen(WinForm(save, form_check(app), repo.all_tags(), initial), closed)

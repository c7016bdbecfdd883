"""A hypothesis pass over every form's validation in the store (issue 6).

Any text (control characters, bidi overrides, markup, escape sequences), any ints, any dates:
validation either raises ValidationError naming fields, or returns a cleaned value; and what is
accepted and saved through the repository reads back exactly as validation returned it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounceback.clock import FixedClock
from bounceback.clock import today as local_today
from bounceback.domain import FeedbackStatus, RejectionKind, Stage, WinCategory
from bounceback.playbook.goals import rrule_problem
from bounceback.sanitize import clean_text
from bounceback.store.db import Store
from bounceback.store.drafts import FLOW_STEPS, ApplicationDraft, validate_changes
from bounceback.store.errors import ValidationError
from bounceback.store.goals import GoalDraft
from bounceback.store.wins import WinDraft

SETTINGS = settings(max_examples=150, deadline=None)
NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
TODAY = NOW.date()

PIECES = (
    "[/]", "[bold]x", "[@click=app.quit]x[/]", "\x1b[2J", "\x1b]0;title\x07", "\u202eevil",
    "\u2066iso\u2069", "\x00", "\r\n", "\t", "\x9b31m", "🚀", "e\u0301", " ", "\n",
)
texts = st.lists(
    st.one_of(st.text(max_size=40), st.sampled_from(PIECES)), max_size=12
).map("".join)
long_texts = st.one_of(texts, st.text(alphabet="ab \n", min_size=150, max_size=600))
dates = st.one_of(st.none(), st.dates())
ints = st.integers()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for every example (hypothesis runs many examples per test function)."""
    path: Path = tmp_path_factory.mktemp("props") / "b.db"
    s = Store.open(path, FixedClock(NOW))
    yield s
    s.close()


def fields_named(error: ValidationError, allowed: set[str]) -> None:
    assert error.errors, "a ValidationError must name at least one field"
    assert set(error.errors) <= allowed, error.errors
    assert all(isinstance(m, str) and m for m in error.errors.values())


def assert_clean(*values: str) -> None:
    """What validation returns is already clean: cleaning it again changes nothing."""
    for v in values:
        assert clean_text(v) == v


# ---- applications ----------------------------------------------------------------------------


@SETTINGS
@given(
    company=texts, role=texts, location=texts, url=texts, source=texts, contact_name=texts,
    contact_email=st.one_of(texts, st.emails()), applied_on=dates, next_action=texts,
    next_action_on=dates, description=long_texts, notes=long_texts,
    stage=st.sampled_from(list(Stage)),
)
def test_application_draft(store: Store, **kw: Any) -> None:
    draft = ApplicationDraft(**kw)
    today = local_today(store.clock)  # the store refuses an applied-on date after today
    try:
        accepted = draft.validated(today)
    except ValidationError as exc:
        fields_named(exc, set(ApplicationDraft.CAPS) | {"applied_on", "next_action_on"})
        return
    assert accepted.validated(today) == accepted  # idempotent
    for name in ApplicationDraft.CAPS:
        value = getattr(accepted, name)
        assert_clean(value)
        if ApplicationDraft.CAPS[name][2]:
            assert "\n" not in value and value == value.strip()
    created = store.applications.create(draft)
    # a new application gets defaults for blank dates and next action (by design): compare the
    # rest, then save the same draft as an edit, which stores exactly what was accepted
    for name in ApplicationDraft.CAPS:
        if name != "next_action" or accepted.next_action:
            assert getattr(created, name) == getattr(accepted, name), name
    assert created.stage is accepted.stage
    edited = store.applications.update(created.id, draft, created.version)
    saved = store.applications.get(edited.id)
    for name in (*ApplicationDraft.CAPS, "applied_on", "next_action_on"):
        assert getattr(saved, name) == getattr(accepted, name), name


# ---- rejections ------------------------------------------------------------------------------


rejection_changes = st.fixed_dictionaries(
    {},
    optional={
        "company": texts, "role": texts, "feeling_note": long_texts,
        "kind_override_reason": texts, "lessons": long_texts, "next_steps": long_texts,
        "feedback_text": long_texts,
        "feelings": st.lists(texts, max_size=12), "causes": st.lists(texts, max_size=5),
        "out_of_control": st.lists(texts, max_size=5),
        "intensity_before": st.one_of(st.none(), ints),
        "intensity_after": st.one_of(st.none(), ints),
        "kind": st.sampled_from(list(RejectionKind)),
        "feedback_status": st.sampled_from(list(FeedbackStatus)),
        "stage_reached": st.sampled_from(list(Stage)),
        "flow_step": st.sampled_from(FLOW_STEPS),
        "feedback_asked_on": dates, "received_on": st.dates(),
    },
)


@SETTINGS
@given(changes=rejection_changes)
def test_rejection_changes(store: Store, changes: dict[str, Any]) -> None:
    try:
        clean = validate_changes(changes)
    except ValidationError as exc:
        fields_named(exc, set(changes))
        return
    assert set(clean) == set(changes)
    for name, value in clean.items():
        if isinstance(value, str):
            assert_clean(value)
        elif isinstance(value, list):
            assert all(v and v == v.strip() for v in value), (name, value)
            assert_clean(*value)
    case = store.rejections.log_untracked("Initech", "QA", Stage.APPLIED, RejectionKind.EARLY)
    store.rejections.update(case.id, case.version, **changes)
    saved = store.rejections.get(case.id)
    for name, value in clean.items():
        expected = tuple(value) if isinstance(value, list) else value
        assert getattr(saved, name) == expected, name


# ---- wins ------------------------------------------------------------------------------------


@SETTINGS
@given(
    title=texts, category=st.sampled_from(list(WinCategory)), happened_on=dates, impact=texts,
    tags=st.lists(texts, max_size=25).map(tuple), story=long_texts,
)
def test_win_draft(store: Store, **kw: Any) -> None:
    draft = WinDraft(**kw)
    try:
        accepted = draft.validated(TODAY)
    except ValidationError as exc:
        fields_named(exc, {"title", "impact", "story", "tags", "happened_on"})
        return
    assert accepted.validated(TODAY) == accepted
    assert_clean(accepted.title, accepted.impact, accepted.story, *accepted.tags)
    assert all(t and "," not in t for t in accepted.tags)
    saved = store.wins.get(store.wins.create(draft).id)
    for name in ("title", "category", "happened_on", "impact", "tags", "story"):
        assert getattr(saved, name) == getattr(accepted, name), name


# ---- goals -----------------------------------------------------------------------------------


@SETTINGS
@given(
    title=texts, target=ints, unit=texts,
    rrule=st.one_of(texts, st.sampled_from(
        ["FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", " FREQ=DAILY;INTERVAL=2 ",
         "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=YEARLY;COUNT=0", "FREQ=[bold]"]
    )),
)
def test_goal_draft(store: Store, **kw: Any) -> None:
    draft = GoalDraft(**kw)
    try:
        accepted = draft.validated(rrule_problem)
    except ValidationError as exc:
        fields_named(exc, {"title", "target", "unit", "rrule"})
        return
    assert accepted.validated(rrule_problem) == accepted
    assert_clean(accepted.title, accepted.unit, accepted.rrule)
    saved = store.goals.get(store.goals.create(draft, rrule_problem).id)
    for name in ("title", "target", "unit", "rrule", "auto_source"):
        assert getattr(saved, name) == getattr(accepted, name), name


# ---- the daily check-in ----------------------------------------------------------------------


@SETTINGS
@given(mood=st.one_of(st.none(), ints), control=texts, note=long_texts)
def test_checkin_save(store: Store, mood: int | None, control: str, note: str) -> None:
    before = store.checkins.today()
    try:
        saved = store.checkins.save(TODAY, mood=mood, control=control, note=note)
    except ValidationError as exc:
        fields_named(exc, {"mood", "control", "note"})
        assert store.checkins.today() == before  # a refused save changes nothing
        return
    expected_control = clean_text(control, single_line=True).strip()
    assert (saved.mood, saved.control, saved.note) == (mood, expected_control, clean_text(note))
    again = store.checkins.today()
    assert again is not None
    assert (again.mood, again.control, again.note) == (saved.mood, saved.control, saved.note)


@SETTINGS
@given(day=st.dates().filter(lambda d: d != TODAY), note=texts)
def test_checkin_for_another_day_is_refused(store: Store, day: date, note: str) -> None:
    with pytest.raises(ValidationError) as info:
        store.checkins.save(day, note=note)
    assert set(info.value.errors) == {"day"}

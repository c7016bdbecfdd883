"""Wins, strengths and help given: the repositories, on a fixed clock (Wed 2026-11-25)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bounceback.clock import FixedClock
from bounceback.domain import HelpKind, StrengthKind, WinCategory
from bounceback.playbook.wins import pick_wins
from bounceback.store.db import Store
from bounceback.store.errors import ConflictError, NotFoundError, ValidationError
from bounceback.store.help_acts import HelpDraft, week_start
from bounceback.store.wins import WinDraft, parse_tags, tag_ranking, win_fold

TODAY = date(2026, 11, 25)  # the store fixture's clock: a Wednesday
HOSTILE = ("[/]", "[bold]x", "[@click=app.quit]x[/]", "🚀 emoji", "Acme [remote]", "[$accent]")
BASE = WinDraft(title="Cut build time", category=WinCategory.SHIPPED, impact="40% faster",
                tags=("ci", "python"), story="Split the suite.\nCached deps.")


def errors_of(draft: WinDraft) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        draft.validated(TODAY)
    return info.value.errors


# ---- wins: validation ------------------------------------------------------------------------


def test_title_is_required_and_every_cap_is_named_with_its_length() -> None:
    assert errors_of(replace(BASE, title="   ")) == {"title": "A title is required."}
    errors = errors_of(replace(BASE, title="x" * 201, impact="y" * 501, story="z" * 200_001))
    assert errors == {
        "title": "Title is 201 characters; the limit is 200.",
        "impact": "Impact is 501 characters; the limit is 500.",
        "story": "Story is 200,001 characters; the limit is 200,000.",
    }


def test_tags_are_tidied_and_capped() -> None:
    draft = replace(BASE, tags=parse_tags(" Python , ci,, python,  team   lead ,")).validated(TODAY)
    assert draft.tags == ("Python", "ci", "team lead")  # first spelling of a duplicate wins
    assert errors_of(replace(BASE, tags=("x" * 51,))) == {
        "tags": "A tag is 51 characters; the limit is 50."}
    assert errors_of(replace(BASE, tags=tuple(f"t{n}" for n in range(21)))) == {
        "tags": "That is 21 tags; the limit is 20."}


def test_dates_in_the_future_or_out_of_range_are_refused() -> None:
    assert replace(BASE, happened_on=TODAY).validated(TODAY).happened_on == TODAY
    assert "future" in errors_of(replace(BASE, happened_on=TODAY + timedelta(days=1)))[
        "happened_on"]
    assert errors_of(replace(BASE, happened_on=date(1900, 1, 1)))["happened_on"] == (
        "The date must be between 1970 and 2100.")


def test_control_characters_are_stripped_and_single_lines_flattened(store: Store) -> None:
    win = store.wins.create(replace(BASE, title="Ship\x1b[2J it\nnow", impact="a\tb",
                                    story="line 1\r\nline 2\x07"))
    assert (win.title, win.impact, win.story) == ("Ship[2J it now", "a b", "line 1\nline 2")


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_like_text_is_stored_exactly(store: Store, text: str) -> None:
    win = store.wins.create(WinDraft(title=text, story=text, impact=text, tags=(text,)))
    got = store.wins.get(win.id)
    assert (got.title, got.story, got.impact, got.tags) == (text, text, text, (text,))
    assert store.wins.rows()[0].title == text


# ---- wins: catalog ---------------------------------------------------------------------------


def test_rows_are_pinned_first_then_newest_with_undated_ones_by_entry(
    store: Store, clock: FixedClock
) -> None:
    old = store.wins.create(replace(BASE, title="old", happened_on=date(2020, 1, 1)))
    new = store.wins.create(replace(BASE, title="new", happened_on=date(2026, 6, 1)))
    undated = store.wins.create(replace(BASE, title="undated"))  # entered today
    pinned = store.wins.create(replace(BASE, title="pinned", happened_on=date(2019, 1, 1)))
    store.wins.set_pinned(pinned.id, True)
    assert [r.title for r in store.wins.rows()] == ["pinned", "undated", "new", "old"]
    assert [r.id for r in store.wins.rows()] == [pinned.id, undated.id, new.id, old.id]


def test_update_saves_refolds_and_a_stale_version_is_a_conflict(store: Store) -> None:
    created = store.wins.create(BASE)
    theirs = store.wins.update(created.id, replace(BASE, story="Theirs: mentioned Kubernetes"),
                               created.version)
    assert theirs.version == created.version + 1
    assert "kubernetes" in store.wins.row(created.id).search_fold
    with pytest.raises(ConflictError):
        store.wins.update(created.id, replace(BASE, story="mine"), created.version)
    assert store.wins.get(created.id) == theirs


def test_search_fold_covers_title_story_impact_and_tags(store: Store) -> None:
    win = store.wins.create(replace(BASE, title="Led ÉQUIPE", tags=("Mentoring",)))
    fold = store.wins.row(win.id).search_fold
    assert fold == win_fold("Led ÉQUIPE", BASE.story, BASE.impact, ("Mentoring",))
    for word in ("équipe", "cached deps", "40% faster", "mentoring"):
        assert word in fold


def test_pin_toggles_and_changes_the_fingerprint(store: Store) -> None:
    win = store.wins.create(BASE)
    before = store.wins.fingerprint()
    assert store.wins.set_pinned(win.id, True).pinned
    assert store.wins.fingerprint() != before
    assert store.wins.row(win.id).pinned
    assert not store.wins.set_pinned(win.id, False).pinned


def test_delete_hides_and_restore_brings_back_exactly(store: Store) -> None:
    win = store.wins.create(BASE)
    before = store.wins.fingerprint()
    store.wins.delete(win.id)
    assert store.wins.rows() == []
    assert store.wins.fingerprint() != before
    with pytest.raises(NotFoundError):
        store.wins.get(win.id)
    with pytest.raises(NotFoundError):
        store.wins.set_pinned(win.id, True)
    restored = store.wins.restore(win.id)
    assert (restored.title, restored.story, restored.tags) == (win.title, win.story, win.tags)
    assert [r.id for r in store.wins.rows()] == [win.id]
    with pytest.raises(NotFoundError):
        store.wins.restore(999)


def test_all_tags_most_used_first_then_a_to_z_without_deleted_wins(store: Store) -> None:
    store.wins.create(replace(BASE, tags=("python", "ci")))
    store.wins.create(replace(BASE, tags=("Python", "leadership")))
    gone = store.wins.create(replace(BASE, tags=("secret",)))
    store.wins.delete(gone.id)
    assert store.wins.all_tags() == ["python", "ci", "leadership"]
    assert tag_ranking([("b",), ("a",), ("b", "c")]) == ["b", "a", "c"]


# ---- wins: the picks -------------------------------------------------------------------------


def test_show_puts_pinned_first_then_rotates_the_least_recently_shown(
    store: Store, clock: FixedClock
) -> None:
    ids = [store.wins.create(replace(BASE, title=f"win {n}")).id for n in range(5)]
    store.wins.set_pinned(ids[4], True)
    store.wins.delete(ids[3])  # never shown once deleted
    seen = []
    for _ in range(3):
        seen.append([c.id for c in store.wins.show(pick_wins, 2)])
        clock.advance(60)
    assert seen[0] == [ids[4], ids[0]]
    assert seen[1] == [ids[4], ids[1]]  # the pinned one stays; the rest take turns
    assert seen[2] == [ids[4], ids[2]]
    cards = store.wins.show(pick_wins, 3)
    assert cards[0].pinned and cards[0].title == "win 4"
    assert ids[3] not in [c.id for c in cards]


def test_quick_add_is_searchable_and_listed(store: Store) -> None:
    card = store.wins.quick_add("  Untangled the release  ")
    (row,) = store.wins.rows()
    assert (row.id, row.title, row.category) == (card.id, "Untangled the release",
                                                 WinCategory.SOLVED)
    assert "untangled" in row.search_fold
    with pytest.raises(ValidationError):
        store.wins.quick_add("   ")


# ---- strengths -------------------------------------------------------------------------------


def test_strengths_add_edit_delete_and_undo_at_the_same_place(store: Store) -> None:
    a = store.strengths.add("Explaining clearly", StrengthKind.SKILL)
    b = store.strengths.add("Patient", StrengthKind.QUALITY)
    c = store.strengths.add("Debugging", StrengthKind.SKILL)
    assert [s.text for s in store.strengths.all()] == [
        "Explaining clearly", "Debugging", "Patient"]  # grouped by kind, skills first
    store.strengths.edit(a.id, "  Explaining hard things simply ")
    assert store.strengths.all()[0].text == "Explaining hard things simply"
    removed = store.strengths.delete(a.id)
    assert [s.id for s in store.strengths.all()] == [c.id, b.id]
    store.strengths.add(removed.text, removed.kind, removed.position)
    assert [s.text for s in store.strengths.all()][:2] == [
        "Explaining hard things simply", "Debugging"]
    with pytest.raises(NotFoundError):
        store.strengths.edit(a.id, "x")


def test_strengths_reorder_within_their_kind(store: Store) -> None:
    ids = [store.strengths.add(t, StrengthKind.VALUE).id for t in ("one", "two", "three")]
    store.strengths.add("skill", StrengthKind.SKILL)
    store.strengths.reorder(ids[2], -1)
    assert [s.text for s in store.strengths.all()] == ["skill", "one", "three", "two"]
    store.strengths.reorder(ids[2], -5)  # clamps at the top of its kind
    assert [s.text for s in store.strengths.all()] == ["skill", "three", "one", "two"]


def test_strength_text_is_required_and_capped(store: Store) -> None:
    with pytest.raises(ValidationError) as info:
        store.strengths.add("  ", StrengthKind.SKILL)
    assert info.value.errors == {"text": "A strength is required."}
    with pytest.raises(ValidationError) as info:
        store.strengths.add("x" * 301, StrengthKind.SKILL)
    assert info.value.errors == {"text": "A strength is 301 characters; the limit is 300."}
    assert store.strengths.add("[@click=app.quit]x[/]", StrengthKind.VALUE).text == (
        "[@click=app.quit]x[/]")


# ---- help given ------------------------------------------------------------------------------


def test_help_log_defaults_to_today_and_refuses_the_future(store: Store) -> None:
    act = store.help.log(HelpDraft(who=" Sam ", what="Mock interview\n", kind=HelpKind.MENTORING))
    assert (act.who, act.what, act.happened_on) == ("Sam", "Mock interview", TODAY)
    with pytest.raises(ValidationError) as info:
        store.help.log(HelpDraft(who="Sam", happened_on=TODAY + timedelta(days=1)))
    assert "future" in info.value.errors["happened_on"]
    with pytest.raises(ValidationError) as info:
        store.help.log(HelpDraft(who="", what="x" * 20_001))
    assert set(info.value.errors) == {"who", "what"}


def test_help_counts_this_week_and_this_month_by_the_clock(
    store: Store, clock: FixedClock
) -> None:
    for day in (date(2026, 11, 23),  # Monday: this week
                date(2026, 11, 25),  # today
                date(2026, 11, 22),  # Sunday: last week, this month
                date(2026, 11, 1),  # this month
                date(2026, 10, 31)):  # last month
        store.help.log(HelpDraft(who="x", happened_on=day))
    counts = store.help.counts()
    assert (counts.week, counts.month, counts.total) == (2, 4, 5)
    assert week_start(TODAY) == date(2026, 11, 23)
    clock.advance(6 * 86_400)  # Tuesday 2026-12-01: a new week and a new month
    counts = store.help.counts()
    assert (counts.week, counts.month, counts.total) == (0, 0, 5)


def test_help_update_delete_and_list_newest_first(store: Store) -> None:
    a = store.help.log(HelpDraft(who="Ana", happened_on=date(2026, 11, 2)))
    b = store.help.log(HelpDraft(who="Ben", happened_on=date(2026, 11, 20)))
    assert [x.who for x in store.help.all()] == ["Ben", "Ana"]
    fixed = store.help.update(a.id, HelpDraft(who="Ana P.", kind=HelpKind.REVIEW,
                                              happened_on=date(2026, 11, 21)))
    assert (fixed.who, fixed.kind) == ("Ana P.", HelpKind.REVIEW)
    assert [x.who for x in store.help.all()] == ["Ana P.", "Ben"]
    assert store.help.delete(b.id).who == "Ben"
    with pytest.raises(NotFoundError):
        store.help.get(b.id)

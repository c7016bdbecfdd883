"""Triage: kind from the stage history, stage reached, causes checklist, patterns."""

from __future__ import annotations

import itertools

import pytest

from bounceback.domain import RejectionKind, Stage
from bounceback.playbook.triage import (
    CAUSES_BY_KEY,
    KIND_SUMMARY,
    Cause,
    causes_for,
    classify,
    interview_rounds,
    judge,
    kind_headline,
    kind_label,
    pattern,
    stage_reached,
)

E, M, F = RejectionKind.EARLY, RejectionKind.MID, RejectionKind.FINAL
OFF_PATH = (Stage.REJECTED, Stage.WITHDRAWN, Stage.GHOSTED)


def _expected(stages: set[Stage]) -> RejectionKind:
    if stages & {Stage.FINAL_ROUND, Stage.OFFER, Stage.ACCEPTED}:
        return F
    if stages & {Stage.SCREENING, Stage.INTERVIEWING}:
        return M
    return E


# --- classify ---------------------------------------------------------------------------


@pytest.mark.parametrize("r", range(0, 4))
def test_classify_every_combination_of_stages(r: int) -> None:
    # Every subset of up to 3 stages (plus the empty one) against the rule table.
    for combo in itertools.combinations(list(Stage), r):
        assert classify(combo) is _expected(set(combo)), combo


@pytest.mark.parametrize(
    ("history", "kind"),
    [
        ([], E),
        ([Stage.SAVED], E),
        ([Stage.APPLIED, Stage.REJECTED], E),
        ([Stage.APPLIED, Stage.GHOSTED], E),
        ([Stage.APPLIED, Stage.WITHDRAWN], E),
        ([Stage.APPLIED, Stage.SCREENING, Stage.REJECTED], M),
        ([Stage.APPLIED, Stage.SCREENING, Stage.GHOSTED], M),
        ([Stage.APPLIED, Stage.INTERVIEWING, Stage.INTERVIEWING, Stage.REJECTED], M),
        ([Stage.APPLIED, Stage.SCREENING, Stage.FINAL_ROUND, Stage.REJECTED], F),
        ([Stage.APPLIED, Stage.FINAL_ROUND, Stage.WITHDRAWN], F),
        ([Stage.APPLIED, Stage.OFFER, Stage.REJECTED], F),
        ([Stage.OFFER, Stage.ACCEPTED, Stage.REJECTED], F),
        # Reopened after going quiet: how far it got still counts.
        ([Stage.APPLIED, Stage.GHOSTED, Stage.SCREENING, Stage.REJECTED], M),
    ],
)
def test_classify_real_histories(history: list[Stage], kind: RejectionKind) -> None:
    assert classify(history) is kind


@pytest.mark.parametrize(("history", "kind"), [
    ([Stage.APPLIED, Stage.INTERVIEWING, Stage.REJECTED], RejectionKind.MID),
    ([Stage.APPLIED, Stage.INTERVIEWING, Stage.INTERVIEWING, Stage.REJECTED], RejectionKind.FINAL),
    ([Stage.APPLIED, Stage.SCREENING, Stage.INTERVIEWING, Stage.INTERVIEWING,
      Stage.INTERVIEWING, Stage.REJECTED], RejectionKind.FINAL),
])
def test_two_interview_rounds_make_a_final_round_no(history: list[Stage],
                                                     kind: RejectionKind) -> None:
    """Several rounds mean the resume did its job: a "no" after them is about fit."""
    reached, rounds, judged = judge(history)
    assert judged is kind and rounds == history.count(Stage.INTERVIEWING)
    assert classify([reached], rounds) is kind


def test_classify_order_does_not_matter_and_accepts_iterators() -> None:
    history = [Stage.REJECTED, Stage.FINAL_ROUND, Stage.APPLIED]
    assert classify(iter(history)) is F
    assert classify(reversed(history)) is F


# --- stage_reached / interview_rounds ------------------------------------------------------


@pytest.mark.parametrize(
    ("history", "stage"),
    [
        ([], Stage.APPLIED),
        ([Stage.SAVED], Stage.APPLIED),
        ([Stage.SAVED, Stage.REJECTED], Stage.APPLIED),
        ([Stage.REJECTED], Stage.APPLIED),
        ([Stage.APPLIED, Stage.SCREENING, Stage.REJECTED], Stage.SCREENING),
        ([Stage.APPLIED, Stage.INTERVIEWING, Stage.GHOSTED, Stage.REJECTED], Stage.INTERVIEWING),
        ([Stage.APPLIED, Stage.FINAL_ROUND, Stage.WITHDRAWN], Stage.FINAL_ROUND),
        ([Stage.APPLIED, Stage.OFFER, Stage.REJECTED], Stage.OFFER),
        ([Stage.OFFER, Stage.ACCEPTED, Stage.REJECTED], Stage.ACCEPTED),
        # Out of order events still give the furthest stage.
        ([Stage.INTERVIEWING, Stage.SCREENING, Stage.REJECTED], Stage.INTERVIEWING),
    ],
)
def test_stage_reached(history: list[Stage], stage: Stage) -> None:
    assert stage_reached(history) is stage


def test_stage_reached_ignores_what_came_after_the_last_rejection() -> None:
    history = [Stage.APPLIED, Stage.REJECTED, Stage.APPLIED, Stage.SCREENING, Stage.REJECTED]
    assert stage_reached(history) is Stage.SCREENING
    reopened = [Stage.APPLIED, Stage.SCREENING, Stage.REJECTED, Stage.FINAL_ROUND]
    assert stage_reached(reopened) is Stage.SCREENING


def test_stage_reached_never_returns_an_off_path_stage() -> None:
    for combo in itertools.product(list(Stage), repeat=3):
        assert stage_reached(combo) not in OFF_PATH


def test_classify_agrees_with_stage_reached() -> None:
    for combo in itertools.product(list(Stage), repeat=2):
        history = [*combo, Stage.REJECTED]
        assert classify([stage_reached(history)]) is classify(history)


def test_interview_rounds_counts_interviewing_events_only() -> None:
    assert interview_rounds([]) == 0
    assert interview_rounds([Stage.APPLIED, Stage.SCREENING, Stage.REJECTED]) == 0
    history = [Stage.SCREENING, Stage.INTERVIEWING, Stage.INTERVIEWING, Stage.FINAL_ROUND]
    assert interview_rounds(history) == 2


# --- summaries and causes ------------------------------------------------------------------


def test_every_kind_has_a_summary_in_plain_words_first() -> None:
    assert set(KIND_SUMMARY) == set(RejectionKind)
    assert KIND_SUMMARY[E].title == "The resume didn't get you seen"
    assert KIND_SUMMARY[E].gloss == "a marketing problem"
    assert KIND_SUMMARY[F].gloss == "a product-fit problem"
    assert kind_headline(E) == "The resume didn't get you seen (a marketing problem)"
    jargon = ("marketing", "product-fit", "conversation problem", "early", "mid", "final")
    for kind, summary in KIND_SUMMARY.items():
        assert summary.title and summary.explanation and summary.gloss
        assert summary.explanation.count(".") <= 2  # one or two sentences
        # the words every screen shows carry no recruiting jargon; the gloss may
        assert kind_label(kind) == summary.label and len(summary.label) <= 20
        assert not any(word in f"{summary.label} {summary.title}".lower() for word in jargon)


def test_every_kind_has_causes_with_fixes_and_some_out_of_control() -> None:
    for kind in RejectionKind:
        causes = causes_for(kind)
        assert len(causes) >= 4
        assert all(isinstance(c, Cause) and c.label and c.fix for c in causes)
        assert any(c.out_of_control for c in causes)
        assert any(not c.out_of_control for c in causes)
        # Controllable causes come first: they are where effort pays.
        flags = [c.out_of_control for c in causes]
        assert flags == sorted(flags)


def test_cause_keys_are_unique_and_stable() -> None:
    keys = [c.key for kind in RejectionKind for c in causes_for(kind)]
    assert len(keys) == len(set(keys)) == len(CAUSES_BY_KEY)
    # Stored in the database: renaming any of these would orphan saved checklists.
    assert {
        "ats_parsing",
        "keywords_missing",
        "not_tailored",
        "duties_not_results",
        "applied_late",
        "high_volume",
    } <= {c.key for c in causes_for(E)}
    assert {"story_not_landing", "salary_mismatch", "skills_gap"} <= {c.key for c in causes_for(M)}
    assert {
        "interview_answers",
        "team_chemistry",
        "internal_candidate",
        "budget_cut",
        "more_domain_experience",
    } <= {c.key for c in causes_for(F)}
    assert CAUSES_BY_KEY["internal_candidate"].out_of_control
    assert not CAUSES_BY_KEY["keywords_missing"].out_of_control


# --- pattern -------------------------------------------------------------------------------


def test_pattern_needs_minimum() -> None:
    assert pattern([E, E, E]) is None  # minimum - 1
    found = pattern([E, E, E, E])  # exactly minimum
    assert found is not None and found.dominant is E and found.total == 4
    assert pattern([], minimum=1) is None
    assert pattern([M], minimum=1) is not None


def test_pattern_uses_only_the_newest_window() -> None:
    kinds = [E] * 6 + [M] * 2 + [F] * 10  # newest first; the F's are older than the window
    found = pattern(kinds)
    assert found is not None
    assert found.total == 8
    assert dict(found.counts) == {E: 6, M: 2, F: 0}
    assert found.dominant is E
    assert found.message.startswith("6 of the last 8 ended before any interview")
    assert "materials" in found.message


def test_exactly_half_is_not_a_majority() -> None:
    found = pattern([E, E, E, E, M, M, F, F])
    assert found is not None and found.dominant is None
    assert "4 before an interview, 2 at screening or interviews, 2 at the final round" in (
        found.message
    )
    two_way_tie = pattern([F, F, M, M])
    assert two_way_tie is not None and two_way_tie.dominant is None


def test_just_over_half_is_a_majority() -> None:
    found = pattern([M, M, M, E, F])
    assert found is not None and found.dominant is M
    assert found.message.startswith("3 of the last 5")


def test_final_pattern_mentions_luck_and_feedback() -> None:
    found = pattern([F, F, F, M])
    assert found is not None and found.dominant is F
    assert "luck" in found.message and "feedback" in found.message


def test_pattern_counts_cover_every_kind() -> None:
    found = pattern([M, M, M, M])
    assert found is not None
    assert dict(found.counts) == {E: 0, M: 4, F: 0}


def test_pattern_rejects_nonsense_settings() -> None:
    with pytest.raises(ValueError):
        pattern([E] * 8, window=0)
    with pytest.raises(ValueError):
        pattern([E] * 8, minimum=0)


def test_pattern_never_claims_more_than_the_window_allows() -> None:
    # A window smaller than the minimum can never produce a pattern.
    assert pattern([E] * 20, window=3, minimum=4) is None


def test_the_causes_that_leave_the_door_open() -> None:
    from bounceback.playbook.triage import check_back_action, door_open_causes

    keys = ["budget_cut", "interview_answers", "internal_candidate", "role_changed"]
    assert [c.key for c in door_open_causes(keys)] == ["role_changed", "internal_candidate",
                                                       "budget_cut"]
    assert door_open_causes(["interview_answers", "unknown"]) == []
    assert check_back_action(" Acme\n Corp ", door_open_causes(["budget_cut"])) == \
        "Check back with Acme Corp (budget cut or headcount freeze)"
    assert check_back_action("", []) == "Check back with them"

"""Every enum that names something on screen carries its label beside it in the domain."""

from __future__ import annotations

from enum import StrEnum

import pytest

from bounceback.domain import (
    BounceStep,
    FeedbackStatus,
    GoalSource,
    HelpKind,
    Stage,
    StrengthKind,
    WinCategory,
)

LABELLED: tuple[type[StrEnum], ...] = (
    Stage, FeedbackStatus, WinCategory, StrengthKind, HelpKind, GoalSource, BounceStep)


@pytest.mark.parametrize("enum", LABELLED, ids=lambda e: e.__name__)
def test_every_member_has_a_label(enum: type[StrEnum]) -> None:
    labels = [member.label for member in enum]  # type: ignore[attr-defined]
    assert all(isinstance(label, str) and label.strip() for label in labels)
    assert len(set(labels)) == len(labels)  # no two members read the same


def test_labels_read_as_before() -> None:
    assert Stage.FINAL_ROUND.label == "final round"
    assert FeedbackStatus.NO_REPLY.label == "no reply"
    assert WinCategory.LED.label == "led a project"
    assert (StrengthKind.QUALITY.label, StrengthKind.QUALITY.heading) == ("quality", "Qualities")
    assert HelpKind.REVIEW.label == "a review (resume, code, portfolio…)"
    assert GoalSource.WINS.label == "wins written down"
    assert BounceStep.WALLOW.label == "Wallow window"

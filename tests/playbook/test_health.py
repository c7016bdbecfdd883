"""Pipeline health: active applications against the user's minimum."""

from __future__ import annotations

from bounceback.playbook.health import HealthLevel, pipeline_health


def test_below_minimum_is_low_with_the_shortfall() -> None:
    health = pipeline_health(3, 5)
    assert health.level is HealthLevel.LOW
    assert health.shortfall == 2
    assert health.message == "3 active — 2 below your minimum of 5: send the saved ones next."


def test_one_below_minimum_is_low_and_at_minimum_is_ok() -> None:
    assert pipeline_health(4, 5).level is HealthLevel.LOW
    at = pipeline_health(5, 5)
    assert at.level is HealthLevel.OK and at.shortfall == 0
    assert "minimum of 5" in at.message
    assert pipeline_health(9, 5).level is HealthLevel.OK


def test_nothing_active_is_empty() -> None:
    health = pipeline_health(0, 5)
    assert health.level is HealthLevel.EMPTY
    assert health.shortfall == 5
    assert "minimum is 5" in health.message


def test_advice_depends_on_saved_applications() -> None:
    assert "saved ones" in pipeline_health(2, 5, saved_count=3).message
    assert "find a few roles" in pipeline_health(2, 5, saved_count=0).message
    assert "find a few roles" in pipeline_health(0, 5, saved_count=0).message


def test_minimum_of_zero_turns_the_check_off() -> None:
    health = pipeline_health(0, 0)
    assert health.level is HealthLevel.OK
    assert health.message == "0 active."


def test_negative_inputs_are_clamped() -> None:
    health = pipeline_health(-2, -1)
    assert (health.active, health.minimum, health.shortfall) == (0, 0, 0)

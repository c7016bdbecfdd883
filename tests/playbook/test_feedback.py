"""Feedback: the request email, the subject line, and what the case offers next."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bounceback.domain import FEEDBACK_STATUS_LABELS, FeedbackStatus, RejectionKind
from bounceback.playbook.feedback import (
    FeedbackAction,
    feedback_email,
    feedback_state,
    greeting_name,
    subject_line,
)

ARTICLE_PHRASES = (
    "professional development",
    "better positioned",
    "all the best",
    "Best regards",
    "While I'm disappointed",
    "opportunity to interview",
)


def test_email_fills_names() -> None:
    text = feedback_email("Dana Okafor", "Data Analyst", "Acme", sender="Sam Lee")
    assert text.startswith("Hello Dana,\n")  # the first name when one is known
    assert "the Data Analyst role at Acme" in text
    assert text.rstrip().endswith("Kind regards,\nSam Lee")


@pytest.mark.parametrize(("typed", "greeted"), [
    ("Dana Okafor", "Dana"), ("Dana", "Dana"), ("Dr. Okafor", "Dr. Okafor"),
    ("dr Chen Wei", "dr Chen Wei"), ("Ms Lee", "Ms Lee"), ("  Ana  María  Ruiz ", "Ana"),
    ("", ""), ("  ", ""),
])
def test_the_greeting_uses_the_first_name_but_keeps_a_title(typed: str, greeted: str) -> None:
    assert greeting_name(typed) == greeted


def test_every_part_of_a_good_request_is_there_for_each_kind() -> None:
    for kind in RejectionKind:
        text = feedback_email("Dana Okafor", "Data Analyst", "Acme", "Sam Lee", kind)
        assert "Thank you for letting me know" in text  # thanks
        assert "stings" in text and "grateful for a clear answer" in text  # honest, grateful
        assert "getting better" in text  # growth, not a challenge
        assert "I wish you and the team every success" in text  # a wish for the team
        assert text.endswith("Kind regards,\nSam Lee\n")  # signed
    early = feedback_email("Dana", "Analyst", "Acme", kind=RejectionKind.EARLY)
    assert "consider my application" in early and "on my application" in early
    assert "interview" not in early and "conversation" not in early
    final = feedback_email("Dana", "Analyst", "Acme", kind=RejectionKind.FINAL)
    assert "in the interviews" in final and "stronger fit" in final
    mid = feedback_email("Dana", "Analyst", "Acme", kind=RejectionKind.MID)
    assert "in our conversations" in mid


def test_email_neutral_greeting_when_name_blank() -> None:
    for blank in ("", "   ", "\n\t"):
        assert feedback_email(blank, "Designer", "Initech").startswith("Hello,\n")


def test_email_without_sender_ends_on_the_closing() -> None:
    assert feedback_email("Dana", "Designer", "Initech").rstrip().endswith("Kind regards,")


@pytest.mark.parametrize(
    ("role", "company", "phrase"),
    [
        ("Designer", "", "the Designer role,"),
        ("", "Initech", "the role at Initech,"),
        ("", "", "the role,"),
    ],
)
def test_email_reads_well_with_missing_role_or_company(
    role: str, company: str, phrase: str
) -> None:
    assert phrase in feedback_email("Dana", role, company)


def test_user_text_is_never_interpreted() -> None:
    weird = "{role} %s {0} {{x}} $name"
    text = feedback_email(weird, weird, weird, sender=weird)
    assert text.count(weird) == 3 and text.startswith("Hello {role},")  # first word greets
    assert subject_line(weird, weird) == f"Thank you — {weird} at {weird}"


def test_pasted_newlines_are_tidied_to_one_line() -> None:
    text = feedback_email("Dr.\n  Okafor", "Data\nAnalyst", " Acme ")
    assert text.startswith("Hello Dr. Okafor,\n")
    assert "the Data Analyst role at Acme," in text


def test_email_is_short_polite_and_our_own_words() -> None:
    text = feedback_email("Dana", "Data Analyst", "Acme")
    assert len(text.split()) < 120
    assert "thank you" in text.lower()
    for phrase in ARTICLE_PHRASES:
        assert phrase.lower() not in text.lower()
    for demanding in ("why", "explain", "reconsider", "must", "demand", "unfair"):
        assert demanding not in text.lower().split()


def test_subject_line() -> None:
    assert subject_line("Data Analyst", "Acme") == "Thank you — Data Analyst at Acme"
    assert subject_line("Data Analyst", "") == "Thank you — Data Analyst"
    assert subject_line("", "Acme") == "Thank you — Acme"
    assert subject_line(" ", "") == "Thank you for letting me know"
    assert "\n" not in subject_line("A\nB", "C\nD")


# --- feedback_state -----------------------------------------------------------------------

TODAY = date(2026, 11, 20)


def test_not_asked_offers_ask() -> None:
    assert feedback_state(FeedbackStatus.NOT_ASKED, None, TODAY, 14) == "ask"


def test_let_go_offer_appears_exactly_on_let_go_days() -> None:
    asked = TODAY - timedelta(days=13)
    assert feedback_state(FeedbackStatus.ASKED, asked, TODAY, 14) is FeedbackAction.WAITING
    asked = TODAY - timedelta(days=14)
    assert feedback_state(FeedbackStatus.ASKED, asked, TODAY, 14) is FeedbackAction.LET_GO_OFFER
    asked = TODAY - timedelta(days=400)
    assert feedback_state(FeedbackStatus.ASKED, asked, TODAY, 14) == "let_go_offer"


def test_asked_today_or_in_the_future_is_waiting() -> None:
    assert feedback_state(FeedbackStatus.ASKED, TODAY, TODAY, 14) == "waiting"
    future = TODAY + timedelta(days=3)
    assert feedback_state(FeedbackStatus.ASKED, future, TODAY, 14) == "waiting"


def test_asked_without_a_date_keeps_waiting() -> None:
    assert feedback_state(FeedbackStatus.ASKED, None, TODAY, 14) == "waiting"


def test_zero_let_go_days_offers_at_once() -> None:
    assert feedback_state(FeedbackStatus.ASKED, TODAY, TODAY, 0) == "let_go_offer"


def test_no_reply_offers_let_go_and_finished_states_close() -> None:
    assert feedback_state(FeedbackStatus.NO_REPLY, None, TODAY, 14) == "let_go_offer"
    assert feedback_state(FeedbackStatus.RECEIVED, TODAY, TODAY, 14) == "closed"
    assert feedback_state(FeedbackStatus.LET_GO, TODAY, TODAY, 14) == "closed"


def test_never_offers_a_second_ask() -> None:
    offered = {
        feedback_state(status, TODAY - timedelta(days=d), TODAY, 14)
        for status in FeedbackStatus
        for d in range(0, 60)
    }
    assert offered <= {"ask", "waiting", "let_go_offer", "closed"}
    for status in FeedbackStatus:
        if status is not FeedbackStatus.NOT_ASKED:
            for d in range(0, 60):
                assert feedback_state(status, TODAY - timedelta(days=d), TODAY, 14) != "ask"


def test_negative_let_go_days_is_an_error() -> None:
    with pytest.raises(ValueError):
        feedback_state(FeedbackStatus.ASKED, TODAY, TODAY, -1)


def test_every_status_has_a_label() -> None:
    assert set(FEEDBACK_STATUS_LABELS) == set(FeedbackStatus)
    assert FEEDBACK_STATUS_LABELS[FeedbackStatus.NO_REPLY] == "no reply"

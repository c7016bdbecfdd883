"""The one polite feedback request: the email text, and what the case offers next."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from bounceback.domain import FeedbackStatus


def _one_line(text: str) -> str:
    # A pasted name or role may carry newlines or double spaces; an email header and a
    # greeting need one tidy line. Nothing else about the text is touched or interpreted.
    return " ".join(text.split())


def _position(role: str, company: str) -> str:
    role, company = _one_line(role), _one_line(company)
    if role and company:
        return f"the {role} role at {company}"
    if role:
        return f"the {role} role"
    if company:
        return f"the role at {company}"
    return "the role"


def subject_line(role: str, company: str) -> str:
    """A calm subject line naming the role and company when they are known."""
    role, company = _one_line(role), _one_line(company)
    if role and company:
        return f"Thank you — {role} at {company}"
    if role or company:
        return f"Thank you — {role or company}"
    return "Thank you for letting me know"


def feedback_email(contact_name: str, role: str, company: str, sender: str = "") -> str:
    """A short, warm request for feedback, framed as wanting to improve, never as a challenge.

    The contact's name is used exactly as typed (whitespace tidied): guessing a "first name"
    goes wrong for titles ("Dr. Okafor") and for family-name-first names, so the user decides
    by what they type. A blank name gives a neutral "Hello,". Values are concatenated, never
    used as a template, so braces or percent signs in them stay literal.
    """
    name = _one_line(contact_name)
    greeting = f"Hello {name}," if name else "Hello,"
    signature = _one_line(sender)
    lines = [
        greeting,
        "",
        f"Thank you for letting me know your decision about {_position(role, company)}, "
        "and for the time you and the team spent on my application.",
        "",
        "I'm always working to get better, so if you have a few minutes, I would value any "
        "brief thoughts on what would have made me a stronger candidate. Even a sentence or "
        "two would help me prepare for the next opportunity.",
        "",
        "I understand if that isn't possible. Either way, thank you, and I hope our paths "
        "cross again.",
        "",
        "Kind regards,",
    ]
    if signature:
        lines.append(signature)
    return "\n".join(lines) + "\n"


class FeedbackAction(StrEnum):
    """What the rejection's feedback panel offers; there is deliberately no "chase again"."""

    ASK = "ask"
    WAITING = "waiting"
    LET_GO_OFFER = "let_go_offer"
    CLOSED = "closed"


def feedback_state(
    status: FeedbackStatus, asked_on: date | None, today: date, let_go_days: int
) -> FeedbackAction:
    """Which action the case offers: ask once, wait, offer to let it go, or nothing more.

    After an ask, the let-go offer appears on day `let_go_days` (counted from `asked_on`);
    the day before it is still waiting. Without an ask date there is nothing to count from,
    so it keeps waiting (the user can still mark it "no reply" by hand).
    """
    if let_go_days < 0:
        raise ValueError("let_go_days must not be negative")
    if status is FeedbackStatus.NOT_ASKED:
        return FeedbackAction.ASK
    if status is FeedbackStatus.ASKED:
        if asked_on is not None and (today - asked_on).days >= let_go_days:
            return FeedbackAction.LET_GO_OFFER
        return FeedbackAction.WAITING
    if status is FeedbackStatus.NO_REPLY:
        # One ask is the rule: silence is an answer, so the only move left is letting go.
        return FeedbackAction.LET_GO_OFFER
    return FeedbackAction.CLOSED

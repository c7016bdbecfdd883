"""The one polite feedback request: the email text, and what the case offers next."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from bounceback.domain import FeedbackStatus, RejectionKind


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


_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame"})


def greeting_name(contact_name: str) -> str:
    """The name to greet by: the first name when one is known ("Dana Okafor" → "Dana"), the
    whole name after a title ("Dr. Okafor" stays "Dr. Okafor"), "" when there is none.

    A family name written first ("Okafor Dana") cannot be told apart; the email is editable.
    """
    words = _one_line(contact_name).split(" ")
    if not words or not words[0]:
        return ""
    if words[0].rstrip(".").casefold() in _TITLES or len(words) == 1:
        return " ".join(words)
    return words[0]


def feedback_email(contact_name: str, role: str, company: str, sender: str = "",
                   kind: RejectionKind = RejectionKind.MID) -> str:
    """A short, warm request for feedback, framed as wanting to grow, never as a challenge.

    Every part a good request has, in our words: thanks (for the interviews, or for an early
    no, for considering the application), an honest line that it stings and the answer is
    still welcome, the ask (about the interviews, or about the application), a wish for the
    team, and a sign-off with the sender's name when it is known. Values are concatenated,
    never used as a template, so braces or percent signs in them stay literal.
    """
    name = greeting_name(contact_name)
    greeting = f"Hello {name}," if name else "Hello,"
    signature = _one_line(sender)
    talks = "the interviews" if kind is RejectionKind.FINAL else "our conversations"
    if kind is RejectionKind.EARLY:
        thanks = "for taking the time to consider my application"
        ask = ("a line or two on my application: what in my experience, or in how I presented "
               "it, would have made it stronger")
    else:
        thanks = f"for the time you and the team gave me in {talks}"
        ask = (f"a line or two on how I came across in {talks}, or on what would have made "
               "me a stronger fit")
    lines = [
        greeting,
        "",
        f"Thank you for letting me know about {_position(role, company)}, and {thanks}.",
        "",
        "I'll admit this one stings, and I'm grateful for a clear answer.",
        "",
        f"I'm working on getting better at this, so if you have a few minutes, I would value "
        f"{ask}.",
        "",
        "I wish you and the team every success, and I hope our paths cross again.",
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

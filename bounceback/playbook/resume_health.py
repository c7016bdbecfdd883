"""Resume health: what an applicant tracking system and a hurried reader will stumble on.

Pure checks on a resume's text (the text a file gave, see `bounceback.documents`): did any
text come out at all, can someone reach you, are the sections under names a parser knows, is
the length sensible, and do the bullet points show results with numbers rather than list
duties. Every finding names the line it is about when there is one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from bounceback.playbook.sections import clean_line, is_heading

WORDS_PER_PAGE = 500
MIN_WORDS = 150
MAX_PAGES = 2
QUANTIFIED_TARGET = 0.5
LISTED_MAX = 8  # bullets without a number named one by one; the rest are counted
_LINE_CAP = 300  # characters of a line searched for an email, a phone number or a link


class Level(StrEnum):
    """How much a finding matters: a problem blocks reading, a warning costs interviews."""

    PROBLEM = "problem"
    WARNING = "warning"
    TIP = "tip"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation about the resume, with the 1-based line it is about (if any)."""

    level: Level
    code: str
    message: str
    line_number: int | None = None
    line: str | None = None


@dataclass(frozen=True, slots=True)
class ResumeHealth:
    """All findings (problems first) and the numbers behind them."""

    findings: tuple[Finding, ...]
    words: int
    pages: int
    bullets: int
    quantified: int
    pages_counted: bool = False  # True when `pages` came from the file, not from the words

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """Everything that is not fine (problems, warnings and tips)."""
        return tuple(f for f in self.findings if f.level is not Level.OK)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.])\+?\(?\d[\d\s().-]{7,}\d(?![\w.])")
_LINK = re.compile(r"\b(?:[Hh][Tt][Tt][Pp][Ss]?://\S+|(?:www\.)?(?:linkedin\.com|github\.com|"
                   r"gitlab\.com|behance\.net|dribbble\.com)/\S+|[a-z0-9-]+\.(?:com|dev|io|design|"
                   r"me|net|org|co|page|site)(?:/\S*)?)", re.I)
_BARE_DOMAIN = re.compile(r"[a-z0-9-]+\.[a-z]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NUMBER = re.compile(r"\d|[$£€%]|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve|dozen|dozens|hundred|hundreds|thousand|thousands|million|"
                     r"millions|billion|doubled|tripled|halved|twice)\b", re.I)
_DUTY = re.compile(r"^(?:responsible for|duties (?:included|include)|tasked with|"
                   r"in charge of|helped (?:with|to)|worked on|assisted (?:with|in)|"
                   r"involved in|participated in)\b", re.I)

# Standard headings a parser files things under, and the words people use for them.
_SECTIONS: dict[str, tuple[str, ...]] = {
    "experience": ("experience", "employment", "work history", "career history",
                   "professional background", "positions", "career"),
    "education": ("education", "academic", "degrees", "training and education"),
    "skills": ("skills", "competencies", "expertise", "technologies", "tools",
               "technical proficiencies", "languages"),
}
_NEEDED = ("experience", "education", "skills")
_LABEL = {"experience": "Experience", "education": "Education", "skills": "Skills"}


def resume_health(text: str, *, pages: int | None = None) -> ResumeHealth:
    """Check a resume's text; `pages` is the real page count when the file had pages (PDF)."""
    lines = [(n, raw) for n, raw in enumerate(text.splitlines(), 1)]
    words = len(text.split())
    page_count = pages if pages else max(1, math.ceil(words / WORDS_PER_PAGE))
    findings: list[Finding] = []
    if words < 40:
        findings.append(Finding(
            Level.PROBLEM, "no-text",
            "Almost no text came out of this file" + (f" ({words} words)" if words else "") +
            ": an ATS reads the same text, so it sees an empty resume. A scanned or designed "
            "PDF is the usual cause; export a text PDF or use .docx."))
        return ResumeHealth(tuple(findings), words, page_count, 0, 0, pages is not None)
    findings += _contact(lines)
    findings += _sections(lines)
    findings += _length(words, page_count, pages is not None)
    bullet_findings, bullets, quantified = _bullets(lines)
    findings += bullet_findings
    order = {Level.PROBLEM: 0, Level.WARNING: 1, Level.TIP: 2, Level.OK: 3}
    findings.sort(key=lambda f: order[f.level])  # stable: each group keeps reading order
    return ResumeHealth(tuple(findings), words, page_count, bullets, quantified,
                        pages is not None)


def _contact(lines: list[tuple[int, str]]) -> list[Finding]:
    """Email, phone and a link: found (and where) or missing."""
    out: list[Finding] = []
    checks = (
        ("email", _EMAIL, Level.WARNING, "No email address found: a recruiter who likes the "
                                         "resume needs a way to answer."),
        ("phone", _PHONE, Level.TIP, "No phone number found: many recruiters call before "
                                     "they write."),
        ("link", _LINK, Level.TIP, "No LinkedIn, portfolio or GitHub link found: one link "
                                   "lets a reader see more of your work."),
    )
    for code, pattern, level, missing in checks:
        # contact details sit on short lines; a cap keeps a 10 MB line from taking minutes
        found = next(((n, raw) for n, raw in lines if _search(pattern, raw[:_LINE_CAP], code)),
                     None)
        if found is None:
            out.append(Finding(level, f"no-{code}", missing))
            continue
        number, raw = found
        if number > 15 and code == "email":
            out.append(Finding(Level.WARNING, "contact-late", f"The email address is on line "
                               f"{number}: put contact details at the top.", number,
                               raw.strip()))
        else:
            out.append(Finding(Level.OK, code, f"{code.capitalize()} found.", number,
                               raw.strip()))
    return out


def _search(pattern: re.Pattern[str], line: str, code: str) -> bool:
    if code == "link":
        for m in pattern.finditer(line):
            if line[max(m.start() - 1, 0):m.start()] == "@":
                continue  # the domain of an email address is not a link
            if "/" not in m.group() and not _BARE_DOMAIN.fullmatch(m.group()):
                continue  # "ASP.NET" or "Salesforce.com" in a skills line is not a link
            return True
        return False
    if code == "phone":
        return any(9 <= sum(c.isdigit() for c in m.group()) <= 15
                   for m in pattern.finditer(line))
    return pattern.search(line) is not None


def _sections(lines: list[tuple[int, str]]) -> list[Finding]:
    """The standard sections, found under a heading or a "Skills:" label, or missing."""
    where: dict[str, tuple[int, str]] = {}
    for number, raw in lines:
        text, bullet = clean_line(raw)
        if not text or bullet:
            continue
        if is_heading(raw, text, bullet):
            label = text.rstrip(":")
        else:  # "Skills: Python, SQL" or "EDUCATION: B.S. ..." on one line
            head, sep, _rest = text.partition(":")
            if not sep or len(head.split()) > 4:
                continue
            label = head
        low = label.casefold()
        for name, words in _SECTIONS.items():
            if name not in where and any(w in low for w in words):
                where[name] = (number, text)
    out: list[Finding] = []
    for name in _NEEDED:
        if name in where:
            number, text = where[name]
            out.append(Finding(Level.OK, f"section-{name}", f"{_LABEL[name]} section found.",
                               number, text))
        else:
            out.append(Finding(
                Level.WARNING, f"no-{name}",
                f"No {_LABEL[name]} heading found: ATSs file a resume under standard headings "
                f"such as \"{_LABEL[name]}\"; an unusual title can leave that part unread."))
    return out


def _length(words: int, pages: int, real_pages: bool) -> list[Finding]:
    size = f"{words} words, {'' if real_pages else 'about '}{pages} page{'s' * (pages != 1)}"
    if words < MIN_WORDS:
        return [Finding(Level.WARNING, "short", f"Short: {size}. There is room for the results "
                                                "that set you apart.")]
    if pages > MAX_PAGES:
        return [Finding(Level.WARNING, "long", f"Long: {size}. Two pages is the usual ceiling; "
                                               "cut what does not serve this job.")]
    return [Finding(Level.OK, "length", f"Length: {size}.")]


def _bullets(lines: list[tuple[int, str]]) -> tuple[list[Finding], int, int]:
    """Share of bullet points with a number, and the ones that read as duties."""
    bullets: list[tuple[int, str]] = []
    for number, raw in lines:
        text, bullet = clean_line(raw)
        if bullet and len(text.split()) >= 3:
            bullets.append((number, text))
    if not bullets:
        return [Finding(Level.TIP, "no-bullets", "No bullet points found: short lines that "
                                                 "start with a verb and end with a result are "
                                                 "quicker to read than paragraphs.")], 0, 0
    plain = [(n, t) for n, t in bullets if not _NUMBER.search(_YEAR.sub("", t))]
    quantified = len(bullets) - len(plain)
    share = quantified / len(bullets)
    summary = (f"{quantified} of {len(bullets)} bullet points carry a number "
               f"({round(share * 100)}%).")
    out: list[Finding] = []
    if share >= QUANTIFIED_TARGET:
        out.append(Finding(Level.OK, "quantified", summary))
    else:
        out.append(Finding(Level.WARNING, "quantified", summary + " Numbers make a result "
                           "concrete: how much, how many, how fast, compared with before."))
    # duties first: they are the clearest case for rewriting
    plain.sort(key=lambda item: _DUTY.match(item[1]) is None)
    for number, text in plain[:LISTED_MAX]:
        if _DUTY.match(text):
            message = "Reads as a duty, not a result: say what changed because of you."
        else:
            message = "No number here: add the size, the change or the outcome if you can."
        out.append(Finding(Level.TIP, "bullet-without-number", message, number, text))
    if len(plain) > LISTED_MAX:
        out.append(Finding(Level.TIP, "bullet-without-number",
                           f"…and {len(plain) - LISTED_MAX} more bullet points without a "
                           "number."))
    return out, len(bullets), quantified

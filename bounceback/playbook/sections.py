"""The shape of a job posting: which lines are requirements, duties, "about us" or boilerplate.

A posting is cut into segments (a bullet, or one sentence of a paragraph), each with the
section it sits in and how much a term found there weighs: requirements most, then duties and
"nice to have", the title, plain prose, "about us" least; benefits, salary, equal-opportunity
text, application instructions and the like weigh nothing and are never searched.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple


class Section(StrEnum):
    """Where a segment sits in the posting."""

    TITLE = "title"
    META = "meta"
    INTRO = "intro"
    ABOUT = "about"
    DUTIES = "duties"
    REQUIRED = "required"
    PREFERRED = "preferred"
    DROPPED = "dropped"


WEIGHT: dict[Section, float] = {
    Section.TITLE: 2.0, Section.META: 0.0, Section.INTRO: 1.0, Section.ABOUT: 0.4,
    Section.DUTIES: 2.5, Section.REQUIRED: 3.0, Section.PREFERRED: 1.8, Section.DROPPED: 0.0,
}


class Segment(NamedTuple):
    """One bullet or sentence of a posting, with its 1-based line number and section."""

    text: str
    line_number: int
    section: Section
    skills_list: bool = False

    @property
    def weight(self) -> float:
        """How much a term found here counts."""
        return WEIGHT[self.section]


# Heading words, tried in this order (the first match decides).
_HEADINGS: tuple[tuple[re.Pattern[str], Section], ...] = tuple(
    (re.compile(pattern), section) for pattern, section in (
        (r"benefit|perk|what we offer|we offer|in it for you|compensation|salary|pay range|"
         r"\bpay\b|total rewards|opportunit(y|ies) employer|equal (employment )?opportunit|"
         r"\beeo\b|diversity|inclusion|accommodation|to apply|application process|physical|"
         r"working conditions|work environment|supplemental|additional information|legal|"
         r"privacy|disclaimer|e-verify|visa|why join|why work|life at|agenc|closing date|"
         r"job type|location|^hours|^schedule|^travel|^salary", Section.DROPPED),
        (r"ideal candidate|minimum qualif|required qualif|basic qualif|must[ -]haves?|"
         r"^requirements?$|^required", Section.REQUIRED),
        (r"prefer|nice[ -]to[ -]haves?|bonus|\bplus(es)?\b|desirable|desired|ideal|"
         r"extra credit|good to have|great to have|stand out", Section.PREFERRED),
        (r"responsib|what you('ll| will) (do|be doing)|^you will|^you'll|in this role|"
         r"about the (role|job|position|opportunity)|^the (role|job|position|opportunity)|"
         r"^role|duties|day[ -]to[ -]day|your impact|key tasks|essential (functions|duties)|"
         r"functions|summary|definition|what the job|^the work|accountabilit|^overview",
         Section.DUTIES),
        (r"require|qualif|what you('ll)? (bring|need)|you bring|what we('re| are)? looking|"
         r"who you are|about you|you have|you are|you'll have|skills|experience|knowledge|"
         r"competenc|minimum|what it takes|a fit|your background|looking for|you should|"
         r"^education|^certification|^licens", Section.REQUIRED),
        (r"about|who we are|our (story|mission|company|team|values|culture)|company|mission|"
         r"^the team|culture|values|why us|^we are", Section.ABOUT),
    )
)
_SKILLS_LABEL = re.compile(r"skills|tools|technolog|stack|languages|software|proficienc|"
                           r"certifications|platforms|systems|frameworks|databases|^data$")

class _Phrases:
    """Phrases looked for as substrings of a `_Text`. Each phrase is anchored on its longest
    word: a sentence without any anchor is rejected by one set operation, which keeps a
    3,000-word posting well inside its time budget."""

    def __init__(self, *phrases: str) -> None:
        self.phrases = phrases
        heads: set[str] = set()
        self.always = False
        for phrase in phrases:
            longest = max(phrase.split(), key=len, default="")
            if longest[:1].isalnum():
                heads.add(longest[:4])
            else:
                self.always = True
        self.heads = frozenset(heads)

    def any(self, text: _Text) -> bool:
        """Whether one of the phrases is in the text."""
        if not self.always and self.heads.isdisjoint(text.heads):
            return False
        return any(p in text.padded for p in self.phrases)

    def count(self, text: _Text) -> int:
        """How many of the phrases are in the text."""
        if not self.always and self.heads.isdisjoint(text.heads):
            return 0
        return sum(1 for p in self.phrases if p in text.padded)


# Sentences that are boilerplate wherever they stand. Matched as plain substrings of the
# lower-cased sentence with its punctuation turned into spaces (" pto " is a whole word):
# a few dozen `in` tests are far cheaper than one big case-insensitive regex per sentence.
_EEO = _Phrases(
    "equal opportunit", "equal employment opportunit", "equal opportunities", "without regard",
    "regardless of", "discriminat", "sexual orientation", "gender identity", "national origin",
    "veteran status", "protected veteran", "reasonable accommodation", "reasonable adjustment",
    "e-verify", "affirmative action", " eeo ", " eeo/", "drug-free", "drug free",
    "background check", "values diversity", "veterans' preference", "minorities",
    "accommodation", "recruitment agenc", "do not send", "how to apply", " apply now",
    " apply today", " apply online", "cover letter and", "marital status", "genetic information",
    "pregnancy", "religion",
)
_PAY = _Phrases(
    " salary", " pay ", "compensation", " base ", " ote ", "per hour", "/hour", "hourly",
    "annually", "per year", "/yr", " range", "bonus", "stipend", "allowance",
)
_MONEY = re.compile(r"[$£€]\s?\d|\d\s?k\b")
# Benefits: a strong word ("401(k)", "PTO") marks a perks sentence on its own; weak words
# ("vision", "benefits") only in numbers, so "computer vision" or "answer benefits questions"
# in a list of duties stay.
_BENEFIT_STRONG = _Phrases(
    " 401 k ", " 401k ", "dental", " pto ", "paid time off", "parental leave", "pension",
    "health insurance", "medical insurance", "tuition", "stipend", " equity ", "sign-on",
    "shift differential", "life insurance", "cycle-to-work", "retirement plan",
    "retirement savings",
)
_BENEFIT_WEAK = _Phrases(
    " vision ", " medical ", "holiday", "vacation", "wellness", " perk", "discount", " gym ",
    "commuter", "benefits", "unlimited", "allowance", "offsite", "competitive",
)
_PREFERRED_CUE = _Phrases(
    " preferred ", " a plus ", " a big plus ", " a strong plus ", " a huge plus ",
    "nice to have", " bonus ", "desirable", " ideally ", " is welcome ", "would be great",
    "would be nice", "advantageous",
)
_REQUIRED_CUE = _Phrases(
    " required ", " must ", " you have ", " you should ", " experience with ", " experience in ",
    "proficien", " knowledge of ", "familiarity", " years ", "hands-on",
    "we'd love to hear from you if", " you bring ", " expected ", " degree ", " bachelor",
    " master's ", " certification ", " license ",
)
_DUTY_CUE = _Phrases(" you will ", " you'll ", " day to day ", " responsible for ",
                     " in this role ")
_YEARS = re.compile(r"\d\+? years")
_NON_WORD = re.compile(r"[^\w$£€%'+/-]+")


class _Text(NamedTuple):
    """A sentence lower-cased with punctuation as spaces and padded (whole words can be found
    with `in`), and the first four letters of each of its words (for a quick rejection)."""

    padded: str
    heads: frozenset[str]


def _text(text: str) -> _Text:
    padded = f" {_NON_WORD.sub(' ', text.casefold().replace('’', chr(39)))} "
    return _Text(padded, frozenset({w[:4] for w in padded.split()}))


_BULLET = re.compile(r"^\s*(?:[-*•·▪●◦‣>+]|\d{1,2}[.)]|[a-z][.)](?=\s))\s+")
_MARKDOWN = re.compile(r"^#{1,6}\s*|\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")
# A sentence ends at . ! or ? before a capital or digit, unless the word is an abbreviation.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({"e.g", "i.e", "etc", "vs", "st", "dr", "mr", "ms", "mrs", "inc",
                            "co", "no", "u.s", "jr", "sr", "approx", "incl", "dept", "ltd"})


def clean_line(line: str) -> tuple[str, bool]:
    """A line without its bullet marker and markdown emphasis; True when it was a bullet."""
    bullet = _BULLET.match(line)
    text = line[bullet.end():] if bullet else line
    if "*" in text or "_" in text or "#" in text:
        text = _MARKDOWN.sub("", text)
    return text.strip(), bullet is not None


def heading_section(text: str) -> Section | None:
    """The section a heading (or the label before a colon) announces, if any."""
    label = text.strip().rstrip(":").strip().casefold().replace("’", "'")
    for pattern, section in _HEADINGS:
        if pattern.search(label):
            return section
    return None


def is_heading(raw: str, text: str, bullet: bool) -> bool:
    """A short line that announces a section: markdown, bold, a colon, capitals or known words."""
    if bullet or not text or len(text) > 80:
        return False
    words = text.split()
    if len(words) > 8 or text.endswith((".", ",", ";")):
        return False
    stripped = raw.strip()
    if stripped.startswith("#") or (stripped.startswith(("**", "__")) and
                                    stripped.endswith(("**", "__", "**:", "__:"))):
        return True
    if text.endswith(":"):
        return True
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    return len(words) <= 6 and heading_section(text) is not None


def inline_label(text: str) -> tuple[Section | None, bool, str]:
    """`Qualifications: a valid ...` -> (REQUIRED, skills-label?, the rest of the line)."""
    head, sep, rest = text.partition(":")
    if not sep or not rest.strip() or len(head.split()) > 5 or not head.strip():
        return None, False, text
    section = heading_section(head)
    skills = bool(_SKILLS_LABEL.search(head.casefold()))
    if section is None and not skills:
        return None, False, text
    return section, skills, rest.strip()


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping "e.g. Tableau" and "St. Brigid" whole."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start:m.start()].rstrip(".!?").rsplit(maxsplit=1)
        last = before[-1].casefold().strip("([\"'").rstrip(".") if before else ""
        if last in _ABBREVIATIONS:
            continue
        parts.append(text[start:m.start()].strip())
        start = m.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _is_boilerplate(text: _Text, section: Section) -> bool:
    if _EEO.any(text):
        return True
    if _MONEY.search(text.padded) and _PAY.any(text):
        return True
    score = 2 * _BENEFIT_STRONG.count(text) + _BENEFIT_WEAK.count(text)
    core = section in (Section.DUTIES, Section.REQUIRED, Section.PREFERRED)
    return score >= (4 if core else 2)


def _cue_section(text: _Text, section: Section) -> Section | None:
    """A sentence's own words can move it: "a plus" is preferred, "required" is required.

    None when the words say nothing (the clause keeps its line's section).
    """
    if section not in (Section.REQUIRED, Section.DUTIES, Section.INTRO):
        return None
    if _PREFERRED_CUE.any(text) or text.padded.rstrip().endswith(" helps"):
        return Section.PREFERRED
    if section is Section.INTRO:
        if _REQUIRED_CUE.any(text) or _YEARS.search(text.padded):
            return Section.REQUIRED
        if _DUTY_CUE.any(text):
            return Section.DUTIES
    return None


_WRAP_WIDTH = 60  # a line at least this long that runs on was wrapped, not ended


class Line(NamedTuple):
    """A logical line: its first physical line number, the text cleaned, and what it is."""

    number: int
    raw: str
    text: str
    bullet: bool
    heading: bool


def logical_lines(text: str) -> list[Line]:
    """Re-join paragraphs and bullets that were wrapped over several lines.

    A line continues the previous one when the previous was long (a wrap, not a title or an
    address) or when it is indented under a bullet; blank lines, bullets and headings never
    continue anything. Each logical line keeps the number of its first physical line.
    """
    out: list[Line] = []
    joinable = False
    for number, raw in enumerate(text.splitlines(), 1):
        cleaned, bullet = clean_line(raw)
        if not cleaned:
            joinable = False
            continue
        heading = is_heading(raw, cleaned, bullet)
        if joinable and not bullet and not heading and (
            len(out[-1].raw.rstrip()) >= _WRAP_WIDTH or (raw[:1].isspace() and out[-1].bullet)
        ):
            prev = out[-1]
            out[-1] = prev._replace(raw=raw, text=f"{prev.text} {cleaned}")
        else:
            out.append(Line(number, raw, cleaned, bullet, heading))
        joinable = not heading
    return out


def job_segments(description: str) -> list[Segment]:
    """Cut a posting into weighted segments (headings and dropped text excluded)."""
    segments: list[Segment] = []
    section = Section.INTRO
    skills_section = False
    seen_text = False
    for number, _raw, text, bullet, heading in logical_lines(description):
        if not seen_text:  # the first line is the job title
            seen_text = True
            segments.append(Segment(text, number, Section.TITLE))
            section = Section.META
            continue
        if heading:
            section = heading_section(text) or Section.INTRO
            skills_section = bool(_SKILLS_LABEL.search(text.casefold()))
            continue
        if section is Section.META and (len(text.split()) > 12 or bullet or
                                        text.endswith((".", "!", "?"))):
            section = Section.INTRO
        here, label_skills, body = inline_label(text)
        line_section = here or section
        if here is None and section is Section.META:
            segments.append(Segment(text, number, Section.META))
            continue
        listed = skills_section or label_skills
        for part in ([body] if bullet else sentences(body)):
            kind = line_section
            for piece in part.split("; "):
                words = _text(piece)
                # a clause without cues of its own keeps the one before it ("... is required;
                # we mostly use pandas")
                kind = _cue_section(words, line_section) or kind
                final = Section.DROPPED if _is_boilerplate(words, kind) else kind
                segments.append(Segment(piece, number, final, listed))
    return segments


def resume_lines(text: str) -> list[Segment]:
    """A resume's lines (bullets cleaned), each marked when it sits in a skills section.

    Nothing is dropped: every line of a resume is the person's own evidence.
    """
    out: list[Segment] = []
    skills_section = False
    for number, raw in enumerate(text.splitlines(), 1):
        line, bullet = clean_line(raw)
        if not line:
            continue
        if is_heading(raw, line, bullet):
            skills_section = bool(_SKILLS_LABEL.search(line.casefold()))
        _, label_skills, _ = inline_label(line)
        out.append(Segment(line, number, Section.INTRO, skills_section or label_skills))
    return out

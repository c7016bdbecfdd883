"""`bounceback keywords`: a job description against a resume, as text for a person or as JSON.

The judgement lives in the playbook (`keywords`, `resume_health`); this module reads the two
files and lays the result out. It imports nothing heavy: the PDF and Word readers load only
when such a file is given.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from bounceback.documents import read_document
from bounceback.playbook.keywords import Status, TermMatch, compare, job_profile, summarize
from bounceback.playbook.resume_health import Finding, Level, ResumeHealth, resume_health
from bounceback.sanitize import strip_unsafe

WIDTH = 80
_INDENT = " " * 10
_STATUS_WIDTH = 9


def keyword_report(job: Path, resume: Path, *, company: str = "", as_json: bool = False) -> str:
    """Read both files and return the report (DocumentError when a file cannot be read)."""
    job_doc = read_document(job)
    resume_doc = read_document(resume)
    matches = compare(job_profile(job_doc.text, company), resume_doc.text)
    if as_json:
        return json.dumps([m.to_dict() for m in matches], indent=2, ensure_ascii=False)
    health = resume_health(resume_doc.text, pages=resume_doc.pages)
    return "\n".join(text_lines(job_doc.name, resume_doc.name, matches, health))


def text_lines(job_name: str, resume_name: str, matches: list[TermMatch],
               health: ResumeHealth) -> list[str]:
    """The human report: terms most important first, then the resume's health."""
    out: list[str] = []
    if not matches:
        out.append(f"No key terms found in {_safe(job_name)}: is it a job description?")
    else:
        out.append(f"Key terms in {_safe(job_name)}, most important first")
        out.append(_fit(f"{summarize(matches).text} — in {_safe(resume_name)}."))
        out.append("")
        for match in matches:
            out.extend(_term_lines(match))
        if any(m.status is Status.VARIANT for m in matches):
            out.append("")
            out.extend(textwrap.wrap(
                "variant: the skill is there under another name. Applicant tracking systems "
                "match words literally, so use the posting's word.", WIDTH))
    out.append("")
    out.extend(health_lines(resume_name, health))
    return out


def _term_lines(match: TermMatch) -> list[str]:
    if match.status is Status.VARIANT and match.resume_term:
        head = f"{match.term} — you wrote \"{match.resume_term}\""
    elif match.status is Status.PRESENT and match.alternatives and match.resume_term:
        head = f"{match.term} — you have {match.resume_term}"
    else:
        head = match.term
    first = f" {match.status.value:<{_STATUS_WIDTH}}{_safe(head)}"
    return [_fit(first), _fit(f"{_INDENT}line {match.line_number}: {_safe(match.line)}")]


def health_lines(resume_name: str, health: ResumeHealth) -> list[str]:
    pages = f"{'' if health.pages_counted else 'about '}{health.pages} " \
            f"page{'s' * (health.pages != 1)}"
    out = [f"Resume health ({_safe(resume_name)}: {health.words} words, {pages})"]
    said: set[tuple[Level, str]] = set()
    for finding in health.warnings:  # a message shared by several lines is said once
        key = (finding.level, finding.message)
        out.extend(_finding_lines(finding, repeat=key in said))
        said.add(key)
    fine = [f for f in health.findings if f.level is Level.OK]
    if fine:
        names = ", ".join(_FINE.get(f.code, f.code) for f in fine)
        out.extend(textwrap.wrap(f"fine: {names}", WIDTH, initial_indent=" ",
                                 subsequent_indent=_INDENT))
    return out


_FINE = {
    "email": "email", "phone": "phone", "link": "link", "section-experience": "Experience",
    "section-education": "Education", "section-skills": "Skills", "length": "length",
    "quantified": "numbers in bullet points",
}


def _finding_lines(finding: Finding, *, repeat: bool = False) -> list[str]:
    out: list[str] = []
    if not repeat:
        label = f" {finding.level.value:<{_STATUS_WIDTH}}"
        lines = textwrap.wrap(_safe(finding.message), WIDTH - len(label),
                              break_on_hyphens=False)
        out = [label + lines[0]] + [_INDENT + rest for rest in lines[1:]]
    if finding.line_number is not None and finding.line:
        out.append(_fit(f"{_INDENT}line {finding.line_number}: {_safe(finding.line)}"))
    return out


def _safe(text: str) -> str:
    """File text never carries control characters or bidi overrides to the terminal."""
    return strip_unsafe(text).replace("\n", " ").replace("\t", " ")


def _fit(line: str) -> str:
    """One screen line: cut with an ellipsis rather than wrapping a quoted job line."""
    return line if len(line) <= WIDTH else line[:WIDTH - 1].rstrip() + "…"

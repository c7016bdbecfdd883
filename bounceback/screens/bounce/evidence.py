"""The early-stage detective's evidence: the job's words against the resume that went out.

An early "no" (no interview) is a marketing problem, so the detective shows what the materials
said: the posting's key terms the resume lacks, the ones it wrote under another name, and the
resume's health warnings. Ticking a fix writes it as a line of the case's next steps, so it is
kept with the case and shows wherever the next steps do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, SelectionList

from bounceback.matching import Fit, fit_for
from bounceback.playbook.resume_health import Level
from bounceback.store.errors import NotFoundError
from bounceback.store.records import RejectionRecord
from bounceback.widgets.safe import content, one_line, template

if TYPE_CHECKING:
    from bounceback.store.db import Store

MAX_TERMS = 6  # missing terms offered as fixes (most important first); variants likewise
MAX_HEALTH = 4
FIX_PREFIX = "• "

NOT_TRACKED = ("This no is not linked to a tracked application, so there is no job description "
               "to compare with. Next time, keep the posting in the application's Job "
               "description field and your resume under Materials (M on the Pipeline).")
APP_GONE = "Its application was deleted, so there is no job description to compare with."


@dataclass(frozen=True, slots=True)
class Fix:
    """One change the person may tick: the line it adds to the next steps, and its reason."""

    key: str
    text: str
    why: str

    @property
    def line(self) -> str:
        """The next-steps line this fix writes."""
        return FIX_PREFIX + self.text


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the detective shows for one case: a headline, a reason when there is nothing to
    compare, and the fixes on offer."""

    headline: str
    reason: str
    fixes: tuple[Fix, ...]


def load_evidence(store: Store, case: RejectionRecord) -> Evidence:
    """In a worker thread: the case's application against the resume version it went out with."""
    if case.application_id is None:
        return Evidence("", NOT_TRACKED, ())
    try:
        app = store.applications.get(case.application_id)
    except NotFoundError:
        return Evidence("", APP_GONE, ())
    fit = fit_for(store, app)
    fixes = fixes_for(fit)
    if fit.summary is None or fit.resume is None:
        return Evidence("", fit.reason, fixes)
    headline = f"{fit.summary.text} — resume “{fit.resume.label}”."
    return Evidence(headline, "", fixes)


def fixes_for(fit: Fit) -> tuple[Fix, ...]:
    """Variants first (the cheapest fix: use their word), then missing terms, then health."""
    fixes: list[Fix] = []
    for match in fit.variants[:MAX_TERMS]:
        fixes.append(Fix(f"variant:{match.term}",
                         f"Resume: write “{match.term}” as the posting does "
                         f"(you wrote “{match.resume_term}”)",
                         f"Applicant tracking systems match words literally. The posting, "
                         f"line {match.line_number}: {match.line}"))
    for match in fit.missing[:MAX_TERMS]:
        fixes.append(Fix(f"missing:{match.term}",
                         f"Resume: show “{match.term}” if it is true of you",
                         f"The posting asks for it, line {match.line_number}: {match.line}"))
    if fit.health is not None:
        worth = [f for f in fit.health.warnings if f.level in (Level.PROBLEM, Level.WARNING)]
        seen: set[str] = set()
        for finding in worth:
            if finding.code in seen or len(seen) >= MAX_HEALTH:
                continue
            seen.add(finding.code)
            where = f" Line {finding.line_number}: {finding.line}" if finding.line else ""
            fixes.append(Fix(f"health:{finding.code}",
                             f"Resume: {one_line(finding.message, 90)}",
                             finding.message + where))
    return tuple(fixes)


def with_fix(next_steps: str, fix: Fix, on: bool) -> str:
    """The next steps with the fix's line added (at the end) or taken out."""
    lines = next_steps.splitlines()
    present = fix.line in lines
    if on and not present:
        lines.append(fix.line)
    elif not on and present:
        lines.remove(fix.line)
    return "\n".join(lines)


class EvidencePanel(Vertical):
    """The gap and the health warnings, with the fixes to tick."""

    def __init__(self) -> None:
        """An empty panel; `show` fills it once the worker has compared."""
        super().__init__(id="evidence")
        self.evidence: Evidence | None = None

    def compose(self) -> ComposeResult:
        """Heading, headline or reason, the fixes, and the highlighted fix's reason."""
        yield Label(Content.styled("The evidence — your resume against the job's words",
                                   "bold"), classes="detective-heading")
        yield Label(Content.styled("Comparing…", "$text-muted"), id="evidence-headline")
        yield SelectionList[str](id="evidence-fixes")
        yield Label("", id="evidence-why")

    def show(self, evidence: Evidence, next_steps: str) -> None:
        """Draw the evidence; a fix is ticked when its line is in the next steps."""
        self.evidence = evidence
        headline = self.query_one("#evidence-headline", Label)
        headline.update(content(evidence.headline) if evidence.headline
                        else content(evidence.reason, "$text-muted"))
        fixes = self.query_one("#evidence-fixes", SelectionList)
        fixes.clear_options()
        lines = set(next_steps.splitlines())
        for fix in evidence.fixes:
            fixes.add_option((content(fix.text), fix.key, fix.line in lines))
        fixes.display = bool(evidence.fixes)
        # no highlight until the list is reached: highlighting scrolls it into view, and the
        # page must not jump away from the verdict at the top while the person reads it
        self.show_why(None)

    def show_why(self, index: int | None) -> None:
        """The reason behind the highlighted fix (the posting's line, the resume's line)."""
        why = self.query_one("#evidence-why", Label)
        if self.evidence is None or index is None or not 0 <= index < len(self.evidence.fixes):
            why.update("")
            return
        why.update(template("[dim]$why[/dim]", why=self.evidence.fixes[index].why))

    def fix(self, key: str) -> Fix | None:
        """The fix with this key."""
        if self.evidence is None:
            return None
        return next((f for f in self.evidence.fixes if f.key == key), None)

"""The keyword gap of one application: the job's key terms against a resume version (missing,
under another name, present, each with the posting's line), then that version's health.

The comparison is `matching.fit_for`, run in a worker (the job's profile is cached after its
first computation). `v` compares another stored version. Job text is untrusted: every string
from it, the resume or the application reaches the screen through `widgets/safe.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Label, Static
from textual.worker import Worker, WorkerState

from bounceback.domain import MaterialKind
from bounceback.playbook.keywords import Status, TermMatch
from bounceback.playbook.resume_health import Level, ResumeHealth
from bounceback.screens.host import host
from bounceback.store.errors import StoreError
from bounceback.widgets.safe import content, one_line, template

if TYPE_CHECKING:
    from bounceback.matching import Fit
    from bounceback.store.db import Store
    from bounceback.store.records import ApplicationDetail, MaterialRecord

BUSY = "Could not compare just now (the database is busy): close this and press k again."
_LINE_CAP = 110  # characters of a posting's line quoted under its term

_GROUPS = (
    (Status.MISSING, "Missing", "add the ones that are true of you, in the posting's words",
     "✗", "$text-error"),
    (Status.VARIANT, "Under another name", "mirror their word: screening software matches "
     "words literally", "~", "$text-warning"),
    (Status.PRESENT, "Present", "already in your resume", "✓", "$text-success"),
)
_LEVEL_STYLE = {Level.PROBLEM: "$text-error", Level.WARNING: "$text-warning",
                Level.TIP: "$text-muted"}


def added(resume: MaterialRecord) -> str:
    """ "added Nov 20, 2026"."""
    day = resume.added_on
    return f"added {day:%b} {day.day}, {day.year}"


def resume_line(resume: MaterialRecord | None) -> Content:
    """A version as one line: its label, when it was added, retired or not."""
    if resume is None:
        return Content.styled("none recorded", "$text-muted")
    return Content.assemble(content(resume.label), (f" · {added(resume)}", "$text-muted"),
                            (" (retired)", "$text-warning") if resume.retired else "")


def match_line(fit: Fit) -> Content:
    """"9 of 14 key terms; missing: …" (k opens the whole gap), or the one-line reason."""
    if fit.summary is None:
        return content(fit.reason, "$text-muted")
    return Content.assemble(content(fit.summary.text), ("  · k: keyword gap", "$text-muted"))


def term_widgets(match: TermMatch, mark: str, style: str) -> list[Widget]:
    """A term (its note: "PostgreSQL — you wrote Postgres") and the posting's line under it."""
    rest = match.note[len(match.term):] if match.note.startswith(match.term) else ""
    head = Content.assemble((f"{mark} ", style), content(match.term, "bold"), content(rest))
    where = Content.assemble((f"line {match.line_number}: ", "$text-muted"),
                             content(one_line(match.line, _LINE_CAP)))
    return [Static(head, classes="gap-term"), Static(where, classes="gap-where")]


def health_widgets(resume: MaterialRecord, health: ResumeHealth) -> list[Widget]:
    """The version's health warnings, each with the line it is about."""
    pages = f"{'' if health.pages_counted else 'about '}{health.pages} " \
            f"page{'s' * (health.pages != 1)}"
    out: list[Widget] = [Label(template("[b]Resume health[/b] — $label: $words words, $pages",
                                        label=resume.label, words=f"{health.words:,}",
                                        pages=pages), classes="gap-heading")]
    if not health.warnings:
        out.append(Static(Content("Nothing to fix: contact details, sections, length and "
                                  "numbers look fine."), classes="gap-term"))
    for finding in health.warnings:
        # the level in its own column: a long message wraps under itself
        out.append(Horizontal(
            Static(Content.styled(finding.level.value, _LEVEL_STYLE.get(finding.level, "")),
                   classes="gap-level"),
            Static(content(finding.message), classes="gap-message"), classes="gap-finding"))
        if finding.line_number is not None and finding.line:
            out.append(Static(Content.assemble((f"line {finding.line_number}: ", "$text-muted"),
                                               content(one_line(finding.line, _LINE_CAP))),
                              classes="gap-where gap-finding-where"))
    return out


def gap_widgets(fit: Fit) -> list[Widget]:
    """The whole gap: the summary (or why there is none), the groups, the resume's health."""
    if fit.summary is None:
        out: list[Widget] = [Static(content(fit.reason), classes="gap-summary")]
    else:
        out = [Static(content(fit.summary.text, "bold"), classes="gap-summary")]
        for status, title, why, mark, style in _GROUPS:
            group = [m for m in fit.matches if m.status is status]
            if not group:
                continue
            out.append(Label(Content.assemble((f"{title} ({len(group)})", f"bold {style}"),
                                              (f" — {why}", "$text-muted")),
                             classes="gap-heading"))
            for match in group:
                out.extend(term_widgets(match, mark, style))
    if fit.resume is not None and fit.health is not None:
        out.extend(health_widgets(fit.resume, fit.health))
    return out


@dataclass(frozen=True, slots=True)
class Gap:
    """What the modal shows: the versions to cycle through and the fit with the chosen one."""

    versions: tuple[MaterialRecord, ...]
    chosen: int | None
    fit: Fit


def load_gap(store: Store, detail: ApplicationDetail, resume_id: int | None) -> Gap:
    """In a worker: the versions, and the fit with `resume_id` (default: the one recorded on
    the application, else the version current today)."""
    from bounceback.matching import fit_for

    versions = tuple(store.materials.all(MaterialKind.RESUME))
    chosen = resume_id if resume_id is not None else detail.resume_id
    if chosen is None:
        current = store.materials.current(MaterialKind.RESUME)
        chosen = None if current is None else current.id
    return Gap(versions, chosen, fit_for(store, detail, chosen))


class GapBody(VerticalScroll):
    """The scrolling gap, rebuilt whenever `gap` changes (one redraw at a time)."""

    gap: reactive[Gap | None] = reactive(None, recompose=True)

    def compose(self) -> ComposeResult:
        """The gap, or a line while it is compared."""
        if self.gap is None:
            yield Static(Content.styled("Comparing…", "$text-muted"))
        else:
            yield from gap_widgets(self.gap.fit)


class KeywordGapModal(ModalScreen[None]):
    """One application's keyword gap; `v` compares another resume version, escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("v", "another", "Another version", id="gap-version",
                tooltip="Compare the job with another resume version you kept"),
        Binding("escape", "close", "Close", id="gap-close", tooltip="Back to the application"),
    ]

    def __init__(self, detail: ApplicationDetail) -> None:
        """The gap of `detail` (its description as saved when the modal opened)."""
        super().__init__()
        self.detail = detail
        self.gap: Gap | None = None

    def compose(self) -> ComposeResult:
        """Title, which resume, the gap, the keys."""
        d = self.detail
        with Vertical(id="gap-box"):
            yield Label(template("[b]Keyword gap[/b] — $company — $role", company=d.company,
                                 role=d.role), id="gap-title")
            yield Label(Content.styled("Resume: …", "$text-muted"), id="gap-resume")
            yield GapBody(id="gap-body")
            yield Label(Content("escape: close"), id="gap-keys")

    def on_mount(self) -> None:
        """Compare with the version recorded on the application."""
        self.query_one(GapBody).focus()
        self.compare(None)

    def compare(self, resume_id: int | None) -> None:
        """Compare with `resume_id` in a worker (the newest call wins)."""
        store = host(self.app).store
        self.run_worker(partial(self._load, store, resume_id), thread=True, exclusive=True,
                        exit_on_error=False, group="gap-load", name="keyword-gap")

    def _load(self, store: Store, resume_id: int | None) -> None:
        from bounceback.matching import Fit

        try:
            gap = load_gap(store, self.detail, resume_id)
        except StoreError:  # busy, or gone meanwhile: say so in the modal, no toast
            gap = Gap((), None, Fit(None, reason=BUSY))
        self.app.call_from_thread(self.show, gap)

    def show(self, gap: Gap) -> None:
        """Draw a comparison."""
        self.gap = gap
        self.query_one(GapBody).gap = gap
        self.query_one("#gap-resume", Label).update(self._which(gap))
        keys = "v: compare another version · escape: close" if len(gap.versions) > 1 \
            else "escape: close"
        self.query_one("#gap-keys", Label).update(Content(keys))
        self.refresh_bindings()

    def _which(self, gap: Gap) -> Content:
        resume = gap.fit.resume
        if resume is None:
            none = "…" if gap.fit.reason == BUSY else "none kept yet"
            return Content.styled(f"Resume: {none}", "$text-muted")
        recorded = self.detail.resume_id
        if recorded == resume.id:
            note = "the one sent with this application"
        elif recorded is None:
            note = "none is recorded on this application: this is your current one"
        else:
            note = "not the one sent with this application"
        position = [v.id for v in gap.versions].index(resume.id) + 1 \
            if resume.id in {v.id for v in gap.versions} else 0
        count = f" ({position} of {len(gap.versions)}, v: next)" if len(gap.versions) > 1 \
            else ""
        return Content.assemble(("Resume: ", "$text-muted"), resume_line(resume),
                                (f" — {note}{count}", "$text-muted"))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`v` only when there is another version to compare."""
        if action == "another":
            return self.gap is not None and len(self.gap.versions) > 1
        return True

    def action_another(self) -> None:
        """Compare with the next version (newest first, round again)."""
        gap = self.gap
        if gap is None or len(gap.versions) < 2:
            return
        ids = [v.id for v in gap.versions]
        at = ids.index(gap.chosen) if gap.chosen in ids else -1
        self.compare(ids[(at + 1) % len(ids)])

    def action_close(self) -> None:
        """Back to the application."""
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed comparison is one calm toast (the app's funnel), never a traceback."""
        if event.state is WorkerState.ERROR:
            host(self.app).worker_failed(event.worker)

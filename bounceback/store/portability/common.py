"""What export and import share: limits, the plan and its problems, table names, CSV cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bounceback.sanitize import clean_text
from bounceback.store.goals import GoalDraft, RuleCheck
from bounceback.store.rejections import Judge

FORMAT = "bounceback"
FORMAT_VERSION = 1
MAX_RECORD = 16 * 1024 * 1024
"""Characters one JSON record or one CSV line may have ("16 MB"); a file may be any size."""
MAX_CELL = 1_000_000  # characters in one CSV cell (the longest field holds 200,000)
MAX_COLUMNS = 200
MAX_ROW_CELLS = 1_000
MAX_TEXT = 1_000_000  # a text column with no form rule of its own
MAX_SHOWN_PROBLEMS = 50
MAX_KEPT_PROBLEMS = 1_000  # a file with more keeps counting them, not listing them
CSV_FILES = ("applications.csv", "rejections.csv")
DERIVED_COLUMNS = frozenset({("application", "job_profile")})
"""Columns computed from others (the job's key terms): never exported, recomputed after import."""
# What a table is called where a person reads it (counts, problems): (one, many).
TABLE_NAMES: dict[str, tuple[str, str]] = {
    "application": ("application", "applications"),
    "stage_event": ("stage history entry", "stage history entries"),
    "rejection": ("rejection case", "rejection cases"),
    "wallow_window": ("wallow window", "wallow windows"),
    "ritual": ("ritual", "rituals"),
    "material": ("resume or cover-letter version", "resume and cover-letter versions"),
    "ritual_done": ("ritual done", "rituals done"),
    "interview_round": ("interview round", "interview rounds"),
    "interview_question": ("interview question", "interview questions"),
    "answer": ("answer-bank entry", "answer-bank entries"),
    "win": ("win", "wins"),
    "strength": ("strength", "strengths"),
    "help_act": ("time you helped", "times you helped"),
    "goal": ("goal", "goals"),
    "goal_day": ("goal day", "goal days"),
    "goal_plan": ("goal target or days change", "goal target or days changes"),
    "check_in": ("check-in", "check-ins"),
    "setting": ("settings", "settings"),
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table_label(name: str, n: int = 1) -> str:
    """A table's name in words ("stage history entries", not `stage_event`)."""
    one, many = TABLE_NAMES.get(name, (name.replace("_", " "),) * 2)
    return one if n == 1 else many


def counts_text(counts: dict[str, int]) -> str:
    """"3 applications, 5 stage history entries" (tables with rows only), or "nothing"."""
    return ", ".join(f"{n:,} {table_label(name, n)}" for name, n in counts.items() if n) \
        or "nothing"


def short(text: str, limit: int = 40) -> str:
    """Text from a file, fit to quote in one line of a report: cleaned, flattened, cut."""
    flat = " ".join(clean_text(text, single_line=True).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ImportRefused(Exception):
    """The whole file (or the target database) cannot be imported; one line says why."""

    def __init__(self, message: str) -> None:
        """Keep the one-line message (the CLI prints `.message`), cleaned for the terminal."""
        message = clean_text(message, single_line=True)
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImportProblem:
    """One bad value: where (CSV line or JSON record), which field, what is wrong."""

    line: int
    field: str
    message: str
    table: str = ""
    record_id: int | None = None

    def describe(self) -> str:
        """`line 4, stage: ...` for CSV; `application 3 (id 17), company: ...` for JSON."""
        if not self.table:
            where = f"line {self.line}"
        else:
            where = f"{table_label(self.table)} {self.line}"
            if self.record_id is not None:
                where += f" (id {self.record_id})"
        return clean_text(f"{where}, {self.field}: {self.message}", single_line=True)


@dataclass(frozen=True)
class ImportRules:
    """What only the playbook decides, handed in by the caller (the store holds no judgement).

    `judge` reads a stage history (`playbook.triage.judge`), `rule_problem` checks a goal's
    repeat rule (`playbook.goals.rrule_problem`); the starters are what the app adds on its
    first start, which an import into an otherwise empty database replaces.
    """

    judge: Judge
    rule_problem: RuleCheck
    starter_goals: tuple[GoalDraft, ...] = ()
    starter_rituals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """The file being imported: a path (read again when applying) or bytes already in memory."""

    path: Path | None = None
    data: bytes | None = None


@dataclass
class ImportPlan:
    """The dry run: what would be added, what is ignored, what is wrong. Holds no rows.

    Applying reads the source again, checks every row again and stores it as it goes; the
    file's SHA-256 (`digest`) must still be the one checked here.
    """

    kind: str  # "json" or "csv"
    source: Source
    rules: ImportRules
    today: date
    digest: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    unknown_stages: dict[str, int] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)  # the first MAX_KEPT_PROBLEMS
    problem_count: int = 0
    new_cases: int = 0  # applications that ended rejected with no case in the file: one each

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (an empty file is fine: it adds nothing)."""
        return not self.problem_count

    def add_problem(self, problem: ImportProblem) -> None:
        """Count a problem; keep it to show while there are few enough to read."""
        self.problem_count += 1
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(problem)


def csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run: `= + - @`, tab, CR (and our own `'`) get a `'`."""
    text = "" if value is None else str(value)
    if text.startswith((*_FORMULA_START, "'")):
        return "'" + text
    return text


def csv_uncell(text: str) -> str:
    """Undo `csv_cell`: a `'` before a formula start (or before `'`) is removed."""
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r'":
        return text[1:]
    return text

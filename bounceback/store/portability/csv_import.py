"""Importing a CSV table from a spreadsheet or another tracker, a row at a time.

Headers and stages are matched by their usual names ("Organization", "Job Title", "Phone
Screen", ...); every row becomes an `ApplicationDraft` and passes `validated` like a typed one.
A quoted cell that never ends (a lost `"`) would swallow the rest of the file into one mangled
row: it refuses the file, naming the line where it starts.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from bounceback.dates import DateParseError, Lean, parse_date
from bounceback.domain import Stage
from bounceback.store.drafts import ApplicationDraft, check_date
from bounceback.store.errors import ValidationError
from bounceback.store.portability.common import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_RECORD,
    MAX_ROW_CELLS,
    ImportPlan,
    ImportProblem,
    ImportRefused,
    csv_uncell,
    short,
)
from bounceback.store.portability.json_stream import size_text
from bounceback.store.portability.source import TextStream, lines


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[_\-./]+", " ", text).casefold().split())


HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": ("company", "organization", "organisation", "employer", "company name"),
    "role": ("role", "title", "position", "job title", "job", "position title"),
    "stage": ("status", "stage", "application status"),
    "applied_on": ("date applied", "applied on", "application date", "applied", "date"),
    "url": ("url", "link", "job url", "job link", "posting url", "job posting"),
    "notes": ("notes", "note", "comments"),
    "source": ("source", "site", "platform", "job board"),
    "location": ("location", "city"),
    "contact_name": ("contact name", "contact", "recruiter"),
    "contact_email": ("contact email", "email", "recruiter email"),
    "next_action": ("next action", "next step"),
    "next_action_on": ("next action on", "next action date", "follow up date", "follow up on"),
    "description": ("description", "job description"),
    "history": ("history", "stage history"),
}
_HEADERS = {_norm(s): name for name, synonyms in HEADER_SYNONYMS.items() for s in synonyms}

STAGE_SYNONYMS: dict[Stage, tuple[str, ...]] = {
    Stage.SAVED: ("saved", "wishlist", "wish list", "bookmarked", "interested", "to apply"),
    Stage.APPLIED: ("applied", "submitted", "application submitted", "sent"),
    Stage.SCREENING: ("screening", "phone screen", "screen", "recruiter screen",
                      "recruiter call"),
    Stage.INTERVIEWING: ("interviewing", "interview", "interviews", "onsite", "on site"),
    Stage.FINAL_ROUND: ("final round", "final", "final interview"),
    Stage.OFFER: ("offer", "offered", "offer received"),
    Stage.ACCEPTED: ("accepted", "hired", "offer accepted"),
    Stage.REJECTED: ("rejected", "declined by company", "no", "rejection", "turned down"),
    Stage.WITHDRAWN: ("withdrawn", "withdrew", "i withdrew"),
    Stage.GHOSTED: ("ghosted", "no response", "no reply", "no answer"),
}
_STAGES = {_norm(s): stage for stage, synonyms in STAGE_SYNONYMS.items() for s in synonyms}
KNOWN_STAGE_WORDS = ", ".join(s for synonyms in STAGE_SYNONYMS.values() for s in synonyms[:2])
_DATE_FIELDS = ("applied_on", "next_action_on")
_DATE_LEAN: dict[str, Lean] = {"applied_on": "past", "next_action_on": "future"}
_SNIFF = 4096


@dataclass(frozen=True)
class PlannedApplication:
    """An accepted CSV row: exactly what will be stored."""

    line: int
    draft: ApplicationDraft
    history: tuple[tuple[Stage, datetime | None], ...]


def stage_from_text(text: str) -> Stage | None:
    """A stage written any of the usual ways, or None if unknown."""
    return _STAGES.get(_norm(text))


class _Recorder:
    """The lines handed to `csv.reader`, kept until the row they make is taken.

    One row (a quoted cell may span lines) may hold up to MAX_RECORD characters: past that the
    file is refused before `csv` gathers more.
    """

    def __init__(self, source: Iterator[str]) -> None:
        self._source = source
        self.current: list[str] = []
        self._size = 0
        self._lines = 0
        self._start = 1

    def __iter__(self) -> Iterator[str]:
        for line in self._source:
            self._lines += 1
            if not self.current:
                self._start = self._lines
            self.current.append(line)
            self._size += len(line)
            if self._size > MAX_RECORD:
                raise ImportRefused(f"line {self._start:,}: one row is longer than "
                                    f"{size_text(MAX_RECORD)}, the limit for one record (is a "
                                    "closing quote \" missing?).")
            yield line

    def take(self) -> str:
        text = "".join(self.current)
        self.current, self._size = [], 0
        return text


def _open_quote(text: str, dialect: csv.Dialect | type[csv.Dialect]) -> bool:
    """True when a quoted cell in one record's raw text never closes (as `csv` reads it)."""
    quote, delimiter = dialect.quotechar or '"', dialect.delimiter
    escape, skip = dialect.escapechar, dialect.skipinitialspace
    state, escaped = "start", False
    for ch in text:
        if state == "quoted":
            if escaped:
                escaped = False
            elif escape and ch == escape:
                escaped = True
            elif ch == quote:
                state = "closed"
        elif state == "closed":  # "" is a quote inside the cell; anything else ends the quoting
            state = "quoted" if ch == quote else (
                "start" if ch in (delimiter, "\r", "\n") else "field")
        elif state == "start":
            if ch == quote:
                state = "quoted"
            elif not (ch == " " and skip) and ch not in (delimiter, "\r", "\n"):
                state = "field"
        elif ch in (delimiter, "\r", "\n"):
            state = "start"
    return state == "quoted"


def csv_pass(plan: ImportPlan, sink: Callable[[PlannedApplication], None] | None = None
             ) -> str:
    """Read the CSV once: fill `plan` (counts, problems), hand each good row to `sink`.

    Returns the file's SHA-256. ImportRefused for a file that is not a usable table.
    """
    stream = TextStream(plan.source)
    chunks = iter(stream)
    head = ""
    for chunk in chunks:  # enough text to guess the delimiter from
        head += chunk
        if len(head) >= _SNIFF:
            break
    csv.field_size_limit(MAX_CELL)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(head[:_SNIFF], ",;\t")
        dialect.doublequote = True
    except csv.Error:
        dialect = csv.excel
    recorder = _Recorder(lines(itertools.chain([head] if head else [], chunks)))
    reader = csv.reader(recorder, dialect)
    counts = {"application": 0, "stage_event": 0}
    start = line = 1  # where the last row read starts; where the next one starts
    try:
        header = next(reader, None)
        if header is None:
            raise ImportRefused("the file is empty.")
        raw = recorder.take()
        if _open_quote(raw, dialect):
            raise _unterminated(1)
        mapping = _map_header(plan, header)
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            raw = recorder.take()
            if len(cells) > MAX_ROW_CELLS:
                raise ImportRefused(f"line {start:,} has {len(cells):,} columns; the limit is "
                                    f"{MAX_ROW_CELLS:,}.")
            if not any(c.strip() for c in cells):
                continue
            values = {target: csv_uncell(cells[i]) for i, target in mapping.items()
                      if i < len(cells)}
            planned = _plan_row(plan, start, values)
            if planned is None:
                continue
            counts["application"] += 1
            counts["stage_event"] += len(planned.history)
            plan.new_cases += planned.draft.stage is Stage.REJECTED
            if sink is not None:
                sink(planned)
    except csv.Error as exc:  # the row that failed starts at `line`
        if "field larger than field limit" in str(exc):
            raise ImportRefused(f"line {line:,}: a cell is longer than {MAX_CELL:,} "
                                "characters (is a closing quote \" missing?).") from exc
        raise ImportRefused(f"line {line:,}: not a readable CSV ({exc}).") from exc
    if _open_quote(raw, dialect):  # it swallowed the rest of the file: never a mangled row
        raise _unterminated(start)
    plan.counts = counts
    return stream.digest


def _unterminated(line: int) -> ImportRefused:
    return ImportRefused(f"line {line:,}: a quoted cell starts here and never ends (a closing "
                         "quote \" is missing); nothing was imported.")


def _map_header(plan: ImportPlan, header: list[str]) -> dict[int, str]:
    if len(header) > MAX_COLUMNS:
        raise ImportRefused(f"the header has {len(header):,} columns; the limit is "
                            f"{MAX_COLUMNS}.")
    mapping: dict[int, str] = {}
    for i, name in enumerate(header):
        target = _HEADERS.get(_norm(name))
        if target is None or target in mapping.values():
            plan.ignored_columns.append(short(name) or f"(column {i + 1})")
        else:
            mapping[i] = target
    for needed in ("company", "role"):
        if needed not in mapping.values():
            words = ", ".join(HEADER_SYNONYMS[needed])
            raise ImportRefused(f"no {needed} column found in the header line (one of: "
                                f"{words}).")
    return mapping


def _plan_row(plan: ImportPlan, line: int, values: dict[str, str]) -> PlannedApplication | None:
    problems: list[ImportProblem] = []
    raw_stage = values.get("stage", "").strip()
    stage = stage_from_text(raw_stage) if raw_stage else Stage.APPLIED
    if stage is None:
        shown = short(raw_stage)
        plan.unknown_stages[shown] = plan.unknown_stages.get(shown, 0) + 1
        problems.append(ImportProblem(line, "stage", f"unknown stage \"{shown}\"; known: "
                                      f"{KNOWN_STAGE_WORDS}"))
    dates: dict[str, date | None] = {}
    for name in _DATE_FIELDS:
        try:
            dates[name] = parse_date(values.get(name, ""), plan.today, _DATE_LEAN[name])
        except DateParseError as exc:
            problems.append(ImportProblem(line, name, str(exc)))
        except (ValueError, OverflowError):
            problems.append(ImportProblem(line, name, "not a date"))
    history: list[tuple[Stage, datetime | None]] = []
    if values.get("history", "").strip():
        try:
            history = list(_parse_history(values["history"]))
        except ValueError as exc:
            problems.append(ImportProblem(line, "history", str(exc)))
    draft: ApplicationDraft | None = None
    # a row shorter than the header has no cell for later columns: those are blank, not absent
    text_fields: dict[str, Any] = {"company": "", "role": ""}
    # the resume version is a record of this database: a table from elsewhere cannot name one
    text_fields.update((k, v) for k, v in values.items()
                       if k not in ("stage", "history", "resume_id", *_DATE_FIELDS))
    try:
        draft = ApplicationDraft(
            **text_fields, stage=stage or Stage.APPLIED,
            applied_on=dates.get("applied_on"), next_action_on=dates.get("next_action_on"),
        ).validated(plan.today)
    except ValidationError as exc:
        problems.extend(ImportProblem(line, name, message) for name, message in exc.errors.items())
    if problems or draft is None:
        for problem in problems:
            plan.add_problem(problem)
        return None
    if not history:
        when = draft.applied_on
        history = [(draft.stage, _noon(when) if when else None)]
    return PlannedApplication(line, draft, tuple(history))


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _parse_history(text: str) -> Iterator[tuple[Stage, datetime]]:
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        label, _, day = part.rpartition(" ")
        stage = stage_from_text(label)
        if stage is None:
            raise ValueError(f"unknown stage \"{short(label)}\" (write e.g. "
                             "\"applied 2026-10-01; screening 2026-10-08\")")
        try:
            when = date.fromisoformat(day)
        except ValueError as exc:
            raise ValueError(f"\"{short(day)}\" is not a YYYY-MM-DD date") from exc
        errors: dict[str, str] = {}
        check_date(errors, "history", "A history date", when)
        if errors:
            raise ValueError(errors["history"])
        yield stage, _noon(when)

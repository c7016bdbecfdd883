"""Export (JSON, CSV) and import (our JSON, CSV from a spreadsheet or another tracker).

An import is planned first (a dry run: counts, ignored columns, problems by line and field),
then applied in ONE transaction: all or nothing. Every application goes through
`ApplicationDraft.validated`, so an imported row obeys the same caps as a typed one. A file
that is too big, binary, not UTF-8 or not a table is refused with one line (`ImportRefused`).
No Textual here, and no playbook: the store holds no judgement.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bounceback.dates import DateParseError, Lean, parse_date
from bounceback.domain import Stage
from bounceback.files import write_private_files, write_private_text
from bounceback.sanitize import clean_text
from bounceback.store.applications import search_fold
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.errors import ValidationError
from bounceback.store.migrations import LATEST
from bounceback.store.models import (
    Application,
    Goal,
    GoalPlan,
    Rejection,
    StageEvent,
    UTCDateTime,
    metadata,
)
from bounceback.store.rejections import Judge, validate_changes

if TYPE_CHECKING:
    from bounceback.store.db import Store

FORMAT = "bounceback"
FORMAT_VERSION = 1
MAX_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 200
MAX_ROW_CELLS = 1_000
MAX_TEXT = 1_000_000
MAX_SHOWN_PROBLEMS = 50
CSV_FILES = ("applications.csv", "rejections.csv")
# What a table is called where a person reads it (counts, problems): (one, many).
TABLE_NAMES: dict[str, tuple[str, str]] = {
    "application": ("application", "applications"),
    "stage_event": ("stage history entry", "stage history entries"),
    "rejection": ("rejection case", "rejection cases"),
    "wallow_window": ("wallow window", "wallow windows"),
    "ritual": ("ritual", "rituals"),
    "ritual_done": ("ritual done", "rituals done"),
    "win": ("win", "wins"),
    "strength": ("strength", "strengths"),
    "help_act": ("time you helped", "times you helped"),
    "goal": ("goal", "goals"),
    "goal_day": ("goal day", "goal days"),
    "goal_plan": ("goal target or days change", "goal target or days changes"),
    "check_in": ("check-in", "check-ins"),
    "setting": ("settings", "settings"),
}


def table_label(name: str, n: int = 1) -> str:
    """A table's name in words ("stage history entries", not `stage_event`)."""
    one, many = TABLE_NAMES.get(name, (name.replace("_", " "),) * 2)
    return one if n == 1 else many


def counts_text(counts: dict[str, int]) -> str:
    """"3 applications, 5 stage history entries" (tables with rows only), or "nothing"."""
    return ", ".join(f"{n:,} {table_label(name, n)}" for name, n in counts.items() if n) \
        or "nothing"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ImportRefused(Exception):
    """The whole file (or the target database) cannot be imported; one line says why."""

    def __init__(self, message: str) -> None:
        """Keep the one-line message (the CLI prints `.message`)."""
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ImportProblem:
    """One bad value: where (CSV line or JSON row), which field, what is wrong."""

    line: int
    field: str
    message: str
    table: str = ""

    def describe(self) -> str:
        """`line 4, stage: ...` for CSV; `application 3, company: ...` for JSON."""
        where = f"{table_label(self.table)} {self.line}" if self.table else f"line {self.line}"
        return f"{where}, {self.field}: {self.message}"


@dataclass(frozen=True)
class PlannedApplication:
    """An accepted CSV row: exactly what will be stored."""

    line: int
    draft: ApplicationDraft
    history: tuple[tuple[Stage, datetime], ...]


@dataclass
class ImportPlan:
    """The dry run: what would be added, what is ignored, what is wrong."""

    kind: str  # "json" or "csv"
    counts: dict[str, int] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    unknown_stages: dict[str, int] = field(default_factory=dict)
    problems: list[ImportProblem] = field(default_factory=list)
    applications: list[PlannedApplication] = field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    new_cases: int = 0  # applications that ended rejected with no case in the file: one each

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (an empty file is fine: it adds nothing)."""
        return not self.problems


# ---- CSV cells ----------------------------------------------------------------------------


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


# ---- export -------------------------------------------------------------------------------


def _exported_tables() -> list[sa.Table]:
    return [t for t in metadata().sorted_tables if t.name != "schema_version"]


def _jsonable(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def export_data(store: Store) -> dict[str, Any]:
    """Every table, every row (stage history included), as JSON-ready values."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with store.read() as s:
        conn = s.connection()
        version = conn.execute(sa.text("select version from schema_version")).scalar()
        for table in _exported_tables():
            order = [c for c in table.primary_key.columns]
            rows = conn.execute(sa.select(table).order_by(*order)).mappings().all()
            tables[table.name] = [
                {k: _jsonable(v) for k, v in row.items()} for row in rows
            ]
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema_version": version if version is not None else LATEST,
        "exported_at": store.clock.now().astimezone(UTC).isoformat(),
        "tables": tables,
    }


def export_json(store: Store, out: Path, *, overwrite: bool = False) -> dict[str, int]:
    """Write everything as versioned JSON (0600, atomic, no symlink); returns rows per table."""
    data = export_data(store)
    text = json.dumps(data, ensure_ascii=False, indent=1)
    write_private_text(out, text + "\n", overwrite=overwrite)
    return {name: len(rows) for name, rows in data["tables"].items()}


_APP_COLUMNS = (
    "company", "role", "stage", "applied_on", "location", "url", "source", "contact_name",
    "contact_email", "next_action", "next_action_on", "description", "notes", "history",
)
_REJ_COLUMNS = (
    "company", "role", "received_on", "stage_reached", "interview_rounds", "kind", "feelings",
    "feeling_note", "intensity_before", "intensity_after", "causes", "out_of_control",
    "lessons", "next_steps", "feedback_status", "feedback_asked_on", "feedback_text",
)


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(_csv_value(v)) for v in row])
    return buf.getvalue()


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, Stage):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def history_text(events: Sequence[tuple[Stage, datetime]]) -> str:
    """`applied 2026-10-01; screening 2026-10-08` (UTC days)."""
    return "; ".join(f"{Stage(stage).label} {at.astimezone(UTC).date().isoformat()}"
                     for stage, at in events)


def export_csv(store: Store, folder: Path, *, overwrite: bool = False) -> dict[str, int]:
    """applications.csv and rejections.csv in `folder` (created 0700); rows written per file.

    Refuses (FileExistsError) before writing anything if either file exists and not
    `overwrite`; a symlinked folder is refused too (never followed).
    """
    folder = Path(folder).expanduser()
    if folder.is_symlink():
        raise FileExistsError(folder)
    if not folder.exists():
        folder.mkdir(mode=0o700)
    if not overwrite:
        for name in CSV_FILES:
            target = folder / name
            if target.exists() or target.is_symlink():
                raise FileExistsError(target)
    a = Application.__table__.c  # type: ignore[attr-defined]
    e = StageEvent.__table__.c  # type: ignore[attr-defined]
    r = Rejection.__table__.c  # type: ignore[attr-defined]
    with store.read() as s:
        conn = s.connection()
        apps = conn.execute(
            sa.select(Application.__table__).where(a.deleted_at.is_(None)).order_by(a.id)  # type: ignore[attr-defined]
        ).mappings().all()
        events: dict[int, list[tuple[Stage, datetime]]] = {}
        for app_id, stage, at in conn.execute(
            sa.select(e.application_id, e.stage, e.at).order_by(e.application_id, e.id)
        ):
            events.setdefault(app_id, []).append((Stage(stage), at))
        rejections = conn.execute(
            sa.select(Rejection.__table__).where(r.deleted_at.is_(None))  # type: ignore[attr-defined]
            .order_by(r.id)
        ).mappings().all()
    app_rows = [
        [*(row[c] for c in _APP_COLUMNS[:-1]), history_text(events.get(row["id"], []))]
        for row in apps
    ]
    rej_rows = [[row[c] for c in _REJ_COLUMNS] for row in rejections]
    write_private_files({  # both files or neither: a retry is never blocked by half an export
        folder / "applications.csv": _csv_text(_APP_COLUMNS, app_rows),
        folder / "rejections.csv": _csv_text(_REJ_COLUMNS, rej_rows),
    }, overwrite=overwrite)
    return {"applications.csv": len(app_rows), "rejections.csv": len(rej_rows)}


# ---- reading a file -----------------------------------------------------------------------


def read_import_file(path: Path) -> bytes:
    """The file's bytes, or ImportRefused (missing, a folder, over 50 MB)."""
    path = Path(path).expanduser()
    if not path.exists():
        raise ImportRefused(f"{path} does not exist.")
    if not path.is_file():
        raise ImportRefused(f"{path} is not a file.")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(f"{path} is {size / 1024 / 1024:.0f} MB; the limit is 50 MB.")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ImportRefused(f"could not read {path} ({exc.strerror or type(exc).__name__}).") \
            from exc
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"{path} is over 50 MB; the limit is 50 MB.")
    return data


def plan_import(path: Path, today: date) -> ImportPlan:
    """Read and check a file without touching any database (the dry run)."""
    return plan_bytes(read_import_file(path), today)


def plan_bytes(data: bytes, today: date) -> ImportPlan:
    """Plan an import of our JSON or of a CSV; ImportRefused for a file that is not either."""
    if len(data) > MAX_BYTES:
        raise ImportRefused("the file is over 50 MB; the limit is 50 MB.")
    if b"\x00" in data:
        raise ImportRefused("this looks like a binary file, not a CSV or a bounceback JSON "
                            "export.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"the file is not UTF-8 text (byte {exc.start + 1}); save it as "
                            "UTF-8 CSV and try again.") from exc
    if not text.strip():
        raise ImportRefused("the file is empty.")
    if text.lstrip().startswith("{"):
        return _plan_json(text)
    return _plan_csv(text, today)


# ---- JSON ---------------------------------------------------------------------------------


def _plan_json(text: str) -> ImportPlan:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ImportRefused("the file starts like JSON but is not valid JSON.") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused("this JSON is not a bounceback export (no \"format\": "
                            "\"bounceback\").")
    if data.get("version") != FORMAT_VERSION:
        raise ImportRefused(f"export format version {data.get('version')!r} is not one this "
                            f"bounceback reads (it reads {FORMAT_VERSION}).")
    schema = data.get("schema_version")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema > LATEST:
        raise ImportRefused("this export was made by a newer bounceback; update bounceback "
                            "to import it.")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise ImportRefused("the export has no \"tables\".")
    plan = ImportPlan(kind="json")
    known = {t.name: t for t in _exported_tables()}
    for name in tables:
        if name not in known:
            plan.ignored_columns.append(str(name))
    for name, table in known.items():
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise ImportRefused(f"table {name} is not a list of rows.")
        clean_rows: list[dict[str, Any]] = []
        for i, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                plan.problems.append(ImportProblem(i, "(row)", "not an object", name))
                continue
            clean_rows.append(_json_row(plan, table, i, row))
        plan.tables[name] = clean_rows
        plan.counts[name] = len(clean_rows)
    with_case = {r.get("application_id") for r in plan.tables.get("rejection", [])}
    plan.new_cases = sum(
        1 for a in plan.tables.get("application", [])
        if a.get("stage") is Stage.REJECTED and a.get("deleted_at") is None
        and a.get("id") not in with_case
    )
    return plan


def _json_row(plan: ImportPlan, table: sa.Table, i: int, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.name not in row:
            if col.nullable or col.server_default is not None:
                continue
            plan.problems.append(ImportProblem(i, col.name, "missing", table.name))
            continue
        try:
            out[col.name] = _coerce(col, row[col.name])
        except ValueError as exc:
            plan.problems.append(ImportProblem(i, col.name, str(exc), table.name))
    if table.name == "application" and {"company", "role"} <= out.keys():
        names = [f.name for f in fields(ApplicationDraft) if f.name != "stage"]
        try:
            draft = ApplicationDraft(**{n: out[n] for n in names if n in out}).validated()
        except ValidationError as exc:
            for name, message in exc.errors.items():
                plan.problems.append(ImportProblem(i, name, message, table.name))
        else:
            out.update({n: getattr(draft, n) for n in names if n in out})
    if table.name == "rejection":
        check: dict[str, Any] = {k: out[k] for k in ("company", "role", "lessons", "next_steps",
                                     "feedback_text", "feelings", "causes", "out_of_control",
                                     "intensity_before", "intensity_after") if k in out}
        try:
            out.update(validate_changes(check))
        except ValidationError as exc:
            for name, message in exc.errors.items():
                plan.problems.append(ImportProblem(i, name, message, table.name))
    return out


def _coerce(col: sa.Column[Any], value: object) -> object:
    """A JSON value as the column's Python value; ValueError says what is wrong."""
    if value is None:
        if col.nullable:
            return None
        raise ValueError("must not be empty")
    kind = col.type
    if isinstance(kind, UTCDateTime):
        if not isinstance(value, str):
            raise ValueError("expected a date and time")
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("the time has no time zone")
        return moment.astimezone(UTC)
    if isinstance(kind, sa.Enum):
        allowed = list(kind.enums)
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}")
        return kind.enum_class(value) if kind.enum_class else value
    if isinstance(kind, sa.Date):
        if not isinstance(value, str):
            raise ValueError("expected a date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise ValueError("expected a date (YYYY-MM-DD)") from exc
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if isinstance(kind, sa.Integer):
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) > 2**62:
            raise ValueError("expected a whole number")
        return value
    if isinstance(kind, sa.JSON):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("expected a list of texts")
        if sum(len(v) for v in value) > MAX_TEXT:
            raise ValueError("too long")
        return [clean_text(v, single_line=True) for v in value]
    if isinstance(kind, sa.String):  # Text too
        if not isinstance(value, str):
            raise ValueError("expected text")
        cap = kind.length or MAX_TEXT
        if len(value) > cap:
            raise ValueError(f"is {len(value):,} characters; the limit is {cap:,}")
        return clean_text(value, single_line=kind.length is not None)
    raise ValueError("unsupported column")  # pragma: no cover - every column type is above


# ---- CSV ----------------------------------------------------------------------------------


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


def stage_from_text(text: str) -> Stage | None:
    """A stage written any of the usual ways, or None if unknown."""
    return _STAGES.get(_norm(text))


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(clean_text(text, single_line=True).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _plan_csv(text: str, today: date) -> ImportPlan:
    csv.field_size_limit(MAX_BYTES)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], ",;\t")
        dialect.doublequote = True  # type: ignore[misc]
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    plan = ImportPlan(kind="csv")
    try:
        header = next(reader, None)
        if header is None:
            raise ImportRefused("the file is empty.")
        if len(header) > MAX_COLUMNS:
            raise ImportRefused(f"the header has {len(header):,} columns; the limit is "
                                f"{MAX_COLUMNS}.")
        mapping: dict[int, str] = {}
        for i, name in enumerate(header):
            target = _HEADERS.get(_norm(name))
            if target is None or target in mapping.values():
                plan.ignored_columns.append(_short(name) or f"(column {i + 1})")
            else:
                mapping[i] = target
        for needed in ("company", "role"):
            if needed not in mapping.values():
                words = ", ".join(HEADER_SYNONYMS[needed])
                raise ImportRefused(f"no {needed} column found in the header line (one of: "
                                    f"{words}).")
        line = reader.line_num + 1
        for cells in reader:
            start, line = line, reader.line_num + 1
            if len(cells) > MAX_ROW_CELLS:
                raise ImportRefused(f"line {start} has {len(cells):,} columns; the limit is "
                                    f"{MAX_ROW_CELLS:,}.")
            if not any(c.strip() for c in cells):
                continue
            values = {target: csv_uncell(cells[i]) for i, target in mapping.items()
                      if i < len(cells)}
            _plan_csv_row(plan, start, values, today)
    except csv.Error as exc:
        raise ImportRefused(f"line {reader.line_num}: not a readable CSV ({exc}).") from exc
    plan.counts = {"application": len(plan.applications),
                   "stage_event": sum(len(a.history) for a in plan.applications)}
    plan.new_cases = sum(1 for a in plan.applications if a.draft.stage is Stage.REJECTED)
    return plan


def _plan_csv_row(plan: ImportPlan, line: int, values: dict[str, str], today: date) -> None:
    problems: list[ImportProblem] = []
    raw_stage = values.get("stage", "").strip()
    stage = stage_from_text(raw_stage) if raw_stage else Stage.APPLIED
    if stage is None:
        shown = _short(raw_stage)
        plan.unknown_stages[shown] = plan.unknown_stages.get(shown, 0) + 1
        problems.append(ImportProblem(line, "stage", f"unknown stage \"{shown}\"; known: "
                                      f"{KNOWN_STAGE_WORDS}"))
    dates: dict[str, date | None] = {}
    for name in _DATE_FIELDS:
        try:
            dates[name] = parse_date(values.get(name, ""), today, _DATE_LEAN[name])
        except DateParseError as exc:
            problems.append(ImportProblem(line, name, str(exc)))
        except (ValueError, OverflowError):
            problems.append(ImportProblem(line, name, "not a date"))
    history: list[tuple[Stage, datetime]] = []
    if values.get("history", "").strip():
        try:
            history = _parse_history(values["history"])
        except ValueError as exc:
            problems.append(ImportProblem(line, "history", str(exc)))
    draft: ApplicationDraft | None = None
    # a row shorter than the header has no cell for later columns: those are blank, not absent
    text_fields = {"company": "", "role": ""}
    text_fields.update((k, v) for k, v in values.items()
                       if k not in ("stage", "history", *_DATE_FIELDS))
    try:
        draft = ApplicationDraft(
            **text_fields, stage=stage or Stage.APPLIED,
            applied_on=dates.get("applied_on"), next_action_on=dates.get("next_action_on"),
        ).validated(today)
    except ValidationError as exc:
        problems.extend(ImportProblem(line, name, message) for name, message in exc.errors.items())
    if problems or draft is None:
        plan.problems.extend(problems)
        return
    if not history:
        when = draft.applied_on
        history = [(draft.stage, _noon(when) if when else None)]  # type: ignore[list-item]
    plan.applications.append(PlannedApplication(line, draft, tuple(history)))


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=UTC)


def _parse_history(text: str) -> list[tuple[Stage, datetime]]:
    out: list[tuple[Stage, datetime]] = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        label, _, day = part.rpartition(" ")
        stage = stage_from_text(label)
        if stage is None:
            raise ValueError(f"unknown stage \"{_short(label)}\" (write e.g. "
                             "\"applied 2026-10-01; screening 2026-10-08\")")
        try:
            when = date.fromisoformat(day)
        except ValueError as exc:
            raise ValueError(f"\"{_short(day)}\" is not a YYYY-MM-DD date") from exc
        out.append((stage, _noon(when)))
    return out


# ---- applying -----------------------------------------------------------------------------


def report_lines(plan: ImportPlan, limit: int = MAX_SHOWN_PROBLEMS) -> list[str]:
    """The dry-run report, one line each (user text is shortened and cleaned)."""
    kind = "a bounceback JSON export" if plan.kind == "json" else "a CSV table"
    lines = [f"This is {kind}."]
    lines.append(f"Would add: {counts_text(plan.counts)}.")
    if plan.new_cases:
        n = plan.new_cases
        lines.append(f"{n:,} application{'s' if n != 1 else ''} ended rejected: each gets its "
                     "case in the casebook (kind read from its stages, marked imported, no "
                     "first-aid flow).")
    if plan.ignored_columns:
        what = "tables" if plan.kind == "json" else "columns"
        lines.append(f"Ignored {what}: {', '.join(plan.ignored_columns)}.")
    for text, n in plan.unknown_stages.items():
        lines.append(f"Unknown stage \"{text}\" in {n} row{'s' if n != 1 else ''}.")
    if plan.problems:
        lines.append(f"{len(plan.problems):,} problem(s); nothing will be imported until "
                     "they are fixed:")
        lines.extend(f"  {p.describe()}" for p in plan.problems[:limit])
        if len(plan.problems) > limit:
            lines.append(f"  … and {len(plan.problems) - limit:,} more.")
    else:
        lines.append("No problems found.")
    return lines


def target_problem(store: Store, plan: ImportPlan) -> str | None:
    """Why this database cannot take the plan (a JSON export needs an empty one), or None."""
    if plan.kind != "json":
        return None
    with store.read() as s:
        return _nonempty(s.connection())


def _nonempty(conn: sa.Connection) -> str | None:
    for table in _exported_tables():
        if table.name == "setting":
            continue
        if conn.execute(sa.select(sa.func.count()).select_from(table)).scalar():
            return ("this database already holds data; import a JSON export into a new one "
                    "(--db NEW.db) so nothing is mixed or replaced.")
    return None


def apply_import(store: Store, plan: ImportPlan, judge: Judge) -> dict[str, int]:
    """Store the plan in ONE transaction (all or nothing); returns rows added per table.

    An application that ended rejected and has no case in the file gets one, so the casebook
    and the pattern agree with the pipeline: `judge` (the playbook's `triage.judge`; the store
    holds no judgement) reads its stages, and the case is marked imported, its flow done.
    """
    if not plan.ok:
        raise ImportRefused(f"{len(plan.problems):,} problem(s) in the file; nothing was "
                            "imported.")
    counts = dict(plan.counts)
    try:
        with store.write() as s:
            conn = s.connection()
            if plan.kind == "json":
                problem = _nonempty(conn)
                if problem:
                    raise ImportRefused(problem)
                conn.execute(sa.delete(metadata().tables["setting"]))
                for table in _exported_tables():
                    rows = plan.tables.get(table.name, [])
                    if rows:
                        conn.execute(sa.insert(table), rows)
                _plan_goals_without_plans(conn)  # a v1 export has no goal_plan table
                app_ids = None  # the database was empty: every application is the file's
            else:
                app_ids = _insert_applications(s, plan.applications, store.clock.now())
            opened = _open_imported_cases(s, app_ids, judge, store)
    except IntegrityError as exc:
        raise ImportRefused("the file's rows refer to records that are not in it (or repeat "
                            "one); nothing was imported.") from exc
    if opened:
        counts["rejection"] = counts.get("rejection", 0) + opened
    return counts


def _plan_goals_without_plans(conn: sa.Connection) -> None:
    """Give every goal without a plan one from its first day (as the v2 upgrade does)."""
    g = Goal.__table__.c  # type: ignore[attr-defined]
    p = GoalPlan.__table__.c  # type: ignore[attr-defined]
    conn.execute(sa.insert(GoalPlan.__table__).from_select(  # type: ignore[attr-defined]
        ["goal_id", "starts_on", "target", "rrule"],
        sa.select(g.id, g.starts_on, g.target, g.rrule).where(
            ~sa.exists().where(p.goal_id == g.id)),
    ))


def _open_imported_cases(s: Any, app_ids: Sequence[int] | None, judge: Judge,
                         store: Store) -> int:
    """A case for each imported application that ended rejected and has none; how many."""
    a = Application.__table__.c  # type: ignore[attr-defined]
    r = Rejection.__table__.c  # type: ignore[attr-defined]
    e = StageEvent.__table__.c  # type: ignore[attr-defined]
    conn = s.connection()
    # any case, even one the person deleted, means "already handled": never a second one
    query = sa.select(a.id, a.company, a.role, a.applied_on).where(
        a.stage == Stage.REJECTED, a.deleted_at.is_(None),
        ~sa.exists().where(r.application_id == a.id),
    )
    if app_ids is not None:
        query = query.where(a.id.in_(list(app_ids)))
    now, tz = store.clock.now(), store.clock.tz
    opened = 0
    for app_id, company, role, applied_on in conn.execute(query).all():
        events = conn.execute(sa.select(e.stage, e.at).where(e.application_id == app_id)
                              .order_by(e.id)).all()
        history = [Stage(stage) for stage, _ in events]
        reached, rounds, kind = judge(history)
        ended = [at for stage, at in events if Stage(stage) is Stage.REJECTED]
        received = (ended[-1].astimezone(tz).date() if ended
                    else applied_on or now.astimezone(tz).date())
        s.add(Rejection(
            application_id=app_id, company=company, role=role, received_on=received,
            stage_reached=reached, interview_rounds=rounds, kind=kind, flow_step="done",
            imported=True, created_at=now, updated_at=now,
        ))
        opened += 1
    s.flush()
    return opened


def _insert_applications(s: Any, planned: Sequence[PlannedApplication],
                         now: datetime) -> list[int]:
    names = [f.name for f in fields(ApplicationDraft) if f.name != "stage"]
    ids = []
    for item in planned:
        d = item.draft
        app = Application(
            **{n: getattr(d, n) for n in names}, stage=d.stage,
            search_fold=search_fold(d.company, d.role, d.notes),
            last_activity_at=now, created_at=now, updated_at=now,
        )
        s.add(app)
        s.flush()
        assert app.id is not None
        ids.append(app.id)
        for stage, at in item.history:
            s.add(StageEvent(application_id=app.id, stage=stage, at=at or now))
    s.flush()
    return ids


def import_file(store: Store, path: Path, today: date,
                judge: Judge) -> tuple[ImportPlan, dict[str, int]]:
    """Plan and apply in one go (the CLI shows the plan first)."""
    plan = plan_import(path, today)
    return plan, apply_import(store, plan, judge)


"""Export (JSON, CSV) and import (our JSON, CSV from a spreadsheet or another tracker).

An import is planned first (a dry run: counts, ignored columns, problems by line or record and
field), then applied in ONE transaction: all or nothing. Every value passes the same rules as
the form that would have typed it. Both directions stream: a file of any size is read and
written a record at a time (one record may be up to 16 MB). No Textual here, and no playbook:
what only the playbook knows comes in as `ImportRules`.

Modules: `export` (writing), `source` and `json_stream` (reading), `json_rows` (one JSON
record's rules), `json_import` and `csv_import` (one pass over a file), `apply` (plan, report,
the transaction).
"""

from bounceback.store.portability.apply import (
    apply_import,
    import_file,
    plan_bytes,
    plan_import,
    planned_applications,
    report_lines,
    target_note,
    target_problem,
)
from bounceback.store.portability.common import (
    CSV_FILES,
    FORMAT,
    FORMAT_VERSION,
    MAX_COLUMNS,
    MAX_RECORD,
    MAX_ROW_CELLS,
    MAX_SHOWN_PROBLEMS,
    TABLE_NAMES,
    ImportPlan,
    ImportProblem,
    ImportRefused,
    ImportRules,
    Source,
    counts_text,
    csv_cell,
    csv_uncell,
    table_label,
)
from bounceback.store.portability.csv_import import (
    HEADER_SYNONYMS,
    KNOWN_STAGE_WORDS,
    STAGE_SYNONYMS,
    PlannedApplication,
    stage_from_text,
)
from bounceback.store.portability.export import (
    export_csv,
    export_data,
    export_json,
    history_text,
)

__all__ = [
    "CSV_FILES", "FORMAT", "FORMAT_VERSION", "HEADER_SYNONYMS", "KNOWN_STAGE_WORDS",
    "MAX_COLUMNS", "MAX_RECORD", "MAX_ROW_CELLS", "MAX_SHOWN_PROBLEMS", "STAGE_SYNONYMS",
    "TABLE_NAMES", "ImportPlan", "ImportProblem", "ImportRefused", "ImportRules",
    "PlannedApplication", "Source", "apply_import", "counts_text", "csv_cell", "csv_uncell",
    "export_csv", "export_data", "export_json", "history_text", "import_file", "plan_bytes",
    "plan_import", "planned_applications", "report_lines", "stage_from_text", "table_label",
    "target_note", "target_problem",
]

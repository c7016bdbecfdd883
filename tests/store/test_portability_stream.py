"""Export and import stream (issue 10, item 11): any size, flat memory, what export writes import
reads, one transaction and the dry run kept; a quote that never closes refuses a CSV (item 12)."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bounceback.clock import FixedClock
from bounceback.demo import build_demo
from bounceback.starters import import_rules
from bounceback.store import portability as p
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.portability import source
from bounceback.store.portability.json_stream import read_export

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)
TODAY = date(2026, 11, 25)
RULES = import_rules()


class Collect:
    """A visitor keeping what `read_export` hands out, to compare with `json.loads`."""

    def __init__(self) -> None:
        self.doc: dict[str, Any] = {}

    def header(self, key: str, value: Any) -> None:
        self.doc[key] = value

    def tables(self) -> None:
        self.doc["tables"] = {}

    def table(self, name: str) -> None:
        self.doc["tables"][name] = []

    def row(self, name: str, value: Any) -> None:
        self.doc["tables"][name].append(value)

    def end(self, name: str) -> None:
        pass


def _chunks(text: str, size: int) -> Any:
    return iter([text[i:i + size] for i in range(0, len(text), size)])


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                     st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12))
_json = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(doc=st.fixed_dictionaries({
    "format": st.just("bounceback"), "version": _scalars,
    "tables": st.dictionaries(st.text(max_size=8), st.lists(_json, max_size=4), max_size=4),
}), indent=st.sampled_from([None, 0, 1, 3]), size=st.integers(1, 40))
def test_the_reader_sees_what_json_loads_sees_whatever_the_layout_and_chunks(doc, indent, size):
    text = json.dumps(doc, indent=indent, ensure_ascii=bool(size % 2))
    seen = Collect()
    read_export(_chunks(text, size), seen)
    assert seen.doc == json.loads(text)


def test_a_record_over_the_limit_is_refused_by_name():
    text = json.dumps({"format": "bounceback", "tables": {"win": [{"story": "x" * 5000}]}})
    with pytest.raises(p.ImportRefused, match="record 1 of table win is longer than 1,000 "
                       "characters, the limit for one record"):
        read_export(_chunks(text, 64), Collect(), limit=1_000)


@pytest.mark.parametrize("bad", ['{"format": "bounceback", "tables": {"a": [1, 2}}',
                                 '{"format": "bounceback"} trailing', '{"a" 1}', '{"tables": 3}'])
def test_broken_json_is_refused_with_one_line(bad):
    with pytest.raises(p.ImportRefused) as info:
        read_export(_chunks(bad, 3), Collect())
    assert "\n" not in info.value.message


def _demo(path: Path, scale: int | None = None) -> Store:
    store = Store.open(path, FixedClock(NOW))
    build_demo(store, scale=scale)
    return store


def test_export_writes_one_record_per_line_in_plain_json(tmp_path):
    store = _demo(tmp_path / "d.db")
    counts = p.export_json(store, tmp_path / "a.json")
    text = (tmp_path / "a.json").read_text()
    assert json.loads(text)["tables"]["application"]  # plain JSON, as before
    records = [line for line in text.splitlines() if line.startswith("{\"id\"")]
    assert len(records) == sum(counts.values())
    store.close()


def test_small_chunks_change_nothing(tmp_path, monkeypatch):
    """Records, multi-byte characters, \\r\\n and numbers cut at every place round-trip."""
    store = _demo(tmp_path / "d.db")
    store.applications.create(ApplicationDraft(company="Zürich Ünïcode ✨ 🧑‍💻", role="Dev",
                                               notes="line one\r\nline two\rthree"))
    p.export_json(store, tmp_path / "a.json")
    p.export_csv(store, tmp_path / "csv")
    big = p.plan_import(tmp_path / "a.json", TODAY, RULES)
    big_csv = p.planned_applications(p.plan_import(tmp_path / "csv" / "applications.csv",
                                                   TODAY, RULES))
    monkeypatch.setattr(source, "CHUNK", 7)
    small = p.plan_import(tmp_path / "a.json", TODAY, RULES)
    assert small.ok and (small.counts, small.digest) == (big.counts, big.digest)
    small_csv = p.planned_applications(p.plan_import(tmp_path / "csv" / "applications.csv",
                                                     TODAY, RULES))
    assert small_csv == big_csv
    fresh = Store.open(tmp_path / "fresh.db", FixedClock(NOW))
    p.apply_import(fresh, small)
    assert p.export_data(fresh)["tables"] == p.export_data(store)["tables"]
    store.close()
    fresh.close()


def _peak(step: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        step()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _measure(folder: Path, scale: int) -> tuple[int, dict[str, int]]:
    store = _demo(folder / "d.db", scale)
    peaks = {"export": _peak(lambda: p.export_json(store, folder / "a.json"))}
    plan = p.plan_import(folder / "a.json", TODAY, RULES)
    peaks["plan"] = _peak(lambda: p.plan_import(folder / "a.json", TODAY, RULES))
    fresh = Store.open(folder / "fresh.db", FixedClock(NOW))
    peaks["apply"] = _peak(lambda: p.apply_import(fresh, plan))
    peaks["csv export"] = _peak(lambda: p.export_csv(store, folder / "csv"))
    peaks["csv plan"] = _peak(lambda: p.plan_import(folder / "csv" / "applications.csv",
                                                    TODAY, RULES))
    store.close()
    fresh.close()
    return (folder / "a.json").stat().st_size, peaks


def test_memory_stays_flat_as_the_data_triples(tmp_path, monkeypatch):
    """The old export built the whole document (1.6 GB at 100k); now a batch at a time."""
    from bounceback.store.portability import apply, export

    monkeypatch.setattr(source, "CHUNK", 64 * 1024)  # (1 MB and 1,000 rows in real use)
    monkeypatch.setattr(export, "BATCH", 200)
    monkeypatch.setattr(apply, "BATCH", 200)
    (tmp_path / "s").mkdir()
    (tmp_path / "l").mkdir()
    _, small = _measure(tmp_path / "s", 1_000)
    size, large = _measure(tmp_path / "l", 3_000)
    assert size > 5_000_000
    for step, peak in large.items():
        assert peak < small[step] * 1.5 + 1_000_000, (step, small, large)
        assert peak < size / 2, (step, peak, size)


def test_a_file_changed_after_its_dry_run_is_not_imported(tmp_path):
    store = _demo(tmp_path / "d.db")
    p.export_json(store, tmp_path / "a.json")
    plan = p.plan_import(tmp_path / "a.json", TODAY, RULES)
    text = (tmp_path / "a.json").read_text()
    (tmp_path / "a.json").write_text(text.replace("Acme", "Acmf", 1) if "Acme" in text
                                     else text.replace("\"role\": \"", "\"role\": \"X", 1))
    fresh = Store.open(tmp_path / "fresh.db", FixedClock(NOW))
    with pytest.raises(p.ImportRefused, match="changed since it was checked"):
        p.apply_import(fresh, plan)
    assert sum(len(rows) for rows in p.export_data(fresh)["tables"].values()) == 0
    store.close()
    fresh.close()


def test_an_indented_export_from_an_older_bounceback_still_imports(tmp_path):
    store = _demo(tmp_path / "d.db")
    data = p.export_data(store)
    (tmp_path / "old.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    plan = p.plan_import(tmp_path / "old.json", TODAY, RULES)
    assert plan.ok, p.report_lines(plan)
    fresh = Store.open(tmp_path / "fresh.db", FixedClock(NOW))
    p.apply_import(fresh, plan)
    assert p.export_data(fresh)["tables"] == data["tables"]
    store.close()
    fresh.close()


# ---- item 12: a quoted CSV cell that never ends ------------------------------------------

@pytest.mark.parametrize(("text", "line"), [
    ("company,role,notes\nAcme,Dev,\"fine\"\nBeta,QA,\"never closed\nGamma,PM,x\nDelta,Ops,y\n",
     3),
    ("company,role\n\"Acme,Dev\nBeta,QA\n", 2),
    ("company,\"role\nAcme,Dev\n", 1),
    ("company;role;notes\nAcme;Dev;\"a \"\"quoted\"\" word\nBeta;QA;z\n", 2),
])
def test_an_unterminated_quote_refuses_the_csv_naming_its_line(tmp_path, text, line):
    path = tmp_path / "t.csv"
    path.write_text(text)
    with pytest.raises(p.ImportRefused, match=f"^line {line}: a quoted cell starts here and "
                       "never ends"):
        p.plan_import(path, TODAY, RULES)


def test_quotes_inside_cells_that_do_close_still_import(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('company,role,notes\nAcme,27" monitor tester,"said ""hi"""\n'
                    'Beta,QA,"two\nlines"\n')
    plan = p.plan_import(path, TODAY, RULES)
    assert plan.ok, p.report_lines(plan)
    rows = p.planned_applications(plan)
    assert [(r.draft.role, r.draft.notes) for r in rows] == [
        ('27" monitor tester', 'said "hi"'), ("QA", "two\nlines")]



def test_one_csv_row_has_a_size_limit_too(tmp_path, monkeypatch):
    """A quoted cell spanning many lines is one record: past the limit it is refused, by line."""
    from bounceback.store.portability import csv_import

    monkeypatch.setattr(csv_import, "MAX_RECORD", 1_000)
    path = tmp_path / "t.csv"
    path.write_text("company,role,notes\nAcme,Dev,ok\nBeta,QA,\"" + "long line\n" * 300 + "\"\n")
    with pytest.raises(p.ImportRefused, match="^line 3: one row is longer than 1,000 characters"):
        p.plan_import(path, TODAY, RULES)

"""Export (JSON, CSV) and import: round trips, synonyms, all-or-nothing, hostile files."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bounceback.demo import build_demo
from bounceback.domain import RejectionKind, Stage
from bounceback.playbook.goals import rrule_problem
from bounceback.playbook.triage import judge
from bounceback.starters import import_rules
from bounceback.store import portability as p
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.goals import GoalDraft

TODAY = date(2026, 11, 25)
RULES = import_rules()


def _fresh(tmp_path: Path, clock, name: str) -> Store:  # type: ignore[no-untyped-def]
    return Store.open(tmp_path / name, clock)


def _export(store: Store, path: Path) -> dict:  # type: ignore[type-arg]
    p.export_json(store, path)
    data = json.loads(path.read_text())
    data.pop("exported_at")
    return data


def _counts(store: Store) -> dict[str, int]:
    data = p.export_data(store)
    return {name: len(rows) for name, rows in data["tables"].items()}


def test_json_round_trip_of_the_demo_is_identical(tmp_path, clock):
    demo = _fresh(tmp_path, clock, "demo.db")
    build_demo(demo)
    first = _export(demo, tmp_path / "a.json")
    assert first["format"] == "bounceback" and first["version"] == 1
    assert first["tables"]["stage_event"] and first["tables"]["rejection"]
    fresh = _fresh(tmp_path, clock, "fresh.db")
    p.apply_import(fresh, p.plan_import(tmp_path / "a.json", TODAY, RULES))
    assert _export(fresh, tmp_path / "b.json") == first


def test_export_files_are_private_and_never_replaced_silently(tmp_path, store):
    out = tmp_path / "x.json"
    p.export_json(store, out)
    assert out.stat().st_mode & 0o777 == 0o600
    with pytest.raises(FileExistsError):
        p.export_json(store, out)
    p.export_json(store, out, overwrite=True)
    folder = tmp_path / "csv"
    p.export_csv(store, folder)
    assert {f.name for f in folder.iterdir()} == set(p.CSV_FILES)
    assert all((folder / n).stat().st_mode & 0o777 == 0o600 for n in p.CSV_FILES)
    with pytest.raises(FileExistsError):
        p.export_csv(store, folder)


def test_export_never_follows_a_symlink(tmp_path, store):
    victim = tmp_path / "victim"
    victim.write_text("keep")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    with pytest.raises(FileExistsError):
        p.export_json(store, link)
    p.export_json(store, link, overwrite=True)  # replaces the link, not its target
    assert victim.read_text() == "keep" and not link.is_symlink()
    os.symlink(tmp_path, tmp_path / "dirlink")
    with pytest.raises(FileExistsError):
        p.export_csv(store, tmp_path / "dirlink")


def test_csv_round_trip_with_formula_cells_is_lossless(tmp_path, store, clock):
    hostile = ("=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "'quoted", "''=x", "plain")
    for i, text in enumerate(hostile):
        store.applications.create(ApplicationDraft(company=text, role=f"r{i}", notes=text,
                                                   stage=Stage.SCREENING))
    p.export_csv(store, tmp_path / "out")
    raw = (tmp_path / "out" / "applications.csv").read_text()
    assert "'=HYPERLINK" in raw and "\n=" not in raw and ",=" not in raw
    assert ",'+1," in raw and ",'@SUM" in raw
    other = _fresh(tmp_path, clock, "other.db")
    plan = p.plan_import(tmp_path / "out" / "applications.csv", TODAY, RULES)
    assert plan.ok, p.report_lines(plan)
    p.apply_import(other, plan)
    p.export_csv(other, tmp_path / "again")
    assert (tmp_path / "again" / "applications.csv").read_text() == raw
    assert sorted(r.company for r in other.applications.rows()) == sorted(hostile)


def test_history_is_flattened_and_read_back(tmp_path, store):
    app = store.applications.create(ApplicationDraft(company="Acme", role="Dev"))
    store.applications.move(app.id, Stage.SCREENING)
    p.export_csv(store, tmp_path / "o")
    text = (tmp_path / "o" / "applications.csv").read_text()
    assert "applied 2026-11-25; screening 2026-11-25" in text


def _csv(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_synonyms_for_headers_stages_and_dates(tmp_path, store):
    path = _csv(tmp_path, (
        "Organization,Job Title, STATUS ,Date Applied,Job URL,Platform,Notes,Salary\n"
        "Acme,Dev,Phone Screen,20/11/2026,https://a.example,LinkedIn,hi,100k\n"
        "Beta,QA,onsite,Nov 3,,,,\n"
        "Gamma,PM,declined by company,2026-10-01,,,,\n"
        "Delta,SRE,Wishlist,,,,,\n"
        "Eps,Ops,no response,yesterday,,,,\n"
    ))
    plan = p.plan_import(path, TODAY, RULES)
    assert plan.ok and plan.ignored_columns == ["Salary"]
    planned = p.planned_applications(plan)
    stages = [a.draft.stage for a in planned]
    assert stages == [Stage.SCREENING, Stage.INTERVIEWING, Stage.REJECTED, Stage.SAVED,
                      Stage.GHOSTED]
    first = planned[0].draft
    assert (first.applied_on, first.url, first.source) == (date(2026, 11, 20),
                                                           "https://a.example", "LinkedIn")
    assert planned[1].draft.applied_on == date(2026, 11, 3)
    assert planned[4].draft.applied_on == date(2026, 11, 24)
    p.apply_import(store, plan)
    assert len(store.applications.rows()) == 5


def test_a_bad_row_is_named_and_nothing_is_stored(tmp_path, store):
    store.applications.create(ApplicationDraft(company="Mine", role="Kept"))
    path = _csv(tmp_path, "company,role,status,applied on\n"
                          "Acme,Dev,applied,2026-11-01\n"
                          "Beta,QA,maybe later,2026-11-01\n"
                          ",PM,applied,2026-11-01\n"
                          "Gamma,Ops,applied,the day after the party\n")
    plan = p.plan_import(path, TODAY, RULES)
    described = [x.describe() for x in plan.problems]
    assert described[0].startswith("line 3, stage: unknown stage \"maybe later\"")
    assert any(d.startswith("line 4, company:") for d in described)
    assert any(d.startswith("line 5, applied_on:") for d in described)
    assert plan.unknown_stages == {"maybe later": 1}
    before = p.export_data(store)["tables"]
    with pytest.raises(p.ImportRefused):
        p.apply_import(store, plan)
    assert p.export_data(store)["tables"] == before


def test_caps_apply_to_imported_rows(tmp_path):
    path = _csv(tmp_path, "company,role\n" + "x" * 201 + ",Dev\n")
    plan = p.plan_import(path, TODAY, RULES)
    assert [(x.line, x.field) for x in plan.problems] == [(2, "company")]
    assert "limit is 200" in plan.problems[0].message


def test_json_import_refuses_a_database_with_data(tmp_path, store):
    store.applications.create(ApplicationDraft(company="Mine", role="Kept"))
    p.export_json(store, tmp_path / "a.json")
    plan = p.plan_import(tmp_path / "a.json", TODAY, RULES)
    assert p.target_problem(store, plan)
    with pytest.raises(p.ImportRefused, match="already holds data"):
        p.apply_import(store, plan)
    assert len(store.applications.rows()) == 1


def test_json_with_a_bad_value_or_reference_changes_nothing(tmp_path, store, clock):
    store.applications.create(ApplicationDraft(company="A", role="B"))
    data = p.export_data(store)
    data["tables"]["application"][0]["stage"] = "promoted"
    (tmp_path / "bad.json").write_text(json.dumps(data))
    plan = p.plan_import(tmp_path / "bad.json", TODAY, RULES)
    assert [(x.table, x.line, x.field) for x in plan.problems] == [("application", 1, "stage")]
    data = p.export_data(store)
    data["tables"]["stage_event"][0]["application_id"] = 999
    (tmp_path / "dangling.json").write_text(json.dumps(data))
    fresh = _fresh(tmp_path, clock, "fresh.db")
    with pytest.raises(p.ImportRefused, match="nothing was imported"):
        p.apply_import(fresh, p.plan_import(tmp_path / "dangling.json", TODAY, RULES))
    assert sum(_counts(fresh).values()) == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("company,role\nCaf\xe9,Dev\n".encode("latin-1"), "not UTF-8"),
    (b"", "empty"),
    (b"name,age\nx,1\n", "no company column"),
    (("c," * 1_000_000 + "\n").encode(), "limit is 200"),
    (b"company,role\n" + b"a," * 5000 + b"\n", "limit is 1,000"),
    (b'{"format": "other"}', "not a bounceback export"),
    (b'{"format": "bounceback", "version": 1, "schema_version": 999, "tables": {}}', "newer"),
    (b"{not json", "not valid JSON"),
])
def test_malformed_files_are_refused_with_one_line(tmp_path, content, message):
    path = tmp_path / "f.csv"
    path.write_bytes(content)
    with pytest.raises(p.ImportRefused, match=message) as info:
        p.plan_import(path, TODAY, RULES)
    assert "\n" not in info.value.message


def test_a_huge_binary_file_is_refused_at_its_first_megabyte(tmp_path, monkeypatch):
    """Size is no reason to refuse a file any more (exports stream); binary still is, at once."""
    from bounceback.store.portability import source

    path = tmp_path / "huge.csv"
    with path.open("wb") as fh:
        fh.truncate(200 * 1024 * 1024)  # sparse: 200 MB of NUL bytes, no disk used
    reads = []
    real_read = source.os.read

    def counting_read(fd, n):  # type: ignore[no-untyped-def]
        reads.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(source.os, "read", counting_read)
    with pytest.raises(p.ImportRefused, match="binary"):
        p.plan_import(path, TODAY, RULES)
    assert sum(reads) <= 2 * source.CHUNK


def test_csv_cell_escaping_round_trips():
    for text in ("=1", "+", "-", "@", "\tx", "\rx", "'", "''", "'=", "a=b", "", "ok"):
        assert p.csv_uncell(p.csv_cell(text)) == text
        assert not p.csv_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


_cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
_stage_words = st.sampled_from(["applied", "Phone Screen", "onsite", "hired", "nope", "", "NO",
                                "wish list", "final_round", "??"])
_dates = st.sampled_from(["2026-11-01", "Nov 3", "20/11/2026", "tomorrow", "banana", "",
                          "99/99/9999", "+7d", "0001-01-01"])


def _no_date_first(row: tuple) -> tuple:
    """Sort rows that may lack a date (None does not compare with a date)."""
    company, role, stage, applied_on, notes = row
    return company, role, stage, applied_on is not None, applied_on or TODAY, notes


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(rows=[("0", "0", "applied", "2026-11-01", ""), ("0", "0", "applied", "", "")],
         header="company,role,status,applied on,notes")  # found by CI: a row without a date
@given(rows=st.lists(st.tuples(_cells, _cells, _stage_words, _dates, _cells), max_size=6),
       header=st.sampled_from(["company,role,status,applied on,notes",
                               "Employer;Position;Stage;Application Date;Notes",
                               "company\trole\tstage\tdate\tnotes"]))
def test_hypothesis_csv_import_never_crashes_and_stores_what_it_showed(tmp_path_factory, clock,
                                                                       rows, header):
    import csv
    import io

    delimiter = ";" if ";" in header else ("\t" if "\t" in header else ",")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header.split(delimiter))
    writer.writerows(rows)
    try:
        plan = p.plan_bytes(buf.getvalue().encode(), TODAY, RULES)
    except p.ImportRefused:
        return
    assert isinstance(p.report_lines(plan), list)
    if not plan.ok:
        return
    store = Store.open(tmp_path_factory.mktemp("h") / "h.db", clock)
    try:
        p.apply_import(store, plan)
        stored = sorted(((d.company, d.role, d.stage, d.applied_on, d.notes)
                         for d in (store.applications.get(r.id) for r in
                                   store.applications.rows())), key=_no_date_first)
        shown = sorted(((a.draft.company, a.draft.role, a.draft.stage, a.draft.applied_on,
                         a.draft.notes) for a in p.planned_applications(plan)),
                       key=_no_date_first)
        assert stored == shown
    finally:
        store.close()


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_hypothesis_arbitrary_bytes_only_refuse_or_plan(data):
    try:
        plan = p.plan_bytes(data, TODAY, RULES)
    except p.ImportRefused as exc:
        assert exc.message and "\n" not in exc.message
    else:
        p.report_lines(plan)


def test_a_row_shorter_than_the_header_is_named_not_a_crash():
    """Found by hypothesis in CI: a row missing its last cells has blank fields, not absent ones."""
    from datetime import date

    from bounceback.store.portability import plan_bytes

    plan = plan_bytes(b"company,stage,role\nAcme,applied\n", date(2026, 11, 25), RULES)
    assert [(p.line, p.field) for p in plan.problems] == [(2, "role")]


# --- an imported "no" gets its case; v2 fields travel (issue 9, defect 17) ------------------


def _cases(store: Store) -> list[dict]:  # type: ignore[type-arg]
    import sqlalchemy as sa

    with store.read() as s:
        rows = s.connection().execute(sa.text(
            "select application_id, company, received_on, stage_reached, interview_rounds, "
            "kind, imported, flow_step from rejection order by id")).mappings().all()
    return [dict(r) for r in rows]


def test_csv_rows_that_ended_rejected_get_their_case(tmp_path, store):
    path = tmp_path / "tracker.csv"
    path.write_text(
        "company,role,status,history\n"
        "Acme,Dev,rejected,applied 2026-10-01; screening 2026-10-08; "
        "interviewing 2026-10-15; rejected 2026-10-20\n"
        "Beta,QA,rejected,\n"
        "Gamma,PM,applied,\n"
    )
    plan = p.plan_import(path, TODAY, RULES)
    assert plan.ok and plan.new_cases == 2
    assert any("2 applications ended rejected" in line for line in p.report_lines(plan))
    counts = p.apply_import(store, plan)
    assert counts["rejection"] == 2
    acme, beta = _cases(store)
    assert acme["company"] == "Acme" and acme["received_on"] == "2026-10-20"
    assert (acme["stage_reached"], acme["interview_rounds"], acme["kind"]) == (
        Stage.INTERVIEWING.value, 1, RejectionKind.MID.value)
    assert (acme["imported"], acme["flow_step"]) == (1, "done")
    assert beta["kind"] == RejectionKind.EARLY.value and beta["received_on"] == TODAY.isoformat()
    assert store.wallow.open_window() is None  # no first-aid flow started
    # the casebook and the pattern see them, as the pipeline does
    assert sorted(r.company for r in store.rejections.rows()) == ["Acme", "Beta"]
    assert sorted(store.rejections.recent_kinds()) == sorted(
        [RejectionKind.MID, RejectionKind.EARLY])


def test_a_json_export_with_its_cases_is_not_given_a_second_case(tmp_path, store, clock):
    app_id = store.applications.create(ApplicationDraft(company="Acme", role="Dev")).id
    store.rejections.log_for_application(app_id, judge)
    lone = store.applications.create(ApplicationDraft(company="Beta", role="QA",
                                                      stage=Stage.REJECTED)).id
    p.export_json(store, tmp_path / "a.json")
    plan = p.plan_import(tmp_path / "a.json", TODAY, RULES)
    assert plan.new_cases == 1  # only Beta, which never had a case
    fresh = _fresh(tmp_path, clock, "fresh.db")
    counts = p.apply_import(fresh, plan)
    assert counts["rejection"] == 2
    cases = _cases(fresh)
    assert [(c["company"], c["imported"]) for c in cases] == [("Acme", 0), ("Beta", 1)]
    assert cases[1]["application_id"] == lone


def test_json_carries_goal_plans_theme_and_case_flags(tmp_path, store, clock):
    import sqlalchemy as sa

    goal = store.goals.create(GoalDraft("Walk", target=2), rrule_problem)
    clock.advance(2 * 86_400)
    store.goals.update(goal.id, GoalDraft("Walk", target=5), rrule_problem)
    store.settings.update(wallow_minutes=20)  # the settings row exists once something is set
    with store.write() as s:
        s.connection().execute(sa.text("update setting set theme = 'textual-light'"))
    data = p.export_data(store)
    assert len(data["tables"]["goal_plan"]) == 2
    assert data["tables"]["setting"][0]["theme"] == "textual-light"
    p.export_json(store, tmp_path / "a.json")
    fresh = _fresh(tmp_path, clock, "fresh.db")
    p.apply_import(fresh, p.plan_import(tmp_path / "a.json", TODAY, RULES))
    assert [(x.target) for x in fresh.goals.get(goal.id).plans] == [2, 5]
    assert p.export_data(fresh)["tables"] == data["tables"]


def test_a_v1_json_export_still_imports(tmp_path, store, clock):
    store.goals.create(GoalDraft("Walk", target=2), rrule_problem)
    app_id = store.applications.create(ApplicationDraft(company="Acme", role="Dev")).id
    store.rejections.log_for_application(app_id, judge)
    data = p.export_data(store)
    data["schema_version"] = 1  # what a v1 bounceback wrote: no goal_plan, no v2 columns
    del data["tables"]["goal_plan"]
    for row in data["tables"]["rejection"]:
        del row["imported"], row["deleted_at"]
    for row in data["tables"]["setting"]:
        del row["theme"]
    (tmp_path / "v1.json").write_text(json.dumps(data))
    plan = p.plan_import(tmp_path / "v1.json", TODAY, RULES)
    assert plan.ok, p.report_lines(plan)
    fresh = _fresh(tmp_path, clock, "fresh.db")
    p.apply_import(fresh, plan)
    (goal,) = fresh.goals.all()
    assert [(x.starts_on, x.target) for x in goal.plans] == [(goal.starts_on, 2)]
    assert [c["imported"] for c in _cases(fresh)] == [0]


def test_counts_and_problems_use_plain_names(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("company,role,status\nAcme,Dev,applied\n")
    lines = p.report_lines(p.plan_import(path, TODAY, RULES))
    assert "Would add: 1 application, 1 stage history entry." in lines
    assert not any("stage_event" in line for line in lines)
    problem = p.ImportProblem(3, "stage", "bad", "stage_event")
    assert problem.describe() == "stage history entry 3, stage: bad"

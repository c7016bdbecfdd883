"""The schema the migrations build is exactly the one the models declare."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa

from bounceback.store import migrations, models
from bounceback.store.db import Store
from bounceback.store.engine import build_engine


def _on_delete(engine: sa.Engine, table: str) -> dict[str, str]:
    """Each foreign key's ON DELETE as SQLite enforces it. SQLAlchemy's reflection parses it
    only from a table-level FOREIGN KEY clause; a column added later (ALTER TABLE ... ADD
    COLUMN x REFERENCES t ON DELETE ...) can only carry the inline form it does not read."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(f'PRAGMA foreign_key_list("{table}")').all()
    return {row[3]: row[6] for row in rows}


def describe(engine: sa.Engine) -> dict[str, dict[str, object]]:
    """Everything that makes a schema, per table, in a comparable form."""
    insp = sa.inspect(engine)
    schema: dict[str, dict[str, object]] = {}
    for table in sorted(insp.get_table_names()):
        on_delete = _on_delete(engine, table)
        schema[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c["default"])
                for c in insp.get_columns(table)
            ],
            "pk": insp.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    on_delete[fk["constrained_columns"][0]],
                )
                for fk in insp.get_foreign_keys(table)
            ),
            "unique": sorted(
                (u["name"] or "", tuple(u["column_names"]))
                for u in insp.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in insp.get_indexes(table)
            ),
        }
    return schema


def test_migrated_schema_equals_the_models(store: Store, tmp_path: Path) -> None:
    declared_engine = build_engine(f"sqlite:///{tmp_path / 'declared.db'}")
    models.metadata().create_all(declared_engine)
    try:
        migrated = describe(store.engine)
        declared = describe(declared_engine)
    finally:
        declared_engine.dispose()
    assert migrated.keys() == declared.keys()
    for table in declared:
        assert migrated[table] == declared[table], table
    # The comparison is not vacuous: the parts that matter are really there.
    assert ((("application_id",), "application", ("id",), "CASCADE")) in declared["stage_event"][
        "fks"
    ]
    assert ((("application_id",), "application", ("id",), "SET NULL")) in declared["rejection"][
        "fks"
    ]
    assert ("uq_goal_day", ("goal_id", "day")) in declared["goal_day"]["unique"]
    assert declared["check_in"]["unique"]
    assert ((("resume_id",), "material", ("id",), "SET NULL")) in migrated["application"]["fks"]


def test_fresh_database_records_the_latest_version(store: Store, db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT id, version FROM schema_version").fetchall() == [
            (1, migrations.LATEST)
        ]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST
    finally:
        conn.close()


def test_every_connection_gets_the_safety_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000

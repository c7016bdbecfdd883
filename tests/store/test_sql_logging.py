"""SQLAlchemy's debug logging never prints what a person wrote (issue 9, defect 17)."""

from __future__ import annotations

import logging

import pytest

from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.store.wins import WinDraft

SECRET = "my-private-journal-words"


@pytest.mark.parametrize("how", ["logger-debug", "echo-debug"])
def test_debug_logging_shows_no_stored_text(store: Store, caplog, capsys, how) -> None:
    store.applications.create(ApplicationDraft(company=f"Acme {SECRET}", role="Engineer",
                                               notes=f"notes {SECRET}"))
    engine_logger = logging.getLogger("sqlalchemy.engine")
    old_level = engine_logger.level
    caplog.set_level(logging.DEBUG)  # everything, root and sqlalchemy alike
    engine_logger.setLevel(logging.DEBUG)
    if how == "echo-debug":
        store.engine.echo = "debug"  # SQLAlchemy adds its own stdout handler too
    try:
        store.applications.create(ApplicationDraft(company=f"Beta {SECRET}", role="Engineer"))
        store.wins.create(WinDraft(title=f"win {SECRET}", story=f"story {SECRET}"))
        rows = store.applications.rows()
        detail = store.applications.get(rows[0].id)
    finally:
        store.engine.echo = False
        engine_logger.setLevel(old_level)
    assert SECRET in detail.notes  # the data is there; it is only the logs that keep quiet
    out = capsys.readouterr()
    assert caplog.records, "debug logging produced no records at all: the test saw nothing"
    assert any("SELECT" in r.getMessage() for r in caplog.records)  # SQL text still shows
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert SECRET not in logged
    assert SECRET not in out.out and SECRET not in out.err

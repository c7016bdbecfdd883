"""Pinned looks of the keyword gap where a person meets it: the application's detail with its
Match line, the keyword gap modal, and reuse research — 80x24 and 120x40, dark and light, on a
store of their own (two resume versions, a posting) at the fixed clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bounceback.app import BouncebackApp
from bounceback.clock import FixedClock
from bounceback.domain import MaterialKind, Stage
from bounceback.starters import starters
from bounceback.store.db import Store
from bounceback.store.drafts import ApplicationDraft
from bounceback.themes import OFFERED_THEMES
from tests.snapshots.conftest import SIZE, SMALL
from tests.snapshots.contrast import AA_TEXT, failures
from tests.snapshots.test_contrast import _region
from tests.ui.conftest import NOW, PipelineFirstApp, settle

POSTING = """Senior Backend Engineer — Payments

About the role
You will build the services that move money for 3 million customers.

Requirements
- 5+ years of Python in production
- Experience with PostgreSQL and Kubernetes
- gRPC and REST APIs; event streaming with Kafka
- Terraform or Pulumi for infrastructure as code
- Clear written communication

Nice to have
- Go, observability with Prometheus
"""
RESUME = """Jane Doe
jane@example.com | +49 30 1234567 | github.com/janedoe

Experience
Backend Engineer, Parcelly (2021-2026)
- Built Python services on Postgres handling 40k orders a day
- Designed REST APIs used by 12 partner teams
- Cut p95 latency by 35% with query tuning
- Responsible for on-call rotation

Education
BSc Computer Science, TU Berlin

Skills
Python, Postgres, Docker, Kafka, Grafana
"""
RESUME_2 = RESUME.replace("Docker, Kafka", "Docker, Kubernetes, gRPC, Kafka, Terraform")


@pytest.fixture
def match_app(tmp_path: Path) -> BouncebackApp:
    """One rejected application with a posting and the resume that went out, on the Pipeline."""
    clock = FixedClock(NOW)
    store = Store.open(tmp_path / "match.db", clock, starters=starters())
    sent = store.materials.add(MaterialKind.RESUME, "Backend 2026", RESUME,
                               added_on=date(2026, 11, 2)).id
    store.materials.add(MaterialKind.RESUME, "Backend 2026 cloud", RESUME_2,
                        added_on=date(2026, 11, 20))
    app_id = store.applications.create(ApplicationDraft(
        company="Parcelly Pay", role="Senior Backend Engineer", location="Berlin",
        source="LinkedIn", contact_name="Dana Lee", contact_email="dana@parcelly.example",
        applied_on=date(2026, 11, 4), description=POSTING, resume_id=sent,
        notes="Team of 8; ships weekly. The CTO wrote the Kafka migration post.")).id
    store.applications.move(app_id, Stage.REJECTED)
    return PipelineFirstApp(open_store=lambda: store, clock=clock)


def _run(keys: tuple[str, ...], theme: str = ""):  # type: ignore[no-untyped-def]
    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        if theme:
            pilot.app.theme = theme
        await settle(pilot)
        await pilot.press("f")  # all: the rejected application is closed
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


DETAIL = ("enter",)
GAP = ("enter", "k")
REUSE = ("a",)
LIGHT = "textual-light"


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("theme", ["", LIGHT], ids=["dark", "light"])
def test_detail_with_its_match_line(snap_compare, match_app, size, theme):
    assert snap_compare(match_app, terminal_size=size, run_before=_run(DETAIL, theme))


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])
@pytest.mark.parametrize("theme", ["", LIGHT], ids=["dark", "light"])
def test_keyword_gap_modal(snap_compare, match_app, size, theme):
    assert snap_compare(match_app, terminal_size=size, run_before=_run(GAP, theme))


def test_keyword_gap_with_another_version(snap_compare, match_app):
    assert snap_compare(match_app, terminal_size=SIZE, run_before=_run((*GAP, "v")))


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])
def test_reuse_research_modal(snap_compare, match_app, size):
    assert snap_compare(match_app, terminal_size=size, run_before=_run(REUSE))


@pytest.mark.parametrize("theme", OFFERED_THEMES)
async def test_every_text_of_the_gap_reaches_aa_contrast(match_app, theme):
    """The term groups' colours (✗ ~ ✓, health levels) on a real gap, not only the demo's."""
    low: list[str] = []
    async with match_app.run_test(size=SMALL) as pilot:
        for keys in (DETAIL, GAP, (*GAP, "end"), (*GAP, "v")):
            await _run(keys, theme)(pilot)
            region = _region(match_app)
            low += [f"{keys}: {span}" for span in failures(match_app.export_screenshot(),
                                                             AA_TEXT, region)]
            while len(match_app.screen_stack) > 1:
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press("f", "f")  # back to the active view, as a fresh app has it
            await settle(pilot)
    assert not low, "\n".join(low[:40])

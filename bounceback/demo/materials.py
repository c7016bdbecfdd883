"""The demo's two resume versions (a first draft of duties, then one rewritten around results),
and the hard fortnight that puts the demo's Today in its gentler mode.

The first went out with the early applications and drew early no's; halfway through the eight
weeks the person rewrote it (numbers in the bullets, the postings' own words), retired the draft,
and every application after that records the new one. The detective, the Materials screen and
the application detail all have something real to show.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bounceback.demo.habits import Row
from bounceback.domain import MaterialKind

FIRST_DRAFT = """Sam Rivera
Backend engineer
sam.rivera@example.com | +1 555 010 0142 | linkedin.com/in/sam-rivera-demo

Experience
Software engineer, Parcelwise (2021-2026)
- Responsible for the order service and its APIs
- Worked on Postgres schema changes
- Helped with K8s deployments and on-call
- Wrote tests and reviewed pull requests

Junior developer, Brightmill (2019-2021)
- Duties included bug fixes in the React front end
- Maintained internal tools in Python

Education
BSc Computer Science, 2019

Skills
Python, TypeScript, Postgres, React, AWS, REST APIs
"""

RESULTS_FIRST = """Sam Rivera
Backend engineer
sam.rivera@example.com | +1 555 010 0142 | linkedin.com/in/sam-rivera-demo

Experience
Software engineer, Parcelwise (2021-2026)
- Cut checkout API latency by 38% by reshaping PostgreSQL indexes and queries
- Led the move of 14 services to Kubernetes with zero downtime over 6 weeks
- Built event-driven systems for order tracking handling 2M events a day
- Raised test coverage from 52% to 85% and halved CI time with the team

Junior developer, Brightmill (2019-2021)
- Shipped 30+ React features used by 4,000 customers
- Automated 3 internal reports in Python, saving 6 hours a week

Education
BSc Computer Science, 2019

Skills
Python, TypeScript, PostgreSQL, Go, React, AWS, Kubernetes, Terraform, REST and GraphQL APIs,
data modelling, observability
"""


class DemoMaterials:
    """The two versions and which one was current on a given day."""

    def __init__(self, start: date, today: date, at: object) -> None:
        """`start`: the demo's first day; the rewrite lands halfway to `today`; `at(day,
        minute)` gives a moment on a local day (the builder's own)."""
        self.start = start
        self.switch = start + (today - start) / 2
        self._at = at

    def rows(self) -> list[Row]:
        """The Material rows: the draft (retired on the switch day) and the rewrite."""
        at = self._at
        assert callable(at)
        retired: datetime = at(self.switch, 17 * 60)
        return [
            {"id": 1, "kind": MaterialKind.RESUME, "label": "First draft (duties)",
             "text": FIRST_DRAFT.strip("\n"), "file_name": "sam-rivera-resume.docx", "pages": None,
             "added_on": self.start, "created_at": at(self.start, 9 * 60),
             "retired_at": retired},
            {"id": 2, "kind": MaterialKind.RESUME, "label": "Results first",
             "text": RESULTS_FIRST.strip("\n"), "file_name": "sam-rivera-resume-v2.pdf", "pages": 1,
             "added_on": self.switch, "created_at": retired + timedelta(minutes=30),
             "retired_at": None},
        ]

    def resume_for(self, applied_on: date | None) -> int | None:
        """The version that went out on `applied_on` (None for one never sent)."""
        if applied_on is None:
            return None
        return 1 if applied_on < self.switch else 2


def hard_fortnight(rejections: list[Row], today: date, at_least: int = 8) -> None:
    """The two latest no's of the last two weeks hit hard (rated `at_least` before the ritual,
    the ritual's drop kept), so the demo opens on Today's gentler mode: a rough patch to see."""
    recent = sorted((r for r in rejections if (today - r["received_on"]).days < 14),
                    key=lambda r: r["received_on"])[-2:]
    for row in recent:
        lift = max(0, at_least - row["intensity_before"])
        row["intensity_before"] += lift
        row["intensity_after"] += lift

"""The demo: eight believable weeks of a job search, built above the store and the playbook.

`build` writes the rows, `plan` decides which applications to invent, `words` holds the
invented names and sentences, `habits` the confidence file and daily habits. The demo follows
the playbook's own rules (triage, rotation, cadence) so it can never show what the app would
not do.
"""

from bounceback.demo.build import DemoSummary, build_demo

__all__ = ["DemoSummary", "build_demo"]

"""The pieces of bounceback's "data visible" path, timed in a fresh process without a UI.

Usage: python benchmarks/open_parts.py DB_PATH  (prints one JSON object of seconds)
"""

import json
import sys
import time
from pathlib import Path

marks: dict[str, float] = {}
t = time.perf_counter()


def mark(name: str) -> None:
    """Seconds since the previous mark."""
    global t
    now = time.perf_counter()
    marks[name] = now - t
    t = now


import textual.app  # noqa: E402,F401

mark("import textual.app")
import bounceback.app  # noqa: E402,F401

mark("import bounceback.app (rest)")
from bounceback.clock import SystemClock, today  # noqa: E402
from bounceback.store.db import Store  # noqa: E402

mark("import bounceback.store.db (sqlmodel)")
clock = SystemClock()
store = Store.open(Path(sys.argv[1]), clock)
mark("Store.open (checks, migrate, engine)")
from bounceback.store.maintenance import daily_backup  # noqa: E402,F401

mark("import store.maintenance")
import bounceback.screens.pipeline  # noqa: E402,F401
from bounceback.screens.pipeline_data import build_items  # noqa: E402

mark("import screens.pipeline")
settings = store.settings.get()
rows = store.applications.rows()
mark("settings.get + applications.rows()")
build_items(rows, today(clock), clock.tz, settings)
mark("build_items (judge + sort)")
store.close()
print(json.dumps(marks))

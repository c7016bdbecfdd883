"""Where the data lives: functions, not constants, so nothing touches disk at import time."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "BOUNCEBACK_DB"


def data_dir() -> Path:
    """The per-user data directory (platformdirs), not created here."""
    import platformdirs

    return Path(platformdirs.user_data_path("bounceback"))


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database path: --db, then $BOUNCEBACK_DB, then the data directory."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    return data_dir() / "bounceback.db"


def backup_dir(db: Path) -> Path:
    """Backups sit beside the database, in `backups/`."""
    return db.parent / "backups"

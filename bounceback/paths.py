"""Where the data lives: functions, not constants, so nothing touches disk at import time."""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "BOUNCEBACK_DB"


class EmptyPathError(ValueError):
    """`--db ""` or an empty $BOUNCEBACK_DB: refused rather than silently meaning the default."""

    def __init__(self, message: str) -> None:
        """Keep the one-line message the command line prints."""
        super().__init__(message)
        self.message = message


def data_dir() -> Path:
    """The per-user data directory (platformdirs), not created here."""
    import platformdirs

    return Path(platformdirs.user_data_path("bounceback"))


def state_dir() -> Path:
    """The per-user state directory (platformdirs; XDG_STATE_HOME on Linux), not created here."""
    import platformdirs

    return Path(platformdirs.user_state_path("bounceback"))


def crash_dir() -> Path:
    """Where crash reports are written (never beside a database: the demo's is thrown away)."""
    return state_dir() / "crash-reports"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database path: --db, then $BOUNCEBACK_DB, then the data directory.

    An empty --db or $BOUNCEBACK_DB raises EmptyPathError: "" must not quietly mean the
    default database (or the current folder).
    """
    if explicit is not None:
        if not os.fspath(explicit):
            raise EmptyPathError(
                "--db is empty; give the database file (or leave --db out for the default)."
            )
        return Path(explicit).expanduser()
    env = os.environ.get(ENV_DB)
    if env is not None:
        if not env:
            raise EmptyPathError(
                f"${ENV_DB} is set but empty; give it a database file, or unset it for the "
                "default."
            )
        return Path(env).expanduser()
    return data_dir() / "bounceback.db"


def backup_dir(db: Path) -> Path:
    """Backups sit beside the database, in `backups/`."""
    return db.parent / "backups"

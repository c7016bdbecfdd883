"""SQLAlchemy's own logs never carry stored rows or bound values (a person's journal text).

`redact_sql_logging()` is called for every engine `engine.build_engine` makes.
"""

from __future__ import annotations

import logging


class RedactRows(logging.Filter):
    """Keep stored rows and parameters out of SQLAlchemy's own logs, whatever the log level.

    With `echo=True` or the `sqlalchemy.engine` loggers at DEBUG, SQLAlchemy logs every fetched
    row ("Row (...)") and, without `hide_parameters`, every bound value: a person's journal
    text. Records below INFO are dropped; the SQL text itself (our statements carry no user
    text, only placeholders) stays, and any non-text argument (parameters) is redacted.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """False for row/column records; other records lose their parameter arguments."""
        if record.levelno < logging.INFO:
            return False
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(a if isinstance(a, str) else "[redacted]" for a in args)
        return True


SQL_LOGGERS = ("sqlalchemy.engine", "sqlalchemy.engine.Engine", "sqlalchemy.engine.Connection")
"""Where SQLAlchemy creates its engine records (a logger filter sees only its own records)."""


def redact_sql_logging() -> None:
    """Install `RedactRows` on SQLAlchemy's engine loggers, once (called for every engine)."""
    for name in SQL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactRows) for f in logger.filters):
            logger.addFilter(RedactRows())

"""Typed access to a model's table and columns, and the one model→record mapper.

SQLModel declares `__table__` without a type, so every `Model.__table__.c` needed mypy
silenced; `table()` asks SQLAlchemy's inspector once per model instead. Records are
frozen dataclasses whose field names are the models' column names, so one mapper builds any
of them from an ORM object, and `record_columns` selects exactly a record's fields in order,
so a row becomes a record positionally (`Record(*row)`: the fast path for 10k rows).
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Column, Table
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.sql.base import ReadOnlyColumnCollection
from sqlmodel import SQLModel

R = TypeVar("R")


@cache
def table(model: type[SQLModel]) -> Table:
    """The `Table` a SQLModel table class maps to."""
    local = sa_inspect(model).local_table
    assert isinstance(local, Table), f"{model.__name__} is not mapped to one table"
    return local


def columns(model: type[SQLModel]) -> ReadOnlyColumnCollection[str, Column[Any]]:
    """The model's columns by name, typed (`columns(Application).company`)."""
    return table(model).c


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def field_names(record: type[Any]) -> tuple[str, ...]:
    """A record dataclass's field names, in order (looked up once per class)."""
    names = _FIELD_NAMES.get(record)
    if names is None:
        names = _FIELD_NAMES[record] = tuple(f.name for f in fields(record))
    return names


@cache
def record_columns(model: type[SQLModel], record: type[Any]) -> tuple[Column[Any], ...]:
    """The model's columns named like `record`'s fields, in field order: `select(*these)`
    returns rows that `record(*row)` takes as they are."""
    c = columns(model)
    return tuple(c[name] for name in field_names(record))


def to_record(record: type[R], source: object, **values: Any) -> R:
    """`record` built from the same-named attributes of `source` (a model object or a row);
    `values` supply (or override) the fields `source` lacks or stores otherwise."""
    for name in field_names(record):
        if name not in values:
            values[name] = getattr(source, name)
    return record(**values)

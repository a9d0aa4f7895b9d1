"""Comparing two versions of a table row by row, matched by id: the one engine behind ``diff``,
``build --check`` and the status lines of ``build``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple


class Change(NamedTuple):
    """One difference between two versions of a table."""

    row_id: str
    field: str | None
    """The changed column; ``None`` when the whole row was added or removed."""
    change: str
    """``added``, ``removed`` or ``changed``."""
    old: Any = None
    new: Any = None


def by_id(rows: Iterable[Mapping[str, Any]], key: str) -> dict[Any, Mapping[str, Any]]:
    """``rows`` by the value of their ``key`` column; of two rows with one id the last is kept (``diff``
    refuses such a table before it compares)."""
    return {row[key]: row for row in rows}


def changes(
    old: Mapping[Any, Mapping[str, Any]],
    new: Mapping[Any, Mapping[str, Any]],
    columns: Iterable[str],
    lone_rows_by_field: bool = False,
) -> list[Change]:
    """The changes from ``old`` to ``new`` (rows by id) in ``columns``, ordered by id, then column.

    A row on one side only is one ``added`` or ``removed`` change; with ``lone_rows_by_field`` it is
    compared field by field with an empty row instead, so each of its non-null values is a change.
    """
    columns = tuple(columns)
    found = []
    for row_id in sorted(old.keys() | new.keys()):
        if not lone_rows_by_field and (row_id not in old or row_id not in new):
            found.append(Change(row_id, None, "added" if row_id in new else "removed"))
            continue
        before, after = old.get(row_id, {}), new.get(row_id, {})
        found += [
            Change(row_id, column, "changed", a, b)
            for column in columns
            if (a := before.get(column)) != (b := after.get(column))
        ]
    return found

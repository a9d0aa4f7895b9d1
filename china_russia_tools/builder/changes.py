"""What a build changes in the statuses it derives: each check's ``status`` and each checked row's
``check_status``, compared with the committed tables (printed by ``china-russia-tools build``)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from .. import registry, rowdiff
from ..files import read_regular
from ..tables import DESCRIPTOR, MAX_FILE_BYTES, read_parquet
from .outputs import Output


def status_columns(name: str) -> tuple[str, ...]:
    """The columns of table ``name`` that hold a status: a check's ``status``, a checked row's
    ``check_status`` and the verdicts it derives (a figure's ``relay_status`` and ``data_status``)."""
    entry = registry.table(name)
    derived = tuple(column for column in entry.derived if column.endswith("_status"))
    return ("status",) * (entry.kind == "verdicts") + ("check_status",) * entry.checked + derived


def status_changes(root: Path, output: Output) -> list[str]:
    """One line per status that ``output`` changes against the tables committed under ``root``, e.g.
    ``check 000-c01 status: consistent -> discrepancy``; a row that is new or gone shows ``none``. A table
    that is not committed yet, or cannot be read (whole: not a named pipe), is not compared."""
    descriptor = json.loads(output.files[DESCRIPTOR])
    lines = []
    for name, table in output.tables.items():
        columns = status_columns(name)
        if not columns:
            continue
        key = registry.primary_key(descriptor, name)
        try:
            data = read_regular(root / registry.resource_of(descriptor, name)["path"], MAX_FILE_BYTES)
            committed = read_parquet(data, columns=[key, *columns])
        except (OSError, ValueError, KeyError, pa.ArrowException):
            continue
        old, new = (rowdiff.by_id(rows.to_pylist(), key) for rows in (committed, table.select([key, *columns])))
        one = registry.table(name).one
        lines += [
            f"{one} {change.row_id} {change.field}: {change.old or 'none'} -> {change.new or 'none'}"
            for change in rowdiff.changes(old, new, columns, lone_rows_by_field=True)
        ]
    return lines

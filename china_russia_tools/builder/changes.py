"""What a build changes in the statuses it derives: each check's ``status`` and each checked row's
``check_status``, compared with the committed tables (printed by ``china-russia-tools build``)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from .. import registry
from ..tables import DESCRIPTOR, read_parquet
from .outputs import Output


def status_columns(name: str) -> tuple[str, ...]:
    """The columns of table ``name`` that hold a status: a check's ``status``, a checked row's ``check_status``."""
    entry = registry.table(name)
    return ("status",) * (entry.kind == "checks") + ("check_status",) * entry.checked


def status_changes(root: Path, output: Output) -> list[str]:
    """One line per status that ``output`` changes against the tables committed under ``root``, e.g.
    ``check 000-c01: consistent -> discrepancy``; a row that is new or gone shows ``none``. A table
    that is not committed yet, or cannot be read, is not compared."""
    descriptor = json.loads(output.files[DESCRIPTOR])
    lines = []
    for name, table in output.tables.items():
        columns = status_columns(name)
        if not columns:
            continue
        key = registry.primary_key(descriptor, name)
        try:
            committed = read_parquet(root / registry.resource_of(descriptor, name)["path"], columns=[key, *columns])
        except (OSError, ValueError, KeyError, pa.ArrowException):
            continue
        old = {row[key]: row for row in committed.to_pylist()}
        new = {row[key]: row for row in table.select([key, *columns]).to_pylist()}
        noun = name.removesuffix("s")
        for row_id in sorted(old.keys() | new.keys()):
            for column in columns:
                before, after = (rows.get(row_id, {}).get(column) or "none" for rows in (old, new))
                if before != after:
                    lines.append(f"{noun} {row_id}: {before} -> {after}")
    return lines

"""Differences between two copies of the data package: ``china-russia-tools diff OLD [NEW]``, ``crt.diff``.

Each side is a folder holding a ``datapackage.json`` (a checkout, an unpacked sdist or wheel, a CSV or
JSON export) or the descriptor's own path. Its tables are read in the format each resource declares
(Parquet, CSV or JSON) and every value is read through its field's Table Schema type, so that
``68000000.0`` and ``68000000`` in a ``number`` column, ``"2024-07-01"`` and a date in a ``date``
column, ``"true"`` and ``True`` in a ``boolean`` column, and an empty CSV cell and a missing JSON key
are the same value. Rows are matched by the primary key of the newer schema.

Found are schema changes (tables and columns added or removed, columns retyped, a primary key changed)
and row changes: rows added, removed, and each changed field of a row present on both sides, with its
old and new value. Values of a column that only one side has are not compared: the column is a schema
change.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import registry, rowdiff
from .errors import DataError
from .fields import as_text, plain, read_exported
from .files import FileTooLarge, NotRegularFile, read_regular
from .tables import DESCRIPTOR, MAX_FILE_BYTES, REBUILD, checked_bytes, data_dir, read_parquet, resource_file

if TYPE_CHECKING:
    import pandas as pd

ROW_COLUMNS = ("table", *rowdiff.Change._fields)
"""Columns of :attr:`Diff.rows`: the table, then a :class:`~china_russia_tools.rowdiff.Change`."""
SCHEMA_COLUMNS = ("table", "column", "change", "old", "new")
"""Columns of :attr:`Diff.schema`."""
KEY_SEPARATOR = "/"
"""Joins the values of a composite primary key into one ``row_id``."""


@dataclass(frozen=True)
class Package:
    """One side of a comparison: the folder of its descriptor, and the descriptor."""

    root: Path
    descriptor: dict[str, Any]

    @property
    def label(self) -> str:
        version = self.descriptor.get("version")
        return f"{self.root}" + (f" (version {version})" if version else "")


def find_descriptor(path: Path) -> Path:
    """The ``datapackage.json`` at ``path``: the file itself, in the folder, in the ``_data`` folder of
    an unpacked wheel, or in the one top folder of an unpacked sdist; :class:`DataError` if none."""
    if path.is_file():
        return path
    places = (Path(DESCRIPTOR), Path("china_russia_tools", "_data", DESCRIPTOR))
    for place in places:
        if (path / place).is_file():
            return path / place
    if path.is_dir():
        nested = sorted(child / place for child in path.iterdir() if child.is_dir() for place in places)
        found = [candidate for candidate in nested if candidate.is_file()]
        if len(found) == 1:
            return found[0]
        if found:
            raise DataError(f"{path}: holds several {DESCRIPTOR} ({', '.join(map(str, found))}); name one of them")
    raise DataError(f"{path}: no {DESCRIPTOR} there (give a folder holding one, or its path)")


def open_package(path: str | Path) -> Package:
    """The package whose descriptor :func:`find_descriptor` finds at ``path``."""
    descriptor_file = find_descriptor(Path(path))
    try:
        descriptor = json.loads(read_regular(descriptor_file, MAX_FILE_BYTES).decode("utf-8"))
    except (NotRegularFile, FileTooLarge) as error:
        raise DataError(f"{descriptor_file}: cannot read the descriptor: {error.reason}") from None
    except (OSError, ValueError) as error:
        raise DataError(f"{descriptor_file}: cannot read the descriptor: {error}") from error
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError(f"{descriptor_file}: not a Data Package descriptor (no list of resources)")
    return Package(descriptor_file.parent, descriptor)


def typed(value: Any, kind: str, where: str) -> Any:
    """``value`` of an export as the Python value of Table Schema type ``kind``; ``None`` for a missing
    value; :class:`DataError` naming ``where`` for one that is not of that type."""
    try:
        return read_exported(value, kind)
    except ValueError as error:
        raise DataError(f"{where}: {error}") from None


EDITED_EXPORT = "the file was changed after it was exported; diff reads an export as written (export it again)"


def read_rows(package: Package, entry: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of one tabular resource, each value read through its field's type."""
    path = resource_file(package.root, entry)
    if entry.get("hash"):
        exported = entry.get("format") in ("csv", "json")
        data = checked_bytes(path, entry, EDITED_EXPORT if exported else REBUILD)
    else:
        try:
            data = read_regular(path, MAX_FILE_BYTES)
        except (NotRegularFile, FileTooLarge) as error:
            raise DataError(f"{path}: cannot read table {entry['name']!r}: {error.reason}") from None
        except OSError as error:
            raise DataError(f"{path}: cannot read table {entry['name']!r}: {error}") from error
    kind = entry.get("format") or path.suffix.lstrip(".")
    try:
        if kind == "parquet":
            raw = read_parquet(data).to_pylist()
        elif kind == "csv":
            raw = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        elif kind == "json":
            raw = json.loads(data)
            if raw and all(isinstance(row, list) for row in raw):  # arrays of arrays: a header row first
                raw = [dict(zip(raw[0], row, strict=True)) for row in raw[1:]]
            if not isinstance(raw, list) or not all(isinstance(row, dict) for row in raw):
                raise ValueError("expected an array of objects")
        else:
            raise DataError(f"{path}: cannot read table {entry['name']!r} in format {kind!r}; use parquet, csv or json")
    except DataError:
        raise
    except Exception as error:  # each reader has its own errors (ArrowException, csv.Error, ...)
        raise DataError(f"{path}: cannot read table {entry['name']!r} as {kind}: {error}") from error
    fields = {field["name"]: field["type"] for field in entry["schema"]["fields"]}
    where = f"{path}: {entry['name']} row"
    return [
        {name: typed(row.get(name), kind, f"{where} {number}, {name}") for name, kind in fields.items()}
        for number, row in enumerate(raw, start=1)
    ]


def tabular(package: Package) -> dict[str, dict[str, Any]]:
    """The resources of ``package`` that have a Table Schema, by name."""
    return {entry["name"]: entry for entry in package.descriptor["resources"] if "schema" in entry}


def key_of(entry: dict[str, Any]) -> list[str]:
    key = entry["schema"].get("primaryKey", [])
    return [key] if isinstance(key, str) else list(key)


def row_id(row: dict[str, Any], key: list[str]) -> str:
    return KEY_SEPARATOR.join(as_text(row[column]) or "" for column in key)


def _keyed(package: Package, entry: dict[str, Any], key: list[str]) -> dict[str, dict[str, Any]]:
    fields = {field["name"] for field in entry["schema"]["fields"]}
    if not key or not set(key) <= fields:
        raise DataError(
            f"{package.root / DESCRIPTOR}: table {entry['name']!r} has no columns {key} to match rows by "
            "(its primary key)"
        )
    rows: dict[str, dict[str, Any]] = {}
    for row in read_rows(package, entry):
        identifier = row_id(row, key)
        if identifier in rows:
            raise DataError(f"{package.root / DESCRIPTOR}: table {entry['name']!r} has two rows with id {identifier}")
        rows[identifier] = row
    return rows


def compare(old: Package, new: Package, ignore: tuple[str, ...] = ()) -> tuple[list[dict], list[dict]]:
    """Row changes and schema changes from ``old`` to ``new``, as plain dicts (see :data:`ROW_COLUMNS`
    and :data:`SCHEMA_COLUMNS`). Columns named in ``ignore`` are not compared in any table."""
    before_tables, after_tables = tabular(old), tabular(new)
    names = list(after_tables) + [name for name in before_tables if name not in after_tables]
    row_changes: list[dict] = []
    schema_changes: list[dict] = []
    for name in names:
        before, after = before_tables.get(name), after_tables.get(name)
        if before is None or after is None:
            schema_changes.append(dict(table=name, column=None, change="added" if before is None else "removed"))
            entry, side = (after, new) if before is None else (before, old)
            change = "added" if before is None else "removed"
            rows = _keyed(side, entry, key_of(entry))
            row_changes += [dict(table=name, row_id=i, field=None, change=change) for i in sorted(rows)]
            continue
        old_fields = {f["name"]: f["type"] for f in before["schema"]["fields"]}
        new_fields = {f["name"]: f["type"] for f in after["schema"]["fields"]}
        schema_changes += [
            dict(table=name, column=column, change="added", new=kind)
            for column, kind in new_fields.items()
            if column not in old_fields
        ]
        schema_changes += [
            dict(table=name, column=column, change="removed", old=kind)
            for column, kind in old_fields.items()
            if column not in new_fields
        ]
        schema_changes += [
            dict(table=name, column=column, change="retyped", old=old_fields[column], new=kind)
            for column, kind in new_fields.items()
            if column in old_fields and old_fields[column] != kind
        ]
        key = key_of(after)
        if key_of(before) != key:
            old_key, new_key = (KEY_SEPARATOR.join(k) for k in (key_of(before), key))
            schema_changes.append(dict(table=name, column=None, change="primary key", old=old_key, new=new_key))
        common = [column for column in new_fields if column in old_fields and column not in ignore]
        found = rowdiff.changes(_keyed(old, before, key), _keyed(new, after, key), common)
        row_changes += [dict(table=name, **change._asdict()) for change in found]
    fill = dict(old=None, new=None)
    return [{**fill, **change} for change in row_changes], [{**fill, **change} for change in schema_changes]


class Diff(NamedTuple):
    """What :func:`diff` returns: two DataFrames."""

    rows: pd.DataFrame
    """One row per row added or removed and per changed field: ``table``, ``row_id``, ``field`` (null for
    an added or removed row), ``change`` (``added``, ``removed``, ``changed``), ``old``, ``new``."""
    schema: pd.DataFrame
    """One row per schema change: ``table``, ``column`` (null for the table itself), ``change``
    (``added``, ``removed``, ``retyped``, ``primary key``), ``old`` and ``new`` (types or keys)."""


def diff(old: str | Path, new: str | Path | None = None, ignore: tuple[str, ...] = ()) -> Diff:
    """The differences from the package at ``old`` to the one at ``new`` (default: the installed data).

    ``old`` and ``new`` are folders holding a ``datapackage.json`` or its path. Values are compared
    through their declared types; ``old`` and ``new`` hold the typed values (dates as dates).
    Raises :class:`DataError` naming the path when a descriptor or table cannot be read.
    """
    import pandas as pd

    rows, schema = compare(open_package(old), open_package(data_dir() if new is None else new), ignore)
    return Diff(
        pd.DataFrame(rows, columns=list(ROW_COLUMNS), dtype=object),
        pd.DataFrame(schema, columns=list(SCHEMA_COLUMNS), dtype=object),
    )


def corrections_due(old: str | Path, new: str | Path | None = None) -> list[dict[str, Any]]:
    """Changes to rows published in ``old`` that a ``corrections`` row must record.

    Rows added since need none. A new column is a schema change, not a change of each row. Columns the
    build derives from other rows or from the release (``citation``, ``check_status``: the columns
    :func:`registry.computed_columns` names, less a row's own span offsets) need none either.
    """
    before, after = open_package(old), open_package(data_dir() if new is None else new)
    rows, _ = compare(before, after)
    published = tabular(before)
    due = []
    for change in rows:
        name = change["table"]
        if change["change"] == "added" or name not in published:
            continue
        if name in registry.REGISTRY and change["field"] is not None:
            derived = registry.computed_columns(after.descriptor, name) - set(registry.SPAN_COLUMNS)
            if change["field"] in derived:
                continue
        due.append({**change, "old": as_text(change["old"]), "new": as_text(change["new"])})
    return due


def shown(value: Any) -> str:
    """A typed value for reading: text in double quotes, ``null`` for a missing value."""
    return json.dumps(value, ensure_ascii=False) if value is None or isinstance(value, str) else str(as_text(value))


def render_text(old: Package, new: Package, rows: list[dict], schema: list[dict]) -> str:
    """The differences for reading, per table: schema changes first, then rows by id."""
    if not rows and not schema:
        return f"no differences between {old.label} and {new.label}"
    lines = [f"--- {old.label}", f"+++ {new.label}"]
    changed = {change["table"] for change in schema + rows}
    for name in (name for name in dict.fromkeys([*tabular(new), *tabular(old)]) if name in changed):
        lines += ["", name]
        for change in (c for c in schema if c["table"] == name):
            if change["change"] == "primary key":
                lines.append(f"  primary key     {change['old']} → {change['new']}")
            elif change["column"] is None:
                lines.append(f"  table {change['change']}")
            elif change["change"] == "retyped":
                lines.append(f"  column retyped  {change['column']}: {change['old']} → {change['new']}")
            else:
                kind = change["new"] or change["old"]
                lines.append(f"  column {change['change']:<8} {change['column']} ({kind})")
        for change in (c for c in rows if c["table"] == name):
            if change["field"] is None:
                lines.append(f"  row {change['change']:<11} {change['row_id']}")
            else:
                old_value, new_value = shown(change["old"]), shown(change["new"])
                lines.append(f"  row changed     {change['row_id']} {change['field']}: {old_value} → {new_value}")
    return "\n".join(lines)


def render_json(old: Package, new: Package, rows: list[dict], schema: list[dict]) -> str:
    """The differences as JSON: both sides, then ``schema`` and ``rows`` as lists of objects."""

    def plain_change(change: dict) -> dict:
        return {key: plain(value) for key, value in change.items()}

    def side(package: Package) -> dict:
        return {"path": str(package.root), "version": package.descriptor.get("version")}

    document = {"old": side(old), "new": side(new), "schema": list(map(plain_change, schema)),
                "rows": list(map(plain_change, rows))}
    return json.dumps(document, ensure_ascii=False, indent=1)


def run(old: Path, new: Path | None, format: str, ignore: tuple[str, ...] = ()) -> tuple[str, bool]:
    """The command line's ``diff``: the rendered differences, and whether there are any."""
    before, after = open_package(old), open_package(data_dir() if new is None else new)
    rows, schema = compare(before, after, ignore)
    render = render_json if format == "json" else render_text
    return render(before, after, rows, schema), bool(rows or schema)

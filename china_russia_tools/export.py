"""Export every table to CSV, JSON, an Excel workbook or an SQLite database, or to the formats of
other tools: Datasette, Croissant, FollowTheMoney, W3C Web Annotation and schema.org ClaimReview.

Each export folder of the tables is self-contained: beside the tables it holds ``seeds/``, a byte-for-byte copy of
the source texts. The seeds are copied rather than dropped because ``sources.path`` names them
relative to the folder and every span (``char_start``, ``char_end``, ``text``) is only checkable
against them; their descriptor entries keep their SHA-256, so a changed copy is still caught.

What ``datapackage.json`` each format gets (each one passes ``frictionless validate``):

- ``csv``: one ``<table>.csv`` per table (UTF-8, comma, header row; dates ``YYYY-MM-DD``, booleans
  ``true``/``false``, nulls as empty cells) and a descriptor whose table resources point to them,
  with ``format``, ``mediatype`` and ``hash`` recomputed for the new files. Schemas, primary and
  foreign keys are unchanged.
- ``json``: one ``<table>.json`` per table, an array of objects keyed by field name (dates as ISO
  strings, JSON booleans and nulls); the descriptor is adapted the same way, with ``type: table``,
  without which frictionless reads a JSON file as plain data. A table without rows is written as an
  array holding its header row (the other form of JSON tabular data), since frictionless cannot read
  an empty array as a table. Validating it needs ``frictionless[json]``.
- ``xlsx``: one workbook, ``china-russia-tools.xlsx``, one sheet per table (dates as Excel dates,
  booleans as Excel booleans, nulls as empty cells). Each table resource names its sheet twice: the
  Data Package v2 ``dialect.sheetName``, and ``dialect.excel.sheet``, the only one frictionless 5.21
  reads. Validating it needs ``frictionless[excel]``.
- ``sqlite``: one database, ``china-russia-tools.sqlite``, one table per resource with its primary
  key, ``NOT NULL`` for required fields and its foreign keys; dates are ISO text in ``DATE``
  columns, booleans 0/1 in ``BOOLEAN`` columns. No descriptor is written: frictionless opens an
  SQLite resource through an SQLAlchemy URL resolved against the current directory, not against
  the descriptor, so a descriptor would only validate when run from inside the folder. The
  database's own table definitions carry the types and keys instead.

Five formats of other tools (``docs/interchange.md`` says which tools read each, and what is left out):

- ``datasette``: the ``sqlite`` database as ``china-russia-tools.db`` and the seeds, with ``metadata.json``
  (:mod:`~china_russia_tools.datasette_metadata`), for ``datasette china-russia-tools.db --metadata
  metadata.json``.
- ``croissant``: ``croissant.json``, MLCommons Croissant 1.1 metadata, beside ``data/<table>.parquet``
  (byte-for-byte copies, so the descriptor's SHA-256 are theirs) and ``seeds/``.
- ``ftm``: ``entities.ftm.json``, FollowTheMoney entities, one JSON object a line.
- ``web-annotation``: ``annotations.jsonld``, a W3C Web Annotation collection, beside ``seeds/``.
- ``claimreview``: ``claimreview.jsonld``, a schema.org ClaimReview of each checked row.

An export only writes into a folder that is new, empty or holds nothing but a previous export, which
it replaces; a previous export is recognised by the manifest it wrote (:mod:`~china_russia_tools.outdir`),
never by file names, and anything else is refused with :class:`ExportError`, so no file of the user's
is overwritten or deleted. Files are written to a temporary folder beside the target and moved in once
all are complete, the descriptor last, so a failure never leaves a partial descriptor.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import registry
from .fields import plain
from .outdir import Output, write_folder
from .tables import (
    DESCRIPTOR,
    checked_bytes,
    data_dir,
    descriptor,
    records,
    resource,
    resource_file,
    seed_resources,
)

TABLE_FORMATS = ("csv", "json", "xlsx", "sqlite")
"""Formats that hold the tables themselves."""

WORKBOOK = "china-russia-tools.xlsx"
DATABASE = "china-russia-tools.sqlite"
DATASETTE_DATABASE = "china-russia-tools.db"
CROISSANT = "croissant.json"
FTM = "entities.ftm.json"
ANNOTATIONS = "annotations.jsonld"
CLAIMREVIEWS = "claimreview.jsonld"
XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = list[Any]


def export(out_dir: Path, format: str) -> list[Path]:
    """Write every table of :data:`TABLES` to ``out_dir`` in ``format``; return the files written.

    ``format`` is a key of :data:`WRITERS` (``ValueError`` otherwise). The descriptor or the Croissant
    metadata, when the format has one, is the last path returned. ``out_dir`` must be new, empty or hold
    a previous export (recognised by its manifest, see :mod:`~china_russia_tools.outdir`), else
    :class:`ExportError`.
    """
    return export_output(out_dir, format).written


def export_output(out_dir: Path, format: str) -> Output:
    """:func:`export`, returning also the files of a previous export it removed and did not write again."""
    if format not in WRITERS:
        raise ValueError(f"unknown export format {format!r}; valid formats are: {', '.join(WRITERS)}")
    return write_folder(Path(out_dir), WRITERS[format], "an export", "export into a new or empty folder")


def _copy(folder: Path, entries: list[dict[str, Any]]) -> list[str]:
    """Copy the files of descriptor resources, checked against their hashes, under ``folder``."""
    for entry in entries:
        target = folder / entry["path"]
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(checked_bytes(resource_file(data_dir(), entry), entry))
    return [entry["path"] for entry in entries]


def _copy_seeds(folder: Path) -> list[str]:
    """Copy the source texts, checked against their hashes, under ``folder``."""
    return _copy(folder, seed_resources())


def _rows(name: str) -> tuple[list[str], list[Row]]:
    """Header and rows of a table as plain values: str, int, float, bool, date or None."""
    header = [field["name"] for field in resource(name)["schema"]["fields"]]
    return header, [[row[column] for column in header] for row in records(name)]


def _csv_cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(plain(value))


def _write_csv(folder: Path) -> list[str]:
    """One CSV file per table, the seeds and a descriptor adapted to the files."""
    import csv

    paths = {name: f"{name}.csv" for name in registry.names()}
    for name, path in paths.items():
        header, rows = _rows(name)
        with open(folder / path, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(header)
            writer.writerows([_csv_cell(value) for value in row] for row in rows)
    formats = dict.fromkeys(paths, {"format": "csv", "mediatype": "text/csv", "encoding": "utf-8"})
    return [*paths.values(), *_copy_seeds(folder), _write_descriptor(folder, paths, formats)]


def _write_json(folder: Path) -> list[str]:
    """One JSON file per table, the seeds and a descriptor adapted to the files."""
    paths = {name: f"{name}.json" for name in registry.names()}
    for name, path in paths.items():
        header, rows = _rows(name)
        records = [dict(zip(header, map(plain, row), strict=True)) for row in rows] or [header]
        (folder / path).write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    table_format = {"type": "table", "format": "json", "mediatype": "application/json", "encoding": "utf-8"}
    formats = dict.fromkeys(paths, table_format)
    return [*paths.values(), *_copy_seeds(folder), _write_descriptor(folder, paths, formats)]


def _write_xlsx(folder: Path) -> list[str]:
    """One Excel workbook, a sheet per table, the seeds and a descriptor adapted to it (extra excel)."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError as error:
        raise ImportError('exporting to xlsx needs openpyxl: pip install "china-russia-tools[excel]"') from error
    book = Workbook(write_only=True)
    try:
        for name in registry.names():
            header, rows = _rows(name)
            sheet = book.create_sheet(name)
            sheet.append(header)
            for row in rows:
                cells = [WriteOnlyCell(sheet, value) for value in row]
                for cell in cells:
                    if isinstance(cell.value, str):
                        cell.data_type = "s"  # text that starts with "=" stays text, not a formula
                sheet.append(cells)
        workbook = io.BytesIO()  # saved in memory: a zip file left open on a full disk reports errors when deleted
        book.save(workbook)
    except BaseException:
        _close_sheets(book)
        raise
    (folder / WORKBOOK).write_bytes(workbook.getvalue())
    formats = {
        name: {"format": "xlsx", "mediatype": XLSX_MEDIATYPE, "dialect": {"sheetName": name, "excel": {"sheet": name}}}
        for name in registry.names()
    }
    paths = dict.fromkeys(registry.names(), WORKBOOK)
    return [WORKBOOK, *_copy_seeds(folder), _write_descriptor(folder, paths, formats)]


def _close_sheets(book: Any) -> None:
    """Close the writers of a write-only workbook that stopped half-way (a full disk, Ctrl-C), which would
    otherwise each report an error when the garbage collector closes them."""
    import contextlib

    for sheet in book.worksheets:
        for stream in (getattr(sheet, "_rows", None), getattr(getattr(sheet, "_writer", None), "xf", None)):
            with contextlib.suppress(Exception):
                if stream is not None:
                    stream.close()


def _create_table(name: str) -> str:
    """``CREATE TABLE`` statement of a resource: types, ``NOT NULL``, primary and foreign keys."""
    schema = resource(name)["schema"]

    def columns(names: list[str]) -> str:
        return ", ".join(f'"{column}"' for column in names)

    lines = [
        f'"{field["name"]}" {registry.TYPES[field["type"]].sqlite}'
        + (" NOT NULL" if field.get("constraints", {}).get("required") else "")
        for field in schema["fields"]
    ]
    lines.append(f"PRIMARY KEY ({columns(schema['primaryKey'])})")
    lines += [
        f'FOREIGN KEY ({columns(key["fields"])}) REFERENCES "{key["reference"]["resource"]}" '
        f"({columns(key['reference']['fields'])})"
        for key in schema.get("foreignKeys", [])
    ]
    return f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(lines) + "\n)"


def _write_sqlite(folder: Path) -> list[str]:
    """One SQLite database, a table per resource with its keys, and the seeds."""
    return [_write_database(folder, DATABASE), *_copy_seeds(folder)]


def _write_database(folder: Path, path: str) -> str:
    """Write every table into the SQLite database ``path`` under ``folder``; return ``path``."""
    import contextlib
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(folder / path)) as connection, connection:
            for name in registry.names():
                header, rows = _rows(name)
                connection.execute(_create_table(name))
                marks = ", ".join("?" * len(header))
                values = [list(map(plain, row)) for row in rows]
                connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})', values)
    except sqlite3.Error as error:  # "database or disk is full"...: the file it could not write, as an OSError
        raise OSError(None, str(error), str(folder / path)) from error
    return path


def _write_descriptor(folder: Path, paths: dict[str, str], formats: dict[str, dict[str, Any]]) -> str:
    """Write the descriptor for tables now at ``paths``; each table resource gets ``formats[name]``.

    The Parquet ``format``, ``mediatype``, ``hash`` and ``bytes`` give way to the new file's; the seed
    resources are kept as they are.
    """
    resources = []
    for entry in descriptor()["resources"]:
        if entry["name"] in registry.REGISTRY:
            path = paths[entry["name"]]
            digest = hashlib.sha256((folder / path).read_bytes()).hexdigest()
            kept = {key: value for key, value in entry.items() if key not in ("format", "mediatype", "hash", "bytes")}
            entry = {**kept, "path": path, **formats[entry["name"]], "hash": f"sha256:{digest}"}
        resources.append(entry)
    text = json.dumps({**descriptor(), "resources": resources}, ensure_ascii=False, indent=2) + "\n"
    (folder / DESCRIPTOR).write_text(text, encoding="utf-8")
    return DESCRIPTOR


def _write_text(folder: Path, path: str, text: str) -> str:
    (folder / path).write_text(text, encoding="utf-8", newline="\n")
    return path


def _write_datasette(folder: Path) -> list[str]:
    """The SQLite database and the seeds, with Datasette's metadata.json (titles, descriptions, licence)."""
    from .datasette_metadata import METADATA, metadata

    database = _write_database(folder, DATASETTE_DATABASE)
    text = json.dumps(metadata(Path(database).stem), ensure_ascii=False, indent=2) + "\n"
    return [database, *_copy_seeds(folder), _write_text(folder, METADATA, text)]


def _write_croissant(folder: Path) -> list[str]:
    """Croissant metadata beside the Parquet tables and the seeds."""
    from . import interchange  # imported when used: it brings citations and sentences in

    tables = _copy(folder, [resource(name) for name in registry.names()])
    return [*tables, *_copy_seeds(folder), _write_text(folder, CROISSANT, interchange.dumps(interchange.croissant()))]


def _write_ftm(folder: Path) -> list[str]:
    """FollowTheMoney entities."""
    from . import interchange, interchange_spans

    return [_write_text(folder, FTM, interchange.dumps_lines(interchange_spans.ftm_entities()))]


def _write_web_annotation(folder: Path) -> list[str]:
    """W3C Web Annotations beside the seeds."""
    from . import interchange, interchange_spans

    collection = interchange.dumps(interchange_spans.web_annotations())
    return [*_copy_seeds(folder), _write_text(folder, ANNOTATIONS, collection)]


def _write_claimreview(folder: Path) -> list[str]:
    """schema.org ClaimReviews of the checked rows."""
    from . import interchange

    return [_write_text(folder, CLAIMREVIEWS, interchange.dumps(interchange.claimreview_graph()))]


def formats() -> str:
    """Each format of :data:`WRITERS` and what it writes (its writer's docstring), for ``--help``."""
    return "; ".join(f"{name}: {(writer.__doc__ or '').strip().rstrip('.')}" for name, writer in WRITERS.items()) + "."


WRITERS: dict[str, Callable[[Path], list[str]]] = {
    "csv": _write_csv,
    "json": _write_json,
    "xlsx": _write_xlsx,
    "sqlite": _write_sqlite,
    "datasette": _write_datasette,
    "croissant": _write_croissant,
    "ftm": _write_ftm,
    "web-annotation": _write_web_annotation,
    "claimreview": _write_claimreview,
}
"""Each export format and its writer, which writes the format's files into a folder and returns their paths:
the one list of formats (``export --format`` offers these)."""

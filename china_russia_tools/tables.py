"""Loading the tables as typed pandas DataFrames; the one place that reads the installed data.

The column types come from the Table Schemas in ``datapackage.json``, never from a second copy.
Each table is read once per process; every call returns a fresh deep copy.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import dictionary, registry
from .errors import DataError, UnknownTableError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

TABLES = registry.names()
"""Names of the tabular resources, in dependency order (from :mod:`~china_russia_tools.registry`)."""

DESCRIPTOR = "datapackage.json"
PIN = "datapackage.json.sha256"
"""File beside the descriptor pinning it by its SHA-256, in ``sha256sum`` format; the build writes it."""

_data_dir: Path | None = None


def use_data_dir(root: Path | None) -> None:
    """Read the tables from ``root`` (a folder holding ``datapackage.json``, such as a built checkout)
    from now on; ``None`` goes back to the installed data. Clears every cached table."""
    global _data_dir
    _data_dir = None if root is None else Path(root)
    clear_cache()


def clear_cache() -> None:
    """Forget every table, row and descriptor read so far; the next call reads the files again."""
    for cached in (descriptor, arrow_table, _records, _read):
        cached.cache_clear()
    from . import citation

    citation._rows_by_id.cache_clear()


def data_dir() -> Path:
    """Folder holding ``datapackage.json``, ``data/`` and ``seeds/``.

    The folder given to :func:`use_data_dir`, if any; in an installed wheel, the package's ``_data``
    folder; in a source checkout, the project root.
    """
    if _data_dir is not None:
        return _data_dir
    package = Path(__file__).resolve().parent
    installed = package / "_data"
    if (installed / DESCRIPTOR).is_file():
        return installed
    checkout = package.parent
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise DataError(
        f"no {DESCRIPTOR} found in {installed} or {checkout}; the package is installed without its "
        "data (reinstall it from a wheel or sdist)"
    )


def descriptor_path() -> Path:
    """Path of the installed ``datapackage.json``, for ``frictionless validate``."""
    return data_dir() / DESCRIPTOR


@functools.cache
def descriptor() -> dict[str, Any]:
    """The parsed Data Package descriptor (cached; do not mutate).

    Its bytes are checked against the SHA-256 in :data:`PIN` first, so that an edited descriptor
    (an enum, a type, a file's hash) is refused rather than believed.
    """
    path = descriptor_path()
    pin = path.with_name(PIN)
    try:
        data = path.read_bytes()
        pinned = pin.read_text(encoding="utf-8").split()[0] if pin.exists() else None
        content = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, IndexError) as error:
        raise DataError(f"{path}: cannot read the descriptor: {error}") from error
    actual = hashlib.sha256(data).hexdigest()
    if actual != pinned:
        raise DataError(
            f"{path}: SHA-256 is {actual}, {PIN} says {pinned or 'nothing (it is missing)'}; the descriptor "
            "was edited after the build (reinstall the package; in a checkout, run `china-russia-tools build`)"
        )
    return content


def resource(name: str) -> dict[str, Any]:
    """The descriptor's resource called ``name``.

    Raises :class:`UnknownTableError` (a ``ValueError``) naming the valid tables if ``name`` is not a
    table, and :class:`DataError` if the descriptor lacks it.
    """
    if not isinstance(name, str) or name not in registry.REGISTRY:
        raise UnknownTableError(f"unknown table {name!r}; valid tables are: {', '.join(registry.names())}")
    try:
        return registry.resource_of(descriptor(), name)
    except KeyError:
        raise DataError(f"{descriptor_path()}: no resource named {name!r}") from None


def id_column(name: str) -> str:
    """The id column of table ``name``: its schema's primary key."""
    resource(name)
    return registry.primary_key(descriptor(), name)


def resource_file(root: Path, entry: dict[str, Any]) -> Path:
    """The file of a descriptor resource under ``root``; :class:`DataError` if its path leads elsewhere."""
    relative = entry.get("path")
    if isinstance(relative, str) and relative and not Path(relative).is_absolute():
        path = root / relative
        if path.resolve().is_relative_to(root.resolve()):
            return path
    raise DataError(
        f"{root / DESCRIPTOR}: resource {entry.get('name')!r} has the path {relative!r}, which is not a "
        f"relative path inside {root}"
    )


def checked_bytes(path: Path, entry: dict[str, Any]) -> bytes:
    """The bytes of a resource's file; :class:`DataError` if it is unreadable or its SHA-256 differs."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(f"{path}: cannot read resource {entry['name']!r}: {error}") from error
    expected = str(entry.get("hash", "")).removeprefix("sha256:")
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise DataError(
            f"{path}: SHA-256 is {actual}, the descriptor says {expected or 'nothing'}; the file was "
            "changed or damaged after the build (reinstall the package, or rebuild a checkout)"
        )
    return data


@functools.cache
def arrow_table(name: str) -> pa.Table:
    """Table ``name`` as read from its Parquet file, after its hash and columns are checked (cached)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    entry = resource(name)
    path = resource_file(data_dir(), entry)
    data = checked_bytes(path, entry)
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (OSError, ValueError, pa.ArrowException) as error:
        raise DataError(f"{path}: cannot read table {name!r}, the file is not valid Parquet: {error}") from error
    expected = [field["name"] for field in entry["schema"]["fields"]]
    if table.column_names != expected:
        raise DataError(f"{path}: columns {table.column_names} differ from the schema's {expected}")
    _check_schema(name, table, entry["schema"]["fields"])
    return table


def _check_schema(name: str, table: pa.Table, fields: list[dict[str, Any]]) -> None:
    """:class:`DataError` if a column's type, or a value of an enum column, disagrees with the descriptor."""
    import pyarrow.compute as pc

    for field in fields:
        column = table.column(field["name"])
        held = registry.schema_type(column.type)
        where = f"{descriptor_path()}: table {name!r}, column {field['name']!r}"
        if held != field["type"]:
            raise DataError(
                f"{where} is declared {field['type']}, but its data is {held or 'of no Table Schema type'} "
                f"(Arrow {column.type})"
            )
        enum = field.get("constraints", {}).get("enum")
        if enum is not None:
            outside = sorted(set(pc.unique(column.drop_null()).to_pylist()) - set(enum))
            if outside:
                raise DataError(
                    f"{where} holds {', '.join(map(repr, outside))}, which its enum does not list "
                    f"({', '.join(map(str, enum))})"
                )


@functools.cache
def _records(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(arrow_table(name).to_pylist())


def records(name: str) -> list[dict[str, Any]]:
    """The rows of table ``name`` as plain Python values: ``str``, ``int``, ``float``, ``bool``,
    ``datetime.date``, and ``None`` for a missing value (never NaN). Each call returns new dicts."""
    return [dict(row) for row in _records(name)]


def source_text(source_id: str) -> str:
    """The text of a source, decoded from its seed file byte for byte (no newline translation).

    The seed's SHA-256 is checked against the descriptor first: :class:`DataError` names the file if
    it is missing or differs, :class:`UnknownIdError` if no source has the id.
    """
    from .errors import UnknownIdError

    paths = {row["source_id"]: row["path"] for row in _records("sources")}
    if source_id not in paths:
        raise UnknownIdError(f"no source has the id {source_id!r}")
    entry = next(
        (
            r
            for r in descriptor()["resources"]
            if r.get("path") == paths[source_id] and r["name"] not in registry.REGISTRY
        ),
        None,
    )
    if entry is None:
        raise DataError(f"{descriptor_path()}: no resource pins the seed {paths[source_id]} of source {source_id}")
    return checked_bytes(resource_file(data_dir(), entry), entry).decode("utf-8")


@functools.cache
def _read(name: str) -> pd.DataFrame:
    """Table ``name`` as a DataFrame with the dtype its schema declares in every column."""
    import pandas as pd

    frame = arrow_table(name).to_pandas(date_as_object=False)
    for field in resource(name)["schema"]["fields"]:
        column = field["name"]
        constraints = field.get("constraints", {})
        if "enum" in constraints:
            categories = pd.Index(constraints["enum"], dtype=registry.TYPES[field["type"]].pandas)
            frame[column] = pd.Categorical(frame[column], categories=categories)
        elif field["type"] in ("string", "date") or (field["type"] == "integer" and not constraints.get("required")):
            frame[column] = frame[column].astype(registry.TYPES[field["type"]].pandas)
    frame.attrs = {
        "table": name,
        "citation": package_citation(),
        "sources": _source_citations() if name != "sources" else {},
    }
    return frame


def _source_citations() -> dict[str, str]:
    return {row["source_id"]: row["citation"] for row in _records("sources")}


def package_citation() -> str:
    """Plain-text citation of the package as a whole."""
    meta = descriptor()
    released = meta["created"][:10]
    return (
        f"china-russia-tools maintainers ({released[:4]}). {meta['title']}. Version {meta['version']}, "
        f"released {released}. Python package china-russia-tools."
    )


def load(name: str) -> pd.DataFrame:
    """Return table ``name`` (one of :data:`TABLES`) as a typed DataFrame.

    Raises :class:`UnknownTableError` (a ``ValueError``) listing the valid names for any other
    ``name``, and :class:`DataError` when the installed file is missing, changed or unreadable.

    Every row carries a readable ``citation``; ``df.attrs`` holds the package citation and the
    citations of the sources. Each call returns a new copy.
    """
    resource(name)  # an unknown name, or one that is not a string, is refused before the cache sees it
    frame = _read(name)
    fresh = frame.copy(deep=True)
    fresh.attrs = copy.deepcopy(frame.attrs)
    return fresh


def sources() -> pd.DataFrame:
    """One row per source document."""
    return load("sources")


def entities() -> pd.DataFrame:
    """One row per distinct entity."""
    return load("entities")


def products() -> pd.DataFrame:
    """One row per product or product class a figure measures (``figures.product_id``)."""
    return load("products")


def product_codes() -> pd.DataFrame:
    """One row per code of a product in a classification of goods (HS 2022, or TOTAL for all goods)."""
    return load("product_codes")


def mentions() -> pd.DataFrame:
    """One row per mention of an entity in a source."""
    return load("mentions")


def figures() -> pd.DataFrame:
    """One row per quantitative statement."""
    return load("figures")


def quotes() -> pd.DataFrame:
    """One row per quotation or piece of reported speech."""
    return load("quotes")


def references() -> pd.DataFrame:
    """One row per external document used to check figures and quotes."""
    return load("references")


def checks() -> pd.DataFrame:
    """One row per check of a figure or quote, by arithmetic or against a reference."""
    return load("checks")


def corrections() -> pd.DataFrame:
    """One row per change to a row published in an earlier release, and why it was made."""
    return load("corrections")


def discrepancies() -> pd.DataFrame:
    """Every contradicted figure with the article's reading beside the checking reading.

    One row per discrepancy: the figure as annotated (``figure_id``, ``text``, ``value``, ``unit``,
    ``flow_from``, ``flow_to``), what differs (``kind``), the reading that contradicts it
    (``expected``) and the article's (``found``), and who says so (``publisher``, ``title``, ``url``;
    empty for arithmetic checks). It is ``checks()`` joined to ``figures()`` and ``references()``.
    """
    found = checks()
    found = found[(found["status"] == "discrepancy") & found["figure_id"].notna()]
    figure_columns = ["figure_id", "text", "value", "unit", "flow_from", "flow_to", "period_start", "period_end"]
    joined = found.merge(figures()[figure_columns], on="figure_id", how="left")
    joined = joined.merge(references()[["reference_id", "publisher", "title", "url"]], on="reference_id", how="left")
    columns = [
        "check_id",
        "figure_id",
        "source_id",
        "text",
        "value",
        "unit",
        "flow_from",
        "flow_to",
        "period_start",
        "period_end",
        "kind",
        "expected",
        "found",
        "method",
        "reference_id",
        "publisher",
        "title",
        "url",
        "note",
    ]
    result = joined[columns].reset_index(drop=True)
    result.attrs = found.attrs
    return result


def _document_tables() -> None:
    """Add each table's columns, from the descriptor, to its function's docstring (``help(crt.figures)``).

    Reads only ``datapackage.json``, never a table; if it cannot be read, the docstrings stay short
    and the first load names the problem.
    """
    try:
        meta = descriptor()
    except DataError:
        return
    for name in registry.names():
        function = globals().get(name)
        if callable(function):
            lines = dictionary.columns_docstring(registry.resource_of(meta, name)).splitlines()
            function.__doc__ = f"{function.__doc__}\n\n" + "\n".join(f"    {line}" if line else "" for line in lines)


_document_tables()

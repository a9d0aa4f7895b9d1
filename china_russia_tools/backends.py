"""Each table in each backend: a pandas DataFrame, a polars DataFrame or a pyarrow Table.

Every backend types the columns from the Table Schemas in ``datapackage.json`` through
:data:`~china_russia_tools.registry.TYPES`, an ``enum`` constraint becoming a categorical (pandas),
a ``pl.Enum`` (polars) or a dictionary array (pyarrow) with the schema's values as categories. The
file, hash and column checks are those of :mod:`~china_russia_tools.tables`. pandas and pyarrow start
from the Arrow table :func:`~china_russia_tools.tables.arrow_table` reads; polars reads the checked
bytes itself and imports neither pandas nor pyarrow. :func:`load` is the loader: ``crt.load``, and
every table function of :mod:`~china_russia_tools.table_functions`, call it.
"""

from __future__ import annotations

import copy
import importlib
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import registry, tables
from .errors import DataError, MissingBackendError, UnknownBackendError

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    import pyarrow as pa

Fields = list[dict[str, Any]]
"""Table Schema fields, in column order."""
Rows = list[dict[str, Any]]
"""Rows as plain Python values, ``None`` for a missing value."""


def _enum(field: dict[str, Any]) -> list[str] | None:
    return field.get("constraints", {}).get("enum")


# pyarrow


def _arrow_typed(table: pa.Table, fields: Fields, name: str) -> pa.Table:
    """``table`` with enum columns as dictionary arrays, each field's description in its metadata and
    the table's name and the package citation in the schema's."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns, schema = [], []
    for field, column, read in zip(fields, table.columns, table.schema, strict=True):
        column = column.cast(registry.arrow_type(field["type"]))
        enum = _enum(field)
        if enum is not None:
            categories = pa.array(enum, pa.string())
            codes = pc.index_in(column, value_set=categories)
            if codes.null_count != column.null_count:
                outside = pc.unique(column.filter(pc.and_(pc.is_null(codes), pc.is_valid(column)))).to_pylist()
                raise DataError(f"table {name!r}, column {field['name']!r}: {outside} are not in its schema's enum")
            column = pa.chunked_array(
                [pa.DictionaryArray.from_arrays(chunk, categories) for chunk in codes.chunks],
                type=pa.dictionary(pa.int32(), pa.string()),
            )
        described = {"description": field.get("description", "")}
        schema.append(pa.field(field["name"], column.type, read.nullable, described))
        columns.append(column)
    metadata = {"table": name, "citation": tables.package_citation()}
    return pa.Table.from_arrays(columns, schema=pa.schema(schema, metadata=metadata))


def _arrow_plain(rows: Rows, fields: Fields) -> pa.Table:
    import pyarrow as pa

    schema = pa.schema([(field["name"], registry.arrow_type(field["type"])) for field in fields])
    return pa.Table.from_pylist(rows, schema=schema)


def _arrow_file(name: str) -> pa.Table:
    return _arrow_typed(tables.arrow_table(name), tables.resource(name)["schema"]["fields"], name)


def _arrow_rows(rows: Rows, fields: Fields, name: str) -> pa.Table:
    return _arrow_typed(_arrow_plain(rows, fields), fields, name)


# pandas


def _pandas_typed(table: pa.Table, fields: Fields, name: str) -> pd.DataFrame:
    """``table`` as a DataFrame with the dtype its schema declares in every column; ``attrs`` hold the
    table's name, the package citation and the citations of the sources."""
    import pandas as pd

    frame = table.to_pandas(date_as_object=False)
    for field in fields:
        column = field["name"]
        constraints = field.get("constraints", {})
        if "enum" in constraints:
            categories = pd.Index(constraints["enum"], dtype=registry.TYPES[field["type"]].pandas)
            frame[column] = pd.Categorical(frame[column], categories=categories)
        elif field["type"] in ("string", "list", "date") or (
            field["type"] == "integer" and not constraints.get("required")
        ):
            frame[column] = frame[column].astype(registry.TYPES[field["type"]].pandas)
    own = registry.REGISTRY.get(name)  # None for a joined table such as discrepancies
    frame.attrs = {
        "table": name,
        "citation": tables.package_citation(),
        "sources": {} if own is not None and own.kind == "seeds" else tables.source_citations(),
    }
    return frame


def _pandas_file(name: str) -> pd.DataFrame:
    return _pandas_typed(tables.arrow_table(name), tables.resource(name)["schema"]["fields"], name)


def _pandas_rows(rows: Rows, fields: Fields, name: str) -> pd.DataFrame:
    return _pandas_typed(_arrow_plain(rows, fields), fields, name)


def _pandas_copy(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` that may be changed: shallow from pandas 3 on (it copies a column on first
    write), deep before."""
    import pandas as pd

    fresh = frame.copy(deep=int(pd.__version__.split(".")[0]) < 3)
    fresh.attrs = copy.deepcopy(frame.attrs)
    return fresh


# polars


def _polars_typed(frame: pl.DataFrame, fields: Fields, name: str) -> pl.DataFrame:
    """``frame`` with each column cast to the polars type of its field (``pl.Enum`` for an enum)."""
    import polars as pl

    schema = {
        field["name"]: pl.Enum(enum) if (enum := _enum(field)) is not None else registry.polars_type(field["type"])
        for field in fields
    }
    try:
        return frame.cast(schema, strict=True)
    except pl.exceptions.PolarsError as error:
        raise DataError(f"table {name!r} does not hold the types its schema declares: {error}") from error


def _polars_check_types(frame: pl.DataFrame, fields: Fields, name: str) -> None:
    """:class:`DataError` if a column's polars type is not that of its field's declared type."""
    for field in fields:
        found = frame.schema[field["name"]]
        if found != registry.polars_type(field["type"]):
            held = next((kind for kind in registry.TYPES if registry.polars_type(kind) == found), None)
            raise tables.wrong_type(name, field, held, f"polars {found}")


def _polars_file(name: str) -> pl.DataFrame:
    import polars as pl

    path, entry, data = tables.checked_file(name)
    try:
        frame = pl.read_parquet(io.BytesIO(data))
    except (OSError, pl.exceptions.PolarsError) as error:
        raise DataError(f"{path}: cannot read table {name!r}, the file is not valid Parquet: {error}") from error
    tables.check_columns(path, entry, frame.columns)
    _polars_check_types(frame, entry["schema"]["fields"], name)
    return _polars_typed(frame, entry["schema"]["fields"], name)


def _polars_rows(rows: Rows, fields: Fields, name: str) -> pl.DataFrame:
    import polars as pl

    schema = {field["name"]: registry.polars_type(field["type"]) for field in fields}
    return _polars_typed(pl.DataFrame(rows, schema=schema), fields, name)


def _polars_records(name: str) -> Rows:
    return _read("polars", name).to_dicts()


@dataclass(frozen=True)
class Backend:
    """How one backend reads a table, builds one from rows and hands out copies."""

    libraries: tuple[str, ...]
    """Modules it imports."""
    install: str
    """How to install them."""
    from_file: Callable[[str], Any]
    """Table ``name`` read from its checked Parquet file and typed."""
    from_rows: Callable[[Rows, Fields, str], Any]
    """A typed table made from plain rows and the fields of their columns, under a name."""
    fresh: Callable[[Any], Any]
    """A copy of a cached table that the caller may change."""
    records: Callable[[str], Rows]
    """The rows of table ``name`` as plain values, read through this backend's libraries."""
    table_type: tuple[str, str]
    """Module and class of its tables."""
    columns: Callable[[Any], list[str]]
    """The column names of one of its tables."""
    values: Callable[[Any, str], list[Any]]
    """The non-missing values of a column of one of its tables."""


BACKENDS: dict[str, Backend] = {
    "pandas": Backend(
        libraries=("pandas", "pyarrow"),
        install='pip install "china-russia-tools"',
        from_file=_pandas_file,
        from_rows=_pandas_rows,
        fresh=_pandas_copy,
        records=tables.records,
        table_type=("pandas", "DataFrame"),
        columns=lambda frame: list(frame.columns),
        values=lambda frame, column: frame[column].dropna().tolist(),
    ),
    "polars": Backend(
        libraries=("polars",),
        install='pip install "china-russia-tools[polars]"',
        from_file=_polars_file,
        from_rows=_polars_rows,
        fresh=lambda frame: frame.clone(),
        records=_polars_records,
        table_type=("polars", "DataFrame"),
        columns=lambda frame: frame.columns,
        values=lambda frame, column: frame[column].drop_nulls().to_list(),
    ),
    "pyarrow": Backend(
        libraries=("pyarrow",),
        install='pip install "china-russia-tools"',
        from_file=_arrow_file,
        from_rows=_arrow_rows,
        fresh=lambda table: table,
        records=tables.records,
        table_type=("pyarrow", "Table"),
        columns=lambda table: table.column_names,
        values=lambda table, column: table.column(column).drop_null().to_pylist(),
    ),
}
"""Every backend by name; pyarrow Tables are immutable, so the cached one is handed out."""


def backend(name: str) -> Backend:
    """The backend called ``name``, after importing its libraries.

    :class:`UnknownBackendError` (a ``ValueError``) lists the valid names; :class:`MissingBackendError`
    (an ``ImportError``) says what to install when a library is missing.
    """
    if not isinstance(name, str) or name not in BACKENDS:
        raise UnknownBackendError(f"unknown backend {name!r}; valid backends are: {', '.join(BACKENDS)}")
    chosen = BACKENDS[name]
    for library in chosen.libraries:
        try:
            importlib.import_module(library)
        except ImportError as error:
            raise MissingBackendError(
                f"backend {name!r} needs {library}: {chosen.install}"
            ) from error
    return chosen


def table_shape(table: Any) -> tuple[list[str], int] | None:
    """The column names and row count of a table of any backend; ``None`` if ``table`` is not one.
    Imports no library that is not imported yet."""
    for chosen in BACKENDS.values():
        module, name = chosen.table_type
        library = sys.modules.get(module)
        if library is not None and isinstance(table, getattr(library, name)):
            return list(chosen.columns(table)), len(table)
    return None


def column_values(table: Any, column: str) -> list[Any] | None:
    """The non-missing values of ``column`` in a table of any backend (``[]`` if it has no such column);
    ``None`` if ``table`` is not a table of a backend. Imports no library that is not imported yet."""
    for chosen in BACKENDS.values():
        module, name = chosen.table_type
        library = sys.modules.get(module)
        if library is not None and isinstance(table, getattr(library, name)):
            return chosen.values(table, column) if column in chosen.columns(table) else []
    return None


_backend = backend  # load() names its argument ``backend``, as the public API does


@tables.cached
def _read(backend_name: str, name: str) -> Any:
    return BACKENDS[backend_name].from_file(name)


def load(name: str, backend: str = "pandas") -> Any:
    """Return table ``name`` (one of :data:`~china_russia_tools.TABLES`) as a typed table of ``backend``.

    ``backend`` is ``"pandas"`` (a DataFrame), ``"polars"`` (a polars DataFrame; extra ``polars``) or
    ``"pyarrow"`` (a ``pyarrow.Table``). Raises :class:`UnknownTableError` (a ``ValueError``) listing the
    valid names for any other ``name``, :class:`UnknownBackendError` (a ``ValueError``) for any other
    backend, :class:`MissingBackendError` (an ``ImportError``) when the backend's library is missing,
    and :class:`DataError` when the installed file is missing, changed or unreadable.

    Every row carries a readable ``citation``. A pandas DataFrame's ``attrs`` hold the package citation
    and the citations of the sources; a pyarrow schema's metadata holds the package citation and each
    field's description; for polars, :func:`~china_russia_tools.cite` gives them. The table is read once
    per process; each call returns a new copy (pyarrow Tables cannot be changed, so the same one).
    """
    chosen = _backend(backend)
    tables.resource(name)
    return chosen.fresh(_read(backend, name))


def from_rows(rows: Rows, fields: Fields, name: str, backend_name: str) -> Any:
    """A table named ``name`` in backend ``backend_name`` made from plain ``rows``, typed by ``fields``."""
    return backend(backend_name).from_rows(rows, fields, name)

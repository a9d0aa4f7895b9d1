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

from .errors import DataError, UnknownTableError

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("sources", "entities", "references", "mentions", "figures", "quotes", "checks")
"""Names of the tabular resources, in dependency order."""

ID_COLUMNS = {
    "sources": "source_id", "entities": "entity_id", "references": "reference_id",
    "mentions": "mention_id", "figures": "figure_id", "quotes": "quote_id", "checks": "check_id",
}
"""The id column (primary key) of each table."""

DESCRIPTOR = "datapackage.json"


def data_dir() -> Path:
    """Folder holding ``datapackage.json``, ``data/`` and ``seeds/``.

    In an installed wheel it is the package's ``_data`` folder; in a source checkout it is the
    project root.
    """
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
    """The parsed Data Package descriptor (cached; do not mutate)."""
    path = descriptor_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot read the descriptor: {error}") from error


def resource(name: str) -> dict[str, Any]:
    """The descriptor's resource called ``name``; ``ValueError`` naming the valid tables if unknown."""
    if name not in TABLES:
        raise UnknownTableError(f"unknown table {name!r}; valid tables are: {', '.join(TABLES)}")
    for entry in descriptor()["resources"]:
        if entry["name"] == name:
            return entry
    raise DataError(f"{descriptor_path()}: no resource named {name!r}")


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
def _read(name: str) -> pd.DataFrame:
    """Read one Parquet table, check its hash and give every column the dtype its schema declares."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    entry = resource(name)
    path = resource_file(data_dir(), entry)
    data = checked_bytes(path, entry)
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (OSError, ValueError, pa.ArrowException) as error:
        raise DataError(f"{path}: cannot read table {name!r}, the file is not valid Parquet: {error}") from error
    fields = entry["schema"]["fields"]
    expected = [field["name"] for field in fields]
    if table.column_names != expected:
        raise DataError(f"{path}: columns {table.column_names} differ from the schema's {expected}")
    frame = table.to_pandas(date_as_object=False)
    for field in fields:
        column = field["name"]
        constraints = field.get("constraints", {})
        if "enum" in constraints:
            frame[column] = pd.Categorical(frame[column], categories=constraints["enum"])
        elif field["type"] == "integer" and not constraints.get("required"):
            frame[column] = frame[column].astype("Int64")
        elif field["type"] == "date":
            frame[column] = frame[column].astype("datetime64[ms]")
    frame.attrs = {
        "table": name,
        "citation": package_citation(),
        "sources": _source_citations() if name != "sources" else {},
    }
    return frame


def _source_citations() -> dict[str, str]:
    frame = _read("sources")
    return dict(zip(frame["source_id"], frame["citation"]))


def package_citation() -> str:
    """Plain-text citation of the package as a whole."""
    meta = descriptor()
    year = meta["created"][:4]
    return f"china-russia-tools maintainers ({year}). {meta['title']}. Version {meta['version']}. Python package china-russia-tools."


def load(name: str) -> pd.DataFrame:
    """Return table ``name`` (one of :data:`TABLES`) as a typed DataFrame.

    Every row carries a readable ``citation``; ``df.attrs`` holds the package citation and the
    citations of the sources. Each call returns a new copy.
    """
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
    columns = ["check_id", "figure_id", "source_id", "text", "value", "unit", "flow_from", "flow_to", "period_start", "period_end",
               "kind", "expected", "found", "method", "reference_id", "publisher", "title", "url", "note"]
    result = joined[columns].reset_index(drop=True)
    result.attrs = found.attrs
    return result

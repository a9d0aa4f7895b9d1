"""The data package on disk: the one place that reads the installed data and checks it.

The descriptor and its pin, each resource, its file and primary key, the checked bytes of a table or
a seed, a table read from Parquet, its rows as plain values and each source's text. The loader
(:mod:`~china_russia_tools.backends`, which types the columns for pandas, polars or pyarrow), the
build, ``diff`` and validation all read through here; this module imports nothing of the package but
the registry, the errors and the file reader, and reads nothing when imported. Each table is read once per process;
:func:`clear_cache` forgets it, and every cache registered with :func:`cached`.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import registry
from .errors import DataError, UnknownTableError
from .files import FileTooLarge, NotRegularFile, read_regular, regular_size

if TYPE_CHECKING:
    import pyarrow as pa

TABLES = registry.names()
"""Names of the tabular resources, in dependency order (from :mod:`~china_russia_tools.registry`)."""

DESCRIPTOR = "datapackage.json"
PIN = "datapackage.json.sha256"
"""File beside the descriptor pinning it by its SHA-256, in ``sha256sum`` format; the build writes it."""

AUTHOR = "china-russia-tools maintainers"
"""Who the package is by, in every citation of it."""

_data_dir: Path | None = None


def use_data_dir(root: Path | None) -> None:
    """Read the tables from ``root`` (a folder holding ``datapackage.json``, such as a built checkout)
    from now on; ``None`` goes back to the installed data. Clears every cached table."""
    global _data_dir
    _data_dir = None if root is None else Path(root)
    clear_cache()


Cached = TypeVar("Cached")
_caches: list[Any] = []


def cached(function: Cached) -> Cached:
    """``function`` cached by ``functools.cache``, and forgotten by :func:`clear_cache`: a module above
    this one caches what it derives from the data with this, and so never goes stale."""
    wrapper = functools.cache(function)
    _caches.append(wrapper)
    return wrapper


def clear_cache() -> None:
    """Forget every table, row and descriptor read so far, and everything cached from them with
    :func:`cached`; the next call reads the files again."""
    for wrapper in _caches:
        wrapper.cache_clear()


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


@cached
def descriptor() -> dict[str, Any]:
    """The parsed Data Package descriptor (cached; do not mutate).

    Its bytes are checked against the SHA-256 in :data:`PIN` first, so that an edited descriptor
    (an enum, a type, a file's hash) is refused rather than believed.
    """
    path = descriptor_path()
    pin = path.with_name(PIN)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
        pinned = read_regular(pin, MAX_FILE_BYTES).decode("utf-8").split()[0] if pin.exists() else None
        content = json.loads(data.decode("utf-8"))
    except (NotRegularFile, FileTooLarge) as error:
        raise DataError(f"{error}; {REBUILD}") from None
    except (OSError, ValueError, IndexError) as error:
        raise DataError(f"{path}: cannot read the descriptor: {error}") from error
    if pinned is None:
        raise DataError(
            f"{pin}: missing; it pins the descriptor by its SHA-256 (reinstall the package; in a checkout, run "
            "`china-russia-tools build`)"
        )
    actual = hashlib.sha256(data).hexdigest()
    if actual != pinned:
        raise DataError(
            f"{path}: SHA-256 is {actual}, {PIN} says {pinned}; the descriptor "
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
        if ".." not in Path(relative).parts:
            raise DataError(
                f"{path}: resource {entry.get('name')!r} is a link to {path.resolve()}, outside {root}; "
                "the data's files must be inside its folder"
            )
    raise DataError(
        f"{root / DESCRIPTOR}: resource {entry.get('name')!r} has the path {relative!r}, which is not a "
        f"relative path inside {root}"
    )


REBUILD = "the file was changed or damaged after the build (reinstall the package, or rebuild a checkout)"


MAX_FILE_BYTES = 100_000_000
"""The largest file of the data package that is read, 100 MB (the largest today is some 25 kB): a larger
one is refused before it is read, rather than filling the memory."""


@contextlib.contextmanager
def _refused(path: Path, entry: dict[str, Any], remedy: str) -> Iterator[None]:
    """Turns a file :mod:`~china_russia_tools.files` refuses into a :class:`DataError` naming the resource."""
    try:
        yield
    except NotRegularFile as error:
        raise DataError(f"{path}: resource {entry['name']!r} is {error.kind}, not a regular file; {remedy}") from None
    except FileTooLarge as error:
        pinned = entry.get("bytes")
        said = f"the descriptor says {pinned:,}" if isinstance(pinned, int) else "the descriptor pins no size"
        raise DataError(
            f"{path}: resource {entry['name']!r} is {error.size:,} bytes, {said}, and files larger than "
            f"{MAX_FILE_BYTES:,} bytes are not read; {remedy}"
        ) from None
    except OSError as error:
        raise DataError(f"{path}: cannot read resource {entry['name']!r}: {error}") from error


def safe_size(path: Path, entry: dict[str, Any], remedy: str = REBUILD) -> int:
    """The size of a resource's file, once it is known to be safe to read whole: :class:`DataError` if it
    is missing, not a regular file (a folder, or a named pipe, whose reading would never end) or larger
    than :data:`MAX_FILE_BYTES` (the message ends with ``remedy``)."""
    with _refused(path, entry, remedy):
        return regular_size(path, MAX_FILE_BYTES)


def checked_bytes(path: Path, entry: dict[str, Any], remedy: str = REBUILD) -> bytes:
    """The bytes of a resource's file; :class:`DataError` if it is unreadable, cannot safely be read whole
    (:func:`safe_size`) or its SHA-256 differs (the message ends with ``remedy``)."""
    with _refused(path, entry, remedy):
        data = read_regular(path, MAX_FILE_BYTES)
    expected = str(entry.get("hash", "")).removeprefix("sha256:")
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise DataError(
            f"{path}: SHA-256 is {actual}, the descriptor says {expected or 'nothing'}; {remedy}"
        )
    return data


def checked_file(name: str) -> tuple[Path, dict[str, Any], bytes]:
    """Path, descriptor resource and bytes of table ``name``'s Parquet file, its SHA-256 checked."""
    entry = resource(name)
    path = resource_file(data_dir(), entry)
    return path, entry, checked_bytes(path, entry)


def check_columns(path: Path, entry: dict[str, Any], columns: list[str]) -> None:
    """:class:`DataError` unless ``columns``, read from ``path``, are the resource's schema fields in order."""
    expected = [field["name"] for field in entry["schema"]["fields"]]
    if list(columns) != expected:
        raise DataError(f"{path}: columns {list(columns)} differ from the schema's {expected}")


def table_path(name: str) -> Path:
    """Path of table ``name``'s Parquet file, for Spark, Dask, DuckDB or R, after its SHA-256 is checked
    against the descriptor (:class:`DataError` if it differs). The file holds untyped enums and no
    citations in its metadata; :func:`load` adds them."""
    return checked_file(name)[0]


def read_parquet(data: bytes, columns: list[str] | None = None) -> pa.Table:
    """The bytes of a Parquet file (as :func:`~china_russia_tools.files.read_regular` or :func:`checked_bytes`
    read them) as a pyarrow Table, of ``columns`` only if given, read in this thread.

    ParquetFile reads without the dataset layer, so it imports no pandas; and without pyarrow's thread
    pool, whose threads can abort the process at exit ("terminate called without an active exception",
    apache/arrow#34314; seen in 8 of 60 runs of the command line with pyarrow 15, none without it).
    The tables are small, so one thread costs nothing measurable.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pq.ParquetFile(pa.BufferReader(data)).read(columns=columns, use_threads=False)


@cached
def arrow_table(name: str) -> pa.Table:
    """Table ``name`` as read from its Parquet file, after its hash and columns are checked (cached)."""
    import pyarrow as pa

    path, entry, data = checked_file(name)
    try:
        table = read_parquet(data)
    except (OSError, ValueError, pa.ArrowException) as error:
        raise DataError(f"{path}: cannot read table {name!r}, the file is not valid Parquet: {error}") from error
    check_columns(path, entry, table.column_names)
    _check_schema(name, table, entry["schema"]["fields"])
    return table


def _check_schema(name: str, table: pa.Table, fields: list[dict[str, Any]]) -> None:
    """:class:`DataError` if a column's type, or a value of an enum column, disagrees with the descriptor."""
    import pyarrow.compute as pc

    for field in fields:
        column = table.column(field["name"])
        held = registry.schema_type(column.type)
        if held is None or registry.TYPES[held].arrow != registry.TYPES[field["type"]].arrow:
            raise wrong_type(name, field, held, f"Arrow {column.type}")
        enum = field.get("constraints", {}).get("enum")
        if enum is not None:
            outside = sorted(set(pc.unique(column.drop_null()).to_pylist()) - set(enum))
            if outside:
                raise DataError(
                    f"{descriptor_path()}: table {name!r}, column {field['name']!r} "
                    f"holds {', '.join(map(repr, outside))}, which its enum does not list "
                    f"({', '.join(map(str, enum))})"
                )


def wrong_type(name: str, field: dict[str, Any], held: str | None, found: str) -> DataError:
    """The error for a column of table ``name`` whose data is not of its field's declared type: ``held``
    is the Table Schema type it holds (``None`` if none), ``found`` its type in the library that read it."""
    return DataError(
        f"{descriptor_path()}: table {name!r}, column {field['name']!r} is declared {field['type']}, "
        f"but its data is {held or 'of no Table Schema type'} ({found})"
    )


@cached
def _records(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(arrow_table(name).to_pylist())


def records(name: str) -> list[dict[str, Any]]:
    """The rows of table ``name`` as plain Python values: ``str``, ``int``, ``float``, ``bool``,
    ``datetime.date``, and ``None`` for a missing value (never NaN). Each call returns new dicts."""
    return [dict(row) for row in _records(name)]


@cached
def _seed_paths() -> dict[str, str]:
    """The path of each source's seed, by source id."""
    return {row["source_id"]: row["path"] for row in _records("sources")}


def is_seed(entry: dict[str, Any]) -> bool:
    """Whether a descriptor resource pins a source text (a seed), not a table of the registry."""
    return entry.get("name") not in registry.REGISTRY


def seed_resources(package_descriptor: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The resources of ``package_descriptor`` (by default the installed one) that pin source texts,
    each named ``seed-<source id>``."""
    resources = (descriptor() if package_descriptor is None else package_descriptor).get("resources", [])
    return [entry for entry in resources if is_seed(entry)]


@cached
def _seeds_by_path() -> dict[str, dict[str, Any]]:
    """The descriptor's seed resources, by path."""
    return {entry.get("path"): entry for entry in seed_resources()}


@cached
def source_text(source_id: str) -> str:
    """The text of a source, decoded from its seed file byte for byte (no newline translation); read
    once per process (:func:`clear_cache` forgets it).

    The seed's SHA-256 is checked against the descriptor first: :class:`DataError` names the file if
    it is missing or differs, :class:`UnknownIdError` if no source has the id.
    """
    from .errors import UnknownIdError

    path = _seed_paths().get(source_id)
    if path is None:
        raise UnknownIdError(f"no source has the id {source_id!r}")
    entry = _seeds_by_path().get(path)
    if entry is None:
        raise DataError(f"{descriptor_path()}: no resource pins the seed {path} of source {source_id}")
    return checked_bytes(resource_file(data_dir(), entry), entry).decode("utf-8")


def source_citations() -> dict[str, str]:
    """The readable citation of each source, by source id."""
    return {row["source_id"]: row["citation"] for row in _records("sources")}


def package_citation() -> str:
    """Plain-text citation of the package as a whole."""
    meta = descriptor()
    released = meta["created"][:10]
    return (
        f"{AUTHOR} ({released[:4]}). {meta['title']}. Version {meta['version']}, "
        f"released {released}. Python package china-russia-tools."
    )


class Rows(dict):
    """Rows by id whose missing id raises a ``KeyError`` naming the table: ``references has no row 'x'``."""

    def __init__(self, table: str, rows: dict[str, dict[str, Any]]) -> None:
        super().__init__(rows)
        self.table = table

    def __missing__(self, row_id: str) -> dict[str, Any]:
        raise KeyError(f"{self.table} has no row {row_id!r}")


@cached
def rows_by_id(table: str) -> Rows:
    """The installed rows of ``table`` by id: the rules of a row read other rows through it, as in the build
    they read the rows built so far (:data:`~china_russia_tools.wording.Lookup`); ``validate``, ``recheck``
    and the UN Comtrade query read them too."""
    key = id_column(table)
    return Rows(table, {row[key]: row for row in records(table)})

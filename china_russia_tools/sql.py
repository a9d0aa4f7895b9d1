"""Query the tables with SQL in DuckDB, alongside data of one's own.

>>> from china_russia_tools.sql import connect     # doctest: +SKIP
>>> con = connect()                                # doctest: +SKIP
>>> con.sql("SELECT figure_id, value, unit FROM figures WHERE check_status = 'discrepancy'")  # doctest: +SKIP

Each table of :data:`~china_russia_tools.TABLES` is a view over its installed Parquet file, with the
column types of its Table Schema (``DATE``, ``BOOLEAN``, ``BIGINT``, ``DOUBLE``, ``VARCHAR``).
``references`` is an SQL keyword: write it in double quotes (``SELECT * FROM "references"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import registry
from .tables import TABLES, resource, table_path

if TYPE_CHECKING:
    import duckdb


def connect(database: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A DuckDB connection to ``database`` with one view per table over the installed Parquet files.

    Each file's SHA-256 is checked first, as :func:`~china_russia_tools.load` does. In a database
    file the views are created or replaced, and keep pointing at the installed files.
    """
    try:
        import duckdb
    except ImportError as error:
        raise ImportError('SQL access needs duckdb: pip install "china-russia-tools[sql]"') from error
    connection = duckdb.connect(database)
    for name in TABLES:
        connection.execute(_create_view(name))
    return connection


def _create_view(name: str) -> str:
    """``CREATE VIEW`` statement reading one table's Parquet file with its schema's types."""
    entry = resource(name)
    path = table_path(name)
    columns = ", ".join(
        f'CAST("{field["name"]}" AS {registry.TYPES[field["type"]].duckdb}) AS "{field["name"]}"'
        for field in entry["schema"]["fields"]
    )
    location = str(path.resolve()).replace("'", "''")
    return f"CREATE OR REPLACE VIEW \"{name}\" AS SELECT {columns} FROM read_parquet('{location}')"

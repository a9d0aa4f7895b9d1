"""Datasette's ``metadata.json`` for the SQLite database of ``export --format datasette``.

Datasette shows it on every page: the package's title, description, licence and sources on the index
and in the footer, and each table's title and description and each column's description from the
descriptor, so that ``datasette china-russia-tools.db --metadata metadata.json`` serves the tables with
the same words as the data dictionary. Datasette's ``units`` are left out: they give one unit to a whole
column, and no column of this package has one (figures and observations carry each row's unit in their
``unit`` column).
"""

from __future__ import annotations

from typing import Any

from . import registry
from .tables import descriptor, resource

METADATA = "metadata.json"
"""The file Datasette reads with ``--metadata``."""


def metadata(database: str) -> dict[str, Any]:
    """The metadata of the package for Datasette, its tables under the database named ``database`` (the
    database file's name without its extension, as Datasette names it). Datasette takes one licence:
    the descriptor's first, that of the tables; the description names every licence."""
    package = descriptor()
    licences = "; ".join(f"{licence['name']} ({licence['title']})" for licence in package["licenses"])
    tables = {}
    for name in registry.names():
        entry = resource(name)
        columns = {field["name"]: field["description"] for field in entry["schema"]["fields"] if "description" in field}
        tables[name] = {"title": entry["title"], "description": entry["description"], "columns": columns}
    return {
        "title": package["title"],
        "description": f"{package['description']} Licences: {licences}.",
        "license": package["licenses"][0]["name"],
        "license_url": package["licenses"][0]["path"],
        "source": " ".join(source["title"] for source in package.get("sources", [])),
        "about": f"{package['name']} {package['version']}",
        "about_url": package["homepage"],
        "databases": {database: {"tables": tables}},
    }

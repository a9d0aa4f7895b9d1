"""What every step of the build shares: the project, its descriptor, the rows built so far and the
problems found so far."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import registry
from ..errors import Problems
from ..tables import Rows

ANNOTATIONS = "annotations"
SEEDS = "seeds"


@dataclass
class Context:
    """One build: the project folder, its descriptor, the rows of each table and the problems."""

    root: Path
    descriptor: dict[str, Any]
    problems: Problems = field(default_factory=Problems)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    written: dict[str, set[str] | None] = field(default_factory=dict)
    """The ids written for each table, sound or not (in its shared file, or in the sources' files for an
    anchored table); ``None`` for a shared file refused whole. A row that names a row refused for its
    own problem is then not reported a second time."""
    _index: dict[str, Rows] = field(default_factory=dict, repr=False)
    _indexed: dict[str, int] = field(default_factory=dict, repr=False)
    """How many rows of each table :attr:`_index` holds."""

    def __post_init__(self) -> None:
        self.rows = {name: [] for name in registry.names()}

    def fields(self, table: str) -> list[dict[str, Any]]:
        """The Table Schema fields of ``table``."""
        return registry.resource_of(self.descriptor, table)["schema"]["fields"]

    def key(self, table: str) -> str:
        """The id column of ``table``, from its schema's primary key."""
        return registry.primary_key(self.descriptor, table)

    def by_id(self, table: str) -> Rows:
        """The rows of ``table`` built so far by id, the first of each id; a missing id raises a ``KeyError``
        naming the table, as the installed rows do (:class:`~china_russia_tools.tables.Rows`).

        Rows are only ever appended to :attr:`rows` (and sorted at the end), so the index is brought up
        to date by indexing the rows appended since the last call: each row is indexed once, and a look-up
        costs the same however many rows the build holds.
        """
        rows, index = self.rows[table], self._index.setdefault(table, Rows(table, {}))
        done = self._indexed.get(table, 0)
        if done < len(rows):
            key = self.key(table)
            for row in rows[done:]:
                index.setdefault(row[key], row)
            self._indexed[table] = len(rows)
        return index

    def ids(self, table: str) -> AbstractSet[str]:
        """Ids of the rows of ``table`` built so far (a view, which grows as rows are built)."""
        return self.by_id(table).keys()

    def find(self, table: str, row_id: str) -> dict[str, Any]:
        """The built row ``row_id`` of ``table``; ``KeyError`` naming the table if there is none."""
        return self.by_id(table)[row_id]

    def refused(self, table: str, row_id: str) -> bool:
        """Whether ``row_id`` names a row of ``table`` that was written but refused for its own problem, or
        whose shared file was refused whole: a reference to it is then not reported a second time."""
        written = self.written.get(table, set())
        return (written is None or row_id in written) and row_id not in self.ids(table)

    def origin(self, table: str, row: dict[str, Any]) -> str:
        """The annotation file a built row comes from."""
        entry = registry.table(table)
        return f"{ANNOTATIONS}/{entry.file or row.get('source_id', '') + '.yaml'}"

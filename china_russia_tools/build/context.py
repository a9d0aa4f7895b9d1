"""What every step of the build shares: the project, its descriptor, the rows built so far and the
problems found so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import registry
from ..errors import AnnotationError

ANNOTATIONS = "annotations"
SEEDS = "seeds"


@dataclass
class Problems:
    """Collects every problem of a build, each one naming its file and row."""

    lines: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise AnnotationError(self.lines)


@dataclass
class Context:
    """One build: the project folder, its descriptor, the rows of each table and the problems."""

    root: Path
    descriptor: dict[str, Any]
    problems: Problems = field(default_factory=Problems)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    declared: set[str] = field(default_factory=set)
    """Every row id written in any source's annotation file, sound or not: a check of a row that was
    refused for its own problem is then not reported a second time."""

    def __post_init__(self) -> None:
        self.rows = {name: [] for name in registry.names()}

    def fields(self, table: str) -> list[dict[str, Any]]:
        """The Table Schema fields of ``table``."""
        return registry.resource_of(self.descriptor, table)["schema"]["fields"]

    def key(self, table: str) -> str:
        """The id column of ``table``, from its schema's primary key."""
        return registry.primary_key(self.descriptor, table)

    def ids(self, table: str) -> set[str]:
        """Ids of the rows of ``table`` built so far."""
        key = self.key(table)
        return {row[key] for row in self.rows[table]}

    def find(self, table: str, row_id: str) -> dict[str, Any]:
        """The built row ``row_id`` of ``table``; ``KeyError`` if there is none."""
        key = self.key(table)
        for row in self.rows[table]:
            if row[key] == row_id:
                return row
        raise KeyError(f"{table} has no row {row_id!r}")

    def origin(self, table: str, row: dict[str, Any]) -> str:
        """The annotation file a built row comes from."""
        entry = registry.table(table)
        return f"{ANNOTATIONS}/{entry.file or row.get('source_id', '') + '.yaml'}"

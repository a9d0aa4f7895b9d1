"""Checks of an installed or checked-out package: frictionless validation plus provenance checks.

frictionless checks types, constraints, keys and the seeds' hashes; it does not check Parquet hashes or
that each row's text is the slice of its seed, which :func:`provenance_problems` does.
"""

from __future__ import annotations

from pathlib import Path

from .errors import DataError
from .tables import TABLES, checked_bytes, data_dir, descriptor, load, resource_file

ANCHORED = ("mentions", "figures", "quotes")


def provenance_problems(root: Path | None = None) -> list[str]:
    """Hash and span problems of the data under ``root`` (default: the installed data)."""
    root = data_dir() if root is None else root
    problems = []
    for entry in descriptor()["resources"]:
        try:
            checked_bytes(resource_file(root, entry), entry)
        except DataError as error:
            problems.append(str(error))
    if problems:
        return problems
    texts = {row.source_id: (root / row.path).read_text(encoding="utf-8") for row in load("sources").itertuples()}
    for table in ANCHORED:
        frame = load(table)
        for row in frame.itertuples():
            row_id = getattr(row, frame.columns[0])
            text = texts.get(row.source_id)
            if text is None:
                problems.append(f"{table} {row_id}: unknown source {row.source_id}")
            elif text[row.char_start:row.char_end] != row.text:
                problems.append(
                    f"{table} {row_id}: text {row.text!r} differs from the source's code points "
                    f"{row.char_start}-{row.char_end}, {text[row.char_start:row.char_end]!r}"
                )
    return problems


def frictionless_problems(descriptor_file: Path) -> list[str]:
    """Errors frictionless reports for the descriptor (needs the ``frictionless`` extra)."""
    try:
        from frictionless import Package
    except ImportError as error:
        raise ImportError("frictionless is not installed; install china-russia-tools[validate]") from error
    report = Package(str(descriptor_file)).validate()
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


def all_problems() -> list[str]:
    """Every problem frictionless and the provenance checks find in the installed data."""
    from .tables import descriptor_path

    return frictionless_problems(descriptor_path()) + provenance_problems()


__all__ = ["ANCHORED", "TABLES", "all_problems", "frictionless_problems", "provenance_problems"]

"""Checks of an installed or checked-out package: frictionless validation plus provenance checks.

frictionless checks types, constraints, keys and the seeds' hashes; it does not check Parquet hashes or
that each row's text is the slice of its seed, which :func:`provenance_problems` does.
"""

from __future__ import annotations

from pathlib import Path

from . import registry
from .errors import DataError
from .tables import checked_bytes, data_dir, descriptor, descriptor_path, id_column, is_seed, records, resource_file


def provenance_problems() -> list[str]:
    """Hash and span problems of the data the loader reads (see :func:`~china_russia_tools.tables.data_dir`).

    Every file the descriptor names is checked against its SHA-256; when all match, every anchored row's
    ``text`` is compared with the code points ``char_start:char_end`` of its seed.
    """
    root = data_dir()
    problems = []
    seeds = {}
    for entry in descriptor()["resources"]:
        try:
            data = checked_bytes(resource_file(root, entry), entry)
        except DataError as error:
            problems.append(str(error))
            continue
        if is_seed(entry):
            seeds[entry["path"]] = data.decode("utf-8")
    if problems:
        return problems
    texts = {row["source_id"]: seeds.get(row["path"]) for row in records("sources")}
    for table in registry.layers():
        key = id_column(table)
        for row in records(table):
            text = texts.get(row["source_id"])
            if text is None:
                problems.append(f"{table} {row[key]}: unknown source {row['source_id']}")
            elif text[row["char_start"] : row["char_end"]] != row["text"]:
                problems.append(
                    f"{table} {row[key]}: text {row['text']!r} differs from the source's code points "
                    f"{row['char_start']}-{row['char_end']}, {text[row['char_start'] : row['char_end']]!r}"
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
    """Every problem frictionless and the provenance checks find in the data the loader reads."""
    return frictionless_problems(descriptor_path()) + provenance_problems()


__all__ = ["all_problems", "frictionless_problems", "provenance_problems"]

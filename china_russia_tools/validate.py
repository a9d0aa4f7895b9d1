"""Checks of an installed or checked-out package: frictionless validation plus provenance checks.

frictionless checks types, constraints, keys and the seeds' hashes; it does not check Parquet hashes or
that each row's text is the slice of its seed, which :func:`provenance_problems` does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import registry
from .errors import DataError, Problems, SpanError
from .spans import whole_words
from .tables import checked_bytes, data_dir, descriptor, descriptor_path, id_column, is_seed, records, resource_file


def provenance_problems() -> list[str]:
    """Hash and span problems of the data the loader reads (see :func:`~china_russia_tools.tables.data_dir`).

    Every file the descriptor names is checked against its SHA-256; when all match, every anchored row is
    rechecked against its seed as the build checks it (:func:`row_problems`), so that a row forged with
    its hashes updated is still caught.
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
            else:
                problems += row_problems(table, row, key, text)
    return problems


def row_problems(table: str, row: dict[str, Any], key: str, text: str) -> list[str]:
    """What is wrong with one anchored row against its seed: its span text, its word boundaries, and the
    build's own rules of the table (for a figure, the written number against ``value``, ``unit`` and the
    range ends)."""
    label = f"{table} {row[key]}"
    start, end = row["char_start"], row["char_end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{label}: span {start}-{end} lies outside its source of {len(text)} code points"]
    if text[start:end] != row["text"]:
        return [
            f"{label}: text {row['text']!r} differs from the source's code points {start}-{end}, {text[start:end]!r}"
        ]
    try:
        whole_words(text, start, end)
    except SpanError as error:
        return [f"{label}: {error}"]
    rules = registry.table(table).rules
    if rules is None:
        return []
    found = Problems()
    rules(dict(row), label, found, text)
    return found.lines


def frictionless_problems(descriptor_file: Path) -> list[str]:
    """Errors frictionless reports for the descriptor (needs the ``frictionless`` extra)."""
    try:
        from frictionless import Package
    except ImportError as error:
        raise ImportError('validate needs frictionless: pip install "china-russia-tools[validate]"') from error
    report = Package(str(descriptor_file)).validate()
    return [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]


def all_problems() -> list[str]:
    """Every problem frictionless and the provenance checks find in the data the loader reads."""
    return frictionless_problems(descriptor_path()) + provenance_problems()


__all__ = ["all_problems", "frictionless_problems", "provenance_problems"]

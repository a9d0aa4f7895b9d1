"""Checks of an installed or checked-out package: frictionless validation, provenance checks and, in a
checkout, what ``build --check`` finds.

frictionless checks types, constraints, keys, the seeds' hashes and each table's row count; it does not
check Parquet hashes, that each source row describes its seed, that each row's text is the slice of its
seed, nor that the columns the build derives from other rows are what those rows give, which
:func:`provenance_problems` does. In a checkout, :func:`checkout_records` compares every row with the one
the annotations build, so that a value no rule can judge (a country code, a flow, a speaker) is caught.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import registry
from .errors import AnnotationError, DataError, Problems, SpanError
from .problems import Problem
from .recompute import derived_problems, mismatch
from .rules.rows import id_prefix, outside_body, shared_spans
from .spans import whole_words
from .tables import (
    DESCRIPTOR,
    arrow_table,
    checked_bytes,
    clear_cache,
    data_dir,
    descriptor,
    descriptor_path,
    id_column,
    is_seed,
    records,
    resource_file,
    rows_by_id,
    safe_size,
)


def provenance_problems() -> list[str]:
    """The lines of :func:`provenance_records`, ``where: message``."""
    return [str(problem) for problem in provenance_records()]


def provenance_records() -> list[Problem]:
    """Hash, source, span and derived-column problems of the data the loader reads (see
    :func:`~china_russia_tools.tables.data_dir`), each with its code.

    Every file the descriptor names is checked against its SHA-256; when all match, each source row is
    checked against its seed (:func:`source_problems`), every anchored row against its seed as the build
    checks it (:func:`row_problems`, :func:`body_problems` and the rules of :mod:`.rules.rows`), each table's
    row count against the descriptor (:func:`row_count_problems`), and every derived column recomputed
    (:func:`~china_russia_tools.recompute.derived_problems`), so that a row forged or dropped with its hashes
    updated is still caught.
    """
    clear_cache()  # read the files as they are now, not as an earlier load found them
    root = data_dir()
    problems: list[Problem] = []
    seeds = {}
    for entry in descriptor()["resources"]:
        try:
            if entry.get("name") in registry.REGISTRY:
                arrow_table(entry["name"])  # read and hash-checked once; the rows below come from it
            else:
                data = checked_bytes(resource_file(root, entry), entry)
                if is_seed(entry):
                    seeds[entry["path"]] = data
        except DataError as error:
            problems.append(Problem("", "data-file", str(error)))
    if problems:
        return problems
    sources = {row["source_id"]: row for row in records("sources")}
    texts = {source_id: source_problems(row, seeds.get(row["path"]), problems) for source_id, row in sources.items()}
    for table in (*registry.layers(), "checks"):
        key = id_column(table)
        rows = records(table)
        for row in rows:
            label = f"{table} {row[key]}"
            if row["source_id"] not in sources:
                problems.append(Problem(label, "unknown-reference", f"unknown source {row['source_id']}"))
                continue
            problems += id_prefix(label, row[key], row["source_id"])
            text = texts.get(row["source_id"])
            if table != "checks" and text is not None:  # else its source's problem is named
                source = sources[row["source_id"]]
                problems += row_problems(table, row, key, text) or body_problems(table, row, key, source, text)
        if table != "checks":
            problems += shared_spans(rows, key, lambda _source_id, ids, table=table: f"{table} {', '.join(ids)}")
    for table in registry.of_kind("shared"):
        problems += shared_row_problems(table)
    return problems + row_count_problems() + derived_problems()


def shared_row_problems(table: str) -> list[Problem]:
    """What the build's own rules of a shared table (an observation's value against its words, an
    entity's country code...) find wrong with its installed rows."""
    rules = registry.table(table).rules
    if rules is None:
        return []
    found = Problems()
    key = id_column(table)
    for row in records(table):
        rules(dict(row), f"{table} {row[key]}", found, None, rows_by_id)
    return found.records


def source_problems(row: dict[str, Any], data: bytes | None, problems: list[Problem]) -> str | None:
    """Add what is wrong with a ``sources`` row against the bytes of its seed (``None`` if no resource pins
    it) to ``problems``: its SHA-256, size in bytes and code points, the title's code points and the
    body's place. The seed's text, or ``None`` if the row names no seed or the seed is not UTF-8."""
    label = f"sources {row['source_id']}"
    if data is None:
        problems.append(Problem(label, "seed-not-pinned", f"path {row['path']!r} is not a seed the descriptor pins"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        message = f"its seed {row['path']} is not valid UTF-8 at byte {error.start}"
        problems.append(Problem(label, "seed-not-utf8", message))
        return None
    found = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data), "chars": len(text)}
    problems += [
        mismatch(label, column, row[column], value, f"its seed {row['path']}", "seed-mismatch")
        for column, value in found.items()
        if row[column] != value
    ]
    start, end = row["title_start"], row["title_end"]
    if not within(start, end, text):
        message = f"title span {start}-{end} lies outside its seed of {len(text)} code points"
        problems.append(Problem(label, "span-outside-text", message))
    elif text[start:end] != row["title"]:
        message = f"title {row['title']!r} differs from the seed's code points {start}-{end}, {text[start:end]!r}"
        problems.append(Problem(label, "span-text-mismatch", message))
    if not within(row["body_start"], row["body_end"], text):
        message = f"body {row['body_start']}-{row['body_end']} lies outside its seed of {len(text)} code points"
        problems.append(Problem(label, "span-outside-text", message))
    return text


def within(start: Any, end: Any, text: str) -> bool:
    """Whether ``start``-``end`` is a span of at least one code point in ``text``."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def row_problems(table: str, row: dict[str, Any], key: str, text: str) -> list[Problem]:
    """What is wrong with one anchored row against its seed: its span text, its word boundaries, and the
    build's own rules of the table (for a figure, the written number against ``value``, ``unit`` and the
    range ends)."""
    label = f"{table} {row[key]}"
    start, end = row["char_start"], row["char_end"]
    if not within(start, end, text):
        message = f"span {start}-{end} lies outside its source of {len(text)} code points"
        return [Problem(label, "span-outside-text", message)]
    if text[start:end] != row["text"]:
        message = f"text {row['text']!r} differs from the source's code points {start}-{end}, {text[start:end]!r}"
        return [Problem(label, "span-text-mismatch", message)]
    try:
        whole_words(text, start, end)
    except SpanError as error:
        return [Problem(label, error.code, str(error))]
    rules = registry.table(table).rules
    if rules is None:
        return []
    found = Problems()
    rules(dict(row), label, found, text, rows_by_id)
    return found.records


def body_problems(table: str, row: dict[str, Any], key: str, source: dict[str, Any], text: str) -> list[Problem]:
    """An anchored row outside its source's article body (or, where the table allows it, the headline),
    as the build refuses it (:func:`~china_russia_tools.rules.rows.outside_body`); nothing when the source's
    body or headline is itself out of its text (a problem of the source)."""
    body, title = (source["body_start"], source["body_end"]), (source["title_start"], source["title_end"])
    if not (within(*body, text) and within(*title, text)):
        return []
    label = f"{table} {row[key]}"
    return outside_body(label, row["char_start"], row["char_end"], source, registry.table(table).in_body)


def row_count_problems() -> list[Problem]:
    """Each table that holds another number of rows than its resource's ``rows`` in the descriptor (which
    the build writes), so that a row dropped with its hashes updated is still caught."""
    problems = []
    for table in registry.names():
        recorded = registry.resource_of(descriptor(), table).get("rows")
        rows = arrow_table(table).num_rows
        if recorded != rows:
            message = f"holds {rows} rows, but {DESCRIPTOR} records {recorded!r}"
            problems.append(Problem(table, "row-count", message))
    return problems


def checkout_records() -> list[Problem]:
    """In a checkout (``annotations/`` beside the data), what ``build --check`` finds
    (:func:`~china_russia_tools.builder.staleness.stale_records`): each row that differs from the one the
    annotations build, and each other output that differs; or the build's own problems when the annotations
    do not build. Nothing for an installed copy, which has no annotations."""
    root = data_dir()
    if not (root / "annotations").is_dir():
        return []
    from .builder.staleness import stale_records  # here: an installed copy, with no annotations, needs no build

    try:
        return stale_records(root)
    except AnnotationError as error:
        return error.records


def frictionless_problems(descriptor_file: Path) -> list[str]:
    """Errors frictionless reports for the descriptor (needs the ``frictionless`` extra)."""
    return [str(problem) for problem in frictionless_records(descriptor_file)]


def frictionless_records(descriptor_file: Path) -> list[Problem]:
    """:func:`frictionless_problems` as records, each with the code ``frictionless``."""
    try:
        from frictionless import Package
    except ImportError as error:
        raise ImportError('validate needs frictionless: pip install "china-russia-tools[validate]"') from error
    report = Package(str(descriptor_file)).validate()
    return [Problem(task.name, "frictionless", error.message) for task in report.tasks for error in task.errors] + [
        Problem("", "frictionless", error.message) for error in report.errors
    ]


def unsafe_files() -> bool:
    """Whether a file the descriptor names is not a regular file or too large to read whole
    (:func:`~china_russia_tools.tables.safe_size`): frictionless would read it anyway, and wait forever on
    a named pipe or fill the memory."""
    root = data_dir()
    for entry in descriptor()["resources"]:
        try:
            path = resource_file(root, entry)
        except DataError:
            continue  # the provenance checks name it; frictionless refuses such a path itself
        if path.exists():
            try:
                safe_size(path, entry)
            except DataError:
                return True
    return False


def all_problems() -> list[str]:
    """The lines of :func:`all_records`, ``where: message``, as ``validate`` prints them."""
    return [str(problem) for problem in all_records()]


def all_records() -> list[Problem]:
    """Every problem frictionless and the provenance checks find in the data the loader reads, each with its
    code; frictionless is skipped when a file is unsafe to read (:func:`unsafe_files`), which the
    provenance checks name."""
    found = [] if unsafe_files() else frictionless_records(descriptor_path())
    return found + provenance_records() + checkout_records()


__all__ = [
    "all_problems",
    "all_records",
    "checkout_records",
    "frictionless_problems",
    "frictionless_records",
    "provenance_problems",
    "provenance_records",
]

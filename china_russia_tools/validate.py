"""Checks of an installed or checked-out package: frictionless validation plus provenance checks.

frictionless checks types, constraints, keys and the seeds' hashes; it does not check Parquet hashes,
that each source row describes its seed, that each row's text is the slice of its seed, nor that the
columns the build derives from other rows are what those rows give, which :func:`provenance_problems`
does.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from . import check_methods, registry, verdicts, wording
from .errors import DataError, Problems, SpanError
from .problems import Problem
from .spans import whole_words
from .tables import (
    arrow_table,
    cached,
    checked_bytes,
    clear_cache,
    data_dir,
    descriptor,
    descriptor_path,
    id_column,
    is_seed,
    records,
    resource_file,
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
    checks it (:func:`row_problems`, :func:`shared_spans`), and every derived column recomputed
    (:func:`derived_problems`), so that a row forged with its hashes updated is still caught.
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
    for table in registry.layers():
        key = id_column(table)
        rows = records(table)
        for row in rows:
            text = texts.get(row["source_id"])
            if row["source_id"] not in sources:
                message = f"unknown source {row['source_id']}"
                problems.append(Problem(f"{table} {row[key]}", "unknown-reference", message))
            elif text is not None:  # else its source's problem is named
                source = sources[row["source_id"]]
                problems += row_problems(table, row, key, text) or body_problems(table, row, key, source, text)
        problems += shared_spans(table, rows, key)
    for table in registry.of_kind("shared"):
        problems += shared_row_problems(table)
    return problems + derived_problems()


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


@cached
def rows_by_id(table: str) -> dict[str, dict[str, Any]]:
    """The installed rows of ``table`` by id: the rules of a row read other rows through it, as in the build
    they read the rows built so far (:data:`~china_russia_tools.wording.Lookup`)."""
    key = id_column(table)
    return {row[key]: row for row in records(table)}


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


def mismatch(
    label: str, column: str, stored: Any, recomputed: Any, basis: str, code: str = "derived-mismatch"
) -> Problem:
    """The problem of a column whose stored value differs from the one recomputed from ``basis``."""
    return Problem(label, code, f"{column} is {stored!r}, but recomputed from {basis} it is {recomputed!r}")


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
    as the build refuses it; nothing when the source's body or headline is itself out of its text (a
    problem of the source)."""
    start, end = row["char_start"], row["char_end"]
    body, title = (source["body_start"], source["body_end"]), (source["title_start"], source["title_end"])
    if not (within(*body, text) and within(*title, text)) or body[0] <= start < end <= body[1]:
        return []
    if registry.table(table).in_body:
        where = f"the article body {source['body_start']}-{source['body_end']}"
    elif source["title_start"] <= start < end <= source["title_end"]:
        return []
    else:
        where = f"the headline {source['title_start']}-{source['title_end']} and the article body"
    message = f"span {start}-{end} lies outside {where} of source {source['source_id']}"
    return [Problem(f"{table} {row[key]}", "span-outside-body", message)]


def shared_spans(table: str, rows: list[dict[str, Any]], key: str) -> list[Problem]:
    """A problem for each span of a source that two or more rows of one anchored table lie on."""
    return [
        Problem(
            f"{table} {', '.join(ids)}",
            "shared-span",
            f"{len(ids)} rows lie on code points {start}-{end} of source {source_id}; "
            "a span holds at most one row of a table",
        )
        for source_id, start, end, ids in verdicts.shared_spans(rows, key)
    ]


def derived_problems() -> list[Problem]:
    """Each column the build derives from other rows that differs from its value recomputed from the
    installed tables: each figure's chain, each arithmetic and observation check, and each checked row's
    statuses (and a figure's ``departs_at``) from its checks; and, as the build refuses it, a figure in
    another currency than its series' that its checks do not account for."""
    references = {row["reference_id"]: row for row in records("references")}
    figures = {row["figure_id"]: row for row in records("figures")}
    problems: list[Problem] = []
    for figure_id, figure in figures.items():
        chain = verdicts.CHAIN_SEPARATOR.join(verdicts.chain_of(figure, references))
        if figure["chain"] != chain:
            basis = "its report_id, relayed_by and attributed_to and the references' relays"
            problems.append(mismatch(f"figures {figure_id}", "chain", figure["chain"], chain, basis))
    checks = records("checks")
    indexed = {"figures": figures, "references": references}

    def lookup(table: str) -> dict[str, dict[str, Any]]:
        if table not in indexed:
            indexed[table] = {row[id_column(table)]: row for row in records(table)}
        return indexed[table]

    for check in checks:
        problems += check_problems(check, lookup)
    by_target = registry.checks_by_target(checks, descriptor())
    for table in registry.checked():
        key = id_column(table)
        derives_verdicts = "relay_status" in registry.table(table).derived
        for row in records(table):
            checks_of = by_target.get((table, row[key]), [])
            found = verdicts.statuses(checks_of, derives_verdicts)
            if derives_verdicts:
                chain = row["chain"].split(verdicts.CHAIN_SEPARATOR)
                found["departs_at"] = verdicts.departs_at(chain, checks_of, references)
                rules = Problems()
                wording.series_currency_rules(row, rows_by_id("series").get(row["series_id"]), f"{table} {row[key]}",
                                              rules)
                problems += rules.records
            problems += [
                mismatch(f"{table} {row[key]}", column, row[column], value, "its checks")
                for column, value in found.items()
                if row[column] != value
            ]
    return problems


def check_problems(check: dict[str, Any], lookup: check_methods.Lookup) -> list[Problem]:
    """Each column a check's method computes that differs from its value recomputed from the rows of
    ``lookup`` (none for a method whose result is annotated)."""
    label, method = f"checks {check['check_id']}", check_methods.METHODS[check["method"]]
    if method.compute is None:
        return []
    try:
        found = method.compute(check, lookup)
    except check_methods.Refused as refused:
        return [Problem(label, refused.code, refused.message)]
    except (ArithmeticError, TypeError, AttributeError) as error:  # a null or zero where the build allows none
        message = f"cannot be recomputed from {method.basis} ({type(error).__name__}: {error})"
        return [Problem(label, "derived-mismatch", message)]
    return [
        mismatch(label, name, check[name], value, method.basis) for name, value in found.items() if check[name] != value
    ]


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
    return found + provenance_records()


__all__ = [
    "all_problems",
    "all_records",
    "frictionless_problems",
    "frictionless_records",
    "provenance_problems",
    "provenance_records",
]

"""The builders of each kind of table the registry names: ``sources`` (one row per seed), shared
tables (one annotation file each) and anchored layers (a list in each source's annotation file)."""

from __future__ import annotations

import hashlib
from typing import Any

from .. import registry
from ..errors import SpanError
from ..fields import read_annotation
from ..spans import resolve_span
from .context import ANNOTATIONS, SEEDS, Context
from .inputs import Seed, outside, read_yaml
from .rows import anchor, read_entries

REQUIRED_SOURCE_KEYS = (
    "title",
    "byline",
    "body_starts_with",
    "body_ends_with",
    "language",
    "published_earliest",
    "published_latest",
    "date_note",
)
"""Keys every ``source:`` block writes (``null`` where nothing is known)."""
COMPUTED_SOURCE_COLUMNS = (
    "source_id", "path", "sha256", "bytes", "chars", "title_start", "title_end", "body_start", "body_end", "citation",
)
"""Columns of ``sources`` that the build computes from the seed and the anchors."""


def source_keys(context: Context) -> set[str]:
    """Keys of the ``source:`` block: the required ones and every other column of the ``sources`` schema
    that the build does not compute, so that a new column needs only its field in the descriptor."""
    columns = {f["name"] for f in context.fields("sources")} - set(COMPUTED_SOURCE_COLUMNS)
    return set(REQUIRED_SOURCE_KEYS) | columns


def build_source(seed: Seed, content: dict[str, Any], where: str, context: Context) -> dict[str, Any] | None:
    """The ``sources`` row of one seed from the ``source:`` block of its annotation file."""
    block = _source_block(content, where, context)
    if block is None:
        return None
    values = _source_values(block, f"{where}: source", context)
    spans = _source_spans(seed.text, block, f"{where}: source", context)
    if values is None or spans is None:
        return None
    row: dict[str, Any] = {
        "source_id": seed.source_id,
        "path": f"{SEEDS}/{seed.path.name}",
        "sha256": hashlib.sha256(seed.data).hexdigest(),
        "bytes": len(seed.data),
        "chars": len(seed.text),
        **values,
    }
    row["title_start"], row["title_end"] = spans["title"]
    row["body_start"], row["body_end"] = spans["body_starts_with"][0], spans["body_ends_with"][1]
    if row["body_start"] >= row["body_end"]:
        context.problems.add(f"{where}: source", "body_ends_with comes before body_starts_with", "reversed-range")
        return None
    _check_source_row(row, f"{where}: source", context)
    row["citation"] = registry.table("sources").cite(row, seed.source_id, context)
    return row


def _source_block(content: dict[str, Any], where: str, context: Context) -> dict[str, Any] | None:
    """The ``source:`` block, once it holds every required key and no unknown one."""
    problems = context.problems
    block = content.get("source")
    if not isinstance(block, dict):
        problems.add(where, "needs a 'source:' block with the title, body, language and dates", "missing-key")
        return None
    allowed = source_keys(context)
    unknown = sorted(set(block) - allowed, key=str)
    missing = sorted(set(REQUIRED_SOURCE_KEYS) - set(block))
    if unknown:
        problems.add(
            f"{where}: source",
            f"unknown key(s) {', '.join(map(str, unknown))}; allowed keys are {', '.join(sorted(allowed))}",
            "unknown-key",
        )
    if missing:
        problems.add(f"{where}: source", f"missing key(s) {', '.join(missing)}", "missing-key")
    return None if unknown or missing else block


def _source_values(block: dict[str, Any], where: str, context: Context) -> dict[str, Any] | None:
    """The block's values of the ``sources`` columns, each read against its field, in the schema's order;
    ``None`` (and a problem for each) if any is not valid."""
    specs = {f["name"]: f for f in context.fields("sources")}
    values, sound = {}, True
    for name in sorted(source_keys(context) - {"body_starts_with", "body_ends_with"}, key=list(specs).index):
        try:
            values[name] = read_annotation(block.get(name), specs[name])
        except ValueError as error:
            context.problems.add(where, f"{name} {error}", "invalid-value")
            sound = False
    return values if sound else None


def _source_spans(text: str, block: dict[str, Any], where: str, context: Context) -> dict[str, tuple[int, int]] | None:
    """Where the title and the body's first and last words are in the seed; ``None`` (and a problem for
    each) if any is not text or not found exactly once."""
    spans, sound = {}, True
    for key in ("title", "body_starts_with", "body_ends_with"):
        if not isinstance(block[key], str):
            context.problems.add(where, f"{key} must be text", "invalid-value")
            sound = False
            continue
        try:
            spans[key] = resolve_span(text, block[key])
        except SpanError as error:
            context.problems.add(where, f"{key}: {error}", error.code)
            sound = False
    return spans if sound else None


def _check_source_row(row: dict[str, Any], where: str, context: Context) -> None:
    """A problem if the publication dates are reversed or the reference they come from is unknown."""
    earliest, latest = row["published_earliest"], row["published_latest"]
    if earliest and latest and latest < earliest:
        context.problems.add(
            where, f"published_latest {latest} is before published_earliest {earliest}", "reversed-range"
        )
    reference = row["published_reference_id"]
    known = context.ids("references")
    if reference is not None and reference not in known and not context.refused("references", reference):
        context.problems.add(
            where,
            unknown_reference("published_reference_id", reference, "references"),
            "unknown-reference",
        )


def build_shared(table: str, context: Context) -> None:
    """Rows of a table kept in one shared annotation file (entities, references, products...), each
    checked by the table's rules and its foreign keys to shared tables built before it."""
    problems = context.problems
    file_name = registry.table(table).file
    folder = context.root / ANNOTATIONS
    where = f"{ANNOTATIONS}/{file_name}"
    context.written[table] = None  # until the file is read: a reference to its rows is not reported
    if not (folder / file_name).exists():
        problems.add(where, "file is missing", "missing-file")
        return
    if outside(context.root, folder / file_name, where, problems):
        return
    content = read_yaml(folder / file_name, where, problems)
    if not content:
        return
    unknown = sorted(set(content) - {table}, key=str)
    if unknown:
        problems.add(
            where, f"unknown top-level key(s) {', '.join(map(str, unknown))}; expected '{table}'", "unknown-key"
        )
    entry = registry.table(table)
    links = references_to_shared(table, context)
    items = content.get(table)
    if isinstance(items, list) or items is None:
        context.written[table] = {str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item}
    entries = read_entries(items, table, where, context)
    own = {row_id for row_id, _, _ in entries}  # a table may refer to its own rows (a series' mirror)
    known = {target: own if target == table else context.ids(target) for _, target in links}
    for row_id, _, values in entries:
        label = f"{where}: {table} id {row_id}"
        if not check_references(values, label, links, known, context):
            continue
        if entry.rules is not None:
            entry.rules(values, label, problems, None, context.by_id)
        values["citation"] = entry.cite(values, row_id, context)
        context.rows[table].append(values)


def references_to_shared(table: str, context: Context) -> list[tuple[str, str]]:
    """``(column, shared table)`` for each foreign key of ``table`` to a table kept in a shared file."""
    shared = registry.of_kind("shared")
    keys = registry.resource_of(context.descriptor, table)["schema"].get("foreignKeys", [])
    return [
        (key["fields"][0] if isinstance(key["fields"], list) else key["fields"], key["reference"]["resource"])
        for key in keys
        if key["reference"]["resource"] in shared
    ]


def check_references(
    values: dict[str, Any], label: str, links: list[tuple[str, str]], known: dict[str, Any], context: Context
) -> bool:
    """A problem for each value of a foreign key column (``links``) that names no row of its shared table,
    unless it names a row refused for its own problem; whether every one names a sound row."""
    sound = True
    for column, target in links:
        value = values.get(column)
        if value is not None and value not in known[target]:
            if not context.refused(target, value):
                context.problems.add(label, unknown_reference(column, value, target), "unknown-reference")
            sound = False
    return sound


def unknown_reference(column: str, value: str, target: str) -> str:
    """The problem of a value that names no row of the shared table ``target``."""
    entry = registry.table(target)
    return f"{column} {value!r} is not {entry.noun} in {ANNOTATIONS}/{entry.file}"


def build_layer(
    table: str, seed: Seed, source: dict[str, Any], content: dict[str, Any], where: str, context: Context
) -> None:
    """Rows of one anchored table from one source's annotation file, each anchored in its seed."""
    entry = registry.table(table)
    problems = context.problems
    links = references_to_shared(table, context)
    known = {target: context.ids(target) for _, target in links}
    for row_id, item, values in read_entries(content.get(table), table, where, context):
        label = f"{where}: {table} id {row_id}"
        if not row_id.startswith(seed.prefix + "-"):
            problems.add(label, f"id must start with this source's number, '{seed.prefix}-'", "id-prefix")
        span = anchor(seed, item, label, context)
        if span is None:
            continue
        start, end = span
        in_body = source["body_start"] <= start < end <= source["body_end"]
        if entry.in_body and not in_body:
            problems.add(
                label,
                f"span {start}–{end} lies outside the article body {source['body_start']}–{source['body_end']}",
                "span-outside-body",
            )
        elif not in_body and not source["title_start"] <= start < end <= source["title_end"]:
            problems.add(
                label,
                f"span {start}–{end} lies outside the headline {source['title_start']}–{source['title_end']} and "
                f"the article body {source['body_start']}–{source['body_end']}; site furniture is not annotated",
                "span-outside-body",
            )
        check_references(values, label, links, known, context)
        values.update(source_id=seed.source_id, char_start=start, char_end=end)
        if entry.rules is not None:
            entry.rules(values, label, problems, seed.text, context.by_id)
        values["citation"] = entry.cite(values, row_id, context)
        context.rows[table].append(values)

"""Annotation entries -> rows: every value checked against its Table Schema field and converted to its
Python type, and anchored words turned into code point spans. The same for every table."""

from __future__ import annotations

from typing import Any

from .. import registry
from ..errors import SpanError
from ..fields import read_annotation
from ..rules.rows import unknown_keys
from ..spans import resolve_span, whole_words
from .context import Context
from .inputs import Seed

Entry = tuple[str, dict[str, Any], dict[str, Any]]
"""A sound annotation entry: ``(row id, the mapping as written, its converted column values)``."""


def optional(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` with ``required`` lifted: for a column the build fills when the annotation leaves it out."""
    return {**spec, "constraints": {**spec.get("constraints", {}), "required": False}}


def read_entries(items: Any, table: str, where: str, context: Context) -> list[Entry]:
    """Check a list of annotation mappings against ``table``'s schema; the sound entries.

    An entry may set every column but the id (written ``id``) and the columns the build computes, and
    the table's own keys (``text`` and ``within`` for anchored tables).
    """
    if items is None:
        return []
    problems = context.problems
    if not isinstance(items, list):
        problems.add(where, f"'{table}' must be a list, found {type(items).__name__}", "yaml-structure")
        return []
    entry = registry.table(table)
    fields = context.fields(table)
    key = context.key(table)
    computed = registry.computed_columns(context.descriptor, table)
    specs = {f["name"]: f for f in fields if f["name"] not in computed and f["name"] != key}
    specs.update({name: optional(specs[name]) for name in entry.filled})
    allowed = set(specs) | {"id"} | set(entry.keys)
    id_spec = next(f for f in fields if f["name"] == key)
    entries = []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.add(
                where, f"{table} entry {position} must be a mapping of keys to values, found {item!r}", "yaml-structure"
            )
            continue
        row_id = item.get("id")
        label = f"{where}: {table} entry {position}" + (f" (id {row_id})" if row_id is not None else "")
        written = sorted(set(item) & computed, key=str)
        if written:
            problems.add(
                label, f"computed key(s) {', '.join(written)}: the build computes them; remove them", "computed-key"
            )
        unknown = unknown_keys(label, set(item) - computed, allowed)
        problems.extend(unknown)
        try:
            row_id = read_annotation(
                item.get("id"), {**id_spec, "constraints": {**id_spec.get("constraints", {}), "required": True}}
            )
        except ValueError as error:
            problems.add(label, f"id {error}", "invalid-value")
            continue
        values = {key: row_id}
        sound = not unknown and not written
        for name, spec in specs.items():
            raw = item.get(name, False if spec["type"] == "boolean" else None)
            try:
                values[name] = read_annotation(raw, spec)
            except ValueError as error:
                problems.add(label, f"{name} {error}", "invalid-value")
                sound = False
        if sound:
            entries.append((row_id, item, values))
    return entries


def anchor(seed: Seed, item: dict[str, Any], label: str, context: Context) -> tuple[int, int] | None:
    """Offsets of an annotation's ``text`` (narrowed by ``within``) in its seed, on word boundaries."""
    within = item.get("within")
    if within is not None and not isinstance(within, str):
        context.problems.add(label, f"within must be text, got {within!r}", "invalid-value")
        return None
    try:
        start, end = resolve_span(seed.text, item["text"], within)
        whole_words(seed.text, start, end)
        return start, end
    except SpanError as error:
        context.problems.add(label, str(error), error.code)
        return None

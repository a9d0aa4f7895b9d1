"""Annotation entries -> rows: every value checked against its Table Schema field and converted to its
Python type, and anchored words turned into code point spans. The same for every table."""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from typing import Any

from .. import registry
from ..errors import SpanError
from ..spans import resolve_span, whole_words
from .context import Context
from .inputs import Seed

Entry = tuple[str, dict[str, Any], dict[str, Any]]
"""A sound annotation entry: ``(row id, the mapping as written, its converted column values)``."""


def convert(value: Any, spec: dict[str, Any]) -> Any:
    """Check ``value`` against one Table Schema field and return it in its Python type.

    Raises ``ValueError`` with a readable reason.
    """
    kind = spec["type"]
    constraints = spec.get("constraints", {})
    if value is None:
        if constraints.get("required"):
            raise ValueError("is required and may not be null")
        return None
    if kind == "string":
        if not isinstance(value, str):
            raise ValueError(f"must be text, got {value!r} ({type(value).__name__}); put it in quotes")
        if not value.strip():
            raise ValueError("is blank")
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, got {value!r}")
    elif kind == "number":
        if isinstance(value, str):
            raise ValueError(number_in_text(value))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number, got {value!r}")
        if not math.isfinite(value) or abs(value) > sys.float_info.max:
            raise ValueError(f"must be a finite number no larger than {sys.float_info.max:.4g}, got {value!r}")
        value = float(value)
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, got {value!r}")
    elif kind == "date":
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}") from None
    if "enum" in constraints and value not in constraints["enum"]:
        raise ValueError(f"{value!r} is not one of: {', '.join(constraints['enum'])}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        raise ValueError(f"{value!r} does not match the pattern {constraints['pattern']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise ValueError(f"{value!r} is below the minimum {constraints['minimum']}")
    return value


def number_in_text(value: str) -> str:
    """Why a number written as YAML text is refused: an exponent YAML does not read as a number ("1e5"),
    or a number in quotes or tagged ``!!str``."""
    try:
        number = float(value)
    except ValueError:
        return f"must be a number, got {value!r}"
    if not math.isfinite(number):
        return f"must be a finite number no larger than {sys.float_info.max:.4g}, got {value!r}"
    if "e" in value.lower():
        return f"must be a number, got the text {value!r}: YAML reads an exponent as a number only written 1.0e+5"
    return f"must be a number, got the text {value!r}: write it without quotes or a !!str tag"


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
        problems.add(where, f"'{table}' must be a list, found {type(items).__name__}")
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
            problems.add(where, f"{table} entry {position} must be a mapping of keys to values, found {item!r}")
            continue
        row_id = item.get("id")
        label = f"{where}: {table} entry {position}" + (f" (id {row_id})" if row_id is not None else "")
        written = sorted(set(item) & computed, key=str)
        if written:
            problems.add(label, f"computed key(s) {', '.join(written)}: the build computes them; remove them")
        unknown = sorted(set(item) - allowed - computed, key=str)
        if unknown:
            problems.add(
                label, f"unknown key(s) {', '.join(map(str, unknown))}; allowed keys are {', '.join(sorted(allowed))}"
            )
        try:
            row_id = convert(
                item.get("id"), {**id_spec, "constraints": {**id_spec.get("constraints", {}), "required": True}}
            )
        except ValueError as error:
            problems.add(label, f"id {error}")
            continue
        values = {key: row_id}
        sound = not unknown and not written
        for name, spec in specs.items():
            raw = item.get(name, False if spec["type"] == "boolean" else None)
            try:
                values[name] = convert(raw, spec)
            except ValueError as error:
                problems.add(label, f"{name} {error}")
                sound = False
        if sound:
            entries.append((row_id, item, values))
    return entries


def anchor(seed: Seed, item: dict[str, Any], label: str, context: Context) -> tuple[int, int] | None:
    """Offsets of an annotation's ``text`` (narrowed by ``within``) in its seed, on word boundaries."""
    within = item.get("within")
    if within is not None and not isinstance(within, str):
        context.problems.add(label, f"within must be text, got {within!r}")
        return None
    try:
        start, end = resolve_span(seed.text, item["text"], within)
        whole_words(seed.text, start, end)
        return start, end
    except SpanError as error:
        context.problems.add(label, str(error))
        return None

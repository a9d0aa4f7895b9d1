"""Table Schema field types, one class each: how a value is read strictly (from an annotation file),
read leniently (from a CSV or JSON export, where every value may be text) and written as text.

The build, ``diff``, the exports and every place that shows a value go through here, so a value reads
and prints the same everywhere. A new Table Schema type is one class here and one entry in
:data:`china_russia_tools.registry.TYPES`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from typing import Any

from .arithmetic import fmt

LARGEST = sys.float_info.max
TRUE, FALSE = {"true", "True", "TRUE", "1"}, {"false", "False", "FALSE", "0"}
"""Texts a lenient reader takes as a boolean."""


class Field:
    """One Table Schema type. ``strict`` and ``lenient`` raise ``ValueError`` with a readable reason."""

    name = ""

    def strict(self, value: Any) -> Any:
        """An annotation's value (never ``None``) in its Python type, or ``ValueError``."""
        return value

    def lenient(self, value: Any) -> Any:
        """A value from an export (text, or what a JSON reader gives) in its Python type."""
        return value

    def text(self, value: Any) -> str:
        """A typed value as text, as CSV cells and corrections hold it."""
        return str(value)


class String(Field):
    name = "string"

    def strict(self, value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"must be text, got {value!r} ({type(value).__name__}); put it in quotes")
        if not value.strip():
            raise ValueError("is blank")
        return value

    def lenient(self, value: Any) -> str:
        return str(value)


DELIMITER = ";"
"""What separates the items of a ``list`` value; every ``list`` field of the descriptor declares it."""


class List(Field):
    """A Table Schema ``list`` of strings, held as one text of its items joined by :data:`DELIMITER` in
    every backend and file: frictionless reads no Parquet list column, but reads and splits such a text.
    An annotation writes a YAML list; an empty one is null. :func:`items` splits a value."""

    name = "list"

    def strict(self, value: Any) -> str | None:
        if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
            raise ValueError(f"must be a list of texts, such as [PRC, People's Republic of China], got {value!r}")
        held = [item for item in value if DELIMITER in item]
        if held:
            raise ValueError(f"items may not hold {DELIMITER!r}, which separates them: {held!r}")
        return DELIMITER.join(value) or None

    def lenient(self, value: Any) -> str:
        return str(value)


def items(value: str | None) -> list[str]:
    """The items of a ``list`` value (:class:`List`); none for null."""
    return value.split(DELIMITER) if value else []


def ids(value: str | None) -> list[str]:
    """The ids of a comma-separated id column (``operands``, ``observations``, ``relays``), in order,
    each stripped; none for null or blank, and no empty id for a stray comma."""
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class Integer(Field):
    name = "integer"

    def strict(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, got {value!r}")
        return value

    def lenient(self, value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError(value)
        number = value if isinstance(value, int) else float(value)
        if number != int(number):
            raise ValueError(value)
        return int(number)


class Number(Field):
    name = "number"

    def strict(self, value: Any) -> float:
        if isinstance(value, str):
            raise ValueError(number_in_text(value))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number, got {value!r}")
        if not math.isfinite(value) or abs(value) > LARGEST:
            raise ValueError(f"must be a finite number no larger than {LARGEST:.4g}, got {value!r}")
        return float(value)

    def lenient(self, value: Any) -> float:
        if isinstance(value, bool):
            raise ValueError(value)
        return float(value)

    def text(self, value: Any) -> str:
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


class Boolean(Field):
    name = "boolean"

    def strict(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, got {value!r}")
        return value

    def lenient(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        if str(value) in TRUE | FALSE:
            return str(value) in TRUE
        raise ValueError(value)

    def text(self, value: Any) -> str:
        return "true" if value else "false"


class Date(Field):
    name = "date"

    def strict(self, value: Any) -> dt.date:
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}") from None
        return value

    def lenient(self, value: Any) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))

    def text(self, value: Any) -> str:
        return value.isoformat()


FIELDS: dict[str, Field] = {
    field.name: field for field in (String(), List(), Integer(), Number(), Boolean(), Date())
}
"""Each Table Schema type the package uses, by name."""


def number_in_text(value: str) -> str:
    """Why a number written as YAML text is refused: an exponent YAML does not read as a number ("1e5"),
    or a number in quotes or tagged ``!!str``."""
    try:
        number = float(value)
    except ValueError:
        return f"must be a number, got {value!r}"
    if not math.isfinite(number):
        return f"must be a finite number no larger than {LARGEST:.4g}, got {value!r}"
    if "e" in value.lower():
        return f"must be a number, got the text {value!r}: YAML reads an exponent as a number only written 1.0e+5"
    return f"must be a number, got the text {value!r}: write it without quotes or a !!str tag"


def read_annotation(value: Any, spec: dict[str, Any]) -> Any:
    """Check an annotation's ``value`` against one Table Schema field (type and constraints) and return
    it in its Python type; ``ValueError`` with a readable reason."""
    constraints = spec.get("constraints", {})
    value = None if value is None else FIELDS[spec["type"]].strict(value)
    if value is None:
        if constraints.get("required"):
            raise ValueError("is required and may not be null")
        return None
    if "enum" in constraints and value not in constraints["enum"]:
        raise ValueError(f"{value!r} is not one of: {', '.join(constraints['enum'])}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        raise ValueError(f"{value!r} does not match the pattern {constraints['pattern']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise ValueError(f"{value!r} is below the minimum {constraints['minimum']}")
    return value


def read_exported(value: Any, kind: str) -> Any:
    """A value of an export (a CSV cell, a JSON value) in the Python type of ``kind``; ``None`` for a
    missing one (empty text, NaN). ``ValueError`` when it is not one of that type."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    try:
        return FIELDS[kind].lenient(value)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{value!r} is not a valid {kind}") from None


def field_of(value: Any) -> Field:
    """The field type a typed Python value belongs to."""
    if isinstance(value, bool):
        return FIELDS["boolean"]
    if isinstance(value, dt.date):
        return FIELDS["date"]
    if isinstance(value, (int, float)):
        return FIELDS["number"]
    return FIELDS["string"]


def as_text(value: Any) -> str | None:
    """A typed value as text: ISO dates, ``true``/``false``, whole numbers without ``.0``; ``None`` stays."""
    return value if value is None or isinstance(value, str) else field_of(value).text(value)


def plain(value: Any) -> Any:
    """A value as JSON and CSV hold it: a date as ISO text, the rest unchanged."""
    return value.isoformat() if isinstance(value, dt.date) else value


def shown(value: Any) -> str:
    """A value as people read it: dates as ISO dates, numbers with thousands separators."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isfinite(value):
        return fmt(value)
    return str(value)

"""The ``checks`` table: arithmetic checks computed here, reference checks as annotated; and the
``check_status`` each checked row derives from its checks."""

from __future__ import annotations

from typing import Any

from .. import arithmetic, registry
from .builders import unknown_reference
from .context import Context
from .rows import Entry

COMPUTED_BY_ARITHMETIC = ("status", "kind", "expected", "found", "tolerance")
"""Columns of an arithmetic check that the build computes."""


def target_columns(context: Context) -> list[tuple[str, str]]:
    """``(column, table)`` of each table a check may target: the check names the row in the column
    named as that table's id."""
    return [(context.key(table), table) for table in registry.checked()]


def build_checks(entries: list[Entry], seed_prefix: str, source_id: str, where: str, context: Context) -> None:
    """Check rows of one source's annotation file, appended to ``context.rows['checks']`` when sound."""
    problems = context.problems
    targets = target_columns(context)
    known = {table: context.ids(table) for _, table in targets}
    for row_id, item, values in entries:
        label = f"{where}: checks id {row_id}"
        if not row_id.startswith(seed_prefix + "-"):
            problems.add(label, f"id must start with this source's number, '{seed_prefix}-'")
        set_targets = [(column, table) for column, table in targets if values[column] is not None]
        if len(set_targets) != 1:
            problems.add(label, f"set exactly one of {' and '.join(column for column, _ in targets)}")
            continue
        column, table = set_targets[0]
        if values[column] not in known[table]:
            if values[column] not in context.declared:
                problems.add(label, f"{column} {values[column]!r} is not annotated in any source")
            continue
        if values["reference_id"] is not None and values["reference_id"] not in context.ids("references"):
            problems.add(label, unknown_reference("reference_id", values["reference_id"], "references"))
            continue
        values["source_id"] = source_id
        if values["method"] == "arithmetic":
            result = arithmetic_result(item, values, label, context)
            if result is None:
                continue
            values.update(
                status=result.status,
                expected=result.expected,
                found=result.found,
                kind="arithmetic" if result.status == "discrepancy" else None,
                tolerance=arithmetic.TOLERANCE[values["rule"]],
            )
        elif not reference_check_sound(values, label, context):
            continue
        values["citation"] = registry.table("checks").cite(values, row_id, context)
        context.rows["checks"].append(values)


def reference_check_sound(values: dict[str, Any], label: str, context: Context) -> bool:
    """Whether a reference check is well formed; each fault is a problem."""
    problems = context.problems
    for name in ("rule", "operands", "tolerance"):
        if values[name] is not None:
            problems.add(label, f"{name} is only for arithmetic checks")
    if values["status"] is None:
        problems.add(label, "status is required for a reference check")
        return False
    if values["status"] != "unverified" and (
        values["reference_id"] is None or not values["expected"] or not values["found"]
    ):
        problems.add(label, "a consistent or discrepancy check needs reference_id, expected and found")
        return False
    if (values["status"] == "discrepancy") != (values["kind"] is not None):
        problems.add(label, "kind is set for a discrepancy, and only for one")
        return False
    return True


def arithmetic_result(
    item: dict[str, Any], values: dict[str, Any], label: str, context: Context
) -> arithmetic.Result | None:
    """Compute one arithmetic check on figures; ``None`` (and a problem) when it is not well formed."""
    problems = context.problems
    for name in COMPUTED_BY_ARITHMETIC:
        if item.get(name) is not None:
            problems.add(label, f"{name} is computed by the build for arithmetic checks; remove it")
            return None
    if values["figure_id"] is None or values["rule"] is None or values["operands"] is None:
        problems.add(label, "an arithmetic check needs figure_id, rule and operands")
        return None
    figures = {row["figure_id"]: row for row in context.rows["figures"]}
    operand_ids = [part.strip() for part in values["operands"].split(",")]
    missing = [operand for operand in operand_ids if operand not in figures]
    if missing:
        unknown = [operand for operand in missing if operand not in context.declared]
        if unknown:
            problems.add(label, f"operands {', '.join(unknown)} are not annotated figures")
        return None
    stated, operands = figures[values["figure_id"]], [figures[operand] for operand in operand_ids]
    if any(figure["value"] is None for figure in (stated, *operands)):
        problems.add(label, "arithmetic checks need point figures (a value, not a range)")
        return None
    band = item.get("band")
    rule = values["rule"]
    if rule == "multiple" and len(operands) == 2:
        return arithmetic.multiple(stated, *operands)
    if rule == "parts" and len(operands) >= 2:
        return arithmetic.parts(stated, *operands)
    if rule == "conversion" and len(operands) == 1:
        if not (
            isinstance(band, list)
            and len(band) == 2
            and all(isinstance(x, (int, float)) for x in band)
            and band[0] <= band[1]
        ):
            problems.add(label, "a conversion check needs band: [lowest rate, highest rate]")
            return None
        return arithmetic.conversion(stated, operands[0], (float(band[0]), float(band[1])))
    takes = "two operands" if rule == "multiple" else "one operand" if rule == "conversion" else "two or more operands"
    problems.add(label, f"rule {rule} takes {takes}")
    return None


def status_of(checks: list[dict[str, Any]]) -> str:
    """A row's ``check_status`` from its own checks: discrepancy if any contradicts it; consistent if a
    reference confirms it; else unverified."""
    if any(check["status"] == "discrepancy" for check in checks):
        return "discrepancy"
    if any(check["status"] == "consistent" and check["method"] == "reference" for check in checks):
        return "consistent"
    return "unverified"


def fill_check_status(context: Context) -> None:
    """Set ``check_status`` on every row of every checked table."""
    by_target: dict[str, list[dict[str, Any]]] = {}
    for check in context.rows["checks"]:
        target = registry.check_target(check, context.descriptor)
        by_target.setdefault(target[1], []).append(check)
    for table in registry.checked():
        key = context.key(table)
        for row in context.rows[table]:
            row["check_status"] = status_of(by_target.get(row[key], []))

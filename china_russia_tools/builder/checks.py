"""The ``checks`` table: arithmetic checks computed here, reference checks as annotated; and the
``check_status`` each checked row derives from its checks."""

from __future__ import annotations

from typing import Any

from .. import registry
from ..fields import ids
from ..rules.rows import id_prefix
from ..verdicts import arithmetic_columns, checked_columns, observation_columns
from .chains import shared_with_chain
from .context import Context
from .rows import Entry
from .table_kinds import unknown_reference

COMPUTED_BY_ARITHMETIC = ("status", "kind", "expected", "found", "tolerance")
"""Columns of an arithmetic check that the build computes."""


def target_columns(context: Context) -> list[tuple[str, str]]:
    """``(column, table)`` of each table a check may target: the check names the row in the column
    named as that table's id."""
    return [(context.key(table), table) for table in registry.checked()]


def build_checks(entries: list[Entry], source_id: str, where: str, context: Context) -> None:
    """Check rows of one source's annotation file, appended to ``context.rows['checks']`` when sound."""
    problems = context.problems
    targets = target_columns(context)
    known = {table: context.ids(table) for _, table in targets}
    for row_id, item, values in entries:
        label = f"{where}: checks id {row_id}"
        problems.extend(id_prefix(label, row_id, source_id))
        set_targets = [(column, table) for column, table in targets if values[column] is not None]
        if len(set_targets) != 1:
            problems.add(label, f"set exactly one of {' and '.join(column for column, _ in targets)}", "check-target")
            continue
        column, table = set_targets[0]
        if values[column] not in known[table]:
            if not context.refused(table, values[column]):
                problems.add(label, f"{column} {values[column]!r} is not annotated in any source", "unknown-reference")
            continue
        if values["reference_id"] is not None and values["reference_id"] not in context.ids("references"):
            if not context.refused("references", values["reference_id"]):
                problems.add(
                    label, unknown_reference("reference_id", values["reference_id"], "references"), "unknown-reference"
                )
            continue
        values["source_id"] = source_id
        if not question_sound(values, table, label, context):
            continue
        if values["method"] == "observation":
            if not observation_check(item, values, label, context):
                continue
        elif values["method"] == "arithmetic":
            columns = arithmetic_result(item, values, label, context)
            if columns is None:
                continue
            values.update(columns)
        elif not reference_check_sound(values, label, context):
            continue
        values["citation"] = registry.table("checks").cite(values, row_id, context)
        context.rows["checks"].append(values)


def question_sound(values: dict[str, Any], table: str, label: str, context: Context) -> bool:
    """A check's question fits its method: a data check is on a figure and computed against observations
    (or, as a reference check, records that nothing decides it: unverified); arithmetic on the
    article's own figures and checks of quotes answer the relay question."""
    problems = context.problems
    question, method = values["question"], values["method"]
    if question == "data" and table != "figures":
        problems.add(
            label, "only a figure can have a data check; a quote's check asks the relay question", "check-question"
        )
    elif question == "data" and method == "arithmetic":
        problems.add(
            label, "arithmetic alone never decides a data verdict: a data check compares observations", "check-question"
        )
    elif question == "data" and method == "reference" and values["status"] != "unverified":
        problems.add(
            label,
            "a data check that is consistent or a discrepancy compares the figure with observations "
            "(method observation); a reference check answers the relay question",
            "check-question",
        )
    elif question == "relay" and method == "observation":
        problems.add(label, "an observation check answers the data question; set question: data", "check-question")
    else:
        return True
    return False


def observation_check(item: dict[str, Any], values: dict[str, Any], label: str, context: Context) -> bool:
    """Compute an observation check: the figure against one published value of its series."""
    problems = context.problems
    for name in (*COMPUTED_BY_ARITHMETIC, "operands", "reference_id"):
        if item.get(name) is not None:
            problems.add(
                label, f"{name} is not written for an observation check; the build computes or reads it", "computed-key"
            )
            return False
    if values["rule"] != "equal" or values["observations"] is None:
        problems.add(label, "an observation check needs rule: equal and one id in observations", "check-columns")
        return False
    named = ids(values["observations"])
    unknown = [observation for observation in named if observation not in context.ids("observations")]
    if unknown and all(context.refused("observations", observation) for observation in unknown):
        return False  # refused for its own problem, reported there
    if unknown or len(named) != 1:
        problems.add(
            label,
            f"observations must name one row of annotations/observations.yaml, got {values['observations']!r}",
            "unknown-reference",
        )
        return False
    figure, observation = context.find("figures", values["figure_id"]), context.find("observations", named[0])
    if figure["value"] is None:
        problems.add(label, "observation checks need a point figure (a value, not a range)", "point-figure-needed")
        return False
    values.update(observation_columns(figure, observation))
    return True


def reference_check_sound(values: dict[str, Any], label: str, context: Context) -> bool:
    """Whether a reference check is well formed; each fault is a problem."""
    problems = context.problems
    for name in ("rule", "operands", "tolerance", "observations"):
        if values[name] is not None:
            problems.add(label, f"{name} is not written for a reference check", "computed-key")
    if values["status"] is None:
        problems.add(label, "status is required for a reference check", "check-columns")
        return False
    if values["status"] != "unverified" and (
        values["reference_id"] is None or not values["expected"] or not values["found"]
    ):
        problems.add(label, "a consistent or discrepancy check needs reference_id, expected and found", "check-columns")
        return False
    if (values["status"] == "discrepancy") != (values["kind"] is not None):
        problems.add(label, "kind is set for a discrepancy, and only for one", "check-columns")
        return False
    return True


def arithmetic_result(
    item: dict[str, Any], values: dict[str, Any], label: str, context: Context
) -> dict[str, Any] | None:
    """The columns one arithmetic check on figures computes; ``None`` (and a problem) when it is not well
    formed."""
    problems = context.problems
    for name in COMPUTED_BY_ARITHMETIC:
        if item.get(name) is not None:
            problems.add(label, f"{name} is computed by the build for arithmetic checks; remove it", "computed-key")
            return None
    if values["figure_id"] is None or values["rule"] is None or values["operands"] is None:
        problems.add(label, "an arithmetic check needs figure_id, rule and operands", "check-columns")
        return None
    figures = context.by_id("figures")
    operand_ids = ids(values["operands"])
    missing = [operand for operand in operand_ids if operand not in figures]
    if missing:
        unknown = [operand for operand in missing if not context.refused("figures", operand)]
        if unknown:
            problems.add(label, f"operands {', '.join(unknown)} are not annotated figures", "unknown-reference")
        return None
    if values["figure_id"] in operand_ids:
        problems.add(
            label, f"operands name the checked figure {values['figure_id']}; a figure cannot check itself", "self-check"
        )
        return None
    stated, operands = figures[values["figure_id"]], [figures[operand] for operand in operand_ids]
    if any(figure["value"] is None for figure in (stated, *operands)):
        problems.add(label, "arithmetic checks need point figures (a value, not a range)", "point-figure-needed")
        return None
    band = item.get("band")
    rule = values["rule"]
    compared = operands if rule == "multiple" else [stated, *operands] if rule == "parts" else []
    if len({figure["unit"] for figure in compared}) > 1:
        units = ", ".join(f"{figure['figure_id']} {figure['unit']}" for figure in compared)
        problems.add(label, f"rule {rule} compares figures of one unit, got {units}", "unit-mismatch")
        return None
    if rule == "conversion" and len(operands) == 1:
        if not (
            isinstance(band, list)
            and len(band) == 2
            and all(isinstance(x, (int, float)) for x in band)
            and band[0] <= band[1]
        ):
            problems.add(label, "a conversion check needs band: [lowest rate, highest rate]", "check-columns")
            return None
        band = (float(band[0]), float(band[1]))
    columns = arithmetic_columns(rule, stated, operands, band if rule == "conversion" else None)
    if columns is not None:
        return columns
    takes = "two operands" if rule == "multiple" else "one operand" if rule == "conversion" else "two or more operands"
    problems.add(label, f"rule {rule} takes {takes}", "check-columns")
    return None


def fill_check_status(context: Context) -> None:
    """Set each checked row's statuses: ``check_status``, and a figure's ``relay_status`` and
    ``data_status``. A data check that rests on the figure's own chain is a problem."""
    by_target = registry.checks_by_target(context.rows["checks"], context.descriptor)
    for table in registry.checked():
        key = context.key(table)
        verdicts = registry.table(table).verdicts
        for row in context.rows[table]:
            checks = by_target.get((table, row[key]), [])
            for check in checks if verdicts else []:
                if check["question"] == "data":
                    require_outside_chain(check, row, context)
            row.update(checked_columns(checks, verdicts, row.get("chain"), context.by_id("references")))


def require_outside_chain(check: dict[str, Any], figure: dict[str, Any], context: Context) -> None:
    """A data check may not rest on the figure's own relay chain: its observation must be read, or its
    reference be, the agency's own release or outside the chain."""
    if check["method"] == "observation":
        observation = context.find("observations", check["observations"].strip())
        reference_id, read = observation["reference_id"], f"observation {observation['observation_id']} is read in "
        agency = context.find("series", observation["series_id"])["agency_id"]
    elif check["reference_id"] is not None:
        reference_id, read = check["reference_id"], "reference "
        agency = context.find("series", figure["series_id"])["agency_id"] if figure["series_id"] else None
    else:
        return
    shared = shared_with_chain(figure, reference_id, agency, context)
    if shared:
        context.problems.add(
            f"annotations/{check['source_id']}.yaml: checks id {check['check_id']}",
            f"a data check may not rest on the figure's own chain: {read}{reference_id}, which shares "
            f"{', '.join(shared)} with {figure['figure_id']}'s chain ({figure['chain']}); it confirms the relay, "
            "not the number: ask the relay question with a reference check",
            "own-chain-data",
        )

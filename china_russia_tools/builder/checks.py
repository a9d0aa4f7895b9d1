"""The ``checks`` table, each check as its method (:mod:`~china_russia_tools.check_methods`) says:
computed from other rows or as annotated; and the statuses each checked row derives from its checks."""

from __future__ import annotations

from typing import Any

from .. import registry
from ..check_methods import METHODS, Method, Refused
from ..fields import ids
from ..rules.rows import id_prefix
from ..verdicts import checked_columns
from .chains import shared_with_chain
from .context import Context
from .rows import Entry
from .table_kinds import unknown_reference


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
        method = METHODS[values["method"]]
        if not question_sound(values, table, method, label, context):
            continue
        columns = method_columns(item, values, method, label, context)
        if columns is None:
            continue
        values.update(columns)
        values["citation"] = registry.table("checks").cite(values, row_id, context)
        context.rows["checks"].append(values)


def question_sound(values: dict[str, Any], table: str, method: Method, label: str, context: Context) -> bool:
    """A check's question fits its method (:attr:`Method.answers`), and only a figure has a data check."""
    problems = context.problems
    question, allowed = values["question"], method.answers.get(values["question"], ())
    if question == "data" and table != "figures":
        problems.add(
            label, "only a figure can have a data check; a quote's check asks the relay question", "check-question"
        )
    elif not allowed or (values["status"] is not None and values["status"] not in allowed):
        problems.add(label, method.refusal, "check-question")
    else:
        return True
    return False


def method_columns(
    item: dict[str, Any], values: dict[str, Any], method: Method, label: str, context: Context
) -> dict[str, Any] | None:
    """The columns a check's method computes (none for an annotated one); ``None`` (and a problem) when the
    check does not write what its method needs, or writes what it leaves."""
    problems, name = context.problems, values["method"]
    a_check = f"{'an' if name[:1] in 'aeiou' else 'a'} {name} check"
    written = [column for column in method.leaves if item.get(column) is not None]
    for column in written:
        computed = "; the build computes or reads it" if method.compute is not None else ""
        problems.add(label, f"{column} is not written for {a_check}{computed}", "computed-key")
    if written:
        return None
    if any(values[column] is None for column in method.needs) or (method.rules and values["rule"] not in method.rules):
        rules = f" (rule {' or '.join(method.rules)})" if method.rules else ""
        problems.add(label, f"{a_check} needs {', '.join(method.needs)}{rules}", "check-columns")
        return None
    for column, table in method.names.items():
        unknown = [row_id for row_id in ids(values[column]) if row_id not in context.ids(table)]
        shown = [row_id for row_id in unknown if not context.refused(table, row_id)]
        if shown:
            rows = "is not a row" if len(shown) == 1 else "are not rows"
            problems.add(label, f"{', '.join(shown)} in {column} {rows} of the {table} table", "unknown-reference")
        if unknown:
            return None  # a row refused for its own problem is reported there
    if method.compute is None:
        return {} if annotated_sound(values, label, context) else None
    keys = {key: item[key] for key in registry.table("checks").keys if key in item}
    try:
        return method.compute({**values, **keys}, context.by_id)
    except Refused as refused:
        problems.add(label, refused.message, refused.code)
        return None


def annotated_sound(values: dict[str, Any], label: str, context: Context) -> bool:
    """Whether a check whose result is annotated (a reference check) states it whole; each fault is a problem."""
    problems = context.problems
    if values["status"] != "unverified" and (
        values["reference_id"] is None or not values["expected"] or not values["found"]
    ):
        problems.add(label, "a consistent or discrepancy check needs reference_id, expected and found", "check-columns")
        return False
    if (values["status"] == "discrepancy") != (values["kind"] is not None):
        problems.add(label, "kind is set for a discrepancy, and only for one", "check-columns")
        return False
    return True


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
    evidence = METHODS[check["method"]].evidence
    found = evidence(check, figure, context.by_id) if evidence is not None else None
    if found is None:
        return
    reference_id, read, agency = found
    shared = shared_with_chain(figure, reference_id, agency, context)
    if shared:
        context.problems.add(
            f"annotations/{check['source_id']}.yaml: checks id {check['check_id']}",
            f"a data check may not rest on the figure's own chain: {read}{reference_id}, which shares "
            f"{', '.join(shared)} with {figure['figure_id']}'s chain ({figure['chain']}); it confirms the relay, "
            "not the number: ask the relay question with a reference check",
            "own-chain-data",
        )

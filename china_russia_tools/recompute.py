"""Every column the build derives from other rows, recomputed from the installed tables: each figure's
chain, each arithmetic and observation check, each checked row's statuses and each row's ``citation``. A
column forged with its hashes updated differs from its recomputed value (``validate``)."""

from __future__ import annotations

from typing import Any

from . import registry, verdicts
from .fields import ids
from .problems import Problem
from .tables import cached, descriptor, id_column, records


@cached
def rows_by_id(table: str) -> dict[str, dict[str, Any]]:
    """The installed rows of ``table`` by id: the rules of a row read other rows through it, as in the build
    they read the rows built so far (:data:`~china_russia_tools.wording.Lookup`)."""
    key = id_column(table)
    return {row[key]: row for row in records(table)}


class Installed:
    """The installed rows as a citation reads them, as the build's context gives the rows built so far."""

    def find(self, table: str, row_id: str) -> dict[str, Any]:
        """The installed row ``row_id`` of ``table``; ``KeyError`` if there is none."""
        try:
            return rows_by_id(table)[row_id]
        except KeyError:
            raise KeyError(f"{table} has no row {row_id!r}") from None


def mismatch(
    label: str, column: str, stored: Any, recomputed: Any, basis: str, code: str = "derived-mismatch"
) -> Problem:
    """The problem of a column whose stored value differs from the one recomputed from ``basis``."""
    return Problem(label, code, f"{column} is {stored!r}, but recomputed from {basis} it is {recomputed!r}")


def citation_problems() -> list[Problem]:
    """Each row whose ``citation`` differs from the one its table's citation (``row_citations.py``) gives
    of the installed rows."""
    problems: list[Problem] = []
    for table in registry.names():
        cite = registry.table(table).cite
        key = id_column(table)
        for row in records(table):
            label = f"{table} {row[key]}"
            try:
                citation = cite(row, row[key], Installed())
            except KeyError as error:  # a row it names is gone
                problems.append(Problem(label, "derived-mismatch", f"citation cannot be recomputed: {error.args[0]}"))
                continue
            if row["citation"] != citation:
                problems.append(mismatch(label, "citation", row["citation"], citation, "its row"))
    return problems


def derived_problems() -> list[Problem]:
    """Each column the build derives from other rows that differs from its value recomputed from the
    installed tables: each figure's chain, each arithmetic and observation check, each checked row's
    statuses (and a figure's ``departs_at``) from its checks, and each row's citation."""
    references = {row["reference_id"]: row for row in records("references")}
    figures = {row["figure_id"]: row for row in records("figures")}
    problems: list[Problem] = []
    for figure_id, figure in figures.items():
        chain = verdicts.CHAIN_SEPARATOR.join(verdicts.chain_of(figure, references))
        if figure["chain"] != chain:
            basis = "its report_id, relayed_by and attributed_to and the references' relays"
            problems.append(mismatch(f"figures {figure_id}", "chain", figure["chain"], chain, basis))
    checks = records("checks")
    observations = {row["observation_id"]: row for row in records("observations")}
    for check in checks:
        problems += check_problems(check, figures, observations)
    by_target = registry.checks_by_target(checks, descriptor())
    for table in registry.checked():
        key = id_column(table)
        with_verdicts = registry.table(table).verdicts
        for row in records(table):
            checks_of = by_target.get((table, row[key]), [])
            found = verdicts.checked_columns(checks_of, with_verdicts, row.get("chain"), references)
            problems += [
                mismatch(f"{table} {row[key]}", column, row[column], value, "its checks")
                for column, value in found.items()
                if row[column] != value
            ]
    return problems + citation_problems()


def check_problems(
    check: dict[str, Any], figures: dict[str, dict[str, Any]], observations: dict[str, dict[str, Any]]
) -> list[Problem]:
    """Each column an arithmetic or observation check computes that differs from its recomputed value."""
    label = f"checks {check['check_id']}"
    method, figure = check["method"], figures.get(check["figure_id"])
    if method not in ("arithmetic", "observation"):
        return []
    if figure is None or figure["value"] is None:
        message = f"an {method} check needs a point figure, but figure_id is {check['figure_id']!r}"
        return [Problem(label, "point-figure-needed", message)]
    observation = observations.get((check["observations"] or "").strip())
    operands = [figures.get(operand) for operand in ids(check["operands"])]
    if method == "observation" and observation is None:
        message = f"observations {check['observations']!r} names no row of the observations table"
        return [Problem(label, "unknown-reference", message)]
    if method == "arithmetic" and any(operand is None or operand["value"] is None for operand in operands):
        return [Problem(label, "point-figure-needed", f"operands {check['operands']!r} are not all point figures")]
    basis = "its figure and observation" if method == "observation" else "its figures"
    try:
        found = (
            verdicts.observation_columns(figure, observation)
            if method == "observation" and observation is not None
            else verdicts.arithmetic_columns(check["rule"], figure, operands, verdicts.stated_band(check["expected"]))
        )
    except (ArithmeticError, TypeError, AttributeError) as error:  # a null or zero where the build allows none
        message = f"cannot be recomputed from {basis} ({type(error).__name__}: {error})"
        return [Problem(label, "derived-mismatch", message)]
    if found is None:
        message = (
            f"rule {check['rule']!r} with operands {check['operands']!r} is no arithmetic the build "
            "computes (a conversion states its band of rates in expected)"
        )
        return [Problem(label, "check-columns", message)]
    return [mismatch(label, name, check[name], value, basis) for name, value in found.items() if check[name] != value]

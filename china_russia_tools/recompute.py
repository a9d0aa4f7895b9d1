"""Every column the build derives from other rows, recomputed from the installed tables: each figure's
chain, each arithmetic and observation check, each checked row's statuses and each row's ``citation``. A
column forged with its hashes updated differs from its recomputed value (``validate``)."""

from __future__ import annotations

from typing import Any

from . import check_methods, registry, verdicts
from .problems import Problem
from .tables import descriptor, id_column, records, rows_by_id


class Installed:
    """The installed rows as a citation reads them, as the build's context gives the rows built so far."""

    def find(self, table: str, row_id: str) -> dict[str, Any]:
        """The installed row ``row_id`` of ``table``; ``KeyError`` if there is none."""
        return rows_by_id(table)[row_id]

    def by_id(self, table: str) -> dict[str, dict[str, Any]]:
        """The installed rows of ``table`` by id."""
        return rows_by_id(table)


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
    installed tables: each figure's chain, each column a check's method computes, each checked row's
    statuses (and a figure's ``departs_at``) from its checks, and each row's citation."""
    references = rows_by_id("references")
    problems: list[Problem] = []
    for figure_id, figure in rows_by_id("figures").items():
        chain = verdicts.CHAIN_SEPARATOR.join(verdicts.chain_of(figure, references))
        if figure["chain"] != chain:
            basis = "its report_id, relayed_by and attributed_to and the references' relays"
            problems.append(mismatch(f"figures {figure_id}", "chain", figure["chain"], chain, basis))
    checks = records("checks")
    for check in checks:
        problems += check_problems(check, rows_by_id)
    by_target = registry.checks_by_target(checks, descriptor())
    for table in registry.checked():
        key = id_column(table)
        with_verdicts = registry.table(table).verdicts
        for row in records(table):
            label = f"{table} {row[key]}"
            checks_of = by_target.get((table, row[key]), [])
            found = verdicts.checked_columns(checks_of, with_verdicts, row.get("chain"), references)
            problems += [
                mismatch(label, column, row[column], value, "its checks")
                for column, value in found.items()
                if row[column] != value
            ]
    return problems + citation_problems()


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

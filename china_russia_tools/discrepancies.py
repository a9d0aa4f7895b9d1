"""Tables joined from others across the backends: :func:`discrepancies`."""

from __future__ import annotations

from typing import Any

from . import backends, tables

DISCREPANCY_COLUMNS = {
    "check_id": "checks",
    "figure_id": "checks",
    "source_id": "checks",
    "text": "figures",
    "value": "figures",
    "unit": "figures",
    "flow_from": "figures",
    "flow_to": "figures",
    "period_start": "figures",
    "period_end": "figures",
    "kind": "checks",
    "expected": "checks",
    "found": "checks",
    "method": "checks",
    "reference_id": "checks",
    "publisher": "references",
    "title": "references",
    "url": "references",
    "note": "checks",
}
"""Columns of :func:`discrepancies`, each with the table it comes from."""


def discrepancies(backend: str = "pandas") -> Any:
    """Every contradicted figure with the article's reading beside the checking reading.

    One row per discrepancy: the figure as annotated (``figure_id``, ``text``, ``value``, ``unit``,
    ``flow_from``, ``flow_to``), what differs (``kind``), the reading that contradicts it
    (``expected``) and the article's (``found``), and who says so (``publisher``, ``title``, ``url``;
    empty for arithmetic checks). It is ``checks()`` joined to ``figures()`` and ``references()``,
    in ``backend`` as :func:`~china_russia_tools.backends.load` takes it, with the same column types.
    """
    chosen = backends.backend(backend)
    figure_key, reference_key = tables.id_column("figures"), tables.id_column("references")
    figures_by_id = {row[figure_key]: row for row in chosen.records("figures")}
    references_by_id = {row[reference_key]: row for row in chosen.records("references")}
    rows = []
    for check in chosen.records("checks"):
        if check["status"] != "discrepancy" or check[figure_key] is None:
            continue
        joined = {
            "checks": check,
            "figures": figures_by_id.get(check[figure_key], {}),
            "references": references_by_id.get(check[reference_key], {}),
        }
        rows.append({column: joined[table].get(column) for column, table in DISCREPANCY_COLUMNS.items()})
    fields = {
        table: {field["name"]: field for field in tables.resource(table)["schema"]["fields"]}
        for table in set(DISCREPANCY_COLUMNS.values())
    }
    columns = [fields[table][column] for column, table in DISCREPANCY_COLUMNS.items()]
    return backends.from_rows(rows, columns, "discrepancies", backend)


"""A figure's spread through the press: who printed which reading of it, when and in which words
(:func:`spread`), from the figure's source, the references and the relay checks that read them."""

from __future__ import annotations

import datetime
from typing import Any

from . import backends
from .errors import UnknownIdError
from .tables import records, resource
from .verdicts import CHAIN_SEPARATOR

COLUMNS = {
    "document": ("string", "The source or the reference that prints the reading."),
    "published": ("date", "Its publication date; for the source, the earliest its own evidence allows."),
    "publisher": ("string", "Who published it; null where not known."),
    "words": ("string", "The reading: the figure's own words in the source, or the reference's as its relay "
                        "check gives them."),
    "check_id": ("string", "The relay check that reads the reference against the figure; null for the source."),
    "status": ("string", "Whether the reference's reading agrees with the figure's (the check's status); null "
                         "for the source."),
    "kind": ("string", "What differs, for a discrepancy."),
    "in_chain": ("boolean", "Whether the document is in the figure's chain: the source and what it relays."),
    "departs": ("boolean", "Whether it is where the figure's reading first departs from what it relays (the "
                           "figure's departs_at)."),
}
"""Columns of :func:`spread`: type and description."""


def _fields() -> list[dict[str, Any]]:
    """The Table Schema fields of :data:`COLUMNS`; ``status`` and ``kind`` take the enums of the checks table."""
    checks = {field["name"]: field for field in resource("checks")["schema"]["fields"]}
    fields = []
    for name, (kind, description) in COLUMNS.items():
        field = {"name": name, "type": kind, "description": description}
        if name in ("status", "kind"):
            field["constraints"] = {"enum": checks[name]["constraints"]["enum"]}
        fields.append(field)
    return fields


def readings(figure_id: str) -> list[dict[str, Any]]:
    """The rows of :func:`spread` as plain records: the figure's source and each reference a relay check of
    the figure reads, by date (the source after the references of its earliest date), then publisher."""
    from .citation import lookup, shown_id  # here, not at import: importing the package loads no citation code

    table, figure = lookup(figure_id)
    if table != "figures":
        raise UnknownIdError(f"spread takes a figure id; {shown_id(figure_id)} is a row of the {table} table")
    source = lookup(figure["source_id"])[1]
    rows = [
        {"document": source["source_id"], "published": source["published_earliest"], "publisher": source["publisher"],
         "words": figure["text"], "check_id": None, "status": None, "kind": None}
    ]
    for check in records("checks"):
        if check["figure_id"] == figure_id and check["question"] == "relay" and check["reference_id"] is not None:
            reference = lookup(check["reference_id"])[1]
            rows.append(
                {"document": reference["reference_id"], "published": reference["published"],
                 "publisher": reference["publisher"], "words": check["expected"], "check_id": check["check_id"],
                 "status": check["status"], "kind": check["kind"]}
            )
    chain = (figure["chain"] or "").split(CHAIN_SEPARATOR)
    for row in rows:
        row["in_chain"] = row["document"] in chain
        row["departs"] = row["document"] == figure["departs_at"]
    return sorted(rows, key=lambda row: (row["published"] or datetime.date.max, row["check_id"] is None,
                                         row["publisher"] or "", row["document"], row["check_id"] or ""))


def spread(figure_id: str, backend: str = "pandas") -> Any:
    """Every reading of a figure that the package holds: its source and each reference that a relay check of
    the figure reads, by date, with the publisher and the words of each reading.

    ``status`` and ``kind`` say whether each reference's reading agrees with the figure's (its relay check),
    ``in_chain`` whether the document is one the figure relays, and ``departs`` marks the document where
    the figure's reading first departs from what it relays (the figure's ``departs_at``). In ``backend``
    as :func:`~china_russia_tools.backends.load` takes it; :class:`UnknownIdError` for an id that is not a
    figure's.
    """
    return backends.from_rows(readings(figure_id), _fields(), "spread", backend)

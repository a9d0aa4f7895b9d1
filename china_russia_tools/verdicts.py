"""What the build derives from other rows, as functions of plain rows: each figure's relay chain, the
document where it departs, and each checked row's statuses from its checks (a check's own result is its
method's, :mod:`~china_russia_tools.check_methods`).

Validation recomputes the derived columns of the installed tables with these
(:mod:`~china_russia_tools.validate`), so that a status or a chain edited by hand, its hashes re-pinned,
is still caught.
"""

from __future__ import annotations

from typing import Any

from .check_methods import METHODS
from .fields import ids

CHAIN_SEPARATOR = " > "


def relays_of(reference: dict[str, Any]) -> list[str]:
    """The ids a reference relays, nearest first (its ``relays`` column split at commas)."""
    return ids(reference.get("relays"))


def ancestry(reference_id: str, references: dict[str, dict[str, Any]]) -> list[str]:
    """The reference and everything it relays, in turn, nearest first and each once."""
    order: list[str] = []
    stack = [reference_id]
    while stack:
        node = stack.pop(0)
        if node in order:
            continue
        order.append(node)
        if node in references:
            stack = relays_of(references[node]) + stack
    return order


def chain_of(figure: dict[str, Any], references: dict[str, dict[str, Any]]) -> list[str]:
    """Who relayed whom for one figure: its source; then its report and what that relays in turn, or
    else the entity that relayed it; then, without a report, the entity it is attributed to."""
    chain = [figure["source_id"]]
    if figure["report_id"] is not None:
        chain += ancestry(figure["report_id"], references)
    else:
        chain += [entity for entity in (figure["relayed_by"], figure["attributed_to"]) if entity is not None]
    return list(dict.fromkeys(chain))


def departs_at(chain: list[str], checks: list[dict[str, Any]], references: dict[str, dict[str, Any]]) -> str | None:
    """The document of a figure's ``chain`` whose reading first departs from the one it relays, as its
    relay checks read them; ``None`` where none is found to depart.

    The source agrees with itself. A later document agrees when the relay checks against it are all
    consistent and departs when they are all discrepancies; one that no check reads is judged by the
    checks of references outside the chain that relay it ("reuters" by a check of a paper relaying
    Reuters). The answer is the document known to agree right before the first known to depart; where a
    document between them is read by no check, the departure cannot be placed and the answer is ``None``.
    """
    relay = [check for check in checks if check["question"] == "relay" and check["reference_id"] is not None]

    def agrees(document: str) -> bool | None:
        found = [check["status"] for check in relay if check["reference_id"] == document] or [
            check["status"] for check in relay
            if check["reference_id"] not in chain and document in ancestry(check["reference_id"], references)[1:]
        ]
        found = [status for status in found if status != "unverified"]
        return None if not found or len(set(found)) > 1 else found[0] == "consistent"

    last: str | None = chain[0]
    for document in chain[1:]:
        agreement = agrees(document)
        if agreement is False:
            return last
        last = document if agreement else None
    return None


def status_of(checks: list[dict[str, Any]]) -> str:
    """A row's status from its checks: discrepancy if any contradicts it; consistent if one whose method
    confirms (:attr:`~china_russia_tools.check_methods.Method.confirms`: a reference or an observation,
    never arithmetic alone) finds it so; else unverified."""
    if any(check["status"] == "discrepancy" for check in checks):
        return "discrepancy"
    if any(check["status"] == "consistent" and METHODS[check["method"]].confirms for check in checks):
        return "consistent"
    return "unverified"


def statuses(checks: list[dict[str, Any]], verdicts: bool) -> dict[str, str]:
    """A checked row's statuses from its checks: its ``check_status``; with ``verdicts`` (a figure) also
    its ``relay_status`` and ``data_status``, of which ``check_status`` is the graver."""
    if not verdicts:
        return {"check_status": status_of(checks)}
    relay = status_of([check for check in checks if check["question"] == "relay"])
    data = status_of([check for check in checks if check["question"] == "data"])
    found = next((status for status in ("discrepancy", "consistent") if status in (relay, data)), "unverified")
    return {"relay_status": relay, "data_status": data, "check_status": found}


SIGNS = {"consistent": "✓", "discrepancy": "⚠", "unverified": "?"}
"""A sign beside each verdict, so that it reads without colour."""


def verdicts_of(row: dict[str, Any]) -> dict[str, str]:
    """The verdicts a view shows of a checked row, by question: a figure's ``relay_status`` and
    ``data_status``; a quote's ``check_status``, which is the verdict on its relay."""
    if "relay_status" in row:
        return {"relay": row["relay_status"], "data": row["data_status"]}
    return {"relay": row["check_status"]}


def verdict_words(verdicts: dict[str, str]) -> str:
    """The verdicts in words with their signs: ``relay ✓ consistent, data ? unverified``."""
    return ", ".join(f"{question} {SIGNS[status]} {status}" for question, status in verdicts.items())


def shared_spans(rows: list[dict[str, Any]], key: str) -> list[tuple[str, int, int, list[str]]]:
    """``(source id, start, end, row ids)`` of each span that two or more of ``rows`` (one anchored
    table) lie on; a span holds at most one row of a table."""
    on: dict[tuple[str, int, int], list[str]] = {}
    for row in rows:
        on.setdefault((row["source_id"], row["char_start"], row["char_end"]), []).append(row[key])
    return [(*span, ids) for span, ids in on.items() if len(ids) > 1]

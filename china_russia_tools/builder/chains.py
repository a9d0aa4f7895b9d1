"""Relay chains: what each reference relays, each figure's chain from its source to the agency, and
whether an observation lies outside a figure's own chain (the rule every data verdict rests on)."""

from __future__ import annotations

from typing import Any

from ..verdicts import CHAIN_SEPARATOR, ancestry, chain_of, relays_of
from .context import ANNOTATIONS, Context

FLOW_OPPOSITE = {"export": "import", "import": "export", "total": "total"}


def check_relays(context: Context) -> None:
    """Every id a reference relays names a reference or an entity, an agency's own release relays
    nothing but that agency, and no reference relays itself, directly or through others."""
    problems = context.problems
    references = context.by_id("references")
    entities = context.ids("entities")
    where = f"{ANNOTATIONS}/references.yaml"
    for reference_id, row in references.items():
        for relayed in relays_of(row):
            if relayed not in references and relayed not in entities and not (
                context.refused("references", relayed) or context.refused("entities", relayed)
            ):
                problems.add(
                    f"{where}: references id {reference_id}",
                    f"relays {relayed!r}, which is neither a reference nor an entity",
                    "unknown-reference",
                )
        others = [relayed for relayed in relays_of(row) if relayed != row.get("release_of")]
        if row.get("release_of") is not None and others:
            problems.add(
                f"{where}: references id {reference_id}",
                f"release_of {row['release_of']!r} says it is that agency's own release, but it relays "
                f"{', '.join(others)}; an agency's release relays nothing but that agency",
                "release-relays",
            )
    for reference_id in references:
        cycle = find_cycle(reference_id, references)
        if cycle and cycle[0] == reference_id:
            problems.add(
                f"{where}: references id {reference_id}",
                f"relays itself through {CHAIN_SEPARATOR.join(cycle)}; a relay chain cannot loop",
                "relay-loop",
            )


def find_cycle(start: str, references: dict[str, dict[str, Any]]) -> list[str]:
    """A path of relays from ``start`` back to a reference already on it, if one exists."""
    path: list[str] = []

    def visit(node: str) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node not in references:
            return []
        path.append(node)
        for relayed in relays_of(references[node]):
            found = visit(relayed)
            if found:
                return found
        path.pop()
        return []

    return visit(start)


def fill_chains(context: Context) -> None:
    """Set each figure's ``chain``."""
    references = context.by_id("references")
    for figure in context.rows["figures"]:
        figure["chain"] = CHAIN_SEPARATOR.join(chain_of(figure, references))


def shared_with_chain(figure: dict[str, Any], reference_id: str, agency: str | None, context: Context) -> list[str]:
    """What a reference shares with the figure's own chain, the agency aside; empty when it lies outside
    the chain or is the agency's own release (relaying nothing but that agency)."""
    references = context.by_id("references")
    reference = references[reference_id]
    if agency is not None and reference.get("release_of") == agency and set(relays_of(reference)) <= {agency}:
        return []
    own = set(figure["chain"].split(CHAIN_SEPARATOR)) - {figure["source_id"], agency}
    return [node for node in ancestry(reference_id, references) if node in own]


def check_mirrors(context: Context) -> None:
    """A series' mirror is public and records the same trade from the partner's side."""
    problems = context.problems
    series = context.by_id("series")
    for series_id, row in series.items():
        mirror = series.get(row["mirror_id"]) if row["mirror_id"] else None
        if mirror is None:
            continue
        label = f"{ANNOTATIONS}/series.yaml: series id {series_id}"
        same = (
            mirror["reporter"] == row["partner"]
            and mirror["partner"] == row["reporter"]
            and mirror["flow"] == FLOW_OPPOSITE[row["flow"]]
            and mirror["product_id"] == row["product_id"]
        )
        if not mirror["public"] or not same:
            problems.add(
                label,
                f"mirror_id {mirror['series_id']!r} must be a public series of the same product, reported by "
                f"{row['partner']} with partner {row['reporter']} and flow {FLOW_OPPOSITE[row['flow']]}",
                "mirror-series",
            )

"""Assembling every table: shared files first, then each source (its row, its layers), then the checks
of every source; ids checked for uniqueness and rows sorted by id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import registry
from ..rules.rows import shared_spans, unknown_keys
from .chains import check_mirrors, check_relays, fill_chains
from .checks import build_checks, fill_check_status
from .context import ANNOTATIONS, SEEDS, Context
from .inputs import outside, read_seeds, read_yaml
from .rows import Entry, read_entries
from .table_kinds import build_layer, build_shared, build_source


def build_tables(root: Path, descriptor: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table, checked; raises :class:`AnnotationError` listing every problem."""
    context = Context(root, descriptor)
    problems = context.problems
    seeds = read_seeds(root, problems)
    folder = root / ANNOTATIONS
    shared_files = {registry.table(name).file for name in registry.of_kind("shared")}
    annotation_files = {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.name not in shared_files}
    present = {path.stem for path in (root / SEEDS).glob("*.txt")}  # a refused seed has its own problem
    for stem in sorted(set(annotation_files) - present):
        problems.add(
            f"{ANNOTATIONS}/{stem}.yaml", f"no seed {SEEDS}/{stem}.txt for this annotation file", "missing-file"
        )
    for stem in sorted(set(seeds) - set(annotation_files)):
        problems.add(f"{SEEDS}/{stem}.txt", f"has no annotation file {ANNOTATIONS}/{stem}.yaml", "missing-file")

    for table in registry.of_kind("shared"):
        build_shared(table, context)
    check_relays(context)
    check_mirrors(context)
    layers = sorted(registry.of_kind("layer"))
    pending: list[tuple[list[Entry], str, str]] = []
    for stem, path in annotation_files.items():
        if stem not in seeds:
            continue
        seed, where = seeds[stem], f"{ANNOTATIONS}/{path.name}"
        if outside(root, path, where, problems):
            continue
        content = read_yaml(path, where, problems)
        if not content:
            continue
        refuse_drafted(content, where, context)
        problems.extend(unknown_keys(where, content, ["source", *layers, "checks"], top_level=True))
        source = build_source(seed, content, where, context)
        if source is None:
            continue
        context.rows["sources"].append(source)
        for table in layers:
            items = content.get(table)
            written = context.written.setdefault(table, set())
            written.update(str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item)
        for table in layers:
            build_layer(table, seed, source, content, where, context)
        pending.append((read_entries(content.get("checks"), "checks", where, context), stem, where))

    fill_chains(context)
    for entries, stem, where in pending:
        build_checks(entries, stem, where, context)
    fill_check_status(context)
    check_ids(context)
    check_spans(context)
    problems.raise_if_any()
    return context.rows


def refuse_drafted(content: Any, where: str, context: Context) -> None:
    """A row (or source block) that ``draft`` wrote and nobody has reviewed yet is refused; its
    ``drafted`` mark is then set aside, so that the rest of the row is checked as well."""
    if not isinstance(content, dict):
        return
    blocks = [("source", content.get("source"))] + [
        (f"{table} id {item.get('id')}", item)
        for table in ("checks", *registry.layers())
        for item in (content.get(table) if isinstance(content.get(table), list) else [])
        if isinstance(item, dict)
    ]
    for label, block in blocks:
        if isinstance(block, dict) and "drafted" in block:
            context.problems.add(
                f"{where}: {label}", "was drafted and not yet reviewed: check it against its words "
                "(annotation guide, \"Reviewing a draft\"), then remove 'drafted: true'", "drafted-row",
            )
            del block["drafted"]


def check_ids(context: Context) -> None:
    """Every id names one row of one table; rows are sorted by id."""
    problems = context.problems
    tables_of: dict[str, set[str]] = {}
    for table in registry.names():
        key = context.key(table)
        files: dict[str, list[str]] = {}
        for row in context.rows[table]:
            files.setdefault(row[key], []).append(context.origin(table, row))
            tables_of.setdefault(row[key], set()).add(table)
        for row_id, where in files.items():
            if len(where) > 1:
                problems.add(
                    f"{where[0]}: {table} id {row_id}",
                    f"the id is used {len(where)} times, in {', '.join(sorted(set(where)))}",
                    "duplicate-id",
                )
        context.rows[table].sort(key=lambda row: row[key])
    for row_id, names in tables_of.items():
        if len(names) > 1:
            problems.add(
                f"{ANNOTATIONS}/",
                f"the id {row_id!r} names rows of {' and '.join(sorted(names))}; "
                "ids must be unique across tables so that cite() and show() find one row",
                "duplicate-id",
            )


def check_spans(context: Context) -> None:
    """A span of a source holds at most one row of each anchored table (validation refuses the same)."""
    for table in registry.layers():
        context.problems.extend(
            shared_spans(
                context.rows[table],
                context.key(table),
                lambda source_id, ids, table=table: f"{ANNOTATIONS}/{source_id}.yaml: {table} ids {', '.join(ids)}",
            )
        )

"""Whether the committed outputs are what the annotation files build (``build --check``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import dictionary, registry, rowdiff, typestub
from ..errors import StaleError
from ..tables import DESCRIPTOR, PIN, read_parquet, seed_resources
from .lock import locked
from .outputs import pin, render


def stale_outputs(root: Path) -> list[str]:
    """What differs between the committed outputs and a fresh build; empty when up to date.

    Tables are compared by content (schema and rows) and the descriptor by its JSON, except the
    Parquet files' own hashes, which depend on the pyarrow version that wrote them. Holds the root's
    lock, so it never reads a package a build is moving, and first rolls back a build killed mid-move.
    """
    with locked(root):
        return _stale(root)


def _stale(root: Path) -> list[str]:
    output = render(root)
    descriptor = json.loads(output.files[DESCRIPTOR])
    found = []
    for name, table in output.tables.items():
        path = root / registry.resource_of(descriptor, name)["path"]
        relative = path.relative_to(root).as_posix()
        try:
            committed = read_parquet(path)
        except (OSError, ValueError) as error:
            found.append(f"{relative}: cannot be read ({error})")
            continue
        if not committed.schema.equals(table.schema):
            found.append(f"{relative}: columns or types differ from the schema")
        elif not committed.equals(table):
            key = registry.primary_key(descriptor, name)
            old, new = (rowdiff.by_id(rows.to_pylist(), key) for rows in (committed, table))
            changed = list(dict.fromkeys(change.row_id for change in rowdiff.changes(old, new, table.column_names)))
            listed = f"{', '.join(changed[:10])}{' ...' if len(changed) > 10 else ''}" if changed else "their order"
            found.append(f"{relative}: rows differ: {listed}")
    try:
        committed_bytes = (root / DESCRIPTOR).read_bytes()
        committed_descriptor = json.loads(committed_bytes.decode("utf-8"))
    except (OSError, ValueError) as error:
        found.append(f"{DESCRIPTOR}: cannot be read ({error})")
    else:
        found += seed_changes(committed_descriptor, descriptor)
        if _without_table_hashes(committed_descriptor) != _without_table_hashes(descriptor):
            found.append(f"{DESCRIPTOR}: differs from the build (seed hashes, version or resources)")
        if not (root / PIN).is_file() or (root / PIN).read_bytes() != pin(committed_bytes):
            found.append(f"{PIN}: missing or does not pin the committed {DESCRIPTOR}")
    for name, made_from in ((dictionary.PATH, "the descriptor"), (typestub.PATH, "the package's code")):
        if name in output.files and (not (root / name).is_file() or (root / name).read_bytes() != output.files[name]):
            found.append(f"{name}: missing or differs from {made_from}")
    return found


def seed_changes(committed: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """Seeds added, removed or edited since the committed descriptor pinned them."""

    def pins(descriptor: dict[str, Any]) -> dict[str, str]:
        return {r["path"]: r.get("hash", "") for r in seed_resources(descriptor)}

    old, new = pins(committed), pins(fresh)
    found = []
    for path in sorted(old.keys() | new.keys()):
        if path not in new:
            found.append(f"{path}: pinned in {DESCRIPTOR} but no longer built")
        elif path not in old:
            found.append(f"{path}: new seed, not yet pinned in {DESCRIPTOR}")
        elif old[path] != new[path]:
            found.append(
                f"{path}: edited; its SHA-256 is {new[path].removeprefix('sha256:')}, "
                f"{DESCRIPTOR} pins {old[path].removeprefix('sha256:')}"
            )
    return found


def _without_table_hashes(descriptor: dict[str, Any]) -> dict[str, Any]:
    resources = [
        {k: v for k, v in r.items() if not (k == "hash" and r["name"] in registry.REGISTRY)}
        for r in descriptor.get("resources", [])
    ]
    return {**descriptor, "resources": resources}


def require_current(root: Path) -> None:
    """Raise :class:`StaleError` naming what differs when the committed outputs are stale."""
    found = stale_outputs(root)
    if found:
        raise StaleError(found)

"""Whether the committed outputs are what the annotation files build (``build --check``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa

from .. import dictionary, registry, rowdiff, typestub
from ..errors import StaleError
from ..files import FileTooLarge, NotRegularFile, read_regular
from ..problems import Problem
from ..tables import DESCRIPTOR, MAX_FILE_BYTES, PIN, read_parquet, seed_resources
from .lock import locked
from .outputs import Output, pin, render


class Finding(NamedTuple):
    """One output that differs from a fresh build: the line ``build --check`` prints, and the same as
    problems with their codes, one per differing row of a table, as ``validate`` reports them."""

    line: str
    problems: list[Problem]


def stale_outputs(root: Path) -> list[str]:
    """What differs between the committed outputs and a fresh build, one line per file; empty when up
    to date (:func:`stale_findings`)."""
    return [finding.line for finding in stale_findings(root)]


def stale_records(root: Path) -> list[Problem]:
    """:func:`stale_findings` as problems with their codes: ``stale-row`` for each row of a table that
    differs from the one the annotations build, ``stale-output`` for any other file."""
    return [problem for finding in stale_findings(root) for problem in finding.problems]


def stale_findings(root: Path) -> list[Finding]:
    """What differs between the committed outputs and a fresh build; empty when up to date.

    Tables are compared by content (schema and rows) and the descriptor by its JSON, except the
    Parquet files' own hashes, which depend on the pyarrow version that wrote them. Holds the root's
    lock, so it never reads a package a build is moving, and first rolls back a build killed mid-move.
    """
    with locked(root):
        return _stale(root)


def output(where: str, message: str) -> Finding:
    """A file that differs from the build as a whole."""
    problem = Problem(where, "stale-output", message)
    return Finding(str(problem), [problem])


def _stale(root: Path) -> list[Finding]:
    built = render(root)
    descriptor = json.loads(built.files[DESCRIPTOR])
    found = []
    for name, table in built.tables.items():
        path = root / registry.resource_of(descriptor, name)["path"]
        relative = path.relative_to(root).as_posix()
        try:
            committed = read_parquet(read_regular(path, MAX_FILE_BYTES))
        except (NotRegularFile, FileTooLarge) as error:
            found.append(output(relative, f"cannot be read ({error.reason})"))
            continue
        except (OSError, ValueError) as error:
            found.append(output(relative, f"cannot be read ({error})"))
            continue
        if not committed.schema.equals(table.schema):
            found.append(output(relative, "columns or types differ from the schema"))
        elif not committed.equals(table):
            found.append(rows_differ(name, relative, committed, table, descriptor))
    committed_descriptor = json.loads(built.committed)  # as the build read it, under the same lock
    found += seed_changes(committed_descriptor, descriptor)
    if _without_table_hashes(committed_descriptor) != _without_table_hashes(descriptor):
        found.append(output(DESCRIPTOR, "differs from the build (seed hashes, version, row counts or resources)"))
    found += differs(root, PIN, pin(built.committed), f"missing or does not pin the committed {DESCRIPTOR}")
    for name, made_from in ((dictionary.PATH, "the descriptor"), (typestub.PATH, "the package's code")):
        if name in built.files:
            found += differs(root, name, built.files[name], f"missing or differs from {made_from}")
    return found


def differs(root: Path, name: str, expected: bytes, said: str) -> list[Finding]:
    """The committed output ``name`` that is missing or not ``expected``, with ``said``; one that cannot be
    read whole (a named pipe, a folder, a file over :data:`MAX_FILE_BYTES`), with why."""
    try:
        if read_regular(root / name, MAX_FILE_BYTES) == expected:
            return []
    except (NotRegularFile, FileTooLarge) as error:
        return [output(name, f"cannot be read ({error.reason})")]
    except OSError:
        pass
    return [output(name, said)]


def rows_differ(name: str, relative: str, committed: pa.Table, table: pa.Table, descriptor: dict[str, Any]) -> Finding:
    """The rows of table ``name`` (its file ``relative``) that differ from the ones the annotations build:
    one line naming the first ten, and a problem for each row."""
    key = registry.primary_key(descriptor, name)
    old, new = (rowdiff.by_id(rows.to_pylist(), key) for rows in (committed, table))
    by_row: dict[str, list[str]] = {}
    for change in rowdiff.changes(old, new, table.column_names):
        if change.change == "added":
            said = f"is missing from {relative}, though the annotations build it"
        elif change.change == "removed":
            said = f"is in {relative}, but the annotations build no such row"
        else:
            said = f"{change.field} is {change.old!r} in {relative}, but the annotations build {change.new!r}"
        by_row.setdefault(change.row_id, []).append(said)
    if not by_row:
        return output(relative, "rows differ: their order")
    changed = list(by_row)
    listed = f"{', '.join(changed[:10])}{' ...' if len(changed) > 10 else ''}"
    problems = [Problem(f"{name} {row_id}", "stale-row", "; ".join(said)) for row_id, said in by_row.items()]
    return Finding(f"{relative}: rows differ: {listed}", problems)


def seed_changes(committed: dict[str, Any], fresh: dict[str, Any]) -> list[Finding]:
    """Seeds added, removed or edited since the committed descriptor pinned them."""

    def pins(descriptor: dict[str, Any]) -> dict[str, str]:
        return {r["path"]: r.get("hash", "") for r in seed_resources(descriptor)}

    old, new = pins(committed), pins(fresh)
    found = []
    for path in sorted(old.keys() | new.keys()):
        if path not in new:
            found.append(output(path, f"pinned in {DESCRIPTOR} but no longer built"))
        elif path not in old:
            found.append(output(path, f"new seed, not yet pinned in {DESCRIPTOR}"))
        elif old[path] != new[path]:
            found.append(output(
                path,
                f"edited; its SHA-256 is {new[path].removeprefix('sha256:')}, "
                f"{DESCRIPTOR} pins {old[path].removeprefix('sha256:')}",
            ))
    return found


def seeds_pinned_anew(output: Output) -> list[str]:
    """The seeds a build of ``output`` adds, removes or pins anew against the committed descriptor it was
    built from, one line each."""
    fresh = json.loads(output.files[DESCRIPTOR])
    return [finding.line for finding in seed_changes(json.loads(output.committed), fresh)]


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

"""The build's outputs: Parquet tables, the refreshed descriptor and the data dictionary, rendered in
memory and written atomically."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import dictionary, registry, typestub
from .._version import __version__
from ..errors import AnnotationError
from ..files import FileTooLarge, NotRegularFile, read_regular
from ..problems import Problem
from ..tables import DESCRIPTOR, MAX_FILE_BYTES, PIN, is_seed, resource_file
from .assembly import build_tables
from .context import ANNOTATIONS, SEEDS
from .lock import JOURNAL, Move, locked, roll_back, write_journal


@dataclass(frozen=True)
class Output:
    """Everything a build writes: file path relative to the project root -> bytes; and ``committed``, the
    bytes of the committed descriptor it was built from, which ``build`` and ``build --check`` compare it with."""

    files: dict[str, bytes]
    tables: dict[str, pa.Table]
    committed: bytes


def to_arrow(rows: list[dict[str, Any]], fields: list[dict[str, Any]]) -> pa.Table:
    """The rows of one table as an Arrow table with the types and nullability of its schema."""
    schema = pa.schema(
        [
            pa.field(
                f["name"], registry.arrow_type(f["type"]), nullable=not f.get("constraints", {}).get("required", False)
            )
            for f in fields
        ]
    )
    columns = {f["name"]: [row.get(f["name"]) for row in rows] for f in fields}
    return pa.table(columns, schema=schema)


def parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def bad_descriptor(message: str) -> AnnotationError:
    """The error of a descriptor the build cannot use."""
    return AnnotationError([Problem(DESCRIPTOR, "bad-descriptor", message)])


def read_descriptor(root: Path) -> dict[str, Any]:
    """The project's ``datapackage.json``; :class:`AnnotationError` when ``root`` is not a checkout, or the
    descriptor cannot be read or lacks a table of the registry."""
    return committed_descriptor(root)[1]


def committed_descriptor(root: Path) -> tuple[bytes, dict[str, Any]]:
    """The bytes of the project's ``datapackage.json`` and the descriptor they hold, as :func:`read_descriptor`."""
    missing = [name for name in (DESCRIPTOR, f"{SEEDS}/", f"{ANNOTATIONS}/") if not (root / name).exists()]
    if missing:
        raise AnnotationError([
            Problem(
                str(root),
                "not-a-project",
                f"not a checkout of china-russia-tools; build needs {DESCRIPTOR}, {SEEDS}/ and {ANNOTATIONS}/ "
                f"there (missing: {', '.join(missing)}); run it in a checkout, or name one with --root DIR",
            )
        ])
    try:
        data = read_regular(root / DESCRIPTOR, MAX_FILE_BYTES)
        descriptor = json.loads(data.decode("utf-8"))
    except (NotRegularFile, FileTooLarge) as error:
        raise bad_descriptor(f"cannot read the descriptor: it {error.reason}") from None
    except (OSError, ValueError) as error:
        raise bad_descriptor(f"cannot read the descriptor: {error}") from error
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise bad_descriptor("not a Data Package descriptor (no list of resources)")
    names = {entry.get("name") for entry in resources if isinstance(entry, dict)}
    absent = [name for name in registry.names() if name not in names]
    if absent:
        raise bad_descriptor(f"no resource named {', '.join(map(repr, absent))}; each table needs one")
    return data, descriptor


def seed_resource(source: dict[str, Any]) -> dict[str, Any]:
    """The descriptor resource pinning one source text by its SHA-256."""
    return {
        "name": f"seed-{source['source_id'].replace('_', '-')}",
        "title": source["title"],
        "description": f"Source text {source['source_id']}, byte for byte as received; UTF-8, LF line ends.",
        "path": source["path"],
        "mediatype": "text/plain",
        "encoding": "utf-8",
        "hash": f"sha256:{source['sha256']}",
        "bytes": source["bytes"],
        "licenses": seed_licenses(source["license"]),
    }


def seed_licenses(license: str) -> list[dict[str, str]]:
    """A seed resource's ``licenses``, from its source's ``license``: an SPDX id names the licence; words
    saying that copyright stays with the publisher are the title of ``other-closed``, the Open Definition's
    id for a licence that is not open."""
    if re.fullmatch(r"[A-Za-z0-9.+-]+", license):
        return [{"name": license}]
    return [{"name": "other-closed", "title": license}]


def pin(descriptor: bytes) -> bytes:
    """The contents of :data:`~china_russia_tools.tables.PIN` for the descriptor's bytes (``sha256sum`` format)."""
    return f"{hashlib.sha256(descriptor).hexdigest()}  {DESCRIPTOR}\n".encode()


def render(root: Path) -> Output:
    """Build every output in memory: tables, the refreshed descriptor, the data dictionary and, in a
    checkout of the package, its type stub."""
    committed, descriptor = committed_descriptor(root)
    rows = build_tables(root, descriptor)
    files: dict[str, bytes] = {}
    tables: dict[str, pa.Table] = {}
    resources = []
    for entry in descriptor["resources"]:
        if is_seed(entry):
            continue  # seed resources are regenerated below
        resource_file(root, entry)  # a table is only ever written inside the project
        table = to_arrow(rows[entry["name"]], entry["schema"]["fields"])
        data = parquet_bytes(table)
        tables[entry["name"]], files[entry["path"]] = table, data
        resources.append({**entry, "hash": f"sha256:{hashlib.sha256(data).hexdigest()}", "rows": table.num_rows})
    resources += [seed_resource(source) for source in rows["sources"]]
    refreshed = {**descriptor, "version": __version__, "resources": resources}
    files[DESCRIPTOR] = (json.dumps(refreshed, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files[PIN] = pin(files[DESCRIPTOR])
    files[dictionary.PATH] = dictionary.render_dictionary(refreshed).encode("utf-8")
    if typestub.belongs_in(root):  # the checkout the package runs from
        files[typestub.PATH] = typestub.stub().encode("utf-8")
    return Output(files, tables, committed)


def beside(target: Path, kind: str) -> Path:
    """The temporary file beside ``target`` that a build stages its new bytes (``kind`` "new") or keeps a
    copy of its old ones in ("old"): ``.<name>.build-<kind>.tmp``, one name only a build writes."""
    return target.with_name(f".{target.name}.build-{kind}.tmp")


def temporary_beside(target: Path, kind: str, created: list[Path]) -> Path:
    """The new, empty temporary file ``beside(target, kind)``, replacing any a killed build left; its path
    is appended to ``created``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    path = beside(target, kind)
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    created.append(path)
    return path


def stage(target: Path, data: bytes, created: list[Path]) -> Path:
    """Write ``data`` to a temporary file beside ``target``, with the target's permissions."""
    temporary = temporary_beside(target, "new", created)
    temporary.write_bytes(data)
    os.chmod(temporary, target.stat().st_mode if target.exists() else 0o644)
    return temporary


def backup(target: Path, created: list[Path]) -> Path | None:
    """A copy of ``target`` beside it, or None when there is no file to keep."""
    if not target.exists():
        return None
    copy = temporary_beside(target, "old", created)
    shutil.copy2(target, copy)
    return copy


def write(root: Path, output: Output | None = None) -> Output:
    """Build (or take ``output``, rendered from ``root``) and write every output atomically, holding the
    root's lock (:func:`~.lock.locked`).

    All files are staged beside their targets and the files they replace copied, the moves written to the
    journal, then the files swapped in one by one; if anything fails, or the build is killed, the moves
    are rolled back (at once, or by the next build), so the committed files stay exactly as they were.
    """
    with locked(root):
        output = render(root) if output is None else output
        created: list[Path] = []
        moves: list[Move] = []
        try:
            for name, data in output.files.items():
                target = root / name
                staged, copy = stage(target, data, created), backup(target, created)
                moves.append(Move(relative(staged, root), name, None if copy is None else relative(copy, root)))
            write_journal(root, moves)
            for move in moves:
                os.replace(root / move.staged, root / move.target)
            (root / JOURNAL).unlink()
        except BaseException:
            if (root / JOURNAL).exists():
                roll_back(root, moves)
            raise
        finally:
            for path in [*created, root / f"{JOURNAL}.tmp"]:
                path.unlink(missing_ok=True)
    return output


def relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()

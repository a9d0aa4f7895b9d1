"""Writing a folder of output (an export or the report) without touching anything of the user's.

Each such folder holds :data:`MANIFEST`, naming what wrote it and every file written with its SHA-256.
A folder is written into only when it is new, empty, or holds nothing but the files its manifest lists,
unchanged since they were written; anything else is refused with :class:`ExportError`, so no file of
the user's, nor one the user edited, is overwritten or deleted. The files are first written to a
temporary folder beside the target and moved in only once all are complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from ._version import __version__
from .errors import ExportError
from .files import FileTooLarge, NotRegularFile, read_regular, regular_size

MANIFEST = ".china-russia-tools-manifest.json"
"""The file in an output folder listing what china-russia-tools wrote there."""


def _sha256(path: Path) -> str:
    """The SHA-256 of a regular file, read in chunks (a file of any size fits in memory)."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


MAX_OUTPUT_BYTES = 100_000_000
"""The largest file an output of china-russia-tools holds, 100 MB (the largest today is some 300 kB): a
larger file in an output folder was changed since, and is not read to tell."""


def _unchanged(path: Path, digest: str) -> bool:
    """Whether a regular file is still the one a manifest lists with the SHA-256 ``digest``."""
    try:
        regular_size(path, MAX_OUTPUT_BYTES)
    except (NotRegularFile, FileTooLarge):
        return False
    return _sha256(path) == digest


def previous_output(out_dir: Path, kind: str, hint: str) -> list[Path]:
    """Files of an earlier output of ``kind`` in ``out_dir``, to be replaced; :class:`ExportError` if
    ``out_dir`` is not a folder, or holds a file its manifest does not list or that changed since."""
    if not out_dir.exists():
        return []
    if not out_dir.is_dir():
        raise ExportError(f"{out_dir} is not a folder")
    found = {path.relative_to(out_dir).as_posix(): path for path in out_dir.rglob("*")}
    links = sorted(name for name, path in found.items() if path.is_symlink())
    if links:
        shown = ", ".join(f"{name} -> {os.readlink(out_dir / name)}" for name in links)
        raise ExportError(
            f"{out_dir} holds symbolic links ({shown}); {kind} is never written through a link: remove them, "
            "or choose another folder"
        )
    special = sorted(name for name, path in found.items() if not path.is_dir() and not path.is_file())
    if special:
        raise ExportError(
            f"{out_dir} holds files that are not regular files ({', '.join(special)}: a named pipe, socket or "
            f"device); {kind} opens none of them: remove them, or choose another folder"
        )
    files = {name for name, path in found.items() if not path.is_dir()}
    listed = _listed(out_dir / MANIFEST, kind) if MANIFEST in files else {}
    ours = {*listed, MANIFEST} if listed else set()
    folders = {parent.as_posix() for name in listed for parent in Path(name).parents} - {"."}
    empty = {name for name, path in found.items() if path.is_dir() and not any(path.iterdir())}
    foreign = sorted((files - ours) | (empty - folders))
    if foreign:
        raise ExportError(f"{out_dir} holds files that are not from {kind} ({', '.join(foreign)}); {hint}")
    files -= {MANIFEST}
    changed = sorted(name for name in files if not _unchanged(out_dir / name, listed[name]))
    if changed:
        raise ExportError(f"{out_dir} holds files changed since {kind} wrote them ({', '.join(changed)}); {hint}")
    return [out_dir / name for name in sorted(files)]


def _listed(manifest: Path, kind: str) -> dict[str, str]:
    """The files a manifest of ``kind`` lists, with their SHA-256; empty if it is of another kind or unreadable."""
    try:
        content = json.loads(read_regular(manifest, MAX_OUTPUT_BYTES).decode("utf-8"))
        return {str(name): str(digest) for name, digest in content["files"].items()} if content["kind"] == kind else {}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


def staging_folder(out_dir: Path) -> Path:
    """Where to write the files before they are moved in: beside ``out_dir``, or inside it when it is on
    another filesystem than its parent (a mount point), since files move only within one filesystem."""
    if out_dir.is_dir() and _device(out_dir) != _device(out_dir.parent):
        return out_dir
    return out_dir.parent


def _device(path: Path) -> int:
    return path.stat().st_dev


@contextlib.contextmanager
def held_interrupt() -> Iterator[None]:
    """Hold Ctrl-C while the files are moved in, so that an output is never left half old, half new.

    A Ctrl-C in that moment is ignored: the few renames finish and the output is complete.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda *_: None)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _final(error: OSError, staging: Path, out_dir: Path) -> Path:
    """Where the file an error names while staging would have gone in ``out_dir`` (``out_dir`` itself
    when the error names none, as a write to a full disk does)."""
    if error.filename is None:
        return out_dir
    path = Path(os.fsdecode(error.filename))
    return out_dir / path.relative_to(staging) if path.is_relative_to(staging) else path


class Output(NamedTuple):
    """What :func:`write_folder` did: the files it wrote, and the files of the previous output it removed
    and did not write again (sorted)."""

    written: list[Path]
    removed: list[Path]


def write_folder(out_dir: Path, write: Callable[[Path], list[str]], kind: str, hint: str) -> Output:
    """Write an output of ``kind`` (``"an export"``, ``"a report"``) into ``out_dir``; return what it
    wrote and removed.

    ``write(folder)`` writes every file under ``folder`` and returns their paths relative to it, in
    the order they are moved in. A previous output of the same kind is replaced; a refusal names the
    foreign or changed files and ends with ``hint``. The manifest itself is not returned.
    """
    import tempfile  # here, keeping `import china_russia_tools` cheap

    out_dir = Path(out_dir)
    if out_dir.is_symlink() and not out_dir.exists():
        raise ExportError(f"{out_dir} is a symbolic link to {os.readlink(out_dir)}, which leads nowhere or to itself")
    if out_dir.is_symlink():
        raise ExportError(
            f"{out_dir} is a symbolic link (to {os.readlink(out_dir)}); the output folder may not be a link, since "
            f"{kind} is never written through one: give the folder it leads to, or another"
        )
    previous = previous_output(out_dir, kind, hint)
    try:
        absolute = out_dir.resolve()
    except RuntimeError as error:  # Python 3.11 and 3.12 raise this for a loop of links
        raise ExportError(f"{out_dir}: {error}; the path holds a symbolic link that leads to itself") from None
    blocking = next((parent for parent in absolute.parents if parent.exists()), None)
    if blocking is not None and not blocking.is_dir():
        raise ExportError(f"{out_dir}: {blocking} is not a folder")
    try:
        absolute.parent.mkdir(parents=True, exist_ok=True)
        temporary = tempfile.TemporaryDirectory(dir=staging_folder(absolute), prefix=f".{absolute.name}.")
    except OSError as error:  # name the folder asked for, not the temporary one
        raise OSError(error.errno, error.strerror, str(out_dir)) from error
    with temporary as staging:
        try:
            written = write(Path(staging))
            files = {relative: _sha256(Path(staging) / relative) for relative in written}
            manifest = {"kind": kind, "written_by": f"china-russia-tools {__version__}", "files": files}
            (Path(staging) / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        except OSError as error:  # a full disk: name the file asked for, not the temporary one
            named = _final(error, Path(staging), out_dir)
            raise OSError(error.errno, error.strerror or str(error), str(named)) from error
        with held_interrupt():  # to the end: once the first file is moved in, the output is finished
            out_dir.mkdir(exist_ok=True)
            for path in previous:
                path.unlink()
            # the manifest goes in first: if moving stops half-way, the next run recognises every file
            for relative in [MANIFEST, *written]:
                target = out_dir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                if any(folder.is_symlink() for folder in target.parents if folder.is_relative_to(out_dir)):
                    raise ExportError(f"{target.parent} became a symbolic link; nothing is written through it")
                try:
                    os.replace(Path(staging) / relative, target)
                except OSError as error:  # a read-only folder: name the file asked for, not the temporary one
                    raise OSError(error.errno, error.strerror, str(target)) from error
            temporary.cleanup()
            emptied = {path.parent for path in previous} - {out_dir}
            for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
                if not any(folder.iterdir()):
                    folder.rmdir()
    new = [out_dir / relative for relative in written]
    return Output(new, sorted(set(previous) - set(new)))

"""One build of a project at a time, and all or nothing: the root's lock and the journal of a build's moves.

A build holds ``LOCK`` from reading the committed outputs to its last move. Before its first move it
writes ``JOURNAL``, listing each staged file, its target and the copy of the file it replaces; after its
last move it removes it. A journal found on taking the lock is a build killed while moving files: its
moves are rolled back, so the old package is back whole, and its staged files and copies removed.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from ..errors import BuildLockedError, DataError
from ..files import FileTooLarge, NotRegularFile, read_regular
from ..tables import DESCRIPTOR

LOCK = ".china-russia-tools.lock"
JOURNAL = ".china-russia-tools.journal"

_held = threading.local()  # the roots whose lock this thread holds, so that a build inside a build goes on


@dataclass(frozen=True)
class Move:
    """One file a build swaps in, paths relative to the root; ``backup`` is None when ``target`` is new."""

    staged: str
    target: str
    backup: str | None


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the root's build lock, refusing at once when another build holds it; first roll back what a
    build killed while moving files left."""
    held: set[Path] = _held.__dict__.setdefault("roots", set())
    key = root.resolve()
    if key in held or not (root / DESCRIPTOR).is_file():  # not a checkout: the build refuses it unlocked
        yield
        return
    try:
        from filelock import FileLock, Timeout
    except ImportError as error:
        raise ImportError('the build\'s lock needs filelock: pip install "china-russia-tools[build]"') from error
    lock = FileLock(root / LOCK, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BuildLockedError(f"{root / LOCK}: another build of this folder holds this lock; "
                               "run build again once it has finished") from None
    held.add(key)
    try:
        if (root / JOURNAL).exists():
            roll_back(root, read_journal(root))
        yield
    finally:
        held.discard(key)
        lock.release()


def write_journal(root: Path, moves: list[Move]) -> None:
    """Write the journal atomically: to a file beside it, then renamed over it."""
    temporary = root / f"{JOURNAL}.tmp"
    temporary.write_text(json.dumps([asdict(move) for move in moves], indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, root / JOURNAL)


MAX_JOURNAL_BYTES = 10_000_000
"""The largest journal read, 10 MB (a build of the published data journals one move for each of its 16
outputs, a few kB)."""


def read_journal(root: Path) -> list[Move]:
    """The moves the journal lists; :class:`DataError` naming it when it cannot be read whole (a named pipe,
    a folder, a file over :data:`MAX_JOURNAL_BYTES`), and so the moves it lists cannot be rolled back."""
    path = root / JOURNAL
    try:
        data = read_regular(path, MAX_JOURNAL_BYTES)
    except (NotRegularFile, FileTooLarge) as error:
        raise DataError(f"{path}: the journal of a build killed while moving files {error.reason}, so its moves "
                        "cannot be rolled back; remove it, then run `china-russia-tools build`") from None
    return [Move(**entry) for entry in json.loads(data.decode("utf-8"))]


def roll_back(root: Path, moves: list[Move]) -> None:
    """Put back every file the journal's moves replaced, remove the new files moved in, the staged files
    and the copies, then the journal: the files are as before the build."""
    for move in reversed(moves):
        target = root / move.target
        if move.backup is None:
            if not (root / move.staged).exists():  # moved in: the target was new
                target.unlink(missing_ok=True)
        elif (root / move.backup).exists():
            os.replace(root / move.backup, target)
    for move in moves:
        (root / move.staged).unlink(missing_ok=True)
        if move.backup is not None:
            (root / move.backup).unlink(missing_ok=True)
    (root / JOURNAL).unlink(missing_ok=True)

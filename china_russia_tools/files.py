"""Reading a file whole, safely: only a regular file (reading a named pipe or a device might never end)
and only up to a limit (a huge file would fill the memory). The build's inputs, the data package on disk
and the output folders are all read through here; each caller words the refusal for its own reader."""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import ChinaRussiaToolsError


class NotRegularFile(ChinaRussiaToolsError, ValueError):
    """A folder, named pipe, socket or device where a regular file was expected; ``kind`` says which, and
    ``reason`` is the message without the path, for a caller that words its own."""

    def __init__(self, path: Path, kind: str):
        self.path, self.kind, self.reason = path, kind, f"is {kind}, not a regular file"
        super().__init__(f"{path}: {self.reason}")


class FileTooLarge(ChinaRussiaToolsError, ValueError):
    """A file of ``size`` bytes, more than the ``limit`` read; ``reason`` is the message without the path."""

    def __init__(self, path: Path, size: int, limit: int):
        self.path, self.size, self.limit = path, size, limit
        self.reason = f"is {size:,} bytes; at most {limit:,} are read"
        super().__init__(f"{path}: {self.reason}")


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, in words: ``a folder``, ``a named pipe``..."""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "a device")


def regular_size(path: Path, limit: int) -> int:
    """The size of ``path``, once it is known to be a regular file of at most ``limit`` bytes, without
    opening it: :class:`NotRegularFile` or :class:`FileTooLarge` if not, ``OSError`` if it is missing."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise NotRegularFile(path, file_kind(status.st_mode))
    if status.st_size > limit:
        raise FileTooLarge(path, status.st_size, limit)
    return status.st_size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` once :func:`regular_size` accepts it; :class:`FileTooLarge` too if it grew
    past ``limit`` since, and ``OSError`` if it cannot be read."""
    regular_size(path, limit)
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(path, path.stat().st_size, limit)
    return data

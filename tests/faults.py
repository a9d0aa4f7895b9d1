"""Faults the campaign of test_faults.py injects in this process: a full disk, a read-only folder, Ctrl-C
while a module is imported, and the snapshot that tells whether a folder was left as it was."""

from __future__ import annotations

import builtins
import errno
import io
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from china_russia_tools.builder.lock import LOCK


def _path_of(file: Any) -> Path | None:
    """The path ``open`` was given, or the one a file descriptor stands for."""
    if isinstance(file, int):
        return Path(os.readlink(f"/proc/self/fd/{file}"))
    try:
        return Path(os.fsdecode(file)).absolute()
    except TypeError:
        return None


def _writes(mode: str) -> bool:
    return any(letter in mode for letter in "wax+")


class FullFile:
    """A file on a full disk: each write fails as the system's does, with no file named (``when``
    "write"), or the writes seem to succeed and closing the file fails ("close", as on NFS)."""

    def __init__(self, file: Any, when: str):
        self._file, self._when = file, when

    def write(self, data: Any) -> int:
        if self._when == "write":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._file.write(data)

    def close(self) -> None:
        self._file.close()
        if self._when == "close":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __enter__(self) -> FullFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


def full_disk(monkeypatch: pytest.MonkeyPatch, folder: Path, when: str, sqlite: bool = True) -> None:
    """Make every file opened for writing under ``folder`` one on a full disk (:class:`FullFile`); and,
    with ``sqlite``, SQLite, which writes below Python, finds its database full after one page, as it does
    on a full disk."""
    real_open = io.open

    def opened(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        path = _path_of(file)
        if _writes(mode) and path is not None and path.is_relative_to(folder):
            return FullFile(handle, when)
        return handle

    real_connect = sqlite3.connect

    def connect(database: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(database, *args, **kwargs)
        if sqlite and Path(os.fsdecode(database)).absolute().is_relative_to(folder):
            connection.execute("PRAGMA max_page_count = 1")
        return connection

    monkeypatch.setattr(io, "open", opened)
    monkeypatch.setattr(builtins, "open", opened)
    monkeypatch.setattr(sqlite3, "connect", connect)


def read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` and everything below it read-only, as a read-only file system is (the tests run as
    root, whom file permissions do not stop): creating, writing, moving or removing there fails."""

    def refuse(path: Any) -> None:
        if _path_of(path) is not None and _path_of(path).is_relative_to(folder):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))

    real = {name: getattr(os, name) for name in ("mkdir", "open", "replace", "rename", "unlink", "rmdir")}
    real_open = io.open

    def opened(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if _writes(mode) and not isinstance(file, int):
            refuse(file)
        return real_open(file, mode, *args, **kwargs)

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real["open"](path, flags, *args, **kwargs)

    def changing(name: str) -> Any:
        def change(path: Any, *args: Any, **kwargs: Any) -> Any:
            refuse(path)
            if args and name in ("replace", "rename") and _path_of(args[0]).is_relative_to(folder):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path), os.fsdecode(args[0]))
            return real[name](path, *args, **kwargs)

        return change

    for name in ("mkdir", "replace", "rename", "unlink", "rmdir"):
        monkeypatch.setattr(os, name, changing(name))
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", opened)
    monkeypatch.setattr(builtins, "open", opened)


class Interrupted:
    """A descriptor whose ``__set_name__`` meets a Ctrl-C: a Ctrl-C while Python makes a class holding one (a
    ``functools.cached_property``, say), which Python 3.11 raises as a RuntimeError caused by it."""

    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt


def ctrl_c(while_making_a_class: bool = False) -> None:
    """A Ctrl-C, or one while Python makes a class."""
    if while_making_a_class:
        type("Made", (), {"attribute": Interrupted()})
    raise KeyboardInterrupt


class InterruptedImport:
    """A finder that meets a Ctrl-C when ``module`` is imported, as one while Python reads it."""

    def __init__(self, module: str, while_making_a_class: bool):
        self.module = module
        self.while_making_a_class = while_making_a_class

    def find_spec(self, name: str, *_: object) -> None:
        if name == self.module:
            ctrl_c(self.while_making_a_class)


def interrupt_import(monkeypatch: pytest.MonkeyPatch, module: str, while_making_a_class: bool = False) -> None:
    """Make the next import of ``module`` (already imported or not) a Ctrl-C; it stays as it was after."""
    monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(sys, "meta_path", [InterruptedImport(module, while_making_a_class), *sys.meta_path])


def interrupt_on_call(monkeypatch: pytest.MonkeyPatch, target: Any, name: str, call: int = 1,
                      while_making_a_class: bool = False) -> None:
    """Make the ``call``-th call of ``target.name`` a Ctrl-C (the calls before it run as usual)."""
    real, calls = getattr(target, name), []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == call:
            ctrl_c(while_making_a_class)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, interrupted)


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder`` (None for a folder), but the build's lock file, which a build
    leaves (empty) by design."""
    if not folder.exists():
        return {}
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.name != LOCK
    }

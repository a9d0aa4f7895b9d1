"""files.py: the one reader of a whole file; only a regular file, and only up to a limit, each refusal one
line naming the file, what it is and what was expected."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from china_russia_tools import files
from china_russia_tools.files import FileTooLarge, NotRegularFile, read_regular, regular_size
from conftest import deadline


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path: Path):
    path = tmp_path / "seed.txt"
    path.write_bytes(b"Lathe exports\n")
    assert regular_size(path, 14) == 14
    assert read_regular(path, 14) == b"Lathe exports\n"


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(tmp_path: Path):
    path = tmp_path / "seed.txt"
    path.write_bytes(b"Lathe exports\n")
    with pytest.raises(FileTooLarge, match=f"^{re.escape(str(path))}: is 14 bytes; at most 13 are read$") as raised:
        read_regular(path, 13)
    assert (raised.value.size, raised.value.limit) == (14, 13)


def test_a_file_that_grew_past_the_limit_after_its_size_was_checked_is_refused(tmp_path: Path, monkeypatch):
    path = tmp_path / "seed.txt"
    path.write_bytes(b"Lathe exports\n")
    monkeypatch.setattr(files, "regular_size", lambda path, limit: 10)  # the size it had when it was checked
    with pytest.raises(FileTooLarge, match=r": is 14 bytes; at most 10 are read$"):
        read_regular(path, 10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system cannot make named pipes (no os.mkfifo)")
def test_a_named_pipe_is_refused_unopened(tmp_path: Path):
    path = tmp_path / "seed.txt"
    os.mkfifo(path)
    with deadline(30), pytest.raises(NotRegularFile) as raised:
        read_regular(path, 100)
    assert str(raised.value) == f"{path}: is a named pipe, not a regular file"
    assert raised.value.kind == "a named pipe"


def test_a_folder_is_refused_and_a_missing_file_is_an_os_error(tmp_path: Path):
    with pytest.raises(NotRegularFile, match=f"^{re.escape(str(tmp_path))}: is a folder, not a regular file$"):
        read_regular(tmp_path, 100)
    with pytest.raises(FileNotFoundError):
        read_regular(tmp_path / "missing.txt", 100)

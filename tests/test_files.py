"""files.py: the one reader of a whole file; only a regular file, and only up to a limit, each refusal one
line naming the file, what it is and what was expected; no other module reads a file but those listed, each
with its reason."""

from __future__ import annotations

import ast
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


READS = ("read_text", "read_bytes")
WHOLE_FILE_READS_ELSEWHERE = {
    ("export.py", "_write_descriptor"): "hashes a table file the export has itself just written",
    ("marks.py", "asset"): "the report's own script and styles, package code read through importlib.resources",
    ("outdir.py", "_sha256"): "hashes in chunks, never the whole file at once, after regular_size accepted it",
    ("typestub.py", "stub"): "parses the package's own __init__.py, its code, not its data",
}
"""Each read of a file outside files.py that does not go through it, by module and function, and why."""


def writes(call: ast.Call) -> bool:
    """Whether an ``open()`` or ``.open()`` call's mode is a literal that writes, appends or creates (a mode
    not written as a literal may read)."""
    position = 0 if isinstance(call.func, ast.Attribute) else 1
    given = [word.value for word in call.keywords if word.arg == "mode"] or call.args[position:position + 1]
    return bool(given) and isinstance(given[0], ast.Constant) and bool(set(str(given[0].value)) & set("wax"))


def reads_a_file(call: ast.Call) -> bool:
    """Whether ``call`` is ``Path.read_text``/``read_bytes`` or an ``open`` not for writing (``os.open``,
    the descriptor-level call, is left out: the package only creates files with it)."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in READS:
        return True
    named = isinstance(func, ast.Name) and func.id == "open"
    method = isinstance(func, ast.Attribute) and func.attr == "open" and not (
        isinstance(func.value, ast.Name) and func.value.id == "os")
    return (named or method) and not writes(call)


def whole_file_reads(package: Path) -> set[tuple[str, str]]:
    """Each (module, function) outside files.py that reads a file other than through it."""
    found = set()
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        if module == "files.py":
            continue
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                calls = [node for node in ast.walk(function) if isinstance(node, ast.Call) and reads_a_file(node)]
                found |= {(module, function.name)} if calls else set()
    return found


def test_files_py_is_the_one_reader_of_a_whole_file():
    package = Path(files.__file__).parent
    assert whole_file_reads(package) == set(WHOLE_FILE_READS_ELSEWHERE)


def test_the_scan_finds_each_kind_of_read_and_leaves_writes(tmp_path: Path):
    (tmp_path / "reads.py").write_text(
        "def text(p):\n    return p.read_text()\n"
        "def data(p):\n    return p.read_bytes()\n"
        "def stream(p):\n    with p.open('rb') as f:\n        return f.read()\n"
        "def builtin(p):\n    with open(p) as f:\n        return f.read()\n"
        "def chosen(p, how):\n    return open(p, mode=how)\n"
        "def write(p):\n    with open(p, 'w') as f:\n        f.write('x')\n"
        "def append(p):\n    return p.open(mode='a')\n"
        "def create(p):\n    import os\n    return os.open(p, os.O_CREAT)\n"
        "def nothing(p):\n    return p.exists()\n",
        encoding="utf-8",
    )
    (tmp_path / "files.py").write_text("def read(p):\n    return p.read_bytes()\n", encoding="utf-8")
    assert whole_file_reads(tmp_path) == {
        ("reads.py", name) for name in ("text", "data", "stream", "builtin", "chosen")
    }

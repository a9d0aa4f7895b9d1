"""builder/lock.py: one build of a folder at a time (a second refuses in one line naming the lock), and a
build killed while moving files is rolled back by the next one, which leaves no temporary files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from filelock import FileLock

from china_russia_tools import builder, tables
from china_russia_tools.builder.lock import JOURNAL, LOCK, MAX_JOURNAL_BYTES
from conftest import deadline, run
from test_builder_outputs import snapshot

pytestmark = pytest.mark.slow


def refusal(root: Path) -> str:
    return (f"error: {root / LOCK}: another build of this folder holds this lock; "
            "run build again once it has finished\n")


def temporary_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.tmp"))


def loads(root: Path) -> int:
    """The number of figures read through the loader, which checks every table's SHA-256."""
    tables.use_data_dir(root)
    try:
        return len(tables.records("figures"))
    finally:
        tables.use_data_dir(None)


def test_a_build_while_the_lock_is_held_refuses_in_one_line(changed: Path, capsys: pytest.CaptureFixture):
    before = snapshot(changed)
    with FileLock(changed / LOCK, timeout=0):
        assert run(capsys, "build", "--root", str(changed)) == (1, "", refusal(changed))
        assert run(capsys, "build", "--check", "--root", str(changed)) == (1, "", refusal(changed))
    assert snapshot(changed) == before


def test_a_build_started_while_another_moves_files_refuses_and_the_first_completes(
    changed: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
):
    moving, resume = threading.Event(), threading.Event()
    original, calls, failures = os.replace, [0], []

    def replace(*args, **kwargs):
        if threading.current_thread().name == "first":
            calls[0] += 1
            if calls[0] == 3:  # the journal, then two files moved
                moving.set()
                assert resume.wait(60)
        return original(*args, **kwargs)

    def first() -> None:
        try:
            builder.write(changed)
        except BaseException as error:  # noqa: B036 (reported to the test below)
            failures.append(error)

    monkeypatch.setattr(builder.outputs.os, "replace", replace)
    thread = threading.Thread(target=first, name="first")
    thread.start()
    assert moving.wait(60)
    assert (changed / JOURNAL).is_file()
    assert run(capsys, "build", "--root", str(changed)) == (1, "", refusal(changed))
    assert run(capsys, "build", "--check", "--root", str(changed)) == (1, "", refusal(changed))
    resume.set()
    thread.join(60)
    assert failures == []
    assert run(capsys, "build", "--check", "--root", str(changed)) == (0, "up to date\n", "")
    assert not (changed / JOURNAL).exists()
    assert temporary_files(changed) == []
    assert loads(changed) == 3


KILLED = """
import os, sys
from pathlib import Path
from china_russia_tools import builder

calls = [0]
owner = builder.outputs.os if sys.argv[2] == "replace" else builder.outputs
original = getattr(owner, sys.argv[2])

def killed(*args):
    calls[0] += 1
    if calls[0] == int(sys.argv[3]):
        os._exit(9)
    return original(*args)

setattr(owner, sys.argv[2], killed)
builder.write(Path(sys.argv[1]))
"""


def kill_build(root: Path, function: str, call: int) -> None:
    """Build ``root`` in another process that dies at once on the ``call``-th call of ``function``."""
    done = subprocess.run([sys.executable, "-c", KILLED, str(root), function, str(call)], check=False)
    assert done.returncode == 9


def test_a_build_killed_while_moving_files_is_rolled_back_by_the_next(changed: Path):
    mine = changed / "data" / ".figures.parquet.mine.tmp"
    mine.write_bytes(b"a user's file")
    before = snapshot(changed)
    kill_build(changed, "replace", 4)  # the journal, then two files moved
    journal = json.loads((changed / JOURNAL).read_text(encoding="utf-8"))
    assert [(changed / entry["staged"]).exists() for entry in journal] == [False] * 2 + [True] * (len(journal) - 2)
    assert [entry["backup"] is None for entry in journal].count(True) == 1  # data/quotes.parquet was gone
    assert builder.stale_outputs(changed) != []  # under the lock: first rolls the killed build back
    assert snapshot(changed) == before
    builder.write(changed)
    assert builder.stale_outputs(changed) == []
    assert not (changed / JOURNAL).exists()
    assert temporary_files(changed) == ["data/.figures.parquet.mine.tmp"]
    assert mine.read_bytes() == b"a user's file"
    assert loads(changed) == 3


def test_a_build_killed_while_staging_changes_nothing_and_the_next_removes_its_files(changed: Path):
    before = snapshot(changed)
    kill_build(changed, "stage", 3)
    after = snapshot(changed)
    assert sorted(after.keys() - before.keys()) == [
        f"data/.{table}.parquet.build-{kind}.tmp" for table in ("entities", "sources") for kind in ("new", "old")
    ]
    assert {name: value for name, value in after.items() if name in before} == before
    assert not (changed / JOURNAL).exists()
    builder.write(changed)
    assert temporary_files(changed) == []
    assert builder.stale_outputs(changed) == []


def test_the_lock_file_never_makes_check_stale(changed: Path, capsys: pytest.CaptureFixture):
    builder.write(changed)
    (changed / LOCK).write_bytes(b"")
    assert run(capsys, "build", "--check", "--root", str(changed)) == (0, "up to date\n", "")


def test_a_journal_that_is_a_named_pipe_or_huge_is_refused_in_one_line(changed: Path, capsys: pytest.CaptureFixture):
    journal = changed / JOURNAL
    os.mkfifo(journal)
    refused = (f"error: {journal}: the journal of a build killed while moving files {{}}, so its moves cannot be "
               "rolled back; remove it, then run `china-russia-tools build`\n")
    with deadline(30):
        assert run(capsys, "build", "--root", str(changed)) == (1, "", refused.format(
            "is a named pipe, not a regular file"))
    journal.unlink()
    journal.write_bytes(b"")
    os.truncate(journal, MAX_JOURNAL_BYTES + 1)
    assert run(capsys, "build", "--check", "--root", str(changed)) == (1, "", refused.format(
        "is 10,000,001 bytes; at most 10,000,000 are read"))

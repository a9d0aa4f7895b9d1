"""builder/outputs.py: builds are atomic (a failure at any point leaves every file as it was) and
reproducible (the same inputs give the same bytes, whatever the folder, hash seed, time zone or locale);
the descriptor pins each seed and is pinned itself."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from china_russia_tools import builder, registry, tables
from china_russia_tools.builder.lock import LOCK
from china_russia_tools.errors import AnnotationError
from conftest import ROOT, deadline, run, sha256
from corpus import S003, require
from minimal_project import (
    coded,
    replace_once,
)

pytestmark = pytest.mark.slow

OUTPUTS = len(registry.names()) + 1  # the tables and the descriptor


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and permission bits of every file under ``root``, hidden and temporary ones included."""
    return {
        str(path.relative_to(root)): (path.read_bytes(), path.stat().st_mode)
        for path in sorted(root.rglob("*")) if path.is_file()
    }


def failing_on(call: int, original: Callable, error: BaseException) -> tuple[Callable, list[int]]:
    """A wrapper of ``original`` that raises ``error`` on its ``call``-th call; also returns its call count."""
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        if calls[0] == call:
            raise error
        return original(*args, **kwargs)

    return wrapper, calls


@pytest.mark.parametrize(
    "call", [1, 2, OUTPUTS // 2 + 1, OUTPUTS], ids=["first", "after-first", "after-middle", "last"]
)
def test_failure_while_staging_changes_nothing(changed: Path, monkeypatch: pytest.MonkeyPatch, call: int):
    before = snapshot(changed)
    wrapper, calls = failing_on(call, builder.outputs.stage, OSError("No space left on device"))
    monkeypatch.setattr(builder.outputs, "stage", wrapper)
    with pytest.raises(OSError, match="No space left on device"):
        builder.write(changed)
    assert calls[0] == call
    assert snapshot(changed) == before


@pytest.mark.parametrize("call", [1, OUTPUTS // 2, OUTPUTS], ids=["first", "middle", "last"])
@pytest.mark.parametrize("error", [OSError("Permission denied"), KeyboardInterrupt()], ids=["oserror", "interrupt"])
def test_failure_while_swapping_puts_everything_back(
    changed: Path, monkeypatch: pytest.MonkeyPatch, call: int, error: BaseException
):
    before = snapshot(changed)
    wrapper, calls = failing_on(call, os.replace, error)
    monkeypatch.setattr(builder.outputs.os, "replace", wrapper)
    with pytest.raises(type(error)):
        builder.write(changed)
    assert calls[0] >= call
    assert snapshot(changed) == before


STEPS = [("outputs", "parquet_bytes"), ("outputs", "to_arrow"), ("rows", "resolve_span")]


@pytest.mark.parametrize(("module", "target"), STEPS)
def test_failure_while_rendering_changes_nothing(
    changed: Path, monkeypatch: pytest.MonkeyPatch, module: str, target: str
):
    before = snapshot(changed)
    step = getattr(builder, module)
    wrapper, calls = failing_on(3, getattr(step, target), RuntimeError("failed while rendering"))
    monkeypatch.setattr(step, target, wrapper)
    with pytest.raises(RuntimeError, match="failed while rendering"):
        builder.write(changed)
    assert calls[0] == 3
    assert snapshot(changed) == before


def test_a_build_after_a_failed_one_writes_everything(changed: Path, monkeypatch: pytest.MonkeyPatch):
    wrapper, _ = failing_on(OUTPUTS // 2, os.replace, OSError("Permission denied"))
    monkeypatch.setattr(builder.outputs.os, "replace", wrapper)
    with pytest.raises(OSError):
        builder.write(changed)
    monkeypatch.undo()
    builder.write(changed)
    assert builder.stale_outputs(changed) == []
    assert not [path for path in changed.rglob("*.tmp")]


def test_written_files_keep_readable_permissions(changed: Path):
    (changed / "data" / "figures.parquet").chmod(0o664)
    builder.write(changed)
    assert (changed / "data" / "figures.parquet").stat().st_mode & 0o777 == 0o664
    assert (changed / "data" / "quotes.parquet").stat().st_mode & 0o777 == 0o644


def outputs(root: Path) -> dict[str, bytes]:
    names = ["datapackage.json", *sorted(f"data/{p.name}" for p in (root / "data").glob("*.parquet"))]
    return {name: (root / name).read_bytes() for name in names}


def test_two_folders_give_identical_bytes(project: Path, tmp_path: Path):
    other = tmp_path / "elsewhere" / "copy"
    shutil.copytree(project, other)
    builder.write(project)
    builder.write(other)
    assert outputs(project) == outputs(other)
    assert len(outputs(project)) == OUTPUTS


def test_builds_in_other_processes_give_identical_bytes(project: Path, tmp_path: Path):
    """Hash seed, time zone, locale and working folder do not reach the bytes."""
    builder.write(project)
    expected = outputs(project)
    code = ("import sys; from pathlib import Path; from china_russia_tools import builder; "
            "builder.write(Path(sys.argv[1]))")
    for number, env in enumerate([{"PYTHONHASHSEED": "1", "TZ": "Asia/Tokyo", "LC_ALL": "C"},
                                  {"PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles", "LC_ALL": "C.UTF-8"}]):
        copy = tmp_path / f"run{number}"
        shutil.copytree(project, copy)
        subprocess.run([sys.executable, "-c", code, str(copy)], cwd=tmp_path, env={**os.environ, **env}, check=True)
        assert outputs(copy) == expected


def test_rendering_twice_gives_identical_bytes(project: Path):
    assert builder.render(project).files == builder.render(project).files


def digests(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root`` but the build's lock file, which any build creates."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file() and p.name != LOCK
    }


def test_two_builds_give_identical_bytes(project):
    builder.write(project)
    first = digests(project)
    builder.write(project)
    assert digests(project) == first


def test_failed_build_writes_nothing(project):
    require(S003)
    path = project / "annotations" / f"{S003}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("text: 16.4%", "text: 61.4%"), encoding="utf-8")
    before = digests(project)
    with pytest.raises(AnnotationError) as raised:
        builder.write(project)
    assert coded(raised.value) == [(f"annotations/{S003}.yaml: figures id 003-f03", "span-not-found")]
    assert digests(project) == before


def test_descriptor_pins_each_seed_by_hash_and_size():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    seeds = {r["path"]: r for r in descriptor["resources"] if r["path"].startswith("seeds/")}
    on_disk = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(path.removeprefix("seeds/") for path in seeds) == on_disk
    for path, entry in seeds.items():
        data = (ROOT / path).read_bytes()
        assert entry["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)


def test_the_pin_is_what_sha256sum_checks(installed: Path):
    digest, name = (installed / "datapackage.json.sha256").read_text(encoding="utf-8").split()
    assert (digest, name) == (sha256((installed / "datapackage.json").read_bytes()), "datapackage.json")


def test_a_negative_level_in_the_real_data_is_refused_and_nothing_is_written(project: Path):
    before = {p: p.read_bytes() for p in (project / "data").iterdir()}
    replace_once(project, "annotations/000_b9924b3dcfb55283.yaml", "value: 68000000\n", "value: -68000000\n")
    with pytest.raises(AnnotationError) as caught:
        builder.write(project)
    assert coded(caught.value) == [("annotations/000_b9924b3dcfb55283.yaml: figures id 000-f02", "value-out-of-bounds")]
    assert {p: p.read_bytes() for p in (project / "data").iterdir()} == before


def test_a_checkout_descriptor_that_is_a_named_pipe_or_huge_is_one_line(tmp_path: Path, capsys):
    from minimal_project import make_project

    root = make_project(tmp_path)
    descriptor = root / "datapackage.json"
    descriptor.unlink()
    os.mkfifo(descriptor)
    with deadline(30):
        assert run(capsys, "build", "--root", str(root)) == (1, "", (
            "error: datapackage.json: cannot read the descriptor: it is a named pipe, not a regular file "
            "[bad-descriptor]\n"))
    descriptor.unlink()
    descriptor.write_bytes(b"")
    os.truncate(descriptor, tables.MAX_FILE_BYTES + 1)
    assert run(capsys, "build", "--root", str(root)) == (1, "", (
        "error: datapackage.json: cannot read the descriptor: it is 100,000,001 bytes; at most 100,000,000 are "
        "read [bad-descriptor]\n"))

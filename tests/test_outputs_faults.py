"""Output folders under faults (issue 20): links inside or as the folder, a mount point, Ctrl-C, a deleted
working folder, a descriptor missing a table. Each ends in one line, and no file of the user's changes."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from china_russia_tools import builder, outdir
from china_russia_tools.cli import main
from china_russia_tools.errors import ExportError
from china_russia_tools.export import export
from conftest import ROOT
from minimal_project import write_pinned

SEED = "000_b9924b3dcfb55283.txt"


def test_a_linked_seeds_folder_in_an_export_is_refused_and_the_users_file_kept(tmp_path: Path):
    out = tmp_path / "out"
    export(out, "csv")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / SEED).write_text("my notes", encoding="utf-8")
    for path in (out / "seeds").iterdir():
        path.unlink()
    (out / "seeds").rmdir()
    (out / "seeds").symlink_to(mine)
    message = (
        f"{out} holds symbolic links (seeds -> {mine}); an export is never written through a link: remove them, "
        "or choose another folder"
    )
    with pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        export(out, "csv")
    assert (mine / SEED).read_text(encoding="utf-8") == "my notes"


def test_a_dangling_link_as_the_output_folder_is_named(tmp_path: Path, capsys):
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "nowhere")
    assert main(["export", str(link), "--format", "json"]) == 1
    assert capsys.readouterr().err == (
        f"error: {link} is a symbolic link to {tmp_path / 'nowhere'}, which leads nowhere or to itself\n"
    )


def test_a_link_loop_as_the_output_folder_is_one_line(tmp_path: Path, capsys):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert main(["report", str(tmp_path / "a")]) == 1
    assert capsys.readouterr().err == f"error: {tmp_path / 'a'} is a symbolic link to {tmp_path / 'b'}, " \
        "which leads nowhere or to itself\n"
    assert main(["report", str(tmp_path / "a" / "sub")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'a' / 'sub'}: ") and err.count("\n") == 1


def test_an_empty_mount_point_as_the_output_folder_works(tmp_path: Path, monkeypatch):
    out = tmp_path / "mnt"
    out.mkdir()
    monkeypatch.setattr(outdir, "_device", lambda path: 1 if path == out else 0)
    replace = os.replace

    def across_devices(source, target):  # as the kernel does: a rename works only within one filesystem
        if not str(source).startswith(f"{out}/"):
            raise OSError(errno.EXDEV, "Invalid cross-device link", str(source))
        replace(source, target)

    monkeypatch.setattr(outdir.os, "replace", across_devices)
    written = export(out, "json")
    assert (out / "datapackage.json") in written
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".china-russia-tools-manifest.json"]


def test_ctrl_c_during_an_export_changes_nothing(tmp_path: Path, monkeypatch, capsys):
    out = tmp_path / "out"
    export(out, "csv")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    export_module = sys.modules["china_russia_tools.export"]

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setitem(export_module.WRITERS, "csv", interrupted)
    assert main(["export", str(out), "--format", "csv"]) == 130
    assert capsys.readouterr().err == "interrupted; nothing was changed\n"
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_ctrl_c_while_files_are_moved_in_is_held_until_they_all_are(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    replace = os.replace
    calls = []

    def replace_then_interrupt(source, target):
        calls.append(target)
        if len(calls) == 2:
            signal.raise_signal(signal.SIGINT)
        replace(source, target)

    monkeypatch.setattr(outdir.os, "replace", replace_then_interrupt)
    written = export(out, "json")
    assert all(path.is_file() for path in written) and len(calls) == len(written) + 1


def test_ctrl_c_during_a_build_changes_nothing(project: Path, monkeypatch, capsys):
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(builder, "render", interrupted)
    assert main(["build", "--root", str(project)]) == 130
    assert capsys.readouterr().err == "interrupted; nothing was changed\n"
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("command", [["info"], ["build"], ["export", "out", "--format", "csv"], ["show", "000-f02"]])
def test_a_deleted_working_folder_is_one_line(tmp_path: Path, command: list[str]):
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); from china_russia_tools.cli import main; "
        "sys.exit(main(sys.argv[2:]))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(gone), *command], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    if command[0] in ("info", "show"):  # the installed data is found without the working folder
        assert result.returncode == 0, result.stderr
        return
    assert (result.returncode, result.stderr) == (
        1, "error: the current folder no longer exists (it was deleted or moved); change to an existing folder\n"
    )


def test_a_checkout_descriptor_without_the_figures_resource_is_one_line(project: Path, capsys):
    descriptor = json.loads((project / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "figures"]
    write_pinned(project, descriptor)
    assert main(["build", "--root", str(project)]) == 1
    assert capsys.readouterr().err == (
        "error: 1 problem found:\n  - datapackage.json: no resource named 'figures'; each table needs one\n"
    )
    for command in (["info"], ["show", "000-f02"], ["validate"], ["cite", "000-f02"]):
        assert main([*command, "--root", str(project)]) == 1, command
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1 and "figures" in err, (command, err)


def test_build_outside_a_checkout_names_what_it_needs_and_root(tmp_path: Path, capsys):
    assert main(["build", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"error: 1 problem found:\n  - {tmp_path}: not a checkout of china-russia-tools; build needs "
        "datapackage.json, seeds/ and annotations/ there (missing: datapackage.json, seeds/, annotations/); run it "
        "in a checkout, or name one with --root DIR\n"
    )

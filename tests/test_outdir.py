"""outdir.py: output folders recognised by their manifest; only what china-russia-tools wrote there is
replaced; links, named pipes, huge files, a mount point and Ctrl-C while files are moved in."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import outdir
from china_russia_tools.errors import ExportError
from china_russia_tools.export import export
from conftest import deadline, sha256

pytestmark = pytest.mark.slow

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


def test_the_report_refuses_a_folder_with_the_users_files(tmp_path: Path):
    from china_russia_tools.report import write_report

    (tmp_path / "index.html").write_text("my own page", encoding="utf-8")
    message = (
        f"{tmp_path} holds files that are not from a report (index.html); write the report into a new or empty folder"
    )
    with pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        write_report(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "my own page"


def test_export_refuses_a_users_file_with_an_export_name(tmp_path: Path):
    (tmp_path / "figures.csv").write_text("my own table", encoding="utf-8")
    message = f"{tmp_path} holds files that are not from an export (figures.csv); export into a new or empty folder"
    with pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        crt.export(tmp_path, "csv")
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8") == "my own table"


def test_export_refuses_to_overwrite_an_exported_file_the_user_changed(tmp_path: Path):
    crt.export(tmp_path, "csv")
    (tmp_path / "figures.csv").write_text("edited by hand", encoding="utf-8")
    message = (
        f"{tmp_path} holds files changed since an export wrote them (figures.csv); export into a new or empty folder"
    )
    with pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        crt.export(tmp_path, "json")
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8") == "edited by hand"


def test_the_manifest_lists_every_file_with_its_hash(tmp_path: Path):
    written = crt.export(tmp_path, "sqlite")
    manifest = json.loads((tmp_path / outdir.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["kind"] == "an export" and manifest["written_by"] == f"china-russia-tools {crt.__version__}"
    assert manifest["files"] == {p.relative_to(tmp_path).as_posix(): sha256(p.read_bytes()) for p in written}


def test_the_report_replaces_its_own_earlier_report_but_not_an_export(tmp_path: Path):
    from china_russia_tools.report import write_report

    first = write_report(tmp_path / "site")
    assert write_report(tmp_path / "site") == first
    crt.export(tmp_path / "data", "csv")
    with pytest.raises(ExportError) as raised:  # worded in test_the_report_refuses_a_folder_with_the_users_files
        write_report(tmp_path / "data")
    assert str(raised.value).startswith(f"{tmp_path / 'data'} ") and "figures.csv" in str(raised.value)


def test_an_interrupted_move_is_finished_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import os

    calls = []

    def replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device", str(target))
        os.rename(source, target)

    monkeypatch.setattr(outdir.os, "replace", replace)
    with pytest.raises(OSError, match="No space left on device"):
        crt.export(tmp_path / "out", "csv")
    monkeypatch.undo()
    written = crt.export(tmp_path / "out", "csv")
    files = sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert files == sorted([tmp_path / "out" / outdir.MANIFEST, *written])
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left behind


def test_a_named_pipe_in_an_earlier_export_is_refused_unopened(tmp_path: Path):
    out = tmp_path / "out"
    export(out, "csv")
    (out / "figures.csv").unlink()
    os.mkfifo(out / "figures.csv")
    message = (
        f"{out} holds files that are not regular files (figures.csv: a named pipe, socket or device); an export "
        "opens none of them: remove them, or choose another folder"
    )
    with deadline(30), pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        export(out, "csv")


def test_a_huge_file_in_an_earlier_export_is_changed_and_not_read(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    export(out, "csv")
    os.truncate(out / "figures.csv", outdir.MAX_OUTPUT_BYTES + 1)
    digest = outdir._sha256

    def unless_huge(path: Path) -> str:
        assert path.name != "figures.csv", "the huge file was read"
        return digest(path)

    monkeypatch.setattr(outdir, "_sha256", unless_huge)
    with pytest.raises(ExportError) as raised:  # worded in test_export_refuses_to_overwrite_an_exported_file...
        export(out, "csv")
    assert str(raised.value).startswith(f"{out} ") and "(figures.csv)" in str(raised.value)


def test_files_of_an_output_are_hashed_in_chunks(tmp_path: Path, monkeypatch):
    path = tmp_path / "file"
    path.write_bytes(b"abc")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    assert outdir._sha256(path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_a_file_as_the_output_folder_is_refused(tmp_path: Path):
    target = tmp_path / "out.csv"
    target.write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match=f"^{re.escape(str(target))} is not a folder$"):
        export(target, "csv")
    with pytest.raises(ExportError, match=f"^{re.escape(f'{target}/sub: {target} is not a folder')}$"):
        export(target / "sub", "json")
    assert target.read_text(encoding="utf-8") == ""


def test_a_dangling_link_as_the_output_folder_is_named(tmp_path: Path):
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "nowhere")
    message = f"{link} is a symbolic link to {tmp_path / 'nowhere'}, which leads nowhere or to itself"
    with pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        export(link, "json")


@pytest.mark.parametrize("kind", ["an export", "a report"])
def test_a_linked_output_folder_is_named_as_such(tmp_path: Path, kind: str):
    from china_russia_tools.report import write_report

    target = tmp_path / "empty"
    target.mkdir()
    link = tmp_path / "lk"
    link.symlink_to(target)
    message = (
        f"{link} is a symbolic link (to {target}); the output folder may not be a link, since {kind} is never "
        "written through one: give the folder it leads to, or another"
    )
    with pytest.raises(ExportError, match=f"^{re.escape(message)}$"):
        export(link, "csv") if kind == "an export" else write_report(link)
    assert list(target.iterdir()) == []

"""The command line: every command documented by --help, exit codes a CI can rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

import pytest

import china_russia_tools as crt
from china_russia_tools import registry
from china_russia_tools.cli import info, main, parser
from conftest import ROOT
from corpus import present, require_row

FIGURE = str(crt.figures()["figure_id"].iloc[0])  # any row id will do
DATA = crt.tables.data_dir()
READING = f"data: {DATA} ({'the installed copy' if DATA.name == '_data' else 'the checkout the package runs from'})"
COMMANDS = ("info", "path", "validate", "build", "cite", "show", "export", "report", "diff", "recheck")


def cli(*args: str) -> subprocess.CompletedProcess:
    """Run the installed command line from a folder outside the checkout."""
    return subprocess.run([sys.executable, "-m", "china_russia_tools", *args], capture_output=True, text=True,
                          cwd=tempfile.gettempdir())


def test_every_command_is_documented():
    subcommands = parser()._subparsers._group_actions[0].choices
    assert tuple(subcommands) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_each_command(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: china-russia-tools {command}")


def test_no_arguments_prints_the_summary():
    result = cli()
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"china-russia-tools {crt.__version__}"
    for row in crt.sources().itertuples():
        assert f"  {row.source_id}  {row.title}" in lines
    for source_id, facts in present().items():  # e.g. the title of 000 as published
        assert f"  {source_id}  {facts.title}" in lines
    for name in crt.TABLES:
        assert f"  {name:<13} {len(crt.load(name)):>4}" in lines
    first = crt.figures().iloc[0]  # the first example figure, cited
    assert f"    {first['citation']}" in lines
    assert first["citation"].startswith(f"“{first['text']}” ({first['figure_id']})")
    assert result.stdout == cli("info").stdout


def test_path_prints_the_descriptor():
    result = cli("path")
    assert result.returncode == 0 and result.stdout.strip() == str(crt.descriptor_path())


def test_validate_passes_on_the_installed_data():
    result = cli("validate")
    assert (result.returncode, result.stdout) == (0, f"valid\n{READING}\n")


def test_build_check_passes_on_the_checkout(capsys):
    assert main(["build", "--check", "--root", str(ROOT)]) == 0
    assert capsys.readouterr().out == "up to date\n"


@pytest.mark.parametrize("fmt", ["text", "bibtex", "csl-json"])
def test_cite_prints_what_cite_returns(fmt, capsys):
    assert main(["cite", FIGURE, "--format", fmt]) == 0
    assert capsys.readouterr().out == crt.cite(FIGURE, format=fmt) + "\n"


def test_cite_without_id_cites_the_package(capsys):
    assert main(["cite", "--format", "csl-json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "china-russia-tools"


def test_unknown_id_exits_1_with_a_suggestion():
    result = cli("cite", "000-f99")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(
        f"error: no {registry.kinds_of_id()} has the id '000-f99'")


def test_usage_errors_exit_2():
    assert cli("nope").returncode == 2
    assert cli("cite", FIGURE, "--format", "apa").returncode == 2
    assert cli("export", "out").returncode == 2  # --format is required


def test_show_prints_the_marked_sentence(capsys):
    span = require_row("000-f02").spans["000-f02"]
    assert main(["show", "000-f02"]) == 0
    out = capsys.readouterr().out
    assert out == str(crt.show("000-f02")) + f"\n{READING}\n"
    assert f"shipping ⟦{span.text}⟧ worth of equipment in July" in out


def test_export_writes_every_table_and_a_valid_descriptor(tmp_path, capsys):
    frictionless = pytest.importorskip("frictionless")
    assert main(["export", str(tmp_path / "out"), "--format", "csv"]) == 0
    written = capsys.readouterr().out.splitlines()
    assert written[-2:] == [f"wrote {tmp_path / 'out' / 'datapackage.json'}", READING]
    for name in crt.TABLES:
        assert f"wrote {tmp_path / 'out' / (name + '.csv')}" in written
    assert frictionless.Package(str(tmp_path / "out" / "datapackage.json")).validate().valid


def test_export_into_a_folder_of_other_files_exits_1(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = cli("export", str(tmp_path), "--format", "json")
    assert result.returncode == 1 and result.stderr.startswith("error: ")
    assert "notes.txt" in result.stderr and (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_report_writes_the_site(tmp_path, capsys):
    pages = [f"{source_id}.html" for source_id in crt.sources()["source_id"]]
    assert main(["report", str(tmp_path / "site")]) == 0
    index = tmp_path / "site" / "index.html"
    assert capsys.readouterr().out == f"wrote {3 + len(pages)} files; open {index}\n{READING}\n"
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == sorted(
        [".china-russia-tools-manifest.json", "index.html", "timeline.html", "timeline.svg", *pages])


def test_a_closed_pipe_ends_quietly():
    read, write = os.pipe()
    os.close(read)  # the reader is gone before anything is written, as after `| head -n 0`
    try:
        result = subprocess.run([sys.executable, "-m", "china_russia_tools", "show", FIGURE], stdout=write,
                                stderr=subprocess.PIPE, text=True, cwd=tempfile.gettempdir())
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, "")


def test_info_gives_a_range_in_full(installed_range):
    # "£60 million to £70 million" (100-f01): 60,000,000–70,000,000, not 6e+07-7e+07.
    assert "  100-f01: 60,000,000–70,000,000 GBP (trade_value, level; relay unverified, data unverified)" in (
        info().splitlines()
    )

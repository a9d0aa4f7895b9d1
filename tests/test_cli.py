"""The command line: every command documented by --help, exit codes a CI can rely on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import china_russia_tools as crt
from china_russia_tools.cli import main, parser
from conftest import ROOT

COMMANDS = ("info", "path", "validate", "build", "cite", "show", "export", "report")


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "china_russia_tools", *args], capture_output=True, text=True)


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
    assert "  000_b9924b3dcfb55283  China Increases Support to Russia, Exports More Machine Tools" in lines
    for name in crt.TABLES:
        assert f"  {name:<10} {len(crt.load(name)):>4}" in lines
    assert any(line.startswith("    “tenfold” (000-f01)") for line in lines)
    assert result.stdout == cli("info").stdout


def test_path_prints_the_descriptor():
    result = cli("path")
    assert result.returncode == 0 and result.stdout.strip() == str(crt.descriptor_path())


def test_validate_passes_on_the_installed_data():
    result = cli("validate")
    assert (result.returncode, result.stdout) == (0, "valid\n")


def test_build_check_passes_on_the_checkout(capsys):
    assert main(["build", "--check", "--root", str(ROOT)]) == 0
    assert capsys.readouterr().out == "up to date\n"


@pytest.mark.parametrize("fmt", ["text", "bibtex", "csl-json"])
def test_cite_prints_what_cite_returns(fmt, capsys):
    assert main(["cite", "000-f02", "--format", fmt]) == 0
    assert capsys.readouterr().out == crt.cite("000-f02", format=fmt) + "\n"


def test_cite_without_id_cites_the_package(capsys):
    assert main(["cite", "--format", "csl-json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["id"] == "china-russia-tools"


def test_unknown_id_exits_1_with_a_suggestion():
    result = cli("cite", "000-f99")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: no figure, mention, quote, check, entity, reference or source has the id '000-f99'")


def test_usage_errors_exit_2():
    assert cli("nope").returncode == 2
    assert cli("cite", "000-f02", "--format", "apa").returncode == 2
    assert cli("export", "out").returncode == 2  # --format is required

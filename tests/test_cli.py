"""The command line: every command documented by --help, exit codes a CI can rely on, and every fault (an
altered seed, an unwritable path, a deleted working folder, Ctrl-C) one line on stderr, without a traceback."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import builder, cli
from china_russia_tools.builder.lock import LOCK
from china_russia_tools.cli import main, parser
from china_russia_tools.export import export
from china_russia_tools.summary import info
from conftest import ROOT, deadline, needs, run, sha256, suggested
from corpus import S000, present, require_row
from minimal_project import (
    SEED,
    SEED_PATH,
    coded,
    drop_gbp,
    edit_descriptor,
    refusal,
    value_as_integer,
    write_pinned,
)

pytestmark = pytest.mark.slow

FIGURE = str(crt.figures()["figure_id"].iloc[0])  # any row id will do


DATA = crt.tables.data_dir()


READING = f"data: {DATA} ({'the installed copy' if DATA.name == '_data' else 'the checkout the package runs from'})"


COMMANDS = (
    "info", "path", "validate", "build", "draft", "cite", "show", "export", "report", "diff", "recheck", "search"
)


def test_every_command_is_documented():
    subcommands = parser()._subparsers._group_actions[0].choices
    assert tuple(subcommands) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_each_command(command, capsys):
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: china-russia-tools {command}")


def test_no_arguments_prints_the_summary(capsys):
    code, out, _ = run(capsys)
    assert code == 0
    lines = out.splitlines()
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
    assert run(capsys, "info")[1] == out


def test_path_prints_the_descriptor(capsys):
    code, out, _ = run(capsys, "path")
    assert code == 0 and out.strip() == str(crt.descriptor_path())


def test_validate_passes_on_the_installed_data(capsys):
    assert run(capsys, "validate")[:2] == (0, f"valid\n{READING}\n")


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


def test_unknown_id_exits_1_with_a_suggestion(capsys):
    code, out, err = run(capsys, "cite", "000-f99")
    assert code == 1 and out == ""
    with pytest.raises(crt.UnknownIdError) as raised:  # the message cite raises, worded in test_citation.py
        crt.cite("000-f99")
    assert suggested(raised.value, "000-f99")
    assert err.startswith(f"error: {raised.value}") and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["nope"], ["cite", FIGURE, "--format", "apa"], ["export", "out"]])
def test_usage_errors_exit_2(argv, capsys):  # the last: --format is required
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2 and capsys.readouterr().err.startswith("usage: china-russia-tools")


def test_show_prints_the_marked_sentence(capsys):
    span = require_row("000-f02").spans["000-f02"]
    assert main(["show", "000-f02"]) == 0
    out = capsys.readouterr().out
    assert out == str(crt.shown("000-f02")) + f"\n{READING}\n"
    assert f"shipping ⟦{span.text}⟧ worth of equipment in July" in out


def test_a_report_over_a_previous_one_names_each_file_it_removed(tmp_path, capsys):
    """A page the previous report wrote (here a source since gone) and this one does not is removed, by name."""
    import hashlib
    import json

    from china_russia_tools.outdir import MANIFEST

    out = tmp_path / "site"
    assert main(["report", str(out)]) == 0
    assert "removed" not in capsys.readouterr().out
    gone = out / "999_retired-source.html"
    gone.write_text("<p>a retired source</p>", encoding="utf-8")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][gone.name] = hashlib.sha256(gone.read_bytes()).hexdigest()
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["report", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"removed {gone}, left by the previous report"
    assert lines[1].startswith("wrote ") and not gone.exists()


def test_export_over_a_previous_one_names_each_file_it_removed(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(out), "--format", "csv"]) == 0
    assert "removed" not in capsys.readouterr().out
    assert main(["export", str(out), "--format", "csv"]) == 0  # the same files again: none is removed
    assert "removed" not in capsys.readouterr().out
    assert main(["export", str(out), "--format", "sqlite"]) == 0
    lines = capsys.readouterr().out.splitlines()
    gone = sorted([*(out / f"{name}.csv" for name in crt.TABLES), out / "datapackage.json"])
    assert lines[: len(gone) + 1] == [
        *(f"removed {path}, left by the previous export" for path in gone),
        f"wrote {out / 'china-russia-tools.sqlite'}",
    ]
    assert lines[-1] == READING and all(line.startswith("wrote ") for line in lines[len(gone):-1])


def test_export_writes_every_table_and_a_valid_descriptor(tmp_path, capsys):
    frictionless = needs("frictionless")
    assert main(["export", str(tmp_path / "out"), "--format", "csv"]) == 0
    written = capsys.readouterr().out.splitlines()
    assert written[-2:] == [f"wrote {tmp_path / 'out' / 'datapackage.json'}", READING]
    for name in crt.TABLES:
        assert f"wrote {tmp_path / 'out' / (name + '.csv')}" in written
    assert frictionless.Package(str(tmp_path / "out" / "datapackage.json")).validate().valid


def test_export_into_a_folder_of_other_files_exits_1(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "export", str(tmp_path), "--format", "json")
    assert code == 1 and err.startswith("error: ")
    assert "notes.txt" in err and (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


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


def test_a_dangling_link_as_the_output_folder_is_named(tmp_path: Path, capsys):
    link = tmp_path / "out"
    link.symlink_to(tmp_path / "nowhere")
    assert main(["export", str(link), "--format", "json"]) == 1
    err = capsys.readouterr().err  # its words are asserted in test_outdir.py
    assert err.startswith(f"error: {link} ") and str(tmp_path / "nowhere") in err and err.count("\n") == 1


def test_a_link_loop_as_the_output_folder_is_one_line(tmp_path: Path, capsys):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert main(["report", str(tmp_path / "a")]) == 1
    err = capsys.readouterr().err  # its words are asserted in test_outdir.py
    assert err.startswith(f"error: {tmp_path / 'a'} ") and str(tmp_path / "b") in err and err.count("\n") == 1
    assert main(["report", str(tmp_path / "a" / "sub")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {tmp_path / 'a' / 'sub'}: ") and err.count("\n") == 1


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


def test_ctrl_c_during_a_build_changes_nothing(project: Path, monkeypatch, capsys):
    def files() -> dict[Path, bytes]:  # but the build's lock file, which the build creates
        return {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and p.name != LOCK}

    before = files()

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(builder, "render", interrupted)
    assert main(["build", "--root", str(project)]) == 130
    assert capsys.readouterr().err == "interrupted; nothing was changed\n"
    assert files() == before


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
    # One line, no traceback; the words are asserted in test_validate_from_a_deleted_current_folder_says_so.
    assert result.returncode == 1 and result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_a_checkout_descriptor_without_the_figures_resource_is_one_line(project: Path, capsys):
    descriptor = json.loads((project / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "figures"]
    write_pinned(project, descriptor)
    assert main(["build", "--root", str(project)]) == 1
    error = refusal(project)  # its words are asserted in test_problems_words.py
    assert coded(error) == [("datapackage.json", "bad-descriptor")] and "'figures'" in str(error)
    assert capsys.readouterr().err == f"error: {error.problems[0]} [bad-descriptor]\n"
    for command in (["info"], ["show", "000-f02"], ["validate"], ["cite", "000-f02"]):
        assert main([*command, "--root", str(project)]) == 1, command
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1 and "figures" in err, (command, err)


def test_build_outside_a_checkout_names_what_it_needs_and_root(tmp_path: Path, capsys):
    assert main(["build", "--root", str(tmp_path)]) == 1
    error = refusal(tmp_path)  # its words are asserted in test_problems_words.py
    assert coded(error) == [(str(tmp_path), "not-a-project")] and "--root DIR" in str(error)
    assert capsys.readouterr().err == f"error: {error.problems[0]} [not-a-project]\n"


SEED_COMMANDS = {
    "info": ["info"],
    "show": ["show", "100-f01"],
    "report": ["report", "{out}"],
    "export": ["export", "{out}", "--format", "csv"],
}


@pytest.mark.parametrize("argv", SEED_COMMANDS.values(), ids=SEED_COMMANDS.keys())
def test_an_altered_seed_is_refused_by_every_command(installed: Path, tmp_path: Path, capsys, argv: list[str]):
    seed = installed / SEED_PATH
    altered = SEED.replace("£68 million", "£69 million").encode("utf-8")
    seed.write_bytes(altered)
    out = tmp_path / "out"
    code, printed, err = run(capsys, *(part.format(out=out) for part in argv))
    assert (code, printed) == (1, "")
    # One line naming the seed and both hashes; its words are asserted in test_tables.py.
    assert err.startswith(f"error: {seed}: ") and err.count("\n") == 1
    assert sha256(altered) in err and sha256(SEED.encode("utf-8")) in err
    assert not out.exists()


@pytest.mark.parametrize("argv", SEED_COMMANDS.values(), ids=SEED_COMMANDS.keys())
def test_a_deleted_seed_is_named_without_a_traceback(installed: Path, tmp_path: Path, capsys, argv: list[str]):
    seed = installed / SEED_PATH
    seed.unlink()
    code, printed, err = run(capsys, *(part.format(out=tmp_path / "out") for part in argv))
    assert (code, printed) == (1, "")
    # One line naming the seed and its resource; the words are asserted in test_tables.py.
    assert err.startswith(f"error: {seed}: ") and "'seed-100-0123456789abcdef'" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv", [["info"], ["show", "100-f01"], ["cite", "100-f01"]])
@pytest.mark.parametrize("change", [drop_gbp, value_as_integer], ids=["enum", "type"])
def test_a_descriptor_that_disagrees_with_its_data_is_one_line_in_every_command(installed: Path, capsys, argv, change):
    write_pinned(installed, edit_descriptor(installed, change))
    code, _, err = run(capsys, *argv)
    assert code == 1  # one line naming the descriptor, the table and the column; worded in test_tables.py
    assert err.startswith(f"error: {installed}/datapackage.json: ") and err.count("\n") == 1
    assert "'figures'" in err and ("'unit'" if change is drop_gbp else "'value'") in err


@pytest.mark.parametrize("change", [drop_gbp, value_as_integer], ids=["enum", "type"])
def test_validate_lists_a_descriptor_that_disagrees_with_its_data_among_its_problems(installed: Path, capsys, change):
    write_pinned(installed, edit_descriptor(installed, change))
    code, printed, err = run(capsys, "validate")
    assert (code, err) == (1, "")
    column = "'unit'" if change is drop_gbp else "'value'"
    assert any(line.startswith(f"{installed}/datapackage.json: ") and "'figures'" in line and column in line
               for line in printed.splitlines()), printed


def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("mine", encoding="utf-8")
    return path


# Each case: the command line and the start of its one line on stderr, the path it names (the system's words
# for /proc; outdir's words, "is not a folder", are asserted in test_outdir.py).
OUTPUT_CASES = {
    "export-csv-proc": (lambda f: ["export", "--format", "csv", "/proc/x"], "/proc/x: No such file or directory"),
    "export-sqlite-proc": (lambda f: ["export", "--format", "sqlite", "/proc/x"], "/proc/x: No such file or directory"),
    "report-proc": (lambda f: ["report", "/proc/x"], "/proc/x: No such file or directory"),
    "report-below-a-file": (lambda f: ["report", f"{f}/sub"], "{f}/sub: {f} "),
    "report-onto-a-file": (lambda f: ["report", str(f)], "{f} "),
    "export-below-a-file": (lambda f: ["export", f"{f}/sub", "--format", "json"], "{f}/sub: {f} "),
}


@pytest.mark.parametrize("argv, named", OUTPUT_CASES.values(), ids=OUTPUT_CASES.keys())
def test_an_unwritable_output_path_is_one_line(tmp_path: Path, capsys, argv, named: str):
    if "/proc/" in str(argv(None)) and not Path("/proc/self").exists():
        pytest.skip("this system has no /proc folder; this test writes below it to get a path that cannot be "
                    "written")
    path = a_file(tmp_path)
    code, out, err = run(capsys, *argv(path))
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {named.format(f=path)}") and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == "mine"


def test_no_traceback_from_an_installed_command(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "china_russia_tools", "report", f"{a_file(tmp_path)}/sub"],
        capture_output=True, text=True, check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(f"error: {tmp_path}/a-file/sub: {tmp_path}/a-file ")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_named_pipe_for_a_seed_is_refused_by_validate_and_build_check(project: Path):
    seed = project / "seeds" / f"{S000}.txt"
    seed.unlink()
    os.mkfifo(seed)
    command = [sys.executable, "-m", "china_russia_tools"]
    validated = subprocess.run([*command, "validate", "--root", "."], cwd=project, capture_output=True, text=True,
                               timeout=120)
    # The words of both messages are asserted in test_tables.py and test_problems_words.py.
    with deadline(120):
        error = refusal(project)
    assert coded(error) == [(f"seeds/{S000}.txt", "not-regular-file")]
    lines = validated.stdout.splitlines()
    assert validated.returncode == 1 and lines[0].startswith(f"seeds/{S000}.txt: resource 'seed-000-")
    # in a checkout, validate also reports what build --check finds: here the build's refusal of the pipe
    assert lines[1:] == [f"{error.problems[0]} [not-regular-file]", "2 problem(s)",
                         "data: . (the checkout given by --root)"]
    checked = subprocess.run([*command, "build", "--check", "--root", "."], cwd=project, capture_output=True,
                             text=True, timeout=120)
    assert (checked.returncode, checked.stderr) == (1, f"error: {error.problems[0]} [not-regular-file]\n")


def test_running_out_of_memory_is_one_line(monkeypatch, capsys):
    def exhausted() -> str:
        raise MemoryError

    monkeypatch.setattr("china_russia_tools.summary.info", exhausted)
    assert run(capsys, "info") == (
        1, "", "error: out of memory; a file it read is far larger than any of this package's files\n"
    )


@pytest.mark.parametrize("command", ["export", "report"])
def test_a_linked_output_folder_is_named_as_such(tmp_path: Path, capsys, command: str):
    target = tmp_path / "empty"
    target.mkdir()
    link = tmp_path / "lk"
    link.symlink_to(target)
    argv = [command, str(link), *(["--format", "csv"] if command == "export" else [])]
    code, out, err = run(capsys, *argv)  # the words are asserted in test_outdir.py
    assert (code, out) == (1, "")
    assert err.startswith(f"error: {link} ") and str(target) in err and err.count("\n") == 1
    assert list(target.iterdir()) == []


def test_validate_from_a_deleted_current_folder_says_so(tmp_path: Path, monkeypatch, capsys):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    gone_message = "the current folder no longer exists (it was deleted or moved); change to an existing folder\n"
    assert run(capsys, "validate", "--root", ".") == (1, "", "error: " + gone_message)
    assert run(capsys, "build", "--root", ".") == (1, "", "error: " + gone_message)
    assert run(capsys, "diff", ".", str(tmp_path)) == (1, "", "error: " + gone_message)


def test_info_says_where_each_example_figure_departs_from_what_it_relays():
    import china_russia_tools as crt

    lines = info().splitlines()
    examples = [row for row in crt.records("figures") if f"  {row['figure_id']}: " in "\n".join(lines)]
    assert examples
    for row in examples:
        departs = row["departs_at"] or "no document a check finds"
        assert any(line.startswith(f"    chain {row['chain']}; departs at {departs}; ") for line in lines)


def test_every_subcommand_has_one_entry_in_the_command_table_and_each_entry_a_subcommand():
    (subcommands,) = [action for action in parser()._actions if isinstance(action, argparse._SubParsersAction)]
    assert sorted(subcommands.choices) == sorted(cli.COMMANDS)
    assert len(set(cli.COMMANDS.values())) == len(cli.COMMANDS)  # no function serves two commands


def test_each_problem_of_a_build_is_one_line_with_its_code(installed: Path, capsys):
    from minimal_project import ANNOTATION_PATH, replace_once

    replace_once(installed, ANNOTATION_PATH, "  byline: By A. Writer\n", "  by_line: By A. Writer\n")
    assert run(capsys, "build", "--root", str(installed)) == (1, "", (
        f"error: {ANNOTATION_PATH}: source: unknown key(s) by_line; allowed keys are accessed, body_ends_with, "
        "body_starts_with, byline, date_note, language, license, note, published_earliest, published_latest, "
        "published_reference_id, publisher, title, url [unknown-key]\n"
        f"error: {ANNOTATION_PATH}: source: missing key(s) byline [missing-key]\n"
    ))


def test_stale_outputs_are_one_line_each(installed: Path, capsys):
    (installed / "datapackage.json.sha256").unlink()
    (installed / "docs" / "data-dictionary.md").unlink()
    assert run(capsys, "build", "--check", "--root", str(installed)) == (1, "", (
        "error: datapackage.json.sha256: missing or does not pin the committed datapackage.json; "
        "run `china-russia-tools build`\n"
        "error: docs/data-dictionary.md: missing or differs from the descriptor; run `china-russia-tools build`\n"
    ))


def test_validate_prints_each_problem_with_its_code(installed: Path, capsys):
    path = installed / "data" / "quotes.parquet"
    path.unlink()
    code, out, err = run(capsys, "validate")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert [line.rsplit(" [", 1)[-1] for line in lines[:3]] == ["frictionless]", "frictionless]", "data-file]"]
    assert lines[2] == (
        f"{path}: cannot read resource 'quotes': [Errno 2] No such file or directory: '{path}' [data-file]"
    )
    # in a checkout (the project holds its annotations), what build --check finds too, in the reader's words
    assert lines[3].startswith("data/quotes.parquet: cannot be read (") and lines[3].endswith(") [stale-output]")
    assert lines[4] == "4 problem(s)"


@pytest.mark.parametrize("odd, shown", [("a\nb", "a\\nb"), ("a\tb", "a\\tb"), ("a\x1b[2Jb", "a\\x1b[2Jb"),
                                        ("a\u2028b", "a\\u2028b"), ("a\udcffb", "a\\udcffb"), ("données", "données")])
def test_a_control_character_in_root_is_shown_escaped(tmp_path: Path, capsys, odd: str, shown: str):
    root = f"{tmp_path}/{odd}"
    assert run(capsys, "show", "000-f02", "--root", root) == (1, "", (
        f"error: {tmp_path}/{shown}: no datapackage.json there; --root names a checkout, built with "
        f"`china-russia-tools build --root {tmp_path}/{shown}`\n"
    ))


def test_a_full_disk_names_the_output_folder_in_every_export_format(tmp_path: Path, monkeypatch, capsys):
    from faults import full_disk

    for format in ("csv", "json", "xlsx", "croissant", "ftm", "web-annotation", "claimreview"):
        out = tmp_path / format
        with monkeypatch.context() as patched:
            full_disk(patched, tmp_path, "write")
            code, printed, err = run(capsys, "export", str(out), "--format", format)
        assert (code, printed, err) == (1, "", f"error: {out}: No space left on device\n"), format
        assert list(tmp_path.iterdir()) == []  # nothing half-written, no staging folder
    out = tmp_path / "sqlite"
    with monkeypatch.context() as patched:
        full_disk(patched, tmp_path, "write")
        assert run(capsys, "export", str(out), "--format", "sqlite") == (
            1, "", f"error: {out}/china-russia-tools.sqlite: database or disk is full\n")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_in_an_xlsx_export_is_the_one_line_only(tmp_path: Path, monkeypatch, capsys):
    import gc

    import openpyxl.cell

    from faults import interrupt_on_call

    reported: list = []
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    interrupt_on_call(monkeypatch, openpyxl.cell, "WriteOnlyCell", 100)
    assert run(capsys, "export", str(tmp_path / "out"), "--format", "xlsx") == (
        130, "", "interrupted; nothing was changed\n")
    gc.collect()  # the sheets' writers left open would each report an error here
    assert reported == [] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("module", ["china_russia_tools.summary", "china_russia_tools.export"])
def test_ctrl_c_while_the_command_line_imports_or_parses_is_one_line(monkeypatch, capsys, module: str):
    from faults import interrupt_import

    interrupt_import(monkeypatch, module)  # summary is imported by info, export by the parser itself
    assert run(capsys, "info") == (130, "", "interrupted; nothing was changed\n")


def test_ctrl_c_after_the_export_says_it_was_complete(tmp_path: Path, monkeypatch, capsys):
    from faults import interrupt_on_call

    out = tmp_path / "out"
    interrupt_on_call(monkeypatch, sys.stdout, "flush")  # the last thing the command line does
    code, printed, err = run(capsys, "export", str(out), "--format", "ftm")
    assert (code, err) == (130, f"interrupted; the export to {out} was already complete\n")
    assert printed.splitlines()[0] == f"wrote {out}/entities.ftm.json"
    assert sorted(path.name for path in out.iterdir()) == [".china-russia-tools-manifest.json", "entities.ftm.json"]


def test_run_as_the_program_it_ignores_ctrl_c_once_the_command_has_finished(monkeypatch, capsys):
    import signal

    previous = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(sys, "argv", ["china-russia-tools", "path"])
    try:
        assert main() == 0
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    assert capsys.readouterr().out.endswith("datapackage.json\n")


def test_ctrl_c_while_python_reads_the_command_line_is_one_line(monkeypatch, capsys):
    import runpy

    from faults import interrupt_import

    interrupt_import(monkeypatch, "china_russia_tools.cli")
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("china_russia_tools", run_name="__main__")
    assert (exited.value.code, capsys.readouterr().err) == (130, "interrupted; nothing was changed\n")


@pytest.mark.parametrize("while_making_a_class", [False, True])
@pytest.mark.parametrize("module", ["china_russia_tools", "china_russia_tools.registry", "china_russia_tools.cli"])
def test_ctrl_c_while_the_program_reads_the_package_is_one_line(module, while_making_a_class, monkeypatch, capsys):
    # The program's launcher reads the package (its __init__ first) under its handler; the package and
    # its command line are read anew, as in a new process.
    import _china_russia_tools_launcher
    from faults import interrupt_import

    for name in [name for name in sys.modules if name.partition(".")[0] == "china_russia_tools"]:
        monkeypatch.delitem(sys.modules, name)
    interrupt_import(monkeypatch, module, while_making_a_class)
    assert (_china_russia_tools_launcher.main(), capsys.readouterr().err) == (130, "interrupted; nothing was changed\n")

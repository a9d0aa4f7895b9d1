"""A fault campaign over the command line, run in this process on the small project of minimal_project.py.

Each case runs one command with one fault and asserts that no traceback is printed (nor reported later by
the garbage collector), the exit code, every line on stderr (one ``error:`` line per problem), and that the
package and the output folder are left as they were, or hold the complete output. The case classes:

- ``start``: Ctrl-C while the arguments are read, or while the command's module is imported (also while
  Python makes a class, where Python 3.11 raises a RuntimeError caused by the KeyboardInterrupt);
- ``work``: Ctrl-C in the middle of the work (reading a table, writing a sheet, moving the build's files);
- ``exit``: Ctrl-C once the work is done, as the last line is printed;
- ``full``: a full disk, each write failing or the writes passing and closing the file failing;
- ``readonly``: a read-only output folder or project;
- ``path``: a newline, a tab, an escape character, a byte that is not UTF-8 or non-ASCII letters in a path;
- ``missing``, ``empty``, ``garbage``: a file missing, empty, or of garbage where a YAML file, a Parquet
  table, a descriptor or a CSV is expected.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl.cell
import pyarrow.parquet
import pytest
import yaml

from china_russia_tools import tables
from china_russia_tools.cli import main
from china_russia_tools.export import WRITERS
from china_russia_tools.outdir import MANIFEST
from faults import full_disk, interrupt_import, interrupt_on_call, read_only, snapshot
from minimal_project import ANNOTATION_PATH, SEED, write_pinned

pytestmark = pytest.mark.slow


@dataclass
class Place:
    """Where a case runs: the built project (``root``, the data read), the folder written into (``disk``),
    the export or report folder in it (``out``), a recheck CSV and a new seed for draft."""

    root: Path
    disk: Path
    tmp: Path
    monkeypatch: pytest.MonkeyPatch

    @property
    def out(self) -> Path:
        return self.disk / "out"

    @property
    def draft(self) -> Path:
        return self.disk / "draft.yaml"

    @property
    def seed(self) -> Path:
        return self.tmp / "seeds" / "101_0123456789abcdef.txt"

    @property
    def csv(self) -> Path:
        return self.tmp / "rows.csv"


@dataclass
class Case:
    """One command (its arguments, ``{root}``... filled from a :class:`Place`), the fault made before it
    runs, the exit code and the stderr lines expected (a line ending in ``…`` gives its start), and what
    is expected of the folders afterwards: ``"untouched"``, or ``"complete"`` (the output was written)."""

    argv: list[str]
    fault: Callable[[Place], Any] | None
    code: int
    err: list[str]
    after: str = "untouched"
    out: list[str] = field(default_factory=list)


def escaped(path: Path | str) -> str:
    """A path as an error line shows it: control characters (and the lone surrogates of bytes that are not
    UTF-8) written as in a Python string literal."""
    return re.sub(r"[\x00-\x1f\x7f\ud800-\udfff]", lambda match: repr(match.group())[1:-1], str(path))


COMMANDS = {
    "info": ["info"],
    "path": ["path"],
    "validate": ["validate"],
    "build": ["build", "--root", "{root}"],
    "draft": ["draft", "{seed}", "--root", "{root}", "--output", "{draft}"],
    "cite": ["cite", "100-f01"],
    "show": ["show", "100-f01"],
    "export": ["export", "{out}", "--format", "csv"],
    "report": ["report", "{out}"],
    "diff": ["diff", "{root}"],
    "recheck": ["recheck", "{csv}", "--rate", "GBP=0.8:a rate for the test"],
}
MODULES = {
    "info": "summary", "path": "tables", "validate": "validate", "build": "builder.staleness", "draft": "builder.draft",
    "cite": "citation", "show": "display", "export": "export", "report": "report", "diff": "differences",
    "recheck": "recheck",
}
"""The module each command imports first (the one a Ctrl-C at start interrupts)."""

NOTHING = "interrupted; nothing was changed"
READING = dict.fromkeys(("cite", "diff"), ["data: {root} (the checkout the package runs from)"])
"""The commands that print which data they read on stderr, since stdout holds their output."""
WRITES = {"build": "the build of {root}", "draft": "the draft {draft}", "export": "the export to {out}",
          "report": "the report in {out}"}


def export(format: str) -> list[str]:
    return ["export", "{out}", "--format", format]


def reads_parquet(call: int) -> Callable[[Place], None]:
    """A Ctrl-C on the ``call``-th Parquet file read."""
    return lambda place: interrupt_on_call(place.monkeypatch, pyarrow.parquet, "ParquetFile", call)


CASES: dict[str, Case] = {}
for name, argv in COMMANDS.items():
    CASES[f"start-parse-{name}"] = Case(argv, lambda place: interrupt_on_call(
        place.monkeypatch, argparse.ArgumentParser, "parse_known_args"), 130, [NOTHING])
    CASES[f"start-import-{name}"] = Case(argv, lambda place, module=MODULES[name]: interrupt_import(
        place.monkeypatch, f"china_russia_tools.{module}"), 130, [NOTHING])
    CASES[f"start-class-{name}"] = Case(argv, lambda place, module=MODULES[name]: interrupt_import(
        place.monkeypatch, f"china_russia_tools.{module}", while_making_a_class=True), 130, [NOTHING])
    done = f"interrupted; {WRITES[name]} was already {'written' if name == 'draft' else 'complete'}" \
        if name in WRITES else NOTHING
    CASES[f"exit-{name}"] = Case(argv, lambda place: interrupt_on_call(place.monkeypatch, sys.stdout, "flush"), 130,
                                 [*READING.get(name, []), done],
        "complete" if name in WRITES else "untouched")
for name in ("info", "validate", "cite", "show", "report", "diff", "recheck"):
    CASES[f"work-parquet-{name}"] = Case(COMMANDS[name], reads_parquet(3), 130, [NOTHING])
for format in WRITERS:
    CASES[f"work-parquet-export-{format}"] = Case(export(format), reads_parquet(2), 130, [NOTHING])
CASES |= {
    "work-path": Case(["path"], lambda place: interrupt_on_call(place.monkeypatch, tables, "descriptor_path"), 130,
                      [NOTHING]),
    "work-build-render": Case(COMMANDS["build"], lambda place: interrupt_on_call(
        place.monkeypatch, pyarrow.parquet, "write_table", 3), 130, [NOTHING]),
    "work-build-moving": Case(COMMANDS["build"], lambda place: interrupt_on_call(
        place.monkeypatch, os, "replace", 3), 130, [NOTHING]),
    "work-draft-yaml": Case(COMMANDS["draft"], lambda place: interrupt_on_call(
        place.monkeypatch, yaml, "dump"), 130, [NOTHING]),
    "work-draft-writing": Case(COMMANDS["draft"], lambda place: interrupt_on_call(
        place.monkeypatch, os, "fdopen"), 130, [NOTHING]),
    "work-build-moving-class": Case(COMMANDS["build"], lambda place: interrupt_on_call(
        place.monkeypatch, os, "replace", 3, while_making_a_class=True), 130, [NOTHING]),
    "work-xlsx-cells": Case(export("xlsx"), lambda place: interrupt_on_call(
        place.monkeypatch, openpyxl.cell, "WriteOnlyCell", 20), 130, [NOTHING]),
    "work-xlsx-saving": Case(export("xlsx"), lambda place: interrupt_on_call(
        place.monkeypatch, zipfile.ZipFile, "writestr", 4), 130, [NOTHING]),
}

FULL = "No space left on device"
for when in ("write", "close"):
    for format in WRITERS:
        database = {"sqlite": "china-russia-tools.sqlite", "datasette": "china-russia-tools.db"}.get(format)
        named = "{out}/" + f"{database}: database or disk is full" if database and when == "write" else "{out}: " + FULL
        CASES[f"full-{when}-export-{format}"] = Case(export(format), lambda place, when=when: full_disk(
            place.monkeypatch, place.disk, when, sqlite=when == "write"), 1, [f"error: {named}"])
    CASES[f"full-{when}-report"] = Case(COMMANDS["report"], lambda place, when=when: full_disk(
        place.monkeypatch, place.disk, when), 1, ["error: {out}: " + FULL])
    CASES[f"full-{when}-build"] = Case(COMMANDS["build"], lambda place, when=when: full_disk(
        place.monkeypatch, place.root, when), 1, ["error: {root}: " + FULL])
    CASES[f"full-{when}-draft"] = Case(COMMANDS["draft"], lambda place, when=when: full_disk(
        place.monkeypatch, place.disk, when), 1, ["error: {draft}: " + FULL])

READ_ONLY = "Read-only file system"


def read_only_out(place: Place) -> None:
    place.out.mkdir(parents=True)
    read_only(place.monkeypatch, place.out)


for format in WRITERS:
    CASES[f"readonly-export-{format}"] = Case(export(format), read_only_out, 1, [
        "error: {out}/.china-russia-tools-manifest.json: " + READ_ONLY])
CASES |= {
    "readonly-report": Case(COMMANDS["report"], read_only_out, 1, [
        "error: {out}/.china-russia-tools-manifest.json: " + READ_ONLY]),
    "readonly-build": Case(COMMANDS["build"], lambda place: read_only(place.monkeypatch, place.root), 1, [
        "error: {root}/.china-russia-tools.lock: " + READ_ONLY]),
    "readonly-draft": Case(COMMANDS["draft"], lambda place: read_only(place.monkeypatch, place.disk), 1, [
        "error: {draft}: " + READ_ONLY]),
}

ODD = {"newline": "a\nb", "tab": "a\tb", "escape": "a\x1b[31mb", "return": "a\rb", "not-utf8": "a\udcffb"}
NO_CHECKOUT = ("error: {odd}: no datapackage.json there; --root names a checkout, built with "
               "`china-russia-tools build --root {odd}`")
for kind, odd in ODD.items():
    for name in ("info", "validate", "cite", "show", "report", "diff", "recheck"):
        if kind == "newline" or name in ("info", "show"):
            argv = [*COMMANDS[name], "--root", "{tmp}/" + odd]
            CASES[f"path-{kind}-root-{name}"] = Case(argv, None, 1, [NO_CHECKOUT])
    CASES[f"path-{kind}-export"] = Case(["export", "{disk}/" + odd, "--format", "json"], None, 0, [], "complete",
                                        ["wrote {disk}/" + escaped(odd) + "/datapackage.json"])
    CASES[f"path-{kind}-report"] = Case(["report", "{disk}/" + odd], None, 0, [], "complete",
                                        ["wrote 4 files; open {disk}/" + escaped(odd) + "/index.html"])
CASES |= {
    "path-newline-root-export": Case([*export("csv"), "--root", "{tmp}/a\nb"], None, 1, [NO_CHECKOUT]),
    "path-newline-build": Case(["build", "--root", "{tmp}/a\nb"], None, 1, ["error: {tmp}/a\\nb: …"]),
    "path-newline-draft-seed": Case(["draft", "{tmp}/new\nseed.txt", "--root", "{root}"], None, 1,
                                    ["error: {tmp}/new\\nseed.txt: cannot read: No such file or directory "
                                     "[unreadable-file]"]),
    "path-newline-recheck-file": Case(["recheck", "{tmp}/rows\n.csv"], None, 1, ["error: {tmp}/rows\\n.csv: …"]),
    "path-non-ascii-root": Case(["info", "--root", "{tmp}/données Ж 中"], lambda place: shutil.copytree(
        place.root, place.tmp / "données Ж 中"), 0, []),
    "path-non-ascii-export": Case(["export", "{disk}/выгрузка 出口", "--format", "sqlite"], None, 0, [], "complete",
                                  ["wrote {disk}/выгрузка 出口/china-russia-tools.sqlite"]),
}


def remove(relative: str) -> Callable[[Place], None]:
    return lambda place: (place.root / relative).unlink()


def overwrite(relative: str, data: bytes, pinned: bool = True) -> Callable[[Place], None]:
    """Put ``data`` in the project's file ``relative``; re-pinned in the descriptor, as a build would."""

    def change(place: Place) -> None:
        (place.root / relative).write_bytes(data)
        if relative == "datapackage.json":
            (place.root / "datapackage.json.sha256").write_text(
                f"{hashlib.sha256(data).hexdigest()}  datapackage.json\n", encoding="utf-8")
        elif pinned:
            descriptor = json.loads((place.root / "datapackage.json").read_text(encoding="utf-8"))
            for entry in descriptor["resources"]:
                if entry["path"] == relative:
                    entry["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
                    entry.pop("bytes", None)
            write_pinned(place.root, descriptor)

    return change


FIGURES = "data/figures.parquet"
IN_FIGURES = ["error: {root}/" + FIGURES + ": …"]
GARBAGE = bytes(range(256)) * 4
CASES |= {
    "missing-recheck-file": Case(["recheck", "{tmp}/none.csv"], None, 1, ["error: {tmp}/none.csv: …"]),
    "missing-diff-old": Case(["diff", "{tmp}/none"], None, 1, ["error: {tmp}/none: …"]),
    "missing-draft-seed": Case(["draft", "{tmp}/none.txt", "--root", "{root}"], None, 1,
                               ["error: {tmp}/none.txt: cannot read: No such file or directory [unreadable-file]"]),
    "missing-root": Case(["show", "100-f01", "--root", "{tmp}/none"], None, 1, [NO_CHECKOUT]),
    "missing-table-show": Case(["show", "100-f01"], remove(FIGURES), 1, IN_FIGURES),
    "missing-table-export": Case(export("xlsx"), remove(FIGURES), 1, IN_FIGURES),
    "missing-annotation-build": Case(COMMANDS["build"], remove(ANNOTATION_PATH), 1, ["error: …[missing-file]"]),
    "missing-seed-report": Case(COMMANDS["report"], remove("seeds/100_0123456789abcdef.txt"), 1,
                                ["error: {root}/seeds/100_0123456789abcdef.txt: …"]),
    "empty-recheck-file": Case(COMMANDS["recheck"], lambda place: place.csv.write_bytes(b""), 1, ["error: {csv}: …"]),
    "empty-diff-descriptor": Case(["diff", "{tmp}/old"], lambda place: (place.tmp / "old").mkdir() or (
        place.tmp / "old" / "datapackage.json").write_bytes(b""), 1, ["error: {tmp}/old/datapackage.json: …"]),
    "empty-draft-seed": Case(COMMANDS["draft"], lambda place: place.seed.write_bytes(b""), 1, ["error: …"]),
    "empty-annotation-build": Case(COMMANDS["build"], overwrite(ANNOTATION_PATH, b"", False), 1,
                                   ["error: " + ANNOTATION_PATH + ": …[empty-file]"]),
    "empty-table-info": Case(["info"], overwrite(FIGURES, b""), 1, IN_FIGURES),
    "empty-table-cite": Case(["cite", "100-f01"], overwrite(FIGURES, b""), 1, IN_FIGURES),
    "empty-descriptor-info": Case(["info"], overwrite("datapackage.json", b""), 1,
                                  ["error: {root}/datapackage.json: …"]),
    "garbage-annotation-build": Case(COMMANDS["build"], overwrite(ANNOTATION_PATH, b"source: [unclosed\n", False),
                                     1, ["error: " + ANNOTATION_PATH + ": …[yaml-syntax]"]),
    "garbage-binary-annotation-build": Case(COMMANDS["build"], overwrite(ANNOTATION_PATH, GARBAGE, False), 1,
                                            ["error: " + ANNOTATION_PATH + ": …[unreadable-file]"]),
    "garbage-table-info": Case(["info"], overwrite(FIGURES, GARBAGE), 1, IN_FIGURES),
    "garbage-table-show": Case(["show", "100-f01"], overwrite(FIGURES, GARBAGE), 1, IN_FIGURES),
    "garbage-table-export": Case(export("sqlite"), overwrite(FIGURES, GARBAGE), 1, IN_FIGURES),
    "garbage-table-report": Case(COMMANDS["report"], overwrite(FIGURES, GARBAGE), 1, IN_FIGURES),
    "garbage-table-diff": Case(COMMANDS["diff"], overwrite(FIGURES, GARBAGE), 1, IN_FIGURES),
    "garbage-table-validate": Case(["validate"], overwrite(FIGURES, GARBAGE), 1, [], out=["…[data-file]"]),
    "missing-table-validate": Case(["validate"], remove(FIGURES), 1, [], out=["…[data-file]"]),
    "garbage-descriptor-info": Case(["info"], overwrite("datapackage.json", GARBAGE), 1,
                                    ["error: {root}/datapackage.json: …"]),
    "garbage-descriptor-build": Case(COMMANDS["build"], overwrite("datapackage.json", b"[1, 2"), 1,
                                     ["error: datapackage.json: …[bad-descriptor]"]),
    "garbage-descriptor-diff": Case(["diff", "{tmp}/old"], lambda place: (place.tmp / "old").mkdir() or (
        place.tmp / "old" / "datapackage.json").write_bytes(GARBAGE), 1, ["error: {tmp}/old/datapackage.json: …"]),
    "garbage-draft-seed": Case(COMMANDS["draft"], lambda place: place.seed.write_bytes(GARBAGE), 1,
                               ["error: {seed}: not valid UTF-8 at byte 128: invalid start byte [seed-not-utf8]"]),
    "garbage-recheck-file": Case(COMMANDS["recheck"], lambda place: place.csv.write_bytes(GARBAGE), 1,
                                 ["error: {csv}: …"]),
}


@pytest.fixture
def place(installed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
    here = Place(installed, tmp_path / "disk", tmp_path, monkeypatch)
    here.disk.mkdir()
    here.seed.parent.mkdir()
    here.seed.write_text(SEED.replace("£68 million", "£70 million"), encoding="utf-8")
    here.csv.write_text("reporterCode,partnerCode,flowCode,cmdCode,period,primaryValue\n"
                        "156,643,X,8456,202307,86000000\n", encoding="utf-8")
    return here


def test_the_campaign_has_each_class_of_fault():
    classes = {name.split("-")[0] for name in CASES}
    assert classes == {"start", "work", "exit", "full", "readonly", "path", "missing", "empty", "garbage"}
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_fault_is_one_line_and_leaves_the_package_whole(case: Case, place: Place, capsys):
    names = {"root": place.root, "disk": place.disk, "tmp": place.tmp, "out": place.out, "draft": place.draft,
             "seed": place.seed, "csv": place.csv}
    argv = [part.format(**names) for part in case.argv]
    if case.fault is not None:
        case.fault(place)
    project, disk = snapshot(place.root), snapshot(place.disk)
    tables.clear_cache()
    unraisable: list[Any] = []
    place.monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    try:
        code = main(argv)
    except KeyboardInterrupt:  # left alone, it would stop the whole test session
        code = "a Ctrl-C that escaped, a traceback"
    gc.collect()
    place.monkeypatch.undo()
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and unraisable == []
    shown = {key: escaped(value) for key, value in names.items()} | {"odd": escaped(argv[-1])}
    expected = [line.format(**shown) for line in case.err]
    lines = err.splitlines()
    assert code == case.code and len(lines) == len(expected), err
    for line, wanted in zip(lines, expected, strict=True):
        start, dots, end = wanted.partition("…")
        assert line == wanted if not dots else (line.startswith(start) and line.endswith(end)), (line, wanted)
    for wanted in case.out:
        start, dots, end = wanted.format(**shown).partition("…")
        assert any(line == start if not dots else line.startswith(start) and line.endswith(end)
                   for line in out.splitlines()), (out, wanted)
    assert snapshot(place.root) == project
    assert not [path for path in place.disk.rglob(".*") if path.is_dir()]  # no staging folder left
    if case.after == "untouched":
        assert snapshot(place.disk) == disk
    elif argv[0] in ("export", "report"):
        assert (Path(argv[1]) / MANIFEST).is_file()
    elif argv[0] == "draft":
        assert place.draft.read_text(encoding="utf-8").startswith("# Drafted by `china-russia-tools draft`")

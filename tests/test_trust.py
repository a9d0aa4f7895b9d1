"""Every reader checks what it reads; impossible values are refused; no traceback, nothing of the user's
overwritten, nothing half-written. Each case is one finding of an adversarial trial, with its exact message.

Installed-data cases break a built copy of the small project of ``minimal_project`` that the loader is
pointed at; command-line cases run ``main()`` on it and read what it prints.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import china_russia_tools as crt
from china_russia_tools import builder, hooks, outdir, registry, tables
from china_russia_tools.cli import main
from china_russia_tools.errors import AnnotationError, CitationError, DataError, ExportError, UnknownIdError
from conftest import ROOT
from minimal_project import ANNOTATION_PATH, SEED, SEED_PATH, SOURCE_ID, make_project, replace_once, write_pinned

FILE = ANNOTATION_PATH
REBUILD = "the file was changed or damaged after the build (reinstall the package, or rebuild a checkout)"
UNITS = "USD, CNY, EUR, RUB, percent, percentage_point, micrometre, multiple, units"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()



def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def edit_descriptor(root: Path, change) -> dict:
    descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(r for r in descriptor["resources"] if r["name"] == "figures")
    change({field["name"]: field for field in figures["schema"]["fields"]})
    return descriptor


def drop_gbp(fields: dict) -> None:
    fields["unit"]["constraints"]["enum"].remove("GBP")


def value_as_integer(fields: dict) -> None:
    fields["value"]["type"] = "integer"


# 1. Source texts: every command that shows or copies one checks its SHA-256 first.

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
    assert err == (
        f"error: {seed}: SHA-256 is {sha256(altered)}, the descriptor says {sha256(SEED.encode('utf-8'))}; {REBUILD}\n"
    )
    assert not out.exists()


@pytest.mark.parametrize("argv", SEED_COMMANDS.values(), ids=SEED_COMMANDS.keys())
def test_a_deleted_seed_is_named_without_a_traceback(installed: Path, tmp_path: Path, capsys, argv: list[str]):
    seed = installed / SEED_PATH
    seed.unlink()
    code, printed, err = run(capsys, *(part.format(out=tmp_path / "out") for part in argv))
    assert (code, printed) == (1, "")
    assert err == (
        f"error: {seed}: cannot read resource 'seed-100-0123456789abcdef': "
        f"[Errno 2] No such file or directory: '{seed}'\n"
    )


def test_a_source_text_is_read_once_until_the_cache_is_cleared(installed: Path):
    assert tables.source_text(SOURCE_ID) == SEED
    (installed / SEED_PATH).write_text(SEED.replace("£68 million", "£69 million"), encoding="utf-8")
    assert tables.source_text(SOURCE_ID) == SEED  # checked when read, then kept like the tables
    tables.clear_cache()
    with pytest.raises(DataError, match=re.escape(f"{installed / SEED_PATH}: SHA-256 is ")):
        tables.source_text(SOURCE_ID)


def test_show_of_an_altered_seed_never_prints_the_altered_words(installed: Path):
    (installed / SEED_PATH).write_text(SEED.replace("£68 million", "£69 million"), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(f"{installed / SEED_PATH}: SHA-256 is ")):
        crt.show("100-f01")


# 2. The descriptor: pinned by its SHA-256, and checked against the data it describes.


def test_an_edited_descriptor_is_refused(installed: Path):
    pinned = sha256((installed / "datapackage.json").read_bytes())
    text = json.dumps(edit_descriptor(installed, drop_gbp), indent=2)
    (installed / "datapackage.json").write_text(text, encoding="utf-8")
    message = (
        f"{installed}/datapackage.json: SHA-256 is {sha256(text.encode('utf-8'))}, datapackage.json.sha256 says "
        f"{pinned}; the descriptor was edited after the build (reinstall the package; in a checkout, run "
        "`china-russia-tools build`)"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()


def test_a_missing_pin_is_refused(installed: Path):
    (installed / "datapackage.json.sha256").unlink()
    message = (
        f"{installed}/datapackage.json.sha256: missing; it pins the descriptor by its SHA-256 (reinstall the "
        "package; in a checkout, run `china-russia-tools build`)"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()


def test_a_value_outside_its_enum_is_refused_not_made_missing(installed: Path):
    write_pinned(installed, edit_descriptor(installed, drop_gbp))
    message = (
        f"{installed}/datapackage.json: table 'figures', column 'unit' holds 'GBP', which its enum does not list "
        f"({UNITS})"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.records("figures")


@pytest.mark.parametrize(("backend", "found"), [("pandas", "Arrow double"), ("polars", "polars Float64")])
def test_a_column_of_another_type_is_refused(installed: Path, backend: str, found: str):
    write_pinned(installed, edit_descriptor(installed, value_as_integer))
    message = (
        f"{installed}/datapackage.json: table 'figures', column 'value' is declared integer, but its data is number "
        f"({found})"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures(backend=backend)


@pytest.mark.parametrize("argv", [["info"], ["show", "100-f01"], ["validate"], ["cite", "100-f01"]])
@pytest.mark.parametrize("change", [drop_gbp, value_as_integer], ids=["enum", "type"])
def test_a_descriptor_that_disagrees_with_its_data_is_one_line_in_every_command(installed: Path, capsys, argv, change):
    write_pinned(installed, edit_descriptor(installed, change))
    code, _, err = run(capsys, *argv)
    assert code == 1
    where = re.escape(f"error: {installed}/datapackage.json: table 'figures', column ")
    assert re.fullmatch(rf"{where}'(unit|value)' .*\n", err)


def test_build_check_names_a_stale_pin(tmp_path: Path):
    root = make_project(tmp_path)
    builder.write(root)
    (root / "datapackage.json.sha256").write_text("0" * 64 + "  datapackage.json\n", encoding="utf-8")
    stale = "datapackage.json.sha256: missing or does not pin the committed datapackage.json"
    assert builder.stale_outputs(root) == [stale]


def test_the_pin_is_what_sha256sum_checks(installed: Path):
    digest, name = (installed / "datapackage.json.sha256").read_text(encoding="utf-8").split()
    assert (digest, name) == (sha256((installed / "datapackage.json").read_bytes()), "datapackage.json")


# 3. Paths that cannot be written: one line naming the path and the cause, exit 1.


def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "a-file"
    path.write_text("mine", encoding="utf-8")
    return path


OUTPUT_CASES = {
    "export-csv-proc": (lambda f: ["export", "--format", "csv", "/proc/x"], "/proc/x: No such file or directory"),
    "export-sqlite-proc": (lambda f: ["export", "--format", "sqlite", "/proc/x"], "/proc/x: No such file or directory"),
    "report-proc": (lambda f: ["report", "/proc/x"], "/proc/x: No such file or directory"),
    "report-below-a-file": (lambda f: ["report", f"{f}/sub"], "{f}/sub: {f} is not a folder"),
    "report-onto-a-file": (lambda f: ["report", str(f)], "{f} is not a folder"),
    "export-below-a-file": (lambda f: ["export", f"{f}/sub", "--format", "json"], "{f}/sub: {f} is not a folder"),
}


@pytest.mark.parametrize("argv, message", OUTPUT_CASES.values(), ids=OUTPUT_CASES.keys())
def test_an_unwritable_output_path_is_one_line(tmp_path: Path, capsys, argv, message: str):
    if "/proc/" in str(argv(None)) and not Path("/proc/self").exists():
        pytest.skip("needs Linux's /proc")
    path = a_file(tmp_path)
    assert run(capsys, *argv(path)) == (1, "", f"error: {message.format(f=path)}\n")
    assert path.read_text(encoding="utf-8") == "mine"


def test_no_traceback_from_an_installed_command(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "china_russia_tools", "report", f"{a_file(tmp_path)}/sub"],
        capture_output=True, text=True, check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"error: {tmp_path}/a-file/sub: {tmp_path}/a-file is not a folder\n"


# 4. Output folders: only what china-russia-tools wrote there, recognised by its manifest, is replaced.


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
    with pytest.raises(ExportError, match=re.escape(f"{tmp_path / 'data'} holds files that are not from a report (")):
        write_report(tmp_path / "data")


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


# 5. Impossible values, and the statuses a build changes.



def problems_of(root: Path) -> list[str]:
    with pytest.raises(AnnotationError) as caught:
        builder.render(root)
    return caught.value.problems


VALUE_CASES = {
    "negative-level": (
        [(FILE, "value: 68000000", "value: -68000000")],
        f"{FILE}: figures id 100-f01: value -68,000,000 is negative, but a level cannot be below 0",
    ),
    "negative-share": (
        [(FILE, "value: 57\n", "value: -57\n")],
        f"{FILE}: figures id 100-f03: value -57 is negative, but a level cannot be below 0",
    ),
    "share-above-100": (
        [
            (SEED_PATH, "bought 57%", "bought 157%"),
            (FILE, "text: 57%", "text: 157%"),
            (FILE, "value: 57\n", "value: 157\n"),
        ],
        f"{FILE}: figures id 100-f03: value 157 is above 100, but a share in percent lies within 0-100",
    ),
    "change-against-its-word": (
        [(FILE, "value: 12\n", "value: -12\n")],
        f"{FILE}: figures id 100-f02: value -12 does not carry the sign of 'up' next to '12%': a rise is positive "
        "(annotation guide, Sign)",
    ),
    "fall-written-positive": (
        [(SEED_PATH, "up 12% on June", "down 12% on June")],
        f"{FILE}: figures id 100-f02: value 12 does not carry the sign of 'down' next to '12%': a fall is negative "
        "(annotation guide, Sign)",
    ),
    "computed-key": (
        [(FILE, "    statistic: level\n    flow_from: china\n    flow_to: russia\n    product: lathes\n",
          "    statistic: level\n    flow_from: china\n    flow_to: russia\n    product: lathes\n"
          "    check_status: consistent\n")],
        f"{FILE}: figures entry 3 (id 100-f03): computed key(s) check_status: the build computes them; remove them",
    ),
}


@pytest.mark.parametrize("edits, message", VALUE_CASES.values(), ids=VALUE_CASES.keys())
def test_an_impossible_value_is_refused(tmp_path: Path, edits, message: str):
    root = make_project(tmp_path)
    for relative, old, new in edits:
        replace_once(root, relative, old, new)
    assert message in problems_of(root)


def test_a_change_without_a_direction_word_keeps_its_sign(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "up 12% on June", "12% on June")
    replace_once(root, FILE, "value: 12\n", "value: -12\n")
    builder.render(root)  # nothing beside the number says which way it went


def test_a_negative_level_in_the_real_data_is_refused_and_nothing_is_written(project: Path):
    before = {p: p.read_bytes() for p in (project / "data").iterdir()}
    replace_once(project, "annotations/000_b9924b3dcfb55283.yaml", "value: 68000000\n", "value: -68000000\n")
    with pytest.raises(AnnotationError) as caught:
        builder.write(project)
    assert caught.value.problems == [
        "annotations/000_b9924b3dcfb55283.yaml: figures id 000-f02: value -68,000,000 is negative, "
        "but a level cannot be below 0"
    ]
    assert {p: p.read_bytes() for p in (project / "data").iterdir()} == before


def test_the_build_prints_every_status_it_changes(tmp_path: Path, capsys):
    root = make_project(tmp_path)
    builder.write(root)
    assert run(capsys, "build", "--root", str(root))[1].endswith("no status changed\n")
    replace_once(root, FILE, "    status: consistent\n", "    status: discrepancy\n    kind: scope\n")
    code, out, err = run(capsys, "build", "--root", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[-2:] == [
        "figure 100-f03: consistent -> discrepancy",
        "check 100-c01: consistent -> discrepancy",
    ]


def test_the_committed_tables_carry_no_impossible_value():
    for row in crt.records("figures"):
        if row["statistic"] in ("level", "multiple"):
            assert row["value_low"] >= 0, row["figure_id"]
        if row["statistic"].startswith("change"):  # the sign of the direction word beside it ("fell", "up")
            found = hooks.change_direction(crt.tables.source_text(row["source_id"]), row["char_start"], row["char_end"])
            if found is not None:
                assert (row["value"] < 0) == (found[0] == "fall"), row["figure_id"]


# 7. One string dtype on every supported pandas.


@pytest.mark.parametrize("name", crt.TABLES)
def test_string_columns_are_the_string_dtype(name: str):
    frame = crt.load(name)
    for field in tables.resource(name)["schema"]["fields"]:
        column = frame[field["name"]]
        if field["type"] != "string":
            continue
        # pandas' string dtype with Python storage: the same on pandas 2 and 3 (plain "string" is
        # Python-backed on 2 and Arrow-backed on 3, whose comparisons give another dtype).
        if "enum" in field.get("constraints", {}):
            assert column.cat.categories.dtype == pd.StringDtype("python"), field["name"]
        else:
            assert column.dtype == pd.StringDtype("python"), field["name"]
            assert str(column.dtype) == "string" and str((column == "x").dtype) == "boolean"


def test_a_missing_string_is_pd_na():
    assert crt.figures().set_index("figure_id").loc["003-f01", "relayed_by"] is pd.NA  # the text names no outlet


# 8. API edges.


def test_a_row_is_cited_by_its_own_id():
    figures, checks = crt.figures(), crt.checks()
    assert crt.cite(figures[figures["figure_id"] == "000-f02"].iloc[0]) == crt.cite("000-f02")
    assert crt.cite(checks.iloc[0]) == crt.cite(checks["check_id"].iloc[0])  # not the figure it holds
    discrepancy = crt.discrepancies().iloc[0]
    assert crt.cite(discrepancy, format="bibtex") == crt.cite(discrepancy["check_id"], format="bibtex")


def test_a_row_without_an_id_is_refused():
    row = crt.figures()[["value", "unit"]].iloc[0]
    message = (
        "the row holds no row id to cite it by (one of: source_id, entity_id, reference_id, product_id, "
        "product_code_id, series_id, observation_id, mention_id, figure_id, quote_id, check_id, correction_id)"
    )
    with pytest.raises(CitationError, match=f"^{re.escape(message)}$"):
        crt.cite(row)


def test_an_empty_frame_is_refused():
    with pytest.raises(CitationError, match="^the DataFrame has no rows; there is nothing to cite$"):
        crt.cite(crt.figures().iloc[:0])


def test_a_frame_without_ids_is_refused():
    message = (
        "the DataFrame has no column to cite its rows by (one of: source_id, entity_id, reference_id, product_id, "
        "product_code_id, series_id, observation_id, mention_id, figure_id, quote_id, check_id, correction_id); "
        "keep one when selecting columns"
    )
    with pytest.raises(CitationError, match=f"^{re.escape(message)}$"):
        crt.cite(crt.figures()[["value", "unit"]])


def test_entities_are_cited_row_by_row():
    entities = crt.entities()
    lines = crt.cite(entities).splitlines()
    assert lines == [*entities["citation"], crt.cite()]
    first = entities.iloc[0]
    assert lines[0] == (f"{first['name']} (entity {first['entity_id']}"
                        f"{'; Wikidata ' + first['wikidata_id'] if pd.notna(first['wikidata_id']) else ''}), "
                        f"entities table of china-russia-tools {crt.__version__}.")


def test_load_of_a_list_raises_the_packages_error():
    message = f"unknown table ['figures']; valid tables are: {', '.join(crt.TABLES)}"
    with pytest.raises(crt.UnknownTableError, match=f"^{re.escape(message)}$"):
        crt.load(["figures"])


def test_a_case_insensitive_match_is_suggested_first(capsys):
    message = (
        f"no {registry.kinds_of_id()} has the id '000-F02'; did you mean 000-f02, "
    )
    with pytest.raises(UnknownIdError, match=f"^{re.escape(message)}"):
        crt.cite("000-F02")
    code, out, err = run(capsys, "cite", "000-F02")
    assert (code, out) == (1, "") and err.startswith(f"error: {message}")


def test_export_is_in_the_top_level_api(tmp_path: Path):
    assert "export" in crt.__all__
    assert crt.export(tmp_path, "json")[-1] == tmp_path / "datapackage.json"


# 9. Citations: one key in every format; the package's release date.


@pytest.mark.parametrize("target", ["000-f02", "ft-2024-01-02", None])
def test_bibtex_keys_are_the_csl_ids(target):
    keys = re.findall(r"^@\w+\{([^,]+),$", crt.cite(target, format="bibtex"), re.M)
    assert keys == [item["id"] for item in json.loads(crt.cite(target, format="csl-json"))]
    assert keys[-1] == "china-russia-tools"


def test_the_package_citation_gives_the_release_date_of_citation_cff():
    import yaml

    released = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["date-released"]
    assert f"Version {crt.__version__}, released {released}." in crt.cite()


# 10. Self-describing tables.


@pytest.mark.parametrize("name", crt.TABLES)
def test_help_lists_every_column_from_the_descriptor(name: str):
    doc = getattr(crt, name).__doc__
    for field in tables.resource(name)["schema"]["fields"]:
        assert re.search(rf"^    {field['name']} : {field['type']}\b", doc, re.M), field["name"]
        assert f"\n        {field['description']}\n" in doc + "\n", field["name"]


def test_the_column_docs_cost_no_table_read():
    code = (
        "import sys, china_russia_tools as crt; assert 'unit : string' in crt.figures.__doc__; "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


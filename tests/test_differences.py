"""`diff`: rows and columns added, removed and changed between two copies of the data, values compared
through their declared types. The expectations are written by hand from the edits each test makes."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import builder, tables
from china_russia_tools.cli import main
from china_russia_tools.differences import find_descriptor
from china_russia_tools.errors import DataError
from china_russia_tools.export import export
from conftest import deadline
from minimal_project import ANNOTATION_PATH, make_project, replace_once

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """OLD: the small project, built. NEW: one value changed, one row added, one removed, one column added."""
    old = make_project(tmp_path_factory.mktemp("old"))
    builder.write(old)
    new = tmp_path_factory.mktemp("new") / "project"
    shutil.copytree(old, new)
    replace_once(new, ANNOTATION_PATH, "product: lathes\n", "product: lathes and milling machines\n")
    replace_once(new, ANNOTATION_PATH, "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n",
         "  - {id: 100-m04, entity_id: china, text: China, within: from China}\n")
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(entry for entry in descriptor["resources"] if entry["name"] == "figures")
    figures["schema"]["fields"].insert(15, {"name": "product_note", "type": "string", "description": "Note."})
    (new / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    builder.write(new)
    return old, new


def test_lists_the_changes_as_text(pair, capsys):
    old, new = pair
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out == (
        f"--- {old} (version {crt.__version__})\n"
        f"+++ {new} (version {crt.__version__})\n"
        "\n"
        "mentions\n"
        "  row removed     100-m03\n"
        "  row added       100-m04\n"
        "\n"
        "figures\n"
        "  column added    product_note (string)\n"
        '  row changed     100-f03 product: "lathes" → "lathes and milling machines"\n'
    )


def test_lists_the_changes_as_json(pair, capsys):
    old, new = pair
    assert main(["diff", str(old), str(new), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "old": {"path": str(old), "version": crt.__version__},
        "new": {"path": str(new), "version": crt.__version__},
        "schema": [{"table": "figures", "column": "product_note", "change": "added", "old": None, "new": "string"}],
        "rows": [
            {"table": "mentions", "row_id": "100-m03", "field": None, "change": "removed", "old": None, "new": None},
            {"table": "mentions", "row_id": "100-m04", "field": None, "change": "added", "old": None, "new": None},
            {"table": "figures", "row_id": "100-f03", "field": "product", "change": "changed", "old": "lathes",
             "new": "lathes and milling machines"},
        ],
    }


def test_returns_data_frames(pair):
    old, new = pair
    rows, schema = crt.diff(old, new)
    assert rows.to_dict("records") == [
        {"table": "mentions", "row_id": "100-m03", "field": None, "change": "removed", "old": None, "new": None},
        {"table": "mentions", "row_id": "100-m04", "field": None, "change": "added", "old": None, "new": None},
        {"table": "figures", "row_id": "100-f03", "field": "product", "change": "changed", "old": "lathes",
         "new": "lathes and milling machines"},
    ]
    assert schema.to_dict("records") == [
        {"table": "figures", "column": "product_note", "change": "added", "old": None, "new": "string"}
    ]


def test_ignored_columns_are_not_compared(pair, capsys):
    old, new = pair
    assert main(["diff", str(old), str(new), "--ignore", "product", "--ignore", "citation"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["figures", "  column added    product_note (string)"]


def test_exit_code_as_git_diff(pair, capsys):
    old, new = pair
    assert main(["diff", str(old), str(new), "--exit-code"]) == 1
    assert main(["diff", str(old), str(old), "--exit-code"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"no differences between {old} (version {crt.__version__}) and {old} (version {crt.__version__})"
    )


def test_new_defaults_to_the_installed_data(capsys):
    assert main(["diff", str(tables.data_dir())]) == 0
    assert capsys.readouterr().out.startswith("no differences between ")


@pytest.fixture(scope="module")
def exports(pair, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """OLD of the pair exported as CSV and as JSON."""
    folders = {}
    tables.use_data_dir(pair[0])
    try:
        for format in ("csv", "json"):
            folders[format] = tmp_path_factory.mktemp(format)
            export(folders[format], format)
    finally:
        tables.use_data_dir(None)
    return folders


@pytest.mark.parametrize("format", ["csv", "json"])
def test_an_export_equals_its_parquet_tables(pair, exports, format):
    """Numbers, dates, booleans and nulls read back from text compare equal to the Parquet values."""
    rows, schema = crt.diff(pair[0], exports[format])
    assert rows.empty and schema.empty


def test_values_compare_through_their_types(pair, exports, tmp_path):
    csv = tmp_path / "csv"
    shutil.copytree(exports["csv"], csv)
    descriptor = json.loads((csv / "datapackage.json").read_text(encoding="utf-8"))
    for entry in descriptor["resources"]:
        entry.pop("hash", None)
    (csv / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    path = csv / "figures.csv"
    text = path.read_text(encoding="utf-8")
    f01 = "£68 million,68000000.0,68000000.0,68000000.0,GBP,"
    assert f01 in text and ",2023-07-31,in July,true," in text
    same = text.replace(f01, "£68 million,68000000,6.8e7,68000000.00,GBP,").replace(",true,", ",True,")
    path.write_text(same, encoding="utf-8")
    rows, _ = crt.diff(pair[0], csv)
    assert rows.empty
    changed = text.replace(f01, "£68 million,68000001,68000000,68000000,GBP,").replace(",2023-07-31,", ",2023-07-30,")
    path.write_text(changed, encoding="utf-8")
    rows, _ = crt.diff(pair[0], csv)
    assert rows[["row_id", "field", "old", "new"]].astype(str).values.tolist() == [
        ["100-f01", "value", "68000000.0", "68000001.0"],
        ["100-f01", "period_end", "2023-07-31", "2023-07-30"],
    ]


def test_finds_the_descriptor_of_a_wheel_or_sdist(pair, tmp_path):
    wheel = tmp_path / "wheel" / "china_russia_tools" / "_data"
    sdist = tmp_path / "sdist" / "china_russia_tools-0.2.0"
    for folder in (wheel, sdist):
        shutil.copytree(pair[0], folder)
    assert find_descriptor(tmp_path / "wheel") == wheel / "datapackage.json"
    assert find_descriptor(tmp_path / "sdist") == sdist / "datapackage.json"
    assert find_descriptor(sdist / "datapackage.json") == sdist / "datapackage.json"
    shutil.copytree(sdist, tmp_path / "sdist" / "china_russia_tools-0.2.1")
    with pytest.raises(DataError, match=f"^{tmp_path / 'sdist'}: holds several datapackage.json "):
        find_descriptor(tmp_path / "sdist")


def test_a_folder_without_descriptor_is_one_line_on_stderr(tmp_path, capsys):
    assert main(["diff", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {tmp_path}: no datapackage.json there (give a folder holding one, or its path)\n"
    )


def test_an_unreadable_table_is_named(pair, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(pair[0], broken)
    (broken / "data" / "figures.parquet").write_bytes(b"not parquet")
    with pytest.raises(DataError, match=f"^{re.escape(str(broken / 'data' / 'figures.parquet'))}: "):
        crt.diff(pair[0], broken)
    descriptor = json.loads((broken / "datapackage.json").read_text(encoding="utf-8"))
    for entry in descriptor["resources"]:
        entry.pop("hash", None)
    (broken / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataError, match=f"^{broken}/data/figures.parquet: cannot read table 'figures' as parquet: "):
        crt.diff(pair[0], broken)


def test_columns_retyped_and_removed_and_a_table_removed(pair, tmp_path, capsys):
    old = pair[0]
    new = tmp_path / "new"
    shutil.copytree(old, new)
    descriptor = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [entry for entry in descriptor["resources"] if entry["name"] != "checks"]
    resources = {entry["name"]: entry for entry in descriptor["resources"]}
    next(f for f in resources["figures"]["schema"]["fields"] if f["name"] == "value")["type"] = "integer"
    quotes = resources["quotes"]["schema"]
    quotes["fields"] = [field for field in quotes["fields"] if field["name"] != "note"]
    (new / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[2:] == [
        "",
        "figures",
        "  column retyped  value: number → integer",
        "",
        "quotes",
        "  column removed  note (string)",
        "",
        "checks",
        "  table removed",
        "  row removed     100-c01",
    ]


def test_diff_of_an_edited_csv_export_says_it_was_edited(tmp_path: Path):
    import hashlib
    import json

    out = tmp_path / "out"
    crt.export(out, "csv")
    path = out / "figures.csv"
    pinned = next(r["hash"] for r in json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["resources"]
                  if r["name"] == "figures").removeprefix("sha256:")
    path.write_bytes(path.read_bytes().replace(b"68000000", b"69000000", 1))
    with pytest.raises(DataError) as raised:
        crt.diff(out)
    assert str(raised.value) == (
        f"{path}: SHA-256 is {hashlib.sha256(path.read_bytes()).hexdigest()}, the descriptor says {pinned}; "
        "the file was changed after it was exported; diff reads an export as written (export it again)"
    )


def test_a_named_pipe_for_a_table_without_hash_is_refused_unopened(pair, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(pair[0], broken)
    descriptor = json.loads((broken / "datapackage.json").read_text(encoding="utf-8"))
    for entry in descriptor["resources"]:
        entry.pop("hash", None)
    (broken / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    table = broken / "data" / "figures.parquet"
    table.unlink()
    os.mkfifo(table)
    message = f"{table}: cannot read table 'figures': is a named pipe, not a regular file"
    with deadline(30), pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.diff(pair[0], broken)


def test_a_descriptor_far_larger_than_any_is_refused_before_it_is_read(pair, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(pair[0], broken)
    os.truncate(broken / "datapackage.json", tables.MAX_FILE_BYTES + 1)
    message = (f"{broken / 'datapackage.json'}: cannot read the descriptor: is 100,000,001 bytes; "
               "at most 100,000,000 are read")
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.diff(pair[0], broken)

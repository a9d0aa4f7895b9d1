"""Exports to CSV, JSON, xlsx and SQLite: files, row counts, round trips, descriptors, target folders."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import re
import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import china_russia_tools as crt
from china_russia_tools.errors import ExportError
from china_russia_tools.export import DATABASE, WORKBOOK, export, export_output
from china_russia_tools.outdir import MANIFEST
from china_russia_tools.tables import data_dir
from conftest import needs
from corpus import figure, require_row, source_of

pytestmark = pytest.mark.slow
frictionless = needs("frictionless")


export_module = importlib.import_module("china_russia_tools.export")  # crt.export is the function


SEEDS = sorted(entry["path"] for entry in crt.tables.descriptor()["resources"] if entry["path"].startswith("seeds/"))


POINT, RANGE = "000-f02", "003-f01"  # "£68 million", and "3-4 microns" with no value


def reference_row(figure_id: str) -> tuple:
    """What ``plain`` gives for a published figure, from the facts of tests/corpus.py."""
    require_row(figure_id)
    fact = figure(figure_id)
    attributed_to, _ = source_of(figure_id).attributions[figure_id]
    def day(text: str | None) -> date | None:
        return None if text is None else date.fromisoformat(text)

    def value(number: float | None) -> float | None:
        return None if number is None else float(number)

    return (figure_id, value(fact.value), value(fact.low), value(fact.high), day(fact.period_start),
            day(fact.period_end), fact.period_inferred, fact.flow_from, attributed_to)


def by_id(rows: list[tuple]) -> dict[str, tuple]:
    return {row[0]: row for row in rows}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One export per format, each in its own new folder."""
    root = tmp_path_factory.mktemp("exports")
    for format in export_module.TABLE_FORMATS:
        export(root / format, format)
    return {format: root / format for format in export_module.TABLE_FORMATS}


def read_figures(folder: Path, format: str) -> pd.DataFrame:
    """The exported figures table, read back with pandas."""
    if format == "csv":
        return pd.read_csv(folder / "figures.csv", keep_default_na=False, na_values=[""])
    if format == "json":
        return pd.DataFrame(json.loads((folder / "figures.json").read_text(encoding="utf-8")))
    if format == "xlsx":
        return pd.read_excel(folder / WORKBOOK, sheet_name="figures")
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as connection:
        return pd.read_sql_query("SELECT * FROM figures", connection)


def plain(frame: pd.DataFrame) -> list[tuple]:
    """Id, values, dates, flag and two nullable keys of each figure, as plain Python values."""
    def value(cell):
        return None if pd.isna(cell) else float(cell)

    def day(cell):
        return None if pd.isna(cell) else pd.Timestamp(cell).date()

    def text(cell):
        return None if pd.isna(cell) else str(cell)

    return [
        (row.figure_id, value(row.value), value(row.value_low), value(row.value_high), day(row.period_start),
         day(row.period_end), {True: True, False: False}[row.period_inferred], text(row.flow_from),
         text(row.attributed_to))
        for row in frame.itertuples()
    ]


@pytest.mark.parametrize("figure_id", [POINT, RANGE])
def test_parquet_reference_values(figure_id):
    assert by_id(plain(crt.figures()))[figure_id] == reference_row(figure_id)


@pytest.mark.parametrize("format", export_module.TABLE_FORMATS)
def test_figures_round_trip(exported, format):
    rows = plain(read_figures(exported[format], format))
    assert rows == plain(crt.figures())
    for figure_id in (POINT, RANGE):
        assert by_id(rows)[figure_id] == reference_row(figure_id)


def table_lengths(folder: Path, format: str) -> dict[str, int]:
    if format == "csv":
        return {name: len(pd.read_csv(folder / f"{name}.csv")) for name in crt.TABLES}
    if format == "json":
        # an empty table is written as its header row alone: count the objects
        return {
            name: sum(isinstance(row, dict) for row in json.loads((folder / f"{name}.json").read_text("utf-8")))
            for name in crt.TABLES
        }
    if format == "xlsx":
        return {name: len(sheet) for name, sheet in pd.read_excel(folder / WORKBOOK, sheet_name=None).items()}
    with contextlib.closing(sqlite3.connect(folder / DATABASE)) as connection:
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in crt.TABLES}


@pytest.mark.parametrize("format", export_module.TABLE_FORMATS)
def test_every_table_with_every_row(exported, format):
    assert table_lengths(exported[format], format) == {name: len(crt.load(name)) for name in crt.TABLES}


@pytest.mark.parametrize(
    ("format", "tables"),
    [
        ("csv", [f"{name}.csv" for name in crt.TABLES]),
        ("json", [f"{name}.json" for name in crt.TABLES]),
        ("xlsx", [WORKBOOK]),
        ("sqlite", [DATABASE]),
    ],
)
def test_files_written(tmp_path, format, tables):
    descriptor = [] if format == "sqlite" else ["datapackage.json"]
    written = export(tmp_path / "out", format)
    assert written == [tmp_path / "out" / name for name in tables + SEEDS + descriptor]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        f"out/{name}" for name in [MANIFEST, *tables, *SEEDS, *descriptor]
    )
    for seed in SEEDS:
        assert (tmp_path / "out" / seed).read_bytes() == (data_dir() / seed).read_bytes()


@pytest.mark.parametrize("format", ["csv", "json", "xlsx"])
def test_descriptor_validates_with_frictionless(exported, format):
    report = frictionless.Package(str(exported[format] / "datapackage.json")).validate()
    assert report.valid, report.flatten(["title", "message"])
    assert len(report.tasks) == len(crt.TABLES) + len(SEEDS)


def test_csv_descriptor(exported):
    descriptor = json.loads((exported["csv"] / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(entry for entry in descriptor["resources"] if entry["name"] == "figures")
    digest = hashlib.sha256((exported["csv"] / "figures.csv").read_bytes()).hexdigest()
    assert {key: figures[key] for key in ("path", "format", "mediatype", "encoding", "hash")} == {
        "path": "figures.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "hash": f"sha256:{digest}"
    }
    assert figures["schema"] == crt.tables.resource("figures")["schema"]
    seeds = [entry for entry in descriptor["resources"] if entry["name"] not in crt.TABLES]
    assert seeds == [entry for entry in crt.tables.descriptor()["resources"] if entry["name"] not in crt.TABLES]


def test_csv_cells(exported):
    text = (exported["csv"] / "figures.csv").read_text(encoding="utf-8")
    lines = {line.split(",", 1)[0]: line for line in text.splitlines()}
    source, span = require_row(POINT), require_row(POINT).spans[POINT]
    assert lines[POINT].startswith(
        f"{POINT},{source.source_id},{span.start},{span.end},{span.text},68000000.0,68000000.0,68000000.0,GBP,"
    )
    # "£68 million worth of equipment in July": CNC tools, or machine tools on the wider reading
    assert (",china,russia,machine tools,cnc-machine-tools,metalworking-machine-tools,2023-07-01,2023-07-31,in July,"
            "true,russian-customs,financial-times,ft-2024-01-02,true,,ru-customs-imports-from-cn-cnc-machine-tools,"
            in lines[POINT])
    source, span = require_row(RANGE), require_row(RANGE).spans[RANGE]
    assert lines[RANGE].startswith(
        f"{RANGE},{source.source_id},{span.start},{span.end},{span.text},,3.0,4.0,micrometre,exact,"
        "precision,level,,,machine tools,metalworking-machine-tools,,,,,false,ildar-nuriyev,,"
    )


def test_json_values(exported):
    text = (exported["json"] / "figures.json").read_text(encoding="utf-8")
    records = {record["figure_id"]: record for record in json.loads(text)}
    require_row(POINT)
    require_row(RANGE)
    assert [records[POINT][key] for key in ("value", "period_start", "period_inferred", "relayed_by")] == [
        68000000.0, "2023-07-01", True, "financial-times"
    ]
    assert [records[RANGE][key] for key in ("value", "value_low", "period_start", "flow_from")] == [
        None, 3.0, None, None
    ]


def test_frictionless_catches_a_changed_csv(exported, tmp_path):
    folder = tmp_path / "csv"
    export(folder, "csv")
    path = folder / "entities.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\nchina,", "\ncathay,"), encoding="utf-8")
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    assert sorted({error[0] for error in report.flatten(["type"])}) == ["foreign-key", "hash-count"]


def test_frictionless_reads_each_sheet_of_the_workbook(tmp_path):
    from openpyxl import load_workbook

    folder = tmp_path / "xlsx"
    export(folder, "xlsx")
    book = load_workbook(folder / WORKBOOK)
    assert book.sheetnames == list(crt.TABLES)
    assert book["mentions"]["B1"].value == "entity_id"
    book["mentions"]["B2"].value = "atlantis"
    book.save(folder / WORKBOOK)
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    errors = {task.name: sorted(error.type for error in task.errors) for task in report.tasks if task.errors}
    assert errors == {name: ["hash-count"] for name in crt.TABLES} | {"mentions": ["foreign-key", "hash-count"]}


def test_xlsx_keeps_text_that_looks_like_a_formula(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    def records(name):
        rows = crt.records(name)
        if name == "figures":
            rows[0]["note"] = "=1+1"
        return rows

    monkeypatch.setattr(export_module, "records", records)
    export(tmp_path / "xlsx", "xlsx")
    sheet = load_workbook(tmp_path / "xlsx" / WORKBOOK)["figures"]
    column = next(cell.column_letter for cell in sheet[1] if cell.value == "note")
    cell = sheet[f"{column}2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_sqlite_tables_keys_and_types(exported):
    with contextlib.closing(sqlite3.connect(exported["sqlite"] / DATABASE)) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = {row[1]: row for row in connection.execute("PRAGMA table_info(figures)")}
        keys = connection.execute("PRAGMA foreign_key_list(mentions)").fetchall()
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    assert names == list(crt.TABLES)
    assert [name for name, row in columns.items() if row[5]] == ["figure_id"]
    assert [columns[name][2] for name in ("value", "period_start", "period_inferred", "char_start")] == [
        "REAL", "DATE", "BOOLEAN", "INTEGER"
    ]
    assert (columns["unit"][3], columns["flow_from"][3]) == (1, 0)
    assert sorted((row[2], row[3], row[4]) for row in keys) == [
        ("entities", "entity_id", "entity_id"), ("sources", "source_id", "source_id")
    ]
    assert broken == []
    assert not (exported["sqlite"] / "datapackage.json").exists()


def test_unknown_format(tmp_path):
    message = (
        "unknown export format 'parquet'; valid formats are: csv, json, xlsx, sqlite, datasette, croissant, ftm, "
        "web-annotation, claimreview"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        export(tmp_path / "out", "parquet")
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_folder_with_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "draft.txt").write_text("mine too", encoding="utf-8")
    with pytest.raises(ExportError) as raised:  # the refusal's words are asserted in test_outdir.py
        export(tmp_path, "csv")
    assert str(raised.value).startswith(f"{tmp_path} ") and "(notes.txt, seeds/draft.txt)" in str(raised.value)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["draft.txt", "notes.txt", "seeds"]


def test_writes_into_an_existing_empty_folder(tmp_path):
    assert export(tmp_path, "json")[-1] == tmp_path / "datapackage.json"


def test_replaces_a_previous_export(tmp_path):
    export(tmp_path, "csv")
    written = export(tmp_path, "sqlite")
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted([tmp_path / MANIFEST, *written])
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST, DATABASE, "seeds"]


def test_write_export_returns_the_files_it_removed(tmp_path):
    first = export(tmp_path, "json")
    output = export_output(tmp_path, "claimreview")
    assert output.written == [tmp_path / "claimreview.jsonld"]
    assert output.removed == sorted(first)
    assert export_output(tmp_path, "claimreview").removed == []


def test_a_failed_export_leaves_the_previous_one(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    export(folder, "csv")
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    def records(name):
        if name == "quotes":
            raise OSError("disk full")
        return crt.records(name)

    monkeypatch.setattr(export_module, "records", records)
    with pytest.raises(OSError, match="disk full") as raised:  # naming the folder, not the temporary one
        export(folder, "json")
    assert raised.value.filename == str(folder)
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_export_is_in_the_top_level_api(tmp_path: Path):
    assert "export" in crt.__all__
    assert crt.export(tmp_path, "json")[-1] == tmp_path / "datapackage.json"

"""Backends: the same rows and values as pandas in polars and pyarrow, typed from the schema, checked files."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
import sys

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import china_russia_tools as crt
from china_russia_tools import tables
from china_russia_tools.errors import (
    DataError,
    MissingBackendError,
    UnknownBackendError,
)
from corpus import require_row
from minimal_project import (
    rehash,
)

pytestmark = pytest.mark.slow

DESCRIPTOR = json.loads(crt.descriptor_path().read_text(encoding="utf-8"))


RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"] if r["name"] in crt.TABLES}


OTHER_BACKENDS = ("polars", "pyarrow")


POLARS_TYPES = {
    "string": pl.String, "list": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean,
    "date": pl.Date,
}


ARROW_TYPES = {
    "string": pa.string(),
    "list": pa.string(),  # the items joined by their delimiter
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def plain(value):
    """A pandas cell as a plain Python value: None for a missing one, a date for a timestamp."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def pandas_rows(frame: pd.DataFrame) -> list[dict]:
    return [{column: plain(value) for column, value in row.items()} for row in frame.to_dict("records")]


def rows_of(table) -> list[dict]:
    return table.to_dicts() if isinstance(table, pl.DataFrame) else table.to_pylist()


def test_plain_pandas_rows_are_the_records():
    for name in crt.TABLES:
        assert pandas_rows(crt.load(name)) == crt.records(name)


@pytest.mark.parametrize("backend", OTHER_BACKENDS)
@pytest.mark.parametrize("name", crt.TABLES)
def test_rows_and_values_equal_those_of_pandas(name, backend):
    expected = pandas_rows(crt.load(name))
    assert rows_of(crt.load(name, backend=backend)) == expected
    assert rows_of(getattr(crt, name)(backend=backend)) == expected


@pytest.mark.parametrize("backend", OTHER_BACKENDS)
def test_discrepancies_equal_those_of_pandas(backend):
    expected = pandas_rows(crt.discrepancies())
    # The 31 discrepancy checks of figures: 000-c03..c06, c10, c11, c17..c20, c22..c25, c28, c29, c31, c32,
    # c34..c36; 003-c10..c13, c53, c54, c85, c86, c90, c91.
    assert len(expected) == 31
    assert rows_of(crt.discrepancies(backend=backend)) == expected


def test_a_discrepancy_in_polars_read_off_the_source():
    require_row("003-c10")
    # 003: "Russian exports to China fell by 8.8%"; the reports say China's exports to Russia fell 8.8%.
    frame = crt.discrepancies(backend="polars").filter(pl.col("check_id") == "003-c10")
    row = frame.to_dicts()[0]
    assert (row["figure_id"], row["text"], row["value"], row["unit"], row["kind"]) == (
        "003-f08", "8.8%", -8.8, "percent", "direction",
    )
    assert (row["flow_from"], row["flow_to"], row["publisher"]) == ("russia", "china", "The Kyiv Independent")
    unit = next(field for field in RESOURCES["figures"]["schema"]["fields"] if field["name"] == "unit")
    assert frame.schema["unit"] == pl.Enum(unit["constraints"]["enum"])
    assert frame.schema["period_start"] == pl.Date


@pytest.mark.parametrize("name", crt.TABLES)
def test_polars_types_follow_the_schema(name):
    frame = crt.load(name, backend="polars")
    fields = RESOURCES[name]["schema"]["fields"]
    assert frame.columns == [field["name"] for field in fields]
    for field in fields:
        enum = field.get("constraints", {}).get("enum")
        dtype = frame.schema[field["name"]]
        if enum is not None:
            assert dtype == pl.Enum(enum), field["name"]
            assert dtype.categories.to_list() == enum
        else:
            assert dtype == POLARS_TYPES[field["type"]], field["name"]


def test_polars_keeps_missing_integers_and_dates_as_nulls():
    sources = crt.sources(backend="polars")
    assert sources.schema["published_earliest"] == pl.Date
    figures = crt.figures(backend="polars")
    require_row("000-f02")
    f02 = figures.filter(pl.col("figure_id") == "000-f02").to_dicts()[0]
    assert (f02["period_start"], f02["period_end"]) == (dt.date(2023, 7, 1), dt.date(2023, 7, 31))
    assert figures.schema["period_inferred"] == pl.Boolean
    assert figures["period_inferred"].null_count() == 0
    assert "3-4 microns" in figures.filter(pl.col("value").is_null())["text"].to_list()  # a range: no value


@pytest.mark.parametrize("name", crt.TABLES)
def test_pyarrow_types_descriptions_and_citation(name):
    table = crt.load(name, backend="pyarrow")
    fields = RESOURCES[name]["schema"]["fields"]
    assert table.column_names == [field["name"] for field in fields]
    for field in fields:
        arrow = table.schema.field(field["name"])
        enum = field.get("constraints", {}).get("enum")
        if enum is not None:
            assert pa.types.is_dictionary(arrow.type), field["name"]
            assert arrow.type.value_type == pa.string()
            assert all(chunk.dictionary.to_pylist() == enum for chunk in table.column(field["name"]).chunks)
        else:
            assert arrow.type == ARROW_TYPES[field["type"]], field["name"]
        assert arrow.metadata[b"description"].decode() == field["description"]
    assert table.schema.metadata[b"citation"].decode() == crt.cite()
    assert table.schema.metadata[b"table"] == name.encode()


def test_writes_to_a_pandas_frame_leave_the_next_call_alone():
    first = crt.figures()
    first.iloc[0, first.columns.get_loc("value")] = -1.0
    first.loc[0, "unit"] = "USD"
    first["text"] = "changed"
    first.attrs["sources"].clear()
    assert pandas_rows(crt.figures()) == crt.records("figures")
    assert len(crt.figures().attrs["sources"]) == len(crt.records("sources"))


def test_each_call_returns_a_fresh_polars_frame():
    first = crt.figures(backend="polars")
    first[0, "value"] = -1.0
    assert crt.figures(backend="polars")[0, "value"] == 10


@pytest.mark.parametrize("backend", OTHER_BACKENDS)
def test_cite_takes_a_table_of_any_backend(backend):
    assert crt.cite(crt.discrepancies(backend=backend)) == crt.cite(crt.discrepancies())
    assert crt.cite(crt.figures(backend=backend), format="bibtex") == crt.cite(crt.figures(), format="bibtex")
    assert crt.cite(crt.entities(backend=backend)) == crt.cite(crt.entities())  # each entity, row by row


def test_polars_imports_neither_pandas_nor_pyarrow():
    code = (
        "import sys\n"
        "import china_russia_tools as crt\n"
        "loaded = sorted({'pandas', 'pyarrow', 'polars'} & set(sys.modules))\n"
        "figures = crt.figures(backend='polars')\n"
        "found = crt.discrepancies(backend='polars')\n"
        "print(loaded, type(figures).__module__, figures.height, found.height,\n"
        "      sorted({'pandas', 'pyarrow'} & set(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[0] == f"[] polars.dataframe.frame {len(crt.figures())} 31 []"


@pytest.mark.parametrize("call", [crt.load, crt.figures, crt.discrepancies], ids=["load", "figures", "discrepancies"])
def test_an_unknown_backend_names_the_valid_ones(call):
    args = ("figures",) if call is crt.load else ()
    message = r"^unknown backend 'dask'; valid backends are: pandas, polars, pyarrow$"
    with pytest.raises(UnknownBackendError, match=message):
        call(*args, backend="dask")
    assert issubclass(UnknownBackendError, ValueError)


@pytest.mark.parametrize(
    ("backend", "library", "install"),
    [
        ("polars", "polars", 'pip install "china-russia-tools[polars]"'),
        ("pyarrow", "pyarrow", 'pip install "china-russia-tools"'),
        ("pandas", "pyarrow", 'pip install "china-russia-tools"'),
        ("pandas", "pandas", 'pip install "china-russia-tools"'),
    ],
)
def test_a_missing_library_says_what_to_install(backend, library, install, monkeypatch):
    monkeypatch.setitem(sys.modules, library, None)
    message = f"backend '{backend}' needs {library}: {install}"
    with pytest.raises(MissingBackendError, match=f"^{re.escape(message)}$"):
        crt.figures(backend=backend)
    with pytest.raises(ImportError, match=f"^{re.escape(message)}$"):
        crt.discrepancies(backend=backend)


@pytest.mark.parametrize("name", crt.TABLES)
def test_table_path_is_the_checked_file(name):
    path = crt.table_path(name)
    assert path == crt.descriptor_path().parent / RESOURCES[name]["path"]
    assert "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest() == RESOURCES[name]["hash"]


def test_table_path_with_duckdb():
    import duckdb

    path = str(crt.table_path("figures")).replace("'", "''")
    found = duckdb.sql(f"select figure_id from read_parquet('{path}') where check_status = 'discrepancy'").fetchall()
    # The loader's reading of the same file; test_corpus.py pins which figures of the corpus these are.
    expected = sorted(row["figure_id"] for row in crt.records("figures") if row["check_status"] == "discrepancy")
    assert sorted(row[0] for row in found) == expected and expected


@pytest.mark.parametrize("backend", [*OTHER_BACKENDS, "path"])
def test_a_changed_file_is_refused_by_every_backend(backend, installed):
    path = installed / "data" / "figures.parquet"
    pinned = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_bytes(path.read_bytes()[:-1])
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DataError) as raised:  # its words are asserted in test_tables.py
        crt.table_path("figures") if backend == "path" else crt.figures(backend=backend)
    assert str(raised.value).startswith(f"{path}: ")
    assert actual in str(raised.value) and pinned in str(raised.value)


def test_polars_refuses_a_file_that_is_not_parquet(installed):
    path = installed / "data" / "figures.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    rehash(installed, "figures")
    with pytest.raises(DataError, match=f"^{re.escape(f'{path}: cannot read table ' + repr('figures'))}, the file is "):
        crt.figures(backend="polars")


def test_polars_refuses_columns_that_differ_from_the_schema(installed):
    path = installed / "data" / "figures.parquet"
    pl.read_parquet(path).drop("note").write_parquet(path)
    rehash(installed, "figures")
    with pytest.raises(DataError, match=f"^{re.escape(str(path))}: columns \\[.*\\] differ from the schema's \\["):
        crt.figures(backend="polars")


@pytest.mark.parametrize(("backend", "found"), [("polars", "polars String"), ("pyarrow", "Arrow large_string")])
def test_text_where_the_schema_says_integer_is_refused(backend, found, installed):
    # char_start as the text "91" and so on: polars would cast it to Int64 without a word.
    path = installed / "data" / "figures.parquet"
    pl.read_parquet(path).with_columns(pl.col("char_start").cast(pl.String)).write_parquet(path)
    rehash(installed, "figures")
    message = (f"{installed}/datapackage.json: table 'figures', column 'char_start' is declared integer, "
               f"but its data is string ({found})")
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures(backend=backend)


@pytest.mark.parametrize("backend", OTHER_BACKENDS)
def test_a_value_outside_its_enum_is_refused(backend, installed):
    path = installed / "data" / "figures.parquet"
    frame = pl.read_parquet(path)
    frame.with_columns(pl.when(pl.col("figure_id") == frame["figure_id"][0]).then(pl.lit("XYZ"))
                       .otherwise(pl.col("unit")).alias("unit")).write_parquet(path)
    rehash(installed, "figures")
    with pytest.raises(DataError, match="table 'figures'") as raised:
        crt.figures(backend=backend)
    assert "XYZ" in str(raised.value)


def test_no_discrepancies_gives_empty_typed_tables(installed):
    assert [row["status"] for row in crt.records("checks")] == ["consistent"]
    columns = list(crt.discrepancies().columns)
    assert len(columns) == 19
    unit = next(field for field in tables.resource("figures")["schema"]["fields"] if field["name"] == "unit")
    frame = crt.discrepancies(backend="polars")
    assert (frame.height, frame.columns, frame.schema["unit"]) == (0, columns, pl.Enum(unit["constraints"]["enum"]))
    table = crt.discrepancies(backend="pyarrow")
    assert (table.num_rows, table.column_names) == (0, columns)
    assert pa.types.is_dictionary(table.schema.field("unit").type)


@pytest.mark.parametrize("name", crt.TABLES)
def test_string_columns_are_the_string_dtype(name: str):
    frame = crt.load(name)
    strings = [field for field in tables.resource(name)["schema"]["fields"] if field["type"] == "string"]
    assert strings, name  # every table has string columns, at least its id
    for field in strings:
        column = frame[field["name"]]
        # pandas' string dtype with Python storage: the same on pandas 2 and 3 (plain "string" is
        # Python-backed on 2 and Arrow-backed on 3, whose comparisons give another dtype).
        if "enum" in field.get("constraints", {}):
            assert column.cat.categories.dtype == pd.StringDtype("python"), field["name"]
        else:
            assert column.dtype == pd.StringDtype("python"), field["name"]
            assert str(column.dtype) == "string" and str((column == "x").dtype) == "boolean"


def test_a_missing_string_is_pd_na():
    require_row("003-f01")
    assert crt.figures().set_index("figure_id").loc["003-f01", "relayed_by"] is pd.NA  # the text names no outlet

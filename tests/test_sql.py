"""SQL access through DuckDB: views over the installed Parquet files, typed as their schemas say."""

from __future__ import annotations

import builtins
import re
from datetime import date

import pandas as pd
import pytest

import china_russia_tools as crt
from china_russia_tools.sql import connect
from conftest import needs
from corpus import CODES, figure, present, require_row

pytestmark = pytest.mark.slow
needs("duckdb")


JOIN = """
SELECT f.figure_id, f.value, f.unit, f.period_start, f.period_inferred,
       origin.name AS from_name, destination.name AS to_name
FROM figures AS f
LEFT JOIN entities AS origin ON origin.entity_id = f.flow_from
LEFT JOIN entities AS destination ON destination.entity_id = f.flow_to
ORDER BY f.figure_id
"""


@pytest.fixture
def connection():
    with connect() as connection:
        yield connection


def test_row_counts(connection):
    counts = {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] for name in crt.TABLES}
    assert counts == {name: len(crt.load(name)) for name in crt.TABLES}


def test_join_equals_pandas(connection):
    names = crt.entities().set_index("entity_id")["name"]
    figures = crt.figures()
    expected = pd.DataFrame({
        "figure_id": figures["figure_id"],
        "value": figures["value"],
        "unit": figures["unit"].astype(str),
        "period_start": figures["period_start"],
        "period_inferred": figures["period_inferred"],
        "from_name": figures["flow_from"].map(names),
        "to_name": figures["flow_to"].map(names),
    }).sort_values("figure_id", ignore_index=True)
    found = connection.sql(JOIN).df()
    found["period_start"] = found["period_start"].astype("datetime64[ms]")  # DuckDB gives microseconds
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)
    found = found.set_index("figure_id", drop=False)
    require_row("000-f02")
    f02 = figure("000-f02")
    assert [f02.value, f02.unit, f02.period_start, f02.period_inferred] == [68000000.0, "GBP", "2023-07-01", True]
    assert found.loc["000-f02"].tolist() == [
        "000-f02", 68000000.0, "GBP", pd.Timestamp("2023-07-01"), True, "China", "Russia"
    ]
    require_row("003-f08")
    assert found.loc["003-f08", ["figure_id", "from_name", "to_name"]].tolist() == ["003-f08", "Russia", "China"]


def test_types_follow_the_schema(connection):
    types = dict(connection.execute("SELECT column_name, column_type FROM (DESCRIBE figures)").fetchall())
    assert [types[name] for name in ("figure_id", "char_start", "value", "period_start", "period_inferred")] == [
        "VARCHAR", "BIGINT", "DOUBLE", "DATE", "BOOLEAN"
    ]
    require_row("000-f02")
    rows = connection.execute("SELECT period_end, period_inferred FROM figures WHERE figure_id = '000-f02'").fetchall()
    assert rows == [(date(2023, 7, 31), True)]


def test_references_needs_quotes_and_works(connection):
    assert connection.execute('SELECT count(*) FROM "references"').fetchall()[0][0] == len(crt.references())


def test_join_with_own_data(connection):
    rates = pd.DataFrame({"unit": ["GBP", "USD"], "usd_per_unit": [1.25, 1.0]})
    connection.register("rates", rates)
    rows = connection.execute(
        "SELECT figure_id, value * usd_per_unit FROM figures JOIN rates USING (unit) ORDER BY figure_id"
    ).fetchall()
    figures = crt.figures()
    in_dollars = figures["unit"].astype(str).map({"GBP": 1.25, "USD": 1.0})
    kept = in_dollars.notna()
    assert rows == sorted(
        zip(figures.loc[kept, "figure_id"], figures.loc[kept, "value"] * in_dollars[kept], strict=True))
    # Of the published figures: £68 million, £6.5 million, US$244.8 billion and around US$145 billion.
    published = [row for facts in present().values() for row in facts.figures if row.unit in ("GBP", "USD")]
    rate = {"GBP": 1.25, "USD": 1.0}
    ids = {row.figure_id for row in published}
    assert [row for row in rows if row[0] in ids] == [(row.figure_id, row.value * rate[row.unit]) for row in published]


def test_database_file_keeps_the_views(tmp_path):
    path = str(tmp_path / "work.duckdb")
    connect(path).close()
    with connect(path) as connection:
        counts = connection.execute("SELECT count(*), count(*) FILTER (WHERE metonym) FROM mentions").fetchall()[0]
    mentions = crt.mentions()
    assert counts == (len(mentions), mentions["metonym"].sum())


def test_missing_duckdb(monkeypatch):
    real_import = builtins.__import__

    def without_duckdb(name, *args, **kwargs):
        if name == "duckdb":
            raise ImportError("No module named 'duckdb'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_duckdb)
    message = 'SQL access needs duckdb: pip install "china-russia-tools[sql]"'
    with pytest.raises(ImportError, match=f"^{re.escape(message)}$"):
        connect()


def test_sql_views_carry_the_new_tables():
    needs("duckdb")
    require_row("000-f01")
    con = crt.connect()
    rows = con.sql(
        "select f.figure_id, c.code from figures f join product_codes c using (product_id) "
        "where f.figure_id = '000-f01' order by c.code"
    ).fetchall()
    assert rows == [("000-f01", code) for code in sorted(CODES["cnc-machine-tools"])]
    assert con.sql("select wikidata_id from entities where entity_id = 'china'").fetchall() == [("Q148",)]

"""The loader: one call per table, typed columns from the one schema, fresh copies, citations."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

import china_russia_tools as crt

DESCRIPTOR = json.loads(crt.descriptor_path().read_text(encoding="utf-8"))
SCHEMAS = {r["name"]: r["schema"] for r in DESCRIPTOR["resources"] if r["name"] in crt.TABLES}


def expected_dtype(field: dict) -> str:
    constraints = field.get("constraints", {})
    if "enum" in constraints:
        return "category"
    return {
        "string": "string",
        "integer": "int64" if constraints.get("required") else "Int64",
        "number": "float64",
        "boolean": "bool",
        "date": "datetime64[ms]",
    }[field["type"]]


@pytest.mark.parametrize("name", crt.TABLES)
def test_columns_and_dtypes_follow_the_schema(name):
    frame = crt.load(name)
    fields = SCHEMAS[name]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        assert str(frame[field["name"]].dtype) == expected_dtype(field), field["name"]
        if "enum" in field.get("constraints", {}):
            assert list(frame[field["name"]].cat.categories) == field["constraints"]["enum"]


@pytest.mark.parametrize("name", crt.TABLES)
def test_named_function_equals_load(name):
    pd.testing.assert_frame_equal(getattr(crt, name)(), crt.load(name))


@pytest.mark.parametrize("name", crt.TABLES)
def test_every_row_carries_a_citation(name):
    frame = crt.load(name)
    assert frame["citation"].notna().all() and (frame["citation"].str.len() > 20).all()
    assert frame.attrs["citation"].startswith("china-russia-tools maintainers")
    if name != "sources":
        assert set(frame.attrs["sources"]) == {"000_b9924b3dcfb55283", "003_c75e6f810a717f86"}


def test_row_counts_match_the_annotation_files():
    import yaml

    from conftest import ROOT

    counts = {
        name: len(yaml.safe_load((ROOT / "annotations" / f"{name}.yaml").read_text(encoding="utf-8"))[name])
        for name in ("entities", "references")
    }
    for path in (ROOT / "annotations").glob("0*.yaml"):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        counts["sources"] = counts.get("sources", 0) + 1
        for layer in ("figures", "mentions", "quotes", "checks"):
            counts[layer] = counts.get(layer, 0) + len(content.get(layer) or [])
    assert {name: len(crt.load(name)) for name in crt.TABLES} == counts


def test_each_call_returns_a_fresh_copy():
    first = crt.figures()
    first.loc[0, "value"] = -1.0
    first.attrs["citation"] = "changed"
    second = crt.figures()
    assert second.loc[0, "value"] == 10
    assert second.attrs["citation"].startswith("china-russia-tools maintainers")


def test_unknown_table_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"unknown table 'nope'; valid tables are: sources, entities, references, mentions, figures, quotes, checks$"):
        crt.load("nope")


def test_import_does_not_import_frictionless_or_pandas(tmp_path):
    code = "import sys, china_russia_tools; print('frictionless' in sys.modules, 'pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.split() == ["False", "False"]


def test_foreign_keys_hold(tables):
    entity_ids = set(tables["entities"]["entity_id"])
    source_ids = set(tables["sources"]["source_id"])
    for name, columns in {
        "mentions": ["entity_id"],
        "figures": ["flow_from", "flow_to", "attributed_to", "relayed_by"],
        "quotes": ["speaker_id", "venue_id"],
        "checks": [],
    }.items():
        frame = tables[name]
        assert set(frame["source_id"]) <= source_ids
        for column in columns:
            assert set(frame[column].dropna()) <= entity_ids, (name, column)
    checks = tables["checks"]
    assert set(checks["figure_id"].dropna()) <= set(tables["figures"]["figure_id"])
    assert set(checks["quote_id"].dropna()) <= set(tables["quotes"]["quote_id"])
    assert set(checks["reference_id"].dropna()) <= set(tables["references"]["reference_id"])
    assert set(tables["sources"]["published_reference_id"].dropna()) <= set(tables["references"]["reference_id"])


def test_metonyms_resolve_to_the_state(tables):
    mentions = tables["mentions"]
    metonyms = mentions[mentions["metonym"]]
    assert sorted(set(zip(metonyms["text"], metonyms["entity_id"]))) == [
        ("Beijing", "china"), ("Kremlin", "russia"), ("Moscow", "russia"),
    ]


def test_quotes_speakers_and_venues(tables):
    quotes = tables["quotes"].set_index("quote_id")
    # “China has restricted the supply of high-tech equipment, although this is rarely mentioned,” Nuriyev stated.
    assert quotes.loc["003-q01", ["kind", "speaker_id", "cue", "venue_id"]].tolist() == ["direct", "ildar-nuriyev", "stated", "temp-forum"]
    # stating that both countries “have consistently moved forward hand-in-hand along the correct path of non-alignment.”
    assert quotes.loc["003-q04", ["kind", "speaker_id", "cue"]].tolist() == ["direct", "xi-jinping", "stating"]
    # described their relationship as a “no limits” partnership
    assert quotes.loc["003-q05", "kind"] == "phrase" and pd.isna(quotes.loc["003-q05", "speaker_id"])


@pytest.mark.parametrize("name", crt.TABLES)
def test_id_column_is_the_primary_key(name):
    from china_russia_tools.tables import id_column

    assert SCHEMAS[name]["primaryKey"] == [id_column(name)] == [crt.load(name).columns[0]]

"""The loader: one call per table, rows as the annotation files say, the published sources' own facts.

What every table promises (columns, dtypes, keys, citations, fresh copies) is in test_contract.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
import yaml

import china_russia_tools as crt
from china_russia_tools import registry
from conftest import ROOT
from corpus import present

DESCRIPTOR = json.loads(crt.descriptor_path().read_text(encoding="utf-8"))
SCHEMAS = {r["name"]: r["schema"] for r in DESCRIPTOR["resources"] if r["name"] in crt.TABLES}
SHARED_FILES = registry.of_kind("shared")  # each kept in annotations/<name>.yaml
PUBLISHED = [pytest.param(facts, id=source_id) for source_id, facts in present().items()]


def test_row_counts_match_the_annotation_files():
    counts = {
        name: len(yaml.safe_load((ROOT / "annotations" / f"{name}.yaml").read_text(encoding="utf-8"))[name])
        for name in SHARED_FILES
    }
    per_source = [path for path in sorted((ROOT / "annotations").glob("*.yaml")) if path.stem not in SHARED_FILES]
    assert per_source
    counts["sources"] = len(per_source)
    for path in per_source:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for layer in ("figures", "mentions", "quotes", "checks"):
            counts[layer] = counts.get(layer, 0) + len(content.get(layer) or [])
    assert {name: len(crt.load(name)) for name in crt.TABLES} == counts


@pytest.mark.parametrize("facts", PUBLISHED)
def test_a_published_source_keeps_its_rows(facts, tables):
    counts = {name: int((tables[name]["source_id"] == facts.source_id).sum()) for name in facts.counts}
    assert counts == facts.counts


@pytest.mark.parametrize("facts", PUBLISHED)
def test_a_published_source_keeps_its_title_hash_and_dates(facts, tables):
    row = tables["sources"].set_index("source_id").loc[facts.source_id]
    assert (row["title"], row["sha256"]) == (facts.title, facts.sha256)
    assert (row["byline"] if isinstance(row["byline"], str) else None) == facts.byline
    assert str(row["published_earliest"].date()) == facts.published_earliest
    assert row["published_reference_id"] == facts.published_reference_id


def test_unknown_table_names_the_valid_ones():
    valid = ", ".join(crt.TABLES)
    with pytest.raises(ValueError, match=rf"unknown table 'nope'; valid tables are: {valid}$"):
        crt.load("nope")


def test_import_does_not_import_frictionless_or_pandas(tmp_path):
    code = "import sys, china_russia_tools; print('frictionless' in sys.modules, 'pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("facts", PUBLISHED)
def test_metonyms_resolve_to_the_state(facts, tables):
    mentions = tables["mentions"]
    metonyms = mentions[mentions["metonym"] & (mentions["source_id"] == facts.source_id)]
    assert sorted(zip(metonyms["text"], metonyms["entity_id"], strict=True)) == sorted(facts.metonyms)


@pytest.mark.parametrize("facts", [param for param in PUBLISHED if param.values[0].quotes])
def test_quotes_speakers_and_venues(facts, tables):
    quotes = tables["quotes"].set_index("quote_id")
    for quote_id, expected in facts.quotes.items():
        row = quotes.loc[quote_id, list(expected)]
        assert [None if pd.isna(value) else value for value in row] == list(expected.values()), quote_id


@pytest.mark.parametrize("name", crt.TABLES)
def test_id_column_is_the_primary_key(name):
    from china_russia_tools.tables import id_column

    assert SCHEMAS[name]["primaryKey"] == [id_column(name)] == [crt.load(name).columns[0]]


def test_seed_resources_are_one_per_source_named_by_its_id():
    # e.g. seed-000-b9924b3dcfb55283 pins seeds/000_b9924b3dcfb55283.txt
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    seeds = crt.tables.seed_resources(descriptor)
    assert {("seed-000-b9924b3dcfb55283", "seeds/000_b9924b3dcfb55283.txt")} <= {(e["name"], e["path"]) for e in seeds}
    sources = crt.records("sources")
    assert sorted((e["name"], e["path"]) for e in seeds) == sorted(
        (f"seed-{row['source_id'].replace('_', '-')}", row["path"]) for row in sources)
    assert [entry["name"] for entry in crt.tables.seed_resources()] == [entry["name"] for entry in seeds]
    assert not {entry["name"] for entry in seeds} & set(crt.TABLES)

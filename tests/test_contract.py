"""What every table promises, checked for each table alike: columns and dtypes as its schema says, a
unique primary key, foreign keys that resolve, anchored rows that are their seed's exact words, a
citation on every row and a fresh copy on every load.

Everything here comes from the descriptor and the data; nothing names a source or a row.
"""

from __future__ import annotations

import copy

import pandas as pd
import pytest

import china_russia_tools as crt
from china_russia_tools.tables import data_dir, descriptor

RESOURCES = {entry["name"]: entry for entry in descriptor()["resources"] if "schema" in entry}
ANCHOR = ("source_id", "char_start", "char_end", "text")


def schema(name: str) -> dict:
    return RESOURCES[name]["schema"]


def expected_dtype(field: dict) -> str:
    """The pandas dtype of a Table Schema field."""
    constraints = field.get("constraints", {})
    if "enum" in constraints:
        return "category"
    return {
        "string": "string",
        "list": "string",  # the items joined by their delimiter
        "integer": "int64" if constraints.get("required") else "Int64",
        "number": "float64",
        "boolean": "bool",
        "date": "datetime64[ms]",
    }[field["type"]]


def test_the_tables_are_the_descriptors_tabular_resources():
    assert list(RESOURCES) == list(crt.TABLES)


@pytest.mark.parametrize("name", crt.TABLES)
def test_columns_follow_the_schema_in_order(name, tables):
    assert list(tables[name].columns) == [field["name"] for field in schema(name)["fields"]]


@pytest.mark.parametrize("name", crt.TABLES)
def test_dtypes_follow_the_schema(name, tables):
    frame = tables[name]
    for field in schema(name)["fields"]:
        column = frame[field["name"]]
        assert str(column.dtype) == expected_dtype(field), field["name"]
        if "enum" in field.get("constraints", {}):
            assert list(column.cat.categories) == field["constraints"]["enum"], field["name"]


@pytest.mark.parametrize("name", crt.TABLES)
def test_required_columns_have_no_missing_value(name, tables):
    frame = tables[name]
    required = [field["name"] for field in schema(name)["fields"] if field.get("constraints", {}).get("required")]
    assert required, name  # every table requires some columns, at least its id
    for column in required:
        assert frame[column].notna().all(), column


@pytest.mark.parametrize("name", crt.TABLES)
def test_primary_key_is_unique_and_not_null(name, tables):
    key = schema(name)["primaryKey"]
    key = [key] if isinstance(key, str) else key
    frame = tables[name]
    assert len(frame) > 0
    assert frame[key].notna().all().all()
    assert not frame.duplicated(subset=key).any()


FOREIGN_KEYS = [
    pytest.param(name, foreign_key, id=f"{name}.{'+'.join(foreign_key['fields'])}")
    for name in crt.TABLES
    for foreign_key in schema(name).get("foreignKeys", [])
]


def test_some_tables_have_foreign_keys():
    assert FOREIGN_KEYS


@pytest.mark.parametrize("name, foreign_key", FOREIGN_KEYS)
def test_foreign_key_resolves(name, foreign_key, tables):
    fields, reference = foreign_key["fields"], foreign_key["reference"]
    fields = [fields] if isinstance(fields, str) else fields
    target = tables[reference["resource"] or name]
    target_fields = reference["fields"]
    target_fields = [target_fields] if isinstance(target_fields, str) else target_fields
    keys = set(target[target_fields].itertuples(index=False, name=None))
    frame = tables[name][fields].dropna()
    missing = set(frame.itertuples(index=False, name=None)) - keys
    assert not missing, (name, fields, sorted(missing))


ANCHORED = [name for name in crt.TABLES if set(ANCHOR) <= {field["name"] for field in schema(name)["fields"]}]


def test_some_tables_are_anchored():
    assert ANCHORED


@pytest.fixture(scope="module")
def seeds(tables) -> dict[str, str]:
    """The text of each source's seed, read from the data under test."""
    sources = tables["sources"].itertuples()
    return {row.source_id: (data_dir() / row.path).read_text(encoding="utf-8") for row in sources}


@pytest.mark.parametrize("name", ANCHORED)
def test_every_anchored_row_is_the_slice_of_its_seed(name, tables, seeds):
    frame = tables[name]
    assert len(frame) > 0
    for row in frame.itertuples():
        assert seeds[row.source_id][row.char_start:row.char_end] == row.text, row


@pytest.mark.parametrize("name", crt.TABLES)
def test_every_row_carries_a_citation(name, tables):
    frame = tables[name]
    assert frame["citation"].notna().all() and (frame["citation"].str.len() > 20).all()
    assert frame.attrs["citation"].startswith("china-russia-tools maintainers")
    assert frame.attrs["citation"] == crt.tables.package_citation()
    if name != "sources":
        sources = tables["sources"]
        assert frame.attrs["sources"] == dict(zip(sources["source_id"], sources["citation"], strict=True))


@pytest.mark.parametrize("name", crt.TABLES)
def test_named_function_equals_load(name):
    pd.testing.assert_frame_equal(getattr(crt, name)(), crt.load(name))


@pytest.mark.parametrize("name", crt.TABLES)
def test_each_load_returns_a_fresh_copy(name):
    first = crt.load(name)
    pristine = first.copy(deep=True)
    attrs = copy.deepcopy(first.attrs)
    first.iloc[0, 0] = "changed"
    first.loc[first.index[0], "citation"] = "changed"
    first.attrs["citation"] = "changed"
    for value in first.attrs.values():
        if isinstance(value, dict):
            value["changed"] = "changed"
    second = crt.load(name)
    pd.testing.assert_frame_equal(second, pristine)
    assert second.attrs == attrs

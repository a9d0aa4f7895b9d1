"""The descriptor passes frictionless, and frictionless catches what it should."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, needs

frictionless = needs("frictionless")

import china_russia_tools as crt  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def checkout_report():
    """frictionless' report on the checkout's descriptor, made once for the tests that read it."""
    return frictionless.Package(str(ROOT / "datapackage.json")).validate()


def test_installed_descriptor_is_valid(checkout_report):
    installed = crt.descriptor_path()
    same = installed.resolve() == (ROOT / "datapackage.json").resolve()  # an editable install
    report = checkout_report if same else frictionless.Package(str(installed)).validate()
    assert report.valid, report.flatten(["title", "message"])
    assert len(report.tasks) == len(crt.TABLES) + len(crt.sources())  # the tables and one seed per source


def test_checkout_descriptor_is_valid(checkout_report):
    assert checkout_report.valid, checkout_report.flatten(["title", "message"])


def test_descriptor_metadata():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert descriptor["version"] == crt.__version__
    for key in ("name", "title", "description", "keywords", "contributors", "sources", "licenses", "created"):
        assert descriptor[key], key
    for resource in descriptor["resources"]:
        if resource["name"] in crt.TABLES:
            assert resource["schema"]["primaryKey"]
            assert all(field.get("description") for field in resource["schema"]["fields"])


@pytest.mark.parametrize("seed", sorted(path.name for path in (ROOT / "seeds").glob("*.txt")))
def test_frictionless_catches_an_edited_seed(project, seed):
    path = project / "seeds" / seed
    data = path.read_bytes()
    path.write_bytes(data[:-2] + bytes([data[-2] ^ 1]) + data[-1:])  # one byte changed, the size kept
    package = frictionless.Package(str(project / "datapackage.json"))
    report = next(r for r in package.resources if r.path == f"seeds/{seed}").validate()
    assert not report.valid
    assert any(e[0] in ("hash-count", "byte-count") for e in report.flatten(["type"])), report.flatten(["type"])


def test_frictionless_catches_a_broken_foreign_key(project):
    import pyarrow.parquet as pq

    path = project / "data" / "mentions.parquet"
    table = pq.read_table(path)
    entity = table.column("entity_id").to_pylist()
    entity[0] = "atlantis"
    table = table.set_column(table.schema.get_field_index("entity_id"), table.schema.field("entity_id"), [entity])
    pq.write_table(table, path)
    report = frictionless.Package(str(project / "datapackage.json")).get_resource("mentions").validate()
    assert ["foreign-key"] == sorted({e[0] for e in report.flatten(["type"])})


def test_frictionless_validates_the_new_resources(checkout_report):
    checked = {task.name: task.valid for task in checkout_report.tasks}
    assert checked["products"] and checked["product_codes"] and checked["figures"]


@pytest.mark.parametrize(("table", "column", "value", "error"), [
    ("figures", "product_id", "widgets", "foreign-key"),
    ("product_codes", "product_id", "widgets", "foreign-key"),
    ("product_codes", "code", "84581", "constraint-error"),
    ("entities", "wikidata_id", "148", "constraint-error"),
])
def test_frictionless_catches_a_broken_identifier(project: Path, table: str, column: str, value: str, error: str):
    frictionless = needs("frictionless")
    path = project / "data" / f"{table}.parquet"
    data = pq.read_table(path)
    values = data.column(column).to_pylist()
    values[0] = value
    index = data.schema.get_field_index(column)
    pq.write_table(data.set_column(index, data.schema.field(column), pa.array(values, pa.string())), path)
    report = frictionless.Package(str(project / "datapackage.json")).get_resource(table).validate()
    assert sorted({e[0] for e in report.flatten(["type"])}) == [error]

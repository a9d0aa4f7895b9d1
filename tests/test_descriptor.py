"""The descriptor passes frictionless, and frictionless catches what it should."""

from __future__ import annotations

import json

import pytest

frictionless = pytest.importorskip("frictionless")

import china_russia_tools as crt  # noqa: E402
from conftest import ROOT  # noqa: E402


def test_installed_descriptor_is_valid():
    report = frictionless.Package(str(crt.descriptor_path())).validate()
    assert report.valid, report.flatten(["title", "message"])
    assert len(report.tasks) == len(crt.TABLES) + len(crt.sources())  # the tables and one seed per source


def test_checkout_descriptor_is_valid():
    report = frictionless.Package(str(ROOT / "datapackage.json")).validate()
    assert report.valid, report.flatten(["title", "message"])


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
    report = frictionless.Package(str(project / "datapackage.json")).validate()
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
    report = frictionless.Package(str(project / "datapackage.json")).validate()
    assert ["foreign-key"] == sorted({e[0] for e in report.flatten(["type"])})

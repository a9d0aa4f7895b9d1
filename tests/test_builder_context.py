"""The build's Context finds rows by id through an index kept up to date as rows are appended."""

from __future__ import annotations

import json

import pytest

from china_russia_tools.builder.context import Context
from conftest import ROOT

pytestmark = pytest.mark.slow

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def test_ids_and_find_follow_the_rows_as_they_are_appended():
    context = Context(ROOT, DESCRIPTOR)
    ids = context.ids("entities")
    assert "a" not in ids
    first, second = {"entity_id": "a", "name": "first"}, {"entity_id": "a", "name": "second"}
    context.rows["entities"] += [first, {"entity_id": "b"}, second]
    assert set(context.ids("entities")) == {"a", "b"} and "a" in ids  # the view grows with the rows
    assert context.find("entities", "a") is first  # the first row of an id, as a scan would find it
    context.rows["entities"].sort(key=lambda row: row["entity_id"], reverse=True)
    assert context.find("entities", "a") is first and context.find("entities", "b")["entity_id"] == "b"
    with pytest.raises(KeyError, match="entities has no row 'c'"):
        context.find("entities", "c")

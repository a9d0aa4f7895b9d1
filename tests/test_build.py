"""The build: deterministic, checked, atomic, and --check catches stale outputs."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from china_russia_tools import builder
from china_russia_tools.cli import main
from china_russia_tools.errors import AnnotationError, StaleError
from conftest import ROOT
from corpus import S000, S003, require
from minimal_project import replace_once


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_committed_outputs_are_up_to_date():
    assert builder.stale_outputs(ROOT) == []
    assert main(["build", "--check", "--root", str(ROOT)]) == 0


def test_two_builds_give_identical_bytes(project):
    builder.write(project)
    first = snapshot(project)
    builder.write(project)
    assert snapshot(project) == first


def test_check_fails_when_a_table_is_altered(project, capsys):
    import pyarrow.parquet as pq

    path = project / "data" / "figures.parquet"
    require(S000)
    table = pq.read_table(path)
    values = table.column("value").to_pylist()
    values[table.column("figure_id").to_pylist().index("000-f02")] = 86e6
    pq.write_table(table.set_column(table.schema.get_field_index("value"), table.schema.field("value"), [values]), path)
    with pytest.raises(StaleError, match=r"data/figures\.parquet: rows differ: 000-f02"):
        builder.require_current(project)
    assert main(["build", "--check", "--root", str(project)]) == 1
    assert "rows differ: 000-f02" in capsys.readouterr().err


def test_check_fails_when_a_seed_is_altered(project):
    require(S003)
    seed = project / "seeds" / f"{S003}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Editorial\n", "Editorial desk\n", 1), encoding="utf-8")
    with pytest.raises(StaleError) as caught:
        builder.require_current(project)
    message = str(caught.value)
    assert f"data/sources.parquet: rows differ: {S003}" in message
    assert "datapackage.json: differs" in message


def test_check_fails_when_an_annotation_changes(project):
    require(S000)
    path = project / "annotations" / f"{S000}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Same sentence as 000-f02", "As 000-f02"), encoding="utf-8")
    with pytest.raises(StaleError, match="rows differ: 000-f03"):
        builder.require_current(project)


@pytest.mark.parametrize("old, new, message", [
    ("value: 68000000", "value: 6800000",
     "figures id 000-f02: value 6,800,000 does not agree with the number written in text '£68 million' (68,000,000)"),
    ("value: 57\n", "value: 0.57\n",
     "figures id 000-f04: value 0.57 does not agree with the number written in text '57%' (57)"),
])
def test_a_value_must_agree_with_its_written_number(project, old, new, message):
    require(S000)
    replace_once(project, f"annotations/{S000}.yaml", old, new)
    with pytest.raises(AnnotationError, match=re.escape(message)):
        builder.render(project)


def test_failed_build_writes_nothing(project):
    require(S003)
    path = project / "annotations" / f"{S003}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("text: 16.4%", "text: 61.4%"), encoding="utf-8")
    before = snapshot(project)
    message = rf"annotations/{S003}\.yaml: figures id 003-f03: text '61\.4%' does not occur in the source"
    with pytest.raises(AnnotationError, match=message):
        builder.write(project)
    assert snapshot(project) == before


def test_all_problems_are_reported_at_once(project):
    require(S000)
    path = project / "annotations" / f"{S000}.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("unit: GBP", "unit: GBX", 1).replace("entity_id: taiwan", "entity_id: formosa")
    text = text.replace("{id: 000-m05, entity_id: ukraine, text: Ukraine}",
                        "{id: 000-m05, entity_id: ukraine, text: Russia}")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        builder.render(project)
    problems = caught.value.problems
    assert len(problems) == 4, problems
    assert f"annotations/{S000}.yaml: figures entry 2 (id 000-f02): unit 'GBX' is not one of: GBP, USD" in problems[0]
    assert any("mentions id 000-m05: text 'Russia' occurs 10 times in the source" in p for p in problems)
    unknown = "mentions id 000-m18: entity_id 'formosa' is not an entity in annotations/entities.yaml"
    assert any(unknown in p for p in problems)
    assert any("mentions id 000-m18: text 'Taiwan' is not the name of entity 'formosa'" in p for p in problems)


def test_an_id_may_name_one_row_of_one_table(project):
    path = project / "annotations" / "references.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: uwc-2024-01-04", "  - id: china"), encoding="utf-8")
    with pytest.raises(AnnotationError, match=re.escape(
        "annotations/: the id 'china' names rows of entities and references; ids must be unique across tables"
    )):
        builder.render(project)

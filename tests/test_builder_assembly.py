"""builder/assembly.py: the order of the build on the small project of minimal_project.py and on the
published project; every problem reported at once; ids and spans unique."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError
from corpus import S000, require
from minimal_project import (
    ANNOTATION_PATH,
    SEED,
    SOURCE_ID,
    make_project,
    replace_once,
)


def test_the_small_project_builds(tmp_path: Path):
    output = builder.write(make_project(tmp_path))
    assert {name: table.num_rows for name, table in output.tables.items()} == {
        "sources": 1, "entities": 2, "references": 1, "products": 2, "product_codes": 2, "mentions": 3, "figures": 3,
        "quotes": 1, "checks": 1, "corrections": 0, "series": 1, "observations": 1,
    }
    assert output.tables["sources"].column("source_id").to_pylist() == [SOURCE_ID]


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


def problems(root) -> list[str]:
    with pytest.raises(AnnotationError) as raised:
        builder.render(root)
    return [line.split(": ", 2)[-1] for line in raised.value.problems]


def test_two_rows_of_one_table_on_one_span_are_refused(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n",
                 "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n"
                 "  - {id: 100-m04, entity_id: russia, text: Moscow, metonym: true}\n")
    start = SEED.index("Moscow")
    assert problems(root) == [
        f"2 rows lie on code points {start}-{start + 6}; a span holds at most one row of a table"
    ]

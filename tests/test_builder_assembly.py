"""builder/assembly.py: the order of the build on the small project of minimal_project.py and on the
published project; every problem reported at once; ids and spans unique."""

from __future__ import annotations

from pathlib import Path

import pytest

from china_russia_tools import builder
from corpus import S000, require
from minimal_project import (
    ANNOTATION_PATH,
    SOURCE_ID,
    coded,
    make_project,
    refusal,
    replace_once,
)

pytestmark = pytest.mark.slow


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
    assert coded(refusal(project)) == [
        (f"annotations/{S000}.yaml: figures entry 2 (id 000-f02)", "invalid-value"),
        (f"annotations/{S000}.yaml: mentions id 000-m05", "span-ambiguous"),
        (f"annotations/{S000}.yaml: mentions id 000-m18", "unknown-reference"),  # no names to read its words by
    ]


def test_an_id_may_name_one_row_of_one_table(project):
    path = project / "annotations" / "references.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: uwc-2024-01-04", "  - id: china"), encoding="utf-8")
    error = refusal(project)  # the words are asserted in test_problems_words_rules.py
    assert ("annotations/", "duplicate-id") in coded(error) and "'china'" in str(error)




def test_two_rows_of_one_table_on_one_span_are_refused(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n",
                 "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n"
                 "  - {id: 100-m04, entity_id: russia, text: Moscow, metonym: true}\n")
    # Both rows named, with the code; the words are asserted in test_problems_words_rules.py.
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: mentions ids 100-m03, 100-m04", "shared-span")]

"""builder/table_kinds.py: shared rows refused for their own problem are reported once, not again by every
row that names them."""

from __future__ import annotations

import pytest

from minimal_project import ANNOTATION_PATH, coded, make_project, refusal, replace_once, with_wire

pytestmark = pytest.mark.slow


def test_a_refused_reference_is_reported_once(tmp_path):
    # The wire's relays are malformed; the paper relays it, 100-f01 names it as its report and the
    # source as where it was published: none of them is reported as naming no reference.
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, "annotations/references.yaml", "    relays: customs-2024-01-02\n",
                 "    relays: 'customs-2024-01-02, ,'\n")
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: wire-2024-01-03\n")
    replace_once(root, ANNOTATION_PATH, "published_reference_id: null", "published_reference_id: wire-2024-01-03")
    assert coded(refusal(root)) == [
        ("annotations/references.yaml: references entry 2 (id wire-2024-01-03)", "invalid-value")
    ]


def test_a_reference_to_a_row_of_another_table_is_still_reported(tmp_path):
    # russia is refused as an entity; a report_id naming it names no reference all the same.
    root = make_project(tmp_path)
    replace_once(root, "annotations/entities.yaml", "    name: Russia\n    entity_type: country\n",
                 "    name: Russia\n    entity_type: countree\n")
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: russia\n")
    assert coded(refusal(root))[1:] == [(f"{ANNOTATION_PATH}: figures id 100-f01", "unknown-reference")]


def test_a_refused_entity_is_reported_once(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, "annotations/entities.yaml", "    name: Russia\n    entity_type: country\n",
                 "    name: Russia\n    entity_type: countree\n")
    assert coded(refusal(root)) == [("annotations/entities.yaml: entities entry 2 (id russia)", "invalid-value")]

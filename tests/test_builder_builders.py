"""builder/builders.py: shared rows refused for their own problem are reported once, not again by every
row that names them."""

from __future__ import annotations

import pytest

from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError
from minimal_project import ANNOTATION_PATH, make_project, refusal, replace_once, with_wire


def problems(root) -> list[str]:
    """Every problem of a build of ``root``, whole."""
    with pytest.raises(AnnotationError) as raised:
        builder.render(root)
    return raised.value.problems


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
    error = refusal(root)
    assert error.problems == [
        "annotations/references.yaml: references entry 2 (id wire-2024-01-03): relays 'customs-2024-01-02, ,' "
        "does not match the pattern ^[a-z0-9]+(-[a-z0-9]+)*(, [a-z0-9]+(-[a-z0-9]+)*)*$"
    ]
    assert error.codes == ["invalid-value"]


def test_a_reference_to_a_row_of_another_table_is_still_reported(tmp_path):
    # russia is refused as an entity; a report_id naming it names no reference all the same.
    root = make_project(tmp_path)
    replace_once(root, "annotations/entities.yaml", "    name: Russia\n    entity_type: country\n",
                 "    name: Russia\n    entity_type: countree\n")
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: russia\n")
    assert problems(root)[1:] == [
        f"{ANNOTATION_PATH}: figures id 100-f01: report_id 'russia' is not a reference in "
        "annotations/references.yaml"
    ]


def test_a_refused_entity_is_reported_once(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, "annotations/entities.yaml", "    name: Russia\n    entity_type: country\n",
                 "    name: Russia\n    entity_type: countree\n")
    error = refusal(root)
    assert error.problems == [
        "annotations/entities.yaml: entities entry 2 (id russia): entity_type 'countree' is not one of: country, "
        "bloc, company, plant, institute, forum, person, weapon_system, engine_model, newspaper, official_body, "
        "news_agency"
    ]
    assert error.codes == ["invalid-value"]

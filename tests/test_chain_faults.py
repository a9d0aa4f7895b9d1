"""The own-chain rule and refused shared rows, on the small project of minimal_project.py: an agency's
release relays nothing else, and a shared row refused for its own problem is reported once, not again
by every row that names it."""

from __future__ import annotations

import os
import shutil

import pytest

from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError
from minimal_project import ANNOTATION_PATH, make_project, refusal, replace_once
from test_chains import add_check, with_wire


def problems(root) -> list[str]:
    """Every problem of a build of ``root``, whole."""
    with pytest.raises(AnnotationError) as raised:
        builder.render(root)
    return raised.value.problems


def report_through_the_wire(root) -> None:
    """100-f01 relays the paper, which relays the wire, which relays the customs table; its observation
    is read in the wire."""
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    replace_once(root, "annotations/observations.yaml", "    reference_id: customs-2024-01-02\n",
                 "    reference_id: wire-2024-01-03\n")


def test_a_release_that_relays_a_report_does_not_lift_the_own_chain_rule(tmp_path):
    # The wire relays the customs table; calling it china's release must not let it decide a data
    # verdict on a figure whose chain runs through it.
    root = make_project(tmp_path)
    report_through_the_wire(root)
    replace_once(root, "annotations/references.yaml", "    note: A wire story relaying the customs table.\n",
                 "    note: A wire story relaying the customs table.\n    release_of: china\n")
    add_check(root)
    error = refusal(root)
    assert error.problems == [
        "annotations/references.yaml: references id wire-2024-01-03: release_of 'china' says it is that agency's "
        "own release, but it relays customs-2024-01-02; an agency's release relays nothing but that agency",
        f"{ANNOTATION_PATH}: checks id 100-c02: a data check may not rest on the figure's own chain: observation "
        "customs-2024-01-02-july is read in wire-2024-01-03, which shares wire-2024-01-03, customs-2024-01-02 "
        "with 100-f01's chain (100_0123456789abcdef > paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02); "
        "it confirms the relay, not the number: ask the relay question with a reference check",
    ]
    assert error.codes == ["release-relays", "own-chain-data"]


def test_a_release_may_name_its_own_agency_as_what_it_relays(tmp_path):
    root = make_project(tmp_path)
    report_through_the_wire(root)
    replace_once(root, "annotations/references.yaml", "    relays: customs-2024-01-02\n",
                 "    relays: china\n    release_of: china\n")
    add_check(root)
    rows = builder.build_tables(root, builder.outputs.read_descriptor(root))
    check = next(row for row in rows["checks"] if row["check_id"] == "100-c02")
    assert (check["status"], check["kind"]) == ("discrepancy", "currency")


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


def test_a_series_refused_for_its_mirror_is_reported_once(tmp_path):
    root = make_project(tmp_path)
    path = root / "annotations" / "series.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: ru-imports-from-cn-machine-tools\n    agency_id: russia\n    reporter: RU\n    partner: CN\n"
        "    flow: import\n    product_id: machine-tools\n    frequency: monthly\n    currency: USD\n"
        "    public: false\n    mirror_id: cn-exports-to-ru-machine-tool\n    note: Not public.\n"
    ), encoding="utf-8")
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: ru-imports-from-cn-machine-tools\n")
    error = refusal(root)
    assert error.problems == [
        "annotations/series.yaml: series id ru-imports-from-cn-machine-tools: mirror_id "
        "'cn-exports-to-ru-machine-tool' is not a series in annotations/series.yaml"
    ]
    assert error.codes == ["unknown-reference"]


def test_a_shared_file_leading_outside_the_project_is_reported_once(tmp_path):
    root = make_project(tmp_path / "project")
    entities = root / "annotations" / "entities.yaml"
    shutil.move(entities, tmp_path / "entities.yaml")
    entities.symlink_to(tmp_path / "entities.yaml")
    error = refusal(root)
    assert error.problems == [
        f"annotations/entities.yaml: leads outside the project, to {tmp_path / 'entities.yaml'}; inputs must be "
        f"files inside {root}"
    ]
    assert error.codes == ["outside-project"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_shared_file_that_is_a_pipe_is_not_a_regular_file(tmp_path):
    root = make_project(tmp_path)
    entities = root / "annotations" / "entities.yaml"
    entities.unlink()
    os.mkfifo(entities)
    error = refusal(root)
    assert error.problems == ["annotations/entities.yaml: is not a regular file"]
    assert error.codes == ["not-regular-file"]

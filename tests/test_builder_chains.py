"""builder/chains.py, on the small project of minimal_project.py: what references relay, each figure's
chain, relay loops, an agency's own release, a series' mirror."""

from __future__ import annotations

import pytest

from china_russia_tools import builder
from minimal_project import (
    ANNOTATION_PATH,
    add_check,
    coded,
    figures_of,
    make_project,
    refusal,
    replace_once,
    with_wire,
)

pytestmark = pytest.mark.slow


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
    assert coded(refusal(root)) == [
        ("annotations/references.yaml: references id wire-2024-01-03", "release-relays"),
        (f"{ANNOTATION_PATH}: checks id 100-c02", "own-chain-data"),
    ]


def test_a_release_may_name_its_own_agency_as_what_it_relays(tmp_path):
    root = make_project(tmp_path)
    report_through_the_wire(root)
    replace_once(root, "annotations/references.yaml", "    relays: customs-2024-01-02\n",
                 "    relays: china\n    release_of: china\n")
    add_check(root)
    rows = builder.build_tables(root, builder.outputs.read_descriptor(root))
    check = next(row for row in rows["checks"] if row["check_id"] == "100-c02")
    assert (check["status"], check["kind"]) == ("discrepancy", "currency")


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
    assert coded(refusal(root)) == [
        ("annotations/series.yaml: series id ru-imports-from-cn-machine-tools", "unknown-reference")
    ]




def test_a_figure_without_report_has_a_chain_of_its_source(tmp_path):
    figures, _ = figures_of(make_project(tmp_path))
    assert figures["100-f01"]["chain"] == "100_0123456789abcdef"


def test_a_figure_s_chain_follows_its_report_and_what_that_relays(tmp_path):
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    figures, _ = figures_of(root)
    assert figures["100-f01"]["chain"] == (
        "100_0123456789abcdef > paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02"
    )


def test_an_unknown_relay_is_refused(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, "annotations/references.yaml", "    url: null\n", "    url: null\n    relays: nobody\n")
    assert coded(refusal(root)) == [
        ("annotations/references.yaml: references id customs-2024-01-02", "unknown-reference")
    ]


def test_a_relay_loop_is_refused(tmp_path):
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, "annotations/references.yaml", "    url: null\n    note: A table",
                 "    url: null\n    relays: paper-2024-01-04\n    note: A table")
    assert sorted(coded(refusal(root))) == [
        (f"annotations/references.yaml: references id {reference}", "relay-loop")
        for reference in ("customs-2024-01-02", "paper-2024-01-04", "wire-2024-01-03")
    ]


def test_a_mirror_must_be_the_public_partner_side(tmp_path):
    root = make_project(tmp_path)
    path = root / "annotations" / "series.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: ru-imports-from-cn-machine-tools\n    agency_id: russia\n    reporter: RU\n    partner: CN\n"
        "    flow: export\n    product_id: machine-tools\n    frequency: monthly\n    currency: USD\n"
        "    public: false\n    mirror_id: cn-exports-to-ru-machine-tools\n    note: Not public.\n"
    ), encoding="utf-8")
    assert coded(refusal(root)) == [
        ("annotations/series.yaml: series id ru-imports-from-cn-machine-tools", "mirror-series")
    ]

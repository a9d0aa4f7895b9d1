"""Relay chains, the two verdicts, series and observations, on the small project of minimal_project.py:
what the build derives, and what it refuses."""

from __future__ import annotations

import pytest

import china_russia_tools as crt
from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError
from minimal_project import ANNOTATION_PATH, SEED, make_project, replace_once

WIRE = """\
  - id: wire-2024-01-03
    publisher: Example Wire
    title: Lathe imports
    published: 2024-01-03
    url: null
    relays: customs-2024-01-02
    note: A wire story relaying the customs table.
  - id: paper-2024-01-04
    publisher: Example Paper
    title: More lathes
    published: 2024-01-04
    url: null
    relays: wire-2024-01-03
    note: A newspaper story relaying the wire.
"""

DATA_CHECK = """\
  - id: 100-c02
    figure_id: 100-f01
    question: data
    method: observation
    rule: equal
    observations: customs-2024-01-02-july
"""


def with_wire(root):
    """Add a wire relaying the customs table and a paper relaying the wire."""
    path = root / "annotations" / "references.yaml"
    path.write_text(path.read_text(encoding="utf-8") + WIRE, encoding="utf-8")


def add_check(root, text: str = DATA_CHECK) -> None:
    path = root / ANNOTATION_PATH
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def problems(root) -> list[str]:
    with pytest.raises(AnnotationError) as raised:
        builder.render(root)
    return [line.split(": ", 2)[-1] for line in raised.value.problems]


def figures_of(root) -> dict[str, dict]:
    rows = builder.build_tables(root, builder.outputs.read_descriptor(root))
    return {row["figure_id"]: row for row in rows["figures"]}, {row["check_id"]: row for row in rows["checks"]}


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


def test_an_observation_check_computes_status_and_kind(tmp_path):
    root = make_project(tmp_path)
    add_check(root)
    figures, checks = figures_of(root)
    # £68 million against 68 million US dollars: the same number in another currency.
    assert (checks["100-c02"]["status"], checks["100-c02"]["kind"]) == ("discrepancy", "currency")
    assert (figures["100-f01"]["relay_status"], figures["100-f01"]["data_status"]) == ("unverified", "discrepancy")
    assert figures["100-f01"]["check_status"] == "discrepancy"


def test_an_observation_in_the_figure_s_unit_is_consistent(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, "annotations/observations.yaml", "    unit: USD\n", "    unit: GBP\n")
    add_check(root)
    figures, checks = figures_of(root)
    assert (checks["100-c02"]["status"], checks["100-c02"]["kind"]) == ("consistent", None)
    assert (figures["100-f01"]["relay_status"], figures["100-f01"]["data_status"]) == ("unverified", "consistent")


def test_a_data_verdict_resting_on_the_figure_s_own_chain_is_refused(tmp_path):
    # The planted violation: the figure relays the paper, which relays the wire; the observation is read
    # in the wire itself, so it can only confirm the relay.
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    replace_once(root, "annotations/observations.yaml", "    reference_id: customs-2024-01-02\n",
                 "    reference_id: wire-2024-01-03\n")
    add_check(root)
    assert problems(root) == [
        "a data check may not rest on the figure's own chain: observation customs-2024-01-02-july is read in "
        "wire-2024-01-03, which shares wire-2024-01-03, customs-2024-01-02 with 100-f01's chain "
        "(100_0123456789abcdef > paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02); it confirms the relay, "
        "not the number: ask the relay question with a reference check"
    ]


def test_the_agency_s_own_release_decides_even_inside_the_chain(tmp_path):
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    replace_once(root, "annotations/references.yaml", "    note: A table of imports by country of origin.\n",
                 "    note: A table of imports by country of origin.\n    release_of: china\n")
    add_check(root)
    _, checks = figures_of(root)
    assert checks["100-c02"]["status"] == "discrepancy"


@pytest.mark.parametrize(("check", "message"), [
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: arithmetic\n    rule: multiple\n"
     "    operands: 100-f02, 100-f03\n",
     "arithmetic alone never decides a data verdict: a data check compares observations"),
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: reference\n"
     "    reference_id: customs-2024-01-02\n    status: consistent\n    expected: x\n    found: y\n",
     "a data check that is consistent or a discrepancy compares the figure with observations (method "
     "observation); a reference check answers the relay question"),
    ("  - id: 100-c02\n    quote_id: 100-q01\n    question: data\n    method: reference\n    status: unverified\n",
     "only a figure can have a data check; a quote's check asks the relay question"),
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: relay\n    method: observation\n    rule: equal\n"
     "    observations: customs-2024-01-02-july\n",
     "an observation check answers the data question; set question: data"),
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: observation\n    rule: equal\n"
     "    observations: nowhere\n",
     "observations must name one row of annotations/observations.yaml, got 'nowhere'"),
])
def test_a_check_whose_question_does_not_fit_is_refused(tmp_path, check, message):
    root = make_project(tmp_path)
    add_check(root, check)
    assert problems(root) == [message]


def test_an_unknown_relay_is_refused(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, "annotations/references.yaml", "    url: null\n", "    url: null\n    relays: nobody\n")
    assert problems(root) == ["relays 'nobody', which is neither a reference nor an entity"]


def test_a_relay_loop_is_refused(tmp_path):
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, "annotations/references.yaml", "    url: null\n    note: A table",
                 "    url: null\n    relays: paper-2024-01-04\n    note: A table")
    assert sorted(problems(root)) == [
        "relays itself through customs-2024-01-02 > paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02; "
        "a relay chain cannot loop",
        "relays itself through paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02 > paper-2024-01-04; "
        "a relay chain cannot loop",
        "relays itself through wire-2024-01-03 > customs-2024-01-02 > paper-2024-01-04 > wire-2024-01-03; "
        "a relay chain cannot loop",
    ]


def test_a_figure_without_series_needs_a_note(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    series_note: A share of two series.\n", "")
    assert problems(root) == ["series_id is null, so series_note must say why no series fits"]


def test_an_inferred_report_needs_a_report(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_inferred: true\n")
    assert problems(root) == ["report_inferred is true, so report_id must be set and a note must say why"]


def test_a_mirror_must_be_the_public_partner_side(tmp_path):
    root = make_project(tmp_path)
    path = root / "annotations" / "series.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: ru-imports-from-cn-machine-tools\n    agency_id: russia\n    reporter: RU\n    partner: CN\n"
        "    flow: export\n    product_id: machine-tools\n    frequency: monthly\n    currency: USD\n"
        "    public: false\n    mirror_id: cn-exports-to-ru-machine-tools\n    note: Not public.\n"
    ), encoding="utf-8")
    assert problems(root) == [
        "mirror_id 'cn-exports-to-ru-machine-tools' must be a public series of the same product, reported by CN "
        "with partner RU and flow import"
    ]


def test_the_installed_tables_carry_the_new_columns(installed):
    figures = crt.figures()
    assert list(figures.loc[figures.figure_id == "100-f01", ["chain", "relay_status", "data_status"]].iloc[0]) == [
        "100_0123456789abcdef", "unverified", "unverified"
    ]
    assert list(crt.series().series_id) == ["cn-exports-to-ru-machine-tools"]
    assert list(crt.observations().value) == [68000000.0]


def test_two_rows_of_one_table_on_one_span_are_refused(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n",
                 "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n"
                 "  - {id: 100-m04, entity_id: russia, text: Moscow, metonym: true}\n")
    start = SEED.index("Moscow")
    assert problems(root) == [
        f"2 rows lie on code points {start}-{start + 6}; a span holds at most one row of a table"
    ]


def test_a_check_naming_a_row_of_another_table_is_reported(tmp_path):
    # 100-q01 is a quote: a figure check naming it is not dropped silently.
    root = make_project(tmp_path)
    add_check(root, "  - id: 100-c02\n    figure_id: 100-q01\n    question: relay\n    method: reference\n"
                    "    status: unverified\n")
    assert problems(root) == ["figure_id '100-q01' is not annotated in any source"]


def test_an_unverified_data_check_may_not_read_the_figure_s_own_chain_either(tmp_path):
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    add_check(root, "  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: reference\n"
                    "    reference_id: wire-2024-01-03\n    status: unverified\n")
    assert problems(root) == [
        "a data check may not rest on the figure's own chain: reference wire-2024-01-03, which shares "
        "wire-2024-01-03, customs-2024-01-02 with 100-f01's chain (100_0123456789abcdef > paper-2024-01-04 > "
        "wire-2024-01-03 > customs-2024-01-02); it confirms the relay, not the number: ask the relay question "
        "with a reference check"
    ]

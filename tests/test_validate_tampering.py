"""validate against tables tampered with and re-pinned (each Parquet file's SHA-256 and the descriptor's pin
updated, as a forger would): a dropped row is caught by the row counts the descriptor records, a forged
citation is recomputed, and in a checkout (annotations/ beside the data) every row is compared with the one
the annotations build, as ``build --check`` compares it, so that a swapped value no rule can see is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from china_russia_tools import validate
from conftest import needs, run
from corpus import S003
from minimal_project import coded, drop, forge

pytestmark = pytest.mark.slow  # the checks in a checkout build the project

ROW_COUNT = "holds {} rows, but datapackage.json records {}"
MISSING = "is missing from data/{}.parquet, though the annotations build it"


def found() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What validate finds in the installed tables and, in a checkout, against the annotations."""
    return coded(validate.provenance_records()), coded(validate.checkout_records())


def messages(problems) -> list[str]:
    return [problem.message for problem in problems]


@pytest.mark.parametrize("fixture, table, row_id", [
    ("installed", "mentions", "100-m02"),
    ("real", "mentions", "003-m04"),
    ("real", "corrections", "0.3.0-001"),
    ("real", "corrections", "0.5.0-011"),
])
def test_a_dropped_row_is_counted_and_named(request, fixture: str, table: str, row_id: str):
    root = request.getfixturevalue(fixture)
    count = pq.read_metadata(root / "data" / f"{table}.parquet").num_rows
    drop(root, table, row_id)
    assert found() == ([(table, "row-count")], [(f"{table} {row_id}", "stale-row")])
    assert messages(validate.provenance_records()) == [ROW_COUNT.format(count - 1, count)]
    assert messages(validate.checkout_records()) == [MISSING.format(table)]


def test_a_dropped_check_is_counted_and_its_figure_recomputed(installed: Path):
    drop(installed, "checks", "100-c01")  # the one check, a consistent relay check of 100-f03
    assert found() == (
        [("checks", "row-count"), ("figures 100-f03", "derived-mismatch"), ("figures 100-f03", "derived-mismatch")],
        [("checks 100-c01", "stale-row")],
    )
    assert messages(validate.provenance_records()) == [
        ROW_COUNT.format(0, 1),
        "relay_status is 'consistent', but recomputed from its checks it is 'unverified'",
        "check_status is 'consistent', but recomputed from its checks it is 'unverified'",
    ]


def test_a_dropped_observation_check_is_counted_and_its_figure_recomputed(real: Path):
    drop(real, "checks", "003-c35")
    assert found() == (
        [("checks", "row-count"), ("figures 003-f02", "derived-mismatch")], [("checks 003-c35", "stale-row")]
    )
    assert messages(validate.provenance_records())[1] == (
        "data_status is 'consistent', but recomputed from its checks it is 'unverified'"
    )


def test_an_installed_copy_without_annotations_still_counts_its_rows(installed: Path):
    shutil.rmtree(installed / "annotations")
    drop(installed, "mentions", "100-m01")
    assert found() == ([("mentions", "row-count")], [])


def test_a_forged_citation_is_recomputed(installed: Path):
    forge(installed, "figures", "100-f02", citation="“12%” (100-f02), a forged source.")
    assert found() == ([("figures 100-f02", "derived-mismatch")], [("figures 100-f02", "stale-row")])
    # 100-f02 is the words "12%" at code points 115-118 of the small project's seed
    cited = "“12%” (100-f02), Lathe exports climb again [100_0123456789abcdef], code points 115–118; china-russia-tools"
    [problem] = validate.provenance_records()
    assert problem.message.startswith(
        f"citation is '“12%” (100-f02), a forged source.', but recomputed from its row it is '{cited} "
    )


@pytest.mark.parametrize("table, row_id", [("sources", S003), ("checks", "003-c35")])
def test_a_forged_citation_of_another_table_is_recomputed(real: Path, table: str, row_id: str):
    forge(real, table, row_id, citation="Forged.")
    assert found() == ([(f"{table} {row_id}", "derived-mismatch")], [(f"{table} {row_id}", "stale-row")])


@pytest.mark.parametrize("fixture, entity, old, new", [
    ("installed", "russia", "RU", "BY"),
    ("real", "china", "CN", "HK"),
])
def test_a_swapped_country_code_is_caught_in_a_checkout(request, fixture: str, entity: str, old: str, new: str):
    root = request.getfixturevalue(fixture)
    forge(root, "entities", entity, country_code=new)  # a valid ISO 3166 code: no rule of a row can tell
    assert found() == ([], [(f"entities {entity}", "stale-row")])
    assert messages(validate.checkout_records()) == [
        f"country_code is '{new}' in data/entities.parquet, but the annotations build '{old}'"
    ]


@pytest.mark.parametrize("fixture, figure", [("installed", "100-f01"), ("real", "000-f01")])
def test_a_swapped_flow_is_caught_in_a_checkout(request, fixture: str, figure: str):
    root = request.getfixturevalue(fixture)
    forge(root, "figures", figure, flow_from="russia", flow_to="china")  # both annotated china to russia
    assert found() == ([], [(f"figures {figure}", "stale-row")])
    assert messages(validate.checkout_records()) == [
        "flow_from is 'russia' in data/figures.parquet, but the annotations build 'china'; "
        "flow_to is 'china' in data/figures.parquet, but the annotations build 'russia'"
    ]


@pytest.mark.parametrize("fixture, quote, old, new", [
    ("installed", "100-q01", None, "russia"),
    ("real", "000-q01", "financial-times", "russian-customs"),
])
def test_a_swapped_speaker_is_caught_in_a_checkout(request, fixture: str, quote: str, old, new: str):
    root = request.getfixturevalue(fixture)
    forge(root, "quotes", quote, speaker_id=new)
    assert found() == ([], [(f"quotes {quote}", "stale-row")])
    assert messages(validate.checkout_records()) == [
        f"speaker_id is {new!r} in data/quotes.parquet, but the annotations build {old!r}"
    ]


def test_the_command_reports_what_build_check_finds(installed: Path, capsys):
    needs("frictionless")
    forge(installed, "entities", "russia", country_code="BY")
    code, out, _ = run(capsys, "validate", "--root", str(installed))
    assert code == 1
    assert out.splitlines()[:2] == [
        "entities russia: country_code is 'BY' in data/entities.parquet, but the annotations build 'RU' [stale-row]",
        "1 problem(s)",
    ]


def test_the_row_counts_are_in_the_descriptor_and_frictionless_checks_them_too(installed: Path):
    needs("frictionless")
    drop(installed, "quotes", "100-q01")
    assert ("quotes", "row-count") in coded(validate.all_records())
    assert [problem.message for problem in validate.frictionless_records(installed / "datapackage.json")] == [
        'The data source does not match the expected row count: expected is "1" and actual is "0"'
    ]


def test_a_check_moved_to_another_source_is_named(installed: Path):
    forge(installed, "checks", "100-c01", source_id="999_0123456789abcdef")
    assert [str(problem) for problem in validate.provenance_records()] == [
        "checks 100-c01: unknown source 999_0123456789abcdef"
    ]


def test_a_citation_whose_reference_is_gone_cannot_be_recomputed(installed: Path):
    drop(installed, "references", "customs-2024-01-02")  # the observation is read in it, the check cites it
    gone = "citation cannot be recomputed: references has no row 'customs-2024-01-02'"
    assert [str(problem) for problem in validate.provenance_records()] == [
        f"references: {ROW_COUNT.format(0, 1)}",
        f"observations customs-2024-01-02-july: {gone}",
        f"checks 100-c01: {gone}",
    ]


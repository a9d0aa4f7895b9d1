"""validate.py: provenance rechecked on the installed data (each anchored row against its words, each
sources row against its seed) and every column the build derives from other rows recomputed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from china_russia_tools import validate
from corpus import S003
from minimal_project import (
    SEED,
    SEED_PATH,
    coded,
    forge,
    rehash,
)


def seed_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()



def columns(records) -> list[tuple[str, str, str]]:
    """Each problem's place, code and the column it names (its first word): the data a test of a
    recomputed column asserts; the words of the message are asserted in test_problems_words_validate.py (or,
    for a rule the build applies too, test_problems_words_rules.py)."""
    return [(problem.where, problem.code, problem.message.split(" ", 1)[0]) for problem in records]


def test_validate_names_an_edited_seed(installed: Path):
    # The words of the SHA-256 error are asserted in test_tables.py.
    seed = installed / SEED_PATH
    seed.write_text(SEED.replace("By A.", "By B."), encoding="utf-8")
    [found] = validate.provenance_records()
    assert (found.where, found.code) == ("", "data-file")
    assert found.message.startswith(f"{seed}: ") and seed_hash(SEED) in found.message


def test_validate_rechecks_a_forged_value(installed: Path):
    forge(installed, "figures", "100-f01", value=99000000.0, value_low=99000000.0, value_high=99000000.0)
    assert coded(validate.provenance_records()) == [("figures 100-f01", "value-words-mismatch")]


def test_validate_rechecks_a_forged_range_end(installed: Path):
    forge(installed, "figures", "100-f01", value_high=70000000.0)
    assert columns(validate.provenance_records()) == [("figures 100-f01", "value-range", "value")]


def test_validate_rechecks_a_forged_unit(installed: Path):
    forge(installed, "figures", "100-f01", unit="USD")
    assert columns(validate.provenance_records()) == [("figures 100-f01", "unit-words-mismatch", "unit")]


def test_validate_rechecks_a_forged_span(installed: Path):
    forge(installed, "figures", "100-f01", char_start=52, char_end=63)
    assert columns(validate.provenance_records()) == [
        ("figures 100-f01", "span-text-mismatch", "text"),
        ("figures 100-f01", "derived-mismatch", "citation"),  # it names the code points 52-63
    ]


def test_our_validate_finds_no_problem():
    from china_russia_tools.validate import provenance_problems

    assert provenance_problems() == []


def test_a_forged_mention_entity_is_found_by_validate(installed):
    path = installed / "data" / "mentions.parquet"
    rows = pq.read_table(path).to_pylist()
    rows[0]["entity_id"] = "russia"
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(path)), path, compression="zstd")
    rehash(installed, "mentions")
    assert coded(validate.provenance_records()) == [(f"mentions {rows[0]['mention_id']}", "mention-name")]


def test_a_forged_demonym_is_found_by_validate(installed: Path):
    forge(installed, "mentions", "100-m02", demonym=True)
    assert coded(validate.provenance_records()) == [("mentions 100-m02", "mention-demonym")]


def test_a_forged_relay_status_is_recomputed_from_its_checks(real: Path):
    forge(real, "figures", "000-f02", relay_status="consistent", check_status="consistent")
    assert columns(validate.provenance_records()) == [
        ("figures 000-f02", "derived-mismatch", "relay_status"),
        ("figures 000-f02", "derived-mismatch", "check_status"),
    ]


def test_a_forged_data_status_is_recomputed_from_its_checks(real: Path):
    forge(real, "figures", "003-f03", data_status="consistent")
    assert columns(validate.provenance_records()) == [
        ('figures 003-f03', "derived-mismatch", 'data_status'),
    ]


def test_a_forged_check_status_of_a_quote_is_recomputed(real: Path):
    forge(real, "quotes", "000-q03", check_status="consistent")
    assert columns(validate.provenance_records()) == [
        ('quotes 000-q03', "derived-mismatch", 'check_status'),
    ]


def test_a_forged_observation_value_is_checked_against_its_words(real: Path):
    forge(real, "observations", "ki-2025-09-08-exports-2025-08", value=-15.4)
    assert coded(validate.provenance_records()) == [
        ("observations ki-2025-09-08-exports-2025-08", "value-words-mismatch"),
        ("observations ki-2025-09-08-exports-2025-08", "derived-mismatch"),  # its citation writes its value
    ]


def test_a_forged_chain_is_recomputed_from_the_references(real: Path):
    forge(real, "figures", "003-f03", chain=f"{S003} > china-customs")
    assert columns(validate.provenance_records()) == [("figures 003-f03", "derived-mismatch", "chain")]


def test_a_forged_arithmetic_check_is_recomputed_from_its_figures(real: Path):
    forge(real, "checks", "000-c01", status="discrepancy")
    assert columns(validate.provenance_records()) == [
        ('checks 000-c01', "derived-mismatch", 'status'),
        ('figures 000-f01', "derived-mismatch", 'relay_status'),
        ('figures 000-f01', "derived-mismatch", 'check_status'),
    ]


def test_a_forged_conversion_is_recomputed_with_the_band_it_states(real: Path):
    forge(real, "checks", "003-c02", status="discrepancy", kind="arithmetic")
    assert columns(validate.provenance_records()) == [
        ('checks 003-c02', "derived-mismatch", 'status'),
        ('checks 003-c02', "derived-mismatch", 'kind'),
        ('figures 003-f07', "derived-mismatch", 'relay_status'),
        ('figures 003-f07', "derived-mismatch", 'check_status'),
    ]


def test_a_conversion_that_states_no_band_cannot_be_recomputed(real: Path):
    forge(real, "checks", "003-c02", expected="a rate of about 7.1 CNY per USD")
    assert coded(validate.provenance_records()) == [("checks 003-c02", "check-columns")]


def test_a_forged_observation_check_is_recomputed_from_its_observation(real: Path):
    forge(real, "checks", "003-c35", status="discrepancy", kind="magnitude")
    assert columns(validate.provenance_records()) == [
        ('checks 003-c35', "derived-mismatch", 'status'),
        ('checks 003-c35', "derived-mismatch", 'kind'),
        ('figures 003-f02', "derived-mismatch", 'data_status'),
        ('figures 003-f02', "derived-mismatch", 'check_status'),
    ]


def test_a_check_that_cannot_be_recomputed_is_one_line_not_a_traceback(real: Path):
    forge(real, "figures", "000-f03", value=0.0, value_low=0.0, value_high=0.0)
    assert coded(validate.provenance_records()) == [
        ("figures 000-f03", "value-words-mismatch"),
        ("checks 000-c01", "derived-mismatch"),  # cannot be recomputed: a division by zero
    ]


def test_two_figures_on_one_span_are_refused(real: Path):
    value = 6500000.0
    forge(real, "figures", "000-f02", text="£6.5 million", char_start=745, char_end=757,
          value=value, value_low=value, value_high=value)
    assert columns(validate.provenance_records()) == [
        ("figures 000-f02, 000-f03", "shared-span", "2"),  # 2 rows lie on one span
        ("checks 000-c01", "derived-mismatch", "status"),
        ("checks 000-c01", "derived-mismatch", "expected"),
        ("checks 000-c01", "derived-mismatch", "kind"),
        ("figures 000-f02", "derived-mismatch", "citation"),  # it writes the new words and code points
    ]


def test_the_published_data_has_every_derived_column_as_recomputed(real: Path):
    assert validate.derived_problems() == []


SOURCE = f"sources {S003}"


SOURCE_FORGERIES = {
    "sha256": ({"sha256": "0" * 64}, [
        (SOURCE, "seed-mismatch", "sha256"),
        (SOURCE, "derived-mismatch", "citation"),  # it writes the source's SHA-256
    ]),
    "chars": ({"chars": 5}, [(SOURCE, "seed-mismatch", "chars")]),
    "bytes": ({"bytes": 1}, [(SOURCE, "seed-mismatch", "bytes")]),
    "body-past-the-end": ({"body_start": 99999}, [(SOURCE, "span-outside-text", "body")]),
    "title": ({"title_start": 25}, [
        (SOURCE, "span-text-mismatch", "title"),
        ("mentions 003-m01", "span-outside-body", "span"),  # the first code point of the headline is now out
    ]),
    "body-after-a-mention": ({"body_start": 129}, [("mentions 003-m04", "span-outside-body", "span")]),
}


@pytest.mark.parametrize("values, problems", SOURCE_FORGERIES.values(), ids=SOURCE_FORGERIES.keys())
def test_a_forged_sources_row_is_checked_against_its_seed(real: Path, values: dict, problems: list[tuple]):
    # The words of each message are in test_problems_words_validate.py.
    forge(real, "sources", S003, **values)
    assert columns(validate.provenance_records()) == problems


def test_a_forged_departure_is_recomputed_from_the_chain_and_the_relay_checks(real: Path):
    forge(real, "figures", "000-f02", departs_at=None)
    assert columns(validate.provenance_records()) == [("figures 000-f02", "derived-mismatch", "departs_at")]

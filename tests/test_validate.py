"""validate.py: provenance rechecked on the installed data (each anchored row against its words, each
sources row against its seed) and every column the build derives from other rows recomputed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from china_russia_tools import validate
from corpus import S000, S003
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
    recomputed column asserts; the words of the message are asserted in test_problems_words.py."""
    return [(problem.where, problem.code, problem.message.split(" ", 1)[0]) for problem in records]


def test_validate_names_an_edited_seed(installed: Path):
    seed = installed / SEED_PATH
    seed.write_text(SEED.replace("By A.", "By B."), encoding="utf-8")
    assert validate.provenance_problems() == [
        f"{seed}: SHA-256 is {seed_hash(SEED.replace('By A.', 'By B.'))}, the descriptor says {seed_hash(SEED)}; "
        "the file was changed or damaged after the build (reinstall the package, or rebuild a checkout)"
    ]


def test_validate_rechecks_a_forged_value(installed: Path):
    forge(installed, "figures", "100-f01", value=99000000.0, value_low=99000000.0, value_high=99000000.0)
    assert coded(validate.provenance_records()) == [("figures 100-f01", "value-words-mismatch")]


def test_validate_rechecks_a_forged_range_end(installed: Path):
    forge(installed, "figures", "100-f01", value_high=70000000.0)
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 100-f01: value 68000000.0 is set, so value_low and value_high are it too, not 68000000.0 and "
        "70000000.0; a range has value null"
    ]
    assert [problem.code for problem in found] == ["value-range"]


def test_validate_rechecks_a_forged_unit(installed: Path):
    forge(installed, "figures", "100-f01", unit="USD")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 100-f01: unit 'USD' does not agree with the currency or sign written in text '£68 million' (GBP)"
    ]
    assert [problem.code for problem in found] == ["unit-words-mismatch"]


def test_validate_rechecks_a_forged_span(installed: Path):
    forge(installed, "figures", "100-f01", char_start=52, char_end=63)
    text = (installed / SEED_PATH).read_text(encoding="utf-8")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        f"figures 100-f01: text '£68 million' differs from the source's code points 52-63, {text[52:63]!r}"
    ]
    assert [problem.code for problem in found] == ["span-text-mismatch"]


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


def test_a_forged_relay_status_is_recomputed_from_its_checks(real: Path):
    forge(real, "figures", "000-f02", relay_status="consistent", check_status="consistent")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 000-f02: relay_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
        "figures 000-f02: check_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
    ]
    assert [problem.code for problem in found] == ["derived-mismatch", "derived-mismatch"]


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
        ("observations ki-2025-09-08-exports-2025-08", "value-words-mismatch")
    ]


def test_a_forged_chain_is_recomputed_from_the_references(real: Path):
    forge(real, "figures", "003-f03", chain=f"{S003} > china-customs")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        f"figures 003-f03: chain is '{S003} > china-customs', but recomputed from its report_id, relayed_by and "
        f"attributed_to and the references' relays it is '{S003} > charter97-2025-09-08 > reuters > china-customs'"
    ]
    assert [problem.code for problem in found] == ["derived-mismatch"]


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
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "checks 003-c02: rule 'conversion' with operands '003-f06' is no arithmetic the build computes (a "
        "conversion states its band of rates in expected)"
    ]
    assert [problem.code for problem in found] == ["check-columns"]


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
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        "figures 000-f03: value 0 does not agree with the number written in text '£6.5 million' (6,500,000); write "
        "values in base units, e.g. '£68 million' is 68000000",
        "checks 000-c01: cannot be recomputed from its figures (ZeroDivisionError: float division by zero)",
    ]
    assert [problem.code for problem in found] == ["value-words-mismatch", "derived-mismatch"]


def test_two_figures_on_one_span_are_refused(real: Path):
    value = 6500000.0
    forge(real, "figures", "000-f02", text="£6.5 million", char_start=745, char_end=757,
          value=value, value_low=value, value_high=value)
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        f"figures 000-f02, 000-f03: 2 rows lie on code points 745-757 of source {S000}; a span holds at most one "
        "row of a table",
        "checks 000-c01: status is 'consistent', but recomputed from its figures it is 'discrepancy'",
        "checks 000-c01: expected is '68,000,000 / 6,500,000 = 10.46 (000-f02 / 000-f03; 10.31 to 10.62 as "
        "written)', but recomputed from its figures it is '6,500,000 / 6,500,000 = 1.00 (000-f02 / 000-f03; 0.98 "
        "to 1.02 as written)'",
        "checks 000-c01: kind is None, but recomputed from its figures it is 'arithmetic'",
    ]
    assert [problem.code for problem in found] == ["shared-span", *["derived-mismatch"] * 3]


def test_the_published_data_has_every_derived_column_as_recomputed(real: Path):
    assert validate.derived_problems() == []


SOURCE_FORGERIES = {
    "sha256": ({"sha256": "0" * 64}, [
        f"sources {S003}: sha256 is '{'0' * 64}', but recomputed from its seed seeds/{S003}.txt it is "
        "'2ff9dd7120ce859552e793c8849247ffc2a4d821282dd1096f77ff56b911a99a'"
    ]),
    "chars": ({"chars": 5}, [f"sources {S003}: chars is 5, but recomputed from its seed seeds/{S003}.txt it is 3974"]),
    "bytes": ({"bytes": 1}, [f"sources {S003}: bytes is 1, but recomputed from its seed seeds/{S003}.txt it is 4005"]),
    "body-past-the-end": ({"body_start": 99999}, [
        f"sources {S003}: body 99999-3005 lies outside its seed of 3974 code points"
    ]),
    "title": ({"title_start": 25}, [
        f"sources {S003}: title 'China Limits High-Tech Exports to Russia, Undermining Kremlin’s Defense' differs "
        "from the seed's code points 25-95, 'hina Limits High-Tech Exports to Russia, Undermining Kremlin’s Defense'",
        f"mentions 003-m01: span 24-29 lies outside the headline 25-95 and the article body of source {S003}",
    ]),
    "body-after-a-mention": ({"body_start": 129}, [
        f"mentions 003-m04: span 123-128 lies outside the headline 24-95 and the article body of source {S003}"
    ]),
}


@pytest.mark.parametrize("values, problems", SOURCE_FORGERIES.values(), ids=SOURCE_FORGERIES.keys())
def test_a_forged_sources_row_is_checked_against_its_seed(real: Path, values: dict, problems: list[str]):
    forge(real, "sources", S003, **values)
    assert validate.provenance_problems() == problems

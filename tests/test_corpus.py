"""The corpus is exactly the published one: these sources, these row counts, these seeds, these figures
and identifiers.

This is the one test file that fails when a source is added or removed; update tests/corpus.py with
the new source's facts when publishing it. Every other test checks the facts of tests/corpus.py only
for the sources present, or derives its expectations from the data."""

from __future__ import annotations

import json
import math
import re

import pandas as pd
import pytest

import china_russia_tools as crt
from china_russia_tools.errors import UnknownIdError
from china_russia_tools.row_rules import iso3166_name
from conftest import ROOT, SHARED_SEEDS, needs, suggested
from corpus import (
    CODES,
    PRODUCT_OF_FIGURE,
    PUBLISHED,
    SHARED,
    VERIFIED,
    present,
)


def test_the_sources_are_exactly_the_published_ones(tables):
    assert sorted(tables["sources"]["source_id"]) == sorted(PUBLISHED)
    assert sorted(path.stem for path in (ROOT / "seeds").glob("*.txt")) == sorted(PUBLISHED)


def test_row_counts_are_the_published_ones(tables):
    expected = dict(SHARED)
    for facts in PUBLISHED.values():
        for name, count in facts.counts.items():
            expected[name] = expected.get(name, 0) + count
    assert {name: len(tables[name]) for name in crt.TABLES} == expected


def test_known_seed_hashes():
    # Pinned when the sources were received; a changed seed must be a deliberate, reviewed change.
    sources = crt.sources().set_index("source_id")
    assert sources["sha256"].to_dict() == {source_id: facts.sha256 for source_id, facts in PUBLISHED.items()}
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    pinned = {r["path"]: r["hash"] for r in descriptor["resources"] if r["path"].startswith("seeds/")}
    assert pinned == {f"seeds/{source_id}.txt": f"sha256:{facts.sha256}" for source_id, facts in PUBLISHED.items()}


def test_the_discrepancies_are_exactly_the_published_ones():
    expected = [row.check_id for facts in PUBLISHED.values() for row in facts.discrepancies if "-f" in row.target]
    assert list(crt.discrepancies()["check_id"]) == expected  # discrepancies() lists those of figures


def test_the_discrepancy_counts_of_the_whole_corpus():
    # 41 discrepancy checks (000-c03..c06, c10, c11, c14, c15, c17..c20, c22..c25, c28, c29, c31, c32, c34..c36,
    # c44..c48, c50..c52; 003-c10..c13, c53, c54, c85, c86, c90, c91) on 6 figures and 2 quotes.
    discrepancies = [row for facts in PUBLISHED.values() for row in facts.discrepancies]
    assert (len(discrepancies), len({row.target for row in discrepancies})) == (41, 8)
    checks = crt.checks()
    found = checks[checks["status"] == "discrepancy"]
    assert (len(found), found["figure_id"].nunique(), found["quote_id"].nunique()) == (41, 6, 2)


def test_the_verdicts_of_the_published_figures():
    figures = {row["figure_id"]: row for row in crt.records("figures")}
    assert sum(len(facts.verdicts) for facts in PUBLISHED.values()) > 0
    for facts in PUBLISHED.values():
        for figure_id, (series_id, chain, relay, data) in facts.verdicts.items():
            row = figures[figure_id]
            assert row["chain"] == " > ".join(filter(None, [facts.source_id, chain])), figure_id
            assert (row["series_id"], row["relay_status"], row["data_status"]) == (series_id, relay, data), figure_id


def test_every_published_figure_names_a_series_or_says_why_not():
    rows = crt.records("figures")
    assert len(rows) > 0
    for row in rows:
        assert row["series_id"] is not None or row["series_note"], row["figure_id"]


def test_the_query_of_000_f02_is_its_mirror(monkeypatch):
    # Russia's imports as its customs recorded them are not public: China's exports to Russia, July 2023,
    # the five HS 2022 subheadings of Tier 4.B (CNC machine tools).
    query = crt.series_query("000-f02")
    assert query == {
        "typeCode": "C", "freqCode": "M", "clCode": "HS", "period": "202307", "reporterCode": "156",
        "cmdCode": "845710,845811,845891,845961,846693", "flowCode": "X", "partnerCode": "643",
        "partner2Code": "0", "customsCode": "C00", "motCode": "0",
    }
    # comtradeapicall itself builds the request from it; the network call is intercepted.
    urllib3 = needs("urllib3")
    comtradeapicall = needs("comtradeapicall")
    sent = []

    class Response:
        status, data = 200, b'{"data": []}'

    monkeypatch.setattr(urllib3.PoolManager, "request", lambda self, method, url, fields=None, **_: (
        sent.append((method, url, fields)) or Response()))
    comtradeapicall.previewFinalData(**query)
    assert sent == [("GET", "https://comtradeapi.un.org/public/v1/preview/C/M/HS", {
        "reportercode": "156", "flowCode": "X", "period": "202307",
        "cmdCode": "845710,845811,845891,845961,846693", "partnerCode": "643", "partner2Code": "0",
        "motCode": "0", "customsCode": "C00",
    })]


def test_the_notebooks_join_meets_these_trade_rows():
    from test_notebook import notebook_joins

    assert notebook_joins() == [  # (figure, HS code of the made-up trade row it meets)
        # 000-f01 and 000-f02 are CNC machine tools (Tier 4.B codes): the row of 845819, a lathe that is not
        # numerically controlled, meets neither. The TOTAL rows of August 2025 meet the all-goods figures of
        # source 003 whose periods hold that month, each in its own direction.
        ("000-f01", "845811"), ("000-f01", "845961"),
        ("000-f02", "845811"), ("000-f02", "845961"),
        ("003-f03", "TOTAL"), ("003-f08", "TOTAL"), ("003-f09", "TOTAL"),
    ]


# Which ids are closest to a mistyped one depends on every id of the corpus.

def test_cite_suggests_the_closest_ids():
    with pytest.raises(crt.UnknownIdError) as raised:
        crt.cite("000-f20")
    assert suggested(raised.value, "000-f20") == ["000-m20", "000-f05", "000-f04"]


@pytest.mark.parametrize(("row_id", "suggestions"), [
    ("000-f2", "000-f02, 003-f02, 000-q02"),
    ("000-f\u041e2", "000-f02, 003-f02, 000-q02"),  # a look-alike: Cyrillic О for 0
    ("000-f99", "003-f09, 003-c99, 000-m19"),
])
def test_show_suggests_the_closest_ids(row_id, suggestions):
    with pytest.raises(UnknownIdError) as raised:
        crt.show(row_id)
    assert suggested(raised.value, row_id) == suggestions.split(", ")


SOURCES = [pytest.param(facts, id=source_id) for source_id, facts in present().items()]


@pytest.mark.parametrize("facts", SOURCES)
def test_as_written_values_are_kept(tables, facts):
    figures = tables["figures"].set_index("figure_id")
    assert len(facts.figures) > 0
    for expected in facts.figures:
        row = figures.loc[expected.figure_id]
        assert row["unit"] == expected.unit
        assert pd.isna(row["value"]) if expected.value is None else row["value"] == expected.value
        flows = [None if pd.isna(v) else v for v in row[["flow_from", "flow_to"]]]
        assert flows == [expected.flow_from, expected.flow_to]


FIGURES = [pytest.param(row, id=row.figure_id) for facts in present().values() for row in facts.figures]


@pytest.fixture(scope="module")
def figures(tables):
    return tables["figures"].set_index("figure_id")


@pytest.mark.parametrize("facts", SOURCES)
def test_every_figure_of_a_published_source_is_checked_here(figures, facts):
    found = figures.index[figures["source_id"] == facts.source_id]
    assert sorted(found) == sorted(row.figure_id for row in facts.figures)


@pytest.mark.parametrize("expected", FIGURES)
def test_figure_matches_the_source(figures, expected):
    row = figures.loc[expected.figure_id]
    assert row["text"] == expected.text
    if expected.value is None:
        assert math.isnan(row["value"])
    else:
        assert row["value"] == pytest.approx(expected.value, rel=1e-12)
    assert (row["value_low"], row["value_high"]) == (pytest.approx(expected.low), pytest.approx(expected.high))
    assert (row["unit"], row["approximation"], row["measure"], row["statistic"]) == (
        expected.unit, expected.approximation, expected.measure, expected.statistic)
    assert (row["flow_from"] if isinstance(row["flow_from"], str) else None) == expected.flow_from
    assert (row["flow_to"] if isinstance(row["flow_to"], str) else None) == expected.flow_to
    for column, expected_date in (("period_start", expected.period_start), ("period_end", expected.period_end)):
        if expected_date is None:
            assert pd.isna(row[column]), column
        else:
            assert row[column] == pd.Timestamp(expected_date), column
    assert bool(row["period_inferred"]) is expected.period_inferred


@pytest.mark.parametrize("facts", SOURCES)
def test_inferred_periods_of_a_published_source(figures, facts):
    inferred = figures[figures["period_inferred"] & (figures["source_id"] == facts.source_id)]
    assert sorted(inferred.index) == sorted(facts.inferred_periods)


def test_inferred_periods_say_why(figures):
    inferred = figures[figures["period_inferred"]]
    assert inferred["note"].str.len().min() > 20  # a reason, not a word


def test_points_have_equal_ends_and_ranges_have_no_value(figures):
    points = figures[figures["value"].notna()]
    assert (points["value_low"] == points["value"]).all() and (points["value_high"] == points["value"]).all()
    ranges = figures[figures["value"].isna()]
    assert (ranges["value_low"] < ranges["value_high"]).all()


@pytest.mark.parametrize("facts", [param for param in SOURCES if param.values[0].attributions])
def test_attributions(figures, facts):
    assert len(facts.attributions) > 0
    for figure_id, (attributed_to, relayed_by) in facts.attributions.items():
        row = figures.loc[figure_id, ["attributed_to", "relayed_by"]]
        assert [None if pd.isna(value) else value for value in row] == [attributed_to, relayed_by], figure_id


def test_wikidata_ids_are_the_verified_ones():
    entities = crt.records("entities")
    assert {row["entity_id"]: row["wikidata_id"] for row in entities if row["wikidata_id"] is not None} == {
        entity: qid for entity, (qid, _) in VERIFIED.items()
    }
    assert all(re.fullmatch(r"Q[1-9][0-9]*", row["wikidata_id"]) for row in entities if row["wikidata_id"])


@pytest.mark.parametrize("entity", VERIFIED)
def test_wikidata_note_quotes_the_label_and_says_how_it_was_checked(entity: str):
    row = next(row for row in crt.records("entities") if row["entity_id"] == entity)
    qid, label = VERIFIED[entity]
    assert row["wikidata_note"].startswith(f'{qid}: label "{label}"')
    assert row["wikidata_note"].endswith("Checked 2026-11-25 against these stored copies, not against live Wikidata.")


def test_entities_without_a_qid_have_no_note():
    assert all(row["wikidata_note"] is None for row in crt.records("entities") if row["wikidata_id"] is None)


def test_country_codes():
    codes = {row["entity_id"]: row["country_code"] for row in crt.records("entities")}
    assert codes["soviet-union"] == "SU"
    assert codes["european-union"] is None  # EU is not an ISO 3166-1 country code
    # The source does not say; the reports of Nuriyev's remarks place him and his company among Russian
    # industrialists and companies (utro-2025-10-03, suspilne-2025-10-06).
    assert codes["ildar-nuriyev"] == "RU" and codes["tatpromstan"] == "RU"
    assert all(iso3166_name(code) for code in codes.values() if code is not None)


def figure_facts() -> list:
    """The published figures of the sources present (tests/corpus.py)."""
    return [row for facts in present().values() for row in facts.figures]


def test_every_figure_names_a_product_that_resolves():
    products = {row["product_id"] for row in crt.records("products")}
    figures = crt.records("figures")
    assert figures and all(row["product_id"] in products for row in figures)
    published = [row for row in figures if row["figure_id"] in {f.figure_id for f in figure_facts()}]
    assert len(published) == len(figure_facts())
    assert {row["figure_id"]: row["product_id"] for row in published} == {
        row["figure_id"]: PRODUCT_OF_FIGURE[row["figure_id"]] for row in published
    }


def test_each_product_has_its_codes():
    codes: dict[str, set[str]] = {}
    for row in crt.records("product_codes"):
        codes.setdefault(row["product_id"], set()).add(row["code"])
    assert codes == CODES
    assert {row["product_id"] for row in crt.records("products")} == set(CODES)


def test_every_product_code_has_a_valid_shape_and_id():
    rows = crt.records("product_codes")
    assert [row for row in rows if row["code"] != "TOTAL"]  # the chapter check below is made at least once
    for row in rows:
        assert re.fullmatch(r"[0-9]{4}|[0-9]{6}|TOTAL", row["code"]), row
        assert row["classification"] == "HS2022"
        assert row["product_code_id"] == f"{row['product_id']}-{row['code'].lower()}"
        if row["code"] != "TOTAL":
            assert row["code"][:2] == "84"  # machine tools are in HS chapter 84


def test_every_mapping_names_its_definition_and_source():
    for row in crt.records("products"):
        assert row["note"].startswith("The package's mapping, not the"), row["product_id"]
        assert "UN Comtrade" in row["note"], row["product_id"]
    for row in crt.records("product_codes"):
        assert "UN Comtrade" in row["note"] and "package's mapping" in row["note"], row["product_code_id"]
        if row["product_id"] == "cnc-machine-tools":
            assert "Tier 4.B of the Common High Priority List" in row["note"]
            assert "23 February 2024" in row["note"]
    note = {row["product_code_id"]: row["note"] for row in crt.records("product_codes")}["cnc-machine-tools-846693"]
    assert "Parts and accessories, not machines." in note


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason=f"the original seed copies are not available (looked in "
                    f"{SHARED_SEEDS}); this test compares seeds/ with them")
def test_seeds_are_byte_identical_to_the_received_files():
    received = sorted(SHARED_SEEDS.glob("*.txt"))
    assert received
    for path in received:
        assert (ROOT / "seeds" / path.name).read_bytes() == path.read_bytes()


def test_where_each_published_figure_first_departs_from_what_it_relays():
    # 000-f02 to f05: the article departs from the Financial Times report it relays (pounds, total imports).
    # 003-f08/f09 are not placed: the article copies Charter 97, and the relays of Reuters disagree on the
    # flows (the Kyiv Independent, The Moscow Times, nova.bg, t-online and Corriere del Ticino give them one way,
    # censor.net and capital.ua, in Charter 97's words, the other), so Reuters' own reading is not known.
    departs = {row["figure_id"]: row["departs_at"] for row in crt.records("figures") if row["departs_at"]}
    source = "000_b9924b3dcfb55283"
    assert departs == {"000-f02": source, "000-f03": source, "000-f04": source, "000-f05": source}

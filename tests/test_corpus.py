"""The corpus is exactly the published one: these sources, these row counts, these seeds.

This is the one test file that fails when a source is added or removed; update tests/corpus.py with
the new source's facts when publishing it. Every other test checks the facts of tests/corpus.py only
for the sources present, or derives its expectations from the data.
"""

from __future__ import annotations

import json

import pytest

import china_russia_tools as crt
from china_russia_tools.errors import UnknownIdError
from conftest import ROOT
from corpus import PUBLISHED, SHARED


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
    # 13 discrepancy checks (000-c03..c06, c10, c11, c14, c15; 003-c10..c13, c28) on 6 figures and 3 quotes.
    discrepancies = [row for facts in PUBLISHED.values() for row in facts.discrepancies]
    assert (len(discrepancies), len({row.target for row in discrepancies})) == (13, 9)
    checks = crt.checks()
    found = checks[checks["status"] == "discrepancy"]
    assert (len(found), found["figure_id"].nunique(), found["quote_id"].nunique()) == (13, 6, 3)


def test_the_verdicts_of_the_published_figures():
    figures = {row["figure_id"]: row for row in crt.records("figures")}
    for facts in PUBLISHED.values():
        for figure_id, (series_id, chain, relay, data) in facts.verdicts.items():
            row = figures[figure_id]
            assert row["chain"] == " > ".join(filter(None, [facts.source_id, chain])), figure_id
            assert (row["series_id"], row["relay_status"], row["data_status"]) == (series_id, relay, data), figure_id


def test_every_published_figure_names_a_series_or_says_why_not():
    for row in crt.records("figures"):
        assert row["series_id"] is not None or row["series_note"], row["figure_id"]


def test_the_query_of_000_f02_is_its_mirror(monkeypatch):
    # Russia's imports as its customs recorded them are not public: China's exports to Russia, July 2023,
    # HS 2022 headings 8456 to 8463.
    query = crt.series_query("000-f02")
    assert query == {
        "typeCode": "C", "freqCode": "M", "clCode": "HS", "period": "202307", "reporterCode": "156",
        "cmdCode": "8456,8457,8458,8459,8460,8461,8462,8463", "flowCode": "X", "partnerCode": "643",
        "partner2Code": "0", "customsCode": "C00", "motCode": "0",
    }
    # comtradeapicall itself builds the request from it; the network call is intercepted.
    urllib3 = pytest.importorskip("urllib3")
    comtradeapicall = pytest.importorskip("comtradeapicall")
    sent = []

    class Response:
        status, data = 200, b'{"data": []}'

    monkeypatch.setattr(urllib3.PoolManager, "request", lambda self, method, url, fields=None, **_: (
        sent.append((method, url, fields)) or Response()))
    comtradeapicall.previewFinalData(**query)
    assert sent == [("GET", "https://comtradeapi.un.org/public/v1/preview/C/M/HS", {
        "reportercode": "156", "flowCode": "X", "period": "202307",
        "cmdCode": "8456,8457,8458,8459,8460,8461,8462,8463", "partnerCode": "643", "partner2Code": "0",
        "motCode": "0", "customsCode": "C00",
    })]


# Which ids are closest to a mistyped one depends on every id of the corpus.

def test_cite_suggests_the_closest_ids():
    with pytest.raises(crt.UnknownIdError, match=r"has the id '000-f20'; did you mean 000-m20, 000-f05, 000-f04\?$"):
        crt.cite("000-f20")


@pytest.mark.parametrize(("row_id", "suggestions"), [
    ("000-f2", "000-f02, 003-f02, 000-q02"),
    ("000-f99", "003-f09, 000-m19, 000-m09"),
])
def test_show_suggests_the_closest_ids(row_id, suggestions):
    with pytest.raises(UnknownIdError, match=rf"'{row_id}'; did you mean {suggestions}\?$"):
        crt.show(row_id)

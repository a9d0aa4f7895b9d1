"""Each source says where it comes from (url, publisher, license, accessed, and a note of the evidence), and
each seed's resource in the descriptor carries the source's licence."""

from __future__ import annotations

import datetime

import pytest

import china_russia_tools as crt
from china_russia_tools.builder.outputs import seed_licenses
from conftest import ROOT
from corpus import S000, S003, present

LICENCE = "Copyright stays with the publisher; not covered by this package's licences (LICENSE-DATA, section 2)."
READ = datetime.date(2026, 11, 23)  # release 0.1.0, which first held and annotated both texts (CHANGELOG)
ORIGIN = {
    # No address or publisher established; a copy of its text stands at news.k4s.uk (see the note).
    S000: (None, None, LICENCE, READ),
    # The one page found that carries the text with the seed's site furniture; it names no owner.
    S003: ("https://sportstvnewsnetwork.com/world/china-limits-high-tech-exports-to-russia-undermining-kremlins-defense",
           "sportstvnewsnetwork.com", LICENCE, READ),
}


@pytest.mark.parametrize("source_id", list(present()))
def test_each_source_says_where_it_comes_from(source_id: str):
    row = next(row for row in crt.records("sources") if row["source_id"] == source_id)
    assert (row["url"], row["publisher"], row["license"], row["accessed"]) == ORIGIN[source_id]
    if row["url"] is None:  # an unknown address says what was searched
        assert "Searched, in stored public pages:" in row["note"]
    else:
        assert row["url"] in row["note"]


def test_the_news_licence_is_the_one_license_data_gives():
    text = " ".join((ROOT / "LICENSE-DATA").read_text(encoding="utf-8").split())
    assert "2. Source texts" in text and "Copyright in each text stays with its publisher." in text


@pytest.mark.parametrize("source_id", list(present()))
def test_each_seed_resource_carries_its_sources_licence(source_id: str):
    (seed,) = [entry for entry in crt.tables.seed_resources() if entry["path"] == f"seeds/{source_id}.txt"]
    assert seed["licenses"] == [{"name": "other-closed", "title": LICENCE}]


def test_an_spdx_id_names_the_seed_licence():
    assert seed_licenses("CC-BY-4.0") == [{"name": "CC-BY-4.0"}]
    assert seed_licenses("Copyright stays with the publisher.") == [
        {"name": "other-closed", "title": "Copyright stays with the publisher."}
    ]

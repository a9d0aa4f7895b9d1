"""Every anchored row is its source's exact words; the seeds are the files as received."""

from __future__ import annotations

import hashlib
import json

import pytest

import china_russia_tools as crt
from conftest import ROOT, SHARED_SEEDS, seed_text

ANCHORED = ("mentions", "figures", "quotes")


@pytest.mark.parametrize("table", ANCHORED)
def test_every_row_is_the_slice_of_its_seed(table, tables):
    frame = tables[table]
    assert len(frame) > 0
    for row in frame.itertuples():
        assert seed_text(row.source_id)[row.char_start:row.char_end] == row.text, row


def test_offsets_are_code_points_not_bytes(tables):
    figures = tables["figures"].set_index("figure_id")
    text = seed_text("000_b9924b3dcfb55283")
    # "£" is two bytes in UTF-8: a byte offset would land one place later than the code point offset.
    start = text.index("£68 million")
    assert text.encode("utf-8").index("£68 million".encode("utf-8")) == start + 0  # nothing before it is multibyte
    later = text.index("£6.5 million")
    assert text.encode("utf-8").index("£6.5 million".encode("utf-8")) == later + 1  # one "£" before it
    assert (figures.loc["000-f02", "char_start"], figures.loc["000-f02", "char_end"]) == (start, start + 11)
    assert (figures.loc["000-f03", "char_start"], figures.loc["000-f03", "char_end"]) == (later, later + 12)


def test_curly_apostrophes_count_as_one_code_point(tables):
    mentions = tables["mentions"].set_index("mention_id")
    text = seed_text("003_c75e6f810a717f86")
    start = text.index("Kremlin’s economic")
    assert mentions.loc["003-m18", ["char_start", "char_end", "text"]].tolist() == [start, start + 7, "Kremlin"]


def test_descriptor_pins_each_seed_by_hash_and_size():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    seeds = {r["path"]: r for r in descriptor["resources"] if r["path"].startswith("seeds/")}
    on_disk = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    assert sorted(path.removeprefix("seeds/") for path in seeds) == on_disk
    for path, entry in seeds.items():
        data = (ROOT / path).read_bytes()
        assert entry["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="no ../shared/seeds beside this checkout")
def test_seeds_are_byte_identical_to_the_received_files():
    received = sorted(SHARED_SEEDS.glob("*.txt"))
    assert received
    for path in received:
        assert (ROOT / "seeds" / path.name).read_bytes() == path.read_bytes()


def test_known_seed_hashes():
    # Pinned when the sources were received; a changed seed must be a deliberate, reviewed change.
    expected = {
        "000_b9924b3dcfb55283": "fc7243d5be9ecf5b52dd6acd915b19505964a13eccbbfd5dc67f9c64edb88302",
        "003_c75e6f810a717f86": "2ff9dd7120ce859552e793c8849247ffc2a4d821282dd1096f77ff56b911a99a",
    }
    sources = crt.sources().set_index("source_id")
    assert sources["sha256"].to_dict() == expected


def test_our_validate_finds_no_problem():
    from china_russia_tools.validate import provenance_problems

    assert provenance_problems() == []

"""Offsets are code points; the seeds are the files as received, pinned by hash and size.

That every anchored row is its seed's exact words is a contract of every table (test_contract.py)."""

from __future__ import annotations

import hashlib
import json

import pytest

from conftest import ROOT, SHARED_SEEDS, seed_text
from corpus import S000, S003, figure, require


def test_offsets_are_code_points_not_bytes(tables):
    figures = tables["figures"].set_index("figure_id")
    text = seed_text(require(S000).source_id)
    # "£" is two bytes in UTF-8: a byte offset would land one place later than the code point offset.
    first, second = figure("000-f02").text, figure("000-f03").text
    assert first.startswith("£") and second.startswith("£")
    start = text.index(first)
    assert text.encode("utf-8").index(first.encode("utf-8")) == start + 0  # nothing before it is multibyte
    later = text.index(second)
    assert text.encode("utf-8").index(second.encode("utf-8")) == later + 1  # one "£" before it
    assert (figures.loc["000-f02", "char_start"], figures.loc["000-f02", "char_end"]) == (start, start + 11)
    assert (figures.loc["000-f03", "char_start"], figures.loc["000-f03", "char_end"]) == (later, later + 12)


def test_curly_apostrophes_count_as_one_code_point(tables):
    mentions = tables["mentions"].set_index("mention_id")
    text = seed_text(require(S003).source_id)
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


def test_our_validate_finds_no_problem():
    from china_russia_tools.validate import provenance_problems

    assert provenance_problems() == []

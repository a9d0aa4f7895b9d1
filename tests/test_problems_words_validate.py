"""The exact words of each problem validate finds in an installed package and the build cannot (a row forged
with its hashes updated, a derived column that is not what the other rows give), asserted once: one case per
message, the forgery that causes it, its code and its whole line. The tests of each rule in test_validate.py
assert the code, the row and the column; the problems of the build's own rules, which validate applies again,
are worded in test_problems_words_rules.py, and the SHA-256 error of a changed file in test_tables.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from china_russia_tools import validate
from corpus import S000, S003, require
from minimal_project import SEED, forge

UNMARKED = "Russia and China traded more"
FOUR_TITLE = "China Limits High-Tech Exports to Russia, Undermining Kremlin’s Defense"


@dataclass(frozen=True)
class Forged:
    """A row of ``table`` forged with ``values`` in the ``fixture`` (``installed``: the small project;
    ``real``: the published data, which needs the source ``needs``), the code and whole line of the problem
    validate must find among those it finds."""

    table: str
    row_id: str
    values: dict
    code: str
    line: str
    fixture: str = "real"
    needs: str | None = None


CASES = {
    # the rules of a figure, applied by validate to what the build would have computed
    "range-end-of-a-point": Forged(
        "figures", "100-f01", {"value_high": 70000000.0}, "value-range",
        "figures 100-f01: value 68000000.0 is set, so value_low and value_high are it too, not 68000000.0 and "
        "70000000.0; a range has value null", fixture="installed"),
    "unit-words-mismatch": Forged(
        "figures", "100-f01", {"unit": "USD"}, "unit-words-mismatch",
        "figures 100-f01: unit 'USD' does not agree with '£' written in or next to text '£68 million' (GBP)",
        fixture="installed"),
    # a mention's words against the installed entities, and a direct quote's marks (wording.py)
    "mention-other-entity": Forged(
        "mentions", "100-m01", {"entity_id": "russia", "metonym": True}, "mention-other-entity",
        "mentions 100-m01: text 'China', a metonym of entity 'russia', is the name of entity 'china'; mention "
        "'china' instead (a metonym stands for its own entity: \"Moscow\" or \"the Kremlin\" for russia)",
        fixture="installed"),
    "entity-renamed": Forged(
        "entities", "china", {"name": "Cathay"}, "mention-name",
        "mentions 100-m01: text 'China' is not a name of entity 'china' (name 'Cathay', aliases none), though it "
        "spells the id; an entity's id spells its name (annotation guide, Ids): rename the id to 'cathay' in "
        "annotations/entities.yaml and in every row that names it, or, if the texts name the entity so, add the "
        "text to its aliases",
        fixture="installed"),
    "quote-unmarked": Forged(
        "quotes", "100-q01", {"text": UNMARKED, "char_start": SEED.index(UNMARKED),
                              "char_end": SEED.index(UNMARKED) + len(UNMARKED)}, "quote-unmarked",
        f"quotes 100-q01: kind is 'direct', but text '{UNMARKED}' does not stand inside quotation marks (no opening "
        "mark before it and no closing mark after it; the marks are “…”, \"…\", ‘…’, «…», „…“, ‚…‘); words the "
        "source does not put in marks are kind 'indirect'", fixture="installed"),
    # a row against its seed
    "span-text-mismatch": Forged(
        "figures", "100-f01", {"char_start": 52, "char_end": 63}, "span-text-mismatch",
        "figures 100-f01: text '£68 million' differs from the source's code points 52-63, "
        f"{SEED[52:63]!r}",
        fixture="installed"),
    "shared-span": Forged(
        "figures", "000-f02", {"text": "£6.5 million", "char_start": 745, "char_end": 757, "value": 6500000.0,
                               "value_low": 6500000.0, "value_high": 6500000.0}, "shared-span",
        f"figures 000-f02, 000-f03: 2 rows lie on code points 745-757 of source {S000}; a span holds at most one "
        "row of a table", needs=S000),
    # a sources row against its seed
    "seed-mismatch": Forged(
        "sources", S003, {"sha256": "0" * 64}, "seed-mismatch",
        f"sources {S003}: sha256 is '{'0' * 64}', but recomputed from its seed seeds/{S003}.txt it is "
        "'2ff9dd7120ce859552e793c8849247ffc2a4d821282dd1096f77ff56b911a99a'", needs=S003),
    "body-outside-the-seed": Forged(
        "sources", S003, {"body_start": 99999}, "span-outside-text",
        f"sources {S003}: body 99999-3005 lies outside its seed of 3974 code points", needs=S003),
    "title-text-mismatch": Forged(
        "sources", S003, {"title_start": 25}, "span-text-mismatch",
        f"sources {S003}: title '{FOUR_TITLE}' differs from the seed's code points 25-95, '{FOUR_TITLE[1:]}'",
        needs=S003),
    "mention-outside-headline-and-body": Forged(
        "sources", S003, {"body_start": 129}, "span-outside-body",
        f"mentions 003-m04: span 123-128 lies outside the headline 24-95 and the article body of source {S003}",
        needs=S003),
    # derived columns recomputed
    "status-from-its-checks": Forged(
        "figures", "000-f02", {"relay_status": "consistent"}, "derived-mismatch",
        "figures 000-f02: relay_status is 'consistent', but recomputed from its checks it is 'discrepancy'",
        needs=S000),
    "chain-from-the-references": Forged(
        "figures", "003-f03", {"chain": f"{S003} > china-customs"}, "derived-mismatch",
        f"figures 003-f03: chain is '{S003} > china-customs', but recomputed from its report_id, relayed_by and "
        f"attributed_to and the references' relays it is '{S003} > charter97-2025-09-08 > reuters > china-customs'",
        needs=S003),
    "check-from-its-figures": Forged(
        "checks", "000-c01", {"kind": "magnitude"}, "derived-mismatch",
        "checks 000-c01: kind is 'magnitude', but recomputed from its figures it is None", needs=S000),
    "check-from-its-observation": Forged(
        "checks", "003-c35", {"kind": "magnitude"}, "derived-mismatch",
        "checks 003-c35: kind is 'magnitude', but recomputed from its figure and observation it is None",
        needs=S003),
    "conversion-without-a-band": Forged(
        "checks", "003-c02", {"expected": "a rate of about 7.1 CNY per USD"}, "check-columns",
        "checks 003-c02: a conversion check needs band: [lowest rate, highest rate] (a built one states it in "
        "expected)", needs=S003),
    "check-not-recomputable": Forged(
        "figures", "000-f03", {"value": 0.0, "value_low": 0.0, "value_high": 0.0}, "derived-mismatch",
        "checks 000-c01: cannot be recomputed from its figures (ZeroDivisionError: float division by zero)",
        needs=S000),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_problem_validate_finds_is_worded_so(case: Forged, request: pytest.FixtureRequest):
    if case.needs:
        require(case.needs)
    root: Path = request.getfixturevalue(case.fixture)
    forge(root, case.table, case.row_id, **case.values)
    found = validate.provenance_records()
    assert (case.code, case.line) in [(problem.code, str(problem)) for problem in found], found

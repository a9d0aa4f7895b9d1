"""The exact words of each problem that a rule of the build's rows finds (row_rules.py, wording.py,
periods.py, spans.py, builder/chains.py, builder/checks.py, the corrections table...), asserted once: one
case per message, the edits that cause it, its code and its whole line. The problems of reading the
inputs (spans, ids, YAML, seeds) are in test_problems_words.py; validate's in test_problems_words_validate.py."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus import A0, A3, S000, S003, require
from minimal_project import (
    ANNOTATION_PATH,
    CORRECTIONS,
    DATA_CHECK,
    SEED,
    SEED_PATH,
    WIRE,
    make_project,
    refusal,
    replace_once,
)

FILE = ANNOTATION_PATH


ENTITIES = "annotations/entities.yaml"
OBSERVATIONS = "annotations/observations.yaml"
REFERENCES = "annotations/references.yaml"
RUSSIA_QID = "wikidata_id: null\n    description: The Russian"
THROUGH_THE_PAPER = (FILE, "    series_id: cn-exports-to-ru-machine-tools\n",
                     "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
MOSCOW = "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n"
CORRECTIONS_FILE = "annotations/corrections.yaml"
ENTRY = f"{CORRECTIONS_FILE}: corrections id 0.3.0-001"
OWN_CHAIN = ("it confirms the relay, not the number: ask the relay question with a reference check")


def correction(old: str, new: str) -> tuple[tuple[str, str, str], ...]:
    """The edits writing the small project's correction (minimal_project.CORRECTIONS) with ``old`` made ``new``."""
    return ((CORRECTIONS_FILE, "corrections: []\n", CORRECTIONS.replace(old, new)),)


@dataclass(frozen=True)
class Worded:
    """A problem of the build: the edits (file, old, new) that cause it, its code and its whole line. With
    ``published``, the edits break a copy of the published project (which needs the source ``needs``);
    ``appended`` is text added at the end of files, before the edits."""

    edits: tuple[tuple[str, str, str], ...]
    code: str
    line: str
    published: bool = False
    needs: str | None = None
    appended: tuple[tuple[str, str], ...] = ()


def check(text: str) -> tuple[tuple[str, str], ...]:
    """A check appended to the small project's annotation file."""
    return ((FILE, text),)


WORDED = {
    # row_rules.py and wording.py
    "value-words-mismatch": Worded(
        ((A0, "    text: tenfold\n    value: 10\n", "    text: tenfold\n    value: 100\n"),), "value-words-mismatch",
        f"{A0}: figures id 000-f01: value 100 does not agree with the number written in text 'tenfold' (10); "
        "write values in base units, e.g. '£68 million' is 68000000", published=True, needs=S000),
    "observation-words-mismatch": Worded(
        ((OBSERVATIONS, "    period_end: 2025-08-31\n    value: -16.4\n",
          "    period_end: 2025-08-31\n    value: -15.4\n"),), "value-words-mismatch",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value -15.4 is not the number "
        "written in value_words 'fell 16.4%' (16.4); write values in base units, e.g. '1.03 trillion yuan' is "
        "1030000000000", published=True),
    "observation-currency": Worded(
        ((OBSERVATIONS, "    unit: USD\n", "    unit: GBP\n"),
         (OBSERVATIONS, "68 million dollars in July", "68 million pounds in July"),
         (OBSERVATIONS, "value_words: 68 million dollars", "value_words: 68 million pounds")), "observation-currency",
        f"{OBSERVATIONS}: observations id customs-2024-01-02-july: unit 'GBP' is not the currency 'USD' of its series "
        "'cn-exports-to-ru-machine-tools'; a value of a series is in its currency (a year-on-year change may be in "
        "percent)"),
    "figure-currency": Worded(
        ((FILE, "    series_note: In pounds, converted from the series' US dollars at July's average rate.\n", ""),),
        "figure-currency",
        f"{FILE}: figures id 100-f01: unit 'GBP' is not the currency 'USD' of its series "
        "'cn-exports-to-ru-machine-tools'; say in series_note how the figure's amount relates to the series (a "
        "conversion, another currency sign)"),
    "observation-words-outside-text": Worded(
        ((OBSERVATIONS, "    value_words: fell 16.4%\n", "    value_words: fell 16.5%\n"),), "span-not-found",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value_words 'fell 16.5%' are not whole "
        "words of its text \"China's exports to Russia fell 16.4% year-on-year in August, the sharpest drop in five "
        "months and adding to July's 8.6% decline, marking the fifth straight monthly contraction.\"", published=True),
    "observed-change-unsigned": Worded(
        ((OBSERVATIONS, "    value_words: fell 16.4%\n", "    value_words: 16.4%\n"),), "sign-unwritten",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value_words '16.4%' of a change hold no "
        "one direction word (rose, fell...) to sign it by", published=True),
    "hedge-words-mismatch": Worded(
        ((A3, "    unit: CNY\n    approximation: approximately", "    unit: CNY\n    approximation: exact"),),
        "hedge-words-mismatch",
        f"{A3}: figures id 003-f06: approximation 'exact' does not agree with the words: text "
        "'approximately 1.03 trillion yuan' has 'approximately', which writes approximation 'approximately'",
        published=True, needs=S003),
    "approximation-without-hedge": Worded(
        ((FILE, "    text: 12%\n    value: 12\n    unit: percent\n    approximation: exact",
          "    text: 12%\n    value: 12\n    unit: percent\n    approximation: nearly"),),
        "hedge-words-mismatch",
        f"{FILE}: figures id 100-f02: approximation 'nearly' does not agree with the words: text '12%' has no hedge "
        "word, so its approximation is 'exact'"),
    "hedge-outside-span": Worded(
        ((A3, "    text: nearly 9%\n", "    text: 9%\n"),), "hedge-outside-span",
        f"{A3}: figures id 003-f05: text '9%' leaves out the hedge 'nearly' right before it; include it in the span",
        published=True, needs=S003),
    "sign-outside-span": Worded(
        ((SEED_PATH, "up 12% on June", "\u221212% on June"), (FILE, "value: 12\n", "value: -12\n")),
        "sign-outside-span",
        f"{FILE}: figures id 100-f02: text '12%' leaves out the sign '\u2212' right before its number; include it in "
        "the span"),
    "statistic-words-mismatch": Worded(
        ((FILE, "    statistic: change\n", "    statistic: level\n"),), "statistic-words-mismatch",
        f"{FILE}: figures id 100-f02: statistic 'level' does not agree with the words: the direction 'up' next to "
        "text '12%' makes it 'change'"),
    "scale-outside-span": Worded(
        ((FILE, "    text: £68 million\n    value: 68000000\n", "    text: £68\n    value: 68\n"),),
        "scale-outside-span",
        f"{FILE}: figures id 100-f01: text '£68' leaves out the word 'million' that follows it, which scales "
        "its number; include it in the span"),
    "negative-level": Worded(
        ((FILE, "value: 68000000", "value: -68000000"),), "value-out-of-bounds",
        f"{FILE}: figures id 100-f01: value -68,000,000 is negative, but a level cannot be below 0"),
    "share-above-100": Worded(
        ((SEED_PATH, "bought 57%", "bought 157%"), (FILE, "text: 57%", "text: 157%"),
         (FILE, "value: 57\n", "value: 157\n")),
        "value-out-of-bounds",
        f"{FILE}: figures id 100-f03: value 157 is above 100, but a share in percent lies within 0-100"),
    "rise-written-negative": Worded(
        ((FILE, "value: 12\n", "value: -12\n"),), "sign-direction",
        f"{FILE}: figures id 100-f02: value -12 does not carry the sign of 'up' next to '12%': a rise is positive "
        "(annotation guide, Sign)"),
    "fall-written-positive": Worded(
        ((SEED_PATH, "up 12% on June", "down 12% on June"),), "sign-direction",
        f"{FILE}: figures id 100-f02: value 12 does not carry the sign of 'down' next to '12%': a fall is negative "
        "(annotation guide, Sign)"),
    "observed-change-sign": Worded(
        ((OBSERVATIONS, "    value: -16.4\n", "    value: 16.4\n"),), "sign-direction",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value 16.4 does not carry "
        "the sign of 'fell' in 'fell 16.4%'", published=True),
    # wording.py
    "mention-name": Worded(
        ((A0, "{id: 000-m05, entity_id: ukraine", "{id: 000-m05, entity_id: china"),), "mention-name",
        f"{A0}: mentions id 000-m05: text 'Ukraine' is not a name of entity 'china' (name 'China', aliases 'PRC', "
        "\"People's Republic of China\"), nor a part of one, words holding one or their initials; if the texts name "
        "the entity so, add it to its aliases in annotations/entities.yaml; if it is an adjective, set demonym: true "
        '("Chinese" for china), if a capital or seat of government standing for a country, metonym: true ("Moscow" '
        'or "the Kremlin" for russia)', published=True, needs=S000),
    "mention-name-abbreviation": Worded(
        ((SEED_PATH, "up 12% on June.", "up 12% on June, PRC customs said."),
         (FILE, MOSCOW, MOSCOW + "  - {id: 100-m04, entity_id: china, text: PRC}\n")), "mention-name",
        f"{FILE}: mentions id 100-m04: text 'PRC' is not a name of entity 'china' (name 'China', aliases none), nor "
        "a part of one, words holding one or their initials; if the texts name the entity so, add it to its aliases "
        "in annotations/entities.yaml"),
    "mention-demonym": Worded(
        ((FILE, MOSCOW, MOSCOW + "  - {id: 100-m04, entity_id: russia, text: Russia, within: Russia and, "
          "demonym: true}\n"),), "mention-demonym",
        f"{FILE}: mentions id 100-m04: text 'Russia', flagged demonym, is not a demonym of entity 'russia' (none), "
        "nor a form holding one; if the texts use it for that entity, add it to its demonyms in "
        "annotations/entities.yaml"),
    "mention-other-entity": Worded(
        ((FILE, MOSCOW, "  - {id: 100-m03, entity_id: russia, text: China, within: China traded, metonym: true}\n"),),
        "mention-other-entity",
        f"{FILE}: mentions id 100-m03: text 'China', a metonym of entity 'russia', is the name of entity 'china'; "
        "mention 'china' instead (a metonym stands for its own entity: \"Moscow\" or \"the Kremlin\" for russia)"),
    "quote-unmarked": Worded(
        ((SEED_PATH, "“We buy what we need,” an official", "We buy what we need, an official"),), "quote-unmarked",
        f"{FILE}: quotes id 100-q01: kind is 'direct', but text 'We buy what we need,' does not stand inside "
        "quotation marks (no opening mark before it and no closing mark after it; the marks are “…”, \"…\", ‘…’, "
        "«…», „…“, ‚…‘); words the source does not put in marks are kind 'indirect'"),
    "series-note": Worded(
        ((FILE, "    series_note: A share of two series.\n", ""),), "paired-field",
        f"{FILE}: figures id 100-f03: series_id is null, so series_note must say why no series fits"),
    "report-inferred": Worded(
        ((FILE, "    series_id: cn-exports-to-ru-machine-tools\n",
          "    series_id: cn-exports-to-ru-machine-tools\n    report_inferred: true\n"),), "paired-field",
        f"{FILE}: figures id 100-f01: report_inferred is true, so report_id must be set and a note must say why"),
    "country-code": Worded(
        ((ENTITIES, "country_code: RU", "country_code: XX"),), "country-code",
        f"{ENTITIES}: entities id russia: country_code 'XX' is neither a current ISO 3166-1 alpha-2 code nor a "
        "former alpha-2 code in ISO 3166-3"),
    "wikidata-without-note": Worded(
        ((ENTITIES, RUSSIA_QID, RUSSIA_QID.replace("null", "Q159")),), "paired-field",
        f"{ENTITIES}: entities id russia: wikidata_id is set, so wikidata_note must say how the item was checked"),
    "note-without-wikidata": Worded(
        ((ENTITIES, RUSSIA_QID, RUSSIA_QID.replace("null", "null\n    wikidata_note: Looked it up.")),),
        "paired-field", f"{ENTITIES}: entities id russia: wikidata_note is set but wikidata_id is null"),
    "unknown-product": Worded(
        ((FILE, "product_id: lathes", "product_id: drills"),), "unknown-reference",
        f"{FILE}: figures id 100-f03: product_id 'drills' is not a product in annotations/products.yaml"),
    "computed-key": Worded(
        ((FILE, "    product: lathes\n", "    product: lathes\n    check_status: consistent\n"),), "computed-key",
        f"{FILE}: figures entry 3 (id 100-f03): computed key(s) check_status: the build computes them; remove them"),
    # rules/periods.py, read by wording.period_rules
    "period-words-mismatch": Worded(
        ((A3, "    period_start: 2025-08-01\n    period_end: 2025-08-31\n    period_text: in August",
          "    period_start: 2025-07-01\n    period_end: 2025-07-31\n    period_text: in August"),),
        "period-words-mismatch",
        f"{A3}: figures id 003-f03: period_start 2025-07-01 does not agree with period_text 'in August 2025', "
        "which gives 2025-08-01; set period_inferred: true, with a note, if the dates are not the ones the words "
        "give", published=True, needs=S003),
    "period-without-year": Worded(
        ((A3, "    period_text: in July\n    period_inferred: true\n",
          "    period_text: in July\n    period_inferred: false\n"),), "period-words-mismatch",
        f"{A3}: figures id 003-f04: period_text 'in July' names no year, so its dates are decided from context; "
        "set period_inferred: true, with a note", published=True, needs=S003),
    # spans.py
    "span-inside-word": Worded(
        ((FILE, "    text: £68 million\n    value: 68000000\n", "    text: 8 million\n    value: 8000000\n"),),
        "span-inside-word",
        f"{FILE}: figures id 100-f01: text '8 million' starts inside a word or number "
        "(“to £6⟦8 million⟧ in”); a span covers whole words and numbers"),
    "span-ends-inside-word": Worded(
        ((SEED_PATH, "Russia and China traded", "Russian and China traded"),
         (FILE, "within: Russia bought}", "within: Russian and}")), "span-inside-word",
        f"{FILE}: mentions id 100-m02: text 'Russia' ends inside a word or number (“said. ⟦Russia⟧n and”); "
        "a span covers whole words and numbers"),
    "span-starts-with-a-space": Worded(
        ((FILE, "    text: £68 million\n", "    text: ' £68 million'\n"),), "span-inside-word",
        f"{FILE}: figures id 100-f01: text ' £68 million' starts with a space; a span starts and ends "
        "with its words"),
    # builder/assembly.py
    "shared-span": Worded(
        ((FILE, MOSCOW, MOSCOW + MOSCOW.replace("100-m03", "100-m04")),), "shared-span",
        f"{FILE}: mentions ids 100-m03, 100-m04: 2 rows lie on code points {SEED.index('Moscow')}-"
        f"{SEED.index('Moscow') + 6}; a span holds at most one row of a table"),
    "id-across-tables": Worded(
        ((REFERENCES, "  - id: uwc-2024-01-04", "  - id: china"),), "duplicate-id",
        "annotations/: the id 'china' names rows of entities and references; ids must be unique across tables so "
        "that cite() and show() find one row", published=True),
    # builder/chains.py
    "unknown-relay": Worded(
        ((REFERENCES, "    url: null\n", "    url: null\n    relays: nobody\n"),), "unknown-reference",
        f"{REFERENCES}: references id customs-2024-01-02: relays 'nobody', which is neither a reference nor an "
        "entity"),
    "relay-loop": Worded(
        ((REFERENCES, "    url: null\n    note: A table",
          "    url: null\n    relays: paper-2024-01-04\n    note: A table"),),
        "relay-loop",
        f"{REFERENCES}: references id customs-2024-01-02: relays itself through customs-2024-01-02 > "
        "paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02; a relay chain cannot loop",
        appended=((REFERENCES, WIRE),)),
    "release-relays": Worded(
        ((REFERENCES, "    relays: customs-2024-01-02\n    note: A wire story relaying the customs table.\n",
          "    relays: customs-2024-01-02\n    note: A wire story relaying the customs table.\n"
          "    release_of: china\n"),),
        "release-relays",
        f"{REFERENCES}: references id wire-2024-01-03: release_of 'china' says it is that agency's "
        "own release, but it relays customs-2024-01-02; an agency's release relays nothing but that agency",
        appended=((REFERENCES, WIRE),)),
    "mirror-series": Worded(
        (), "mirror-series",
        "annotations/series.yaml: series id ru-imports-from-cn-machine-tools: mirror_id "
        "'cn-exports-to-ru-machine-tools' must be a public series of the same product, reported by CN with partner "
        "RU and flow import",
        appended=(("annotations/series.yaml",
                   "  - id: ru-imports-from-cn-machine-tools\n    agency_id: russia\n    reporter: RU\n"
                   "    partner: CN\n"
                   "    flow: export\n    product_id: machine-tools\n    frequency: monthly\n    currency: USD\n"
                   "    public: false\n    mirror_id: cn-exports-to-ru-machine-tools\n    note: Not public.\n"),)),
    # row_rules.py: the corrections table
    "correction-id-prefix": Worded(
        correction("id: 0.3.0-001", "id: 0.4.0-001"), "id-prefix",
        f"{CORRECTIONS_FILE}: corrections id 0.4.0-001: id must start with its version, '0.3.0-'"),
    "correction-changed-without-field": Worded(
        correction("field: product", "field: null"), "paired-field", f"{ENTRY}: a changed row names its field"),
    "correction-no-change": Worded(
        correction("new: lathes and milling machines", "new: lathes"), "no-change",
        f"{ENTRY}: old and new are the same ('lathes'); nothing changed"),
    "correction-removed-with-field": Worded(
        correction("change: changed", "change: removed"), "paired-field",
        f"{ENTRY}: a row removed has no field, old or new (they must be null)"),
    "correction-old-not-text": Worded(
        correction("old: lathes", "old: 57"), "invalid-value",
        f"{CORRECTIONS_FILE}: corrections entry 1 (id 0.3.0-001): old must be text, got 57 (int); put it in quotes"),
    # builder/checks.py
    "arithmetic-data-check": Worded(
        (), "check-question",
        f"{FILE}: checks id 100-c02: arithmetic alone never decides a data verdict: a data check compares observations",
        appended=check("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: arithmetic\n"
                       "    rule: multiple\n    operands: 100-f02, 100-f03\n")),
    "reference-data-verdict": Worded(
        (), "check-question",
        f"{FILE}: checks id 100-c02: a data check that is consistent or a discrepancy compares the figure with "
        "observations (method observation); a reference check answers the relay question",
        appended=check("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: reference\n"
                       "    reference_id: customs-2024-01-02\n    status: consistent\n    expected: x\n"
                       "    found: y\n")),
    "data-check-of-a-quote": Worded(
        (), "check-question",
        f"{FILE}: checks id 100-c02: only a figure can have a data check; a quote's check asks the relay question",
        appended=check("  - id: 100-c02\n    quote_id: 100-q01\n    question: data\n    method: reference\n"
                       "    status: unverified\n")),
    "observation-relay-check": Worded(
        (), "check-question",
        f"{FILE}: checks id 100-c02: an observation check answers the data question; set question: data",
        appended=check("  - id: 100-c02\n    figure_id: 100-f01\n    question: relay\n    method: observation\n"
                       "    rule: equal\n    observations: customs-2024-01-02-july\n")),
    "unknown-observation": Worded(
        (), "unknown-reference",
        f"{FILE}: checks id 100-c02: nowhere in observations is not a row of the observations table",
        appended=check(DATA_CHECK.replace("observations: customs-2024-01-02-july", "observations: nowhere"))),
    "self-check": Worded(
        ((A0, "    operands: 000-f02, 000-f03", "    operands: 000-f01, 000-f03"),), "self-check",
        f"{A0}: checks id 000-c01: operands name the checked figure 000-f01; a figure cannot check itself",
        published=True, needs=S000),
    "unit-mismatch": Worded(
        ((A0, "    operands: 000-f02, 000-f03", "    operands: 000-f02, 000-f04"),), "unit-mismatch",
        f"{A0}: checks id 000-c01: rule multiple compares figures of one unit, got 000-f02 GBP, 000-f04 percent",
        published=True, needs=S000),
    "own-chain-observation": Worded(
        (THROUGH_THE_PAPER, (OBSERVATIONS, "    reference_id: customs-2024-01-02\n",
                             "    reference_id: wire-2024-01-03\n")),
        "own-chain-data",
        f"{FILE}: checks id 100-c02: a data check may not rest on the figure's own chain: observation "
        "customs-2024-01-02-july is read in wire-2024-01-03, which shares wire-2024-01-03, customs-2024-01-02 with "
        "100-f01's chain (100_0123456789abcdef > paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02); "
        f"{OWN_CHAIN}",
        appended=((REFERENCES, WIRE), *check(DATA_CHECK))),
    "own-chain-reference": Worded(
        (THROUGH_THE_PAPER,), "own-chain-data",
        f"{FILE}: checks id 100-c02: a data check may not rest on the figure's own chain: reference wire-2024-01-03, "
        "which shares wire-2024-01-03, customs-2024-01-02 with 100-f01's chain (100_0123456789abcdef > "
        f"paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02); {OWN_CHAIN}",
        appended=((REFERENCES, WIRE), *check("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n"
                                             "    method: reference\n    reference_id: wire-2024-01-03\n"
                                             "    status: unverified\n"))),
}


@pytest.mark.parametrize("case", WORDED.values(), ids=WORDED.keys())
def test_each_problem_of_the_build_is_worded_so(case: Worded, tmp_path: Path, request: pytest.FixtureRequest):
    if case.published:
        if case.needs:
            require(case.needs)
        root = request.getfixturevalue("project")
    else:
        root = make_project(tmp_path / "project")
    for relative, text in case.appended:
        path = root / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    for relative, old, new in case.edits:
        replace_once(root, relative, old, new)
    error = refusal(root)
    assert (case.code, case.line) in zip(error.codes, error.problems, strict=True), error.problems

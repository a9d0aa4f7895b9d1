"""builder/checks.py: the checks table and each checked row's statuses, on the small project of
minimal_project.py (what the build computes and what it refuses) and on the published data (arithmetic
checks recomputed here, each discrepancy asserted with both readings)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from china_russia_tools import builder
from china_russia_tools.tables import id_column
from conftest import seed_text
from corpus import A0, S000, S003, edited, present, require, require_row
from minimal_project import (
    ANNOTATION_PATH,
    add_check,
    coded,
    figures_of,
    make_project,
    refusal,
    replace_once,
    with_wire,
)

pytestmark = pytest.mark.slow

CHECK = f"{ANNOTATION_PATH}: checks id 100-c02"


def test_an_observation_check_computes_status_and_kind(tmp_path):
    root = make_project(tmp_path)
    add_check(root)
    figures, checks = figures_of(root)
    # £68 million against 68 million US dollars: the same number in another currency.
    assert (checks["100-c02"]["status"], checks["100-c02"]["kind"]) == ("discrepancy", "currency")
    assert (figures["100-f01"]["relay_status"], figures["100-f01"]["data_status"]) == ("unverified", "discrepancy")
    assert figures["100-f01"]["check_status"] == "discrepancy"


def test_an_observation_in_the_figure_s_unit_is_consistent(tmp_path):
    root = make_project(tmp_path)
    # A series in pounds, so that its observation may be in pounds too.
    replace_once(root, "annotations/series.yaml", "    currency: USD\n", "    currency: GBP\n")
    replace_once(root, "annotations/observations.yaml", "    unit: USD\n", "    unit: GBP\n")
    for old in ("68 million dollars in July", "value_words: 68 million dollars"):
        replace_once(root, "annotations/observations.yaml", old, old.replace("dollars", "pounds"))
    add_check(root)
    figures, checks = figures_of(root)
    assert (checks["100-c02"]["status"], checks["100-c02"]["kind"]) == ("consistent", None)
    assert (figures["100-f01"]["relay_status"], figures["100-f01"]["data_status"]) == ("unverified", "consistent")


def test_a_data_verdict_resting_on_the_figure_s_own_chain_is_refused(tmp_path):
    # The planted violation: the figure relays the paper, which relays the wire; the observation is read
    # in the wire itself, so it can only confirm the relay.
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    replace_once(root, "annotations/observations.yaml", "    reference_id: customs-2024-01-02\n",
                 "    reference_id: wire-2024-01-03\n")
    add_check(root)
    # The words of the message are in test_problems_words_rules.py.
    assert coded(refusal(root)) == [(CHECK, "own-chain-data")]


def test_the_agency_s_own_release_decides_even_inside_the_chain(tmp_path):
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    replace_once(root, "annotations/references.yaml", "    note: A table of imports by country of origin.\n",
                 "    note: A table of imports by country of origin.\n    release_of: china\n")
    add_check(root)
    _, checks = figures_of(root)
    assert checks["100-c02"]["status"] == "discrepancy"


@pytest.mark.parametrize(("check", "code"), [
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: arithmetic\n    rule: multiple\n"
     "    operands: 100-f02, 100-f03\n",
     "check-question"),
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: reference\n"
     "    reference_id: customs-2024-01-02\n    status: consistent\n    expected: x\n    found: y\n",
     "check-question"),
    ("  - id: 100-c02\n    quote_id: 100-q01\n    question: data\n    method: reference\n    status: unverified\n",
     "check-question"),
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: relay\n    method: observation\n    rule: equal\n"
     "    observations: customs-2024-01-02-july\n",
     "check-question"),
    ("  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: observation\n    rule: equal\n"
     "    observations: nowhere\n",
     "unknown-reference"),
])
def test_a_check_whose_question_does_not_fit_is_refused(tmp_path, check, code):
    # The words of each message are in test_problems_words_rules.py.
    root = make_project(tmp_path)
    add_check(root, check)
    assert coded(refusal(root)) == [(CHECK, code)]


def test_a_check_naming_a_row_of_another_table_is_reported(tmp_path):
    # 100-q01 is a quote: a figure check naming it is not dropped silently.
    root = make_project(tmp_path)
    add_check(root, "  - id: 100-c02\n    figure_id: 100-q01\n    question: relay\n    method: reference\n"
                    "    status: unverified\n")
    assert coded(refusal(root)) == [(CHECK, "unknown-reference")]


def test_an_unverified_data_check_may_not_read_the_figure_s_own_chain_either(tmp_path):
    root = make_project(tmp_path)
    with_wire(root)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
    add_check(root, "  - id: 100-c02\n    figure_id: 100-f01\n    question: data\n    method: reference\n"
                    "    reference_id: wire-2024-01-03\n    status: unverified\n")
    assert coded(refusal(root)) == [(CHECK, "own-chain-data")]


SOURCES = [pytest.param(facts, id=source_id) for source_id, facts in present().items()]


DISCREPANCIES = [pytest.param(row, id=row.check_id) for facts in present().values() for row in facts.discrepancies]


@pytest.fixture(scope="module")
def checks(tables):
    return tables["checks"].set_index("check_id")


@pytest.fixture(scope="module")
def values(tables):
    return tables["figures"].set_index("figure_id")["value"].to_dict()


@pytest.mark.parametrize("facts", SOURCES)
def test_every_figure_and_quote_of_a_published_source_has_a_check(tables, facts):
    for table, column in (("figures", "figure_id"), ("quotes", "quote_id")):
        rows = tables[table]
        checked = set(tables["checks"][column].dropna())
        assert len(rows.loc[rows["source_id"] == facts.source_id]) > 0, table  # each published source has both
        assert set(rows.loc[rows["source_id"] == facts.source_id, column]) <= checked


def test_every_check_targets_a_row_of_its_own_source(tables):
    checks = tables["checks"]
    assert (checks["figure_id"].notna() | checks["quote_id"].notna()).all()
    owners = {**dict(zip(tables["figures"]["figure_id"], tables["figures"]["source_id"], strict=True)),
              **dict(zip(tables["quotes"]["quote_id"], tables["quotes"]["source_id"], strict=True))}
    for row in checks.itertuples():
        target = row.figure_id if isinstance(row.figure_id, str) else row.quote_id
        assert owners[target] == row.source_id, row.check_id


def test_multiple_recomputed(checks, values):
    require(S000)
    # "surged tenfold": £68 million in July 2023 against £6.5 million in February 2022.
    later, earlier = values["000-f02"], values["000-f03"]
    assert (later, earlier) == (68_000_000, 6_500_000)
    # As written to the last digit: 67.5 to 68.5 million over 6.45 to 6.55 million.
    low, high = 67.5e6 / 6.55e6, 68.5e6 / 6.45e6
    row = checks.loc["000-c01"]
    assert (row["method"], row["rule"], row["operands"]) == ("arithmetic", "multiple", "000-f02, 000-f03")
    assert row["expected"] == (
        f"68,000,000 / 6,500,000 = {later / earlier:.2f} (000-f02 / 000-f03; {low:.2f} to {high:.2f} as written)"
    )
    assert row["expected"] == "68,000,000 / 6,500,000 = 10.46 (000-f02 / 000-f03; 10.31 to 10.62 as written)"
    # "tenfold" is a whole number in words: 9.5 to 10.5, which overlaps 10.31 to 10.62.
    assert row["found"] == "10 multiple (“tenfold”, exact: 9.5 to 10.5)"
    assert low <= 10.5 and row["status"] == "consistent" and pd.isna(row["kind"])


def test_parts_recomputed(checks, values):
    require(S003)
    # Turnover fell "nearly 9%"; its two flows fell 8.8% and 8.2%. A sum's change is a weighted mean of
    # its parts' changes, so it lies between them: -8.85 to -8.15 as written.
    assert (values["003-f08"], values["003-f09"], values["003-f05"]) == (-8.8, -8.2, -9)
    parts_low, parts_high = values["003-f08"] - 0.05, values["003-f09"] + 0.05
    # "nearly 9%" of a fall: a fall just under 9 points, -9 to -8.
    stated_low, stated_high = values["003-f05"], values["003-f05"] + 1
    row = checks.loc["003-c01"]
    assert row["expected"] == (
        f"between {parts_low:g} and {parts_high:g} percent (the changes of its parts 003-f08, 003-f09)"
    )
    assert row["found"] == f"-9 percent (“nearly 9%”, nearly: {stated_low:g} to {stated_high:g})"
    assert stated_low <= parts_high and parts_low <= stated_high
    assert row["status"] == "consistent"


def test_conversion_recomputed(checks, values):
    require(S003)
    # "approximately 1.03 trillion yuan (around US$145 billion)": each hedge widens by one last digit.
    yuan, dollars = values["003-f06"], values["003-f07"]
    assert (yuan, dollars) == (1.03e12, 145e9)
    low, high = 1.02e12 / 146e9, 1.04e12 / 144e9
    row = checks.loc["003-c02"]
    assert row["found"] == (
        f"1,030,000,000,000 CNY = 145,000,000,000 USD (003-f06, 003-f07): {yuan / dollars:.3f} CNY per USD "
        f"({low:.3f} to {high:.3f} as written)"
    )
    assert f"{yuan / dollars:.3f}" == "7.103"
    # The band: the yuan's central parity over January-August 2025, independent of the pair checked.
    # Every fixing of the period was weaker than 7.1007 (brecorder-2025-10-13: "its strongest since
    # November 6, 2024"); the weakest found is 7.2116 (rthk-2025-04-23). Rounded outwards: 7.10 to 7.22.
    assert 7.10 <= 7.1007 and 7.2116 <= 7.22
    assert row["expected"] == "a rate between 7.1 and 7.22 CNY per USD"
    assert low <= 7.22 and 7.10 <= high and row["status"] == "consistent"
    # No reference that gives the pair checked (ki-2025-09-08: 1.03 trillion yuan, US$145 billion) builds the band.
    assert "ki-2025-09-08" not in row["note"].split("(Until this correction")[0]


@pytest.mark.parametrize("facts", SOURCES)
def test_the_discrepancies_of_a_published_source_are_exactly_these(checks, facts):
    found = checks[(checks["status"] == "discrepancy") & (checks["source_id"] == facts.source_id)]
    assert sorted(found.index) == sorted(row.check_id for row in facts.discrepancies)


@pytest.mark.parametrize("expected", DISCREPANCIES)
def test_discrepancy(checks, expected):
    row = checks.loc[expected.check_id]
    target = row["quote_id"] if pd.isna(row["figure_id"]) else row["figure_id"]
    assert (target, row["kind"], row["expected"], row["found"]) == (
        expected.target, expected.kind, expected.expected, expected.found)


@pytest.mark.parametrize("facts", SOURCES)
@pytest.mark.parametrize(("table", "published"), [("figures", "figure_status"), ("quotes", "quote_status")])
def test_check_status_of_checked_rows(tables, facts, table, published):
    # A verdict on the article's reading as the row records it; a row no report speaks to is unverified.
    rows = tables[table]
    status = rows.loc[rows["source_id"] == facts.source_id].set_index(id_column(table))["check_status"]
    assert status.astype(str).to_dict() == getattr(facts, published)


# Rows of the published data whose checks exercise each branch of the rule, written out by hand from the
# annotations: each row's checks (id, method, status) and the status they give it.
STATUS_CASES = {
    # A discrepancy outweighs a consistent check.
    "000-f04": ([("000-c05", "reference", "discrepancy"), ("000-c12", "reference", "consistent"),
                 ("000-c19", "reference", "discrepancy"), ("000-c24", "reference", "discrepancy"),
                 ("000-c31", "reference", "discrepancy"), ("000-c36", "reference", "discrepancy")], "discrepancy"),
    "003-f08": ([("003-c10", "reference", "discrepancy"), ("003-c11", "reference", "discrepancy"),
                 ("003-c33", "reference", "consistent"), ("003-c53", "reference", "discrepancy"),
                 ("003-c70", "reference", "consistent"), ("003-c76", "reference", "unverified"),
                 ("003-c79", "reference", "unverified"), ("003-c85", "reference", "discrepancy"),
                 ("003-c90", "reference", "discrepancy"), ("003-c94", "reference", "unverified")], "discrepancy"),
    "000-q03": ([("000-c14", "reference", "discrepancy"), ("000-c44", "reference", "discrepancy"),
                 ("000-c45", "reference", "discrepancy"), ("000-c46", "reference", "discrepancy"),
                 ("000-c47", "reference", "discrepancy"), ("000-c48", "reference", "discrepancy")], "discrepancy"),
    # A reference or an observation confirms a row; an unverified check or an arithmetic one beside it changes nothing.
    "003-f02": ([("003-c04", "reference", "consistent"), ("003-c35", "observation", "consistent"),
                 ("003-c37", "reference", "consistent"), ("003-c63", "reference", "consistent"),
                 ("003-c96", "reference", "consistent"), ("003-c97", "reference", "consistent")], "consistent"),
    "003-f05": ([("003-c01", "arithmetic", "consistent"), ("003-c07", "reference", "unverified"),
                 ("003-c27", "reference", "consistent"), ("003-c67", "reference", "consistent"),
                 ("003-c73", "reference", "unverified"), ("003-c83", "reference", "unverified"),
                 ("003-c88", "reference", "unverified"), ("003-c92", "reference", "unverified")], "consistent"),
    "000-q01": ([("000-c07", "reference", "consistent"), ("000-c37", "reference", "consistent"),
                 ("000-c38", "reference", "consistent"), ("000-c39", "reference", "consistent"),
                 ("000-c40", "reference", "consistent"), ("000-c41", "reference", "consistent"),
                 ("000-c42", "reference", "consistent")], "consistent"),
    # A row no check confirms or contradicts is unverified.
    "003-q03": ([("003-c24", "reference", "unverified")], "unverified"),
}


@pytest.mark.parametrize(("row_id", "own", "expected"), [(key, *value) for key, value in STATUS_CASES.items()],
                         ids=list(STATUS_CASES))
def test_check_status_follows_the_checks(tables, row_id, own, expected):
    require_row(row_id)
    table, column = ("figures", "figure_id") if "-f" in row_id else ("quotes", "quote_id")
    checks = tables["checks"][tables["checks"][column] == row_id].sort_values("check_id")
    assert list(zip(checks["check_id"], checks["method"].astype(str), checks["status"].astype(str),
                    strict=True)) == own
    assert tables[table].set_index(column).loc[row_id, "check_status"] == expected


@pytest.mark.parametrize("facts", SOURCES)
def test_references_fix_what_the_articles_leave_implicit(checks, facts):
    settling = checks[(checks["source_id"] == facts.source_id) & checks["settles"].notna()]
    assert list(settling.index) == SETTLING[facts.source_id]
    for check_id, settled in facts.settles.items():
        assert checks.loc[check_id, "settles"] == settled


SETTLING = {  # the checks of each published source that settle what its article leaves implicit
    S000: ["000-c02", "000-c03", "000-c05", "000-c08", "000-c10", "000-c12", "000-c28", "000-c34", "000-c36"],
    S003: ["003-c04", "003-c06", "003-c14", "003-c19", "003-c25", "003-c63", "003-c96", "003-c97"],
}


def rebuild_with(project, source_id: str, words: tuple[str, str], value: tuple[str, str]) -> dict:
    """Rows of a build after changing a number in the source text and in its annotation file."""
    seed = project / "seeds" / f"{source_id}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace(*words), encoding="utf-8")
    path = project / "annotations" / f"{source_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(value[0]) == 1, value
    path.write_text(text.replace(*words).replace(*value), encoding="utf-8")
    return builder.build_tables(project, json.loads((project / "datapackage.json").read_text(encoding="utf-8")))


FLIPS = [
    # source, words changed in the text and annotation, value changed, check, status after, recomputed reading
    (S000, ("£6.5 million", "£5 million"), ("value: 6500000", "value: 5000000"), "000-c01",
     "discrepancy", "68,000,000 / 5,000,000 = 13.60"),
    (S003, ("8.2%", "3.2%"), ("value: -8.2", "value: -3.2"), "003-c01",
     "consistent", "between -8.85 and -3.15 percent"),  # "nearly 9%" (-9 to -8) still overlaps
    (S003, ("nearly 9%", "nearly 5%"), ("value: -9\n", "value: -5\n"), "003-c01",
     "discrepancy", "-5 percent (“nearly 5%”, nearly: -5 to -4)"),
    (S003, ("US$145 billion", "US$160 billion"), ("value: 145000000000", "value: 160000000000"),
     "003-c02", "discrepancy", "6.438 CNY per USD"),
]


@pytest.mark.parametrize("source_id, words, value, check_id, status, reading", FLIPS)
def test_changing_an_amount_changes_the_arithmetic_check(project, source_id, words, value, check_id, status, reading):
    require(source_id)
    rows = rebuild_with(project, source_id, words, value)
    check = next(row for row in rows["checks"] if row["check_id"] == check_id)
    assert (check["status"], check["kind"]) == (status, "arithmetic" if status == "discrepancy" else None)
    assert reading in check["expected"] + check["found"]
    figure = next(row for row in rows["figures"] if row["figure_id"] == check["figure_id"])
    if status == "discrepancy":
        assert figure["check_status"] == "discrepancy"


@pytest.mark.parametrize("facts", SOURCES)
def test_the_reference_confirmations_are_exactly_these(checks, facts):
    confirmed = checks[(checks["method"] == "reference") & (checks["status"] == "consistent")
                       & (checks["source_id"] == facts.source_id)]
    found = {check_id: (row["figure_id"] if isinstance(row["figure_id"], str) else row["quote_id"], row["reference_id"])
             for check_id, row in confirmed.iterrows()}
    assert found == facts.confirmations


@pytest.mark.parametrize("facts", SOURCES)
def test_the_unverified_checks_are_exactly_these(checks, facts):
    unverified = checks[(checks["status"] == "unverified") & (checks["source_id"] == facts.source_id)]
    found = {check_id: (row["quote_id"] if pd.isna(row["figure_id"]) else row["figure_id"],
                        None if pd.isna(row["reference_id"]) else row["reference_id"])
             for check_id, row in unverified.iterrows()}
    assert found == facts.unverified


def test_unverified_checks_say_why(checks):
    unverified = checks[checks["status"] == "unverified"]
    assert unverified["kind"].isna().all()
    require(S003)
    assert unverified.loc["003-c07", "note"].startswith("Another basis, so neither confirmed nor contradicted.")


def test_the_dollar_total_change_is_not_in_the_terms_of_its_parts(checks):
    require(S003)
    # mt-2025-09-08: exports down 8.8%, imports down 8.2%, total down 9.4%. A total's change is a weighted
    # mean of its parts' changes, so 9.4% cannot be in the same terms as 8.8% and 8.2%.
    assert not -8.8 <= -9.4 <= -8.2
    # With the report's dollar amounts as weights, the parts' changes would give about 8.5%.
    before = 64.8 / (1 - 0.088) + 79 / (1 - 0.082)
    assert round(((64.8 + 79) / before - 1) * 100, 2) == -8.47
    assert "its 9.4% is not in yuan terms" in checks.loc["003-c07", "note"]
    # 143.8 lies outside what "around US$145 billion" allows at its last digit, 144 to 146.
    assert not 144e9 <= 143.8e9 <= 146e9
    outside = "outside what \"around US$145 billion\" allows at its last digit (144 to 146 billion)"
    assert outside in checks.loc["003-c16", "note"]


def test_the_articles_reading_is_quoted_verbatim(tables):
    # "found" quotes the article, so it can be found in the source text word for word.
    references = tables["checks"][tables["checks"]["method"] == "reference"]
    quoted = [row for row in references.itertuples() if isinstance(row.found, str)]
    assert quoted  # the published data has reference checks that quote the article
    for row in quoted:
        assert row.found in seed_text(row.source_id), row.check_id


def test_rows_record_the_article_and_checks_the_departure(tables, checks):
    require(S000)
    # "57% of Russia's total imports": the row keeps the article's scope; the check records the report's.
    figures = tables["figures"].set_index("figure_id")
    assert figures.loc[["000-f04", "000-f05"], "product"].tolist() == ["machine tools as a share of total imports"] * 2
    assert checks.loc[["000-c05", "000-c06"], "kind"].tolist() == ["scope", "scope"]
    require(S003)
    # The reports of Nuriyev's remarks are dated, but neither the forum nor the first report of them is: the
    # bound stays at the first report of the August figures, the day of the report its trade figures relay.
    sources = tables["sources"].set_index("source_id")
    assert str(sources.loc[S003, "published_earliest"].date()) == "2025-09-08"
    assert sources.loc[S003, "published_reference_id"] == "charter97-2025-09-08"


# Each published figure's two verdicts, written out by hand from its checks in the annotations: every check
# but 003-c35 (an observation, the only data check) asks the relay question; arithmetic (000-c01, 003-c01,
# 003-c02) confirms nothing; a relay discrepancy outweighs the consistent references beside it (000-f04).
VERDICTS = {
    "000-f01": ("consistent", "unverified"), "000-f02": ("discrepancy", "unverified"),
    "000-f03": ("discrepancy", "unverified"), "000-f04": ("discrepancy", "unverified"),
    "000-f05": ("discrepancy", "unverified"),
    "003-f01": ("consistent", "unverified"), "003-f02": ("consistent", "consistent"),
    "003-f03": ("consistent", "unverified"), "003-f04": ("consistent", "unverified"),
    "003-f05": ("consistent", "unverified"), "003-f06": ("consistent", "unverified"),
    "003-f07": ("consistent", "unverified"), "003-f08": ("discrepancy", "unverified"),
    "003-f09": ("discrepancy", "unverified"),
}


def test_each_verdict_follows_the_checks_of_its_question(tables):
    require(S000)
    require(S003)
    figures = tables["figures"][tables["figures"]["source_id"].isin([S000, S003])]
    found = {row.figure_id: (row.relay_status, row.data_status) for row in figures.itertuples()}
    assert found == VERDICTS
    checks = tables["checks"][tables["checks"]["figure_id"].isin(list(VERDICTS))]
    assert list(checks.loc[checks["question"] == "data", "check_id"]) == ["003-c35"]


def test_a_consistent_data_verdict_rests_on_an_observation_outside_the_chain(tables):
    checks, observations = tables["checks"], tables["observations"].set_index("observation_id")
    figures = tables["figures"].set_index("figure_id")
    confirmed = checks[(checks["question"] == "data") & (checks["status"] == "consistent")]
    assert len(confirmed) > 0  # 003-c35 in the published data
    for check in confirmed.itertuples():
        assert check.method == "observation", check.check_id
        reference = observations.loc[check.observations, "reference_id"]
        assert reference not in figures.loc[check.figure_id, "chain"].split(" > "), check.check_id


@pytest.mark.parametrize("operands, code", [
    ("000-f01, 000-f03", "self-check"),
    ("000-f02, 000-f04", "unit-mismatch"),  # GBP against percent
])
def test_an_arithmetic_check_on_itself_or_across_units_is_refused(project, operands, code):
    # The words of each message are in test_problems_words_rules.py.
    root = edited(project, A0, "    operands: 000-f02, 000-f03", f"    operands: {operands}")
    assert coded(refusal(root)) == [(f"{A0}: checks id 000-c01", code)]

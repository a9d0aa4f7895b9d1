"""Corroboration: arithmetic checks recomputed here, each discrepancy asserted with both readings."""

from __future__ import annotations

import pytest

import china_russia_tools as crt
from china_russia_tools import build


@pytest.fixture(scope="module")
def checks(tables):
    return tables["checks"].set_index("check_id")


@pytest.fixture(scope="module")
def values(tables):
    return tables["figures"].set_index("figure_id")["value"].to_dict()


def test_every_figure_has_a_check(tables):
    assert set(tables["checks"]["figure_id"].dropna()) == set(tables["figures"]["figure_id"])


def test_multiple_recomputed(checks, values):
    # "surged tenfold": £68 million in July 2023 against £6.5 million in February 2022.
    ratio = values["000-f02"] / values["000-f03"]
    assert round(ratio, 2) == 10.46
    row = checks.loc["000-c01"]
    assert (row["method"], row["rule"], row["operands"]) == ("arithmetic", "multiple", "000-f02, 000-f03")
    assert row["expected"].startswith("68,000,000 / 6,500,000 = 10.46")
    # "tenfold" written as a word stands for 9.5 to 10.5; 10.46 lies inside.
    assert 9.5 <= ratio < 10.5 and row["status"] == "consistent"


def test_parts_recomputed(checks, values):
    # Turnover ("nearly 9%") against its two flows (8.8% and 8.2%): a sum's change lies between its parts'.
    parts = sorted([values["003-f08"], values["003-f09"]])
    assert parts == [-8.8, -8.2]
    total_low, total_high = values["003-f05"], values["003-f05"] + 1  # "nearly 9": just under 9 in size
    assert total_low <= parts[0] + 0.05 and parts[0] - 0.05 <= total_high
    row = checks.loc["003-c01"]
    assert row["expected"] == "between -8.85 and -8.15 percent (the changes of its parts 003-f08, 003-f09)"
    assert row["status"] == "consistent"


def test_conversion_recomputed(checks, values):
    # "approximately 1.03 trillion yuan (around US$145 billion)"
    rate = values["003-f06"] / values["003-f07"]
    assert round(rate, 3) == 7.103
    row = checks.loc["003-c02"]
    assert f"{rate:.3f} CNY per USD" in row["found"]
    assert row["expected"] == "a rate between 7.1 and 7.17 CNY per USD"
    assert 7.10 <= rate <= 7.17 and row["status"] == "consistent"


DISCREPANCIES = [
    # check, figure, kind, the reference's reading, the article's reading
    ("000-c03", "000-f02", "currency", "US$68mn of CNC tools in July 2023", "£68 million worth of equipment in July"),
    ("000-c04", "000-f03", "currency", "US$6.5mn in February 2022", "£6.5 million in February 2022"),
    ("000-c05", "000-f04", "scope",
     "Chinese-origin CNC devices were 57 per cent of Russian imports of CNC tools by value in July 2023",
     "machine tools of Chinese origin constituted 57% of Russia's total imports in July"),
    ("000-c06", "000-f05", "scope", "12 per cent of Russian imports of CNC tools before the war",
     "the pre-war figure of only 12% (of \"Russia's total imports\", as the sentence frames it)"),
    ("003-c07", "003-f05", "hedge", "total trade fell 9.4% to US$143.8 billion over January-August 2025 (US dollar terms)",
     "the overall trade turnover has decreased by nearly 9% in the first eight months of 2025"),
    ("003-c10", "003-f08", "direction", "China's exports to Russia fell 8.8% over January-August 2025",
     "Russian exports to China fell by 8.8%"),
    ("003-c11", "003-f08", "direction", "China's exports to Russia fell 8.8% to US$64.8 billion over January-August 2025",
     "Russian exports to China fell by 8.8%"),
    ("003-c12", "003-f09", "direction", "China's imports from Russia fell 8.2% over January-August 2025",
     "imports from China decreased by 8.2%"),
    ("003-c13", "003-f09", "direction", "imports from Russia fell 8.2% to US$79 billion over January-August 2025",
     "imports from China decreased by 8.2%"),
]


def test_the_discrepancies_are_exactly_these(checks):
    found = checks[checks["status"] == "discrepancy"]
    assert sorted(found.index) == sorted(row[0] for row in DISCREPANCIES)


@pytest.mark.parametrize("expected", DISCREPANCIES, ids=[row[0] for row in DISCREPANCIES])
def test_discrepancy(checks, expected):
    check_id, figure_id, kind, reference_reading, article_reading = expected
    row = checks.loc[check_id]
    assert (row["figure_id"], row["kind"], row["expected"], row["found"]) == (figure_id, kind, reference_reading, article_reading)


def test_discrepancies_helper_sets_both_readings_side_by_side():
    frame = crt.discrepancies()
    assert list(frame["check_id"]) == [row[0] for row in DISCREPANCIES]
    row = frame.set_index("check_id").loc["003-c10"]
    assert (row["text"], row["value"], row["flow_from"], row["flow_to"]) == ("8.8%", -8.8, "russia", "china")
    assert row["publisher"] == "The Kyiv Independent"
    assert row["url"] == "https://kyivindependent.com/chinas-exports-to-russia-see-sharpest-decline-in-6-months"


def test_check_status_of_figures(tables):
    status = tables["figures"].set_index("figure_id")["check_status"]
    assert status["003-f01"] == "unverified"  # no reference speaks to the 3-4 micron precision
    assert status["000-f01"] == "consistent"
    assert sorted(status[status == "discrepancy"].index) == ["000-f02", "000-f03", "000-f04", "000-f05", "003-f05", "003-f08", "003-f09"]


def test_as_written_values_are_kept(tables):
    figures = tables["figures"].set_index("figure_id")
    assert figures.loc["000-f02", ["value", "unit"]].tolist() == [68_000_000, "GBP"]
    assert figures.loc["003-f08", ["flow_from", "flow_to"]].tolist() == ["russia", "china"]


def test_references_fix_what_the_articles_leave_implicit(checks, tables):
    assert checks.loc["003-c04", "settles"] == '"last year" is 2024'
    assert checks.loc["003-c06", "settles"] == 'the year of "in July" is 2025'
    sources = tables["sources"].set_index("source_id")
    assert sources.loc["000_b9924b3dcfb55283", "published_reference_id"] == "ft-2024-01-02"
    assert str(sources.loc["000_b9924b3dcfb55283", "published_earliest"].date()) == "2024-01-02"


def test_changing_an_amount_flips_the_multiple_check(project):
    path = project / "annotations" / "000_b9924b3dcfb55283.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 6500000", "value: 5000000"), encoding="utf-8")
    rows = build.build_tables(project, build.json.loads((project / "datapackage.json").read_text(encoding="utf-8")))
    check = next(row for row in rows["checks"] if row["check_id"] == "000-c01")
    assert (check["status"], check["kind"]) == ("discrepancy", "arithmetic")
    assert check["expected"].startswith("68,000,000 / 5,000,000 = 13.60")
    figure = next(row for row in rows["figures"] if row["figure_id"] == "000-f01")
    assert figure["check_status"] == "discrepancy"


def test_changing_a_part_flips_the_parts_check(project):
    path = project / "annotations" / "003_c75e6f810a717f86.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: -8.2", "value: -3.2"), encoding="utf-8")
    rows = build.build_tables(project, build.json.loads((project / "datapackage.json").read_text(encoding="utf-8")))
    check = next(row for row in rows["checks"] if row["check_id"] == "003-c01")
    assert check["status"] == "consistent"  # -9 < x <= -8 still overlaps -8.85 .. -3.15
    path.write_text(path.read_text(encoding="utf-8").replace("value: -8.8", "value: -4.8"), encoding="utf-8")
    rows = build.build_tables(project, build.json.loads((project / "datapackage.json").read_text(encoding="utf-8")))
    check = next(row for row in rows["checks"] if row["check_id"] == "003-c01")
    assert check["status"] == "discrepancy"
